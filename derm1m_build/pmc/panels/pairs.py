"""Joining pieces two at a time until no pair is left to join, for the rules that say of two pieces
whether they are one (`faces.join_cut_faces`, `bands.join_bands`). Its own module so that each rule
keeps only its test."""

from __future__ import annotations

from typing import Callable

from .gutters import Box, _union


def join_while(out: list[Box], one: Callable[[Box, Box], bool]) -> list[Box]:
    """`out` with the first ordered pair (a, b) for which `one(a, b)` holds replaced by their union
    (first in the list), again until no pair holds."""
    out = list(out)
    while True:
        hit = next(((a, b) for a in out for b in out if a is not b and one(a, b)), None)
        if hit is None:
            return out
        a, b = hit
        out = [_union(a, b)] + [x for x in out if x is not a and x is not b]
