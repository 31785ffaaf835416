"""Build the forty-fifth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the game text of Cataclysm: Dark
Days Ahead (`You have a nasty bite wound.`, `I had a nasty headache that lasted a few days, but no cuts or
bruises.`), the strings of the base game's JSON files as Debian's package cataclysm-dda-data 0.F-3-9 ships them,
each copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent45.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(45)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "Cataclysm: Dark Days Ahead game text (Debian cataclysm-dda-data 0.F-3-9 usr/share/games/cataclysm-dda/json)"
UNIT_KEY = re.compile(r"CDDA:json/[A-Za-z0-9_./-]+\.json:[1-9][0-9]*")
# every unit is a string of the game's data (a line, a message, a description, a note): one style
REAL_STYLE = "gametext"
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """One style for every real unit."""
    return REAL_STYLE


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent45.jsonl")
