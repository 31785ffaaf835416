"""How many harvest shards one edit reruns: count-based shards vs content-defined shards.

    python -m benchmarks.trust.bench_incremental --rows 100000 --shard-size 256 --trials 200

Keys stand for a local CSV's item ids (sorted, as harvest sorts them). For each trial one random row is
removed (or one new row added); a shard reruns when its units changed (its record names the digest of
its own units). Count-based: `_batches` (every shard from the change to the end moves). Content-defined:
`harvest_work.content_chunks`. Also timed: `codedigest.code_digest` for every stage (driver-side cost
of putting the code into the stage digests).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from derm1m_build.harvest_work import _batches, content_chunks


def _moved(a: list[list[str]], b: list[list[str]]) -> int:
    """Shards of `b` that are not, unit for unit, a shard of `a` (they run again)."""
    old = {tuple(c) for c in a}
    return sum(tuple(c) not in old for c in b)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--shard-size", type=int, default=256)
    ap.add_argument("--trials", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(0)
    keys = sorted(f"item-{rng.getrandbits(48):012x}" for _ in range(args.rows))
    base_c, base_n = content_chunks(keys, args.shard_size), _batches(keys, args.shard_size)
    sizes = [len(c) for c in base_c]
    print(f"{args.rows} rows, shard size {args.shard_size}: count-based {len(base_n)} shards; content-defined "
          f"{len(base_c)} shards (rows per shard: median {statistics.median(sizes):.0f}, min {min(sizes)}, "
          f"max {max(sizes)})")
    for what in ("remove", "add"):
        mc, mn = [], []
        for _ in range(args.trials):
            if what == "remove":
                new = list(keys)
                del new[rng.randrange(len(new))]
            else:
                new = sorted(keys + [f"item-{rng.getrandbits(48):012x}x"])
            mc.append(_moved(base_c, content_chunks(new, args.shard_size)))
            mn.append(_moved(base_n, _batches(new, args.shard_size)))
        print(f"one row {what}{'d' if what == 'remove' else 'ed'} ({args.trials} trials): shards rerun, count-based mean {statistics.mean(mn):.1f} "
              f"(max {max(mn)}), content-defined mean {statistics.mean(mc):.2f} (max {max(mc)})")
    from derm1m_build import codedigest
    from derm1m_build.registry import SOURCE_CLASSES, STAGE_CLASSES

    mods = [v.partition(":")[0] for v in (*STAGE_CLASSES.values(), *SOURCE_CLASSES.values())]
    t0 = time.perf_counter()
    for m in mods:
        codedigest.code_digest([m])
    t1 = time.perf_counter()
    print(f"code digests of {len(mods)} stage/source modules (cold, one process): {1000 * (t1 - t0):.0f} ms; "
          f"modules read: {len(codedigest.closure(tuple(mods)))}")


if __name__ == "__main__":
    main()
