"""One title over a seam: pieces cut apart with no gutter under one line of print are one panel.

Where an image has no gutter of its own to be cut at, the XY-cut may still cut it at a sharp edge of
its content (a micrograph's band of one colour, a map's border): the two pieces touch or overlap. A
plot's title (or its axis label under it) is printed centred over the whole image, so such a cut runs
through the title's letters, while panels set edge to edge each carry their own title, and the seam
between them runs through the space between two titles. Its own module because it reads the print
over a seam, which no other step asks about."""

from __future__ import annotations

import numpy as np

from .gutters import Box, _union, channel_min

_TOUCH = (-4, 1)   # pieces this far apart (px; negative: overlapping) meet at a seam, not a gutter ...
_SHARE = 0.8       # ... sharing this share of the shorter piece's height
_INK = 160         # a pixel of print: its darkest channel under this
_LINE = (3, 0.1)   # a line of print: at least this many rows tall, at most this share of the pieces' height
_PAPER_ROWS = 2    # ... with this many rows of paper between it and what it titles
_INSIDE = 0.05     # ... and the line stops this share of the pair's width inside both its sides


def _print_band(ink: np.ndarray, top: bool) -> tuple[int, int] | None:
    """The rows (start, stop) of the line of print along the top (or bottom) of `ink` (a piece
    pair's region): the first run of inked rows from that edge, short (`_LINE`) and followed by
    paper rows; None when the region starts with something else (the image itself)."""
    rows = ink.any(axis=1)
    order = np.arange(len(rows)) if top else np.arange(len(rows))[::-1]
    inked = np.flatnonzero(rows[order])
    if not len(inked):
        return None
    s = int(inked[0])
    gaps = np.flatnonzero(~rows[order][s:])
    if not len(gaps):
        return None
    e = s + int(gaps[0])
    if not (_LINE[0] <= e - s <= max(_LINE[0], _LINE[1] * len(rows))):
        return None
    if rows[order][e:e + _PAPER_ROWS].any() or e + _PAPER_ROWS >= len(rows):
        return None
    return (s, e) if top else (len(rows) - e, len(rows) - s)


def _title_across(ink: np.ndarray, seam: int) -> bool:
    """Whether a line of print along the top or bottom of `ink` runs across column `seam`: ink
    within one line height of the seam on both sides, with no gap as wide as the line is tall, the
    line (its run of letters) stopping inside the pair on both sides (`_INSIDE`)."""
    for top in (True, False):
        band = _print_band(ink, top)
        if band is None:
            continue
        s, e = band
        h = e - s
        cols = ink[s:e].any(axis=0)
        left, right = cols[max(0, seam - h):seam], cols[seam:seam + h]
        if not (left.any() and right.any()):
            continue
        near = np.flatnonzero(cols[max(0, seam - h):seam + h]) + max(0, seam - h)
        if not len(near) or int(np.diff(near).max(initial=0)) >= h:
            continue
        # the whole line: its run of ink (gaps under a line height) stops inside the pair, short of
        # both sides (a figure's title over every panel, a row of window frames, runs on past them)
        inked = np.flatnonzero(cols)
        runs = np.split(inked, np.flatnonzero(np.diff(inked) >= h) + 1)
        run = next(r for r in runs if r[0] <= near[0] <= r[-1] or r[0] <= near[-1] <= r[-1])
        if run[0] >= _INSIDE * len(cols) and run[-1] < (1 - _INSIDE) * len(cols):
            return True
    return False


def join_titled(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with side-by-side pieces that touch or overlap (`_TOUCH`) joined where a line of print
    along their top or bottom runs across the seam (`_title_across`): one image under one title,
    cut at an edge of its own content."""
    if len(out) < 2:
        return out
    pairs = [(a, b) for a in out for b in out if a is not b
             and _TOUCH[0] <= b.x - (a.x + a.w) <= _TOUCH[1] and b.x > a.x
             and min(a.y + a.h, b.y + b.h) - max(a.y, b.y) >= _SHARE * min(a.h, b.h)]
    if not pairs:
        return out
    grey = channel_min(img[:, :, :3]) if img.ndim == 3 else img
    out = list(out)
    for a, b in pairs:
        if a not in out or b not in out:
            continue
        u = _union(a, b)
        ink = grey[u.y:u.y + u.h, u.x:u.x + u.w] < _INK
        seam = (a.x + a.w + b.x) // 2 - u.x
        if _title_across(ink, seam):
            out = [u] + [x for x in out if x is not a and x is not b]
    return out
