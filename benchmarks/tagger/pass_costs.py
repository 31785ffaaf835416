"""What each kind of caption costs, and which rule passes run without changing anything (one process).

    python -m benchmarks.tagger.pass_costs --n 25000              # per kind of caption, then the result passes
    python -m benchmarks.tagger.pass_costs --n 25000 --kinds-only

The captions are the million benchmark's (`million.make_captions`, seed 1), tagged after `--warm` of them. Part one
times the word-level pass of each window (`_prepare_window`), then `_finish` of each caption by what it ends with (no
name hit from the name walk; an empty result; concepts only; one condition; two or more) and `labels_for`. Part two
wraps every module-level pass `_finish` calls on the result (`status_frames(text, res)`, ...) and `_round44`: calls,
calls that changed the result (its conditions and concepts with every status field, compared before and after), and
CPU time per call. A pass that runs often and changes nothing is where a tighter exact gate would save time; the
wrapper's own cost is in every share, so compare shares, not the sum, with an unwrapped run.
"""

from __future__ import annotations

import argparse
import collections
import inspect
import re
import time
import types

from benchmarks.tagger.million import make_captions, sentences


def _snapshot(res) -> list[tuple]:
    return [(m.id, tuple(m.span), m.negated, m.uncertain, m.historical, m.hedged, m.weak, m.concluded, m.ground, m.item)
            for m in res.conditions] + [(m.id, tuple(m.span), m.negated, m.uncertain) for m in res.concepts]


def kinds(tagger, onto, caps: list[str], window: int = 2500) -> dict[str, list[float]]:
    """{kind: [captions, CPU seconds]} for the word-level pass, `_finish` by the caption's kind, and `labels_for`."""
    from derm1m_build.tagger import labels_for

    clock = time.process_time
    acc: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0])
    for lo in range(0, len(caps), window):
        part = caps[lo:lo + window]
        t = clock()
        ready = tagger._prepare_window(part)
        acc["word-level pass (window)"][0] += len(part)
        acc["word-level pass (window)"][1] += clock() - t
        for text, p, tr in zip(part, ready, tagger._window_triggers(ready)):
            if p is None:
                continue
            t = clock()
            res = tagger._finish(text, p, tr)
            d = clock() - t
            t = clock()
            labels_for(res, onto)
            acc["labels_for"][0] += 1
            acc["labels_for"][1] += clock() - t
            kind = ("finish: no name hit" if not p[5] else "finish: empty result" if not res.conditions and not res.concepts
                    else "finish: concepts only" if not res.conditions else "finish: one condition"
                    if len(res.conditions) == 1 else "finish: two or more conditions")
            acc[kind][0] += 1
            acc[kind][1] += d
    return acc


def result_passes(tagger, onto, caps: list[str]) -> tuple[float, dict[str, list[float]]]:
    """(CPU seconds of the whole run, {pass: [calls, calls that changed the result, CPU seconds]}) with every
    module-level pass `_finish` calls after `_result` wrapped (in the tagger's module, so `_finish` calls the wrapper)."""
    import derm1m_build.tagger.core as core
    from derm1m_build.tagger import labels_for

    clock = time.process_time
    stats: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0, 0.0])

    def wrap(name: str, fn, res_at: int):
        def wrapped(*args, **kwargs):
            res = args[res_at]
            before = _snapshot(res)
            t = clock()
            out = fn(*args, **kwargs)
            d = clock() - t
            s = stats[name]
            s[0] += 1
            s[2] += d
            s[1] += _snapshot(res) != before
            return out
        return wrapped

    src = inspect.getsource(core.Tagger._finish)
    after = src[src.index("res = self._result("):]
    saved = {}
    for name in sorted(set(re.findall(r"(?<![\w.])([A-Za-z_]\w*)\((?:text|res)\b", after))):
        fn = getattr(core, name, None)
        if isinstance(fn, types.FunctionType) and "res" in inspect.signature(fn).parameters:
            saved[name] = fn
            setattr(core, name, wrap(name, fn, list(inspect.signature(fn).parameters).index("res")))
    tagger._round44 = wrap("Tagger._round44", tagger._round44, 1)
    try:
        t = clock()
        for r in tagger.tag_many(caps):
            labels_for(r, onto)
        total = clock() - t
    finally:
        for name, fn in saved.items():
            setattr(core, name, fn)
        del tagger._round44
    return total, stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=25_000, help="captions measured")
    ap.add_argument("--warm", type=int, default=5_000, help="captions tagged first (caches, lazily built tables)")
    ap.add_argument("--kinds-only", action="store_true")
    a = ap.parse_args()
    from derm1m_build.ontology import load_ontology
    from derm1m_build.tagger import Tagger, labels_for

    onto = load_ontology()
    tagger = Tagger(onto)
    caps = make_captions(a.n + a.warm, 1, sentences())
    for r in tagger.tag_many(caps[:a.warm]):
        labels_for(r, onto)
    caps = caps[a.warm:]
    acc = kinds(tagger, onto, caps)
    total = sum(v[1] for v in acc.values())
    print(f"{a.n:,} captions after {a.warm:,}: {total:.2f} CPU-s, {1e6 * total / a.n:.1f} us a caption")
    for k, (n, s) in sorted(acc.items()):
        print(f"  {k:32s} {int(n):7,d} captions  {1e6 * s / max(n, 1):7.1f} us each  {s / total:6.1%} of the time")
    if a.kinds_only:
        return
    total, stats = result_passes(tagger, onto, caps)
    print(f"result passes (wrapped), {total:.2f} CPU-s in all:")
    for k, (calls, changed, s) in sorted(stats.items(), key=lambda kv: -kv[1][2]):
        print(f"  {k:28s} calls {int(calls):6,d}  changed {int(changed):5,d}  {1e6 * s / max(calls, 1):7.1f} us a call  "
              f"{s / total:6.2%} of the time")


if __name__ == "__main__":
    main()
