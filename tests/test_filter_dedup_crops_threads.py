"""The crop proposal's chunks searched two (or three) at a time give exactly the pairs of one at a time,
and the duplicate fit that runs them so decides exactly as the serial fit, on real photographs.

Rows: the tuning set's real photographs (`benchmarks/filter/dedup_sets.py`, the held-out set is not
read) and their seven kinds of planted copies, fingerprinted as the filter stage stores them. The real
fit searches 4,096 images a chunk and uses the approximate index above 10,000 images; here the chunks
are made small and the index approximate (`exact_limit`), so that these ~700 rows run as many chunks
through the inverted file, in several threads at once.
"""

from __future__ import annotations

import functools
import json
import threading
import time

import numpy as np
import pytest

from derm1m_build.filtering import crops as K
from derm1m_build.filtering import dedup
from derm1m_build.testing import realimages as R
from dedup_photo_rows import tuning_photo_rows

pytestmark = pytest.mark.skipif(not (R.shared_dir() / "realdata" / "photos" / "PROVENANCE.tsv").exists(),
                                reason="shared real photos not present")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return tuning_photo_rows()


def _grids(rows: list[dict]) -> np.ndarray:
    keep, g = K.decode_many([json.loads(r["scores"])["dc"] for r in rows])
    assert len(keep) == len(rows)
    return g


def test_crop_chunks_in_threads_give_the_serial_pairs_on_real_photos(rows, monkeypatch):
    g = _grids(rows)
    assert len(g) > 500
    seen: list[int] = []
    inner = K._chunk_pairs

    def spy(*a, **kw):
        seen.append(threading.get_ident())
        return inner(*a, **kw)

    monkeypatch.setattr(K, "_chunk_pairs", spy)
    for exact_limit, chunk in ((100, 37), (100, 64), (10_000, 50)):  # the inverted file, then the exhaustive index
        kw = dict(k=4, min_sim=0.85, chunk=chunk, exact_limit=exact_limit, nlist=16)
        seen.clear()
        serial = K.crop_pairs(g, threads=1, **kw)
        assert len(set(seen)) == 1 and len(seen) == -(-len(g) // chunk)
        # the copies and the look-alike photos propose pairs: the equality below is not of empty sets
        assert len(serial) > len(g) // 4
        for t in (2, 3):
            seen.clear()
            cpu: dict = {}
            got = K.crop_pairs(g, threads=t, cpu=cpu, **kw)
            assert len(set(seen)) > 1 and len(seen) == -(-len(g) // chunk)  # chunks ran in several threads
            assert cpu["chunks"] > 0
            assert got.dtype == serial.dtype and np.array_equal(got, serial), (exact_limit, chunk, t)


def test_fit_with_crop_chunks_in_threads_decides_as_the_serial_fit(rows, monkeypatch):
    """`cluster` with `workers` 2 (the crop proposal in a background thread, its chunks two at a time)
    against `workers` 1 (everything one after the other): the same candidates of every kind, clusters,
    representatives and report. The pixel check is stood in for by the planted truth (same origin)."""
    monkeypatch.setattr(K, "crop_pairs", functools.partial(K.crop_pairs, chunk=40, exact_limit=100, nlist=16))
    origin = {r["sample_id"]: r["origin"] for r in rows}

    def same(a: dict, b: dict) -> bool:
        return origin[a["sample_id"]] == origin[b["sample_id"]]

    got = {}
    for workers in (1, 2):
        out, rep = dedup.cluster(rows, 8, same=same, workers=workers)
        rep.pop("cpu_s")
        got[workers] = (out, rep)
    (o1, r1), (o2, r2) = got[1], got[2]
    assert r1["candidates"]["crop"] > len(rows) // 4
    assert o1 == o2 and r1 == r2
    # every planted copy joins its original's cluster (the fit works on these rows, in both paths)
    rep_of = {sid: o1[sid][1] for sid in o1}
    assert all(origin[rep_of[sid]] == origin[sid] for sid in o1)


def test_grids_decoded_in_chunks_as_in_one_piece(rows):
    """`decode_many` decodes a few thousand strings at a time (the fit's thread then lets the others run):
    the same positions and grids whatever the chunk, a bad string only leaving itself out."""
    strings = [json.loads(r["scores"])["dc"] for r in rows]
    keep, g = K.decode_many(strings)
    assert keep.tolist() == list(range(len(rows)))
    bad = list(strings)
    bad[5] = "!" + bad[5][1:]  # right length, not base64
    bad[40] = bad[40][:-4]  # too short
    bad[41] = None
    bad[77] = bad[77][:-2] + "=="  # right length, decodes to too few bytes
    for chunk in (1, 7, 64, 8192):
        k1, g1 = K.decode_many(strings, chunk=chunk)
        assert np.array_equal(k1, keep) and np.array_equal(g1, g)
        k2, g2 = K.decode_many(bad, chunk=chunk)
        assert k2.tolist() == [i for i in range(len(rows)) if i not in (5, 40, 41, 77)]
        assert np.array_equal(g2, g[k2])


def test_an_error_in_a_chunk_stops_the_others(rows, monkeypatch):
    """A chunk that fails raises in the caller, and the chunks not yet started are not run."""
    g = _grids(rows)
    calls: list[int] = []
    inner = K._chunk_pairs

    def failing(grids, s, *a, **kw):
        calls.append(s)
        if s == 0:
            raise RuntimeError("chunk failed")
        time.sleep(0.02)  # the other chunks take a while: ~1.7 s for all of them in the second thread
        return inner(grids, s, *a, **kw)

    monkeypatch.setattr(K, "_chunk_pairs", failing)
    with pytest.raises(RuntimeError, match="chunk failed"):
        K.crop_pairs(g, k=4, min_sim=0.85, chunk=8, exact_limit=100, nlist=16, threads=2)
    assert len(calls) < -(-len(g) // 8)
