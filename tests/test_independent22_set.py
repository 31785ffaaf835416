"""The frozen twenty-second independent evaluation set (benchmarks/tagger/independent22/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from derm1m_build.ontology import load_ontology
from frozen_set_checks import BuilderContract, any_rows, family_problems, read_rows, source_problems

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent22"
SET = HERE / "independent22.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 22)))
CRA_SOURCE = ("abstract sentence (PyPI cancer-researcher-ai 0.2.1, "
              "cancer_researcher_ai/Final_Stacked_Data_without_Duplicates.csv)")
REAL = re.compile(re.escape(CRA_SOURCE) + r" (CRA:R[0-9]{4}\.S[0-9]{2})")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 302, "distinct_conditions": 179, "distinct_labels": 130, "distinct_concepts": 70,
    "condition_mentions": 382, "negated": 43, "uncertain": 116, "empty_labels": 86, "real": 99,
    "styles": {"abbreviation": 13, "abstract": 99, "caption": 16, "falsefriend": 12, "forum": 17, "group": 12,
               "hedged": 11, "histopath": 16, "inverted": 15, "lay": 12, "lecture": 14, "negation": 12,
               "nonderm": 5, "referral": 16, "scope": 12, "selfcorrection": 7, "studytitle": 8, "symptom": 5},
}
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's source
EARLIER_MARKERS = ("cancer-researcher-ai", "cancer_researcher_ai", "Final_Stacked_Data")


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
    return importlib.import_module("benchmarks.tagger.independent22.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent22.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


def real_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith("written")]


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in22", 300, 8000
    BUILD = "benchmarks.tagger.independent22.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(rows):
    assert source_problems(rows, (CRA_SOURCE,)) == []
    for name in {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    real = real_rows(rows)
    assert len(rows) >= 300 and len(real) == 99 and len(real) >= 0.30 * len(rows)
    assert all(REAL.fullmatch(r["source"]) for r in real)
    assert {r["style"] for r in real} == {"abstract"}
    assert [r["id"] for r in real] == [f"in22-{k:04d}" for k in range(1, 100)]


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m in r.get("source", "") for p in EARLIER for r in read_rows(p) if isinstance(r, dict)
                   for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # the real part is 33 % (99 of 302), under the bounds' 35 %; no metadata or title styles (the written
    # "X in patients with Y" titles are studytitle)
    assert family_problems(rows) == ["real share", "metadata", "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    keys = [real_key(r) for r in real_rows(rows)]
    assert len(keys) == 99 and len(set(keys)) == len(keys)
    assert [r["text"] for r in real_rows(rows)] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


def test_the_real_part_is_skin_sentences_and_a_sample_of_plain_ones(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (88, 11)
    texts = {r["text"] for r in real_rows(rows)}
    assert "Genetics of nonmelanoma skin cancer." in texts and "Conclusions:" in texts


def test_real_texts_that_name_no_finding_are_at_most_fifteen_percent_of_the_real_part(rows):
    real = real_rows(rows)
    empty = [r["text"] for r in real if not r["conditions"] and not r["concepts"]]
    assert len(empty) == 13 and len(empty) <= 0.15 * len(real)
    assert "Surgery with local excision was performed, and a cutaneous flap was realized." in empty


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["CRA:R9999.S01", "melanoma", "", "melanoma"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["CRA:0001.S00", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_bad)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.units

    def altered():
        out = original()
        out["CRA:R0602.S00"] = out["CRA:R0602.S00"] + " (altered)"
        return out
    monkeypatch.setattr(b, "units", altered)
    changed = [(a["id"], c["text"]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [(changed[0][0], "Genetics of nonmelanoma skin cancer. (altered)")]


def test_the_extractor_splits_sentences_and_selects_by_its_rule():
    ex = extract()
    csv_text = ',Title,Authors,Link,Abstract\n' + "\n".join([
        '1,Melanoma in mice.,A,u,"Melanoma cells grew. Skin cancer is common. Plain words here."',
        '2,Psoriasis trial.,B,u,"Uveal melanoma was seen.\nThe rash resolved! Nothing else? Conclusions:"',
    ])
    units = ex.sentence_units(csv_text)
    assert units == {"CRA:R0001.S00": "Melanoma in mice.", "CRA:R0001.S01": "Melanoma cells grew.",
                     "CRA:R0001.S02": "Skin cancer is common.", "CRA:R0001.S03": "Plain words here.",
                     "CRA:R0002.S00": "Psoriasis trial.", "CRA:R0002.S01": "Uveal melanoma was seen.",
                     "CRA:R0002.S02": "The rash resolved!", "CRA:R0002.S03": "Nothing else?",
                     "CRA:R0002.S04": "Conclusions:"}
    assert [ex.kind(t) for t in units.values()] == ["skin", "", "skin", "plain", "skin", "skin", "skin", "plain",
                                                    "plain"]
    # skin sentences in order: R1.S00, R1.S02, R2.S00, R2.S01, R2.S02 -> every third: R1.S00, R2.S01 (left out:
    # an eye's melanoma only); plain: every 1,500th from the first -> R1.S03
    assert ex.selected(units) == {"CRA:R0001.S00": "Melanoma in mice.", "CRA:R0001.S03": "Plain words here."}


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-9]|2[01]|[1-9])?\b", l)] == []
