"""Runs stages over the store: skips what is done, resumes what was killed, records manifests.

A stage is up to date when its manifest names the current recipe digest and input digest. Otherwise
its unfinished shards are (re)computed on the executor, finished shards (their `_done` record names the
same input and recipe) are skipped, and the manifest is written last. Changing a recipe section changes
that stage's digest; its new output changes the next stage's input digest, and so on down the chain.
"""

from __future__ import annotations

import pickle
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pyarrow as pa

from derm1m_build import __version__, schema
from derm1m_build.errors import UserError
from derm1m_build.executors import Executor
from derm1m_build.hashing import digest_obj, sha256_bytes
from derm1m_build.recipe import Recipe, load_recipe
from derm1m_build.registry import make_source, make_stage
from derm1m_build.stage import BuildContext
from derm1m_build.store import (StageStore, atomic_write_bytes, clean_temp_files, manifest_shards_digest,
                                read_parquet)

BUILD_FILE = "build.json"


@dataclass
class StageSummary:
    stage: str
    up_to_date: bool = False
    rows_in: int = 0
    rows_out: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    shards_run: int = 0
    shards_skipped: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ShardTask:
    out: str
    recipe_path: str
    stage: str
    phase: str  # "single" | "map" | "apply"
    key: str
    input_path: str
    expect: dict
    state_path: str = ""


Progress = Callable[[str, int, int], None]  # (label, done, total)


def context_for(recipe: Recipe, out: Path) -> BuildContext:
    return BuildContext(out=Path(out).resolve(), recipe_path=recipe.path.resolve() if recipe.path else None,
                        seed=recipe.build.seed)


def claim_build_dir(recipe: Recipe, out: Path, force: bool = False) -> None:
    """An output dir is new, empty or a build of this recipe (see `builddir.claim_build_dir`)."""
    from derm1m_build.builddir import claim_build_dir as claim

    claim(Path(out), recipe.build.name, force)


# ------------------------------------------------------------------------------------------------
# worker side

_STAGE_CACHE: dict[tuple[str, str, str], Any] = {}
_STATE_CACHE: dict[str, Any] = {}
WORKER_STATS = {"stage_setups": 0}  # per worker process: how often a stage (and its model) was loaded


def _stage_in_worker(task: ShardTask) -> Any:
    key = (task.out, task.recipe_path, task.stage)
    st = _STAGE_CACHE.get(key)
    if st is None:
        recipe = load_recipe(task.recipe_path)
        st = make_stage(task.stage, recipe, context_for(recipe, Path(task.out)))
        st.setup()
        WORKER_STATS["stage_setups"] += 1
        _STAGE_CACHE.clear()
        _STAGE_CACHE[key] = st
    return st


def run_shard(task: ShardTask) -> tuple[str, dict]:
    """Process one shard and write it atomically. Runs in any worker (local process or Ray task)."""
    st = _stage_in_worker(task)
    store = StageStore(Path(task.out) / "work", task.stage)
    table = read_parquet(Path(task.input_path))
    if task.phase == "apply":
        state = _STATE_CACHE.get(task.state_path)
        if state is None:
            _STATE_CACHE.clear()
            with open(task.state_path, "rb") as f:
                state = pickle.load(f)
            _STATE_CACHE[task.state_path] = state
        res = st.apply(table, state)
        prior = read_parquet(store.excluded(task.key, "map"))
        excluded = pa.concat_tables([schema.conform(prior, schema.excluded_schema(task.stage)),
                                     schema.conform(res.excluded, schema.excluded_schema(task.stage))])
    else:
        res = st.process_batch(table)
        excluded = schema.conform(res.excluded, schema.excluded_schema(task.stage))
    kept = schema.conform(res.kept, st.out_schema)
    phase = "map" if task.phase == "map" else ""
    extra: dict[str, Any] = {}
    counts, retry = st.shard_counts(kept, excluded), st.retry_rows(kept, excluded)
    if counts:
        extra["counts"] = counts
    if retry:
        extra["retry"] = retry  # the next run redoes this shard (see _done_intact)
    rec = store.write_shard(task.key, kept, excluded, dict(task.expect, rows_in=table.num_rows, **extra), phase)
    return task.key, rec


# ------------------------------------------------------------------------------------------------
# driver side

