"""The frozen twentieth independent evaluation set (benchmarks/tagger/independent20/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from derm1m_build.ontology import load_ontology
from frozen_set_checks import BuilderContract, any_rows, family_problems, read_rows, source_problems

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent20"
SET = HERE / "independent20.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 20)))
MONDO_SOURCE = "Mondo definition sentence (PyPI disease-normalizer 0.14.0, tests/data/mondo/mondo_20251104.obo)"
ONCOTREE_SOURCE = "OncoTree skin node (PyPI disease-normalizer 0.14.0, tests/data/oncotree/oncotree_20211102.json)"
REAL = re.compile("(?:" + re.escape(MONDO_SOURCE) + r" (MONDO:[0-9]{7}:s[0-9]+))|(?:"
                  + re.escape(ONCOTREE_SOURCE) + r" (ONCOTREE:[A-Z]+))")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 308, "distinct_conditions": 208, "distinct_labels": 162, "distinct_concepts": 80,
    "condition_mentions": 393, "negated": 52, "uncertain": 110, "empty_labels": 84, "real": 38,
    "styles": {"abbreviation": 15, "caption": 21, "definition": 9, "falsefriend": 16, "forum": 24, "group": 18,
               "hedged": 14, "histopath": 20, "inverted": 20, "lay": 18, "lecture": 19, "negation": 19, "nonderm": 6,
               "oncotree": 29, "referral": 18, "scope": 16, "selfcorrection": 10, "studytitle": 9, "symptom": 7},
}
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's sources
EARLIER_MARKERS = ("Mondo", "MONDO", "mondo", "OncoTree", "oncotree", "ONCOTREE", "disease-normalizer")


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
    return importlib.import_module("benchmarks.tagger.independent20.build")


def real_key(row: dict) -> str:
    m = REAL.fullmatch(row["source"])
    return m.group(1) or m.group(2)


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in20", 300, 8000
    BUILD = "benchmarks.tagger.independent20.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(rows):
    assert source_problems(rows, (MONDO_SOURCE, ONCOTREE_SOURCE)) == []
    for name in {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    real = [r for r in rows if not r["source"].startswith("written")]
    # fewer real texts than the brief's 30 % exist in the source (README: "Why the real part is small")
    assert len(rows) >= 300 and len(real) == 38
    assert all(REAL.fullmatch(r["source"]) for r in real)
    assert {r["style"] for r in real} == {"definition", "oncotree"}
    assert all((r["style"] == "definition") == r["source"].startswith(MONDO_SOURCE) for r in real)


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m in r.get("source", "") for p in EARLIER for r in read_rows(p) if isinstance(r, dict)
                   for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # the real part is 12 % (the source holds no more skin text), and there are no abstract, metadata or title
    # styles: the real part is Mondo definition sentences and OncoTree nodes, the written titles are studytitle
    assert family_problems(rows) == ["real share", "abstract", "metadata", "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    keys = [real_key(r) for r in rows if not r["source"].startswith("written")]
    assert len(keys) == 38 and len(set(keys)) == len(keys)
    assert [r["text"] for r in rows if not r["source"].startswith("written")] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


def test_real_texts_that_name_no_finding_are_at_most_fifteen_percent_of_the_real_part(rows):
    real = [r for r in rows if not r["source"].startswith("written")]
    empty = [r["id"] for r in real if not r["conditions"] and not r["concepts"]]
    assert len(empty) == 5 and len(empty) <= 0.15 * len(real)


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["ONCOTREE:ZZZ", "melanoma", "", "melanoma"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["MONDO:0004907:sentence1", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_bad)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.units

    def altered():
        out = original()
        out["MONDO:0004907:s1"] = out["MONDO:0004907:s1"] + " (altered)"
        return out
    monkeypatch.setattr(b, "units", altered)
    changed = [(a["id"], c["text"]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [(changed[0][0], "Hair loss usually from the scalp. (altered)")]


def test_the_extractor_splits_mondo_definitions_into_sentences_and_reads_oncotree_skin_nodes():
    ex = importlib.import_module("benchmarks.tagger.independent20.extract")
    obo = ('[Term]\nid: MONDO:0000001\nname: x\ndef: "First part, e.g. acne. Second part with \\"quotes\\"." [X:1]\n'
           '\n[Typedef]\nid: RO:1\ndef: "not a term" []\n')
    assert ex.mondo_units(obo) == {"MONDO:0000001:s1": "First part, e.g. acne.",
                                   "MONDO:0000001:s2": 'Second part with "quotes".'}
    tree = {"TISSUE": {"code": "TISSUE", "name": "Tissue", "mainType": None, "tissue": None, "children": {
        "SKIN": {"code": "SKIN", "name": "Skin", "mainType": "Skin Cancer", "tissue": "Skin", "children": {
            "MCC": {"code": "MCC", "name": "Merkel Cell Carcinoma", "mainType": "Skin Cancer, Non-Melanoma",
                    "tissue": "Skin", "children": {}}}},
        "LUNG": {"code": "LUNG", "name": "Lung", "mainType": "Lung Cancer", "tissue": "Lung", "children": {}}}}}
    assert ex.oncotree_units(json.dumps(tree)) == {
        "ONCOTREE:SKIN": "Skin (Skin Cancer)",
        "ONCOTREE:MCC": "Merkel Cell Carcinoma (Skin Cancer, Non-Melanoma)"}


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-9]|[1-9])?\b", l)] == []
