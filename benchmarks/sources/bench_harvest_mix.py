"""Harvest of ALL itemised sources at once against loopback servers with latency and per-host rate limits.

    python -m benchmarks.sources.bench_harvest_mix --videos 100 --articles 500 --threads 100 \
        --latency 0.2 --rate 25 --json benchmarks/sources/harvest_mix_run1.json

The issue's target run is 2,000 videos + 10,000 articles + 2,000 forum threads (`--videos 2000 --articles
10000 --threads 2000`); the defaults are 1/20 of it. What is generated (the demo's own generators):
- videos: the demo's three lectures (`demo/youtube.py`: ~20 s, 320x240 H.264, captions), each padded to
  `--video-mb` with a trailing MP4 `free` box (players and PyAV skip it), served as N videos with their
  own ids, info.json, media and caption URLs. The real yt-dlp client loads each info.json, downloads the
  media and the caption track, and the source cuts shots and frames during fetch (CPU in fetch);
- articles: the demo's six PMC articles (`pmc/demo.py`: compound figures, no licence, a non-dermatology
  article, ...) copied to M PMCIDs, served by the demo's E-utilities + OA endpoints and OA packages; the
  real client (Biopython Entrez's parser over our HTTP client) searches in the driver; each task (one
  efetch batch) fetches its batch's JATS, then per article its OA record and package; figures are split
  in extraction;
- forum threads: the loopback forum of `bench_harvest_scale.py` (a list page per 50 threads, one thread
  page on 127.0.0.1 and one photo on localhost per thread).
Each source has its own server (its own port), so the server counts every request per host: videos on
the logical host `videos.mix.invalid` and articles on `pmc.mix.invalid` (mapped to their 127.0.0.1 port by
DERM1M_HOST_MAP, the product's host map; yt-dlp's own connections arrive at the same port), forum pages on
`127.0.0.1`, forum photos on `localhost`. Every request is answered after `--latency` seconds.

Measured in one run (one process; the 1- and 2-worker runs alternate, `--rounds` times):
- latency-bound: `harvest` 1 worker x 1 thread vs 2 workers x 8 threads: wall, first-to-last request at the
  servers, requests per host (must be equal), most requests per host in any 1 s window (<= the limit);
- CPU-bound: `harvest --offline --force` (extraction only, from raw/) with 1 vs 2 workers, wall and CPU
  (the harvest process from getrusage, its pool workers' tasks from `$DERM1M_HARVEST_CPU`), by source;
- kill -9 of a 2-worker harvest once half of the items are in the fetch journals, then the same command:
  its manifest equals the uninterrupted runs' (and the 1x1 and 2x8 manifests equal each other); the verdict
  (`judge_rerun`: `kill9_rerun_same_manifest`, what it compares, both manifests' digests) is written the
  moment the rerun ends; `--rerun-deadline-utc` stops a rerun that would end too late and keeps the shards
  finished so far against the reference; `kill9_requests`: the killed run's and the rerun's requests per
  host against one run's, and the requests asked twice (no PubMed article may be);
- per-item costs (requests per item per host, CPU per item) and from them the full-scale estimate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import resource
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from benchmarks.sources.bench_harvest_scale import Forum, window_max

REPO = Path(__file__).resolve().parents[2]
VIDEO_HOST, PMC_HOST = "videos.mix.invalid", "pmc.mix.invalid"
DATE_EPOCH = "1735689600"  # rows carry the retrieval date: fixed, so manifests compare across runs


# ------------------------------------------------------------------------------------------ corpus

def pad_mp4(data: bytes, size: int) -> bytes:
    """The video with a trailing `free` box up to `size` bytes: same frames, the size of a real download."""
    extra = size - len(data)
    if extra < 8:
        return data
    return data + struct.pack(">I", extra) + b"free" + bytes(extra - 8)


def make_videos(root: Path, n: int, mb: float) -> dict[str, dict]:
    """{id: {"info": template text with the id, "video": base id, "caption": (name, bytes)}} for n videos."""
    from derm1m_build.demo.youtube import VIDEOS, generate_youtube

    generate_youtube(root, seed=7)
    bases = sorted(VIDEOS)
    media = {}
    for b in bases:
        p = root / "youtube" / b / "video.mp4"
        media[b] = pad_mp4(p.read_bytes(), int(mb * 1024 * 1024))
    out: dict[str, dict] = {}
    for i in range(n):
        b = bases[i % len(bases)]
        vid = f"mxV{i:08d}"  # 11 characters, like a YouTube id
        tmpl = (root / "youtube" / b / "info.template.json").read_text().replace(b, vid)
        cap = next(p for p in (root / "youtube" / b).iterdir() if p.name.startswith(b + ".en."))
        out[vid] = {"info": tmpl, "video": b, "caption": (cap.name.replace(b, vid), cap.read_bytes())}
    return {"items": out, "media": media}


def make_articles(root: Path, m: int) -> int:
    """The demo's six articles copied to m PMCIDs (figure images drawn once per base figure)."""
    from derm1m_build.pmc import demo

    base = list(demo.ARTICLES)
    arts = []
    for i in range(m):
        a = dict(base[i % len(base)])
        a["pmcid"], a["pmid"] = f"PMC{9100000 + i}", str(40000000 + i)
        a["title"] = f"{a['title']} ({i})"
        arts.append(a)
    cache: dict[tuple, bytes] = {}
    real_image = demo._image

    def image(fig, seed, jpeg=False):
        k = (json.dumps(fig, sort_keys=True), jpeg)
        if k not in cache:
            cache[k] = real_image(fig, seed, jpeg)
        return cache[k]

    demo.ARTICLES, demo._image = arts, image
    try:
        demo.generate_pubmed(root, seed=7)
    finally:
        demo.ARTICLES, demo._image = base, real_image
    return m


# ------------------------------------------------------------------------------------------ servers

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux's value where Python does not name it


