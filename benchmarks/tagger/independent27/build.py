"""Build the twenty-seventh independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the example resources of four
HL7 FHIR implementation guides on npm (CC0): the CTCAE adverse-event terms of the SDC guide's adverse-event report
form, and the record texts (code displays, questions, notes) of the IPS, mCODE, SDC and genomics-reporting examples,
copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent27.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(27)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCES = {"IPS": "HL7 FHIR IG example text (npm hl7.fhir.uv.ips 2.0.0, CC0)",
           "MCODE": "HL7 FHIR IG example text (npm hl7.fhir.us.mcode 4.0.0, CC0)",
           "SDC": "HL7 FHIR IG example text (npm hl7.fhir.uv.sdc 4.0.0-ballot, CC0)",
           "GENOMICS": "HL7 FHIR IG example text (npm hl7.fhir.uv.genomics-reporting 3.0.0, CC0)"}
UNIT_KEY = re.compile(r"(IPS|MCODE|SDC|GENOMICS):[A-Za-z0-9][A-Za-z0-9_.-]*\.[0-9]+(ae)?")
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """An adverse-event term (a key ending `ae`) or a record's text."""
    return "aeterm" if key.endswith("ae") else "record"


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent27.jsonl")
