"""The Arrow fit's fingerprint parse split in two processes (`dedup._start_split_parse`): a forked child
parses the last rows (and decodes their crop grids) while the parent parses the first; the fingerprints,
and so every candidate, cluster and report, are those of the one-process parse.

Rows: the tuning set's real photographs (`benchmarks/filter/dedup_sets.py`, the held-out set is not
read) and their seven kinds of planted copies, fingerprinted as the filter stage stores them; the split
is forced at this size (`_SPLIT_MIN`), which the real fit uses from 200,000 rows.
"""

from __future__ import annotations

import functools
import json
import os

import numpy as np
import pyarrow as pa
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


def _table(rows: list[dict]) -> pa.Table:
    """The rows as an Arrow table of three chunks, in an order other than the sample ids'."""
    rs = rows[::2] + rows[1::2]
    cols = ["sample_id", "image_sha256", "width", "height", "scores", "phash"]
    t = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rs],
                             schema=pa.schema([("sample_id", pa.string()), ("image_sha256", pa.string()),
                                               ("width", pa.int64()), ("height", pa.int64()),
                                               ("scores", pa.string()), ("phash", pa.string())]))
    a, b = len(t) // 3, 2 * len(t) // 3
    return pa.concat_tables([t.slice(0, a), t.slice(a, b - a), t.slice(b)])


def _odd(rows: list[dict]) -> list[dict]:
    """The rows with odd values in both parts of the split (sorted by sample id, the first 55 % parsed
    by the parent): no scores, scores that are not JSON or not an object, no thumb (so the child's
    thumbs move down), a thumb of the right length that is not base64, grids too short or not base64,
    no `dh` (the plain `phash` then), a malformed hash, a blur that is not a number."""
    rs = [dict(r) for r in sorted(rows, key=lambda r: r["sample_id"])]
    n = len(rs)

    def edit(i: int, **kw) -> None:
        s = json.loads(rs[i]["scores"])
        for k, v in kw.items():
            if v is None:
                s.pop(k, None)
            else:
                s[k] = v
        rs[i]["scores"] = json.dumps(s)

    for base in (3, int(n * 0.55) + 4):  # once among the parent's rows, once among the child's
        rs[base]["scores"] = None
        rs[base + 1]["scores"] = "{not json"
        rs[base + 2]["scores"] = "[1, 2]"
        edit(base + 3, dt=None)
        t = json.loads(rs[base + 4]["scores"])["dt"]
        edit(base + 4, dt="!" + t[1:])
        edit(base + 5, dc="abc")
        g = json.loads(rs[base + 6]["scores"])["dc"]
        edit(base + 6, dc="!" + g[1:])
        edit(base + 7, dh=None)
        rs[base + 7]["phash"] = "00ff00ff00ff00ff"
        edit(base + 8, dh=["zz" * 8, "00" * 8])
        edit(base + 9, blur="sharp")
        rs[base + 10]["phash"] = None
    return rs


def _equal(a: dict, b: dict) -> None:
    """Two fingerprint dicts hold the same values (the split's blur is an array, its grids `GridRows`)."""
    assert a.keys() == b.keys()
    for k in ("hown", "hv", "town", "thumbs"):
        x, y = np.asarray(a[k]), np.asarray(b[k])
        assert x.dtype == y.dtype and np.array_equal(x, y), k
    assert np.array_equal(np.asarray(a["blur"], np.float64), np.asarray(b["blur"], np.float64))
    ka, ga = K.decode_many(a["dc"])
    kb, gb = b["dc"].decoded() if isinstance(b["dc"], K.GridRows) else K.decode_many(b["dc"])
    assert np.array_equal(ka, kb) and np.array_equal(ga, gb)


def _split(monkeypatch) -> list:
    """Split from one row on; returns the list of what each split parse gave (its "dc")."""
    monkeypatch.setattr(dedup, "_SPLIT_MIN", 1)
    seen: list = []
    inner = dedup._start_split_parse

    def spy(*a, **kw):
        f = inner(*a, **kw)
        if f is None:
            return None

        def done():
            fp = f()
            seen.append(fp["dc"])
            return fp
        return done
    monkeypatch.setattr(dedup, "_start_split_parse", spy)
    return seen


