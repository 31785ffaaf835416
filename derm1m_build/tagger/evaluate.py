"""Score a tagger against a gold set (the tests and `benchmarks/tagger` share this).

Gold file: JSON Lines, one text each: `{"id", "style", "text", "conditions": [...], "concepts": [...]}`.
Each expected tag is a name or synonym as the ontology writes it, prefixed `!` if negated and `?` if
uncertain; `a/b` means the first of a, b that the ontology has (so a more specific node, once the
ontology gains it, is what is expected), and a trailing `/-` means "nothing, if the ontology has none".
Names, not ids, keep the gold set valid while the ontology grows.

Scores are micro-F1 over (text, node, status) triples, status one of asserted/negated/uncertain (concepts:
asserted/negated), so a negated finding reported as asserted costs a false positive and a false
negative. Concepts are scored over the concepts the gold set names anywhere (a concept it never
annotates is outside the evaluation, not a false positive).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from derm1m_build.ontology import Ontology
from derm1m_build.tagger.normalise import normalise_name

ASSERTED, NEGATED, UNCERTAIN = "asserted", "negated", "uncertain"


class GoldError(ValueError):
    pass


def load_gold(path: str | Path) -> list[dict]:
    rows = []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise GoldError(f"{path}:{i}: not JSON: {e}") from None
    return rows


def _names(nodes) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for nid, n in nodes.items():
        for a in (n.name, *n.synonyms):
            out.setdefault(normalise_name(a), set()).add(nid)
    return out


def resolve(expr: str, index: dict[str, set[str]]) -> tuple[str | None, str]:
    """'!melanoma in situ/melanoma' -> (node id, status); id None when optional and absent."""
    status = ASSERTED
    if expr.startswith("!"):
        status, expr = NEGATED, expr[1:]
    elif expr.startswith("?"):
        status, expr = UNCERTAIN, expr[1:]
    alts = expr.split("/")
    optional = alts[-1] == "-"
    for alt in alts[:-1] if optional else alts:
        ids = index.get(normalise_name(alt), set())
        if len(ids) == 1:
            return next(iter(ids)), status
        if len(ids) > 1:
            raise GoldError(f"gold name {alt!r} names several nodes: {sorted(ids)}")
    if optional:
        return None, status
    raise GoldError(f"gold name {expr!r} is not in the ontology")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    conditions: Score = field(default_factory=Score)
    concepts: Score = field(default_factory=Score)
    conditions_any_status: Score = field(default_factory=Score)
    negated_as_asserted: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


def expected(rows: list[dict], ontology: Ontology) -> list[tuple[dict[str, str], dict[str, str]]]:
    cidx, kidx = _names(ontology.conditions), _names(ontology.concepts)
    out = []
    for r in rows:
        conds = dict(x for x in (resolve(e, cidx) for e in r.get("conditions", [])) if x[0])
        concs = dict(x for x in (resolve(e, kidx) for e in r.get("concepts", [])) if x[0])
        out.append((conds, concs))
    return out


def _update(score: Score, gold: set, pred: set) -> None:
    score.tp += len(gold & pred)
    score.fp += len(pred - gold)
    score.fn += len(gold - pred)


def evaluate(rows: list[dict], ontology: Ontology, tag: Callable[[str], object]) -> Report:
    """Run `tag(text) -> TagResult` over the gold rows and score it."""
    rep = Report()
    gold = expected(rows, ontology)
    vocab = {cid for _, concs in gold for cid in concs}
    for r, (gconds, gconcs) in zip(rows, gold):
        res = tag(r["text"])
        pconds = {m.id: (NEGATED if m.negated else UNCERTAIN if m.uncertain else ASSERTED) for m in res.conditions}
        pconcs = {m.id: (NEGATED if m.negated else ASSERTED) for m in res.concepts if m.id in vocab}
        _update(rep.conditions, set(gconds.items()), set(pconds.items()))
        _update(rep.concepts, set(gconcs.items()), set(pconcs.items()))
        _update(rep.conditions_any_status, set(gconds), set(pconds))
        for cid, st in gconds.items():
            if st == NEGATED and pconds.get(cid) == ASSERTED:
                rep.negated_as_asserted.append(f"{r['id']}: {cid}")
        if gconds != pconds or gconcs != pconcs:
            rep.errors.append({"id": r["id"], "text": r["text"], "expected": [gconds, gconcs],
                               "got": [pconds, pconcs]})
    return rep
