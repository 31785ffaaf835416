"""A plot's axes frame holds one panel: pieces cut inside one frame are joined again, and a piece
holding a row, column or grid of equal ticked frames is cut between them.

Plotting libraries (matplotlib, gnuplot, MATLAB) draw an image or a chart inside an axes frame: a
rectangle of dark lines with tick marks standing out of it, on its bottom or left side at least. What
the frame encloses is one plot, whatever is drawn inside it: an X-ray detector image shows its module
gaps as dark or bright lines right across it, a calibration plot draws rings and grid lines, a
reference line runs through a heat map. The gutter test reads such a line (uniform colour, edge to
edge of the plotting area) as a gutter and cuts the plot into strips. A gutter between panels never
runs inside a frame that has tick marks outside it; a frame round several photos (a border) has none,
so only a ticked frame joins its pieces.

Equal plots stacked with only their tick labels between them (gutters of 2-3 pixels, or none where a
label pokes across) stay one piece in the gutter test; their frames, the same size and lined up in rows
and columns, each hold one plot. Frames of different sizes sharing an axis (an image with marginal
profiles, a plot with a residual strip) are one figure of one plot and are not cut.

Functions take an image and boxes and return boxes; no state."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import Box, channel_max

_DARK = 160         # a frame line's pixels: every channel under this (black or dark grey; a line drawn
                    # across two pixel rows is two rows of mid grey)
_SIDE = 0.9         # a frame side: dark along this share of its length at least
_MIN_SIDE = 24      # a frame: at least this many pixels each way ...
_MIN_SHARE = 0.15   # ... and this share of the figure's width and height
_TICK_LEN = 2       # tick marks: dark for this many pixels outside the side at least ...
_TICK_W = 4         # ... each at most this wide ...
_TICKS = 3          # ... at least this many on the bottom or the left side ...
_TICK_GAP = 6       # ... at least this far apart
_INSIDE = 0.25      # a piece is part of a frame's plot when this share of its area lies within the frame
                    # (a piece of tick labels and a strip of the plot beside them: a third inside)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of the True runs of a 1-D mask."""
    d = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))


def _ticks(strip: np.ndarray) -> bool:
    """A strip just outside a frame side (lines across the side, the side's length along axis 1):
    at least `_TICKS` short marks, each at most `_TICK_W` wide and dark over `_TICK_LEN` lines, spaced
    apart, and dark nowhere else (a line or a neighbouring image touching the side is no tick row)."""
    if strip.shape[0] < _TICK_LEN:
        return False
    marks = strip[:_TICK_LEN].all(axis=0)
    runs = _runs(marks)
    if len(runs) < _TICKS or any(e - s > _TICK_W for s, e in runs):
        return False
    if strip[0].sum() > marks.sum() + 2 * len(runs):   # dark beyond the marks: not a tick row
        return False
    starts = [s for s, _ in runs]
    return min(b - a for a, b in zip(starts, starts[1:])) >= _TICK_GAP


