"""Integrity checks every frozen tagger evaluation set must pass (sets 4 onwards): one copy, so a rule added to
what a well-formed set is reaches every set. Each check returns the problems it found; a test asserts `== []`, so
a failure names the rows. They read the set and the ontology only and never run a tagger."""
from __future__ import annotations

import json
import re
from pathlib import Path

KEYS = {"id", "style", "source", "text", "conditions", "concepts", "disease_label"}
NODE_ENTRY = re.compile(r"[!?]?[a-z0-9-]+")


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def schema_problems(rows: list[dict], prefix: str, min_rows: int) -> list:
    """Every row has exactly the set's fields with the right types, and ids run PREFIX-0001, PREFIX-0002, ..."""
    out: list = [] if len(rows) >= min_rows else [("rows", len(rows), "fewer than", min_rows)]
    for r in rows:
        if set(r) != KEYS:
            out.append((r.get("id"), "fields", sorted(set(r) ^ KEYS)))
        elif not (isinstance(r["conditions"], list) and isinstance(r["concepts"], list)
                  and isinstance(r["text"], str) and r["text"].strip() and isinstance(r["disease_label"], str)):
            out.append((r["id"], "types"))
    ids = [r.get("id") for r in rows]
    if ids != [f"{prefix}-{k:04d}" for k in range(1, len(rows) + 1)]:
        out.append(("ids", "not sequential from", f"{prefix}-0001"))
    return out


def node_problems(rows: list[dict], onto) -> list:
    """Every condition and concept is an ontology node, optionally marked ! (negated) or ? (uncertain), listed once."""
    out = []
    for r in rows:
        for kind, nodes in (("conditions", onto.conditions), ("concepts", onto.concepts)):
            bad_form = [e for e in r[kind] if not NODE_ENTRY.fullmatch(e)]
            bare = [e.lstrip("!?") for e in r[kind]]
            unknown = [b for b in bare if b not in nodes]
            if bad_form or unknown or len(set(bare)) != len(bare):
                out.append((r["id"], kind, bad_form, unknown))
    return out


def label_problems(rows: list[dict], onto) -> list:
    """A `disease_label` is empty, or a condition node the text asserts or hedges (never a negated one)."""
    out = []
    for r in rows:
        lab = r["disease_label"]
        allowed = {e.lstrip("?") for e in r["conditions"] if not e.startswith("!")}
        if lab and (lab not in onto.conditions or lab not in allowed):
            out.append((r["id"], lab, r["conditions"]))
    return out
