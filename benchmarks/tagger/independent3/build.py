"""Assemble the third independent evaluation set (independent3.jsonl) from its annotated sources. Run once; the
output is frozen (see README.md): never rerun to change an expectation without recording it there.

    python -m benchmarks.tagger.independent3.build

Checks, before writing: every condition and concept id is an ontology node, no condition is listed twice, and no
text is in the gold set (tests/data/tagger_gold.jsonl), the first or the second independent set, or twice here.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from lxml import etree

from benchmarks.tagger.independent import build as first
from benchmarks.tagger.independent3 import metadata_rows

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
REAL = first.REAL
OTHER_SETS = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
              ROOT / "benchmarks/tagger/independent2/independent2.jsonl")
JATS = ("jats/europepmc/PMC_10.1042_bst20253065_PROTACs_minireview.xml", "jats/europepmc/PMC13255143_skin_closure_CIED.xml",
        "jats/europepmc/PMC3258128_NAR_miR122.xml")
FORUM = "forum_html/lemire.me.json_blogpost_with_comment_thread.html"
FORUM_COMMENTS = (1, 2, 4)  # the comment-content blocks used (short, non-dermatology replies: hard negatives)
ASR = "youtube/subtitles/asr_excerpt_ragas_agents.en.json3"


def taken_texts() -> set[str]:
    out = set()
    for p in OTHER_SETS:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["text"].strip())
    return out


def jats_captions() -> list[tuple[str, str]]:
    """Every figure caption of the three JATS articles in realdata/jats/europepmc (title and paragraphs joined
    with a space, whitespace collapsed): non-dermatology figures, hard negatives."""
    out = []
    for rel in JATS:
        tree = etree.parse(str(REAL / rel))
        for fig in tree.iter("fig"):
            cap = fig.find("caption")
            if cap is None:
                continue
            text = " ".join(" ".join("".join(x.itertext()).split()) for x in cap if isinstance(x.tag, str))
            out.append((f"{rel} fig {fig.get('id')}", text))
    return out


def forum_comments() -> list[tuple[str, str]]:
    from lxml import html
    tree = html.parse(str(REAL / FORUM))
    blocks = tree.xpath('//article[contains(@class,"comment-body")]//div[contains(@class,"comment-content")]')
    out = []
    for i in FORUM_COMMENTS:
        text = " ".join(" ".join(p.text_content().split()) for p in blocks[i].xpath(".//p"))
        out.append((f"{FORUM} comment {i}", text))
    return out


def asr_text() -> tuple[str, str]:
    d = json.loads((REAL / ASR).read_text(encoding="utf-8"))
    words = " ".join(s.get("utf8", "") for e in d["events"] for s in e.get("segs", []))
    return ASR, " ".join(words.split())


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
    for src, text in jats_captions():
        out.append(("jats_caption", src, text, [], [], ""))
    for src, text in forum_comments():
        out.append(("forum_real", src, text, [], [], ""))
    src, text = asr_text()
    out.append(("lecture_real", src, text, [], [], ""))
    out.extend(metadata_rows.rows(set(taken)))
    for style, text, conds, concs, label in first._lines("written.txt", HERE):
        out.append((style, "written for this set (written.txt)", text, first._split(conds), first._split(concs), label))
    seen = set()
    for s, src, t, *_ in out:
        assert t.strip() not in taken, ("text already in another set", src, t)
        assert t.strip() not in seen, ("text twice in this set", src, t)
        seen.add(t.strip())
    return [{"id": f"in3-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
             "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]


if __name__ == "__main__":
    first.write(rows(), HERE / "independent3.jsonl")
