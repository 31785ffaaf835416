"""Harvest as sharded work on the executor: discovery in the driver, fetch + extract per item in workers.

1. Discovery (driver, cheap): each itemised source lists its work items (`Source.discover_work`:
   videos, articles, threads) and the list is written to `work/harvest/_items/<source>.json`. A source
   that is not itemised becomes one work item that runs its own `fetch`.
2. Fetch (workers): items go to the executor in small batches; a worker fetches a batch's items on
   threads (network waits overlap) and returns the fetch-log entries. The driver merges them into the
   source's fetch log (an fsync'ed journal line per item, compacted when the phase ends), so the fetch
   log stays the one record of what was fetched and a kill -9 loses at most the batches in flight.
   Every request of every worker goes through one limiter per host (`ratelimit`, a slot file under
   `work/_ratelimit/`), so per-host rates hold for the whole build whatever `--workers` says.
3. Extract (workers): the fetched units are cut into chunks of `build.harvest_items_per_shard`; each
   chunk becomes one shard. A shard whose `_done` record names the same input and recipe is skipped.
   Shards go to the workers most expensive first (`longest_first`, from the per-unit CPU costs the
   CPU-bound benchmark keeps in plan_costs.json), and the local pool is started beside the driver's
   serial part (`LocalExecutor.prestart`, called by `pipeline.run_harvest`).
4. Overlap (`fetch_phase` with an `Overlap`): extraction does not wait for every source's fetch. Fetch
   and extraction tasks share one `Executor.stream`; a source's shards go to the workers as soon as
   the units they hold are fetched (PubMed: its units are the search's ids, known after discovery, so
   a shard is ready once no fetch task still in flight can change one of them; other sources: once the
   source's own fetch tasks are all back). A shard whose expectation names the harvest's input digest
   (every source's raw data) is written with `PENDING_INPUT` in its place and stamped with the digest
   after the fetch (`extract_tasks(early=)`); such shards start only once this run's fetch changed a
   log entry (`dirty`), i.e. when the digest changes and the serial order would rerun them all too.
   Every fetch task names its source's `fetch_resources` and extraction `EXTRACT_RESOURCES`; the feed
   hands out tasks of the groups that have room (`RoutedFeed`), so a source whose fetch loads a model
   (YouTube with ASR: an actor pool on Ray, with the model's GPUs and memory; locally any pool process,
   which keeps its loaded model) shares the stream with plain tasks.

Resume and incremental rules are the sources' own (`discover_work` skips done items, `finish_fetch`
marks the log complete), identical to a serial `fetch`; outputs are byte-identical for any worker count.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import time
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Container

from derm1m_build import ratelimit, schema
from derm1m_build.errors import UserError
from derm1m_build.executors import Executor
from derm1m_build.hashing import digest_obj
from derm1m_build.recipe import Recipe, load_recipe
from derm1m_build.registry import make_source
from derm1m_build.sources.base import DIGEST_SKIP, Excluded, FetchLog, FetchReport, Source, WorkItem
from derm1m_build.stage import BuildContext, Resources
from derm1m_build.store import StageStore, clean_temp_files, write_json

# a fetch task waits on the network (its threads on answers and on the hosts' rate limits): `io`, so the
# local stream runs it beside extraction instead of in one of extraction's CPU slots (`LocalExecutor.stream`)
FETCH_RESOURCES = Resources(cpus=1.0, memory_mb=1024, io=True)
EXTRACT_RESOURCES = Resources(cpus=1.0, memory_mb=1024)  # extraction reads raw/ only: plain CPU tasks


@dataclass(frozen=True)
class HarvestTask:
    out: str
    recipe_path: str
    source: str
    phase: str  # "fetch" | "fetch_all" | "extract" | "extract_all"
    items: tuple[WorkItem, ...] = ()
    keys: tuple[str, ...] = ()
    shard: str = ""
    expect: dict = field(default_factory=dict)
    refresh: bool = False
    threads: int = 1
    run: str = ""  # one harvest run: workers build fresh sources (clients, robots.txt) for each run


def _done_intact(store: StageStore, key: str, expect: dict) -> dict | None:
    """A finished harvest shard whose files are still as recorded (a damaged one is redone)."""
    from derm1m_build.workcheck import record_problems

    rec = store.shard_is_done(key, expect)
    return None if rec is None or record_problems(store, key, rec) else rec


# ------------------------------------------------------------------------------------------------
# worker side

_SOURCES: dict[tuple[str, str, str, str], Source] = {}
# per worker process (a pool process, a Ray actor, the driver with one worker): harvest tasks run and
# models their sources loaded; a Ray actor reports it (`ShardWorker.stats`)
WORKER_STATS: Counter = Counter()
_LOGS: dict[str, tuple[tuple, FetchLog]] = {}


def _ctx(recipe: Recipe, out: str) -> BuildContext:
    return BuildContext(out=Path(out).resolve(), recipe_path=recipe.path.resolve() if recipe.path else None,
                        seed=recipe.build.seed)


def _source(task: HarvestTask) -> Source:
    """One source object per source and worker process for the whole run (a model it loads, e.g. ASR,
    is loaded once per worker; its HTTP client asks robots.txt once), also when the tasks of several
    sources alternate (`interleave`)."""
    key = (task.out, task.recipe_path, task.source, task.run)
    src = _SOURCES.get(key)
    if src is None:
        if any(k[:2] + k[3:] != key[:2] + key[3:] for k in _SOURCES):
            _SOURCES.clear()  # another build or run: its sources go; this run's other sources stay
        recipe = load_recipe(task.recipe_path)
        src = make_source(task.source, recipe.harvest[task.source], _ctx(recipe, task.out), recipe)
        _SOURCES[key] = src
    return src


def _stamp(p: Path) -> tuple[int, int]:
    try:
        st = p.stat()
        return st.st_mtime_ns, st.st_size
    except OSError:
        return 0, -1


def _log(src: Source) -> FetchLog:
    """The fetch log, parsed once per worker while its files are unchanged: the log and its journal,
    which the driver appends to while extraction runs beside the fetch (`Overlap`)."""
    p = src.fetch_log_path
    key = (_stamp(p), _stamp(p.with_name(p.stem + ".journal.jsonl")))  # `FetchLog.journal_path`
    hit = _LOGS.get(str(p))
    if hit is None or hit[0] != key:
        hit = (key, src.open_log())
        _LOGS[str(p)] = hit
    return hit[1]


def _report_dict(r: FetchReport) -> dict:
    return {"fetched": r.fetched, "skipped": r.skipped, "failed": dict(r.failed)}


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_harvest_task(task: HarvestTask) -> dict[str, Any]:
    """One batch of harvest work; runs in any worker (local process or Ray task/actor). The result says
    the CPU seconds the task took in its process (a worker runs one task at a time, so the process's
    CPU over the task is the task's, its threads included) and the process id: pool workers are not
    the harvest process's own children, so this is how their CPU is known (`CpuTally`)."""
    c0 = _cpu_s()
    out = _run_task(task)
    out["cpu"] = (os.getpid(), round(_cpu_s() - c0, 4))
    return out


def _run_task(task: HarvestTask) -> dict[str, Any]:
    ratelimit.activate(Path(task.out) / "work" / "_ratelimit")
    src = _source(task)
    loads = getattr(src, "model_loads", 0)
    try:
        return _run_on(src, task)
    finally:
        WORKER_STATS["tasks"] += 1
        WORKER_STATS["model_loads"] += getattr(src, "model_loads", 0) - loads


def _run_on(src: Source, task: HarvestTask) -> dict[str, Any]:
    if task.phase == "fetch_all":
        return {"source": task.source, "entries": {}, "report": _report_dict(src.fetch(refresh=task.refresh))}
    if task.phase == "fetch":
        def one(it: WorkItem):
            return src.fetch_item(it, task.refresh)

        todo, settled, shared = src.prepare_batch(task.items, task.refresh)  # e.g. one efetch for the task
        if task.threads > 1 and len(todo) > 1:
            with ThreadPoolExecutor(max_workers=min(task.threads, len(todo))) as pool:
                results = list(pool.map(one, todo))
        else:
            results = [one(it) for it in todo]
        entries: dict[str, Any] = dict(settled)
        report = FetchReport()
        report.add(shared)
        for e, r in results:  # item order: the merged log is the same for any thread count
            entries.update(e)
            report.add(r)
        return {"source": task.source, "entries": entries, "report": _report_dict(report), "items": len(task.items),
                "units": _units(src, task)}
    if task.phase == "extract":
        rows = src.extract_units(list(task.keys), _log(src))
        return {"source": task.source, "shards": [_write(task, task.shard, rows)]}
    if task.phase == "extract_all":
        return {"source": task.source, "shards": _write_sized(task, src)}
    raise ValueError(task.phase)


def _split(items) -> tuple[list[dict], list[dict]]:
    kept, dropped = [], []
    for item in items:
        if isinstance(item, Excluded):
            dropped.append({**item.row, "reason": item.reason, "detail": item.detail, "stage": "harvest"})
        else:
            kept.append(item)
    return kept, dropped


def _write_rows(store: StageStore, key: str, expect: dict, kept: list[dict], dropped: list[dict]) -> dict:
    kt = schema.rows_to_table(kept, schema.schema_for("harvest"))
    xt = schema.rows_to_table(dropped, schema.excluded_schema("harvest"))
    return store.write_shard(key, kt, xt, dict(expect, rows_in=len(kept) + len(dropped)))


def _write(task: HarvestTask, key: str, rows) -> tuple[str, dict, bool]:
    store = StageStore(Path(task.out) / "work", "harvest")
    kept, dropped = _split(rows)
    return key, _write_rows(store, key, task.expect, kept, dropped), True


def _write_sized(task: HarvestTask, src: Source) -> list[tuple[str, dict, bool]]:
    """A source that is not itemised: its `extract` cut into `shard_size`-row shards, as before."""
    store = StageStore(Path(task.out) / "work", "harvest")
    size = load_recipe(task.recipe_path).build.shard_size
    out: list[tuple[str, dict, bool]] = []
    kept: list[dict] = []
    dropped: list[dict] = []

    def flush() -> None:
        key = f"{task.source}-{len(out):05d}"
        rec = _done_intact(store, key, task.expect)
        ran = rec is None
        if ran:
            rec = _write_rows(store, key, task.expect, kept, dropped)
        out.append((key, rec, ran))
        kept.clear()
        dropped.clear()

    for item in src.extract():
        k, d = _split([item])
        kept.extend(k)
        dropped.extend(d)
        if len(kept) + len(dropped) >= size:
            flush()
    if kept or dropped or not out:
        flush()
    return out


# ------------------------------------------------------------------------------------------------
# driver side

CPU_REPORT_ENV = "DERM1M_HARVEST_CPU"


@dataclass
class CpuTally:
    """CPU seconds of the harvest's tasks by phase and source, as the processes that ran them measured
    (`run_harvest_task`), split into tasks run in the driver itself and in pool workers. For benchmarks
    and the planner's cost file: written as JSON to the file `$DERM1M_HARVEST_CPU` names, never into
    the build (CPU times differ from run to run). Worker start-up and idle time are not in it."""

    fetch: dict[str, float] = field(default_factory=dict)
    extract: dict[str, float] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)
    in_driver_s: float = 0.0
    in_workers_s: float = 0.0
    worker_pids: set[int] = field(default_factory=set)

    def add(self, phase: str, result: dict[str, Any], items: int = 0) -> None:
        if "cpu" not in result:  # a result not from `run_harvest_task` (tests hand in their own)
            return
        pid, cpu = result["cpu"]
        book = self.fetch if phase == "fetch" else self.extract
        book[result["source"]] = book.get(result["source"], 0.0) + cpu
        if phase == "fetch":
            self.items[result["source"]] = self.items.get(result["source"], 0) + items
        if pid == os.getpid():
            self.in_driver_s += cpu
        else:
            self.in_workers_s += cpu
            self.worker_pids.add(pid)

    def as_dict(self) -> dict[str, Any]:
        r = {k: {n: round(v, 3) for n, v in sorted(d.items())} for k, d in (("fetch_cpu_s", self.fetch),
                                                                          ("extract_cpu_s", self.extract))}
        return {**r, "fetched_items": dict(sorted(self.items.items())), "tasks_in_driver_cpu_s": round(self.in_driver_s, 3),
                "tasks_in_workers_cpu_s": round(self.in_workers_s, 3), "worker_processes": len(self.worker_pids)}


