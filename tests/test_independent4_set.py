"""The frozen fourth independent evaluation set (benchmarks/tagger/independent4/) is well-formed. These tests read the
set file and the ontology only; they never run a tagger (the set is held out: it is scored once, by
benchmarks/tagger/sets.py, at the end)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from frozen_set_checks import SetContract, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "benchmarks/tagger/independent4/independent4.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent2/independent2.jsonl",
           ROOT / "benchmarks/tagger/independent3/independent3.jsonl")


rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(SetContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in4", 400, 1400


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
