"""Tag 1,000,000 real-style captions and measure it (no extrapolation): CPU seconds and wall.

    python -m benchmarks.tagger.million                  # 1,000,000 captions, 2 workers
    python -m benchmarks.tagger.million --n 100000       # a quicker look
    python -m benchmarks.tagger.million --huge-pages     # with the tagger's huge pages switched on (`tagger.memory`)

The captions are built from real text, varied so that almost none repeats: sentences of the 537 PubMed
abstracts and titles in `../shared/realdata/captions/`, the gold set and the first independent set (the
second, held-out set is left out), joined one to four at a time to Derm1M's caption lengths (most between
10 and 50 words), with numbers changed, some lower-cased and run together like auto-captions, and a few typos.
They are generated (seeded) before the clock starts. Each caption is tagged and given its label columns
(`labels_for`), as the tag stage does, in `--workers` forked processes; `cpu s` is the CPU time the workers
spent tagging, summed, which does not depend on other load on the machine; `wall s` is the elapsed time of the
whole tagging run. The parent's heap (tagger, captions) is frozen out of the collector before the fork
(`gc.freeze`), as for any forked worker pool.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import os
import random
import re
import resource
import time
from pathlib import Path

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger, labels_for

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
REAL = Path("/work/shared/realdata") if Path("/work/shared/realdata").is_dir() else REPO.parent / "shared" / "realdata"
SENT = re.compile(r"(?<=[.!?])\s+")
DIGITS = re.compile(r"\d+")


def sentences() -> list[str]:
    """The real sentences the captions are made of (the held-out set's texts excluded)."""
    held = {json.loads(l)["text"] for l in (HERE / "independent2" / "independent2.jsonl").open(encoding="utf-8")}
    out: list[str] = []
    for line in (REAL / "captions" / "pubmed_baseline_derm_titles_abstracts.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        out += [r["title"]] + SENT.split(r["abstract"] or "")
    for p in (REPO / "tests" / "data" / "tagger_gold.jsonl", HERE / "independent" / "independent.jsonl"):
        out += [json.loads(l)["text"] for l in p.open(encoding="utf-8")]
    return sorted({s.strip() for s in out if s and s.strip() and s.strip() not in held})


def _typo(rng: random.Random, w: str) -> str:
    i = rng.randrange(1, len(w) - 1)
    return w[:i] + w[i + 1:] if rng.random() < 0.5 else w[:i] + w[i + 1] + w[i] + w[i + 2:]


def make_captions(n: int, seed: int, pool: list[str]) -> list[str]:
    """`n` captions of one to four real sentences (short ones are joined until the caption is 10+ words)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts, words = [], 0
        target = rng.choice((10, 15, 20, 25, 30, 40, 50, 60))
        while words < target and len(parts) < 4:
            s = rng.choice(pool)
            parts.append(s)
            words += s.count(" ") + 1
        cap = " ".join(parts)
        if rng.random() < 0.5:
            cap = DIGITS.sub(lambda m: str(rng.randrange(1, 100)), cap)
        r = rng.random()
        if r < 0.15:  # auto-caption speech: lower case, no punctuation
            cap = re.sub(r"[^\w\s']", " ", cap.lower())
            cap = " ".join(cap.split())
        if r > 0.95:
            ws = cap.split(" ")
            k = rng.randrange(len(ws))
            if len(ws[k]) >= 6:
                ws[k] = _typo(rng, ws[k])
            cap = " ".join(ws)
        out.append(cap)
    return out


_STATE: dict = {}


def _work(span: tuple[int, int]) -> tuple[float, int, int, int]:
    lo, hi = span
    tagger, onto, caps = _STATE["tagger"], _STATE["ontology"], _STATE["captions"]
    t0 = time.process_time()
    n_cond = n_lab = 0
    for r in tagger.tag_many(caps[lo:hi]):
        n_cond += len(r.conditions)
        n_lab += bool(labels_for(r, onto)["disease_label"])
    return time.process_time() - t0, n_cond, n_lab, hi - lo


def run(n: int, workers: int, chunk: int) -> tuple[float, float, int, int]:
    spans = [(lo, min(n, lo + chunk)) for lo in range(0, n, chunk)]
    # the parent's objects (the tagger, the captions) go to the collector's permanent generation before the
    # fork, as the `gc` docs advise for forked workers: a worker's full collections then walk only what it
    # made itself, not the inherited heap (and do not write to its pages, which would copy them)
    gc.freeze()
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        parts = pool.map(_work, spans, chunksize=1)
    wall = time.perf_counter() - t0
    assert sum(p[3] for p in parts) == n
    return wall, sum(p[0] for p in parts), sum(p[1] for p in parts), sum(p[2] for p in parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="captions to tag")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=2_500,
                    help="captions per task (small tasks: the two workers finish within ~0.3 s of each other)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--huge-pages", action="store_true",
                    help="switch the tagger's huge pages on (`DERM1M_TAGGER_HUGE_PAGES=1`, `tagger.memory`: speed only, "
                         "the same outputs; off by default, as in the tag stage)")
    a = ap.parse_args()
    if a.huge_pages:  # (before the tagger is built: it asks at build, each forked worker at its first batch)
        os.environ["DERM1M_TAGGER_HUGE_PAGES"] = "1"
    onto = load_ontology()
    t0 = time.perf_counter()
    tagger = Tagger(onto)
    build = time.perf_counter() - t0
    pool = sentences()
    t0 = time.perf_counter()
    caps = make_captions(a.n, a.seed, pool)
    gen = time.perf_counter() - t0
    _STATE.update(tagger=tagger, ontology=onto, captions=caps)
    words = sum(c.count(" ") + 1 for c in caps) / len(caps)
    distinct = len(set(caps))
    load0 = os.getloadavg()[0]
    wall, cpu, n_cond, n_lab = run(a.n, a.workers, a.chunk)
    load1 = os.getloadavg()[0]
    print(f"tagger built in {build:.2f} s; {len(pool):,} real sentences; {a.n:,} captions generated in {gen:.1f} s "
          f"(not timed), {distinct:,} distinct, {words:.1f} words on average")
    print(f"workers={a.workers}, cpus={os.cpu_count()}, load average {load0:.1f} before / {load1:.1f} after; huge pages "
          f"{'on' if os.environ.get('DERM1M_TAGGER_HUGE_PAGES') == '1' else 'off'}")
    print(f"tagged + labelled {a.n:,} captions: wall {wall:.1f} s, cpu {cpu:.1f} s (workers' CPU, summed); "
          f"{a.n / wall:,.0f} captions/s wall, {a.n / cpu:,.0f} per CPU-second")
    print(f"on two free cores this is about {cpu / 2:.1f} s wall (cpu / 2); target <= 60 s for 1M on 2 cores")
    print(f"{n_cond:,} condition matches, {n_lab:,} captions labelled; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB (parent)")
    # the workers' CPU over the cores the run held: near 100 % on a quiet machine means both cores tagged the
    # whole run (the parent only hands out spans; captions reach the workers by fork, not by pickling)
    print(f"workers busy {cpu / (a.workers * wall):.0%} of the run's {a.workers} x {wall:.1f} core-seconds")


if __name__ == "__main__":
    main()
