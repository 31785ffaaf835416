"""Build the thirty-second independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the component fixtures that the
npm package nhsuk-frontend 10.6.1 ships (the NHS.UK design system's example content, taken from NHS website pages:
chickenpox advice, blister first aid, a table of skin symptoms beside impetigo, a stretch-marks image, and the forms
and messages of NHS services), copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent32.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(32)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "NHS.UK design-system component fixtures (npm nhsuk-frontend 10.6.1 dist/nhsuk/components/*/fixtures.json)"
UNIT_KEY = re.compile(r"NHSUK:([a-z0-9-]+):[0-9]+\.[0-9]+")
# every real unit is a piece of an NHS web page's content or of a service's form: one style
STYLE = "nhspage"
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """One style for every real unit."""
    return STYLE


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent32.jsonl")
