"""The frozen twenty-ninth independent evaluation set (benchmarks/tagger/independent29/) is well-formed and says
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

from derm1m_build.ontology import load_ontology
from frozen_set_checks import BuilderContract, any_rows, family_problems, read_rows, source_problems

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent29"
SET = HERE / "independent29.jsonl"
EARLIER = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
           ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
           *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 29)))
PKG_SOURCE = "clinical teaching text (PyPI sdist open-medicine 0.12.0, MIT)"
REAL = re.compile(re.escape(PKG_SOURCE) + r" (OPENMED:src/open_medicine/[A-Za-z0-9][A-Za-z0-9_./-]*\.[0-9]+)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 301, "distinct_conditions": 90, "distinct_labels": 50, "distinct_concepts": 56,
    "condition_mentions": 161, "negated": 6, "uncertain": 101, "empty_labels": 245, "real": 220,
    "styles": {"abbreviation": 3, "adverse": 2, "burnwound": 4, "caption": 3, "chiefcomplaint": 3, "ddxentry": 3,
               "ddxkb": 59, "differential": 1, "eligibility": 2, "falsefriend": 4, "familyhistory": 1, "forum": 4,
               "general": 2, "group": 6, "hedged": 3, "histopath": 3, "inverted": 4, "lay": 3, "lecture": 3,
               "mole": 2, "negation": 3, "nonderm": 2, "referral": 3, "resolved": 1, "scope": 3,
               "selfcorrection": 2, "sitecaption": 1, "speech": 2, "studytitle": 2, "subtype": 2, "symptom": 2,
               "teaching": 161, "trial": 2},
}
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}
# none of the earlier sets' rows may name this set's package
EARLIER_MARKERS = ("open-medicine", "open_medicine", "openmed")


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
    return importlib.import_module("benchmarks.tagger.independent29.build")


def extract():
    return importlib.import_module("benchmarks.tagger.independent29.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


def real_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith("written")]


class TestContract(BuilderContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in29", 300, 8000
    BUILD = "benchmarks.tagger.independent29.build"
    HERE, GROUP_NODES, README_FIGURES, EARLIER = HERE, frozenset(GROUP_NODES), README_FIGURES, EARLIER


def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(rows):
    assert source_problems(rows, (PKG_SOURCE,)) == []
    assert {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
            for r in rows if r["source"].startswith("written")} == {"written_a.txt"}
    real = real_rows(rows)
    assert len(rows) >= 300 and len(real) == 220 and len(real) >= 0.33 * len(rows)
    assert all(REAL.fullmatch(r["source"]) for r in real)
    assert [r["style"] for r in real] == ["ddxkb" if "/differentials/" in real_key(r) else "teaching" for r in real]
    assert [r["id"] for r in real] == [f"in29-{k:04d}" for k in range(1, 221)]


def test_no_earlier_set_drew_on_this_source(rows):
    assert not any(m in r.get("source", "").lower() for p in EARLIER for r in read_rows(p)
                   if isinstance(r, dict) for m in EARLIER_MARKERS)


def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(rows):
    # the real part is 73 % (220 of 301): guideline summaries and differential-diagnosis entries, so there are no
    # abstract, metadata or title rows; teaching text names conditions in general (`?`) and 219 of the 220 real texts
    # have no label, which lifts the empty-label share to 81 % and the negated-or-uncertain share to 66 %
    assert family_problems(rows) == ["negated or uncertain share", "empty label share", "abstract", "metadata",
                                     "title"]


def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(rows):
    units = build().units()
    keys = [real_key(r) for r in real_rows(rows)]
    assert len(keys) == 220 and len(set(keys)) == len(keys)
    assert [r["text"] for r in real_rows(rows)] == [units[k] for k in keys]
    assert sorted(keys) == sorted(units)


def test_the_real_part_is_every_second_skin_unit_and_every_hundredth_plain_one(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (141, 79)
    assert [r["style"] for r in real_rows(rows)].count("ddxkb") == 59


def test_the_real_part_names_something_in_78_texts_and_labels_one(rows):
    real = real_rows(rows)
    assert sum(bool(r["conditions"] or r["concepts"]) for r in real) == 78
    assert [r["disease_label"] for r in real if r["disease_label"]] == ["thermal-burn"]
    by_text = {r["text"]: r for r in real}
    table = by_text["Superficial (1st degree) | Epidermis only | Pink to red, dry, no blisters, blanches with "
                    "pressure | Painful | 5-10 days, no scarring"]
    assert (table["conditions"], table["concepts"]) == ([], ["pink", "red", "!bulla", "!scar-concept"])
    cell = by_text["Skin and Soft Tissue Infection (Cellulitis/Abscess)"]
    assert (cell["conditions"], cell["disease_label"]) == (["?cellulitis", "?abscess"], "")
    # an abscess, an ulcer or a lesion of another organ, and a sore throat, name nothing
    for text in ("Lung abscess is suspected or confirmed on imaging.", "Chronic or recurrent sore throat",
                 "CTA to evaluate for structural lesion and spot sign"):
        assert (by_text[text]["conditions"], by_text[text]["concepts"], by_text[text]["disease_label"]) == ([], [], "")


def test_the_builder_refuses_a_key_it_has_no_copy_for(monkeypatch):
    b = build()
    original = b._lines

    def with_unknown(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["OPENMED:src/open_medicine/mcp/differentials/data/rash.json.1", "urticaria", "", "urticaria"]
    monkeypatch.setattr(b, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied units"):
        b.rows()


def test_the_builder_refuses_a_malformed_key(monkeypatch):
    b = build()
    original = b._lines

    def with_bad(n):
        yield from original(n)
        if n == "real_units.txt":
            yield ["CUMULUS:cumulus_etl/etl/studies/ibd/eim.json.3", "", "", ""]
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
    assert changed == [("in29-0001", "(altered)")]


def _sdist(path: Path, top: str, files: dict[str, object]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, obj in files.items():
            data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_the_extractor_reads_the_teaching_texts_only_and_selects_by_its_rule(tmp_path):
    ex = extract()
    ddx = {"title": "Rash Differential", "diagnoses": [
        {"name": "Cellulitis", "key_features": ["Spreading erythema of one leg with fever", "Warm tender swollen calf"]},
        {"name": "Gout", "key_features": ["Never seen before in this patient today", "Tophi"]}]}
    files = {
        "PKG-INFO": b"Name: open-medicine\nA rash of skin words in the metadata is never read.\n",
        "data/guidelines/copied.md": b"Blistering burns of the skin are never read from data.\n",
        "src/open_medicine/guidelines/content/burns/care.md": (
            "# Burn Care\n- **Large blisters** should be deroofed in theatre.\n"
            "| Superficial | Pink and dry with no blisters at all |\n"
            "Give fluids early for the patients. Give fluids early for the patients!\nOK\n").encode(),
        "src/open_medicine/mcp/differentials/data/rash.json": ddx,
        "tests/test_x.py": b"# the patient has eczema on the hands and feet\n",
    }
    path = tmp_path / "open_medicine-9.9.tar.gz"
    _sdist(path, "open_medicine-9.9", files)
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "open_medicine-9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    md, js = "OPENMED:src/open_medicine/guidelines/content/burns/care.md", \
        "OPENMED:src/open_medicine/mcp/differentials/data/rash.json"
    assert units == {f"{md}.1": "Burn Care", f"{md}.2": "Large blisters should be deroofed in theatre.",
                     f"{md}.3": "Superficial | Pink and dry with no blisters at all",
                     f"{md}.4": "Give fluids early for the patients.", f"{md}.6": "OK",
                     f"{js}.1": "Rash Differential", f"{js}.2": "Cellulitis",
                     f"{js}.3": "Spreading erythema of one leg with fever", f"{js}.4": "Warm tender swollen calf",
                     f"{js}.5": "Gout", f"{js}.6": "Never seen before in this patient today", f"{js}.7": "Tophi"}
    assert [ex.kind(t) for t in units.values()] == ["", "skin", "skin", "plain", "", "", "", "skin", "", "", "plain",
                                                    ""]
    # every second skin candidate and every hundredth plain one, each from the first
    assert set(ex.selected(units)) == {f"{md}.2", f"{js}.3", f"{md}.4"}
    # a text an earlier set holds is skipped before counting
    assert set(ex.selected(units, {"large blisters should be deroofed in theatre"})) == {
        f"{md}.3", f"{md}.4"}


def test_the_extractor_refuses_a_missing_file_or_another_package_with_one_line(capsys, tmp_path):
    assert extract().main([str(tmp_path / "absent.tar.gz")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    path = tmp_path / "left-pad-1.0.tar.gz"
    _sdist(path, "left-pad-1.0", {"README.md": b"nothing"})
    assert extract().main([str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_builder_imports_nothing_from_an_earlier_set():
    imports = [l for l in (HERE / "build.py").read_text(encoding="utf-8").splitlines() if "import" in l]
    assert [l for l in imports if re.search(r"independent(1[0-9]|2[0-8]|[1-9])?\b", l)] == []
