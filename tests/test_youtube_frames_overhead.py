"""Exact equivalents that `derm1m_build.video.frames` uses to spend less CPU around decoding: block means
instead of OpenCV's integer-factor area resize, features computed when first read, one reused buffer
for the kept frames' conversion. Each gives the bytes of the computation it replaces."""

from __future__ import annotations

import av
import cv2
import numpy as np
import pytest

from derm1m_build.video.frames import features, pixels


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
    got = features._block_means(pic, k)
    assert got.dtype == np.float32 and np.array_equal(got, ref)
    rnd = np.random.default_rng(k).integers(0, 256, (24 * k, 40 * k), dtype=np.uint8)
    assert np.array_equal(features._block_means(rnd, k),
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
    s = features._sample(f, 1.0)
    assert s._hist is None and s._sharp is None and s.src is not None and s.grey is not None
    small = features._small_bgr(s.src)
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
    assert np.array_equal(s.thumb, features._thumb(grey))


def test_kept_frames_reuse_one_conversion_buffer():
    """`_kept_bgr` packs the decoded planes into a reused I420 buffer (one per thread and size): each
    picture's bytes are those of OpenCV's I420 conversion of freshly packed planes, across sizes and
    repeats, and the returned pictures share no memory with each other or the buffer."""

    def fresh(f):
        w, h = f.width, f.height
        y, u, v = (np.frombuffer(p, np.uint8).reshape(-1, p.line_size) for p in f.planes[:3])
        i420 = np.concatenate([y[:h, :w], u[:h // 2, :w // 2].reshape(-1, w), v[:h // 2, :w // 2].reshape(-1, w)])
        return cv2.cvtColor(i420, cv2.COLOR_YUV2BGR_I420)

    seq = [_frame(1), _frame(2), _frame(3, 640, 360), _frame(4)]
    got = [pixels._kept_bgr(f) for f in seq]
    assert [g.shape for g in got] == [(480, 854, 3), (480, 854, 3), (360, 640, 3), (480, 854, 3)]
    assert all(np.array_equal(g, fresh(f)) for g, f in zip(got, seq))
    assert not np.array_equal(got[0], got[1]) and not np.shares_memory(got[0], got[3])
    assert not any(np.shares_memory(g, pixels._local.i420) for g in got)
    odd = _frame(5, 853, 480)  # odd width: swscale's bit-exact path, as before
    assert np.array_equal(pixels._kept_bgr(odd), pixels._bgr(odd))


def test_normalised_thumbnail():
    """`_norm`: zero mean, unit variance float32 vector of a uint8 thumbnail, as (t - mean) / (std + 1e-3)."""
    t = np.random.default_rng(3).integers(0, 256, (18, 32), dtype=np.uint8)
    mean, std = cv2.meanStdDev(t)
    want = ((t.astype(np.float32) - np.float32(mean[0, 0])) / np.float32(std[0, 0] + 1e-3)).ravel()
    got = features._norm(t)
    assert got.dtype == np.float32 and got.shape == (576,) and np.array_equal(got, want)
