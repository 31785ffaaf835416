"""Splitter speed round 47: values shared across the split's rules, and exact fast reductions.

- `memo.one_figure` / `per_figure`: a figure's split keeps per-figure answers (keyed by the pixels
  they were asked of), read-only, dropped when the split returns or raises.
- `figure.darkest` / `ink` / `grey` / `grey_view` / `grey_part` / `darkest_part`: exactly the arrays
  the rules computed before for themselves (their old expressions are written out here), on real
  figures, inside a split and outside one.
- `pixels.top_counts`, `flat_share`, `median`: the numpy expressions they replace, on ties, zeros,
  strided views and every axis form the splitter uses.
- `gutters._true_runs`: the runs its old `diff`/`concatenate` form found.
- `split_panels` inside its figure scope gives the boxes it gives with every per-figure value
  computed afresh (`__wrapped__`: no scope).
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import figure, memo, pixels
from derm1m_build.pmc.panels.charts import _slanted_segments, _slanted_segments_of
from derm1m_build.pmc.panels.gutters import _MAX_SIDE, _true_runs, channel_min
from derm1m_build.pmc.panels.split import split_panels

FIGURES = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "figures"
NAMES = ("yfpeng__PMC7003341_40779_2020_233_Fig2_HTML.png", "yfpeng__PMC7003341_40779_2020_233_Fig5_HTML.png")


def _figures() -> list[np.ndarray]:
    if not (FIGURES / "figures.jsonl").exists():
        pytest.skip("../shared/realdata/figures is not beside this checkout")
    files = {Path(json.loads(line)["file"]).name: json.loads(line)["file"]
             for line in (FIGURES / "figures.jsonl").read_text(encoding="utf-8").splitlines()}
    out = [cv2.imread(str(FIGURES / files[n]), cv2.IMREAD_COLOR) for n in NAMES if n in files]
    if len(out) != len(NAMES):
        pytest.skip("the test figures are not in ../shared/realdata/figures")
    return out


# ------------------------------------------------------------------ memo.one_figure

def test_per_figure_kept_for_the_split_read_only_and_dropped():
    calls = []
    img = np.arange(60, dtype=np.uint8).reshape(6, 10)

    def ask(a, extra=0):
        return memo.per_figure("t", (a,), extra, lambda: calls.append(1) or a.sum(axis=0))

    @memo.one_figure
    def split(inner: bool = False):
        assert memo.in_figure()
        first, again, other = ask(img), ask(img[:, :]), ask(img[1:])
        assert first is again and other is not first and not first.flags.writeable
        if inner:
            assert split() is first   # a split inside a split shares the outer one's values
        return first

    assert split(inner=True).tolist() == img.sum(axis=0).tolist()
    assert calls == [1, 1] and not memo.in_figure()
    split()
    assert calls == [1, 1] * 2     # a new split computes afresh
    ask(img), ask(img)
    assert calls == [1, 1] * 2 + [1, 1]   # outside a split: every time

    @memo.one_figure
    def fails():
        ask(img)
        raise ValueError("x")

    with pytest.raises(ValueError):
        fails()
    assert not memo.in_figure()
    # the layout pass keeps its own memo: a split does not open it
    assert getattr(memo._STATE, "memo", None) is None


# ------------------------------------------------------------------ figure.py: the old expressions

def _old_values(img: np.ndarray) -> dict:
    """The arrays the rules built for themselves before they were shared."""
    b, g, r = cv2.split(np.ascontiguousarray(img[:, :, :3]))
    step = max(1, max(img.shape[:2]) // _MAX_SIDE)
    view = np.ascontiguousarray(img[::step, ::step])
    return {
        "ink": cv2.min(cv2.min(b, g), r) < 200,                                   # _one_chart, _linked
        "ink2": channel_min(img[:, :, :3]) < 200,                                  # _tile_leftovers
        "darkest": cv2.min(cv2.min(img[:, :, 0], img[:, :, 1]), img[:, :, 2]),    # _partial_cut
        "grey": cv2.cvtColor(np.ascontiguousarray(img[..., :3]), cv2.COLOR_BGR2GRAY),   # _bracket_labels ...
        "view": cv2.cvtColor(view[:, :, :3], cv2.COLOR_BGR2GRAY), "step": step,    # orphans, framed, _left_out
    }


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)


def test_shared_values_equal_what_each_rule_computed_before():
    for img in _figures():
        old = _old_values(img)
        outside = (figure.ink(img), figure.darkest(img), figure.grey(img), figure.grey_view(img))

        @memo.one_figure
        def inside():
            got = (figure.ink(img), figure.darkest(img), figure.grey(img), figure.grey_view(img))
            assert figure.ink(img) is got[0] and figure.grey(img) is got[2]   # made once per split
            assert not got[0].flags.writeable and not got[2].flags.writeable
            return got

        for ink, dark, grey, (view, step) in (outside, inside()):
            assert _same(ink, old["ink"]) and _same(ink, old["ink2"])
            assert _same(dark, old["darkest"]) and _same(grey, old["grey"])
            assert _same(view, old["view"]) and step == old["step"]
        H, W = img.shape[:2]
        for x0, y0, x1, y1 in ((0, 0, W, H), (7, 11, W // 2, H // 3), (W // 3, H // 2, W - 5, H - 1)):
            part = img[y0:y1, x0:x1]
            grey_old = cv2.cvtColor(np.ascontiguousarray(part[:, :, :3]), cv2.COLOR_BGR2GRAY)   # _text_only
            dark_old = cv2.min(cv2.min(part[:, :, 0], part[:, :, 1]), part[:, :, 2])          # _partial_cut
            assert _same(figure.grey_part(img, x0, y0, x1, y1), grey_old)
            assert _same(figure.darkest_part(img, x0, y0, x1, y1), dark_old)
            assert _same(memo.one_figure(lambda: figure.grey_part(img, x0, y0, x1, y1))(), grey_old)
            assert _same(memo.one_figure(lambda: figure.darkest_part(img, x0, y0, x1, y1))(), dark_old)


def test_grey_figure_values_are_the_figure_and_never_frozen():
    img = np.tile(np.arange(0, 250, 2, dtype=np.uint8), (90, 1))

    @memo.one_figure
    def inside():
        view, step = figure.grey_view(img)
        assert np.shares_memory(view, img) and step == 1   # contiguous, step 1: the figure's own pixels ...
        assert view.flags.writeable
        return figure.darkest(img), figure.grey(img), figure.ink(img)

    dark, grey, ink = inside()
    assert dark is img and grey is img and img.flags.writeable   # ... left writeable
    assert _same(ink, img < 200)
    assert _same(figure.grey_part(img, 3, 4, 50, 60), img[4:60, 3:50])


def test_split_in_its_scope_equals_every_value_computed_afresh():
    for img in _figures():
        kept = [b.xyxy for b in split_panels(img)]
        fresh = [b.xyxy for b in split_panels.__wrapped__(img)]
        assert kept == fresh and len(kept) >= 2


def test_slanted_segments_kept_for_the_split():
    ink = np.zeros((200, 300), bool)
    cv2.line(ink.view(np.uint8), (20, 20), (120, 180), 1, 1)
    want = _slanted_segments_of(ink, 0, 0, 300, 200, 300)
    assert want and isinstance(want, tuple)
    assert _slanted_segments(ink, 0, 0, 300, 200, 300) == want

    @memo.one_figure
    def inside():
        first = _slanted_segments(ink, 0, 0, 300, 200, 300)
        assert _slanted_segments(ink.T.T, 0, 0, 300, 200, 300) is first   # the same pixels: asked once
        return first

    assert inside() == want


# ------------------------------------------------------------------ pixels.py

def _old_top(counts: np.ndarray, k: int, floor: float) -> list[int]:
    top = np.argpartition(counts, -k)[-k:]
    out = []
    for c in top[np.argsort(counts[top])[::-1]]:
        if counts[c] < floor:
            break
        out.append(int(c))
    return out


def test_top_counts_equals_the_partition_loop():
    rng = np.random.default_rng(47)
    cases = []
    for _ in range(150):
        counts = np.zeros(1 << 12, np.int64)
        idx = rng.integers(0, len(counts), int(rng.integers(0, 40)))
        counts[idx] = rng.integers(1, int(rng.choice([5, 50, 5000])), len(idx))
        cases.append((counts, float(rng.choice([0.5, 3, 20, 400]))))
    tied = np.zeros(1 << 12, np.int64)
    tied[[5, 9, 40, 41, 300, 301, 302]] = [900, 900, 500, 400, 400, 400, 30]   # ties above, at and below the 6th
    cases += [(tied, 1.0), (tied, 450.0), (tied, 2000.0), (np.zeros(64, np.int64), 0.0)]
    for counts, floor in cases:
        assert pixels.top_counts(counts, 6, floor).tolist() == _old_top(counts, 6, floor)


def test_flat_share_equals_the_channel_all_form():
    rng = np.random.default_rng(3)
    parts = [rng.integers(0, 3, (40, 50, 3)).astype(np.uint8), np.full((9, 7, 3), 200, np.uint8)]
    parts += [img[10:400:2, 5:300:2, :3] for img in _figures()]
    for part in parts:
        same = (part[:-1, 1:] == part[:-1, :-1]).all(axis=2) & (part[1:, :-1] == part[:-1, :-1]).all(axis=2)
        assert pixels.flat_share(part) == float(same.mean())


def test_median_equals_numpy_on_every_form_the_splitter_asks():
    rng = np.random.default_rng(11)
    for _ in range(400):
        shape = tuple(int(v) for v in rng.integers(1, 9, size=int(rng.integers(1, 4))))
        a = rng.integers(0, 256, size=shape).astype(rng.choice([np.uint8, np.int16, np.int64, bool]))
        if a.ndim >= 2 and rng.random() < 0.5:
            a = a[::2]
        axes = [None, 0, -1] + ([(0, 1)] if a.ndim >= 2 else []) + ([(1, 2)] if a.ndim == 3 else [])
        for axis in axes:
            want, got = np.median(a, axis=axis), pixels.median(a, axis=axis)
            assert type(got) is type(want) and np.asarray(got).dtype == np.asarray(want).dtype
            assert np.array_equal(got, want)
    big = rng.integers(0, 256, (3, 300, 3)).astype(np.uint8)          # a partition, not a sort
    assert np.array_equal(pixels.median(big, axis=(0, 1)), np.median(big, axis=(0, 1)))
    assert pixels.median(big.reshape(-1, 3)[:-1], axis=0).tolist() == np.median(big.reshape(-1, 3)[:-1], axis=0).tolist()
    f = np.array([1.5, np.nan, 0.25])
    assert np.isnan(pixels.median(f))   # floats: numpy's own (NaN kept)


def _old_runs(mask, lo=0, hi=None):
    m = np.asarray(mask[lo:hi], dtype=np.int8)
    edges = np.diff(np.concatenate(([0], m, [0])))
    return [(lo + int(a), lo + int(b)) for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1))]


def test_true_runs_equal_the_diff_form():
    rng = np.random.default_rng(5)
    for _ in range(300):
        n = int(rng.integers(0, 40))
        mask = rng.random(n) < rng.random()
        lo = int(rng.integers(0, n + 1))
        hi = None if rng.random() < 0.5 else int(rng.integers(lo, n + 1))
        got = _true_runs(mask, lo, hi)
        assert got == _old_runs(mask, lo, hi)
        assert all(type(v) is int for run in got for v in run)
    assert _true_runs(np.array([True, True, False, True])) == [(0, 2), (3, 4)]
