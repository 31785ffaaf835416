"""The eighteenth independent evaluation set (benchmarks/tagger/independent18/) is well-formed and says what its
README says. It is a DRAFT, not frozen: it does not yet reach the brief's size (>= 320 texts, >= 40 % real), which a
strict xfail below records, so the test fails loudly once the set is completed and the marker must go. These tests
read the set file, its copied source units, the ontology and the earlier sets only; they never run a tagger."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from derm1m_build.ontology import load_ontology
from frozen_set_checks import SetContract, any_rows, read_rows, source_problems

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent18"
SET = HERE / "independent18.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 18)))
MTS_SOURCE = "MTSamples clinical report (PyPI medcat 2.9.0 sdist test resources, "
REAL_SOURCE = re.compile(re.escape(MTS_SOURCE) + r"mct_export_for_meta_cat_full_text\.json\) unit ([1-9][0-9]*:[0-9]+)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 162, "distinct_conditions": 105, "distinct_labels": 67, "distinct_concepts": 37,
    "condition_mentions": 170, "negated": 34, "uncertain": 52, "empty_labels": 76, "real": 43,
    "styles": {"abbreviation": 7, "caption": 9, "clinical": 43, "falsefriend": 9, "forum": 11, "group": 6, "hedged": 5,
               "histopath": 10, "inverted": 10, "lay": 9, "lecture": 9, "negation": 8, "nonderm": 2, "referral": 9,
               "scope": 9, "selfcorrection": 3, "symptom": 3},
}

EARLIER_MARKERS = ("medcat", "MTSamples", "mct_export")


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
    return importlib.import_module("benchmarks.tagger.independent18.build")


class TestContract(SetContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in18", 162, 8000


def test_the_builder_reproduces_the_file_exactly_and_its_counts_are_the_readmes(rows):
    assert build().rows() == rows
    assert build().summary(rows) == README_FIGURES
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    assert [k for k in ("texts", "real", "negated", "uncertain", "empty_labels") if f"{README_FIGURES[k]} " not in readme] == []
    assert [s for s, n in README_FIGURES["styles"].items() if f"| {s} | {n} |" not in readme] == []
    assert "DRAFT, not frozen" in readme


@pytest.mark.xfail(strict=True, reason="draft: below the brief's 320 texts and 40 % real; drop this marker at the freeze")
def test_the_set_has_the_briefs_size_and_real_share(rows):
    real = [r for r in rows if not r["source"].startswith("written")]
    assert len(rows) >= 320 and len(real) >= 0.4 * len(rows)


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    real = [r for r in rows if not r["source"].startswith("written")]
    assert source_problems(rows, (MTS_SOURCE,)) == []
    keys = [REAL_SOURCE.fullmatch(r["source"]).group(1) for r in real]
    assert all(r["style"] == "clinical" for r in real)
    assert [r["text"] for r in real] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units) and len(set(keys)) == len(keys)


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m in r.get("source", "") for p in EARLIER for r in read_rows(p) if isinstance(r, dict)
                   for m in EARLIER_MARKERS)


def test_real_units_that_name_no_finding_are_at_most_fifteen_percent_of_the_real_part(rows):
    real = [r for r in rows if not r["source"].startswith("written")]
    empty = [r["id"] for r in real if not r["conditions"] and not r["concepts"]]
    assert len(empty) == 6 and len(empty) <= 0.15 * len(real)


def test_the_builder_refuses_a_unit_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(name):
        yield from original(name)
        if name == "real_mtsamples.txt":
            yield ["9999:1", "vitiligo", "", "vitiligo"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_text_of_an_earlier_set(monkeypatch):
    b = build()
    text = any_rows(EARLIER[-1])[0]["text"]
    original = b._lines

    def with_copy(name):
        yield from original(name)
        if name == b.WRITTEN[-1]:
            yield ["nonderm", "  " + text.upper() + " ", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_copy)
    with pytest.raises(AssertionError):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.units

    def altered():
        out = original()
        out["3259:75"] = out["3259:75"] + " (altered)"
        return out
    monkeypatch.setattr(b, "units", altered)
    changed = [(a["id"], c["text"]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [(changed[0][0], "Recurrent cellulitis.,5. (altered)")]


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-7]|[1-9])?\b", l)] == []
