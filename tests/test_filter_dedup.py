"""Near-duplicate search equals brute force; clusters keep one representative."""

from __future__ import annotations

import json

import numpy as np
import pytest

from derm1m_build.filtering import dedup


def planted(n: int, seed: int = 0, flips: int = 5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 2**63, size=n, dtype=np.uint64) | (rng.integers(0, 2, size=n, dtype=np.uint64) << np.uint64(63))
    k = n // 5
    src, dst = rng.integers(0, n, k), rng.integers(0, n, k)
    f = np.zeros(k, np.uint64)
    for _ in range(flips):
        f |= np.uint64(1) << rng.integers(0, 64, k).astype(np.uint64)
    x[dst] = x[src] ^ f
    x[:10] = x[10]  # identical hashes too
    return x


@pytest.mark.parametrize("radius", [0, 2, 6, 8, 12])
def test_multi_index_equals_brute_force_and_faiss_flat(radius):
    x = planted(3000, seed=radius)
    got = dedup.multi_index_pairs(x, radius)
    ref = dedup.brute_pairs(x, radius)
    assert len(ref) > 0
    assert np.array_equal(got, ref)
    assert np.array_equal(dedup.flat_pairs(x, radius), ref)


def test_multi_index_two_workers_same_pairs():
    x = planted(60_000, seed=3)
    a = dedup.multi_index_pairs(x, 8, workers=1)
    b = dedup.multi_index_pairs(x, 8, workers=2)
    assert np.array_equal(a, b) and len(a) > 1000


def test_hash_clusters_label_is_smallest_member():
    h = np.asarray([0b1111, 0b1110, 0xFFFF0000, 0b1111, 0xFFFF0001, 1 << 40], np.uint64)
    assert dedup.hash_clusters(h, 1).tolist() == [0, 0, 2, 0, 2, 5]
    assert dedup.hash_clusters(h, 0).tolist() == [0, 1, 2, 0, 4, 5]


def row(sid, sha, ph, w, h, blur):
    return {"sample_id": sid, "image_sha256": sha, "phash": ph, "width": w, "height": h,
            "scores": json.dumps({"blur": blur})}


def test_cluster_representative_largest_then_sharpest_then_id():
    rows = [row("b", "s1", "00000000000000ff", 100, 100, 50.0),
            row("a", "s2", "00000000000000fe", 100, 100, 90.0),  # same size, sharper -> kept
            row("c", "s3", "00000000000000fc", 80, 80, 500.0),
            row("d", "s1", "ffffffffffff0000", 10, 10, 1.0),  # same sha as b -> same cluster, no check
            row("e", "s4", "0f0f0f0f0f0f0f0f", 50, 50, 1.0),
            row("f", "s5", "0f0f0f0f0f0f0f0f", 60, 50, 1.0)]  # identical hash, larger -> kept
    got, rep = dedup.cluster(rows, radius=2, same=lambda x, y: True)
    assert got == {"a": ("dup-a", "a"), "b": ("dup-a", "a"), "c": ("dup-a", "a"), "d": ("dup-a", "a"),
                   "e": ("dup-f", "f"), "f": ("dup-f", "f")}
    assert rep["warnings"] == []
    # nothing confirmed: only byte-identical rows cluster
    got, _ = dedup.cluster(rows, radius=2, same=lambda x, y: False)
    assert got["b"] == got["d"] == ("dup-b", "b") and got["a"] == ("dup-a", "a") and got["e"] == ("dup-e", "e")
    # radius -1: exact sha only, whatever the check says
    got, _ = dedup.cluster(rows, radius=-1, same=lambda x, y: True)
    assert got["b"] == got["d"] == ("dup-b", "b") and got["a"] == ("dup-a", "a") and got["e"] == ("dup-e", "e")


def test_cluster_does_not_chain():
    """a~b and b~c are confirmed, a~c is not: c must not follow b into a's cluster."""
    rows = [row("a", "s1", "0000000000000000", 100, 100, 1.0),
            row("b", "s2", "0000000000000003", 90, 90, 1.0),
            row("c", "s3", "000000000000000f", 80, 80, 1.0)]
    ok = {("a", "b"), ("b", "c")}
    checked = []

    def same(x, y):
        checked.append((x["sample_id"], y["sample_id"]))
        return tuple(sorted((x["sample_id"], y["sample_id"]))) in ok

    got, rep = dedup.cluster(rows, radius=8, same=same)
    assert got == {"a": ("dup-a", "a"), "b": ("dup-a", "a"), "c": ("dup-c", "c")}
    assert ("a", "c") in checked and ("b", "c") not in checked  # c was checked against the representative only
    # single linkage over the same candidates would have merged all three
    assert set(dedup.hash_clusters(np.asarray([0, 3, 15], np.uint64), 8).tolist()) == {0}


def test_cluster_cap_warns_and_keeps_the_rest():
    rows = [row(f"r{i:02d}", f"s{i}", "00000000000000ff", 100 - i, 100, 1.0) for i in range(7)]
    got, rep = dedup.cluster(rows, radius=0, same=lambda x, y: True, cap=4)
    assert [got[f"r{i:02d}"][1] for i in range(7)] == ["r00"] * 4 + ["r04", "r04", "r04"]
    assert rep["warnings"] == [{"representative": "r00", "reason": "cluster_cap", "cap": 4, "refused": 3}]


@pytest.mark.parametrize("exact_limit,index", [(10_000, "ivf-pq-fastscan"), (100, "ivf-pq-fastscan"), (100, "ivf-flat")])
def test_knn_pairs_exact_and_inverted_file(exact_limit, index):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2000, 16)).astype(np.float32)
    x[1000:1100] = x[:100] + rng.normal(scale=0.05, size=(100, 16)).astype(np.float32)  # planted near copies
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    got = {tuple(p) for p in dedup.knn_pairs(x, 4, 0.95, exact_limit=exact_limit, index=index, chunk=777).tolist()}
    sim = x @ x.T
    i, j = np.nonzero(np.triu(sim >= 0.95, 1))
    ref = set(zip(i.tolist(), j.tolist()))
    assert {(k, 1000 + k) for k in range(100)} <= ref
    assert got == ref  # every reported pair re-scored exactly; the planted ones all found


def test_knn_pairs_unknown_index_is_an_error():
    x = np.eye(60, 8, dtype=np.float32)
    with pytest.raises(ValueError, match="unknown index"):
        dedup.knn_pairs(x, 2, 0.5, exact_limit=10, index="hnsw")


def test_embedding_pairs_exact_threshold():
    v = [np.array([1, 0, 0], np.float32), np.array([0.99, 0.141, 0], np.float32), np.array([0, 1, 0], np.float32)]
    assert dedup.embedding_pairs(["x", "y", "z"], v, 0.98) == [("x", "y")]
    assert dedup.embedding_pairs(["x", "y", "z"], v, 0.999) == []
    rows = [row(s, s, None, 10, 10, 0.0) for s in "xyz"]
    assert dedup.cluster(rows, 8, extra_pairs=[("x", "y")])[0]["y"] == ("dup-x", "x")
