"""Gutters and edges: the `Box` type, and where a region of the figure may be cut.

A gutter is a run of uniform-colour lines (any colour, 1-pixel rules between dark scans too); where a
region has none, a cut may follow a photo edge (`_edge_cuts`, `_even_edges`). `_split` is one step of
the XY-cut: the cuts of one region along one axis. Kept apart from the recursion (`xycut.py`) because
these are pixel tests on one region, with their own thresholds; box geometry shared by every module
(`_union`, `_overlaps`, `crop`) lives here, at the bottom, so nothing above imports in a circle."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .memo import hand_down, known, memoised
from .pixels import median


def channel_max(a: np.ndarray) -> np.ndarray:
    """`a.max(axis=-1)`, elementwise when it is three colour channels: numpy's reduction
    over a length-3 axis is ~20x slower than two `np.maximum` calls, and the splitter does it per piece
    and per line. Same values (integer or float)."""
    if a.ndim >= 2 and a.shape[-1] == 3:
        out = np.maximum(a[..., 0], a[..., 1])
        return np.maximum(out, a[..., 2], out=out)
    return a.max(axis=-1)


def channel_min(a: np.ndarray) -> np.ndarray:
    """`a.min(axis=-1)`, elementwise for three channels (`channel_max`)."""
    if a.ndim >= 2 and a.shape[-1] == 3:
        out = np.minimum(a[..., 0], a[..., 1])
        return np.minimum(out, a[..., 2], out=out)
    return a.min(axis=-1)


# ------------------------------------------------------------------ images

@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def xyxy(self) -> list[int]:
        return [self.x, self.y, self.x + self.w, self.y + self.h]


_MAX_SIDE = 720      # the layout is found on a copy at most this size (speed); boxes are scaled back
_TOL = 10            # a gutter pixel differs from its line's colour by at most this (0-255, any channel)


def _uniform_lines(img: np.ndarray, dark: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """For each row (axis=0) or column (axis=1): is it one colour, and that colour (int16, 3).

    Its spread (max - min, any channel) within 2 * _TOL; or white (`dark`, each pixel's darkest
    channel, >= 200) but for 0.4 % of its pixels, so JPEG ringing beside a photo and a stray speck do
    not break a gutter; or black (no channel above 60). The colour returned is the middle of the spread (250 / 5 for
    white / black lines). Min and max are cheap uint8 reductions (this is the hot loop)."""
    return memoised("uniform lines", (img, dark), axis, lambda: _uniform_lines_of(img, dark, axis))


def _line_reduce(img: np.ndarray, axis: int, op: int) -> np.ndarray:
    """`cv2.reduce` of each row (axis=0) or column (axis=1) of img to one value per channel (`op`:
    cv2.REDUCE_MAX or MIN): asked by `_uniform_lines` and `_blurred_rules` of the same region, kept
    for the pass (`memo`). Columns are reduced by numpy down the image's contiguous rows: cv2's
    column reduction of a colour image is 10-20x slower there (rows are cv2's fast case)."""
    def compute() -> np.ndarray:
        if axis == 1:
            return img.max(axis=0) if op == cv2.REDUCE_MAX else img.min(axis=0)
        return cv2.reduce(img, 1, op)
    return memoised("line reduce", (img,), (axis, op), compute)


def _pass_down(img: np.ndarray, dark: np.ndarray, axis: int, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
    """The piece [a, b) of a region cut along `axis` (rows, 0; columns, 1) and its darkest channel,
    with the region's answers for that axis handed down to it: a piece's lines along the cut are
    the region's lines a to b, whole (each line's uniformity, colour and reductions are the line's
    own), so the piece's `_uniform_lines` and `_line_reduce` along `axis` are slices of the
    region's, not read again (the other axis is the piece's own). Only answers the region has."""
    sub, dsub = (img[a:b], dark[a:b]) if axis == 0 else (img[:, a:b], dark[:, a:b])
    lines = known("uniform lines", (img, dark), axis)
    if lines is not None:
        hand_down("uniform lines", (sub, dsub), axis, (lines[0][a:b], lines[1][a:b]))
    for op in (cv2.REDUCE_MAX, cv2.REDUCE_MIN):
        red = known("line reduce", (img,), (axis, op))
        if red is not None:
            hand_down("line reduce", (sub,), (axis, op), red[a:b])
    return sub, dsub


def _uniform_lines_of(img: np.ndarray, dark: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """`_uniform_lines`, computed."""
    # rows by cv2.reduce, columns by numpy (`_line_reduce`: each library's fast way); dim 1 reduces
    # each row to one value, dim 0 each column
    dim = 1 if axis == 0 else 0
    m = img.shape[1] if axis == 0 else img.shape[0]
    hi = _line_reduce(img, axis, cv2.REDUCE_MAX).reshape(-1, 3).astype(np.int16)
    lo = _line_reduce(img, axis, cv2.REDUCE_MIN).reshape(-1, 3).astype(np.int16)
    spread = channel_max(hi - lo)
    mid = (hi + lo) // 2
    inked = cv2.reduce((dark < 200).view(np.uint8), dim, cv2.REDUCE_SUM, dtype=cv2.CV_32S).reshape(-1)
    white = inked <= 0.004 * m
    black = channel_max(hi) <= 60  # no channel of any pixel above 60 (dark skin is brighter)
    mid[white] = 250
    mid[black] = 5
    return (spread <= 2 * _TOL) | white | black, mid


def _true_runs(mask: np.ndarray, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """The runs [a, b) of True in mask[lo:hi], as indices into mask, in order. (The steps of the
    line padded with a 0 at each end, by one subtraction and `nonzero`: numpy's `diff`,
    `concatenate` and `flatnonzero` wrappers cost 3x the work on the splitter's short lines.)"""
    m = np.asarray(mask[lo:hi], dtype=np.int8)
    pad = np.zeros(len(m) + 2, np.int64)
    pad[1:-1] = m
    edges = pad[1:] - pad[:-1]
    return [(lo + a, lo + b) for a, b in zip((edges == 1).nonzero()[0].tolist(), (edges == -1).nonzero()[0].tolist())]


def _gutters(img: np.ndarray, dark: np.ndarray, axis: int, min_gap: int,
             page: tuple | None = None) -> list[tuple[int, int]]:
    """Runs [a, b) of uniform lines that separate content: white, grey or black (whatever the
    border's colour), at least `min_gap` lines; or 1-3 line rules standing out from both sides (the
    thin white line between dark CT scans). Gutters are neutral: a smooth dermoscopy photo is as
    uniform as a gutter over many lines, but never grey. Uniform margins at the two ends come first
    and last, so the pieces between are content only. `page`: the figure's coloured page (see
    `_margin_colour`); a run of its colour is a gutter without the sharp-stop test."""
    uni, col = _uniform_lines(img, dark, axis)
    n = len(uni)
    content = np.nonzero(~uni)[0]
    if not len(content):
        return []
    first, last = int(content[0]), int(content[-1]) + 1
    neutral = (col.max(axis=1) - col.min(axis=1)) <= 12
    runs = [(0, first)] if first > 0 else []
    for i, j in _colour_runs(_true_runs(uni, first, last), col):
        # a photo's first or last line may be as uniform as the gutter beside it (a smooth edge of
        # skin, not neutral): up to two such lines at each end belong to the photo, not the gutter
        a, b = i, j
        while b - a > 1 and not neutral[a] and a - i < 2:
            a += 1
        while b - a > 1 and not neutral[b - 1] and j - b < 2:
            b -= 1
        if neutral[a:b].all() and b - a >= min_gap and (a > i or b < j):
            if not _grey_texture(img, col, a, b, axis) and not _pale_band(img, col, a, b, axis):
                runs.append((a, b))
            continue
        if neutral[i:j].all() and j - i >= min_gap:
            if not _grey_texture(img, col, i, j, axis) and not _pale_band(img, col, i, j, axis):
                runs.append((i, j))
        elif not neutral[i:j].any():
            c = median(col[i:j], axis=0).astype(np.int16)
            run = _coloured_gutter(img, c, i, j, axis, min_gap, page=_is_page(c, page))
            if run is not None and (not runs or run[0] >= runs[-1][1]):  # one band seen from two runs: once
                runs.append(run)
        elif neutral[i:j].all() and j - i <= 3:
            c = col[i:j].mean(axis=0)
            before = median(img[max(0, i - 3):i] if axis == 0 else img[:, max(0, i - 3):i], axis=(0, 1))
            after = median(img[j:j + 3] if axis == 0 else img[:, j:j + 3], axis=(0, 1))
            if np.abs(c - before).max() > 60 and np.abs(c - after).max() > 60:
                runs.append((i, j))
    runs = [r for r in runs if not _ruled_across(dark, col, r, axis) and not _strokes_across(dark, col, r, axis)
            and not _pale_grid_across(dark, col, r, axis)]
    taken = [(a, b) for a, b in runs]
    for a, b in _blurred_rules(img, axis, first, last):
        if not any(a < d and c < b for c, d in taken):
            runs.append((a, b))
    runs.sort()
    if last < n:
        runs.append((last, n))
    return runs


_CROSS_INK = 220  # a pixel of a thin rule crossing a white gutter (darker than paper after downscaling) ...
_CROSS_CONTRAST = 35  # ... and than the run's own colour by this much
_CROSS_RUN = 2    # a white run this many lines or more that a rule crosses from end to end ...
_CROSS_WIDE = 3   # ... as at most this many neighbouring pixels (a hairline spine, an axis), ink past both ends
_CROSS_SPAN = 0.33  # ... twice at least, this share of the line apart (a frame's two sides)


def _crossing_ink(dark: np.ndarray, col: np.ndarray, run: tuple[int, int], axis: int) -> np.ndarray | None:
    """The ink of an inner white run [a, b) and the line on each side of it, one row per line (None when the run is
    too short, touches the figure's edge or is not all white). Ink is darker than the run's own colour, so a light
    grey gutter passes as white too. Asked twice per run (`_ruled_across`, `_strokes_across`): kept for the pass."""
    return memoised("crossing ink", (dark, col), (run, axis), lambda: _crossing_ink_of(dark, col, run, axis))


def _crossing_ink_of(dark: np.ndarray, col: np.ndarray, run: tuple[int, int], axis: int) -> np.ndarray | None:
    """`_crossing_ink`, computed."""
    a, b = run
    n = dark.shape[axis]
    if b - a < _CROSS_RUN or a == 0 or b >= n or not (col[a:b] == 250).all():
        return None
    lines = dark[a - 1:b + 1] if axis == 0 else dark[:, a - 1:b + 1].T
    level = float(median(lines[1:-1]))
    return lines < min(_CROSS_INK, level - _CROSS_CONTRAST)


def _ruled_across(dark: np.ndarray, col: np.ndarray, run: tuple[int, int], axis: int) -> bool:
    """Whether an inner white run [a, b) is crossed from end to end by a thin straight rule that runs
    on into the content on both sides: a chart's frame, whose 1-px side spines are 2 pixels of a
    576-px line and pass the white-line tolerance (0.4 %, for JPEG ringing) as if the line were paper.
    Such a run is inside one chart (the plot between its outliers and whiskers, a box plot's boxes
    under one frame), not a gutter between panels. A frame has two sides: two rules cross, far apart
    (`_CROSS_SPAN`); one line crossing a gutter (an arrow from one panel into the next, a chart's
    reference line) leaves the gutter as it was (`_one_chart` judges it after the split)."""
    band = _crossing_ink(dark, col, run, axis)
    if band is None:
        return False
    cross = band.all(axis=0)
    if not cross.any():
        return False
    # thin: each crossing stretch at most `_CROSS_WIDE` pixels (a filled bar or a photo is no rule);
    # a frame's two sides, `_CROSS_SPAN` of the line apart at least (one arrow from a panel into the
    # next, a chart's dotted reference lines close together, do not make a frame)
    at = [(p + q) / 2 for p, q in _true_runs(cross) if q - p <= _CROSS_WIDE]
    return len(at) >= 2 and at[-1] - at[0] >= _CROSS_SPAN * len(cross)


_PALE_CONTRAST = 18  # a pale rule (a light grey frame or grid line, ~#ccc, paler still once downscaled): this much
                     # darker than the run's own colour ...
_PALE_RULES = 4      # ... crossing a white run from end to end, thin, this many times at least


def _pale_grid_across(dark: np.ndarray, col: np.ndarray, run: tuple[int, int], axis: int) -> bool:
    """Whether an inner white run [a, b) is crossed from end to end by pale thin rules that run on into
    the content on both sides, `_PALE_RULES` of them at least and spread over `_CROSS_SPAN` of the line:
    a light frame with its grid lines (seaborn's and ggplot2's light themes draw both in light grey),
    whose lines downscaling pales past `_ruled_across`'s ink. The run then lies inside one plot (the
    gap between a half-violin and its points, between a plot's rows of boxes), not between panels:
    grid lines stop at their own plot's frame, and a gutter between panels crosses none."""
    a, b = run
    n = dark.shape[axis]
    if b - a < _CROSS_RUN or a == 0 or b >= n or not (col[a:b] == 250).all():
        return False
    lines = dark[a - 1:b + 1] if axis == 0 else dark[:, a - 1:b + 1].T
    level = float(median(lines[1:-1]))
    cross = (lines < level - _PALE_CONTRAST).all(axis=0)
    if np.count_nonzero(cross) < _PALE_RULES:
        return False
    at = [(p + q) / 2 for p, q in _true_runs(cross) if q - p <= _CROSS_WIDE]
    return len(at) >= _PALE_RULES and at[-1] - at[0] >= _CROSS_SPAN * len(cross)


_STROKE_FLAT = 3.0   # a stroke crossing a gutter slantwise covers at most this many pixels of a line per line crossed
_STROKE_COUNT = 2    # strokes crossing a white run from end to end: this many at least make it no gutter


def _strokes_across(dark: np.ndarray, col: np.ndarray, run: tuple[int, int], axis: int) -> bool:
    """Whether an inner white run [a, b) is crossed from end to end by thin strokes that are not
    straight rules across it: the outlines of a diagram's ellipses and circles, curved arrows' shafts,
    a drawing's slanted edges. Each is a few pixels of a line (it passes the white-line tolerance as
    a chart's spines do, `_ruled_across`), but lines of ink run through the run and on into the
    content on both sides: the run lies inside one drawing, not between panels. One stroke crossing
    (an arrow from a panel into the next) leaves the gutter as it was; two or more, each a thin
    connected stroke touching both lines beside the run, make it no gutter. A filled shape, a photo
    or a bar crossing is no thin stroke."""
    band = _crossing_ink(dark, col, run, axis)
    if band is None:
        return False
    ink = band.view(np.uint8)
    if np.count_nonzero(ink[1:-1]) < _STROKE_COUNT:
        return False
    rows = band.shape[0]
    k, _, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(ink), connectivity=8)
    strokes = slanted = 0
    for x, y, w, h, area in stats[1:].tolist():
        if y != 0 or y + h != rows:
            continue  # does not run through the run from one side to the other
        if area > _STROKE_FLAT * _CROSS_WIDE * rows or w > _STROKE_FLAT * rows + _CROSS_WIDE:
            continue  # a filled shape, or a stroke so flat it runs along the gutter
        strokes += 1
        slanted += w > 1
    # one of them at least slanted or curved: straight lines down one column across the run are
    # rules, which cross as a frame's sides or not at all (`_ruled_across`: a chart's dotted
    # reference lines poking up past a header strip are no diagram)
    return strokes >= _STROKE_COUNT and slanted >= 1


def _colour_runs(runs: list[tuple[int, int]], col: np.ndarray) -> list[tuple[int, int]]:
    """Runs of uniform lines split where the line colour jumps (over 2 * `_TOL`, any channel, from
    one line to the next): a flat pale stretch at a photo's side runs on, line after uniform line,
    into the black gutter beside it, and the two are no one run (the mixed run was neither neutral
    nor a colour, and the gutter was lost)."""
    out = []
    for i, j in runs:
        jumps = np.flatnonzero(np.abs(np.diff(col[i:j], axis=0)).max(axis=1) > 2 * _TOL) + i + 1 if j - i > 1 else []
        a = i
        for k in jumps:
            out.append((a, int(k)))
            a = int(k)
        out.append((a, j))
    return out


_RULE_DARK = 130      # a dark rule blurred by the downscaling: no pixel's brightest channel above this ...
_RULE_CONTRAST = 60   # ... and the lines beside it brighter by this much (median, largest channel) ...
_RULE_SHADED = 0.3    # ... those on one side a photo (this share of neighbouring pixels differing by 3-40)


def _blurred_rules(img: np.ndarray, axis: int, first: int, last: int) -> list[tuple[int, int]]:
    """Thin dark rules between photos that the downscaling to `_MAX_SIDE` blurred into the photos
    beside them (a 2 px black rule at 70 % is two lines of dark grey tinted by the photos: no line is
    uniform any more): runs of 1-3 lines inside [first, last) where every pixel is dark
    (`_RULE_DARK`) and nearly neutral, with the 3 lines on each side brighter by `_RULE_CONTRAST`
    and those on one side a photo (`_RULE_SHADED`). A dark band inside a photo is wider, or has dark
    pixels beside it; a chart's frame line has flat ground on both sides."""
    hi = channel_max(_line_reduce(img, axis, cv2.REDUCE_MAX).reshape(-1, 3))
    out = []
    for i, j in _true_runs(hi <= _RULE_DARK, first, last):
        if j - i > 3 or i < 3 or j + 3 > len(hi):
            continue
        lines = (img[i:j] if axis == 0 else img[:, i:j]).reshape(-1, 3).astype(np.float32)
        c = lines.mean(axis=0)
        if c.max() - c.min() > 25:
            continue
        sides = [img[i - 3:i] if axis == 0 else img[:, i - 3:i].transpose(1, 0, 2),
                 img[j:j + 3] if axis == 0 else img[:, j:j + 3].transpose(1, 0, 2)]
        if any(median(x.reshape(-1, 3), axis=0).max() - c.max() <= _RULE_CONTRAST for x in sides):
            continue
        # a photo on at least one side: its neighbouring pixels along the line differ a little in
        # most places (shading, skin texture); a chart's frame line has flat ground with print on
        # both sides (paper, a tinted title strip: pixels equal, or jumping at a glyph's edge)
        steps = [channel_max(np.abs(np.diff(x.astype(np.int16), axis=1))) for x in sides]
        if any(float(((d > 2) & (d <= 40)).mean()) >= _RULE_SHADED for d in steps):
            out.append((i, j))
    return out


_COLOUR_WIDE = 0.04  # a coloured gutter is at most this share of the region's side wide ...
_PAGE_WIDE = 0.1     # ... one of the page's colour (`_margin_colour`) this share (18 px between 170 px photos)
_COLOUR_BAND = 0.1   # ... its colour runs on at most this share of the side past it (a label strip of its colour) ...
_COLOUR_IN = 0.5     # ... (lines with this share of their pixels its colour) ...
_COLOUR_OUT = 0.3    # ... and then stops: the next line has under this share
_COLOUR_ALL = 0.98   # a gutter line: this share of its pixels its colour (a few JPEG-ringing pixels are not)
_COLOUR_MOST = 0.95  # ... of a colour already known to be the grid's gutters: an arrow may cross it


def _coloured_gutter(img: np.ndarray, c: np.ndarray, i: int, j: int, axis: int,
                     min_gap: int, share: float = _COLOUR_ALL, page: bool = False) -> tuple[int, int] | None:
    """A run of lines [i, j) of one colour `c` (int16, 3) that is not white or black (a navy,
    dark-red or grey gutter between photos) as the gutter [a, b) it lies in, or None. A smooth
    stretch of a photo is as uniform over a few lines, but it fades into the lines beside it; a
    gutter's colour stops at the photos in one line. So the band of lines mostly its colour
    (`_COLOUR_IN`: the gutter, JPEG-blurred lines at its ends, a label strip of its colour with
    letters in it) is followed out from the run at most `_COLOUR_BAND` of the side each way and must
    end there with a line under `_COLOUR_OUT` its colour (or the line after it: one JPEG-blurred
    line); the gutter is the band's longest stretch of lines `_COLOUR_ALL` its colour (so a label
    strip's letters stay with the photo they head), narrow (`_COLOUR_WIDE`). Never at the region's
    ends (those are margins). `page`: the colour is the figure's page (`_margin_colour`), so the
    band need not stop: beside a photo shorter than its row the page shows on past the gutter."""
    n = img.shape[axis]
    if i == 0 or j == n:
        return None
    reach = int(_COLOUR_BAND * n) + 1
    lo, hi = max(0, i - reach), min(n, j + reach)
    band = (img[lo:hi] if axis == 0 else img[:, lo:hi].transpose(1, 0, 2)).astype(np.int16)
    near = (channel_max(np.abs(band - c)) <= 2 * _TOL).mean(axis=1)
    a, b = i - lo, j - lo
    while a > 0 and near[a - 1] >= _COLOUR_IN:
        a -= 1
    while b < len(near) and near[b] >= _COLOUR_IN:
        b += 1
    # one JPEG-blurred line between the band and the photo is allowed
    soft = a < 2 or b + 1 >= len(near) or min(near[a - 2:a]) >= _COLOUR_OUT or min(near[b:b + 2]) >= _COLOUR_OUT
    if not page and soft:
        return None
    runs = _true_runs(near >= share, a, b)
    if not runs:
        return None
    ga, gb = max(runs, key=lambda r: r[1] - r[0])
    # the page's colour is a gutter at 2 lines already (a 4 px gutter downscaled and JPEG-blurred)
    # the page showing between photos may be as wide as the margins round them: a photo's flat stretch
    # is never the page's colour across a whole line, so the page's own gutter need not be narrow
    if gb - ga < (min(2, min_gap) if page else min_gap) or gb - ga > (_PAGE_WIDE if page else _COLOUR_WIDE) * n:
        return None
    if gb - ga > _COLOUR_WIDE * n and soft:
        return None  # so wide, it stops sharply on both sides (a smooth skin photo taken for a page fades)
    return lo + ga, lo + gb


def _mostly_gutters(img: np.ndarray, axis: int, min_gap: int, known: tuple,
                    page: tuple | None = None) -> list[tuple[int, int]]:
    """Gutters of grey or of a colour that `_gutters` missed because a few pixels of each line are
    off (JPEG ringing where a grey or coloured gutter meets a photo, a stray pixel: a line's spread
    is then over 2 * `_TOL`): runs of lines with `_COLOUR_ALL` of their pixels within 2 * `_TOL` of
    the line's mean colour, neither white nor black (those `_gutters` has already taken with their
    own tolerance), each checked as `_coloured_gutter` checks a gutter (its colour stops sharply on
    both sides), and of the colour of a gutter already cut above the region (`known`: a grid's
    gutters are all one colour; a grey band across a photo, a pavement or a horizon, is not).
    Asked only of a region `_gutters` found no gutter in."""
    known = [np.asarray(k, np.float32) for k in known
             if not (min(k) >= 190 or max(k) <= 40) or page is not None and _is_page(np.asarray(k), page)]
    if not known:
        return []
    dim = 1 if axis == 0 else 0
    mean = cv2.reduce(img, dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1, 3)
    # only lines whose mean is a known gutter's colour are looked at pixel by pixel (speed)
    like = np.zeros(len(mean), bool)
    for k in known:
        like |= np.abs(mean - k).max(axis=1) <= 2 * _TOL
    idx = np.flatnonzero(like)
    if not len(idx):
        return []
    lines = (img[idx] if axis == 0 else img[:, idx].transpose(1, 0, 2)).astype(np.int16)
    near = np.zeros(len(mean))
    near[idx] = (channel_max(np.abs(lines - mean[idx].astype(np.int16)[:, None, :])) <= 2 * _TOL).mean(axis=1)
    out: list[tuple[int, int]] = []
    for i, j in _true_runs(near >= _COLOUR_MOST):
        c = np.median(mean[i:j], axis=0)
        if not any(np.abs(c - k).max() <= 2 * _TOL for k in known):
            continue
        run = _coloured_gutter(img, c.astype(np.int16), i, j, axis, min_gap, _COLOUR_MOST, _is_page(c, page))
        if run is not None and run not in out:
            out.append(run)
    return out


_PAGE_WHITE = 235    # a page this light (every channel) is paper: `_gutters` takes it with its own tolerance
_MARGIN_SHARE = 0.97  # a page margin: this share of each side's outermost line within 2 * `_TOL` of its colour
#                       (a smooth skin photo running to its edges has at most 0.92)


def _margin_colour(img: np.ndarray) -> tuple | None:
    """The colour of a plain margin round the whole figure when it is neither white (paper, every
    channel >= `_PAGE_WHITE`) nor black: a navy, dark-red, slate or grey page a grid of photos is set
    on; else None. JPEG's chroma noise on a saturated colour (and any noise of a low-quality JPEG on
    grey) spreads each line over more than 2 * `_TOL`, so `_gutters` sees no uniform line anywhere;
    the margin tells the gutters' colour, which `_mostly_gutters` then looks for inside (a grid's
    gutters are the page showing between its photos), and `_trim` trims. The outermost line of
    each side must be mostly (`_MARGIN_SHARE`) one colour, the same on all four sides: a photo
    running to the edge is not."""
    h, w = img.shape[:2]
    if min(h, w) < 8:
        return None
    sides = [img[0], img[h - 1], img[:, 0], img[:, w - 1]]
    meds = [median(x.reshape(-1, 3), axis=0) for x in sides]
    c = np.median(np.array(meds), axis=0)
    if min(c) >= _PAGE_WHITE or max(c) <= 40:
        return None  # white and black margins are `_gutters`' own (any noise there is small)
    for x, m in zip(sides, meds):
        if float(np.abs(m - c).max()) > _TOL:
            return None
        near = np.abs(x.reshape(-1, 3).astype(np.int16) - c.astype(np.int16)).max(axis=1) <= 2 * _TOL
        if float(near.mean()) < _MARGIN_SHARE:
            return None
    return tuple(float(v) for v in c)


def _is_page(c: np.ndarray, page: tuple | None) -> bool:
    """Whether colour c is the figure's page colour (within 2 * `_TOL`)."""
    if page is None:
        return False
    return float(np.abs(np.asarray(c, np.float32) - np.asarray(page, np.float32)).max()) <= 2 * _TOL


_TEXTURE_NEAR = 0.5  # a grey run is texture when this share of the lines beside it, on both sides, is its colour


def _grey_texture(img: np.ndarray, col: np.ndarray, a: int, b: int, axis: int) -> bool:
    """Whether a run of mid-grey uniform lines [a, b) is a smooth stretch of a grey image (a cell on
    its grey ground, a fundus crop: skimage's cell and microaneurysms were cut into strips there),
    not a gutter: the 3 lines on each side are mostly (`_TEXTURE_NEAR`) within 2 * `_TOL` of its
    colour. A gutter separates content that differs from it (photos, charts, scans beside a grey
    line); white and black runs are never texture (paper, a scan's black ground)."""
    c = col[a:b].astype(np.float32).mean(axis=0)
    if c.min() >= 190 or c.max() <= 40:
        return False
    n = img.shape[axis]
    for lo, hi in ((max(0, a - 3), a), (b, min(n, b + 3))):
        if lo >= hi:
            return False
        band = (img[lo:hi] if axis == 0 else img[:, lo:hi]).astype(np.float32)
        if float((channel_max(np.abs(band - c)) <= 2 * _TOL).mean()) < _TEXTURE_NEAR:
            return False
    return True


_PALE_PAPER = 228   # a white-passing run this pale on average (mean of each pixel's darkest channel) is no paper ...
_PALE_GRAIN = 2.0   # ... when its lines vary along their length this much (median of the lines' standard deviations)
_PALE_SOFT = 8.0    # ... and the lines beside it differ from its end lines by at most this (median over the pixels)
_PALE_DRIFT = 3.0   # ... and its lines' mean brightness spans this much at least


def _pale_band(img: np.ndarray, col: np.ndarray, a: int, b: int, axis: int) -> bool:
    """Whether an inner run [a, b) of uniform lines (`_uniform_lines`: no pixel darker than 200, or a
    spread within 2 * `_TOL`) is a band of a photograph, not a gutter: its pixels
    average darker than paper (`_PALE_PAPER`) and vary along each line (`_PALE_GRAIN`), the grain of a
    photographed surface (a planet's bright cloud belt running across its map, a sheen across skin),
    the photo runs on into it softly at both ends (`_PALE_SOFT`: a gutter beside a photo stops at a
    sharp edge) and it is shaded across (`_PALE_DRIFT`: a belt brightens to its middle; a gutter's
    lines, a JPEG's noisy grey gutter, a screenshot's patterned ground, are one colour line after line).
    Paper, a page's flat grey and a drawn grey gutter are flat along their lines (a JPEG's ringing
    keeps the deviation near 1); white runs past this pale are paper whatever their grain. The runs
    at the figure's ends are margins and are not asked."""
    if col[a:b].astype(np.int16).max() <= 40:   # black: a scan's ground, never a pale band
        return False
    n = img.shape[axis]
    if a == 0 or b >= n:
        return False
    band = img[a - 1:b + 1] if axis == 0 else np.swapaxes(img[:, a - 1:b + 1], 0, 1)
    lo = (channel_min(band) if band.ndim == 3 else band).astype(np.float32)
    inner = lo[1:-1]
    if float(inner.mean()) >= _PALE_PAPER or float(np.median(inner.std(axis=1))) < _PALE_GRAIN:
        return False
    # soft at both ends: the photo runs on into the band (a gutter stops sharply at a photo's edge) ...
    if not all(float(np.median(np.abs(lo[i] - lo[j]))) <= _PALE_SOFT for i, j in ((0, 1), (-1, -2))):
        return False
    # ... and shading across it: its lines differ in brightness (a gutter's
    # lines, a screenshot's patterned ground, are one colour line after line, JPEG noise and all)
    means = inner.mean(axis=1)
    return float(means.max() - means.min()) >= _PALE_DRIFT


_EDGE_STEP = 0.3  # a photo edge: at least this share of pixels differ (> 16) 5 lines before it and 4 after it ...
_EDGE_SHARP = 16.0  # ... or the mean change (largest channel) from the line before it to it is at least this
_EDGE_PALE = 0.5    # a photo edge changing in this share of its pixels (under 0.6) ...
_EDGE_PALE_SHARP = 3.0  # ... is one when its mean change is this many times that of the lines around
_EDGE_PALE_NEAR = 0.4   # ... and each of the lines 2-10 either side changes at most this share as much
_EDGE_BREAK = 1.2   # no edge over a stretch of its line: a change there under this many times that of the lines around


def _step_cover(img: np.ndarray, k: int, axis: int) -> float:
    """The share of pixels that differ (any channel by more than 16) between line k - 5 and line
    k + 4 (clipped to the region): high across the meeting of two photos, low across a line."""
    n = img.shape[axis]
    a, b = max(0, k - 5), min(n - 1, k + 4)
    la = (img[a] if axis == 0 else img[:, a]).astype(np.int16)
    lb = (img[b] if axis == 0 else img[:, b]).astype(np.int16)
    return float((channel_max(np.abs(la - lb)) > 16).mean())


def _edge_absent(img: np.ndarray, k: int, axis: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the photo edge before line k is no edge over the whole of one of `spans` (stretches
    of its line: the columns a cut the other way gives): there the change across it is under
    `_EDGE_BREAK` times that of the lines 3-10 either side (the inside of a taller photo that one
    column's row edge does not reach)."""
    n = img.shape[axis]
    a, b = k - 13, k + 13
    if a < 0 or b > n:
        return False
    band = img[a:b] if axis == 0 else img[:, a:b]
    d = cv2.absdiff(band[2:], band[:-2]) if axis == 0 else cv2.absdiff(band[:, 2:], band[:, :-2])
    d = channel_max(d)
    dim = 1 if axis == 0 else 0
    i = k - 1 - a  # pair (i, i + 2) is across the boundary before line k
    for lo, hi in spans:
        part = d[:, lo:hi] if dim == 1 else d[lo:hi]
        s = part.mean(axis=dim)
        around = np.concatenate([s[i - 10:i - 2], s[i + 3:i + 11]])
        if float(s[i]) < _EDGE_BREAK * max(float(around.mean()), 2.0):
            return True
    return False


def _line_change(img: np.ndarray, axis: int, step: int) -> np.ndarray:
    """Per pixel, the largest channel change between line i and line i + `step` (rows, axis 0, or
    columns, axis 1): what `_edge_cuts` and `_faint_edges` measure photo edges on, asked of the same
    region by both, so kept for the pass (`memo`)."""
    def compute() -> np.ndarray:
        a, b = (img[step:], img[:-step]) if axis == 0 else (img[:, step:], img[:, :-step])
        return channel_max(cv2.absdiff(a, b))
    return memoised("line change", (img,), (axis, step), compute)


def _edge_cuts(img: np.ndarray, axis: int) -> list[int]:
    """Positions where two photographs meet with no gutter: a line across which nearly every pixel
    changes, where the lines around it change in few pixels (texture, hair and lesion borders change
    in some pixels of a line, never in almost all of them).

    Changes are taken two lines apart (line k+1 against k-1), so an edge the downscaling blurred over
    two lines is seen whole; the cut then goes where the one-line change is stronger."""
    n = img.shape[axis]
    if n < 40:
        return []

    def change(step: int) -> np.ndarray:  # per pixel, the largest channel change `step` lines apart
        return _line_change(img, axis, step)

    dim = 1 if axis == 0 else 0  # reduce each row (axis 0) or each column (axis 1) to one value
    d2 = change(2)  # line i against line i + 2: across the boundary at i + 1
    strength = cv2.reduce(d2, dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)
    cover = cv2.reduce((d2 > 16).view(np.uint8), dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)
    m = len(strength)
    idx = np.arange(m)
    lo1, hi1 = np.clip(idx - 10, 0, m), np.clip(idx - 2, 0, m)
    lo2, hi2 = np.clip(idx + 3, 0, m), np.clip(idx + 11, 0, m)
    cnt = np.maximum((hi1 - lo1) + (hi2 - lo2), 1)

    def around(v: np.ndarray) -> np.ndarray:  # the mean over i-10..i-3 and i+3..i+10 (vectorised)
        c = np.concatenate([[0.0], np.cumsum(v)])
        return ((c[hi1] - c[lo1]) + (c[hi2] - c[lo2])) / cnt

    # a pale photo meeting a darker one changes fewer of the line's pixels (the pale one's light
    # stretches match the other's), but those strongly: cover `_EDGE_PALE` with the mean change
    # `_EDGE_PALE_SHARP` times that of the lines around
    # cover `_EDGE_PALE` with the mean change `_EDGE_PALE_SHARP` times that of the lines around, on
    # one line pair alone (each of the lines 2-10 before and after it changes under `_EDGE_PALE_NEAR`
    # as much: a glass's double rim, an image plot's cell edges every few lines, are no meeting of two)
    floor = np.maximum(around(strength), 4.0)
    pad = np.concatenate([np.zeros(10, np.float32), strength, np.zeros(11, np.float32)])
    near = np.max([pad[10 + d:10 + d + m] for d in (*range(-10, -1), *range(3, 12))], axis=0)
    pale = (cover >= _EDGE_PALE) & (strength >= _EDGE_PALE_SHARP * floor) & (near <= _EDGE_PALE_NEAR * strength)
    ok = ((cover >= 0.6) | pale) & (cover >= around(cover) + 0.45) & (strength >= 1.8 * floor)
    ok[:3] = False
    ok[m - 3:] = False
    if not ok.any():
        return []
    d1 = cv2.reduce(change(1), dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)  # lines j and j + 1
    cuts: list[int] = []
    last_strength = 0.0
    for i in np.nonzero(ok)[0]:
        k = int(i) + 1 if d1[i] >= d1[i + 1] else int(i) + 2  # the first line of the next photo
        if cuts and k - cuts[-1] <= 3:  # one edge, seen on neighbouring lines: keep the stronger
            if strength[i] > last_strength:
                cuts[-1], last_strength = k, float(strength[i])
            continue
        cuts.append(k)
        last_strength = float(strength[i])
    # two photographs differ on either side of where they meet, or meet at a sharp line (the white
    # rule between two CT scans on black); a soft dark band across one photo (a retinal vessel across
    # a fundus crop) changes nearly every pixel over a few lines, but gradually, and the photo is
    # the same a few lines either side of it
    return [k for k in cuts if _step_cover(img, k, axis) >= _EDGE_STEP or d1[k - 1] >= _EDGE_SHARP]


def _faint_edges(img: np.ndarray, axis: int) -> list[int]:
    """Lines where two pale photos meet with a change under 16 in most pixels (see `_weak_edge`):
    over 4 in `_EVEN_FAINT` of the line's pixels and at most `_EVEN_FAINT_AROUND` of the pixels of
    the lines 3-10 either side, the mean change `_EVEN_FAINT_SHARP` times theirs; strongest first,
    each as the first line of the next photo."""
    n = img.shape[axis]
    if n < 40:
        return []
    d = _line_change(img, axis, 2)
    dim = 1 if axis == 0 else 0
    strength = cv2.reduce(d, dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)
    faint = cv2.reduce((d > 4).view(np.uint8), dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)
    m = len(strength)
    idx = np.arange(m)
    lo1, hi1 = np.clip(idx - 10, 0, m), np.clip(idx - 2, 0, m)
    lo2, hi2 = np.clip(idx + 3, 0, m), np.clip(idx + 11, 0, m)
    cnt = np.maximum((hi1 - lo1) + (hi2 - lo2), 1)

    def around(v: np.ndarray) -> np.ndarray:
        c = np.concatenate([[0.0], np.cumsum(v)])
        return ((c[hi1] - c[lo1]) + (c[hi2] - c[lo2])) / cnt

    ok = (faint >= _EVEN_FAINT) & (around(faint) <= _EVEN_FAINT_AROUND) & \
        (strength >= _EVEN_FAINT_SHARP * np.maximum(around(strength), 4.0))
    ok[:12] = False
    ok[m - 12:] = False
    return [int(i) + 1 for i in sorted(np.flatnonzero(ok), key=lambda i: -strength[i])]


_FAINT_EVEN = 0.04  # faint edges cutting a row into pieces of one size (within this share) are photos meeting
def _faint_split(img: np.ndarray, thin: int) -> tuple[int, list[int]] | None:
    """Cuts (axis, positions) at faint photo edges (`_faint_edges`) in a region where no sharper
    edge was found, taken only when the layout confirms them: two or more cutting the row into
    pieces of one size (an even row of pale photos), or one whose side is then cut at sharp photo
    edges the other way into pieces of panel size (a large pale photo beside a column of smaller
    ones). A faint line inside one photo does neither."""
    for axis in (0, 1):
        n = img.shape[axis]
        found: list[int] = []
        for k in _faint_edges(img, axis):
            if all(abs(k - f) > 3 for f in found):
                found.append(k)
        ks = sorted(k for k in found if thin <= k <= n - thin)
        sizes = np.diff([0] + ks + [n])
        if len(ks) >= 2 and sizes.max() - sizes.min() <= _FAINT_EVEN * n and sizes.min() >= 2 * thin:
            return axis, ks
        for k in found[:3]:
            if not _edge_pieces_ok(np.array([k, n - k]), n, thin):
                continue
            for part in ((img[:k], img[k:]) if axis == 0 else (img[:, :k], img[:, k:])):
                m = part.shape[1 - axis]
                cuts = [c for c in _edge_cuts(part, 1 - axis) if thin <= c <= m - thin]
                if cuts and _edge_pieces_ok(np.diff([0] + cuts + [m]), m, thin):
                    return axis, [k]
    return None


_EVEN_COVER = 0.25  # a photo edge at the place an even row of photos puts it: this share of its pixels change ...
_EVEN_SHARP = 2.5   # ... and its mean change is this many times that of the lines around it
_EVEN_FAINT = 0.85  # ... or this share of its pixels change by more than 4 ...
_EVEN_FAINT_AROUND = 0.4  # ... and at most this share of the pixels of the lines around it
_EVEN_FAINT_SHARP = 2.0   # (such an edge, changing in nearly every pixel, needs its mean change only this many times)


def _weak_edge(img: np.ndarray, axis: int, pos: int, tol: int = 3) -> int | None:
    """A fainter photo edge near `pos` (two photos of like colour meeting: dermoscopy beside
    dermoscopy): the line pair (i, i + 2) within `tol` of it where at least `_EVEN_COVER` of the
    pixels change (> 16) and the mean change is `_EVEN_SHARP` times that 3-10 lines either side;
    returns the first line of the next photo, or None. Asked only where the pieces already cut say
    an edge should be, so a lesion's border or a hair elsewhere in a photo is never asked about."""
    n = img.shape[axis]
    a, b = pos - tol - 12, pos + tol + 12
    if a < 0 or b + 2 > n:
        return None
    band = img[a:b + 2] if axis == 0 else img[:, a:b + 2]
    d = cv2.absdiff(band[2:], band[:-2]) if axis == 0 else cv2.absdiff(band[:, 2:], band[:, :-2])
    d = channel_max(d)
    dim = 1 if axis == 0 else 0
    strength = d.mean(axis=dim).astype(np.float32)
    cover = (d > 16).mean(axis=dim)
    faint = (d > 4).mean(axis=dim)
    best = None
    for i in range(12 - 1 - tol, 12 - 1 + tol + 1):  # pair (i, i + 2) is across the boundary at i + 1
        around = np.concatenate([strength[i - 10:i - 2], strength[i + 3:i + 11]])
        if len(around) < 12:
            continue
        ref = max(float(around.mean()), 4.0)
        # two pale dermoscopy photos meet with a change under 16 in most pixels, but in nearly
        # every pixel of the line and in few of the lines around it
        faint_edge = faint[i] >= _EVEN_FAINT and \
            float(np.concatenate([faint[i - 10:i - 2], faint[i + 3:i + 11]]).mean()) <= _EVEN_FAINT_AROUND
        sharp = strength[i] >= _EVEN_SHARP * ref or faint_edge and strength[i] >= _EVEN_FAINT_SHARP * ref
        if (cover[i] >= _EVEN_COVER or faint_edge) and sharp and (faint_edge or _edge_throughout(d, dim, i)) and \
                (best is None or strength[i] > best[1]):
            best = (i, float(strength[i]))
    return None if best is None else a + best[0] + 1


_EVEN_THIRD = 1.5  # each third of a fainter edge's line changes this many times the lines around it there


def _edge_throughout(d: np.ndarray, dim: int, i: int) -> bool:
    """Whether the change at line pair i (`d`: per-pixel change of the band's line pairs) is an edge
    in each third of the line, not one photo's edge running on across a larger photo beside it: a
    large panel beside two stacked small ones has the small ones' meeting at half its height, and
    cutting there would halve the large one. Asked of an edge taken for the share of its pixels
    changing by more than 16 (a faint edge changes in nearly every pixel of its line already)."""
    n = d.shape[dim]
    for t in range(3):
        part = d[:, n * t // 3:n * (t + 1) // 3] if dim == 1 else d[n * t // 3:n * (t + 1) // 3]
        s = part.mean(axis=dim)
        around = np.concatenate([s[i - 10:i - 2], s[i + 3:i + 11]])
        if s[i] < _EVEN_THIRD * max(float(around.mean()), 2.0):
            return False
    return True


def _even_edges(img: np.ndarray, axis: int, bounds: list[int]) -> list[int]:
    """Photo-edge cuts completed where the row is even: a piece about m times the smallest piece
    (m >= 2, within 4 %) is cut where m equal photos would meet, if a fainter edge is there at each
    such place (`_weak_edge`); otherwise the bounds are returned as they are."""
    sizes = np.diff(bounds)
    s = int(sizes.min())
    if s <= 0:
        return bounds
    out = [bounds[0]]
    for a, b in zip(bounds[:-1], bounds[1:]):
        m = int(round((b - a) / s))
        extra = []
        if m >= 2 and abs((b - a) - m * s) <= 0.04 * (b - a):
            for j in range(1, m):
                k = _weak_edge(img, axis, a + int(round(j * (b - a) / m)))
                if k is None:
                    extra = []
                    break
                extra.append(k)
        out.extend(extra + [b])
    return out


def _segments(n: int, gutters: list[tuple[int, int]]) -> list[tuple[int, int]]:
    segs, start = [], 0
    for a, b in gutters:
        if a > start:
            segs.append((start, a))
        start = b
    if start < n:
        segs.append((start, n))
    return segs


def _merge_thin(segs: list[tuple[int, int]], thin: int, strips: bool = False,
                keep: frozenset | set = frozenset()) -> list[tuple[int, int]]:
    """Pieces thinner than `thin` (label rows, titles, axis labels) join the nearer neighbour (the
    next one on a tie: a label row sits above its panel). `strips` (a region of photos, not a chart
    on paper): when the first piece is thin and the last is not (a label strip above the first row
    of photos), every thin piece joins the next one, and the other way round: label strips sit on
    the same side of every row, whichever photo edge the letters happen to lie nearer. (In a chart
    the thin pieces are titles and tick labels, each with its own plot.) Pieces in `keep` (thin
    drawings standing apart, `_apart`) stay as they are."""
    segs = list(segs)
    lead = strips and len(segs) > 2 and segs[0][1] - segs[0][0] < thin <= segs[-1][1] - segs[-1][0]
    trail = strips and len(segs) > 2 and segs[-1][1] - segs[-1][0] < thin <= segs[0][1] - segs[0][0]
    changed = True
    while changed and len(segs) > 1:
        changed = False
        for i, (a, b) in enumerate(segs):
            if b - a >= thin or (a, b) in keep:
                continue
            gap_prev = a - segs[i - 1][1] if i > 0 else None
            gap_next = segs[i + 1][0] - b if i + 1 < len(segs) else None
            if gap_next is not None and (gap_prev is None or (lead or gap_next <= gap_prev) and not trail):
                segs[i:i + 2] = [(a, segs[i + 1][1])]
            else:
                segs[i - 1:i + 1] = [(segs[i - 1][0], b)]
            changed = True
            break
    return segs


_APART = 2.0  # a thin piece this many times its own size from each neighbour (and `thin` at least) is apart ...
_APART_LEAST = 0.5  # ... when at least this share of `thin` (a panel's row, not a rule or a line of print) ...
_DRAWN_RUN = 1.5  # ... and drawn: one inked run along a line this many times the piece's thickness (an arrow, a box's side)


def _apart(segs: list[tuple[int, int]], thin: int) -> set[tuple[int, int]]:
    """The thin pieces that stand apart: white at least `_APART` times their own size and at least
    `thin` on every side along the cut (a row of small state diagrams 140 px over the row under
    it), `_APART_LEAST` of `thin` thick at least. A label row, a title or a chart's axis title lies
    close to what it labels; a piece this far from everything may be drawn on its own (`_drawn`
    tells a drawing from a title)."""
    out = set()
    for i, (a, b) in enumerate(segs):
        if b - a >= thin or b - a < _APART_LEAST * thin or len(segs) < 2:
            continue
        gaps = ([a - segs[i - 1][1]] if i > 0 else []) + ([segs[i + 1][0] - b] if i + 1 < len(segs) else [])
        if min(gaps) >= max(thin, _APART * (b - a)):
            out.add((a, b))
    return out


def _drawn(dark: np.ndarray) -> bool:
    """Whether a thin piece (`dark`: its lines along its length) holds a drawing, not print: a run
    of ink along one of its lines `_DRAWN_RUN` times its thickness long (an arrow's shaft, a state
    box's side); a title's letters break every line within a glyph or two."""
    ink = (dark < 160).astype(np.int8)
    need = int(np.ceil(_DRAWN_RUN * ink.shape[0]))
    for row in ink:
        edges = np.diff(np.concatenate(([0], row, [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        if len(starts) and int((ends - starts).max()) >= need:
            return True
    return False


def _strip_split(img: np.ndarray, dark: np.ndarray, x0: int, y0: int, thin: int, out: list, page: tuple | None):
    """A thin piece standing apart (`_apart`), too thin for `_split`'s recursion, cut along its
    length at white runs of `thin` at least only (two small diagrams side by side in one row; the
    short gaps between a diagram's boxes and arrows stay). The cut tree, as `_split` returns it."""
    h, w = img.shape[:2]
    axis = 1 if w >= h else 0
    n = w if axis == 1 else h
    segs = _merge_thin(_segments(n, _gutters(img, dark, axis, thin, page)), thin)
    if len(segs) < 2:
        tx0, ty0, tx1, ty1 = _trim(img, dark, page)
        out.append((x0 + tx0, y0 + ty0, x0 + tx1, y0 + ty1))
        return len(out) - 1
    kids = []
    for a, b in segs:
        sub, dsub = _pass_down(img, dark, axis, a, b)
        tx0, ty0, tx1, ty1 = _trim(sub, dsub, page)
        ox, oy = (x0 + a, y0) if axis == 1 else (x0, y0 + a)
        out.append((ox + tx0, oy + ty0, ox + tx1, oy + ty1))
        kids.append(len(out) - 1)
    return kids


def _trim(img: np.ndarray, dark: np.ndarray, page: tuple | None = None) -> tuple[int, int, int, int]:
    """The region minus plain margins at its edges (uniform lines of white, black or neutral grey; a
    smooth patch of skin at a photo's edge is not a margin; with `page`, lines `_COLOUR_MOST` of the
    page's colour too, JPEG-noisy as a saturated colour is): (x0, y0, x1, y1) inside img."""
    h, w = img.shape[:2]
    c = None if page is None else np.asarray(page, np.float32)

    def keep(axis: int) -> np.ndarray:
        uni, col = _uniform_lines(img, dark, axis)
        neutral = (col.max(axis=1) - col.min(axis=1) <= 12) & ((col.min(axis=1) >= 190) | (col.max(axis=1) <= 40))
        plain = uni & neutral
        if c is not None:
            near = (channel_max(cv2.absdiff(img, np.full_like(img, 0) + c.astype(np.uint8))) <= 2 * _TOL)
            share = near.mean(axis=1 if axis == 0 else 0)
            plain |= share >= _COLOUR_MOST
        return np.nonzero(~plain)[0]

    ys, xs = keep(0), keep(1)
    if not len(ys) or not len(xs):
        return 0, 0, w, h
    return int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1


def _split(img: np.ndarray, dark: np.ndarray, x0: int, y0: int, side: int, out: list[tuple[int, int, int, int]],
           depth: int, bridged: bool = False, known: tuple = (), page: tuple | None = None,
           gap: int | None = None) -> int | list:
    """Cut the region recursively, appending its leaves' boxes to `out`; returns the cut tree: a
    leaf's index in `out`, or the list of a cut's children in order along the cut's axis. `known`:
    the colours of the gutters cut above this region (`_mostly_gutters` takes only those); `page`: the
    figure's coloured page, if any (`_margin_colour`). `gap`: the second look at full resolution
    (`xycut._fine_look`): gutters of at least this many pixels, and only gutters (no photo edges, no
    bridged gutters: those were looked for at the working scale already)."""
    h, w = img.shape[:2]
    min_gap = max(2, int(round(side * 0.004))) if gap is None else gap
    thin = max(8, int(round(side * 0.06)))
    if depth < 6 and min(h, w) >= 2 * thin:
        photos = float(np.count_nonzero(dark >= 235)) < 0.25 * dark.size
        raws = {}
        for axis in (0, 1):
            n = h if axis == 0 else w
            gut = _gutters(img, dark, axis, min_gap, page)
            here = tuple(median((img[a:b] if axis == 0 else img[:, a:b]).reshape(-1, 3), axis=0)
                         for a, b in gut if 0 < a and b < n)
            if gut and (known or here):
                # a grid's gutters are one colour: those of it a few JPEG-noisy pixels broke are cut
                # with the clean ones, not a level below them (a row of four cut 1 + 3 makes the
                # first photo a sliver beside the other three)
                extra = [r for r in _mostly_gutters(img, axis, min_gap, known + here, page)
                         if not any(r[0] < d and c < r[1] for c, d in gut)]
                gut = sorted(gut + extra) if extra else gut
            raw = _segments(n, gut)
            raws[axis] = raw
            apart = {(a, b) for a, b in _apart(raw, thin)
                     if _drawn(dark[a:b] if axis == 0 else dark[:, a:b].T)}
            segs = _merge_thin(raw, thin, photos, apart)
            if len(segs) >= 2:
                inner = [(a, b) for a, b in gut if 0 < a and b < n]
                seen = known + tuple(median((img[a:b] if axis == 0 else img[:, a:b]).reshape(-1, 3), axis=0)
                                     for a, b in inner)
                kids = []
                for a, b in segs:
                    sub, dsub = _pass_down(img, dark, axis, a, b)
                    if b - a < thin and max(sub.shape[:2]) >= 2 * thin:  # a thin piece standing apart
                        kids.append(_strip_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0),
                                                 thin, out, page))
                        continue
                    kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side, out,
                                       depth + 1, bridged, seen, page, gap))
                return kids
        for axis in (0, 1):
            # a gutter of one colour beside the images and another beside their sub-captions (two
            # dark CT views side by side, a black column between them, "(a)", "(b)" under them on
            # paper): cut where every band the other way's gutters part has a gutter
            bands = raws.get(1 - axis, [])
            if len(bands) < 2:
                continue
            n = h if axis == 0 else w
            common = _banded_gutters(img, dark, axis, bands, min_gap, page, thin)
            segs = _merge_thin(_segments(n, common), thin) if common else []
            if len(segs) >= 2:
                return _split_pieces(img, dark, axis, segs, x0, y0, side, out, depth, bridged, known, page, gap)
        for axis in ((0, 1) if known else ()):  # grey or coloured gutters a few off pixels broke
            n = h if axis == 0 else w
            segs = _merge_thin(_segments(n, _mostly_gutters(img, axis, min_gap, known, page)), thin)
            if len(segs) >= 2:
                return _split_pieces(img, dark, axis, segs, x0, y0, side, out, depth, bridged, known, page, gap)
        if gap is not None:
            tx0, ty0, tx1, ty1 = _trim(img, dark, page)
            out.append((x0 + tx0, y0 + ty0, x0 + tx1, y0 + ty1))
            return len(out) - 1
        # no gutter either way: photographs that touch (edges), only into pieces of panel size, and
        # only in a region that is photographs (a chart or diagram on paper has frames and bars
        # whose lines change almost every pixel too)
        paper = float(np.count_nonzero(dark >= 235)) / dark.size
        if not bridged and paper >= _BRIDGED_PAPER:
            # rows of panels that no straight gutter parts: text poking into the gutter, or a
            # heading's rule over all of them (`_staggered`); each part cut as usual from there
            found = _staggered(img, dark, min_gap, thin, page, side)
            if found is not None:
                axis, parts = found
                kids = []
                for a, b, sub, dsub in parts:
                    kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side,
                                       out, depth + 1, bridged, known, page))
                return kids
        if paper >= 0.25:
            # framed pictures (screenshots, framed plots) touching with no gutter: cut at the frame
            # sides that run the region's whole height or width (`_frame_seams`)
            found = _frame_seams(dark, thin)
            if found is not None:
                axis, pieces = found
                kids = []
                for a, b in pieces:
                    sub, dsub = _pass_down(img, dark, axis, a, b)
                    kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side,
                                       out, depth + 1, bridged, known, page))
                return kids
        if bridged and paper >= _BRIDGED_PAPER:
            for axis in (0, 1):
                n = h if axis == 0 else w
                segs = _merge_thin(_segments(n, _bridged_gutters(dark, axis, min_gap, thin)), thin)
                if len(segs) >= 2:
                    kids = []
                    for a, b in segs:
                        sub, dsub = _pass_down(img, dark, axis, a, b)
                        kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side,
                                           out, depth + 1, bridged, page=page))
                    return kids
        # the edges are looked for inside the region's plain margins: a white frame round abutting
        # photos is an edge too, and its thin strips would fail the size test for the whole row
        mx0, my0, mx1, my1 = _trim(img, dark, page) if paper < 0.25 else (0, 0, w, h)
        if paper >= 0.25 and paper < _MARGIN_PAPER:
            # photos centred in a row wider than they are (a row of two under a row of three): the
            # white margins beside them are paper, the region inside them may be photographs (an
            # image with tick labels and a title round it holds paper inside its plain margins)
            tx0, ty0, tx1, ty1 = _trim(img, dark, page)
            inner = dark[ty0:ty1, tx0:tx1]
            if inner.size and float(np.count_nonzero(inner >= 235)) < _MARGIN_INNER * inner.size:
                mx0, my0, mx1, my1 = tx0, ty0, tx1, ty1
                paper = 0.0
        # photo edges across rows first; down columns first when a row edge is no edge at all in
        # one of the columns the column edges give (two columns with their own row cuts: cutting
        # one column's row edge across the figure would halve the taller photo beside it)
        choices = []
        for axis in ((0, 1) if paper < 0.25 else ()):
            lo, hi = (my0, my1) if axis == 0 else (mx0, mx1)
            inner = img[my0:my1, mx0:mx1]
            if min(inner.shape[:2]) < 2 * thin:
                continue
            # an edge within `thin` of the region's end is a photo's own border (a dark rim, a
            # blurred first line), not where two photos meet: it would leave a sliver no row can
            # hold. Left aside only when the other edges cut the row evenly (photos of one size)
            found = _edge_cuts(inner, axis)
            cuts = [k for k in found if thin <= k <= hi - lo - thin]
            even = np.diff([0] + cuts + [hi - lo])
            if len(cuts) == len(found) or not cuts or even.max() > 1.1 * even.min():
                cuts = found
            cuts = [lo + k for k in cuts]
            if not cuts:
                continue
            bounds = _even_edges(inner, axis, [0] + [k - lo for k in cuts] + [hi - lo])
            bounds = [lo + k for k in bounds]
            sizes = np.diff(bounds)
            other = (mx1 - mx0) if axis == 0 else (my1 - my0)
            if (_edge_pieces_ok(sizes, hi - lo, thin)
                    and not _strips(sizes, other, inner, axis, [k - lo for k in bounds])) or \
                    _edge_pieces_ok(sizes, hi - lo, thin, _gutter_parts(img, dark, axis, bounds, min_gap, thin, page)):
                choices.append((axis, bounds, [k - lo for k in cuts]))
        if not choices and paper < 0.25 and min(my1 - my0, mx1 - mx0) >= 2 * thin:
            faint = _faint_split(img[my0:my1, mx0:mx1], thin)
            if faint is not None:
                axis, ks = faint
                lo, hi = (my0, my1) if axis == 0 else (mx0, mx1)
                choices.append((axis, [lo] + [lo + k for k in ks] + [hi], ks))
        if choices:
            axis, bounds, _ = choices[0]
            if len(choices) == 2:
                cols = [c - mx0 for c in choices[1][1]]
                spans = list(zip(cols[:-1], cols[1:]))
                inner = img[my0:my1, mx0:mx1]
                if any(_edge_absent(inner, k, 0, spans) for k in choices[0][2]):
                    axis, bounds, _ = choices[1]
            kids = []
            for a, b in zip(bounds[:-1], bounds[1:]):
                sub, dsub = _pass_down(img, dark, axis, a, b)
                kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side, out,
                                   depth + 1, bridged, page=page))
            return kids
    # the page's colour is trimmed from a piece the page was cut round, not from a figure left whole
    # (a single photo on a plain ground keeps its box)
    tx0, ty0, tx1, ty1 = _trim(img, dark, page if depth > 0 else None)
    out.append((x0 + tx0, y0 + ty0, x0 + tx1, y0 + ty1))
    return len(out) - 1


