"""Fluorescence channels edge to edge: a piece of coloured signal on a dark field whose colour
changes at one straight line is two micrographs.

Micrograph grids of one field in several channels (nuclei in green, membrane in magenta, their
virtual stainings in blue and orange) are often set on black with no gutter between the panels:
the XY-cut sees one dark field and keeps the touching micrographs as one piece. Each micrograph
is one stain, one hue; the line where the hue of every column (row) of signal changes from one to
another, straight down the whole piece, is the panels' seam. One micrograph with two kinds of cells
mixes its hues across the field (no column is all one and the next all the other), a photograph or
a plot is no signal on a dark field (the gate), so neither is cut. Its own module because it is the
one rule that reads hue."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import Box

_SIGNAL_S = 90      # a signal pixel: saturation at least this ...
_SIGNAL_V = 70      # ... and value at least this (OpenCV HSV, hue 0-179)
_FIELD_V = 60       # the field: the other pixels darker than this value ...
_FIELD = 0.85       # ... on this share of them at least (a dark field, not paper or a photograph)
_SIGNAL = 0.03      # the signal covers this share of the piece at least
_COLUMN = 3         # a column counts when it holds this many signal pixels (on the reduced view)
_SAME = 15          # a column's mean hue within this of its side's (hue units, 180 a turn) ...
_MOST = 0.95        # ... for this share of each side's counted columns ...
_APART = 30         # ... the two sides' hues this far apart at least
_SIDE = 0.2         # each side at least this share of the piece's width
_VIEW = 300         # the piece read at most this many pixels on its long side
_PEEK = 16         # a piece first read at every this-many-th pixel ...
_PEEK_DARK = 0.3    # ... and dropped unless this share of those pixels is dark (the field)
_MIN_SIDE = 120     # pieces at least this many pixels on both sides are read


def _hue_dist(a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    d = np.abs(np.asarray(a, float) - b) % 180
    return np.minimum(d, 180 - d)


def _circular_mean(cos: np.ndarray, sin: np.ndarray) -> np.ndarray:
    return (np.degrees(np.arctan2(sin, cos)) % 360) / 2


def _seam(hsv: np.ndarray) -> int | None:
    """The column of the reduced view where the signal's hue changes from one to another for good
    (each side one hue, `_MOST` of its columns within `_SAME` of it, the two `_APART`), or None."""
    h, s, v = hsv[..., 0].astype(float), hsv[..., 1], hsv[..., 2]
    sig = (s >= _SIGNAL_S) & (v >= _SIGNAL_V)
    n = sig.sum(axis=0)
    ang = np.radians(h * 2)
    cos, sin = (np.cos(ang) * sig).sum(axis=0), (np.sin(ang) * sig).sum(axis=0)
    cols = np.flatnonzero(n >= _COLUMN)
    W = hsv.shape[1]
    if len(cols) < 2 * _SIDE * W:
        return None
    hue = _circular_mean(cos[cols], sin[cols])
    jumps = _hue_dist(hue[1:], hue[:-1])
    k = int(np.argmax(jumps))
    c = int(cols[k + 1])
    if not _SIDE * W <= c <= (1 - _SIDE) * W:
        return None
    left = _circular_mean(cos[:c].sum(), sin[:c].sum())
    right = _circular_mean(cos[c:].sum(), sin[c:].sum())
    if float(_hue_dist(left, right)) < _APART:
        return None
    lh, rh = hue[:k + 1], hue[k + 1:]
    if min(len(lh), len(rh)) < _SIDE * W:
        return None   # signal on each side across a panel's width (a rendering's one green tip over its red is no channel)
    if float((_hue_dist(lh, left) <= _SAME).mean()) < _MOST or float((_hue_dist(rh, right) <= _SAME).mean()) < _MOST:
        return None
    return c


def _dark_field(hsv: np.ndarray) -> bool:
    """Whether the view is coloured signal on a dark field (the gate)."""
    s, v = hsv[..., 1], hsv[..., 2]
    sig = (s >= _SIGNAL_S) & (v >= _SIGNAL_V)
    rest = ~sig
    if float(sig.mean()) < _SIGNAL or not rest.any():
        return False
    return float((v[rest] < _FIELD_V).mean()) >= _FIELD


def _cut(img: np.ndarray, b: Box, depth: int = 0) -> list[Box]:
    """Piece b cut at its stain seams (columns, then rows), each part cut again (three channels in a
    row), at most two levels deep."""
    if img.ndim != 3 or min(b.w, b.h) < _MIN_SIDE or depth > 2:
        return [b]
    # a sparse look first: a field of signal on black is mostly dark pixels
    peek = img[b.y:b.y + b.h:_PEEK, b.x:b.x + b.w:_PEEK, :3]
    if float((peek.max(axis=2) < _FIELD_V).mean()) < _PEEK_DARK:
        return [b]
    step = max(1, -(-max(b.w, b.h) // _VIEW))
    part = np.ascontiguousarray(img[b.y:b.y + b.h:step, b.x:b.x + b.w:step, :3])
    hsv = cv2.cvtColor(part, cv2.COLOR_BGR2HSV)
    if not _dark_field(hsv):
        return [b]
    c = _seam(hsv)
    if c is not None:
        x = b.x + c * step
        halves = (Box(b.x, b.y, x - b.x, b.h), Box(x, b.y, b.x + b.w - x, b.h))
    else:
        r = _seam(np.ascontiguousarray(np.swapaxes(hsv, 0, 1)))
        if r is None:
            return [b]
        y = b.y + r * step
        halves = (Box(b.x, b.y, b.w, y - b.y), Box(b.x, y, b.w, b.y + b.h - y))
    return [p for h in halves for p in _cut(img, _signal_box(img, h), depth + 1)]


def _signal_box(img: np.ndarray, b: Box) -> Box:
    """Part b of a cut piece trimmed to its signal's rows and columns: a grey label the joins gave
    the piece (a depth printed under the next panel) stays out of the micrograph's box."""
    part = np.ascontiguousarray(img[b.y:b.y + b.h, b.x:b.x + b.w, :3])
    hsv = cv2.cvtColor(part, cv2.COLOR_BGR2HSV)
    sig = (hsv[..., 1] >= _SIGNAL_S) & (hsv[..., 2] >= _SIGNAL_V)
    rows, cols = np.flatnonzero(sig.any(axis=1)), np.flatnonzero(sig.any(axis=0))
    if not len(rows):
        return b
    return Box(b.x + int(cols[0]), b.y + int(rows[0]), int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1)


def split_stains(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Each piece that is coloured signal on a dark field cut where its hue changes for good
    (`_seam`). Pieces on paper, photographs and plots fail the dark-field gate on a 300-pixel view."""
    if img.ndim != 3:
        return out
    res: list[Box] = []
    for b in out:
        res.extend(_cut(img, b))
    return res if len(res) != len(out) else out
