"""The frozen twenty-ninth independent evaluation set (benchmarks/tagger/independent29/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures, write_tar

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent29"
SET = HERE / "independent29.jsonl"
EARLIER = earlier_paths(29)
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

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent29.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


class TestContract(CopiedUnitsContract, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in29", 300, 8000
    BUILD = "benchmarks.tagger.independent29.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (PKG_SOURCE,), 220, 0.33
    WRITTEN_FILES = frozenset({"written_a.txt"})
    # none of the earlier sets' rows may name this set's package
    EARLIER_MARKERS = ("open-medicine", "open_medicine", "openmed")
    # the real part is 73 % (220 of 301): guideline summaries and differential-diagnosis entries, so there are no
    # abstract, metadata or title rows; teaching text names conditions in general (`?`) and 219 of the 220 real texts
    # have no label, which lifts the empty-label share to 81 % and the negated-or-uncertain share to 66 %
    FAMILY_PROBLEMS = ["negated or uncertain share", "empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["OPENMED:src/open_medicine/mcp/differentials/data/rash.json.1", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["CUMULUS:cumulus_etl/etl/studies/ibd/eim.json.3", "", "", ""]
    ALTERED_ID = "in29-0001"
    EXTRACT = "benchmarks.tagger.independent29.extract"
    REFUSED = {"left-pad-1.0.tar.gz": ({"README.md": b"nothing"}, "left-pad-1.0")}

    def real_style(self, row: dict) -> str:
        return "ddxkb" if "/differentials/" in real_key(row) else "teaching"


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
    write_tar(path, files, "open_medicine-9.9")
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
