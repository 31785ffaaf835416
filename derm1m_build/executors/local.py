"""The default executor: the current process for one worker, a process pool for several.

Ctrl-C: workers ignore SIGINT (the terminal sends it to the whole process group; only the driver acts
on it), and the driver, interrupted while waiting, terminates its workers at once instead of waiting
for their shards: finished shards are on disk, the next run resumes from them.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, as_completed, wait
from typing import Any, Callable, Iterable, Iterator

from derm1m_build.stage import Resources


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _ready() -> int:
    return os.getpid()


# Libraries every worker ends up importing (pyarrow imports pandas on its first conversion of Python
# lists), imported once in the forkserver too: ~0.4 CPU-s per worker for pandas alone. A missing one is
# skipped by the forkserver (it ignores ImportError in its preload list).
LIBRARIES = ("numpy", "pyarrow", "pandas", "pyarrow.parquet", "lxml.html")
WARM_MODULE = "derm1m_build.executors.forkwarm"


def preload_modules(modules: Iterable[str] | None = None) -> list[str]:
    """The project modules the driver has imported so far, for the forkserver to import once.

    Workers fork from the forkserver, so each starts with these modules (and the libraries they pull
    in: pyarrow, lxml, PIL, ...) already loaded instead of importing them again: about 1.4 CPU-s per
    worker for a harvest worker on the shared 2-core machine, more than a whole shard of extraction.
    `modules`: the project modules a phase's workers need, when the pool is started before the driver
    has imported the rest (see `prestart`): fewer imports, a forkserver ready sooner.
    Only imports (and the warm-up loads of `forkwarm`): no model, thread or open file of the driver
    reaches a worker. Entry points (`__main__`) are left out, since importing one runs it.
    """
    if modules is None:
        modules = (m for m in list(sys.modules)
                   if (m == "derm1m_build" or m.startswith("derm1m_build.")) and not m.endswith("__main__"))
    mods = sorted(m for m in modules if m != WARM_MODULE)
    return [*LIBRARIES, *mods, WARM_MODULE]  # the warm-up calls last, with every module loaded


class LocalExecutor:
    name = "local"
    # `stream` runs tasks whose group says `io` (fetches waiting on the network) on `workers` processes of
    # their own, beside the `workers` processes of CPU-bound tasks (see `stream`)
    io_apart = True

    def __init__(self, workers: int = 1):
        self.workers = max(1, int(workers))
        self._pool: ProcessPoolExecutor | None = None
        self._io_pool: ProcessPoolExecutor | None = None
        self._starter: threading.Thread | None = None
        self._start_error: BaseException | None = None

    def _new_pool(self, modules: Iterable[str] | None = None) -> ProcessPoolExecutor:
        # forkserver: workers do not inherit the parent's threads or loaded models.
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(preload_modules(modules))  # only used when the forkserver is not yet running
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_ignore_sigint)

    def prestart(self, warm: Iterable[str] = (), modules: Iterable[str] | None = None, io: bool = False) -> None:
        """Start the forkserver and every worker now, on a background thread, while the driver goes on
        with its own serial part (discovery, digests, the list of shards). Starting them is serial work
        (the forkserver imports the harvest modules, pyarrow, pandas, lxml and loads the language model
        once: 1.0-1.5 CPU-s on the shared 2-core build box) that otherwise sits at the front of the first
        parallel phase with one core idle. `warm`: `module:function` loads the forkserver runs after its imports (`forkwarm`), so
        each worker starts with them; `modules`: what the forkserver imports (default: the driver's
        project modules, see `preload_modules`); `io`: the processes of `stream`'s I/O-bound tasks too,
        forked from the same forkserver. No-op with one worker or a pool already up."""
        if self.workers == 1 or self._pool is not None or self._starter is not None:
            return
        warm = sorted(set(warm))
        modules = None if modules is None else list(modules)
        if warm:
            from derm1m_build.executors.forkwarm import ENV

            os.environ[ENV] = ",".join(warm)  # read once, by the forkserver this thread starts

        def start() -> None:
            try:
                pool = self._new_pool(modules)
                pools = [pool, self._new_pool(modules)] if io else [pool]
                # one call per worker, submitted before any can finish: each submit spawns a worker
                wait([p.submit(_ready) for p in pools for _ in range(self.workers)])
                self._pool = pool
                if io:
                    self._io_pool = pools[1]
            except BaseException as e:  # noqa: BLE001 - reported by the next map()
                self._start_error = e

        self._starter = threading.Thread(target=start, name="derm1m-pool-start", daemon=True)
        self._starter.start()

    def _join_starter(self) -> None:
        if self._starter is not None:
            self._starter.join()
            self._starter = None
            if self._start_error is not None:
                e, self._start_error = self._start_error, None
                raise e

    def map(self, fn: Callable[[Any], Any], tasks: list[Any], resources: Resources) -> Iterator[Any]:
        if self.workers == 1 or len(tasks) <= 1:
            for t in tasks:
                yield fn(t)
            return
        self._join_starter()
        if self._pool is None:
            self._pool = self._new_pool()
        futures = [self._pool.submit(fn, t) for t in tasks]
        try:
            for f in as_completed(futures):
                yield f.result()
        except BaseException as e:
            for f in futures:
                f.cancel()
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                self.terminate()
            raise

    def stream(self, fn: Callable[[Any], Any], feed: Any, resources: Resources) -> Iterator[Any]:
        """`map` over a `Feed` (see executors/__init__.py): the pool holds one task per worker plus one
        queued, and asks the feed for another each time one finishes (after its result was handled), so
        a task that becomes ready mid-run waits for one free worker, not for every task submitted before
        it. One worker: in this process, one task at a time.

        A `RoutedFeed` whose groups include `io` ones (harvest fetches): those tasks run on a second pool
        of `workers` processes, each pool holding one task per worker plus one queued. A fetch task spends
        most of its time asleep on the network; sharing the pool, it held a worker that a CPU-bound task
        (a shard's extraction) could have used, so extraction fell behind the fetch and ran after it (the
        harvest's tail). Apart, both kinds go as soon as they are ready: the CPU pool stays at `workers`
        processes, and the fetch processes add mostly waiting."""
        if self.workers == 1:
            from derm1m_build.executors import stream_in_process

            yield from stream_in_process(fn, feed)
            return
        self._join_starter()
        if self._pool is None:
            self._pool = self._new_pool()
        groups = tuple(getattr(feed, "groups", ()))
        routed = any(getattr(g, "io", False) for g in groups)
        if routed and self._io_pool is None:
            self._io_pool = self._new_pool()
        pending: dict = {}  # future -> whether it runs on the I/O pool
        busy = {False: 0, True: 0}
        try:
            while True:
                while True:
                    if routed:
                        room = {g for g in groups if busy[bool(g.io)] <= self.workers}
                        t = feed.take(room) if room else None
                    else:
                        t = feed.take() if busy[False] <= self.workers else None
                    if t is None:
                        break
                    io = routed and bool(getattr(feed.group_of(t), "io", False))
                    pending[(self._io_pool if io else self._pool).submit(fn, t)] = io
                    busy[io] += 1
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    busy[pending.pop(f)] -= 1
                    yield f.result()
        except BaseException as e:
            for f in pending:
                f.cancel()
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                self.terminate()
            raise
        finally:
            self._close_io_pool()

    def _close_io_pool(self) -> None:
        """The fetch processes go when their stream ends: later phases (extraction after the fetch,
        other stages) need CPU slots only."""
        if self._io_pool is not None:
            self._io_pool.shutdown(wait=False, cancel_futures=True)
            self._io_pool = None

    def close(self) -> None:
        try:
            self._join_starter()
        except BaseException:  # noqa: BLE001 - a pool that never started has nothing to close
            pass
        self._close_io_pool()
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def terminate(self) -> None:
        """Stop every worker now (their unfinished shards are simply not written)."""
        if self._starter is not None:
            self._starter.join(timeout=10)
            self._starter = None
        pools = [p for p in (self._pool, self._io_pool) if p is not None]
        procs = [pr for pool in pools for pr in (getattr(pool, "_processes", None) or {}).values()]
        for p in procs:
            p.terminate()
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            p.join(timeout=3)
            if p.is_alive():
                p.kill()
        self._pool = self._io_pool = None
