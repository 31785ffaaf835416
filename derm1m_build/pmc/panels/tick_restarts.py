"""Plots drawn edge to edge in one frame, whose outer axis starts its ticks over at each shared line,
are panels.

Its own module because it is one step of `split_panels` with one job (see `split_tick_restarts`).

Why: a scatter-plot matrix (pandas' `scatter_matrix`, seaborn's pair grid with no space) draws its
plots in a square lattice, each plot's frame side shared with its neighbour's, and hides the ticks
of the inner sides: only the left column carries y ticks and the bottom row x ticks (set 39's
`nc_matrix`, 3 x 3). The shared-frame rule (`shared_frames`) asks the inner lines to carry ticks of
their own and finds none, so the lattice stays one piece. What parts the plots instead is the outer
axis: along the left side the tick pattern (1.0 ... 0.0) starts over at each shared line, the same
offsets in every stretch, and the step across a shared line (from one plot's last tick to the
next's first) is not the step inside a stretch (each plot pads its own range). One plot's dark
grid lines, by contrast, cut an evenly ticked axis: its ticks run on at one step across them.

The frame's lines are `shared_frames.frame_grid`'s (every line runs the frame's length, ends at its
sides), both ways: a lattice of rows and columns (one row of small multiples sharing their y axis, ticks
restarting along x, is one chart: `tests/test_pmc_geom20.py`'s rule); every cell must hold ink of some
colour; each direction needs an outer side restarting its ticks over each stretch. Cheap: the same glance as the shared-frame rule stops
most figures (three long dark lines one way and two the other)."""

from __future__ import annotations

import numpy as np

from .gutters import Box
from .gutters import channel_min
from .shared_frames import _INK, _spans, frame_grid, split_shared_frames, tick_marks

_SAME = 3        # a tick's offset in its stretch within this many pixels of the first stretch's
_LEAST = 2       # ticks in each stretch, at least
_PAPER = 200     # a plot's ink: its darkest channel under this
_UNEVEN = 0.25   # the step across a shared line differs from the step inside a stretch by this share at least


def _restarts(marks: list[int], cuts: list[int]) -> bool:
    """Whether the tick marks along a side (positions) repeat in every stretch between the cuts (the
    shared lines, the outer sides first and last): the same number, at least `_LEAST`, at the same
    offsets from the stretch's start; and do not run on at one step across a cut."""
    stretches = [[m - a for m in marks if a + 2 < m < b - 2] for a, b in zip(cuts, cuts[1:])]
    first = stretches[0]
    if len(first) < _LEAST or any(len(s) != len(first) for s in stretches):
        return False
    if any(abs(o - f) > _SAME for s in stretches[1:] for o, f in zip(s, first)):
        return False
    step = float(np.median(np.diff(first)))
    across = [cuts[k + 1] + stretches[k + 1][0] - (cuts[k] + stretches[k][-1]) for k in range(len(stretches) - 1)]
    return step > 0 and all(abs(a - step) > _UNEVEN * step for a in across)


def _side_restarts(dark: np.ndarray, along: list[int], sides: tuple[int, int]) -> bool:
    """Whether an outer side (the line at position `sides[0]` or `sides[1]` of `dark`'s rows) carries
    ticks restarting over each stretch of `along` (the positions across it)."""
    for sp in _spans(dark):
        if (sp[0] + sp[1]) // 2 in sides and _restarts(sorted(tick_marks(dark, *sp)), along):
            return True
    return False


def _restart_grid(dark: np.ndarray) -> tuple[list[int], list[int]] | None:
    """The frame's line positions (rows, columns) where `dark` (a piece) is a frame parted by shared
    lines whose outer axes restart their ticks at each (see the module), else None."""
    found = frame_grid(dark)
    if found is None:
        return None
    ys, xs, inner, inner_v = found
    if not (inner and inner_v):  # a lattice both ways: one row of small multiples sharing an axis is one chart
        return None
    if inner and not _side_restarts(dark.T, ys, (xs[0], xs[-1])):
        return None
    if inner_v and not _side_restarts(dark, xs, (ys[0], ys[-1])):
        return None
    return ys, xs


def split_tick_restarts(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Each piece that is one frame of plots whose outer axes restart their ticks at each shared line
    (see the module) cut into its plots; `out` itself where none is, or where a plot holds no ink
    of any colour inside its frame (its points and curves are often a light blue, no dark ink)."""
    got = split_shared_frames(img, out, _restart_grid)
    if got is out:
        return out
    for b in got:
        if b in out:
            continue
        inside = img[b.y + 4:b.y + b.h - 4, b.x + 4:b.x + b.w - 4]
        if not inside.size or float((channel_min(inside) < _PAPER).mean()) < _INK:
            return out
    return got
