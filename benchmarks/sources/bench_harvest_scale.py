"""Harvest on the executor against a loopback forum with 200 ms per request and per-host rate limits.

    python -m benchmarks.sources.bench_harvest_scale --threads 200 --latency 0.2 --rate 25

Scaled down to fit a shared 2-core machine: one forum of N threads (a list page per 50 threads, one
thread page and one photo per thread; pages on host 127.0.0.1, photos on host localhost), not the
issue's 2,000 videos + 10,000 articles + 2,000 threads. Measures, in one run:
- latency-bound fetching: 1 worker x 1 thread vs 2 workers x 8 threads (wall time of `harvest`);
- CPU-bound extraction: `harvest --offline --force` with 1 vs 2 workers on the fetched raw/;
- the rate limit as the server saw it: most requests per host in any 1 s window, smallest gap;
- kill -9 in the middle of a 2-worker harvest, then the same command again: its harvest manifest
  equals the uninterrupted run's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def jpeg(i: int) -> bytes:
    from derm1m_build.demo import images as gen

    return gen.to_jpeg(gen.skin_photo(i, size=160))


class Forum:
    def __init__(self, n: int, latency: float):
        self.n, self.latency = n, latency
        self.log: list[tuple[float, str, str]] = []
        self.lock = threading.Lock()
        self.photos = [jpeg(i) for i in range(8)]
        self.port = 0

    def page(self, path: str) -> tuple[int, str, bytes]:
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        if path.startswith("/index-"):
            k = int(path[7:-5])
            ts = range(k * 50, min(self.n, (k + 1) * 50))
            lis = "".join(f'<li class="topic"><a class="topic-link" href="/t/{t}.html">t</a></li>' for t in ts)
            nxt = f'<nav class="pager"><a rel="next" href="/index-{k + 1}.html">n</a></nav>' if (k + 1) * 50 < self.n else ""
            return 200, "text/html", f"<html><body><ul class='topics'>{lis}</ul>{nxt}</body></html>".encode()
        if path.startswith("/t/"):
            t = int(path[3:-5])
            img = f"http://localhost:{self.port}/img/{t}.jpg"
            body = (f'<html><body><article class="question"><h1 class="q-title">Itchy red rash on my arm {t}?</h1>'
                    f'<span class="username">user{t}</span><div class="q-body"><p>I have an itchy red scaly rash '
                    f'on my elbow for {t % 9 + 2} weeks, could it be psoriasis?</p><a class="attachment" href="{img}">'
                    f'<img src="{img}"></a></div></article><div class="answer"><span class="username">DrX</span>'
                    f'<span class="badge-doctor">MD</span><div class="a-body"><p>This looks like plaque psoriasis.'
                    f'</p></div></div></body></html>')
            return 200, "text/html", body.encode()
        if path.startswith("/img/"):
            return 200, "image/jpeg", self.photos[int(path[5:-4]) % len(self.photos)]
        return 404, "text/plain", b"no"

    def serve(self) -> ThreadingHTTPServer:
        forum = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):  # noqa: N802
                with forum.lock:
                    forum.log.append((time.time(), self.headers.get("Host", "").split(":")[0], self.path))
                time.sleep(forum.latency)
                code, ctype, body = forum.page(self.path.split("?")[0])
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
        srv.daemon_threads = True
        self.port = srv.server_address[1]
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        return srv


def recipe(d: Path, port: int, rate: float, batch: int, threads: int, n: int) -> Path:
    p = d / "forum.toml"
    p.write_text(f"""
