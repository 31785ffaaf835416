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
_LUMA = (110, 245)  # ... a colour neither black print nor paper ...
_DEEP = 0.07       # ... ending within this share of the figure's longer side (`charts._STRIP_H`'s highest strip)
_MOST = 12         # pieces at most: more is a gallery or a photo grid, whose pieces the facets could not refine


def _packed(row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A row of pixels (every 2nd) as packed colours and their luma."""
    row = row[::2]
    if row.ndim == 1:
        v = row.astype(np.int32)
        return v, v
    px = row[:, :3].astype(np.int32)
    return (px[:, 0] << 16) | (px[:, 1] << 8) | px[:, 2], (px[:, 0] * 114 + px[:, 1] * 587 + px[:, 2] * 299) // 1000


def _top_band(img: np.ndarray, b: Box, deep: int) -> int | None:
    """The packed colour of the band across piece b's first rows, or None: a row within `_ROWS` of
    its top of which one exact colour (not paper, not dark) fills `_FILL` of the width, and which
    ends within `deep` rows (a strip; a plotting area's tint runs on down the piece)."""
    if b.w < 8:
        return None
    q1, q3 = b.x + b.w // 4, b.x + 3 * b.w // 4
    for r in range(b.y, min(b.y + b.h, b.y + _ROWS)):
        if not np.array_equal(img[r, q1], img[r, q3]):
            continue   # a band of one colour has it at both quarters (its title sits in the middle)
        packed, luma = _packed(img[r, b.x:b.x + b.w])
        keep = (luma > _LUMA[0]) & (luma < _LUMA[1])
        least = _FILL * len(packed)
        if np.count_nonzero(keep) < least:
            continue
        vals, counts = np.unique(packed[keep], return_counts=True)
        k = int(np.argmax(counts))
        if counts[k] < least:
            continue
        below = r + deep
        if below < b.y + b.h and np.count_nonzero(_packed(img[below, b.x:b.x + b.w])[0] == vals[k]) >= least:
            return None   # the colour runs on: a plotting area's ground, no strip
        return int(vals[k])
    return None


def strip_topped(img: np.ndarray, out: list[Box]) -> bool:
    """Whether two pieces or more of `out` are each topped by a band of one and the same colour
    (`_top_band`): a lattice display's strip titles over the facets the gutter cut grouped."""
    if len(out) > _MOST:
        return False
    seen: dict[int, int] = {}
    deep = max(2, int(_DEEP * max(img.shape[:2])))
    for b in out:
        c = _top_band(img, b, deep)
        if c is not None:
            seen[c] = seen.get(c, 0) + 1
            if seen[c] >= 2:
                return True
    return False
