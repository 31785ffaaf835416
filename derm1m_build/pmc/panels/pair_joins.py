"""Joining pieces two at a time while a rule says two belong together: the loop several join steps share.

Its own module because two steps (`tint_gaps`, `through_seam`) join pairs the same way and differ only
in the rule that asks whether a pair is one panel."""

from __future__ import annotations

from typing import Callable

from .gutters import Box, _union
from .nested import absorb_nested


def join_pairs(out: list[Box], together: Callable[[Box, Box, list[Box]], bool]) -> list[Box]:
    """`out` with every pair of pieces `together(a, b, pieces)` accepts joined into their union, pair by
    pair until no pair is left (a union may pair with a further piece), and pieces then lying inside
    a union absorbed (`nested.absorb_nested`); `out` itself where no pair is accepted."""
    boxes = list(out)
    joined = True
    while joined and len(boxes) >= 2:
        joined = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                if together(a, b, boxes):
                    boxes = [o for k, o in enumerate(boxes) if k not in (i, j)] + [_union(a, b)]
                    joined = True
                    break
            if joined:
                break
    if len(boxes) == len(out):
        return out
    return absorb_nested(boxes)