[build]
name = "bench"
allow_private_hosts = true
harvest_batch = {batch}
harvest_threads = {threads}
harvest_items_per_shard = 25
[harvest.forum]
adapter_dirs = ["{REPO / 'stages' / 'adapters'}"]
rate = {rate}
max_threads = {n}
max_list_pages = {n // 50 + 2}
backoff = 0.05
[[harvest.forum.sites]]
name = "bench"
adapter = "askderm"
start_urls = ["http://127.0.0.1:{port}/index-0.html"]
allow_hosts = ["127.0.0.1", "localhost"]
""")
    return p


def run(args: list[str], **kw) -> float:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "derm1m_build", *map(str, args)], check=True, env=env, capture_output=True, **kw)
    return time.perf_counter() - t0


def _tree_cpu() -> float:
    import psutil

    me = psutil.Process()
    total = 0.0
    for q in [me, *me.children(recursive=True)]:
        try:
            c = q.cpu_times()
            total += c.user + c.system
        except psutil.Error:
            pass
    return total


def extract_child(recipe_path: str, out: str, workers: int) -> None:
    """In a fresh process, as the CLI would: `harvest --offline --force` with the local executor; prints
    the extraction phase alone (first to last progress call: every shard written) as JSON, with the CPU
    seconds the driver, the forkserver and the workers spent in it (workers are alive until the end)."""
    t_start = time.perf_counter()
    from derm1m_build.executors import get_executor
    from derm1m_build.pipeline import run_stage
    from derm1m_build.recipe import load_recipe

    marks: dict[str, float] = {}

    def progress(label: str, done: int, total: int) -> None:
        if label != "harvest extract":
            return
        if "t0" not in marks:
            marks["t0"], marks["cpu0"] = time.perf_counter(), _tree_cpu()
        elif done == 1:
            marks["first"], marks["cpu_first"] = time.perf_counter(), _tree_cpu()
        if done >= total:
            marks["t1"], marks["cpu1"] = time.perf_counter(), _tree_cpu()

    ex = get_executor("local", workers)
    s = run_stage("harvest", load_recipe(recipe_path), Path(out), ex, progress=progress, force=True, offline=True)
    ex.close()
    n = s.shards_run
    print(json.dumps({"workers": workers, "rows": s.rows_out, "shards": n, "extract_s": marks["t1"] - marks["t0"],
                      "extract_cpu_s": marks["cpu1"] - marks["cpu0"], "command_s": time.perf_counter() - t_start,
                      # steady state: from the first shard written to the last (workers started, modules loaded)
                      "steady_shards_per_s": (n - 1) / (marks["t1"] - marks["first"]),
                      "steady_cpu_s_per_shard": (marks["cpu1"] - marks["cpu_first"]) / (n - 1)}))


def cpu_bound(a) -> dict:
    """Extraction only (`harvest --offline --force`), 1 and N workers alternating, in one run."""
    forum = Forum(a.threads, 0.0)
    srv = forum.serve()
    res: dict = {"threads": a.threads, "rounds": a.rounds, "load_avg_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        r = recipe(d, forum.port, 1000.0, a.batch, 8, a.threads)
        run(["harvest", "--recipe", r, "--out", d / "out", "--workers", a.workers])
        env = dict(os.environ, PYTHONPATH=str(REPO))
        ws = (1, a.workers)
        keys = ("command_s", "extract_s", "extract_cpu_s", "steady_shards_per_s", "steady_cpu_s_per_shard")
        got: dict[int, dict[str, list[float]]] = {w: {k: [] for k in keys} for w in ws}
        for _ in range(a.rounds):
            for w in ws:  # alternating, so both see the same machine load
                t0 = time.perf_counter()
                p = subprocess.run([sys.executable, "-m", "benchmarks.sources.bench_harvest_scale", "--extract-child",
                                    str(r), str(d / "out"), str(w)], env=env, capture_output=True, text=True,
                                   cwd=REPO)
                if p.returncode:
                    raise SystemExit(p.stderr[-2000:])
                one = json.loads(p.stdout.strip().splitlines()[-1])
                got[w]["command_s"].append(round(time.perf_counter() - t0, 2))
                for k in keys[1:]:
                    got[w][k].append(round(one[k], 3))
                res["rows"] = one["rows"]
        med = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
        for w in ws:
            res[f"{w}w"] = got[w]
            res[f"{w}w_extract_cpu_ms_per_item"] = round(1000 * med(got[w]["extract_cpu_s"]) / a.threads, 2)
        n = a.workers
        res["extract_speedup_median"] = round(med(got[1]["extract_s"]) / med(got[n]["extract_s"]), 2)
        res["extract_speedup_best"] = round(min(got[1]["extract_s"]) / min(got[n]["extract_s"]), 2)
        res["steady_speedup_median"] = round(med(got[n]["steady_shards_per_s"]) / med(got[1]["steady_shards_per_s"]), 2)
        res["command_speedup_median"] = round(med(got[1]["command_s"]) / med(got[n]["command_s"]), 2)
    srv.shutdown()
    res["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    return res


def window_max(times: list[float]) -> int:
    times = sorted(times)
    best, j = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - 1.0:
            j += 1
        best = max(best, i - j + 1)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=200, help="forum threads (each: 1 page + 1 photo)")
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--rate", type=float, default=25.0, help="requests/s per host")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16, help="items per task (build.harvest_batch) in the parallel run")
    ap.add_argument("--cpu-bound", action="store_true",
                    help="only the extraction comparison (1 vs N workers alternating, wall and CPU seconds)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds for --cpu-bound")
    ap.add_argument("--extract-child", nargs=3, metavar=("RECIPE", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.extract_child:
        extract_child(a.extract_child[0], a.extract_child[1], int(a.extract_child[2]))
        return
    if a.cpu_bound:
        print(json.dumps(cpu_bound(a), indent=1))
        return
    forum = Forum(a.threads, a.latency)
    srv = forum.serve()
    res: dict = {"threads": a.threads, "latency_s": a.latency, "rate_per_host": a.rate}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        runs = {"1x1": (1, 1, 1), f"{a.workers}x8": (a.workers, a.batch, 8)}
        for name, (w, batch, th) in runs.items():
            d = tmp / name
            d.mkdir()
            r = recipe(d, forum.port, a.rate, batch, th, a.threads)
            forum.log.clear()
            res[f"fetch_{name}_s"] = round(run(["harvest", "--recipe", r, "--out", d / "out", "--workers", w]), 2)
            per_host: dict[str, list[float]] = {}
            for t, h, _ in forum.log:
                per_host.setdefault(h, []).append(t)
            res[f"requests_{name}"] = {h: len(v) for h, v in sorted(per_host.items())}
            ts = [t for t, _, _ in forum.log]
            res[f"fetch_span_{name}_s"] = round(max(ts) - min(ts), 2)  # first to last request: fetching alone
            res[f"max_per_1s_window_{name}"] = {h: window_max(v) for h, v in sorted(per_host.items())}
            res[f"min_gap_ms_{name}"] = {h: round(1000 * min(b - x for x, b in zip(sorted(v), sorted(v)[1:])), 1)
                                         for h, v in sorted(per_host.items()) if len(v) > 1}
        res["fetch_speedup"] = round(res["fetch_1x1_s"] / res[f"fetch_{a.workers}x8_s"], 2)
        res["fetch_span_speedup"] = round(res["fetch_span_1x1_s"] / res[f"fetch_span_{a.workers}x8_s"], 2)
        # CPU-bound: extraction only, from raw/
        d = tmp / f"{a.workers}x8"
        r = d / "forum.toml"
        for w in (1, a.workers):
            res[f"extract_{w}w_s"] = round(run(["harvest", "--recipe", r, "--out", d / "out", "--offline",
                                                "--force", "--workers", w]), 2)
        res["extract_speedup"] = round(res["extract_1w_s"] / res[f"extract_{a.workers}w_s"], 2)
        ref = json.loads((d / "out/work/harvest/_manifest.json").read_text())
        # kill -9 mid-harvest, then the same command again
        k = tmp / "killed"
        k.mkdir()
        rk = recipe(k, forum.port, a.rate, a.batch, 8, a.threads)
        env = dict(os.environ, PYTHONPATH=str(REPO))
        p = subprocess.Popen([sys.executable, "-m", "derm1m_build", "harvest", "--recipe", str(rk), "--out",
                              str(k / "out"), "--workers", str(a.workers)], env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        journal = k / "out/raw/forum/_fetch.journal.jsonl"
        deadline = time.time() + 300
        while time.time() < deadline and not (journal.exists() and len(journal.read_text().splitlines()) >= a.threads // 2):
            time.sleep(0.02)  # kill once about half of the threads are fetched
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        res["killed_journal_lines"] = len(journal.read_text().splitlines()) if journal.exists() else 0
        forum.log.clear()
        run(["harvest", "--recipe", rk, "--out", k / "out", "--workers", a.workers])
        res["rerun_requests_after_kill"] = len(forum.log)
        again = json.loads((k / "out/work/harvest/_manifest.json").read_text())
        res["kill9_rerun_same_manifest"] = again["shards"] == ref["shards"] and again["rows_out"] == ref["rows_out"]
        if not res["kill9_rerun_same_manifest"]:
            res["kill9_diff"] = {"ref": [ref["rows_out"], ref["sources"], len(ref["shards"])],
                                 "rerun": [again["rows_out"], again["sources"], len(again["shards"])],
                                 "shards": [k for k in ref["shards"] if ref["shards"][k] != again["shards"].get(k)]}
        shutil.rmtree(tmp, ignore_errors=True)
    srv.shutdown()
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
