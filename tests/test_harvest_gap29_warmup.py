"""Slow model loads run beside the first tasks, not before the first worker exists.

Before: PubMed's pre-filter tagger (~2.6 CPU-s, 7-8 s at load 20) was a forkserver warm-up, so no pool
worker forked, and no request left, until it had loaded (the harvest's quiet ~10 s after the search at
1/10 scale); with one worker the first article's thread loaded it while the task's requests waited.
Now each worker (the driver itself with one worker) loads it on a background thread as its first tasks
start, and the code that needs it waits for that load (`warmup.wait`), so it is loaded once.
"""

from __future__ import annotations

import time
from pathlib import Path

from derm1m_build.executors import warmup
from derm1m_build.executors.local import LocalExecutor
from derm1m_build.stage import Resources

SLOW = "test_harvest_gap29_warmup:slow_load"
LOADED: list[float] = []


def slow_load() -> None:
    """A stand-in for a model load: 2 s."""
    time.sleep(2.0)
    LOADED.append(1.0)


def probe(_: int) -> tuple[list[str], bool, bool, int]:
    """In a worker: what was started in the background, was it done when the task began, after `wait`."""
    started = warmup.started()
    before = bool(LOADED)
    waited = warmup.wait(SLOW)
    return started, before, waited, len(LOADED)


def test_pool_workers_take_tasks_while_the_background_load_runs():
    ex = LocalExecutor(2)
    try:
        ex.prestart(modules=["derm1m_build.harvest_work"], background=[SLOW])
        got = list(ex.map(probe, [0, 1], Resources()))
    finally:
        ex.close()
    # each worker: the load started in it, not done when its first task ran, done once waited for, loaded once
    assert got == [([SLOW], False, True, 1), ([SLOW], False, True, 1)]


def test_one_worker_loads_in_this_process_beside_its_tasks():
    LOADED.clear()
    ex = LocalExecutor(1)
    t0 = time.monotonic()
    ex.prestart(background=[SLOW])
    assert time.monotonic() - t0 < 1.0  # prestart does not wait for the load
    assert list(ex.map(probe, [0], Resources())) == [([SLOW], False, True, 1)]
    ex.prestart(background=[SLOW])  # started once per process
    assert warmup.wait(SLOW) and LOADED == [1.0]


def test_pubmed_prefilter_waits_for_the_background_tagger(tmp_path, monkeypatch):
    """The pre-filter asks `warmup.wait` for the tagger before it tags; switched off, it does not."""
    from derm1m_build.pipeline import context_for
    from derm1m_build.pmc.demo import ARTICLES, article_xml, articleset
    from derm1m_build.pmc.jats import parse_articles
    from derm1m_build.recipe import Recipe
    from derm1m_build.registry import make_source

    def source(**cfg):
        r = Recipe(None, {"build": {}, "harvest": {"pubmed": {"query": "x", **cfg}}})
        return make_source("pubmed", r.harvest["pubmed"], context_for(r, tmp_path), r)

    a = ARTICLES[0]
    art = parse_articles(articleset([article_xml(a, [f"f{i}" for i in range(len(a["figures"]))]).encode()]))[0]
    seen: list[str] = []
    monkeypatch.setattr(warmup, "wait", lambda c: seen.append(c) or False)
    src = source()
    assert src.worker_warmup == () and src.background_warmup == (src.TAGGER_WARMUP,)
    src.wanted(art, art.licence)
    assert seen == ["derm1m_build.pmc.relevance:_tagger"]
    off = source(prefilter=False)
    off.wanted(art, art.licence)
    assert off.background_warmup == () and seen == ["derm1m_build.pmc.relevance:_tagger"]
