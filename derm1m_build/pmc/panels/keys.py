"""A chart's colour key set apart by a gutter joins its chart.

Its own module because it is one step of `split_panels` with one job (see `join_keys`); the colour
bars `charts._colour_bars` joins are an image's bar of its own height beside it, a pad apart.

What makes one chart one chart: one set of axes and one key that reads it. A key (a mosaic plot's
shading legend, a map's or a heat map's colour ramp shorter than the plot) is a narrow piece of
print and a few colour swatches, and those colours are the chart's own: the key exists to name them.
The XY-cut parts it from the chart at the paper between them. A panel of its own beside a chart
differs: a photograph or a plot has many colours, or colours the neighbour does not use, or covers
much of its box with them, or spreads them over its box both ways (a strip of a program's chrome
in the neighbour's colours); a key's colours stand in one narrow strip, the ramp or the column of
swatches beside their labels."""

from __future__ import annotations

import numpy as np

from .gutters import Box, _union, channel_max, channel_min

_NARROW = 0.35      # the key this share of the chart's side across at most ...
_FACING = 0.5       # ... facing the chart over this share of its own side ...
_NEAR = 0.1         # ... a gutter at most this share of the chart's side (and 40 px) apart
_COLOURED = 30      # a coloured pixel: its channels spread this much at least
_KEY_INK = 0.25     # the key's coloured pixels this share of its box at most (a key is print and swatches) ...
_KEY_LEAST = 300    # ... and this many pixels at least (a swatch or a ramp, not a coloured word)
_SWATCH = 0.05      # a swatch colour: this share of the key's coloured pixels ...
_SWATCHES = 2       # ... this many at least
_SHARED = 0.8       # this share of the key's coloured pixels of colours the chart uses ...
_USED = 0.005       # ... each on this share of the chart's coloured pixels at least
_CHART_INK = 0.05   # the chart's coloured pixels this share of its box at least
_BIN = 16           # colours compared in bins this wide per channel (anti-aliasing, JPEG)
_BAR = 0.3          # the key's colours within a strip this share of its box across (a ramp or a column of
                    # swatches beside their labels; a strip of chrome or a plot spans its piece both ways)


def _coloured(img: np.ndarray, b: Box) -> tuple[np.ndarray, np.ndarray]:
    """Box b's pixels and the mask of its coloured ones."""
    a = img[b.y:b.y + b.h, b.x:b.x + b.w, :3]
    return a, (channel_max(a).astype(np.int16) - channel_min(a)) >= _COLOURED


def _colours(a: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """The coloured pixels (`mask`) of a, binned: (bin ids, their counts), and their share of a."""
    px = (a[mask] // _BIN).astype(np.int32)
    ids = (px[:, 0] * 256 + px[:, 1] * 16 + px[:, 2]) if len(px) else np.zeros(0, np.int32)
    u, n = np.unique(ids, return_counts=True)
    return u, n, float(mask.mean()) if mask.size else 0.0


def _strip(mask: np.ndarray) -> bool:
    """The coloured pixels lie within a strip `_BAR` of the box across, one way or the other
    (lines holding 2 coloured pixels at least count: a stray anti-aliased pixel does not)."""
    spans = []
    for axis in (0, 1):
        lines = np.flatnonzero(mask.sum(axis=axis) >= 2)
        if not len(lines):
            return False
        spans.append((lines[-1] - lines[0] + 1) / mask.shape[1 - axis])
    return min(spans) <= _BAR


def _beside(p: Box, q: Box) -> bool:
    """p is narrow beside q (left, right, above or below), facing it, a gutter apart."""
    for lo, hi, qlo, qhi, a0, a1, b0, b1 in (
            (p.y, p.y + p.h, q.y, q.y + q.h, p.x, p.x + p.w, q.x, q.x + q.w),
            (p.x, p.x + p.w, q.x, q.x + q.w, p.y, p.y + p.h, q.y, q.y + q.h)):
        side, qside = a1 - a0, b1 - b0
        gap = a0 - b1 if a0 >= b1 else b0 - a1
        if gap < 0 or side > _NARROW * qside or gap > max(40, _NEAR * qside):
            continue
        if min(hi, qhi) - max(lo, qlo) >= _FACING * (hi - lo):
            return True
    return False


def _key_of(img: np.ndarray, p: Box, q: Box) -> bool:
    """Whether p is a colour key whose swatches are q's colours (see the module's docstring)."""
    a, mask = _coloured(img, p)
    u, n, share = _colours(a, mask)
    total = int(n.sum())
    if total < _KEY_LEAST or share > _KEY_INK or int((n >= _SWATCH * total).sum()) < _SWATCHES \
            or not _strip(mask):
        return False
    qu, qn, qshare = _colours(*_coloured(img, q))
    if qshare < _CHART_INK:
        return False
    used = set(qu[qn >= _USED * qn.sum()].tolist())
    return sum(int(c) for k, c in zip(u.tolist(), n.tolist()) if k in used) >= _SHARED * total


def join_keys(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with each piece that is a colour key beside a chart (`_beside`, `_key_of`) joined to
    that chart. Gated: two pieces at least, a colour figure, a narrow piece beside a wider one."""
    if len(out) < 2 or img.ndim != 3:
        return out
    for p in out:
        for q in out:
            if q is not p and _beside(p, q) and _key_of(img, p, q):
                return join_keys(img, [_union(q, p) if b is q else b for b in out if b is not p])
    return out
