"""Pieces parted by a photograph's own dim, shaded backdrop are one photograph.

Its own module because it is one step of `split_panels` with one job (see `photo_backdrop`).

Why: a film still or a portrait has a blurred, dim background (a night sky, a dark studio). Each of
its lines is smooth enough to pass the gutter test (every pixel within a few levels of the line's
own colour), so the XY-cut parts the subject from the background and the background into slabs,
round a logo line at one corner. A drawn gutter is one colour: white or black paper, or a page's
flat grey, the same along the gutter and from one gutter to the next. What lies between these
pieces is no such thing: it is neither paper nor black, and its tone drifts over a range no gutter
has (the shading of the backdrop, from gutter to gutter and along each).

So: every pixel no piece holds (`_uncovered`, read on every `_STEP`-th pixel) taken together, its
brightest channel spanning `_SPREAD` levels or more between its 5th and 95th percentiles (and
`_SHADED` between its quartiles: a flat coloured gutter under JPEG spreads only at its edges), and
neither paper nor black (the 5th percentile at `_DIM` or over, the 95th at `_LIGHT` or under), and
no white gutter among them (`_NO_PAPER`: a dark panel's own surround beside photographs parted by
white is no backdrop), the figure's outermost lines not one tone each (`_page_edges`: photographs
on a grey page, the page noisy with JPEG ringing round them, are panels): the pieces are one
photograph. Read only where the pieces leave a small share of the figure uncovered (`_LEFT`):
panels on a page leave their margins and gutters, which are paper."""

from __future__ import annotations

import numpy as np

from .gutters import Box, channel_max, channel_min

_STEP = 2           # every this-many-th pixel read
_LEFT = (0.01, 0.25)  # the uncovered share of the figure: a backdrop's gutters, no page round panels
_SPREAD = 15        # the uncovered pixels' brightest channel spans this much at least (5th to 95th percentile) ...
_SHADED = 10        # ... its middle half this much at least (a flat gutter spreads by ringing at its edges) ...
_WIDE = 60          # ... and at most this much (not panels' edges on paper)
_DIM = 12           # ... its 5th percentile at least this (no black gutter) ...
_LIGHT = 200        # ... its 95th percentile at most this (no paper)
_WHITE = 235        # paper: every channel at this or over ...
_NO_PAPER = 0.01    # ... on at most this share of the uncovered pixels (panels parted by white gutters are panels)
_EDGE = 20          # a page round the pieces: each outermost line's brightest channel within this
                    # (5th to 95th percentile)


def _uncovered(shape: tuple[int, int], out: list[Box]) -> np.ndarray:
    """The mask of every `_STEP`-th pixel that no piece holds."""
    h, w = (shape[0] + _STEP - 1) // _STEP, (shape[1] + _STEP - 1) // _STEP
    free = np.ones((h, w), bool)
    for p in out:
        free[p.y // _STEP:(p.y + p.h + _STEP - 1) // _STEP, p.x // _STEP:(p.x + p.w + _STEP - 1) // _STEP] = False
    return free


def _page_edges(img: np.ndarray) -> bool:
    """Whether every outermost line of the figure is one tone (`_EDGE`): a page the pieces are set on
    (a grey page under JPEG noise has a spread between its pieces too), not a photograph running
    to its edges."""
    for line in (img[0], img[-1], img[:, 0], img[:, -1]):
        lo, hi = np.percentile(channel_max(line[:, :3]), (5, 95))
        if hi - lo > _EDGE:
            return False
    return True


def _papered(img: np.ndarray, out: list[Box]) -> bool:
    """A glance (every 8th pixel): whether paper lies between the pieces, on `_NO_PAPER` of the
    pixels no piece holds (most figures: panels on a page). The same test `photo_backdrop` makes in
    full, read coarsely first."""
    h, w = img.shape[:2]
    view = img[::8, ::8, :3]
    free = np.ones(view.shape[:2], bool)
    for p in out:
        free[p.y // 8:(p.y + p.h + 7) // 8, p.x // 8:(p.x + p.w + 7) // 8] = False
    pix = view[free]
    return bool(len(pix)) and float((channel_min(pix) >= _WHITE).mean()) > 4 * _NO_PAPER


def photo_backdrop(img: np.ndarray, out: list[Box]) -> bool:
    """Whether the pieces are parted by a dim shaded backdrop (see the module): one photograph."""
    if len(out) < 2 or img.ndim != 3:
        return False
    if _papered(img, out):
        return False
    free = _uncovered(img.shape[:2], out)
    share = float(free.mean())
    if not _LEFT[0] <= share <= _LEFT[1]:
        return False
    pix = img[::_STEP, ::_STEP, :3][free]
    if float((channel_min(pix) >= _WHITE).mean()) > _NO_PAPER:   # paper, or a white gutter parts two of them
        return False   # (read first: most figures are on paper, and stop here)
    lo, q1, q3, hi = np.percentile(channel_max(pix), (5, 25, 75, 95))
    return bool(_SPREAD <= hi - lo <= _WIDE and q3 - q1 >= _SHADED and lo >= _DIM and hi <= _LIGHT) \
        and not _page_edges(img)
