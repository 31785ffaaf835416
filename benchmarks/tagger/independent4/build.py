"""Assemble the fourth independent evaluation set (independent4.jsonl) from its annotated sources. Run once; the
output is frozen (see README.md): never rerun to change an expectation without recording it there.

    python -m benchmarks.tagger.independent4.build

Checks, before writing: every condition and concept id is an ontology node, no condition is listed twice, every
disease_label is one of the text's asserted or uncertain conditions, and no text (whitespace-stripped) is in the gold
set (tests/data/tagger_gold.jsonl), the first, second or third independent set, or twice here. It refuses to write
(AssertionError) if any check fails.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from benchmarks.tagger.independent import build as first
from benchmarks.tagger.independent4 import metadata_rows

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
REAL = first.REAL
OTHER_SETS = (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
              ROOT / "benchmarks/tagger/independent2/independent2.jsonl",
              ROOT / "benchmarks/tagger/independent3/independent3.jsonl")
FORUM = "forum_html/lemire.me.json_blogpost_with_comment_thread.html"
FORUM_COMMENTS = (0, 3)  # the comment-content blocks the third set did not use (non-dermatology: hard negatives)
VTT = "youtube/subtitles/youtube_dl_legacy_autocaption.en.vtt"


def taken_texts() -> set[str]:
    out = set()
    for p in OTHER_SETS:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["text"].strip())
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


def vtt_text() -> tuple[str, str]:
    """The words of the real youtube-dl auto-caption VTT, as a viewer reads them: inline timestamps and colour tags
    dropped, the rolling duplicate lines of auto-captions collapsed (a line already shown is not repeated)."""
    import webvtt
    lines: list[str] = []
    for cue in webvtt.read(str(REAL / VTT)):
        for ln in cue.text.splitlines():
            ln = " ".join(re.sub(r"<[^>]*>", "", ln).split())
            if ln and (not lines or ln != lines[-1]) and not any(x.startswith(ln) for x in lines[-2:]):
                lines.append(ln)
    words: list[str] = []
    for ln in lines:  # a rolling line repeats the previous one's words as its prefix
        w = ln.split()
        k = max((n for n in range(min(len(w), len(words)) + 1) if words[len(words) - n:] == w[:n]), default=0)
        words.extend(w[k:])
    return VTT, " ".join(words)


def check_labels(rows: list[dict]) -> None:
    for r in rows:
        lab = r["disease_label"]
        if lab:
            ok = {c.lstrip("?") for c in r["conditions"] if not c.startswith("!")}
            assert lab in ok, ("disease_label is not an asserted or uncertain condition of the text", r["id"], lab)


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
    for src, text in forum_comments():
        out.append(("forum_real", src, text, [], [], ""))
    src, text = vtt_text()
    out.append(("lecture_real", src, text, [], [], ""))
    out.extend(metadata_rows.rows(set(taken)))
    for style, text, conds, concs, label in first._lines("written.txt", HERE):
        out.append((style, "written for this set (written.txt)", text, first._split(conds), first._split(concs), label))
    seen = set()
    for s, src, t, *_ in out:
        assert t.strip() not in taken, ("text already in another set", src, t)
        assert t.strip() not in seen, ("text twice in this set", src, t)
        seen.add(t.strip())
    rs = [{"id": f"in4-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check_labels(rs)
    return rs


if __name__ == "__main__":
    first.write(rows(), HERE / "independent4.jsonl")
