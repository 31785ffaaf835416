"""Ray: the same shard tasks, placed by Ray with the stage's declared resources.

CPU stages run as Ray tasks (one per shard). Stages that load a model (`Resources.actor`, or any GPU
request) run on an `ActorPool`: each actor builds the stage once (`setup` loads the model) and then
processes shard after shard. Either way the work is `pipeline.run_shard`, the function the local
executor runs, so both give byte-identical shards.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterator

from derm1m_build.errors import UserError
from derm1m_build.stage import Resources


class RayExecutor:
    name = "ray"

    def __init__(self, address: str | None = None, workers: int = 2):
        try:
            import ray
        except ImportError:
            raise UserError("the ray executor needs the ray extra: pip install 'derm1m-build[ray]'") from None
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        self._ray = ray
        self._started = False
        self.workers = max(1, workers)
        self.actor_stats: list[dict[str, Any]] = []  # per actor of the last actor pool: tasks run, model loads
        if not ray.is_initialized():
            try:
                if address:
                    ray.init(address=address, log_to_driver=False)
                else:
                    ray.init(num_cpus=self.workers, log_to_driver=False, include_dashboard=False)
            except (ConnectionError, RuntimeError, ValueError) as e:
                raise UserError(f"cannot start or reach Ray ({address or 'local'}): {e}") from None
            self._started = True

    def map(self, fn: Callable[[Any], Any], tasks: list[Any], resources: Resources) -> Iterator[Any]:
        if not tasks:
            return iter(())
        if resources.actor or resources.gpus > 0:
            return self._map_actors(fn, tasks, resources)
        return self._map_tasks(fn, tasks, resources)

    @staticmethod
    def options(resources: Resources) -> dict[str, Any]:
        """Ray options for a stage's declared resources: CPUs, GPUs and memory (so Ray places and admits
        workers by memory too). `gpus = 0` means CPU, explicitly: such workers see no CUDA device,
        whatever the Ray version does by default, so they never pile onto `cuda:0`."""
        opts: dict[str, Any] = {"num_cpus": resources.cpus, "num_gpus": resources.gpus,
                                "memory": int(resources.memory_mb) * 1024 * 1024}
        if resources.gpus <= 0:
            opts["runtime_env"] = {"env_vars": {"CUDA_VISIBLE_DEVICES": ""}}
        return opts

    def _map_tasks(self, fn, tasks, resources) -> Iterator[Any]:
        ray = self._ray
        remote = ray.remote(max_retries=2, **self.options(resources))(fn)
        pending = [remote.remote(t) for t in tasks]
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            for ref in done:
                yield ray.get(ref)

    def stream(self, fn: Callable[[Any], Any], feed: Any, resources: Resources) -> Iterator[Any]:
        """`map` over a `Feed` as Ray tasks: as many in flight as the cluster has room for (plus one),
        the feed asked for the next whenever one finishes. Plain tasks only (an actor pool's stage goes
        through `map`)."""
        if resources.actor or resources.gpus > 0:
            raise ValueError("stream runs plain tasks; a stage on an actor pool goes through map")
        ray = self._ray
        remote = ray.remote(max_retries=2, **self.options(resources))(fn)
        room = self._pool_size(resources) + 1
        pending: list = []
        while True:
            while len(pending) < room:
                t = feed.take()
                if t is None:
                    break
                pending.append(remote.remote(t))
            if not pending:
                return
            done, pending = ray.wait(pending, num_returns=1)
            for ref in done:
                yield ray.get(ref)

    def _map_actors(self, fn, tasks, resources) -> Iterator[Any]:
        ray = self._ray
        from ray.util import ActorPool

        @ray.remote(max_restarts=1, **self.options(resources))
        class ShardWorker:
            """Runs shard after shard in one process: `fn`'s worker caches (the stage, its model) live on."""

            def __init__(self) -> None:
                self.tasks = 0

            def run(self, task):
                self.tasks += 1
                return fn(task)

            def stats(self) -> dict[str, Any]:
                import sys

                mod = sys.modules.get(getattr(fn, "__module__", ""), None)
                return {"pid": os.getpid(), "tasks": self.tasks, **dict(getattr(mod, "WORKER_STATS", {}))}

        n = max(1, min(len(tasks), self._pool_size(resources)))
        actors = [ShardWorker.remote() for _ in range(n)]
        pool = ActorPool(actors)
        yield from pool.map_unordered(lambda actor, t: actor.run.remote(t), tasks)
        self.actor_stats = ray.get([a.stats.remote() for a in actors])

    def _pool_size(self, resources: Resources) -> int:
        avail = self._ray.available_resources()
        if resources.gpus > 0:
            return max(1, int(avail.get("GPU", 0) // resources.gpus))
        return max(1, int(avail.get("CPU", self.workers) // max(resources.cpus, 1e-3)))

    def close(self) -> None:
        if self._started:
            self._ray.shutdown()
            self._started = False
