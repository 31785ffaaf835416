"""A tree's leaf stems standing over the cells of the chart they order: one chart, never two panels.

Its own module because it is one step of `split_panels` with one job (see `join_stems`): it reads
the last rows of a piece and the first rows of the piece under it, which no other step compares.

What makes a clustered heat map one image: the dendrogram over it ends in one stem per column of
the map, evenly spaced, each stopping a few pixels over the middle of its column. R's `heatmap`
leaves paper between the stems' ends and the cells, so the XY-cut parts the tree from the map (and
the colour key beside the tree is then left facing the tree, not the map, see `keys.join_keys`).
A figure's panels set one over another meet with a frame, an axis, a title or a photograph's edge
along the gutter, never with only a row of thin evenly spaced stems whose feet land on a band of
cells right under them; an axis's ticks are evenly spaced too, but hang a few pixels from the axis
line, where a tree's stems stand alone up to their branches. The same holds for a tree at the map's left side (stems pointing right)."""

from __future__ import annotations

import numpy as np

from .facing import join_facing
from .gutters import Box, _true_runs

_GAP = 0.03        # the tree's piece and the chart's piece are at most this share of the figure's height apart
_FOOT = 4          # the stems: the tree's last this many rows ...
_INK = 160         # ... whose marks (darkest channel under this) ...
_THIN = 3          # ... are runs at most this many pixels wide ...
_STEMS = 3         # ... this many at least ...
_EVEN = 0.15       # ... evenly spaced (each space within this share of their mean) ...
_CELL = 245        # ... over a band of cells: the chart's first rows off paper (darkest channel under this) ...
_CELLS = 0.8       # ... on this share of the stems' span, within `_FOOT` rows of its top
_TALL = 12         # each stem a lone upright line this many rows up from its foot at least (a tick hangs a few
                   # rows from its axis line, which runs on beside it)
_ASIDE = 2         # ... the columns this far either side of it paper all the way


def _lone(low: np.ndarray, bottom: int, top: int, s: int, e: int) -> int:
    """How many rows up from its foot (its lowest inked row in the last `_FOOT` rows over `bottom`,
    not past `top`) columns s..e hold ink while the columns `_ASIDE` to either side hold none: the
    stem's height as a lone upright line."""
    w = low.shape[1]
    left, right = max(0, s - _ASIDE), min(w - 1, e - 1 + _ASIDE)
    foot = bottom - 1
    while foot >= bottom - _FOOT and not (low[foot, s:e] < _INK).any():
        foot -= 1
    n = 0
    for r in range(foot, top - 1, -1):
        row = low[r]
        if not (row[s:e] < _INK).any() or row[left] < _INK or row[right] < _INK:
            break
        n += 1
    return n


def _stems_over(low: np.ndarray, a: Box, b: Box, H: int) -> bool:
    """Whether piece `a`'s last rows are a row of evenly spaced thin stems whose feet stand over a
    band of cells at the top of piece `b` under it (`low`: the figure's darkest channel)."""
    gap = b.y - (a.y + a.h)
    if not 0 < gap <= _GAP * H or b.x > a.x or b.x + b.w < a.x + a.w:
        return False
    foot = low[a.y + a.h - _FOOT:a.y + a.h, a.x:a.x + a.w] < _INK
    cols = foot.any(axis=0)
    runs = _true_runs(cols)
    if len(runs) < _STEMS or any(e - s > _THIN for s, e in runs):
        return False
    if int((foot[:, [s for s, _ in runs]].sum(axis=0) < _FOOT - 1).sum()) > 0:
        return False   # each stem runs down the foot rows (a row's last one may miss: no dashes, no dots)
    mids = np.array([(s + e) / 2 for s, e in runs])
    spaces = np.diff(mids)
    if float(np.abs(spaces - spaces.mean()).max()) > _EVEN * float(spaces.mean()):
        return False
    if any(_lone(low, a.y + a.h, a.y, a.x + s, a.x + e) < _TALL for s, e in runs):
        return False   # ticks hanging from an axis, not a tree's stems
    x0, x1 = a.x + int(mids[0]), a.x + int(mids[-1]) + 1
    top = low[b.y:b.y + _FOOT, x0:x1] < _CELL
    return float(top.any(axis=0).mean()) >= _CELLS


def join_stems(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with a tree's piece joined to the chart's piece its leaf stems stand over
    (`_stems_over`), over it or at its left (`facing.join_facing`). Gated: two pieces at
    least, one over (or left of) another at most `_GAP` of the figure's side away. The same list
    when none."""
    return join_facing(img, out, lambda side: int(_GAP * side),
                             lambda low, a, b: _stems_over(low, a, b, low.shape[0]))
