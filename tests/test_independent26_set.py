"""The frozen twenty-sixth independent evaluation set (benchmarks/tagger/independent26/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures, write_tar

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent26"
SET = HERE / "independent26.jsonl"
EARLIER = earlier_paths(26)
FHIR_SOURCE = "HL7 FHIR R4 example resource text (npm hl7.fhir.r4.examples 4.0.1, CC0)"
REAL = re.compile(re.escape(FHIR_SOURCE) + r" (FHIR:[A-Za-z0-9][A-Za-z0-9_.-]*\.[0-9]+)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 317, "distinct_conditions": 158, "distinct_labels": 115, "distinct_concepts": 75,
    "condition_mentions": 259, "negated": 41, "uncertain": 90, "empty_labels": 170, "real": 130,
    "styles": {"abbreviation": 8, "adverse": 5, "caption": 12, "differential": 4, "eligibility": 4,
               "falsefriend": 6, "familyhistory": 4, "forum": 12, "general": 3, "group": 12, "hedged": 8,
               "histopath": 10, "inverted": 10, "lay": 8, "lecture": 8, "mole": 5, "negation": 10, "nonderm": 3,
               "record": 130, "referral": 10, "scope": 10, "selfcorrection": 6, "sitecaption": 4, "speech": 6,
               "studytitle": 5, "subtype": 6, "symptom": 3, "trial": 5},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent26.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


class TestContract(CopiedUnitsContract, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in26", 300, 8000
    BUILD = "benchmarks.tagger.independent26.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (FHIR_SOURCE,), 130, 0.33
    REAL_STYLES = frozenset({"record"})
    # none of the earlier sets' rows may name this set's source
    EARLIER_MARKERS = ("fhir", "hl7")
    # the real part is 41 % (130 of 317) and is clinical record text, so there are no abstract, metadata or title
    # rows; 121 of the 130 record texts name nothing (consent, billing, medication and care-plan notes), which lifts
    # the empty-label share to 54 %, and the hedged, generic and differential written texts lift negated or
    # uncertain mentions to 51 %
    FAMILY_PROBLEMS = ["negated or uncertain share", "empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["FHIR:Condition-nowhere.1", "psoriasis", "", "psoriasis"]
    MALFORMED_KEY = ["FHIR:CarePlan-integrate", "", "", ""]
    ALTERED_KEY = "FHIR:AllergyIntolerance-example.1"
    ALTERED_ID = "in26-0002"
    EXTRACT = "benchmarks.tagger.independent26.extract"
    ABSENT = "absent.tgz"


def test_the_real_part_is_skin_texts_and_every_third_plain_one(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (15, 115)
    keys = {real_key(r) for r in real_rows(rows)}
    assert {"FHIR:AllergyIntolerance-example.3", "FHIR:CarePlan-integrate.55", "FHIR:Procedure-biopsy.3"} <= keys


def test_the_real_part_names_nothing_in_121_texts_and_labels_only_what_the_record_asserts(rows):
    real = real_rows(rows)
    assert sum(not r["conditions"] and not r["concepts"] for r in real) == 121
    assert sum(not r["disease_label"] for r in real) == 122
    by_key = {real_key(r): r for r in real}
    # a mild rash with no diagnosis, a pulmonary abscess (another organ), seasonal allergies: nothing
    for key in ("FHIR:AdverseEvent-example.1", "FHIR:CarePlan-f203.1", "FHIR:MedicationStatement-example007.1"):
        assert (by_key[key]["conditions"], by_key[key]["concepts"], by_key[key]["disease_label"]) == ([], [], "")
    assert by_key["FHIR:AllergyIntolerance-example.3"]["disease_label"] == "urticaria"
    assert by_key["FHIR:ClinicalImpression-example.3"]["conditions"] == ["?laceration"]
    assert by_key["FHIR:Procedure-biopsy.3"] ["concepts"] == ["pigmented"]
    assert sorted(r["disease_label"] for r in real if r["disease_label"]) == [
        "hypersensitivity-reaction", "laceration", "psoriasis", "psoriasis", "thermal-burn", "thermal-burn",
        "thermal-burn", "urticaria"]


def test_the_extractor_reads_clinical_resources_only_and_selects_by_its_rule(tmp_path):
    ex = extract()
    note = "The patient reports an itchy rash on both shins since Monday."
    files = {
        "package.json": {"name": "x", "description": "Example resources with a long description of skin rash"},
        "CodeSystem-x.json": {"resourceType": "CodeSystem", "description": "A code system about skin rash and burns"},
        "AllergyIntolerance-a.json": {
            "resourceType": "AllergyIntolerance",
            "text": {"div": "<div><p>Hives after <b>penicillin</b> &amp; amoxicillin,<br/>onset within an hour of the dose</p></div>"},
            "note": [{"text": note}], "code": {"text": "Penicillin"}},
        "Bundle-b.json": {"resourceType": "Bundle", "entry": [
            {"resource": {"resourceType": "Observation", "comment": "Blood pressure was taken twice while seated quietly"}},
            {"resource": {"resourceType": "Condition", "text": {"div": "<div>Generated Narrative with Details: a long generated table row</div>"},
                          "note": [{"text": note}]}},
            {"resource": {"resourceType": "ValueSet", "description": "Codes for skin findings of every kind in a list"}}]},
        "Procedure-c.json": {"resourceType": "Procedure", "contained": [
            {"resourceType": "Practitioner", "text": {"div": "<div>Surgeon on call for the ward this whole week</div>"}}],
            "outcome": {"text": "well tolerated"}, "note": [{"text": "Patient went home the same day with a leaflet"}]},
        "broken.json": b"{not json",
    }
    path = tmp_path / "pkg.tgz"
    write_tar(path, files, "package")
    digest, units = ex.read_tarball(path)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert units == {"FHIR:AllergyIntolerance-a.1": "Hives after penicillin & amoxicillin,",
                     "FHIR:AllergyIntolerance-a.2": "onset within an hour of the dose",
                     "FHIR:AllergyIntolerance-a.3": note,
                     "FHIR:AllergyIntolerance-a.4": "Penicillin",
                     "FHIR:Bundle-b.1": "Blood pressure was taken twice while seated quietly",
                     "FHIR:Procedure-c.1": "Surgeon on call for the ward this whole week",
                     "FHIR:Procedure-c.2": "well tolerated",
                     "FHIR:Procedure-c.3": "Patient went home the same day with a leaflet"}
    assert [ex.kind(t) for t in units.values()] == ["", "plain", "skin", "", "plain", "plain", "", "plain"]
    # skin: AllergyIntolerance-a.3; plain candidates in order a.2, b.1, c.1, c.3 -> every third from the first: a.2, c.3
    assert ex.selected(units) == {"FHIR:AllergyIntolerance-a.2": "onset within an hour of the dose",
                                  "FHIR:AllergyIntolerance-a.3": note,
                                  "FHIR:Procedure-c.3": "Patient went home the same day with a leaflet"}
