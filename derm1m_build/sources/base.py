"""The interface every source shares, and the fetch log that makes fetching resumable.

`fetch` is the only network-facing step: it writes into the raw cache and records each item's outcome
in `raw/<source>/_fetch.json` (ok, failed with a reason, or partial). A rerun fetches only items that
are not ok. `extract` reads raw/ alone and yields candidate rows (dicts with harvest columns) or
`Excluded` rows with a reason, in a deterministic order.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Iterator

from derm1m_build.hashing import digest_obj, sample_id
from derm1m_build.images import ImageStore
from derm1m_build.rawcache import RawCache
from derm1m_build.stage import BuildContext
from derm1m_build.store import read_json, write_json


@dataclass
class Excluded:
    """A candidate dropped at harvest (bad image, no licence allowed, no dermatology term...)."""

    row: dict[str, Any]
    reason: str
    detail: str = ""


@dataclass
class FetchLog:
    """Per-item outcome of fetching; saved atomically after every change so a kill loses nothing."""

    path: Path
    config_digest: str
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    complete: bool = False

    @classmethod
    def open(cls, path: Path, config_digest: str) -> "FetchLog":
        log = cls(path, config_digest)
        if path.exists():
            try:
                d = read_json(path)
                log = cls(path, config_digest, d.get("items", {}),
                          d.get("complete", False) and d.get("config_digest") == config_digest)
            except (OSError, ValueError):
                pass
        log._replay_journal()
        return log

    @property
    def journal_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".journal.jsonl")

    def _replay_journal(self) -> None:
        """Outcomes merged since the last save (a killed harvest): applied in order; a torn line ends it."""
        j = self.journal_path
        if not j.exists():
            return
        self.complete = False
        for line in j.read_bytes().splitlines():
            try:
                k, v = json.loads(line)
            except ValueError:
                break
            if v is None:
                self.items.pop(k, None)
            else:
                self.items[k] = v

    def merge(self, entries: dict[str, dict[str, Any] | None]) -> None:
        """Outcomes a harvest worker returned (None removes a key): one appended, fsync'ed journal line
        each, so the driver records thousands of items without rewriting the log; `save` compacts."""
        if not entries:
            return
        lines = []
        for k, v in entries.items():
            if v is None:
                self.items.pop(k, None)
            else:
                self.items[k] = v
            lines.append(json.dumps([k, v], sort_keys=True, ensure_ascii=False) + "\n")
        self.complete = False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.journal_path, "a", encoding="utf-8") as f:
            f.write("".join(lines))
            f.flush()
            os.fsync(f.fileno())

    def is_ok(self, item_id: str) -> bool:
        return self.items.get(item_id, {}).get("status") == "ok"

    def record(self, item_id: str, status: str, reason: str = "", save: bool = True, **extra: Any) -> None:
        self.items[item_id] = {"status": status, **({"reason": reason} if reason else {}), **extra}
        if save:
            self.save()

    def save(self) -> None:
        write_json(self.path, {"config_digest": self.config_digest, "complete": self.complete,
                               "items": dict(sorted(self.items.items()))})
        self.journal_path.unlink(missing_ok=True)  # compacted into the log just written

    def finish(self) -> None:
        self.complete = True
        self.save()

    def counts(self) -> dict[str, int]:
        c: dict[str, int] = {}
        for v in self.items.values():
            key = v["status"] if v["status"] == "ok" else f"{v['status']}:{v.get('reason', '')}"
            c[key] = c.get(key, 0) + 1
        return dict(sorted(c.items()))


@dataclass
class FetchReport:
    fetched: int = 0
    skipped: int = 0
    failed: dict[str, int] = field(default_factory=dict)

    def fail(self, reason: str) -> None:
        self.failed[reason] = self.failed.get(reason, 0) + 1

    def add(self, other: "FetchReport") -> None:
        self.fetched += other.fetched
        self.skipped += other.skipped
        for k, v in other.failed.items():
            self.failed[k] = self.failed.get(k, 0) + v


# Log-entry fields extraction never reads, left out of `raw_digest`: file times (`sig`) and the settings
# an entry was fetched under (`want`, PubMed's resume check), so adding them changes no build digest.
DIGEST_SKIP = frozenset({"sig", "want"})


def log_entry(status: str, reason: str = "", **extra: Any) -> dict[str, Any]:
    """One fetch-log entry, as `FetchLog.record` writes it (for outcomes a worker returns)."""
    return {"status": status, **({"reason": reason} if reason else {}), **extra}


@dataclass(frozen=True)
class WorkItem:
    """One unit of harvest work (a video, an article, a thread): found by the driver's cheap discovery,
    fetched and extracted by an executor worker. `payload` is what the worker needs (picklable)."""

    source: str
    key: str
    payload: Any = None


class Source:
    """Base class of a source. Subclasses set `name`, `source_type` and implement `fetch` and `extract`."""

    name: str = ""
    source_type: str = ""
    # `module:function` loads every harvest worker needs (a model's arrays): run once in the local
    # executor's forkserver, so workers fork with them loaded (see executors/forkwarm.py)
    worker_warmup: tuple[str, ...] = ()
    # models this source object loaded (e.g. ASR): counted per worker (`harvest_work.WORKER_STATS`), so a
    # test can see that an actor's tasks share one load
    model_loads: int = 0

    def __init__(self, config: Any, ctx: BuildContext, recipe: Any = None):
        self.config = config
        self.ctx = ctx
        self.recipe = recipe
        self.raw = RawCache(ctx.raw, self.name)
        self.images = ImageStore(ctx.images_dir)

    @property
    def allow_private(self) -> bool:
        return bool(self.recipe and self.recipe.build.allow_private_hosts)

    @property
    def config_digest(self) -> str:
        return digest_obj(self.config.model_dump(mode="json"))

    @property
    def fetch_log_path(self) -> Path:
        return self.raw.root / "_fetch.json"

    def open_log(self) -> FetchLog:
        return FetchLog.open(self.fetch_log_path, self.config_digest)

    def begin_fetch(self, refresh: bool) -> tuple[FetchLog, FetchReport, bool]:
        """Open the fetch log and a fresh report for `fetch`; `done` is True when there is nothing to do.

        Every source starts `fetch` the same way: a log marked complete for this very config (see
        `FetchLog.open`) means a rerun has nothing to fetch, so the report counts every logged item as
        skipped and `fetch` returns it at once, unless `refresh` asks to fetch again. Kept here so that
        rule is written once and reads the same in every source.
        """
        report = FetchReport()
        log = self.open_log()
        if log.complete and not refresh:
            report.skipped = len(log.items)
            return log, report, True
        return log, report, False

    def fetch(self, refresh: bool = False) -> FetchReport:  # pragma: no cover - abstract
        raise NotImplementedError

    # Itemised harvest (optional). A source that implements `discover_work` has its items fetched and
    # extracted on the executor (harvest_work.py); the others run `fetch` + `extract` as one work item.
    def discover_work(self, log: FetchLog, refresh: bool) -> tuple[list[WorkItem], FetchReport] | None:
        """Driver side, cheap: the items still to fetch (done ones are counted as skipped). None: not itemised."""
        return None

    def fetch_item(self, item: WorkItem, refresh: bool) -> tuple[dict[str, dict[str, Any] | None], FetchReport]:
        """Worker side: fetch one item into raw/; returns the fetch-log entries to merge (None removes one)."""
        raise NotImplementedError

    def fetch_batches(self, items: list[WorkItem], size: int) -> list[list[WorkItem]]:
        """Driver side: the items cut into executor tasks (`build.harvest_batch` items each). A source whose
        items share requests (PubMed: one efetch per `batch_size` articles) cuts along those batches, so
        requests per item do not depend on the task size."""
        size = max(1, size)
        return [items[i:i + size] for i in range(0, len(items), size)]

    def prepare_batch(self, items: tuple[WorkItem, ...] | list[WorkItem], refresh: bool
                      ) -> tuple[list[WorkItem], dict[str, dict[str, Any] | None], FetchReport]:
        """Worker side, once per task before its items are fetched on threads: work the task's items share
        (one request for several). Returns the items still to fetch (payloads completed), the fetch-log
        entries of items it settled (failed), and their report. Default: nothing shared."""
        return list(items), {}, FetchReport()

    def finish_fetch(self, log: FetchLog, report: FetchReport) -> None:
        """Driver side, after every item came back: mark the log complete (a rerun then skips discovery)."""
        log.finish()

    def extract_keys(self, log: FetchLog) -> list[str] | None:
        """The extraction units (sorted); `extract_units` over them in order equals `extract`. None: not itemised."""
        return None

    # `extract_keys` is final once `discover_work` ran (it does not depend on fetch outcomes): harvest
    # then extracts a shard as soon as its own units are fetched, beside the rest of the fetch
    # (`harvest_work.HarvestFeed`); otherwise a source's shards wait for the end of its own fetch.
    keys_known_at_discovery: bool = False

    def settled_keys(self, log: FetchLog, busy: Collection[str]) -> list[str] | None:
        """For a source whose keys depend on fetch outcomes: a prefix of `extract_keys(log)` that no fetch
        task still out (`busy`: the units of those tasks, `task_units`) can change, neither by adding a
        key inside it nor by removing one. Harvest extracts the shards lying wholly inside it before the
        source's fetch ends (`harvest_work.HarvestFeed`); the end's check still compares each such shard
        with the serial plan and reruns one that differs. None (default): the shards wait for the end."""
        return None

    def task_units(self, items: tuple[WorkItem, ...] | list[WorkItem]) -> list[str]:
        """The extraction units a fetch task of these items may change (its files, its log entries):
        a shard holding one of them waits for the task. Default: the items themselves."""
        return [it.key for it in items]

    def extract_units(self, keys: list[str], log: FetchLog) -> Iterator[dict[str, Any] | Excluded]:
        raise NotImplementedError

    def unit_digests(self, keys: list[str], log: FetchLog) -> dict[str, str] | None:
        """Per extraction unit, a digest of everything extracting that unit reads (its metadata row, its
        fetch-log entry with the content sha256 of its file). With them, harvest cuts units into
        content-defined shards and a shard reruns only when one of its own units changed, so an edited,
        removed or added file reruns its own shard and no other (`harvest_work.content_chunks`). None:
        not available; every shard then depends on the whole source (`raw_digest`)."""
        return None

    def units_per_shard(self) -> int:
        """About how many extraction units go into one harvest shard."""
        return self.recipe.build.harvest_items_per_shard if self.recipe is not None else 64

    def purge_units(self, removed: list[dict[str, Any]], others: list[dict[str, Any]]
                    ) -> tuple[set[str], list[str]]:
        """For a takedown (`purge.py`): the extraction units whose raw copies hold only removed rows,
        and those raw files (paths inside this source's raw cache). `removed` / `others`: this source's
        harvest rows (`sample_id`, `meta`) that the takedown removed / that stay. Default: none (a
        video, an article package or a thread page holds rows that stay)."""
        return set(), []

    @staticmethod
    def row_meta(row: dict[str, Any]) -> dict[str, Any]:
        try:
            m = json.loads(row.get("meta") or "{}")
        except (TypeError, ValueError):
            return {}
        return m if isinstance(m, dict) else {}

    @staticmethod
    def unit_entry(entry: dict[str, Any] | None) -> dict[str, Any]:
        """A fetch-log entry as a unit digest sees it: file times (`sig`) and the takedown purge mark
        (`purged`: the tool removed its own copy, the row it gave is unchanged) are left out, and the
        time of retrieval counts by its date, all that a row keeps of it (two builds of the same
        files on one day get the same digests)."""
        e = {k: v for k, v in (entry or {}).items() if k not in ("sig", "purged")}
        if isinstance(e.get("retrieved"), str):
            e["retrieved"] = e["retrieved"][:10]
        return e

    def fetch_serially(self, refresh: bool) -> FetchReport:
        """`fetch` for an itemised source run in one process: the same discovery, items and log as on the executor."""
        log = self.open_log()
        found = self.discover_work(log, refresh)
        assert found is not None
        items, report = found
        size = self.recipe.build.harvest_batch if self.recipe is not None else 16
        for batch in self.fetch_batches(items, size):
            todo, settled, rep = self.prepare_batch(batch, refresh)
            log.merge(settled)
            report.add(rep)
            for it in todo:
                entries, rep = self.fetch_item(it, refresh)
                log.merge(entries)
                report.add(rep)
        self.finish_fetch(log, report)
        return report

    def extract(self) -> Iterator[dict[str, Any] | Excluded]:
        """Every row of the raw cache: the units of `extract_keys`, in order, through `extract_units`
        (what harvest's workers run shard by shard). A source that is not itemised overrides this."""
        log = self.open_log()
        keys = self.extract_keys(log)
        if keys is None:  # pragma: no cover - abstract
            raise NotImplementedError
        yield from self.extract_units(keys, log)

    def raw_digest(self) -> str:
        """What extract depends on: the fetch log (each item's outcome) and the content sha256 of every
        body in the raw cache (its provenance sidecar's), so a body fetched again with other bytes, or a
        local file edited in place, makes harvest extract again. File times (`sig`) are left out."""
        from derm1m_build.rawcache import PROVENANCE_SUFFIX

        p = self.fetch_log_path
        if not p.exists() and not self.open_log().journal_path.exists():
            return ""
        log = self.open_log()
        keys = self.extract_keys(log)
        units = self.unit_digests(keys, log) if keys is not None else None
        if units is not None:  # exactly what extraction reads, unit by unit
            return digest_obj({"units": units})
        items = log.items
        items = {k: {f: x for f, x in v.items() if f not in DIGEST_SKIP} if isinstance(v, dict) else v
                 for k, v in items.items()}
        bodies = {}
        for side in sorted(self.raw.root.rglob("*" + PROVENANCE_SUFFIX)):
            try:
                bodies[side.relative_to(self.raw.root).as_posix()] = read_json(side).get("sha256")
            except (OSError, ValueError):
                bodies[side.relative_to(self.raw.root).as_posix()] = None
        return digest_obj({"items": items, "bodies": bodies})

    # helpers for subclasses
    def local_url(self, path: Path) -> str:
        """How a local file is recorded (provenance, `source_url`): `file:` + its path relative to the
        recipe's folder (POSIX), never the absolute path, so the dataset does not depend on where the
        checkout or the data folder lives, only on where it sits relative to the recipe."""
        import os

        base = self.recipe.base_dir if self.recipe is not None else Path.cwd()
        rel = os.path.relpath(os.path.abspath(path), base)
        return "file:" + Path(rel).as_posix()

    def sample_id(self, item_id: str, sub: int | str = 0) -> str:
        return sample_id(self.name, item_id, sub)

    def base_row(self, item_id: str, sub: int | str = 0, **cols: Any) -> dict[str, Any]:
        row = {"sample_id": self.sample_id(item_id, sub), "source": self.name, "source_type": self.source_type,
               "lang": "en"}
        row.update(cols)
        if isinstance(row.get("meta"), dict):
            row["meta"] = json.dumps(row["meta"], sort_keys=True, ensure_ascii=False)
        return row
