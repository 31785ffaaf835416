"""Whether some piece holds two frame-sized dark components: the gate of the steps that cut a piece
between its axes frames (`lettered_frames`, `inward_frames`).

Its own module because two steps ask it, and it is one question.

Why: both steps read the frames of the figure (rectangles of dark lines, and their tick marks) and
cut a piece only where it holds two frames or more. A frame is one connected dark component (its
four sides and its ticks), at least as large as `axes.ticked_frames` asks, and the piece holding
it holds its component's box (the tick marks with it; the pieces keep their tick labels). So
where no piece holds two such components' boxes, no piece holds two frames, and nothing need be
read: the components' table (`axes.dark_parts`, read once a split) answers it in a few array
comparisons."""

from __future__ import annotations

import numpy as np

from .axes import _MIN_SHARE, _MIN_SIDE, _frame_sized
from .gutters import Box

_SLACK = 2          # a component's box may stand this many pixels out of the piece


def held_twice(img: np.ndarray, out: list[Box], parts: tuple) -> bool:
    """Whether a piece of `out` holds the boxes of two frame-sized dark components of `parts`
    (`axes.dark_parts(img)`) or more."""
    H, W = img.shape[:2]
    st = _frame_sized(parts[1], max(_MIN_SIDE, _MIN_SHARE * W), max(_MIN_SIDE, _MIN_SHARE * H), W, H)
    if len(st) < 2:
        return False
    x, y, w, h = st[:, 0], st[:, 1], st[:, 2], st[:, 3]
    for p in out:
        inside = (x >= p.x - _SLACK) & (y >= p.y - _SLACK) & (x + w <= p.x + p.w + _SLACK) & (y + h <= p.y + p.h + _SLACK)
        if np.count_nonzero(inside) >= 2:
            return True
    return False
