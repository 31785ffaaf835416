"""A gap of a plotting area's flat tint between two pieces is that plot's empty ground, no gutter.

Its own module because it is one step of `split_panels` with one job (see `join_tint_gaps`).

Why: the gutter test reads every light line (darkest channel 200 or over) as paper, so a plot
drawn on a flat light grey (ggplot2's theme_grey, seaborn's darkgrid) falls apart wherever a
stretch of it is empty: a volcano plot's points above one height are cut from those under it,
a strip chart's columns of points from one another. `gutters.frame_tinted` frames such areas
first, but only those whose tint ends sharp on all four sides; points drawn on the area's edge
(a volcano plot's clipped values, a dense column at an axis' end) blur its sides and the area is
left unframed, and the areas of a lattice's facets are never framed (`split_panels`). A real
gutter between panels is paper: white between two ggplot2 facets or two plots, a page's ground
round photographs. Here each line of the gap between two facing pieces is mostly one flat light
grey, the same one, and that grey is a plotting area's: it carries thin white grid lines
(`gutters._grid_lines`). Such pieces are one plot's parts and are joined.

Cheap: the figure's border must be white paper and a glance (every 8th pixel each way) must find the flat
tint; only then are the gaps between facing pieces read."""

from __future__ import annotations

import cv2
import numpy as np

from .figure import darkest
from .gutters import Box, _grid_lines, channel_min
from .memo import per_figure
from .pair_joins import join_pairs

_PAPER = 250        # paper: darkest channel at this or over, on this share of the figure's border ...
_PAPER_BORDER = 0.9
_TINT = (200, 247)  # a plotting area's tint: every channel in this range ...
_SPREAD = 8         # ... its channels within this of each other ...
_GLANCE = 0.025     # ... on this share of a glance at the figure at least (every 8th pixel each way)
_SAME = 2           # a pixel of the tint: its darkest channel within this of the tint's
_LINE = 0.5         # every line of the gap: the tint on this share of it at least
_ACROSS = 0.8       # each line of the gap: the tint across this share of its area's box at least
_FACING = 0.3       # two pieces face each other over this share of the narrower one's side at least ...
_GAP = 0.12         # ... with a gap of at most this share of the figure's side between them


