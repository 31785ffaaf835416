"""Executors map a function over shard tasks. Local: a process pool. Ray: tasks or actor pools.

Never a scheduler of our own: ordering, retries and placement belong to the engine. The runner only
needs `map(fn, tasks)` returning results in any order, and sorts by shard key itself.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Protocol

from derm1m_build.stage import Resources


class Executor(Protocol):
    name: str

    def map(self, fn: Callable[[Any], Any], tasks: list[Any], resources: Resources) -> Iterator[Any]: ...

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


def run_all(executor: Executor, fn: Callable[[Any], Any], tasks: Iterable[Any], resources: Resources) -> Iterator[Any]:
    return executor.map(fn, list(tasks), resources)
