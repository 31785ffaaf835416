"""Pieces of one slide scan on its tiled grey ground are one picture, not panels.

Its own module because it is one step of `split_panels` with one job (see `one_tiled_scan`).

Why: a slide scanner stitches a scene from square camera tiles, and a scan shown with its tile
mask (set 39's `cz_scene`: three tissue sections of one slide, each on a staircase of light grey
tiles, the slide's bare glass white between them) has paper gutters between the sections: the
XY-cut cuts the scan in two. What tells one scan from photographs set side by side is the ground:
the grey tiles' edges round every piece fall on one lattice (one tile pitch, one origin) across the
whole figure, the pieces lie in one scan's coordinates. Photographs or micrographs framed on grey
are rectangles: their ground's edges are a few lines (two a panel), no staircase of many edges at
one pitch; a panel grid's equal frames give a handful of lines (none inside a panel), fewer than a staircase round even
one section.

Cheap: it needs two pieces at least and a light grey tone on a tenth of the figure (one histogram
of the grey view) before it reads an edge."""

from __future__ import annotations

import numpy as np

from .figure import grey_view
from .gutters import Box
from .xycut import _union_all

_TONE = (180, 235)    # the tiles' grey: the commonest tone in this range ...
_TOL = 6              # ... pixels within this of it ...
_SHARE = 0.1          # ... on this share of the figure at least ...
_PAPER = 245          # ... the rest mostly paper (this light) ...
_PAPER_SHARE = 0.2    # ... on this share of the figure at least
_LINE = 0.015         # a tile edge: a column (row) where tile meets paper on this share of the height (width) at least
_LINES = 8            # a staircase: this many edge lines at least on each axis (a 3 x 3 grid's frames give 6) ...
_PITCH = (8, 0.125)   # ... at one pitch, 8 view pixels at least and this share of the side at most ...
_FIT = 1.5            # ... each line within this many view pixels of the lattice ...
_ON = 0.85            # ... this share of the lines at least
_EACH = 2             # each piece holds this many of the edge lines inside it on each axis at least (its own tiles)


def _edge_lines(prof: np.ndarray, least: float) -> np.ndarray:
    """The positions of the edge lines: runs of columns (rows) holding at least `least` edges,
    each run given by its strongest place."""
    strong = np.flatnonzero(prof >= least)
    if not len(strong):
        return strong
    runs = np.split(strong, np.flatnonzero(np.diff(strong) > 2) + 1)
    return np.array([int(r[np.argmax(prof[r])]) for r in runs])


def _lattice(lines: np.ndarray, side: int) -> tuple[float, float] | None:
    """(origin, pitch) of the one lattice most of the edge lines fall on, or None. A pitch is tried
    from each gap between neighbouring lines (a tile, or a run of whole tiles: the smallest fitting
    one is kept), refined by a least-squares fit of the lines to their tile numbers."""
    if len(lines) < _LINES:
        return None
    hi = _PITCH[1] * side
    for gap in sorted(set(int(g) for g in np.diff(lines) if _PITCH[0] <= g <= hi)):
        k = np.round((lines - lines[0]) / gap)
        if len(set(k.tolist())) < 2:
            continue
        pitch, origin = np.polyfit(k, lines.astype(float), 1)
        if pitch < _PITCH[0]:
            continue
        k = np.round((lines - origin) / pitch)
        fit = np.abs(origin + k * pitch - lines) <= _FIT
        if float(fit.mean()) >= _ON:
            return float(origin), float(pitch)
    return None


def _inside(lines: np.ndarray, a: int, b: int) -> int:
    """How many edge lines lie inside [a, b), off its sides (a frame's own edges are no tiles)."""
    return int(((lines > a + 2) & (lines < b - 3)).sum())


def one_tiled_scan(img: np.ndarray, out: list[Box]) -> list[Box]:
    """One box, the pieces' union, where the pieces lie on one slide scan's tiled ground (see the
    module's docstring); `out` itself otherwise."""
    if len(out) < 2:
        return out
    grey, step = grey_view(img)
    some = grey[::2, ::2]   # the gate's shares, read on every 4th pixel
    hist = np.bincount(some.ravel(), minlength=256)
    tone = _TONE[0] + int(np.argmax(hist[_TONE[0]:_TONE[1] + 1]))
    if hist[max(0, tone - _TOL):tone + _TOL + 1].sum() < _SHARE * some.size \
            or hist[_PAPER:].sum() < _PAPER_SHARE * some.size:
        return out
    tile = np.abs(grey.astype(np.int16) - tone) <= _TOL
    known = tile | (grey >= _PAPER)
    across = (tile[:, 1:] != tile[:, :-1]) & known[:, 1:] & known[:, :-1]
    down = (tile[1:] != tile[:-1]) & known[1:] & known[:-1]
    h, w = grey.shape
    lx, ly = _edge_lines(across.sum(axis=0), _LINE * h), _edge_lines(down.sum(axis=1), _LINE * w)
    if _lattice(lx, w) is None or _lattice(ly, h) is None:
        return out
    for p in out:
        if _inside(lx, p.x // step, (p.x + p.w) // step) < _EACH \
                or _inside(ly, p.y // step, (p.y + p.h) // step) < _EACH:
            return out
    return [_union_all(out)]
