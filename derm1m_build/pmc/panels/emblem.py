"""An emblem over its own name line: one image, never a picture and a panel of print.

Its own module because it is one step of `split_panels` with one job (see `join_name_line`): it reads
the figure's rows of print, which no other step asks about at a logo's type size.

What makes a logo one image: a picture (a crest, a mascot) and, under it or over it, its name set in
one or two lines of large type, centred on the picture. The XY-cut cuts between them at the paper
band, and inside the name line between its words (a word space, or the rule either side of the name,
is a column of paper down the whole figure when the picture stands over the middle words). The print
joins (`orphans.join_print`) take only print of a label's size, lying along one picture's side; a
name line is set in type a tenth of the figure tall and runs past the picture's sides. A line of
print is told by its marks: letters of about the line's height, side by side, no gap wider than a
few letters; a panel holds a drawing, a chart or a photograph. A figure's panels over a shared line
of print (a caption, a key's names) are two pieces at least above the line: here only one piece
reaches above it, so the line can belong to nothing else."""

from __future__ import annotations

import cv2
import numpy as np

from .figure import grey_view
from .gutters import Box
from .xycut import _union_all

_PIECES = 6          # at most this many pieces (a picture and a name line cut between its words)
_PAPER = 230         # the figure's edge lines this light (grey, their median): on paper (a rule may run along one)
_INK = 200           # a mark: grey under this
_BLANK = 2           # a band of rows is set apart by at least this many blank rows (view pixels)
_LINES = 2           # the name: at most this many lines of print ...
_LINE_TALL = 0.2     # ... each at most this share of the pieces' height tall (and 4 view pixels at least) ...
_LETTERS = 4         # ... of at least this many marks ...
_WORD_WIDE = 8.0     # ... each at most this many times the line's height wide (a word whose letters touch) ...
_WORD_GAP = 3.0      # ... no gap between neighbouring marks over this many times the line's height ...
_SPAN = 0.5          # ... running along this share of the pieces' width at least ...
_CENTRED = 0.1       # ... with its middle within this share of its width of the picture's middle
_RULE = 4            # a piece of the name may hold this many inked rows past the name's (a rule beside the name)


def _bands(ink: np.ndarray) -> list[tuple[int, int]]:
    """Runs of inked rows (start, stop), parted by `_BLANK` blank rows at least."""
    rows = np.flatnonzero(ink.any(axis=1))
    if not len(rows):
        return []
    out, start, last = [], int(rows[0]), int(rows[0])
    for r in rows[1:]:
        r = int(r)
        if r - last > _BLANK:
            out.append((start, last + 1))
            start = r
        last = r
    out.append((start, last + 1))
    return out


def _text_line(ink: np.ndarray, span: int) -> tuple[int, int] | None:
    """The columns (start, stop) of the band `ink` (its rows, a run of inked rows) when it is one line
    of print: `_LETTERS` marks at least, each a letter or a word wide, no gap past a word space, running
    along `_SPAN` of `span` columns; else None."""
    tall = ink.shape[0]
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink.view(np.uint8), connectivity=8)
    marks = stats[1:]
    if len(marks) < _LETTERS:
        return None
    if int(marks[:, 2].max()) > _WORD_WIDE * tall:
        return None
    order = np.argsort(marks[:, 0])
    x0, x1 = marks[order, 0], (marks[:, 0] + marks[:, 2])[order]
    reach = np.maximum.accumulate(x1)
    if len(order) > 1 and int((x0[1:] - reach[:-1]).max()) > _WORD_GAP * tall:
        return None
    a, b = int(x0.min()), int(reach[-1])
    return (a, b) if b - a >= _SPAN * span else None


def _name(ink: np.ndarray, bands: list[tuple[int, int]]) -> tuple[int, int, int, int] | None:
    """The name: up to `_LINES` bands at one end of `bands` (the last ones first, then the first
    ones) that are each a line of print (`_text_line`), with exactly one band left over for
    the picture: one band, the emblem (panels over a shared line are bands of print and pictures).
    Returns (first name row, last name row + 1, first name column, last name column + 1), else None."""
    h, w = ink.shape
    for seq in (bands[::-1], bands):
        lines: list[tuple[int, int, int, int]] = []
        for a, b in seq[:_LINES]:
            if b - a < 4 or b - a > _LINE_TALL * h:
                break
            cols = _text_line(ink[a:b], w)
            if cols is None:
                break
            lines.append((a, b, *cols))
        if lines and len(lines) == len(bands) - 1:
            top, bottom = min(x[0] for x in lines), max(x[1] for x in lines)
            left, right = min(x[2] for x in lines), max(x[3] for x in lines)
            return top, bottom, left, right
    return None


def join_name_line(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` as one box (their union) when the figure is an emblem over (or under) its own name: the
    pieces' rows end (or start) with one or two lines of print (`_name`), centred on the picture
    the other rows hold (`_CENTRED`), one piece only reaching into the picture's rows (the others
    lie in the name's rows, but for `_RULE` inked rows at most: a rule beside the name), and
    one piece at least lying in the name's rows. Gated: 2 to `_PIECES` pieces, a figure on paper."""
    if not 2 <= len(out) <= _PIECES:
        return out
    g, step = grey_view(img)
    edges = np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])
    if float(np.median(edges)) < _PAPER:
        return out
    u = _union_all(out)
    y0, x0 = u.y // step, u.x // step
    ink = g[y0:-(-(u.y + u.h) // step), x0:-(-(u.x + u.w) // step)] < _INK
    bands = _bands(ink)
    if len(bands) < 2:
        return out
    name = _name(ink, bands)
    if name is None:
        return out
    top, bottom, left, right = name
    pic = np.ones(ink.shape[0], bool)
    pic[top:bottom] = False
    cols = np.flatnonzero(ink[pic].any(axis=0))
    if not len(cols) or abs(int(cols[0]) + int(cols[-1]) - left - right) > 2 * _CENTRED * (right - left):
        return out
    rows = ink.any(axis=1)
    rows[top:bottom] = False   # the inked rows outside the name (view rows of the pieces' union)

    def in_name(b: Box) -> bool:
        a, z = b.y // step - y0, -(-(b.y + b.h) // step) - y0
        return a < bottom and z > top and int(np.count_nonzero(rows[max(0, a):z])) <= _RULE

    inside = [b for b in out if in_name(b)]
    if not inside or len(out) - len(inside) != 1:
        return out
    return [u]
