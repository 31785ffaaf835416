"""Executors map a function over shard tasks. Local: a process pool. Ray: tasks or actor pools.

Never a scheduler of our own: ordering, retries and placement belong to the engine. The runner only
needs `map(fn, tasks)` returning results in any order, and sorts by shard key itself. `stream(fn, feed)`
is `map` over tasks that become known while it runs (harvest: a source's extraction once its units are
fetched): the engine asks the feed for the next task whenever it has room for one, as many in flight as
it has workers (plus one queued), and the driver's handling of each result may make new tasks ready.
A `RoutedFeed` holds tasks of several resource groups (a source whose model loads once per actor beside
plain tasks): each task runs where its group says (Ray: an actor of the group's pool, or a plain task
with the group's CPUs, GPUs and memory; local: any pool process, which keeps what a task loaded).
"""

from __future__ import annotations

from typing import Any, Callable, Container, Iterable, Iterator, Protocol

from derm1m_build.stage import Resources


class Feed(Protocol):
    """Tasks handed out one at a time: `take` returns the next task, or None when none is ready now.
    With None and nothing in flight, the stream ends (no result can make a task ready any more)."""

    def take(self) -> Any | None: ...


class RoutedFeed(Protocol):
    """A feed whose tasks need different resources. `groups`: every group its tasks may name;
    `take(room)`: the next task whose group is in `room` (None: any group); `group_of(task)`: its group;
    `wants(group)`: whether a task of that group may still come (when not, Ray releases the group's
    actors and the CPUs/GPUs they hold go to the other groups)."""

    groups: tuple[Resources, ...]

    def take(self, room: Container[Resources] | None = None) -> Any | None: ...

    def group_of(self, task: Any) -> Resources: ...

    def wants(self, group: Resources) -> bool: ...


class Executor(Protocol):
    name: str

    def map(self, fn: Callable[[Any], Any], tasks: list[Any], resources: Resources) -> Iterator[Any]: ...

    def stream(self, fn: Callable[[Any], Any], feed: Feed, resources: Resources) -> Iterator[Any]: ...

    def close(self) -> None: ...


def get_executor(name: str, workers: int = 1, address: str | None = None) -> Executor:
    if name == "local":
        from derm1m_build.executors.local import LocalExecutor

        return LocalExecutor(workers)
    if name == "ray":
        from derm1m_build.executors.ray_executor import RayExecutor

        return RayExecutor(address=address, workers=workers)
    from derm1m_build.errors import UserError

    raise UserError(f"unknown executor {name!r}; use local or ray")


def stream_in_process(fn: Callable[[Any], Any], feed: Feed) -> Iterator[Any]:
    """`stream` in the calling process: one task at a time, each taken after the last result was handled."""
    while (t := feed.take()) is not None:
        yield fn(t)


def run_all(executor: Executor, fn: Callable[[Any], Any], tasks: Iterable[Any], resources: Resources) -> Iterator[Any]:
    return executor.map(fn, list(tasks), resources)
