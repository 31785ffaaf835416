"""Build the twelfth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one registry source no earlier set used, never from the tagger: the US ICD-10-CM
tabular list (April 1 2026) as shipped in the PyPI wheel simple_icd_10_cm 1.5.0. `icd10cm_2026_lines.txt` holds the
used codes' entries unchanged; a real text is a code's title, one of its inclusion terms, or one of its Includes /
Excludes1 / Excludes2 notes shown after the title the way the tabular list prints it ("<title>. Excludes1: <note>").
Written texts are in `written_*.txt`. The builder checks that every real text is found in its copied entry, that no
text is in the gold set or an earlier independent set (exactly, or after normalisation), that no written text comes
too close to an earlier one, and that every id is an ontology node; it writes `independent12.jsonl` only when every
check passes. It never runs a tagger and imports nothing from an earlier set.
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
              *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 12)))
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt")
CM_SOURCE = "ICD-10-CM 2026 (PyPI simple_icd_10_cm 1.5.0 wheel, simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml)"
NOTE_KINDS = {"inclusionTerm": "inclusion", "includes": "includes", "excludes1": "excludes1", "excludes2": "excludes2"}
SHOWN_AS = {"includes": "Includes", "excludes1": "Excludes1", "excludes2": "Excludes2"}
STYLE = {"desc": "catalogue", "inclusion": "inclusion", "includes": "includes", "excludes1": "excludes",
         "excludes2": "excludes"}
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


def icd10cm_entries() -> dict[str, dict]:
    """code -> {"desc": title, "inclusion"/"includes"/"excludes1"/"excludes2": [notes]} read from the verbatim XML
    lines in icd10cm_2026_lines.txt (notes under other headings, e.g. "code first", are kept under "other")."""
    out: dict[str, dict] = {}
    entry: dict = {}
    kind = None
    for raw in (HERE / "icd10cm_2026_lines.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        s = raw.strip()
        if m := re.fullmatch(r"<name>(.*)</name>", s):
            entry = out.setdefault(m.group(1), {"desc": None, "inclusion": [], "includes": [], "excludes1": [],
                                                "excludes2": [], "other": []})
        elif (m := re.fullmatch(r"<desc>(.*)</desc>", s)) and entry["desc"] is None:
            entry["desc"] = m.group(1)
        elif m := re.fullmatch(r"<(\w+)>", s):
            kind = NOTE_KINDS.get(m.group(1), "other")
        elif re.fullmatch(r"</\w+>", s):
            kind = None
        elif (m := re.fullmatch(r"<note>(.*)</note>", s)) and kind:
            entry[kind].append(m.group(1))
    return out


def real_text(entry: dict, part: str, text: str) -> str:
    """The row's text as this set shows it: the title, an inclusion term alone, or "<title>. <Heading>: <note>"."""
    if part == "desc":
        assert entry["desc"] == text, ("not the ICD-10-CM title", text)
        return text
    assert text in entry[part], ("not an ICD-10-CM " + part + " note of the code", text)
    return text if part == "inclusion" else f"{entry['desc']}. {SHOWN_AS[part]}: {text}"


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
    cm = icd10cm_entries()
    for code, part, text, conds, concs, label in _lines("real_icd10cm.txt"):
        shown = real_text(cm[code], part, text)
        out.append((STYLE[part], f"{CM_SOURCE} {code} {part}", shown, _split(conds), _split(concs), label))
    for name in WRITTEN:
        for style, text, conds, concs, label in _lines(name):
            out.append((style, f"written for this set ({name})", text, _split(conds), _split(concs), label))
    rs = [{"id": f"in12-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken)
    return rs


def summary(rs: list[dict]) -> dict:
    """The figures README.md states (tests/test_independent12_set.py checks them against the frozen file)."""
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
    write(rows(), HERE / "independent12.jsonl")
