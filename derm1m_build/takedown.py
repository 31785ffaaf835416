"""Takedown / opt-out: rows that must leave the dataset, and the one filter that removes them.

A `RemovalList` names rows four ways: sample ids, source URLs, image sha256s and group ids (a whole
video, article, thread or patient). The recipe's `[build] takedown = "takedown.txt"` is read into one;
other features that must drop rows from the shipped dataset (e.g. corrections flagged `remove`) build
theirs with `RemovalList.from_entries` and `merge` it in (`removal_for`: the takedown list and the
reviewers' `remove` flags of `[tag] corrections`): the writer applies one list.

The filter runs where the dataset is written (`dataset/writer.py`), after every stage, so removing a
row changes nothing else: no split, duplicate cluster or caption of another row moves, and every other
byte of the dataset stays as it was. Exports and the report are made from the dataset, so the rows and
their images leave those too. The dataset manifest records how many rows were removed and the list's
digest, never which rows.

File format, one entry a line (`#` starts a comment):

    3f2a9c0d1e4b5a6c7d8e              a sample id (20 hex digits)
    https://example.org/photo/17      a source URL (anything with ://)
    e3b0c442...b855                   an image sha256 (64 hex digits)
    youtube:dQw4w9WgXcQ               a group id (anything else)
    sample:ID  url:URL  sha256:HEX  group:ID   the same, said explicitly
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.compute as pc

from derm1m_build.errors import UserError
from derm1m_build.hashing import digest_obj

KINDS = ("sample", "url", "sha256", "group")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_HEX20 = re.compile(r"^[0-9a-f]{20}$")


def classify(entry: str) -> tuple[str, str]:
    """(kind, value) of one list entry."""
    for kind in KINDS:
        if entry.startswith(kind + ":") and not entry.startswith(kind + "://"):
            value = entry[len(kind) + 1:].strip()
            return kind, (value.lower() if kind == "sha256" else value)
    if "://" in entry:
        return "url", entry
    if _HEX64.match(entry.lower()):
        return "sha256", entry.lower()
    if _HEX20.match(entry):
        return "sample", entry
    return "group", entry


@dataclass(frozen=True)
class RemovalList:
    sample: frozenset[str] = field(default_factory=frozenset)
    url: frozenset[str] = field(default_factory=frozenset)
    sha256: frozenset[str] = field(default_factory=frozenset)
    group: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, str]]) -> "RemovalList":
        sets: dict[str, set[str]] = {k: set() for k in KINDS}
        for kind, value in entries:
            if kind not in sets:
                raise ValueError(f"unknown removal kind {kind!r}; one of {KINDS}")
            if value:
                sets[kind].add(value)
        return cls(**{k: frozenset(v) for k, v in sets.items()})

    @classmethod
    def parse(cls, text: str) -> "RemovalList":
        entries = []
        for line in text.splitlines():
            line = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()  # a URL's #fragment is no comment
            if line:
                entries.append(classify(line))
        return cls.from_entries(entries)

    @classmethod
    def from_file(cls, path: Path) -> "RemovalList":
        try:
            return cls.parse(Path(path).read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise UserError(f"takedown list {path} not found (build.takedown in the recipe)") from None
        except (OSError, UnicodeDecodeError) as e:
            raise UserError(f"takedown list {path}: cannot be read as UTF-8 text ({e})") from None

    def merge(self, other: "RemovalList") -> "RemovalList":
        return RemovalList(*(getattr(self, k) | getattr(other, k) for k in KINDS))

    def __bool__(self) -> bool:
        return any(getattr(self, k) for k in KINDS)

    def __len__(self) -> int:
        return sum(len(getattr(self, k)) for k in KINDS)

    def digest(self) -> str:
        return digest_obj({k: sorted(getattr(self, k)) for k in KINDS})

    def mask(self, table: pa.Table) -> pa.Array:
        """True for each row the list removes. Reads sample_id, source_url, group_id, image_sha256 and
        the sha256 in the content-addressed filename (a row whose face was blurred points at new bytes)."""
        n = table.num_rows
        out = pa.array([False] * n, pa.bool_())

        def hit(col: str, values: frozenset[str], transform=None) -> None:
            nonlocal out
            if not values or col not in table.column_names:
                return
            arr = table[col].cast(pa.string())
            if transform is not None:
                arr = transform(arr)
            out = pc.or_(out, pc.fill_null(pc.is_in(arr, pa.array(sorted(values), pa.string())), False))

        hit("sample_id", self.sample)
        hit("source_url", self.url)
        hit("group_id", self.group)
        hit("image_sha256", self.sha256)
        hit("filename", self.sha256,
            lambda a: pc.struct_field(pc.extract_regex(a, r"(?P<sha>[0-9a-f]{64})\.[A-Za-z0-9]+$"), "sha"))
        return out.combine_chunks() if isinstance(out, pa.ChunkedArray) else out

    def apply(self, table: pa.Table) -> tuple[pa.Table, int]:
        """The rows the list leaves, and how many it removed."""
        if not self or table.num_rows == 0:
            return table, 0
        m = self.mask(table)
        removed = pc.sum(m).as_py() or 0
        return (table.filter(pc.invert(m)) if removed else table), removed


def removal_for(recipe) -> RemovalList | None:
    """Everything the recipe says must leave the dataset, or None: the takedown list
    (`[build] takedown`) merged with the rows reviewers flagged `remove` in `[tag] corrections`."""
    if recipe is None:
        return None
    out = RemovalList.from_file(recipe.resolve(recipe.build.takedown)) if recipe.build.takedown else RemovalList()
    tag = recipe.section("tag")
    if getattr(tag, "corrections", None):
        from derm1m_build.audit import corrections

        path = recipe.resolve(tag.corrections)
        out = out.merge(corrections.removal_list(corrections.read(path)))
    return out or None
