"""Harvest on the executor: the same shards and fetch log for any worker count, one rate limit per host
across processes, a fetch-log journal that survives a kill, and finished items never fetched again."""

from __future__ import annotations

import json
import multiprocessing as mp
from pathlib import Path

import pyarrow.parquet as pq

from conftest import REPO, write_recipe
from derm1m_build import ratelimit
from derm1m_build.demo.forum import generate_forum
from derm1m_build.demo.server import DemoServer
from derm1m_build.sources.base import FetchLog


def _recipe(tmp: Path, url: str, per_shard: int = 3) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    return write_recipe(tmp / "forum.toml", f"""
[build]
name = "forum"
allow_private_hosts = true
harvest_batch = 2
harvest_threads = 3
harvest_items_per_shard = {per_shard}
[harvest.forum]
adapter_dirs = ["{REPO / 'stages' / 'adapters'}"]
rate = 200.0
backoff = 0.01
[[harvest.forum.sites]]
name = "askderm"
adapter = "askderm"
start_urls = ["{url}/forum/askderm/index.html"]
allow_hosts = ["127.0.0.1"]
[[harvest.forum.sites]]
name = "skinqa"
adapter = "skinqa"
start_urls = ["{url}/forum/skinqa/index.html"]
allow_hosts = ["127.0.0.1"]
""")


def _harvest(recipe: Path, out: Path, workers: int):
    from derm1m_build.executors import get_executor
    from derm1m_build.pipeline import run_harvest
    from derm1m_build.recipe import load_recipe

    ex = get_executor("local", workers)
    try:
        return run_harvest(load_recipe(recipe), out, executor=ex)
    finally:
        ex.close()


def test_harvest_on_two_workers_equals_one(tmp_path):
    corpus = tmp_path / "corpus"
    generate_forum(corpus, 7)
    outs = {}
    with DemoServer(corpus, routes=[]) as srv:
        for w in (1, 2):
            out = tmp_path / f"w{w}" / "out"
            s = _harvest(_recipe(tmp_path / f"w{w}", srv.url), out, w)
            assert s.shards_run == 4 and s.rows_out > 0
            outs[w] = out
    m1, m2 = (json.loads((outs[w] / "work/harvest/_manifest.json").read_text()) for w in (1, 2))
    assert m1["shards"] == m2["shards"] and sorted(m1["shards"]) == ["forum-00000", "forum-00001", "forum-00002",
                                                                     "forum-00003"]
    logs = [json.loads((outs[w] / "raw/forum/_fetch.json").read_text()) for w in (1, 2)]
    assert logs[0] == logs[1] and logs[0]["complete"] is True
    assert not (outs[2] / "raw/forum/_fetch.journal.jsonl").exists()  # compacted when fetching ended
    items = json.loads((outs[2] / "work/harvest/_items/forum.json").read_text())["items"]
    assert len(items) == 11 and all(":thread:" in k for k in items)
    # one thread per shard chunk of 3, in the order the serial extract yields them
    rows = [r["sample_id"] for k in sorted(m2["shards"])
            for r in pq.read_table(outs[2] / f"work/harvest/part-{k}.parquet").to_pylist()]
    assert len(rows) == m2["rows_out"]


def _take(root: str, host: str, rate: float, n: int, q) -> None:
    ratelimit.activate(root)
    for _ in range(n):
        q.put(ratelimit.wait(host, rate))


def test_rate_limit_is_shared_across_processes(tmp_path):
    q = mp.get_context("spawn").Queue()
    procs = [mp.get_context("spawn").Process(target=_take, args=(str(tmp_path), "h.example", 40.0, 8, q))
             for _ in range(3)]
    for p in procs:
        p.start()
    times = sorted(q.get(timeout=60) for _ in range(24))
    for p in procs:
        p.join(30)
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) == 24
    # 3 processes, one host: slots 1/rate apart, let go at least 1/(2 rate) apart (a caller woken late
    # does not push the next slots back: test_harvest_scale28_ratelimit.py)
    assert min(gaps) >= 1 / 80 - 1e-6
    assert times[-1] - times[0] >= 23 / 40 - 0.02
    assert (tmp_path / "h.example.slot").exists()


