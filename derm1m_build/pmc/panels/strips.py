"""Rows of small panels: a grid whose rows are too short for the XY-cut to cut into columns.

The XY-cut leaves a piece whole once its short side is under twice the thin-piece size (12 % of
the figure's longer side): a time series of 23 small maps, each under its time stamp, comes out as
six row-long strips. A strip is cut at its own paper gutters only when it is one row of a grid:
at least two strips show the same column gutters (within 2 % of the figure's side), and any other
strip's gutters are among them (a last row of three under rows of four); every cell holds a
drawing, not only print (a line of words with gaps between them is no row of panels), under its
own title (a time stamp, a name: a montage's untitled slices are one panel). Columns of small
panels are read the same way turned. Its own module because it is the one rule that cuts
pieces the layout left whole for their size."""

from __future__ import annotations

import numpy as np

from .gutters import Box
from .keys import _coloured, _colours
from .xycut import _text_only, _union_all

_THIN = 0.12     # a strip: its short side under this share of the figure's longer side ...
_LONG = 3.0      # ... its long side this many times its short side at least
_PAPER = 235     # paper: darkest channel at least this
_GAP = 0.02      # a gutter: a run of paper columns this share of the figure's side wide at least ...
_ALIGN = 0.02    # ... strips' gutters agree within this share of the side
_TITLE = 0.05   # a cell's title: a line of print at most this share of the figure's side high ...
_TITLE_PART = 0.35  # ... and this share of the cell ...
_TITLE_SPAN = 0.5   # ... across this share of its width at least
_KEY_USED = 0.9  # a grid's shared key: this share of its coloured pixels of colours its cells use ...
_KEY_FILL = 0.3  # ... filling this share of its box at least (a ramp bar), under or beside the grid


def _darkest(img: np.ndarray, b: Box) -> np.ndarray:
    part = img[b.y:b.y + b.h, b.x:b.x + b.w]
    return part[..., :3].min(axis=2) if part.ndim == 3 else part


def _gutters(img: np.ndarray, b: Box, side: int) -> list[tuple[int, int]]:
    """The runs of all-paper columns inside strip b (figure coordinates), ink on both sides."""
    paper = (_darkest(img, b) >= _PAPER).all(axis=0)
    inked = np.flatnonzero(~paper)
    if len(inked) < 2:
        return []
    runs, start = [], None
    for x in range(int(inked[0]), int(inked[-1]) + 1):
        if paper[x] and start is None:
            start = x
        elif not paper[x] and start is not None:
            if x - start >= max(3, _GAP * side):
                runs.append((b.x + start, b.x + x))
            start = None
    return runs


def _cells(img: np.ndarray, b: Box, cuts: list[tuple[int, int]]) -> list[Box]:
    """Strip b cut at `cuts`, each cell trimmed to its ink."""
    edges = [b.x] + [e for a, c in cuts for e in (a, c)] + [b.x + b.w]
    out = []
    for x0, x1 in zip(edges[::2], edges[1::2]):
        part = _darkest(img, Box(x0, b.y, x1 - x0, b.h)) < _PAPER
        rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
        if len(rows):
            out.append(Box(x0 + int(cols[0]), b.y + int(rows[0]), int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1))
    return out


def _titled(img: np.ndarray, c: Box) -> bool:
    """Whether cell c opens with its own title: a line of print at its top (at most `_TITLE` of the
    figure's side high and `_TITLE_PART` of the cell), paper under it, running across `_TITLE_SPAN`
    of the cell's width, with the drawing below. Small panels each under its own time stamp or name
    are panels; a montage's slices, one under another with no title of their own, are one panel."""
    ink = _darkest(img, c) < _PAPER
    rows = ink.any(axis=1)
    paper = np.flatnonzero(~rows)
    if not rows[0] or not len(paper):
        return False
    r = int(paper[0])
    if r > _TITLE * max(img.shape[:2]) or r > _TITLE_PART * c.h or not rows[r:].any():
        return False
    cols = np.flatnonzero(ink[:r].any(axis=0))
    return bool(cols[-1] - cols[0] + 1 >= _TITLE_SPAN * c.w)


def _split_rows(img: np.ndarray, out: list[Box], refuse) -> list[Box] | None:
    """The strips of `out` that are rows of one grid cut into their cells (`out` otherwise as it
    is), or None when no two strips agree. `refuse(cell)`: whether a cell is no small panel (only
    print, or no title of its own)."""
    side = max(img.shape[:2])
    strips = [b for b in out if b.h < _THIN * side and b.w >= _LONG * b.h]
    if len(strips) < 2:
        return None
    found = {id(b): _gutters(img, b, side) for b in strips}
    centres = {k: [(a + c) / 2 for a, c in g] for k, g in found.items() if g}
    if len(centres) < 2:
        return None
    tol = _ALIGN * side
    most = max(centres.values(), key=len)

    def among(cs: list[float]) -> bool:
        return all(any(abs(c - m) <= tol for m in most) for c in cs)

    if sum(len(cs) == len(most) and among(cs) for cs in centres.values()) < 2:
        return None
    res, changed = [], False
    for b in out:
        cs = centres.get(id(b))
        if cs and among(cs):
            cells = _cells(img, b, found[id(b)])
            if len(cells) >= 2 and not any(refuse(c) for c in cells):
                res.extend(cells)
                changed = True
                continue
        res.append(b)
    if not changed:
        return None
    cells = [c for c in res if not any(c is b for b in out)]
    return [b for b in res if not _grid_key(img, b, cells)]


def _grid_key(img: np.ndarray, b: Box, cells: list[Box]) -> bool:
    """Whether piece b is the colour key the cut grid's cells share (the annotation rule: a key
    shared by a whole grid belongs to no panel): a strip past the grid's last row, wider than any
    cell, its box mostly a ramp (`_KEY_FILL`) of colours the cells use (`_KEY_USED` of its coloured
    pixels). Keys beside one chart are joined to it elsewhere (`keys.join_keys`)."""
    if img.ndim != 3 or len(cells) < 4 or any(b is c for c in cells):
        return False
    grid = _union_all(cells)
    if b.y < grid.y + grid.h or b.w <= max(c.w for c in cells):
        return False
    a, mask = _coloured(img, b)
    u, n, share = _colours(a, mask)
    if share < _KEY_FILL or not n.sum():
        return False
    cu, cn, _ = _colours(*_coloured(img, grid))
    used = set(cu[cn >= 0.001 * cn.sum()].tolist())
    return sum(int(c) for k, c in zip(u.tolist(), n.tolist()) if k in used) >= _KEY_USED * n.sum()


def split_strips(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Strips that are rows (or columns) of one grid of small panels cut at their shared gutters
    (`_split_rows`). Only pieces under `_THIN` of the side on their short side are read: a figure of
    panel-sized pieces costs one comparison a piece."""
    if len(out) < 2:
        return out
    side = max(img.shape[:2])
    if sum(min(b.w, b.h) < _THIN * side for b in out) < 2:
        return out
    rows = _split_rows(img, out, lambda c: _text_only(img, c) or not _titled(img, c))
    if rows is not None:
        return rows
    turned = np.swapaxes(img, 0, 1)
    cols = _split_rows(turned, [Box(b.y, b.x, b.h, b.w) for b in out],
                       lambda c: _text_only(img, Box(c.y, c.x, c.h, c.w)) or not _titled(img, Box(c.y, c.x, c.h, c.w)))
    return [Box(b.y, b.x, b.h, b.w) for b in cols] if cols is not None else out
