"""Pieces lying inside another piece's box: part of that piece, never a panel of their own.

Its own module because it is one step of `split_panels` with one job (see `absorb_nested`)."""

from __future__ import annotations

from .gutters import Box, _union

_INSIDE = 0.9   # a piece with at least this share of its area inside a larger piece's box is part of it


def _inside(a: Box, b: Box) -> float:
    """The share of a's area that lies inside b's box."""
    ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    return ix * iy / max(1, a.w * a.h)


def absorb_nested(out: list[Box]) -> list[Box]:
    """`out` with every piece that lies (`_INSIDE` of its area at least) inside a larger piece's box
    joined to that piece.

    Why: panels of a figure lie side by side, never one inside another; a crop holding another
    piece's pixels holds that piece. A nested piece comes from the joins, which grow a piece over the
    gutters round a picture it then surrounds: a window's logo box or a photograph-like button left
    as a piece of its own while the window's bars, menus and fields around it were joined into one
    (a screenshot then counts two panels, one inside the other). An inset drawn inside its panel is
    that panel's content too. Pieces overlapping only in part (a join's box reaching over a
    neighbour's corner) are left as they are."""
    if len(out) < 2:
        return out
    boxes = list(out)
    changed = True
    while changed and len(boxes) >= 2:
        changed = False
        for i, a in enumerate(boxes):
            homes = [b for k, b in enumerate(boxes) if k != i and b.w * b.h > a.w * a.h and _inside(a, b) >= _INSIDE]
            if homes:
                home = max(homes, key=lambda b: b.w * b.h)
                boxes = [_union(home, a) if b is home else b for k, b in enumerate(boxes) if k != i]
                changed = True
                break
    return out if len(boxes) == len(out) else boxes
