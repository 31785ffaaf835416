"""Exact equivalents that `derm1m_build.video.frames` uses to spend less CPU around decoding: block means
instead of OpenCV's integer-factor area resize, features computed when first read, the kept frames
converted together into one array. Each gives the bytes of the computation it replaces."""

from __future__ import annotations

import av
import cv2
import numpy as np
import pytest

from derm1m_build.video import frames


def _all_block_sums(k: int) -> np.ndarray:
    """A k x (k * n) uint8 picture whose n = 255 k^2 + 1 blocks sum to 0, 1, ..., 255 k^2."""
    n = 255 * k * k + 1
    rem = np.arange(n)
    out = np.zeros((k, k * n), np.uint8)
    for o in range(k * k):
        take = np.minimum(rem, 255)
        rem -= take
        out[o // k, np.arange(n) * k + o % k] = take
    return out


@pytest.mark.parametrize("k", range(1, 10))
def test_block_means_match_opencv_area(k):
    """Every possible k x k block sum gives OpenCV's INTER_AREA value (the output depends on the sum only),
    and a random picture too; k = 2 is OpenCV's own (its SIMD path rounds ties up, not to even)."""
    pic = _all_block_sums(k)
    ref = cv2.resize(pic, (pic.shape[1] // k, 1), interpolation=cv2.INTER_AREA).astype(np.float32)
    got = frames._block_means(pic, k)
    assert got.dtype == np.float32 and np.array_equal(got, ref)
    rnd = np.random.default_rng(k).integers(0, 256, (24 * k, 40 * k), dtype=np.uint8)
    assert np.array_equal(frames._block_means(rnd, k),
                          cv2.resize(rnd, (40, 24), interpolation=cv2.INTER_AREA).astype(np.float32))
    if k == 2:  # why k = 2 is left to OpenCV: ties (sum 2: 0.5) round up there, to even in cvRound
        assert ref[0, 2] == 1.0 and np.rint(np.float32(2 * 0.25)) == 0.0


def _frame(seed: int, w: int = 854, h: int = 480, fmt: str = "yuv420p"):
    rng = np.random.default_rng(seed)
    bgr = cv2.GaussianBlur(rng.integers(0, 256, (h, w, 3), dtype=np.uint8), (0, 0), 3)
    return av.VideoFrame.from_ndarray(cv2.normalize(bgr, None, 0, 255, cv2.NORM_MINMAX), format="bgr24").reformat(
        format=fmt)


@pytest.mark.parametrize("w,h,fmt", [(854, 480, "yuv420p"), (150, 100, "yuv420p"), (640, 360, "rgb24")])
def test_sample_histogram_and_sharpness_when_first_read(w, h, fmt):
    """`_Sample.hist` and `.sharp` are computed when read, from the small picture kept until then: the
    values of computing them up front (HSV 12x4x4 histogram, L1-normalised, of the small BGR picture;
    variance of the Laplacian of its grey plane), and the small picture is let go once read."""
    f = _frame(w + h, w, h, fmt)
    s = frames._sample(f, 1.0)
    assert s._hist is None and s._sharp is None and s.src is not None and s.grey is not None
    small = frames._small_bgr(s.src)
    if fmt == "yuv420p" and w >= 320:  # subsampled planes, OpenCV's I420 conversion, the luma as grey
        assert s.src[0] == "i420" and small.shape == (96, 170, 3)
        grey = np.ascontiguousarray(s.src[1])
    else:  # swscale's bit-exact scaling to 160 px wide
        assert s.src[0] == "bgr" and small.shape[1] == 160
        grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    hist = cv2.calcHist([hsv], [0, 1, 2], None, [12, 4, 4], [0, 180, 0, 256, 0, 256])
    cv2.normalize(hist, hist, 1, 0, cv2.NORM_L1)
    _, lap = cv2.meanStdDev(cv2.Laplacian(grey, cv2.CV_32F))
    assert np.array_equal(s.hist, hist) and s.src is None
    assert s.sharp == float(lap[0, 0]) ** 2 and s.grey is None
    assert s.hist is s._hist and s.sharp == s._sharp  # computed once
    mean, std = cv2.meanStdDev(grey)
    assert (s.luma, s.std) == (float(mean[0, 0]), float(std[0, 0]))
    assert np.array_equal(s.thumb, frames._thumb(grey))


def test_kept_frames_converted_together_are_the_one_by_one_bytes():
    """Frames of one 4:2:0 size within `max_side` are converted into one array (each shot's frame one of
    its rows), the bytes of `_kept_bgr` one by one; otherwise each is converted (and shrunk) alone."""
    same = [_frame(i) for i in range(3)]
    got = frames._kept_frames(same, 1280)
    assert len(got) == 3 and all(g.base is not None and np.shares_memory(g, got[0].base) for g in got)
    assert all(g.shape == (480, 854, 3) and np.array_equal(g, frames._kept_bgr(f)) for g, f in zip(got, same))
    mixed = [_frame(7), _frame(8, 640, 360)]
    got = frames._kept_frames(mixed, 1280)
    assert [g.shape for g in got] == [(480, 854, 3), (360, 640, 3)]
    assert all(np.array_equal(g, frames._kept_bgr(f)) for g, f in zip(got, mixed))
    big = frames._kept_frames(same[:2], 640)  # larger than max_side: each shrunk
    assert all(np.array_equal(g, frames._shrink(frames._kept_bgr(f), 640)) for g, f in zip(big, same))
    assert frames._kept_frames([], 1280) == []


def test_normalised_thumbnail():
    """`_norm`: zero mean, unit variance float32 vector of a uint8 thumbnail, as (t - mean) / (std + 1e-3)."""
    t = np.random.default_rng(3).integers(0, 256, (18, 32), dtype=np.uint8)
    mean, std = cv2.meanStdDev(t)
    want = ((t.astype(np.float32) - np.float32(mean[0, 0])) / np.float32(std[0, 0] + 1e-3)).ravel()
    got = frames._norm(t)
    assert got.dtype == np.float32 and got.shape == (576,) and np.array_equal(got, want)
