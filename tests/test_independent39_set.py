"""The frozen thirty-ninth independent evaluation set (benchmarks/tagger/independent39/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import io
import re
import zipfile
from pathlib import Path

from frozen_set_checks import CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent39"
SET = HERE / "independent39.jsonl"
EARLIER = earlier_paths(39)
SOURCE = "ISIC Archive diagnosis terms (PyPI isic-metadata 4.12.0 isic_metadata/diagnosis_hierarchical.py)"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 311, "distinct_conditions": 211, "distinct_labels": 168, "distinct_concepts": 61,
    "condition_mentions": 380, "negated": 39, "uncertain": 38, "empty_labels": 21, "real": 208,
    "styles": {"abbreviation": 5, "caption": 3, "casenote": 10, "differential": 2, "falsefriend": 6, "figlegend": 12,
               "forum": 10, "general": 2, "group": 6, "hedged": 4, "histopath": 3, "inverted": 4, "lay": 4,
               "lecture": 10, "metadata": 208, "negation": 4, "nonderm": 2, "referral": 3, "scope": 3,
               "selfcorrection": 3, "speech": 2, "studytitle": 2, "subtype": 2, "trial": 1},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent39.extract")


def _wheel(files: dict[str, str]) -> bytes:
    """A made-up wheel (a zip archive) holding FILES (name -> text)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as whl:
        for name, text in files.items():
            whl.writestr(name, text)
    return out.getvalue()


META = "isic_metadata-9.9.9.dist-info/METADATA"
READ = "isic_metadata/diagnosis_hierarchical.py"


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in39", 300, 8000
    BUILD = "benchmarks.tagger.independent39.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL = re.compile(re.escape(SOURCE) + r" (ISICDX:[a-z][a-z0-9_]*)")
    REAL_SOURCES, REAL_COUNT, REAL_SHARE = (SOURCE,), 208, 0.35
    REAL_STYLES = frozenset({"metadata"})
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    UNKNOWN_KEY = ["ISICDX:benign_made_up_node", "melanoma", "", "melanoma"]
    MALFORMED_KEY = ["ISICDX:Benign", "", "", ""]
    ALTERED_KEY, ALTERED_ID = "ISICDX:benign_cysts", "in39-0008"
    # no earlier set's row names this package, its file or this set's unit keys (sets 2-9 drew ISIC 2020 challenge
    # rows from the shared metadata, so "isic" alone is no marker)
    EARLIER_MARKERS = ("isic-metadata", "isic_metadata", "diagnosis_hierarchical", "isicdx")
    # 20 % of the mentions are negated or uncertain and 7 % of the texts have no label (bounds 25-45 % and 18-30 %):
    # the 208 real texts are the archive's labels, each asserting one diagnosis; no title or abstract rows
    FAMILY_PROBLEMS = ["negated or uncertain share", "empty label share", "abstract", "title"]
    # 32 legends, lectures and forum posts; 3 without a label; 6 forum posts negate the poster's name
    CASE_TEXTS = (32, 3, 6)
    EXTRACT = "benchmarks.tagger.independent39.extract"
    REFUSED = {
        "left_pad-1.0-py3-none-any.whl": _wheel({"left_pad-1.0.dist-info/METADATA": "Name: left-pad\nVersion: 1.0\n"}),
        "isic_metadata-0.0.1-py3-none-any.whl": _wheel({"isic_metadata-0.0.1.dist-info/METADATA":
                                                        "Name: isic-metadata\nVersion: 0.0.1\n"}),
        "isic_metadata-0.0.2-py3-none-any.whl": _wheel({"isic_metadata-0.0.2.dist-info/METADATA":
                                                        "Name: isic-metadata\nVersion: 0.0.2\n",
                                                        READ: "class DiagnosisEnum(:\n"}),
        "broken.whl": b"not a zip archive",
    }