def join_tint_gaps(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with pieces parted only by a gap of one plotting area's flat tint joined (see the
    module's docstring); `out` itself where no gap is such."""
    if len(out) < 2 or img.ndim != 3 or not _tinted_on_paper(img):
        return out
    dark = darkest(img)
    return join_pairs(out, lambda a, b, boxes: _tint_gap(img, dark, a, b, boxes))


def _tinted_on_paper(img: np.ndarray) -> bool:
    """Whether the figure is on white paper (its border) and a glance finds a flat light grey on
    `_GLANCE` of it: the precondition of any tinted plotting area."""
    border = np.concatenate([channel_min(img[0, :, :3]), channel_min(img[-1, :, :3]),
                             channel_min(img[:, 0, :3]), channel_min(img[:, -1, :3])])
    if float((border >= _PAPER).mean()) < _PAPER_BORDER:
        return False
    few = img[::8, ::8, :3]
    lo, hi = channel_min(few), few.max(axis=2)
    flat = (hi.astype(np.int16) - lo <= _SPREAD) & (lo >= _TINT[0]) & (hi <= _TINT[1])
    return bool(flat.mean() >= _GLANCE)


def _tint_gap(img: np.ndarray, dark: np.ndarray, a: Box, b: Box, boxes: list[Box]) -> bool:
    """Whether pieces `a` and `b` face each other (one over the other, or side by side) across a
    gap no other piece enters, every line of which is mostly one flat tint, a plotting area's
    (thin lighter grid lines in the tinted region round the gap)."""
    H, W = dark.shape
    for axis in (0, 1):   # 0: a over b (rows between them), 1: side by side (columns between them)
        if axis == 0:
            lo_, hi_ = sorted((a, b), key=lambda q: q.y)
            g0, g1 = lo_.y + lo_.h, hi_.y
            c0, c1 = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
            narrow, side = min(a.w, b.w), H
        else:
            lo_, hi_ = sorted((a, b), key=lambda q: q.x)
            g0, g1 = lo_.x + lo_.w, hi_.x
            c0, c1 = max(a.y, b.y), min(a.y + a.h, b.y + b.h)
            narrow, side = min(a.h, b.h), W
        if g1 <= g0 or g1 - g0 > _GAP * side or c1 - c0 < _FACING * narrow:
            continue
        gap = Box(c0, g0, c1 - c0, g1 - g0) if axis == 0 else Box(g0, c0, g1 - g0, c1 - c0)
        if any(_meets(o, gap) for o in boxes if o is not a and o is not b):
            continue
        if _tint_of(img, dark, gap, axis) is not None:
            return True
    return False


def _meets(o: Box, g: Box) -> bool:
    return o.x < g.x + g.w and g.x < o.x + o.w and o.y < g.y + g.h and g.y < o.y + o.h


def _tint_of(img: np.ndarray, dark: np.ndarray, gap: Box, axis: int) -> int | None:
    """The tint filling the gap (the darkest channel's value), when every line across it is mostly
    that one flat light grey and the tinted region round the gap carries grid lines; else None."""
    mid = dark[gap.y + gap.h // 2, gap.x:gap.x + gap.w] if axis == 0 else dark[gap.y:gap.y + gap.h, gap.x + gap.w // 2]
    if float(((mid >= _TINT[0]) & (mid <= _TINT[1])).mean()) < _LINE:
        return None   # its middle line is no tint (paper, a photograph): most gaps end here
    part = img[gap.y:gap.y + gap.h, gap.x:gap.x + gap.w, :3]
    lo, hi = dark[gap.y:gap.y + gap.h, gap.x:gap.x + gap.w], part.max(axis=2)
    flat = (hi.astype(np.int16) - lo <= _SPREAD) & (lo >= _TINT[0]) & (hi <= _TINT[1])
    if float(flat.mean()) < _LINE:
        return None
    tint = int(np.argmax(np.bincount(lo[flat].ravel(), minlength=256)))
    same = flat & (np.abs(lo.astype(np.int16) - tint) <= _SAME)
    if float(same.mean(axis=1 - axis).min()) < _LINE:
        return None   # a line of the gap is no tint: paper (a real gutter) runs through it
    region = _region(img, dark, gap, tint, axis)
    if region is None or not _grid_lines(dark[region.y:region.y + region.h, region.x:region.x + region.w], tint):
        return None
    return tint


def _region(img: np.ndarray, dark: np.ndarray, gap: Box, tint: int, axis: int) -> Box | None:
    """The box of the connected stretch of the tint (closed over grid lines and points) the gap lies
    in, when it is a plotting area's rectangle there: each line of the gap runs through the tint
    from one side of that box to the other (`_ACROSS` of it at least). A zoom band's trapezoid of
    the same grey between a plot and its zoomed view, joined to both areas, is narrower than the
    box they make: None."""
    labels, stats = per_figure("tint regions", (img,), tint, lambda: _regions(img, dark, tint))
    inside = labels[gap.y:gap.y + gap.h, gap.x:gap.x + gap.w]
    ids = np.bincount(inside.ravel())
    ids[0] = 0
    if not ids.any():
        return None
    k = int(np.argmax(ids))
    x, y, w, h = (int(v) for v in stats[k, :4])
    if axis == 0:
        lines = labels[gap.y:gap.y + gap.h, x:x + w] == k
    else:
        lines = (labels[y:y + h, gap.x:gap.x + gap.w] == k).T
    if float(lines.mean(axis=1).min()) < _ACROSS:
        return None
    return Box(x, y, w, h)


def _regions(img: np.ndarray, dark: np.ndarray, tint: int) -> tuple[np.ndarray, np.ndarray]:
    """The connected stretches of one flat tint in the figure, closed over thin grid lines and points
    (labels, stats as `cv2.connectedComponentsWithStats` gives them)."""
    hi = img[:, :, :3].max(axis=2)
    mask = ((hi.astype(np.int16) - dark <= _SPREAD) & (np.abs(dark.astype(np.int16) - tint) <= _SAME)).astype(np.uint8)
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=4)
    return labels, stats
