"""What the shard integrity check costs a run: `workcheck.stage_problems` (sha256 of every shard, the
manifest against `_done/`) against the check it replaced (every shard file exists), on the same stage,
in one run.

    python -m benchmarks.trust.bench_integrity --rows 400000 --shard-size 2048

A stage of caption-like rows (text columns of realistic length) is generated with the store's own
writer, so the shards have the bytes and compression a real build writes.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import pyarrow as pa

WORDS = ("erythematous scaly plaque on the extensor surface of the elbow in a middle aged man with "
         "psoriasis silvery scale nail pitting dermoscopy shows dotted vessels in a regular pattern").split()


def make_stage(root: Path, rows: int, shard_size: int, seed: int = 0) -> tuple[object, dict]:
    from derm1m_build.pipeline import _finish_manifest
    from derm1m_build.store import StageStore

    rng = random.Random(seed)
    store = StageStore(root / "work", "caption")
    empty = pa.table({"sample_id": pa.array([], pa.string()), "reason": pa.array([], pa.string())})
    records = {}
    for k in range(0, rows, shard_size):
        n = min(shard_size, rows - k)
        t = pa.table({
            "sample_id": [f"{rng.getrandbits(80):020x}" for _ in range(n)],
            "caption": [" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) for _ in range(n)],
            "raw_text": [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))) for _ in range(n)],
            "meta": [f'{{"patient_id": "P{rng.randint(0, 10**6)}"}}' for _ in range(n)],
        })
        key = f"x-{k // shard_size:05d}"
        records[key] = store.write_shard(key, t, empty, {"rows_in": n})
    m = _finish_manifest(store, "caption", "r", "i", records, {})
    return store, m


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=400_000)
    ap.add_argument("--shard-size", type=int, default=2048)
    a = ap.parse_args()
    from derm1m_build import workcheck

    tmp = Path(tempfile.mkdtemp(prefix="bench-integrity-"))
    try:
        store, m = make_stage(tmp, a.rows, a.shard_size)
        size = sum(p.stat().st_size for p in store.dir.rglob("*.parquet"))
        t0 = time.perf_counter()
        assert all(store.shard(k).exists() and store.excluded(k).exists() for k in m["shards"])
        t_exists = time.perf_counter() - t0
        workcheck._SHA_CACHE.clear()
        t0 = time.perf_counter()
        assert workcheck.stage_problems(store, m) == []
        t_check = time.perf_counter() - t0
        t0 = time.perf_counter()
        assert workcheck.stage_problems(store, m) == []  # the same run, next stage's input check: cached
        t_cached = time.perf_counter() - t0
        print(f"rows {a.rows}, shards {len(m['shards'])}, {size / 1e6:.1f} MB of shards")
        print(f"exists check (before): {t_exists * 1000:.1f} ms")
        print(f"integrity check (sha256 + _done): {t_check * 1000:.1f} ms ({size / 1e6 / t_check:.0f} MB/s)")
        print(f"integrity check again in the same run (cached): {t_cached * 1000:.1f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