_BAND_TONES = 60   # banded gutters: two bands' gutter colours differ by more than this (any channel)
_BAND_WORD = 1.5   # ... and in a band of print, a gap this many times the band's thickness (no word space)


def _split_pieces(img: np.ndarray, dark: np.ndarray, axis: int, segs: list[tuple[int, int]], x0: int, y0: int,
                  side, out: list, depth: int, bridged, known, page, gap) -> list:
    """`_split` on each piece [a, b) of a region cut along `axis` at its gutters, offsets carried."""
    kids = []
    for a, b in segs:
        sub, dsub = _pass_down(img, dark, axis, a, b)
        kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side, out,
                           depth + 1, bridged, known, page, gap))
    return kids


def _banded_gutters(img: np.ndarray, dark: np.ndarray, axis: int, bands: list[tuple[int, int]], min_gap: int,
                    page: tuple | None, thin: int) -> list[tuple[int, int]]:
    """Gutters along `axis` that run through every band (`bands`: the pieces the gutters the other
    way part, before thin ones are joined) in colours that differ from band to band: a black column
    between two dark CT views that continues as paper between their sub-captions is a gutter no
    single line of one colour shows. In a band thinner than `thin` (a line of print) only gaps over
    `_BAND_WORD` times its thickness count: the space between two words is no gutter.
    Runs [a, b) interior to the region, at least `min_gap` lines;
    none unless two bands' colours there differ by over `_BAND_TONES` (one colour throughout is
    `_gutters`' own case, already refused)."""
    n = img.shape[0] if axis == 0 else img.shape[1]
    common = np.ones(n, dtype=bool)
    # (speed) a run whose tones differ holds a line that some band does not have mostly paper on
    # (`_band_toned`); when no run still possible does, no band's gutters need be read further
    toned = _band_toned(dark, axis, bands)

    def possible() -> bool:
        return any(d - c >= min_gap and toned[c:d].any() for c, d in _true_runs(common, 1, n - 1))

    if not possible():
        return []
    for a, b in bands:
        sub, dsub = (img[:, a:b], dark[:, a:b]) if axis == 0 else (img[a:b], dark[a:b])
        need = max(min_gap, int(_BAND_WORD * (b - a))) if b - a < thin else min_gap
        mask = np.zeros(n, dtype=bool)
        for c, d in _gutters(sub, dsub, axis, min_gap, page):
            if d - c >= need:
                mask[c:d] = True
        common &= mask
        if not possible():
            return []
    runs = [(a, b) for a, b in _true_runs(common) if 0 < a and b < n and b - a >= min_gap]
    out = []
    for c, d in runs:
        tones = [median((img[c:d, a:b] if axis == 0 else img[a:b, c:d]).reshape(-1, 3), axis=0) for a, b in bands]
        if max(float(np.abs(t - u).max()) for t in tones for u in tones) > _BAND_TONES:
            out.append((c, d))
    return out


