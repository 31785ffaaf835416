"""Build the fourteenth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one source no earlier set used, never from the tagger: GCIDE, the GNU Collaborative
International Dictionary of English (version 0.48.5, as the Debian package dict-gcide 0.48.5+nmu2 ships it; Webster's
1913 Revised Unabridged Dictionary with later supplements). `gcide_entries.txt` holds the used entries unchanged (byte
offset, length, raw entry; written by `extract.py`). A real text is one sense of an entry, copied with GCIDE's
cross-reference braces dropped and its line breaks joined (`clean`): either prefixed with the entry's headword as a
glossary row prints it ("Furuncle: A superficial, inflammatory tumor ...", style `gloss`) or alone (style
`definition`, used for run-in sub-entries such as "Prickly heat (Med.), ..." and numbered senses). No sense from
GCIDE's WordNet part is used (an earlier set drew on WordNet). Written texts are in `written_*.txt`. The builder checks
that every real text is a sense of its entry, that no text is in the gold set or an earlier independent set (exactly,
or after normalisation), that no written text comes too close to an earlier one, and that every id is an ontology
node; it writes `independent14.jsonl` only when every check passes. It never runs a tagger and imports nothing from an
earlier set.
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
              *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 14)))
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
GCIDE_SOURCE = "GCIDE 0.48.5 (Debian dict-gcide 0.48.5+nmu2, usr/share/dictd/gcide.dict.dz)"
FORMS = ("gloss", "definition")
JACCARD_LIMIT = 0.5
# a source note closing a sense: "[1913 Webster]", "[Webster 1913 Suppl.]", "[PJC]", "[WordNet 1.5]", ...
SOURCE_TAG = re.compile(r"\[[^\[\]]*(?:Webster|PJC|AS|WordNet)[^\[\]]*\]")


def normalise(text: str) -> str:
    """The form the overlap check compares: lower case, punctuation and spacing runs as one space."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def jaccard(a: str, b: str) -> float:
    x, y = set(normalise(a).split()), set(normalise(b).split())
    return len(x & y) / len(x | y) if x | y else 0.0


def clean(entry: str) -> str:
    """An entry as running text: GCIDE's cross-reference braces dropped, every run of white space one space."""
    return " ".join(entry.replace("{", "").replace("}", "").split())


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


def gcide_entries() -> dict[int, str]:
    """offset -> the entry's cleaned text, read from the verbatim copy in gcide_entries.txt."""
    out: dict[int, str] = {}
    for raw in (HERE / "gcide_entries.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        off, length, entry = raw.split("\t")
        text = json.loads(entry)
        assert int(off) not in out and len(text.encode("utf-8")) == int(length), ("bad copied entry", off)
        out[int(off)] = clean(text)
    return out


def real_text(entry: str, head: str, form: str, sense: str) -> str:
    """The text a real row holds, after checking that `sense` is a sense of the entry outside GCIDE's WordNet part and
    that a gloss's headword is the entry's own."""
    at = entry.find(sense)
    assert sense and at >= 0, ("not a sense of the GCIDE entry", head, sense)
    tag = SOURCE_TAG.search(entry, at + len(sense))
    assert tag is None or "WordNet" not in tag.group(0), ("a WordNet sense", head, sense)
    assert form in FORMS, ("unknown form", form)
    if form == "definition":
        return sense
    assert entry.startswith(head + " \\"), ("not the entry's headword", head)
    return f"{head}: {sense}"


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
    entries = gcide_entries()
    for off, head, form, sense, conds, concs, label in _lines("real_gcide.txt"):
        assert int(off) in entries, ("offset not in the copied GCIDE entries", off)
        text = real_text(entries[int(off)], head, form, sense)
        out.append((form, f"{GCIDE_SOURCE} entry {off} {form}", text, _split(conds), _split(concs), label))
    for name in WRITTEN:
        for style, text, conds, concs, label in _lines(name):
            out.append((style, f"written for this set ({name})", text, _split(conds), _split(concs), label))
    rs = [{"id": f"in14-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken)
    return rs


def summary(rs: list[dict]) -> dict:
    """The figures README.md states (tests/test_independent14_set.py checks them against the frozen file)."""
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
    write(rows(), HERE / "independent14.jsonl")
