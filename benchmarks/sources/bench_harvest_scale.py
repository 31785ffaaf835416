"""Harvest on the executor against a loopback forum with 200 ms per request and per-host rate limits.

    python -m benchmarks.sources.bench_harvest_scale --threads 200 --latency 0.2 --rate 25

Scaled down to fit a shared 2-core machine: one forum of N threads (a list page per 50 threads, one
thread page and one photo per thread; pages on host 127.0.0.1, photos on host localhost), not the
issue's 2,000 videos + 10,000 articles + 2,000 threads. Measures, in one run:
- latency-bound fetching: 1 worker x 1 thread vs 2 workers x 8 threads (wall time of `harvest`);
- CPU-bound extraction: `harvest --offline --force` with 1 vs 2 workers on the fetched raw/; with
  `--cpu-bound` alone, on a mix of forum threads, teaching PDFs and real photographs (`mix_corpus`),
  with per-process CPU, the driver's serial time and the tail (`--json FILE` keeps the result; the
  per-unit costs go to derm1m_build/plan_costs.json);
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


REALDATA = REPO.parent / "shared" / "realdata"


def mix_corpus(d: Path, port: int, n_threads: int, n_docs: int, n_photos: int, batch: int) -> Path:
    """The CPU-bound mix: forum threads (loopback server: HTML parse, privacy scrub, language ID, one
    photo each), teaching PDFs (pypdfium2: pages, text layer, embedded images; the demo's atlas and
    slide-deck writers, 4 seeds each, copied to `n_docs` documents) and a local folder of real
    photographs (../shared/realdata/photos: PAD-UFES-20 clinical and ISIC dermoscopy JPEGs, decoded,
    normalised and stored; cycled to `n_photos` rows). Not in the mix: PubMed JATS (needs the E-utilities
    server) and video frames (cut in the fetch phase, not in extraction)."""
    from derm1m_build.demo.edu import atlas_pdf, slides_pdf

    docs = d / "edu"
    docs.mkdir(parents=True, exist_ok=True)
    pdfs = [f(seed) for seed in range(4) for f in (atlas_pdf, slides_pdf)]
    for i in range(n_docs):
        (docs / f"doc-{i:04d}.pdf").write_bytes(pdfs[i % len(pdfs)])
    photos = sorted((REALDATA / "photos").glob("*/*.jpg"))
    loc = d / "local"
    (loc / "images").mkdir(parents=True, exist_ok=True)
    lines = ["item_id,image,text"]
    for i in range(n_photos):
        src = photos[i % len(photos)]
        name = f"images/{i:05d}-{src.name}"
        (loc / name).write_bytes(src.read_bytes())
        lines.append(f"p{i:05d},{name},Clinical photograph ({src.parent.name}) of a skin lesion number {i}")
    (loc / "metadata.csv").write_text("\n".join(lines) + "\n")
    r = recipe(d, port, 1000.0, batch, 8, n_threads)
    r.write_text(r.read_text() + f"""
[harvest.edu]
paths = ["{docs}"]
license = "CC-BY-4.0"
[harvest.local]
path = "{loc}"
license = "CC-BY-4.0"
""")
    return r


def traced_task(task):
    """`run_harvest_task` with the worker's own timeline: pid, start/end, CPU seconds, units."""
    from derm1m_build import harvest_work as hw

    t0, c0 = time.time(), time.process_time()
    r = hw.run_harvest_task(task)
    r["_trace"] = {"pid": os.getpid(), "t0": t0, "t1": time.time(), "cpu": time.process_time() - c0,
                   "source": task.source, "units": len(task.keys)}
    return r


def _proc_cpu() -> dict[int, dict]:
    import psutil

    out = {}
    for q in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            c = q.cpu_times()
            out[q.pid] = {"ppid": q.ppid(), "cpu": c.user + c.system}
        except psutil.Error:
            pass
    return out


