"""The same harvest by two code trees on one generated corpus: are the manifests, fetch logs and requests
per host the same? (For a change that must not change outputs, e.g. moving PubMed's JATS efetch out of
the driver's discovery into the executor's tasks.)

    python -m benchmarks.sources.same_manifest --old /tmp/old-tree --videos 6 --articles 120 --threads 20

Both trees run `harvest --workers 2` against the loopback servers of `bench_harvest_mix` (corpus, latency
and rate as there), one after the other, each in a fresh build dir.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.sources import bench_harvest_mix as mix


# `--listed-ids`: imported first by every process of both trees' harvests (a `sitecustomize` on PYTHONPATH)
LISTED_IDS = '''"""same_manifest --listed-ids: YouTube's info.json references listed with their video ids, as a
channel or playlist listing lists them (the ids are then the log keys from discovery on)."""
from derm1m_build.sources.youtube import YoutubeSource as _Y

_real = _Y.discover


def _discover(self):
    return [dict(r, id=r["info_json"].rsplit("/", 1)[1].split(".")[0]) if r.get("info_json") else r
            for r in _real(self)]


_Y.discover = _discover
'''


def run(tree: Path, recipe: Path, out: Path, env: dict, workers: int, hook: Path | None = None) -> None:
    path = f"{tree}:{hook}" if hook else str(tree)
    p = subprocess.run([sys.executable, "-m", "derm1m_build", "harvest", "--recipe", str(recipe), "--out", str(out),
                        "--workers", str(workers)], env=dict(env, PYTHONPATH=path), capture_output=True, text=True,
                       cwd=tree)  # `python -m` puts the cwd first on sys.path: without this, both ran this tree
    if p.returncode:
        raise SystemExit(f"harvest failed in {tree}: {p.stderr[-2000:]}")


def logs(out: Path, drop: frozenset[str] = frozenset()) -> dict:
    """Each source's fetch-log items; `drop`: entry fields left out of the comparison (see --ignore-field)."""
    got = {p.parent.name: json.loads(p.read_text())["items"] for p in sorted((out / "raw").glob("*/_fetch.json"))}
    return {n: {k: {f: x for f, x in v.items() if f not in drop} for k, v in items.items()} for n, items in got.items()}


def field_count(out: Path, name: str) -> int:
    return sum(name in v for p in (out / "raw").glob("*/_fetch.json") for v in json.loads(p.read_text())["items"].values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--old", type=Path, required=True, help="the other code tree (repository root)")
    ap.add_argument("--videos", type=int, default=6)
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--threads", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--rate", type=float, default=25.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ignore-field", action="append", default=[],
                    help="a fetch-log entry field the new code adds and no build digest reads (e.g. want)")
    ap.add_argument("--asr", action="store_true", help="videos with audio and no captions, transcribed by a tiny "
                    "Whisper (asr_corpus.py); one fetch thread (main's ASR model failed concurrent calls)")
    ap.add_argument("--listed-ids", action="store_true", help="videos listed with their ids (as from a channel "
                    "or playlist), in both trees: YouTube's keys are known while it fetches")
    a = ap.parse_args()
    drop = frozenset(a.ignore_field)
    a.video_mb = 1.0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        videos = mix.make_videos(tmp / "corpus", a.videos, a.video_mb)
        extra, batch, threads = "", 16, 8
        if a.asr:
            from benchmarks.sources import asr_corpus

            videos = asr_corpus.with_audio(tmp / "corpus", videos, a.video_mb)
            extra, batch, threads = asr_corpus.asr_section(asr_corpus.tiny_whisper(tmp / "whisper")), 1, 1
        mix.make_articles(tmp / "corpus", a.articles)
        forum = mix.Forum(a.threads, 0.0)
        servers = {"videos": mix.Counted(lambda h: mix.VIDEO_HOST, mix.video_answer(videos), a.latency),
                   "pmc": mix.Counted(lambda h: mix.PMC_HOST, mix.pmc_answer(tmp / "corpus"), a.latency),
                   "forum": mix.Counted(lambda h: h, mix.forum_answer(forum), a.latency)}
        ports = {k: s.port for k, s in servers.items()}
        forum.port = ports["forum"]
        env = mix.env_for(ports)
        hook = None
        if a.listed_ids:
            hook = tmp / "hook"
            hook.mkdir()
            (hook / "sitecustomize.py").write_text(LISTED_IDS)
        got = {}
        for name, tree in (("old", a.old.resolve()), ("new", mix.REPO)):
            d = tmp / name
            d.mkdir()
            r = mix.write_recipe(d, a, ports, sorted(videos["items"]), batch, threads)
            r.write_text(r.read_text() + extra)
            since = time.time()
            run(tree, r, d / "out", env, a.workers, hook)
            st = mix.server_stats(servers, since)
            m = json.loads((d / "out/work/harvest/_manifest.json").read_text())
            got[name] = {"manifest_shards": m["shards"], "rows_out": m["rows_out"], "fetch_logs": logs(d / "out", drop),
                         "ignored_fields": {f: field_count(d / "out", f) for f in sorted(drop)},
                         "input_digest": m["input_digest"],
                         "requests": {h: n - st["robots_txt"].get(h, 0) for h, n in st["requests"].items()},
                         "efetch_requests": sum(1 for s in servers.values() for t, h, q in s.log
                                                if t >= since and "efetch" in q)}
        for s in servers.values():
            s.srv.shutdown()
    o, n = got["old"], got["new"]
    res = {"scale": {"videos": a.videos, "articles": a.articles, "forum_threads": a.threads}, "asr": a.asr,
           "listed_ids": a.listed_ids, "youtube_log_keys": [sorted(o["fetch_logs"].get("youtube", {}))[:2],
                                                            sorted(n["fetch_logs"].get("youtube", {}))[:2]],
           "rows_out": [o["rows_out"], n["rows_out"]], "shards": [len(o["manifest_shards"]), len(n["manifest_shards"])],
           "manifest_shards_equal": o["manifest_shards"] == n["manifest_shards"],
           "fetch_logs_equal": o["fetch_logs"] == n["fetch_logs"],
           "input_digest_equal": o["input_digest"] == n["input_digest"],
           "ignored_fields_count": {"old": o["ignored_fields"], "new": n["ignored_fields"]},
           "requests_per_host": {"old": o["requests"], "new": n["requests"]},
           "requests_equal": o["requests"] == n["requests"],
           "efetch_requests": [o["efetch_requests"], n["efetch_requests"]]}
    print(json.dumps(res, indent=1))
    if not (res["manifest_shards_equal"] and res["fetch_logs_equal"] and res["requests_equal"]
            and res["input_digest_equal"]):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
