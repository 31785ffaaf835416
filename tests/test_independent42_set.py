"""The frozen forty-second independent evaluation set (benchmarks/tagger/independent42/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

from frozen_set_checks import CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent42"
SET = HERE / "independent42.jsonl"
EARLIER = earlier_paths(42)
SOURCE = "Ding German-English dictionary, English sides (Debian trans-de-en 1.9-6 /usr/share/trans/de-en)"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 333, "distinct_conditions": 142, "distinct_labels": 100, "distinct_concepts": 65,
    "condition_mentions": 205, "negated": 36, "uncertain": 45, "empty_labels": 221, "real": 236,
    "styles": {"abbreviation": 4, "caption": 3, "casenote": 12, "dictentry": 239, "differential": 2,
               "falsefriend": 5, "figlegend": 12, "forum": 10, "group": 6, "hedged": 4, "histopath": 2, "inverted": 4,
               "lay": 4, "lecture": 10, "negation": 4, "nonderm": 2, "referral": 2, "scope": 3, "selfcorrection": 3,
               "speech": 2},
}
HEAD = "# Version :: devel 2023-01-30\n# Copyright (c) :: Frank Richter <frank.richter.tu-chemnitz.de>,\n"

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent42.extract")


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in42", 300, 8000
    BUILD = "benchmarks.tagger.independent42.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL = re.compile(re.escape(SOURCE) + r" (DING:[1-9][0-9]*)")
    REAL_SOURCES, REAL_COUNT, REAL_SHARE = (SOURCE,), 236, 0.35
    REAL_STYLES = frozenset({"dictentry"})
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    UNKNOWN_KEY = ["DING:999999999", "?pruritus", "", ""]
    MALFORMED_KEY = ["DING:0", "", "", ""]
    ALTERED_KEY, ALTERED_ID = "DING:6", "in42-0001"
    # no earlier set's row names this dictionary, its package or this set's unit keys
    EARLIER_MARKERS = ("ding german", " ding:", "trans-de-en", "/trans/de-en", "tu-chemnitz")
    # 66 % of the texts have no label (bound 18-30 %): 208 of the 236 dictionary entries name no condition as their
    # headword (hard negatives, kinds in sub-entries, example sentences); no title, abstract or metadata rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    # 32 legends, lectures and forum posts; 1 without a label; 7 forum posts negate the poster's name
    CASE_TEXTS = (32, 1, 7)
    EXTRACT = "benchmarks.tagger.independent42.extract"
    ABSENT = "absent-de-en"
    REFUSED = {
        "other-dictionary": b"# Version :: 1.0\n# Copyright (c) :: Someone Else\nHaus {n} :: house\n",
        "empty": b"",
        "binary": b"\xff\xfe\x00\x81 not text",
    }


def test_the_real_part_is_the_extractors_selection_and_reads_as_the_readme_says(rows):
    real = real_rows(rows)
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real]
    assert (kinds.count("skin"), kinds.count("plain")) == (197, 39)
    by_key = {r["source"].rsplit(" ", 1)[1]: r for r in real}
    expect = {
        # a headword naming a condition is the entry's subject: asserted, the label
        "DING:88785": (["rosacea"], ["telangiectasia"], "rosacea"),
        "DING:18858": (["infantile-hemangioma", "?cherry-angioma", "?angioma"], [], "infantile-hemangioma"),
        # a verb headword naming an injury, with its example sentence
        "DING:36574": (["ecchymosis"], [], "ecchymosis"),
        # a morphology headword gives concepts; conditions only in sub-entries are kinds: `?`, no label
        "DING:49144": (["?thermal-burn", "?herpes-labialis"], ["bulla", "pustule"], ""),
        # an example sentence's bite under a headword naming none: asserted, no label
        "DING:135720": (["animal-bite"], [], ""),
        "DING:130858": (["?acne-vulgaris"], [], ""),
        "DING:52603": (["?measles"], [], ""),
        # false friends: a spy, breakfast cereal, "The rash was confined to the back." (a bare rash names no node)
        "DING:70067": ([], [], ""),
        "DING:22331": ([], [], ""),
        "DING:136321": ([], [], ""),
    }
    assert {k: (by_key[k]["conditions"], by_key[k]["concepts"], by_key[k]["disease_label"]) for k in expect} == expect
    assert sum(bool(r["conditions"]) for r in real) == 39
    assert sum(bool(r["concepts"]) for r in real) == 8
    assert sum(bool(r["disease_label"]) for r in real) == 28


def test_the_written_case_notes_carry_status(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 12 and sum(bool(r["disease_label"]) for r in notes) == 11
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 8
    # an organ's ulcer, a cornea's herpes and a cardiologist's abbreviations name no skin disease
    assert [r["conditions"] for r in rows if r["style"] == "nonderm"] == [[], []]
    assert {r["text"][:11]: r["conditions"] for r in rows if r["style"] == "abbreviation"}["Cardiology:"] == []


def test_the_extractor_reads_english_sides_without_running_anything_and_selects_by_its_rule(tmp_path):
    ex = extract()
    text = HEAD + "".join(line + "\n" for line in [
        "Ausschlag {m} [med.] :: rash; skin rash | rashes; skin rashes",
        "# a comment line :: skin rash comment",
        "Haus {n} | Häuser {pl} :: house | houses and more houses",
        "Zeile ohne Trenner",
        "Ausschlag {m} :: RASH;  skin   rash |  rashes; skin rashes",
        "Warze {f} :: wart | warts | He has a wart.",
        "Hund {m} :: dog | dogs and more dogs here",
        "Ja :: yes"])
    path = tmp_path / "de-en"
    path.write_text(text, encoding="utf-8")
    name, digest, units = ex.read_file(path, set())
    assert name == "ding-de-en devel 2023-01-30" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # a comment or a line without `::` is no unit; a repeat in other case and spacing is skipped; spaces are folded;
    # keys count the file's lines from 1
    assert list(units.items()) == [
        ("DING:3", "rash; skin rash | rashes; skin rashes"), ("DING:5", "house | houses and more houses"),
        ("DING:8", "wart | warts | He has a wart."), ("DING:9", "dog | dogs and more dogs here"), ("DING:10", "yes")]
    assert [ex.kind(t) for t in units.values()] == ["skin", "plain", "skin", "plain", ""]
    assert (ex.EVERY_SKIN, ex.EVERY_PLAIN) == (3, 3000)
    assert list(ex.selected(units)) == ["DING:3", "DING:5"]
    # a text an earlier set holds is skipped before counting
    assert list(ex.selected(units, {"rash skin rash rashes skin rashes"})) == ["DING:5", "DING:8"]


def test_the_copy_records_the_file_it_came_from():
    head = (HERE / "units.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# ding-de-en devel 2023-01-30 (Debian trans-de-en 1.9-6, /usr/share/trans/de-en), sha256 "
                    "34052c6021d09eadfee7a893a789204265954df70fe9c36d38fa00058d79d326",
                    "# 200382 units; kept 236 by the rule in extract.py"]
