"""Assemble the fifth independent evaluation set (independent5.jsonl) from its annotated sources. Run once; the
output is frozen (see README.md): never rerun to change an expectation without recording it there.

    python -m benchmarks.tagger.independent5.build

Checks, before writing: every condition and concept id is an ontology node, no condition is listed twice, every
disease_label is one of the text's asserted or uncertain conditions, and no text (whitespace-stripped) is in the gold
set (tests/data/tagger_gold.jsonl), the first to fourth independent set, or twice here. It refuses to write
(AssertionError) if any check fails. It never runs a tagger.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from benchmarks.tagger.independent import build as first
from benchmarks.tagger.independent4 import build as fourth
from benchmarks.tagger.independent5 import metadata_rows

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
REAL = first.REAL
OTHER_SETS = fourth.OTHER_SETS + (ROOT / "benchmarks/tagger/independent4/independent4.jsonl",)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")


def taken_texts() -> set[str]:
    out = set()
    for p in OTHER_SETS:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["text"].strip())
    return out


def rows() -> list[dict]:
    taken = taken_texts()
    pubmed = [json.loads(l) for l in (REAL / "captions/pubmed_baseline_derm_titles_abstracts.jsonl").open()]
    out = []
    for i, conds, concs, label in first._lines("real_titles.txt", HERE):
        r = pubmed[int(i)]
        out.append(("title", f"pubmed title PMID {r['pmid']}", r["title"], first._split(conds), first._split(concs), label))
    for i, start, conds, concs, label in first._lines("real_sentences.txt", HERE):
        r = pubmed[int(i)]
        sents = [s for s in re.split(r"(?<=[.!?])\s+", r["abstract"]) if s.startswith(start)]
        assert len(sents) == 1, (i, start)
        out.append(("abstract", f"pubmed abstract PMID {r['pmid']}", sents[0], first._split(conds), first._split(concs), label))
    out.extend(metadata_rows.rows(set(taken)))
    for name in WRITTEN:
        for style, text, conds, concs, label in first._lines(name, HERE):
            out.append((style, f"written for this set ({name})", text, first._split(conds), first._split(concs), label))
    seen = set()
    for s, src, t, *_ in out:
        assert t.strip() not in taken, ("text already in another set", src, t)
        assert t.strip() not in seen, ("text twice in this set", src, t)
        seen.add(t.strip())
    rs = [{"id": f"in5-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    fourth.check_labels(rs)
    return rs


if __name__ == "__main__":
    first.write(rows(), HERE / "independent5.jsonl")