def extract_child(recipe_path: str, out: str, workers: int) -> None:
    """In a fresh process, as the CLI would: `harvest --offline --force` with the local executor. Prints
    as JSON: the stage's wall time (pool start included), the extraction window (first to last shard
    progress), the driver's serial time and CPU, every process's CPU seconds (driver, forkserver,
    workers), per-source CPU per unit measured inside the tasks, and the tail (how long the first worker
    to finish sat idle while the last shard ran)."""
    t_start = time.perf_counter()
    from derm1m_build import harvest_work as hw
    from derm1m_build.executors import get_executor
    from derm1m_build.pipeline import run_stage
    from derm1m_build.recipe import load_recipe

    traces: list[dict] = []

    def _map(executor, tasks, resources):  # the executor's own map, with the task traced
        gen = (traced_task(t) for t in tasks) if executor is None else executor.map(traced_task, tasks, resources)
        for r in gen:
            traces.append(r.pop("_trace"))
            yield r

    hw._map = _map
    marks: dict[str, float] = {}

    def progress(label: str, done: int, total: int) -> None:
        if label != "harvest extract":
            return
        now = time.time()
        if "t0" not in marks:
            marks["t0"], marks["dcpu0"] = now, time.process_time()
        elif done == 1:
            marks["first"] = now
        if done >= total:
            marks["t1"] = now

    ex = get_executor("local", workers)
    recipe = load_recipe(recipe_path)
    ts, dc0 = time.time(), time.process_time()
    s = run_stage("harvest", recipe, Path(out), ex, progress=progress, force=True, offline=True)
    te, dc1 = time.time(), time.process_time()
    procs = _proc_cpu()  # workers are alive until close()
    ex.close()
    me = os.getpid()
    workers_cpu = {pid: p["cpu"] for pid, p in procs.items() if pid != me and p["ppid"] != me}
    forkserver_cpu = sum(p["cpu"] for pid, p in procs.items() if p["ppid"] == me)
    by_pid: dict[int, list[dict]] = {}
    for t in traces:
        by_pid.setdefault(t["pid"], []).append(t)
    ends = sorted(max(x["t1"] for x in v) for v in by_pid.values())
    per_source: dict[str, dict[str, float]] = {}
    for t in traces:
        ps = per_source.setdefault(t["source"], {"units": 0, "cpu_s": 0.0, "tasks": 0, "max_task_cpu_s": 0.0})
        ps["units"] += t["units"]
        ps["cpu_s"] += t["cpu"]
        ps["tasks"] += 1
        ps["max_task_cpu_s"] = max(ps["max_task_cpu_s"], t["cpu"])
    for ps in per_source.values():
        ps["cpu_ms_per_unit"] = round(1000 * ps["cpu_s"] / max(1, ps["units"]), 2)
        ps["cpu_s"] = round(ps["cpu_s"], 3)
        ps["max_task_cpu_s"] = round(ps["max_task_cpu_s"], 3)
    n = s.shards_run
    print(json.dumps({
        "workers": workers, "rows": s.rows_out, "shards": n, "command_s": time.perf_counter() - t_start,
        "stage_s": te - ts, "extract_s": marks["t1"] - marks["t0"],
        # driver alone before the first shard can run: sources, digests of raw/, the shard list (the
        # pool starts beside it when there are 2+ workers)
        "driver_serial_s": marks["t0"] - ts, "driver_cpu_s": dc1 - dc0,
        "driver_cpu_in_extract_s": dc1 - marks["dcpu0"],
        "forkserver_cpu_s": forkserver_cpu, "workers_cpu_s": sum(workers_cpu.values()),
        "task_cpu_s": sum(t["cpu"] for t in traces),
        "first_task_start_s": min(t["t0"] for t in traces) - ts,
        "tail_idle_s": ends[-1] - ends[0] if len(ends) > 1 else 0.0,
        "steady_shards_per_s": (n - 1) / (marks["t1"] - marks["first"]),
        "per_source": per_source}))


def ceiling(n: int = 3_000_000) -> float:
    """The machine's own 2-process speedup right now: a pure-Python loop twice in one process vs once
    in each of two processes. On a quiet 2-core machine ~2.0; what other jobs leave shows here."""
    import multiprocessing as mp

    def loop() -> None:
        s = 0
        for i in range(n):
            s += i * i

    t0 = time.perf_counter()
    loop()
    loop()
    one = time.perf_counter() - t0
    ctx = mp.get_context("fork")
    ps = [ctx.Process(target=loop) for _ in range(2)]
    t0 = time.perf_counter()
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    return one / (time.perf_counter() - t0)