def previous_stage(name: str) -> str | None:
    i = schema.STAGES.index(name)
    return schema.STAGES[i - 1] if i > 0 else None


def _summary_from_manifest(name: str, m: dict) -> StageSummary:
    return StageSummary(stage=name, up_to_date=True, rows_in=m["rows_in"], rows_out=m["rows_out"],
                        dropped=m["dropped"], shards_skipped=len(m["shards"]))


def stage_code(stage: Any, recipe: Recipe, name: str) -> str:
    """Digest of the source of the modules the stage runs (`codedigest`): an edited stage is stale.
    Harvest: the recipe's sources and the harvest workers."""
    from derm1m_build.codedigest import code_digest
    from derm1m_build.registry import SOURCE_CLASSES

    if name == "harvest":
        mods = ["derm1m_build.harvest_work"] + [SOURCE_CLASSES[n].partition(":")[0] for n in sorted(recipe.harvest)
                                                if n in SOURCE_CLASSES]
    else:
        mods = [type(stage).__module__] if stage is not None else []
    return code_digest(mods)


def stage_digest(stage: Any, recipe: Recipe, name: str) -> str:
    return digest_obj({"recipe": recipe.section_digest(name), "extra": stage.digest_extra() if stage else {},
                       "version": __version__, "code": stage_code(stage, recipe, name)})


def _intact(store: StageStore, m: dict, prev_m: dict | None = None) -> bool:
    """The manifest lists exactly the finished shards and each shard's bytes are as recorded (see
    `workcheck`): a damaged shard or a shortened manifest makes the stage rerun, never 'up to date'."""
    from derm1m_build.workcheck import stage_problems

    return not stage_problems(store, m, prev_m) and not any(r.get("retry") for r in m["shards"].values())


def _done_intact(store: StageStore, key: str, expect: dict, phase: str = "") -> dict | None:
    """A shard's `_done` record when it finished for these inputs and its files are unchanged since."""
    from derm1m_build.workcheck import record_problems

    rec = store.shard_is_done(key, expect, phase)
    if rec is None or rec.get("retry") or record_problems(store, key, rec, phase):
        return None
    return rec


def _check_input_stage(store: StageStore, m: dict) -> None:
    from derm1m_build.workcheck import stage_problems

    problems = stage_problems(store, m)
    if problems:
        raise UserError(f"{problems[0]}; run `derm1m-build {store.stage}` (or `run`) to recompute it")


def _finish_manifest(store: StageStore, name: str, recipe_digest: str, input_digest: str,
                     records: dict[str, dict], models: dict, extra: dict | None = None) -> dict:
    dropped: Counter = Counter()
    counts: dict[str, Counter] = {}
    for r in records.values():
        dropped.update(r.get("dropped", {}))
        for what, c in r.get("counts", {}).items():
            counts.setdefault(what, Counter()).update(c)
    manifest = {
        "stage": name,
        "package_version": __version__,
        "recipe_digest": recipe_digest,
        "input_digest": input_digest,
        "models": models,
        "shards": {k: {"sha256": r["sha256"], "rows": r["rows"], "excluded": r["excluded"],
                       "excluded_sha256": r["excluded_sha256"], **({"retry": r["retry"]} if r.get("retry") else {})}
                   for k, r in sorted(records.items())},
        "rows_in": sum(r.get("rows_in", r["rows"] + r["excluded"]) for r in records.values()),
        "rows_out": sum(r["rows"] for r in records.values()),
        "dropped": dict(sorted(dropped.items())),
        **({"counts": {w: dict(sorted(c.items())) for w, c in sorted(counts.items())}} if counts else {}),
        **(extra or {}),
    }
    store.write_manifest(manifest)
    return manifest


