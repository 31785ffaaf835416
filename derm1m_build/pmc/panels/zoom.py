"""A plot and its zoomed view, joined by a zoom band, are two panels.

Its own module because it is one step of `split_panels` with one job (see `split_zoom`).

Why: a zoom figure (ggforce's `facet_zoom`, matplotlib's `indicate_inset_zoom`) draws the whole
plot and, under it, the zoomed view of one stretch of it, and joins the stretch to the view by a
band of flat light grey that widens from the stretch to the view's full width. The band runs from
one plot into the other, so there is no gutter and the split gives one piece. Yet the band says
where the two panels meet: the rows over which it widens steadily lie between them, and the
figure is cut at the middle of those rows.

A band (`_band`): on every `_EVERY`-th row, the pixels of one flat light grey (`_TONE`, the
channels within 3 of one another, each within 1 of its neighbour), their count growing by
`_GROW` px a row at least on each of `_ROWS` sampled rows in a row (one miss allowed), over
`_WIDEN` of the piece's width in all, on each of those rows one run with paper beyond it
(`_on_paper`: no sky round a figure in a photograph, no shaded shapes side by side); the narrow
end under `_PART` of the plot's width over it (it zooms a part), and plots over and under it each
`_SIDE` of the piece's height. Read only where the
split gives one piece of a figure on a page (`_on_page`), and there on every `_EVERY`-th row first."""

from __future__ import annotations

import numpy as np

from .figure import darkest
from .gutters import Box, channel_max, channel_min
from .operators import _term

_EVERY = 4          # rows read: every this-many-th
_TONE = (200, 250)  # a band's tone (darkest channel)
_GROW = 1.0         # its width grows by this many px a row at least ...
_ROWS = 6           # ... on this many sampled rows in a row at least ...
_WIDEN = 0.25       # ... by this share of the piece's width in all
_PART = 0.7         # the narrow end under this share of the width of the plot it meets
_SIDE = 0.2         # the plots on either side of the cut: this share of the piece's height each
_PAPER = 250        # content: darkest channel under this
_PAGE = 0.9         # the figure's outermost lines: paper on this share of each at least
_ONE = 0.9          # a band row: its flat grey on this share of its span at least ...
_BESIDE = 0.5       # ... and paper on this share of the row's pixels beyond the span at least


def _flat_light(part: np.ndarray) -> np.ndarray:
    """Pixels of a flat light grey: darkest channel in `_TONE`, the channels within 3, each within 1
    of its left neighbour."""
    lo = channel_min(part).astype(np.int16) if part.ndim == 3 else part.astype(np.int16)
    hi = channel_max(part).astype(np.int16) if part.ndim == 3 else lo
    m = (lo >= _TONE[0]) & (lo < _TONE[1]) & (hi - lo <= 3)
    m[:, 1:] &= np.abs(np.diff(lo, axis=1)) <= 1
    return m


def _band(counts: np.ndarray, width: int) -> tuple[int, int] | None:
    """The sampled rows (first, last) over which the band widens (or narrows) steadily, or None."""
    need = _GROW * _EVERY
    for sign in (1, -1):
        step = sign * np.diff(counts)
        run_start, misses = 0, 0
        for i, s in enumerate(step):
            if s >= need:
                continue
            if i > run_start and misses == 0 and i + 1 < len(step) and step[i + 1] >= need:
                misses = 1
                continue
            if i - run_start >= _ROWS and sign * (counts[i] - counts[run_start]) >= _WIDEN * width:
                return run_start, i
            run_start, misses = i + 1, 0
        i = len(step)
        if i - run_start >= _ROWS and sign * (counts[i] - counts[run_start]) >= _WIDEN * width:
            return run_start, i
    return None


def _on_paper(sampled: np.ndarray, row: np.ndarray) -> bool:
    """Whether a band row's flat grey is one run (`_ONE` of its span), with paper beyond it on
    `_BESIDE` of the row's other pixels: a band drawn on the page, not a photograph's sky round a
    figure or several shaded shapes side by side."""
    xs = np.flatnonzero(sampled)
    if not len(xs):
        return False
    span = xs[-1] - xs[0] + 1
    if len(xs) < _ONE * span:
        return False
    rest = np.concatenate([row[:xs[0]], row[xs[-1] + 1:]])
    return bool(len(rest)) and float((rest >= _PAPER).mean()) >= _BESIDE


def _on_page(img: np.ndarray) -> bool:
    """Whether the figure is drawn on a page: each of its outermost lines paper on `_PAGE` of it
    (a zoom figure is a chart on paper; a photograph has no paper edge)."""
    for line in (img[0], img[-1], img[:, 0], img[:, -1]):
        if float((line[:, :3].min(axis=1) >= _PAPER).mean()) < _PAGE:
            return False
    return True


def split_zoom(img: np.ndarray, out: list[Box]) -> list[Box]:
    """One piece holding a plot, a zoom band and the zoomed view cut at the band's middle into the
    two plots (see the module); `out` itself otherwise."""
    if len(out) != 1 or img.ndim != 3:
        return out
    p = out[0]
    if min(p.w, p.h) < 150 or not _on_page(img):
        return out
    glance = _flat_light(img[p.y:p.y + p.h:4 * _EVERY, p.x:p.x + p.w:2, :3]).sum(axis=1)
    if len(glance) < 2 or int(np.diff(glance).max()) < 4 * _GROW * _EVERY:   # a glance first: no widening grey, stop
        return out
    sampled = _flat_light(img[p.y:p.y + p.h:_EVERY, p.x:p.x + p.w, :3])
    counts = sampled.sum(axis=1)
    band = _band(counts, p.w)
    if band is None:
        return out
    a, b = band
    light = darkest(img)[p.y:p.y + p.h:_EVERY, p.x:p.x + p.w]
    if not all(_on_paper(sampled[i], light[i]) for i in range(a, b)):   # b: the first row at full width
        return out
    narrow, wide = (a, b) if counts[a] < counts[b] else (b, a)
    cut = p.y + _EVERY * (a + b) // 2
    ink = darkest(img) < _PAPER
    top = _term(ink, p.x, p.x + p.w, p.y, cut)
    bottom = _term(ink, p.x, p.x + p.w, cut, p.y + p.h)
    if top is None or bottom is None or min(top.h, bottom.h) < _SIDE * p.h:
        return out
    meets = top if narrow < wide else bottom   # the plot the band's narrow end zooms into
    if counts[narrow] >= _PART * meets.w:
        return out
    return [top, bottom]
