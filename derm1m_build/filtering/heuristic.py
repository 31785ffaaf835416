"""The embedded filter back-end: OpenCV measures, no weights.

Skin is detected with several colour models at once (YCrCb after Chai & Ngan, HSV, normalised rg and a
luma-independent chroma model for dark skin) so that dark skin is not missed: a pixel counts as skin
if any model accepts it. Slides and charts are told apart by large flat low-saturation areas and by
text: a morphological-gradient text-line detector gives the fraction of the frame covered by text.
Dermoscopy is recognised by the dark circular vignette of a contact dermatoscope or, without one, by a
score over how evenly the skin is lit, the lens's round field of any colour and where the fine detail is (`dermoscopy_score`);
histopathology by the pink/purple of H&E stain on a bright background. Everything is measured on a copy scaled to at
most 256 px so the cost per image is fixed.

The rules and default thresholds were set on the tuning part of the real-image material
(derm1m_build/testing/realimages.py: real clinical and dermoscopy photographs against real
non-dermatology photographs, figures and rendered slides) and reported on its held-out part
(benchmarks/filter/RESULTS.md). What real photographs taught:
- Sharpness is judged where the image is sharpest: a real photo has at least one region with fine detail
  (hair, a lesion border, sensor noise) while a blurred one has none anywhere. A global Laplacian
  variance ran backwards (smooth skin scored as blur, blurred lesions as sharp).
- Rulers, pen circles and printed numbers sit near the edge of clinical photos: only text in the middle
  of a skin photo makes it an overlay.
- A rendered slide on a skin-coloured background is all "skin" by colour but has no texture at all.
- Portraits, animals and scenes have skin-coloured parts in a varied scene: the spread of saturation is
  far wider than in any skin photograph; a fundus photo is far more saturated than skin.
- A skin close-up is one surface under one light and its border is skin; a scene or portrait has large
  bright and dark areas (clothing, sky, background) reaching the frame's border.
- A figure on a white page has texture-free white areas no photograph has.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from derm1m_build.filtering.fingerprint import trim

MEASURE_SIDE = 256  # texture, edges, text, blur
COLOUR_SIDE = 128  # colour statistics (skin, saturation, stain): a smaller copy is enough


@dataclass(frozen=True)
class Measures:
    skin_ratio: float
    flat_ratio: float  # flat, unsaturated area (slide/chart background)
    graphic_ratio: float  # pixels with no local texture at all (rendered graphics; photos have noise)
    text_ratio: float  # area covered by text lines
    blur: float  # sharpness of the sharpest of 4 x 4 tiles: 99th pct |Laplacian| / tile contrast (higher = sharper)
    brightness: float  # mean luma 0..255
    contrast: float  # luma standard deviation
    dark_clip: float  # fraction of pixels <= 8
    bright_clip: float  # fraction of pixels >= 247
    vignette: float  # corner luma / centre luma (dermoscope field of view -> small)
    stain_ratio: float  # H&E-like pink/purple pixels
    centre_text_ratio: float = 0.0  # fraction of the central 70 % x 70 % of the frame covered by text lines
    saturation: float = 0.0  # mean HSV saturation 0..255
    saturation_spread: float = 0.0  # std of HSV saturation (a scene of many things > a skin photo)
    luma_layout: float = 0.0  # std / mean of the luma averaged over an 8 x 8 grid (large bright and dark areas: a scene)
    border_contrast: float = 0.0  # luma std over the outer tenth of the frame (a scene's background, clothing, sky)
    corner_spread: float = 0.0  # (brightest - darkest) / mean of the four corners' luma (one-sided light: small for a dermatoscope)
    coarse_texture: float = 0.0  # fraction in dark structures (13-px black-hat > 15 on the 128-px copy): skin folds, creases, pores
    light_tilt: float = 0.0  # slope of a plane fitted to the luma of the 8 x 8 grid's outer ring, over its mean: light from one side
    field_edge: float = 0.0  # the weakest of the four quadrants' sharpest fall of luma towards the corners: a dermatoscope's round field
    detail_spread: float = 0.0  # median / max of the 16 tiles' sharpness: fine detail everywhere (1) or in one place (small)

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in self.__dict__.items()}


def skin_mask(bgr: np.ndarray, hsv: np.ndarray | None = None) -> np.ndarray:
    """Pixels any of four skin-colour models accepts (integer arithmetic, cv2.inRange: no float images).
    `hsv`: the image's HSV planes when the caller has them already."""
    ycrcb = cv2.cvtColor(bgr, cv2.COLOR_BGR2YCrCb)
    if hsv is None:
        hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    # YCrCb after Chai & Ngan: y > 20, 133 <= cr <= 180, 77 <= cb <= 135
    m = cv2.inRange(ycrcb, (21, 133, 77), (255, 180, 135))
    # HSV: hue <= 25 or >= 165, 40 <= s <= 200, v >= 30
    m |= cv2.inRange(hsv, (0, 40, 30), (25, 200, 255))
    m |= cv2.inRange(hsv, (165, 40, 30), (180, 200, 255))
    # Very dark skin: chroma only, no luma floor beyond noise (Fitzpatrick VI under poor light):
    # y > 12, 128 <= cr <= 175, cb <= 128, cr - cb >= 15
    cr, cb = ycrcb[..., 1], ycrcb[..., 2]
    m |= cv2.inRange(ycrcb, (13, 128, 0), (255, 175, 128)) & cv2.inRange(cv2.subtract(cr, cb), 15, 255)
    b, g, r = (bgr[..., i].astype(np.int16) for i in range(3))
    tot = b + g + r
    # normalised rg chromaticity, 0.36 < r/(r+g+b) < 0.60 and 0.22 < g/(r+g+b) < 0.37: dark skin keeps its chroma
    r100, g100 = r * 100, g * 100
    m3 = (r100 > 36 * tot) & (r100 < 60 * tot) & (g100 > 22 * tot) & (g100 < 37 * tot) & (tot > 60)
    return (m > 0) | m3


