"""Build the thirty-sixth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the MedMCQA questions (India's
AIIMS / NEET-PG medical entrance exams) that the PyPI package evals 3.0.1.post1 bundles in its registry
(`evals/registry/data/medmcqa/samples.jsonl`), each question's stem copied by `extract.py` into `units.txt`.
Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent36.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(36)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "MedMCQA exam questions (PyPI evals 3.0.1.post1 evals/registry/data/medmcqa/samples.jsonl)"
UNIT_KEY = re.compile(r"MEDMCQA:[1-9][0-9]*")
# a MedMCQA stem that opens with the patient ("A 45-year-old woman ...", "An ill 16 days old baby ...", "A labourer
# ...") is a clinical vignette; any other is a question: two styles
VIGNETTE = re.compile(r"(A|An) (ill |young |previously healthy |healthy )?([0-9]+[- ]?(year|yr|month|week|day|hour)s?[- ]old|"
                      r"[0-9]+-year (female|male)|labourer|patient|athelete|middle aged|female|male|man|woman|lady|"
                      r"child)\b|[0-9]+ (year|yr)s? old |Middle aged |Child with |[A-Z][a-z]+ is [0-9]+ weeks pregnant")
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """A clinical vignette when the stem opens with the patient (`VIGNETTE`), a question otherwise."""
    return "mcqvignette" if VIGNETTE.match(text) else "mcqquestion"


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent36.jsonl")