def _band_toned(dark: np.ndarray, axis: int, bands: list[tuple[int, int]]) -> np.ndarray:
    """Per line along `axis`: whether some band (a stretch [a, b) of the other axis) has at most
    half of that line's pixels paper (darkest channel >= 200). Why (`_banded_gutters`' shortcut): a
    run of lines on which every band is more than half paper gives each band a median colour of 200
    or more in every channel, so no two bands' tones there differ by over `_BAND_TONES` (55 at
    most); a run that can be kept holds a toned line."""
    toned = np.zeros(dark.shape[axis], dtype=bool)
    for a, b in bands:
        band = dark[:, a:b] if axis == 0 else dark[a:b]
        paper = cv2.reduce((band >= 200).view(np.uint8), 1 if axis == 0 else 0, cv2.REDUCE_SUM,
                           dtype=cv2.CV_32S).reshape(-1)
        toned |= 2 * paper <= b - a
    return toned


_SEAM_INK = 200     # a frame side: pixels darker than this (a window's grey border, a plot's black frame) ...
_SEAM_RUN = 0.97    # ... along this share of the region's inked extent across it at least (its whole height) ...
_SEAM_WIDE = 4      # ... in a run of at most this many such lines (a rule, not a dark photo) ...
_SEAM_MAX = 2       # ... at most this many of them in the region (more: a chart's grid lines)
_SEAM_TONE = 50     # ... as dark as the region's darkest outer frame side, within this much


