"""Build the forty-fourth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the fortune cookie files of BSD
fortune(6) (quotations, jokes, definitions and songs: `Straw? No, too stupid a fad. I put soot on warts.`, `If rash
develops, discontinue use.`), as Debian's package `fortunes` 1:1.99.1-7.3 ships them in `/usr/share/games/fortunes/`,
each copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent44.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(44)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "BSD fortune cookie files (Debian fortunes 1:1.99.1-7.3 /usr/share/games/fortunes)"
UNIT_KEY = re.compile(r"FORTUNE:[a-z-]+:[1-9][0-9]*")
# every unit is a fortune cookie (a quotation, joke, definition, song or saying), kept as the file holds it: one style
REAL_STYLE = "fortune"
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """One style for every real unit."""
    return REAL_STYLE


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent44.jsonl")