def test_fetch_log_journal_survives_a_kill(tmp_path):
    p = tmp_path / "_fetch.json"
    log = FetchLog.open(p, "c")
    log.record("a", "ok")
    log.merge({"b": {"status": "ok"}, "c": {"status": "failed", "reason": "http_404"}})
    log.merge({"a": None})
    with open(log.journal_path, "a") as f:
        f.write('["d", {"status": "o')  # a line torn by the kill
    again = FetchLog.open(p, "c")
    assert again.items == {"b": {"status": "ok"}, "c": {"status": "failed", "reason": "http_404"}}
    assert again.complete is False
    again.finish()
    assert not again.journal_path.exists()
    assert FetchLog.open(p, "c").items == again.items and FetchLog.open(p, "c").complete


def test_rerun_fetches_nothing_and_keeps_shards(tmp_path):
    corpus = tmp_path / "corpus"
    generate_forum(corpus, 7)
    with DemoServer(corpus, routes=[]) as srv:
        r = _recipe(tmp_path, srv.url)
        _harvest(r, tmp_path / "out", 2)
        before = (tmp_path / "out/work/harvest/_manifest.json").read_bytes()
        s = _harvest(r, tmp_path / "out", 2)
    assert s.up_to_date and not s.notes
    assert (tmp_path / "out/work/harvest/_manifest.json").read_bytes() == before


def test_harvest_on_ray_equals_local(tmp_path):
    import pytest

    pytest.importorskip("ray")
    from derm1m_build.executors.ray_executor import RayExecutor
    from derm1m_build.pipeline import run_harvest
    from derm1m_build.recipe import load_recipe

    corpus = tmp_path / "corpus"
    generate_forum(corpus, 7)
    with DemoServer(corpus, routes=[]) as srv:
        local = _harvest(_recipe(tmp_path / "l", srv.url), tmp_path / "l/out", 1)
        ex = RayExecutor(workers=2)
        try:
            remote = run_harvest(load_recipe(_recipe(tmp_path / "r", srv.url)), tmp_path / "r/out", executor=ex)
        finally:
            ex.close()
    assert remote.rows_out == local.rows_out
    m = [json.loads((tmp_path / f"{d}/out/work/harvest/_manifest.json").read_text()) for d in ("l", "r")]
    assert m[0]["shards"] == m[1]["shards"]


def _modules_in_worker(_):
    import sys

    return sorted(m for m in sys.modules if m.startswith("derm1m_build."))


def test_pool_workers_start_with_the_drivers_project_modules():
    """Workers fork from a forkserver that imported the driver's project modules once, so a worker's
    first task does not import them again (entry points, which run when imported, are left out)."""
    import subprocess
    import sys

    code = """
import derm1m_build.sources.forum, derm1m_build.harvest_work
from derm1m_build.executors.local import LocalExecutor, preload_modules
from derm1m_build.stage import Resources
from test_harvest_work import _modules_in_worker
pre = preload_modules()
assert 'derm1m_build.sources.forum' in pre and not [m for m in pre if m.endswith('__main__')], pre
ex = LocalExecutor(2)
seen = list(ex.map(_modules_in_worker, [0, 1], Resources()))
ex.close()
assert all('derm1m_build.sources.forum' in s and 'derm1m_build.harvest_work' in s for s in seen), seen
print('ok')
"""
    from pathlib import Path

    here = Path(__file__).parent
    env = {**__import__("os").environ, "PYTHONPATH": f"{here.parent}:{here}"}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=here.parent)
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stderr[-2000:]


