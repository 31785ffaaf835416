"""One box, one panel: pieces the XY-cut parted along a coloured line drawn inside one dark frame are
one drawing again.

The XY-cut takes a thin line of one colour as a gutter (panels without paper between them are
parted by such lines). A boxed drawing whose own lines run from one side of its frame to the other
(processor-domain lines across a box of particles, a grid drawn in colour) is then cut at them,
and the box comes out as two or three pieces that touch. Those pieces are one panel when:
- they touch (no paper gutter between them: the cut ran along a line, not between panels);
- one dark frame closes their union: a line inked along nearly all of each of the union's four
  sides, just outside or on its edge (a box round one drawing);
- the line the cut ran along is coloured and unlike the frame (a drawing's own line), not a rule
  drawn like the frame (a table of panels ruled in the frame's ink is panels);
- there is paper beside that line on both sides (a drawing on paper, not photographs edge to edge).
Its own module because it is the one rule that reads a frame round touching pieces."""

from __future__ import annotations

import numpy as np

from .gutters import Box, _union
from .pairs import join_while

_TOUCH = 2       # pieces touch: at most this many pixels apart (or overlapping) ...
_OVERLAP = 0.9   # ... along this share of the shorter one's side at least
_REACH = 4       # a frame line lies within this many lines outside (or inside) the union's edge ...
_DARK = 90       # ... its pixels' darkest channel under this ...
_RUN = 0.95      # ... along this share of the side at least
_SEAM = 3        # the seam's line: the most inked column within this many of the cut ...
_HUE = 60        # ... its pixels' channels spread by this much at least (a colour, not grey or black) ...
_SEAM_INK = 0.6  # ... inked on this share of the rows ...
_BESIDE = 3      # ... with paper this many columns either side ...
_PAPER = 200     # ... (darkest channel at least this) ...
_CLEAR = 0.6     # ... on this share of the rows either side
_MIN_SIDE = 40   # a frame round a drawing: both sides at least this many pixels


def _frame_line(dark: np.ndarray) -> bool:
    """Whether one of the lines of `dark` (rows: candidate lines, each along the side) is inked
    along `_RUN` of its length."""
    return bool(dark.size) and float(dark.mean(axis=1).max()) >= _RUN


def _framed(img: np.ndarray, u: Box) -> bool:
    """Whether a dark frame closes box u: each side has a line within `_REACH` of its edge (either
    way) dark along `_RUN` of it."""
    H, W = img.shape[:2]
    x0, y0, x1, y1 = u.x, u.y, u.x + u.w, u.y + u.h
    dk = img[..., :3].min(axis=2) if img.ndim == 3 else img
    ya, yb = max(0, y0), min(H, y1)
    xa, xb = max(0, x0), min(W, x1)
    top = dk[max(0, y0 - _REACH):y0 + _REACH, xa:xb] < _DARK
    bottom = dk[max(0, y1 - _REACH):y1 + _REACH, xa:xb] < _DARK
    left = (dk[ya:yb, max(0, x0 - _REACH):x0 + _REACH] < _DARK).T
    right = (dk[ya:yb, max(0, x1 - _REACH):x1 + _REACH] < _DARK).T
    return all(_frame_line(s) for s in (top, bottom, left, right))


def _drawn_seam(img: np.ndarray, a: Box, b: Box) -> bool:
    """Whether the cut between a and b (b right of a) ran along a coloured line on paper: the most
    inked column near the cut is coloured (`_HUE`) on `_SEAM_INK` of the rows, with paper
    `_BESIDE` columns either side of it on `_CLEAR` of the rows."""
    if img.ndim != 3:
        return False
    y0, y1 = max(a.y, b.y), min(a.y + a.h, b.y + b.h)
    cut = (a.x + a.w + b.x) // 2
    lo, hi = max(0, cut - _SEAM), min(img.shape[1], cut + _SEAM + 1)
    part = img[y0:y1, lo:hi, :3].astype(np.int16)
    if part.size == 0:
        return False
    dk = part.min(axis=2)
    c = int(np.argmax((dk < _PAPER).mean(axis=0)))
    line = part[:, c]
    spread = line.max(axis=1) - line.min(axis=1)
    if float(((dk[:, c] < _PAPER) & (spread >= _HUE)).mean()) < _SEAM_INK:
        return False
    x = lo + c
    for side in (x - _BESIDE, x + _BESIDE):
        if not 0 <= side < img.shape[1]:
            return False
        col = img[y0:y1, side, :3].min(axis=1) if img.ndim == 3 else img[y0:y1, side]
        if float((col >= _PAPER).mean()) < _CLEAR:
            return False
    return True


def _one_box(img: np.ndarray, a: Box, b: Box) -> bool:
    """Whether a and b (in either order) are one boxed drawing cut along its own coloured line."""
    if a.x > b.x:
        a, b = b, a
    if not -_TOUCH <= b.x - (a.x + a.w) <= _TOUCH:
        return False
    shared = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    if shared < _OVERLAP * min(a.h, b.h):
        return False
    u = _union(a, b)
    if min(u.w, u.h) < _MIN_SIDE:
        return False
    return _drawn_seam(img, a, b) and _framed(img, u)


def join_boxed(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Pieces side by side that one dark frame closes, cut along a coloured line of the drawing it
    boxes (`_one_box`), joined. Only pieces that touch are read (`_TOUCH`): where every cut is a
    paper gutter the rule costs a comparison per pair. Stacked pieces are read turned (rows as
    columns)."""
    if len(out) < 2:
        return out
    touch = any(a is not b and (-_TOUCH <= b.x - (a.x + a.w) <= _TOUCH or -_TOUCH <= b.y - (a.y + a.h) <= _TOUCH)
                for a in out for b in out)
    if not touch:
        return out
    turned = np.swapaxes(img, 0, 1)

    def one(a: Box, b: Box) -> bool:
        if _one_box(img, a, b):
            return True
        return _one_box(turned, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w))

    return join_while(out, one)
