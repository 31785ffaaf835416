"""Assemble the independent evaluation set (independent.jsonl) from its annotated sources. Run once; the
output is frozen (see README.md): never rerun to change an expectation without recording it there.

    python -m benchmarks.tagger.independent.build
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from benchmarks.tagger.independent import metadata_rows
from derm1m_build.ontology import load_ontology

HERE = Path(__file__).parent
REAL = Path("/work/shared/realdata") if Path("/work/shared/realdata").is_dir() else HERE.parents[2] / "../shared/realdata"


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


def _lines(name: str, here: Path = HERE):
    for line in (here / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("||")]


def rows() -> list[dict]:
    return assemble(HERE, metadata_rows, ("written_a.txt", "written_b.txt", "written_c.txt"), "ind")


def assemble(here: Path, metadata, written: tuple[str, ...], prefix: str) -> list[dict]:
    """One evaluation set from the annotated files in `here` (the same file formats for every set)."""
    pubmed = [json.loads(l) for l in (REAL / "captions/pubmed_baseline_derm_titles_abstracts.jsonl").open()]
    figures = [json.loads(l) for l in (REAL / "figures/figures.jsonl").open()]
    out = []
    for i, conds, concs, label in _lines("real_titles.txt", here):
        r = pubmed[int(i)]
        out.append(("title", f"pubmed title PMID {r['pmid']}", r["title"], _split(conds), _split(concs), label))
    for i, start, conds, concs, label in _lines("real_sentences.txt", here):
        r = pubmed[int(i)]
        sents = [s for s in re.split(r"(?<=[.!?])\s+", r["abstract"]) if s.startswith(start)]
        assert len(sents) == 1, (i, start)
        out.append(("abstract", f"pubmed abstract PMID {r['pmid']}", sents[0], _split(conds), _split(concs), label))
    for (start,) in _lines("real_captions_neg.txt", here):
        caps = [f for f in figures if f["caption"] and f["caption"].startswith(start)]
        assert len(caps) == 1, start
        out.append(("jats_caption", "figures.jsonl " + caps[0]["file"], caps[0]["caption"], [], [], ""))
    for style, source, text, conds, concs, label in metadata.rows():
        out.append((style, source, text, conds, concs, label))
    for name in written:
        for style, text, conds, concs, label in _lines(name, here):
            out.append((style, "written for this set (" + name + ")", text, _split(conds), _split(concs), label))
    return [{"id": f"{prefix}-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
             "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]


def check(rows: list[dict]) -> None:
    o = load_ontology()
    for r in rows:
        for kind, nodes in (("conditions", o.conditions), ("concepts", o.concepts)):
            for e in r[kind]:
                for alt in e.lstrip("!?").split("/"):
                    assert alt == "-" or alt in nodes, (r["id"], kind, e)
        assert not r["disease_label"] or r["disease_label"] in o.conditions, (r["id"], r["disease_label"])
        assert len({e.lstrip("!?") for e in r["conditions"]}) == len(r["conditions"]), r["id"]


def write(rs: list[dict], path: Path) -> None:
    check(rs)
    with path.open("w", encoding="utf-8") as f:
        for r in rs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(rs), "texts;", dict(Counter(r["style"] for r in rs)))


if __name__ == "__main__":
    write(rows(), HERE / "independent.jsonl")
