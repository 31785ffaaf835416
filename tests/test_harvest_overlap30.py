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


def _files(out: Path, work_lists: bool = True) -> dict[str, bytes]:
    """Every file of the harvest stage (manifest, shards, `_done` records; the work lists `_items/`
    unless `work_lists` is False: a resumed run lists only what was left) and the fetch logs."""
    d = out / "work" / "harvest"
    got = {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*"))
           if p.is_file() and (work_lists or not p.relative_to(d).as_posix().startswith("_items/"))}
    got.update({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "raw").glob("*/_fetch.json"))})
    return got


def _servers(corpora):
    pmc, forum = corpora
    return FaultServer(default=fault_default(pmc)), DemoServer(forum, routes=[])


def test_a_pubmed_shard_is_extracted_before_the_forums_last_fetch(corpora, tmp_path, monkeypatch):
    ps, fs = _servers(corpora)
    with ps, fs:
        s, order = _harvest(_recipe(tmp_path, ps.url, fs.url), tmp_path / "out", None, monkeypatch)
    # one worker (in this process): PubMed's efetch batches of 2 are its shards of 2, each extracted as
    # soon as its batch is back, between the forum's fetch tasks; the forum's shards once its fetch ends
    assert order == [("fetch", "forum", "askderm:thread:694ff099d7ab751533bd"), ("fetch", "pubmed", "PMC9000001"),
                     ("extract", "pubmed", "pubmed-00000"),
                     ("fetch", "forum", "askderm:thread:31e9e9bd151f0c001c5a"), ("fetch", "pubmed", "PMC9000003"),
                     ("extract", "pubmed", "pubmed-00001"),
                     ("fetch", "forum", "askderm:thread:34d9a6fc511b9c988d9e"), ("fetch", "pubmed", "PMC9000005"),
                     ("extract", "pubmed", "pubmed-00002"),
                     ("fetch", "forum", "askderm:thread:8624205402cc72688fd6"),
                     ("extract", "forum", "forum-00000"), ("extract", "forum", "forum-00001"),
                     ("extract", "forum", "forum-00002"), ("extract", "forum", "forum-00003")]
    assert (s.shards_run, s.shards_skipped, s.rows_out) == (7, 0, 16)


def test_outputs_are_byte_identical_to_the_serial_order(corpora, tmp_path, monkeypatch):
    from derm1m_build.executors.local import LocalExecutor

    ps, fs = _servers(corpora)
    got, orders = {}, {}
    with ps, fs:
        for name in ("serial", "stream1", "stream2"):
            ex = {"serial": MapOnly(), "stream1": None, "stream2": LocalExecutor(2)}[name]
            try:
                _, orders[name] = _harvest(_recipe(tmp_path / name, ps.url, fs.url), tmp_path / name / "out", ex,
                                           monkeypatch if name != "stream2" else None)
            finally:
                if ex is not None:
                    ex.close()
            got[name] = _files(tmp_path / name / "out")
    last_fetch = max(i for i, o in enumerate(orders["stream1"]) if o[0] == "fetch")
    first_extract = min(i for i, o in enumerate(orders["stream1"]) if o[0] == "extract")
    assert first_extract < last_fetch  # the stream really overlapped
    assert [o[0] for o in orders["serial"]] == ["fetch"] * 7 + ["extract"] * 7  # the serial order
    assert got["stream1"] == got["serial"] and got["stream2"] == got["serial"]
    m = json.loads(got["serial"]["_manifest.json"])
    assert sorted(m["shards"]) == [f"forum-0000{i}" for i in range(4)] + [f"pubmed-0000{i}" for i in range(3)]
    for k in m["shards"]:  # every record names the harvest's input digest (none left `pending`)
        assert json.loads(got["stream2"][f"_done/part-{k}.json"])["input_sha256"] == m["input_digest"]


def test_worker_log_sees_lines_the_driver_appended(tmp_path):
    """A worker extracting beside the fetch reads the log while the driver appends to its journal: the
    parsed log it keeps must follow the journal, not only `_fetch.json` (before: a stale parse)."""
    from derm1m_build.sources.base import FetchLog

    class Src:
        fetch_log_path = tmp_path / "_fetch.json"

        def open_log(self):
            return FetchLog.open(self.fetch_log_path, "c")

    log = Src().open_log()
    log.record("a", "ok")
    assert sorted(hw._log(Src()).items) == ["a"]
    log.merge({"b": {"status": "ok"}})  # the journal grows; _fetch.json is unchanged
    assert sorted(hw._log(Src()).items) == ["a", "b"]


def test_a_rerun_that_changes_no_entry_extracts_nothing(corpora, tmp_path, monkeypatch):
    """An article that fails for good is retried by every rerun; the same failure changes no input, so
    nothing is extracted beside that fetch and the finished shards stay (`dirty` stays False)."""
    from derm1m_build.pmc.demo import package_path
    from derm1m_build.testing.faultserver import Reply

    ps, fs = _servers(corpora)
    with ps, fs:
        ps.on("/pubmed/" + package_path("PMC9000002"), Reply(404, "gone"))
        r = _recipe(tmp_path, ps.url, fs.url)
        _harvest(r, tmp_path / "out")
        before = _files(tmp_path / "out", False)
        s, order = _harvest(r, tmp_path / "out", None, monkeypatch)
    assert order == [("fetch", "pubmed", "PMC9000002")]
    assert json.loads((tmp_path / "out/raw/pubmed/_fetch.json").read_text())["items"]["PMC9000002"]["reason"] == "http_404"
    assert s.up_to_date and _files(tmp_path / "out", False) == before


def test_a_run_killed_after_early_shards_reruns_to_the_serial_outputs(corpora, tmp_path, monkeypatch):
    """Killed after the first shard extracted beside the fetch: that shard's record still says
    `pending` (no input digest yet) and there is no manifest; the rerun redoes it and ends with the
    outputs of an uninterrupted serial run."""
    ps, fs = _servers(corpora)
    with ps, fs:
        _harvest(_recipe(tmp_path / "serial", ps.url, fs.url), tmp_path / "serial/out", MapOnly())
        r = _recipe(tmp_path / "killed", ps.url, fs.url)

        def killed(self):
            raise KeyboardInterrupt

        monkeypatch.setattr(hw.HarvestFeed, "extracted", killed)
        with pytest.raises(KeyboardInterrupt):
            _harvest(r, tmp_path / "killed/out")
        monkeypatch.undo()
        d = tmp_path / "killed/out/work/harvest"
        assert not (d / "_manifest.json").exists()
        assert {p.name: json.loads(p.read_text())["input_sha256"] for p in (d / "_done").glob("*.json")} == {
            "part-pubmed-00000.json": hw.PENDING_INPUT}
        s, _ = _harvest(r, tmp_path / "killed/out")
    assert s.shards_run == 7
    assert _files(tmp_path / "killed/out", False) == _files(tmp_path / "serial/out", False)
