"""Extraction only (`harvest --offline --force`) on one fetched raw/ cache: two source trees side by side.

    # once: fetch the 1/10 mix (2 workers x 8 threads) into DIR and keep it (raw/, recipe, fetch logs)
    python -m benchmarks.sources.bench_extract cache --dir /tmp/extract_cache \
        --videos 200 --articles 1000 --threads 200 --latency 0.2 --rate 25
    # then: extraction only from DIR's raw/, tree A and tree B alternating, --repeat rounds
    python -m benchmarks.sources.bench_extract ab --dir /tmp/extract_cache --trees /tmp/old,/tmp/new \
        --repeat 3 --json benchmarks/sources/extract_ab.json

The fetch is `bench_harvest_mix`'s (same generators, loopback servers, recipe); extraction reads raw/ only,
so after `cache` the servers are gone and each `ab` run is CPU-bound work on the same bytes. Every run
recomputes every shard (`--force`) in a fresh process with `--workers 1` (all in the harvest process, so
its getrusage is the run's CPU); per source the tasks' CPU comes from `$DERM1M_HARVEST_CPU`. The manifest
(`rows_out` and every shard's name and digest) of each run is compared with the first run's: a speed
change must leave it byte-identical.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from benchmarks.sources.bench_harvest_mix import (DATE_EPOCH, Forum, harvest, make_articles, make_servers, make_videos,
                                                  manifest, write_recipe)


def cache(a) -> None:
    d = Path(a.dir)
    if d.exists():
        raise SystemExit(f"{d} exists; remove it or pick another --dir")
    d.mkdir(parents=True)
    videos = make_videos(d / "corpus", a.videos, a.video_mb)
    make_articles(d / "corpus", a.articles)
    servers = make_servers(videos, d / "corpus", Forum(a.threads, 0.0), a.latency)
    try:
        ports = {k: s.port for k, s in servers.items()}
        r = write_recipe(d, a, ports, sorted(videos["items"]), 16, 8)
        env = dict(os.environ, SOURCE_DATE_EPOCH=DATE_EPOCH, PYTHONPATH=str(Path.cwd()),
                   DERM1M_HOST_MAP=f"videos.mix.invalid=127.0.0.1:{ports['videos']},pmc.mix.invalid=127.0.0.1:{ports['pmc']}")
        one = harvest(r, d / "out", 2, env)
    finally:
        for s in servers.values():
            s.srv.shutdown()
    shutil.rmtree(d / "corpus", ignore_errors=True)
    one["manifest"] = manifest(d / "out")
    (d / "fetch.json").write_text(json.dumps(one, indent=1) + "\n")
    print(json.dumps({k: v for k, v in one.items() if k != "manifest"}), file=sys.stderr)


def ab(a) -> None:
    d = Path(a.dir)
    trees = [Path(t).resolve() for t in a.trees.split(",")]
    names = a.names.split(",") if a.names else [t.name for t in trees]
    res: dict = {"dir": str(d), "trees": dict(zip(names, map(str, trees))), "repeat": a.repeat,
                 "started_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
                 "load_avg_before": [round(x, 2) for x in os.getloadavg()], "runs": {n: [] for n in names}}
    ref = None
    same = True
    for rnd in range(a.repeat):
        order = list(zip(names, trees)) if rnd % 2 == 0 else list(zip(names, trees))[::-1]
        for name, tree in order:
            env = dict(os.environ, SOURCE_DATE_EPOCH=DATE_EPOCH, PYTHONPATH=str(tree))
            one = harvest(d / "mix.toml", d / "out", a.workers, env, "--offline", "--force", cwd=tree)
            one["load_avg"] = round(os.getloadavg()[0], 2)
            m = manifest(d / "out")
            ref = ref or m
            one["manifest_equal"] = m == ref
            same &= m == ref
            res["runs"][name].append(one)
            print(name, json.dumps(one), file=sys.stderr, flush=True)
    res["manifests_equal_all_runs"] = same
    res["rows_out"], res["shards"] = ref["rows_out"], len(ref["shards"])
    fetch = d / "fetch.json"
    if fetch.exists():
        res["fetched_manifest_equal"] = json.loads(fetch.read_text())["manifest"] == ref

    def med(xs):
        xs = sorted(xs)
        return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2

    res["median"] = {n: {"wall_s": med([r["wall_s"] for r in rs]), "cpu_s": med([r["cpu_s"] for r in rs]),
                         "pubmed_extract_cpu_s": med([r["extract_cpu_s"].get("pubmed", 0.0) for r in rs])}
                     for n, rs in res["runs"].items()}
    if len(names) == 2:
        x, y = (res["median"][n] for n in names)
        res["ratio_first_over_second"] = {k: round(x[k] / y[k], 3) if y[k] else None for k in x}
    res["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(res, indent=1)
    print(text)
    if a.json:
        Path(a.json).write_text(text + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cache", help="fetch the mix once into --dir (2 x 8) and keep its raw/")
    c.add_argument("--dir", required=True)
    c.add_argument("--videos", type=int, default=200)
    c.add_argument("--articles", type=int, default=1000)
    c.add_argument("--threads", type=int, default=200, help="forum threads")
    c.add_argument("--video-mb", type=float, default=1.0)
    c.add_argument("--latency", type=float, default=0.2)
    c.add_argument("--rate", type=float, default=25.0)
    b = sub.add_parser("ab", help="extraction only from --dir's raw/, the trees alternating")
    b.add_argument("--dir", required=True)
    b.add_argument("--trees", required=True, help="source trees, comma-separated (each run with PYTHONPATH=tree)")
    b.add_argument("--names", default="", help="a name per tree (default: the folders' names)")
    b.add_argument("--repeat", type=int, default=1, help="rounds; the order alternates every round")
    b.add_argument("--workers", type=int, default=1)
    b.add_argument("--json", default=None)
    a = ap.parse_args()
    (cache if a.cmd == "cache" else ab)(a)


if __name__ == "__main__":
    main()