def arrival_time(sock: socket.socket) -> float | None:
    """When the kernel received the request's first bytes (`SO_TIMESTAMPNS`, read with `MSG_PEEK`, so the
    handler still reads them): the request's arrival at this machine, whatever the server's own threads
    did after. None where the kernel gives no timestamp."""
    ns = arrival_ns(sock)
    return None if ns is None else ns / 1e9


def arrival_ns(sock: socket.socket) -> int | None:
    """`arrival_time` in integer nanoseconds of the same clock as `time.time_ns()` (CLOCK_REALTIME), so
    it can be ordered exactly against times taken around it, with no rounding of floats."""
    try:
        _, anc, _, _ = sock.recvmsg(1, socket.CMSG_SPACE(16), socket.MSG_PEEK)
    except OSError:
        return None
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
            sec, ns = struct.unpack("qq", data[:16])
            return sec * 1_000_000_000 + ns
    return None


def stamping_on(tries: int = 100) -> bool:
    """Exchange one byte over loopback until the kernel stamps it. Linux turns receive stamping on for the
    whole machine shortly after the first socket asks (a deferred switch, late on a loaded machine): before
    that, a packet comes unstamped. A server that must stamp its first request calls this before serving.
    False when no exchange was stamped (`tries` of them, 50 ms apart: a guard against a hang)."""
    lst = socket.socket()
    try:
        lst.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        lst.bind(("127.0.0.1", 0))
        lst.listen(1)
        for _ in range(tries):
            with socket.create_connection(lst.getsockname()) as w:
                w.sendall(b"x")
                conn, _ = lst.accept()
                with conn:
                    if arrival_ns(conn) is not None:
                        return True
            time.sleep(0.05)
        return False
    finally:
        lst.close()


class Counted:
    """One loopback server: every request logged (time, host, path) and answered after `latency` s.

    Each request is counted three times (same order in `log`, `accepted`, `arrived`): `arrived`, when the
    kernel received its first bytes (`arrival_time`); `accepted`, when the accept loop took its connection
    (before its handler thread runs); `log`, when its handler ran. On a loaded machine the last two can be
    hundreds of ms late (rate_trace.py: up to 0.17 s accept, then 0.13 s handler), and a server that is
    late bunches arrivals into one second that the clients spread out (HTTP/1.0: one request per
    connection). `CountedProcess` runs one in its own process."""

    def __init__(self, label: Callable[[str], str], answer: Callable, latency: float):
        self.label, self.answer, self.latency = label, answer, latency
        self.log: list[tuple[float, str, str]] = []
        self.accepted: list[float] = []
        self.arrived: list[float] = []
        self._accept_at: dict[int, float] = {}
        self.lock = threading.Lock()
        me = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def handle(self):
                self._arrived = arrival_time(self.request)
                super().handle()

            def _serve(self):
                with me.lock:
                    now = time.time()
                    me.log.append((now, me.label(self.headers.get("Host", "").split(":")[0]), self.path))
                    acc = me._accept_at.pop(id(self.request), now)
                    me.accepted.append(acc)
                    me.arrived.append(self._arrived if self._arrived is not None else acc)
                body = b""
                if self.command == "POST":
                    body = self.rfile.read(int(self.headers.get("content-length") or 0))
                time.sleep(me.latency)
                got = me.answer(self.path, body)
                code, ctype, data = got if got else (404, "text/plain", b"no")
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve  # noqa: N815

        class Srv(ThreadingHTTPServer):
            def server_bind(self):
                self.socket.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)  # accepted sockets inherit it
                super().server_bind()

            def process_request(self, request, client_address):  # in the accept loop, before the thread starts
                with me.lock:
                    me._accept_at[id(request)] = time.time()
                super().process_request(request, client_address)

        self.srv = Srv(("127.0.0.1", 0), H)
        self.srv.daemon_threads = True
        self.srv.request_queue_size = 128
        self.port = self.srv.server_address[1]
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()


def _serve_in_child(conn, label: Callable, answer: Callable, latency: float, on_port: Callable | None) -> None:
    """The child of `CountedProcess`: serve, and answer each `len(log)` sent on `conn` with what came after."""
    s = Counted(label, answer, latency)
    if on_port is not None:
        on_port(s.port)
    conn.send(s.port)
    while True:
        try:
            k = conn.recv()
        except EOFError:
            break
        if k is None:
            break
        with s.lock:
            got = (s.log[k:], s.accepted[k:], s.arrived[k:])
        conn.send(got)
    s.srv.shutdown()


class CountedProcess:
    """A `Counted` server in its own process (forked: `answer` and `label` may be closures), with the same
    reading interface (`port`, `log`, `accepted`, `arrived`, `srv.shutdown()`).

    A remote server does not share the client's CPU. In the benchmark's own process the servers' accept
    loops and handler threads waited for that process's GIL (its other servers, its progress snapshots)
    besides the loaded cores, so the server was late on its own account and counted a burst that the
    clients had spread out. In a process of its own it competes for the cores only. `on_port(port)` runs
    in the child once the port is known (the forum's pages link to their own port)."""

    def __init__(self, label: Callable[[str], str], answer: Callable, latency: float,
                 on_port: Callable[[int], None] | None = None):
        ctx = mp.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve_in_child, args=(child, label, answer, latency, on_port), daemon=True)
        self._proc.start()
        child.close()
        self.port: int = self._conn.recv()
        self._lock = threading.Lock()
        self._log: list[tuple[float, str, str]] = []
        self._accepted: list[float] = []
        self._arrived: list[float] = []
        self.srv = self

    def _sync(self) -> None:
        with self._lock:
            if not self._proc.is_alive():
                return
            self._conn.send(len(self._log))
            log, acc, arr = self._conn.recv()
            self._log += log
            self._accepted += acc
            self._arrived += arr

    @property
    def log(self) -> list[tuple[float, str, str]]:
        self._sync()
        return self._log

    @property
    def accepted(self) -> list[float]:
        self._sync()
        return self._accepted

    @property
    def arrived(self) -> list[float]:
        self._sync()
        return self._arrived

    def shutdown(self) -> None:
        self._sync()
        with self._lock:
            if self._proc.is_alive():
                self._conn.send(None)
                self._proc.join(10)
            if self._proc.is_alive():
                self._proc.terminate()
                self._proc.join(10)


