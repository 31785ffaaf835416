"""Build the forty-seventh independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the items of Social IQa's test
split (`Austin got a really bad sunburn and decided to stay inside. How would Austin feel afterwards? ...`,
`Jesse had to take Austin to the hospital to treat her wounds from the dog bite. ...`), as the PyPI sdist `evals`
3.0.1.post1 ships them, each copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent47.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(47)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = ("Social IQa test items (PyPI evals 3.0.1.post1 "
          "evals/registry/data/theory_of_mind/socialiqa/test.jsonl)")
UNIT_KEY = re.compile(r"SIQA:[1-9][0-9]*")
# every unit is one item of the file (a situation, its question and three answers): one style
REAL_STYLE = "socialiqa"
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """One style for every real unit."""
    return REAL_STYLE


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent47.jsonl")
