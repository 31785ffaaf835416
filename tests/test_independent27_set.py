"""The frozen twenty-seventh independent evaluation set (benchmarks/tagger/independent27/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
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
HERE = ROOT / "benchmarks/tagger/independent27"
SET = HERE / "independent27.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 27)))
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
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's packages
EARLIER_MARKERS = ("fhir.uv.ips", "fhir.us.mcode", "fhir.uv.sdc", "genomics-reporting", "ctcae")


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
    return importlib.import_module("benchmarks.tagger.independent27.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent27.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


def real_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith("written")]


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in27", 300, 8000
    BUILD = "benchmarks.tagger.independent27.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(rows):
    assert source_problems(rows, IG_SOURCES) == []
    for name in {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    real = real_rows(rows)
    assert len(rows) >= 300 and len(real) == 178 and len(real) >= 0.33 * len(rows)
    assert all(REAL.fullmatch(r["source"]) for r in real)
    assert [r["style"] for r in real] == ["aeterm" if real_key(r).endswith("ae") else "record" for r in real]
    assert [r["id"] for r in real] == [f"in27-{k:04d}" for k in range(1, 179)]


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m in r.get("source", "").lower() for p in EARLIER for r in read_rows(p)
                   if isinstance(r, dict) for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # the real part is 58 % (178 of 305): CTCAE adverse-event terms and record texts, so there are no abstract,
    # metadata or title rows; 147 of the 178 real texts name nothing (another organ's adverse events, codes, form
    # questions), which lifts the empty-label share to 66 %
    assert family_problems(rows) == ["empty label share", "abstract", "metadata", "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    keys = [real_key(r) for r in real_rows(rows)]
    assert len(keys) == 178 and len(set(keys)) == len(keys)
    assert [r["text"] for r in real_rows(rows)] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


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


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["SDC:Bundle-nowhere.1ae", "urticaria", "", "urticaria"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["FHIR:Bundle-questionnaire-sdc-profile-example.1013ae", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_bad)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.units
    first = real_key(rows[0])

    def altered():
        out = original()
        out[first] += " (altered)"
        return out
    monkeypatch.setattr(b, "units", altered)
    changed = [(a["id"], c["text"][-9:]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [("in27-0001", "(altered)")]


def _tarball(path: Path, files: dict[str, object]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, obj in files.items():
            data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


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
    _tarball(path, files)
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


def test_the_extractor_refuses_a_missing_file_or_another_package_with_one_line(capsys, tmp_path):
    assert extract().main([str(tmp_path / "absent.tgz")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    path = tmp_path / "other.tgz"
    _tarball(path, {"package.json": {"name": "left-pad", "version": "1.0.0"}})
    assert extract().main([str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-9]|2[0-6]|[1-9])?\b", l)] == []