def make_servers(videos: dict, corpus: Path, forum: Forum, latency: float, own_process: bool = True) -> dict:
    """The three sources' servers (videos, pmc, forum), each in its own process unless `own_process` is
    False. The forum's pages link to its own port: set in the forum object wherever it serves."""
    def port_to_forum(port: int) -> None:
        forum.port = port

    answers = {"videos": (lambda h: VIDEO_HOST, video_answer(videos)),
               "pmc": (lambda h: PMC_HOST, pmc_answer(corpus)), "forum": (lambda h: h, forum_answer(forum))}
    if own_process:
        out = {k: CountedProcess(label, ans, latency, on_port=port_to_forum if k == "forum" else None)
               for k, (label, ans) in answers.items()}
    else:
        out = {k: Counted(label, ans, latency) for k, (label, ans) in answers.items()}
    forum.port = out["forum"].port
    return out


def video_answer(videos: dict) -> Callable:
    items, media = videos["items"], videos["media"]

    def answer(path: str, body: bytes):
        p = urlsplit(path).path
        parts = p.strip("/").split("/")
        if len(parts) == 2 and parts[1].endswith(".info.json") and parts[1][:-10] in items:
            it = items[parts[1][:-10]]
            return 200, "application/json", it["info"].replace("__BASE__", f"http://{VIDEO_HOST}").encode()
        if len(parts) == 3 and parts[1] in items:
            it = items[parts[1]]
            if parts[2] == "video.mp4":
                return 200, "video/mp4", media[it["video"]]
            if parts[2] == it["caption"][0]:
                return 200, "text/vtt" if parts[2].endswith("vtt") else "application/json", it["caption"][1]
        return None

    return answer


def pmc_answer(root: Path) -> Callable:
    from derm1m_build.pmc.demo import answer as demo_answer

    def answer(path: str, body: bytes):
        u = urlsplit(path)
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        if body:
            q.update({k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()})
        got = demo_answer(root, u.path, q)
        return (200, got[1], got[0]) if got else None

    return answer


def forum_answer(forum: Forum) -> Callable:
    def answer(path: str, body: bytes):
        code, ctype, data = forum.page(path.split("?")[0])
        return code, ctype, data

    return answer


# ------------------------------------------------------------------------------------------ recipe + runs

def write_recipe(d: Path, a, ports: dict[str, int], vids: list[str], batch: int, threads: int) -> Path:
    urls = ",\n  ".join(f'"http://{VIDEO_HOST}/youtube/{v}.info.json"' for v in vids)
    p = d / "mix.toml"
    p.write_text(f"""
[build]
name = "mix"
allow_private_hosts = true
harvest_batch = {batch}
harvest_threads = {threads}
harvest_items_per_shard = 25

[harvest.youtube]
info_json = [
  {urls}]
allow_hosts = ["{VIDEO_HOST}"]
rate = {a.rate}
max_attempts = 2
backoff_s = 0.05
retries = 0
delete_video_after_frames = true

[harvest.pubmed]
query = "dermatology"
eutils_url = "http://{PMC_HOST}/pmc/eutils"
oa_url = "http://{PMC_HOST}/pmc/oa/oa.fcgi"
package_mirror = "http://{PMC_HOST}/pubmed/"
images = "package"
email = "bench@example.org"
licences = "open"
max_articles = {a.articles}
rate = {a.rate}
max_retries = 1
backoff = 0.05

[harvest.forum]
adapter_dirs = ["{REPO / 'stages' / 'adapters'}"]
rate = {a.rate}
max_threads = {a.threads}
max_list_pages = {a.threads // 50 + 2}
backoff = 0.05
[[harvest.forum.sites]]
name = "bench"
adapter = "askderm"
start_urls = ["http://127.0.0.1:{ports['forum']}/index-0.html"]
allow_hosts = ["127.0.0.1", "localhost"]
""")
    return p


def env_for(ports: dict[str, int]) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH=DATE_EPOCH,
                DERM1M_HOST_MAP=f"{VIDEO_HOST}=127.0.0.1:{ports['videos']},{PMC_HOST}=127.0.0.1:{ports['pmc']}")


def harvest(recipe: Path, out: Path, workers: int, env: dict, *extra: str, cwd: Path | None = None,
            until: float | None = None) -> dict:
    """One `harvest` in a fresh process: wall seconds and CPU seconds. CPU = the harvest process and what
    it waited for (getrusage RUSAGE_CHILDREN) + what its pool workers' tasks took (pool workers are the
    forkserver's children, never in RUSAGE_CHILDREN; each task measures its own process's CPU and the
    driver writes the sums to $DERM1M_HARVEST_CPU, `harvest_work.CpuTally`), split by phase and source.
    Worker start-up and idle time are in neither (with 1 worker every task runs in the harvest process).

    `until` (a `time.time()`): a harvest still running then is stopped (kill -9 of its process group: it
    runs in a session of its own, its pool workers with it) and the result says so (`stopped_at_deadline`,
    its wall; no CPU tally: the driver writes it at its end), so a session's deadline still leaves a result."""
    fd, cpu_file = tempfile.mkstemp(suffix=".cpu.json")
    os.close(fd)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "derm1m_build", "harvest", "--recipe", str(recipe), "--out", str(out),
                          "--workers", str(workers), *extra], env=dict(env, DERM1M_HARVEST_CPU=cpu_file),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                         start_new_session=until is not None)  # `-m` puts the cwd first on sys.path: run in the tree
    try:
        _, err = p.communicate(timeout=None if until is None else max(0.0, until - time.time()))
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        os.unlink(cpu_file)
        return {"wall_s": round(time.perf_counter() - t0, 2), "stopped_at_deadline": True}
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode:
        os.unlink(cpu_file)
        raise SystemExit(f"harvest failed ({p.returncode}): {err[-3000:]}")
    try:
        tally = json.loads(Path(cpu_file).read_text())
    finally:
        os.unlink(cpu_file)
    own = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(own + tally["tasks_in_workers_cpu_s"], 2),
            "cpu_harvest_process_s": round(own, 2), "cpu_worker_tasks_s": tally["tasks_in_workers_cpu_s"],
            "worker_processes": tally["worker_processes"], "fetch_cpu_s": tally["fetch_cpu_s"],
            "extract_cpu_s": tally["extract_cpu_s"], "fetched_items": tally["fetched_items"]}


