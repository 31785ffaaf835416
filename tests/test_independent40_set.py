"""The frozen fortieth independent evaluation set (benchmarks/tagger/independent40/) is well-formed and says what its
README says. These tests read the set file, its copied source units, set 39's copy, the ontology and the earlier sets
only; they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import test_independent39_set as half39
from frozen_set_checks import (CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, earlier_rows,
                               real_rows, set_fixtures)

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent40"
SET = HERE / "independent40.jsonl"
EARLIER = earlier_paths(40)
SOURCE = ("ISIC Archive diagnosis terms, second half (PyPI isic-metadata 4.12.0 "
          "isic_metadata/diagnosis_hierarchical.py)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 336, "distinct_conditions": 214, "distinct_labels": 159, "distinct_concepts": 55,
    "condition_mentions": 434, "negated": 64, "uncertain": 57, "empty_labels": 27, "real": 207,
    "styles": {"abbreviation": 8, "caption": 3, "casenote": 12, "datarow": 7, "differential": 2, "falsefriend": 9,
               "figlegend": 13, "forum": 11, "general": 2, "group": 6, "hedged": 6, "histopath": 3, "inverted": 4,
               "lay": 4, "lecture": 12, "metadata": 207, "negation": 6, "nonderm": 2, "referral": 3, "scope": 4,
               "selfcorrection": 5, "speech": 3, "studytitle": 1, "subtype": 2, "trial": 1},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent40.extract")


# the same wheel as set 39's: its test's made-up wheels serve this extractor, which reads the wheel with set 39's code
_wheel, META, READ = half39._wheel, half39.META, half39.READ


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in40", 300, 8000
    BUILD = "benchmarks.tagger.independent40.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL = re.compile(re.escape(SOURCE) + r" (ISICDX:[a-z][a-z0-9_]*)")
    REAL_SOURCES, REAL_COUNT, REAL_SHARE = (SOURCE,), 207, 0.35
    REAL_STYLES = frozenset({"metadata"})
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    UNKNOWN_KEY = ["ISICDX:benign_made_up_node", "melanoma", "", "melanoma"]
    MALFORMED_KEY = ["ISICDX:Benign", "", "", ""]
    ALTERED_KEY, ALTERED_ID = "ISICDX:benign_exogenous", "in40-0008"
    # set 39 drew on the same file (the other half): no earlier row names this half; that no earlier row holds one
    # of this set's units is checked below, key by key
    EARLIER_MARKERS = ("diagnosis terms, second half",)
    # 8 % of the texts have no label (bound 18-30 %): the 207 real texts are the archive's labels, each asserting one
    # diagnosis; no title or abstract rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "title"]
    # 36 legends, lectures and forum posts; 4 without a label; 8 forum posts negate a name
    CASE_TEXTS = (36, 4, 8)
    EXTRACT = "benchmarks.tagger.independent40.extract"
    # another package, a wheel without the file, one whose module does not parse, a broken archive
    REFUSED = half39.TestContract.REFUSED


def _keys(path: Path) -> dict[str, str]:
    return dict(line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#"))


def test_the_two_halves_share_no_unit_and_together_hold_every_candidate():
    mine, theirs = _keys(HERE / "units.txt"), _keys(ROOT / "benchmarks/tagger/independent39/units.txt")
    assert len(mine) == 207 and len(theirs) == 208 and not set(mine) & set(theirs)
    assert extract().shared_with(HERE / "units.txt", ROOT / "benchmarks/tagger/independent39/units.txt") == []
    # no earlier set's row is one of this set's units
    earlier_keys = {r.get("source", "").rsplit(" ", 1)[-1] for r in earlier_rows(EARLIER)}
    assert earlier_keys & set(mine) == set()


def test_the_real_part_is_the_extractors_selection_and_reads_as_the_readme_says(rows):
    real = real_rows(rows)
    assert {extract().kind(r["text"]) for r in real} == {"skin"}
    by_key = {r["source"].rsplit(" ", 1)[1]: r for r in real}
    mel = "ISICDX:malignant_malignant_melanocytic_proliferations_melanoma_melanoma_invasive_melanoma_invasive_"
    # an indeterminate category (neither benign nor malignant), a carcinoma arising in one of three named tumours, a
    # melanoma arising in a congenital naevus, one "Spitzoid" and one originating from a blue naevus
    expect = {
        "ISICDX:indeterminate_indeterminate_epidermal_proliferations": (["proliferations"], "proliferations"),
        "ISICDX:malignant_malignant_adnexal_epithelial_proliferations_apocrine_or_eccrine_adnexal_adenocarcinoma_"
        "arising_in_association_with_spiradenoma_cylindroma_or_spiradenocylindroma":
            (["malignant-non-melanocytic", "?spiradenoma", "?cylindroma"], "malignant-non-melanocytic"),
        mel + "arising_in_a_congenital_nevus": (["melanoma", "congenital-nevus"], "melanoma"),
        mel + "spitzoid": (["melanoma", "?spitz-nevus"], "melanoma"),
        mel + "blue_nevus_like_melanoma_invasive_originating_from_blue_nevus": (["melanoma", "blue-nevus"], "melanoma"),
    }
    assert {k: (by_key[k]["conditions"], by_key[k]["disease_label"]) for k in expect} == expect
    assert sum(any(c[0] in "!?" for c in r["conditions"]) for r in real) == 4
    assert all(r["disease_label"] for r in real)


def test_the_written_case_notes_carry_status_and_other_fields_abbreviations_name_nothing(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 12 and sum(not r["disease_label"] for r in notes) == 1
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 10
    abbrev = {r["text"][:12]: (r["conditions"], r["disease_label"]) for r in rows if r["style"] == "abbreviation"}
    # MM and BP of haematology, LP of a neurology ward, DF of statistics, Hz of audio
    assert abbrev["Haem clinic:"] == ([], "") and abbrev["Stats append"] == (["dermatofibroma"], "dermatofibroma")
    assert abbrev["Neuro ward: "] == (["actinic-keratosis"], "actinic-keratosis")
    assert {r["text"][:20]: r["conditions"] for r in rows if r["style"] == "falsefriend"} == {
        r["text"][:20]: [] for r in rows if r["style"] == "falsefriend"}


MODULE = '''"""made up"""
from enum import Enum
import sys
sys.exit("never run")


class DiagnosisEnum(str, Enum):
    benign = "Benign"
    benign_cysts = "Benign:Cysts"
    benign_naevus = "Benign:Benign melanocytic proliferations:Nevus"
    malignant_bcc = "Malignant:Basal cell carcinoma"
    malignant_scc = "Malignant:Squamous cell carcinoma"
'''


def test_the_extractor_keeps_every_second_candidate_from_the_second_and_refuses_a_shared_unit(tmp_path, capsys,
                                                                                              monkeypatch):
    ex = extract()
    path = tmp_path / "isic_metadata-9.9.9-py3-none-any.whl"
    path.write_bytes(_wheel({META: "Metadata-Version: 2.4\nName: isic-metadata\nVersion: 9.9.9\n", READ: MODULE}))
    pkg, _, units = ex.read_sdist(path, set())
    assert pkg == "isic-metadata-9.9.9" and len(units) == 5
    # the candidates set 39's rule left (its offset 0 took cysts and the BCC)
    assert ex.EVERY == 2 and ex.OFFSET == 1
    assert list(ex.selected(units)) == ["ISICDX:benign_naevus", "ISICDX:malignant_scc"]
    # a text the gold set or sets 1-38 hold is skipped before counting
    assert list(ex.selected(units, {"benign cysts"})) == ["ISICDX:malignant_bcc"]
    # a copy that shares a key or a text with set 39's copy is refused with one line
    here = tmp_path / "independent40"
    here.mkdir()
    other = tmp_path / "other.txt"
    other.write_text("# head\nISICDX:elsewhere\tMalignant: squamous cell CARCINOMA\n", encoding="utf-8")
    monkeypatch.setattr(ex, "HERE", here)
    monkeypatch.setattr(ex, "OTHER_HALF", other)
    monkeypatch.setattr(ex, "taken_texts", lambda root: set())
    assert ex.main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err == "refused: 1 units also in set 39's copy, first ISICDX:malignant_scc\n"
    other.write_text("ISICDX:elsewhere\tBenign:Other\n", encoding="utf-8")
    assert ex.main([str(path)]) == 0
    assert (here / "units.txt").read_text(encoding="utf-8").splitlines()[1:] == [
        "# 5 units; kept 2 by the rule in extract.py",
        "ISICDX:benign_naevus\tBenign:Benign melanocytic proliferations:Nevus",
        "ISICDX:malignant_scc\tMalignant:Squamous cell carcinoma"]


def test_the_copy_records_the_wheel_it_came_from():
    head = (HERE / "units.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# isic-metadata-4.12.0 (PyPI sdist), sha256 "
                    "4c1a4cff4eb3bff838ee75323da590e14431a04cb3f885763e2e068043fd0658",
                    "# 418 units; kept 207 by the rule in extract.py"]
