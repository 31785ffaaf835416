"""The frozen fourth independent evaluation set (benchmarks/tagger/independent4/) is well-formed. These tests read the
set file and the ontology only; they never run a tagger (the set is held out: it is scored once, by
benchmarks/tagger/sets.py, at the end)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from derm1m_build.ontology import load_ontology
from frozen_set_checks import label_problems, node_problems, schema_problems

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "benchmarks/tagger/independent4/independent4.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent2/independent2.jsonl",
           ROOT / "benchmarks/tagger/independent3/independent3.jsonl")


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _rows(SET)


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_every_row_has_the_schema_and_a_unique_sequential_id(rows):
    assert schema_problems(rows, "in4", 400) == []


def test_every_condition_and_concept_is_an_ontology_node_listed_once(rows, onto):
    assert node_problems(rows, onto) == []


def test_disease_label_is_an_asserted_or_uncertain_condition_of_the_text_or_empty(rows, onto):
    assert label_problems(rows, onto) == []


def test_no_text_is_shared_with_the_gold_set_or_an_earlier_independent_set_or_repeated(rows):
    texts = Counter(r["text"].strip() for r in rows)
    assert [t for t, n in texts.items() if n > 1] == []
    earlier = {r["text"].strip() for p in EARLIER for r in _rows(p)}
    assert [t for t in texts if t in earlier] == []


def test_the_set_mixes_real_and_written_text_in_the_styles_the_issue_names(rows):
    styles = Counter(r["style"] for r in rows)
    real = sum(styles[s] for s in ("title", "abstract", "metadata", "forum_real", "lecture_real", "jats_caption"))
    assert real >= 0.3 * len(rows) and len(rows) - real >= 0.5 * len(rows)
    for style, least in (("lecture", 40), ("forum", 40), ("case", 25), ("hedged", 15), ("negation", 15),
                         ("selfcorrection", 15)):
        assert styles[style] >= least, style


@pytest.mark.skipif(not Path("/work/shared/realdata").is_dir() and not (ROOT / "../shared/realdata").is_dir(),
                    reason="the real source files (../shared/realdata) are not in this checkout")
def test_the_builder_reproduces_the_frozen_file_exactly(rows):
    from benchmarks.tagger.independent4 import build
    assert build.rows() == rows