def _text_ratio(gray: np.ndarray) -> tuple[float, float]:
    """Fractions of the frame inside text-line boxes (thin, wide, dense high-gradient runs): all of them,
    and the part of them inside the central 70 % of the frame (not a ruler or a number at the edge)."""
    grad = cv2.morphologyEx(gray, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    _, bw = cv2.threshold(grad, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    if float(grad.max()) < 40:  # no sharp strokes at all: no text
        return 0.0, 0.0
    _, bw = cv2.threshold(grad, max(40.0, float(_)), 255, cv2.THRESH_BINARY)
    closed = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    # 16-bit labels, half the time of the 32-bit default: 8-connected components are at most a quarter of
    # the pixels, so a 256-px frame (65,536 pixels) cannot overflow them
    ltype = cv2.CV_16U if gray.size <= 4 * 65000 else cv2.CV_32S
    n, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8, ltype=ltype)
    st = stats[1:n].astype(np.float64)
    x, y, w, h, a = st[:, 0], st[:, 1], st[:, 2], st[:, 3], st[:, 4]
    line = (h >= 4) & (h <= 40) & (w >= 2.0 * h) & (w >= 12) & (a >= 0.35 * w * h)
    H, W = gray.shape
    mx, my = 0.15 * W, 0.15 * H
    ix = np.clip(np.minimum(x + w, W - mx) - np.maximum(x, mx), 0, None)  # the part of each box inside the middle
    iy = np.clip(np.minimum(y + h, H - my) - np.maximum(y, my), 0, None)
    area = float((w * h)[line].sum())
    centre = float((ix * iy)[line].sum())
    return area / float(gray.size), centre / max(1.0, (W - 2 * mx) * (H - 2 * my))


def _frac(mask: np.ndarray) -> float:
    """Fraction of True pixels (count_nonzero: no float copy of the mask, unlike mean())."""
    return np.count_nonzero(mask) / mask.size


def _p75(a: np.ndarray) -> float:
    """75th percentile (linear interpolation, as numpy's default) by partition: no full sort."""
    v = a.ravel()
    pos = 0.75 * (v.size - 1)
    lo = int(pos)
    part = np.partition(v, [lo, min(lo + 1, v.size - 1)])
    return float(part[lo]) + (pos - lo) * (float(part[min(lo + 1, v.size - 1)]) - float(part[lo]))


_COARSE_KERNEL = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (13, 13))  # on the 128-px copy: ~25 px at 256


# the 28 cells of the 8 x 8 grid's outer ring, and the plane (1, x, y) over them for the light's tilt
_RING = np.array([(i, j) for i in range(8) for j in range(8) if i in (0, 7) or j in (0, 7)])
_RING_A = np.stack([np.ones(len(_RING)), (_RING[:, 1] - 3.5) / 3.5, (_RING[:, 0] - 3.5) / 3.5], 1)
_RING_PINV = np.linalg.pinv(_RING_A)


