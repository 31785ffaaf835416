"""Crop candidates (`filtering/crops.py`): window thumbs are exact area means of the stored grid, the
vectorised search gives what a brute-force comparison gives, bad stored grids are left out, and the
grid travels in the filter's fingerprint (and leaves with the other fit-only keys)."""

from __future__ import annotations

import json

import numpy as np

from derm1m_build.filtering import crops as K
from derm1m_build.filtering import dedup
from derm1m_build.filtering.fingerprint import fingerprint


def _ref_window(g: np.ndarray, size: float, ox: float, oy: float) -> np.ndarray:
    """One window by explicit integration of the piecewise-constant grid (edge cells repeated outside)."""
    G = g.shape[0]

    def cover(lo: float, hi: float) -> np.ndarray:  # (8, G) weights by sampling each output cell finely
        out = np.zeros((K.CELLS, G))
        e = np.linspace(lo, hi, K.CELLS + 1)
        for k in range(K.CELLS):
            t = np.linspace(e[k], e[k + 1], 4001)[:-1] + (e[k + 1] - e[k]) / 8000
            c = np.clip(np.floor(t * G).astype(int), 0, G - 1)
            out[k] = np.bincount(c, minlength=G) / len(t)
        return out

    ax = cover(0.5 + ox - size / 2, 0.5 + ox + size / 2)
    ay = cover(0.5 + oy - size / 2, 0.5 + oy + size / 2)
    lab = np.einsum("ky,yxc,lx->ckl", ay, g.astype(np.float64), ax)
    lab -= lab.mean(axis=(1, 2), keepdims=True)
    lab /= lab.std(axis=(1, 2), keepdims=True) + 2.0
    v = lab.reshape(-1)
    return v / (np.linalg.norm(v) + 1e-6)


def test_windows_are_area_means_of_the_grid():
    rng = np.random.default_rng(0)
    g = rng.integers(0, 256, size=(3, K.GRID, K.GRID, 3), dtype=np.uint8)
    offs = K.query_offsets() + [(0.0, 0.0)]
    got = K.windows(g, K.QUERY_WINDOW, offs)
    assert got.shape == (3, 10, 192)
    for i in range(3):
        for w, (ox, oy) in enumerate(offs):
            np.testing.assert_allclose(got[i, w], _ref_window(g[i], K.QUERY_WINDOW, ox, oy), atol=2e-3)
    np.testing.assert_allclose(K.windows(g, 0.8, [(0.0, 0.0)])[:, 0],
                               np.stack([_ref_window(x, 0.8, 0, 0) for x in g]), atol=2e-3)


def _brute(grids: np.ndarray, k: int, min_sim: float) -> set:
    """Each image's k best other images by the best of its query windows against their centre window,
    at least min_sim (ties: smaller index)."""
    q = K.windows(grids, K.QUERY_WINDOW, K.query_offsets())
    b = K.windows(grids, K.INDEX_WINDOW, [(0.0, 0.0)])[:, 0]
    n = len(grids)
    out = set()
    for i in range(n):
        s = np.einsum("wd,jd->jw", q[i], b).max(axis=1)
        s[i] = -np.inf
        for j in np.lexsort((np.arange(n), -s))[:k]:
            if s[j] >= min_sim:
                out.add((min(i, j), max(i, j)))
    return out


def test_crop_pairs_equal_brute_force():
    rng = np.random.default_rng(1)
    base = np.repeat(np.repeat(rng.integers(30, 220, size=(60, 4, 4, 3)), 3, axis=1), 3, axis=2)
    g = np.clip(base + rng.integers(-20, 20, size=base.shape), 0, 255).astype(np.uint8)
    # shifted copies: the grid moved by one cell (a crop's content, roughly)
    g = np.concatenate([g, np.concatenate([g[:20, 1:], g[:20, -1:]], axis=1)])
    for k, ms in ((2, -1.0), (1, 0.3), (3, 0.5), (4, 0.85)):
        got = set(map(tuple, K.crop_pairs(g, k=k, min_sim=ms, chunk=17).tolist()))
        assert got == _brute(g, k, ms), (k, ms)
    assert len(K.crop_pairs(g, k=2, min_sim=-1.0)) > 80  # the ranking was exercised (every image: 2 best)
    assert len(K.crop_pairs(g, k=4, min_sim=0.85)) >= 20  # the shifted copies


