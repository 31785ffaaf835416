"""Quality gates: a build that degraded silently must not pass as good.

After each stage (whether it ran or was up to date) its manifest is held against the recipe's
`[build.gates]`; past a threshold the command fails with one line naming the cause:

- harvest: a source whose share of failed items (fetch log) is above `max_harvest_failure` (0.20);
- caption: LLM captions that fell back to the rules caption above `max_llm_fallback` (0.05) of the
  rows the LLM was asked about (a wrong key, an unreachable endpoint, a model answering garbage);
- the dataset: fewer than `min_rows` (1) rows.

The stage's shards and manifest are kept, so nothing is lost; LLM rows that failed on a request are
retried by the next run (see `Stage.retry_rows`), and the gate is checked again.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from derm1m_build.errors import UserError
from derm1m_build.recipe import Recipe
from derm1m_build.store import StageStore


class GateError(UserError):
    exit_code = 5


def _pct(x: float) -> str:
    return f"{x:.0%}" if x >= 0.01 or x == 0 else f"{x:.1%}"


def _top(c: Counter, n: int = 3) -> str:
    return ", ".join(f"{k} x{v}" for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def harvest_problem(m: dict[str, Any], limit: float) -> str | None:
    for src, counts in sorted(m.get("sources", {}).items()):
        total = sum(counts.values())
        failed = Counter({k.split(":", 1)[1] or "unknown": v for k, v in counts.items() if k.startswith("failed")})
        n = sum(failed.values())
        if total and n / total > limit:
            return (f"harvest: {n} of {total} {src} items failed ({_pct(n / total)}: {_top(failed)}), above "
                    f"build.gates.max_harvest_failure = {limit}; fix the cause and run again (a rerun fetches "
                    "only what failed)")
    return None


def caption_problem(m: dict[str, Any], limit: float) -> str | None:
    from derm1m_build.stages.caption import fallback_reason

    labels = m.get("counts", {}).get("caption_backend", {})
    asked = {k: v for k, v in labels.items() if not k.startswith("rules") or k.startswith("rules-fallback:")}
    total = sum(asked.values())
    reasons = Counter()
    for k, v in asked.items():
        r = fallback_reason(k)
        if r is not None:
            reasons[r] += v
    n = sum(reasons.values())
    if total and n / total > limit:
        return (f"caption: {n} of {total} LLM captions ({_pct(n / total)}) fell back to rules ({_top(reasons)}), "
                f"above build.gates.max_llm_fallback = {limit}; fix [caption] (endpoint, key, model) and run "
                "again: rows whose request failed are retried")
    return None


def check_stage(name: str, recipe: Recipe, out: Path) -> None:
    """Raise GateError (one line) when the finished stage `name` is past a gate of the recipe."""
    m = StageStore(Path(out) / "work", name).manifest()
    if not m:
        return
    g = recipe.build.gates
    problem = None
    if name == "harvest":
        problem = harvest_problem(m, g.max_harvest_failure)
    elif name == "caption":
        problem = caption_problem(m, g.max_llm_fallback)
    if problem:
        raise GateError(problem)


def check_dataset(rows: int, recipe: Recipe) -> None:
    if rows < recipe.build.gates.min_rows:
        raise GateError(f"dataset: {rows} rows, fewer than build.gates.min_rows = {recipe.build.gates.min_rows}; "
                        "see `derm1m-build status` for where the rows went (every dropped row keeps its reason)")