def _light_layout(gray: np.ndarray) -> tuple[float, float, float, float]:
    """How light and dark are laid out: (std / mean of an 8 x 8 area-averaged copy; luma std over the
    outer tenth of the frame; spread of the four corners' 75th-percentile luma over their mean; tilt of
    the light over the frame's outer ring).

    A skin close-up is one surface under one light: its coarse luma varies little, and its border is
    skin. A scene or portrait has large dark and bright areas (clothing, sky, background). A
    dermatoscope lights the skin from a ring around the lens: its four corners are alike (all equally
    lit, or all equally darkened by the lens's field), where a phone's flash or daylight lights one side.
    The tilt is the slope of a plane fitted to the outer ring of the 8 x 8 grid (the lesion, mostly in
    the middle, left out) over its mean: a one-sided light, a body's curvature or a cast shadow tilt it."""
    coarse = cv2.resize(gray, (8, 8), interpolation=cv2.INTER_AREA).astype(np.float32)
    layout = float(coarse.std() / (coarse.mean() + 1.0))
    a, bx, by = _RING_PINV @ coarse[_RING[:, 0], _RING[:, 1]].astype(np.float64)
    tilt = float(np.hypot(bx, by) / (a + 1.0))
    # the border band is taken inside any uniform frame (a white or black border added by an atlas, a paper
    # or a re-post): the frame's edge against the photo is not a scene's background
    inner = trim(gray)
    ih, iw = inner.shape
    bh, bw = max(2, ih // 10), max(2, iw // 10)
    band = np.concatenate([inner[:bh].ravel(), inner[-bh:].ravel(), inner[bh:-bh, :bw].ravel(),
                           inner[bh:-bh, -bw:].ravel()])
    border = float(band.astype(np.float32).std())
    h, w = gray.shape
    c = max(2, min(h, w) // 8)
    q = [_p75(gray[sy, sx]) for sy in (slice(0, c), slice(h - c, h)) for sx in (slice(0, c), slice(w - c, w))]
    spread = (max(q) - min(q)) / (sum(q) / 4.0 + 1.0)
    return layout, border, spread, tilt


_EDGE_BINS = 12  # radius bins from 0.4 to 1.0 of the half-diagonal (normalised per axis: an ellipse on a non-square frame)


@lru_cache(maxsize=64)
def _radial_bins(h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """For a frame of h x w: each pixel's radius bin (-1 inside 0.4) offset by its quadrant, for one bincount."""
    yy, xx = np.mgrid[0:h, 0:w]
    r = np.hypot((yy - (h - 1) / 2) / max(1.0, (h - 1) / 2), (xx - (w - 1) / 2) / max(1.0, (w - 1) / 2)) / np.sqrt(2)
    b = np.floor((r - 0.4) / 0.6 * _EDGE_BINS).astype(np.int64)
    quad = (yy >= h / 2).astype(np.int64) * 2 + (xx >= w / 2)
    lab = np.where(b >= 0, quad * _EDGE_BINS + np.minimum(b, _EDGE_BINS - 1), -1).ravel()
    keep = np.flatnonzero(lab >= 0)
    return keep, lab[keep]


def field_edge(gray: np.ndarray) -> float:
    """The round field of a dermatoscope's lens, of any colour (black, grey, or just darker skin): in each
    quadrant, the largest fall of the mean luma between radius bins two apart, going out towards the
    corner, over that quadrant's brightest bin; the weakest quadrant is returned, so all four corners
    must show the edge (a dark corner from a body's outline or a shadow shows it in one or two)."""
    h, w = gray.shape
    keep, lab = _radial_bins(h, w)
    n = np.bincount(lab, minlength=4 * _EDGE_BINS).reshape(4, _EDGE_BINS)
    s = np.bincount(lab, weights=gray.ravel()[keep], minlength=4 * _EDGE_BINS).reshape(4, _EDGE_BINS)
    prof = s / np.maximum(n, 1)
    drop = (prof[:, :-2] - prof[:, 2:]).max(axis=1) / (prof.max(axis=1) + 1.0)
    return float(drop.min())


def tile_sharpness(gray: np.ndarray, lap: np.ndarray, tiles: int = 4) -> np.ndarray:
    """Per tile of a tiles x tiles grid: the 99th percentile of |Laplacian| over the tile's contrast (std + 2)."""
    h, w = gray.shape
    th, tw = h // tiles, w // tiles
    if th < 4 or tw < 4:
        return np.zeros(1, np.float32)
    def split(x: np.ndarray) -> np.ndarray:  # (tiles * tiles, th * tw)
        return x[:th * tiles, :tw * tiles].reshape(tiles, th, tiles, tw).transpose(0, 2, 1, 3).reshape(tiles * tiles, -1)
    a = split(np.abs(lap))
    k = int(0.99 * (a.shape[1] - 1))
    p99 = np.partition(a, k, axis=1)[:, k]
    sd = split(gray.astype(np.float32)).std(axis=1)
    return p99 / (sd + 2.0)


def sharpness(gray: np.ndarray, lap: np.ndarray, tiles: int = 4) -> float:
    """Max over tiles of the 99th percentile of |Laplacian| over the tile's contrast (std + 2).

    Contrast-normalised per tile, so smooth or dark skin is not "blurred"; the sharpest tile decides,
    because a real photograph has fine detail somewhere and a blurred one nowhere."""
    return float(tile_sharpness(gray, lap, tiles).max())


def _detail_spread(t: np.ndarray) -> float:
    """Median over max of the tiles' sharpness: a phone photo's skin has pores, creases and sensor noise in
    every tile (near 1); under a dermatoscope's glass and gel the skin around the lesion is smooth and the
    detail is in the lesion (small)."""
    top = float(t.max())
    return float(np.median(t)) / top if top > 0 else 0.0


def measure(bgr: np.ndarray) -> Measures:
    small = bgr
    h, w = bgr.shape[:2]
    if max(h, w) > MEASURE_SIDE:
        sc = MEASURE_SIDE / max(h, w)
        small = cv2.resize(bgr, (max(1, int(w * sc)), max(1, int(h * sc))), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    sh, sw = small.shape[:2]
    csc = min(1.0, COLOUR_SIDE / max(sh, sw))
    col = small if csc >= 1.0 else cv2.resize(small, (max(1, int(sw * csc)), max(1, int(sh * csc))),
                                              interpolation=cv2.INTER_AREA)
    chsv = cv2.cvtColor(col, cv2.COLOR_BGR2HSV)
    skin = _frac(skin_mask(col, chsv))
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    lap = cv2.Laplacian(gray, cv2.CV_32F)
    lap_local = np.abs(lap)
    flat = _frac((hsv[..., 1] < 25) & (cv2.blur(lap_local, (5, 5)) < 2.0))
    graphic = _frac(cv2.blur(lap_local, (3, 3)) < 0.5)
    mean_, std_ = (float(v[0][0]) for v in cv2.meanStdDev(gray))
    tiles = tile_sharpness(gray, lap)
    blur = float(tiles.max())
    gf = gray
    hh, ww = gray.shape
    cy, cx = hh // 2, ww // 2
    ch, cw = max(1, hh // 8), max(1, ww // 8)
    centre = float(gf[cy - ch:cy + ch + 1, cx - cw:cx + cw + 1].mean()) + 1.0
    corners = float(np.mean([gf[:ch, :cw].mean(), gf[:ch, -cw:].mean(), gf[-ch:, :cw].mean(), gf[-ch:, -cw:].mean()]))
    hue, sat, val = chsv[..., 0], chsv[..., 1], chsv[..., 2]
    stain = _frac((hue >= 125) & (hue <= 172) & (sat >= 40) & (val >= 90))
    text, centre_text = _text_ratio(gray)
    s_mean, s_std = (float(v[0][0]) for v in cv2.meanStdDev(sat))
    layout, border, spread, tilt = _light_layout(gray)
    cgray = cv2.cvtColor(col, cv2.COLOR_BGR2GRAY)
    coarse_tex = _frac(cv2.morphologyEx(cgray, cv2.MORPH_BLACKHAT, _COARSE_KERNEL) > 15)
    return Measures(skin, flat, graphic, text, blur, mean_, std_,
                    _frac(gray <= 8), _frac(gray >= 247), corners / centre, stain,
                    centre_text, s_mean, s_std, layout, border, spread, coarse_tex, tilt,
                    field_edge(cgray), _detail_spread(tiles))


# Dermoscopy without a black field, from how the skin is lit and what the glass does to it: a logistic score
# over six measures, refitted from the tuning part only by `python -m benchmarks.filter.fit_dermoscopy`
# (26 ISIC dermoscopy, 45 PAD-UFES clinical photos; both classes weigh the same; cross-validated there:
# 85 % of dermoscopy and 7 % of clinical photos at >= 0.5; held-out figures in benchmarks/filter/RESULTS.md).
# Why these, and which way they pull:
# - light_tilt (-): a dermatoscope lights the skin from a ring of LEDs around the lens, from no side; a phone's
#   flash, daylight, a body's curvature and cast shadows tilt a clinical photo's light across the frame;
# - field_edge (+): the lens's round field, black, grey or only darker than the skin, in all four corners;
# - detail_spread (-): under the glass plate and immersion gel or polarised light the skin around the lesion
#   is smooth and the detail is in the lesion; a phone photo has pores, creases and noise in every tile;
# - coarse_texture (-): skin folds, creases and pores at clinical scale are magnified away at ~10x;
# - corner_spread (-): the four corners alike (ring light; or all darkened by the field);
# - blur (+): the whole field is in focus against the glass.
DERMOSCOPY_WEIGHTS = {'light_tilt': -4.3963, 'field_edge': 16.3503, 'detail_spread': -7.7235,
                      'coarse_texture': -5.7449, 'corner_spread': -5.1143, 'blur': 0.3084}
DERMOSCOPY_BIAS = 4.8096


def dermoscopy_score(m: Measures) -> float:
    """Probability-like score (0..1) that a skin photo was taken through a dermatoscope."""
    z = DERMOSCOPY_BIAS + sum(w * float(getattr(m, k)) for k, w in DERMOSCOPY_WEIGHTS.items())
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -50, 50))))


def dermoscope_field(m: Measures) -> bool:
    """The black circular field of a contact dermatoscope: dark corners around a bright centre."""
    return m.vignette < 0.35 and m.dark_clip > 0.05


# A round field of any colour in all four corners: tuning dermoscopy photos with one 0.165-0.36, clinical
# photos at most 0.112 (margin kept on the clinical side). Not "sure" like the black field: the face check runs.
ROUND_FIELD = 0.2


def round_field(m: Measures) -> bool:
    """The lens's round field, black or not: a sharp fall of light towards all four corners."""
    return m.field_edge > ROUND_FIELD


def modality_of(m: Measures, min_dermoscopy: float = 0.5) -> str:
    """clinical / dermoscopic / histopathology / other from the measures alone."""
    if m.stain_ratio > 0.35 and m.skin_ratio < 0.5:
        return "histopathology"
    if dermoscope_field(m) or round_field(m):
        return "dermoscopic"
    if dermoscopy_score(m) >= min_dermoscopy:
        return "dermoscopic"
    return "clinical"


def classify(m: Measures, min_skin: float = 0.12, max_flat: float = 0.45, max_graphic: float = 0.7,
             max_text: float = 0.15, max_skin_graphic: float = 0.5, max_saturation: float = 170.0,
             max_saturation_spread: float = 62.0, max_border_contrast: float = 60.0,
             max_page_graphic: float = 0.1, max_page_white: float = 0.2,
             min_dermoscopy: float = 0.5) -> tuple[bool, str, str]:
    """(keep, reason, modality) from the measures."""
    # flat, unsaturated area is a slide's background only with some texture-free (rendered) area beside it:
    # evenly lit, bluish-white skin under a dermatoscope is flat and unsaturated too, but has sensor noise
    flat = m.flat_ratio > max_flat and m.graphic_ratio > 0.02
    if m.skin_ratio < 0.5 and (flat or m.graphic_ratio > max_graphic or m.text_ratio > max_text):
        return False, "slide_or_diagram", "other"
    if m.graphic_ratio > max_skin_graphic:  # skin-coloured, but rendered: no photo is this texture-free
        return False, "slide_or_diagram", "other"
    if m.graphic_ratio > max_page_graphic and m.bright_clip > max_page_white:  # a white page: a figure, not a photo
        return False, "slide_or_diagram", "other"
    if m.centre_text_ratio > max_text:  # text across the middle, not a ruler or a label at the edge
        return False, "text_overlay", "other"
    mod = modality_of(m, min_dermoscopy)
    if mod == "histopathology":
        return True, "", mod
    if m.skin_ratio < min_skin:
        return False, "not_skin", "other"
    if m.saturation > max_saturation or m.saturation_spread > max_saturation_spread:
        return False, "not_skin", "other"
    # a scene, not a skin close-up: the frame's border is background, clothing, sky (a dermatoscope's black
    # field is dark corners by design: not a scene). Not the coarse luma layout alone: a large dark lesion
    # centred on even skin varies as much as a scene does, but its border is skin.
    if m.border_contrast > max_border_contrast and not dermoscope_field(m):
        return False, "not_skin", "other"
    return True, "", mod
