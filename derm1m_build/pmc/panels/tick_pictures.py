"""Pictures hung under a plot's axis, one centred on each tick, are that axis' labels, not panels.

Its own module because it is one step of `split_panels` with one job (see `join_tick_pictures`).

Why: a chart may label its categories with pictures instead of words (a box plot of three iris
species with a photograph of each flower under its box, its name under the photograph: set 36's
`gt_iris`). Paper parts the photographs from the axis and from one another, so the XY-cut cuts
them out as panels of their own. Tick labels have a shape panels lack: each is centred on one
tick mark of the axis right over it, no wider than the pitch between two ticks (labels of
neighbouring ticks would overlap), and they start just under the axis. Panels set under a chart
(a second plot, a photograph, a table) are as wide as they like and have no tick over each of
their centres. Such pieces are joined to the plot they label.

Cheap: it needs two pieces at least lying under a wider one, starting within `_NEAR` of its
bottom, before it reads the few rows at the bottom of that piece for tick marks."""

from __future__ import annotations

import numpy as np

from .figure import grey
from .gutters import Box, _union

_NEAR = 0.03     # a label starts within this share of the figure's height under the plot's piece
_BAND = 0.03     # the tick marks: in the plot piece's last rows, this share of the figure's height at most ...
_SPARSE = 0.05   # ... rows with ink on this share of the piece's width at most (an axis line or a plot's frame is more)
_TICK = 4        # ... a tick: a run of inked columns at most this many px wide
_ALIGN = 0.012   # a label's centre within this share of the figure's width of its tick (3 px at least)
_DARK = 128      # ink: grey under this
_PAPER = 245     # paper: grey at this or over; a row of a plotting area's tinted ground (over this share
_GROUND = 0.5    # of the piece's width not paper) ends the ticks' rows as an axis line does


def join_tick_pictures(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with the pieces that are a plot's tick labels (see the module's docstring) joined to
    that plot's piece; `out` itself where there are none."""
    if len(out) < 3:
        return out
    H, W = img.shape[:2]
    for plot in out:
        bottom = plot.y + plot.h
        hung = [b for b in out if b is not plot and 0 <= b.y - bottom <= _NEAR * H
                and b.x >= plot.x and b.x + b.w <= plot.x + plot.w]
        if len(hung) < 2:
            continue
        ticks = _ticks(img, plot)
        if len(ticks) < len(hung):
            continue
        pitch = float(np.diff(ticks).min())
        tol = max(3.0, _ALIGN * W)
        used = set()
        for b in hung:
            c = b.x + b.w / 2
            k = int(np.argmin(np.abs(ticks - c)))
            if abs(ticks[k] - c) > tol or k in used or b.w > pitch:
                break
            used.add(k)
        else:
            joined = plot
            for b in hung:
                joined = _union(joined, b)
            return [joined if o is plot else o for o in out if not any(o is b for b in hung)]
    return out


def _ticks(img: np.ndarray, plot: Box) -> np.ndarray:
    """The x positions of the tick marks at the bottom of a plot's piece: in its lowest rows, up to
    the first row with more ink than ticks have (the axis line) or mostly no paper (a tinted
    plotting area's ground), runs of inked
    columns at most `_TICK` px wide. An empty array where the bottom rows hold no such marks."""
    H = img.shape[0]
    band = max(3, int(_BAND * H))
    g = grey(img)[max(plot.y, plot.y + plot.h - band):plot.y + plot.h, plot.x:plot.x + plot.w]
    ink = g < _DARK
    rows = ink.mean(axis=1)
    ground = (g < _PAPER).mean(axis=1)
    k = len(rows)
    while k > 0 and rows[k - 1] <= _SPARSE and ground[k - 1] <= _GROUND:
        k -= 1
    if k == len(rows):
        return np.zeros(0)
    cols = ink[k:].any(axis=0)
    edges = np.diff(np.concatenate(([0], cols.view(np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if len(starts) < 2 or (stops - starts).max() > _TICK:
        return np.zeros(0)
    return plot.x + (starts + stops - 1) / 2.0
