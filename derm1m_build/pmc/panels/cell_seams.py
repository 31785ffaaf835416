"""A raster of square cells cut along one of its own cell lines is one picture.

Its own module because it is one step of `split_panels` with one job (see `join_cell_seams`).

Why: where no gutter parts two pieces the layout cuts at a straight edge across which nearly every
pixel changes (`gutters._edge_cuts`). A map drawn as coarse square cells (an EDS element map, a heat
map of counts: set 39's `ex_maps`, its left map cut in two) has such a line between every two
columns of cells, and the one the cut takes is only the strongest of them. A seam between two
photographs set edge to edge is a line like no other near it. So: where the lines a few cells
either side of the cut hold, on both sides, lines as strong (a share of the cut's own cover) at one
even spacing (a cell's width, give or take a pixel of the scaling), with the cut on the same
spacing, the cut is one of the raster's cell lines, no seam. A window's frame lines come in
adjacent pairs (a bevel), an outline once: neither repeats at one pitch on both sides.

Cheap: it reads only pieces touching each other (no paper line between them), a band of a few
dozen lines round each cut."""

from __future__ import annotations

import numpy as np

from .gutters import Box
from .pair_joins import join_pairs
from .through_seam import _seam

_EDGE = 24        # a change: neighbouring pixels differing by more than this (any channel)
_REACH = 14       # the lines read: this many either side of the cut
_AS_STRONG = 0.6  # a cell line: its cover (share of pixels changing) this share of the cut's at least ...
_LEAST = 0.3      # ... and this much at least
_LINES = 3        # ... this many such lines on each side ...
_PITCH = (3, 12)  # ... at one spacing: neighbouring lines this far apart ...
_EVEN = 1         # ... the spacings (the cut's to its neighbours too) within this of each other


def join_cell_seams(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with pieces joined across cuts that are a cell raster's own lines (see the module's
    docstring); `out` itself where none is."""
    if len(out) < 2 or img.ndim != 3:
        return out

    def together(a: Box, b: Box, boxes: list[Box]) -> bool:
        seam = _seam(a, b)
        return seam is not None and _cell_line(img, *seam)

    return join_pairs(out, together)


def _cell_line(img: np.ndarray, axis: int, at: int, s0: int, s1: int) -> bool:
    """Whether the cut at `at` is one of evenly spaced lines of change on both of its sides."""
    n = img.shape[1] if axis == 1 else img.shape[0]
    lo, hi = at - _REACH - 1, at + _REACH
    if lo < 0 or hi >= n:
        return False
    band = img[s0:s1, lo:hi + 1, :3] if axis == 1 else img[lo:hi + 1, s0:s1, :3].transpose(1, 0, 2)
    change = np.abs(np.diff(band.astype(np.int16), axis=1)).max(axis=2) > _EDGE
    cover = change.mean(axis=0)            # cover[i]: the change between lines lo + i and lo + i + 1
    cut = at - 1 - lo                       # the change across the cut (between at - 1 and at)
    near = cover[max(0, cut - 1):cut + 2]
    top = float(near.max())
    if top < _LEAST:
        return False
    cut = max(0, cut - 1) + int(np.argmax(near))
    strong = np.flatnonzero((cover >= max(_LEAST, _AS_STRONG * top)))
    before, after = strong[strong < cut - 1], strong[strong > cut + 1]
    if len(before) < _LINES or len(after) < _LINES:
        return False
    lines = np.concatenate([before[-_LINES:], [cut], after[:_LINES]])
    gaps = np.diff(lines)
    return bool(gaps.min() >= _PITCH[0] and gaps.max() <= _PITCH[1] and gaps.max() - gaps.min() <= _EVEN)
