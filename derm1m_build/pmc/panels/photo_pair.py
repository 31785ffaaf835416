"""Two photographs of one size set edge to edge, with no gutter, are two panels: cut at the seam
down (or across) the figure's exact middle.

Its own module because it is one step of `split_panels` with one job (see `split_photo_pair`).

Why: a before / after pair (an image and its histogram-equalised copy, a dark frame and its
brightness-adjusted copy: set 37's `vp_histeq`, `vp_adjust`) is two photographs of one size
pasted side by side. Nothing parts them but the step from one picture to the other, so the
XY-cut finds one piece; and where the first photograph is nearly black at its outer edge, the
piece's content box even starts inside it, so the seam is not at the piece's middle and the seam
rule (`seams`, which reads pieces) does not look there. That rule also asks for texture on most
columns (drawings on paper step only at their strokes), which a dark photograph lacks.

The rule reads the whole figure instead: where it came out as one piece holding most of its area,
has no paper margin, and its two halves are rasters (many colours each: no flat drawing), the
column at its exact middle (within `_MIDDLE` of the width) steps on nearly every row
(`seams._SEAM`), from its top to its bottom (`seams._end_to_end`), well over the figure's other
columns (`seams._STANDS` over their median, which is at most `seams._OTHERS`: a fine texture steps
everywhere), is no light line drawn over one picture (`seams._light_line`), and has a raster
beside it (`seams._raster_beside`), and no other column steps on as many rows (a checkerboard's
squares, set 25's `hug_ca_artificial`, step on every row at each of their edges). A natural edge
in one photograph (a door's side, a building's corner) neither runs every row nor sits at the
exact middle to the pixel's percent.

Cheap: it acts only where the figure is one piece, and reads a glance of the middle columns
(every 4th row) before anything else."""

from __future__ import annotations

import numpy as np

from .gutters import Box
from .seams import _OTHERS, _SAMPLES, _SEAM, _SKIM, _SKIMMED, _STANDS, _end_to_end, _light_line, _raster_beside, _steps

_LEAST = 200        # the figure this many pixels along the cut's side at least (each photograph 100)
_MIDDLE = 0.01      # the seam within this share of the width of the middle
_COVER = 0.6        # the one piece holds this share of the figure's area at least
_PAPER = 0.3        # paper (every channel 250 or over) on this share of each half at most
_COLOURS = 64       # each half holds this many colours (6 bits a channel) at least: a raster (a dark
                    # photograph has few at 5 bits)


def _colours(a: np.ndarray) -> int:
    """Distinct colours of a (every 4th pixel each way) at 6 bits a channel."""
    q = (a[::4, ::4] >> 2).astype(np.int32)
    if q.ndim == 3:
        q = (q[:, :, 0] << 12) | (q[:, :, 1] << 6) | q[:, :, 2]
    return int(np.unique(q).size)


def _seam(a: np.ndarray) -> int | None:
    """The column of a (the figure, rows x columns) at its middle where two photographs meet, or None."""
    h, w = a.shape[:2]
    if w < _LEAST or h < _LEAST // 2:
        return None
    near = max(2, int(_MIDDLE * w))
    cols = np.arange(w // 2 - near, w // 2 + near + 1)
    if float(_steps(a[::_SKIM], cols).max()) < _SKIMMED:
        return None
    share = _steps(a, cols)
    best = int(np.argmax(share))
    c = int(cols[best])
    sample = np.linspace(w // 10, w - w // 10, _SAMPLES).astype(int)
    typical = float(np.median(_steps(a, sample)))
    if typical > _OTHERS or share[best] < max(_SEAM, typical + _STANDS):
        return None
    if not _raster_beside(a, c) or _light_line(a, c) or not _end_to_end(a, c):
        return None
    others = _steps(a, np.arange(1, w - 1))
    others[max(0, c - 1 - 2 * near):c + 2 * near] = 0
    if float(others.max()) >= _SEAM:
        return None   # the seam is not the one line that steps on every row: a checkerboard, a grid's rules
    for half in (a[:, :c], a[:, c:]):
        paper = half.min(axis=2) if half.ndim == 3 else half
        if float((paper[::4, ::4] >= 250).mean()) > _PAPER or _colours(half) < _COLOURS:
            return None
    return c


def split_photo_pair(img: np.ndarray, out: list[Box]) -> list[Box]:
    """The figure's two halves, where it is one piece of two photographs edge to edge (see the
    module); `out` itself otherwise."""
    if len(out) != 1:
        return out
    H, W = img.shape[:2]
    p = out[0]
    if p.w * p.h < _COVER * H * W:
        return out
    c = _seam(img)
    if c is not None:
        return [Box(0, 0, c, H), Box(c, 0, W - c, H)]
    c = _seam(img.swapaxes(0, 1))
    if c is not None:
        return [Box(0, 0, W, c), Box(0, c, W, H - c)]
    return out
