"""Ray: the same shard tasks as Ray tasks, placed by Ray with the stage's declared resources."""

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
        if not ray.is_initialized():
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                ray.init(num_cpus=max(1, workers), log_to_driver=False, include_dashboard=False)
            self._started = True

    def map(self, fn: Callable[[Any], Any], tasks: list[Any], resources: Resources) -> Iterator[Any]:
        ray = self._ray
        remote = ray.remote(num_cpus=resources.cpus, num_gpus=resources.gpus, max_retries=2)(fn)
        pending = [remote.remote(t) for t in tasks]
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            for ref in done:
                yield ray.get(ref)

    def close(self) -> None:
        if self._started:
            self._ray.shutdown()
            self._started = False
