"""A row of maps read by one colour key beside the row joins with it: one panel.

Its own module because it is one step of `split_panels` with one job (see `join_keyed_row`);
`keys.join_keys` joins a key to the one chart it faces, this step the key facing several pieces.

Why the row is one panel: a mosaic of brain maps, slices or heat maps drawn on one colour scale
comes with one ramp beside the whole mosaic, the height of the mosaic; the XY-cut parts the maps at
the paper between them (each column of slices a piece) and the ramp at its gutter. The ramp is what
makes them one display: without it none of the maps can be read, and it reads all of them alike.
Panels of their own each carry their own scale, or a ramp that faces one of them only (joined by
`join_keys`). So: a narrow piece that is a colour key (`_ramp_of`: an upright block of coloured
columns, print beside it, all its colours used) whose colours are those of the union of two or more pieces set side by side next to
it, each lying within the key's rows, the row and the key a gutter apart, no other piece inside
their union: the key and the row are one panel."""

from __future__ import annotations

import numpy as np

from .gutters import Box, _overlaps, _union
from .keys import _SHARED, _SWATCH, _coloured, _colours

_WITHIN = 0.15      # each piece of the row within the key's rows, widened by this share of the key's height
_LEAST_ROW = 2      # this many pieces in the row at least (one is `join_keys`' case)
_NARROW = 0.35      # the key at most this share of the row's width across
_GAP = 40           # the key and the row's nearest piece at most this many pixels apart
_FULL = 0.75        # a ramp's column: coloured on this share of the ramp's rows at least (a diverging
                    # ramp is grey round its middle) ...
_TALL = 0.6         # ... its rows this share of the key's height at least ...
_RAMP = 0.5         # ... its columns this share of the key's width at most (the rest: ticks and a title)
_THIN = 4           # ... and this many at least
_STRAY = 0.05       # coloured pixels off the ramp this share of the key's at most (its print is black)
_USED = 0.001       # a ramp colour the row uses: on this share of the row's coloured pixels at least (a ramp
                    # runs its scale's whole range; maps hold its far ends rarely, a key's swatches often)
_SWATCHES = 2       # colour bins on 5 % of the ramp's pixels at least: a ramp, not one flat bar


def _row_of(out: list[Box], k: Box) -> list[Box]:
    """The pieces left of key k lying within its rows (widened by `_WITHIN`), or [] when the
    nearest is more than `_GAP` from it."""
    pad = _WITHIN * k.h
    row = [p for p in out if p is not k and p.x + p.w <= k.x
           and p.y >= k.y - pad and p.y + p.h <= k.y + k.h + pad]
    if not row or k.x - max(p.x + p.w for p in row) > _GAP:
        return []
    return row


def _ramp_of(img: np.ndarray, k: Box, u: Box) -> bool:
    """Whether piece k is an upright colour ramp (one block of coloured columns, `_THIN` px to `_RAMP`
    of k across, `_TALL` of its height, print beside it) whose colours the row's union u uses."""
    a, mask = _coloured(img, k)
    total = int(mask.sum())
    rows = np.flatnonzero(mask.any(axis=1))
    if total == 0 or rows[-1] - rows[0] + 1 < _TALL * k.h:
        return False
    cols = np.flatnonzero(mask[rows[0]:rows[-1] + 1].mean(axis=0) >= _FULL)
    if not (_THIN <= len(cols) <= _RAMP * k.w) or cols[-1] - cols[0] + 1 != len(cols):
        return False
    if total - int(mask[:, cols[0]:cols[-1] + 1].sum()) > _STRAY * total:
        return False
    bins, n, _ = _colours(a, mask)
    if int((n >= _SWATCH * total).sum()) < _SWATCHES:
        return False
    ub, un, _ = _colours(*_coloured(img, u))
    used = set(ub[un >= _USED * un.sum()].tolist())
    return sum(int(c) for b, c in zip(bins.tolist(), n.tolist()) if b in used) >= _SHARED * total


def join_keyed_row(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with each colour key at the right of a row of 2+ pieces it reads joined to that row
    (see the module's docstring). Gated: three pieces at least, a colour figure, and the pixels
    read only for a narrow piece with a row of pieces beside it."""
    if len(out) < _LEAST_ROW + 1 or img.ndim != 3:
        return out
    for k in out:
        row = _row_of(out, k)
        if len(row) < _LEAST_ROW:
            continue
        u = row[0]
        for p in row[1:]:
            u = _union(u, p)
        if k.w > _NARROW * u.w or any(_overlaps(u, b) for b in out if b is not k and not any(b is p for p in row)):
            continue
        if _ramp_of(img, k, u):
            gone = [k] + row[1:]
            return join_keyed_row(img, [_union(u, k) if b is row[0] else b for b in out
                                        if not any(b is g for g in gone)])
    return out
