"""The frozen seventh independent evaluation set (benchmarks/tagger/independent7/) is well-formed and says what its
README says. These tests read the set file, the ontology and the earlier sets only; they never run a tagger (the set is
held out: it is scored once, by the coordinator, after the tuning round)."""
from __future__ import annotations

from pathlib import Path

import pytest

from frozen_set_checks import (SetContract, any_rows, earlier_paths, family_problems, readme_problems, set_fixtures,
                               source_problems)

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent7"
SET = HERE / "independent7.jsonl"
EARLIER = earlier_paths(7)
REAL_SOURCES = ("pubmed title PMID ", "pubmed abstract PMID ", "doid_skin_disease_subtree_2016.tsv DOID:",
                "pypi sdist dermequity-2.0.0 README.md (MIT)", "fitzpatrick17k.csv md5 ", "ddi_metadata.csv DDI_ID ",
                "HAM10000_metadata.csv ", "PAD-UFES-20 metadata.csv ", "ISIC_2020_Training_GroundTruth.csv ",
                "derm7pt meta.csv case_num ")
REALDATA = Path("/work/shared/realdata").is_dir() or (ROOT / "../shared/realdata").is_dir()
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 597, "distinct_conditions": 306, "distinct_labels": 268, "distinct_concepts": 92,
    "condition_mentions": 675, "negated": 61, "uncertain": 153, "empty_labels": 153, "real": 273,
    "styles": {"abbreviation": 15, "abstract": 95, "abstract_written": 11, "caption": 17, "case": 8,
               "differential": 5, "falsefriend": 22, "forum": 30, "group": 22, "hedged": 21, "inverted": 14,
               "lay": 19, "lecture": 32, "metadata": 166, "metadata_written": 11, "negation": 21, "nonderm": 6,
               "scope": 22, "selfcorrection": 22, "subtype": 6, "symptom": 8, "title": 11, "title_written": 13},
}


rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(SetContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in7", 400, 2900


def test_the_normalised_overlap_check_catches_a_respaced_recased_copy():
    from benchmarks.tagger.independent7 import build
    assert build.normalise("Keratosis,  SEBORRHOEIC!") == build.normalise("keratosis seborrhoeic")
    assert build.normalise("BCC, pigmented") != build.normalise("BCC, nodular")


def test_every_row_names_its_source_real_or_written(rows):
    assert source_problems(rows, REAL_SOURCES) == []


def test_the_counts_and_the_freeze_are_the_ones_the_readme_states(rows):
    from benchmarks.tagger.independent7 import build
    assert readme_problems(build.summary(rows), README_FIGURES, (HERE / "README.md").read_text(encoding="utf-8")) == []


def test_the_set_covers_the_issue_families(rows):
    assert family_problems(rows) == []


@pytest.mark.skipif(not REALDATA, reason="the real source files (../shared/realdata) are not in this checkout")
def test_the_builder_reproduces_the_frozen_file_exactly(rows):
    from benchmarks.tagger.independent7 import build
    assert build.rows() == rows


@pytest.mark.skipif(not REALDATA, reason="the real source files (../shared/realdata) are not in this checkout")
def test_the_builder_refuses_a_text_of_an_earlier_set(monkeypatch):
    from benchmarks.tagger.independent7 import build
    earlier = any_rows(EARLIER[-1])[0]["text"]
    original = build.metadata_rows.rows

    def with_copy(taken, normalise):
        return original(taken, normalise) + [("metadata", "copy", "  " + earlier.upper() + " ", [], [], "")]
    monkeypatch.setattr(build.metadata_rows, "rows", with_copy)
    with pytest.raises(AssertionError):
        build.rows()
