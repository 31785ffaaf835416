"""A dashed rule down (or across) the whole figure parts two blocks of panels; it is no panel's ink.

Figures that set two groups side by side (inputs and outputs of two methods, two experiments' grids)
often draw a dashed line between the blocks, in a gutter of its own. The XY-cut sees paper on both
sides of it and cuts at one of the two gutters only, so the line stays on the edge of the pieces next
to it; there it runs across the gutters between those pieces' rows, and the chart joins
(`_crossing_line`: a frame's or an axis's line across a gutter is one chart's) fuse the column, the
dashes then read as one drawing's stroke. A chart's line is drawn solid and belongs to its plot; a
rule of short even dashes running the figure's whole height (width), alone in a gutter (paper on both
sides), belongs to no panel. So each piece is cut at such a rule and keeps the inked side(s) of it.

Cheap: one mean per column (row) of the figure's ink, and the dash runs of the few columns that
are inked on a share of the height a dashed line has."""

from __future__ import annotations

import numpy as np

from . import figure
from .gutters import Box

_SHARE = (0.25, 0.8)   # a dashed rule: inked on this share of the figure's height (width) ...
_SPAN = 0.9            # ... its dashes from end to end over this share of it ...
_DASHES = 8            # ... this many dashes at least ...
_DASH = 0.05           # ... none longer than this share of the height ...
_WIDE = 4              # ... at most this many pixels wide ...
_CLEAR = 3             # ... with paper on this many columns (rows) on each side, along its span
_PAPER = 0.01          # paper: a column inked on at most this share of the rule's span


def _rules(ink: np.ndarray) -> list[tuple[int, int]]:
    """The columns [start, stop) of `ink` holding a dashed rule down its whole height."""
    H, W = ink.shape
    share = ink.sum(axis=0, dtype=np.int32) / H
    cand = np.flatnonzero((share >= _SHARE[0]) & (share <= _SHARE[1]))
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(cand):
        a = b = int(cand[k])
        while k + 1 < len(cand) and cand[k + 1] == b + 1:
            k += 1
            b += 1
        k += 1
        if b - a + 1 > _WIDE or a < _CLEAR or b + _CLEAR >= W:
            continue
        if float(max(share[a - _CLEAR:a].max(), share[b + 1:b + 1 + _CLEAR].max())) > _PAPER + 1 - _SPAN:
            continue   # the columns beside it inked past what the side test below allows (text, a picture)
        col = ink[:, a:b + 1].any(axis=1)
        rows = np.flatnonzero(col)
        if rows[-1] - rows[0] < _SPAN * H:
            continue
        bounds = np.concatenate(([0], np.flatnonzero(col[1:] != col[:-1]) + 1, [H]))   # runs of ink and paper
        dashes = [int(e - s) for s, e in zip(bounds[:-1], bounds[1:]) if col[s]]
        if len(dashes) < _DASHES or max(dashes) > _DASH * H:
            continue
        span = slice(int(rows[0]), int(rows[-1]) + 1)
        side = np.concatenate((ink[span, a - _CLEAR:a], ink[span, b + 1:b + 1 + _CLEAR]), axis=1)
        if float(side.mean(axis=0).max()) > _PAPER:
            continue
        out.append((a, b + 1))
    return out


def _inked(ink: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> Box | None:
    """The box of the ink in ink[y0:y1, x0:x1], or None when there is none."""
    part = ink[y0:y1, x0:x1]
    cols, rows = np.flatnonzero(part.any(axis=0)), np.flatnonzero(part.any(axis=1))
    if not len(cols):
        return None
    return Box(x0 + int(cols[0]), y0 + int(rows[0]), int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1)


def _cut(ink: np.ndarray, pieces: list[Box], rules: list[tuple[int, int]]) -> list[Box]:
    """Each piece holding a rule's columns cut there into the ink left and right of it."""
    out: list[Box] = []
    for p in pieces:
        hit = [r for r in rules if p.x <= r[0] and r[1] <= p.x + p.w]
        if not hit:
            out.append(p)
            continue
        a, b = hit[0]
        for x0, x1 in ((p.x, a), (b, p.x + p.w)):
            if x1 > x0:
                got = _inked(ink, x0, p.y, x1, p.y + p.h)
                if got is not None:
                    out.append(got)
    return out


def cut_dashed_rules(img: np.ndarray, pieces: list[Box]) -> list[Box]:
    """`pieces` cut at every dashed rule down (or across) the whole figure (see the module's
    docstring), each keeping the ink on either side of it; `pieces` itself when there is none."""
    if len(pieces) < 2:
        return pieces
    ink = figure.ink(img)
    down = _rules(ink)
    across = _rules(ink.T)
    if not down and not across:
        return pieces
    out = _cut(ink, pieces, down) if down else list(pieces)
    if across:
        flip = [Box(p.y, p.x, p.h, p.w) for p in out]
        out = [Box(p.y, p.x, p.h, p.w) for p in _cut(ink.T, flip, across)]
    return out if out != pieces else pieces