def run_stage(name: str, recipe: Recipe, out: Path, executor: Executor, progress: Progress | None = None,
              force: bool = False, refresh: bool = False, offline: bool = False) -> StageSummary:
    if name == "harvest":
        return run_harvest(recipe, out, progress=progress, force=force, refresh=refresh, offline=offline,
                           executor=executor)
    t0 = time.monotonic()
    ctx = context_for(recipe, out)
    prev = previous_stage(name)
    prev_store = StageStore(ctx.work, prev)
    prev_m = prev_store.manifest()
    if not prev_m:
        raise UserError(f"stage '{prev}' has not finished in {out}; run `derm1m-build {prev}` first")
    _check_input_stage(prev_store, prev_m)
    stage = make_stage(name, recipe, ctx)
    recipe_digest = stage_digest(stage, recipe, name)
    input_digest = manifest_shards_digest(prev_m)
    store = StageStore(ctx.work, name)
    m = store.manifest()
    if (m and not force and m["recipe_digest"] == recipe_digest and m["input_digest"] == input_digest
            and _intact(store, m, prev_m)):
        return _summary_from_manifest(name, m)
    store.invalidate()
    clean_temp_files(store.dir)
    clean_temp_files(ctx.images_dir)
    keys = sorted(prev_m["shards"])
    summary = StageSummary(stage=name)
    base_phase = "map" if stage.fit_columns else "single"
    phase_dir = "map" if stage.fit_columns else ""
    records: dict[str, dict] = {}
    tasks = []
    for k in keys:
        expect = {"input_sha256": prev_m["shards"][k]["sha256"], "recipe_digest": recipe_digest}
        rec = None if force else _done_intact(store, k, expect, phase_dir)
        if rec:
            records[k] = rec
            summary.shards_skipped += 1
        else:
            tasks.append(ShardTask(str(ctx.out), str(ctx.recipe_path), name, base_phase, k,
                                   str(prev_store.shard(k)), expect))
    label = f"{name} (map)" if stage.fit_columns else name
    for key, rec in _execute(executor, tasks, stage, progress, label, len(keys), len(records)):
        records[key] = rec
        summary.shards_run += 1
    store.remove_keys_not_in(keys, phase_dir)

    if stage.fit_columns:
        # Global pass on the mapped rows' chosen columns, then a per-shard apply.
        cols = [c for c in stage.fit_columns]
        tables = [read_parquet(store.shard(k, "map"), cols) for k in keys]
        fit_input = pa.concat_tables(tables) if tables else pa.table({c: [] for c in cols})
        state = stage.fit(fit_input)
        state_bytes = pickle.dumps(state, protocol=4)
        state_digest = sha256_bytes(state_bytes)
        state_path = store.dir / "_state.pkl"
        atomic_write_bytes(state_path, state_bytes)
        map_records = records
        records = {}
        tasks = []
        for k in keys:
            expect = {"input_sha256": map_records[k]["sha256"], "recipe_digest": recipe_digest,
                      "state_digest": state_digest}
            rec = None if force else _done_intact(store, k, expect)
            if rec:
                records[k] = rec
            else:
                tasks.append(ShardTask(str(ctx.out), str(ctx.recipe_path), name, "apply", k,
                                       str(store.shard(k, "map")), expect, str(state_path)))
        for key, rec in _execute(executor, tasks, stage, progress, name, len(keys), len(records)):
            records[key] = rec
        for k in keys:
            records[k]["rows_in"] = map_records[k]["rows_in"]
        store.remove_keys_not_in(keys)
    manifest = _finish_manifest(store, name, recipe_digest, input_digest, records, stage.models())
    summary.rows_in, summary.rows_out, summary.dropped = manifest["rows_in"], manifest["rows_out"], manifest["dropped"]
    summary.seconds = time.monotonic() - t0
    return summary


def _execute(executor: Executor, tasks: list[ShardTask], stage: Any, progress: Progress | None, label: str,
             total: int, done: int):
    if progress:
        progress(label, done, total)
    for key, rec in executor.map(run_shard, tasks, stage.resources):
        done += 1
        if progress:
            progress(label, done, total)
        yield key, rec


# ------------------------------------------------------------------------------------------------
# harvest: sources -> raw/ -> candidate rows

def run_harvest(recipe: Recipe, out: Path, progress: Progress | None = None, force: bool = False,
                refresh: bool = False, offline: bool = False, executor: Executor | None = None) -> StageSummary:
    """Discovery in the driver; fetch and extract per item on the executor (see harvest_work.py)."""
    from derm1m_build import harvest_work as hw

    hw.reset_cpu_tally()  # this run's tasks only
    try:
        return _run_harvest(recipe, out, progress, force, refresh, offline, executor)
    finally:
        hw.write_cpu_report()  # only where $DERM1M_HARVEST_CPU asks (benchmarks)


