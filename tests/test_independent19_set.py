"""The frozen nineteenth independent evaluation set (benchmarks/tagger/independent19/) is well-formed and says what
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
HERE = ROOT / "benchmarks/tagger/independent19"
SET = HERE / "independent19.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 19)))
ICPC_SOURCE = "ICPC-2 rubric (Debian gnumed-server 22.19-1, /var/lib/gnumed/server/sql/v15-ref-icpc2-data.sql)"
ICPC_REAL = re.compile(re.escape(ICPC_SOURCE) + r" rubric field ([A-Z][0-9]{2}):(description|crit|incl|excl|cons|note)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 345, "distinct_conditions": 228, "distinct_labels": 171, "distinct_concepts": 85,
    "condition_mentions": 460, "negated": 46, "uncertain": 79, "empty_labels": 92, "real": 155,
    "styles": {"abbreviation": 12, "caption": 15, "falsefriend": 11, "forum": 15, "group": 12, "hedged": 8,
               "histopath": 14, "icpc": 155, "inverted": 15, "lay": 11, "lecture": 15, "negation": 14, "nonderm": 4,
               "referral": 13, "scope": 12, "selfcorrection": 7, "studytitle": 7, "symptom": 5},
}
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's source
EARLIER_MARKERS = ("ICPC", "icpc", "gnumed", "GNUmed", "WONCA")


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
    return importlib.import_module("benchmarks.tagger.independent19.build")


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in19", 300, 8000
    BUILD = "benchmarks.tagger.independent19.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_over_a_third_are_real(rows):
    assert source_problems(rows, (ICPC_SOURCE,)) == []
    for name in {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    real = [r for r in rows if not r["source"].startswith("written")]
    assert len(rows) >= 300 and len(real) >= 0.35 * len(rows)
    assert all(ICPC_REAL.fullmatch(r["source"]) and r["style"] == "icpc" for r in real)


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m in r.get("source", "") for p in EARLIER for r in read_rows(p) if isinstance(r, dict)
                   for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # there are no abstract, metadata or title styles: the real part is ICPC-2 rubric fields (style icpc) and the
    # written "X in patients with Y" titles are studytitle (README)
    assert family_problems(rows) == ["abstract", "metadata", "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().icpc_units()
    keys = [":".join(ICPC_REAL.fullmatch(r["source"]).groups()) for r in rows if r["source"].startswith(ICPC_SOURCE)]
    assert len(keys) == 155 and len(set(keys)) == len(keys)
    real = [r["text"] for r in rows if not r["source"].startswith("written")]
    assert real == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


def test_real_texts_that_name_no_finding_are_at_most_fifteen_percent_of_the_real_part(rows):
    real = [r for r in rows if not r["source"].startswith("written")]
    empty = [r["id"] for r in real if not r["conditions"] and not r["concepts"]]
    assert len(empty) == 11 and len(empty) <= 0.15 * len(real)


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_icpc.txt":
            yield ["S25:incl", "vitiligo", "", "vitiligo"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied ICPC-2 units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_icpc.txt":
            yield ["S70:criteria", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_bad)
    with pytest.raises(AssertionError, match="not in the copied ICPC-2 units"):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.icpc_units

    def altered():
        out = original()
        out["S70:crit"] = out["S70:crit"] + " (altered)"
        return out
    monkeypatch.setattr(b, "icpc_units", altered)
    changed = [(a["id"], c["text"]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [(changed[0][0], "grouped vescicular eruptions, unilateral distribution, over area of a single "
                                       "dermatome (altered)")]


def test_the_extractor_reads_sql_values_with_quotes_and_nulls():
    ex = importlib.import_module("benchmarks.tagger.independent19.extract_icpc")
    line = ("INSERT INTO staging.icpc (COMPONENT, DESCRIPTION, SHORT, ICD_10, CRIT, INCL, EXCL, CONS, NOTE, icpc, CODE) "
            "VALUES (1,'SKIN COLOUR CHANGE',NULL,'R23',NULL,'''circles under eyes'', pallor',NULL,NULL,NULL,1,'S08');")
    assert ex.all_units(line) == {"S08:description": "SKIN COLOUR CHANGE",
                                  "S08:incl": "'circles under eyes', pallor"}
    assert ex.candidates(line) == ex.all_units(line)  # component S: every field is a candidate


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-8]|[1-9])?\b", l)] == []
