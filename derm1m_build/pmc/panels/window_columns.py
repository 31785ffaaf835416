"""Program windows side by side: the pieces cut inside one window are that window, one panel.

Screenshots of one plotting program set in a row (three states of one interactive plot window, each
with its explanatory text under it) are cut by the gutter split between the window's own parts: its
canvas is the page's white, so the rows of white between its plot, its image and its sliders read as
gutters, and each window comes out as a column of pieces. What marks a window is its chrome at both
ends: a title bar of light flat chrome along its top (`title_window._title_bar`) and a tool or
status bar of the same kind along its bottom (here read with the icons of a tool bar allowed). A
column of panels has no such pair: a facet strip tops a chart's column but the column ends in an
axis and its tick labels, a photograph's flat grey ground is not flat chrome along one edge alone.

So each column of pieces (two at least, stacked, none reaching into another column) whose box starts
under a title bar and ends on a bottom bar is joined into one piece. Both bars must end within a
bar's height (a tenth of the column): drawings on light grey cards (set 41's `pf_coords`) start and
end with the card's flat face too, but it runs on down the card. Its own module because it reads
a window's two bars per column, which `title_window` (one window filling the figure) does not.
Cheap: it needs a column of two pieces, and reads a few rows at each end of each such column."""

from __future__ import annotations

import numpy as np

from .figure import grey_view
from .gutters import Box, _union
from .title_window import _FLAT, _FULL, _NEAR, _PAPER, _TALL, _TONE, _title_bar

_SAME_COLUMN = 0.5   # pieces one over another: their widths overlapping on this share of the narrower
_LEAST = 6           # a bar: this many view rows tall at least


def _columns(out: list[Box]) -> list[list[Box]]:
    """The pieces as columns (pieces overlapping across on `_SAME_COLUMN` of the narrower, each with
    every other of its column), or [] when one piece would belong to two columns or bridge one."""
    def over(b: Box, o: Box) -> bool:
        return min(b.x + b.w, o.x + o.w) - max(b.x, o.x) > _SAME_COLUMN * min(b.w, o.w)

    cols: list[list[Box]] = []
    for b in sorted(out, key=lambda b: b.x):
        home = [c for c in cols if any(over(b, o) for o in c)]
        if len(home) > 1 or home and not all(over(b, o) for o in home[0]):
            return []
        if home:
            home[0].append(b)
        else:
            cols.append([b])
    return cols


def _bottom_bar(grey: np.ndarray) -> bool:
    """Whether the view's bottom rows are a bar of light flat chrome: rows with no paper on `_FULL`
    of them, their median in `_TONE`, starting within `_NEAR` rows of the edge, `_LEAST` rows tall at
    least and flat (`_FLAT`), and ending within `_TALL` of the height (a grey card's face runs on).
    A tool bar's icons break its rows' fill, so no fill per row is asked."""
    h = grey.shape[0]
    bot = grey[::-1][:max(_LEAST, int(_TALL[1] * h))]
    mid = np.median(bot, axis=1)
    good = ((bot < _PAPER).mean(axis=1) >= _FULL) & (_TONE[0] <= mid) & (mid <= _TONE[1])
    if not good.any():
        return False
    start = int(np.argmax(good))
    if start > _NEAR:
        return False
    bad = np.flatnonzero(~good[start:])
    stop = start + (int(bad[0]) if len(bad) else len(good) - start)
    if stop - start < _LEAST:
        return False
    if stop >= len(good):
        return False   # the tone runs on past a bar's height: a card's or a ground's face, no bar
    bar = bot[start:stop].astype(np.int16)
    return float((np.abs(np.diff(bar, axis=1)) <= 1).mean()) >= _FLAT


def join_window_columns(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with each column of pieces that is one window (a title bar along its top, a bottom bar
    along its bottom) joined into one piece, where two columns at least are windows (screens side by
    side); `out` itself otherwise. One window alone is `title_window`'s and `_app_window`'s to keep
    whole (the whole figure, its chrome outside the pieces included)."""
    if len(out) < 2:
        return out
    cols = [c for c in _columns(out) if len(c) >= 2]
    if not cols:
        return out
    grey, step = grey_view(img)
    joined = list(out)
    windows = 0
    for c in cols:
        u = c[0]
        for b in c[1:]:
            u = _union(u, b)
        view = grey[u.y // step:(u.y + u.h) // step, u.x // step:(u.x + u.w) // step]
        if view.shape[0] < 4 * _LEAST:
            continue
        top = _title_bar(view)
        if top is None or top[1] >= max(6, int(_TALL[1] * view.shape[0])) or not _bottom_bar(view):
            continue   # no bar, or one running on past a bar's height (a grey card's face)
        joined = [b for b in joined if b not in c] + [u]
        windows += 1
    return joined if windows >= 2 else out
