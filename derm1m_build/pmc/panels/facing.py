"""Two pieces facing each other across a narrow gutter, one over the other or side by side: the pairs
a join that reads the rows along the gutter asks about (`stems.join_stems`, `dashes.join_dashes`).

Its own module because both joins walk the same pairs the same way: pieces side by side are read as
pieces one over the other on the transposed figure (a tree at a map's left side is a tree over it,
turned), so each join tests one direction only."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .figure import darkest
from .gutters import Box, _union


def _turned(boxes: list[Box]) -> list[Box]:
    return [Box(b.y, b.x, b.h, b.w) for b in boxes]


def join_facing(img: np.ndarray, out: list[Box], gap: Callable[[int], int],
                joins: Callable[[np.ndarray, Box, Box], bool]) -> list[Box]:
    """`out` with every two pieces joined (their union box, then asked again with the others) where
    piece b lies under piece a at most `gap(side)` pixels away (0 included; `side` the figure's
    height, or its width when turned) and `joins(low, a, b)` holds (`low`: the figure's darkest
    channel, transposed for pieces side by side); the same list when none. The pixels are read only
    for pairs the boxes allow."""
    if len(out) < 2:
        return out
    H, W = img.shape[:2]
    low = None
    boxes = list(out)
    for turn in (False, True):
        boxes = _turned(boxes) if turn else boxes
        most = gap(W if turn else H)
        joined = True
        while joined and len(boxes) >= 2:
            joined = False
            for a in boxes:
                for b in boxes:
                    if a is b or not 0 <= b.y - (a.y + a.h) <= most:
                        continue
                    if low is None:
                        low = darkest(img)
                    if joins(low.T if turn else low, a, b):
                        boxes = [c for c in boxes if c is not a and c is not b] + [_union(a, b)]
                        joined = True
                        break
                if joined:
                    break
        boxes = _turned(boxes) if turn else boxes
    return out if len(boxes) == len(out) else boxes
