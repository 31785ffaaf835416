"""The vectorised duplicate fit (`dedup.cluster`, `dedup.star_clusters`, the radix-sorted hash search)
gives exactly what the earlier per-row code gave (`derm1m_build/testing/dedup_before.py`): the same
pairs, the same clusters and representatives, the same warnings, the same pixel checks in the same order."""

from __future__ import annotations

import json
import zlib

import numpy as np
import pytest

from derm1m_build.filtering import dedup
from derm1m_build.filtering.fingerprint import encode
from derm1m_build.testing import dedup_before as before


def corpus(n: int, seed: int) -> list[dict]:
    """Random fingerprints plus planted families: near hashes (a few bits flipped from a family centre,
    so members chain), mirrored hashes, shared hash values, near thumbs, byte-identical copies, rows
    with only a plain pHash, rows without a thumb, malformed fingerprints."""
    rng = np.random.default_rng(seed)
    h = rng.integers(0, 2**63, size=(n, 2), dtype=np.uint64) | (rng.integers(0, 2, size=(n, 2), dtype=np.uint64) << np.uint64(63))
    t = rng.normal(size=(n, 192)).astype(np.float32)
    fam = rng.integers(0, n // 25 + 1, n)  # ~25 rows per family
    inf = rng.random(n) < 0.4  # 40 % of rows join their family
    centre_h = rng.integers(0, 2**63, size=(n // 25 + 1,), dtype=np.uint64)
    centre_t = rng.normal(size=(n // 25 + 1, 192)).astype(np.float32)
    for i in np.flatnonzero(inf):
        f = np.uint64(0)
        for _ in range(int(rng.integers(0, 7))):
            f |= np.uint64(1) << np.uint64(int(rng.integers(0, 64)))
        h[i, int(rng.integers(0, 2))] = centre_h[fam[i]] ^ f  # plain or mirror hash
        t[i] = centre_t[fam[i]] + rng.normal(scale=rng.uniform(0.2, 1.2), size=192).astype(np.float32)
    if n > 9:
        h[5:9, 0] = h[4, 0]  # one shared hash value
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    rows = []
    for i in rng.permutation(n):
        sc = {"blur": float(rng.integers(0, 4)), "dh": [f"{int(h[i, 0]):016x}", f"{int(h[i, 1]):016x}"], "dt": encode(t[i])}
        if i % 17 == 0:
            del sc["dh"]  # plain pHash only
        if i % 19 == 0:
            del sc["dt"]  # no thumb
        if i % 97 == 0:
            sc["dh"] = ["xyz", "1"]  # malformed: falls back to the plain pHash
        sha = f"{i // 2:064x}" if i % 50 < 4 else f"{i:064x}"  # some byte-identical pairs
        rows.append({"sample_id": f"s{i:06d}", "image_sha256": sha, "phash": f"{int(h[i, 0]):016x}",
                     "width": int(rng.integers(1, 4)) * 100, "height": 100, "scores": json.dumps(sc)})
    return rows


def pseudo_same(calls: list):
    """A deterministic, non-transitive check: about 70 % of pairs confirmed."""
    def same(a: dict, b: dict) -> bool:
        calls.append((a["sample_id"], b["sample_id"]))
        x, y = sorted((a["sample_id"], b["sample_id"]))
        return zlib.crc32(f"{x}|{y}".encode()) % 10 < 7
    return same


@pytest.mark.parametrize("seed,n,radius,cap", [(0, 3000, 8, 50), (1, 2000, 8, 4), (2, 1500, 12, 6), (3, 800, -1, 50),
                                               (4, 1200, 0, 3)])
def test_cluster_identical_to_before(seed, n, radius, cap):
    rows = corpus(n, seed)
    ids = sorted(r["sample_id"] for r in rows)
    extra = [(ids[k], ids[k + 3]) for k in range(0, n - 3, 41)] + [("nope", ids[0]), (ids[1], ids[1])]
    c_new, c_old = [], []
    got, rep = dedup.cluster(rows, radius, same=pseudo_same(c_new), extra_pairs=extra, cap=cap, knn=6)
    ref, rep0 = before.cluster(rows, radius, same=pseudo_same(c_old), extra_pairs=extra, cap=cap, knn=6)
    assert got == ref
    assert c_new == c_old  # the same checks, in the same order
    assert rep.pop("cpu_s").keys() == {"rows", "fingerprints", "candidates", "stars", "output",
                                    "candidates_knn", "candidates_hash_here"}
    assert rep == rep0
    if radius == 8:
        assert rep["candidates"]["hash"] > 100 and rep["confirmed"] > 100  # the planted families were exercised
    if cap < 10 and radius >= 0:
        assert rep["warnings"]  # the cap was reached somewhere
    # and with no check at all (exact duplicates and extra pairs only)
    assert dedup.cluster(rows, radius, extra_pairs=extra)[0] == before.cluster(rows, radius, extra_pairs=extra)[0]


def test_cluster_empty_and_tiny():
    out, rep = dedup.cluster([], 8)
    assert set(rep.pop("cpu_s")) == {"rows", "fingerprints", "candidates", "stars", "output",
                                    "candidates_knn", "candidates_hash_here"}  # timings: not compared
    assert (out, rep) == before.cluster([], 8)
    rows = corpus(3, 0)
    assert dedup.cluster(rows, 8, same=lambda a, b: True)[0] == before.cluster(rows, 8, same=lambda a, b: True)[0]


def test_star_clusters_identical_on_random_graphs():
    rng = np.random.default_rng(7)
    for trial in range(30):
        n = int(rng.integers(1, 300))
        m = int(rng.integers(0, 3 * n))
        cand = rng.integers(0, n, size=(m, 2))
        order = rng.permutation(n).tolist()
        groups = [rng.choice(n, size=min(n, int(rng.integers(2, 5))), replace=False).tolist() for _ in range(int(rng.integers(0, 4)))]
        ok = rng.random((n, n)) < 0.6

        def same(i, j, log):
            log.append((i, j))
            return bool(ok[min(i, j), max(i, j)])

        la, lb = [], []
        cap = int(rng.integers(1, 8))
        a = dedup.star_clusters(n, order, cand, lambda i, j: same(i, j, la), groups, cap=cap)
        b = before.star_clusters(n, order, cand, lambda i, j: same(i, j, lb), groups, cap=cap)
        assert a[0].tolist() == b[0].tolist() and a[1] == b[1] and la == lb, trial


@pytest.mark.parametrize("radius", [3, 8])
def test_hash_search_identical_to_before(radius):
    rng = np.random.default_rng(radius)
    h = rng.integers(0, 2**63, size=60_000, dtype=np.uint64) * np.uint64(2) + rng.integers(0, 2, 60_000).astype(np.uint64)
    f = np.zeros(20_000, np.uint64)
    for _ in range(radius):
        f |= np.uint64(1) << rng.integers(0, 64, 20_000).astype(np.uint64)
    h[40_000:] = h[:20_000] ^ f
    got = dedup.multi_index_pairs(h, radius)
    assert len(got) >= 15_000
    assert np.array_equal(got, before.multi_index_pairs(h, radius))


@pytest.mark.parametrize("buf", [1 << 16, 64])
def test_hash_search_skewed_blocks_equal_brute_force(buf, monkeypatch):
    """Hashes that share whole chunks (blocks of every size, some of thousands; wide size classes that
    outgrow the reused buffers) give the brute-force pairs, with one process and with two."""
    rng = np.random.default_rng(3)
    n = 4000
    h = rng.integers(0, 2**63, size=n, dtype=np.uint64) * np.uint64(2)
    h[:1200] &= np.uint64(0xFFFF_FFFF_0000_0000)  # low half shared: large blocks on the low chunks
    h[1200:2700] &= ~np.uint64(0xFFFF_FF00_0000_0000)  # high bits shared
    h[2700:3000] = h[3000:3300] ^ (np.uint64(1) << rng.integers(0, 64, 300).astype(np.uint64))
    h = np.unique(h)
    monkeypatch.setattr(dedup._Tables, "BUF", buf)
    ref = dedup.brute_pairs(h, 8)
    ref = ref[np.lexsort((ref[:, 1], ref[:, 0]))]
    assert len(ref) > 1000
    assert np.array_equal(dedup.multi_index_pairs(h, 8), ref)
    assert np.array_equal(dedup.multi_index_pairs(h, 8, k=11), ref)


@pytest.mark.parametrize("n,index", [(3000, "ivf-pq-fastscan"), (52_000, "ivf-pq-fastscan"), (52_000, "ivf-flat")])
def test_knn_pairs_identical_to_before(n, index):
    rng = np.random.default_rng(n)
    t = rng.normal(size=(n, 192)).astype(np.float16).astype(np.float32)
    t[n // 2:n // 2 + n // 10] = t[:n // 10] + rng.normal(scale=0.4, size=(n // 10, 192)).astype(np.float32)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    qs = [t, dedup.mirror_thumbs(t)]
    got = dedup.knn_pairs(t, 8, 0.5, queries=qs, index=index, chunk=10_000)
    assert len(got) >= n // 20
    assert np.array_equal(got, before.knn_pairs(t, 8, 0.5, queries=qs, index=index, chunk=7_777))
    # the exact re-scoring: the broadcast dot products equal the gathered ones bit for bit
    nb = rng.integers(0, n, size=(500, 9))
    a = np.einsum("ikd,id->ik", t[nb], t[:500]).reshape(-1)
    b = np.einsum("ij,ij->i", np.repeat(t[:500], 9, axis=0), t[nb.reshape(-1)])
    assert np.array_equal(a, b)


@pytest.mark.parametrize("scale", [1.0, 3.0])
def test_knn_rescoring_on_the_threshold_identical_to_before(scale):
    """Thresholds set to exact (einsum) similarities of returned pairs, so that faiss' products, summed
    in another order, fall on both sides of them: every decision is still the earlier code's."""
    rng = np.random.default_rng(7)
    n = 2000
    t = rng.normal(size=(n, 192)).astype(np.float16).astype(np.float32)
    t[1000:1400] = t[:400] + rng.normal(scale=0.6, size=(400, 192)).astype(np.float32)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    t *= np.float32(scale)
    qs = [t, dedup.mirror_thumbs(t)]
    sims = np.einsum("ij,ij->i", t[1000:1400], t[:400])
    near = 0
    for s in np.sort(sims)[::80].tolist():
        got = dedup.knn_pairs(t, 8, s, queries=qs, chunk=3)
        assert np.array_equal(got, before.knn_pairs(t, 8, s, queries=qs, chunk=7_777)), s
        near += int(len(got) > 0)
    assert near >= 4
    # faiss' products are not all equal to the einsum's: the threshold check is needed
    import faiss

    nb = np.ascontiguousarray(rng.integers(0, n, size=(400, 9)), dtype=np.int64)
    ip = np.empty((400, 9), np.float32)
    faiss.fvec_inner_products_by_idx(faiss.swig_ptr(ip), faiss.swig_ptr(t), faiss.swig_ptr(t), faiss.swig_ptr(nb),
                                     192, 400, 9)
    ex = np.einsum("ikd,id->ik", t[nb], t[:400])
    assert (ip != ex).any()
    assert np.abs(ip - ex).max() <= 8 * 192 * 2.0 ** -24 * scale * scale


def test_knn_rescoring_non_finite_vectors_identical_to_before():
    rng = np.random.default_rng(8)
    t = rng.normal(size=(600, 192)).astype(np.float32)
    t[300:400] = t[:100] + rng.normal(scale=0.3, size=(100, 192)).astype(np.float32)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    t[5, 7], t[305, 0], t[9, :] = np.nan, np.inf, 0.0
    got = dedup.knn_pairs(t, 8, 0.5, queries=[t, dedup.mirror_thumbs(t)])
    assert len(got) >= 90
    assert np.array_equal(got, before.knn_pairs(t, 8, 0.5, queries=[t, dedup.mirror_thumbs(t)]))


ODD_SCORES = [None, "", "null", "[]", "3", "{bad", '{"blur": "1.5"}', '{"blur": true}', '{"blur": 1, "blur": 2}',
              '{"blur": 1}{"blur": 2}', " ", '{"blur": NaN}', '{"x": NaN, "blur": 2}', '{"dh": null, "blur": null}',
              '{"dh": ["0123456789abcdef", null]}', '{"dh": ["0123456789abcdef"]}', '{"dh": "0123456789abcdef"}',
              '{"dh": ["0123456789abcdéf", "0123456789abcdef"]}', '{"dt": 5}', '{"dt": "abc"}', '{"b\\u006cur": 3}',
              '{"x": {"dh": [1, 2]}, "blur": 1.5}', '{"note": "a\ttab"}', '{"x": 123456789012345678901234567890}']


def _no_grid(fp: dict) -> dict:
    """The fingerprints without the crop grids (`dc`), which the earlier parse did not read."""
    return {k: v for k, v in fp.items() if k != "dc"}


def _fp_equal(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for k in a:
        x, y = np.asarray(a[k]), np.asarray(b[k])
        assert x.shape == y.shape and x.dtype == y.dtype, k
        assert np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), k


@pytest.mark.parametrize("odd", [False, True])
def test_fingerprints_from_columns_equal_per_row(odd):
    import pyarrow as pa

    rows = sorted(corpus(600, 5), key=lambda r: r["sample_id"])
    if odd:  # every odd value somewhere (one of them sends the whole column through the per-row parse)
        for k, sc in enumerate(ODD_SCORES):
            rows[7 * k]["scores"] = sc
        rows[3]["phash"], rows[4]["phash"], rows[5]["phash"] = None, "abc", "0123456789abcdeg"
    want = dedup._fingerprints(rows)
    _fp_equal(_no_grid(want), before._fingerprints(rows))  # and the earlier per-row parse (it had no crop grid)
    table = pa.Table.from_pylist(rows)
    got = dedup._fingerprints_columns(table.column("scores"), table.column("phash"), len(rows))
    _fp_equal(got, want)
    for sc in ODD_SCORES:  # and one by one
        one = [dict(rows[0], scores=sc)]
        t1 = pa.Table.from_pylist(one)
        _fp_equal(dedup._fingerprints_columns(t1.column("scores"), t1.column("phash"), 1), dedup._fingerprints(one))
        _fp_equal(_no_grid(dedup._fingerprints(one)), before._fingerprints(one))


@pytest.mark.parametrize("seed,n,radius,cap", [(0, 3000, 8, 50), (1, 2000, 8, 4), (3, 800, -1, 50)])
def test_cluster_on_arrow_table_identical_to_before(seed, n, radius, cap):
    """The stage hands `cluster` its Arrow table: the same clusters, report and pixel checks (with
    rows made from the table, only for the rows checked) as the earlier per-row code on row dicts."""
    import pyarrow as pa

    rows = corpus(n, seed)
    for k, sc in enumerate(ODD_SCORES[:4]):  # rows without fingerprints, and nulls in the columns
        rows[11 * k + 1]["scores"] = sc
    rows[2]["image_sha256"], rows[3]["image_sha256"], rows[4]["width"] = None, "", None
    ids = sorted(r["sample_id"] for r in rows)
    extra = [(ids[k], ids[k + 3]) for k in range(0, n - 3, 41)] + [("nope", ids[0])]
    table = pa.Table.from_pylist(rows).select(["scores", "sample_id", "width", "height", "image_sha256", "phash"])
    c_new, c_old = [], []
    got, rep = dedup.cluster(table, radius, same=pseudo_same(c_new), extra_pairs=extra, cap=cap, knn=6)
    ref, rep0 = before.cluster(rows, radius, same=pseudo_same(c_old), extra_pairs=extra, cap=cap, knn=6)
    assert got == ref
    assert c_new == c_old
    rep.pop("cpu_s")
    assert rep == rep0
    if radius == 8:
        assert rep["confirmed"] > 100
    assert dedup.cluster(table, radius)[0] == before.cluster(rows, radius)[0]


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_fingerprints_thumbs_decoded_in_chunks_equal(chunk, monkeypatch):
    """Thumbs decoded a chunk at a time (a malformed string sends only its chunk through the per-row
    decode) give the earlier whole-column parse's fingerprints, from row dicts and from the Arrow table."""
    import pyarrow as pa

    rows = sorted(corpus(300, 9), key=lambda r: r["sample_id"])
    for k, sc in enumerate(ODD_SCORES):
        rows[5 * k + 2]["scores"] = sc
    bad = [k for k in range(1, 300, 2) if '"dt": "' in (rows[k]["scores"] or "") and k % 5 != 2][:3]
    for k in bad:  # thumbs of the right length that are not base64
        s = json.loads(rows[k]["scores"])
        s["dt"] = "!" * len(s["dt"])
        rows[k]["scores"] = json.dumps(s)
    assert len(bad) == 3
    want = before._fingerprints(rows)
    monkeypatch.setattr(dedup, "_THUMB_CHUNK", chunk)
    got = dedup._fingerprints(rows)
    _fp_equal(_no_grid(got), want)
    assert len(got["town"]) == len(got["thumbs"]) < 300 - 3
    table = pa.Table.from_pylist(rows)
    _fp_equal(dedup._fingerprints_columns(table.column("scores"), table.column("phash"), len(rows)), got)