def test_the_real_part_is_the_extractors_selection_and_reads_as_the_readme_says(rows):
    real = real_rows(rows)
    ex = extract()
    assert {ex.kind(r["text"]) for r in real} == {"skin"}
    by_key = {r["source"].rsplit(" ", 1)[1]: r for r in real}
    # the archive's category that excludes a naevus, its disjunction of groups, a melanoma with the naevus it arose
    # in, and a melanoma "resembling" a blue naevus
    expect = {
        "ISICDX:benign_flat_melanotic_pigmentations_not_melanocytic_nevus":
            (["pigmentary", "!melanocytic-nevus"], "pigmentary"),
        "ISICDX:benign_inflammatory_or_infectious_diseases": (["benign", "?inflammatory", "?infectious"], "benign"),
        "ISICDX:malignant_malignant_melanocytic_proliferations_melanoma_melanoma_invasive_melanoma_invasive_"
        "associated_with_a_nevus": (["melanoma", "melanocytic-nevus"], "melanoma"),
        "ISICDX:malignant_malignant_melanocytic_proliferations_melanoma_melanoma_invasive_melanoma_invasive_"
        "blue_nevus_like_melanoma_invasive_resembling_blue_nevus": (["melanoma", "?blue-nevus"], "melanoma"),
    }
    assert {k: (by_key[k]["conditions"], by_key[k]["disease_label"]) for k in expect} == expect
    assert sum(any(c[0] in "!?" for c in r["conditions"]) for r in real) == 4
    assert all(r["disease_label"] for r in real)


def test_the_written_case_notes_carry_status(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 10 and all(r["disease_label"] for r in notes)
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 8
    # abbreviations of other fields (Alzheimer's disease, polycythaemia vera) name no skin disease
    abbrev = {r["text"][:16]: r["conditions"] for r in rows if r["style"] == "abbreviation"}
    assert abbrev["Memory clinic: A"] == [] and abbrev["Haematology: PV "] == ["pruritus"]


MODULE = '''"""made up"""
from enum import Enum
import sys
sys.exit("never run")


class OtherEnum(str, Enum):
    skipped = "Benign:Not this class"


class DiagnosisEnum(str, Enum):
    benign = "Benign"
    benign_cysts = "Benign:Cysts"
    benign_naevus = (
        "Benign:Benign melanocytic   proliferations:Nevus"
    )
    number = 7
    benign_cysts_again = "benign: cysts"
    malignant_bcc = "Malignant:Basal cell carcinoma"
    malignant_scc = "Malignant:Squamous cell carcinoma"
'''


def test_the_extractor_reads_the_enum_by_parsing_and_selects_by_its_rule(tmp_path):
    ex = extract()
    path = tmp_path / "isic_metadata-9.9.9-py3-none-any.whl"
    path.write_bytes(_wheel({META: "Metadata-Version: 2.4\nName: isic-metadata\nVersion: 9.9.9\n", READ: MODULE,
                             "isic_metadata/anatom_site_hierarchical.py": MODULE.replace("Diagnosis", "Site")}))
    pkg, digest, units = ex.read_sdist(path, set())
    assert pkg == "isic-metadata-9.9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # the module is parsed, never run (its sys.exit is not reached); another class, a value that is no string and a
    # repeat differing in case and spacing are skipped; a parenthesised value is read and its spaces folded
    assert list(units.items()) == [
        ("ISICDX:benign", "Benign"), ("ISICDX:benign_cysts", "Benign:Cysts"),
        ("ISICDX:benign_naevus", "Benign:Benign melanocytic proliferations:Nevus"),
        ("ISICDX:malignant_bcc", "Malignant:Basal cell carcinoma"),
        ("ISICDX:malignant_scc", "Malignant:Squamous cell carcinoma")]
    # a one-level root is no candidate; every EVERY-th candidate from the first
    assert [ex.kind(t) for t in units.values()] == ["", "skin", "skin", "skin", "skin"]
    assert ex.EVERY == 2 and list(ex.selected(units)) == ["ISICDX:benign_cysts", "ISICDX:malignant_bcc"]
    # a text an earlier set holds is skipped before counting
    assert list(ex.selected(units, {"benign cysts"})) == ["ISICDX:benign_naevus", "ISICDX:malignant_scc"]


def test_the_copy_records_the_wheel_it_came_from():
    head = (HERE / "units.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# isic-metadata-4.12.0 (PyPI sdist), sha256 "
                    "4c1a4cff4eb3bff838ee75323da590e14431a04cb3f885763e2e068043fd0658",
                    "# 418 units; kept 208 by the rule in extract.py"]
