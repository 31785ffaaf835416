"""Whole results for captions seen before, for batch tagging (`Tagger.tag_many`).

Real corpora repeat captions (a dataset's template sentence, a figure legend reused across panels, a
lecture's repeated line): about a fifth of the million benchmark's captions repeat, and tagging one costs
~150 us of Python while copying its result back costs a few. The tagger's output depends on the text alone
(the ontology and settings are fixed when it is built), so a repeated text can take its earlier result.

- Only a text seen before is stored (a set of the hashes of texts seen once decides: most captions never
  repeat, and storing each would cost memory for nothing); a hash collision only stores a result early.
- Memory is bounded: at most `size` results and `seen` hashes, each cleared when full; texts longer than
  `max_chars` are never stored.
- Callers cannot change what is stored: the store keeps its own copy, and every hit gets a fresh copy
  (new `Match` objects, new lists), so a caller editing its result changes nothing for the next caller.
"""

from __future__ import annotations

import dataclasses
from typing import Any


def copy_result(res: Any) -> Any:
    """A copy of a `TagResult` (or a `Match`) that shares no list or dataclass object with it (strings and
    numbers are shared, being immutable). Generic over the dataclasses' fields, so a field added later is
    copied too: each class gets a copier written from its fields once (as `dataclasses` writes `__init__`),
    which costs about what building the object costs."""
    copier = _COPIERS.get(type(res))
    if copier is None:
        copier = _copier(type(res))
    return copier(res)


_COPIERS: dict[type, Any] = {}
_IMMUTABLE = {"str", "int", "float", "bool", "None", "str | None", "int | None", "float | None", "bool | None"}
_FLAT_LISTS = {"list[str]", "list[int]", "list[float]", "list[bool]"}


def _copier(cls: type) -> Any:
    """`lambda o: cls(o.a, o.b[:], _copy(o.c), ...)` for `cls`'s fields: an attribute as it is when its
    annotation says immutable, a slice for a list of immutables, a deep copy for anything else."""
    def expr(f) -> str:
        t = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", repr(f.type))
        t = t.replace("typing.", "").replace("List[", "list[").strip()
        if t in _IMMUTABLE:
            return f"o.{f.name}"
        if t in _FLAT_LISTS:
            return f"o.{f.name}[:]"
        return f"_copy(o.{f.name})"

    fields = dataclasses.fields(cls)
    args = ", ".join(expr(f) for f in fields if f.init)
    late = "".join(f"\n    out.{f.name} = {expr(f)}" for f in fields if not f.init)
    src = f"def copy(o):\n    out = _cls({args}){late}\n    return out\n"
    scope = {"_cls": cls, "_copy": _copy}
    exec(src, scope)  # noqa: S102 - the source is built from the dataclass's own field names
    _COPIERS[cls] = scope["copy"]
    return scope["copy"]


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})


def _copy(v: Any) -> Any:
    t = type(v)
    if t in _PLAIN:
        return v
    if t is list:
        return [_copy(x) for x in v]
    if t is dict:
        return {k: _copy(x) for k, x in v.items()}
    if t in _COPIERS or (dataclasses.is_dataclass(v) and not isinstance(v, type)):
        return copy_result(v)
    return v  # tuples of immutables and other values the tagger never puts in a result


class ResultCache:
    """Results of repeated texts (see the module docstring). Not shared between processes: each forked
    worker fills its own."""

    def __init__(self, size: int = 32_768, seen: int = 262_144, max_chars: int = 1_000):
        self.size, self.seen_size, self.max_chars = size, seen, max_chars
        self.store: dict[str, Any] = {}
        self.seen: set[int] = set()
        self.hits = 0

    def get(self, text: str) -> Any | None:
        """A fresh copy of the stored result of `text`, or None."""
        got = self.store.get(text)
        if got is None:
            return None
        self.hits += 1
        return copy_result(got)

    def put(self, text: str, res: Any) -> None:
        """Note `text` was tagged to `res`: stored (as a private copy) the second time it is seen."""
        if len(text) > self.max_chars:
            return
        h = hash(text)
        if h in self.seen:
            if len(self.store) >= self.size:
                self.store.clear()
            self.store[text] = copy_result(res)
        else:
            if len(self.seen) >= self.seen_size:
                self.seen.clear()
            self.seen.add(h)
