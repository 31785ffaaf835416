"""Build the twenty-eighth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the clinical texts two
clinical-NLP packages ship in their PyPI source archives (Apache-2.0): cumulus-etl's study annotation guides (what a
chart reviewer marks present, absent, suspected or historical) and ctakesclient's synthetic test notes, copied by
`extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent28.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(28)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCES = {"CUMULUS": "clinical-NLP package text (PyPI sdist cumulus-etl 4.3.6, Apache-2.0)",
           "CTAKES": "clinical-NLP package text (PyPI sdist ctakesclient 5.1.0, Apache-2.0)"}
UNIT_KEY = re.compile(r"(CUMULUS|CTAKES):[A-Za-z0-9][A-Za-z0-9_./-]*\.[0-9]+")
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """A cumulus-etl text is a guide, a ctakesclient text a note."""
    return "guide" if key.split(":")[0] == "CUMULUS" else "note"


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent28.jsonl")
