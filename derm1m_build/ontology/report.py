"""Summaries of a loaded ontology for people: counts per level and branch, and one node described."""

from __future__ import annotations

from collections import Counter
from typing import Any

from derm1m_build.ontology.loader import ROOT_ID, Ontology
from derm1m_build.ontology.mappings import available_datasets


def stats(onto: Ontology) -> dict[str, Any]:
    """Counts: conditions per level, per level-1 branch (nodes and leaves), concepts per category, terms."""
    conds = {k: v for k, v in onto.conditions.items() if k != ROOT_ID}
    leaves = [k for k in conds if onto.is_leaf(k)]
    branches: dict[str, dict[str, int]] = {}
    for b in onto.children(ROOT_ID):
        sub = [k for k in conds if onto.top_branch(k) == b]
        branches[onto.conditions[b].name] = {"nodes": len(sub), "leaves": sum(1 for k in sub if onto.is_leaf(k))}
    def terms(nodes) -> dict[str, int]:
        return {"synonyms": sum(len(n.synonyms) for n in nodes), "abbreviations": sum(len(n.abbreviations) for n in nodes)}
    return {
        "conditions": len(conds),
        "leaves": len(leaves),
        "max_level": max((n.level for n in conds.values()), default=0),
        "subtypes": sum(1 for n in conds.values() if n.subtype),
        "per_level": {str(k): v for k, v in sorted(Counter(n.level for n in conds.values()).items())},
        "leaves_per_level": {str(k): v for k, v in sorted(Counter(conds[k].level for k in leaves).items())},
        "per_branch": dict(sorted(branches.items())),
        "condition_terms": terms(conds.values()),
        "with_codes": dict(sorted(Counter(k for n in conds.values() for k, _ in n.codes).items())),
        "context_rules": sum(1 for n in [*conds.values(), *onto.concepts.values()] if n.context),
        "concepts": len(onto.concepts),
        "concepts_per_category": dict(sorted(Counter(n.category or "-" for n in onto.concepts.values()).items())),
        "concept_terms": terms(onto.concepts.values()),
        "body_sites": len(onto.body_sites),
        "dataset_mappings": available_datasets(onto.source_dir),
        "digest": onto.digest(),
    }


def describe(onto: Ontology, kind: str, nid: str) -> dict[str, Any]:
    """One node as a dict: where it sits, what it is called, its codes and rules."""
    n = onto.any_node(kind, nid)
    d: dict[str, Any] = {"id": n.id, "kind": kind, "name": n.name}
    if kind == "condition":
        d["level"] = n.level
        d["path"] = onto.path(nid)
        d["parent"] = n.parent
        d["children"] = [onto.conditions[c].name for c in onto.children(nid)]
        d["leaf"] = onto.is_leaf(nid)
    if n.category:
        d["category"] = n.category
    for k in ("synonyms", "abbreviations", "context", "context_terms", "ambiguous"):
        if getattr(n, k):
            d[k] = list(getattr(n, k))
    if n.codes:
        d["codes"] = dict(n.codes)
    return d
