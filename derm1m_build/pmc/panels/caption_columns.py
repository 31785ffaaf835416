"""The pieces over one sub-caption line, in its column, are the parts of the one panel it names.

Its own module because it is one step of `split_panels` with one job (see `join_over_captions`).

Why: a LaTeX figure of subfigures names each by a line under it, "(a) GRO-seq with called
transcripts", "(b) 2-state HMM", set flush left under its subfigure or centred. A subfigure made
of stacked parts (a genome browser's tracks, each with its own bracket and name; a plot over its
legend) has paper between them and the XY-cut cuts it into its parts (set 36's `gh_calling`: four
pieces for two subfigures). The lines themselves say how many panels there are and where: one
row of them under the figure, each line starting its column. Every piece lies over the row in
one column, between its line's start and the next line's; the pieces of one column, with their
line, are one panel. `charts._label_cut` cuts pieces holding two lines or more into panels centred
over their lines; this step joins, and only where each column's pieces start at its line (flush
left) or are centred over it, and every column holds one piece at least.

Cheap: it needs three pieces at least, two of them ending at the figure's foot (each column's
lowest piece holds its line), and paper along the foot before it looks for
sub-caption lines (`charts._label_lines`, which reads only lines of print between blank rows)."""

from __future__ import annotations

import numpy as np

from .charts import _UNDER_LABEL_H, _label_lines
from .gutters import Box, _union, channel_min

_FOOT = 0.8      # the figure's last two rows: this share paper (darkest channel 230 or over) at least
_LOW = 0.1       # a column's lowest piece (holding its line) ends within this share of the height of the foot
_ALIGN = 0.015   # a column's parts start at their line's start, or are centred on its middle, within this
                 # share of the figure's width (4 px at least)


def join_over_captions(img: np.ndarray, out: list[Box]) -> list[Box]:
    """One panel per sub-caption line of the figure's last row of them, made of the pieces over it in
    its column and the line; `out` itself where the pieces do not fall into such columns."""
    if len(out) < 3:
        return out
    H = img.shape[0]
    if sum(p.y + p.h >= (1 - _LOW) * H for p in out) < 2:
        return out   # each column's lowest piece holds its line, at the figure's foot: two columns at least
    foot = img[-2:]
    if float(((channel_min(foot) if foot.ndim == 3 else foot) >= 230).mean()) < _FOOT:
        return out
    labs = sorted(_foot_lines(img), key=lambda b: b[0])
    if len(labs) < 2 or len(labs) >= len(out):
        return out
    h = max(b[3] for b in labs)
    top = min(b[1] for b in labs)
    if max(b[1] for b in labs) - top > h / 2:
        return out   # not one row of lines
    W = img.shape[1]
    tol = max(4.0, _ALIGN * W)
    starts = [b[0] for b in labs] + [W + tol]
    cols: list[list[Box]] = [[] for _ in labs]
    for p in out:
        if p.y + p.h > top + h + 2:
            return out   # a piece reaching under the lines
        k = [i for i in range(len(labs)) if starts[i] - tol <= p.x and p.x + p.w <= starts[i + 1] + tol]
        if len(k) != 1:
            return out
        cols[k[0]].append(p)
    if not all(cols):
        return out
    res = []
    for lab, parts in zip(labs, cols):
        u = Box(*lab)
        for p in parts:
            u = _union(u, p)
        x0 = min(p.x for p in parts)
        x1 = max(p.x + p.w for p in parts)
        if abs(x0 - lab[0]) > tol and abs((x0 + x1) / 2 - (lab[0] + lab[2] / 2)) > tol:
            return out
        res.append(u)
    return res


def _foot_lines(img: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The sub-caption lines (`charts._label_lines`) of the figure's foot, where the row this step
    needs must lie (two pieces end within `_LOW` of the height of the foot, and no piece reaches under
    the row): read on that band alone when the figure is no taller than wide (a line's size is
    measured against the longer side, the width either way), else on the whole figure."""
    H, W = img.shape[:2]
    if H > W:
        return _label_lines(img)
    y0 = max(0, int((1 - _LOW) * H) - 2 - int(_UNDER_LABEL_H[1] * W) - 8)
    return [(x, y + y0, w, h) for x, y, w, h in _label_lines(img[y0:])]
