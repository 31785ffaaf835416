"""Harvest's CPU by phase and source, also of pool workers (not the harvest process's own children, so
`getrusage(RUSAGE_CHILDREN)` never saw them): each task reports its process's CPU, the driver adds them
up and writes them where `$DERM1M_HARVEST_CPU` says (benchmarks), never into the build."""

from __future__ import annotations

import json

from derm1m_build import harvest_work as hw
from derm1m_build.demo.forum import generate_forum
from derm1m_build.demo.server import DemoServer
from test_harvest_work import _harvest, _recipe


def test_cpu_report_of_one_and_two_worker_harvests(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    generate_forum(corpus, 7)
    got = {}
    with DemoServer(corpus, routes=[]) as srv:
        for w in (1, 2):
            rep = tmp_path / f"cpu{w}.json"
            monkeypatch.setenv(hw.CPU_REPORT_ENV, str(rep))
            out = tmp_path / f"w{w}" / "out"
            _harvest(_recipe(tmp_path / f"w{w}", srv.url), out, w)
            got[w] = json.loads(rep.read_text())
            assert not list(out.rglob("cpu*.json"))  # nothing of it in the build
    for w, g in got.items():
        assert sorted(g) == ["extract_cpu_s", "fetch_cpu_s", "fetched_items", "tasks_in_driver_cpu_s",
                             "tasks_in_workers_cpu_s", "worker_processes"]
        assert g["fetched_items"] == {"forum": 11}
        assert list(g["fetch_cpu_s"]) == ["forum"] and g["fetch_cpu_s"]["forum"] > 0
        assert list(g["extract_cpu_s"]) == ["forum"] and g["extract_cpu_s"]["forum"] > 0
        total = g["fetch_cpu_s"]["forum"] + g["extract_cpu_s"]["forum"]
        assert abs(g["tasks_in_driver_cpu_s"] + g["tasks_in_workers_cpu_s"] - total) < 0.01
    assert got[2]["worker_processes"] >= 1 and got[2]["tasks_in_workers_cpu_s"] > 0
    assert got[2]["tasks_in_driver_cpu_s"] == 0.0
    assert hw.TALLY.as_dict()["fetch_cpu_s"] == {}  # reset after the report was written


def test_no_report_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(hw.CPU_REPORT_ENV, raising=False)
    corpus = tmp_path / "corpus"
    generate_forum(corpus, 7)
    with DemoServer(corpus, routes=[]) as srv:
        _harvest(_recipe(tmp_path / "w", srv.url), tmp_path / "w" / "out", 1)
    assert not list(tmp_path.rglob("*.cpu.json")) and hw.TALLY.as_dict()["extract_cpu_s"] == {}