TALLY = CpuTally()


def reset_cpu_tally() -> None:
    global TALLY
    TALLY = CpuTally()


def write_cpu_report() -> None:
    """The run's `CpuTally` to `$DERM1M_HARVEST_CPU` when set (a benchmark asks for it); then reset."""
    global TALLY
    path = os.environ.get(CPU_REPORT_ENV)
    if path:
        Path(path).write_text(json.dumps(TALLY.as_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    TALLY = CpuTally()

Progress = Callable[[str, int, int], None]


def _batches(seq: list, n: int) -> list[list]:
    n = max(1, n)
    return [seq[i:i + n] for i in range(0, len(seq), n)]


def _map(executor: Executor | None, tasks: list[HarvestTask], resources: Resources):
    if executor is None:
        for t in tasks:
            yield run_harvest_task(t)
        return
    yield from executor.map(run_harvest_task, tasks, resources)


def interleave(tasks: list[HarvestTask]) -> list[HarvestTask]:
    """Fetch tasks round-robin over sources (a task of each source in turn, each source's own order kept).

    Each source fetches from its own hosts, each host with its own rate limit: handed out source after
    source, 2 workers spend the whole first source's turn on its one rate-limited host while the others'
    hosts sit idle. Interleaved, the hosts' limits overlap and the phase is bound by the busiest host,
    not by the sum over hosts. Only the order of work changes: the fetch log merges the same entries."""
    queues: dict[str, list[HarvestTask]] = {}
    for t in tasks:
        queues.setdefault(t.source, []).append(t)
    out: list[HarvestTask] = []
    rounds = max((len(q) for q in queues.values()), default=0)
    for i in range(rounds):
        out += [q[i] for q in queues.values() if i < len(q)]
    return out


PENDING_INPUT = "pending"  # an early shard's input digest until every source's fetch has ended


@dataclass
class Overlap:
    """Extraction beside the fetch: what the driver needs to cut shards before the harvest's input
    digest is known, and the shards extracted so far (their records carry `PENDING_INPUT`)."""

    store: StageStore
    expect: dict  # the shards' expectation but the input digest: {"recipe_digest": ...}
    force: bool = False  # every shard is recomputed (--force, --refresh): no need to wait for `dirty`
    records: dict[str, dict] = field(default_factory=dict)
    started: bool = False

    def start(self) -> None:
        """Before the first early shard: the manifest goes (the stage is being recomputed) and a killed
        run's temp files with it; later nothing removes a file a worker is writing."""
        if not self.started:
            self.started = True
            self.store.invalidate()
            clean_temp_files(self.store.dir)


def _plain(entry: Any) -> Any:
    return {f: x for f, x in entry.items() if f not in DIGEST_SKIP} if isinstance(entry, dict) else entry


def _units(src: Source, task: HarvestTask) -> list[str]:
    """The extraction units a fetch task may change (PubMed: every article of its efetch batches)."""
    hook = getattr(src, "task_units", None)
    return list(hook(task.items)) if hook else [it.key for it in task.items]


class HarvestFeed:
    """The harvest's tasks for `Executor.stream`: fetch tasks in `interleave` order, and each source's
    extraction shards as they become ready (see `Overlap`). Where fetch and extraction share the
    workers (Ray, or a local pool without I/O processes), at most half the workers (at least one)
    extract while fetch tasks remain, so the rate-limited hosts keep their fetchers; then all of them.
    Where the executor runs fetch tasks on processes of their own (`io_apart`: the local pool), a ready
    shard goes to the first free CPU worker at once, beside the remaining fetches: extraction keeps up
    with the fetch instead of running after it.

    A `RoutedFeed` (executors/__init__.py): each source's fetch tasks name the source's
    `fetch_resources` (YouTube with ASR: an actor pool with the model's GPUs and memory), extraction
    `EXTRACT_RESOURCES`; asked for a task of the groups that have room, it hands out the first in
    `interleave` order of those groups, so a busy actor pool never holds back the plain tasks."""

    def __init__(self, groups: dict[Resources, list[HarvestTask]], sources: dict[str, Source],
                 logs: dict[str, FetchLog], overlap: Overlap, recipe: Recipe, ctx: BuildContext, run: str, workers: int,
                 io_apart: bool = False):
        tasks = [t for ts in groups.values() for t in ts]
        self.res = {t.source: g for g, ts in groups.items() for t in ts}
        self.groups = tuple(dict.fromkeys([*groups, EXTRACT_RESOURCES]))
        self.queues: dict[Resources, deque[tuple[int, HarvestTask]]] = {g: deque() for g in self.groups}
        for i, t in enumerate(interleave(tasks)):
            self.queues[self.res[t.source]].append((i, t))
        self.sources, self.logs, self.ov, self.recipe, self.ctx, self.run = sources, logs, overlap, recipe, ctx, run
        self.cap = max(1, workers if io_apart else workers // 2)
        self.left = Counter(t.source for t in tasks)  # fetch tasks not yet back, per source
        self.busy: dict[str, Counter] = {n: Counter() for n in sources}  # units such tasks may change
        for t in tasks:
            if t.phase == "fetch":
                self.busy[t.source].update(_units(sources[t.source], t))
        self.dirty = overlap.force
        self.ready: deque[HarvestTask] = deque()
        self.extracting = 0
        self.planned: set[str] = set()
        self.shards: dict[str, list[HarvestTask]] = {}  # per planned source: its shards to extract
        self.blocked: dict[str, list[int]] = {}  # per shard: its units still busy
        self.owner: dict[str, dict[str, int]] = {}  # unit -> its shard's index
        self.unblocked: list[tuple[str, int]] = []
        self.settled: list[HarvestTask] = []  # shards of sources still fetching, inside `settled_keys`
        self.released: dict[str, set[str]] = {}  # per source: shard keys handed out that way
        self.version: Counter = Counter()  # per source: fetch results back (settled keys change only then)
        self.seen: dict[str, int] = {}  # per source: the version its settled keys were last computed at

    def take(self, room: Container[Resources] | None = None) -> HarvestTask | None:
        fetching = any(self.queues.values())
        if (self.ready and (not fetching or self.extracting < self.cap)
                and (room is None or EXTRACT_RESOURCES in room)):
            self.extracting += 1
            return self.ready.popleft()
        heads = [q for g, q in self.queues.items() if q and (room is None or g in room)]
        if heads:
            return min(heads, key=lambda q: q[0][0]).popleft()[1]
        return None

    def group_of(self, task: HarvestTask) -> Resources:
        return EXTRACT_RESOURCES if task.phase.startswith("extract") else self.res[task.source]

    def wants(self, group: Resources) -> bool:
        """Whether a task of `group` may still come: a fetch task not handed out, or any extraction."""
        return bool(self.queues.get(group)) or group == EXTRACT_RESOURCES

    def fetched(self, source: str, units: list[str], entries: dict[str, Any]) -> None:
        """A fetch task is back; called before its entries are merged into the driver's log."""
        log = self.logs.get(source)
        if log is not None and not self.dirty:
            self.dirty = any(_plain(log.items.get(k)) != _plain(v) for k, v in entries.items())
        self.left[source] -= 1
        self.version[source] += 1
        busy, owner = self.busy[source], self.owner.get(source, {})
        for u in units:
            busy[u] -= 1
            if busy[u] <= 0:
                del busy[u]
                i = owner.get(u)
                if i is not None:
                    self.blocked[source][i] -= 1
                    if self.blocked[source][i] == 0:
                        self.unblocked.append((source, i))

    def extracted(self) -> None:
        self.extracting -= 1

    def plan(self) -> None:
        """Shards that may go now: each source planned once (when its units are known and may be
        extracted), a shard released when none of its units is busy."""
        for n, src in self.sources.items():
            if n not in self.planned:
                self._plan_source(n, src)
        if self.unblocked or self.settled:
            self.ov.start()
            rel = [self.shards[n][i] for n, i in self.unblocked] + self.settled
            self.unblocked, self.settled = [], []
            self.ready.extend(longest_first(rel))
            for t in rel:
                self.ov.records[t.shard] = {}  # handed out; its record comes with its result

    def _plan_source(self, n: str, src: Source) -> None:
        fetched = self.left[n] <= 0
        if not fetched and not getattr(src, "keys_known_at_discovery", False):
            if self.dirty:
                self._release_settled(n, src)
            return
        if not fetched and not self.dirty:
            return  # its shards wait for the input digest to change (or for the fetch's end)
        log = self.logs.get(n) or src.open_log()
        plan = shard_plan(self.recipe, n, src, log, dict(self.ov.expect, input_sha256=PENDING_INPUT))
        if plan is None:
            self.planned.add(n)  # one whole-source task: after the fetch, as before
            return
        exact = all("input_sha256" not in exp for _, exp, _ in plan)
        if (exact and not fetched) or (not exact and not self.dirty):
            return  # unit digests read the fetched units; other shards wait for `dirty`
        self.planned.add(n)
        busy = self.busy[n]
        shards: list[HarvestTask] = []
        blocked: list[int] = []
        owner: dict[str, int] = {}
        done = self.released.get(n, set())
        for key, exp, chunk in plan:
            if key in done:
                continue  # handed out while the source still fetched (`_release_settled`)
            if exact and not self.ov.force and _done_intact(self.ov.store, key, exp):
                continue  # finished before: the end's check keeps it
            shards.append(HarvestTask(str(self.ctx.out), str(self.ctx.recipe_path), n, "extract", keys=chunk,
                                      shard=key, expect=exp, run=self.run))
            blocked.append(sum(1 for u in chunk if busy.get(u, 0) > 0))
            for u in chunk:
                owner[u] = len(shards) - 1
            if blocked[-1] == 0:
                self.unblocked.append((n, len(shards) - 1))
        self.shards[n], self.blocked[n], self.owner[n] = shards, blocked, owner


    def _release_settled(self, n: str, src: Source) -> None:
        """While a source whose keys depend on fetch outcomes (YouTube) still fetches: its shards that lie
        wholly inside `settled_keys` (full shards: the last one may still grow) go now. Shards are cut by
        position, so the first len(prefix) keys of the final key list are the prefix, and a shard inside
        it is the serial plan's shard. Recomputed only when one of the source's fetch tasks came back."""
        settle = getattr(src, "settled_keys", None)
        if settle is None or self.seen.get(n) == self.version[n]:
            return
        self.seen[n] = self.version[n]
        log = self.logs.get(n)
        if log is None:
            return
        prefix = settle(log, self.busy[n])
        size = max(1, self.recipe.build.harvest_items_per_shard)
        if not prefix or len(prefix) < size:
            return
        plan = shard_plan(self.recipe, n, src, log, dict(self.ov.expect, input_sha256=PENDING_INPUT))
        if plan is None or any("input_sha256" not in exp for _, exp, _ in plan):
            return  # not itemised, or unit digests (exact shards: after the source's fetch, as before)
        done = self.released.setdefault(n, set())
        end = 0
        for key, exp, chunk in plan:
            end += len(chunk)
            if end > len(prefix) or len(chunk) < size:
                break
            if key not in done:
                done.add(key)
                self.settled.append(HarvestTask(str(self.ctx.out), str(self.ctx.recipe_path), n, "extract",
                                                keys=chunk, shard=key, expect=exp, run=self.run))


def fetch_phase(recipe: Recipe, ctx: BuildContext, sources: dict[str, Source], executor: Executor | None,
                refresh: bool, progress: Progress | None, overlap: Overlap | None = None) -> dict[str, FetchReport]:
    """Discovery in the driver, then every item fetched on the executor; the driver keeps the fetch logs.
    With `overlap`, extraction tasks join the fetch's stream as their units arrive (see `Overlap`)."""
    b = recipe.build
    run = f"{os.getpid()}-{time.monotonic_ns()}"
    ratelimit.activate(ctx.work / "_ratelimit")  # discovery's requests share the hosts' limits too
    logs: dict[str, FetchLog] = {}
    reports: dict[str, FetchReport] = {}
    groups: dict[Resources, list[HarvestTask]] = {}
    items_dir = ctx.work / "harvest" / "_items"
    for n, src in sources.items():
        log = src.open_log()
        found = src.discover_work(log, refresh)
        res = getattr(src, "fetch_resources", FETCH_RESOURCES)
        if found is None:
            groups.setdefault(res, []).append(HarvestTask(str(ctx.out), str(ctx.recipe_path), n, "fetch_all",
                                                          refresh=refresh, run=run))
            continue
        items, report = found
        logs[n], reports[n] = log, report
        listing = items_dir / f"{n}.json"
        if items or not listing.exists():  # nothing to fetch: the last run's list stays (a no-op writes nothing)
            write_json(listing, {"source": n, "items": [it.key for it in items]})
        cut = getattr(src, "fetch_batches", None)  # a duck-typed source without the hook: plain batches
        for batch in (cut(items, b.harvest_batch) if cut else _batches(items, b.harvest_batch)):
            groups.setdefault(res, []).append(HarvestTask(str(ctx.out), str(ctx.recipe_path), n, "fetch",
                                                          items=tuple(batch), refresh=refresh,
                                                          threads=b.harvest_threads, run=run))
    total = sum(len(t.items) or 1 for ts in groups.values() for t in ts)
    done = 0
    if progress:
        progress("harvest fetch", 0, total)

    def merge(result: dict[str, Any]) -> None:
        nonlocal done
        n = result["source"]
        r = FetchReport(result["report"]["fetched"], result["report"]["skipped"], dict(result["report"]["failed"]))
        TALLY.add("fetch", result, result.get("items", 0))
        if n in logs:
            logs[n].merge(result["entries"])
            reports[n].add(r)
            done += max(1, r.fetched + r.skipped + sum(r.failed.values()))
        else:
            reports[n] = r
            done += 1
        if progress:
            progress("harvest fetch", min(done, total), total)

    stream = _stream_for(executor) if overlap is not None else None
    if stream is not None:
        feed = HarvestFeed(groups, sources, logs, overlap, recipe, ctx, run, getattr(executor, "workers", 1),
                           bool(getattr(executor, "io_apart", False)))
        feed.plan()
        for result in stream(run_harvest_task, feed, EXTRACT_RESOURCES):
            if "shards" in result:  # an extraction beside the fetch
                feed.extracted()
                TALLY.add("extract", result)
                for key, rec, _ in result["shards"]:
                    overlap.records[key] = rec
            else:
                n = result["source"]
                feed.fetched(n, result.get("units", []), result["entries"])
                merge(result)
            feed.plan()
    else:
        for res, tasks in groups.items():
            for result in _map(executor, interleave(tasks), res):
                merge(result)
    for n, log in logs.items():
        sources[n].finish_fetch(log, reports[n])  # also compacts the journal into _fetch.json
    return reports


def _stream_for(executor: Executor | None):
    """The executor's `stream`, which runs fetch and extraction as one stream of tasks routed by
    resource group (a source on an actor pool, e.g. ASR, included: see `HarvestFeed`); None for an
    executor without one (then fetch, then extract)."""
    if executor is None:
        from derm1m_build.executors import stream_in_process

        return lambda fn, feed, res: stream_in_process(fn, feed)
    return getattr(executor, "stream", None)


def content_chunks(keys: list[str], target: int) -> list[list[str]]:
    """Sorted unit keys cut where a key's own hash says so (content-defined chunking, as rsync and
    restic cut files): a chunk ends after a key whose hash is 0 modulo ~`target`, once it holds a
    quarter of `target`, and at 3x `target` at the latest. A boundary depends on the keys alone, not
    on their positions, so removing or adding a unit changes its own chunk (rarely its neighbour), and
    every other chunk keeps exactly its units."""
    target = max(1, target)
    low, high, mod = target // 4, 3 * target, max(1, target - target // 4)
    chunks: list[list[str]] = []
    cur: list[str] = []
    for k in keys:
        cur.append(k)
        h = int.from_bytes(hashlib.sha256(k.encode("utf-8")).digest()[:8], "big")
        if (len(cur) > low and h % mod == 0) or len(cur) >= high:
            chunks.append(cur)
            cur = []
    if cur:
        chunks.append(cur)
    return chunks


def chunk_key(source: str, first: str) -> str:
    """A shard's name from its first unit: stable when other chunks change, in the units' order
    (hex of the first 12 UTF-8 bytes, then a digest of the whole key)."""
    head = first.encode("utf-8")[:12].hex()
    return f"{source}-{head}-{hashlib.sha256(first.encode('utf-8')).hexdigest()[:10]}"


def shard_plan(recipe: Recipe, n: str, src: Source, log: FetchLog, expect: dict
               ) -> list[tuple[str, dict, tuple[str, ...]]] | None:
    """A source's shards: (key, expectation, units) each; None when it is not itemised (`extract_all`).

    A source that digests its units (`Source.unit_digests`) gets content-defined chunks whose record
    names the digests of their own units only: a changed unit reruns its shard and nothing else."""
    keys = src.extract_keys(log)
    if keys is None:
        return None
    units = src.unit_digests(keys, log)
    if units is not None:
        base = {k: v for k, v in expect.items() if k != "input_sha256"}
        return [(chunk_key(n, c[0] if c else ""), dict(base, units=digest_obj(c), inputs=digest_obj([units[k] for k in c])),
                 tuple(c)) for c in content_chunks(keys, src.units_per_shard()) or [[]]]
    return [(f"{n}-{i:05d}", dict(expect, units=digest_obj(c)), tuple(c))
            for i, c in enumerate(_batches(keys, recipe.build.harvest_items_per_shard) or [[]])]


def _early_record(store: StageStore, key: str, rec: dict | None, exp: dict) -> dict | None:
    """An early shard's record completed with the input digest, when it is the shard `exp` describes
    (same units, recipe, unit digests), written where the serial order writes it: the same bytes."""
    if not rec or "sha256" not in rec:
        return None
    if "input_sha256" in exp and rec.get("input_sha256") == PENDING_INPUT:
        rec = dict(rec, input_sha256=exp["input_sha256"])
        if any(rec.get(k) != v for k, v in exp.items()):
            return None
        write_json(store.done(key), rec)
        return rec
    return rec if all(rec.get(k) == v for k, v in exp.items()) else None


def extract_tasks(recipe: Recipe, ctx: BuildContext, sources: dict[str, Source], expect: dict,
                  force: bool, store: StageStore, early: dict[str, dict] | None = None
                  ) -> tuple[list[HarvestTask], dict[str, dict]]:
    """Chunks of fetched units, one shard each; finished shards (same input and recipe) are kept, and
    so are the shards extracted beside the fetch (`early`, see `Overlap`) that are what this plan says."""
    tasks: list[HarvestTask] = []
    done: dict[str, dict] = {}
    early = early or {}
    for n, src in sources.items():
        plan = shard_plan(recipe, n, src, src.open_log(), expect)
        if plan is None:
            tasks.append(HarvestTask(str(ctx.out), str(ctx.recipe_path), n, "extract_all", expect=expect))
            continue
        for key, exp, chunk in plan:
            rec = _early_record(store, key, early.get(key), exp) if key in early else None
            if rec is None and not force:
                rec = _done_intact(store, key, exp)
            if rec:
                done[key] = rec
            else:
                tasks.append(HarvestTask(str(ctx.out), str(ctx.recipe_path), n, "extract", keys=chunk,
                                         shard=key, expect=exp))
    return tasks, done


COSTS_FILE = Path(__file__).with_name("plan_costs.json")
DEFAULT_UNIT_MS = 5.0  # a source the cost file does not list: about a forum thread's extraction


@lru_cache(maxsize=1)
def extract_unit_costs() -> dict[str, float]:
    """CPU milliseconds per extraction unit, by source, as `benchmarks/sources/bench_harvest_scale.py
    --cpu-bound` measured them (kept in plan_costs.json, the planner's cost file)."""
    try:
        got = json.loads(COSTS_FILE.read_text(encoding="utf-8")).get("harvest_extract_cpu_ms_per_unit", {})
        return {k: float(v) for k, v in got.items() if isinstance(v, (int, float)) and v > 0}
    except (OSError, ValueError):
        return {}


def task_cost(task: HarvestTask) -> float:
    """Estimated CPU of an extraction task: its units times its source's measured cost per unit; a
    whole-source task (`extract_all`) first of all."""
    if task.phase == "extract_all":
        return float("inf")
    return max(1, len(task.keys)) * extract_unit_costs().get(task.source, DEFAULT_UNIT_MS)


def longest_first(tasks: list[HarvestTask]) -> list[HarvestTask]:
    """The most expensive tasks go to the workers first and the cheap ones fill in at the end (LPT
    scheduling), so no worker sits idle while another runs a big last shard (a shard of teaching PDFs
    costs ~60x a shard of forum threads). Only the order of work changes: shard keys and contents do
    not, and the runner sorts results by key."""
    return sorted(tasks, key=task_cost, reverse=True)  # stable: equal costs keep their order


def run_extract(recipe: Recipe, ctx: BuildContext, sources: dict[str, Source], executor: Executor | None,
                expect: dict, force: bool, store: StageStore, progress: Progress | None,
                early: dict[str, dict] | None = None) -> tuple[dict[str, dict], int, int]:
    """The shards not yet extracted (`early`: those extracted beside the fetch, counted as run)."""
    early = early or {}
    if force:
        for k in store.existing_keys():  # a forced run recomputes every shard, sized ones included
            if k not in early:
                store.done(k).unlink(missing_ok=True)
    tasks, records = extract_tasks(recipe, ctx, sources, expect, force, store, early)
    tasks = longest_first(tasks)
    run = sum(1 for k in records if k in early and early[k])
    skipped = len(records) - run
    total = len(tasks) + len(records)
    if progress:
        progress("harvest extract", len(records), total)
    for result in _map(executor, tasks, EXTRACT_RESOURCES):
        TALLY.add("extract", result)
        for key, rec, ran in result["shards"]:
            records[key] = rec
            run += ran
            skipped += not ran
        if progress:
            progress("harvest extract", min(total, len(records)), total)
    return records, run, skipped


def clean_before_harvest(ctx: BuildContext) -> None:
    clean_temp_files(ctx.raw)  # what a killed fetch left half-written
    clean_temp_files(ctx.images_dir)


def fetch_notes(reports: dict[str, FetchReport]) -> list[str]:
    notes = []
    for n, rep in reports.items():
        if rep.fetched or rep.failed:
            notes.append(f"{n}: fetched {rep.fetched}, cached {rep.skipped}, failed {sum(rep.failed.values())}"
                         + (f" {dict(sorted(rep.failed.items()))}" if rep.failed else ""))
    return notes


def require_harvest(recipe: Recipe) -> None:
    if not recipe.harvest:
        raise UserError("recipe has no [harvest.<source>] section; add one, e.g. [harvest.local]")


__all__ = ["HarvestTask", "Overlap", "run_harvest_task", "interleave", "fetch_phase", "run_extract", "clean_before_harvest", "fetch_notes",
           "require_harvest"]
