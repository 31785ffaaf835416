"""Precision per source and field with Wilson 95 % intervals, and Cohen's kappa between reviewers.

Wilson's interval, not the normal approximation: audit samples are small (tens of items per source) and
precisions sit near 1, where the normal interval overshoots 100 % and collapses to a point at 0 errors.
Every reviewer's answer counts as one judgement; 'skip' answers are left out.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

from derm1m_build.audit import FIELDS
from derm1m_build.audit.answers import load
from derm1m_build.audit.pack import load_items

Z95 = 1.959963984540054


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa for two raters' labels on the same items; None when undefined (no items, or chance
    agreement is 1 because both raters gave one and the same label throughout)."""
    n = len(pairs)
    if n == 0:
        return None
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    if pe >= 1:
        return None
    return (po - pe) / (1 - pe)


def score(folder: Path) -> dict[str, Any]:
    items = {it["sample_id"]: it for it in load_items(folder)}
    answers = load(folder)
    cells: dict[tuple[str, str], list[int]] = {}
    for rev, got in sorted(answers.items()):
        for (item, field), rec in sorted(got.items()):
            if field not in FIELDS or rec["value"] == "skip" or item not in items:
                continue
            it = items[item]
            stratum = it["source"] if it.get("kept", True) else it["stratum"]
            c = cells.setdefault((stratum, field), [0, 0])
            c[0] += rec["value"] == "yes"
            c[1] += 1
    precision = []
    for (stratum, field), (k, n) in sorted(cells.items()):
        lo, hi = wilson(k, n)
        precision.append({"stratum": stratum, "field": field, "right": k, "answered": n,
                          "precision": round(k / n, 4), "ci95": [round(lo, 4), round(hi, 4)]})
    kappa = []
    for a, b in combinations(sorted(answers), 2):
        for field in FIELDS:
            pairs = [(answers[a][(i, field)]["value"], answers[b][(i, field)]["value"])
                     for (i, f) in sorted(answers[a]) if f == field and (i, field) in answers[b]
                     and "skip" not in (answers[a][(i, field)]["value"], answers[b][(i, field)]["value"])]
            if pairs:
                k = cohen_kappa(pairs)
                kappa.append({"reviewers": [a, b], "field": field, "items": len(pairs),
                              "agreement": round(sum(x == y for x, y in pairs) / len(pairs), 4),
                              "kappa": None if k is None else round(k, 4)})
    flags = Counter(rec["value"] for got in answers.values() for (i, f), rec in got.items()
                    if f == "flag" and rec["value"] != "none")
    return {"audit": Path(folder).name, "items": len(items), "reviewers": sorted(answers),
            "precision": precision, "kappa": kappa, "flags": dict(sorted(flags.items()))}


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def markdown(sc: dict[str, Any]) -> str:
    lines = [f"### Audit `{sc['audit']}`: {sc['items']} items, reviewers {', '.join(sc['reviewers']) or 'none'}", "",
             "| source / stratum | field | right / answered | precision | Wilson 95 % CI |", "|---|---|---|---|---|"]
    for p in sc["precision"]:
        lines.append(f"| {p['stratum']} | {p['field']} | {p['right']} / {p['answered']} | {_pct(p['precision'])} | "
                     f"{_pct(p['ci95'][0])} to {_pct(p['ci95'][1])} |")
    if sc["kappa"]:
        lines += ["", "| reviewers | field | items both answered | agreement | Cohen's kappa |", "|---|---|---|---|---|"]
        for k in sc["kappa"]:
            kap = "undefined" if k["kappa"] is None else f"{k['kappa']:.3f}"
            lines.append(f"| {' & '.join(k['reviewers'])} | {k['field']} | {k['items']} | {_pct(k['agreement'])} | {kap} |")
    if sc["flags"]:
        lines += ["", "Flags raised: " + ", ".join(f"{k} {v}" for k, v in sc["flags"].items()) + "."]
    return "\n".join(lines) + "\n"


def scored_packs(build: Path) -> list[tuple[dict[str, Any], str]]:
    """(score, markdown) of every audit pack of a build that `audit score` has scored, by name."""
    import json

    out = []
    for p in sorted((Path(build) / "audit").glob("*/score.json")):
        try:
            sc = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out.append((sc, markdown(sc)))
    return out