def test_split_parse_gives_the_one_process_fingerprints(rows, monkeypatch):
    t = _table(_odd(rows))
    one = dedup._table_rows(t)
    want = one["fingerprints"]()
    one["small"]()
    # the odd rows reach the parse: rows without a thumb, hash or grid, in both parts
    assert len(want["town"]) == len(rows) - 10 and len(K.decode_many(want["dc"])[0]) == len(rows) - 10
    seen = _split(monkeypatch)
    two = dedup._table_rows(t, split=True)
    got = two["fingerprints"]()
    two["small"]()
    assert len(seen) == 1 and isinstance(seen[0], K.GridRows)
    assert seen[0].start == int(len(rows) * dedup._SPLIT_SHARE) and len(seen[0].done) == len(rows) - seen[0].start - 5
    _equal(want, got)
    # without the crop proposal the child's grid strings are not sent back
    three = dedup._table_rows(t, split=True, grids=False)
    got = three["fingerprints"]()
    three["small"]()
    assert got["dc"][seen[0].start:] == [None] * (len(rows) - seen[0].start)
    _equal({k: v for k, v in want.items() if k != "dc"} | {"dc": []}, got | {"dc": []})


def test_a_child_that_dies_leaves_its_rows_to_the_parent(rows, monkeypatch):
    t = _table(_odd(rows))
    one = dedup._table_rows(t)
    want = one["fingerprints"]()
    one["small"]()
    _split(monkeypatch)
    monkeypatch.setattr(dedup, "_parse_child", lambda *a: os._exit(3))
    two = dedup._table_rows(t, split=True)
    got = two["fingerprints"]()
    two["small"]()
    assert isinstance(got["dc"], list)
    _equal(want, got)


def test_the_fit_with_the_split_parse_gives_exactly_the_planted_clusters(rows, monkeypatch):
    """`cluster` on the Arrow table with 2 workers and the parse split against the one-process fit of
    the same rows as dicts: the same candidates of every kind, clusters, representatives and report;
    and the clusters are exactly the photos with their planted copies (the pixel check stood in for by
    the planted truth)."""
    monkeypatch.setattr(K, "crop_pairs", functools.partial(K.crop_pairs, chunk=40, exact_limit=100, nlist=16))
    origin = {r["sample_id"]: r["origin"] for r in rows}

    def same(a: dict, b: dict) -> bool:
        return origin[a["sample_id"]] == origin[b["sample_id"]]

    o1, r1 = dedup.cluster(rows, 8, same=same, workers=1)
    seen = _split(monkeypatch)
    o2, r2 = dedup.cluster(_table(rows), 8, same=same, workers=2)
    assert len(seen) == 1 and isinstance(seen[0], K.GridRows) and len(seen[0].done) > 100
    r1.pop("cpu_s")
    r2.pop("cpu_s")
    assert r1["candidates"]["crop"] > len(rows) // 4
    assert o1 == o2 and r1 == r2
    clusters: dict = {}
    for sid, (cid, rep) in o2.items():
        clusters.setdefault(cid, set()).add(sid)
    by_origin: dict = {}
    for r in rows:
        by_origin.setdefault(r["origin"], set()).add(r["sample_id"])
    assert sorted(map(sorted, clusters.values())) == sorted(map(sorted, by_origin.values()))


def test_no_child_to_be_had_parses_in_one_process(rows, monkeypatch):
    """Where no process can be started (e.g. inside a daemonic process) the parse runs as before."""
    import multiprocessing.process

    t = _table(_odd(rows))
    one = dedup._table_rows(t)
    want = one["fingerprints"]()
    one["small"]()
    seen = _split(monkeypatch)

    def refuse(self):
        raise AssertionError("daemonic processes are not allowed to have children")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    two = dedup._table_rows(t, split=True)
    got = two["fingerprints"]()
    two["small"]()
    assert seen == [] and isinstance(got["dc"], list)
    _equal(want, got)
