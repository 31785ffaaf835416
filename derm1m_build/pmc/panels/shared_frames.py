"""Plots drawn edge to edge in one frame, parted by shared frame lines that carry ticks, are panels.

Its own module because it is one step of `split_panels` with one job (see `split_shared_frames`).

Why: a plotting program's gallery (gnuplot's multiplot with no margins, matplotlib's subplots
with no space between them) draws its plots in one outer frame, each plot's frame side shared
with its neighbour's: one dark line parts two plots, and nothing but that line lies between them
(set 36's `px_window`, 3 x 3 window functions; `px_bars` and `px_bars2`, bar chart styles in
2 x 2 and 3 x 2). There is no gutter, so the XY-cut finds one piece, and the frame rule
(`axes.ticked_frames`) sees one frame whose ticks point inward. What makes the inner line a
boundary between two plots, not a line of one plot (a zero line, a reference line, a dark grid
line, a table's rule): it runs the whole frame from side to side, as dark and as straight as the
outer frame, and each plot draws its own tick marks on it, short straight marks standing out of
it at right angles and ending in paper (a bar's edge standing on a zero line runs on; a curve
crossing a line slants). A plot's own lines carry no ticks; a heat map's or a table's rules
neither.

Cheap: it reads only pieces a quarter of the figure in area at least, and of each first a glance
(every 4th column for the rows, then every 4th row for the columns) at the share of pixels whose darkest
channel is dark (the figure's darkest channel is read once a split; every dark pixel is among
them) on each row and column (a frame needs three long lines one way and two the other at least);
most figures stop there."""

from __future__ import annotations

import numpy as np

from .figure import darkest_part
from .gutters import Box, channel_max

_DARK = 160         # a frame line's pixels: every channel under this
_AREA = 0.25        # a piece read: this share of the figure's area at least
_LEAST = 150        # ... and this many pixels each way
_LONG = 0.5         # a candidate line: dark along this share of the piece's side at least (one projection)
_THICK = 3          # a line at most this many pixels thick (a thicker dark run is a band, a bar)
_SPAN = 0.95        # a frame line: dark along this share of the frame's side (its longest run, breaks of
_BREAK = 2          # ... at most this many pixels bridged)
_END = 4            # its ends within this many pixels of the frame's sides
_CELL = 0.15        # a plot: at least this share of the frame each way
_TICK = (3, 15)     # a tick mark: dark for this many pixels out of the line, at least and at most ...
_TICK_W = 3         # ... at most this wide, with paper two pixels beside it
_TICKS = 4          # an inner line carries at least this many tick marks (a bar's edge meets two bar tops)
_INK = 0.002        # a plot holds this share of dark pixels inside its frame at least
_MOST = 16          # plots in one frame, at most
_GLANCE = 4         # the first look: every this-many-th column (row) of the piece


def _lines(dark: np.ndarray) -> list[tuple[int, int]]:
    """Rows of `dark` (a piece's dark mask, or a glance at every `_GLANCE`th column of it) dark along
    `_LONG` of their length, grouped into lines (first row, last row) at most `_THICK` rows thick."""
    rows = np.flatnonzero(dark.view(np.uint8).sum(axis=1, dtype=np.int32) >= _LONG * dark.shape[1])
    out: list[list[int]] = []
    for r in rows.tolist():
        if out and r - out[-1][1] <= 1:
            out[-1][1] = r
        else:
            out.append([r, r])
    return [(a, b) for a, b in out if b - a < _THICK]


def _run(row: np.ndarray) -> tuple[int, int]:
    """The longest dark run [start, end) of a 1-D mask, breaks of up to `_BREAK` pixels bridged."""
    idx = np.flatnonzero(row)
    if not idx.size:
        return 0, 0
    cuts = np.flatnonzero(np.diff(idx) > _BREAK + 1)
    starts = np.concatenate(([0], cuts + 1))
    ends = np.concatenate((cuts, [idx.size - 1]))
    k = int(np.argmax(idx[ends] - idx[starts]))
    return int(idx[starts[k]]), int(idx[ends[k]]) + 1