def _frame_seams(dark: np.ndarray, thin: int) -> tuple[int, list[tuple[int, int]]] | None:
    """Cuts (axis, pieces (start, end) along it) where framed pictures touch with no gutter between them (two
    screenshots side by side, a schematic against a framed oscilloscope trace, plots whose frames
    touch): a frame side, a straight rule of ink (`_SEAM_INK`) at most `_SEAM_WIDE` lines thick,
    running along `_SEAM_RUN` of the region's inked extent across it (its whole height, labels
    included), as thick and as dark (`_SEAM_TONE`) as the region's own outer frame side (one at
    least, within 2 * `thin` of its end: a framed picture ends the region; a plot's grid line is
    thinner or paler), turning at both ends to the same side (`_cornered`), at least
    2 * `thin` from either end, one or two of them cutting the region into
    pieces of panel size (`_edge_pieces_ok`), each holding ink besides the rule. Why: such a region
    has no gutter and is paper, so no photo edge is looked for. A chart's grid lines and a frame's
    inner lines stop at the frame, short of the tick labels and titles round it, and come many at a
    time; a single framed picture's sides are at the region's ends. None when no such cut."""
    ink = dark < _SEAM_INK
    # side by side only: a plot's flat trace runs the whole width of its frame as a rule does
    for axis in (1,):
        lines = ink if axis == 1 else ink.T  # columns of the region as its lines' pixels down axis 0
        across = np.flatnonzero(lines.any(axis=1))
        if len(across) < 2:
            return None
        t, b = int(across[0]), int(across[-1]) + 1
        n = lines.shape[1]
        cover = lines[t:b].mean(axis=0)
        runs: list[list[int]] = []
        for a, e in _true_runs(cover >= _SEAM_RUN):
            if runs and a - runs[-1][1] <= 1:  # two frames' sides touching, a line of paper between
                runs[-1][1] = e
            else:
                runs.append([a, e])
        # a seam is as heavy and as dark as the region's own outer frame sides (a grid line is
        # thinner or paler): its darkest line's median within `_SEAM_TONE` of the darkest side's
        cols = dark if axis == 1 else dark.T
        tone = [int(median(cols[t:b, a:e], axis=0).min()) for a, e in runs]
        ends = [i for i, (a, e) in enumerate(runs) if a < 2 * thin or n - e < 2 * thin]
        if not ends:  # no framed picture ends the region (a flow chart's arrow, a plot's grid line)
            continue
        heavy = min(runs[i][1] - runs[i][0] for i in ends)
        ref = min(tone[i] for i in ends) + _SEAM_TONE
        seams = [(a, e) for (a, e), c in zip(runs, tone) if heavy <= e - a <= _SEAM_WIDE and c <= ref
                 and 2 * thin <= a and e <= n - 2 * thin and _cornered(lines, a, e, t, b)]
        if not seams or len(seams) > _SEAM_MAX:
            continue
        # each picture keeps the rule as its side (both do: touching frames share it), so each
        # piece stays framed and its plot is not cut again at gaps its open side would leave
        bounds = [0] + [(a + e) // 2 for a, e in seams] + [n]
        if not _edge_pieces_ok(np.diff(bounds), n, thin):
            continue
        pieces = [(0, seams[0][1])] + [(seams[i][0], seams[i + 1][1]) for i in range(len(seams) - 1)] + \
            [(seams[-1][0], n)]
        if any(int(np.count_nonzero(lines[:, lo:hi].any(axis=0))) < 2 * _SEAM_WIDE + 2 for lo, hi in pieces):
            continue
        return (0 if axis == 0 else 1), pieces
    return None


def _cornered(lines: np.ndarray, a: int, e: int, t: int, b: int) -> bool:
    """Whether the rule in lines a..e (rows t..b) turns at both ends to the same side or sides: a
    frame's side meets its top and bottom rules (one way: a box's corners; both ways: two frames
    touching). A square wave's rising edge turns one way at its top and the other at its bottom."""
    def sides(r0: int, r1: int) -> tuple[bool, bool]:
        band = lines[r0:r1]
        return bool(band[:, max(0, a - 3):a].any()), bool(band[:, e:e + 3].any())

    top, bottom = sides(t, t + 3), sides(b - 3, b)
    return top == bottom and any(top)


_MARGIN_PAPER = 0.6    # a region up to this share paper may be photographs inside plain margins ...
_MARGIN_INNER = 0.05   # ... when inside them at most this share is paper (no tick labels, no titles)
_BRIDGED_PAPER = 0.5   # only a region mostly paper (charts, blots, diagrams) is cut at bridged gutters
_BRIDGED_INK = 0.015   # a bridged gutter's lines have at most this share of their pixels inked


def _bridged_gutters(dark: np.ndarray, axis: int, min_gap: int, thin: int) -> list[tuple[int, int]]:
    """Gutters that slanted or rotated axis text pokes into from either side (the tick labels of the
    panel above reaching down past the top of the panel below): runs of lines each under twice
    `_BRIDGED_INK` inked, at least `min_gap` of them under `_BRIDGED_INK`, that no straight line
    crosses (no column through the run, and a line beyond it on each side, inked all along: an axis,
    a frame or a bar runs through a chart's own sparse stretches; text does not), at least
    2 * `thin` from either end of the region."""
    ink = (dark < 200) if axis == 0 else (dark < 200).T
    n, m = ink.shape
    cnt = ink.sum(axis=1)
    sparse = cnt <= _BRIDGED_INK * m
    out = []
    for a, b in _true_runs(cnt <= 2 * _BRIDGED_INK * m):
        if int(sparse[a:b].sum()) < min_gap or a < 2 * thin or n - b < 2 * thin:
            continue
        if ink[a - 1:b + 1].all(axis=0).any():
            continue
        out.append((a, b))
    return out


_HEAD_SPAN = 0.8  # a heading strip over a region's panels spans this share of its width at least ...
_HEAD_WIDE = 0.5  # ... in a region this share of the figure's longer side wide at least (a section of the figure)


def _cuts_across(img: np.ndarray, dark: np.ndarray, axis: int, min_gap: int, thin: int, page: tuple | None) -> bool:
    """Whether a plain gutter the other way (`axis`) cuts the region into two pieces at least, each
    `thin` or more (panels side by side, not an axis label beside its plot)."""
    n = img.shape[0] if axis == 0 else img.shape[1]
    return len(_merge_thin(_segments(n, _gutters(img, dark, axis, min_gap, page)), thin)) >= 2


def _pokes(dark: np.ndarray, run: tuple[int, int]) -> tuple[np.ndarray, np.ndarray] | None:
    """The ink in a sparse run of lines (`dark`'s lines a-1..b: the run and one line beyond it on
    each side) that pokes in from the side before it and from the side after it, as two masks over
    those lines; None when one mark runs through from side to side (a diagram's slanted arrow from
    one row of boxes to the next, a curve, a rotated name the run lies inside of): text poking
    into a gutter comes from one side. Glyphs of one word are one mark (closed along the lines
    across the run: a rotated name's letters lie a few pixels apart)."""
    a, b = run
    ink = (dark[a - 1:b + 1] < 200).view(np.uint8)
    # padded with paper: a closing at the band's edge would carry a mark onto the edge line
    pad = cv2.copyMakeBorder(ink, 3, 3, 0, 0, cv2.BORDER_CONSTANT, value=0)
    joined = np.ascontiguousarray(cv2.morphologyEx(pad, cv2.MORPH_CLOSE, np.ones((5, 1), np.uint8))[3:-3])
    n, labels = cv2.connectedComponents(joined, connectivity=8)
    if n < 2:
        return np.zeros(ink.shape, bool), np.zeros(ink.shape, bool)
    top, bottom = set(np.unique(labels[0])) - {0}, set(np.unique(labels[-1])) - {0}
    if top & bottom:
        return None
    inked = ink.astype(bool)
    return inked & np.isin(labels, list(top)), inked & np.isin(labels, list(bottom))


def _staggered(img: np.ndarray, dark: np.ndarray, min_gap: int, thin: int,
               page: tuple | None, side: int) -> tuple[int, list[tuple]] | None:
    """A cut for a region of panels on paper that no plain gutter crosses end to end, as (axis,
    parts: (start, end, image, darkest channel) along the axis; parts may overlap by the ink
    poking into a gutter, each with the other side's pokes whitened), or None. Two kinds, each taken only when every part it gives is then cut the other
    way by a plain gutter into panels side by side (`_cuts_across`): rows of panels, not a chart's
    title, plot and legend, nor a diagram's rows of boxes.
    - rows of panels whose gutter the text of the row under it (or over it) pokes into (rotated
      sample names, a blot's italic headings: `_bridged_gutters`, a few pixels inked per line, no
      mark running through: `_pokes`);
    - a heading strip at the region's top or bottom (a section's title between two rules, thin,
      its ink spanning `_HEAD_SPAN` of the width, in a region `_HEAD_WIDE` of the figure wide: a
      section of the figure, not one panel's sub-heading) whose rule crosses the gutters between
      the panels under it: the strip is cut off (`_minor_merge` leaves it out as a header over
      several)."""
    h, w = img.shape[:2]
    # rows only: the names rotated over a blot or a heat map, a row's headings, poke up or down
    # into the gutter above them; a diagram's ellipses and arrows beside each other are no columns
    for axis in (0,):
        lines, dlines = (img, dark) if axis == 0 else (img.transpose(1, 0, 2), dark.T)
        n = lines.shape[0]
        runs = _bridged_gutters(dark, axis, min_gap, thin)
        pokes = [_pokes(dlines, r) for r in runs]
        if not runs or any(p is None for p in pokes):
            continue
        # each part runs from the last clean line before it to the first after it, taking the
        # ink that pokes into the run from its side; the other side's pokes are whitened in it
        bounds = [0]
        for (a, b), (down, up) in zip(runs, pokes):
            rows_down = np.flatnonzero(down.any(axis=1))
            rows_up = np.flatnonzero(up.any(axis=1))
            bounds.append(a - 1 + int(rows_down[-1]) + 1 if len(rows_down) else a)
            bounds.append(a - 1 + int(rows_up[0]) if len(rows_up) else b)
        bounds.append(n)
        parts = []
        for k in range(len(runs) + 1):
            lo, hi = bounds[2 * k], bounds[2 * k + 1]
            if hi - lo < thin:
                parts = []
                break
            sub, dsub = lines[lo:hi].copy(), dlines[lo:hi].copy()
            for j, r in enumerate(runs):
                down, up = pokes[j]
                # the next run's pokes from the part after it, the last run's from the part before
                other = up if j == k else down if j == k - 1 else None
                if other is None:
                    continue
                ys, xs = np.nonzero(other)
                ys = ys + r[0] - 1 - lo
                keep = (ys >= 0) & (ys < hi - lo)
                sub[ys[keep], xs[keep]] = 255
                dsub[ys[keep], xs[keep]] = 255
            if axis == 1:
                sub, dsub = np.ascontiguousarray(sub.transpose(1, 0, 2)), np.ascontiguousarray(dsub.T)
            parts.append((lo, hi, sub, dsub))
        if len(parts) >= 2 and all(_cuts_across(p[2], p[3], 1 - axis, min_gap, thin, page) for p in parts):
            return axis, parts
    if w < _HEAD_WIDE * side:
        return None  # a heading over one panel's plot and key (a sub-heading) is not cut off
    raw = _segments(h, _gutters(img, dark, 0, min_gap, page))
    if len(raw) < 2:
        return _title_over(img, dark, min_gap, thin, page)

    def heading(a: int, b: int) -> bool:
        cols = np.flatnonzero((dark[a:b] < 200).any(axis=0))
        return b - a < thin and len(cols) > 0 and cols[-1] - cols[0] >= _HEAD_SPAN * w

    # the headings at either end (a section's own above it, the next section's under it when the
    # gutter to it is the narrower one)
    top, bottom = heading(*raw[0]), len(raw) > 2 and heading(*raw[-1])
    if not (top or bottom):
        return _title_over(img, dark, min_gap, thin, page)
    lo, hi = raw[1][0] if top else 0, raw[-2][1] if bottom else h
    if hi - lo < thin or not _cuts_across(img[lo:hi], dark[lo:hi], 1, min_gap, thin, page):
        return None
    segs = ([raw[0]] if top else []) + [(lo, hi)] + ([raw[-1]] if bottom else [])
    return 0, [(a, b, img[a:b], dark[a:b]) for a, b in segs]


def _title_over(img: np.ndarray, dark: np.ndarray, min_gap: int, thin: int,
                page: tuple | None) -> tuple[int, list[tuple]] | None:
    """A figure's title line standing a few pixels over the titles of the plots side by side under
    it, running across the column gutter between them (a grouped chart's "Boxplot grouped by X"
    over "Col1" and "Col2"): cut off when the rest is then cut by a plain gutter into pieces `thin`
    or more (`_cuts_across`), as (0, [title, rest]); else None. Why: the line blocks the only column
    gutter, and it is too thin to stand as a row of its own (`_merge_thin` merges it into what is
    under it), so the region had no gutter either way. `_minor_merge` leaves the title out as a
    header over several pieces."""
    h = img.shape[0]
    inked = (dark < 200).any(axis=1)
    rows = np.flatnonzero(inked)
    if len(rows) < 2:
        return None
    top = int(rows[0])
    blank = np.flatnonzero(~inked[top:])
    if not len(blank):
        return None
    end = top + int(blank[0])  # the first line's last row + 1
    below = np.flatnonzero(inked[end:])
    if not len(below):
        return None
    start = end + int(below[0])
    if end - top >= thin or start - end < 2 or h - start < 2 * thin:
        return None
    if not _cuts_across(img[start:], dark[start:], 1, min_gap, thin, page):
        return None
    return 0, [(0, end, img[:end], dark[:end]), (start, h, img[start:], dark[start:])]


def _edge_pieces_ok(sizes: np.ndarray, n: int, thin: int, parts: list[int] | None = None) -> bool:
    """Whether cuts at photo edges give pieces of panel size: none under 2 * `thin`, none over 2.2x
    the smallest, and the smallest at least 18 % of the region or, in a row of k >= 3 photos, half
    the mean (k / 2n: a row of four photos of unequal widths has a 13 % one). `parts`: for each
    piece, the number of pieces a gutter the other way cuts it into (`_gutter_parts`); a piece cut
    so holds several panels side by side and is not held to the size of one (a tall photo beside a
    stack of two, over a wide photo: the top piece is twice the bottom one's height and more)."""
    least = min(0.18 * n, 0.5 * n / len(sizes)) if len(sizes) >= 3 else 0.18 * n
    if sizes.min() < max(least, 2 * thin):
        return False
    if parts is None:
        return sizes.max() <= 2.2 * sizes.min()
    return all(s <= 2.2 * sizes.min() or k >= 2 for s, k in zip(sizes, parts)) and any(k >= 2 for k in parts)


_STRIP_ASPECT = 3.0  # photo-edge cuts whose every piece is this many times longer than it is thick give strips


def _strips(sizes: np.ndarray, other: int, img: np.ndarray | None = None, axis: int = 0,
            bounds: list[int] | None = None) -> bool:
    """Whether cuts at photo edges would leave only strips (each piece over `_STRIP_ASPECT` times as
    long, `other`, as it is thick) of one photograph each: one wide photograph (a planet's map, a
    panorama) whose bands meet at a sharp line, not photographs meeting; a photo is rarely over 3:1.
    A strip holding several photos side by side (a grid's row: photo edges cut it the other way,
    `_edge_cuts`) is a row of panels (`img`, `axis`, `bounds`: the region and the cuts, when known)."""
    if other <= _STRIP_ASPECT * int(sizes.max()):
        return False
    if img is None or bounds is None:
        return True
    for a, b in zip(bounds[:-1], bounds[1:]):
        sub = img[a:b] if axis == 0 else img[:, a:b]
        if _edge_cuts(sub, 1 - axis):
            return False
    return True


def _gutter_parts(img: np.ndarray, dark: np.ndarray, axis: int, bounds: list[int], min_gap: int,
                  thin: int, page: tuple | None = None) -> list[int]:
    """For each piece between `bounds` along `axis`, how many pieces its own neutral gutters the
    other way cut it into (1: none)."""
    out = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        if b <= a:  # cuts that meet (a photo edge found twice) leave an empty piece: it holds no panel
            out.append(0)
            continue
        sub, dsub = _pass_down(img, dark, axis, a, b)
        n = sub.shape[1 - axis]
        out.append(len(_merge_thin(_segments(n, _gutters(sub, dsub, 1 - axis, min_gap, page)), thin)))
    return out


def crop(img: np.ndarray, b: Box) -> np.ndarray:
    return img[b.y:b.y + b.h, b.x:b.x + b.w]


def _union(a: Box, b: Box) -> Box:
    x0, y0 = min(a.x, b.x), min(a.y, b.y)
    x1, y1 = max(a.x + a.w, b.x + b.w), max(a.y + a.h, b.y + b.h)
    return Box(x0, y0, x1 - x0, y1 - y0)


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


# ------------------------------------------------------------------ tinted plotting areas

_TINT_LO, _TINT_HI = 200, 247  # a plotting area's flat tint: grey, every channel in this range (ggplot2's grey92 is 235) ...
_TINT_SPREAD = 8    # ... its channels within this of each other, a pixel of it within 2 of the tint
_TINT_SHARE = 0.05  # ... covering this share of the figure at least
_TINT_PAPER = 250   # ... on paper: the figure's border this light (darkest channel) along most of it
_TINT_SIDE = 0.08   # an area's box at least this share of the figure's side each way (and 24 px)
_TINT_FILL = 0.4    # ... the tint filling this share of it at least (grid lines, points and bars the rest) ...
_TINT_EDGE = 0.7    # ... and this share of each of its four sides (the area is a rectangle)
_TINT_FEW = 0.7     # the quarter-scale look: one tint over this part of `_TINT_SHARE` at least (a 1/16 sample
                    # of the pixels; its own commonest tint covers at least what the full-size one does)
_TINT_FRAME = 3     # the frame drawn round it: this many pixels at the layout's scale (`_MAX_SIDE`)


def tinted_areas(img: np.ndarray) -> list[Box]:
    """Plotting areas filled with a flat light grey on white paper (ggplot2's default theme: a grey
    panel with white grid lines, its title and axis labels outside it on the white page).

    The gutter test reads any line whose pixels are all light (darkest channel >= 200) as white, so
    a grey area with white grid lines is background to it: the points and bars inside are cut apart
    from one another and from the plot's own labels. A rectangle of one flat tint, large, on white
    paper, is a chart's plotting area, and nothing inside it is a gutter between panels."""
    if img.ndim != 3 or img.shape[0] < 48 or img.shape[1] < 48:
        return []
    border = np.concatenate([channel_min(img[0]), channel_min(img[-1]), channel_min(img[:, 0]), channel_min(img[:, -1])])
    if np.mean(border >= _TINT_PAPER) < 0.9:
        return []
    few = img[::4, ::4]   # a cheap first look: most figures (photos, charts on white) have no such tint
    flo, fhi = channel_min(few), few.max(axis=2)
    fflat = (fhi.astype(np.int16) - flo <= _TINT_SPREAD) & (flo >= _TINT_LO) & (fhi <= _TINT_HI)
    if fflat.mean() < 0.5 * _TINT_SHARE:
        return []
    ftint = int(np.argmax(np.bincount(flo[fflat], minlength=256)))   # ... nor one tint over a share of it
    if np.mean(fflat & (np.abs(flo.astype(np.int16) - ftint) <= 2)) < _TINT_FEW * _TINT_SHARE:
        return []
    lo, hi = channel_min(img), img.max(axis=2)
    flat = (hi.astype(np.int16) - lo <= _TINT_SPREAD) & (lo >= _TINT_LO) & (hi <= _TINT_HI)
    if flat.mean() < _TINT_SHARE:
        return []
    tint = int(np.argmax(np.bincount(lo[flat], minlength=256)))
    mask = flat & (np.abs(lo.astype(np.int16) - tint) <= 2)
    if mask.mean() < _TINT_SHARE:
        return []
    closed = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=4)
    H, W = mask.shape
    out = []
    for x, y, w, h, _a in stats[1:]:
        if w < max(24, _TINT_SIDE * W) or h < max(24, _TINT_SIDE * H):
            continue
        for _ in range(2):   # its box trimmed to the rows, then the columns, the tint fills
            r = np.flatnonzero(mask[y:y + h, x:x + w].mean(axis=1) >= _TINT_EDGE)
            if len(r) == 0:
                break
            y, h = y + r[0], r[-1] - r[0] + 1
            c = np.flatnonzero(mask[y:y + h, x:x + w].mean(axis=0) >= _TINT_EDGE)
            if len(c) == 0:
                break
            x, w = x + c[0], c[-1] - c[0] + 1
        else:
            if w >= max(24, _TINT_SIDE * W) and h >= max(24, _TINT_SIDE * H) \
                    and mask[y:y + h, x:x + w].mean() >= _TINT_FILL and _ends_sharp(mask, x, y, w, h) \
                    and _grid_lines(lo[y:y + h, x:x + w], tint):
                out.append(Box(int(x), int(y), int(w), int(h)))
    return _facet_rows(out, lo)


