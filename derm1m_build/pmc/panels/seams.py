"""Rasters that touch in an even grid are cut at the seam between them.

Its own module because it is one step of `split_panels` with one job (see `split_seams`).

Why: maps, satellite images and lidar rasters set edge to edge in a 2 x 2 (or 1 x 2, 2 x 3) grid
have no gutter, and the photo-edge cut (`gutters._edge_cuts`) refuses a seam a key box or a label
box crosses (white on both sides of the seam for those rows), or one drawn as a thin dark line
(two weaker steps a pixel apart). Yet the seam is plain: in one column (or row) at the middle
of the piece, or at its thirds, almost every line steps (`_SEAM` of the lines change by more than
`_STEP` levels there), where the piece's other columns step on far fewer lines (textured rasters
step here and there, not all down one column; a fine texture such as lattice fringes steps on most
lines of every column, and is refused). Drawings and charts on paper hardly step at all
away from their strokes (`_TEXTURED` of the lines at least, as a median over sampled columns, is
asked), a chart's frame or axis lies at its sides, not at its exact middle, and a rule drawn on
paper (a flow chart's box side) has paper on both sides, where a seam has a raster on one at least.
A light line over one raster (a sky map's meridian, `_light_line`) is no seam either, nor a line
that stops short of the piece's ends (`_end_to_end`: a divider under one window's title bar).

Read only on pieces `_LEAST` px wide at least, and then only the columns near the grid positions
and `_SAMPLES` others: a few columns of a piece."""

from __future__ import annotations

import numpy as np

from .gutters import Box, channel_max

_LEAST = 200        # a piece this many pixels across at least (each half a raster of 100)
_STEP = 16          # a line steps at a column: some channel changes by more than this across it
_SEAM = 0.95        # a seam: this share of the piece's lines step there at least ...
_NEAR = 0.02        # ... within this share of the piece's width of the grid position
_TEXTURED = 0.1     # the piece's columns step on this share of lines at least (median of the samples) ...
_OTHERS = 0.7       # ... and at most this share (a fine texture, lattice fringes, steps everywhere) ...
_STANDS = 0.25      # ... the seam's share over the median by this much at least (a seam stands out)
_SAMPLES = 16       # columns sampled for the median
_SKIM = 4           # the grid positions read on every this-many-th row first ...
_SKIMMED = 0.8      # ... and read in full only where this share of those rows steps (a seam steps on 95 %)
_BESIDE = (2, 8)    # the columns this far from a seam, on one side at least, ...
_ENDS = 0.03        # a seam's ends: this share of the rows at each end of the piece
_LINE = 0.5         # a light line drawn over one raster: lighter than both sides on this share of rows
_PAPER = 0.5        # ... paper (every channel at 250 or over) on this share of their pixels at most


