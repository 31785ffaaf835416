"""Harvest extraction beside the fetch (harvest_work.Overlap): a source's shards start as soon as their
own units are fetched, not after every source's fetch.

Before: `run_harvest` fetched every source (`fetch_phase`), then extracted (`run_extract`), so with
extraction CPU-bound (PubMed's figure checks and panel split) and fetching latency-bound, the wall was
span + extraction. Now fetch and extraction tasks share one `Executor.stream`; the outputs (manifest,
shards, `_done` records, fetch logs) are byte for byte those of the serial order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO
from derm1m_build import harvest_work as hw
from derm1m_build.demo.forum import generate_forum
from derm1m_build.demo.server import DemoServer
from derm1m_build.pmc.demo import fault_default, generate_pubmed
from derm1m_build.testing.faultserver import FaultServer
from pmc_support import write_recipe


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, Path]:
    pmc = tmp_path_factory.mktemp("pmc")
    generate_pubmed(pmc, 7)
    forum = tmp_path_factory.mktemp("forum")
    generate_forum(forum, 7)
    return pmc, forum


def _recipe(tmp: Path, pmc_url: str, forum_url: str) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    r = write_recipe(tmp, pmc_url, licences="open", batch_size=2)
    r.write_text(r.read_text().replace("[build]\n", "[build]\nharvest_batch = 2\nharvest_threads = 1\n"
                                       "harvest_items_per_shard = 2\n") + f"""
[harvest.forum]
adapter_dirs = ["{REPO / 'stages' / 'adapters'}"]
rate = 1000.0
backoff = 0.01
[[harvest.forum.sites]]
name = "askderm"
adapter = "askderm"
start_urls = ["{forum_url}/forum/askderm/index.html"]
allow_hosts = ["127.0.0.1"]
""")
    return r


class MapOnly:
    """An executor without `stream`: the serial order (every fetch, then every extraction)."""

    name = "local"
    workers = 1

    def map(self, fn, tasks, resources):
        for t in tasks:
            yield fn(t)

    def close(self) -> None:
        pass


def _harvest(recipe: Path, out: Path, executor=None, monkeypatch=None) -> tuple[object, list[tuple]]:
    from derm1m_build.pipeline import run_harvest
    from derm1m_build.recipe import load_recipe

    order: list[tuple] = []
    real = hw.run_harvest_task

    def recording(task):
        order.append((task.phase, task.source, task.shard or (task.items[0].key if task.items else "")))
        return real(task)

    if monkeypatch is not None:
        monkeypatch.setattr(hw, "run_harvest_task", recording)
    s = run_harvest(load_recipe(recipe), out, executor=executor)
    if monkeypatch is not None:
        monkeypatch.setattr(hw, "run_harvest_task", real)
    return s, order


def test_order(corpora, tmp_path, monkeypatch):
    pmc, forum = corpora
    with FaultServer(default=fault_default(pmc)) as ps, DemoServer(forum, routes=[]) as fs:
        s, order = _harvest(_recipe(tmp_path / "a", ps.url, fs.url), tmp_path / "a/out", None, monkeypatch)
    print(s)
    for o in order:
        print(o)
    assert 0
