"""Pictures on paper linked only by thin strokes (arrows, a '+') are panels of their own.

Its own module because it is one step of `split_panels` with one job (see `split_linked`).

Why: a figure that shows a process ("A + B -> C", a sample and what was made of it) sets its
pictures on paper and draws arrows from one to the next. Where the pictures are not in a grid the
arrows cross every straight gutter, so the XY-cut finds none and the figure stays one piece (set
33's `tf_p13`: two shaded discs over a third, an arrow from each down to it). What parts them is
that only strokes a few pixels thick run between them: opened with a square a little thicker
than a stroke, the figure's non-paper falls apart into the pictures. Each must be a raster (many
colours: a photograph, a rendering, a shaded fill), not a flat fill (a flow chart's boxes, bars,
a drawing's solid shapes are one drawing's parts), large, no longer than twice its width (a colour
key, a bar of a chart, a title bar are no pictures), and together their boxes hold nearly all of
the figure's ink: nothing but thin strokes and signs is left between them (a chart's axes, ticks
and labels are more: a heat map beside its key, a bar chart, a plot's shaded regions stay whole,
as do a program window's panes and a page's graphics under their print).

Cheap: it acts only where the whole figure came out as one piece, reads a glance (every 4th pixel)
for paper first, and opens a view at most `_SIDE` px a side."""

from __future__ import annotations

import cv2
import numpy as np

from .figure import darkest
from .memo import per_figure
from .gutters import Box

_PAPER = 245        # paper: darkest channel at this or over
_PAPER_SHARE = 0.4  # the figure's paper share, at least (pictures set on paper)
_SIDE = 400         # the opened view's longer side, px at most
_STROKE = 0.02      # the opening square's side, this share of the view's shorter side (5 px at least)
_AREA = 0.03        # a picture: this share of the figure's area at least ...
_COLOURS = 64       # ... holding this many colours (5 bits a channel) at least: a raster, no flat fill
_HOLD = 0.97        # the pictures' boxes hold this share of the non-paper at least (the rest: strokes, signs)
_SHAPE = 2.0        # a picture's width over height (and height over width) at most: no bar, no colour key
_COUNT = (2, 9)     # pictures in one figure


def split_linked(img: np.ndarray, out: list[Box]) -> list[Box]:
    """The pictures of a one-piece figure on paper, each its own panel, where only thin strokes
    link them; `out` itself otherwise."""
    if len(out) != 1 or img.ndim != 3:
        return out
    view = opened_view(img, _PAPER_SHARE)
    if view is None:
        return out
    dark, f, small, _, n, stats = view
    area = small.shape[0] * small.shape[1]
    big = [i for i in range(1, n) if stats[i, 4] >= _AREA * area]
    if not _COUNT[0] <= len(big) <= _COUNT[1]:
        return out
    if any(max(stats[i, 2], stats[i, 3]) > _SHAPE * min(stats[i, 2], stats[i, 3]) for i in big):
        return out
    raw = small < _PAPER
    held = sum(int(raw[y:y + h, x:x + w].sum()) for x, y, w, h in (stats[i, :4] for i in big))
    if held < _HOLD * raw.sum():   # (boxes overlapping each other are refused below)
        return out
    return raster_boxes(img, dark, stats, big, f) or out


def opened_view(img: np.ndarray, paper_share: float):
    """The figure's non-paper opened with a square a little thicker than a stroke, in a view at most
    `_SIDE` px a side: (darkest channel, the view's scale, the view, its non-paper, the opened
    components' count and stats); None where a glance (every 4th pixel) finds under `paper_share`
    of the figure paper. Kept for the figure's split (`memo.per_figure`): both steps that read it
    may run on one figure."""
    dark = darkest(img)
    if (dark[::4, ::4] >= _PAPER).mean() < paper_share:
        return None
    return per_figure("opened_view", (img,), None, lambda: _opened(dark))


def _opened(dark: np.ndarray):
    """`opened_view`'s answer, read from the figure's darkest channel."""
    H, W = dark.shape
    f = min(1.0, _SIDE / max(H, W))
    small = dark if f == 1.0 else cv2.resize(dark, (max(1, int(W * f)), max(1, int(H * f))), interpolation=cv2.INTER_AREA)
    ink = (small < _PAPER).astype(np.uint8)
    k = max(5, int(_STROKE * min(small.shape)))
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    return dark, f, small, ink, n, stats


def raster_boxes(img: np.ndarray, dark: np.ndarray, stats: np.ndarray, big: list[int], f: float) -> list[Box] | None:
    """The boxes, in the figure, of the view's components `big` (`stats` of a view scaled by `f`),
    each a raster (`_COLOURS` colours at least in its non-paper) and none overlapping another;
    None where one is a flat fill or two overlap."""
    H, W = dark.shape
    boxes = []
    for i in big:
        x, y, w, h = (int(v) for v in stats[i, :4])
        X0, Y0 = int(x / f), int(y / f)
        X1, Y1 = min(W, int((x + w) / f + 0.999)), min(H, int((y + h) / f + 0.999))
        part = img[Y0:Y1, X0:X1, :3][dark[Y0:Y1, X0:X1] < _PAPER]
        q = (part >> 3).astype(np.int32)
        if len(np.unique((q[:, 0] << 10) | (q[:, 1] << 5) | q[:, 2])) < _COLOURS:
            return None
        boxes.append(Box(X0, Y0, X1 - X0, Y1 - Y0))
    if any(a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h
           for i, a in enumerate(boxes) for b in boxes[i + 1:]):
        return None
    return boxes
