"""Build the fortieth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from the other half of set 39's source, never from the tagger: the ISIC Archive's
hierarchical diagnosis terms (`Malignant:Malignant epidermal proliferations:Keratoacanthoma`) as the PyPI package
isic-metadata 4.12.0 defines them (`isic_metadata/diagnosis_hierarchical.py`, class `DiagnosisEnum`), the 207
candidates set 39 did not take, each copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set, set 39 included (exactly, or after normalisation), that no written text comes too close to an
earlier one, and that every id is an ontology node; it writes `independent40.jsonl` only when every check passes. It
never runs a tagger and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(40)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "ISIC Archive diagnosis terms, second half (PyPI isic-metadata 4.12.0 isic_metadata/diagnosis_hierarchical.py)"
UNIT_KEY = re.compile(r"ISICDX:[a-z][a-z0-9_]*")
# every unit is a dataset's label for one image, written as the archive writes it: one style
REAL_STYLE = "metadata"
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """One style for every real unit."""
    return REAL_STYLE


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent40.jsonl")
