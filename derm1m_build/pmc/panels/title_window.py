"""A program window under its own title bar is one screenshot, not panels.

Its own module because it is one step of `split_panels` with one job (see `titled_window`).

Why: the gutter test takes any even tone for a gutter, so a screenshot of one program window is cut
where its panes meet: a docked form beside the view, the view's flat grey canvas round the
photograph it shows (set 38's `lh_main`: four pieces), a slice window under an image window on the
program's white workspace (set 39's `pv_glue`: two). `split._app_window` takes such a window when its
chrome runs along both the top and the bottom edge; a screenshot cut off at the bottom has no status
bar there. What still tells one window from panels is its title bar: a band of light, flat chrome
(a title, a menu or tool bar's face) running along the whole top edge, with no seam down it (two
windows side by side each have their own bar, parted by a gutter or their frames' lines), and no
row of bare paper anywhere under it across the width (screenshots stacked on a page are parted by
one; a window's docks and panes run down its whole height, and its workspace is no page).

A plot's or a photograph's top rows are no such bar: a grey facet strip along a chart's top is cut
by the white gutters between the facets (paper down the bar), a photograph's skin or sky is shaded
across its rows (a title bar's rows are one fill each, but for the title's words and the icons), a
grey margin round panels composed on a grey ground runs down both sides of the figure too (a
window's sides are its frame and its docks), and a figure whose first panel is a window stacks its
other panels under a paper gutter.

Cheap: it reads the top rows first (a few thousand pixels) and needs two pieces at least."""

from __future__ import annotations

import numpy as np

from .figure import grey_view
from .gutters import Box

_PAPER = 245         # paper: a grey this light at least
_FULL = 0.75         # a bar's row: no paper on this share of it at least (title words, icons in white take the rest)
_TONE = (150, 244)   # ... its median this light: light chrome, no dark theme's, no photograph's black
_NEAR = 2            # the bar starts within this many view rows of the top edge ...
_TALL = (0.015, 0.1)  # ... and is this share of the height tall at least (6 view rows at least); only this much is read
_FLAT = 0.5          # ... its neighbouring pixels differing by 1 at most on this share of it (flat fills)
_ROW_TOL = 3         # ... its rows one fill across: pixels within this of the row's median ...
_ROW_FLAT = 0.7      # ... on this share of the bar at least (a title's words and icons take the rest)
_GROUND = 6          # a ground round panels: the bar's tone (within this) down both sides of the figure ...
_GROUND_SIDE = 0.8   # ... on this share of an outermost column (one of 3) under the bar at least
_EDGE = 24           # a seam: neighbouring pixels differing by more than this ...
_SEAM = 0.7          # ... in one column (or two side by side) on this share of the bar's rows at least
_SIDE = 0.02         # the frame's sides: this share of the width in from each side is not asked for a seam
_DOWN = 0.9          # a gutter down the bar: a column of it with paper on this share of its rows
_OPEN_ROW = 0.99     # a page's gutter: a row under the bar with paper on this share of it
                     # (a frame's or a dock's edge breaks a window's white rows)


def _title_bar(grey: np.ndarray) -> tuple[int, int] | None:
    """The rows (start, stop) of a bar of light flat chrome along the whole top edge, or None."""
    h = grey.shape[0]
    most = max(6, int(_TALL[1] * h))
    top = grey[:most]
    full = (top < _PAPER).mean(axis=1) >= _FULL
    if not full[:_NEAR + 1].any():
        return None
    mid = np.median(top, axis=1)
    good = full & (_TONE[0] <= mid) & (mid <= _TONE[1])
    start = int(np.argmax(good)) if good.any() else most
    if start > _NEAR:
        return None
    bad = np.flatnonzero(~good[start:])
    stop = start + (int(bad[0]) if len(bad) else len(good) - start)
    if stop - start < max(6, int(_TALL[0] * h)):
        return None
    bar = grey[start:stop].astype(np.int16)
    if float((np.abs(np.diff(bar, axis=1)) <= 1).mean()) < _FLAT:
        return None
    if float((np.abs(bar - np.median(bar, axis=1, keepdims=True)) <= _ROW_TOL).mean()) < _ROW_FLAT:
        return None   # a photograph's skin or sky reaching the top edge: shaded across, no fill
    return start, stop


def _one_window(grey: np.ndarray) -> bool:
    """Whether the view is one window under one title bar (see the module's docstring)."""
    bar = _title_bar(grey)
    if bar is None:
        return False
    a, b = bar
    w = grey.shape[1]
    tone = int(np.median(grey[a:b]))
    if all(max(float((np.abs(grey[b:, c].astype(np.int16) - tone) <= _GROUND).mean()) for c in cols) >= _GROUND_SIDE
           for cols in ((0, 1, 2), (-1, -2, -3))):
        return False   # the bar's tone runs down both sides: a ground (a margin) round panels, no title bar
    side = max(2, int(_SIDE * w))
    edges = np.abs(np.diff(grey[a:b].astype(np.int16), axis=1)) > _EDGE
    seam = (edges[:, :-1] | edges[:, 1:]).mean(axis=0)
    if float(seam[side:w - side].max(initial=0.0)) >= _SEAM:
        return False   # two windows side by side, touching: a seam down the bar
    if float((grey[a:b] >= _PAPER).mean(axis=0)[side:w - side].max(initial=0.0)) >= _DOWN:
        return False   # a paper gutter down through the bar: windows side by side on a page
    return not bool(((grey[b:] >= _PAPER).mean(axis=1) >= _OPEN_ROW).any())


def titled_window(img: np.ndarray, out: list[Box]) -> bool:
    """Whether the pieces lie in one program window under its title bar (see the module's
    docstring): then the figure is one panel, the whole window."""
    return len(out) >= 2 and _one_window(grey_view(img)[0])
