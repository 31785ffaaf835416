"""A corner plot (a triangular scatterplot matrix) is one plot: its cells are joined into one piece.

A corner plot (corner.py, ChainConsumer, GetDist's triangle plot, the lower half of a pairs plot)
shows every pair of a model's parameters: a triangle of equal axes frames, one row and one column
per parameter, a 1-D histogram on the diagonal and a 2-D contour plot under it, the cells nearly
touching and sharing their axes along each row and column (tick labels only on the outer left
column and the bottom row). It is one figure of one plot: the cells have no meaning apart from the
row and column they stand in, and the annotation rule of the figure sets takes a scatterplot matrix
for one panel ("its cells share axes: one plot"). The gutter split sees white between the frames
and cuts it into its cells.

A grid of panels is a full grid or an irregular one: the frames of equal size, tightly spaced,
filling exactly the cells on and under (or on and over) the diagonal of a k x k grid, k >= 3, is
the corner plot's own layout; an L of three frames (k = 2) is a common layout of panels and is not
taken. The cells must nearly touch (a gap under `_TIGHT` of a cell's side: corner.py's default
spacing is 5 %, GetDist's triangle has none): a triangle of plots set apart by gutters of a fifth of
a cell (juliet's corner plot, set 41 `ju_corner`, annotated as six plots) is laid out as plots side
by side, and the proximity that makes one matrix of the cells is gone. Printed panel letters are
the caption side's business: a corner plot with letters would be split by them (`pair`), not here.

Functions take an image and boxes and return boxes; no state."""

from __future__ import annotations

import numpy as np

from .axes import _frame_sized, _levels, _on_margin, dark_parts
from .gutters import Box, _union

_SIDE = 0.9        # a frame side: dark along this share of its length at least
_MIN_SIDE = 40     # a cell's frame: at least this many pixels each way ...
_MIN_SHARE = 0.08  # ... and this share of the figure's width and height (a 10 x 10 corner plot's cells)
_SAME = 0.04       # the cells' frames: width and height within this share of the largest
_TIGHT = 0.1       # the gap between neighbouring cells at most this share of a cell's side (see below)
_LEAST = 3         # a triangle of k x k cells, k this many at least (six frames)
_BESIDE = 0.25     # pieces within this share of a cell's side round the triangle belong to it (tick
                   # labels, axis titles, the diagonal's titles) ...
_HELD = 0.5        # ... when this share of their area lies there


def _frames(img: np.ndarray, parts: tuple[np.ndarray, np.ndarray] | None = None) -> list[tuple[int, int, int, int]]:
    """Rectangles of dark lines (each side dark along `_SIDE` of its length), at least `_MIN_SIDE`
    pixels and `_MIN_SHARE` of the figure each way: (left, top, right, bottom), the lines included.
    `parts`: `axes.dark_parts(img)` (the same dark pixels as an axes frame's)."""
    H, W = img.shape[:2]
    dark, stats = parts if parts is not None else dark_parts(img)
    lo_w, lo_h = max(_MIN_SIDE, _MIN_SHARE * W), max(_MIN_SIDE, _MIN_SHARE * H)
    out = []
    for x, y, w, h, _a in _frame_sized(stats, lo_w, lo_h, W, H).tolist():
        d = dark[y:y + h, x:x + w]
        rows = np.flatnonzero(d.mean(axis=1) >= _SIDE)
        cols = np.flatnonzero(d.mean(axis=0) >= _SIDE)
        if len(rows) < 2 or len(cols) < 2:
            continue
        t, b, l, r = y + int(rows[0]), y + int(rows[-1]), x + int(cols[0]), x + int(cols[-1])
        if b - t < lo_h or r - l < lo_w:
            continue
        if dark[t, l:r + 1].mean() >= _SIDE and dark[b, l:r + 1].mean() >= _SIDE \
                and dark[t:b + 1, l].mean() >= _SIDE and dark[t:b + 1, r].mean() >= _SIDE:
            out.append((l, t, r, b))
    return out


def _tight(levels: list[int], side: int) -> bool:
    """Neighbouring cells' starts one side plus a small gap apart (no overlap, gap <= `_TIGHT`)."""
    return all(side <= b - a <= side * (1 + _TIGHT) for a, b in zip(levels, levels[1:]))


def corner_triangle(img: np.ndarray, parts: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[Box, int] | None:
    """The box of a corner plot's triangle of frames and a cell's side (see the module's docstring),
    or None: frames of
    one size (`_SAME`) on a k x k grid (k >= `_LEAST`), tightly spaced (`_TIGHT`), filling exactly the
    cells on and under the diagonal (row i holds columns 0..i) or on and over it (columns i..k-1)."""
    frames = _frames(img, parts)
    if len(frames) < _LEAST * (_LEAST + 1) // 2:
        return None
    best: list[tuple[int, int, int, int]] = []
    for f in frames:
        w, h = f[2] - f[0], f[3] - f[1]
        same = [g for g in frames if abs((g[2] - g[0]) - w) <= _SAME * w and abs((g[3] - g[1]) - h) <= _SAME * h]
        if len(same) > len(best):
            best = same
    k = 0
    while k * (k + 1) // 2 < len(best):
        k += 1
    if k < _LEAST or k * (k + 1) // 2 != len(best):
        return None
    xs, ys = _levels([g[0] for g in best]), _levels([g[1] for g in best])
    if len(xs) != k or len(ys) != k:
        return None
    w, h = max(g[2] - g[0] for g in best), max(g[3] - g[1] for g in best)
    if not (_tight(xs, w) and _tight(ys, h)):
        return None

    def level(v: int, lv: list[int]) -> int:
        return min(range(len(lv)), key=lambda i: abs(lv[i] - v))

    cells = {(level(g[1], ys), level(g[0], xs)) for g in best}
    lower = {(i, j) for i in range(k) for j in range(i + 1)}
    upper = {(i, j) for i in range(k) for j in range(i, k)}
    if cells != lower and cells != upper:
        return None
    x0, y0 = min(g[0] for g in best), min(g[1] for g in best)
    x1, y1 = max(g[2] for g in best) + 1, max(g[3] for g in best) + 1
    return Box(x0, y0, x1 - x0, y1 - y0), min(w, h)


def join_corner(img: np.ndarray, pieces: list[Box], parts: tuple[np.ndarray, np.ndarray] | None = None) -> list[Box]:
    """Pieces of a corner plot joined into one: those lying mostly (`_HELD`) within the triangle's
    box grown by `_BESIDE` of a cell's side (its tick labels, axis titles and the diagonal's titles).
    The same list when the figure holds no corner plot (figures on a light margin with three pieces
    or more are looked at: a corner plot's cells are cut at least that often). `parts`:
    `axes.dark_parts(img)`, when the caller has it."""
    if len(pieces) < 3 or not _on_margin(img):
        return pieces
    found = corner_triangle(img, parts)
    if found is None:
        return pieces
    tri, side = found
    grow = int(_BESIDE * side)
    gx0, gy0, gx1, gy1 = tri.x - grow, tri.y - grow, tri.x + tri.w + grow, tri.y + tri.h + grow
    held, rest = [], []
    for p in pieces:
        ix = min(p.x + p.w, gx1) - max(p.x, gx0)
        iy = min(p.y + p.h, gy1) - max(p.y, gy0)
        inside = max(0, ix) * max(0, iy)
        (held if inside >= _HELD * p.w * p.h else rest).append(p)
    if len(held) < 2:
        return pieces
    joined = held[0]
    for p in held[1:]:
        joined = _union(joined, p)
    return rest + [joined]
