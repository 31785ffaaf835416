"""The aligned comparison's shortcuts (`derm1m_build.video.frames._fine_score`, `_fine_view`) decide as the
full computation does: a largest difference well under `fine_threshold` stands in for the window means
(an upper bound of each), and the view is normalised in place with the same float32 operations."""

from __future__ import annotations

import av
import cv2
import numpy as np
import pytest

from derm1m_build.video import frames
from derm1m_build.video.frames import features

CFG = frames.ShotConfig()


def _windows(ba: np.ndarray, bb: np.ndarray, cfg: frames.ShotConfig) -> float:
    """The worst window mean at every position, computed in full (the score before the shortcut)."""
    h, w = ba.shape
    m = max(2, w // 40)
    diff = cv2.absdiff(ba, bb)[m:h - m, m:w - m]
    dh, dw = diff.shape
    kx, ky = max(1, round(dw / cfg.fine_grid[0])), max(1, round(dh / cfg.fine_grid[1]))
    means = cv2.boxFilter(diff, -1, (kx, ky), anchor=(0, 0), borderType=cv2.BORDER_CONSTANT)
    return float(means[:dh - ky + 1, :dw - kx + 1].max())


def _pair(seed: int, scale: float, spot: float = 0.0):
    """Two blurred 284x160 views that differ by noise of `scale` everywhere, plus `spot` over one cell-sized
    patch (a changed digit)."""
    rng = np.random.default_rng(seed)
    a = cv2.GaussianBlur(rng.standard_normal((160, 284)).astype(np.float32), (0, 0), 0.7)
    b = a + np.float32(scale) * rng.uniform(-1, 1, a.shape).astype(np.float32)
    b[60:67, 100:109] += np.float32(spot)
    return a, b


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("scale,spot", [(0.2, 0.0), (1.0, 0.0), (1.29, 0.0), (0.3, 1.0), (0.3, 1.6), (0.3, 3.0),
                                        (2.0, 0.0), (0.05, 1.25)])
def test_score_decides_as_the_full_window_means(seed, scale, spot):
    """Below the threshold by `_FINE_SURE` the largest difference is returned (an upper bound of every
    window's mean, on the same side of the threshold); otherwise the full window means, the same float."""
    a, b = _pair(seed, scale, spot)
    got, full = features._fine_score(a, b, CFG), _windows(a, b, CFG)
    assert (got > CFG.fine_threshold) == (full > CFG.fine_threshold)
    assert full <= got
    m = max(2, a.shape[1] // 40)
    top = float(np.abs(a - b)[m:-m, m:-m].max())
    if top <= features._FINE_SURE * CFG.fine_threshold:
        assert got == pytest.approx(top, abs=1e-6)
    else:
        assert got == full


def test_shortcut_is_taken_and_the_cut_still_found():
    """A still picture against itself with faint noise takes the shortcut (score = its largest difference,
    far from the window mean); one digit-sized patch 1.6 standard deviations brighter is not, and scores
    its window mean in full, over the threshold."""
    a, b = _pair(0, 0.2)
    got = features._fine_score(a, b, CFG)
    assert 0.19 < got <= 0.2 and _windows(a, b, CFG) < 0.14
    a, b = _pair(0, 0.0, 1.6)
    got = features._fine_score(a, b, CFG)
    assert got == _windows(a, b, CFG) and got > CFG.fine_threshold


def test_fine_view_is_the_normalised_block_means():
    """`_fine_view` normalises the block means in place: the bytes of (means - mean) / (std + 1e-3) in
    float32, as a separate computation gives them."""
    rng = np.random.default_rng(3)
    bgr = cv2.GaussianBlur(rng.integers(0, 256, (480, 854, 3), dtype=np.uint8), (0, 0), 2)
    frame = av.VideoFrame.from_ndarray(bgr, format="bgr24").reformat(format="yuv420p")
    s = features._Sample(0.0, np.zeros(576, np.float32), 0.0, 0.0)
    got = features._fine_view(s, frame)
    plane = frame.planes[0]
    grey = np.frombuffer(plane, np.uint8).reshape(480, plane.line_size)[:, :854]
    small = cv2.resize(grey[:480, :852], (284, 160), interpolation=cv2.INTER_AREA).astype(np.float32)
    mean, std = cv2.meanStdDev(small)
    want = (small - np.float32(mean[0, 0])) / np.float32(std[0, 0] + 1e-3)
    assert got.dtype == np.float32 and got.shape == (160, 284) and np.array_equal(got, want)
    assert features._fine_view(s, frame) is got  # cached on the sample
