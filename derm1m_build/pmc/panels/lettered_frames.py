"""Plots whose titles each start with their own panel letter ("a) ...", "(b) ...") are panels, one
per axes frame, even where a narrow plot beside a wide one was taken for its sliver.

Its own module because it is one step of `split_panels` with one job (see `split_lettered_frames`).

Why: a figure of plots of different sizes (a wavelet spectrum with its global spectrum beside it,
set 37's `cw_nino3`, `cw_mauna`, `cw_sunspots`) sets a narrow plot beside a wide one; the XY-cut
finds the paper column between them, but the narrow plot is under `xycut._MINOR` of its
neighbour's width and joins it as a sliver (an axis strip, a legend), and frames of different sizes
sharing an axis are one plot to the frame rule (`axes`: an image with its marginal profiles). The
figure says otherwise, in print: each plot's title starts with a letter and a bracket, "b) ..."
over the wide plot and "c) ..." over the narrow one, so the author counts them as two panels.
A marginal profile, a residual strip or a colour key carries no lettered title of its own.

The rule: a piece holding two ticked axes frames (`axes.ticked_frames`) or more, side by side or
one over another, each with a title line over it whose first mark is a letter label (one glyph
then a ")" bowed like a bracket, `glyphs._bracket_side`, with or without a "(" before it, words
after it), is cut along the paper columns (rows) that run through the whole piece between the
frames, one cut between each two, each part holding one frame. No letter is read: the label's
shape is enough, and it must head every frame of the piece.

Cheap: it reads nothing unless `split_panels` read the figure's dark parts (a figure on a light
margin) and a piece holds two frame-sized components of them (`frame_parts.held_twice`); then
only those components, and print bands over frames of pieces holding two frames at least."""

from __future__ import annotations

import cv2
import numpy as np

from .axes import ticked_frames
from .glyphs import _bracket_side
from .figure import darkest
from .frame_parts import held_twice
from .gutters import Box

_INK = 128          # a glyph's pixels: darkest channel under this
_BAND = (0.015, 0.06)   # a label's bracket: this share of the figure's longer side tall (least, most)
_ABOVE = 4          # the title's label ends within this many bracket heights over the frame's top
_LEFT = 2           # ... starts no more than this many bracket heights left of the frame's side
_NEXT = 0.4         # the letter's gap to its ")" at most this share of the bracket's height
_WORDS = (0.15, 1.5)    # the title's next mark this many bracket heights after the ")" (least, most)
_ALONE = 1.0        # paper this many bracket heights left of the label on its line (it heads its line)


def _labelled(grey: np.ndarray, f: Box, H: int, W: int) -> bool:
    """Whether frame f has a title over it headed by a letter label ("c) ...", "(c) ...")."""
    lo, hi = (max(6, int(s * max(H, W))) for s in _BAND)
    y0, y1 = max(0, f.y - _ABOVE * hi), f.y
    x0, x1 = max(0, f.x - _LEFT * hi), min(W, f.x + f.w)
    if y1 - y0 < lo:
        return False
    band = grey[y0:y1, x0:x1] < _INK
    n, labels, st, _ = cv2.connectedComponentsWithStats(band.view(np.uint8), connectivity=8)
    if n < 3:
        return False
    # the title line nearest the frame: glyph-sized marks, the lowest line of them
    sizes = (st[:, 3] >= 0.3 * lo) & (st[:, 3] <= hi)
    sizes[0] = False
    marks = np.flatnonzero(sizes)
    if len(marks) < 3:
        return False
    for k in marks:
        x, y, w, h = (int(v) for v in st[k, :4])
        if not lo <= h <= hi or _bracket_side(labels[y:y + h, x:x + w] == k) != ")":
            continue
        line = marks[(st[marks, 1] + st[marks, 3] >= y) & (st[marks, 1] <= y + h)]
        left = line[st[line, 0] + st[line, 2] <= x]
        right = line[st[line, 0] >= x + w]
        if not len(left) or not len(right):
            continue
        letter = left[np.argmax(st[left, 0] + st[left, 2])]
        lx, ly, lw, lh = (int(v) for v in st[letter, :4])
        if x - (lx + lw) > _NEXT * h or lw > h or lh < 0.35 * h or ly + lh > y + h:
            continue
        head = lx
        before = left[left != letter]
        if len(before):
            px = int(np.argmax(st[before, 0] + st[before, 2]))
            b = before[px]
            bx, by, bw, bh = (int(v) for v in st[b, :4])
            if lx - (bx + bw) <= _NEXT * h and _bracket_side(labels[by:by + bh, bx:bx + bw] == b) == "(":
                head = bx
                before = before[before != b]
        if len(before) and int((st[before, 0] + st[before, 2]).max()) > head - _ALONE * h:
            continue   # a bracket inside the title, not its head
        nxt = int(st[right, 0].min()) - (x + w)
        if not _WORDS[0] * h <= nxt <= _WORDS[1] * h:
            continue
        return True
    return False


