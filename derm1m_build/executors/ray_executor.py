"""Ray: the same shard tasks, placed by Ray with the stage's declared resources.

CPU stages run as Ray tasks (one per shard). Stages that load a model (`Resources.actor`, or any GPU
request) run on an `ActorPool`: each actor builds the stage once (`setup` loads the model) and then
processes shard after shard. Either way the work is `pipeline.run_shard`, the function the local
executor runs, so both give byte-identical shards.
A stream whose feed routes tasks by resource group (the harvest with ASR) runs each model group on
actors of its own and the rest as plain tasks, from the one feed (`_stream_routed`).
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
        the feed asked for the next whenever one finishes. Plain tasks only, unless the feed routes its
        tasks by resource group (`RoutedFeed`, see `_stream_routed`)."""
        if getattr(feed, "groups", None) is not None:
            yield from self._stream_routed(fn, feed)
            return
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

        worker = _actor_class(ray, fn, self.options(resources))
        n = max(1, min(len(tasks), self._pool_size(resources)))
        actors = [worker.remote() for _ in range(n)]
        pool = ActorPool(actors)
        yield from pool.map_unordered(lambda actor, t: actor.run.remote(t), tasks)
        self.actor_stats = ray.get([a.stats.remote() for a in actors])

    def _stream_routed(self, fn, feed) -> Iterator[Any]:
        """A stream whose tasks name their resource group (`RoutedFeed`): a group that loads a model
        (`actor`, or GPUs) runs on its own actors, each built on first need and running task after
        task (the model stays loaded; Ray queues a call on a busy actor), plain groups as Ray tasks with
        their declared resources. Actors hold their CPUs/GPUs while they live, so a pool leaves at least
        one CPU to the plain tasks (whose room is the CPUs the live actors do not hold, plus one) and is
        released as soon as the feed wants no more of its tasks. Ray places, queues and retries."""
        ray = self._ray
        groups = tuple(feed.groups)
        slots = max(1, int(ray.available_resources().get("CPU", self.workers)))
        remote = {g: ray.remote(max_retries=2, **self.options(g))(fn) for g in groups if not (g.actor or g.gpus > 0)}
        pools = {g: _Actors(ray, _actor_class(ray, fn, self.options(g)), self._actor_cap(g, slots, bool(remote)))
                 for g in groups if g not in remote}
        pending: dict[Any, tuple[Resources, Any]] = {}
        inflight: dict[Resources, int] = {g: 0 for g in groups}
        stats: list[dict[str, Any]] = []

        def room() -> set[Resources]:
            held = sum(len(p.actors) * g.cpus for g, p in pools.items())
            plain_room = max(1, int(slots - held)) + 1
            free = {g for g, p in pools.items() if inflight[g] < p.cap + 1}
            if sum(inflight[g] for g in remote) < plain_room:
                free |= set(remote)
            return free

        try:
            while True:
                while (r := room()) and (t := feed.take(r)) is not None:
                    g = feed.group_of(t)
                    if g in remote:
                        ref, actor = remote[g].remote(t), None
                    else:
                        actor = pools[g].pick()
                        ref = actor.run.remote(t)
                    pending[ref] = (g, actor)
                    inflight[g] += 1
                for g, p in pools.items():
                    if p.actors and inflight[g] == 0 and not feed.wants(g):
                        stats += p.release()
                if not pending:
                    return
                done, _ = ray.wait(list(pending), num_returns=1)
                for ref in done:
                    g, actor = pending.pop(ref)
                    inflight[g] -= 1
                    if actor is not None:
                        pools[g].back(actor)
                    yield ray.get(ref)
        finally:
            for p in pools.values():
                stats += p.release()
            self.actor_stats = stats

    def _actor_cap(self, group: Resources, slots: int, plain: bool) -> int:
        """Actors of a model group: as many as its GPUs (or CPUs) allow, leaving one CPU to plain tasks."""
        n = self._pool_size(group)
        if plain:
            n = min(n, max(1, int((slots - 1) // max(group.cpus, 1e-3))))
        return max(1, n)

    def _pool_size(self, resources: Resources) -> int:
        avail = self._ray.available_resources()
        if resources.gpus > 0:
            return max(1, int(avail.get("GPU", 0) // resources.gpus))
        return max(1, int(avail.get("CPU", self.workers) // max(resources.cpus, 1e-3)))

    def close(self) -> None:
        if self._started:
            self._ray.shutdown()
            self._started = False


def _actor_class(ray, fn: Callable[[Any], Any], options: dict[str, Any]):
    """A Ray actor that runs `fn` task after task in one process: `fn`'s worker caches (a stage, a
    source and the model it loaded) live on between tasks; `stats` says how many it ran and the
    `WORKER_STATS` of `fn`'s module (model loads)."""

    @ray.remote(max_restarts=1, **options)
    class ShardWorker:
        def __init__(self) -> None:
            self.tasks = 0

        def run(self, task):
            self.tasks += 1
            return fn(task)

        def stats(self) -> dict[str, Any]:
            import sys

            mod = sys.modules.get(getattr(fn, "__module__", ""), None)
            return {"pid": os.getpid(), "tasks": self.tasks, **dict(getattr(mod, "WORKER_STATS", {}))}

    return ShardWorker


class _Actors:
    """One group's actors, started when a task needs one: an idle actor first, a new one while under
    `cap`, else the actor with the fewest calls queued (Ray queues them in the actor)."""

    def __init__(self, ray, cls, cap: int) -> None:
        self.ray, self.cls, self.cap = ray, cls, cap
        self.actors: list[Any] = []
        self.calls: list[int] = []

    def pick(self) -> Any:
        if 0 not in self.calls and len(self.actors) < self.cap:
            self.actors.append(self.cls.remote())
            self.calls.append(0)
        i = self.calls.index(min(self.calls))
        self.calls[i] += 1
        return self.actors[i]

    def back(self, actor: Any) -> None:
        for i, a in enumerate(self.actors):
            if a is actor:
                self.calls[i] -= 1
                return

    def release(self) -> list[dict[str, Any]]:
        """Each actor's stats, then the actors go (their CPUs and GPUs return to the cluster)."""
        if not self.actors:
            return []
        try:
            stats = self.ray.get([a.stats.remote() for a in self.actors])
        except Exception:  # noqa: BLE001 - an actor that died has no stats; it goes all the same
            stats = []
        for a in self.actors:
            self.ray.kill(a)
        self.actors, self.calls = [], []
        return stats
