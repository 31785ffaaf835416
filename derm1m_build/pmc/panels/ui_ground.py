"""Print and icons on a program's mid-grey ground are one screenshot, not panels.

Its own module because it is one step of `split_panels` with one job (see `one_program_panel`).

Why: the gutter test takes any even tone for a gutter, so a program's tree view, list or property
sheet on its grey theme (a 3-D editor's outliner: a row of icons and a name per object, indented
under its parent) is cut between every row and between the icons of a row: sixteen pieces for
one screenshot (set 37's `ms_grouping`). What tells it from panels on a grey page is what the
pieces hold: only thin strokes and small shapes (letters, icons, a tree's stems, a row's rule),
which an opening a few pixels wide wipes out but for spots of icon size. Panels hold photographs,
filled plots, bars, maps: wide solid regions that outlast the opening. The ground must be a middle
grey that runs round the whole border and fills most of the figure (a program's panel, not paper:
a page of print on white is `split._label_sheet`'s, photographs on black are a stain's or a
grid's).

Cheap: it reads the figure's border first (a few hundred pixels) and needs three pieces at least."""

from __future__ import annotations

import cv2
import numpy as np

from .figure import grey_view
from .gutters import Box
from .xycut import _union_all

_PIECES = 3          # pieces cut, at least
_TONE = (60, 200)    # the ground's grey (the border's median): a program's theme, no paper, no black field
_NEAR = 12           # a pixel of the ground: within this of the ground's grey ...
_BORDER = 0.9        # ... on this share of the border at least ...
_FILL = 0.6          # ... and of the whole figure
_INK = 30            # a mark: this far from the ground's grey at least
_GLYPH = 0.02        # a glyph's size: this share of the figure's longer side
_OPEN = 0.5          # the opening square's side, in glyphs (3 px at least): strokes and letters vanish ...
_SPOT = 3.0          # ... leaving spots of at most this many glyphs a side (icons), or the pieces are panels


def one_program_panel(img: np.ndarray, out: list[Box]) -> list[Box]:
    """One box, the pieces' union, where the pieces are a program panel's print and icons on its
    mid-grey ground (see the module's docstring); `out` itself otherwise."""
    if len(out) < _PIECES:
        return out
    grey, step = grey_view(img)
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]]).astype(np.int16)
    ground = int(np.median(border))
    if not _TONE[0] <= ground <= _TONE[1] or float((np.abs(border - ground) <= _NEAR).mean()) < _BORDER:
        return out
    off = np.abs(grey.astype(np.int16) - ground)
    if float((off <= _NEAR).mean()) < _FILL:
        return out
    glyph = _GLYPH * max(grey.shape)
    k = max(3, int(round(_OPEN * glyph)))
    opened = cv2.morphologyEx((off > _INK).view(np.uint8), cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    if n > 1 and int(stats[1:, 2:4].max()) > _SPOT * glyph:
        return out
    return [_union_all(out)]
