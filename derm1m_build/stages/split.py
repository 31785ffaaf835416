"""The split stage: leak-free, group-aware, stable splits.

The unit is the connected component of every tie between rows (same group_id, same duplicate
cluster). A component's split is a function of its smallest member key (a hash), so adding rows later
does not move existing components.
"""

from __future__ import annotations

import pyarrow as pa
from pydantic import Field, model_validator

from derm1m_build.filtering.dedup import UnionFind
from derm1m_build.hashing import stable_unit
from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult


class SplitConfig(Section):
    train: float = Field(0.8, ge=0, le=1)
    val: float = Field(0.1, ge=0, le=1)
    test: float = Field(0.1, ge=0, le=1)
    salt: str = "derm1m-build"

    @model_validator(mode="after")
    def _sum(self) -> "SplitConfig":
        if abs(self.train + self.val + self.test - 1.0) > 1e-6:
            raise ValueError("train + val + test must be 1")
        return self


class SplitStage(Stage):
    name = "split"
    resources = Resources(cpus=1)
    fit_columns = ("sample_id", "group_id", "dup_cluster")

    def process_batch(self, rows: pa.Table) -> StageResult:
        return self.result(rows.to_pylist(), [])

    def fit(self, table: pa.Table) -> dict[str, str]:
        uf = UnionFind()
        rows = sorted(table.to_pylist(), key=lambda r: r["sample_id"])
        for r in rows:
            keys = [f"g:{r['group_id']}"] + ([f"d:{r['dup_cluster']}"] if r.get("dup_cluster") else [])
            for k in keys:
                uf.union(f"s:{r['sample_id']}", k)
        c = self.config
        out = {}
        for r in rows:
            root = uf.find(f"s:{r['sample_id']}")
            u = stable_unit(root, c.salt)
            out[r["sample_id"]] = "train" if u < c.train else ("val" if u < c.train + c.val else "test")
        return out

    def apply(self, rows: pa.Table, state: dict[str, str]) -> StageResult:
        kept = []
        for r in rows.to_pylist():
            r["split"] = state[r["sample_id"]]
            r["filename"] = f"images/{r['image_sha256'][:2]}/{r['image_sha256']}.{r['image_ext']}"
            kept.append(r)
        return self.result(kept, [])
