"""Filter `fit` on Arrow columns gives exactly the clusters of `dedup.cluster` over row dicts."""

from __future__ import annotations

import json
import random

import pyarrow as pa

from derm1m_build.filtering.dedup import linkage_cluster as cluster
from derm1m_build.stages.filter import _phash_ints, cluster_columns


def _table(n: int, seed: int) -> pa.Table:
    rnd = random.Random(seed)
    bases = [rnd.getrandbits(64) for _ in range(n // 4 + 1)]
    rows = []
    for i in range(n):
        h = bases[rnd.randrange(len(bases))] ^ (1 << rnd.randrange(64) if rnd.random() < 0.5 else 0)
        rows.append({"sample_id": f"{rnd.getrandbits(64):016x}{i:04d}",
                     "image_sha256": rnd.choice(["", f"{rnd.randrange(n // 3 + 1):064x}"]),
                     "phash": "" if rnd.random() < 0.1 else f"{h:016x}",
                     "width": rnd.choice([64, 128, 256]), "height": rnd.choice([64, 128]),
                     "scores": json.dumps({"blur": rnd.random()})})
    return pa.Table.from_pylist(rows)


def test_cluster_columns_equals_cluster_on_rows():
    for seed in range(4):
        t = _table(300, seed)
        for radius in (-1, 0, 4):
            extra = [(t["sample_id"][1].as_py(), t["sample_id"][7].as_py())]
            want = cluster(t.to_pylist(), radius, method="flat", extra_pairs=extra)
            got = cluster_columns(t, radius, method="flat", extra_pairs=extra)
            assert got == want, (seed, radius)
            assert len({rep for _, rep in got.values()}) < len(got)  # there are duplicates to find


def test_phash_ints_fast_and_slow_paths_agree():
    hexes = ["00000000000000ff", "ffffffffffffffff", "0123456789abcdef"]
    assert _phash_ints(pa.chunked_array([hexes[:1], hexes[1:]])).tolist() == [int(h, 16) for h in hexes]
    assert _phash_ints(pa.array(["ff", "0a0b"])).tolist() == [255, 0x0a0b]


def test_empty_table():
    t = pa.table({c: pa.array([], pa.string()) for c in ("sample_id", "image_sha256", "phash", "scores")}
                 | {"width": pa.array([], pa.int64()), "height": pa.array([], pa.int64())})
    assert cluster_columns(t, 4) == {}
