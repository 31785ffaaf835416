"""A photograph beside a line drawing is two panels, the drawing's parts one of them.

A set-up photographed beside its circuit (an apparatus, and the schematic of how it is wired) is a
layout of two panels. The XY-cut finds the photograph and cuts the drawing into its parts (boxes,
labels, a component), and the joins that follow make one piece of all of them: the drawing's parts
are minor beside the photograph, and its wires run up to the gutter. When the figure comes out as one
piece, a photograph among the layout's pieces with every other piece (none a photograph) on one side
of it, the two of a size (half the height, a quarter of the area of the other at least), is the
photograph and the drawing.
Its own module because it reads the layout's pieces against the one piece the joins made, which no
other step asks about."""

from __future__ import annotations

import numpy as np

from .gutters import Box
from .xycut import _photo_piece, _union_all

_TALL = 0.5    # the drawing at least this share of the photograph's height ...
_AREA = 0.25   # ... and of its area (its box)
_SLACK = 2     # pieces within this many pixels of the photograph's side are beside it


def photo_beside_drawing(img: np.ndarray, out: list[Box], pieces: list[Box]) -> list[Box] | None:
    """[photograph, drawing] (left to right) where `out` is one piece and the layout's `pieces` are
    one photograph (`xycut._photo_piece`) and, all on one side of it across the gutter, pieces that
    are no photograph, the smaller of the two boxes `_TALL` of the other's height and `_AREA` of its
    area at least; None otherwise."""
    if len(out) != 1 or len(pieces) < 2:
        return None
    photos = [p for p in pieces if _photo_piece(img, p)]
    if len(photos) != 1:
        return None
    p = photos[0]
    rest = [b for b in pieces if b is not p]
    right = all(b.x >= p.x + p.w - _SLACK for b in rest)
    left = all(b.x + b.w <= p.x + _SLACK for b in rest)
    if not (right or left):
        return None
    d = _union_all(rest)
    if min(d.h, p.h) < _TALL * max(d.h, p.h) or min(d.w * d.h, p.w * p.h) < _AREA * max(d.w * d.h, p.w * p.h):
        return None   # two panels of a size: not a colour key beside a plot, nor labels beside a photograph
    return [p, d] if right else [d, p]
