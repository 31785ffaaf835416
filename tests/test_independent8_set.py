"""The frozen eighth independent evaluation set (benchmarks/tagger/independent8/) is well-formed and says what its
README says. These tests read the set file, the ontology and the earlier sets only; they never run a tagger (the set is
held out: it is scored once, by the coordinator, after the tuning round)."""
from __future__ import annotations

from pathlib import Path

from frozen_set_checks import RealdataSetContract, earlier_paths, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent8"
SET = HERE / "independent8.jsonl"
EARLIER = earlier_paths(8)
REAL_SOURCES = ("pubmed title PMID ", "pubmed abstract PMID ", "doid_skin_disease_subtree_2016.tsv DOID:",
                "fitzpatrick17k.csv md5 ", "ddi_metadata.csv DDI_ID ", "HAM10000_metadata.csv ",
                "PAD-UFES-20 metadata.csv ", "ISIC_2020_Training_GroundTruth.csv ", "derm7pt meta.csv case_num ")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 549, "distinct_conditions": 274, "distinct_labels": 237, "distinct_concepts": 100,
    "condition_mentions": 612, "negated": 64, "uncertain": 119, "empty_labels": 137, "real": 236,
    "styles": {"abbreviation": 16, "abstract": 53, "abstract_written": 10, "caption": 16, "case": 8,
               "differential": 5, "falsefriend": 21, "forum": 28, "group": 22, "hedged": 20, "inverted": 15,
               "lay": 20, "lecture": 30, "metadata": 172, "metadata_written": 11, "negation": 20, "nonderm": 5,
               "scope": 20, "selfcorrection": 20, "subtype": 6, "symptom": 8, "title": 11, "title_written": 12},
}


rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealdataSetContract):
    BUILD, HERE, EARLIER = "benchmarks.tagger.independent8.build", HERE, EARLIER
    REAL_SOURCES, README_FIGURES = REAL_SOURCES, README_FIGURES
    NORMALISED_PAIR = ("Urticaria,  PHYSICAL!", "urticaria physical")
    PREFIX, MIN_ROWS, MIN_EARLIER = "in8", 300, 3400