def _spans(dark: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The long lines of `dark` along its rows: (first row, last row, start, end) of each, the
    longest run of its darkest row."""
    out = []
    for a, b in _lines(dark):
        s, e = max((_run(dark[r]) for r in range(a, b + 1)), key=lambda t: t[1] - t[0])
        out.append((a, b, s, e))
    return out


def _ticks(dark: np.ndarray, a: int, b: int, s: int, e: int) -> int:
    """Tick marks standing out of the line on rows a..b (columns s..e) of `dark`: runs of columns
    at most `_TICK_W` wide, dark for `_TICK` pixels out of the line on one side at least, with
    paper two columns beside them there, and not dark on beyond (a tick ends; a bar's edge runs
    on)."""
    return len(tick_marks(dark, a, b, s, e))


def tick_marks(dark: np.ndarray, a: int, b: int, s: int, e: int) -> list[int]:
    """The columns (each mark's first) of the tick marks `_ticks` counts, on both sides of the line."""
    lo, hi = _TICK
    found: list[int] = []
    for side in (dark[max(0, a - hi - 1):a][::-1], dark[b + 1:b + 2 + hi]):
        if side.shape[0] < hi + 1:
            continue
        stem = side[:lo, s:e].all(axis=0)
        ends = ~side[lo:hi + 1, s:e].all(axis=0)
        marks = np.flatnonzero(stem & ends) + s
        if not marks.size:
            continue
        cuts = np.flatnonzero(np.diff(marks) > 1)
        for m0, m1 in zip(np.concatenate(([marks[0]], marks[cuts + 1])), np.concatenate((marks[cuts], [marks[-1]]))):
            if m1 - m0 + 1 > _TICK_W or m0 - 2 < 0 or m1 + 3 > side.shape[1]:
                continue
            if not side[:lo, m0 - 2].any() and not side[:lo, m1 + 2].any():
                found.append(int(m0))
    return found


def _grid(dark: np.ndarray) -> tuple[list[int], list[int]] | None:
    """The frame's line positions (rows, columns: the outer sides first and last, the shared lines
    between) where `dark` (a piece) is a frame parted by ticked shared lines, else None."""
    found = frame_grid(dark)
    if found is None:
        return None
    ys, xs, inner, inner_v = found
    t = dark.T
    if any(_ticks(dark, *sp) < _TICKS for sp in inner) or any(_ticks(t, *sp) < _TICKS for sp in inner_v):
        return None
    return (ys, xs) if cells_inked(dark, ys, xs) else None


def frame_grid(dark: np.ndarray):
    """(rows, columns, inner row lines, inner column lines) of a frame parted by shared lines across
    it, each line running the frame's length (the outer sides first and last in the positions), else
    None. A side may be missing where the lines run to the piece's edge (a gallery cropped through
    its last plots). The lines are spans (first, last, start, end) as `_spans` gives them."""
    rows, cols = _spans(dark), _spans(dark.T)
    if len(rows) + len(cols) < 5 or len(rows) < 2 or len(cols) < 2:
        return None
    h, w = dark.shape
    x0, x1 = min(s for *_, s, _e in rows), max(e for *_, _s, e in rows)
    y0, y1 = min(s for *_, s, _e in cols), max(e for *_, _s, e in cols)

    def frame_lines(spans, lo, hi):
        return [sp for sp in spans if sp[3] - sp[2] >= _SPAN * (hi - lo)
                and abs(sp[2] - lo) <= _END and abs(sp[3] - hi) <= _END]

    hs, vs = frame_lines(rows, x0, x1), frame_lines(cols, y0, y1)
    if not hs or not vs:
        return None

    def sides(lines, lo, hi, size):
        """Positions along the frame: each line's middle; an outer side missing only where the
        lines across run to the piece's edge."""
        pos = [(a + b) // 2 for a, b, *_ in lines]
        first = pos and abs(pos[0] - lo) <= _END
        last = pos and abs(pos[-1] - (hi - 1)) <= _END
        if not first:
            if lo > _END:
                return None
            pos = [0] + pos
        if not last:
            if hi < size - _END:
                return None
            pos = pos + [size - 1]
        return pos

    ys, xs = sides(hs, y0, y1, h), sides(vs, x0, x1, w)
    if ys is None or xs is None or len(ys) + len(xs) < 5 or (len(ys) - 1) * (len(xs) - 1) > _MOST:
        return None
    if min(np.diff(ys)) < _CELL * (ys[-1] - ys[0]) or min(np.diff(xs)) < _CELL * (xs[-1] - xs[0]):
        return None
    inner = [sp for sp in hs if ys[0] < (sp[0] + sp[1]) // 2 < ys[-1]]
    inner_v = [sp for sp in vs if xs[0] < (sp[0] + sp[1]) // 2 < xs[-1]]
    if not inner and not inner_v:
        return None
    return ys, xs, inner, inner_v


def cells_inked(dark: np.ndarray, ys: list[int], xs: list[int]) -> bool:
    """Whether every cell between the lines holds ink (`_INK` of it dark at least)."""
    for ya, yb in zip(ys, ys[1:]):
        for xa, xb in zip(xs, xs[1:]):
            cell = dark[ya + 3:yb - 2, xa + 3:xb - 2]
            if not cell.size or cell.mean() < _INK:
                return False
    return True


def _dark(a: np.ndarray) -> np.ndarray:
    """The dark mask of a (every channel under `_DARK`)."""
    return (channel_max(a) < _DARK) if a.ndim == 3 else (a < _DARK)


def _ink_box(dark: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> Box | None:
    """The box of the ink of `dark`'s region [x0, x1) x [y0, y1) (piece coordinates)."""
    part = dark[y0:y1, x0:x1]
    r, c = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
    if not r.size:
        return None
    return Box(x0 + int(c[0]), y0 + int(r[0]), int(c[-1] - c[0]) + 1, int(r[-1] - r[0]) + 1)


def _cells(img: np.ndarray, p: Box, grid=_grid) -> list[Box] | None:
    """The plots of piece p when it is a frame parted by ticked shared lines (`_grid`), each the
    ink of its cell (the outer cells reach the piece's sides: their tick labels and axis titles), in
    figure coordinates; None otherwise."""
    least = darkest_part(img, p.x, p.y, p.x + p.w, p.y + p.h)   # a dark pixel's darkest channel is dark
    rows = _lines(least[:, ::_GLANCE] < _DARK)
    if len(rows) < 2:
        return None
    cols = _lines((least[::_GLANCE] < _DARK).T)
    if len(cols) < 2 or len(rows) + len(cols) < 5:
        return None   # the glance: no frame of three lines one way and two the other
    dark = _dark(img[p.y:p.y + p.h, p.x:p.x + p.w])
    found = grid(dark)
    if found is None:
        return None
    ys, xs = found
    ys = [0] + ys[1:-1] + [p.h]
    xs = [0] + xs[1:-1] + [p.w]
    out = []
    for ya, yb in zip(ys, ys[1:]):
        for xa, xb in zip(xs, xs[1:]):
            b = _ink_box(dark, xa, ya, xb + 1, yb + 1)
            if b is None:
                return None
            out.append(Box(p.x + b.x, p.y + b.y, b.w, b.h))
    return out


def split_shared_frames(img: np.ndarray, out: list[Box], grid=_grid) -> list[Box]:
    """Each piece that is one frame parted by ticked shared lines into plots (see the module) cut
    into its plots; `out` itself where none is. `grid` tells the frame's lines (`_grid`: shared
    lines carrying ticks; `tick_restarts` passes its own test)."""
    H, W = img.shape[:2]
    res: list[Box] = []
    changed = False
    for p in out:
        cells = None
        if p.w >= _LEAST and p.h >= _LEAST and p.w * p.h >= _AREA * H * W:
            cells = _cells(img, p, grid)
        if cells:
            res.extend(cells)
            changed = True
        else:
            res.append(p)
    return res if changed else out