def _run_harvest(recipe: Recipe, out: Path, progress: Progress | None, force: bool, refresh: bool, offline: bool,
                 executor: Executor | None) -> StageSummary:
    from derm1m_build import harvest_work as hw

    t0 = time.monotonic()
    ctx = context_for(recipe, out)
    hw.require_harvest(recipe)
    sources = {n: make_source(n, cfg, ctx, recipe) for n, cfg in recipe.harvest.items()}
    prestart = getattr(executor, "prestart", None)  # local pool: workers start while the driver discovers
    if prestart is not None:
        prestart(warm=[w for s in sources.values() for w in s.worker_warmup],
                 modules=["derm1m_build.harvest_work", *sorted({type(s).__module__ for s in sources.values()})],
                 io=not offline)  # the fetch's own processes (LocalExecutor.stream), unless nothing is fetched
    summary = StageSummary(stage="harvest")
    hw.clean_before_harvest(ctx)
    from derm1m_build.purge import restore_if_changed

    if restore_if_changed(ctx, recipe):  # a takedown list changed: purged rows are fetched and computed again
        summary.notes.append("takedown list changed: the shards it had purged are computed again")
    store = StageStore(ctx.work, "harvest")
    recipe_digest = stage_digest(None, recipe, "harvest")
    force = force or refresh  # --refresh extracts again, whatever the digests say
    # extraction beside the fetch: a source's shards start once their units are fetched (harvest_work.Overlap)
    overlap = hw.Overlap(store, {"recipe_digest": recipe_digest}, force)
    if not offline:
        try:
            summary.notes += hw.fetch_notes(hw.fetch_phase(recipe, ctx, sources, executor, refresh, progress, overlap))
        finally:
            hw.ratelimit.activate(None)
    input_digest = digest_obj({n: s.raw_digest() for n, s in sources.items()})
    m = store.manifest()
    if (m and not force and not overlap.started and m["recipe_digest"] == recipe_digest
            and m["input_digest"] == input_digest and _intact(store, m)):
        s = _summary_from_manifest("harvest", m)
        s.notes = summary.notes
        return s
    store.invalidate()
    clean_temp_files(store.dir)
    expect = {"input_sha256": input_digest, "recipe_digest": recipe_digest}
    records, summary.shards_run, summary.shards_skipped = hw.run_extract(recipe, ctx, sources, executor, expect,
                                                                        force, store, progress, overlap.records)
    records = dict(sorted(records.items()))
    store.remove_keys_not_in(records)
    manifest = _finish_manifest(store, "harvest", recipe_digest, input_digest, records, {},
                                {"sources": {n: s.open_log().counts() for n, s in sources.items()}})
    summary.rows_in, summary.rows_out, summary.dropped = manifest["rows_in"], manifest["rows_out"], manifest["dropped"]
    summary.seconds = time.monotonic() - t0
    return summary


# ------------------------------------------------------------------------------------------------
# status

def stage_status(recipe: Recipe | None, out: Path) -> list[dict[str, Any]]:
    """done / partial / stale / damaged / missing for each stage, with rows and drops."""
    ctx_work = Path(out) / "work"
    rows = []
    prev_m = None
    for name in schema.STAGES:
        store = StageStore(ctx_work, name)
        m = store.manifest()
        state = "missing"
        if m:
            state = "done"
            if prev_m is not None and m["input_digest"] != manifest_shards_digest(prev_m):
                state = "stale"
            if recipe is not None:
                try:
                    st = None if name == "harvest" else make_stage(name, recipe, context_for(recipe, Path(out)))
                    if m["recipe_digest"] != stage_digest(st, recipe, name):
                        state = "stale"
                except UserError:
                    pass
            if prev_m is None and name != "harvest":
                state = "stale"
            from derm1m_build.workcheck import stage_problems

            if stage_problems(store, m):
                state = "damaged"
        elif store.dir.exists() and any(store.dir.rglob("part-*.json")):
            state = "partial"
        rows.append({"stage": name, "state": state, "rows_in": m["rows_in"] if m else None,
                     "rows_out": m["rows_out"] if m else None, "dropped": m["dropped"] if m else {}})
        prev_m = m
    return rows
