"""Pieces of one binary mask on its black field are one picture; the field's edges part the pictures.

Its own module because it is one step of `split_panels` with one job (see `join_binary_fields`).

Why: a binary mask (a thresholded image: white blobs on black, nothing between) has black between
its blobs, and the gutter test takes any even tone for a gutter, so one mask is cut between its rows
and groups of blobs (set 37's `vp_fill`: coins before and after hole filling, the left mask in five
pieces). Where masks stand side by side, what parts them is their black field's extent: each mask's
black runs over its own rows, and down the figure's columns that extent steps from one mask to the
next (the left mask's black full height, the right one's a band with the page's white over and under
it). So the columns are grouped into runs of one extent (a field each, its rows and columns a
rectangle, black in every row of it), and the pieces lying in one field are one picture. Asked only where the figure is all
but pure black and white (a micrograph's dark field has grain and grey levels; a photograph's black
ground has shading) and where two fields at least stand side by side with different extents (one
field over the whole figure says nothing of where masks part: a grid of masks on a black page).

Cheap: it needs three pieces at least and reads a histogram of the grey view before anything else."""

from __future__ import annotations

import numpy as np

from .figure import grey_view
from .gutters import Box
from .xycut import _union_all

_PIECES = 3       # pieces cut, at least
_BLACK = 30       # black: a grey this dark at most ...
_WHITE = 225      # ... white this light at least ...
_PURE = 0.93      # ... the two together on this share of the figure at least (blobs' edges smoothed) ...
_DARK = 0.3       # ... black on this share at least
_STEP = 0.03      # a field's extent: its first and last black row within this share of the height of the run's ...
_FIELD = 0.15     # ... over a run of columns this share of the width at least (a field)
_SLACK = 0.02     # ... columns off the extent in runs of at most this share of the width (a blob at the edge)
_ROW_BLACK = 0.1  # ... black on this share of each of its rows at least (a mask's ground runs between its blobs;
                  # pictures stacked have a white gutter between them, their titles printed on it)
_INSIDE = 0.9     # a piece in a field: this share of its area inside the field's rectangle


def _fields(dark: np.ndarray) -> list[tuple[int, int, int, int]]:
    """(x0, x1, y0, y1) of each field: a run of columns whose black starts and ends on the same rows."""
    h, w = dark.shape
    has = dark.any(axis=0)
    first = np.where(has, dark.argmax(axis=0), -1)
    last = np.where(has, h - 1 - dark[::-1].argmax(axis=0), -1)
    tol, slack = max(2, int(_STEP * h)), max(2, int(_SLACK * w))
    fields = []
    x = 0
    while x < w:
        if first[x] < 0:
            x += 1
            continue
        f, l, end, miss = int(first[x]), int(last[x]), x + 1, 0
        for k in range(x + 1, w):
            if first[k] >= 0 and abs(int(first[k]) - f) <= tol and abs(int(last[k]) - l) <= tol:
                end, miss = k + 1, 0
            else:
                miss += 1
                if miss > slack:
                    break
        if end - x >= _FIELD * w and float(dark[f:l + 1, x:end].mean(axis=1).min()) >= _ROW_BLACK:
            fields.append((x, end, f, l + 1))
        x = max(end, x + 1)
    return fields


def join_binary_fields(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with the pieces lying in one binary mask's black field joined into one (see the module's
    docstring); `out` itself where the figure is no set of masks side by side."""
    if len(out) < _PIECES:
        return out
    grey, step = grey_view(img)
    some = grey[::2, ::2]   # the gate's shares, read on every 4th pixel
    hist = np.bincount(some.ravel(), minlength=256)
    n = some.size
    if hist[:_BLACK + 1].sum() < _DARK * n or hist[:_BLACK + 1].sum() + hist[_WHITE:].sum() < _PURE * n:
        return out
    fields = _fields(grey <= _BLACK)
    if len(fields) < 2 or len({(y0, y1) for _, _, y0, y1 in fields}) < 2:
        return out
    groups: dict[int, list[Box]] = {}
    rest = []
    for p in out:
        x0, x1, y0, y1 = p.x // step, (p.x + p.w) // step, p.y // step, (p.y + p.h) // step
        area = max(1, (x1 - x0) * (y1 - y0))
        home = next((i for i, (a, b, c, d) in enumerate(fields)
                     if max(0, min(x1, b) - max(x0, a)) * max(0, min(y1, d) - max(y0, c)) >= _INSIDE * area), None)
        if home is None:
            rest.append(p)
        else:
            groups.setdefault(home, []).append(p)
    if all(len(g) < 2 for g in groups.values()):
        return out
    H, W = img.shape[:2]
    joined = []
    for i, g in groups.items():   # the whole field is the picture (blobs the cut left out are in it too)
        x0, x1, y0, y1 = fields[i]
        field = Box(x0 * step, y0 * step, min(W, x1 * step) - x0 * step, min(H, y1 * step) - y0 * step)
        joined.append(_union_all(g + [field]) if len(g) >= 2 else g[0])
    return rest + joined
