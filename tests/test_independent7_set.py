"""The frozen seventh independent evaluation set (benchmarks/tagger/independent7/) is well-formed and says what its
README says. These tests read the set file, the ontology and the earlier sets only; they never run a tagger (the set is
held out: it is scored once, by the coordinator, after the tuning round)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from derm1m_build.ontology import load_ontology
from frozen_set_checks import label_problems, node_problems, schema_problems

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent7"
SET = HERE / "independent7.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           ROOT / "benchmarks/tagger/independent2/independent2.jsonl",
           ROOT / "benchmarks/tagger/independent3/independent3.jsonl",
           ROOT / "benchmarks/tagger/independent4/independent4.jsonl",
           ROOT / "benchmarks/tagger/independent5/independent5.jsonl",
           ROOT / "benchmarks/tagger/independent6/independent6.jsonl")
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


def _rows(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            # set 1's metadata_rows.jsonl stores [style, source, text, conditions, concepts, label] lists
            out.append(obj if isinstance(obj, dict) else {"text": obj[2]})
    return out


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _rows(SET)


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_every_row_has_the_schema_and_a_unique_sequential_id(rows):
    assert schema_problems(rows, "in7", 400) == []


def test_every_condition_and_concept_is_an_ontology_node_listed_once(rows, onto):
    assert node_problems(rows, onto) == []


def test_disease_label_is_an_asserted_or_uncertain_condition_of_the_text_or_empty(rows, onto):
    assert label_problems(rows, onto) == []


def test_no_text_is_repeated_here(rows):
    assert [t for t, n in Counter(_norm(r["text"]) for r in rows).items() if n > 1] == []


def test_no_text_is_shared_with_the_gold_set_or_sets_1_to_6_exactly_or_normalised(rows):
    mine = [r["text"].strip() for r in rows]
    earlier = {r["text"].strip() for p in EARLIER for r in _rows(p)}
    earlier_norm = {_norm(t) for t in earlier}
    assert len(earlier) > 2900
    assert [t for t in mine if t in earlier or _norm(t) in earlier_norm] == []


def test_the_normalised_overlap_check_catches_a_respaced_recased_copy():
    from benchmarks.tagger.independent7 import build
    assert build.normalise("Keratosis,  SEBORRHOEIC!") == build.normalise("keratosis seborrhoeic")
    assert build.normalise("BCC, pigmented") != build.normalise("BCC, nodular")


def test_every_row_names_its_source_real_or_written(rows):
    for r in rows:
        if r["source"].startswith("written"):
            assert re.fullmatch(r"written for this set \(written_[a-d]\.txt\)", r["source"]), r["id"]
            assert r["style"] not in ("title", "abstract", "metadata"), r["id"]
        else:
            assert r["source"].startswith(REAL_SOURCES), r["id"]


def test_the_counts_are_the_ones_the_readme_states(rows):
    from benchmarks.tagger.independent7 import build
    assert build.summary(rows) == README_FIGURES
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    for key in ("texts", "distinct_conditions", "negated", "uncertain", "empty_labels", "real"):
        assert f"{README_FIGURES[key]} " in readme, key
    for style, n in README_FIGURES["styles"].items():
        assert f"| {style} | {n} |" in readme, style


def test_the_readme_states_the_freeze_commit_and_its_time():
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    assert "frozen before evaluation" in readme
    assert re.search(r"committed at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC", readme), "freeze time missing"


def test_the_set_covers_the_issue_families(rows):
    conds = [c for r in rows for c in r["conditions"]]
    assert 0.25 <= sum(c[0] in "!?" for c in conds) / len(conds) <= 0.45
    assert 0.18 <= sum(not r["disease_label"] for r in rows) / len(rows) <= 0.3
    assert sum(not r["source"].startswith("written") for r in rows) >= 0.35 * len(rows)
    group_nodes = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
                   "vascular-malformations"}
    assert group_nodes <= {r["disease_label"] for r in rows}
    styles = {r["style"] for r in rows}
    assert {"selfcorrection", "scope", "falsefriend", "forum", "hedged", "lay", "abbreviation", "inverted",
            "group", "negation", "lecture", "caption", "title", "abstract", "metadata"} <= styles


@pytest.mark.skipif(not REALDATA, reason="the real source files (../shared/realdata) are not in this checkout")
def test_the_builder_reproduces_the_frozen_file_exactly(rows):
    from benchmarks.tagger.independent7 import build
    assert build.rows() == rows


@pytest.mark.skipif(not REALDATA, reason="the real source files (../shared/realdata) are not in this checkout")
def test_the_builder_refuses_a_text_of_an_earlier_set(monkeypatch):
    from benchmarks.tagger.independent7 import build
    earlier = _rows(EARLIER[-1])[0]["text"]
    original = build.metadata_rows.rows

    def with_copy(taken, normalise):
        return original(taken, normalise) + [("metadata", "copy", "  " + earlier.upper() + " ", [], [], "")]
    monkeypatch.setattr(build.metadata_rows, "rows", with_copy)
    with pytest.raises(AssertionError):
        build.rows()
