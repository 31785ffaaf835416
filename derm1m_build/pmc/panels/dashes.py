"""A dashed stroke cut where its dashes pause: one drawing, never two panels.

Its own module because it is one step of `split_panels` with one job (see `join_dashes`): it reads
the rows either side of a hairline gutter, which no other step compares.

What makes one drawing one drawing: its strokes run on. A dashed circle or a dashed curve has gaps
of a few pixels between its dashes; where every dash crossing a row happens to pause there, the
row is blank, and a few blank rows are a gutter to the XY-cut. The stroke joins
(`orphans.join_strokes`) ask for one unbroken mark in both pieces, which a dashed line never is.
A gutter a figure's author lays between panels is wider than a dash's pause, and the panels'
edges along it are frames, axes, print or a photograph's side: wide marks. Here the gutter is a
dash's pause, and the only marks along both its sides are thin strokes, each on one side facing
one on the other a stroke's width or two along: the same strokes, running on."""

from __future__ import annotations

import numpy as np

from .facing import join_facing
from .gutters import Box, _true_runs

_GAP = 6        # the gutter: at most this many pixels (a dash's pause) ...
_NEAR = 6       # ... the rows read either side of it ...
_INK = 160      # ... whose marks (darkest channel under this) ...
_THIN = 4       # ... are runs at most this many pixels wide along the gutter ...
_MOST = 6       # ... at most this many on each side (strokes, not print) ...
_ALONG = 6      # ... each facing one on the other side at most this many pixels along


def _strokes(band: np.ndarray) -> list[tuple[int, int]] | None:
    """The columns of the thin strokes in `band` (rows by the gutter, darkest channel), or None
    when a mark there is wider than a stroke, or there are none or too many."""
    runs = _true_runs((band < _INK).any(axis=0))
    if not 1 <= len(runs) <= _MOST or any(e - s > _THIN for s, e in runs):
        return None
    return runs


def _dashes_across(low: np.ndarray, a: Box, b: Box) -> bool:
    """Whether piece `b` lies under piece `a` across a gutter of a dash's pause (`_GAP`) and the
    marks along both sides of it are the same thin strokes running on (`_strokes`, `_ALONG`)."""
    gap = b.y - (a.y + a.h)
    x0, x1 = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
    if not 0 <= gap <= _GAP or x1 - x0 < 2 * _NEAR:
        return False
    x0, x1 = max(0, x0 - _ALONG), x1 + _ALONG   # a slanting stroke runs on a little past the shared stretch
    top = _strokes(low[max(0, a.y + a.h - _NEAR):a.y + a.h + 1, x0:x1])
    if top is None:
        return False
    under = _strokes(low[max(0, b.y - 1):b.y + _NEAR, x0:x1])
    if under is None or len(under) != len(top):
        return False
    return all(min(abs((s + e) - (u + v)) for u, v in under) <= 2 * _ALONG for s, e in top)


def join_dashes(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with two pieces one over the other joined when the gutter between them is a dashed
    stroke's pause (`_dashes_across`), or the same side by side (`facing.join_facing`).
    Gated: two pieces at least, a gutter of at most `_GAP` pixels between two of them. The same
    list when none."""
    return join_facing(img, out, lambda side: _GAP, _dashes_across)
