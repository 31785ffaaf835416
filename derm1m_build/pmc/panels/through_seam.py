"""Two pieces cut apart with no gutter along a window's frame that stops partway are one screenshot.

Its own module because it is one step of `split_panels` with one job (see `join_through_seams`).

Why: where no gutter parts two pieces the layout cuts at a straight edge (`gutters._edge_cuts`): two
photographs set edge to edge have one from top to bottom. A screenshot of a desktop has such edges
too, a window's coloured frame laid over the windows under it, but the frame stops where the window
does, and past its end the cut runs on through whatever lies under it (set 37's `cr_autopilot`: a
simulator window over a ground station's map; the cut down the simulator's left side runs on
through the map). So: beside the cut, from one end, runs a thin line of one saturated colour
(a window's frame, no photograph's edge: a scan's or a photograph's border is grey or textured, and
a coloured patch at a photograph's edge, a sticker, runs on past the line's width) over a quarter
of the cut at least; past its end, a quarter at least of the cut is left, and there the
lines a few pixels either side of the cut rise and fall together (correlation) at one mean level,
with real texture: one picture going on across the cut. Photographs set edge to edge (CT slices in a
row, whose body outlines may line up across the seam) have no coloured frame along their seam.

Cheap: it reads only pieces touching each other (no paper line between them), a few thin lines each."""

from __future__ import annotations

import numpy as np

from .figure import grey
from .gutters import Box
from .pair_joins import join_pairs

_TOUCH = 2        # pieces touching or overlapping by at most this many px: a cut with no gutter at all
_FACING = 0.5     # ... facing each other over this share of the shorter one's side at least
_NEAR = 3         # the frame: a line within this many px of the cut ...
_CHROMA = 60      # ... of a saturated colour (its channels this far apart at least) ...
_SAME = 30        # ... each pixel within this (any channel) of the colour at the line's end ...
_MISS = 3         # ... but for runs of at most this many other pixels ...
_PART = 0.25      # ... from one end over this share of the cut at least, as much left past its end
_WIDE = 6         # ... a thin line: this many px off the cut on both sides, another colour ...
_OTHER = 0.8      # ... on this share of its length at least
_BESIDE = 4       # past the frame: the lines this many px off the cut on each side ...
_TEXTURE = 10.0   # ... with this much variation (std of the grey) ...
_CORR = 0.7       # ... rising and falling together this much (correlation) at least ...
_LEVEL = 12.0     # ... at one mean level, within this (rows of paper on both sides not read)
_PAPER = 240      # paper: grey at this or over


def join_through_seams(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with pieces joined across cuts that run on through a picture (see the module's
    docstring); `out` itself where none does."""
    if len(out) < 2 or img.ndim != 3:
        return out
    g = grey(img)

    def together(a: Box, b: Box, boxes: list[Box]) -> bool:
        seam = _seam(a, b)
        return seam is not None and _through(img, g, *seam)

    return join_pairs(out, together)


def _seam(a: Box, b: Box) -> tuple[int, int, int, int] | None:
    """(axis, position, start, stop) of the cut between two touching pieces: axis 1 a cut between
    columns (side by side), 0 between rows; None where they do not touch and face each other."""
    for axis in (1, 0):
        if axis == 1:
            lo, hi = sorted((a, b), key=lambda q: q.x)
            end, start = lo.x + lo.w, hi.x
            s0, s1 = max(a.y, b.y), min(a.y + a.h, b.y + b.h)
            short = min(a.h, b.h)
        else:
            lo, hi = sorted((a, b), key=lambda q: q.y)
            end, start = lo.y + lo.h, hi.y
            s0, s1 = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
            short = min(a.w, b.w)
        if -_TOUCH <= start - end <= 0 and s1 - s0 >= max(32, _FACING * short):
            return axis, (start + end) // 2, s0, s1
    return None


def _through(img: np.ndarray, g: np.ndarray, axis: int, at: int, s0: int, s1: int) -> bool:
    """Whether a window's coloured frame runs along the cut from one end and stops, and past its
    end the picture runs on across the cut (see the module's docstring)."""
    n = (g.shape[1] if axis == 1 else g.shape[0])
    if at - _BESIDE - 1 < 0 or at + _BESIDE >= n:
        return False
    length = s1 - s0
    for off in range(-_NEAR, _NEAR):
        line = img[s0:s1, at + off, :3] if axis == 1 else img[at + off, s0:s1, :3]
        for run in (line, line[::-1]):
            k = _frame_run(run)
            if k < _PART * length or length - k < _PART * length:
                continue
            if not _thin(img, axis, at, s0, s1, k, run is line, run[:8]):
                continue   # a patch of colour running past the cut on one side (a sticker), no frame
            rest = slice(s0 + k, s1) if run is line else slice(s0, s1 - k)
            if axis == 1:
                a, b = g[rest, at - _BESIDE - 1].astype(np.float32), g[rest, at + _BESIDE].astype(np.float32)
            else:
                a, b = g[at - _BESIDE - 1, rest].astype(np.float32), g[at + _BESIDE, rest].astype(np.float32)
            keep = (a < _PAPER) | (b < _PAPER)   # rows of paper on both sides (a label strip) say nothing
            a, b = a[keep], b[keep]
            if len(a) < _PART * length:
                continue
            if min(float(a.std()), float(b.std())) < _TEXTURE or abs(float(a.mean()) - float(b.mean())) > _LEVEL:
                continue
            if float(np.corrcoef(a, b)[0, 1]) >= _CORR:
                return True
    return False


def _thin(img: np.ndarray, axis: int, at: int, s0: int, s1: int, k: int, ahead: bool, start: np.ndarray) -> bool:
    """Whether the coloured run along the cut is a thin line: the lines `_WIDE` px off the cut on
    both sides, along the run, are not its colour on `_OTHER` of it at least."""
    c = np.median(start.astype(np.int16), axis=0)
    rows = slice(s0, s0 + k) if ahead else slice(s1 - k, s1)
    n = img.shape[1] if axis == 1 else img.shape[0]
    for pos in (at - _WIDE - 1, at + _WIDE):
        if not 0 <= pos < n:
            return False
        side = img[rows, pos, :3] if axis == 1 else img[pos, rows, :3]
        if float((np.abs(side.astype(np.int16) - c).max(axis=1) > _SAME).mean()) < _OTHER:
            return False
    return True


def _frame_run(line: np.ndarray) -> int:
    """How far from its start a line of pixels (BGR) keeps one saturated colour (the colour at its
    start), short breaks of `_MISS` pixels allowed: 0 where the start is no saturated colour."""
    c = np.median(line[:8].astype(np.int16), axis=0)
    if float(c.max() - c.min()) < _CHROMA:
        return 0
    same = (np.abs(line.astype(np.int16) - c).max(axis=1) <= _SAME)
    bad = np.flatnonzero(~same)
    if not len(bad):
        return len(line)
    # the run ends at the first break longer than `_MISS`
    k, last = 0, -1
    for i in bad:
        if i == last + 1:
            k += 1
        else:
            k = 1
        last = i
        if k > _MISS:
            return int(i - k + 1)
    return len(line)
