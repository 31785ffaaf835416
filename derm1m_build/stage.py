"""The one shape every stage has (datatrove's pipeline step, NeMo Curator's `process_batch`).

A stage maps a batch of rows (an Arrow table, one shard) to the rows it keeps and the rows it drops,
each dropped row with a reason. Stages that need to see the whole build at once (duplicate clusters,
leak-free splits) declare `fit_columns`: the runner then maps every shard first, gives `fit` those
columns of all mapped rows, and calls `apply` per shard with what `fit` returned.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa

from derm1m_build import schema


@dataclass(frozen=True)
class Resources:
    """What one worker of a stage needs; the executor decides placement (Ray: num_cpus/num_gpus)."""

    cpus: float = 1.0
    gpus: float = 0.0
    memory_mb: int = 512
    actor: bool = False  # load a model once per worker: Ray runs the stage on an actor pool
    # waits on the network most of its time (a harvest fetch: threads asleep on answers and on the host's
    # rate limit): the local executor's stream runs such tasks on processes of their own beside the
    # CPU-bound ones, so a fetch never holds a CPU slot that extraction could use (Ray: as declared)
    io: bool = False


@dataclass
class StageResult:
    kept: pa.Table
    excluded: pa.Table
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def dropped(self) -> Counter:
        if self.excluded.num_rows == 0:
            return Counter()
        return Counter(self.excluded.column("reason").to_pylist())


@dataclass(frozen=True)
class BuildContext:
    """Where a build lives and what every stage may read: the build dir, the recipe, the seed."""

    out: Path
    recipe_path: Path | None
    seed: int = 1234

    @property
    def work(self) -> Path:
        return self.out / "work"

    @property
    def raw(self) -> Path:
        return self.out / "raw"

    @property
    def images_dir(self) -> Path:
        return self.out / "images"

    @property
    def dataset(self) -> Path:
        return self.out / "dataset"

    @property
    def cache(self) -> Path:
        return self.out / "cache"


class Stage:
    """Base class: subclasses set `name`, maybe `resources` and `fit_columns`, and implement `process_batch`."""

    name: str = ""
    resources: Resources = Resources()
    fit_columns: tuple[str, ...] = ()

    def __init__(self, config: Any, ctx: BuildContext, recipe: Any = None):
        self.config = config
        self.ctx = ctx
        self.recipe = recipe

    # Lifecycle -----------------------------------------------------------------------------------
    def setup(self) -> None:
        """Load models once per worker. Default: nothing."""

    def process_batch(self, rows: pa.Table) -> StageResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def fit(self, table: pa.Table) -> Any:
        """Global pass over `fit_columns` of every mapped row; returns picklable state for `apply`."""
        return None

    def apply(self, rows: pa.Table, state: Any) -> StageResult:
        """Second per-shard pass for stages with `fit_columns`."""
        return StageResult(rows, self.excluded_from([], ""))

    def models(self) -> dict[str, Any]:
        """Model ids, prompt and weight digests recorded in the manifest."""
        return {}

    def shard_counts(self, kept: pa.Table, excluded: pa.Table) -> dict[str, dict[str, int]]:
        """Counts recorded with each finished shard and summed into the manifest's `counts` (e.g. rows
        per caption back-end, for the quality gates and the datasheet). Default: none."""
        return {}

    def retry_rows(self, kept: pa.Table, excluded: pa.Table) -> int:
        """Rows of a shard whose result came from a transient failure (an LLM request that failed): a
        shard with any is redone by the next run, without --force. Default: none."""
        return 0

    def digest_extra(self) -> dict[str, Any]:
        """Anything besides the recipe section that the output depends on (e.g. the ontology digest)."""
        return {}

    # Helpers --------------------------------------------------------------------------------------
    @property
    def out_schema(self) -> pa.Schema:
        return schema.schema_for(self.name)

    def table(self, rows: Iterable[dict[str, Any]]) -> pa.Table:
        return schema.rows_to_table(rows, self.out_schema)

    def excluded_from(self, rows: Iterable[dict[str, Any]], reason: str | None = None) -> pa.Table:
        """Rows dropped by this stage: each dict may carry its own `reason`/`detail`, else `reason`."""
        out = []
        for r in rows:
            r = dict(r)
            r.setdefault("reason", reason)
            r.setdefault("detail", "")
            r["stage"] = self.name
            out.append(r)
        return schema.rows_to_table(out, schema.excluded_schema(self.name))

    def result(self, kept: list[dict[str, Any]], dropped: list[dict[str, Any]], **stats: Any) -> StageResult:
        return StageResult(self.table(kept), self.excluded_from(dropped), stats)
