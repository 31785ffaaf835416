"""What one frame round the whole figure holds: one drawing of shape variants, or drawings side by side.

A LaTeX float boxed by `\\fbox` (a manual's figure, a note's diagram) holds either one drawing or
several; the frame itself is no panel and says nothing either way. Two signs inside it do:

- `shape_variants`: every piece the gutter split found is one solid filled shape and nothing else
  (no print, no axis, no outline): arrow heads, markers or symbols set side by side to compare their
  variants. Such a sheet is one drawing, as a table of glyph variants is one panel; a panel of a
  compound figure holds a drawing with its labels, a chart or a photograph.
- `drawings_apart`: the split left one piece, yet columns of bare paper (no ink at all, from the
  frame's top to its bottom, at least `_APART_GAP` of the figure's longer side wide) part the ink into
  two to four groups, each holding a drawing of its own (a stroke figure that is no print and no
  straight line) of about one height. Drawings made of thin lines are cut by the XY-cut at runs of
  paper their own lines cross (the gutter test lets a thin line through), and the stroke joins then
  knit every piece back into one; the bare paper between the drawings is the cut they do not cross.

Functions take an image and boxes and return data; no state."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import Box, _true_runs
from .xycut import _side_rules
from .figure import grey_view

_INK = 160          # ink: grey level under this
_PAPER = 200        # paper: grey level over this

_SHAPE_FILL = 0.3   # a solid shape covers at least this share of its box (a line drawing covers far less) ...
_SHAPE_ALONE = 0.98  # ... holds this share of its piece's ink at least (no label, no second mark) ...
_SHAPE_FLAT = 0.95  # ... this share of its pixels at least within 16 of their median (one flat fill, no photo) ...
_SHAPE_SIDE = 0.6   # ... and runs along this share of two sides of its box at most (no rectangle: a mask's
                    # square, a photo, a bar; an arrow head's straight back is one side)

_APART_GAP = 0.02   # bare paper between drawings: this share of the figure's longer side wide at least
_APART_MOST = 4     # ... parting at most this many drawings ...
_APART_TALL = 0.5   # ... each group's inked height at least this share of the tallest group's
_APART_STROKE = 0.1  # a drawing: a mark at least this share of the longer side long one way ...
_APART_THIN = 0.03   # ... and over this share (and 16 px) across the other (no straight line: an arrow, a rule)


def _grey(img: np.ndarray) -> tuple[np.ndarray, int]:
    """The figure's grey view and its step (`figure.grey_view`, kept for the split)."""
    return grey_view(img)


def _framed(grey: np.ndarray) -> tuple[int, int, int, int] | None:
    """The box inside a frame of rules round the whole figure (`xycut._side_rules`), or None."""
    box = _side_rules(grey)
    return None if box == (0, 0, grey.shape[1], grey.shape[0]) else box


def _solid_shape(part: np.ndarray) -> bool:
    """Whether a piece (grey) holds one solid filled shape and nothing else (see the module)."""
    ink = part < _INK
    total = int(np.count_nonzero(ink))
    if total < 16:
        return False
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.view(np.uint8), connectivity=8)
    k = 1 + int(np.argmax(stats[1:, 4]))
    x, y, w, h, area = (int(v) for v in stats[k])
    if area < _SHAPE_ALONE * total or area < _SHAPE_FILL * w * h or min(w, h) < 8:
        return False
    fill = part[labels == k].astype(np.int16)
    if float((np.abs(fill - int(np.median(fill))) <= 16).mean()) < _SHAPE_FLAT:
        return False
    mask = labels[y:y + h, x:x + w] == k
    sides = (mask[:2].any(axis=0), mask[-2:].any(axis=0), mask[:, :2].any(axis=1), mask[:, -2:].any(axis=1))
    return sum(float(s.mean()) >= _SHAPE_SIDE for s in sides) <= 2


def shape_variants(img: np.ndarray, out: list[Box]) -> bool:
    """Whether the pieces are one framed sheet of solid shapes (see the module): the figure is framed
    and every piece (two or more) is one solid filled shape alone on paper."""
    if len(out) < 2:
        return False
    grey, step = _grey(img)
    for b in out:   # the pieces first: most figures fail here, before the frame is looked for
        part = grey[b.y // step:-(-(b.y + b.h) // step), b.x // step:-(-(b.x + b.w) // step)]
        if part.size == 0 or float((part > _PAPER).mean()) < 0.3 or not _solid_shape(part):
            return False
    return _framed(grey) is not None


def drawings_apart(img: np.ndarray, out: list[Box]) -> list[Box] | None:
    """The drawings side by side inside the frame (see the module), left to right, when the split
    left one piece and bare paper parts them; else None."""
    if len(out) != 1:
        return None
    grey, step = _grey(img)
    inner = _framed(grey)
    if inner is None:
        return None
    x0, y0, x1, y1 = inner
    # the frame's blended edge: two lines more in on each side
    x0, y0, x1, y1 = x0 + 2, y0 + 2, x1 - 2, y1 - 2
    if x1 - x0 < 20 or y1 - y0 < 20:
        return None
    ink = grey[y0:y1, x0:x1] < _INK
    cols = ink.any(axis=0)
    used = np.flatnonzero(cols)
    if not len(used):
        return None
    side = max(img.shape[:2])
    gap = max(2, int(np.ceil(_APART_GAP * side / step)))
    bare = [(a, b) for a, b in _true_runs(~cols) if b - a >= gap and a > used[0] and b <= used[-1]]
    if not bare or len(bare) + 1 > _APART_MOST:
        return None
    edges = [int(used[0])] + [v for a, b in bare for v in (a, b)] + [int(used[-1]) + 1]
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.view(np.uint8), connectivity=8)
    long_, thin = _APART_STROKE * side / step, max(16, _APART_THIN * side) / step
    groups = []
    for a, b in zip(edges[::2], edges[1::2]):
        rows = np.flatnonzero(ink[:, a:b].any(axis=1))
        marks = stats[1:][(stats[1:, 0] >= a) & (stats[1:, 0] < b)]
        if not len(rows) or not any(max(m[2], m[3]) >= long_ and min(m[2], m[3]) > thin for m in marks):
            return None
        groups.append((a, int(rows[0]), b, int(rows[-1]) + 1))
    tall = max(g[3] - g[1] for g in groups)
    if any(g[3] - g[1] < _APART_TALL * tall for g in groups):
        return None
    H, W = img.shape[:2]
    return [Box((x0 + a) * step, (y0 + t) * step, min(W, (x0 + b) * step) - (x0 + a) * step,
                min(H, (y0 + u) * step) - (y0 + t) * step) for a, t, b, u in groups]
