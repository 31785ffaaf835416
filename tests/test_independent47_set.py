"""The frozen forty-seventh independent evaluation set (benchmarks/tagger/independent47/) is well-formed and says
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
HERE = ROOT / "benchmarks/tagger/independent47"
SET = HERE / "independent47.jsonl"
EARLIER = earlier_paths(47)
SOURCE = ("Social IQa test items (PyPI evals 3.0.1.post1 "
          "evals/registry/data/theory_of_mind/socialiqa/test.jsonl)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 311, "distinct_conditions": 113, "distinct_labels": 73, "distinct_concepts": 59,
    "condition_mentions": 164, "negated": 45, "uncertain": 26, "empty_labels": 228, "real": 228,
    "styles": {"abbreviation": 3, "caption": 3, "casenote": 10, "differential": 2, "falsefriend": 4, "figlegend": 13,
               "forum": 10, "group": 6, "hedged": 3, "inverted": 3, "lay": 3, "lecture": 10, "negation": 3,
               "scope": 3, "selfcorrection": 3, "socialiqa": 232},
}
TOP = "evals-3.0.1.post1"
MEMBER = "evals/registry/data/theory_of_mind/socialiqa/test.jsonl"
INFO = b"Metadata-Version: 2.1\nName: evals\nVersion: 3.0.1.post1\n"

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent47.extract")


def _items(texts: list[str]) -> bytes:
    """A made-up test.jsonl: one item per text, as the sdist stores them (the expected answer beside it)."""
    return "".join(json.dumps({"input": [{"role": "user", "content": t}], "ideal": "A"}) + "\n"
                   for t in texts).encode()


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in47", 300, 8000
    BUILD = "benchmarks.tagger.independent47.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL = re.compile(re.escape(SOURCE) + r" (SIQA:[1-9][0-9]*)")
    REAL_SOURCES, REAL_COUNT, REAL_SHARE = (SOURCE,), 228, 0.35
    REAL_STYLES = frozenset({"socialiqa"})
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    UNKNOWN_KEY = ["SIQA:999999", "sunburn", "", "sunburn"]
    MALFORMED_KEY = ["SIQA:0", "", "", ""]
    ALTERED_KEY, ALTERED_ID = "SIQA:300", "in47-0032"
    # no earlier set's row names this data set or its file (sets 36 and 43 drew on two other files of the same sdist)
    EARLIER_MARKERS = ("social iqa", "socialiqa", "siqa:", "theory_of_mind")
    # 73 % of the texts have no label (bound 18-30 %): 217 of the 228 real items name no diagnosis of a person's
    # skin (pies, ovens, bites of sushi, skin that crawls, cancers of no organ, allergies with no skin word, 180
    # plain items); no title, abstract or metadata rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    # 33 legends, lectures and forum posts; 2 without a label; 7 forum posts negate a condition
    CASE_TEXTS = (33, 2, 7)
    EXTRACT = "benchmarks.tagger.independent47.extract"
    REFUSED = {
        "left-pad-1.0.tar.gz": ({"PKG-INFO": b"Name: left-pad\nVersion: 1.0\n"}, "left-pad-1.0"),
        "evals-no-siqa.tar.gz": ({"PKG-INFO": INFO, "evals/registry/data/sarcasm/samples.jsonl": b"{}\n"}, TOP),
        "evals-bad-line.tar.gz": ({"PKG-INFO": INFO, MEMBER: b"{\"input\": []}\n"}, TOP),
        "broken.tar.gz": b"not a tarball",
    }


def test_the_real_part_is_the_extractors_selection_and_reads_as_the_readme_says(rows):
    real = real_rows(rows)
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real]
    assert (kinds.count("skin"), kinds.count("plain")) == (48, 180)
    by_key = {r["source"].rsplit(" ", 1)[1]: r for r in real}
    expect = {
        # a person's stated sunburn, burn, bruises, cuts and dog bite are asserted and the label
        "SIQA:300": (["sunburn"], [], "sunburn"),
        "SIQA:872": (["thermal-burn"], [], "thermal-burn"),
        "SIQA:288": (["ecchymosis"], [], "ecchymosis"),
        "SIQA:2191": (["laceration"], [], "laceration"),
        "SIQA:804": (["animal-bite"], [], "animal-bite"),
        # a doctor's diagnosis of skin cancer is the group `malignant`, asserted and the label
        "SIQA:1411": (["malignant"], [], "malignant"),
        # a hand pulled back from the stove is not burned; a burn about to happen, a bite avoided and an answer's
        # plan are uncertain
        "SIQA:158": (["!thermal-burn"], [], ""),
        "SIQA:1382": (["?thermal-burn"], [], ""),
        "SIQA:1143": (["?animal-bite"], [], ""),
        "SIQA:1313": (["?malignant", "?sunburn"], [], ""),
        # a rash with no kind, skin that crawls, a bite of sushi, a tan and an allergy to a dog name nothing
        "SIQA:1055": ([], [], ""),
        "SIQA:313": ([], [], ""),
        "SIQA:1103": ([], [], ""),
        "SIQA:1607": ([], [], ""),
        "SIQA:1947": ([], [], ""),
    }
    assert {k: (by_key[k]["conditions"], by_key[k]["concepts"], by_key[k]["disease_label"]) for k in expect} == expect
    assert sum(bool(r["conditions"]) for r in real) == 17
    assert sum(bool(r["concepts"]) for r in real) == 0
    assert sum(bool(r["disease_label"]) for r in real) == 11
    assert sum(c.startswith("!") for r in real for c in r["conditions"]) == 1


def test_the_written_case_notes_carry_status(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 10 and all(r["disease_label"] for r in notes)
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 10
    # the false friends name nothing; the written items keep the real part's readings
    assert [r["conditions"] for r in rows if r["style"] == "falsefriend"] == [[], [], [], []]
    assert {r["text"][:12]: r["disease_label"] for r in rows if r["source"].endswith("(written_b.txt)")
            and r["style"] == "socialiqa"} == {"Quinn got st": "bee-sting", "Riley had ch": "",
                                               "Jordan's mot": "eczema", "Sasha forgot": "sunburn"}


def test_the_extractor_reads_items_without_running_anything_and_selects_by_its_rule(tmp_path):
    ex = extract()
    path = tmp_path / "evals-3.0.1.post1.tar.gz"
    write_tar(path, {"PKG-INFO": INFO, MEMBER: _items([
        "Austin got a  sunburn at the beach. How would Austin feel?", "Jan baked a cake for the party today.",
        "AUSTIN GOT A SUNBURN AT THE BEACH. How would Austin feel?", "ok", "Lee mowed the lawn before it rained.",
        "Kai bought a new car last week.", "", "Riley's dog bit the mailman on Tuesday."]),
        "evals/registry/data/theory_of_mind/tomi/test.jsonl": _items(["Casey has a rash on their arm today."])}, TOP)
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "evals-3.0.1.post1" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # spaces are folded; a repeat in other case is skipped; an empty item is no unit; another file is not read;
    # keys count every line of the file
    assert list(units.items()) == [
        ("SIQA:1", "Austin got a sunburn at the beach. How would Austin feel?"),
        ("SIQA:2", "Jan baked a cake for the party today."), ("SIQA:4", "ok"),
        ("SIQA:5", "Lee mowed the lawn before it rained."), ("SIQA:6", "Kai bought a new car last week."),
        ("SIQA:8", "Riley's dog bit the mailman on Tuesday.")]
    assert [ex.kind(t) for t in units.values()] == ["skin", "plain", "", "plain", "plain", "plain"]
    assert ex.EVERY_PLAIN == 12
    assert list(ex.selected(units)) == ["SIQA:1", "SIQA:2"]
    # a text an earlier set holds is skipped before counting
    assert list(ex.selected(units, {"jan baked a cake for the party today"})) == ["SIQA:1", "SIQA:5"]


def test_the_copy_records_the_sdist_it_came_from():
    head = (HERE / "units.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# evals-3.0.1.post1 (PyPI sdist), sha256 "
                    "0ffd9bed75c273a4a9f0b10ccf11a5e1e1c63c89926f12958375551429a4dc21",
                    "# 2203 units; kept 228 by the rule in extract.py"]
