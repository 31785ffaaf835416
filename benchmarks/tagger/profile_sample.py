"""Where the tagger's CPU time goes on million-style captions, by sampling (no tracing overhead on each call).

    python -m benchmarks.tagger.profile_sample --n 100000                 # functions, inclusive and own time
    python -m benchmarks.tagger.profile_sample --n 60000 --lines core.py  # lines of one module (own frame, with callees)

The captions are the million benchmark's (`million.make_captions`, seed 1); the first `--warm` are tagged before the
clock starts (caches, lazily built tables), the next `--n` are tagged and labelled (`labels_for`) as the million
benchmark does, one process. A CPU timer (`ITIMER_PROF`) interrupts every `--every` seconds of CPU and the Python
stack is read. Python runs the handler at its next check (a call into Python code, a loop's jump back, most calls
of C functions), so C time is charged to the line that made the call or, where a C iterator runs out, to the next
line that checks (the rest of an Aho-Corasick walk after its last hit shows on the line after the walk). Shares of
a few per cent at most on a shared machine: compare runs of two trees side by side (`ab_speed`), not readings.
"""

from __future__ import annotations

import argparse
import collections
import linecache
import signal
import time

from benchmarks.tagger.million import make_captions, sentences


def sample(n: int, warm: int = 10_000, every: float = 0.001, lines: str | None = None) -> tuple[float, int, dict]:
    """(CPU seconds, samples, counters) for tagging `n` captions after `warm`: counters `inclusive` and `own` by
    (file, function), and, with `lines` (a file name), `lines` by (path, line number) of that file's innermost frame."""
    from derm1m_build.ontology import load_ontology
    from derm1m_build.tagger import Tagger, labels_for

    onto = load_ontology()
    tagger = Tagger(onto)
    caps = make_captions(n + warm, 1, sentences())
    for r in tagger.tag_many(caps[:warm]):
        labels_for(r, onto)
    incl: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    by_line: collections.Counter = collections.Counter()
    total = [0]

    def on_tick(_sig, frame) -> None:
        total[0] += 1
        seen = set()
        first, found = True, lines is None
        while frame is not None:
            code = frame.f_code
            key = (code.co_filename.rsplit("/", 1)[-1], code.co_name)
            if first:
                own[key] += 1
                first = False
            if key not in seen:
                incl[key] += 1
                seen.add(key)
            if not found and key[0] == lines:
                by_line[(code.co_filename, frame.f_lineno or 0)] += 1  # (None while a frame is between lines)
                found = True
            frame = frame.f_back

    old = signal.signal(signal.SIGPROF, on_tick)
    signal.setitimer(signal.ITIMER_PROF, every, every)
    t0 = time.process_time()
    try:
        for r in tagger.tag_many(caps[warm:]):
            labels_for(r, onto)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, old)
    return time.process_time() - t0, total[0], {"inclusive": incl, "own": own, "lines": by_line}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="captions timed")
    ap.add_argument("--warm", type=int, default=10_000, help="captions tagged before the clock starts")
    ap.add_argument("--every", type=float, default=0.001, help="CPU seconds between samples")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--lines", help="a module's file name (core.py): its lines, with what they call")
    a = ap.parse_args()
    if a.n < 1 or a.warm < 0 or a.every <= 0:
        raise SystemExit("--n must be positive, --warm not negative, --every positive")
    cpu, total, counts = sample(a.n, a.warm, a.every, a.lines)
    print(f"{a.n:,} captions after {a.warm:,}: {cpu:.2f} CPU-s, {total:,} samples")
    if not total:
        return
    for name in ("inclusive", "own") if a.lines is None else ("lines",):
        print(f"-- {name}")
        for key, c in counts[name].most_common(a.top):
            where = key if name != "lines" else f"{a.lines}:{key[1]}  {linecache.getline(key[0], key[1]).strip()[:100]}"
            print(f"{100 * c / total:6.2f} %  {where}")


if __name__ == "__main__":
    main()
