"""Two pieces cut apart with no gutter, where a picture runs on across the cut, are one picture.

Its own module because it is one step of `split_panels` with one job (see `join_through_seams`).

Why: where no gutter parts two pieces the layout cuts at a straight edge (`gutters._edge_cuts`): two
photographs set edge to edge have one from top to bottom. A screenshot of a desktop has such edges
too, a window's frame laid over the windows under it, but the frame stops where the window does,
and past its end the cut runs through whatever lies under it (set 37's `cr_autopilot`: a simulator
window over a ground station's map; the cut down the simulator's left side runs on through the
map). Along that stretch the picture goes on across the cut: the two columns (rows) beside it
differ by no more than a picture's own texture does, where two photographs meeting differ by a
whole picture's contrast all along. A cut running a quarter of its length at least through such
texture is no seam between panels, and the pieces are joined. Flat stretches (paper, a dark field,
a window's plain face) say nothing either way and are not counted.

Cheap: it reads only pieces touching each other (no paper line between them), two thin lines each."""

from __future__ import annotations

import numpy as np

from .figure import grey
from .gutters import Box, _union
from .nested import absorb_nested

_TOUCH = 2        # pieces touching or overlapping by at most this many px: a cut with no gutter at all
_FACING = 0.5     # ... facing each other over this share of the shorter one's side at least
_BESIDE = 2       # the lines read: this many px off the cut on each side (past its own seam pixels)
_WINDOW = 32      # the cut read in stretches of this many px
_TEXTURE = 5.0    # a stretch is read where either side's grey varies (std) this much at least ...
_ON = 0.6         # ... and goes on across the cut where the sides differ (mean) by at most this share of
_SLACK = 4.0      # ... that variation, plus this much
_THROUGH = 0.25   # the cut runs through a picture on this share of its stretches at least


def join_through_seams(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with pieces joined across cuts that run on through a picture (see the module's
    docstring); `out` itself where none does."""
    if len(out) < 2:
        return out
    boxes = list(out)
    g = None
    joined = True
    while joined and len(boxes) >= 2:
        joined = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                seam = _seam(a, b)
                if seam is None:
                    continue
                if g is None:
                    g = grey(img)
                if _through(g, *seam):
                    boxes = [o for k, o in enumerate(boxes) if k not in (i, j)] + [_union(a, b)]
                    joined = True
                    break
            if joined:
                break
    if len(boxes) == len(out):
        return out
    return absorb_nested(boxes)


def _seam(a: Box, b: Box) -> tuple[int, int, int, int] | None:
    """(axis, position, start, stop) of the cut between two touching pieces: axis 1 a cut between
    columns (side by side), 0 between rows; None where they do not touch and face each other."""
    for axis in (1, 0):
        if axis == 1:
            lo, hi = sorted((a, b), key=lambda q: q.x)
            end, start = lo.x + lo.w, hi.x
            s0, s1 = max(a.y, b.y), min(a.y + a.h, b.y + b.h)
            short = min(a.h, b.h)
        else:
            lo, hi = sorted((a, b), key=lambda q: q.y)
            end, start = lo.y + lo.h, hi.y
            s0, s1 = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
            short = min(a.w, b.w)
        if -_TOUCH <= start - end <= 0 and s1 - s0 >= max(2 * _WINDOW, _FACING * short):
            return axis, (start + end) // 2, s0, s1
    return None


def _through(g: np.ndarray, axis: int, at: int, s0: int, s1: int) -> bool:
    """Whether the picture runs on across the cut at `at` on `_THROUGH` of its textured stretches."""
    a, b = at - 1 - _BESIDE, at + _BESIDE
    if a < 0 or b >= (g.shape[1] if axis == 1 else g.shape[0]):
        return False
    if axis == 1:
        left, right = g[s0:s1, a].astype(np.float32), g[s0:s1, b].astype(np.float32)
    else:
        left, right = g[a, s0:s1].astype(np.float32), g[b, s0:s1].astype(np.float32)
    n = len(left) // _WINDOW
    on = 0
    for k in range(n):
        l, r = left[k * _WINDOW:(k + 1) * _WINDOW], right[k * _WINDOW:(k + 1) * _WINDOW]
        vary = max(float(l.std()), float(r.std()))
        if vary >= _TEXTURE and float(np.abs(l - r).mean()) <= _ON * vary + _SLACK:
            on += 1
    return n > 0 and on >= _THROUGH * n
