"""The frozen eighth independent evaluation set (benchmarks/tagger/independent8/) is well-formed and says what its
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
HERE = ROOT / "benchmarks/tagger/independent8"
SET = HERE / "independent8.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           ROOT / "benchmarks/tagger/independent2/independent2.jsonl",
           ROOT / "benchmarks/tagger/independent3/independent3.jsonl",
           ROOT / "benchmarks/tagger/independent4/independent4.jsonl",
           ROOT / "benchmarks/tagger/independent5/independent5.jsonl",
           ROOT / "benchmarks/tagger/independent6/independent6.jsonl",
           ROOT / "benchmarks/tagger/independent7/independent7.jsonl")
REAL_SOURCES = ("pubmed title PMID ", "pubmed abstract PMID ", "doid_skin_disease_subtree_2016.tsv DOID:",
                "fitzpatrick17k.csv md5 ", "ddi_metadata.csv DDI_ID ", "HAM10000_metadata.csv ",
                "PAD-UFES-20 metadata.csv ", "ISIC_2020_Training_GroundTruth.csv ", "derm7pt meta.csv case_num ")
REALDATA = Path("/work/shared/realdata").is_dir() or (ROOT / "../shared/realdata").is_dir()
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 549, "distinct_conditions": 274, "distinct_labels": 237, "distinct_concepts": 100,
    "condition_mentions": 612, "negated": 64, "uncertain": 119, "empty_labels": 137, "real": 236,
    "styles": {"abbreviation": 16, "abstract": 53, "abstract_written": 10, "caption": 16, "case": 8,
               "differential": 5, "falsefriend": 21, "forum": 28, "group": 22, "hedged": 20, "inverted": 15,
               "lay": 20, "lecture": 30, "metadata": 172, "metadata_written": 11, "negation": 20, "nonderm": 5,
               "scope": 20, "selfcorrection": 20, "subtype": 6, "symptom": 8, "title": 11, "title_written": 12},
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
    assert schema_problems(rows, "in8", 300) == []


def test_every_condition_and_concept_is_an_ontology_node_listed_once(rows, onto):
    assert node_problems(rows, onto) == []


def test_disease_label_is_an_asserted_or_uncertain_condition_of_the_text_or_empty(rows, onto):
    assert label_problems(rows, onto) == []


def test_no_text_is_repeated_here(rows):
    assert [t for t, n in Counter(_norm(r["text"]) for r in rows).items() if n > 1] == []


def test_no_text_is_shared_with_the_gold_set_or_sets_1_to_7_exactly_or_normalised(rows):
    mine = [r["text"].strip() for r in rows]
    earlier = {r["text"].strip() for p in EARLIER for r in _rows(p)}
    earlier_norm = {_norm(t) for t in earlier}
    assert len(earlier) > 3400
    assert [t for t in mine if t in earlier or _norm(t) in earlier_norm] == []


def test_no_written_text_is_close_to_an_earlier_text_by_word_overlap(rows):
    earlier = [set(_norm(r["text"]).split()) for p in EARLIER for r in _rows(p)]
    close = []
    for r in rows:
        if r["source"].startswith("written"):
            words = set(_norm(r["text"]).split())
            if any(e and len(words & e) / len(words | e) >= 0.5 for e in earlier):
                close.append(r["id"])
    assert close == []


def test_the_normalised_overlap_check_catches_a_respaced_recased_copy():
    from benchmarks.tagger.independent8 import build
    assert build.normalise("Urticaria,  PHYSICAL!") == build.normalise("urticaria physical")
    assert build.normalise("BCC, pigmented") != build.normalise("BCC, nodular")


def test_every_row_names_its_source_real_or_written(rows):
    for r in rows:
        if r["source"].startswith("written"):
            assert re.fullmatch(r"written for this set \(written_[a-d]\.txt\)", r["source"]), r["id"]
            assert r["style"] not in ("title", "abstract", "metadata"), r["id"]
        else:
            assert r["source"].startswith(REAL_SOURCES), r["id"]


def test_the_counts_are_the_ones_the_readme_states(rows):
    from benchmarks.tagger.independent8 import build
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
    from benchmarks.tagger.independent8 import build
    assert build.rows() == rows


@pytest.mark.skipif(not REALDATA, reason="the real source files (../shared/realdata) are not in this checkout")
def test_the_builder_refuses_a_text_of_an_earlier_set(monkeypatch):
    from benchmarks.tagger.independent8 import build
    earlier = _rows(EARLIER[-1])[0]["text"]
    original = build.metadata_rows.rows

    def with_copy(taken, normalise):
        return original(taken, normalise) + [("metadata", "copy", "  " + earlier.upper() + " ", [], [], "")]
    monkeypatch.setattr(build.metadata_rows, "rows", with_copy)
    with pytest.raises(AssertionError):
        build.rows()
