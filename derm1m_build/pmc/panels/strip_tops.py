"""`strip_topped`: whether a figure's pieces start with facet strip titles, the cheap gate that lets
the lattice step (`charts._facets`) look at figures cut into more than three pieces.

Why a gate: `_facets` reads the whole figure (a few milliseconds, a tenth of a split), so
`split_panels` asks it only where one piece or a few were found (touching facets). A ggplot facet
grid whose gutters are cut in some places and bridged in others (tick labels and the axis title
crossing the gutters between facets: two facets in one piece, one in the next) comes out in four
pieces or more, each topped by the strip of its first facet. A strip is a band of one exact colour,
neither paper nor black, across most of the piece's width within its first few rows; two pieces
topped by bands of the same colour are what a lattice looks like, and almost nothing else is (a
photo has no exact colour, a plot's top is its title or frame line on paper)."""

from __future__ import annotations

import numpy as np

from .gutters import Box

_ROWS = 6          # a strip starts within this many rows of its piece's top ...
_FILL = 0.6        # ... one colour over this share of the piece's width ...
_LUMA = (110, 245)  # ... a colour neither black print nor paper


def _top_band(img: np.ndarray, b: Box) -> int | None:
    """The packed colour of the band across piece b's first rows, or None: a row within `_ROWS` of
    its top of which one exact colour (not paper, not dark) fills `_FILL` of the width."""
    if b.w < 8:
        return None
    for r in range(b.y, min(b.y + b.h, b.y + _ROWS)):
        row = img[r, b.x:b.x + b.w]
        if row.ndim == 1:
            packed = row.astype(np.int32)
            luma = packed
        else:
            px = row[:, :3].astype(np.int32)
            packed = (px[:, 0] << 16) | (px[:, 1] << 8) | px[:, 2]
            luma = (px[:, 0] * 114 + px[:, 1] * 587 + px[:, 2] * 299) // 1000
        keep = (luma > _LUMA[0]) & (luma < _LUMA[1])
        if np.count_nonzero(keep) < _FILL * b.w:
            continue
        vals, counts = np.unique(packed[keep], return_counts=True)
        k = int(np.argmax(counts))
        if counts[k] >= _FILL * b.w:
            return int(vals[k])
    return None


def strip_topped(img: np.ndarray, out: list[Box]) -> bool:
    """Whether two pieces or more of `out` are each topped by a band of one and the same colour
    (`_top_band`): a lattice display's strip titles over the facets the gutter cut grouped."""
    seen: dict[int, int] = {}
    for b in out:
        c = _top_band(img, b)
        if c is not None:
            seen[c] = seen.get(c, 0) + 1
            if seen[c] >= 2:
                return True
    return False
