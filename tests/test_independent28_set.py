"""The frozen twenty-eighth independent evaluation set (benchmarks/tagger/independent28/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures, write_tar

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent28"
SET = HERE / "independent28.jsonl"
EARLIER = earlier_paths(28)
PKG_SOURCES = ("clinical-NLP package text (PyPI sdist cumulus-etl 4.3.6, Apache-2.0)",
               "clinical-NLP package text (PyPI sdist ctakesclient 5.1.0, Apache-2.0)")
REAL = re.compile("(?:" + "|".join(re.escape(s) for s in PKG_SOURCES) + r") "
                  r"((?:CUMULUS|CTAKES):[A-Za-z0-9][A-Za-z0-9_./-]*\.[0-9]+)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 312, "distinct_conditions": 92, "distinct_labels": 58, "distinct_concepts": 61,
    "condition_mentions": 143, "negated": 21, "uncertain": 56, "empty_labels": 250, "real": 208,
    "styles": {"abbreviation": 3, "adverse": 4, "caption": 4, "counselling": 2, "differential": 2, "eligibility": 2,
               "falsefriend": 4, "familyhistory": 2, "forum": 4, "general": 2, "group": 6, "guide": 200,
               "guideline": 3, "hedged": 3, "histopath": 4, "inverted": 5, "lay": 3, "lecture": 3, "mole": 2,
               "negation": 4, "nonderm": 2, "normalexam": 2, "note": 8, "pathaddendum": 2, "portal": 2,
               "prescription": 2, "problemlist": 2, "referral": 4, "resolved": 2, "ros": 2, "ruleout": 2, "scope": 3,
               "selfcorrection": 2, "sitecaption": 2, "speech": 2, "studytitle": 2, "subtype": 3, "symptom": 2,
               "telederm": 2, "trial": 2},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent28.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


class TestContract(CopiedUnitsContract, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in28", 300, 8000
    BUILD = "benchmarks.tagger.independent28.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, PKG_SOURCES, 208, 0.33
    # none of the earlier sets' rows may name this set's packages
    EARLIER_MARKERS = ("cumulus", "ctakes")
    # the real part is 67 % (208 of 312): annotation-guide sentences and test notes, so there are no abstract,
    # metadata or title rows; 197 of the 208 real texts name nothing, which lifts the empty-label share to 80 %; the
    # real part's few skin mentions are generic (`?`) or negated, and the written part carries many hedges, lists
    # and negations, so 54 % of the condition mentions are negated or uncertain
    FAMILY_PROBLEMS = ["negated or uncertain share", "empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["CTAKES:tests/resources/nowhere.txt.1", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["MEDSPACY:tests/resources/test_negation_hard.txt.3", "", "", ""]
    ALTERED_ID = "in28-0001"
    EXTRACT = "benchmarks.tagger.independent28.extract"
    REFUSED = {"left-pad-1.0.tar.gz": ({"README.md": b"nothing"}, "left-pad-1.0")}

    def real_style(self, row: dict) -> str:
        return "guide" if real_key(row).startswith("CUMULUS") else "note"


def test_the_real_part_is_every_skin_unit_and_every_fifth_plain_one(rows):
    ex = extract()
    real = real_rows(rows)
    assert ([ex.kind(r["text"]) for r in real].count("skin"), [ex.kind(r["text"]) for r in real].count("plain")) \
        == (57, 151)
    assert [r["style"] for r in real].count("note") == 8


def test_the_real_part_names_something_in_11_texts_and_labels_none(rows):
    real = real_rows(rows)
    assert sum(bool(r["conditions"] or r["concepts"]) for r in real) == 11
    assert sum(bool(r["disease_label"]) for r in real) == 0
    by_text = {r["text"]: r for r in real}
    ros = by_text["Skin: no rash, no lesions, no petechiae,"]
    assert (ros["conditions"], ros["concepts"]) == (["!petechiae"], ["!purpura-petechiae"])
    pg = by_text["Pyoderma gangrenosum (ulcerative skin lesion, violaceous borders)"]
    assert (pg["conditions"], pg["concepts"], pg["disease_label"]) == (["?pyoderma-gangrenosum"], ["ulcer", "purple"], "")
    # an ulcer of the bowel names nothing
    for text in ("LARGE: ulcers measuring 0.5 to 2 cm.", "Ulcer findings documented in this segment"):
        assert (by_text[text]["conditions"], by_text[text]["concepts"], by_text[text]["disease_label"]) == ([], [], "")


def test_the_extractor_reads_the_clinical_texts_only_and_selects_by_its_rule(tmp_path):
    ex = extract()
    files = {
        "PKG-INFO": b"Name: ctakesclient\nA rash of skin words in the metadata is never read.\n",
        "ctakesclient/resources/terms.bsv": b"C0015230|rash of the skin on both arms today\n",
        "tests/resources/note.txt": ("Skin:\u00bfno rash,\u00bfno lesions\nHe reports an itchy rash on both shins.\n"
                                     "Blood pressure was taken twice while seated. Blood pressure was taken twice "
                                     "while seated!\nOK\n").encode(),
        "tests/test_x.py": b"# the patient has eczema on the hands and feet\n",
    }
    path = tmp_path / "ctakesclient-9.9.tar.gz"
    write_tar(path, files, "ctakesclient-9.9")
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "ctakesclient-9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    assert units == {"CTAKES:tests/resources/note.txt.1": "Skin: no rash, no lesions",
                     "CTAKES:tests/resources/note.txt.2": "He reports an itchy rash on both shins.",
                     "CTAKES:tests/resources/note.txt.3": "Blood pressure was taken twice while seated.",
                     "CTAKES:tests/resources/note.txt.5": "OK"}
    assert [ex.kind(t) for t in units.values()] == ["skin", "skin", "plain", ""]
    assert set(ex.selected(units)) == {"CTAKES:tests/resources/note.txt.1", "CTAKES:tests/resources/note.txt.2",
                                       "CTAKES:tests/resources/note.txt.3"}
    # a text an earlier set holds is skipped before counting
    assert set(ex.selected(units, {"skin no rash no lesions"})) == {"CTAKES:tests/resources/note.txt.2",
                                                                   "CTAKES:tests/resources/note.txt.3"}


def test_the_extractor_reads_every_string_of_a_study_json(tmp_path):
    ex = extract()
    study = {"description": "Pyoderma gangrenosum is documented as present.\\nABSENT: it is denied.",
             "enum": ["Erythema nodosum on the shins", {"title": "Fever over three days"}]}
    path = tmp_path / "cumulus_etl-1.0.tar.gz"
    write_tar(path, {"cumulus_etl/etl/studies/ibd/eim.json": study,
                                     "cumulus_etl/deid/rules.toml": b"skin cancer words here are not read at all\n"}, "cumulus_etl-1.0")
    _, _, units = ex.read_sdist(path, set())
    assert list(units.values()) == ["Pyoderma gangrenosum is documented as present.", "ABSENT: it is denied.",
                                    "Erythema nodosum on the shins", "Fever over three days"]
    assert list(units)[0] == "CUMULUS:cumulus_etl/etl/studies/ibd/eim.json.1"
