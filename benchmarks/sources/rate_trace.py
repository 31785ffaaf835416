"""Where a request let go by the limiter gets late: let-go -> stamp -> send -> arrival -> accept -> logged,
per request of one host.

    python -m benchmarks.sources.rate_trace --videos 200 --articles 1000 --threads 200 --json OUT.json

One `harvest --workers 2` (8 threads) of `bench_harvest_mix`'s corpus against its loopback servers (each in
its own process; `--in-process-servers`: in this one, as before 2026-12-06). Every process of the harvest
imports a `sitecustomize` (on PYTHONPATH, benchmark only) that notes, for each request through the product's
HTTP client, the time the limiter let it go (`ratelimit.wait`'s return), the time its caller stamped it as
leaving (`ratelimit.sent`, where the tree has it; else the let-go) and the time `requests` was asked to send
it (`HTTPAdapter.send`); the server notes when the kernel received it (arrival), when it accepted the
connection and when its handler logged the request. For `--host` the busiest second is counted at each
point, so an excess over the limit is placed: at the let-go (the limiter), between let-go and send (the
client process: its GIL, its CPU share), or after the send (the network stack, the server's threads).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.sources import bench_harvest_mix as mix
from benchmarks.sources.bench_harvest_scale import Forum, window_max

HOOK = '''import os, threading, time
_dir = os.environ.get("DERM1M_TRACE_SENDS")
if _dir:
    from urllib.parse import urlsplit as _split
    import requests.adapters as _ad
    from derm1m_build import ratelimit as _rl
    _tl = threading.local()
    _wait, _send, _sent = _rl.wait, _ad.HTTPAdapter.send, getattr(_rl, "sent", None)
    _f = open(os.path.join(_dir, "sends-%d.tsv" % os.getpid()), "a", buffering=1)
    _lock = threading.Lock()

    def row(host, go, stamped, sent, url):
        u = _split(url)
        with _lock:
            _f.write("%s\\t%.6f\\t%.6f\\t%.6f\\t%s\\n" % (host, go, stamped, sent,
                                                     u.path + ("?" + u.query if u.query else "")))

    def wait(host, rate):
        t = _wait(host, rate)
        _tl.go = (host, t)
        return t

    def sent():  # the product stamps once the request is written: after `send` below
        t = _sent()
        p, _tl.pending = getattr(_tl, "pending", None), None
        if p and t is not None:
            row(p[0], p[1], t, p[2], p[3])
        return t

    def send(self, request, *a, **k):
        now = time.time()
        go, _tl.go = getattr(_tl, "go", None), None
        if go and _sent is None:  # a tree without stamps: the let-go is all the limiter knows
            row(go[0], go[1], go[1], now, request.url)
        elif go:
            _tl.pending = (go[0], go[1], now, request.url)
        return _send(self, request, *a, **k)

    _rl.wait, _ad.HTTPAdapter.send = wait, send
    if _sent is not None:
        _rl.sent = sent
'''


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(q * len(xs)))], 3) if xs else 0.0


def busiest_second(rows: list[tuple], i: int, since: float) -> dict:
    """The requests of the busiest 1 s window counted at point `i` (e.g. accepted), each with all six
    times (seconds after the harvest's start), and how those same requests spread at every other point:
    an excess made by the server's accept loop shows as requests that arrived spread out and were accepted
    together; one made by the clients shows as requests already bunched at their stamps and arrivals."""
    if not rows:
        return {}
    start = mix.busiest_start([x[i] for x in rows])
    inside = sorted((x for x in rows if start <= x[i] < start + 1.0), key=lambda x: x[i])
    names = ("let_go", "stamped", "sent", "arrived", "accepted", "logged")
    return {"starts_s": round(start - since, 3), "count": len(inside),
            "spread_s": {n: round(max(x[k] for x in inside) - min(x[k] for x in inside), 3)
                         for k, n in enumerate(names)},
            "columns": list(names),
            "requests": [[round(v - since, 3) for v in x] for x in inside]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--videos", type=int, default=200)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=200)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--rate", type=float, default=25.0)
    ap.add_argument("--host", default=mix.PMC_HOST)
    ap.add_argument("--in-process-servers", action="store_true", help="servers in this process's threads")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    a.video_mb = 1.0
    res: dict = {"scale": {"videos": a.videos, "articles": a.articles, "forum_threads": a.threads}, "host": a.host,
                 "load_avg_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        videos = mix.make_videos(tmp / "corpus", a.videos, a.video_mb)
        mix.make_articles(tmp / "corpus", a.articles)
        forum = Forum(a.threads, 0.0)
        servers = mix.make_servers(videos, tmp / "corpus", forum, a.latency, not a.in_process_servers)
        res["servers"] = "in the benchmark's process" if a.in_process_servers else "one process each"
        ports = {k: s.port for k, s in servers.items()}
        hook, trace = tmp / "hook", tmp / "trace"
        hook.mkdir()
        trace.mkdir()
        (hook / "sitecustomize.py").write_text(HOOK)
        env = dict(mix.env_for(ports), PYTHONPATH=f"{mix.REPO}:{hook}", DERM1M_TRACE_SENDS=str(trace))
        d = tmp / "run"
        d.mkdir()
        r = mix.write_recipe(d, a, ports, sorted(videos["items"]), 16, 8)
        since = time.time()
        res["harvest"] = {k: v for k, v in mix.harvest(r, d / "out", 2, env).items() if k.endswith("_s")}
        res["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
        sends: dict[str, tuple[float, float, float]] = {}
        for f in trace.glob("sends-*.tsv"):
            for line in f.read_text().splitlines():
                host, go, stamped, sent, path = line.split("\t", 4)
                if host == a.host:
                    sends.setdefault(path, (float(go), float(stamped), float(sent)))
        rows = []  # (let go, stamped, sent, arrived, accepted, logged) per request of the host
        for s in servers.values():
            for (t, h, path), acc, arr in zip(list(s.log), list(s.accepted), list(s.arrived)):
                if h == a.host and t >= since and path in sends:
                    rows.append((*sends.pop(path), arr, acc, t))
        for s in servers.values():
            s.srv.shutdown()
    names = ("let_go", "stamped", "sent", "arrived", "accepted", "logged")
    col = {n: i for i, n in enumerate(names)}
    res["requests_matched"] = len(rows)
    res["max_per_1s_window"] = {n: window_max([x[i] for x in rows]) for i, n in enumerate(names)}

    def late(a_: str, b_: str) -> dict:
        xs = [x[col[b_]] - x[col[a_]] for x in rows]
        return {"p50": pct(xs, 0.5), "p99": pct(xs, 0.99), "max": pct(xs, 1.0), "min": pct(xs, 0.0)}

    # `sent` is when `requests` was asked to send (HTTPAdapter.send); the product stamps once the request
    # is written (after `sent`; a tree without stamps: `stamped` = the let-go)
    res["late_s"] = {f"{a_}->{b_}": late(a_, b_) for a_, b_ in
                     (("let_go", "sent"), ("sent", "arrived"), ("arrived", "accepted"), ("accepted", "logged"),
                      ("let_go", "stamped"), ("arrived", "stamped"), ("stamped", "arrived"))}
    res["over_slack_let_go->accepted"] = sum(1 for x in rows if x[col["accepted"]] - x[0] > 0.2)
    res["over_slack_stamped->arrived"] = sum(1 for x in rows if x[col["arrived"]] - x[1] > 0.2)
    res["arrived_after_stamp"] = sum(1 for x in rows if x[col["arrived"]] > x[1])
    # any n + 1 requests' stamps at least 1 s + SLACK_S apart (the limiter's rule), checked on the trace
    st = sorted(x[1] for x in rows)
    n = int(a.rate)
    res["min_span_of_n_plus_1_stamps_s"] = round(min((b - c for c, b in zip(st, st[n:])), default=0.0), 3)
    ar = sorted(x[col["arrived"]] for x in rows)
    res["min_span_of_n_plus_1_arrivals_s"] = round(min((b - c for c, b in zip(ar, ar[n:])), default=0.0), 3)
    # per request, the busiest second at accept and at arrival: which side bunched them
    res["busiest_second_at_accept"] = busiest_second(rows, col["accepted"], since)
    res["busiest_second_at_arrival"] = busiest_second(rows, col["arrived"], since)
    res["busiest_second_logged"] = busiest_second(rows, col["logged"], since)
    text = json.dumps(res, indent=1)
    print(text)
    if a.json:
        a.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