_GRID_LIGHT = 6     # a grid line: pixels this much lighter than the tint (white on ggplot2's grey92) ...
_GRID_ALONG = 0.5   # ... along this share of the area's row (column) at least (points and lines hide the rest) ...
_GRID_THIN = 0.05   # ... in a run of rows (columns) at most this share of the area's height (width) and 6 px ...
_GRID_DARK = 60     # ... with no dark line beside it (pixels this much darker than the tint along the same share):
                    # the light fringe a drawn line leaves in a resampled image is no grid line


def _grid_lines(area: np.ndarray, tint: int) -> bool:
    """Whether a tinted area (its darkest channel) holds light grid lines across it: one row and one
    column at least, three in all, thin lines away from its sides and from any dark line (a tile's
    outline leaves a light fringe beside it when resampled). A plotting area drawn on a tint
    (ggplot2's theme_grey, seaborn's darkgrid) carries white grid lines at its ticks both ways; a
    mosaic plot's tiles, a shaded residual box or a filled bar are flat tint with none, and framing
    them would cut one mosaic into its tiles."""
    light = area >= tint + _GRID_LIGHT
    dark = area < tint - _GRID_DARK
    h, w = light.shape
    runs = 0
    found = []
    for share, ink, size in ((light.mean(axis=1), dark.mean(axis=1), h), (light.mean(axis=0), dark.mean(axis=0), w)):
        idx = np.flatnonzero(share[2:-2] >= _GRID_ALONG) + 2
        groups = np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1) if len(idx) else []
        n = sum(1 for g in groups if len(g) <= max(6, _GRID_THIN * size)
                and ink[max(0, g[0] - 2):g[0]].max(initial=0) < _GRID_ALONG
                and ink[g[-1] + 1:g[-1] + 3].max(initial=0) < _GRID_ALONG)
        found.append(n)
        runs += n
    return min(found) >= 1 and runs >= 3


