"""A page of running text (a screenshot of an article's web page, a document's page) is one picture, not panels.

Its own module because it is one step of `split_panels` with one job (see `prose_page`).

Why: a page's header, title, author line and paragraphs stand apart on its white, and the gutter test cuts them
into pieces (set 41's `pp_pub`, a journal article's web page: five). What no figure of panels holds is a paragraph:
many lines of small print one under another at one pitch, each running across its column with no gap wider than a
word space (a table's columns, a plot's tick labels and a code listing's ragged lines are no such lines). A piece
that is such a paragraph and fills a good share of the figure makes the figure a page of text.

Cheap: it reads the largest piece only, by its rows' and columns' ink, and needs two pieces at least."""

from __future__ import annotations

import numpy as np

from .figure import grey_view
from .gutters import Box

_INK = 160          # ink: grey under this
_LINES = 8          # a paragraph: this many text lines at least, one after another ...
_LINE_TALL = 0.035  # ... each at most this share of the figure's longer side tall (small print) ...
_PITCH = 0.25       # ... their pitches within this share of the median pitch ...
_ACROSS = 0.8       # ... each (the last of a run aside) inked across this share of the piece's width ...
_WORD_GAP = 1.5     # ... with no empty stretch wider than this many line heights (a word space is under one)
_UNDERLINE = 2      # a run of rows this thin is an underline (a link's), passed over
_AREA = 0.3         # ... the paragraph's lines this share of the figure's area at least


def _lines(ink: np.ndarray) -> list[tuple[int, int]]:
    """The runs of inked rows (start, stop) of `ink`."""
    rows = np.concatenate([[False], ink.any(axis=1), [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(rows))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _across(line: np.ndarray, width: int, tall: int) -> bool:
    """Whether one text line runs across the piece (`_ACROSS`) with word spaces only (`_WORD_GAP`)."""
    cols = np.flatnonzero(line.any(axis=0))
    if len(cols) < 2 or cols[-1] - cols[0] + 1 < _ACROSS * width:
        return False
    return int(np.diff(cols).max()) - 1 <= _WORD_GAP * tall


def prose_page(img: np.ndarray, out: list[Box]) -> bool:
    """Whether the figure's largest piece is a paragraph of running text (see the module's docstring): at least
    `_LINES` small-print lines at one pitch, each but a run's last running across the piece with word spaces only,
    the run's lines covering `_AREA` of the figure."""
    if len(out) < 2:
        return False
    grey, step = grey_view(img)
    h, w = grey.shape
    big = max(out, key=lambda b: b.w * b.h)
    if big.w * big.h < _AREA * img.shape[0] * img.shape[1]:
        return False
    ink = grey[big.y // step:-(-(big.y + big.h) // step), big.x // step:-(-(big.x + big.w) // step)] < _INK
    width = ink.shape[1]
    most = _LINE_TALL * max(h, w)
    run: list[tuple[int, int]] = []
    best = 0
    for a, b in _lines(ink):
        if b - a <= _UNDERLINE:
            continue   # a link's underline under its line: no line of its own
        ok = b - a <= most and _across(ink[a:b], width, b - a)
        if ok and run:
            pitches = np.diff([s for s, _ in run] + [a])
            ok = abs(int(pitches[-1]) - float(np.median(pitches))) <= _PITCH * float(np.median(pitches))
            if not ok:
                best = max(best, _covered(run, width))
                run = []
                ok = True
        if ok:
            run.append((a, b))
        else:
            best = max(best, _covered(run, width))
            run = []
    best = max(best, _covered(run, width))
    return best >= _AREA * h * w


def _covered(run: list[tuple[int, int]], width: int) -> int:
    """The area of a run of lines (from its first line's top to its last's bottom, across the piece), 0 for a run
    shorter than `_LINES`."""
    return (run[-1][1] - run[0][0]) * width if len(run) >= _LINES else 0
