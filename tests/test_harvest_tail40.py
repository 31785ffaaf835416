"""The harvest's extraction runs beside its fetch on the local pool (`LocalExecutor.stream` with `io`
groups, `HarvestFeed` with `io_apart`), not after it.

Before: fetch tasks (threads asleep on the network and the hosts' rate limits) and extraction tasks
(CPU-bound: PubMed's figure checks and panel split) shared the pool's `workers` processes, and while
fetch tasks remained at most half the workers extracted. At 1/10 scale with 2 workers x 8 threads,
PubMed's extraction fell behind its fetch and ran after it: 80.8 s (pair39) of a 231 s wall after the
last request. Now fetch tasks run on `workers` processes of their own, and a shard goes to a free CPU
worker as soon as its units are fetched; outputs are byte for byte those of the serial order.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from derm1m_build import harvest_work as hw
from derm1m_build.demo.forum import generate_forum
from derm1m_build.executors.local import LocalExecutor
from derm1m_build.pmc.demo import generate_pubmed, package_path
from derm1m_build.stage import Resources
from test_harvest_overlap30 import MapOnly, _files, _harvest, _recipe, _servers

IO, CPU = Resources(cpus=1, memory_mb=64, io=True), Resources(cpus=1, memory_mb=64)


def _meet(task):
    """Each task leaves its mark in a shared folder, then waits until `n` marks are there (or 60 s, a
    guard against a hang, never a measure): it returns True only if all `n` tasks ran at the same time."""
    kind, i, folder, n = task
    Path(folder, f"{kind}-{i}").touch()
    deadline = time.monotonic() + 60
    while len(os.listdir(folder)) < n:
        if time.monotonic() > deadline:
            return kind, i, os.getpid(), False
        time.sleep(0.01)
    return kind, i, os.getpid(), True


class Feed:
    """A RoutedFeed: the CPU tasks first, then the I/O ones (a pool that runs them in one queue would
    start the CPU tasks on every worker and the I/O tasks only after them)."""

    groups = (IO, CPU)

    def __init__(self, folder: Path, workers: int) -> None:
        n = 2 * workers
        self.todo = [("cpu", i, str(folder), n) for i in range(workers)] + [("io", i, str(folder), n) for i in range(workers)]

    def take(self, room=None):
        for i, t in enumerate(self.todo):
            if room is None or self.group_of(t) in room:
                return self.todo.pop(i)
        return None

    def group_of(self, t):
        return IO if t[0] == "io" else CPU

    def wants(self, group) -> bool:
        return any(self.group_of(t) == group for t in self.todo)


def test_io_tasks_run_beside_as_many_cpu_tasks_on_processes_of_their_own(tmp_path):
    ex = LocalExecutor(2)
    try:
        got = sorted(ex.stream(_meet, Feed(tmp_path, 2), CPU))
        assert ex._io_pool is None  # the fetch processes end with their stream
        cpu_pids = {pid for p in ex._pool._processes.values() for pid in [p.pid]}
    finally:
        ex.close()
    # all four at once: two CPU tasks on the CPU pool's two workers and two I/O tasks on two more processes
    assert [(k, i, ok) for k, i, _, ok in got] == [("cpu", 0, True), ("cpu", 1, True), ("io", 0, True), ("io", 1, True)]
    assert {pid for k, _, pid, _ in got if k == "cpu"} == cpu_pids and len(cpu_pids) == 2
    assert len({pid for k, _, pid, _ in got if k == "io"} - cpu_pids) == 2


def test_a_feed_without_io_groups_keeps_one_pool(tmp_path):
    """A plain feed (no `groups`): `workers` processes, one task each plus one queued, as before."""

    class Plain:
        def __init__(self):
            self.todo = list(range(5))

        def take(self):
            return self.todo.pop(0) if self.todo else None

    ex = LocalExecutor(2)
    try:
        got = sorted(r for r in ex.stream(_pid_of, Plain(), CPU))
        assert ex._io_pool is None
    finally:
        ex.close()
    assert [i for i, _ in got] == [0, 1, 2, 3, 4] and len({pid for _, pid in got}) <= 2


def _pid_of(i):
    return i, os.getpid()


def _feed(io_apart: bool) -> hw.HarvestFeed:
    """Three fetch tasks of one source queued and three shards ready to extract (no source is planned:
    `plan` is not called), for `take` alone."""
    fetch = [hw.HarvestTask("o", "r", "s", "fetch", items=(SimpleNamespace(key=f"k{i}"),)) for i in range(3)]
    feed = hw.HarvestFeed({hw.FETCH_RESOURCES: fetch}, {"s": SimpleNamespace()}, {}, SimpleNamespace(force=False), None, None, "run", 2,
                          io_apart)
    feed.ready.extend(hw.HarvestTask("o", "r", "s", "extract", shard=f"s-{i}") for i in range(3))
    return feed


def test_with_fetch_processes_apart_every_cpu_worker_may_extract_while_fetches_wait():
    feed = _feed(True)
    every = {hw.FETCH_RESOURCES, hw.EXTRACT_RESOURCES}
    assert [feed.take(every).phase for _ in range(4)] == ["extract", "extract", "fetch", "fetch"]
    assert feed.take({hw.FETCH_RESOURCES}).phase == "fetch"  # the CPU pool full: the fetches go on
    feed.extracted()
    assert feed.take(every).shard == "s-2"


def test_sharing_the_workers_half_of_them_extract_while_fetches_wait():
    feed = _feed(False)
    every = {hw.FETCH_RESOURCES, hw.EXTRACT_RESOURCES}
    assert [feed.take(every).phase for _ in range(4)] == ["extract", "fetch", "fetch", "fetch"]
    assert feed.take(every).phase == "extract"  # no fetch left to hand out: every worker may extract


def test_fetch_and_extraction_groups_differ_only_in_io():
    assert hw.FETCH_RESOURCES.io and not hw.EXTRACT_RESOURCES.io
    assert dataclasses.replace(hw.FETCH_RESOURCES, io=False) == hw.EXTRACT_RESOURCES


# ------------------------------------------------------------------------------------------ whole harvest

@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, Path]:
    pmc = tmp_path_factory.mktemp("pmc40")
    generate_pubmed(pmc, 7)
    forum = tmp_path_factory.mktemp("forum40")
    generate_forum(forum, 7)
    return pmc, forum


def test_two_workers_extract_beside_a_slow_fetch_to_the_serial_outputs(corpora, tmp_path, monkeypatch):
    """The last article's package is answered only once the first PubMed shard's `_done` record is on
    disk (a fetch slower than any extraction, without a clock): so that shard was extracted while a
    fetch was still out. Every extraction ran on CPU workers that never fetched, and the outputs
    (shards, `_done` records, manifest, fetch logs) are byte for byte the serial order's."""
    ps, fs = _servers(corpora)
    events: list[tuple[str, str, int]] = []
    real_add = hw.CpuTally.add

    def add(self, phase, result, items=0):  # in the driver, once per task result, in the order they came
        what = ",".join(k for k, _, _ in result["shards"]) if phase == "extract" else ",".join(sorted(result["entries"]))
        events.append((phase, what, result["cpu"][0]))
        return real_add(self, phase, result, items)

    def recipe(name: str) -> Path:  # the pubmed client waits up to 60 s for an answer
        r = _recipe(tmp_path / name, ps.url, fs.url)
        r.write_text(r.read_text().replace("timeout = 2.0", "timeout = 60.0"))
        return r

    with ps, fs:
        _harvest(recipe("serial"), tmp_path / "serial/out", MapOnly())
        slow, answer = "/pubmed/" + package_path("PMC9000006"), ps.default
        first = tmp_path / "two/out/work/harvest/_done/part-pubmed-00000.json"
        seen: list[bool] = []

        def late(path, query, body):  # the same answer, once the first shard's record is written
            if path == slow:
                deadline = time.monotonic() + 50  # a guard against a hang, never a measure
                while not first.exists() and time.monotonic() < deadline:
                    time.sleep(0.02)
                seen.append(first.exists())
            return answer(path, query, body)

        ps.default = late
        monkeypatch.setattr(hw.CpuTally, "add", add)
        ex = LocalExecutor(2)
        try:
            _harvest(recipe("two"), tmp_path / "two/out", ex)
        finally:
            ex.close()
    assert seen == [True]
    done = next(i for i, (ph, what, _) in enumerate(events) if ph == "extract" and what == "pubmed-00000")
    last = next(i for i, (ph, what, _) in enumerate(events) if ph == "fetch" and "PMC9000006" in what.split(","))
    assert done < last
    fetch_pids = {pid for ph, _, pid in events if ph == "fetch"}
    extract_pids = {pid for ph, _, pid in events if ph == "extract"}
    assert fetch_pids and extract_pids and not fetch_pids & extract_pids and os.getpid() not in fetch_pids | extract_pids
    assert sorted(w for ph, what, _ in events if ph == "extract" for w in what.split(",")) == (
        [f"forum-0000{i}" for i in range(4)] + [f"pubmed-0000{i}" for i in range(3)])
    got = _files(tmp_path / "two/out")
    assert got == _files(tmp_path / "serial/out")
    m = json.loads(got["_manifest.json"])
    for k in m["shards"]:  # every record names the harvest's input digest (none left `pending`)
        assert json.loads(got[f"_done/part-{k}.json"])["input_sha256"] == m["input_digest"]
