"""The full-scale harvest benchmark runs one configuration per process and leaves what it measured when
stopped (benchmarks/sources/bench_harvest_mix.py: `--configs`, `Progress`)."""

import json
import urllib.request

import pytest

from benchmarks.sources import bench_harvest_mix as mix


def test_configs_keep_their_order_and_threads():
    assert mix.parse_configs("1x1") == {"1x1": (1, 0, 1)}
    assert mix.parse_configs("2x8, 1x1") == {"2x8": (2, 0, 8), "1x1": (1, 0, 1)}
    assert list(mix.parse_configs("1x1,2x8,4x2")) == ["1x1", "2x8", "4x2"]


@pytest.mark.parametrize("bad,msg", [
    ("2", "--configs: '2' is not WORKERSxTHREADS (e.g. 1x1, 2x8)"),
    ("2x", "--configs: '2x' is not WORKERSxTHREADS (e.g. 1x1, 2x8)"),
    ("0x8", "--configs: '0x8' must be positive and given once"),
    ("1x1,1x1", "--configs: '1x1' must be positive and given once"),
])
def test_a_bad_config_is_a_one_line_error(bad, msg):
    with pytest.raises(SystemExit) as e:
        mix.parse_configs(bad)
    assert str(e.value) == msg


def test_progress_writes_the_running_configurations_server_counts_then_drops_them(tmp_path):
    srv = mix.Counted(lambda h: h, lambda path, body: (200, "text/plain", b"ok"), 0.0)
    res = {"scale": {"videos": 1}}
    out = tmp_path / "r.json"
    prog = mix.Progress(res, out, {"s": srv}, every_s=3600)  # snapshots only when asked
    try:
        prog.begin("1x1", 0.0)
        for path in ("/a", "/b", "/c"):
            urllib.request.urlopen(f"http://127.0.0.1:{srv.port}{path}").read()
        urllib.request.urlopen(f"http://localhost:{srv.port}/d").read()
        prog.snapshot()
        got = json.loads(out.read_text())
        run = got["in_progress"]
        assert got["scale"] == {"videos": 1}
        assert run["config"] == "1x1"
        assert run["requests"] == {"127.0.0.1": 3, "localhost": 1}
        assert "max_per_1s_window" not in run  # no sort while the servers answer (see quick_stats)
        assert run["load_avg_1min_samples"]["n"] == 2
        assert set(run["requests_per_s"]) == {"127.0.0.1", "localhost"}
        prog.end()
        assert json.loads(out.read_text()) == {"scale": {"videos": 1}}
    finally:
        prog.close()
        srv.srv.shutdown()


def test_rates_are_requests_over_the_span():
    assert mix.rates({"span_s": 4.0, "requests": {"a": 10, "b": 2}}) == {"a": 2.5, "b": 0.5}
    assert mix.rates({"span_s": 0.0, "requests": {"a": 1}}) == {"a": 1.0}


def test_the_server_counts_each_request_at_its_accept_too():
    srv = mix.Counted(lambda h: h, lambda path, body: (200, "text/plain", b"ok"), 0.0)
    try:
        for path in ("/a", "/b"):
            urllib.request.urlopen(f"http://127.0.0.1:{srv.port}{path}").read()
        assert len(srv.accepted) == len(srv.log) == 2
        assert all(acc <= t for acc, (t, _, _) in zip(srv.accepted, srv.log))
        st = mix.server_stats({"s": srv}, 0.0)
        assert st["max_per_1s_window_at_accept"] == {"127.0.0.1": 2}
        assert srv._accept_at == {}  # every accepted connection's time was taken by its request
    finally:
        srv.srv.shutdown()


def test_busiest_second_starts_at_its_first_request():
    assert mix.busiest_start([0.0, 2.0, 2.5, 2.9, 4.1]) == 2.0
    assert mix.busiest_start([5.0]) == 5.0
