"""A row of pictures named by one short line centred under the row is one panel.

Its own module because it is one step of `split_panels` with one job (see `join_named_rows`).

Why: a figure that compares variants sets each variant as a row of pictures (a slide theme shown by
its title slide and a content slide, a method shown by two views) and prints the variant's name
once, centred under its row, across the gutter between the pictures. The name says what the panel
is: the row is one panel, its pictures views of it (set 33's `tb_fig4` / `tb_fig5`: three themes of
two slides each). A figure whose pictures are panels of their own names each of them under it
(set 33's `tb_fig3`: the digits 1-4 each centred under its slide), so a single line crossing the
gutter is the sign. One such row could be a shared axis title under two plots; the rule asks for
two rows named so in one figure (a comparison of variants), and a name line that is short, alone in
the paper under its row and starting right under it.

Cheap: it reads nothing but the pieces' boxes unless at least two rows of two or more pieces stand
one over another; then only the paper band under each such row."""

from __future__ import annotations

import numpy as np

from .figure import darkest
from .gutters import Box, _true_runs, _union

_INK = 160          # a name's ink: darkest channel under this
_LINE = (4, 0.06)   # a name line's height: this many px at least, this share of the figure's height at most
_WIDE = 0.4         # ... its width at most this share of its row's width ...
_CENTRE = 0.06      # ... its centre within this share of the row's width of the row's centre ...
_NEAR = 0.15        # ... its top within this share of the row's height under the row
_GAP = 3            # paper rows between a name line read at a piece's top and the rest of the piece, at least
_ROWS = 2           # rows named so in one figure, at least


def _rows(out: list[Box]) -> list[list[Box]]:
    """The pieces grouped into rows (each overlapping the row's first piece on half the smaller
    height), top to bottom, each row left to right."""
    rows: list[list[Box]] = []
    for p in sorted(out, key=lambda b: (b.y, b.x)):
        for r in rows:
            q = r[0]
            if min(p.y + p.h, q.y + q.h) - max(p.y, q.y) >= 0.5 * min(p.h, q.h):
                r.append(p)
                break
        else:
            rows.append([p])
    return [sorted(r, key=lambda b: b.x) for r in rows]


def _named(dark: np.ndarray, row: list[Box], below: int, alone: bool) -> Box | None:
    """The box of the one short line of ink centred under `row`, crossing a gutter between two of
    its pieces, first in the paper from the row's bottom to `below`; None when there is none or
    something else is there (a name under each piece, a second line). With `alone` False the band
    reaches into the top of the piece under the row, whose name line is then followed by `_GAP` rows
    of paper at least before the rest of that piece (the frame of the slide under it)."""
    x0, x1 = min(p.x for p in row), max(p.x + p.w for p in row)
    top, rh = max(p.y + p.h for p in row), max(p.h for p in row)
    if below - top < _LINE[0]:
        return None
    band = dark[top:below, x0:x1] < _INK
    lines = _true_runs(band.any(axis=1))
    if not lines or (alone and len(lines) != 1):
        return None
    a, b = lines[0]
    if len(lines) > 1 and lines[1][0] - b < _GAP:
        return None
    if not _LINE[0] <= b - a <= _LINE[1] * dark.shape[0] or a > _NEAR * rh:
        return None
    cols = np.flatnonzero(band[a:b].any(axis=0))
    c0, c1 = x0 + int(cols[0]), x0 + int(cols[-1]) + 1
    rw = x1 - x0
    if c1 - c0 > _WIDE * rw or abs((c0 + c1) / 2 - (x0 + x1) / 2) > _CENTRE * rw:
        return None
    if not any(c0 < q.x and c1 > p.x + p.w for p, q in zip(row, row[1:])):
        return None
    return Box(c0, top + a, c1 - c0, b - a)


def _rest(dark: np.ndarray, p: Box, name: Box) -> Box | None:
    """Piece `p` less the name line at its top (its ink from the first line under the name on), or
    None when nothing of it is left."""
    part = dark[name.y + name.h:p.y + p.h, p.x:p.x + p.w] < _INK
    rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
    if not len(rows):
        return None
    y = name.y + name.h + int(rows[0])
    return Box(p.x + int(cols[0]), y, int(cols[-1] - cols[0]) + 1, p.y + p.h - y)


def join_named_rows(img: np.ndarray, out: list[Box]) -> list[Box]:
    """The pieces with each row named by one line centred under it joined (with its name) into one,
    where `_ROWS` rows at least are named so; `out` itself otherwise."""
    if len(out) < 2 * _ROWS:
        return out
    rows = _rows(out)
    if sum(len(r) >= 2 for r in rows) < _ROWS:
        return out
    dark = darkest(img)
    joined: dict[int, Box] = {}
    cut: dict[int, Box | None] = {}   # a single piece under a named row, less the name at its top
    for k, row in enumerate(rows):
        if len(row) < 2:
            continue
        bottom = max(p.y + p.h for p in row)
        under = [r for r in rows[k + 1:] if any(p.y >= bottom for p in r)]
        nxt = under[0] if under else []
        into = len(nxt) == 1 and nxt[0].x <= row[0].x + _CENTRE * nxt[0].w \
            and nxt[0].x + nxt[0].w >= row[-1].x + row[-1].w - _CENTRE * nxt[0].w
        below = min([p.y for p in nxt] + [img.shape[0]])
        if into:
            below = min(below + int(_LINE[1] * 2 * img.shape[0]), nxt[0].y + nxt[0].h)
        name = _named(dark, row, below, not into)
        if name is None:
            continue
        box = row[0]
        for p in row[1:] + [name]:
            box = _union(box, p)
        joined[k] = box
        if into and name.y >= nxt[0].y:
            cut[rows.index(nxt)] = _rest(dark, nxt[0], name)
    if len(joined) < _ROWS:
        return out
    res: list[Box] = []
    for k, row in enumerate(rows):
        if k in cut:
            res.extend([cut[k]] if cut[k] is not None else [])
        else:
            res.extend([joined[k]] if k in joined else row)
    return res
