"""Where the 1M duplicate fit's wall time goes: phases, CPU-seconds and cores busy, and a decision digest.

    python -m benchmarks.filter.dedup_timeline --n 1000000 --cache /tmp/rows1m.arrow
    python -m benchmarks.filter.dedup_timeline --n 1000000 --cache /tmp/rows1m.arrow --against /work/main --rounds 2

The rows are `dedup_scale`'s with crop grids (`rows(n, crops=True)`), kept in `--cache` (an Arrow file,
written once) so that runs compare the same table without making it again. One fit (`dedup.cluster`,
2 workers, the planted truth as the pixel check) runs with its steps stamped and every thread's CPU time
(and the hash search's worker processes') sampled every 0.25 s; printed: a line per phase with its
wall seconds, CPU-seconds and cores busy (CPU / wall; at most 2 on two cores), by thread group (the main
thread, the crop proposal's threads, faiss' and the others, the worker processes), and a digest of the
decisions: the hash, thumb and crop candidate pairs and every row's cluster and representative.

`--against DIR`: a driver instead, running the fit in fresh processes alternately with the code in DIR
(e.g. main's checkout) and with this checkout, `--rounds` times, and printing both side by side with
whether the digests agree. The load average printed includes the fit's own threads.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]


def _table(n: int, cache: str | None):
    """(the rows as an Arrow table, the planted truth: copy row -> original row)."""
    import pyarrow as pa
    import pyarrow.feather as pf

    if cache and os.path.exists(cache) and os.path.exists(cache + ".truth.json"):
        truth = json.loads(Path(cache + ".truth.json").read_text())
        return pf.read_table(cache, memory_map=False), {int(d): int(s) for d, s in truth}
    from benchmarks.filter.dedup_scale import rows

    r, truth = rows(n, crops=True)
    t = pa.Table.from_pylist(r)
    if cache:
        pf.write_feather(t, cache, compression="uncompressed")
        Path(cache + ".truth.json").write_text(json.dumps(sorted(truth.items())))
    return t, truth


def _ticks(pid: int) -> dict[int, int]:
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            f = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
            out[int(tid)] = int(f[11]) + int(f[12])
        except (OSError, IndexError, ValueError):
            pass
    return out


def _children_ticks(pid: int) -> int:
    t = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            kids = Path(f"/proc/{pid}/task/{tid}/children").read_text().split()
        except OSError:
            continue
        for k in kids:
            try:
                f = Path(f"/proc/{k}/stat").read_text().rsplit(")", 1)[1].split()
                t += int(f[11]) + int(f[12])
            except (OSError, IndexError, ValueError):
                pass
    return t


def fit(n: int, cache: str | None) -> dict:
    from derm1m_build.filtering import dedup  # first: the package sets faiss' OpenMP wait policy
    from derm1m_build.filtering import crops

    import faiss
    import numpy as np

    faiss.omp_set_num_threads(2)
    table, truth = _table(n, cache)
    ids = table.column("sample_id").to_pylist()
    planted = {}
    for d, s in truth.items():
        planted[ids[d]], planted[ids[s]] = ids[s], ids[d]

    def same(a: dict, b: dict) -> bool:
        return planted.get(a["sample_id"]) == b["sample_id"]

    t0 = time.perf_counter()
    ev: list[tuple[float, str]] = []
    crop_tids: set[int] = set()
    main_tid = threading.get_native_id()

    def stamp(s: str) -> None:
        ev.append((time.perf_counter() - t0, s))

    def wrap(mod, name: str, mark_thread: bool = False) -> None:
        f = getattr(mod, name, None)
        if f is None:
            return

        def g(*a, **kw):
            if mark_thread:
                crop_tids.add(threading.get_native_id())
            stamp(f"{name} start")
            try:
                return f(*a, **kw)
            finally:
                stamp(f"{name} end")
        setattr(mod, name, g)

    got: dict = {}
    inner, start_crop, start_hash = dedup._candidates, dedup._start_crop_candidates, dedup.start_multi_index_pairs

    def cand(*a, **kw):
        c = inner(*a, **kw)
        got.update(c)
        return c

    def crop_cand(*a, **kw):
        w = start_crop(*a, **kw)

        def done():
            c = w()
            got["crop"] = c
            return c
        return done

    def hash_start(*a, **kw):
        stamp("hash start")
        w = start_hash(*a, **kw)

        def done():
            r = w()
            stamp("hash end")
            return r
        return done

    dedup._candidates, dedup._start_crop_candidates, dedup.start_multi_index_pairs = cand, crop_cand, hash_start
    start_split = getattr(dedup, "_start_split_parse", None)
    if start_split is not None:  # the parse in two processes: it ends when the parts are joined
        def split(*a, **kw):
            f = start_split(*a, **kw)
            if f is None:
                return None

            def done():
                r = f()
                stamp("split parse end")
                return r
            return done
        dedup._start_split_parse = split
    for mod, name in ((dedup, "_fingerprints_lists"), (dedup, "knn_pairs"), (dedup, "star_clusters"),
                      (crops, "base_windows"), (crops, "_Index")):
        wrap(mod, name)
    wrap(crops, "proposals", mark_thread=True)
    chunk = getattr(crops, "_chunk_pairs", None)
    if chunk is not None:
        def chunk_pairs(*a, **kw):
            crop_tids.add(threading.get_native_id())
            return chunk(*a, **kw)
        crops._chunk_pairs = chunk_pairs

    pid, samples, stop = os.getpid(), [], threading.Event()
    sampler_tid = []

    def sample() -> None:
        sampler_tid.append(threading.get_native_id())
        while not stop.is_set():
            samples.append((time.perf_counter() - t0, _ticks(pid), _children_ticks(pid)))
            stop.wait(0.25)

    th = threading.Thread(target=sample, daemon=True)
    load0 = os.getloadavg()[0]
    c0 = os.times()
    t0 = time.perf_counter()
    th.start()
    out, rep = dedup.cluster(table, 8, same=same, workers=2)
    wall = time.perf_counter() - t0
    c1 = os.times()
    stop.set()
    th.join()
    samples.append((wall, _ticks(pid), _children_ticks(pid)))
    cpu = (c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user) + \
        (c1.children_system - c0.children_system)
    sys_s = (c1.system - c0.system) + (c1.children_system - c0.children_system)
    h = hashlib.sha256()
    for name in ("hash", "thumb", "crop"):
        h.update(np.ascontiguousarray(got.get(name, np.empty((0, 2), np.int64)), np.int64).tobytes())
    h.update(json.dumps(sorted(out.items())).encode())
    when = {s: t for t, s in ev}
    fp_end = when.get("split parse end", when.get("_fingerprints_lists end", 0.0))
    search_end = max(when.get("knn_pairs end", fp_end), when.get("hash end", fp_end))
    crop_end = when.get("proposals end", search_end)
    phases = [("rows + parse", 0.0, fp_end), ("hash search + thumb kNN + crops", fp_end, search_end),
              ("crop proposal alone", search_end, max(search_end, crop_end)),
              ("stars + output", max(search_end, crop_end), wall)]

    rows = []
    for name, a, b in phases:
        grp = {"main": 0, "crop": 0, "other": 0, "workers": 0}
        # per interval between two samples, each thread's ticks since the earlier one (a thread that has
        # ended is counted up to its last sample)
        for (ta, xa, ka), (tb, xb, kb) in zip(samples, samples[1:]):
            if not a <= (ta + tb) / 2 < b:
                continue
            for tid, v in xb.items():
                dv = v - xa.get(tid, 0)
                if tid == main_tid:
                    grp["main"] += dv
                elif tid in crop_tids:
                    grp["crop"] += dv
                elif tid not in sampler_tid:
                    grp["other"] += dv
            grp["workers"] += max(0, kb - ka)
        c = {k: v / 100 for k, v in grp.items()}
        rows.append({"phase": name, "wall": round(b - a, 1), "cpu": round(sum(c.values()), 1),
                     "cores": round(sum(c.values()) / max(b - a, 1e-9), 2), **{k: round(v, 1) for k, v in c.items()}})
    return {"wall": round(wall, 1), "cpu": round(cpu, 1), "sys": round(sys_s, 1), "load": [round(load0, 1), round(os.getloadavg()[0], 1)],
            "digest": h.hexdigest()[:16], "candidates": rep["candidates"], "confirmed": rep["confirmed"],
            "phases": rows, "events": [(round(t, 1), s) for t, s in ev], "cpu_s": rep["cpu_s"]}


def show(r: dict, label: str) -> None:
    print(f"[{label}] wall {r['wall']} s, CPU {r['cpu']} s (all processes; system {r.get('sys', '?')}), load {r['load'][0]} -> {r['load'][1]}, "
          f"digest {r['digest']}, candidates {r['candidates']}, confirmed {r['confirmed']}")
    print("  | phase | wall s | CPU-s | cores busy | main thread | crop threads | faiss + other threads "
          "| hash processes |")
    for p in r["phases"]:
        print(f"  | {p['phase']} | {p['wall']} | {p['cpu']} | {p['cores']} | {p['main']} | {p['crop']} | "
              f"{p['other']} | {p['workers']} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--cache", help="an Arrow file holding the rows (written if missing)")
    ap.add_argument("--against", help="a checkout to compare with (driver mode: fresh processes, alternating)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print the result as one JSON line (driver use)")
    a = ap.parse_args()
    if not a.against:
        r = fit(a.n, a.cache)
        print(json.dumps(r) if a.json else "", flush=True)
        if not a.json:
            show(r, "this checkout")
        return
    if a.cache:
        _table(a.n, a.cache)  # made once, before any timed run
    res: dict[str, list] = {"against": [], "this": []}
    for _ in range(a.rounds):
        for who, root in (("against", a.against), ("this", str(HERE))):
            env = dict(os.environ, PYTHONPATH=root)
            cmd = [sys.executable, str(Path(__file__).resolve()), "--n", str(a.n), "--json"] + \
                (["--cache", a.cache] if a.cache else [])
            p = subprocess.run(cmd, env=env, cwd=root, capture_output=True, text=True)
            if p.returncode:
                sys.exit(f"the fit failed ({who}): {p.stderr.strip().splitlines()[-1:]}")
            r = json.loads(p.stdout.strip().splitlines()[-1])
            res[who].append(r)
            show(r, f"{who} {root}")
    d = {r["digest"] for v in res.values() for r in v}
    print(f"digests: {'IDENTICAL' if len(d) == 1 else 'DIFFERENT ' + str(sorted(d))}")


if __name__ == "__main__":
    main()
