"""The frozen twenty-fourth independent evaluation set (benchmarks/tagger/independent24/) is well-formed and says what
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
HERE = ROOT / "benchmarks/tagger/independent24"
SET = HERE / "independent24.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 24)))
OMS_SOURCE = ("medical dictionary headword (Debian hunspell-en-med 0.0.20140410-4, "
              "/usr/share/hunspell/en_med_glut.dic)")
REAL = re.compile(re.escape(OMS_SOURCE) + r" (OMS:L[0-9]{5})")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 310, "distinct_conditions": 180, "distinct_labels": 155, "distinct_concepts": 73,
    "condition_mentions": 322, "negated": 42, "uncertain": 59, "empty_labels": 88, "real": 121,
    "styles": {"abbreviation": 11, "caption": 12, "falsefriend": 5, "forum": 14, "general": 5, "group": 12,
               "headword": 121, "hedged": 9, "helpline": 4, "histopath": 12, "inverted": 11, "lay": 11,
               "lecture": 11, "mole": 5, "negation": 9, "nonderm": 3, "referral": 12, "scope": 10,
               "selfcorrection": 6, "speech": 6, "studytitle": 6, "subtype": 6, "symptom": 3, "trial": 6},
}
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's source
EARLIER_MARKERS = ("hunspell", "openmedspel", "en_med_glut", "spell-chek", "spelling dictionary")


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
    return importlib.import_module("benchmarks.tagger.independent24.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent24.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


def real_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith("written")]


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in24", 300, 8000
    BUILD = "benchmarks.tagger.independent24.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(rows):
    assert source_problems(rows, (OMS_SOURCE,)) == []
    for name in {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    real = real_rows(rows)
    assert len(rows) >= 300 and len(real) == 121 and len(real) >= 0.33 * len(rows)
    assert all(REAL.fullmatch(r["source"]) for r in real)
    assert {r["style"] for r in real} == {"headword"}
    assert [r["id"] for r in real] == [f"in24-{k:04d}" for k in range(1, 122)]


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m.lower() in r.get("source", "").lower() for p in EARLIER for r in read_rows(p)
                   if isinstance(r, dict) for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # the real part is 39 % (121 of 310); its style is headword, so there are no abstract or metadata rows, and the
    # written "X in patients with Y" titles are studytitle, not title
    assert family_problems(rows) == ["abstract", "metadata", "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    keys = [real_key(r) for r in real_rows(rows)]
    assert len(keys) == 121 and len(set(keys)) == len(keys)
    assert [r["text"] for r in real_rows(rows)] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


def test_the_real_part_is_skin_headwords_and_a_sample_of_plain_ones(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (110, 11)
    texts = {r["text"] for r in real_rows(rows)}
    assert {"onychoschizia", "xanthoerythrodermia", "aardwolf", "leproserie"} <= texts


def test_the_real_part_names_nothing_in_fifty_headwords_as_the_readme_says(rows):
    real = real_rows(rows)
    empty = [r["text"] for r in real if not r["conditions"] and not r["concepts"]]
    assert len(empty) == 50
    # organisms, places and plain words: the false-positive part of the real texts
    assert {"leishmania", "herpestidae", "leprosaria", "cardiocyte"} <= set(empty)
    assert sum(not r["disease_label"] for r in real) == 63


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["OMS:L99999", "lipoma", "", "lipoma"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["OMS:70", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_bad)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.units

    def altered():
        out = original()
        out["OMS:L00070"] = out["OMS:L00070"] + " (altered)"
        return out
    monkeypatch.setattr(b, "units", altered)
    changed = [(a["id"], c["text"]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [("in24-0001", "aardwolf (altered)")]


def test_the_extractor_reads_headwords_and_selects_by_its_rule(tmp_path):
    ex = extract()
    text = "\n".join(["12", "    comment line of the header", "", "psoriasis/M", "Psoriasis", "pruritic",
                      "bronchomycosis", "1,2-benzene", "lipoma/S", "kidney", "vitiligo", "scabies", "wartlike"])
    (tmp_path / ex.FILE).write_text(text + "\n", encoding="utf-8")
    raw, read = ex.read_file(tmp_path)
    units = ex.headword_units(read)
    assert units == {"OMS:L00004": "psoriasis", "OMS:L00005": "Psoriasis", "OMS:L00006": "pruritic",
                     "OMS:L00007": "bronchomycosis", "OMS:L00008": "1,2-benzene", "OMS:L00009": "lipoma",
                     "OMS:L00010": "kidney", "OMS:L00011": "vitiligo", "OMS:L00012": "scabies",
                     "OMS:L00013": "wartlike"}
    # capitals, digits, adjectives ("-ic", "-like"), another organ's disease and (as README says, a quirk of the
    # frozen rule) every "-is" ending, so "psoriasis" too, are no candidates or no skin words
    assert [ex.kind(w) for w in units.values()] == ["", "", "", "", "", "skin", "plain", "skin", "skin", ""]
    # skin headwords in order: lipoma, vitiligo, scabies -> every third from the first: lipoma; plain: every
    # 6,000th from the first -> kidney
    assert ex.selected(units) == {"OMS:L00009": "lipoma", "OMS:L00010": "kidney"}


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-9]|2[0-3]|[1-9])?\b", l)] == []