def test_language_id_equals_stock_langid():
    """The BLAS-free scorer gives langid's own answers (language and probability)."""
    from langid.langid import LanguageIdentifier

    from derm1m_build.sources.langdetect import identifier

    ours = identifier()
    stock = LanguageIdentifier(ours.nb_ptc, ours.nb_pc, ours.nb_numfeats, ours.nb_classes, ours.tk_nextmove,
                               ours.tk_output, norm_probs=True)
    texts = ["I have an itchy red scaly rash on my elbow for 4 weeks, could it be psoriasis?",
             "Tengo una erupción roja en el brazo desde hace dos semanas y me pica mucho",
             "J'ai une éruption cutanée qui gratte beaucoup depuis trois semaines",
             "Ich habe seit zwei Wochen einen juckenden Ausschlag am Arm", "皮肤上有红色的皮疹，很痒",
             "plaque psoriasis " * 300, "ok"]
    for t in texts:
        a, b = stock.classify(t), ours.classify(t)
        assert a[0] == b[0] and abs(float(a[1]) - float(b[1])) < 1e-9, (t[:30], a, b)


def _worker_state(_):
    import os
    import sys

    from derm1m_build.sources import langdetect

    return os.getpid(), langdetect.identifier.cache_info().currsize, "pandas" in sys.modules, \
        "derm1m_build.sources.forum" in sys.modules


def test_prestarted_pool_forks_workers_with_the_warm_loads():
    """`prestart` starts the forkserver and every worker in the background; the forkserver imports the
    named modules (and pandas, which pyarrow imports on its first list conversion) and runs the warm-up
    calls, so the workers start with the language model loaded instead of loading it on a first task."""
    import subprocess
    import sys

    code = """
import time
from derm1m_build.executors.local import LocalExecutor
from derm1m_build.stage import Resources
from test_harvest_work import _worker_state
ex = LocalExecutor(2)
ex.prestart(warm=['derm1m_build.sources.langdetect:identifier'], modules=['derm1m_build.sources.forum'])
ex._starter.join()  # both workers up before any task was submitted
assert len(ex._pool._processes) == 2, ex._pool._processes
seen = list(ex.map(_worker_state, list(range(6)), Resources()))
ex.close()
assert all(s[1:] == (1, True, True) for s in seen), seen
assert ex._pool is None
print('ok')
"""
    here = Path(__file__).parent
    env = {**__import__("os").environ, "PYTHONPATH": f"{here.parent}:{here}"}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=here.parent)
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stderr[-2000:]


def test_failed_warm_call_is_skipped():
    from derm1m_build.executors.forkwarm import run_warm_calls

    assert run_warm_calls("derm1m_build.no_such_module:f, derm1m_build.hashing:sha256_bytes,") == []
    assert run_warm_calls("derm1m_build.sources.langdetect:identifier") == ["derm1m_build.sources.langdetect:identifier"]


def test_extract_tasks_go_most_expensive_first(monkeypatch):
    """Longest-first: a shard of teaching PDFs (measured ~150 ms a document) before shards of forum
    threads (~3 ms a thread), a whole-source task before all; equal costs keep their order."""
    from derm1m_build import harvest_work as hw

    monkeypatch.setattr(hw, "extract_unit_costs", lambda: {"forum": 3.0, "edu": 150.0})

    def t(source: str, n: int, phase: str = "extract", shard: str = "") -> hw.HarvestTask:
        return hw.HarvestTask("o", "r", source, phase, keys=tuple(f"k{i}" for i in range(n)), shard=shard)

    tasks = [t("forum", 25, shard="f1"), t("edu", 3, shard="e1"), t("forum", 25, shard="f2"),
             t("pubmed", 10, shard="p1"), t("local", 0, "extract_all"), t("edu", 1, shard="e2")]
    order = [x.shard or x.phase for x in hw.longest_first(tasks)]
    # edu 3 x 150 = 450, edu 150, forum 25 x 3 = 75 twice, pubmed 10 x default 5 = 50
    assert order == ["extract_all", "e1", "e2", "f1", "f2", "p1"]


def test_extract_unit_costs_come_from_the_cost_file():
    from derm1m_build import harvest_work as hw

    costs = json.loads(hw.COSTS_FILE.read_text())["harvest_extract_cpu_ms_per_unit"]
    assert hw.extract_unit_costs() == {k: float(v) for k, v in costs.items()}
    assert {"forum", "edu", "local"} <= set(costs)
