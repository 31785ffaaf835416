"""Assemble the seventh independent evaluation set (independent7.jsonl) from its annotated sources. Run once; the output
is frozen (see README.md): never rerun to change an expectation without recording it there.

    python -m benchmarks.tagger.independent7.build

Checks, before writing: every condition and concept id is an ontology node, no id is listed twice in a text, every
disease_label is one of the text's asserted or uncertain conditions, and no text is in the gold set
(tests/data/tagger_gold.jsonl) or the first to sixth independent set (and set 1's metadata rows), neither exactly
(whitespace-stripped) nor after normalisation (lower case, every run of non-alphanumeric characters as one space), nor
twice here. It refuses to write (AssertionError) if any check fails. It never runs a tagger.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from benchmarks.tagger.independent7 import metadata_rows
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
              ROOT / "benchmarks/tagger/independent6/independent6.jsonl")
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
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


def _text_of(obj) -> str:
    # set 1's metadata_rows.jsonl stores [style, source, text, conditions, concepts, label] lists
    return obj["text"] if isinstance(obj, dict) else obj[2]


def taken_texts() -> set[str]:
    out = set()
    for p in OTHER_SETS:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(_text_of(json.loads(line)).strip())
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
    pubmed = [json.loads(l) for l in (REAL / "captions/pubmed_baseline_derm_titles_abstracts.jsonl").open()]
    out = []
    for i, conds, concs, label in _lines("real_titles.txt"):
        r = pubmed[int(i)]
        out.append(("title", f"pubmed title PMID {r['pmid']}", r["title"], _split(conds), _split(concs), label))
    for i, start, conds, concs, label in _lines("real_sentences.txt"):
        r = pubmed[int(i)]
        sents = [s for s in SENT.split(r["abstract"]) if " ".join(s.split()).startswith(start)]
        assert len(sents) == 1, (i, start, len(sents))
        out.append(("abstract", f"pubmed abstract PMID {r['pmid']}", sents[0], _split(conds), _split(concs), label))
    doid = _doid_strings()
    for did, text, conds, concs, label in _lines("real_doid.txt"):
        assert text in doid[did], ("not a name or synonym of the DOID term", did, text)
        out.append(("metadata", f"doid_skin_disease_subtree_2016.tsv {did}", text, _split(conds), _split(concs), label))
    for pkg, licence, style, text, conds, concs, label in _lines("real_package_texts.txt"):
        out.append((style, f"pypi sdist {pkg} ({licence})", text, _split(conds), _split(concs), label))
    out.extend(metadata_rows.rows({normalise(t) for t in taken}, normalise))
    for name in WRITTEN:
        for style, text, conds, concs, label in _lines(name):
            out.append((style, f"written for this set ({name})", text, _split(conds), _split(concs), label))
    rs = [{"id": f"in7-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken)
    return rs


if __name__ == "__main__":
    write(rows(), HERE / "independent7.jsonl")