def dark_parts(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The figure's dark pixels (every channel under `_DARK`) and their connected components' stats
    (cv2's rows: x, y, w, h, area; row 0 the background): what `ticked_frames` and the corner plot's
    frames (`corner.corner_triangle`) are read from, computed once per figure by `split_panels`."""
    dark = (channel_max(img) < _DARK) if img.ndim == 3 else (img < _DARK)
    _n, _, stats, _ = cv2.connectedComponentsWithStats(dark.view(np.uint8), connectivity=8)
    return dark, stats


def _frame_sized(stats: np.ndarray, lo_w: float, lo_h: float, W: int, H: int) -> np.ndarray:
    """The rows of components' `stats` (background row 0 left out) at least `lo_w` wide and `lo_h`
    high, not spanning the whole W x H figure: the only components a frame search reads further.
    One comparison over the table, not a Python test per component (a figure has thousands)."""
    st = stats[1:]
    w, h = st[:, 2], st[:, 3]
    return st[(w >= lo_w) & (h >= lo_h) & ~((w >= W - 2) & (h >= H - 2))]


def ticked_frames(img: np.ndarray, parts: tuple[np.ndarray, np.ndarray] | None = None) -> list[Box]:
    """Axes frames of the figure: rectangles of dark lines (`_SIDE` of each side dark), at least
    `_MIN_SIDE` pixels and `_MIN_SHARE` of the figure each way, with tick marks outside the bottom or
    the left side. The box is the frame's inside (its lines excluded). `parts`: `dark_parts(img)`."""
    H, W = img.shape[:2]
    dark, stats = parts if parts is not None else dark_parts(img)
    out: list[Box] = []
    lo_w, lo_h = max(_MIN_SIDE, _MIN_SHARE * W), max(_MIN_SIDE, _MIN_SHARE * H)
    for x, y, w, h, _a in _frame_sized(stats, lo_w, lo_h, W, H):
        d = dark[y:y + h, x:x + w]
        rows = np.flatnonzero(d.mean(axis=1) >= _SIDE)
        cols = np.flatnonzero(d.mean(axis=0) >= _SIDE)
        if len(rows) < 2 or len(cols) < 2:
            continue
        t, b, l, r = y + rows[0], y + rows[-1], x + cols[0], x + cols[-1]
        if b - t < lo_h or r - l < lo_w:
            continue
        if not (dark[t, l:r + 1].mean() >= _SIDE and dark[b, l:r + 1].mean() >= _SIDE
                and dark[t:b + 1, l].mean() >= _SIDE and dark[t:b + 1, r].mean() >= _SIDE):
            continue
        below = dark[b + 1:b + 1 + _TICK_LEN, l + 1:r]
        left = dark[t + 1:b, max(0, l - _TICK_LEN):l][:, ::-1].T
        if _ticks(below) or _ticks(left):
            out.append(Box(int(l + 1), int(t + 1), int(r - l - 1), int(b - t - 1)))
    return out


def _inside(p: Box, f: Box) -> bool:
    ix = min(p.x + p.w, f.x + f.w) - max(p.x, f.x)
    iy = min(p.y + p.h, f.y + f.h) - max(p.y, f.y)
    return ix > 0 and iy > 0 and ix * iy >= _INSIDE * p.w * p.h


def join_in_frames(img: np.ndarray, pieces: list[Box], frames: list[Box] | None = None) -> list[Box]:
    """Pieces lying mostly inside one ticked axes frame (`ticked_frames`) joined into one (their
    union: the plot with its title and tick labels). The same list when no frame holds two pieces."""
    if len(pieces) < 2:
        return pieces
    if frames is None:
        frames = ticked_frames(img)
    out = list(pieces)
    for f in frames:
        inner = [p for p in out if _inside(p, f)]
        if len(inner) < 2:
            continue
        x0 = min(p.x for p in inner)
        y0 = min(p.y for p in inner)
        x1 = max(p.x + p.w for p in inner)
        y1 = max(p.y + p.h for p in inner)
        out = [p for p in out if p not in inner] + [Box(x0, y0, x1 - x0, y1 - y0)]
    return out if len(out) < len(pieces) else pieces


_SAME = 0.03        # equal frames: width and height within this share of each other ...
_ALIGN = 3          # ... their sides lined up within this many pixels
_FLAT = 10          # a background line inside a gap: every pixel within this of the piece's corner colour


def _levels(starts: list[int]) -> list[int]:
    """Distinct positions (within `_ALIGN` of each other counted as one), sorted."""
    out: list[int] = []
    for v in sorted(starts):
        if not out or v - out[-1] > _ALIGN:
            out.append(v)
    return out


def _gap_cut(flat: np.ndarray, lo: int, hi: int) -> int:
    """Where to cut in the gap [lo, hi) between two frames: the middle of its longest run of
    background lines (tick labels sit beside each frame), else the gap's middle."""
    runs = _runs(flat[lo:hi]) if hi > lo else []
    if not runs:
        return (lo + hi) // 2
    s, e = max(runs, key=lambda r: r[1] - r[0])
    return lo + (s + e) // 2


def _ink_box(img: np.ndarray, x0: int, y0: int, x1: int, y1: int, ground: np.ndarray) -> Box:
    c = img[y0:y1, x0:x1].astype(np.int16)
    ink = (np.abs(c - ground).max(axis=-1) > _FLAT) if c.ndim == 3 else (np.abs(c - ground) > _FLAT)
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not len(ys):
        return Box(x0, y0, x1 - x0, y1 - y0)
    return Box(x0 + int(xs[0]), y0 + int(ys[0]), int(xs[-1] - xs[0] + 1), int(ys[-1] - ys[0] + 1))


def _cut_grid(img: np.ndarray, p: Box, fs: list[Box]) -> list[Box] | None:
    """The piece `p` cut between its frames `fs` when they are equal and fill a grid (rows x columns
    lined up), else None."""
    w, h = max(f.w for f in fs), max(f.h for f in fs)
    if any(abs(f.w - w) > _SAME * w or abs(f.h - h) > _SAME * h for f in fs):
        return None
    xs, ys = _levels([f.x for f in fs]), _levels([f.y for f in fs])
    if len(xs) * len(ys) != len(fs):
        return None
    if any(b - a < w for a, b in zip(xs, xs[1:])) or any(b - a < h for a, b in zip(ys, ys[1:])):
        return None     # frames overlapping: no grid
    crop = img[p.y:p.y + p.h, p.x:p.x + p.w].astype(np.int16)
    ground = crop[0, 0]
    off = (np.abs(crop - ground).max(axis=-1) if crop.ndim == 3 else np.abs(crop - ground)) <= _FLAT
    flat_rows, flat_cols = off.all(axis=1), off.all(axis=0)
    cx = [p.x] + [p.x + _gap_cut(flat_cols, a + w + 1 - p.x, b - 1 - p.x) for a, b in zip(xs, xs[1:])] + [p.x + p.w]
    cy = [p.y] + [p.y + _gap_cut(flat_rows, a + h + 1 - p.y, b - 1 - p.y) for a, b in zip(ys, ys[1:])] + [p.y + p.h]
    return [_ink_box(img, cx[j], cy[i], cx[j + 1], cy[i + 1], ground)
            for i in range(len(ys)) for j in range(len(xs))]


def cut_between_frames(img: np.ndarray, pieces: list[Box], frames: list[Box] | None = None) -> list[Box]:
    """Each piece holding two or more ticked axes frames (`ticked_frames`) of one size in a full grid
    cut between them, each cut on the longest run of background lines between two frames (so that
    tick labels stay with their plot). The same list when no piece is cut."""
    if frames is None:
        frames = ticked_frames(img)
    if len(frames) < 2:
        return pieces
    out: list[Box] = []
    for p in pieces:
        fs = [f for f in frames if f.x > p.x and f.y > p.y and f.x + f.w < p.x + p.w and f.y + f.h < p.y + p.h]
        cut = _cut_grid(img, p, fs) if len(fs) >= 2 else None
        out.extend(cut or [p])
    return out if len(out) > len(pieces) else pieces


_PAPER = 200       # a light margin: every channel over this ...
_MARGIN = 0.9      # ... along this share of the figure's outer border


def _on_margin(img: np.ndarray) -> bool:
    """Whether the figure has a light margin all round (its outer rows and columns light): a ticked
    frame's tick labels stand on paper outside it, so a photograph or a scan filling the figure has
    no axes frame and is not looked at (speed: most single images are such photos)."""
    edge = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]])
    lo = edge.min(axis=-1) if edge.ndim == 2 else edge
    return bool((lo > _PAPER).mean() >= _MARGIN)


def frame_pieces(img: np.ndarray, pieces: list[Box], parts: tuple[np.ndarray, np.ndarray] | None = None) -> list[Box]:
    """The gutter split's pieces made to agree with the figure's ticked axes frames: pieces holding a
    grid of equal frames cut between them (`cut_between_frames`), then pieces inside one frame joined
    (`join_in_frames`). `parts`: `dark_parts(img)`, when the caller has it."""
    if not _on_margin(img):
        return pieces
    frames = ticked_frames(img, parts)
    if not frames:
        return pieces
    return join_in_frames(img, cut_between_frames(img, pieces, frames), frames)
