"""The frozen forty-third independent evaluation set (benchmarks/tagger/independent43/) is well-formed and says
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
HERE = ROOT / "benchmarks/tagger/independent43"
SET = HERE / "independent43.jsonl"
EARLIER = earlier_paths(43)
SOURCE = ("News Headlines Dataset for Sarcasm Detection (PyPI evals 3.0.1.post1 "
          "evals/registry/data/sarcasm/samples.jsonl)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 389, "distinct_conditions": 118, "distinct_labels": 80, "distinct_concepts": 64,
    "condition_mentions": 186, "negated": 41, "uncertain": 40, "empty_labels": 289, "real": 306,
    "styles": {"abbreviation": 3, "caption": 3, "casenote": 10, "differential": 2, "falsefriend": 4, "figlegend": 13,
               "forum": 10, "group": 6, "headline": 310, "hedged": 3, "inverted": 3, "lay": 3, "lecture": 10,
               "negation": 3, "scope": 3, "selfcorrection": 3},
}
TOP = "evals-3.0.1.post1"
MEMBER = f"{TOP}/evals/registry/data/sarcasm/samples.jsonl"
INFO = b"Metadata-Version: 2.1\nName: evals\nVersion: 3.0.1.post1\n"

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent43.extract")


def _samples(headlines: list[str]) -> bytes:
    """A made-up samples.jsonl: one sarcasm prompt per headline, as the sdist stores them."""
    return "".join(json.dumps({"input": [{"role": "system", "content": "Respond with only a 1 or 0"},
                                         {"role": "user", "content": h}], "ideal": "0"}) + "\n"
                   for h in headlines).encode()


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in43", 300, 8000
    BUILD = "benchmarks.tagger.independent43.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL = re.compile(re.escape(SOURCE) + r" (SARCASM:[1-9][0-9]*)")
    REAL_SOURCES, REAL_COUNT, REAL_SHARE = (SOURCE,), 306, 0.35
    REAL_STYLES = frozenset({"headline"})
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    UNKNOWN_KEY = ["SARCASM:999999", "?measles", "", ""]
    MALFORMED_KEY = ["SARCASM:0", "", "", ""]
    ALTERED_KEY, ALTERED_ID = "SARCASM:1", "in43-0001"
    # no earlier set's row names this data set or its file (set 36 drew on another file of the same sdist)
    EARLIER_MARKERS = ("sarcasm", "registry/data/sarcasm")
    # 74 % of the texts have no label (bound 18-30 %): 279 of the 306 real headlines name no diagnosis of a pictured
    # lesion (cancer of other organs, tattoos, skin care, burning houses, Ken Burns, bites of food, rashes of chases);
    # no title, abstract or metadata rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    # 33 legends, lectures and forum posts; 2 without a label; 8 forum posts negate a condition
    CASE_TEXTS = (33, 2, 8)
    EXTRACT = "benchmarks.tagger.independent43.extract"
    REFUSED = {
        "left-pad-1.0.tar.gz": ({"PKG-INFO": b"Name: left-pad\nVersion: 1.0\n"}, "left-pad-1.0"),
        "evals-no-sarcasm.tar.gz": ({"PKG-INFO": INFO, "evals/registry/data/medmcqa/samples.jsonl": b"{}\n"}, TOP),
        "evals-bad-line.tar.gz": ({"PKG-INFO": INFO, "evals/registry/data/sarcasm/samples.jsonl": b"{\"input\": []}\n"},
                                  TOP),
        "broken.tar.gz": b"not a tarball",
    }


def test_the_real_part_is_the_extractors_selection_and_reads_as_the_readme_says(rows):
    real = real_rows(rows)
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real]
    assert (kinds.count("skin"), kinds.count("plain")) == (287, 19)
    by_key = {r["source"].rsplit(" ", 1)[1]: r for r in real}
    expect = {
        # a public figure's stated diagnosis is asserted and the label; a shingles sufferer's too
        "SARCASM:24033": (["melanoma"], [], "melanoma"),
        "SARCASM:12666": (["herpes-zoster"], [], "herpes-zoster"),
        # a risk of skin cancer is the group `malignant`, uncertain; a search engine asked about warts, uncertain
        "SARCASM:1163": (["?malignant"], [], ""),
        "SARCASM:22606": (["?condyloma-acuminatum"], [], ""),
        # an outbreak's cases are asserted and the label, a drop in vaccination's infections a possibility
        "SARCASM:3727": (["measles"], [], "measles"),
        "SARCASM:15088": (["?measles"], [], ""),
        # a habitually burned tongue is a past burn, never the label
        "SARCASM:1943": (["thermal-burn"], [], ""),
        # head-to-toe moles: naevi all over
        "SARCASM:27684": (["melanocytic-nevus"], ["generalized"], "melanocytic-nevus"),
        # a rash with no kind names no node; a rash of chases, a mole population and an oral cancer name nothing
        "SARCASM:4458": ([], [], ""),
        "SARCASM:14382": ([], [], ""),
        "SARCASM:27440": ([], [], ""),
        "SARCASM:12476": ([], [], ""),
    }
    assert {k: (by_key[k]["conditions"], by_key[k]["concepts"], by_key[k]["disease_label"]) for k in expect} == expect
    assert sum(bool(r["conditions"]) for r in real) == 43
    assert sum(bool(r["concepts"]) for r in real) == 3
    assert sum(bool(r["disease_label"]) for r in real) == 27
    assert not any(c.startswith("!") for r in real for c in r["conditions"])


def test_the_written_case_notes_carry_status(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 10 and all(r["disease_label"] for r in notes)
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 6
    # the false friends and the written headline about sunscreen name no diagnosis
    assert [r["conditions"] for r in rows if r["style"] == "falsefriend"] == [[], [], [], []]
    assert {r["text"][:12]: r["disease_label"] for r in rows if r["source"].endswith("(written_b.txt)")
            and r["style"] == "headline"} == {"area man's '": "melanoma", "woman, 34, s": "psoriasis",
                                              "study: sunsc": "", "teen's 'ring": "nummular-eczema"}


def test_the_extractor_reads_headlines_without_running_anything_and_selects_by_its_rule(tmp_path):
    ex = extract()
    path = tmp_path / "evals-3.0.1.post1.tar.gz"
    write_tar(path, {"PKG-INFO": INFO, "evals/registry/data/sarcasm/samples.jsonl": _samples([
        "report: rash  not going away", "senate passes budget bill today", "REPORT: Rash not going away", "ok",
        "dog bites mailman on tuesday", "house votes on farm bill", "", "mosquito season starts early"]),
        "evals/registry/data/sarcasm/few_shot.jsonl": _samples(["man's wart has own fan club"])}, TOP)
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "evals-3.0.1.post1" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # spaces are folded; a repeat in other case is skipped; an empty headline is no unit; the few-shot file is not
    # read; keys count every line of the file
    assert list(units.items()) == [
        ("SARCASM:1", "report: rash not going away"), ("SARCASM:2", "senate passes budget bill today"),
        ("SARCASM:4", "ok"), ("SARCASM:5", "dog bites mailman on tuesday"), ("SARCASM:6", "house votes on farm bill"),
        ("SARCASM:8", "mosquito season starts early")]
    assert [ex.kind(t) for t in units.values()] == ["skin", "plain", "", "skin", "plain", "skin"]
    assert ex.EVERY_PLAIN == 1500
    assert list(ex.selected(units)) == ["SARCASM:1", "SARCASM:2", "SARCASM:5", "SARCASM:8"]
    # a text an earlier set holds is skipped before counting
    assert list(ex.selected(units, {"senate passes budget bill today"})) == [
        "SARCASM:1", "SARCASM:5", "SARCASM:6", "SARCASM:8"]


def test_the_copy_records_the_sdist_it_came_from():
    head = (HERE / "units.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# evals-3.0.1.post1 (PyPI sdist), sha256 "
                    "0ffd9bed75c273a4a9f0b10ccf11a5e1e1c63c89926f12958375551429a4dc21",
                    "# 28496 units; kept 306 by the rule in extract.py"]
