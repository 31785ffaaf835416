"""The frozen fifth independent evaluation set (benchmarks/tagger/independent5/) is well-formed. These tests read the
set file, the ontology and the earlier sets only; they never run a tagger (the set is held out: it is scored once, by
benchmarks/tagger/sets.py, at the end)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from derm1m_build.ontology import load_ontology
from frozen_set_checks import label_problems, node_problems, schema_problems

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "benchmarks/tagger/independent5/independent5.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent2/independent2.jsonl",
           ROOT / "benchmarks/tagger/independent3/independent3.jsonl",
           ROOT / "benchmarks/tagger/independent4/independent4.jsonl")
REAL_STYLES = ("title", "abstract", "metadata")


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _rows(SET)


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_every_row_has_the_schema_and_a_unique_sequential_id(rows):
    assert schema_problems(rows, "in5", 350) == []


def test_every_condition_and_concept_is_an_ontology_node_listed_once(rows, onto):
    assert node_problems(rows, onto) == []


def test_disease_label_is_an_asserted_or_uncertain_condition_of_the_text_or_empty(rows, onto):
    assert label_problems(rows, onto) == []


def test_no_text_is_shared_with_the_gold_set_or_an_earlier_independent_set_or_repeated(rows):
    texts = Counter(r["text"].strip() for r in rows)
    assert [t for t, n in texts.items() if n > 1] == []
    earlier = {r["text"].strip() for p in EARLIER for r in _rows(p)}
    assert [t for t in texts if t in earlier] == []


def test_every_row_names_its_source_real_or_written(rows):
    for r in rows:
        if r["style"] in REAL_STYLES:
            assert r["source"].startswith(("pubmed title PMID ", "pubmed abstract PMID ", "fitzpatrick17k.csv md5 ",
                                           "ddi_metadata.csv DDI_ID ", "HAM10000_metadata.csv ",
                                           "PAD-UFES-20 metadata.csv ", "ISIC_2020_Training_GroundTruth.csv ")), r["id"]
        else:
            assert re.fullmatch(r"written for this set \(written_[a-d]\.txt\)", r["source"]), r["id"]


def test_the_set_covers_the_styles_and_the_issue_families(rows):
    styles = Counter(r["style"] for r in rows)
    real = sum(styles[s] for s in REAL_STYLES)
    assert real >= 0.3 * len(rows) and len(rows) - real >= 0.5 * len(rows)
    for style, least in (("lecture", 40), ("forum", 40), ("caption", 20), ("case", 20), ("scope", 15),
                         ("group", 15), ("falsefriend", 15), ("lay", 15), ("hedged", 15), ("negation", 15),
                         ("selfcorrection", 15), ("metadata", 50), ("metadata_written", 20), ("inverted", 10),
                         ("abbreviation", 10), ("title", 50), ("abstract", 30)):
        assert styles[style] >= least, style
    negated = sum(1 for r in rows for c in r["conditions"] if c.startswith("!"))
    uncertain = sum(1 for r in rows for c in r["conditions"] if c.startswith("?"))
    assert negated >= 50 and uncertain >= 100
    distinct = {c.lstrip("!?") for r in rows for c in r["conditions"]}
    assert len(distinct) >= 300


@pytest.mark.skipif(not Path("/work/shared/realdata").is_dir() and not (ROOT / "../shared/realdata").is_dir(),
                    reason="the real source files (../shared/realdata) are not in this checkout")
def test_the_builder_reproduces_the_frozen_file_exactly(rows):
    from benchmarks.tagger.independent5 import build
    assert build.rows() == rows
