"""A band of a picture's own colour is no gutter: pieces parted by a flat band that stops where they
stop, with the figure's paper beyond both its ends, are one picture.

The XY-cut takes any flat band of rows (columns) for a gutter, whatever its colour, so a book cover's
plain stretch between its title and its picture, or a black band across a poster, cuts the picture in
two. A gutter between panels is the figure's ground: on a white page it is white, and where panels sit
on a tinted card or a dark ground the tint runs on past the panels to the card's or figure's edge. A
band of another colour than the paper that runs exactly across the two pieces, with paper right past
both its ends, belongs to the picture the two pieces make. Its own module because it reads the band
between two pieces against the paper around them, which no other step asks about."""

from __future__ import annotations

import numpy as np

from .gutters import Box
from .pairs import join_while

_PAPER = 240     # paper: every channel at least this
_GAP = 0.05      # the band at most this share of the figure's side (0: pieces that meet)
_SHARE = 0.8     # the pieces overlap across the band on this share of the narrower one
_TONE = 14       # a band pixel within this of the band's median colour (any channel: print, JPEG) ...
_FLAT = 0.9      # ... on this share of each of its lines across the pieces
_DARKER = 235    # the band's tone: some channel under this (no paper)
_BEYOND = (3, 8)  # paper along this many (the second less the first) columns past each end of the band ...
_BEYOND_SHARE = 0.9  # ... on this share of those pixels (each column)
_REACH = 0.03    # the band may run on past the pieces by this share of the figure's width at most


def _band_of(img: np.ndarray, a: Box, b: Box) -> bool:
    """Whether a and b (b under a) are parted by a flat non-paper band (or meet inside one) that runs
    across both and stops at their sides with paper beyond (`_BEYOND`)."""
    H, W = img.shape[:2]
    x0, x1 = min(a.x, b.x), max(a.x + a.w, b.x + b.w)
    y0, y1 = a.y + a.h, b.y
    if y1 - y0 > _GAP * H or min(a.x + a.w, b.x + b.w) - max(a.x, b.x) < _SHARE * min(a.w, b.w):
        return False
    if y1 - y0 < 2:
        y0, y1 = max(0, y0 - 2), min(H, y1 + 2)
    if y1 <= y0:
        return False
    mid = img[(y0 + y1) // 2, x0:x1, :3]
    if float((mid.min(axis=1) >= _DARKER).mean()) > 1 - _FLAT:
        return False   # a paper gutter (most are): no band of a picture's colour
    band = img[y0:y1, x0:x1, :3].astype(np.int16)
    tone = np.median(band.reshape(-1, 3), axis=0)
    if tone.min() >= _DARKER:
        return False
    near = (np.abs(band - tone).max(axis=2) <= _TONE).mean(axis=1)
    if near.min() < _FLAT:
        return False
    # the band may run on a little past the pieces (a picture's plain edge the cut left out); then paper
    reach = max(_BEYOND[1], int(_REACH * W))
    row = img[y0:y1, max(0, x0 - reach - _BEYOND[1]):min(W, x1 + reach + _BEYOND[1]), :3].astype(np.int16)
    start = x0 - max(0, x0 - reach - _BEYOND[1])
    on = (np.abs(row - tone).max(axis=2) <= _TONE).mean(axis=0) >= _FLAT
    paper = (row.min(axis=2) >= _PAPER).mean(axis=0) >= _BEYOND_SHARE
    left = start - 1
    while left >= 0 and on[left] and start - left <= reach:
        left -= 1
    right = start + (x1 - x0)
    while right < len(on) and on[right] and right - start - (x1 - x0) < reach:
        right += 1
    lo, hi = left - _BEYOND[1] + _BEYOND[0], right + _BEYOND[1] - _BEYOND[0]
    return lo >= 0 and hi <= len(on) and bool(paper[lo:left + 1].all()) and bool(paper[right:hi].all())


def _turn(b: Box) -> Box:
    return Box(b.y, b.x, b.h, b.w)


def join_bands(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with pieces one above the other (or side by side) parted by a band of a picture's own
    colour (`_band_of`) joined: one picture cut at its own plain stretch."""
    if len(out) < 2 or img.ndim != 3:
        return out
    turned = img.transpose(1, 0, 2)

    H, W = img.shape[:2]

    def one(a: Box, b: Box) -> bool:
        down, across = b.y - (a.y + a.h), b.x - (a.x + a.w)   # the gap first: most pairs are not neighbours
        if -2 <= down <= _GAP * H and _band_of(img, a, b):
            return True
        return -2 <= across <= _GAP * W and _band_of(turned, _turn(a), _turn(b))

    return join_while(out, one)
