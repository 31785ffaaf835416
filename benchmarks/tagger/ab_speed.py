"""Side-by-side CPU time of two checkouts of the tagger on the same million-style captions, in one run.

    python -m benchmarks.tagger.ab_speed /path/to/checkout_a /path/to/checkout_b --n 120000
    python -m benchmarks.tagger.ab_speed /path/to/checkout /path/to/checkout --huge-pages-b   # huge pages off / on

Each checkout runs in its own worker process (its own `derm1m_build` and `ontology/`), both built before the clock
starts; the parent hands them the same chunks of captions (`million.make_captions`, seed 1) in turns, A-B then B-A,
one worker busy at a time, so both see the same machine load chunk by chunk. Each reports the CPU seconds
(`time.process_time`) it spent tagging and labelling (`labels_for`) the chunk. The ratio B / A of the summed CPU
seconds is the figure; wall time on a shared machine is not.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

WORKER = r"""
import json, sys, time
from benchmarks.tagger.million import make_captions, sentences
from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger, labels_for
n = int(sys.argv[1])
onto = load_ontology(); tagger = Tagger(onto)
caps = make_captions(n, 1, sentences())
print("ready", flush=True)
for line in sys.stdin:
    lo, hi = map(int, line.split())
    t0 = time.process_time()
    nc = nl = 0
    for r in tagger.tag_many(caps[lo:hi]):
        nc += len(r.conditions)
        nl += bool(labels_for(r, onto)["disease_label"])
    print(json.dumps([time.process_time() - t0, nc, nl]), flush=True)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", help="checkout A (the reference)")
    ap.add_argument("b", help="checkout B")
    ap.add_argument("--n", type=int, default=120_000, help="captions each side tags")
    ap.add_argument("--chunk", type=int, default=5_000)
    ap.add_argument("--huge-pages-b", action="store_true",
                    help="B's worker with the tagger's huge pages on (`DERM1M_TAGGER_HUGE_PAGES=1`), A's with them off")
    a = ap.parse_args()
    procs = []
    for root in (a.a, a.b):
        env = dict(os.environ, PYTHONPATH=os.path.abspath(root))
        if a.huge_pages_b:
            env["DERM1M_TAGGER_HUGE_PAGES"] = "1" if root is a.b else "0"
        p = subprocess.Popen([sys.executable, "-c", WORKER, str(a.n)], cwd=os.path.abspath(root), env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        procs.append(p)
    for p in procs:
        if p.stdout.readline().strip() != "ready":
            sys.exit("a worker failed to start")
    cpu, conds, labels = [0.0, 0.0], [0, 0], [0, 0]
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    for i, lo in enumerate(range(0, a.n, a.chunk)):
        hi = min(a.n, lo + a.chunk)
        for side in ((0, 1) if i % 2 == 0 else (1, 0)):
            procs[side].stdin.write(f"{lo} {hi}\n")
            procs[side].stdin.flush()
            c, nc, nl = json.loads(procs[side].stdout.readline())
            cpu[side] += c
            conds[side] += nc
            labels[side] += nl
    for p in procs:
        p.stdin.close()
        p.wait()
    print(f"{a.n:,} captions each, chunks of {a.chunk:,}, A-B / B-A turns; load average {load0:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after; {time.perf_counter() - t0:.0f} s wall in all")
    for name, k in (("A", 0), ("B", 1)):
        print(f"{name} {(a.a, a.b)[k]}: cpu {cpu[k]:.2f} s, {conds[k]:,} condition matches, {labels[k]:,} labelled")
    print(f"B / A cpu ratio {cpu[1] / cpu[0]:.3f}")


if __name__ == "__main__":
    main()
