"""Frames of one size set in a row at one pitch, parted by thin rules: a piece spanning two or more
pitches is as many frames where the rule runs on at the pitch.

Its own module because it is one step of `split_panels` with one job (see `split_rule_pitch`).

Why: a strip of exposures of one scene (set 39's `ch_radiance`: five photographs from EV 0 to EV -8,
edge to edge in a dark-framed strip) is parted by one-pixel black rules. The gutter test takes a
one-pixel line only where its colour differs from both sides; between the two darkest exposures the
rule is as dark as the pictures beside it, so the last two frames come out as one piece twice the
others' width. The layout itself tells where the frame must be: the other pieces repeat at one pitch,
and the wide piece spans a whole number of pitches. Where a column at each pitch inside it (within
`_NEAR` pixels) is the rules' own colour down the piece's whole height, it is the rule, and the piece
is cut there. A picture's own straight edge is neither exactly at the pitch nor of one colour from top
to bottom.

Cheap: it reads only figures with three pieces or more in one row band (the same top and height),
and only the few columns at the expected cuts."""

from __future__ import annotations

import numpy as np

from .gutters import Box

_SAME = 3        # pieces of one row band: top and height within this many pixels
_PITCH = 0.03    # widths (and pitches) within this share of the pitch: one size
_NEAR = 3        # the rule looked for within this many pixels of the pitch
_FLAT = 12       # a rule's column: each channel within this of the rule's colour ...
_RUN = 0.97      # ... on this share of the piece's rows at least
_MOST = 4        # a piece spans this many pitches at most


def _rule_colour(img: np.ndarray, x: int, y0: int, y1: int) -> np.ndarray | None:
    """The colour of column x over rows y0..y1 when it is one colour there (`_FLAT`, `_RUN`), else None."""
    col = img[y0:y1, x].reshape(y1 - y0, -1).astype(np.int16)
    mid = np.median(col, axis=0)
    if float((np.abs(col - mid).max(axis=1) <= _FLAT).mean()) < _RUN:
        return None
    return mid


def _rule_near(img: np.ndarray, x: int, y0: int, y1: int, colour: np.ndarray | None) -> tuple[int, np.ndarray] | None:
    """The column within `_NEAR` of x that is one colour down rows y0..y1 (that colour, when given), and its colour."""
    W = img.shape[1]
    for dx in sorted(range(-_NEAR, _NEAR + 1), key=abs):
        c = x + dx
        if not 0 < c < W - 1:
            continue
        got = _rule_colour(img, c, y0, y1)
        if got is not None and (colour is None or float(np.abs(got - colour).max()) <= _FLAT):
            return c, got
    return None


def _band_cuts(img: np.ndarray, band: list[Box]) -> dict[Box, list[int]]:
    """The cut columns of each wide piece of one row band (see the module)."""
    band = sorted(band, key=lambda b: b.x)
    pitch = float(np.median([b.w for b in band]))
    regular = [b for b in band if abs(b.w - pitch) <= _PITCH * pitch]
    if len(regular) < 2 or len(regular) == len(band):
        return {}
    steps = [b.x - a.x for a, b in zip(band, band[1:]) if a in regular]
    if not steps or any(abs(s - pitch) > _PITCH * pitch for s in steps):
        return {}
    y0, y1 = min(b.y for b in band), max(b.y + b.h for b in band)
    colour = None
    for a, b in zip(band, band[1:]):
        if a in regular:
            got = _rule_near(img, a.x + a.w - 1, y0, y1, colour)
            if got is None:
                return {}   # regular frames parted by something else than one rule colour
            colour = got[1]
    cuts: dict[Box, list[int]] = {}
    for p in band:
        if p in regular:
            continue
        k = round(p.w / pitch)
        if not 2 <= k <= _MOST or abs(p.w - k * pitch) > _PITCH * p.w:
            return {}
        at = []
        for j in range(1, k):
            got = _rule_near(img, p.x + round(j * pitch), y0, y1, colour)
            if got is None:
                return {}
            at.append(got[0])
        cuts[p] = at
    return cuts


def split_rule_pitch(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Each piece of a row band of frames at one pitch that spans several pitches, cut at the rules
    running on at the pitch inside it (see the module); `out` itself where none is."""
    if len(out) < 3:
        return out
    bands: list[list[Box]] = []
    for b in sorted(out, key=lambda b: (b.y, b.x)):
        for band in bands:
            if abs(band[0].y - b.y) <= _SAME and abs(band[0].h - b.h) <= _SAME:
                band.append(b)
                break
        else:
            bands.append([b])
    res = list(out)
    for band in bands:
        if len(band) < 3:
            continue
        for p, at in _band_cuts(img, band).items():
            xs = [p.x, *at, p.x + p.w]
            res.remove(p)
            res.extend(Box(a, p.y, b - a, p.h) for a, b in zip(xs, xs[1:]))
    return res if len(res) != len(out) else out
