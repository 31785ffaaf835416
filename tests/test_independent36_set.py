"""The frozen thirty-sixth independent evaluation set (benchmarks/tagger/independent36/) is well-formed and says
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
HERE = ROOT / "benchmarks/tagger/independent36"
SET = HERE / "independent36.jsonl"
EARLIER = earlier_paths(36)
PKG_SOURCE = "MedMCQA exam questions (PyPI evals 3.0.1.post1 evals/registry/data/medmcqa/samples.jsonl)"
REAL = re.compile(re.escape(PKG_SOURCE) + r" (MEDMCQA:[1-9][0-9]*)")
PKG_INFO = "evals-3.0.1.post1/PKG-INFO"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 404, "distinct_conditions": 116, "distinct_labels": 79, "distinct_concepts": 70,
    "condition_mentions": 178, "negated": 26, "uncertain": 52, "empty_labels": 312, "real": 293,
    "styles": {"abbreviation": 4, "caption": 3, "differential": 2, "discharge": 3, "falsefriend": 4, "figlegend": 12,
               "forum": 10, "general": 3, "group": 7, "hedged": 4, "histopath": 3, "inverted": 4, "lay": 4,
               "lecture": 10, "mcqquestion": 265, "mcqstem": 4, "mcqvignette": 28, "mole": 3, "negation": 4,
               "nonderm": 3, "referral": 3, "scope": 4, "selfcorrection": 3, "speech": 3, "studytitle": 3,
               "subtype": 3, "symptom": 3, "trial": 2},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def build():
    return importlib.import_module("benchmarks.tagger.independent36.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent36.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in36", 300, 8000
    BUILD = "benchmarks.tagger.independent36.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (PKG_SOURCE,), 293, 0.33
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    # none of the earlier sets' rows may name this set's package or its benchmark
    EARLIER_MARKERS = ("medmcqa", "evals 3.0.1", "registry/data")
    # 77 % of the texts have no label (bound 18-30 %): 290 of the 293 real texts commit to no diagnosis (recall
    # questions of every medical subject; a vignette withholds the diagnosis it asks for); the real part has two exam
    # styles, so there are no title, abstract or dataset metadata rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["MEDMCQA:99999", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["MEDMCQA:07", "", "", ""]
    ALTERED_ID = "in36-0001"
    # case legends, photo lectures and forum posts; those without a label; forum posts that negate
    # a melasma-like legend names no diagnosis; a maceration and a mole thread commit to none
    CASE_TEXTS = (32, 3, 7)
    EXTRACT = "benchmarks.tagger.independent36.extract"
    REFUSED = {"left-pad-1.0.tar.gz": ({PKG_INFO: b"Name: left-pad\nVersion: 1.0\n"},),
               "evals-0.0.1.tar.gz": ({PKG_INFO: b"Name: evals\nVersion: 0.0.1\n"},),
               "broken.tar.gz": b"not a tarball"}

    def real_style(self, row: dict) -> str:
        # a stem that opens with the patient is a vignette, any other a question
        return "mcqvignette" if build().VIGNETTE.match(row["text"]) else "mcqquestion"


def test_the_real_part_is_the_extractors_selection_of_skin_and_plain_units(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (22, 271)


def test_the_real_part_names_something_in_23_texts_and_labels_3(rows):
    real = real_rows(rows)
    named = [r for r in real if r["conditions"] or r["concepts"] or r["disease_label"]]
    assert len(named) == 23
    assert sum(bool(r["conditions"]) for r in real) == 18
    assert sum(any(e[0] in "!?" for e in r["conditions"] + r["concepts"]) for r in real) == 13
    assert sorted(r["disease_label"] for r in real if r["disease_label"]) == ["animal-bite", "thermal-burn", "xanthoma"]
    by_key = {real_key(r): r for r in real}
    # a snake bite, burns, palmar xanthomas (labels); a denied excessive sweating; oral aphthous ulcers in a vignette
    # that withholds its diagnosis; a withheld scleroderma's skin; a question about jaundice
    expect = {
        "MEDMCQA:26": (["animal-bite"], [], "animal-bite"),
        "MEDMCQA:170": (["thermal-burn"], [], "thermal-burn"),
        "MEDMCQA:174": (["xanthoma"], ["palmoplantar"], "xanthoma"),
        "MEDMCQA:183": (["!hyperhidrosis"], [], ""),
        "MEDMCQA:268": (["aphthous-ulcer"], ["ulcer", "mucosal-involvement"], ""),
        "MEDMCQA:142": ([], ["red", "periorificial", "sclerosis"], ""),
        "MEDMCQA:66": (["?jaundice"], [], ""),
    }
    for key, want in expect.items():
        r = by_key[key]
        assert (r["conditions"], r["concepts"], r["disease_label"]) == want
    # an artery's plaque, the cervix's lesion, the gastric mucosa's erosions, red urine, renal scarring and IgA
    # deposits on a skin biopsy (the disease withheld) name nothing
    for key in ("MEDMCQA:71", "MEDMCQA:221", "MEDMCQA:264", "MEDMCQA:163", "MEDMCQA:25", "MEDMCQA:95"):
        assert (by_key[key]["conditions"], by_key[key]["concepts"], by_key[key]["disease_label"]) == ([], [], "")


READ = "evals-3.0.1.post1/evals/registry/data/medmcqa/samples.jsonl"
SYSTEM = {"role": "system", "content": "You are a highly intelligent doctor who answers the following question."}


def _user(text) -> dict:
    return {"input": [SYSTEM, {"role": "user", "content": text}], "ideal": "a) Psoriasis"}


ROWS = [
    _user("Subject: Dermatology\n\nA 30-year-old man has an itchy   rash on both\nelbows. Most likely diagnosis?\n\n"
          "a) Psoriasis\nb) Eczema\nc) Scabies\nd) Tinea"),
    "not a JSON object",
    _user("Subject: Physiology\n\nWhich vitamin is required for vision in dim light?\n\na) A\nb) B\nc) C\nd) D"),
    _user(["not", "a", "string"]),
    _user("Subject: Medicine\n\nA 30-year-old man has an itchy rash on both elbows. Most likely diagnosis?\n\n"
          "a) Lichen planus\nb) Psoriasis"),
    _user("Subject: Anatomy\n\nWhich nerve supplies the deltoid muscle?\n\na) Axillary\nb) Radial"),
    _user("Subject: Anatomy\n\nToo short?\n\na) Yes\nb) No"),
    {"input": [SYSTEM]},
    {"no_input": 1},
]


def test_the_extractor_reads_question_stems_and_selects_by_its_rule(tmp_path):
    ex = extract()
    lines = "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in ROWS)
    path = tmp_path / "evals-9.9.9.tar.gz"
    write_tar(path, {PKG_INFO: b"Metadata-Version: 2.1\nName: evals\nVersion: 9.9.9\n",
                  READ: lines.encode("utf-8"),
                  "evals-3.0.1.post1/evals/registry/data/other/samples.jsonl": lines.encode("utf-8")})
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "evals-9.9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # the user turn's stem only (no subject line, no options), white space folded; a line that is no JSON object, a
    # turn that is no string, a row without a user turn skipped; a repeat under another subject (line 5) skipped
    assert list(units.items()) == [
        ("MEDMCQA:1", "A 30-year-old man has an itchy rash on both elbows. Most likely diagnosis?"),
        ("MEDMCQA:3", "Which vitamin is required for vision in dim light?"),
        ("MEDMCQA:6", "Which nerve supplies the deltoid muscle?"),
        ("MEDMCQA:7", "Too short?")]
    # a two-word question is no candidate
    assert [ex.kind(t) for t in units.values()] == ["skin", "plain", "plain", ""]
    # every skin candidate and every EVERY_PLAIN-th plain candidate (from the first)
    assert ex.EVERY_PLAIN == 1 and list(ex.selected(units)) == ["MEDMCQA:1", "MEDMCQA:3", "MEDMCQA:6"]
    # a text an earlier set holds is skipped
    assert list(ex.selected(units, {"which vitamin is required for vision in dim light"})) == ["MEDMCQA:1",
                                                                                               "MEDMCQA:6"]
    # a prompt without a subject line or options is its whole text
    assert ex.stem("Which  nerve\nsupplies the deltoid?") == "Which nerve supplies the deltoid?"
