"""Build the thirtieth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the PLOS research articles (JATS
XML, each CC BY or CC0) that the PyPI source archive of allofplos 1.0.0rc3 ships as its starter corpus: article
titles, abstract, caption and body sentences (a leprosy trial, a melanoma expression study and many non-skin
articles), copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent30.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(30)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "PLOS article text (PyPI sdist allofplos 1.0.0rc3 starter corpus; CC BY / CC0)"
UNIT_KEY = re.compile(r"PLOS:journal\.[a-z]+\.[0-9]+\.xml:(title|abstract|caption|body)\.[0-9]+")
# where a unit stands in its article -> the row's style
STYLE = {"title": "title", "abstract": "abstract", "caption": "figcaption", "body": "article"}
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """Where the unit stands in its article: `STYLE` of the key's part."""
    return STYLE[UNIT_KEY.fullmatch(key).group(1)]


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent30.jsonl")
