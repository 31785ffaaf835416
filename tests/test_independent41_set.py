"""The frozen forty-first independent evaluation set (benchmarks/tagger/independent41/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import io
import re
import zipfile
from pathlib import Path

from frozen_set_checks import CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent41"
SET = HERE / "independent41.jsonl"
EARLIER = earlier_paths(41)
SOURCE = "ALICE AIML knowledge base patterns (PyPI aiml 0.9.2 aiml/botdata/alice/mp0-mp6.aiml)"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 356, "distinct_conditions": 127, "distinct_labels": 76, "distinct_concepts": 68,
    "condition_mentions": 199, "negated": 35, "uncertain": 75, "empty_labels": 273, "real": 258,
    "styles": {"abbreviation": 4, "caption": 3, "casenote": 10, "chatprompt": 262, "differential": 2,
               "falsefriend": 6, "figlegend": 13, "forum": 10, "group": 6, "hedged": 4, "histopath": 2, "inverted": 4,
               "lay": 4, "lecture": 10, "negation": 4, "nonderm": 2, "referral": 2, "scope": 3, "selfcorrection": 3,
               "speech": 2},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent41.extract")


def _zip(files: dict[str, str]) -> bytes:
    """A made-up sdist (a zip archive) holding FILES (name -> text)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return out.getvalue()


TOP = "aiml-0.9.2"
INFO = "Metadata-Version: 1.1\nName: aiml\nVersion: 0.9.2\n"


def _aiml(patterns: list[str]) -> str:
    cats = "".join(f"<category><pattern>{p}</pattern>\n<template>ok</template></category>\n" for p in patterns)
    return f'<?xml version="1.0"?>\n<aiml version="1.0">\n{cats}</aiml>\n'


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in41", 300, 8000
    BUILD = "benchmarks.tagger.independent41.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL = re.compile(re.escape(SOURCE) + r" (ALICE:mp[0-6]:[1-9][0-9]*)")
    REAL_SOURCES, REAL_COUNT, REAL_SHARE = (SOURCE,), 258, 0.35
    REAL_STYLES = frozenset({"chatprompt"})
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    UNKNOWN_KEY = ["ALICE:mp0:999999", "?pruritus", "", ""]
    MALFORMED_KEY = ["ALICE:mp9:1", "", "", ""]
    ALTERED_KEY, ALTERED_ID = "ALICE:mp0:1", "in41-0001"
    # no earlier set's row names this package, its files or this set's unit keys
    EARLIER_MARKERS = ("aiml", "alice:mp", "botdata")
    # 55 % of the mentions are negated or uncertain and 77 % of the texts have no label (bounds 25-45 % and 18-30 %):
    # the 258 real texts are chatbot questions, 49 of them naming a condition in general (`?`), none a diagnosis; no
    # title, abstract or metadata rows
    FAMILY_PROBLEMS = ["negated or uncertain share", "empty label share", "abstract", "metadata", "title"]
    # 33 legends, lectures and forum posts; 1 without a label; 8 forum posts negate the poster's name
    CASE_TEXTS = (33, 1, 8)
    EXTRACT = "benchmarks.tagger.independent41.extract"
    ABSENT = "absent.zip"
    REFUSED = {
        "left-pad-1.0.zip": _zip({"left-pad-1.0/PKG-INFO": "Name: left-pad\nVersion: 1.0\n"}),
        "aiml-0.0.1.zip": _zip({f"{TOP}/PKG-INFO": INFO, f"{TOP}/aiml/botdata/alice/mp0.aiml": _aiml(["A B C D"])}),
        "broken.zip": b"not a zip archive",
    }


