"""Where a mixed harvest's wall goes, old code tree vs new, alternating on one corpus.

    python -m benchmarks.sources.gap_ab --old OLD_TREE --videos 20 --articles 100 --threads 20 --rounds 2 [--asr]

Each run is `harvest` in a fresh process and build dir against `bench_harvest_mix`'s loopback servers
(same corpus, latency and rate). From the servers' request times it splits the wall into: start (process
start to the first request), the quiet gap after PubMed's search (search to the next request), the rest
of the request span, and the tail (last request to the process's exit: extraction and the manifest).
Runs alternate old/new within each configuration so both see the same load; manifests must be equal.
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


def split_wall(log: list[tuple[float, str, str]], since: float, wall: float) -> dict:
    seq = sorted((t - since, q) for t, h, q in log if t >= since)
    if not seq:
        return {}
    first, last = seq[0][0], seq[-1][0]
    search = next((i for i, (_, q) in enumerate(seq) if "esearch" in q), None)
    gap = round(seq[search + 1][0] - seq[search][0], 2) if search is not None and search + 1 < len(seq) else 0.0
    big = max(((b[0] - a_[0], a_[1][:40], b[1][:40]) for a_, b in zip(seq, seq[1:])), default=(0.0, "", ""))
    return {"start_s": round(first, 2), "search_gap_s": gap, "largest_gap": [round(big[0], 2), big[1], big[2]],
            "span_s": round(last - first, 2), "tail_s": round(wall - last, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--old", type=Path, required=True)
    ap.add_argument("--videos", type=int, default=20)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--threads", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--rate", type=float, default=25.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--configs", default="2x8,1x1", help="WORKERSxTHREADS,... (a task holds 1 item with 1 thread, "
                    "else 16); --asr on main's code needs 1 thread (its ASR model failed concurrent calls)")
    ap.add_argument("--asr", action="store_true", help="videos with audio and no captions, transcribed by a tiny "
                    "Whisper (benchmarks/sources/asr_corpus.py): YouTube's fetch on the actor group")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    a.video_mb = 1.0
    out: dict = {"scale": {"videos": a.videos, "articles": a.articles, "forum_threads": a.threads},
                 "latency_s": a.latency, "rate_per_host": a.rate, "asr": a.asr, "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        videos = mix.make_videos(tmp / "corpus", a.videos, a.video_mb)
        extra = ""
        if a.asr:
            from benchmarks.sources import asr_corpus

            videos = asr_corpus.with_audio(tmp / "corpus", videos, a.video_mb)
            extra = asr_corpus.asr_section(asr_corpus.tiny_whisper(tmp / "whisper"))
        mix.make_articles(tmp / "corpus", a.articles)
        forum = mix.Forum(a.threads, 0.0)
        servers = {"videos": mix.Counted(lambda h: mix.VIDEO_HOST, mix.video_answer(videos), a.latency),
                   "pmc": mix.Counted(lambda h: mix.PMC_HOST, mix.pmc_answer(tmp / "corpus"), a.latency),
                   "forum": mix.Counted(lambda h: h, mix.forum_answer(forum), a.latency)}
        ports = {k: s.port for k, s in servers.items()}
        forum.port = ports["forum"]
        env = mix.env_for(ports)
        trees = {"old": a.old.resolve(), "new": mix.REPO}
        manifests = {}
        for rnd in range(a.rounds):
            for cfg in a.configs.split(","):
                w, th = (int(x) for x in cfg.split("x"))  # workers x fetch threads, e.g. 2x8, 1x1, 2x1
                order = ("old", "new") if rnd % 2 == 0 else ("new", "old")
                for name in order:
                    d = tmp / f"{name}-{cfg}-{rnd}"
                    d.mkdir()
                    r = mix.write_recipe(d, a, ports, sorted(videos["items"]), 1 if th == 1 else 16, th)
                    r.write_text(r.read_text() + extra)
                    since = time.time()
                    one = mix.harvest(r, d / "out", w, dict(env, PYTHONPATH=str(trees[name])), cwd=trees[name])
                    log = [x for s in servers.values() for x in s.log]
                    one.update(split_wall(log, since, one["wall_s"]))
                    one.update({"tree": name, "config": cfg, "round": rnd, "load_avg": round(os.getloadavg()[0], 2)})
                    for k in ("fetch_cpu_s", "extract_cpu_s", "fetched_items"):
                        one.pop(k, None)
                    out["runs"].append(one)
                    manifests[d.name] = mix.manifest(d / "out")
                    print(json.dumps(one), file=sys.stderr, flush=True)
        for s in servers.values():
            s.srv.shutdown()
    ref = next(iter(manifests.values()))
    out["manifests_equal"] = all(m == ref for m in manifests.values())
    text = json.dumps(out, indent=1)
    if a.json:
        a.json.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
