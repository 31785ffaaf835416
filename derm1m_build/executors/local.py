"""The default executor: the current process for one worker, a process pool for several.

Ctrl-C: workers ignore SIGINT (the terminal sends it to the whole process group; only the driver acts
on it), and the driver, interrupted while waiting, terminates its workers at once instead of waiting
for their shards: finished shards are on disk, the next run resumes from them.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, Callable, Iterator

from derm1m_build.stage import Resources


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def preload_modules() -> list[str]:
    """The project modules the driver has imported so far, for the forkserver to import once.

    Workers fork from the forkserver, so each starts with these modules (and the libraries they pull
    in: pyarrow, lxml, PIL, ...) already loaded instead of importing them again: about 1.4 CPU-s per
    worker for a harvest worker on the shared 2-core machine, more than a whole shard of extraction.
    Only imports: no model, thread or open file of the driver reaches a worker. Entry points
    (`__main__`) are left out, since importing one runs it.
    """
    return sorted(m for m in list(sys.modules)
                  if (m == "derm1m_build" or m.startswith("derm1m_build.")) and not m.endswith("__main__"))


class LocalExecutor:
    name = "local"

    def __init__(self, workers: int = 1):
        self.workers = max(1, int(workers))
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[Any], Any], tasks: list[Any], resources: Resources) -> Iterator[Any]:
        if self.workers == 1 or len(tasks) <= 1:
            for t in tasks:
                yield fn(t)
            return
        if self._pool is None:
            # forkserver: workers do not inherit the parent's threads or loaded models.
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(preload_modules())  # only used when the forkserver is not yet running
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_ignore_sigint)
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

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def terminate(self) -> None:
        """Stop every worker now (their unfinished shards are simply not written)."""
        if self._pool is None:
            return
        procs = list((getattr(self._pool, "_processes", None) or {}).values())
        for p in procs:
            p.terminate()
        self._pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            p.join(timeout=3)
            if p.is_alive():
                p.kill()
        self._pool = None
