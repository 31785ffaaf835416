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


def _lines(name: str):
    return set_build.read_lines(HERE / name)


def taken_texts() -> set[str]:
    return set_build.taken_texts(OTHER_SETS)


def units() -> dict[str, str]:
    """KEY -> the unit, read from the verbatim copy in units.txt."""
    return set_build.read_units(HERE / "units.txt", UNIT_KEY)


def style(key: str, text: str) -> str:
    """Where the unit stands in its article: `STYLE` of the key's part."""
    return STYLE[UNIT_KEY.fullmatch(key).group(1)]


def rows() -> list[dict]:
    """The set's rows, refused unless every check passes; `_lines` and `units` are looked up here, at call time, so
    a test that replaces either on this module changes what is built."""
    taken = taken_texts()
    return set_build.build_rows(here=HERE, prefix="in30", source=SOURCE, unit_key=UNIT_KEY, style=style,
                                lines=_lines, units=units(), written=WRITTEN, taken=taken,
                                jaccard_limit=JACCARD_LIMIT)


if __name__ == "__main__":
    write(rows(), HERE / "independent30.jsonl")
