"""The frozen thirty-first independent evaluation set (benchmarks/tagger/independent31/) is well-formed and says
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
HERE = ROOT / "benchmarks/tagger/independent31"
SET = HERE / "independent31.jsonl"
EARLIER = earlier_paths(31)
PKG_SOURCE = ("bibliographic test records (PyPI sdist academic_tracker 2.0.1 tests/testing_files; titles, CC BY "
              "abstracts)")
REAL = re.compile(re.escape(PKG_SOURCE) + r" (ACTR:[A-Za-z0-9_.-]+\.json:(title|abstract)\.[0-9]+)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 306, "distinct_conditions": 85, "distinct_labels": 68, "distinct_concepts": 66,
    "condition_mentions": 172, "negated": 21, "uncertain": 28, "empty_labels": 185, "real": 218,
    "styles": {"abbreviation": 2, "abstract": 9, "adverse": 2, "caption": 2, "differential": 1, "eligibility": 2,
               "falsefriend": 3, "familyhistory": 1, "figlegend": 13, "forum": 11, "general": 1, "group": 7,
               "hedged": 2, "histopath": 2, "inverted": 2, "lay": 3, "lecture": 10, "mole": 2, "negation": 2,
               "nonderm": 2, "referral": 2, "resolved": 1, "scope": 2, "selfcorrection": 2, "sitecaption": 2,
               "speech": 2, "studytitle": 2, "subtype": 2, "symptom": 2, "title": 209, "trial": 1},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent31.extract")


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in31", 300, 8000
    BUILD = "benchmarks.tagger.independent31.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (PKG_SOURCE,), 218, 0.33
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    # none of the earlier sets' rows may name this set's package
    EARLIER_MARKERS = ("academic_tracker", "academic-tracker", "actr:")
    # the real part is 71 % (218 of 306): bibliographic titles, most of which name no skin finding, so 165 of the 218
    # real texts have no label, which lifts the empty-label share to 60 %; there are no dataset metadata rows
    FAMILY_PROBLEMS = ["empty label share", "metadata"]
    UNKNOWN_KEY = ["ACTR:Crossref_query.json:title.999999", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["PLOS:journal.pone.0000001.xml:body.1", "", "", ""]
    ALTERED_ID = "in31-0001"
    # case legends, photo lectures and forum posts; those without a label; forum posts that negate
    # legends that name morphology only have no label; a corrected self-diagnosis is negated
    CASE_TEXTS = (34, 3, 9)
    EXTRACT = "benchmarks.tagger.independent31.extract"
    REFUSED = {"left-pad-1.0.tar.gz": ({"README.md": b"nothing"}, "left-pad-1.0")}

    def real_style(self, row: dict) -> str:
        return REAL.fullmatch(row["source"]).group(2)


def test_the_real_part_is_every_skin_candidate_and_a_share_of_the_plain_ones(rows):
    ex = extract()
    real = real_rows(rows)
    kinds = [ex.kind(r["text"]) for r in real]
    assert (kinds.count("skin"), kinds.count("plain")) == (115, 103)
    assert {r["style"] for r in real} == {"title", "abstract"}
    assert sum(r["style"] == "abstract" for r in real) == 9


def test_the_real_part_names_something_in_55_texts_and_labels_53(rows):
    real = real_rows(rows)
    assert sum(bool(r["conditions"] or r["concepts"]) for r in real) == 55
    assert sum(bool(r["disease_label"]) for r in real) == 53
    assert sum(any(c[0] in "!?" for c in r["conditions"]) for r in real) == 2
    by_text = {r["text"]: r for r in real}
    ulcer = by_text["Decubitus ulcers: pathophysiology and primary prevention"]
    assert (ulcer["conditions"], ulcer["concepts"], ulcer["disease_label"]) == (
        ["pressure-ulcer"], ["ulcer"], "pressure-ulcer")
    general = by_text["Multifunctional biomaterials have been proven to be a potential strategy for chronic skin "
                      "wound management, especially for future advancements in precision medicine."]
    assert (general["conditions"], general["disease_label"]) == (["?skin-ulcer"], "")
    # wolves, a town called Burns, a decubitus position, a cutaneous nerve and nonmelanoma skin cancer name nothing
    for text in ("Being a victim or an aggressor: different functions of triadic post-conflict interactions in "
                 "wolves (Canis lupus lupus)",
                 "Basics of Elbow Arthroscopy Part III: Positioning and Diagnostic Arthroscopy in the Lateral "
                 "Decubitus Position",
                 "Guarding against nonmelanoma skin cancer in solid organ transplant recipients",
                 "Lateral femoral cutaneous nerve impairment after direct anterior approach for total hip "
                 "arthroplasty"):
        assert (by_text[text]["conditions"], by_text[text]["concepts"], by_text[text]["disease_label"]) == (
            [], [], "")


def test_the_extractor_reads_titles_and_open_abstracts_and_selects_by_its_rule(tmp_path):
    ex = extract()
    crossref = {"items": [
        {"title": ["Healing of venous leg ulcers in a community cohort"],
         "license": [{"URL": "http://creativecommons.org/licenses/by/4.0/"}],
         "abstract": "<jats:p>Patients with <i>eczema</i> were seen. Rates fell &amp; rose.</jats:p>",
         "reference": [{"article-title": "Scabies in the skin of many patients"}]},
        {"title": "Closed record on acne treatment outcomes",
         "license": [{"URL": "https://www.elsevier.com/tdm/userlicense/1.0/"}],
         "abstract": "Acne lesions of the face were counted daily."},
        {"title": "Healing of venous leg ulcers in a community cohort"}]}
    files = {
        "tests/testing_files/b_query.json": json.dumps(crossref).encode(),
        "tests/testing_files/a_pubmed.json": json.dumps(
            {"123": {"title": "Bees in the orchard were counted weekly", "abstract": "Hives were opened."}}).encode(),
        "tests/testing_files/notes.txt": b"TI  - Psoriasis of the scalp in adults\n",
        "tests/testing_files/broken.json": b"{not json",
        "src/academic_tracker/code.py": b"# the patient has eczema and a rash on the hands\n",
    }
    path = tmp_path / "academic_tracker-9.9.tar.gz"
    write_tar(path, files, "academic_tracker-9.9")
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "academic_tracker-9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    assert units == {
        "ACTR:a_pubmed.json:title.1": "Bees in the orchard were counted weekly",
        "ACTR:b_query.json:title.1": "Healing of venous leg ulcers in a community cohort",
        "ACTR:b_query.json:abstract.2": "Patients with eczema were seen.",
        "ACTR:b_query.json:abstract.3": "Rates fell & rose.",
        "ACTR:b_query.json:title.4": "Scabies in the skin of many patients",
        "ACTR:b_query.json:title.5": "Closed record on acne treatment outcomes"}
    # the closed record's abstract, an abstract without a licence, the text file, the code and a repeat are not read
    assert [ex.kind(t) for t in units.values()] == ["plain", "skin", "skin", "", "skin", "skin"]
    skin = {"ACTR:b_query.json:title.1", "ACTR:b_query.json:abstract.2", "ACTR:b_query.json:title.4",
            "ACTR:b_query.json:title.5"}
    assert set(ex.selected(units)) == skin | {"ACTR:a_pubmed.json:title.1"}
    # a text an earlier set holds is skipped before counting
    assert set(ex.selected(units, {"bees in the orchard were counted weekly"})) == skin


def test_the_extractor_keeps_every_sixtieth_plain_candidate_from_the_first():
    ex = extract()
    units = {f"ACTR:x.json:title.{n}": f"Plain title number {n} about cattle grazing" for n in range(1, 131)}
    assert sorted(ex.selected(units), key=lambda k: int(k.rsplit(".", 1)[1])) == [
        "ACTR:x.json:title.1", "ACTR:x.json:title.61", "ACTR:x.json:title.121"]
