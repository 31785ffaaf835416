"""A plot's axes frame holds one panel: pieces cut inside one frame are joined again.

Plotting libraries (matplotlib, gnuplot, MATLAB) draw an image or a chart inside an axes frame: a
rectangle of dark lines with tick marks standing out of it, on its bottom or left side at least. What
the frame encloses is one plot, whatever is drawn inside it: an X-ray detector image shows its module
gaps as dark or bright lines right across it, a calibration plot draws rings and grid lines, a
reference line runs through a heat map. The gutter test reads such a line (uniform colour, edge to
edge of the plotting area) as a gutter and cuts the plot into strips. A gutter between panels never
runs inside a frame that has tick marks outside it; a frame round several photos (a border) has none,
so only a ticked frame joins its pieces.

Functions take an image and boxes and return boxes; no state."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import Box, channel_max

_DARK = 100         # a frame line's pixels: every channel under this (black or dark grey, antialiased)
_SIDE = 0.9         # a frame side: dark along this share of its length at least
_MIN_SIDE = 24      # a frame: at least this many pixels each way ...
_MIN_SHARE = 0.15   # ... and this share of the figure's width and height
_TICK_LEN = 2       # tick marks: dark for this many pixels outside the side at least ...
_TICK_W = 4         # ... each at most this wide ...
_TICKS = 3          # ... at least this many on the bottom or the left side ...
_TICK_GAP = 6       # ... at least this far apart
_INSIDE = 0.5       # a piece is inside a frame when this share of its area lies within it


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of the True runs of a 1-D mask."""
    d = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))


def _ticks(strip: np.ndarray) -> bool:
    """A strip just outside a frame side (lines across the side, the side's length along axis 1):
    at least `_TICKS` short marks, each at most `_TICK_W` wide and dark over `_TICK_LEN` lines, spaced
    apart, and dark nowhere else (a line or a neighbouring image touching the side is no tick row)."""
    if strip.shape[0] < _TICK_LEN:
        return False
    marks = strip[:_TICK_LEN].all(axis=0)
    runs = _runs(marks)
    if len(runs) < _TICKS or any(e - s > _TICK_W for s, e in runs):
        return False
    if strip[0].sum() > marks.sum() + 2 * len(runs):   # dark beyond the marks: not a tick row
        return False
    starts = [s for s, _ in runs]
    return min(b - a for a, b in zip(starts, starts[1:])) >= _TICK_GAP


def ticked_frames(img: np.ndarray) -> list[Box]:
    """Axes frames of the figure: rectangles of dark lines (`_SIDE` of each side dark), at least
    `_MIN_SIDE` pixels and `_MIN_SHARE` of the figure each way, with tick marks outside the bottom or
    the left side. The box is the frame's inside (its lines excluded)."""
    H, W = img.shape[:2]
    dark = (channel_max(img) < _DARK) if img.ndim == 3 else (img < _DARK)
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark.view(np.uint8), connectivity=8)
    out: list[Box] = []
    lo_w, lo_h = max(_MIN_SIDE, _MIN_SHARE * W), max(_MIN_SIDE, _MIN_SHARE * H)
    for x, y, w, h, _a in stats[1:]:
        if w < lo_w or h < lo_h or (w >= W - 2 and h >= H - 2):
            continue
        d = dark[y:y + h, x:x + w]
        rows = np.flatnonzero(d.mean(axis=1) >= _SIDE)
        cols = np.flatnonzero(d.mean(axis=0) >= _SIDE)
        if len(rows) < 2 or len(cols) < 2:
            continue
        t, b, l, r = y + rows[0], y + rows[-1], x + cols[0], x + cols[-1]
        if b - t < lo_h or r - l < lo_w:
            continue
        if not (dark[t, l:r + 1].mean() >= _SIDE and dark[b, l:r + 1].mean() >= _SIDE
                and dark[t:b + 1, l].mean() >= _SIDE and dark[t:b + 1, r].mean() >= _SIDE):
            continue
        below = dark[b + 1:b + 1 + _TICK_LEN, l + 1:r]
        left = dark[t + 1:b, max(0, l - _TICK_LEN):l][:, ::-1].T
        if _ticks(below) or _ticks(left):
            out.append(Box(int(l + 1), int(t + 1), int(r - l - 1), int(b - t - 1)))
    return out


def _inside(p: Box, f: Box) -> bool:
    ix = min(p.x + p.w, f.x + f.w) - max(p.x, f.x)
    iy = min(p.y + p.h, f.y + f.h) - max(p.y, f.y)
    return ix > 0 and iy > 0 and ix * iy >= _INSIDE * p.w * p.h


def join_in_frames(img: np.ndarray, pieces: list[Box]) -> list[Box]:
    """Pieces lying mostly inside one ticked axes frame (`ticked_frames`) joined into one (their
    union: the plot with its title and tick labels). The same list when no frame holds two pieces."""
    if len(pieces) < 2:
        return pieces
    frames = ticked_frames(img)
    out = list(pieces)
    for f in frames:
        inner = [p for p in out if _inside(p, f)]
        if len(inner) < 2:
            continue
        x0 = min(p.x for p in inner)
        y0 = min(p.y for p in inner)
        x1 = max(p.x + p.w for p in inner)
        y1 = max(p.y + p.h for p in inner)
        out = [p for p in out if p not in inner] + [Box(x0, y0, x1 - x0, y1 - y0)]
    return out if len(out) < len(pieces) else pieces
