"""The frozen twelfth independent evaluation set (benchmarks/tagger/independent12/) is well-formed and says what its
README says. These tests read the set file, its copied source lines, the ontology and the earlier sets only; they never
run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from frozen_set_checks import RealSourceContract, earlier_paths, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent12"
SET = HERE / "independent12.jsonl"
EARLIER = earlier_paths(12)
CM_SOURCE = ("ICD-10-CM 2026 (PyPI simple_icd_10_cm 1.5.0 wheel, "
             "simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml) ")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 624, "distinct_conditions": 311, "distinct_labels": 258, "distinct_concepts": 68,
    "condition_mentions": 733, "negated": 157, "uncertain": 70, "empty_labels": 124, "real": 422,
    "styles": {"abbreviation": 14, "caption": 19, "case": 5, "catalogue": 84, "excludes": 121, "falsefriend": 15,
               "forum": 27, "group": 11, "hedged": 11, "includes": 19, "inclusion": 198, "inverted": 23,
               "lecture": 26, "negation": 10, "nonderm": 5, "scope": 16, "selfcorrection": 14, "symptom": 6},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealSourceContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in12", 400, 5000
    BUILD = "benchmarks.tagger.independent12.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL_SOURCES, REAL_SHARE = (CM_SOURCE,), 0.6
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt", "written_c.txt"})
    # sources sets 1-11 drew their real text from; none of them may be a source here
    EARLIER_SOURCES = ("WordNet", "ICD-10 2019", "Human Phenotype Ontology", "HPO", "Disease Ontology", "DOID",
                       "PubMed", "JATS", "realdata")
    # no earlier set drew on ICD-10-CM
    EARLIER_MARKERS = ("ICD-10-CM",)
    # new here: the family shares this set misses (it had no family test)
    FAMILY_ALLOWED = frozenset({"abstract", "lay", "metadata", "title"})


def test_every_real_text_is_its_codes_title_inclusion_term_or_note_in_the_copied_xml_lines(rows):
    from benchmarks.tagger.independent12 import build
    entries = build.icd10cm_entries()
    real = [r for r in rows if r["source"].startswith(CM_SOURCE)]
    assert len(real) == 422
    codes = set()
    for r in real:
        code, part = re.fullmatch(re.escape(CM_SOURCE) + r"(\S+) (desc|inclusion|includes|excludes1|excludes2)",
                                  r["source"]).groups()
        codes.add(code)
        e = entries[code]
        if part == "desc":
            assert r["text"] == e["desc"]
        elif part == "inclusion":
            assert r["text"] in e["inclusion"]
        else:
            title, heading, note = re.fullmatch(r"(.*)\. (Includes|Excludes1|Excludes2): (.*)", r["text"]).groups()
            assert (title, heading.lower(), note in e[part]) == (e["desc"], part, True)
        assert r["style"] == build.STYLE[part]
    assert codes == set(entries)  # the copied entries are exactly the codes used
    # every copied block is one code's own entry: a header naming the code, then its <name> line first
    text = (HERE / "icd10cm_2026_lines.txt").read_text(encoding="utf-8").splitlines()
    headers = [i for i, x in enumerate(text) if re.match(r"# \S+ \(lines \d+-\d+\)$", x)]
    assert len(headers) == len(entries)
    for i in headers:
        assert text[i + 1].strip() == f"<name>{text[i].split()[1]}</name>"


def test_the_builder_refuses_a_real_text_its_source_line_does_not_hold(monkeypatch):
    from benchmarks.tagger.independent12 import build
    original = build._lines

    def altered(name):
        for cells in original(name):
            if name == "real_icd10cm.txt" and cells[0] == "L00":
                cells = [cells[0], cells[1], cells[2] + " (altered)", *cells[3:]]
            yield cells
    monkeypatch.setattr(build, "_lines", altered)
    with pytest.raises(AssertionError, match="not an ICD-10-CM"):
        build.rows()
