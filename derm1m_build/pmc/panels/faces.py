"""Flat faces with drawing on them: a picture's face (an image placeholder's grey box with its cross and
its word, a program window's face with its fields) is one panel, never a mosaic's tile, and never
two panels where a line drawn on it runs from edge to edge.

A mosaic plot's tiles are flat fills inside a darker frame, spaced like panels; `charts._tiles_facing`
joins pieces whose facing sides are such tiles. A placeholder box or a window's face reads the same
along its edge, but a tile is one fill from frame to frame, while a face is drawn on: going in from
its edge, thin dark marks (a line, a letter's stroke) break the fill and the same fill goes on after
them (`drawn_face`). The XY-cut also cuts such a face at a line drawn across it from edge to edge (a
placeholder's cross), a uniform line with the same flat face on both sides; the pieces either side of
such a seam are one face again (`join_cut_faces`). Its own module because both read one face's fill,
which no other step asks about."""

from __future__ import annotations

import numpy as np

from .gutters import Box
from .pairs import join_while

_DEPTH = 0.03     # the face's frame lies within this share of the figure's side from the piece's edge
_FLAT = 2         # a face pixel: every channel within this of the face's fill
_MARK = 4         # a mark drawn on the face: at most this many pixels across the line read ...
_MARK_DARK = 12   # ... and darker than the fill by this at least (luma), somewhere in it
_DRAWN = 0.25     # a drawn face: this share of the lines along the shared extent cross such a mark
_PAPER = 236      # luma of paper (a face's fill is darker)
_SEAM = 3         # pieces this close (px) share a seam ...
_SEAM_SIDE = 0.9  # ... along this share of the shorter side ...
_SEAM_SAME = 0.6  # ... with the same flat fill either side on this share of it (a word drawn across the seam: the rest),
                  # and the seam a line darker than the fill (`_MARK_DARK`) on this share
_FACE_DARK = 40   # a face's fill: some channel at least this (a black ground is a photograph's, not a face)


def _luma(a: np.ndarray) -> np.ndarray:
    return (a[..., 0] * 29 + a[..., 1] * 150 + a[..., 2] * 77) >> 8


def _inward(img: np.ndarray, b: Box, side: int, lo: int, hi: int) -> np.ndarray:
    """Piece b's pixels over [lo, hi) along its side (0 top, 1 bottom, 2 left, 3 right), each line
    running from that side inward across the whole piece (int32, lines x depth x 3)."""
    if side == 0:
        part = img[b.y:b.y + b.h, lo:hi].swapaxes(0, 1)
    elif side == 1:
        part = img[b.y:b.y + b.h, lo:hi][::-1].swapaxes(0, 1)
    elif side == 2:
        part = img[lo:hi, b.x:b.x + b.w]
    else:
        part = img[lo:hi, b.x:b.x + b.w][:, ::-1]
    if part.ndim == 2:
        part = np.repeat(part[..., None], 3, axis=2)
    return part[..., :3].astype(np.int32)


def drawn_face(img: np.ndarray, b: Box, side: int, lo: int, hi: int) -> bool:
    """Whether piece b's side over [lo, hi) is the edge of a face drawn on: on `_DRAWN` of the lines
    going in from that side, past the first ink (the frame) the fill (the colour 3 px in) runs, is
    broken by a thin mark darker than it (at most `_MARK` px: a line, a letter's stroke) and goes on
    in the same colour after it. A mosaic tile's fill runs unbroken to its far frame, after which
    comes paper or another tile's frame, never the same fill right after a thin mark."""
    lines = _inward(img, b, side, lo, hi)
    n, depth = lines.shape[:2]
    d0 = max(6, int(_DEPTH * max(img.shape[:2])))
    if n < 8 or depth < d0 + 12:
        return False
    luma = _luma(lines)
    inked = luma[:, :d0] < _PAPER
    has = inked.any(axis=1)
    first = inked.argmax(axis=1)
    drawn = 0
    for k in np.flatnonzero(has):
        f = int(first[k]) + 3
        fill = lines[k, f]
        fl = int(luma[k, f])
        if fl >= _PAPER:
            continue
        face = (np.abs(lines[k, f:] - fill).max(axis=1) <= _FLAT)
        off = np.flatnonzero(~face)
        if not len(off):
            continue
        # runs of non-face pixels: a short dark one with the face on both sides is a mark
        starts = off[np.r_[True, np.diff(off) > 1]]
        ends = off[np.r_[np.diff(off) > 1, True]]
        for s, e in zip(starts, ends):
            if e + 1 >= len(face):
                break
            if e - s + 1 <= _MARK and int(luma[k, f + s:f + e + 1].min()) <= fl - _MARK_DARK:
                drawn += 1
                break
    return drawn >= _DRAWN * n


def _seam_fill(img: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether a and b (b right of a, axis 1, or under it, axis 0) meet at a seam with one flat
    non-paper fill on both sides: the pixels 2 px either side of it equal, not paper, not black and of
    one tone along `_SEAM_SAME` of their shared extent, and the seam a darker line (ink on the face)."""
    if axis == 1:
        lo, hi = max(a.y, b.y), min(a.y + a.h, b.y + b.h)
        x = a.x + a.w
        if hi - lo < _SEAM_SIDE * min(a.h, b.h) or x - 3 < 0 or b.x + 2 >= img.shape[1]:
            return False
        p, q = img[lo:hi, x - 3], img[lo:hi, b.x + 2]
        seam = img[lo:hi, x - 1:b.x + 1]
    else:
        lo, hi = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
        y = a.y + a.h
        if hi - lo < _SEAM_SIDE * min(a.w, b.w) or y - 3 < 0 or b.y + 2 >= img.shape[0]:
            return False
        p, q = img[y - 3, lo:hi], img[b.y + 2, lo:hi]
        seam = img[y - 1:b.y + 1, lo:hi].swapaxes(0, 1)
    if p.ndim == 1:
        p, q, seam = p[:, None], q[:, None], seam[..., None]
    p, q = p[..., :3].astype(np.int32), q[..., :3].astype(np.int32)
    same = (np.abs(p - q).max(axis=1) <= _FLAT) & (p.min(axis=1) < _PAPER)
    if same.mean() < _SEAM_SAME:
        return False
    tone = np.median(p[same], axis=0)
    if int(tone.max()) < _FACE_DARK or float((np.abs(p - tone).max(axis=1) <= _FLAT).mean()) < _SEAM_SAME:
        return False
    # the seam itself: a line drawn on the face is darker than it (ink); the white line between two
    # photographs on black grounds is lighter
    line = _luma(seam[..., :3].astype(np.int32)).min(axis=1)
    return float((line <= _luma(tone[None].astype(np.int32))[0] - _MARK_DARK).mean()) >= _SEAM_SAME


def join_cut_faces(img: np.ndarray, boxes: list[Box]) -> list[Box]:
    """`boxes` with pieces that meet at a seam (at most `_SEAM` px apart, sharing `_SEAM_SIDE` of the
    shorter side) with one flat non-paper fill on both sides (`_seam_fill`) joined: a line drawn
    across one face (a placeholder's cross) is no gutter. Panels set edge to edge meet at a photo's
    edge or with paper or different faces either side; a seam inside one flat fill is neither."""
    if len(boxes) < 2:
        return boxes
    return join_while(boxes, lambda a, b: 0 <= b.x - (a.x + a.w) <= _SEAM and _seam_fill(img, a, b, 1)
                      or 0 <= b.y - (a.y + a.h) <= _SEAM and _seam_fill(img, a, b, 0))
