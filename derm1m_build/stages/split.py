"""The split stage: leak-free, group-aware, stable splits.

The unit is the connected component of every tie between rows: same group_id (video, article, thread,
document), same near-duplicate cluster, same patient or lesion id given by a source in `meta`
(`tie_meta_keys`). A component's split is a function of its id alone -- the smallest source/group_id in it,
hashed with the recipe's salt -- so adding a source later never moves rows that it does not tie to.

Stratification by top-level condition branch, two ways (`stratify` in the recipe):
- `hash` (default): the split is a hash of the component id alone, so every branch is split in the
  recipe's ratios up to sampling noise and adding a source never moves an existing row;
- `balanced`: within each branch, components in hash order go to the split furthest below its share
  (counted in rows), so every branch matches the ratios to within one component -- exact, deterministic
  from the same input, but adding rows of a branch can move later components of that branch.
A component's branch is the branch most of its rows carry (ties: first by name; no condition:
`unlabelled`); the counts per branch and split are in the report and the datasheet.

At the end of `fit` the leakage check (derm1m_build/dataset/leakage.py, also run by `verify`) looks at
every tie again and fails the build naming the group that spans two splits.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Literal

import pyarrow as pa
from pydantic import Field, model_validator

from derm1m_build.dataset.leakage import DEFAULT_TIE_META_KEYS, find_leaks, tie_keys
from derm1m_build.errors import UserError
from derm1m_build.filtering.dedup import UnionFind
from derm1m_build.hashing import stable_unit
from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult
from derm1m_build.store import write_json

UNLABELLED = "unlabelled"


class SplitConfig(Section):
    train: float = Field(0.8, ge=0, le=1)
    val: float = Field(0.1, ge=0, le=1)
    test: float = Field(0.1, ge=0, le=1)
    salt: str = "derm1m-build"
    stratify: Literal["hash", "balanced"] = Field("hash", description="hash: stable when sources are added; "
                                                  "balanced: exact per-branch ratios")
    tie_meta_keys: tuple[str, ...] = Field(DEFAULT_TIE_META_KEYS,
                                           description="keys of `meta` whose values tie rows (patient, lesion)")

    @model_validator(mode="after")
    def _sum(self) -> "SplitConfig":
        if abs(self.train + self.val + self.test - 1.0) > 1e-6:
            raise ValueError("train + val + test must be 1")
        return self


def row_branch(conditions: Any) -> str:
    """Top-level condition branch of a row: the first path element of its asserted conditions."""
    try:
        matches = json.loads(conditions or "[]")
    except (TypeError, ValueError):
        return UNLABELLED
    branches = sorted({m["path"][0] for m in matches
                       if m.get("path") and not m.get("negated") and not m.get("uncertain")})
    return branches[0] if branches else UNLABELLED


def components(rows: list[dict[str, Any]], meta_keys: tuple[str, ...]) -> dict[str, str]:
    """sample_id -> component id (the smallest `source/group_id` among the component's rows)."""
    uf = UnionFind()
    for r in rows:
        for k in tie_keys(r, meta_keys) or [f"s:{r['sample_id']}"]:
            uf.union(f"s:{r['sample_id']}", k)
    smallest: dict[str, str] = {}
    for r in rows:
        root = uf.find(f"s:{r['sample_id']}")
        gid = f"{r.get('source', '')}/{r['group_id']}" if r.get("group_id") else f"sample/{r['sample_id']}"
        if root not in smallest or gid < smallest[root]:
            smallest[root] = gid
    return {r["sample_id"]: smallest[uf.find(f"s:{r['sample_id']}")] for r in rows}


def assign(component_id: str, cfg: SplitConfig) -> str:
    u = stable_unit(component_id, cfg.salt)
    return "train" if u < cfg.train else ("val" if u < cfg.train + cfg.val else "test")


SPLIT_NAMES = ("train", "val", "test")


def assign_balanced(sizes: dict[str, int], stratum: dict[str, str], cfg: SplitConfig) -> dict[str, str]:
    """component id -> split: per branch, components in hash order go to the split with the largest
    deficit against its target share of the rows seen so far (ties: train, val, test)."""
    ratio = {"train": cfg.train, "val": cfg.val, "test": cfg.test}
    out: dict[str, str] = {}
    for b in sorted(set(stratum.values())):
        counts = dict.fromkeys(SPLIT_NAMES, 0)
        total = 0
        for cid in sorted((c for c, s in stratum.items() if s == b), key=lambda c: (stable_unit(c, cfg.salt), c)):
            total += sizes[cid]
            best = max(SPLIT_NAMES, key=lambda s: (ratio[s] * total - counts[s], -SPLIT_NAMES.index(s)))
            counts[best] += sizes[cid]
            out[cid] = best
    return out


def strata(rows: list[dict[str, Any]], comp: dict[str, str]) -> dict[str, str]:
    """component id -> its branch (majority of its rows' branches, ties by name)."""
    votes: dict[str, Counter] = {}
    for r in rows:
        votes.setdefault(comp[r["sample_id"]], Counter())[row_branch(r.get("conditions"))] += 1
    return {c: min(v.items(), key=lambda kv: (-kv[1], kv[0]))[0] for c, v in votes.items()}


class SplitStage(Stage):
    name = "split"
    resources = Resources(cpus=1)
    fit_columns = ("sample_id", "source", "group_id", "dup_cluster", "meta", "conditions")

    def process_batch(self, rows: pa.Table) -> StageResult:
        return self.result(rows.to_pylist(), [])

    def fit(self, table: pa.Table) -> dict[str, str]:
        c = self.config
        rows = sorted(table.to_pylist(), key=lambda r: r["sample_id"])
        comp = components(rows, tuple(c.tie_meta_keys))
        if c.stratify == "balanced":
            by_comp = assign_balanced(Counter(comp.values()), strata(rows, comp), c)
            out = {sid: by_comp[cid] for sid, cid in sorted(comp.items())}
        else:
            out = {sid: assign(cid, c) for sid, cid in sorted(comp.items())}
        leaks = find_leaks(({**r, "split": out[r["sample_id"]]} for r in rows), c.tie_meta_keys)
        if leaks:
            raise UserError(f"split: {leaks[0]}" + (f" (and {len(leaks) - 1} more)" if len(leaks) > 1 else ""))
        # `verify` reads which meta keys tied rows, to check the same ties on the finished dataset; the
        # datasheet says how the splits were stratified.
        write_json(self.ctx.work / self.name / "_ties.json",
                   {"tie_meta_keys": list(c.tie_meta_keys), "stratify": c.stratify})
        return out

    def apply(self, rows: pa.Table, state: dict[str, str]) -> StageResult:
        kept = []
        for r in rows.to_pylist():
            r["split"] = state[r["sample_id"]]
            r["filename"] = f"images/{r['image_sha256'][:2]}/{r['image_sha256']}.{r['image_ext']}"
            kept.append(r)
        return self.result(kept, [])