def test_the_real_part_is_the_extractors_selection_and_reads_as_the_readme_says(rows):
    real = real_rows(rows)
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real]
    assert (kinds.count("skin"), kinds.count("plain")) == (187, 71)
    by_key = {r["source"].rsplit(" ", 1)[1]: r for r in real}
    expect = {
        # the writer's own itch is asserted (never a label); a question about oneself is `?`, no label
        "ALICE:mp4:3817": (["pruritus"], []),
        "ALICE:mp5:5383": (["?condyloma-acuminatum"], []),
        # a burn of a person is a burn, the sun's a sunburn; fire burning wood, a bee's hive, Latin's wolf: nothing
        "ALICE:mp1:4480": (["?thermal-burn"], []),
        "ALICE:mp2:268": (["?sunburn"], []),
        "ALICE:mp0:531": ([], []),
        "ALICE:mp0:7584": ([], []),
        "ALICE:mp3:3833": ([], []),
        # "go bald" is the balding process, a bald person's state names nothing
        "ALICE:mp1:5722": (["?androgenetic-alopecia"], []),
        "ALICE:mp4:5572": ([], []),
        "ALICE:mp0:5153": (["?albinism"], ["?depigmentation"]),
    }
    assert {k: (by_key[k]["conditions"], by_key[k]["concepts"]) for k in expect} == expect
    assert sum(bool(r["conditions"]) for r in real) == 50
    assert sum(bool(r["concepts"]) for r in real) == 3
    assert not any(r["disease_label"] for r in real)


def test_the_written_case_notes_carry_status(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 10 and all(r["disease_label"] for r in notes)
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 8
    # an organ's ulcer or melanoma, and a cervix's SCC, name no skin disease
    assert [r["conditions"] for r in rows if r["style"] == "nonderm"] == [[], []]
    assert {r["text"][:11]: r["conditions"] for r in rows if r["style"] == "abbreviation"}["Oncology: S"] == []


def test_the_extractor_reads_patterns_without_running_anything_and_selects_by_its_rule(tmp_path):
    ex = extract()
    files = {f"{TOP}/PKG-INFO": INFO}
    for k in range(7):
        files[f"{TOP}/aiml/botdata/alice/mp{k}.aiml"] = _aiml([])
    files[f"{TOP}/aiml/botdata/alice/mp0.aiml"] = _aiml([
        "DO INSECT BITES ITCH", "IS PARIS IN FRANCE", "* HAS A RASH", "MY _ ITCHES", "IS <bot name=\"name\"/> BALD",
        "do insect   bites itch", "DOES FIRE BURN WOOD", "IS BERLIN IN GERMANY", "HI", "DO WARTS   GROW ON SKIN"])
    files[f"{TOP}/aiml/botdata/alice/mp3.aiml"] = _aiml(["IS ROME IN ITALY TODAY"])
    files[f"{TOP}/aiml/botdata/alice/psychology.aiml"] = _aiml(["I HAVE A BAD RASH TODAY"])
    path = tmp_path / "aiml-0.9.2.zip"
    path.write_bytes(_zip(files))
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "aiml-0.9.2" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # a wildcard or a tag is no unit; a repeat in other case and spacing is skipped; spaces are folded; another file
    # of the folder is not read; keys count every pattern of the file
    assert list(units.items()) == [
        ("ALICE:mp0:1", "DO INSECT BITES ITCH"), ("ALICE:mp0:2", "IS PARIS IN FRANCE"),
        ("ALICE:mp0:7", "DOES FIRE BURN WOOD"), ("ALICE:mp0:8", "IS BERLIN IN GERMANY"), ("ALICE:mp0:9", "HI"),
        ("ALICE:mp0:10", "DO WARTS GROW ON SKIN"), ("ALICE:mp3:1", "IS ROME IN ITALY TODAY")]
    assert [ex.kind(t) for t in units.values()] == ["skin", "plain", "skin", "plain", "", "skin", "plain"]
    assert (ex.EVERY_SKIN, ex.EVERY_PLAIN) == (2, 600)
    assert list(ex.selected(units)) == ["ALICE:mp0:1", "ALICE:mp0:2", "ALICE:mp0:10"]
    # a text an earlier set holds is skipped before counting
    assert list(ex.selected(units, {"do insect bites itch"})) == ["ALICE:mp0:2", "ALICE:mp0:7"]


def test_the_copy_records_the_sdist_it_came_from():
    head = (HERE / "units.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# aiml-0.9.2 (PyPI sdist), sha256 "
                    "51d75d8ddedb9e315d85cbdbc82073a47066ef583c53b6ae16df8fb19ef17655",
                    "# 48137 units; kept 258 by the rule in extract.py"]
