"""Operands joined by '+' and '=' signs are panels of their own, the signs none.

Its own module because it is one step of `split_panels` with one job (see `split_operands`).

Why: a figure that reads as an equation ("topology + texture = shape") sets its terms in a row,
each a drawing, a table or a text block under its own title, with a lone '+' or '=' in the paper
between two of them. The XY-cut finds no gutter between a term and the sign beside it only when
the sign is glued to one of them; the joins then read a text block of a term (`_text_only`) as the
print of the drawing beside it and join them. The sign is what settles it: an operator sits between
two operands, so the paper on either side of it is a gutter between two panels, whatever the pieces
on either side hold. The sign itself is no panel.

What is a sign (`_sign`): a lone mark, `_SMALL` px across at most, in columns holding no other ink
over the whole figure (nothing above or below it: no title runs under it), paper `_CLEAR` times its
width on both sides, and shaped as a '+' (a full-length bar across and one down, its corners empty)
or an '=' (two full-width bars, one over the other); terms on both sides reaching over and under
it. Read only where the figure's ink column profile has a narrow run of ink between two runs of
paper, which holds for few figures."""

from __future__ import annotations

import numpy as np

from .figure import darkest
from .gutters import Box, _true_runs

_INK = 160          # a sign's ink and the columns' ink: darkest channel under this
_PAPER = 245        # a term's pixels (for its box): darkest channel under this
_SMALL = (5, 40)    # a sign's width and height, px
_CLEAR = 2.0        # paper on either side of a sign, this many times its width at least
_BAR = 0.8          # a bar of a sign: ink on this share of the sign's width (or height) at least
_CORNER = 0.3       # a '+': its corners (this share of each side) hold no ink
_TERM = 3.0         # a term beside the sign: this many times the sign's height tall at least, over and under it


def _is_plus(m: np.ndarray) -> bool:
    """A '+': a row across and a column down each inked on `_BAR` of the mark, corners empty."""
    h, w = m.shape
    if not (0.6 * w <= h <= 1.6 * w):
        return False
    if m.sum(axis=1).max() < _BAR * w or m.sum(axis=0).max() < _BAR * h:
        return False
    cy, cx = max(1, int(_CORNER * h)), max(1, int(_CORNER * w))
    return not (m[:cy, :cx].any() or m[:cy, -cx:].any() or m[-cy:, :cx].any() or m[-cy:, -cx:].any())


def _is_equals(m: np.ndarray) -> bool:
    """An '=': its rows two runs of ink, each row of them inked on `_BAR` of the width, each run
    at most a third of the mark's height."""
    h, w = m.shape
    if not (0.3 * w <= h <= 1.2 * w):
        return False
    rows = m.sum(axis=1)
    runs = _true_runs(rows > 0)
    return len(runs) == 2 and all(b - a <= h / 3 for a, b in runs) \
        and bool((rows[rows > 0] >= _BAR * w).all())


def _signs(ink: np.ndarray) -> list[tuple[int, int, int, int, int, int]]:
    """Each operator sign's columns and rows (x0, x1, y0, y1) in a figure's ink mask, and the
    middles of the paper on either side of it (where the terms are parted)."""
    cols = ink.any(axis=0)
    runs = _true_runs(cols)
    out = []
    for k in range(1, len(runs) - 1):
        a, b = runs[k]
        w = b - a
        if not _SMALL[0] <= w <= _SMALL[1]:
            continue
        if a - runs[k - 1][1] < _CLEAR * w or runs[k + 1][0] - b < _CLEAR * w:
            continue
        rows = np.flatnonzero(ink[:, a:b].any(axis=1))
        y0, y1 = int(rows[0]), int(rows[-1]) + 1
        if not 3 <= y1 - y0 <= _SMALL[1]:
            continue
        m = ink[y0:y1, a:b]
        if _is_plus(m) or _is_equals(m):
            out.append((a, b, y0, y1, (runs[k - 1][1] + a) // 2, (b + runs[k + 1][0]) // 2))
    return out


def _term(ink: np.ndarray, x0: int, x1: int, y0: int, y1: int) -> Box | None:
    """The box of the ink in columns x0:x1 of rows y0:y1, or None when there is none."""
    part = ink[y0:y1, x0:x1]
    rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
    if not len(rows):
        return None
    return Box(x0 + int(cols[0]), y0 + int(rows[0]), int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1)


def split_operands(img: np.ndarray, out: list[Box]) -> list[Box]:
    """The pieces with each one that holds an operator sign between two terms cut there, into the
    terms on either side (the sign left out); a piece that is a sign alone is dropped. `out`
    itself where the figure has no sign with terms on both sides."""
    if not out:
        return out
    dark = darkest(img)
    signs = _signs(dark < _INK)
    if not signs:
        return out
    pale = dark < _PAPER
    cuts = []
    for a, b, y0, y1, lo, hi in signs:
        tall = _TERM * (y1 - y0)
        left = [p for p in out if p.x < a and p.y <= y0 and p.y + p.h >= y1 and p.h >= tall]
        right = [p for p in out if p.x + p.w > b and p.y <= y0 and p.y + p.h >= y1 and p.h >= tall]
        if left and right:
            cuts.append((lo, hi))
    if not cuts:
        return out
    res: list[Box] = []
    for p in out:
        parts = [p]
        for a, b in cuts:
            nxt = []
            for q in parts:
                if q.x + q.w <= a or q.x >= b:
                    nxt.append(q)
                    continue
                for x0, x1 in ((q.x, a), (b, q.x + q.w)):
                    if x1 > x0:
                        t = _term(pale, x0, x1, q.y, q.y + q.h)
                        if t is not None:
                            nxt.append(t)
            parts = nxt
        res.extend(parts)
    if len(res) == len(out) and all(r is p for r, p in zip(res, out)):
        return out
    return res