def manifest(out: Path) -> dict:
    m = json.loads((out / "work/harvest/_manifest.json").read_text())
    return {"rows_out": m["rows_out"], "shards": m["shards"]}


# what the kill -9 verdict compares (`manifest`): the harvest stage's manifest, less what names the run
COMPARED = ("work/harvest/_manifest.json: rows_out and every shard's key with its sha256, rows, excluded and "
            "excluded_sha256 (the Parquet shards' and their excluded rows' content digests)")


def manifest_summary(m: dict) -> dict:
    """A manifest (`manifest`) in three numbers: rows, shards, and one digest over both (sorted JSON), so a
    JSON keeps what a later look can compare without the 560 shard digests of a full-scale build."""
    text = json.dumps(m, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return {"rows_out": m["rows_out"], "shards": len(m["shards"]), "sha256": hashlib.sha256(text).hexdigest()}


def shards_done(out: Path) -> dict[str, dict]:
    """The harvest shards finished so far (`_done` records, the store writes each last), as the manifest
    lists them: key -> sha256, rows, excluded, excluded_sha256."""
    got: dict[str, dict] = {}
    for p in sorted((out / "work/harvest/_done").glob("part-*.json")):
        try:
            rec = json.loads(p.read_text())
        except (OSError, ValueError):
            continue
        got[p.name[len("part-"):-len(".json")]] = {k: rec.get(k) for k in ("sha256", "rows", "excluded", "excluded_sha256")}
    return got


def judge_rerun(ref: dict, out: Path) -> dict:
    """The kill -9 verdict, from the rerun's build folder alone (taken the moment the rerun ends, before
    anything else is counted): `kill9_rerun_same_manifest` true / false when the rerun wrote its manifest,
    None when it did not (stopped at a deadline), with the shards finished so far against the reference
    (`equal`; `differ` and `not_in_reference` by key; `not_yet`: reference shards without a finished one)."""
    v: dict = {"kill9_compares": COMPARED, "kill9_reference": manifest_summary(ref)}
    try:
        again = manifest(out)
    except (OSError, ValueError, KeyError):
        done = shards_done(out)
        want = {k: {f: s.get(f) for f in ("sha256", "rows", "excluded", "excluded_sha256")} for k, s in ref["shards"].items()}
        v["kill9_rerun_same_manifest"] = None
        v["kill9_not_judged"] = "the rerun wrote no harvest manifest (stopped before its end)"
        v["kill9_shards_done_so_far"] = {
            "equal": sum(1 for k, s in done.items() if want.get(k) == s),
            "differ": sorted(k for k, s in done.items() if k in want and want[k] != s),
            "not_in_reference": sorted(k for k in done if k not in want),
            "not_yet": sum(1 for k in want if k not in done)}
        return v
    v["kill9_rerun_same_manifest"] = again == ref
    v["kill9_rerun"] = manifest_summary(again)
    if again != ref:
        v["kill9_diff"] = {"rows_out": [ref["rows_out"], again["rows_out"]],
                           "shards": sorted(set(ref["shards"]) ^ set(again["shards"]))
                           + [s for s in ref["shards"] if s in again["shards"] and ref["shards"][s] != again["shards"][s]]}
    return v


def repeats(servers: dict, since: float, until: float | None = None) -> dict[str, dict[str, int]]:
    """Requests asked again between `since` and `until`: per host and endpoint (the path before `?`), the
    requests beyond the first of each full path (query included), robots.txt left out (one per client).
    Over a killed run and its rerun together, a PubMed endpoint other than the search with repeats is an
    article fetched twice (its JATS batch, OA record or package); empty hosts are left out."""
    seen: dict[str, Counter] = {}
    for sv in servers.values():
        for t, h, q in list(sv.log):
            if t >= since and (until is None or t < until) and not q.startswith("/robots.txt"):
                seen.setdefault(h, Counter())[q] += 1
    out: dict[str, dict[str, int]] = {}
    for h, c in sorted(seen.items()):
        by: Counter = Counter()
        for q, n in c.items():
            if n > 1:
                by[q.split("?")[0]] += n - 1
        if by:
            out[h] = dict(sorted(by.items()))
    return out


def kill9_requests(run: dict, killed: dict, rerun: dict, rep_both: dict, rep_once: dict,
                   rerun_complete: bool = True) -> dict:
    """The killed run's and the rerun's requests per host against one uninterrupted run's (`requests`,
    robots.txt included as the servers counted them), the repeats over the two (`repeats`) against those of
    the uninterrupted run, and the PubMed check: no article endpoint (all but the search) asked again. A
    rerun stopped at its deadline (`rerun_complete` False) makes these counts of the part that ran only."""
    hosts = sorted(set(run) | set(killed) | set(rerun))
    both = {h: killed.get(h, 0) + rerun.get(h, 0) for h in hosts}
    pmc = {e: n for e, n in rep_both.get(PMC_HOST, {}).items() if not e.endswith("esearch.fcgi")}
    pmc_once = {e: n for e, n in rep_once.get(PMC_HOST, {}).items() if not e.endswith("esearch.fcgi")}
    return {"rerun_complete": rerun_complete, "killed_plus_rerun": both, "one_run": {h: run.get(h, 0) for h in hosts},
            "minus_one_run": {h: both[h] - run.get(h, 0) for h in hosts},
            "repeats_killed_and_rerun": rep_both, "repeats_one_run": rep_once,
            "pubmed_no_article_fetched_twice": pmc == pmc_once}


def server_stats(servers: dict[str, Counted], since: float) -> dict:
    """Per host: requests, robots.txt, the busiest 1 s window counted three ways (`Counted`: as logged by
    the handler, at accept, at arrival), when the busiest logged second began, and the request span."""
    per_host: dict[str, list[float]] = {}
    at_accept: dict[str, list[float]] = {}
    at_arrival: dict[str, list[float]] = {}
    for s in servers.values():
        for (t, h, _), acc, arr in zip(list(s.log), list(s.accepted), list(s.arrived)):
            if t >= since:
                per_host.setdefault(h, []).append(t)
                at_accept.setdefault(h, []).append(acc)
                at_arrival.setdefault(h, []).append(arr)
    ts = [t for v in per_host.values() for t in v]
    seq = sorted((t, h, p) for s in servers.values() for t, h, p in s.log if t >= since)
    gaps = sorted(((b[0] - a[0], a[2][:60], b[2][:60]) for a, b in zip(seq, seq[1:])), reverse=True)[:3]
    robots: dict[str, int] = {}
    for sv in servers.values():
        for t, h, q in sv.log:
            if t >= since and q.startswith("/robots.txt"):
                robots[h] = robots.get(h, 0) + 1
    return {"largest_gaps": [[round(g, 2), x, y] for g, x, y in gaps],
            "requests": {h: len(v) for h, v in sorted(per_host.items())},
            # robots.txt is asked once per HTTP client: by the driver's discovery and once per worker
            "robots_txt": dict(sorted(robots.items())),
            "max_per_1s_window": {h: window_max(v) for h, v in sorted(per_host.items())},
            "max_per_1s_window_at_accept": {h: window_max(v) for h, v in sorted(at_accept.items())},
            "max_per_1s_window_at_arrival": {h: window_max(v) for h, v in sorted(at_arrival.items())},
            # when the busiest second (as logged, at arrival) began, seconds after `since`: to find it in a timeline
            "busiest_1s_starts_s": {h: round(busiest_start(v) - since, 2) for h, v in sorted(per_host.items())},
            "busiest_1s_at_arrival_starts_s": {h: round(busiest_start(v) - since, 2) for h, v in sorted(at_arrival.items())},
            "span_s": round(max(ts) - min(ts), 2) if ts else 0.0}


def within_limit(runs: list[dict], key: str, rate: float) -> bool:
    """Every host's busiest second, counted as `key` says, at most `rate` in every run given."""
    return all(n <= rate for x in runs for n in x[key].values())


def busiest_start(times: list[float]) -> float:
    """The first time of a busiest 1 s window (`window_max`'s count)."""
    times = sorted(times)
    best, at, j = 0, times[0] if times else 0.0, 0
    for i, t in enumerate(times):
        while times[j] <= t - 1.0:
            j += 1
        if i - j + 1 > best:
            best, at = i - j + 1, times[j]
    return at


def journal_lines(out: Path) -> int:
    n = 0
    for j in (out / "raw").glob("*/_fetch.journal.jsonl"):
        try:
            n += len(j.read_bytes().splitlines())
        except OSError:
            pass
    return n


def med(xs: list[float]) -> float:
    return sorted(xs)[len(xs) // 2]


def parse_configs(text: str) -> dict[str, tuple[int, int, int]]:
    """`1x1,2x8` -> {name: (workers, items per task, fetch threads)}: a task holds 1 item with 1 thread (the
    serial baseline), else `--batch` items; one name per configuration, in the order given."""
    out: dict[str, tuple[int, int, int]] = {}
    for cfg in (c.strip() for c in text.split(",")):
        try:
            w, th = (int(x) for x in cfg.split("x"))
        except ValueError:
            raise SystemExit(f"--configs: {cfg!r} is not WORKERSxTHREADS (e.g. 1x1, 2x8)") from None
        if w < 1 or th < 1 or cfg in out:
            raise SystemExit(f"--configs: {cfg!r} must be positive and given once")
        out[cfg] = (w, 0, th)
    return out


class Progress:
    """The results so far, written to `--json` after every run and every `every_s` seconds during one (the
    servers' counts of the run in progress, per host, with its request rate), so a run stopped by a
    timeout or kill still leaves what it measured."""

    def __init__(self, res: dict, path: Path | None, servers: dict, every_s: float):
        self.res, self.path, self.servers, self.every_s = res, path, servers, every_s
        self.current: tuple[str, float] | None = None
        self.loads: list[float] = []
        self.lock = threading.Lock()
        self.write_lock = threading.Lock()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def begin(self, name: str, since: float) -> None:
        with self.lock:
            self.current, self.loads = (name, since), []
        self.snapshot()

    def end(self) -> None:
        with self.lock:
            self.current = None
            self.res.pop("in_progress", None)
        self.save()

    def snapshot(self) -> None:
        with self.lock:
            if self.current is None:
                return
            name, since = self.current
            self.loads.append(round(os.getloadavg()[0], 2))
            st = quick_stats(self.servers, since)
            self.res["in_progress"] = {"config": name, "elapsed_s": round(time.time() - since, 1),
                                       "load_avg_1min_samples": {"min": min(self.loads), "max": max(self.loads),
                                                                 "last": self.loads[-1], "n": len(self.loads)},
                                       **st, "requests_per_s": rates(st)}
        self.save()

    def save(self) -> None:
        if self.path is not None:
            with self.write_lock:  # the snapshot thread and the main thread both write: one .part at a time
                tmp = self.path.with_suffix(self.path.suffix + ".part")
                tmp.write_text(json.dumps(self.res, indent=1) + "\n")
                os.replace(tmp, self.path)

    def _loop(self) -> None:
        while not self.stop.wait(self.every_s):
            try:
                self.snapshot()
            except RuntimeError:  # `res` changed size under json.dumps (the main thread adds a result): next time
                pass

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


def quick_stats(servers: dict[str, Counted], since: float) -> dict:
    """Requests per host and their span so far, without sorting: taken while the servers answer, in their
    process. A sort of the whole log (`server_stats`: busiest second, gaps) is one C call that holds the
    GIL; on a loaded machine its thread can be descheduled holding it, the servers' accept loops stall,
    and the connections queued meanwhile would be logged as one burst (a 25,000-request log: 0.25-0.35 s
    wall at load ~25). Not what made the pmc host's 26-27 (RESULTS.md, full scale): they came without it."""
    per_host: Counter = Counter()
    first, last = float("inf"), float("-inf")
    for s in servers.values():
        for t, h, _ in list(s.log):  # a loop of bytecodes: the interpreter hands the GIL on every 5 ms
            if t >= since:
                per_host[h] += 1
                first, last = min(first, t), max(last, t)
    return {"requests": dict(sorted(per_host.items())), "span_s": round(last - first, 2) if per_host else 0.0}


def rates(st: dict) -> dict[str, float]:
    """Requests per second per host over the span seen so far (the whole run's span for a finished run)."""
    span = st["span_s"] or 1.0
    return {h: round(n / span, 2) for h, n in st["requests"].items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--videos", type=int, default=100)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--threads", type=int, default=100, help="forum threads")
    ap.add_argument("--video-mb", type=float, default=1.0)
    ap.add_argument("--latency", type=float, default=0.2, help="seconds before every answer")
    ap.add_argument("--rate", type=float, default=25.0, help="requests/s allowed per host (every source)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16, help="items per task in the parallel run")
    ap.add_argument("--configs", default=None, help="WORKERSxTHREADS,... run in this order (default: "
                    "1x1,{workers}x8); one configuration per process lets full-scale runs go side by side")
    ap.add_argument("--rounds", type=int, default=1, help="alternating 1x1 / Nx8 rounds (fetch and extract)")
    ap.add_argument("--skip-kill", action="store_true")
    ap.add_argument("--skip-extract", action="store_true", help="no extraction-only (CPU-bound) runs")
    ap.add_argument("--progress-s", type=float, default=30.0, help="seconds between progress writes to --json")
    ap.add_argument("--timeline", action="store_true", help="keep every request (time, host, path): one line per "
                    "run in JSON.timeline.jsonl beside --json, written once when the run ends (snapshots stay small)")
    ap.add_argument("--rerun-deadline-utc", default=None, metavar="HH:MM",
                    help="stop the kill -9 rerun at this UTC time today if it is still running; the verdict is then "
                    "'not judged' with the shards finished so far against the reference")
    ap.add_argument("--in-process-servers", action="store_true",
                    help="run the counting servers in this process's threads (as before 2026-12-06)")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    until = deadline_utc(a.rerun_deadline_utc, time.time()) if a.rerun_deadline_utc else None
    if a.timeline and a.json:  # this run's timelines only (`write_timeline` appends)
        a.json.with_name(a.json.name + ".timeline.jsonl").unlink(missing_ok=True)
    configs = parse_configs(a.configs or f"1x1,{a.workers}x8")
    configs = {k: (w, 1 if th == 1 else a.batch, th) for k, (w, _, th) in configs.items()}
    par = next((k for k in configs if k != "1x1"), None)  # the parallel configuration (extraction, kill)
    res: dict = {"scale": {"videos": a.videos, "articles": a.articles, "forum_threads": a.threads,
                           "video_mb": a.video_mb}, "latency_s": a.latency, "rate_per_host": a.rate,
                 "configs": list(configs), "load_avg_before": [round(x, 2) for x in os.getloadavg()],
                 "started_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        videos = make_videos(tmp / "corpus", a.videos, a.video_mb)
        make_articles(tmp / "corpus", a.articles)
        forum = Forum(a.threads, 0.0)
        res["corpus_s"] = round(time.perf_counter() - t0, 1)
        servers = make_servers(videos, tmp / "corpus", forum, a.latency, not a.in_process_servers)
        res["servers"] = "in the benchmark's process" if a.in_process_servers else "one process each"
        prog = Progress(res, a.json, servers, a.progress_s)
        ports = {k: s.port for k, s in servers.items()}
        env = env_for(ports)
        vids = sorted(videos["items"])
        runs: dict[str, list[dict]] = {k: [] for k in configs}
        res["fetch_runs"] = runs
        manifests: dict[str, dict] = {}
        windows: dict[str, tuple[float, float]] = {}  # each fetch run's (start, end) times
        for rnd in range(a.rounds):
            for name, (w, batch, th) in configs.items():  # alternating, so both see the same load
                d = tmp / f"{name}-{rnd}"
                d.mkdir()
                r = write_recipe(d, a, ports, vids, batch, th)
                since = time.time()
                prog.begin(name, since)
                one = harvest(r, d / "out", w, env)
                windows[f"{name}-{rnd}"] = (since, time.time())
                one.update(server_stats(servers, since))
                one["requests_per_s"] = rates(one)
                one["start_s"], one["tail_s"] = start_tail(servers, since, one["wall_s"])
                if a.timeline:
                    one["timeline_file"] = write_timeline(a.json, f"{name}-{rnd}", servers, since)
                one["load_avg"] = round(os.getloadavg()[0], 2)
                one["load_avg_1min_samples"] = {"min": min(prog.loads), "max": max(prog.loads), "n": len(prog.loads)}
                runs[name].append(one)
                manifests[f"{name}-{rnd}"] = manifest(d / "out")
                prog.end()
                print(name, json.dumps(one), file=sys.stderr, flush=True)
                if rnd or name != par:  # the parallel run's raw/ is kept for extraction; others are freed
                    shutil.rmtree(d / "out", ignore_errors=True)
        if "1x1" in runs and par:
            res["fetch_wall_speedup"] = round(med([x["wall_s"] for x in runs["1x1"]]) / med([x["wall_s"] for x in runs[par]]), 2)
            res["fetch_span_speedup"] = round(med([x["span_s"] for x in runs["1x1"]]) / med([x["span_s"] for x in runs[par]]), 2)

        def content(x: dict) -> dict:  # requests other than robots.txt: the same for any worker count
            return {h: n - x["robots_txt"].get(h, 0) for h, n in x["requests"].items()}

        first = next(iter(runs.values()))[0]
        res["requests_equal_across_configs"] = all(content(x) == content(first) for v in runs.values() for x in v)
        # judged at arrival: when the kernel received each request, before the server's own threads
        # (accept loop, handler) could be late; the counts at accept and as logged are kept beside it
        every = [x for v in runs.values() for x in v]
        res["rate_never_exceeded"] = within_limit(every, "max_per_1s_window_at_arrival", a.rate)
        res["rate_never_exceeded_at_accept"] = within_limit(every, "max_per_1s_window_at_accept", a.rate)
        res["rate_never_exceeded_logged"] = within_limit(every, "max_per_1s_window", a.rate)
        # CPU-bound: extraction only, from the parallel run's raw/
        if par and not a.skip_extract:
            d = tmp / f"{par}-0"
            r = d / "mix.toml"
            ex: dict[str, list[dict]] = {"1w": [], f"{a.workers}w": []}
            res["extract_runs"] = ex
            for _ in range(a.rounds):
                for w in (1, a.workers):
                    one = harvest(r, d / "out", w, env, "--offline", "--force")
                    one["load_avg"] = round(os.getloadavg()[0], 2)
                    ex[f"{w}w"].append(one)
                    prog.save()
                    print(f"extract {w}w", json.dumps(one), file=sys.stderr, flush=True)
            res["extract_speedup"] = round(med([x["wall_s"] for x in ex["1w"]]) / med([x["wall_s"] for x in ex[f"{a.workers}w"]]), 2)
            manifests["extract-after"] = manifest(d / "out")
        if par:  # its raw/ (the videos' frames) is not needed any more: full scale holds GBs per run
            shutil.rmtree(tmp / f"{par}-0" / "out", ignore_errors=True)
        ref = next(iter(manifests.values()))
        res["manifests_equal_all_runs"] = all(m == ref for m in manifests.values())
        res["rows_out"] = ref["rows_out"]
        res["shards"] = len(ref["shards"])
        prog.save()
        # kill -9 once half of the items are in the fetch journals, then the same command again
        if par and not a.skip_kill:
            w, batch, th = configs[par]
            k = tmp / "killed"
            k.mkdir()
            rk = write_recipe(k, a, ports, vids, batch, th)
            since = time.time()
            prog.begin("killed", since)
            p = subprocess.Popen([sys.executable, "-m", "derm1m_build", "harvest", "--recipe", str(rk), "--out",
                                  str(k / "out"), "--workers", str(w)], env=env, start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            half = (a.videos + a.articles + a.threads) // 2
            deadline = time.time() + max(900.0, 2.0 * half)
            while time.time() < deadline and journal_lines(k / "out") < half and p.poll() is None:
                time.sleep(0.05)
            res["kill_at_journal_lines"] = journal_lines(k / "out")
            res["kill_after_s"] = round(time.time() - since, 1)
            res["killed_before_end"] = p.poll() is None
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            res["killed_run"] = server_stats(servers, since)
            if a.timeline:
                res["killed_run"]["timeline_file"] = write_timeline(a.json, "killed", servers, since)
            prog.end()
            killed_since, since = since, time.time()
            prog.begin("rerun", since)
            res["rerun"] = harvest(rk, k / "out", w, env, until=until)
            # the verdict first, written at once: what follows (counting 10^4 requests) must not hold it back
            res.update(judge_rerun(ref, k / "out"))
            prog.save()
            res["rerun"].update(server_stats(servers, since))
            res["rerun"]["load_avg"] = round(os.getloadavg()[0], 2)
            if a.timeline:
                res["rerun"]["timeline_file"] = write_timeline(a.json, "rerun", servers, since)
            w0, w1 = windows[f"{par}-0"]
            res["kill9_requests"] = kill9_requests(runs[par][0]["requests"], res["killed_run"]["requests"],
                                                   res["rerun"]["requests"], repeats(servers, killed_since),
                                                   repeats(servers, w0, w1),
                                                   not res["rerun"].get("stopped_at_deadline", False))
            prog.end()
        prog.close()
        for s in servers.values():
            s.srv.shutdown()
        # written before the temporary folder goes: at full scale its removal (GBs of raw/) takes minutes
        res["per_item"] = per_item(res, a)
        if "1x1" in runs and "extract_runs" in res:
            res["full_scale_estimate"] = estimate(res, a, (2000, 10000, 2000))
        res["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
        text = json.dumps(res, indent=1)
        print(text, flush=True)
        if a.json:
            a.json.write_text(text + "\n")


def deadline_utc(hhmm: str, now: float) -> float:
    """`HH:MM` -> that UTC time on `now`'s UTC day, as a `time.time()` (past or not: a past one stops the
    rerun at once). A bad value is a one-line error."""
    try:
        h, m = (int(x) for x in hhmm.split(":"))
        if not (0 <= h < 24 and 0 <= m < 60):
            raise ValueError
    except ValueError:
        raise SystemExit(f"--rerun-deadline-utc: {hhmm!r} is not HH:MM (UTC)") from None
    day = now - now % 86400
    return day + h * 3600 + m * 60


def write_timeline(path: Path | None, run: str, servers: dict, since: float) -> str | None:
    """Every request of one run (seconds after its start, host, path cut to 70) as one JSON line appended to
    `path`.timeline.jsonl, once, when the run ends: the progress snapshots rewrite `--json` every
    `--progress-s`, and full-scale timelines there (25,000 requests per run) made each write megabytes."""
    if path is None:
        return None
    tl = path.with_name(path.name + ".timeline.jsonl")
    rows = sorted((round(t - since, 3), h, q[:70]) for sv in servers.values() for t, h, q in sv.log if t >= since)
    with tl.open("a") as f:
        f.write(json.dumps({"run": run, "timeline": rows}) + "\n")
    return tl.name


def start_tail(servers: dict[str, Counted], since: float, wall: float) -> tuple[float, float]:
    """Seconds from the harvest's start to the first request, and from the last request to its end."""
    ts = [t for s in servers.values() for t, _, _ in s.log if t >= since]
    if not ts:
        return 0.0, round(wall, 2)
    return round(min(ts) - since, 2), round(since + wall - max(ts), 2)


SOURCES = {"videos": "youtube", "articles": "pubmed", "forum_threads": "forum"}


def per_item(res: dict, a) -> dict:
    """Requests per item by host (exact, from the server's counts) and CPU per item: the whole harvest
    (each configuration's runs, workers included), and by source for fetch (videos: download + shots and
    frames; articles: JATS + OA record + package; forum: pages + photos) and extraction (when it ran)."""
    runs = res["fetch_runs"]
    one = (runs.get("1x1") or next(iter(runs.values())))[0]
    items = a.videos + a.articles + a.threads
    req = {h: n - one["robots_txt"].get(h, 0) for h, n in one["requests"].items()}  # robots.txt: per client
    by_source = {"videos": req.get(VIDEO_HOST, 0) / max(1, a.videos), "articles": req.get(PMC_HOST, 0) / max(1, a.articles),
                 "forum_threads": (req.get("127.0.0.1", 0) + req.get("localhost", 0)) / max(1, a.threads)}
    n = {"videos": a.videos, "articles": a.articles, "forum_threads": a.threads}

    def by_src(rs: list[dict], key: str) -> dict:
        return {k: round(1000 * med([r[key].get(s, 0.0) for r in rs]) / max(1, n[k]), 1) for k, s in SOURCES.items()}

    out: dict = {"requests_per_item": {k: round(v, 3) for k, v in by_source.items()}}
    for name, rs in runs.items():
        out[f"harvest_cpu_ms_per_item_{name}"] = round(1000 * med([x["cpu_s"] for x in rs]) / items, 1)
        out[f"fetch_cpu_ms_per_item_by_source_{name}"] = by_src(rs, "fetch_cpu_s")
    if "extract_runs" in res:
        ex1 = res["extract_runs"]["1w"]
        exn = [v for k, v in res["extract_runs"].items() if k != "1w"][0]
        out.update({"extract_cpu_ms_per_item_1w": round(1000 * med([x["cpu_s"] for x in ex1]) / items, 1),
                    "extract_cpu_ms_per_item_parallel": round(1000 * med([x["cpu_s"] for x in exn]) / items, 1),
                    "extract_cpu_ms_per_item_by_source_1w": by_src(ex1, "extract_cpu_s"),
                    "extract_cpu_ms_per_item_by_source_parallel": by_src(exn, "extract_cpu_s")})
    return out


def estimate(res: dict, a, full: tuple[int, int, int]) -> dict:
    """The issue's full scale from the measured per-item figures: requests per host at the configured
    rate (the floor for any worker count), the latency floor at 2 x 8 in flight, and the CPU."""
    v, m, t = full
    pi = res["per_item"]["requests_per_item"]
    one = res["fetch_runs"]["1x1"][0]["requests"]
    # forum requests split over its two hosts as measured
    fr = max(1, one.get("127.0.0.1", 0) + one.get("localhost", 0))
    hosts = {VIDEO_HOST: v * pi["videos"], PMC_HOST: m * pi["articles"],
             "127.0.0.1": t * pi["forum_threads"] * one.get("127.0.0.1", 0) / fr,
             "localhost": t * pi["forum_threads"] * one.get("localhost", 0) / fr}
    total = sum(hosts.values())
    from derm1m_build.ratelimit import SLACK_S, per_window

    rate_floor = max(hosts.values()) / (per_window(a.rate) / (1 + SLACK_S))  # the limiter's steady rate
    in_flight = 16
    latency_floor = total * a.latency / in_flight
    cpu = (v + m + t) * res["per_item"]["harvest_cpu_ms_per_item_1x1"] / 1000
    f1 = res["per_item"]["fetch_cpu_ms_per_item_by_source_1x1"]
    e1 = res["per_item"]["extract_cpu_ms_per_item_by_source_1w"]
    cpu_by_source = {k: round(cnt * (f1[k] + e1[k]) / 1000) for k, cnt in
                     (("videos", v), ("articles", m), ("forum_threads", t))}
    return {"command": f"python -m benchmarks.sources.bench_harvest_mix --videos {v} --articles {m} --threads {t} "
                       f"--latency {a.latency} --rate {a.rate}",
            "requests_per_host": {h: round(x) for h, x in hosts.items()}, "requests_total": round(total),
            "rate_floor_s": round(rate_floor), "latency_floor_2x8_s": round(latency_floor),
            "harvest_cpu_s": round(cpu), "fetch_plus_extract_cpu_s_by_source": cpu_by_source,
            "one_harvest_2x8_s_at_least": round(max(rate_floor, latency_floor, cpu / 2)),
            "one_harvest_1x1_s_at_least": round(max(total * a.latency, cpu)),
            "disk_mb_corpus_videos": round(v * a.video_mb)}


if __name__ == "__main__":
    main()
