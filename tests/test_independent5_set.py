"""The frozen fifth independent evaluation set (benchmarks/tagger/independent5/) is well-formed. These tests read the
set file, the ontology and the earlier sets only; they never run a tagger (the set is held out: it is scored once, by
benchmarks/tagger/sets.py, at the end)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from frozen_set_checks import SetContract, close_written_problems, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "benchmarks/tagger/independent5/independent5.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent2/independent2.jsonl",
           ROOT / "benchmarks/tagger/independent3/independent3.jsonl",
           ROOT / "benchmarks/tagger/independent4/independent4.jsonl")
REAL_STYLES = ("title", "abstract", "metadata")


rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(SetContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in5", 350, 1900

    def test_no_written_text_is_close_to_an_earlier_text_by_word_overlap(self, rows, earlier):
        # set 5 predates the word-overlap rule (set 8): these four written texts share half their words with an
        # earlier text, and no other may
        assert close_written_problems(rows, earlier) == ["in5-0359", "in5-0380", "in5-0381", "in5-0382"]


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
