"""Match lines between two photographs: a band of paper crossed only by thin coloured lines parts
two panels.

A feature-matching figure (a sign beside the road scene it was found in) draws coloured lines from
each keypoint of one photograph to its match in the other, across the paper between them; the
XY-cut finds no gutter there (every column holds a line) and keeps the pair as one piece. The band
is paper but for thin coloured strokes (no grey or black ink, the strokes a small share of each
column), wide enough for a gutter, and on both sides stands a photograph (most of its box inked, in
many tones). A chart's coloured data lines run over paper too, but a chart is mostly paper round
them, so no side of it passes for a photograph. Its own module because it is the one rule that
reads paper under coloured strokes."""

from __future__ import annotations

import numpy as np

from .gutters import Box

_PAPER = 215      # paper (a stroke's pale anti-aliased fringe too): darkest channel at least this
_COLOUR = 30      # a coloured stroke's pixel (its anti-aliased edge too): channels spread this much at least
_THIN = 0.15      # coloured pixels on at most this share of a band column's rows
_BAND = 0.05      # the band this share of the figure's longer side wide at least
_PHOTO = 0.5      # each side: inked (no paper) on this share of its ink's own box at least ...
_TONES = 20.0     # ... its ink's grey spread (standard deviation) at least this
_SIDE = 0.1       # each side at least this share of the piece's width ...
_AREA = 0.05      # ... its photograph's box at least this share of the piece's area
_LINES = 3        # strokes across the band's middle column: this many at least
_STRAY = 3        # lines with at most this many inked pixels are no photograph's (nor a band's ink)
_FIRST = 8        # rows read first, across the piece ...
_SAMPLE_INK = 0.2  # ... inked (no paper, no stroke) on this share of them at least (photographs)
_PIECES = 2       # the pair joined comes out as one piece (two with a title or a key): figures cut into more are not read
_MIN = 100        # pieces at least this many pixels on both sides are read


def _long_runs(flags: np.ndarray, least: int) -> np.ndarray:
    """The indices of the runs of True at least `least` long in a 1-D boolean array."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.view(np.int8), [0]))))
    keep = [np.arange(a, c) for a, c in zip(edges[::2], edges[1::2]) if c - a >= least]
    return np.concatenate(keep) if keep else np.zeros(0, int)


def _cut(img: np.ndarray, b: Box) -> list[Box] | None:
    """Piece b (a photograph pair joined by match lines, columns across) cut at its band, or None."""
    if min(b.w, b.h) < _MIN:
        return None
    side = max(img.shape[:2])
    band = max(1, int(_BAND * side))
    # a few rows first: most pieces have no band of paper this wide on them at all
    ys = b.y + (np.arange(_FIRST) * (b.h - 1)) // (_FIRST - 1)
    few = img[ys, b.x:b.x + b.w, :3]
    flo = few.min(axis=2)
    coloured = (few.max(axis=2).astype(np.int16) - flo) >= _COLOUR
    # (paper or a stroke at every sampled row, strokes at few of them: a colour photograph's columns are all colour)
    # (one darker pixel, where two strokes cross, allowed)
    free = ((~((flo >= _PAPER) | coloured)).sum(axis=0) <= 1) & (coloured.sum(axis=0) <= _FIRST // 2)
    if float((~((flo >= _PAPER) | coloured)).mean()) < _SAMPLE_INK:
        return None   # mostly paper on those rows: a chart or a drawing, no pair of photographs
    cand = _long_runs(free, band)
    if not len(cand):
        return None
    # then the candidate columns in full: paper but for thin strokes, and a few darker pixels where
    # two strokes cross (no ink of a panel)
    part = img[b.y:b.y + b.h, b.x:b.x + b.w, :3]
    col = part[:, cand]
    clo = col.min(axis=2)
    cstroke = (col.max(axis=2).astype(np.int16) - clo) >= _COLOUR
    ok = ((~(clo >= _PAPER) & ~cstroke).sum(axis=0) <= _STRAY) & (cstroke.mean(axis=0) <= _THIN)
    clear = np.zeros(b.w, bool)
    clear[cand[ok]] = True
    stroked = np.zeros(b.w, bool)
    stroked[cand] = cstroke.any(axis=0)
    runs, start = [], None
    for x in range(b.w + 1):
        if x < b.w and clear[x]:
            start = x if start is None else start
        elif start is not None:
            if 0 < start and x < b.w and x - start >= band and stroked[start:x].any():
                runs.append((start, x))
            start = None
    if len(runs) != 1:
        return None
    s, e = runs[0]
    if min(s, b.w - e) < _SIDE * b.w:
        return None
    m = int(np.searchsorted(cand, (s + e) // 2))
    mid = cstroke[:, m].view(np.int8)
    if int((np.diff(mid) == 1).sum() + mid[0]) < _LINES:
        return None   # match lines, several across the band's middle (not one render's edge running out)
    paper = part.min(axis=2) >= _PAPER
    parts = []
    for x0, x1 in ((0, s), (e, b.w)):
        ink = ~paper[:, x0:x1]
        # (lines with a few stray pixels, a scan's dust on the paper, do not widen the box)
        rows, cols = np.flatnonzero(ink.sum(axis=1) > _STRAY), np.flatnonzero(ink.sum(axis=0) > _STRAY)
        if not len(rows):
            return None
        y0, y1, c0, c1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
        held = ink[y0:y1, c0:c1]
        if float(held.mean()) < _PHOTO:
            return None
        if float(part[y0:y1, x0 + c0:x0 + c1].mean(axis=2)[held].std()) < _TONES:
            return None
        if (c1 - c0) * (y1 - y0) < _AREA * b.w * b.h:
            return None   # an icon beside a rendering is no photograph of the pair
        parts.append(Box(b.x + x0 + c0, b.y + y0, c1 - c0, y1 - y0))
    return parts


def split_matches(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Each piece holding two photographs joined by match lines (`_cut`) cut in two. Colour figures
    cut into at most `_PIECES` pieces only (the lines join the pair into one), pairs side by side
    (as feature-matching figures set them: one stacked pair is not read, for speed); a piece costs a read of eight rows and stops there where no band of columns is clear of
    grey and black ink on them; only those columns are then read in full."""
    if img.ndim != 3 or len(out) > _PIECES:
        return out
    res: list[Box] = []
    changed = False
    for b in out:
        cut = _cut(img, b)
        if cut is None:
            res.append(b)
        else:
            res.extend(cut)
            changed = True
    return res if changed else out
