"""Reviewers' fixes as `corrections.csv`, applied by the tag stage on every later build.

A correction names a row by `sample_id` (stable across rebuilds: a hash of source, item and sub-index) or
by the image's sha256 (stable when the same image comes back under another row), a field, and the value
a reviewer gave. The tag stage applies them after tagging, so a rebuild of everything upstream re-tags
the text and then puts the reviewer's value back: the correction survives. When several corrections name
the same row and field, the latest (date, then reviewer name) wins, so the result does not depend on the
order of lines. `flag,remove` takes the row out of the dataset exactly as a takedown does: the flags
become a `takedown.RemovalList` (`removal_list`) that the dataset writer applies with the build's
takedown list, so the row and its images leave the dataset, exports, report and caches, the count is
recorded (not which), and no other row moves (the tag stage keeps flagged rows; nothing upstream of
the writer changes).

Columns: key, field, value, reviewer, date. Fields: disease_label (an ontology condition name or id; the
hierarchical label and ontology caption follow from it), skin_concept, body_location, caption, flag.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from derm1m_build.errors import UserError

COLUMNS = ("key", "field", "value", "reviewer", "date")
FIELDS = ("disease_label", "skin_concept", "body_location", "caption", "flag")
ANSWER_FIELD = {"label": "disease_label", "concepts": "skin_concept", "site": "body_location", "caption": "caption"}
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Correction:
    key: str
    field: str
    value: str
    reviewer: str
    date: str


def read(path: Path) -> list[Correction]:
    p = Path(path)
    if not p.is_file():
        raise UserError(f"corrections file {p} not found (or not a regular file)")
    if p.stat().st_size > MAX_BYTES:
        raise UserError(f"corrections file {p} is larger than {MAX_BYTES >> 20} MB")
    text = p.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or set(COLUMNS) - set(reader.fieldnames):
        raise UserError(f"{p}: the header must name {', '.join(COLUMNS)}")
    out = []
    for i, r in enumerate(reader, start=2):
        key, field, value = (r.get("key") or "").strip(), (r.get("field") or "").strip(), r.get("value") or ""
        if not key or field not in FIELDS:
            raise UserError(f"{p}:{i}: need a key and a field among {', '.join(FIELDS)}")
        if field == "flag" and value.strip() != "remove":
            raise UserError(f"{p}:{i}: the only flag is 'remove'")
        out.append(Correction(key, field, value.strip(), (r.get("reviewer") or "").strip(), (r.get("date") or "").strip()))
    return out


def write(path: Path, corrections: Iterable[Correction]) -> None:
    from derm1m_build.store import atomic_write_text

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for c in sorted(corrections, key=lambda c: (c.key, c.field, c.date, c.reviewer, c.value)):
        w.writerow([c.key, c.field, c.value, c.reviewer, c.date])
    atomic_write_text(Path(path), buf.getvalue())


def from_answers(items: list[dict[str, Any]], answers: dict[str, dict]) -> list[Correction]:
    """Corrections from a pack's answers: each 'no' with a corrected value, and each `remove` flag."""
    by_id = {it["sample_id"]: it for it in items}
    out = []
    for rev, got in sorted(answers.items()):
        for (item, field), rec in sorted(got.items()):
            if item not in by_id:
                continue
            date = str(rec.get("at", ""))[:10]
            if field == "flag" and rec["value"] == "remove":
                out.append(Correction(item, "flag", "remove", rev, date))
            elif field in ANSWER_FIELD and rec["value"] == "no" and rec.get("correct"):
                out.append(Correction(item, ANSWER_FIELD[field], rec["correct"], rev, date))
    return out


def index(corrections: Iterable[Correction]) -> dict[str, dict[str, Correction]]:
    """key -> field -> the winning correction (latest date, then reviewer name, then value)."""
    out: dict[str, dict[str, Correction]] = {}
    for c in sorted(corrections, key=lambda c: (c.date, c.reviewer, c.value)):
        out.setdefault(c.key, {})[c.field] = c
    return out


def resolve_label(value: str, ontology: Any) -> tuple[str, str]:
    """(condition name, hierarchical label) for a reviewer's label, by node id, name or synonym."""
    if value in ontology.conditions:
        nid = value
    else:
        hits = [i for kind, i in ontology.find(value) if kind == "condition"]
        if not hits:
            raise UserError(f"correction: {value!r} is not a condition of the ontology")
        nid = sorted(hits)[0]
    return ontology.conditions[nid].name, ", ".join(ontology.path(nid))


def removal_list(corrections: Iterable[Correction]):
    """The rows reviewers flagged `remove`, as a `takedown.RemovalList` (by sample id, or by image sha256
    when the key is one), for the dataset writer to apply with the takedown list."""
    from derm1m_build.takedown import RemovalList

    entries = []
    for c in corrections:
        if c.field == "flag" and c.value == "remove":
            key = c.key.strip()
            entries.append(("sha256", key.lower()) if len(key) == 64 and all(ch in "0123456789abcdefABCDEF" for ch in key)
                           else ("sample", key))
    return RemovalList.from_entries(entries)


def apply(records: list[dict[str, Any]], idx: dict[str, dict[str, Correction]], ontology: Any,
          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """(kept rows, removed rows, corrections applied). Rows are matched by sample_id first, then image.

    A `remove` flag is not applied here (no row is removed: `removed` is empty): the writer removes
    flagged rows through `removal_list`, so nothing between here and the dataset moves."""
    from derm1m_build.tagger.labels import ONTOLOGY_TEMPLATE

    kept, removed, applied = [], [], 0
    for r in records:
        fixes = {**idx.get(r.get("image_sha256") or "", {}), **idx.get(r["sample_id"], {})}
        fixes.pop("flag", None)
        if not fixes:
            kept.append(r)
            continue
        for field, c in sorted(fixes.items()):
            if field == "disease_label":
                name, hier = resolve_label(c.value, ontology)
                r["disease_label"], r["hierarchical_disease_label"] = name, hier
                r["ontology_caption"] = ONTOLOGY_TEMPLATE.format(path=hier)
            else:
                r[field] = c.value
            applied += 1
        kept.append(r)
    return kept, removed, applied


def missing(build: Path, corrections: Iterable[Correction]) -> list[str]:
    """Keys of corrections that match no row of the finished tag stage (their row no longer exists)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from derm1m_build.store import StageStore

    keys = {c.key for c in corrections}
    if not keys:
        return []
    found: set[str] = set()
    store = StageStore(Path(build) / "work", "tag")
    want = pa.array(sorted(keys))
    for _, t in store.iter_tables(["sample_id", "image_sha256"]):
        for col in ("sample_id", "image_sha256"):
            hit = t[col].filter(pc.is_in(t[col], value_set=want))
            found.update(hit.to_pylist())
    for _, t in store.iter_excluded():
        if "reason" in t.column_names:
            rm = t.filter(pc.equal(t["reason"], "correction_remove"))
            found.update(rm["sample_id"].to_pylist())
            found.update(x for x in rm["image_sha256"].to_pylist() if x)
    return sorted(keys - found)
