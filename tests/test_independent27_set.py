"""The frozen twenty-seventh independent evaluation set (benchmarks/tagger/independent27/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures, write_tar

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent27"
SET = HERE / "independent27.jsonl"
EARLIER = earlier_paths(27)
IG_SOURCES = ("HL7 FHIR IG example text (npm hl7.fhir.uv.ips 2.0.0, CC0)",
              "HL7 FHIR IG example text (npm hl7.fhir.us.mcode 4.0.0, CC0)",
              "HL7 FHIR IG example text (npm hl7.fhir.uv.sdc 4.0.0-ballot, CC0)",
              "HL7 FHIR IG example text (npm hl7.fhir.uv.genomics-reporting 3.0.0, CC0)")
REAL = re.compile("(?:" + "|".join(re.escape(s) for s in IG_SOURCES) + r") "
                  r"((?:IPS|MCODE|SDC|GENOMICS):[A-Za-z0-9][A-Za-z0-9_.-]*\.[0-9]+(?:ae)?)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 305, "distinct_conditions": 115, "distinct_labels": 87, "distinct_concepts": 63,
    "condition_mentions": 179, "negated": 24, "uncertain": 56, "empty_labels": 201, "real": 178,
    "styles": {"abbreviation": 4, "adverse": 4, "aegrade": 2, "aeterm": 105, "caption": 7, "differential": 2,
               "eligibility": 2, "falsefriend": 4, "familyhistory": 2, "forum": 6, "general": 3, "group": 6,
               "hedged": 6, "histopath": 6, "inverted": 7, "lay": 4, "lecture": 5, "mole": 3, "negation": 6,
               "nonderm": 3, "record": 73, "referral": 6, "resolved": 2, "ros": 2, "ruleout": 2, "scope": 6,
               "selfcorrection": 4, "sitecaption": 2, "speech": 3, "studytitle": 4, "subtype": 4, "symptom": 3,
               "telederm": 2, "template": 2, "trial": 3},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent27.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


class TestContract(CopiedUnitsContract, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in27", 300, 8000
    BUILD = "benchmarks.tagger.independent27.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, IG_SOURCES, 178, 0.33
    # none of the earlier sets' rows may name this set's packages
    EARLIER_MARKERS = ("fhir.uv.ips", "fhir.us.mcode", "fhir.uv.sdc", "genomics-reporting", "ctcae")
    # the real part is 58 % (178 of 305): CTCAE adverse-event terms and record texts, so there are no abstract,
    # metadata or title rows; 147 of the 178 real texts name nothing (another organ's adverse events, codes, form
    # questions), which lifts the empty-label share to 66 %
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["SDC:Bundle-nowhere.1ae", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["FHIR:Bundle-questionnaire-sdc-profile-example.1013ae", "", "", ""]
    ALTERED_ID = "in27-0001"
    EXTRACT = "benchmarks.tagger.independent27.extract"
    ABSENT = "absent.tgz"
    REFUSED = {"other.tgz": ({"package.json": {"name": "left-pad", "version": "1.0.0"}}, "package")}

    def real_style(self, row: dict) -> str:
        return "aeterm" if real_key(row).endswith("ae") else "record"


def test_the_real_part_is_skin_terms_and_texts_and_every_nth_other_one(rows):
    ex = extract()
    real = real_rows(rows)
    ae = [r for r in real if r["style"] == "aeterm"]
    rec = [r for r in real if r["style"] == "record"]
    assert ([ex.ae_kind(r["text"]) for r in ae].count("skin"), len(ae)) == (50, 105)
    assert ([ex.kind(r["text"]) for r in rec].count("skin"), len(rec)) == (23, 73)


def test_the_real_part_names_something_in_31_texts_and_labels_27(rows):
    real = real_rows(rows)
    assert sum(bool(r["conditions"] or r["concepts"]) for r in real) == 31
    assert sum(bool(r["disease_label"]) for r in real) == 27
    by_text = {r["text"]: r for r in real}
    assert by_text["Toxic epidermal necrolysis"]["disease_label"] == "toxic-epidermal-necrolysis"
    assert by_text["Dry skin"]["conditions"] == [] and by_text["Dry skin"]["concepts"] == ["xerosis"]
    # an ulcer of another organ and a lipid panel's "Moles/volume" name nothing
    for text in ("Gastric ulcer", "Corneal ulcer", "Cholesterol [Moles/volume] in Serum or Plasma"):
        assert (by_text[text]["conditions"], by_text[text]["concepts"], by_text[text]["disease_label"]) == ([], [], "")
    assert sorted(r["disease_label"] for r in real if r["disease_label"]).count("melanoma") == 3


def test_the_extractor_reads_example_resources_only_and_selects_by_its_rule(tmp_path):
    ex = extract()
    files = {
        "package.json": {"name": "hl7.fhir.uv.sdc", "version": "9.9.9"},
        "StructureDefinition-x.json": {"resourceType": "StructureDefinition", "description": "Profile for skin rash"},
        "example/Bundle-ae.json": {"resourceType": "Bundle", "entry": [
            {"resource": {"resourceType": "Questionnaire", "title": "Adverse Event/Serious Adverse Event CTCAE v4",
                          "item": [{"text": "Adverse event term", "answerOption": [
                              {"valueCoding": {"display": t}} for t in
                              ("Urticaria", "Gastric ulcer", "Ear pain", "Never", "Nail loss")]}]}},
            {"resource": {"resourceType": "CodeSystem", "description": "Codes for skin findings of every kind"}}]},
        "example/Observation-o.json": {
            "resourceType": "Observation",
            "text": {"div": "<div>Patient reports an itchy rash on both shins<br/>Blood pressure taken twice while seated</div>"},
            "code": {"text": "Heart rate"}, "note": [{"text": "Blood pressure taken twice while seated"}]},
        "example/Condition-c.json": {"resourceType": "Condition",
                                     "text": {"div": "<div>Generated Narrative: a long generated table row here</div>"},
                                     "note": [{"text": "Follow up in the clinic next week please"}]},
        "example/broken.json": b"{not json",
    }
    path = tmp_path / "pkg.tgz"
    write_tar(path, files, "package")
    pkg, digest, units = ex.read_tarball(path, set())
    assert pkg == "hl7.fhir.uv.sdc@9.9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    assert units == {"SDC:Bundle-ae.1ae": "Adverse event term", "SDC:Bundle-ae.2ae": "Urticaria",
                     "SDC:Bundle-ae.3ae": "Gastric ulcer", "SDC:Bundle-ae.4ae": "Ear pain",
                     "SDC:Bundle-ae.5ae": "Never", "SDC:Bundle-ae.6ae": "Nail loss",
                     "SDC:Condition-c.1": "Follow up in the clinic next week please",
                     "SDC:Observation-o.1": "Patient reports an itchy rash on both shins",
                     "SDC:Observation-o.2": "Blood pressure taken twice while seated",
                     "SDC:Observation-o.3": "Heart rate"}
    assert [ex.ae_kind(units[k]) for k in ("SDC:Bundle-ae.2ae", "SDC:Bundle-ae.4ae", "SDC:Bundle-ae.5ae")] == [
        "skin", "other", ""]
    # ae: skin terms Urticaria, Gastric ulcer, Nail loss; other terms in order "Adverse event term", "Ear pain": the
    # first of every 15th; record: the skin text and every 12th plain candidate from the first (Condition-c.1); a
    # text an earlier set holds is skipped before counting
    assert set(ex.selected(units)) == {"SDC:Bundle-ae.1ae", "SDC:Bundle-ae.2ae", "SDC:Bundle-ae.3ae",
                                       "SDC:Bundle-ae.6ae", "SDC:Condition-c.1", "SDC:Observation-o.1"}
    assert set(ex.selected(units, {"urticaria", "adverse event term"})) == {
        "SDC:Bundle-ae.4ae", "SDC:Bundle-ae.3ae", "SDC:Bundle-ae.6ae", "SDC:Condition-c.1", "SDC:Observation-o.1"}
