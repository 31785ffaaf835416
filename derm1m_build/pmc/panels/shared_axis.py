"""Pieces standing on one x axis joined: a plot whose points fall in columns cut into strips.

R's base graphics draws a plot's x axis apart from the plotting area (a few pixels under it, no frame
round the plot). When the points fall in separate columns (a categorical or integer x: patient,
clutch, day), the paper between the columns runs from the top of the plot down to the axis, and the
XY-cut cuts the plot into a strip per column, with the axis, its tick labels and title a strip under
them all. The strip under them is then lined up with several pieces and is left out as a label row.
One long ticked line running under a row of pieces, end to end across them, is their x axis: the
pieces are one chart's columns of points (stacked strips sharing a time axis likewise), so they
and the axis are one piece. Panels each with their own axis have a line under each, none running
under all.

Functions take an image and boxes and return boxes; no state."""

from __future__ import annotations

import numpy as np

from .charts import _ticked
from .gutters import Box, _union, channel_min

_AXIS_INK = 160     # an axis line's pixels: every channel under this
_AXIS_NEAR = 0.05   # the axis strip lies at most this share of the figure's longer side under the pieces ...
_AXIS_TOP = 0.5     # ... its line in this share of the strip's top lines (above its tick labels and title) ...
_AXIS_SPAN = 0.6    # ... one line this share of the pieces' joint width long at least ...
_AXIS_UNDER = 0.25  # ... running under this share of each one's width at least
_AXIS_SHORT = 0.5   # the strip is at most this share of the pieces' joint height tall (labels, no plot)


def _axis_line(ink: np.ndarray, strip: Box, above: list[Box]) -> bool:
    """Whether `strip` holds, in its top `_AXIS_TOP` share of lines, one unbroken line `_AXIS_SPAN` of the
    pieces' joint width long at least, running under each of them (`_AXIS_UNDER` of its width at
    least; the y axis's labels stand left of where the x axis starts), with tick marks off it
    (`charts._ticked`)."""
    x0, x1 = min(p.x for p in above), max(p.x + p.w for p in above)
    part = ink[strip.y:strip.y + strip.h, strip.x:strip.x + strip.w]
    top = part[:max(1, int(_AXIS_TOP * strip.h))]
    need = _AXIS_SPAN * (x1 - x0)
    for r in np.flatnonzero(top.sum(axis=1) >= need):
        d = np.diff(np.concatenate(([0], top[r].view(np.int8), [0])))
        s, e = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
        k = int(np.argmax(e - s))
        l0, l1 = int(s[k]) + strip.x, int(e[k]) + strip.x
        if l1 - l0 >= need and all(min(l1, p.x + p.w) - max(l0, p.x) >= _AXIS_UNDER * p.w for p in above):
            long = np.flatnonzero(top.sum(axis=1) >= need)
            return _ticked(part[:, l0 - strip.x:l1 - strip.x], long)
    return False


def join_on_axis(img: np.ndarray, out: list[Box], leaves: list[Box]) -> list[Box]:
    """The pieces of `out` standing on one x axis (a strip among the cut's `leaves`, under them
    with no piece between, the nearest within `_AXIS_NEAR` of the side, under half of each one's width at least, at most `_AXIS_SHORT` of their
    height, its top holding a ticked line across them: `_axis_line`) joined with the axis into one
    piece; two pieces at least. The same list when none is."""
    if len(out) < 2 or not leaves:
        return out
    side = max(img.shape[:2])
    near = _AXIS_NEAR * side
    ink = None
    for a in leaves:
        over = [p for p in out if p is not a and p.y + p.h <= a.y + 2
                and min(p.x + p.w, a.x + a.w) - max(p.x, a.x) >= 0.5 * p.w]
        # the pieces standing on the strip: nothing between them and it (a row of panels higher up has
        # the row under it between)
        above = [p for p in over if not any(q is not p and q.y >= p.y + p.h - 2 and q.x < p.x + p.w and p.x < q.x + q.w
                                            for q in over)]
        if len(above) < 2 or a.y - max(p.y + p.h for p in above) > near:
            continue
        x0, x1 = min(p.x for p in above), max(p.x + p.w for p in above)
        y0 = min(p.y for p in above)
        if a.h > _AXIS_SHORT * (a.y - y0):
            continue
        # another piece over the axis, beside the ones standing on it: the strip is no axis of theirs alone
        if any(p not in above and p is not a and p.x < x1 and p.x + p.w > x0 and p.y + p.h > y0 and p.y < a.y
               for p in out):
            continue
        if ink is None:
            ink = (channel_min(img[:, :, :3]) if img.ndim == 3 else img) < _AXIS_INK
        if not _axis_line(ink, a, above):
            continue
        joined = a
        for p in above:
            joined = _union(joined, p)
        return [p for p in out if p not in above and p is not a] + [joined]
    return out
