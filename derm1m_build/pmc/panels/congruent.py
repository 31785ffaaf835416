"""Copies of one panel are each a panel: when the layout's pieces are all of one size and line up in a
row, a merge that joins some of them and leaves others alone is undone.

Figures drawn by one plotting call repeat one panel (the same plot for three samples, each with its
axes, title and legend): the XY-cut finds each copy, and the merge of minor pieces that follows may
join two of them where a legend comes close to the next copy's axis label. Copies of one size in one
row are alike; a grouping that makes one of two copies and leaves the third alone treats alike
things unalike, so the copies stand. Its own module because it compares the layout's pieces with the
merged ones, which no other step does."""

from __future__ import annotations

from .gutters import Box

_SIZE = 0.03    # copies: width and height within this share of the largest
_MIN = 3        # at least this many copies in the row


def _holds(m: Box, p: Box) -> bool:
    return m.x <= p.x and m.y <= p.y and p.x + p.w <= m.x + m.w and p.y + p.h <= m.y + m.h


def equal_copies(merged: list[Box], pieces: list[Box]) -> list[Box] | None:
    """`pieces` (the layout's, left to right) where they are `_MIN` or more of one size (`_SIZE`) side
    by side in one row (each overlapping the others' rows on 90 % of its height), and `merged` holds
    them unevenly: one merged piece holds two or more of them and another exactly one; None otherwise."""
    if len(pieces) < _MIN or len(merged) >= len(pieces):
        return None
    W, H = max(p.w for p in pieces), max(p.h for p in pieces)
    if any(p.w < (1 - _SIZE) * W or p.h < (1 - _SIZE) * H for p in pieces):
        return None
    top, bottom = max(p.y for p in pieces), min(p.y + p.h for p in pieces)
    if bottom - top < 0.9 * H:
        return None
    row = sorted(pieces, key=lambda p: p.x)
    if any(b.x < a.x + a.w for a, b in zip(row, row[1:])):
        return None
    held = [sum(_holds(m, p) for p in pieces) for m in merged]
    if max(held) >= 2 and 1 in held and sum(held) == len(pieces):
        return row
    return None
