"""Framed panels set close: a thin band of paper right through a piece, with a frame line along each
side of it, parts two framed panels.

Panels drawn in frames (rounded cards, boxed views) may be set a few pixels apart, too close for a
gutter the XY-cut takes at the figure's size, and the figure comes out as one piece. A band of paper
that runs through the whole piece with a frame line close along both its sides is the gap between
two frames; inside one panel, a frame line is crossed by the rules that meet it (a table's top rule
runs over its double rule), so no band of paper runs through. Its own module because it reads a
narrow band the cut passed over, which no other step asks about."""

from __future__ import annotations

import numpy as np

from .gutters import Box, channel_min

_PAPER = 235       # paper: darkest channel at least this
_INK = 200         # a frame line's pixel: darkest channel under this
_FIRST = 6         # rows read first, across the piece, to find candidate bands cheaply ...
_SAMPLES = 24      # ... then this many
_BAND = (3, 6)     # the band of paper: this many columns wide (at least, at most: a wider band is a gutter the cut takes, or a plot's own) ...
_CLEAR = 0.995     # ... paper on this share of the piece's rows
_NEAR = 4          # a frame line within this many columns of the band's side ...
_LINE = 0.6        # ... dark on this share of the piece's rows (rounded corners leave the rest)
_INSIDE = 4        # ... with paper on this many columns right inside it ...
_HOLDS = 0.6       # ... on this share of those pixels
_TALL = 0.3        # the piece (the frames) at least this share of the figure's height along the band
_MIDDLE = (0.2, 0.8)  # the band within this part of the piece's width (both frames are panels)


def _framed(side: np.ndarray) -> bool:
    """Whether `side` (the piece's rows, columns running away from the band) starts with a frame
    line: a column within `_NEAR` dark on `_LINE` of the rows, and paper right inside it (the
    frame holds paper: a photograph's edge runs on into the picture)."""
    dark = (side[:, :_NEAR] < _INK).mean(axis=0)
    c = int(np.argmax(dark))
    if dark[c] < _LINE:
        return False
    inside = side[:, c + 2:c + 2 + _INSIDE]
    return float((inside >= _PAPER).mean()) >= _HOLDS


def _bands(img: np.ndarray, p: Box) -> list[tuple[int, int]]:
    """Columns (start, stop) of bands of paper through piece p with a frame line along each side."""
    h, w = p.h, p.w
    if w < 40 or h < _TALL * img.shape[0]:
        return []   # frames as tall as a panel, not a symbol's two plates (a capacitor's) in a drawing's row
    lo, hi = int(_MIDDLE[0] * w), int(_MIDDLE[1] * w)
    cand = None
    for n in (2, _FIRST, _SAMPLES):   # a few rows first: most pieces have no clear band at all
        ys = p.y + (np.arange(n) * (h - 1)) // (n - 1)
        rows = img[ys, p.x + lo:p.x + hi]
        rows = channel_min(rows[..., :3]) if rows.ndim == 3 else rows
        cand = np.flatnonzero((rows >= _PAPER).all(axis=0)) + lo
        if not len(cand):
            return []
    out = []
    runs = np.split(cand, np.flatnonzero(np.diff(cand) > 1) + 1)
    for r in runs:
        s, e = int(r[0]), int(r[-1]) + 1
        if not (_BAND[0] <= e - s <= _BAND[1]) or s - _NEAR < 0 or e + _NEAR > w:
            continue
        if s - _NEAR - _INSIDE < 0 or e + _NEAR + _INSIDE > w:
            continue
        part = img[p.y:p.y + h, p.x + s - _NEAR - _INSIDE:p.x + e + _NEAR + _INSIDE]
        part = channel_min(part[..., :3]) if part.ndim == 3 else part
        k = _NEAR + _INSIDE
        band = part[:, k:k + e - s]
        if float((band >= _PAPER).all(axis=1).mean()) < _CLEAR:
            continue
        if _framed(part[:, :k][:, ::-1]) and _framed(part[:, -k:]):
            out.append((s, e))
    return out


def frames_apart(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with each piece cut at the bands of paper between two frames (`_bands`), side by side
    or one above the other."""
    res: list[Box] = []
    for p in out:
        cuts = _bands(img, p)
        if cuts:
            xs = [p.x] + [p.x + c for s, e in cuts for c in (s, e)] + [p.x + p.w]
            res += [Box(xs[k], p.y, xs[k + 1] - xs[k], p.h) for k in range(0, len(xs), 2)]
            continue
        turned = img.transpose(1, 0, 2) if img.ndim == 3 else img.T
        cuts = _bands(turned, Box(p.y, p.x, p.h, p.w))
        if cuts:
            ys = [p.y] + [p.y + c for s, e in cuts for c in (s, e)] + [p.y + p.h]
            res += [Box(p.x, ys[k], p.w, ys[k + 1] - ys[k]) for k in range(0, len(ys), 2)]
            continue
        res.append(p)
    return res