def _stepping(a: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Whether each row of a steps from column c-1 to column c or from c to c+1 (rows x cols), for
    each c in cols (a seam drawn as a thin line, or smoothed by a rescale, steps over two columns).
    A run of neighbouring columns is read as one slice (no gathered copy)."""
    if len(cols) > 1 and int(cols[-1] - cols[0]) + 1 == len(cols):
        block = a[:, int(cols[0]) - 1:int(cols[-1]) + 2].astype(np.int16)
        mid = block[:, 1:-1]
        d = np.maximum(np.abs(mid - block[:, :-2]), np.abs(block[:, 2:] - mid))
    else:
        mid = a[:, cols].astype(np.int16)
        d = np.maximum(np.abs(mid - a[:, cols - 1]), np.abs(a[:, cols + 1] - mid))
    if d.ndim == 3:
        d = channel_max(d)
    return d > _STEP


def _steps(a: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The share of a's rows stepping at each column of cols (`_stepping`)."""
    return _stepping(a, cols).mean(axis=0)


def _end_to_end(a: np.ndarray, c: int) -> bool:
    """Whether the seam at column c runs to both ends of the piece: half the rows of its first and
    of its last `_ENDS` (3 rows at least) step there. A window's title bar or a frame's top bar runs
    across a divider inside one screenshot; two rasters meet from end to end."""
    k = max(3, int(_ENDS * a.shape[0]))
    st = _stepping(a, np.array([c]))[:, 0]
    return bool(st[:k].mean() >= 0.5 and st[-k:].mean() >= 0.5)


def _raster_beside(a: np.ndarray, c: int) -> bool:
    """Whether the columns just left or just right of column c are a raster (little paper): a rule
    drawn on paper (a box's side in a flow chart) has paper on both sides."""
    lo, hi = _BESIDE
    for side in (a[:, max(0, c - hi):max(0, c - lo)], a[:, c + lo:c + hi]):
        if side.size and float(((side.min(axis=2) if side.ndim == 3 else side) >= 250).mean()) <= _PAPER:
            return True
    return False


def _light_line(a: np.ndarray, c: int) -> bool:
    """Whether column c is a light line drawn over one raster (a map's graticule, a meridian): on
    `_LINE` of the rows at least the seam (c-1..c+1) is lighter than the pixels 3 columns out on
    both sides, and darker than both on under `_LINE` (a seam drawn as a dark rule, or two rasters
    with light boxes at their ends, are darker there)."""
    g = (a.max(axis=2) if a.ndim == 3 else a).astype(np.int16)
    seam = g[:, c - 1:c + 2]
    left, right = g[:, c - 3], g[:, c + 3]
    top, low = seam.max(axis=1), seam.min(axis=1)
    lighter = float(((top > left + _STEP) & (top > right + _STEP)).mean())
    darker = float(((low < left - _STEP) & (low < right - _STEP)).mean())
    return lighter >= _LINE and darker < _LINE


def _seams(a: np.ndarray) -> list[int] | None:
    """The columns of a (a piece, rows x columns) where it is cut into 2 or 3 touching rasters, or
    None."""
    w = a.shape[1]
    if w < _LEAST or a.shape[0] < _LEAST // 2:
        return None
    near = max(2, int(_NEAR * w))
    windows = {n: [np.arange(max(1, round(k * w / n) - near), min(w - 1, round(k * w / n) + near + 1))
                   for k in range(1, n)] for n in (2, 3)}
    skim = a[::_SKIM]   # every 4th row first: most pieces stop here, before the rest is read
    grids = [n for n, wins in windows.items() if all(float(_steps(skim, cols).max()) >= _SKIMMED for cols in wins)]
    if not grids:
        return None
    sample = np.linspace(w // 10, w - w // 10, _SAMPLES).astype(int)
    typical = float(np.median(_steps(a, sample)))
    if not _TEXTURED <= typical <= _OTHERS:
        return None
    for n in grids:
        cuts = []
        for cols in windows[n]:
            share = _steps(a, cols)
            best = int(np.argmax(share))
            c = int(cols[best])
            if share[best] < max(_SEAM, typical + _STANDS) or not _raster_beside(a, c) or _light_line(a, c) \
                    or not _end_to_end(a, c):
                break
            cuts.append(c)
        else:
            return cuts
    return None


def _cut(img: np.ndarray, p: Box, across: bool) -> list[Box]:
    """p cut at its seams: columns (across False) or rows (across True); [p] when it has none."""
    a = img[p.y:p.y + p.h, p.x:p.x + p.w]
    if across:
        a = a.swapaxes(0, 1)
    cuts = _seams(a)
    if not cuts:
        return [p]
    edges = [0] + cuts + [a.shape[1]]
    if across:
        return [Box(p.x, p.y + s, p.w, e - s) for s, e in zip(edges, edges[1:])]
    return [Box(p.x + s, p.y, e - s, p.h) for s, e in zip(edges, edges[1:])]


def split_seams(img: np.ndarray, out: list[Box]) -> list[Box]:
    """The pieces with each one holding touching rasters (see the module) cut at its seams: into
    columns where the piece spans the width of all the pieces together, then each column so cut (or
    a piece spanning the whole) into rows. An even grid of rasters edge to edge is the whole figure,
    or its rows cut apart; a line at the middle of one panel of a row is that panel's own (a
    crosshair over a photograph, a mesh's axis of symmetry). `out` itself where no piece has a seam."""
    if not out:
        return out
    x0, y0 = min(p.x for p in out), min(p.y for p in out)
    x1, y1 = max(p.x + p.w for p in out), max(p.y + p.h for p in out)
    slack = _NEAR * max(x1 - x0, y1 - y0)
    res = []
    for p in out:
        wide = p.x - x0 <= slack and x1 - p.x - p.w <= slack
        tall = p.y - y0 <= slack and y1 - p.y - p.h <= slack
        cols = _cut(img, p, False) if wide else [p]
        for c in cols:
            res.extend(_cut(img, c, True) if tall and (len(cols) > 1 or wide) else [c])
    return out if len(res) == len(out) else res
