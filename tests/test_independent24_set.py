"""The frozen twenty-fourth independent evaluation set (benchmarks/tagger/independent24/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent24"
SET = HERE / "independent24.jsonl"
EARLIER = earlier_paths(24)
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

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent24.extract")


class TestContract(CopiedUnitsContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in24", 300, 8000
    BUILD = "benchmarks.tagger.independent24.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (OMS_SOURCE,), 121, 0.33
    REAL_STYLES = frozenset({"headword"})
    # none of the earlier sets' rows may name this set's source
    EARLIER_MARKERS = ("hunspell", "openmedspel", "en_med_glut", "spell-chek", "spelling dictionary")
    # the real part is 39 % (121 of 310); its style is headword, so there are no abstract or metadata rows, and the
    # written "X in patients with Y" titles are studytitle, not title
    FAMILY_PROBLEMS = ["abstract", "metadata", "title"]
    UNKNOWN_KEY = ["OMS:L99999", "lipoma", "", "lipoma"]
    MALFORMED_KEY = ["OMS:70", "", "", ""]
    ALTERED_KEY = "OMS:L00070"
    ALTERED_ID = "in24-0001"
    ALTERED_TEXT = "aardwolf (altered)"


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
