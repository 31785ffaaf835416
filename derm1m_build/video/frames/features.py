"""Picture features and comparisons: a sample's thumbnails and sharpness, light level, the coarse
distance and the fine (aligned) comparison that decide whether two pictures show one shot.
Pure functions of decoded frames, apart from decoding and shot assembly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from derm1m_build.video.frames.config import ShotConfig
from derm1m_build.video.frames.pixels import _exact, _reformatter, _Y8


@dataclass
class _Sample:
    """One sample's features. The colour histogram and the sharpness are computed when first read (`hist`,
    `sharp`), from the small picture kept until then (`src`: BGR, or the I420 planes), with the same calls
    and bytes as when they were computed up front: most samples never need them (a blank frame, a
    refined frame whose neighbours differ in light, a shot's only sample: about 3 in 4 histograms were
    never read on the tuning clips)."""
    t: float
    thumb: np.ndarray  # normalised grey thumbnail (`_norm`)
    luma: float
    std: float
    # ("bgr", picture) or ("i420", y, u, v): strided views into the decoded frame's planes (the frame is held
    # with its sample anyway: `detect_shots` keeps (sample, frame) pairs), until `hist` is read
    src: tuple | None = field(default=None, repr=False)
    grey: np.ndarray | None = field(default=None, repr=False)  # the small grey picture, until `sharp` is read
    fine: np.ndarray | None = field(default=None, repr=False)  # `_fine_view`, when needed
    fine_blur: np.ndarray | None = field(default=None, repr=False)  # `fine` blurred (`_fine_blurred`)
    fine_quarter: np.ndarray | None = field(default=None, repr=False)  # `fine` at quarter size (`_fine_differs`)
    exact: bool = True  # decoded exactly (False: a refinement frame decoded without the deblocking filter)
    _hist: np.ndarray | None = field(default=None, repr=False)
    _sharp: float | None = field(default=None, repr=False)

    @property
    def hist(self) -> np.ndarray:
        """HSV colour histogram (12x4x4 bins, L1-normalised) of the small picture."""
        if self._hist is None:
            self._hist = _hist(_small_bgr(self.src))
            self.src = None
        return self._hist

    @property
    def sharp(self) -> float:
        """Variance of the Laplacian of the small grey picture."""
        if self._sharp is None:
            _, lap = cv2.meanStdDev(cv2.Laplacian(self.grey, cv2.CV_32F))
            self._sharp, self.grey = float(lap[0, 0]) ** 2, None
        return self._sharp


def _small_bgr(src: tuple) -> np.ndarray:
    """The small picture of `_Sample.src` as BGR: OpenCV's fixed-point BT.601 I420 conversion of the
    subsampled planes (`_sample`), or the BGR picture itself."""
    if src[0] == "bgr":
        return src[1]
    _, y, u, v = src
    ww = y.shape[1]
    return cv2.cvtColor(np.concatenate([y, u.reshape(-1, ww), v.reshape(-1, ww)]), cv2.COLOR_YUV2BGR_I420)


def _hist(bgr: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hist = cv2.calcHist([hsv], [0, 1, 2], None, [12, 4, 4], [0, 180, 0, 256, 0, 256])
    cv2.normalize(hist, hist, 1, 0, cv2.NORM_L1)
    return hist


def _features(src: tuple, grey: np.ndarray | None = None) -> _Sample:
    """Normalised grey thumbnail and light of a 160-320 px wide picture (`src` as in `_Sample.src`; its
    grey plane when the caller has it: the decoded luma); the colour histogram and the sharpness are
    computed from them when first read (`_Sample.hist`, `_Sample.sharp`)."""
    if grey is None or grey.shape[:2] != src[1].shape[:2]:
        grey = cv2.cvtColor(_small_bgr(src), cv2.COLOR_BGR2GRAY)
    thumb = _thumb(grey)
    mean, std = cv2.meanStdDev(grey)
    return _Sample(0.0, thumb, float(mean[0, 0]), float(std[0, 0]), src, grey)


def _distance(a: _Sample, b: _Sample) -> float:
    """1 - normalised cross-correlation of the grey thumbnails: insensitive to brightness, so a fade
    (the same picture, darker) stays one shot while a cut to a different picture scores 0.4-1.3; plus
    the colour histogram where brightness is equal (a colour-only change)."""
    d = _ncc_distance(a.thumb, b.thumb)
    if abs(a.luma - b.luma) <= 0.15 * max(a.luma, b.luma, 1.0):
        d = max(d, float(cv2.compareHist(a.hist, b.hist, cv2.HISTCMP_BHATTACHARYYA)) - 0.3)
    return d


def _sample(frame, t: float, exact: bool = True) -> _Sample:
    """Features of one decoded frame at 160-320 px wide. 8-bit 4:2:0 (what H.264, VP9 and AV1 streams
    decode to): every step-th pixel of the decoded planes (plain indexing, so the same bytes on every
    CPU), converted with OpenCV's fixed-point BT.601 I420 conversion, the luma itself as grey: a third of
    the cost of swscale's bit-exact scaling (which is kept for other formats, and for every kept frame)."""
    w, h = frame.width, frame.height
    if frame.format.name == "yuv420p" and w >= 320 and h >= 4 * (w // 160):
        step = w // 160
        ys = [np.frombuffer(p, np.uint8).reshape(-1, p.line_size) for p in frame.planes[:3]]
        hh = (h // (4 * step)) * 4  # rows of the small picture: a multiple of 4, so that I420 packs its chroma in whole rows
        ww = (w // (2 * step)) * 2
        y = ys[0][0:hh * step:step, 0:ww * step:step]
        u = ys[1][0:hh * step // 2:step, 0:ww * step // 2:step][:hh // 2, :ww // 2]
        v = ys[2][0:hh * step // 2:step, 0:ww * step // 2:step][:hh // 2, :ww // 2]
        s = _features(("i420", y, u, v), np.ascontiguousarray(y))
    else:
        w = 160
        small = _reformatter().reformat(frame, width=w, format="bgr24",
                                        height=max(2, 2 * round(w * frame.height / max(1, frame.width) / 2)),
                                        interpolation=_exact(), threads=1).to_ndarray()  # same bytes on every CPU
        s = _features(("bgr", small))
    s.t, s.exact = t, exact
    return s


def _light(frame) -> tuple[np.ndarray, float, float]:
    """Normalised grey thumbnail (`_norm`), mean and std of one refinement frame, read straight from the
    decoded luma plane (no colour conversion, no histogram: most refined frames only prove they are the
    same picture); OpenCV calls throughout (a third of NumPy's per-call cost at this size)."""
    w, h = frame.width, frame.height
    if frame.format.name in _Y8:  # 8-bit luma first plane
        plane = frame.planes[0]
        grey = np.frombuffer(plane, np.uint8).reshape(h, plane.line_size)[:, :w]
    else:
        grey = frame.reformat(format="gray", interpolation=_exact(), threads=1).to_ndarray()
    step = max(1, w // 160)  # every step-th pixel: a cheap ~160 px view (enough for a difference measure)
    small = cv2.resize(grey, (max(1, w // step), max(1, h // step)), interpolation=cv2.INTER_NEAREST)
    mean, std = cv2.meanStdDev(small)
    return _thumb(small), float(mean[0, 0]), float(std[0, 0])


def _fine_view(s: _Sample, frame) -> np.ndarray:
    """A sample's grey picture at ~256-300 px wide for `_fine_differs` (cached on the sample): whole
    k x k block means of the decoded luma (OpenCV's integer-factor area path), zero mean, unit variance."""
    if s.fine is None:
        w, h = frame.width, frame.height
        if frame.format.name in _Y8:
            plane = frame.planes[0]
            grey = np.frombuffer(plane, np.uint8).reshape(h, plane.line_size)[:, :w]
        else:
            grey = frame.reformat(format="gray", interpolation=_exact(), threads=1).to_ndarray()
        k = max(1, w // 256)
        hh, ww = (h // (2 * k)) * 2, (w // (2 * k)) * 2  # even, for the half-size alignment
        small = _block_means(grey[:hh * k, :ww * k], k)
        mean, std = cv2.meanStdDev(small)
        small -= np.float32(mean[0, 0])  # in place (`small` is a fresh array): the same float32 operations
        small /= np.float32(std[0, 0] + 1e-3)
        s.fine = small
    return s.fine


def _block_means(grey: np.ndarray, k: int) -> np.ndarray:
    """The k x k block means of a uint8 picture whose sides are multiples of k, as float32: the same
    values as OpenCV's `resize(..., INTER_AREA)` to 1/k then `astype(float32)`, at half its cost for
    k >= 3. For an integer factor OpenCV sums each block in integers and rounds sum * (1.f / k^2) to the
    nearest (ties to even: `cvRound`); its scalar loop over k^2 offsets per pixel is what costs. Here the
    sums are k strided row additions then k column additions in uint16 (at most 255 k^2: exact to
    k = 16), and the product is rounded the same way in float32 (`np.rint`: ties to even).
    `tests/test_youtube_frames.py::test_block_means_match_opencv_area` checks every possible block sum for
    k = 3..9. k = 2 (OpenCV's SIMD path rounds ties up) and k = 1 stay with OpenCV, as does k > 16."""
    if k < 3 or k > 16:
        return cv2.resize(grey, (grey.shape[1] // k, grey.shape[0] // k),
                          interpolation=cv2.INTER_AREA).astype(np.float32)
    rows = np.add(grey[0::k], grey[1::k], dtype=np.uint16)
    for i in range(2, k):
        rows += grey[i::k]
    out = rows[:, 0::k].astype(np.float32)  # the column sums in float32: integers under 2^24, exact
    for j in range(1, k):
        out += rows[:, j::k]
    out *= np.float32(1.0 / (k * k))
    return np.rint(out, out=out)


def _fine_blurred(s: _Sample, frame) -> np.ndarray:
    """`_fine_view` blurred slightly (sigma 0.7: what resampling leaves at sharp edges, not a new picture),
    cached on the sample: a coarse sample takes part in up to three comparisons (with the sample before,
    the one after, and a refinement's stop), the same bytes each time."""
    if s.fine_blur is None:
        s.fine_blur = cv2.GaussianBlur(_fine_view(s, frame), (0, 0), 0.7)
    return s.fine_blur


def _fine_score(ba: np.ndarray, bb: np.ndarray, cfg: ShotConfig) -> float:
    """The worst cell-sized window of |a - b| of two blurred views (`_fine_blurred`; b warped onto a before
    its blur where aligned), the border left out (where the warped picture is reflected): windows the size
    of a `fine_grid` cell at every position, not only on the grid. A small difference (one digit of a
    title) that a fixed grid splits between two or four cells is halved or quartered there: s461's
    "Lecture 5" / "Lecture 6" slides across a fade scored 1.19-1.26 on the grid, under `fine_threshold`,
    and 2.27-2.35 at every position (RESULTS.md), while pairs inside a shot stay at most 1.22. Where even the
    largest single difference is under `fine_threshold` (by `_FINE_SURE`), that is returned instead: an upper
    bound of every window's mean that compares with the threshold as the worst window does."""
    h, w = ba.shape
    m = max(2, w // 40)
    diff = cv2.absdiff(ba[m:h - m, m:w - m], bb[m:h - m, m:w - m])  # (the border left out before, not after)
    top = cv2.minMaxLoc(diff)[1]
    if top <= _FINE_SURE * cfg.fine_threshold:
        # no window's mean exceeds the largest difference: under the threshold by far more than the box
        # filter's rounding (sums in double: ~1e-12 relative), that bound is decided as every window would
        # be, without filtering (about half the comparisons on the tuning clips; `_fine_differs` and the
        # callers only compare the score with `fine_threshold`)
        return top
    dh, dw = diff.shape
    kx, ky = max(1, round(dw / cfg.fine_grid[0])), max(1, round(dh / cfg.fine_grid[1]))
    means = cv2.boxFilter(diff, -1, (kx, ky), anchor=(0, 0), borderType=cv2.BORDER_CONSTANT)
    return float(means[:dh - ky + 1, :dw - kx + 1].max())  # windows wholly inside


# `_fine_score`: a largest difference at most this fraction of `fine_threshold` decides without the window means
_FINE_SURE = 1.0 - 1e-3


def _fine_differs(a: _Sample, fa, b: _Sample, fb, cfg: ShotConfig) -> bool:
    """Whether two samples that the thumbnails call the same picture are two pictures after all: the
    largest mean difference over windows of a 32x24 grid's cell size (~8x6 px at ~284 px wide) at every
    position (`_fine_score`), first as they
    are (equal pictures: no alignment needed), else with b aligned onto a by an affine motion that
    OpenCV's ECC estimates at quarter size (~71 px wide: the zoom, pan and shake inside one shot).

    A fine grid because what tells look-alikes apart is small: two slides that differ in one digit of
    their title ("Lecture 8" / "Lecture 9" on a dark background, 32x18 thumbnails 0.002-0.07 apart)
    differ in one or two cells; averaged over an 8x6 grid (the first version) that left 0.30-0.31,
    under what a shot's own zoom leaves (up to 0.30 over 4-10 s), which is how such cuts were missed.
    On 205 consecutive coarse pairs of four tuning clips x four GOPs (RESULTS.md): within a shot at most
    0.73, across a cut at least 2.37 (`fine_threshold` 1.3, near their geometric mean); on the grid alone,
    s461's "Lecture 5" / "Lecture 6" across a fade was 1.19-1.26 (the digit split between cells), at every
    position 2.27-2.35, pairs inside a shot at most 1.22 (s419, s461; RESULTS.md). Used only to
    decide whether to decode between the samples (`place`), which then places or rejects a cut frame by
    frame. The views, their blurred and quarter-size forms are cached on the samples."""
    va, vb = _fine_view(a, fa), _fine_view(b, fb)
    if va.shape != vb.shape:
        return True
    ba = _fine_blurred(a, fa)
    if _fine_score(ba, _fine_blurred(b, fb), cfg) <= cfg.fine_threshold:
        return False  # the same picture, unaligned already (alignment only brings the pictures closer)
    for s in (a, b):
        if s.fine_quarter is None:
            s.fine_quarter = cv2.pyrDown(cv2.pyrDown(s.fine))
    warp = np.eye(2, 3, dtype=np.float32)
    try:
        _, warp = cv2.findTransformECC(a.fine_quarter, b.fine_quarter, warp, cv2.MOTION_AFFINE,
                                       (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 3, 1e-3), None, 3)
    except cv2.error:  # did not converge: compare unaligned (at worst, a decode for nothing)
        return True
    warp[:, 2] *= 4
    h, w = va.shape
    warped = cv2.warpAffine(vb, warp, (w, h), flags=cv2.INTER_LINEAR + cv2.WARP_INVERSE_MAP,
                            borderMode=cv2.BORDER_REFLECT)
    return _fine_score(ba, cv2.GaussianBlur(warped, (0, 0), 0.7), cfg) > cfg.fine_threshold


def _thumb(grey: np.ndarray) -> np.ndarray:
    """The normalised 32x18 grey thumbnail (`_norm`) of a small grey picture: its centre cropped to whole
    multiples of 32x18 first, so that OpenCV's area averaging takes its integer-factor path (plain block
    means: about a tenth of the cost of fractional area weights at 170x96, which ran per refined frame)."""
    h, w = grey.shape[:2]
    kx, ky = w // 32, h // 18
    if kx >= 1 and ky >= 1:
        x0, y0 = (w - 32 * kx) // 2, (h - 18 * ky) // 2
        grey = grey[y0:y0 + 18 * ky, x0:x0 + 32 * kx]
    return _norm(cv2.resize(grey, (32, 18), interpolation=cv2.INTER_AREA))


def _norm(thumb: np.ndarray) -> np.ndarray:
    """A grey thumbnail as a zero-mean, unit-variance vector: computed once per frame, so a comparison is
    one dot product."""
    mean, std = cv2.meanStdDev(thumb)
    out = np.subtract(thumb, np.float32(mean[0, 0]), dtype=np.float32)  # (uint8 -> float32 is exact)
    out /= np.float32(std[0, 0] + 1e-3)
    return out.reshape(-1)


def _ncc_distance(a: np.ndarray, b: np.ndarray) -> float:
    """1 - normalised cross-correlation of two `_norm` vectors."""
    return 1.0 - float(np.dot(a, b)) / a.size


def _shrink(bgr: np.ndarray, max_side: int) -> np.ndarray:
    h, w = bgr.shape[:2]
    if max(h, w) <= max_side:
        return bgr
    f = max_side / max(h, w)
    return cv2.resize(bgr, (int(w * f), int(h * f)), interpolation=cv2.INTER_AREA)
