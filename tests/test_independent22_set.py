"""The frozen twenty-second independent evaluation set (benchmarks/tagger/independent22/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, FewEmptyRealTexts, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent22"
SET = HERE / "independent22.jsonl"
EARLIER = earlier_paths(22)
CRA_SOURCE = ("abstract sentence (PyPI cancer-researcher-ai 0.2.1, "
              "cancer_researcher_ai/Final_Stacked_Data_without_Duplicates.csv)")
REAL = re.compile(re.escape(CRA_SOURCE) + r" (CRA:R[0-9]{4}\.S[0-9]{2})")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 302, "distinct_conditions": 179, "distinct_labels": 130, "distinct_concepts": 70,
    "condition_mentions": 382, "negated": 43, "uncertain": 116, "empty_labels": 86, "real": 99,
    "styles": {"abbreviation": 13, "abstract": 99, "caption": 16, "falsefriend": 12, "forum": 17, "group": 12,
               "hedged": 11, "histopath": 16, "inverted": 15, "lay": 12, "lecture": 14, "negation": 12,
               "nonderm": 5, "referral": 16, "scope": 12, "selfcorrection": 7, "studytitle": 8, "symptom": 5},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent22.extract")


class TestContract(CopiedUnitsContract, FewEmptyRealTexts):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in22", 300, 8000
    BUILD = "benchmarks.tagger.independent22.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (CRA_SOURCE,), 99, 0.30
    REAL_STYLES = frozenset({"abstract"})
    # none of the earlier sets' rows may name this set's source
    EARLIER_MARKERS = ("cancer-researcher-ai", "cancer_researcher_ai", "Final_Stacked_Data")
    # the real part is 33 % (99 of 302), under the bounds' 35 %; no metadata or title styles (the written
    # "X in patients with Y" titles are studytitle)
    FAMILY_PROBLEMS = ["real share", "metadata", "title"]
    UNKNOWN_KEY = ["CRA:R9999.S01", "melanoma", "", "melanoma"]
    MALFORMED_KEY = ["CRA:0001.S00", "", "", ""]
    ALTERED_KEY = "CRA:R0602.S00"
    ALTERED_TEXT = "Genetics of nonmelanoma skin cancer. (altered)"
    EMPTY_REAL = 13
    EMPTY_REAL_TEXTS = ("Surgery with local excision was performed, and a cutaneous flap was realized.",)


def test_the_real_part_is_skin_sentences_and_a_sample_of_plain_ones(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (88, 11)
    texts = {r["text"] for r in real_rows(rows)}
    assert "Genetics of nonmelanoma skin cancer." in texts and "Conclusions:" in texts


def test_the_extractor_splits_sentences_and_selects_by_its_rule():
    ex = extract()
    csv_text = ',Title,Authors,Link,Abstract\n' + "\n".join([
        '1,Melanoma in mice.,A,u,"Melanoma cells grew. Skin cancer is common. Plain words here."',
        '2,Psoriasis trial.,B,u,"Uveal melanoma was seen.\nThe rash resolved! Nothing else? Conclusions:"',
    ])
    units = ex.sentence_units(csv_text)
    assert units == {"CRA:R0001.S00": "Melanoma in mice.", "CRA:R0001.S01": "Melanoma cells grew.",
                     "CRA:R0001.S02": "Skin cancer is common.", "CRA:R0001.S03": "Plain words here.",
                     "CRA:R0002.S00": "Psoriasis trial.", "CRA:R0002.S01": "Uveal melanoma was seen.",
                     "CRA:R0002.S02": "The rash resolved!", "CRA:R0002.S03": "Nothing else?",
                     "CRA:R0002.S04": "Conclusions:"}
    assert [ex.kind(t) for t in units.values()] == ["skin", "", "skin", "plain", "skin", "skin", "skin", "plain",
                                                    "plain"]
    # skin sentences in order: R1.S00, R1.S02, R2.S00, R2.S01, R2.S02 -> every third: R1.S00, R2.S01 (left out:
    # an eye's melanoma only); plain: every 1,500th from the first -> R1.S03
    assert ex.selected(units) == {"CRA:R0001.S00": "Melanoma in mice.", "CRA:R0001.S03": "Plain words here."}
