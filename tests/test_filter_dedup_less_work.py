"""The duplicate fit's two cuts of 2026-12-05: the thumb kNN searches with the thumbs only (a mirrored
copy is the hash search's: every image's mirrored pHash is searched beside its own), and the rows handed
to the pixel check are taken from an Arrow table batch by batch, not by a `take` that concatenates it."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pytest

from derm1m_build.filtering import dedup
from derm1m_build.filtering.fingerprint import encode


def _rows() -> tuple[list[dict], np.ndarray]:
    """200 rows of random fingerprints (random unit thumbs: pairwise similarity < 0.5; random 64-bit
    hashes: none within 8 by chance), and three planted relations:

    * row 1's thumb is row 0's plus a little noise (a near thumb, hashes unrelated);
    * row 2's thumb is row 3's mirrored (only a mirrored query finds it; hashes unrelated);
    * row 4's plain hash is row 5's mirrored hash (a mirrored copy as the hash search sees it)."""
    rng = np.random.default_rng(11)
    n = 200
    t = rng.normal(size=(n, 192)).astype(np.float32)
    t[1] = t[0] + rng.normal(scale=0.05, size=192).astype(np.float32)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    t[2] = dedup.mirror_thumbs(t[3:4])[0]
    h = rng.integers(0, 2**63, size=(n, 2), dtype=np.uint64)
    h[4, 0] = h[5, 1]
    rows = [{"sample_id": f"s{i:04d}", "image_sha256": f"{i:064x}", "phash": f"{int(h[i, 0]):016x}", "width": 100,
             "height": 100, "scores": json.dumps({"blur": 1.0, "dh": [f"{int(h[i, 0]):016x}", f"{int(h[i, 1]):016x}"],
                                                 "dt": encode(t[i])})} for i in range(n)]
    return rows, t


def test_thumb_candidates_are_the_plain_kNN_mirrored_copies_the_hash_search():
    rows, t = _rows()
    got = dedup.candidate_pairs(rows, 8, knn=8, min_sim=0.5)
    assert got["thumb"].tolist() == [[0, 1]]  # the mirrored thumb pair (2, 3) is no longer proposed
    assert got["hash"].tolist() == [[4, 5]]  # the mirrored hash pair is
    assert [q.tolist() for q in dedup.thumb_queries(t)] == [t.tolist()]
    # what the fit proposed before: the same kNN with the mirrored thumbs searched too
    both = dedup.knn_pairs(t, 8, 0.5, queries=[t, dedup.mirror_thumbs(t)])
    assert both.tolist() == [[0, 1], [2, 3]]
    # and the fit: the near thumb and the mirrored hash confirmed and merged, the mirrored thumb left alone
    checked = []

    def same(a: dict, b: dict) -> bool:
        checked.append((a["sample_id"], b["sample_id"]))
        return True

    out, rep = dedup.cluster(rows, 8, same=same, crop_knn=0)
    assert rep["candidates"] == {"hash": 1, "thumb": 1, "extra": 0}
    assert sorted(checked) == [("s0000", "s0001"), ("s0004", "s0005")]
    merged = {k: v for k, v in out.items() if v[1] != k}
    assert merged == {"s0001": ("dup-s0000", "s0000"), "s0005": ("dup-s0004", "s0004")}


def _chunked(rows: list[dict], sizes: list[int]) -> pa.Table:
    parts, s = [], 0
    for z in sizes:
        parts.append(pa.Table.from_pylist(rows[s:s + z]))
        s += z
    return pa.concat_tables(parts)


def test_take_rows_batch_by_batch_equals_take():
    rows = [{"sample_id": f"r{i:03d}", "scores": json.dumps({"blur": i}), "width": i} for i in range(50)]
    t = _chunked(rows, [7, 1, 20, 22])
    assert t.column("scores").num_chunks == 4
    for idx in ([3, 49, 0, 7, 8, 27, 28], [5, 5, 30, 2], [], list(range(50))[::-1]):
        got = dedup._take_rows(t, np.asarray(idx, np.int64))
        assert got == t.take(pa.array(np.asarray(idx, np.int64))).to_pylist() == [rows[i] for i in idx]
    with pytest.raises(IndexError):
        dedup._take_rows(t, np.asarray([50]))


def test_cluster_on_a_chunked_table_checks_the_right_rows():
    rows, _ = _rows()
    t = _chunked(rows, [3, 2, 95, 100])  # rows 0..5 spread over three chunks
    seen = []

    def same(a: dict, b: dict) -> bool:
        seen.append((a, b))
        return True

    out, rep = dedup.cluster(t, 8, same=same, crop_knn=0)
    want = {r["sample_id"]: r for r in rows}
    assert [(a["sample_id"], b["sample_id"]) for a, b in seen] == [("s0000", "s0001"), ("s0004", "s0005")]
    assert all(a == want[a["sample_id"]] and b == want[b["sample_id"]] for a, b in seen)  # whole rows, as stored
    assert out == dedup.cluster(rows, 8, same=lambda a, b: True, crop_knn=0)[0]
