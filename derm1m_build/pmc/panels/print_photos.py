"""Photographs set on paper with only print between them are panels of their own.

Its own module because it is one step of `split_panels` with one job (see `split_print_photos`).

Why: a figure that places several photographs round a plan, each named by a line of print beside it
(set 37's `cr_davis`: four views of a flying field, north, south, east and west, round the names of
the directions), has no straight gutter: the names sit between the photographs, and every line
across the figure meets a photograph or a name. The XY-cut finds one piece or two. What parts the
photographs is that nothing but print lies between them: opened with a square wider than a
stroke, the figure's non-paper falls apart into the photographs, and what the opening removed is
all small marks (glyphs). `linked.split_linked` does this for pictures joined by arrows, in a
one-piece figure and for pictures no longer than twice their width; here the pictures may be long
strips (a panorama), so a colour key is told apart by its texture instead (a key's lines along its
length change; across it they do not), and the rest must be glyphs, not strokes.

Each photograph: large, a raster (many colours), filling its box (a photograph is a rectangle; a
shaded drawing is not), textured along both of its sides (a heat map beside its colour key is
flat cells and a smooth bar). Everything else: thin marks (print, a
stroke). Cheap: only where the gutter split gave three pieces or fewer, and a glance (every
4th pixel) shows the figure mostly paper; the opened view is `linked.opened_view`'s."""

from __future__ import annotations

import cv2
import numpy as np

from . import figure
from .gutters import Box
from .linked import _STROKE, opened_view, raster_boxes

_PAPER_SHARE = 0.5  # the figure's paper share, at least (the opened view: `linked.opened_view`)
_AREA = 0.012       # a photograph: this share of the figure's area at least, a raster (`linked.raster_boxes`) ...
_FILL = 0.8         # ... filling this share of its box (a tree line or a torn edge leaves some paper in it) ...
_STEP = 2           # ... textured: neighbouring pixels differing by over this many grey levels ...
_TEXTURE = 0.3      # ... on this share of the pairs along each side at least (a heat map's flat cells, a plot,
                    # a colour key across its length: a tenth or under; photographs of trees, sky: a third and over)
_GLYPH = 0.04       # any other mark: thin, this share of the figure's longer side across at most (a line of print,
                    # set along or across; a stroke)
_COUNT = (2, 9)     # photographs in one figure


def _texture(part: np.ndarray) -> tuple[float, float]:
    """The share of neighbouring pixel pairs (grey) differing by over `_STEP` levels, along x and along y."""
    g = part.astype(np.int16)
    return float((np.abs(np.diff(g, axis=1)) > _STEP).mean()), float((np.abs(np.diff(g, axis=0)) > _STEP).mean())


def split_print_photos(img: np.ndarray, out: list[Box]) -> list[Box]:
    """The photographs of a figure on paper, each its own panel, where only print lies between
    them and they are more than the pieces `out` found; `out` itself otherwise."""
    if not 1 <= len(out) <= 3 or img.ndim != 3:
        return out
    view = opened_view(img, _PAPER_SHARE)
    if view is None:
        return out
    dark, f, small, ink, n, stats = view
    k = max(5, int(_STROKE * min(small.shape)))   # the opening's square (`linked.opened_view`)
    area = small.shape[0] * small.shape[1]
    big = [i for i in range(1, n) if stats[i, 4] >= _AREA * area]
    if not (_COUNT[0] <= len(big) <= _COUNT[1]) or len(big) <= len(out):
        return out
    if any(stats[i, 4] < _FILL * stats[i, 2] * stats[i, 3] for i in big):
        return out
    # what the opening took away, outside the photographs' boxes (and the fringe it shaved off
    # them): thin marks only
    rest = ink.copy()
    for i in big:
        x, y, w, h = (int(v) for v in stats[i, :4])
        rest[max(0, y - k):y + h + k, max(0, x - k):x + w + k] = 0
    m, _, rs, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
    if m > 1 and np.minimum(rs[1:, 2], rs[1:, 3]).max() > _GLYPH * max(small.shape):
        return out
    boxes = raster_boxes(img, dark, stats, big, f)
    if boxes is None:
        return out
    grey = figure.grey(img)
    if any(min(_texture(grey[b.y:b.y + b.h, b.x:b.x + b.w])) < _TEXTURE for b in boxes):
        return out   # flat along one side: a heat map's cells, a colour key, no photograph
    return boxes
