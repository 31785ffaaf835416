"""Harvest of several sources at once (found by benchmarks/sources/bench_harvest_mix.py):
- fetch tasks go to the workers round-robin over sources, so each source's rate-limited hosts are busy at
  the same time (before: all of one source's batches, then the next source's);
- PubMed's pre-filter tagger is a forkserver warm-up load, not a per-worker load on the first article.
"""

from __future__ import annotations

from pathlib import Path

from derm1m_build import harvest_work as hw
from derm1m_build.pipeline import context_for
from derm1m_build.recipe import Recipe
from derm1m_build.registry import make_source
from derm1m_build.sources.base import FetchLog, FetchReport, WorkItem


def _t(source: str, i: int) -> hw.HarvestTask:
    return hw.HarvestTask("o", "r", source, "fetch", items=(WorkItem(source, f"{source}{i}", {}),))


def test_interleave_takes_one_task_of_each_source_in_turn():
    tasks = [_t("youtube", 0), _t("youtube", 1), _t("youtube", 2), _t("pubmed", 0), _t("forum", 0), _t("forum", 1)]
    got = [t.items[0].key for t in hw.interleave(tasks)]
    assert got == ["youtube0", "pubmed0", "forum0", "youtube1", "forum1", "youtube2"]
    assert hw.interleave([]) == []


class _Stub:
    """An itemised source: `n` items, discovered in the driver."""

    def __init__(self, name: str, n: int, root: Path):
        self.name, self.n, self.path = name, n, root / f"{name}.json"

    def open_log(self) -> FetchLog:
        return FetchLog.open(self.path, "stub")

    def discover_work(self, log, refresh):
        return [WorkItem(self.name, f"{self.name}-{i}", {}) for i in range(self.n)], FetchReport()

    def finish_fetch(self, log, report) -> None:
        log.finish()


def test_fetch_phase_hands_out_batches_round_robin(tmp_path, monkeypatch):
    r = Recipe(None, {"build": {"harvest_batch": 2}, "harvest": {}})
    ctx = context_for(r, tmp_path / "out")
    sources = {"youtube": _Stub("youtube", 5, tmp_path), "pubmed": _Stub("pubmed", 2, tmp_path),
               "forum": _Stub("forum", 3, tmp_path)}
    handed: list[tuple[str, ...]] = []

    def fake_map(executor, tasks, resources):
        for t in tasks:
            handed.append(tuple(it.key for it in t.items))
            yield {"source": t.source, "entries": {it.key: {"status": "ok"} for it in t.items},
                   "report": {"fetched": len(t.items), "skipped": 0, "failed": {}}}

    monkeypatch.setattr(hw, "_map", fake_map)
    reports = hw.fetch_phase(r, ctx, sources, None, False, None)
    assert handed == [("youtube-0", "youtube-1"), ("pubmed-0", "pubmed-1"), ("forum-0", "forum-1"),
                      ("youtube-2", "youtube-3"), ("forum-2",), ("youtube-4",)]
    assert {n: rep.fetched for n, rep in reports.items()} == {"youtube": 5, "pubmed": 2, "forum": 3}
    assert sorted(sources["youtube"].open_log().items) == [f"youtube-{i}" for i in range(5)]


def _pubmed(tmp: Path, **cfg):
    r = Recipe(None, {"build": {}, "harvest": {"pubmed": {"query": "x", **cfg}}})
    return make_source("pubmed", r.harvest["pubmed"], context_for(r, tmp), r)


def test_pubmed_prefilter_tagger_is_a_forkserver_warm_load(tmp_path):
    from derm1m_build.executors.forkwarm import run_warm_calls
    from derm1m_build.pmc import relevance

    src = _pubmed(tmp_path)
    assert src.worker_warmup == ("derm1m_build.pmc.relevance:_tagger",)
    assert run_warm_calls(",".join(src.worker_warmup)) == ["derm1m_build.pmc.relevance:_tagger"]
    assert relevance._tagger.cache_info().currsize == 1
    assert _pubmed(tmp_path, prefilter=False).worker_warmup == ()


def test_worker_keeps_each_sources_object_while_tasks_alternate(tmp_path):
    """Interleaved tasks (pubmed, youtube, pubmed, ...) reuse each source's object in a worker: one HTTP
    client, robots.txt asked once per host (before: a new object, and a new robots.txt request, for
    every task whose source differed from the previous task's)."""
    from conftest import write_recipe

    r = write_recipe(tmp_path / "r.toml", """
[build]
allow_private_hosts = true
[harvest.pubmed]
query = "x"
[harvest.youtube]
info_json = ["http://127.0.0.1:9/x.info.json"]
""")
    out = str(tmp_path / "out")

    def t(source: str, run: str = "run1") -> hw.HarvestTask:
        return hw.HarvestTask(out, str(r), source, "fetch", run=run)

    p1, y1 = hw._source(t("pubmed")), hw._source(t("youtube"))
    assert hw._source(t("pubmed")) is p1 and hw._source(t("youtube")) is y1
    assert hw._source(t("pubmed", "run2")) is not p1  # a new run: fresh sources
    assert sorted(k[2] for k in hw._SOURCES) == ["pubmed"]
