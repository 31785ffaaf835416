"""The frozen twenty-sixth independent evaluation set (benchmarks/tagger/independent26/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import io
import json
import re
import tarfile
from pathlib import Path

import pytest

from derm1m_build.ontology import load_ontology
from frozen_set_checks import BuilderContract, any_rows, family_problems, read_rows, source_problems

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent26"
SET = HERE / "independent26.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 26)))
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
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's source
EARLIER_MARKERS = ("fhir", "hl7")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return read_rows(SET)


@pytest.fixture(scope="module")
def earlier() -> list[dict]:
    return [r for p in EARLIER for r in any_rows(p)]


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def build():
    return importlib.import_module("benchmarks.tagger.independent26.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent26.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


def real_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith("written")]


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in26", 300, 8000
    BUILD = "benchmarks.tagger.independent26.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(rows):
    assert source_problems(rows, (FHIR_SOURCE,)) == []
    for name in {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    real = real_rows(rows)
    assert len(rows) >= 300 and len(real) == 130 and len(real) >= 0.33 * len(rows)
    assert all(REAL.fullmatch(r["source"]) for r in real)
    assert {r["style"] for r in real} == {"record"}
    assert [r["id"] for r in real] == [f"in26-{k:04d}" for k in range(1, 131)]


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m in r.get("source", "").lower() for p in EARLIER for r in read_rows(p)
                   if isinstance(r, dict) for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # the real part is 41 % (130 of 317) and is clinical record text, so there are no abstract, metadata or title
    # rows; 121 of the 130 record texts name nothing (consent, billing, medication and care-plan notes), which lifts
    # the empty-label share to 54 %, and the hedged, generic and differential written texts lift negated or
    # uncertain mentions to 51 %
    assert family_problems(rows) == ["negated or uncertain share", "empty label share", "abstract", "metadata",
                                     "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    keys = [real_key(r) for r in real_rows(rows)]
    assert len(keys) == 130 and len(set(keys)) == len(keys)
    assert [r["text"] for r in real_rows(rows)] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


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


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["FHIR:Condition-nowhere.1", "psoriasis", "", "psoriasis"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["FHIR:CarePlan-integrate", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_bad)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.units

    def altered():
        out = original()
        out["FHIR:AllergyIntolerance-example.1"] += " (altered)"
        return out
    monkeypatch.setattr(b, "units", altered)
    changed = [(a["id"], c["text"][-9:]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [("in26-0002", "(altered)")]


def _tarball(path: Path, files: dict[str, object]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, obj in files.items():
            data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


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
    _tarball(path, files)
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


def test_the_extractor_refuses_a_missing_file_with_one_line(capsys, tmp_path):
    assert extract().main([str(tmp_path / "absent.tgz")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-9]|2[0-5]|[1-9])?\b", l)] == []