def test_stored_grids_parsed_and_bad_ones_left_out():
    rng = np.random.default_rng(2)
    g = rng.integers(0, 256, size=(4, K.GRID, K.GRID, 3), dtype=np.uint8)
    s = [K.encode(x) for x in g]
    bad = "!" + s[1][1:]  # right length, not base64
    keep, grids = K.decode_many([s[0], None, bad, s[2][:-4], 5, s[3]])
    assert keep.tolist() == [0, 5]
    assert np.array_equal(grids, g[[0, 3]])
    keep, grids = K.decode_many([s[0], s[1]])
    assert keep.tolist() == [0, 1] and np.array_equal(grids, g[:2])


def test_fingerprint_carries_the_grid_and_cluster_proposes_crops():
    rng = np.random.default_rng(3)
    im = cv2_image(rng)
    fp = fingerprint(im)
    assert set(fp) == {"dh", "dt", "dc"} and len(fp["dc"]) == K.GRID_LEN
    crop = im[10:-30, 25:-5]  # an uneven crop of ~12 %
    rows = [{"sample_id": "a", "width": 200, "height": 160, "scores": json.dumps(fp)},
            {"sample_id": "b", "width": 170, "height": 120, "scores": json.dumps(fingerprint(crop))}]
    out, rep = dedup.cluster(rows, 8, same=lambda x, y: True)
    assert rep["candidates"]["crop"] == 1 and out["b"][1] == "a"
    out, rep = dedup.cluster(rows, 8, same=lambda x, y: True, crop_knn=0)
    assert "crop" not in rep["candidates"]


def cv2_image(rng) -> np.ndarray:
    """A textured 160 x 200 picture (smooth blobs), BGR uint8."""
    import cv2

    small = rng.integers(0, 256, size=(8, 10, 3)).astype(np.uint8)
    im = cv2.resize(small, (200, 160), interpolation=cv2.INTER_CUBIC)
    return cv2.GaussianBlur(im, (0, 0), 3)


def _lookalikes(n: int, rng: np.random.Generator) -> np.ndarray:
    """Grids crowded around one composition (a smooth blob on plain skin) with small smooth variations:
    many pairs alike (about 2 proposals per image above 0.85), as lesion close-ups are."""
    yy, xx = np.mgrid[0:K.GRID, 0:K.GRID] / (K.GRID - 1) - 0.5
    blob = np.exp(-(xx ** 2 + yy ** 2) / 0.08)[None, :, :, None]
    var = np.repeat(np.repeat(rng.normal(0, 5, size=(n, 4, 4, 3)), 3, axis=1), 3, axis=2)
    g = 150 + blob * np.array([-60.0, 25.0, 15.0]) + var + rng.normal(0, 2, size=(n, K.GRID, K.GRID, 3))
    return np.clip(np.rint(g), 0, 255).astype(np.uint8)


def test_shifted_copies_found_among_lookalikes_through_the_approximate_index():
    """Above `exact_limit` (the approximate index: 4-bit residual codes, `depth` asked per window,
    `rescore` distinct neighbours re-scored exactly) every planted original, each copy's exact best, is
    proposed among crowded look-alikes. (This synthetic crowd does not separate the earlier shallow
    setting; the simulation in benchmarks/filter/dedup_crops_scale.py does: RESULTS.md.)"""
    rng = np.random.default_rng(5)
    g = _lookalikes(6000, rng)
    shifted = np.concatenate([g[:40, 1:], g[:40, -1:]], axis=1)  # a one-cell shift, as a crop moves the picture
    grids = np.concatenate([g, shifted])
    q = K.windows(shifted, K.QUERY_WINDOW, K.query_offsets())
    b = K.base_windows(grids)
    s = np.einsum("cwd,jd->cjw", q, b).max(axis=2)
    s[np.arange(40), 6000 + np.arange(40)] = -np.inf
    assert (s.argmax(axis=1) == np.arange(40)).all()  # each copy's exact best is its original
    got = set(map(tuple, K.crop_pairs(grids, k=4, min_sim=0.85, exact_limit=1000).tolist()))
    assert {(i, 6000 + i) for i in range(40)} <= got
    # the same with the exhaustive index: exact, and what brute force gives on a part of it
    part = grids[np.r_[0:150, 6000:6040]]
    assert set(map(tuple, K.crop_pairs(part, k=4, min_sim=0.85).tolist())) == _brute(part, 4, 0.85)
