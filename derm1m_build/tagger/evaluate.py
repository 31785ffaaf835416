"""Score a tagger against a gold set (the tests and `benchmarks/tagger` share this).

Gold file: JSON Lines, one text each: `{"id", "style", "text", "conditions": [...], "concepts": [...]}`,
optionally `"disease_label"` (a node id or name, "" for none). Each expected tag is a node id, or a name
or synonym as the ontology writes it, prefixed `!` if negated and `?` if uncertain; `a/b` means the first of a, b that the ontology has (so a more specific node, once the
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


def resolve(expr: str, index: dict[str, set[str]], ids=()) -> tuple[str | None, str]:
    """'!melanoma in situ/melanoma' -> (node id, status); id None when optional and absent. An alternative
    that is itself a node id (`ids`) resolves to that node."""
    status = ASSERTED
    if expr.startswith("!"):
        status, expr = NEGATED, expr[1:]
    elif expr.startswith("?"):
        status, expr = UNCERTAIN, expr[1:]
    alts = expr.split("/")
    optional = alts[-1] == "-"
    for alt in alts[:-1] if optional else alts:
        if alt in ids:
            return alt, status
        found = index.get(normalise_name(alt), set())
        if len(found) == 1:
            return next(iter(found)), status
        if len(found) > 1:
            raise GoldError(f"gold name {alt!r} names several nodes: {sorted(found)}")
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
    # disease_label: texts that carry one (or "" for none), how many came out exactly right, the misses
    texts: int = 0
    labels: int = 0
    labels_exact: int = 0
    label_errors: list[dict] = field(default_factory=list)
    by_style: dict[str, "Report"] = field(default_factory=dict)

    @property
    def label_accuracy(self) -> float:
        return self.labels_exact / self.labels if self.labels else 1.0


def expected(rows: list[dict], ontology: Ontology) -> list[tuple[dict[str, str], dict[str, str]]]:
    cidx, kidx = _names(ontology.conditions), _names(ontology.concepts)
    cids, kids = set(ontology.conditions), set(ontology.concepts)
    out = []
    for r in rows:
        conds = dict(x for x in (resolve(e, cidx, cids) for e in r.get("conditions", [])) if x[0])
        concs = dict(x for x in (resolve(e, kidx, kids) for e in r.get("concepts", [])) if x[0])
        out.append((conds, concs))
    return out


def expected_label(row: dict, ontology: Ontology) -> str | None:
    """The expected `disease_label` as the tag stage writes it (the node's name), "" for none, None when
    the row does not say."""
    if "disease_label" not in row:
        return None
    lab = row["disease_label"]
    if not lab:
        return ""
    nid, _ = resolve(lab, _names(ontology.conditions), set(ontology.conditions))
    return ontology.conditions[nid].name


def _update(score: Score, gold: set, pred: set) -> None:
    score.tp += len(gold & pred)
    score.fp += len(pred - gold)
    score.fn += len(gold - pred)


def evaluate(rows: list[dict], ontology: Ontology, tag: Callable[[str], object],
             label: Callable[[object], str] | None = None) -> Report:
    """Run `tag(text) -> TagResult` over the gold rows and score it, as a whole and per `style`.

    With `label(result) -> disease_label` (a node name, "" for none), rows that carry `disease_label`
    are also scored for an exact label.
    """
    rep = Report()
    gold = expected(rows, ontology)
    vocab = {cid for _, concs in gold for cid in concs}
    for r, (gconds, gconcs) in zip(rows, gold):
        res = tag(r["text"])
        sub = rep.by_style.setdefault(r.get("style", ""), Report())
        pconds = {m.id: (NEGATED if m.negated else UNCERTAIN if m.uncertain else ASSERTED) for m in res.conditions}
        pconcs = {m.id: (NEGATED if m.negated else ASSERTED) for m in res.concepts if m.id in vocab}
        for rp in (rep, sub):
            rp.texts += 1
            _update(rp.conditions, set(gconds.items()), set(pconds.items()))
            _update(rp.concepts, set(gconcs.items()), set(pconcs.items()))
            _update(rp.conditions_any_status, set(gconds), set(pconds))
        for cid, st in gconds.items():
            if st == NEGATED and pconds.get(cid) == ASSERTED:
                for rp in (rep, sub):
                    rp.negated_as_asserted.append(f"{r['id']}: {cid}")
        if gconds != pconds or gconcs != pconcs:
            rep.errors.append({"id": r["id"], "text": r["text"], "expected": [gconds, gconcs],
                               "got": [pconds, pconcs]})
        want = expected_label(r, ontology) if label is not None else None
        if want is not None:
            got = label(res)
            for rp in (rep, sub):
                rp.labels += 1
                rp.labels_exact += got == want
            if got != want:
                rep.label_errors.append({"id": r["id"], "text": r["text"], "expected": want, "got": got})
    return rep


def format_report(rep: Report, name: str = "") -> str:
    """A plain-text table: the totals, then one line per style."""
    head = f"{'':16}{'n':>5}{'cond F1':>9}{'conc F1':>9}{'neg->ass':>9}{'label':>8}"
    lines = [head]

    def line(title: str, r: Report) -> str:
        lab = f"{r.label_accuracy:8.3f}" if r.labels else f"{'-':>8}"
        return (f"{title[:16]:16}{r.texts:5d}{r.conditions.f1:9.3f}{r.concepts.f1:9.3f}"
                f"{len(r.negated_as_asserted):9d}{lab}")

    lines.append(line(name or "all", rep))
    for style in sorted(rep.by_style):
        lines.append(line("  " + style, rep.by_style[style]))
    return "\n".join(lines)
