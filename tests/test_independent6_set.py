"""The frozen sixth independent evaluation set (benchmarks/tagger/independent6/) is well-formed and says what its README
says. These tests read the set file, the ontology and the earlier sets only; they never run a tagger (the set is held
out: it is scored once, by the coordinator, after the tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from frozen_set_checks import SetContract, any_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "benchmarks/tagger/independent6/independent6.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent2/independent2.jsonl",
           ROOT / "benchmarks/tagger/independent3/independent3.jsonl",
           ROOT / "benchmarks/tagger/independent4/independent4.jsonl",
           ROOT / "benchmarks/tagger/independent5/independent5.jsonl")
REAL_SOURCES = ("pubmed title PMID ", "pubmed abstract PMID ", "jats caption (", "fitzpatrick17k.csv md5 ",
                "ddi_metadata.csv DDI_ID ", "HAM10000_metadata.csv ", "PAD-UFES-20 metadata.csv ",
                "ISIC_2020_Training_GroundTruth.csv ", "derm7pt meta.csv case_num ")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 567, "distinct_conditions": 306, "distinct_labels": 271, "distinct_concepts": 105,
    "condition_mentions": 664, "negated": 73, "uncertain": 137, "empty_labels": 129, "real": 198,
    "styles": {"abbreviation": 14, "abstract": 56, "abstract_written": 10, "caption": 25, "case": 12,
               "differential": 5, "falsefriend": 22, "forum": 38, "group": 27, "hedged": 25, "inverted": 14,
               "jats_caption": 4, "lay": 18, "lecture": 39, "metadata": 108, "metadata_written": 22,
               "negation": 25, "nonderm": 5, "scope": 22, "selfcorrection": 20, "subtype": 6, "symptom": 8,
               "title": 30, "title_written": 12},
}


rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(SetContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in6", 400, 2400


def test_the_normalised_overlap_check_catches_a_respaced_recased_copy():
    from benchmarks.tagger.independent6 import build
    assert build.normalise("Nevus,  DYSPLASTIC!") == build.normalise("nevus dysplastic")
    assert build.normalise("BCC, pigmented") != build.normalise("BCC, nodular")


def test_every_row_names_its_source_real_or_written(rows):
    for r in rows:
        if r["source"].startswith("written"):
            assert re.fullmatch(r"written for this set \(written_[a-d]\.txt\)", r["source"]), r["id"]
            assert r["style"] not in ("title", "abstract", "metadata", "jats_caption"), r["id"]
        else:
            assert r["source"].startswith(REAL_SOURCES), r["id"]


def test_the_counts_are_the_ones_the_readme_states(rows):
    from benchmarks.tagger.independent6 import build
    assert build.summary(rows) == README_FIGURES
    readme = (ROOT / "benchmarks/tagger/independent6/README.md").read_text(encoding="utf-8")
    for key in ("texts", "distinct_conditions", "negated", "uncertain", "empty_labels", "real"):
        assert f"{README_FIGURES[key]} " in readme, key
    for style, n in README_FIGURES["styles"].items():
        assert f"| {style} | {n} |" in readme, style


def test_the_set_covers_the_issue_families(rows):
    conds = [c for r in rows for c in r["conditions"]]
    assert 0.25 <= sum(c[0] in "!?" for c in conds) / len(conds) <= 0.45
    assert 0.18 <= sum(not r["disease_label"] for r in rows) / len(rows) <= 0.3
    group_nodes = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
                   "vascular-malformations"}
    labels = {r["disease_label"] for r in rows}
    assert group_nodes <= labels


@pytest.mark.skipif(not Path("/work/shared/realdata").is_dir() and not (ROOT / "../shared/realdata").is_dir(),
                    reason="the real source files (../shared/realdata) are not in this checkout")
def test_the_builder_reproduces_the_frozen_file_exactly(rows):
    from benchmarks.tagger.independent6 import build
    assert build.rows() == rows


@pytest.mark.skipif(not Path("/work/shared/realdata").is_dir() and not (ROOT / "../shared/realdata").is_dir(),
                    reason="the real source files (../shared/realdata) are not in this checkout")
def test_the_builder_refuses_a_text_of_an_earlier_set(monkeypatch):
    from benchmarks.tagger.independent6 import build
    earlier = any_rows(EARLIER[-1])[0]["text"]
    original = build.metadata_rows.rows

    def with_copy(taken):
        return original(taken) + [("metadata", "copy", "  " + earlier.upper() + " ", [], [], "")]
    monkeypatch.setattr(build.metadata_rows, "rows", with_copy)
    with pytest.raises(AssertionError):
        build.rows()