_TINT_OUT = 0.3     # a rectangle's tint ends at its sides: the lines 2 px outside them under this share tint


def _ends_sharp(mask: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """Whether the tint stops at the box's four sides (a rectangle, not a disc or blob trimmed to
    its inner box): each line 2 px outside a side, where inside the figure, is mostly not tint."""
    H, W = mask.shape
    outside = []
    if y - 2 >= 0:
        outside.append(mask[y - 2, x:x + w])
    if y + h + 1 < H:
        outside.append(mask[y + h + 1, x:x + w])
    if x - 2 >= 0:
        outside.append(mask[y:y + h, x - 2])
    if x + w + 1 < W:
        outside.append(mask[y:y + h, x + w + 1])
    return all(o.mean() < _TINT_OUT for o in outside)


_TINT_APART = 3     # facets at least this many pixels apart (touching facets, a lattice display's, are told
                    # apart by their strip titles: `charts._facets`) ...
_TINT_GAP = 0.25    # facets: areas of one height (or width) side by side, this share of the smaller apart at most,
                    # with nothing darker than the tint between them (no axis labels)


def _facet_rows(areas: list[Box], lo: np.ndarray) -> list[Box]:
    """Tinted areas that are one plot's facets joined into one: the same top and height (or left and
    width) within 2 px, a gap of blank paper between them `_TINT_APART` px at least and at most
    `_TINT_GAP` of the smaller (ggplot2's facet spacing; lattice's touching facets are left apart). Two
    separate plots side by side have the second's axis labels in the gap; facets sharing their axes
    have none, and cutting between them would cut one plot apart."""
    areas = sorted(areas, key=lambda b: (b.y, b.x))
    joined = True
    while joined:
        joined = False
        for i, a in enumerate(areas):
            for j in range(i + 1, len(areas)):
                b = areas[j]
                if abs(a.y - b.y) <= 2 and abs(a.h - b.h) <= 2:
                    lo_, hi_ = sorted((a, b), key=lambda q: q.x)
                    g0, g1, size = lo_.x + lo_.w, hi_.x, min(a.w, b.w)
                    gap = lo[max(a.y, b.y):min(a.y + a.h, b.y + b.h), g0:g1]
                elif abs(a.x - b.x) <= 2 and abs(a.w - b.w) <= 2:
                    lo_, hi_ = sorted((a, b), key=lambda q: q.y)
                    g0, g1, size = lo_.y + lo_.h, hi_.y, min(a.h, b.h)
                    gap = lo[g0:g1, max(a.x, b.x):min(a.x + a.w, b.x + b.w)]
                else:
                    continue
                if _TINT_APART <= g1 - g0 <= _TINT_GAP * size and (gap.size == 0 or gap.min() >= _TINT_LO):
                    areas[i] = _union(a, b)
                    del areas[j]
                    joined = True
                    break
            if joined:
                break
    return areas


def frame_tinted(img: np.ndarray) -> np.ndarray:
    """`img` with a black frame drawn just inside each tinted plotting area (`tinted_areas`), as base R
    draws round its plots: lines across the area then carry ink at its sides and are no gutters, so the
    area stays one piece with its labels beside it; the frame adds no ink outside the area's box.
    The image itself when there is none (no copy)."""
    areas = tinted_areas(img)
    if not areas:
        return img
    t = max(_TINT_FRAME, int(np.ceil(_TINT_FRAME * max(img.shape[:2]) / _MAX_SIDE)))
    out = img.copy()
    for b in areas:
        tt = min(t, b.w // 4, b.h // 4)
        cv2.rectangle(out, (b.x, b.y), (b.x + b.w - 1, b.y + b.h - 1), (0, 0, 0), thickness=1)
        for k in range(tt):
            cv2.rectangle(out, (b.x + k, b.y + k), (b.x + b.w - 1 - k, b.y + b.h - 1 - k), (0, 0, 0), thickness=1)
    return out
