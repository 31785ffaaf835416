"""A slide between its own dark header and footer bands (a talk's frame, a video player's still) is one picture.

Its own module because it is one step of `split_panels` with one job (see `slide_frame`).

Why: a slide shows its plots on a light ground between a dark title band along its top edge and a dark footer
band along its bottom edge (a template's bands, or a player's control bar laid over the frame); the gutter test
cuts the plots apart and keeps the bands as pieces of their own (set 41's `pt_video`: five pieces). A figure of
panels has no dark band along both its top and its bottom edge over the whole width with a light ground between
them reaching both sides: a figure on a black ground runs its black down the sides too, photographs running to the
edges leave no light ground at the sides, and a grey window's chrome is `split._app_window`'s.

Cheap: it reads the view's first and last rows and its two outermost columns, and needs two pieces at least."""

from __future__ import annotations

import numpy as np

from .gutters import _MAX_SIDE

_DARK = 110          # a band's pixel: its brightest channel under this ...
_FULL = 0.95         # ... along this share of the edge row at least (the band runs the whole width) ...
_ROW = 0.6           # ... and of each of the band's rows (a title's light words take the rest) ...
_TALL = (0.04, 0.2)  # ... the band this share of the height tall
_LIGHT = 200         # the ground between the bands: every channel this light at least ...
_SIDES = 0.75        # ... along this share of each outermost column between the bands (a logo may touch a side)


def _band(rows: np.ndarray) -> int:
    """How many rows from the edge (`rows` run inward from it) are a dark band's (0 when the edge row is not one)."""
    if float(rows[0].mean()) < _FULL:
        return 0
    share = rows[: int(_TALL[1] * len(rows)) + 2].mean(axis=1)
    low = np.flatnonzero(share < _ROW)
    return int(low[0]) if len(low) else len(share)


def slide_frame(img: np.ndarray, pieces: int) -> bool:
    """Whether the figure is one slide (see the module's docstring): dark bands (`_DARK`) along the whole top and
    bottom edges, each `_TALL` of the height, and between them a light ground (`_LIGHT`) along both outermost
    columns. `pieces`: how many pieces the gutter split found (one needs no joining)."""
    if pieces < 2 or img.ndim != 3:
        return False
    H, W = img.shape[:2]
    step = max(1, max(H, W) // _MAX_SIDE)
    h = -(-H // step)
    depth = int(_TALL[1] * h) + 2
    if h < 40:
        return False
    top = img[:depth * step:step, ::step, :3].max(axis=2) < _DARK
    a = _band(top)
    if not _TALL[0] * h <= a <= _TALL[1] * h:
        return False
    bottom = img[::-1][:depth * step:step, ::step, :3].max(axis=2) < _DARK
    b = _band(bottom)
    if not _TALL[0] * h <= b <= _TALL[1] * h:
        return False
    sides = img[a * step:H - b * step:step, [0, W - 1], :3].min(axis=2) >= _LIGHT
    return bool(sides.shape[0] and sides.mean(axis=0).min() >= _SIDES)