def cpu_bound(a) -> dict:
    """Extraction only (`harvest --offline --force`) of the CPU-bound mix, 1 and N workers alternating."""
    forum = Forum(a.threads, 0.0)
    srv = forum.serve()
    res: dict = {"mix": {"forum_threads": a.threads, "edu_documents": a.docs, "local_real_photos": a.photos},
                 "rounds": a.rounds, "load_avg_before": [round(x, 2) for x in os.getloadavg()],
                 "started_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        r = mix_corpus(d, forum.port, a.threads, a.docs, a.photos, a.batch)
        t0 = time.perf_counter()
        run(["harvest", "--recipe", r, "--out", d / "out", "--workers", a.workers])
        res["fetch_s"] = round(time.perf_counter() - t0, 2)
        env = dict(os.environ, PYTHONPATH=str(REPO))
        ws = (1, a.workers)
        got: dict[int, list[dict]] = {w: [] for w in ws}
        res["ceiling"] = []
        for _ in range(a.rounds):
            res["ceiling"].append(round(ceiling(), 2))
            for w in ws:  # alternating, so both see the same machine load
                p = subprocess.run([sys.executable, "-m", "benchmarks.sources.bench_harvest_scale", "--extract-child",
                                    str(r), str(d / "out"), str(w)], env=env, capture_output=True, text=True,
                                   cwd=REPO)
                if p.returncode:
                    raise SystemExit(p.stderr[-2000:])
                one = json.loads(p.stdout.strip().splitlines()[-1])
                one["load_avg"] = round(os.getloadavg()[0], 2)
                got[w].append(one)
    srv.shutdown()
    med = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    n = a.workers
    res["runs"] = {f"{w}w": got[w] for w in ws}
    res["rows"] = got[1][0]["rows"]
    res["shards"] = got[1][0]["shards"]
    for w in ws:
        g = got[w]
        res[f"{w}w_median"] = {k: round(med([x[k] for x in g]), 3) for k in
                               ("stage_s", "extract_s", "driver_serial_s", "driver_cpu_s", "forkserver_cpu_s",
                                "workers_cpu_s", "task_cpu_s", "first_task_start_s", "tail_idle_s",
                                "steady_shards_per_s")}
        res[f"{w}w_median"]["cpu_ms_per_unit"] = {src: med([x["per_source"][src]["cpu_ms_per_unit"] for x in g])
                                                  for src in g[0]["per_source"]}
        # every CPU second the run spent (driver + forkserver + workers), per row of the harvest
        res[f"{w}w_median"]["total_cpu_ms_per_row"] = round(1000 * med(
            [x["driver_cpu_s"] + x["forkserver_cpu_s"] + x["workers_cpu_s"] for x in g]) / res["rows"], 2)
    res["extract_speedup_median"] = round(med([x["extract_s"] for x in got[1]]) / med([x["extract_s"] for x in got[n]]), 2)
    res["stage_speedup_median"] = round(med([x["stage_s"] for x in got[1]]) / med([x["stage_s"] for x in got[n]]), 2)
    res["steady_speedup_median"] = round(med([x["steady_shards_per_s"] for x in got[n]])
                                         / med([x["steady_shards_per_s"] for x in got[1]]), 2)
    res["ceiling_median"] = med(res["ceiling"])
    res["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    if not a.no_costs:
        write_costs(res["1w_median"]["cpu_ms_per_unit"], res["started_utc"], res["load_avg_before"][0])
    return res


def write_costs(ms_per_unit: dict[str, float], when: str, load: float) -> None:
    """The per-unit extraction CPU into the planner's cost file (derm1m_build/plan_costs.json), where
    `harvest_work.longest_first` reads it to hand the workers the most expensive shards first. Measured
    in one process (1 worker), so no pool start is counted; other keys of the file are left alone."""
    from derm1m_build.harvest_work import COSTS_FILE

    costs = json.loads(COSTS_FILE.read_text()) if COSTS_FILE.exists() else {}
    costs["harvest_extract_cpu_ms_per_unit"] = {k: round(v, 1) for k, v in sorted(ms_per_unit.items())}
    costs["harvest_extract_measured"] = (f"benchmarks/sources/bench_harvest_scale.py --cpu-bound, {when} UTC, "
                                         f"load average {load}: CPU ms per unit inside the task (forum thread, "
                                         f"teaching PDF, local photograph)")
    COSTS_FILE.write_text(json.dumps(costs, indent=1, sort_keys=True) + "\n")


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
    ap.add_argument("--docs", type=int, default=96, help="--cpu-bound: teaching PDFs in the mix")
    ap.add_argument("--photos", type=int, default=519, help="--cpu-bound: real photographs (local folder) in the mix")
    ap.add_argument("--no-costs", action="store_true", help="--cpu-bound: leave derm1m_build/plan_costs.json alone")
    ap.add_argument("--json", type=Path, default=None, help="also write the result here (e.g. benchmarks/sources/x.json)")
    ap.add_argument("--extract-child", nargs=3, metavar=("RECIPE", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.extract_child:
        extract_child(a.extract_child[0], a.extract_child[1], int(a.extract_child[2]))
        return
    if a.cpu_bound:
        res = cpu_bound(a)
        print(json.dumps(res, indent=1))
        if a.json:
            a.json.write_text(json.dumps(res, indent=1) + "\n")
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
