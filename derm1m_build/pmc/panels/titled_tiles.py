"""A grid of titled pictures is a grid of panels: joins that would fuse its cells are undone.

Small images shown side by side with a title each (matplotlib's `subplots` grid of `imshow` masks,
each axes `set_title`d: "rectangle_0", "L_90", ...) leave the gutter split its cells, but their
flat fills framed by the axes look like a mosaic plot's tiles to the chart joins (`_tiles_facing`),
and the cells are fused row by row. A mosaic's tiles carry no title of their own: its categories are
named along its outer axes, once per row or column. A cell topped by its own line of print, centred
over the picture under it, is a titled picture of its own, so a full grid (two rows and two columns
at least, every row the same number of cells) of such cells is that many panels. Its own module
because it reads each cell's top line of print, which no join asks about."""

from __future__ import annotations

import numpy as np

from . import figure
from .gutters import Box

_LEAST = 4          # a grid of this many cells at least ...
_ROW_SHARE = 0.5    # ... cells of one row overlapping over this share of the shorter height ...
_ALIGN = 0.1        # ... columns lined up: left sides within this share of a cell's width
_LINE = (3, 0.15)   # a title: a run of inked rows at the cell's top, this many rows tall at least, at most this share of its height ...
_PAPER_ROWS = 2     # ... paper rows under it at least ...
_NARROW = 1.1       # ... at most this share of the picture's width under it (a long name may reach past it) ...
_CENTRE = 0.12      # ... its centre within this share of the cell's width of the picture's centre
_BODY = 0.5         # the picture: the cell's columns inked (darkest channel under 200) on this share of its rows


def _rows(pieces: list[Box]) -> list[list[Box]] | None:
    """The pieces as rows of a full grid (top to bottom, each left to right), or None when they are
    not one: rows of unequal length, columns whose left sides do not line up."""
    rows: list[list[Box]] = []
    for b in sorted(pieces, key=lambda b: (b.y, b.x)):
        row = rows[-1] if rows else None
        if row and min(b.y + b.h, row[0].y + row[0].h) - max(b.y, row[0].y) > _ROW_SHARE * min(b.h, row[0].h):
            row.append(b)
        else:
            rows.append([b])
    if len(rows) < 2 or len({len(r) for r in rows}) != 1 or len(rows[0]) < 2:
        return None
    rows = [sorted(r, key=lambda b: b.x) for r in rows]
    for col in zip(*rows):
        w = min(b.w for b in col)
        if max(b.x for b in col) - min(b.x for b in col) > _ALIGN * w:
            return None
    return rows


def _titled(ink: np.ndarray, b: Box) -> bool:
    """Whether cell `b` is a picture under its own title: its top inked rows are one short line of
    print (`_LINE`) with paper under it, centred (`_CENTRE`) over the picture's columns (those inked
    on `_BODY` of the rows under the title: a filled image, not a plot's open frame), and not much
    wider (`_NARROW`)."""
    cell = ink[b.y:b.y + b.h, b.x:b.x + b.w]
    rows = cell.any(axis=1)
    inked = np.flatnonzero(rows)
    if not len(inked):
        return False
    s = int(inked[0])
    gaps = np.flatnonzero(~rows[s:])
    if not len(gaps):
        return False
    e = s + int(gaps[0])
    if not _LINE[0] <= e - s <= _LINE[1] * b.h or rows[e:e + _PAPER_ROWS].any():
        return False
    title = np.flatnonzero(cell[s:e].any(axis=0))
    body = cell[e + _PAPER_ROWS:]
    if not len(body):
        return False
    cols = np.flatnonzero(body.mean(axis=0) >= _BODY)
    if len(cols) < 2:
        return False
    width = int(cols[-1] - cols[0]) + 1
    if title[-1] - title[0] + 1 > _NARROW * width:
        return False
    return abs((title[0] + title[-1]) / 2 - (cols[0] + cols[-1]) / 2) <= _CENTRE * b.w


def titled_cells(img: np.ndarray, out: list[Box], pieces: list[Box]) -> list[Box]:
    """`pieces` (the gutter split's cells) where the joins fused them into fewer (`out`) and they are
    a full grid (`_rows`) of titled pictures (`_titled`); else `out` as it is."""
    if len(out) >= len(pieces) or len(pieces) < _LEAST:
        return out
    if _rows(pieces) is None:
        return out
    ink = figure.ink(img)
    if not all(_titled(ink, b) for b in pieces):
        return out
    return list(pieces)
