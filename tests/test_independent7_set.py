"""The frozen seventh independent evaluation set (benchmarks/tagger/independent7/) is well-formed and says what its
README says. These tests read the set file, the ontology and the earlier sets only; they never run a tagger (the set is
held out: it is scored once, by the coordinator, after the tuning round)."""
from __future__ import annotations

from pathlib import Path

from frozen_set_checks import RealdataSetContract, earlier_paths, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent7"
SET = HERE / "independent7.jsonl"
EARLIER = earlier_paths(7)
REAL_SOURCES = ("pubmed title PMID ", "pubmed abstract PMID ", "doid_skin_disease_subtree_2016.tsv DOID:",
                "pypi sdist dermequity-2.0.0 README.md (MIT)", "fitzpatrick17k.csv md5 ", "ddi_metadata.csv DDI_ID ",
                "HAM10000_metadata.csv ", "PAD-UFES-20 metadata.csv ", "ISIC_2020_Training_GroundTruth.csv ",
                "derm7pt meta.csv case_num ")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 597, "distinct_conditions": 306, "distinct_labels": 268, "distinct_concepts": 92,
    "condition_mentions": 675, "negated": 61, "uncertain": 153, "empty_labels": 153, "real": 273,
    "styles": {"abbreviation": 15, "abstract": 95, "abstract_written": 11, "caption": 17, "case": 8,
               "differential": 5, "falsefriend": 22, "forum": 30, "group": 22, "hedged": 21, "inverted": 14,
               "lay": 19, "lecture": 32, "metadata": 166, "metadata_written": 11, "negation": 21, "nonderm": 6,
               "scope": 22, "selfcorrection": 22, "subtype": 6, "symptom": 8, "title": 11, "title_written": 13},
}


rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealdataSetContract):
    BUILD, HERE, EARLIER = "benchmarks.tagger.independent7.build", HERE, EARLIER
    REAL_SOURCES, README_FIGURES = REAL_SOURCES, README_FIGURES
    NORMALISED_PAIR = ("Keratosis,  SEBORRHOEIC!", "keratosis seborrhoeic")
    PREFIX, MIN_ROWS, MIN_EARLIER = "in7", 400, 2900
