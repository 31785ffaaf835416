"""Equal plots stacked with only their tick labels between them, their ticks pointing into their
frames, are cut between the frames as the frame rule cuts plots whose ticks point out.

Its own module because it is one step of `split_panels` with one job (see `split_inward_frames`).

Why: the frame rule (`axes.cut_between_frames`) cuts a piece holding a grid of equal ticked axes
frames between them: the gutter test leaves such plots one piece where a tick label pokes across
the 2-3 pixel gap between them. It finds frames by their tick marks outside the bottom or the left
side (`axes.ticked_frames`), which is how matplotlib draws them since 2.0. Older matplotlib
(the classic style), gnuplot and MATLAB draw the ticks inside the frame instead, so stacked
histograms in the classic style (set 37's `cv_normappr`, three histograms, the first two one piece)
have no frame to that rule. The same marks stand inside: short dark marks on the inner side of the
left (or the bottom) side, spaced apart, and the strip just inside that side dark nowhere else (a
histogram's bars standing on the bottom side fill it; its left side is clear). The cut itself is
`axes.cut_between_frames`'s: only frames of one size lined up in a full grid, cut on the longest
run of background lines between them.

Cheap: nothing is read unless `split_panels` read the figure's dark parts (a figure on a light
margin) and a piece holds two frame-sized components of them (`frame_parts.held_twice`); then
only those components, a few, and two thin strips of each."""

from __future__ import annotations

import numpy as np

from .axes import _MIN_SHARE, _MIN_SIDE, _SIDE, _TICK_LEN, _frame_sized, _ticks, cut_between_frames
from .frame_parts import held_twice
from .gutters import Box


def inward_frames(img: np.ndarray, parts: tuple) -> list[Box]:
    """Axes frames whose ticks stand inside them: rectangles of dark lines (`axes._SIDE` of each
    side dark), sized as `axes.ticked_frames` asks, with tick marks (`axes._ticks`) on the inner side
    of the left or the bottom side. Boxes are the frames' insides. `parts`: `axes.dark_parts(img)`."""
    H, W = img.shape[:2]
    dark, stats = parts
    lo_w, lo_h = max(_MIN_SIDE, _MIN_SHARE * W), max(_MIN_SIDE, _MIN_SHARE * H)
    out: list[Box] = []
    for x, y, w, h, _a in _frame_sized(stats, lo_w, lo_h, W, H):
        d = dark[y:y + h, x:x + w].view(np.uint8)   # (sums of bytes: a bool mean is slower)
        rows = np.flatnonzero(d.sum(axis=1, dtype=np.int32) >= _SIDE * w)
        cols = np.flatnonzero(d.sum(axis=0, dtype=np.int32) >= _SIDE * h)
        if len(rows) < 2 or len(cols) < 2:
            continue
        t, b, l, r = (int(v) for v in (y + rows[0], y + rows[-1], x + cols[0], x + cols[-1]))
        if b - t < lo_h or r - l < lo_w:
            continue
        sides = (dark[t, l:r + 1], dark[b, l:r + 1], dark[t:b + 1, l], dark[t:b + 1, r])
        if any(s.mean() < _SIDE for s in sides):
            continue
        left = dark[t + 1:b, l + 1:l + 1 + _TICK_LEN].T
        bottom = dark[b - _TICK_LEN:b, l + 1:r][::-1]
        if _ticks(left) or _ticks(bottom):
            out.append(Box(l + 1, t + 1, r - l - 1, b - t - 1))
    return out


def split_inward_frames(img: np.ndarray, out: list[Box], parts: tuple | None) -> list[Box]:
    """Pieces holding a grid of equal frames ticked inside cut between them (see the module); `out`
    itself where none is, or where the figure's dark parts were not read (`parts` None)."""
    if parts is None or not out or not held_twice(img, out, parts):
        return out
    frames = inward_frames(img, parts)
    if len(frames) < 2:
        return out
    return cut_between_frames(img, out, frames)