def _paper_cuts(grey: np.ndarray, p: Box, frames: list[Box], axis: int) -> list[int] | None:
    """The cut positions (figure columns, or rows where axis is 0) through piece p between its
    frames sorted along the axis: the middle of the paper run of whole-piece lines between each
    two neighbours; None where two frames overlap along the axis or no paper runs between them."""
    if axis == 1:
        lo, ext, start = (lambda f: f.x), (lambda f: f.w), p.x
        prof = (grey[p.y:p.y + p.h, p.x:p.x + p.w] < _INK).any(axis=0)
    else:
        lo, ext, start = (lambda f: f.y), (lambda f: f.h), p.y
        prof = (grey[p.y:p.y + p.h, p.x:p.x + p.w] < _INK).any(axis=1)
    fs = sorted(frames, key=lo)
    cuts = []
    for a, b in zip(fs, fs[1:]):
        s, e = lo(a) + ext(a) - start, lo(b) - start
        if e <= s:
            return None
        paper = np.flatnonzero(~prof[s:e])
        if not paper.size:
            return None
        runs = np.split(paper, np.flatnonzero(np.diff(paper) > 1) + 1)
        run = max(runs, key=len)
        cuts.append(start + s + int(run[len(run) // 2]))
    return cuts


def _ink_box(grey: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> Box | None:
    part = grey[y0:y1, x0:x1] < _INK
    r, c = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
    if not r.size:
        return None
    return Box(x0 + int(c[0]), y0 + int(r[0]), int(c[-1] - c[0]) + 1, int(r[-1] - r[0]) + 1)


def _cut(grey: np.ndarray, p: Box, frames: list[Box]) -> list[Box] | None:
    """Piece p cut between its lettered frames: across first, then down; None where neither cuts."""
    for axis in (1, 0):
        cuts = _paper_cuts(grey, p, frames, axis)
        if not cuts:
            continue
        if axis == 1:
            edges = [p.x] + cuts + [p.x + p.w]
            parts = [_ink_box(grey, a, p.y, b, p.y + p.h) for a, b in zip(edges, edges[1:])]
        else:
            edges = [p.y] + cuts + [p.y + p.h]
            parts = [_ink_box(grey, p.x, a, p.x + p.w, b) for a, b in zip(edges, edges[1:])]
        if all(q is not None for q in parts):
            return parts
    return None


def _holds(p: Box, f: Box) -> bool:
    return p.x <= f.x and p.y <= f.y and f.x + f.w <= p.x + p.w and f.y + f.h <= p.y + p.h


def split_lettered_frames(img: np.ndarray, out: list[Box], parts: tuple | None) -> list[Box]:
    """Pieces holding several ticked frames, each under a title headed by a letter label, cut
    between the frames (see the module); `out` itself where none is. `parts`: `axes.dark_parts`
    of the figure, or None where it was not read (then nothing is done)."""
    if parts is None or not out or not held_twice(img, out, parts):
        return out
    frames = ticked_frames(img, parts)
    if len(frames) < 2:
        return out
    held = [[f for f in frames if _holds(p, f)] for p in out]
    if not any(len(h) >= 2 for h in held):
        return out
    H, W = img.shape[:2]
    grey = darkest(img)
    res: list[Box] = []
    for p, fs in zip(out, held):
        cut = None
        if len(fs) >= 2 and all(_labelled(grey, f, H, W) for f in fs):
            cut = _cut(grey, p, fs)
        res.extend(cut or [p])
    return res if len(res) > len(out) else out
