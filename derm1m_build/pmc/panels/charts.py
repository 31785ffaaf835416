"""Joins after the XY-cut: pieces of one chart made one panel again (a line across the gutter, an arrow,
a slanted tree edge, a zoom inset's lines, a mosaic's facing tiles, sub-photos of one panel, an image's
colour bar), a single chart's facets, labels printed under panels, regular rows, and the scale candidates `split_panels`
chooses between.

These rules read whole pieces, not one region's lines, so they live apart from the cut (`xycut.py`,
`gutters.py`); each says why two pieces are one panel, which is what over-splitting got wrong."""

from __future__ import annotations

import math

import cv2
import numpy as np

from .gutters import Box, _edge_cuts, _overlaps, _union, channel_max, channel_min
from .glyphs import _bracket_side
from .pixels import flat_share, median, top_counts
from . import figure
from .memo import per_figure
from .faces import drawn_face
from .xycut import (_piece_between, _alike, _cut_gaps, _cut_leaves, _gutter_levels, _inner_gap, _leaves, _minor_merge,
    _photo_piece, _text_only, _union_all, layout)


_LINE_EXT = 0.5   # a line joining two pieces runs this share of the smaller one's extent into each
_LINE_INK = 0.1   # ... inked along at least this share of that run (a dotted reference line: about a third)
_LINE_BREAK = 12  # ... with breaks of at most this many pixels (a dotted line's spacing) ...
_LINE_GAP = 2     # ... and across the gutter at most this (solid) or breaks all of one length (dotted)


def _crossing_line(ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether one line (a frame, an axis, a dotted reference line) runs from piece a across the
    paper gutter between them into piece b (b follows a down, axis 0, or across, axis 1): the
    XY-cut takes a white band crossed by a line or two as a gutter (0.4 % of its pixels inked), which
    cuts one chart's rows (a forest plot's studies, a coefficient plot's bars) into strips. The line
    is inked through both pieces with paper beside it, its longest break at most `_LINE_BREAK`, and
    across the gutter it is solid (a break of at most `_LINE_GAP`) or dotted (no break longer than its
    usual spacing): two separately framed plots have solid frames and a blank gutter between them,
    and a "dotted" line between two pieces framed along their facing edges (`_framed_facing`) must
    be dotted in both (`_dotted_both`): broken on one side only, it is their frames' lines cut by
    what stands next to the gutter (a panel letter's box)."""
    if axis == 1:
        return _crossing_line(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 0)
    g0, g1 = a.y + a.h, b.y
    if g1 <= g0:
        return False
    x0, x1 = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
    gutter = ink[g0:g1, x0:x1]
    if x1 - x0 < 3 or gutter.size and np.count_nonzero(gutter) / gutter.size > 0.02:  # (a count: a mean is slow)
        return False  # no shared extent, or the gutter is no paper band
    ext = int(_LINE_EXT * min(a.h, b.h))
    y0, y1 = max(0, g0 - ext), g1 + ext
    bx0, bx1 = max(0, x0 - 5), min(ink.shape[1], x1 + 5)  # the line may be the pieces' edge
    band = ink[y0:y1, bx0:bx1]
    col = band[:, 1:-1] | band[:, :-2] | band[:, 2:]  # a line a pixel off straight stays one line
    n, m = col.shape
    if m < 9:
        return False
    # candidates: inked above and below the gutter, within the shared extent, with paper beside
    # them on most of their run (a line, not a photo's or a block's inside)
    paper = band.mean(axis=0) <= 0.3
    xs = np.arange(m)
    ok = ((col[:g0 - y0].mean(axis=0) >= _LINE_INK) & (col[g1 - y0:].mean(axis=0) >= _LINE_INK)
          & (xs >= 3) & (xs + 6 <= band.shape[1]) & (bx0 + xs + 1 >= x0) & (bx0 + xs + 1 < x1))
    ok[3:m] &= paper[:m - 3]
    ok[:m] &= np.concatenate((paper[5:], np.zeros(max(0, m - (band.shape[1] - 5)), bool)))[:m]
    framed = None
    for x in ok.nonzero()[0].tolist():   # (1-D: `nonzero` and a subtraction, not numpy's slower wrappers)
        c = col[:, x]
        pos = c.nonzero()[0]
        if pos[0] > _LINE_BREAK or n - 1 - pos[-1] > _LINE_BREAK:
            continue
        gaps = pos[1:] - pos[:-1] - 1
        if gaps.max() > _LINE_BREAK:
            continue
        # the line goes on across the gutter: solid (a break of a pixel or two), or dotted, no
        # break longer than its usual spacing (marks crossing it only shorten some; sparse marks
        # inside a plot or a photo break irregularly)
        over = (pos[1:] > g0 - y0) & (pos[:-1] < g1 - y0 - 1)
        across = int(gaps[over].max(initial=0))
        breaks = gaps[gaps > 0]
        if across <= _LINE_GAP:
            return True
        if len(breaks) >= 4 and breaks.max() <= median(breaks) + 3:
            if framed is None:
                framed = _framed_facing(ink, a, b)
            if not framed or _dotted_both(pos, gaps, g0 - y0, g1 - y0):
                return True
    return False


_PLATE_LONG = 8      # a drawn symbol's plate is at least this many pixels long ...
_PLATE_SIDE = 0.15   # ... and at most this share of the figure's longer side (a frame runs further) ...
_PLATE_DEPTH = 6     # ... it lies within this many lines of its piece's facing edge ...
_PLATE_THICK = 4     # ... is at most this many lines thick ...
_PLATE_WIRE = 4      # ... with only a wire (this many lines at least) leaving its middle away from the gap ...
_PLATE_GAP = 0.6     # ... the gap between the two plates at most this share of their length ...
_PLATE_ALIGN = 0.15  # ... their middles within this share of the longer (2 px at least) of each other ...
_PLATE_SHORT = 0.4   # ... the shorter at least this share of the longer (a cell's short plate)


def _plates(strip: np.ndarray, side: int) -> list[tuple[int, int, bool]]:
    """The plates of drawn symbols at a piece's facing edge, as (start, end, wired) along the edge.
    `strip` is the piece's ink turned so that line 0 faces the gap. A plate is a short straight
    stroke in the edge's first `_PLATE_DEPTH` lines, at most `_PLATE_THICK` thick, with paper
    between it and the gap; it is wired when, on its far side, nothing but a wire leaves from its
    middle (a capacitor's plate, a cell's terminal). A frame's side turns at its corners (ink at
    the stroke's ends beyond it), an axis carries ticks: no wired plate. An unwired one (a box's
    edge) only counts facing a wired one (a microphone's or crystal's symbol: a plate over a box)."""
    n, m = strip.shape
    if n < _PLATE_DEPTH + _PLATE_WIRE + 2 or m < _PLATE_LONG:
        return []
    found: list[tuple[int, int, bool]] = []
    for r in range(_PLATE_DEPTH):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], strip[r].view(np.int8), [0]))))
        for s, e in zip(edges[::2].tolist(), edges[1::2].tolist()):
            if _PLATE_LONG <= e - s <= _PLATE_SIDE * side and all(abs(s - f[0]) > 2 or abs(e - f[1]) > 2 for f in found):
                plate = _plate_at(strip, r, s, e)
                if plate is not None:
                    found.append((s, e, plate))
    return found


def _plate_at(strip: np.ndarray, r: int, s: int, e: int) -> bool | None:
    """For a stroke over [s, e) in line r of `strip` (see `_plates`): None when it is no plate
    (ink between it and the gap, or thicker than `_PLATE_THICK`), else whether it is wired."""
    n, m = strip.shape
    lo, hi = max(0, s - 2), min(m, e + 2)
    full = strip[:, s:e].mean(axis=1) >= 0.9
    top = r
    while top > 0 and full[top - 1]:
        top -= 1
    if strip[:top, lo:hi].any():
        return None  # ink between the stroke and the gap: no plate facing it
    bottom = r + 1
    while bottom < n and full[bottom]:
        bottom += 1
    if bottom - top > _PLATE_THICK or bottom + _PLATE_WIRE + 1 > n:
        return None
    beyond = strip[bottom + 1:bottom + 1 + _PLATE_WIRE + 2, lo:hi]
    cols = np.flatnonzero(beyond.any(axis=0))
    centre = (s + e) / 2 - lo
    reach = max(3.0, 0.15 * (e - s))
    if cols.size == 0 or np.abs(cols - centre).max() > reach:
        return False  # the stroke's ends go on (a frame's corners) or more than a wire leaves it
    wire = beyond[:_PLATE_WIRE, max(0, int(centre - reach)):int(centre + reach) + 1]
    return bool(wire.any(axis=1).all())


def _plates_facing(ink: np.ndarray, a: Box, b: Box, axis: int, seen: dict | None = None) -> bool:
    """Whether the gutter between pieces a and b (b follows a down, axis 0, or across, axis 1) is
    the gap of a drawn symbol: the pieces end at it in plates (`_plates`) centred on one another
    (as long, or a cell's long and short plates), one wired at least, at most `_PLATE_GAP` of their length apart with paper between. A
    circuit's capacitor ("1uF" between two wires) leaves a band of paper right across a schematic
    drawn as a thin column or row, and the XY-cut took it for a gutter between panels. Two framed
    panels face each other with frame sides that turn at their corners; plots with ticked axes.
    `seen` keeps each piece's plates by edge: they depend on the piece alone, and a figure's join
    rounds ask about every pair of pieces."""
    if axis == 1:
        return _plates_facing(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 0,
                              None if seen is None else seen.setdefault("across", {}))
    g0, g1 = a.y + a.h, b.y
    side = max(ink.shape)
    if g1 <= g0 or g1 - g0 > _PLATE_GAP * _PLATE_SIDE * side:
        return False  # no plate is long enough to face another across a gap this wide
    seen = {} if seen is None else seen
    key = ("end", a.x, a.y, a.w, a.h)
    if key not in seen:
        seen[key] = _plates(ink[a.y:g0, a.x:a.x + a.w][::-1], side)
    above = seen[key]
    if not above:
        return False
    key = ("start", b.x, b.y, b.w, b.h)
    if key not in seen:
        seen[key] = _plates(ink[b.y:b.y + b.h, b.x:b.x + b.w], side)
    below = seen[key]
    for sa, ea, wa in above:
        sa, ea = sa + a.x, ea + a.x
        for sb, eb, wb in below:
            sb, eb = sb + b.x, eb + b.x
            length, short = max(ea - sa, eb - sb), min(ea - sa, eb - sb)
            if (wa or wb) and abs(sa + ea - sb - eb) <= 2 * max(2.0, _PLATE_ALIGN * length) \
                    and short >= _PLATE_SHORT * length and g1 - g0 <= _PLATE_GAP * length \
                    and not ink[g0:g1, min(sa, sb):max(ea, eb)].any():
                return True
    return False


_FRAME_EDGE = 3    # a piece's frame line lies within this many lines of its edge ...
_FRAME_ALONG = 0.9  # ... inked along at least this share of the piece's side


_DOT_SIDE = 2  # a dotted line crossing between framed pieces is broken this many times at least in each


def _dotted_both(pos: np.ndarray, gaps: np.ndarray, g0: int, g1: int) -> bool:
    """Whether a line broken like a dotted one (inked at `pos`, `gaps` between them) is broken
    `_DOT_SIDE` times at least on each side of the gutter [g0, g1): a dotted reference line down
    two framed plots is dotted through both. A frame's axis line cut by a panel letter's white box
    next to the gutter is broken on that side only."""
    starts = pos[:-1][gaps > 0]
    ends = pos[1:][gaps > 0]
    return int(np.count_nonzero(ends <= g0)) >= _DOT_SIDE and int(np.count_nonzero(starts >= g1 - 1)) >= _DOT_SIDE


def _framed_facing(ink: np.ndarray, a: Box, b: Box) -> bool:
    """Whether a and b (b under a) each have a frame line along the edge facing the other: a line
    within `_FRAME_EDGE` lines of a's bottom and of b's top, inked along `_FRAME_ALONG` of that
    piece's width. Two separately framed charts side by side; a line crossing the gutter between
    them with a few breaks of one length on one side only (a panel letter's white box and strokes
    cutting the axis line next to it, `_dotted_both`) is no dotted reference line of one chart."""
    def framed(rows: np.ndarray, w: int) -> bool:
        return rows.size > 0 and bool((rows.sum(axis=1) >= _FRAME_ALONG * w).any())

    return framed(ink[max(a.y, a.y + a.h - _FRAME_EDGE):a.y + a.h, a.x:a.x + a.w], a.w) \
        and framed(ink[b.y:min(b.y + b.h, b.y + _FRAME_EDGE), b.x:b.x + b.w], b.w)


def _arrow_into(ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether piece a ends in an arrow pointing at piece b's frame across a thin gap (b follows a
    down, axis 0, or across, axis 1): a flowchart's boxes joined by arrows (brms 2017 fig 1) are cut
    where an arrow's tip stops a few pixels short of the next box, so each box came out as a panel.
    From a's last inked line back: a narrow ink run (the arrow; at most 4 % of the shared extent
    wide, 12 px at least) at least 8 lines long, widening to a head at least 2.5 times its shaft
    near the tip, starting at a frame line (inked along 30 % of the shared extent); b's first inked
    line, at most 4 px past a's end and the tip, is a frame line under the arrow. Two framed panels
    have no arrow between them; a chart's axis ends in no frame."""
    if axis == 1:
        return _arrow_into(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 0)
    x0, x1 = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
    ext = x1 - x0
    if ext < 20 or b.y < a.y + a.h - 1:
        return False
    part = ink[a.y:a.y + a.h, x0:x1]
    rows = np.flatnonzero(part.any(axis=1))
    if not len(rows):
        return False
    last = int(rows[-1])
    narrow = max(12, int(0.04 * ext))
    spans, centre, k = [], None, last
    while k >= 0:
        xs = np.flatnonzero(part[k])
        if not len(xs):
            return False  # a break in the arrow: no arrow
        if xs[-1] - xs[0] + 1 > narrow:
            break
        spans.append(len(xs))
        centre = (xs[0] + xs[-1]) / 2 if centre is None else centre
        k -= 1
    if k < 0 or len(spans) < 8 or int(part[k].sum()) < 0.3 * ext:
        return False
    spans = spans[::-1]  # shaft first, tip last
    half = len(spans) // 2
    if max(spans[half:]) < 2.5 * float(np.median(spans[:half])):
        return False  # no head
    tip = a.y + last
    below = ink[b.y:b.y + b.h, x0:x1]
    rows_b = np.flatnonzero(below.any(axis=1))
    if not len(rows_b) or b.y + int(rows_b[0]) - tip > 5:
        return False
    first = below[int(rows_b[0])]
    xs = np.flatnonzero(first)
    return int(first.sum()) >= 0.3 * ext and xs[0] <= centre <= xs[-1]


_SLANT = (15.0, 75.0)  # a diagram's edge crossing a gutter runs at this angle (degrees) from the cut's direction
_EDGE_REACH = 0.1      # ... and is looked for within this share of the figure's side of the facing edges
_EDGE_ALIGN = 6.0      # its two parts differ in angle by at most this (degrees) ...
_EDGE_OFF = 0.006      # ... and each part's near end lies this share of the side off the other's line at most


def _slanted_segments(ink: np.ndarray, x0: int, y0: int, x1: int, y1: int, side: int) -> list:
    """Straight slanted segments (`_SLANT` from the vertical) in ink[y0:y1, x0:x1], in figure
    coordinates, each (xa, ya, xb, yb) with ya <= yb; none where the strip is not mostly paper (a
    photo's edges and a chart's filled areas are no diagram edges). Kept for the figure's split:
    `_edge_across` asks again for a piece's strip facing each of its neighbours."""
    return per_figure("slanted segments", (ink,), (x0, y0, x1, y1, side),
                      lambda: _slanted_segments_of(ink, x0, y0, x1, y1, side))


def _slanted_segments_of(ink: np.ndarray, x0: int, y0: int, x1: int, y1: int, side: int) -> tuple:
    """`_slanted_segments`, computed."""
    part = ink[y0:y1, x0:x1]
    # (the share of ink by a count: a boolean array's mean sums it as floats, 40x slower)
    if part.size == 0 or np.count_nonzero(part) / part.size > 0.2:
        return ()
    # on a copy at most 500 px on its side's scale (speed: the transform's cost grows with the ink)
    f = max(1, int(np.ceil(side / 500)))
    if f > 1:
        part = _any_pool(part, f)
    n = max(8, int(0.03 * side / f))
    segs = cv2.HoughLinesP(part.view(np.uint8) * 255, 1, np.pi / 180, threshold=n, minLineLength=n, maxLineGap=2)
    out = []
    for xa, ya, xb, yb in ([] if segs is None else segs[:, 0].tolist()):
        if ya > yb:
            xa, ya, xb, yb = xb, yb, xa, ya
        ang = np.degrees(np.arctan2(abs(xb - xa), yb - ya))  # from the vertical
        if _SLANT[0] <= ang <= _SLANT[1]:
            out.append((xa * f + x0, ya * f + y0, xb * f + x0, yb * f + y0))
    return tuple(out)


def _any_pool(mask: np.ndarray, f: int) -> np.ndarray:
    """Whether each f x f block of a boolean mask holds a True (the last rows and columns that make
    no whole block are dropped): `reshape(h // f, f, w // f, f).any(axis=(1, 3))`, computed as a
    maximum over each block's rows (contiguous) and then over its f columns, 100x faster. A mask
    laid out by columns (a transposed view) is pooled turned back and turned again."""
    if mask.ndim == 2 and abs(mask.strides[0]) < abs(mask.strides[1]):
        return np.ascontiguousarray(_any_pool(mask.T, f).T)
    h, w = mask.shape
    rows = np.maximum.reduce(mask[:h - h % f, :w - w % f].view(np.uint8).reshape(h // f, f, w - w % f), axis=1)
    cols = rows.reshape(h // f, w // f, f)
    out = cols[:, :, 0].copy()
    for k in range(1, f):
        np.maximum(out, cols[:, :, k], out=out)
    return out.view(bool)


def _edge_across(ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether a straight slanted line leaving piece a towards piece b goes on in b (b follows a
    down, axis 0, or across, axis 1): a tree's or flow chart's edges run from a node to the next
    one, often broken by a label ("<= 26.3") where the XY-cut finds a gutter, which cuts a
    partykit tree into its nodes. A segment near a's edge facing b and one near b's edge facing a
    lie on one line (angles within `_EDGE_ALIGN`, each near end within `_EDGE_OFF` of the side of the
    other's line), the gap between their near ends spanning the gutter. Only slanted lines count:
    stacked framed plots share vertical frame lines, and data lines end at their axes. One of the two
    at least must be a drawn stroke (`_solid`): the transform also lines up a plot's markers (a
    descending run of open circles) with another plot's axis corner and tick, two Guinier plots side
    by side then read as one edge across their gutter."""
    if axis == 1:
        return _edge_across(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 0)
    side = max(ink.shape)
    reach = int(_EDGE_REACH * side)
    x0, x1 = min(a.x, b.x), max(a.x + a.w, b.x + b.w)
    ga, gb = a.y + a.h, b.y
    if gb < ga:
        return False
    above = _slanted_segments(ink, x0, max(a.y, ga - reach), x1, ga, side)
    if not above:
        return False
    below = _slanted_segments(ink, x0, gb, x1, min(b.y + b.h, gb + reach), side)
    off = max(3.0, _EDGE_OFF * side)

    def dist(p, s) -> float:
        (xa, ya, xb, yb), (px, py) = s, p
        L = float(np.hypot(xb - xa, yb - ya))
        return abs((xb - xa) * (ya - py) - (xa - px) * (yb - ya)) / L if L else float("inf")

    for sa in above:
        for sb in below:
            ang_a = np.degrees(np.arctan2(sa[2] - sa[0], sa[3] - sa[1]))
            ang_b = np.degrees(np.arctan2(sb[2] - sb[0], sb[3] - sb[1]))
            if abs(ang_a - ang_b) > _EDGE_ALIGN:
                continue
            end_a, start_b = (sa[2], sa[3]), (sb[0], sb[1])
            if dist(start_b, sa) <= off and dist(end_a, sb) <= off and start_b[1] - end_a[1] <= reach \
                    and (_solid(ink, *sa) or _solid(ink, *sb)):
                return True
    return False


_END_GAP = 0.025  # a diagram's edge ending at a gutter this share of the figure's side wide at most ...
_END_AT = 3       # ... its end within this many pixels of its piece's facing edge ...
_END_HIT = 3      # ... points at ink of the other piece within this many pixels (off the line) of where it would go on ...
_END_INTO = 6     # ... in that piece's first this many lines (past the gutter); no line along
_END_FRAME = 0.5  # ... its own piece's facing edge inked over this share of its length
_END_LONG = 0.05  # the line is this share of the figure's side long at least (a word's glyphs line up shorter)


def _edge_ends(ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether a straight slanted line in piece a ends at its edge facing b (b follows a down,
    axis 0, or across, axis 1) and, drawn on across the thin gutter, runs into b's ink in b's first
    lines: a tree's edge stopping short of the node label it points at, an arrow leaving a box
    whose frame the XY-cut cut off. Both ways round (a's line into b, b's line back into a). Only
    slanted lines count (`_SLANT`), as in `_edge_across`: a chart's frame and axes are straight,
    and its data lines end inside its axes, not at the gutter."""
    if axis == 1:
        return _edge_ends(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 0)
    H = ink.shape[0]
    return _edge_ends_down(ink, a, b) or _edge_ends_down(ink[::-1], _flip(b, H), _flip(a, H))


_SOLID = 0.9  # a drawn line: this share of the points along it inked (within a pixel) at least ...
_SOLID_OFF = 4  # ... and the lines parallel to it this many pixels to either side ...
_SOLID_BESIDE = 0.35  # ... inked along at most this share of them (paper beside a stroke, not print)


def _solid(ink: np.ndarray, xa: int, ya: int, xb: int, yb: int) -> bool:
    """Whether the segment is one drawn stroke in paper: inked along `_SOLID` of its length, the
    lines `_SOLID_OFF` either side of it mostly paper. The transform also lines up a word's glyphs
    (an axis title's letters run together when small) and tick labels with a data line's end."""
    L = math.hypot(xb - xa, yb - ya)
    n = max(2, int(L))
    xs = np.linspace(xa, xb, n)
    ys = np.linspace(ya, yb, n)
    H, W = ink.shape
    nx, ny = (-(yb - ya) / L, (xb - xa) / L) if L else (0.0, 0.0)

    def share(off: float, near: int) -> float:
        px = np.rint(xs + off * nx).astype(int)
        py = np.rint(ys + off * ny).astype(int)
        hit = np.zeros(n, bool)
        for dy in range(-near, near + 1):
            for dx in range(-near, near + 1):
                hit |= ink[np.clip(py + dy, 0, H - 1), np.clip(px + dx, 0, W - 1)]
        return float(hit.mean())

    return share(0, 1) >= _SOLID and max(share(-_SOLID_OFF, 0), share(_SOLID_OFF, 0)) <= _SOLID_BESIDE


_END_DISC = 6   # round a line's end, this many pixels either way in its own piece ...
_END_OFF = 2.5  # ... ink further than this off the line (a curve going on, a frame it meets) ...
_END_STRAY = 3  # ... at most this many pixels: the line ends in paper


def _line_end(ink: np.ndarray, a: Box, xa: int, ya: int, xb: int, yb: int) -> bool:
    """Whether the segment's lower end (xb, yb) is where its stroke ends, in paper: within
    `_END_DISC` of it, inside piece a and past the end, no more than `_END_STRAY` inked pixels lie
    over `_END_OFF` off its line. An arc's chord (a dashed circle round a scheme) goes on along the curve, a data
    line meets the frame or bends; a tree's edge or an arrow's tail ends alone."""
    y0, y1 = max(a.y, yb - _END_DISC), min(a.y + a.h, yb + _END_DISC + 1)
    x0, x1 = max(a.x, xb - _END_DISC), min(a.x + a.w, xb + _END_DISC + 1)
    ys, xs = np.nonzero(ink[y0:y1, x0:x1])
    if not len(ys):
        return True
    L = max(math.hypot(xb - xa, yb - ya), 1e-6)
    px, py = xs + x0 - xb, ys + y0 - yb
    off = np.abs((xb - xa) * py - (yb - ya) * px) / L
    ahead = ((xb - xa) * px + (yb - ya) * py) / L > 0  # past the end; an arrowhead's barbs lie behind its tip
    return int(np.count_nonzero((off > _END_OFF) & ahead)) <= _END_STRAY


def _edge_ends_down(ink: np.ndarray, a: Box, b: Box) -> bool:
    side = max(ink.shape)
    ga, gb = a.y + a.h, b.y
    if not 0 <= gb - ga <= max(6, _END_GAP * side):
        return False
    edge = ink[max(a.y, ga - _END_AT - 2):ga, a.x:a.x + a.w]
    if edge.size and int(edge.sum(axis=1).max()) >= _END_FRAME * a.w:
        return False  # a frame or axis along the facing edge: lines there end at it (a chart's data)
    reach = int(_EDGE_REACH * side)
    into = gb + max(_END_INTO, gb - ga)
    for xa, ya, xb, yb in _slanted_segments(ink, a.x, max(a.y, ga - reach), a.x + a.w, ga, side):
        if yb < ga - 1 - _END_AT or yb == ya or math.hypot(xb - xa, yb - ya) < _END_LONG * side \
                or not _solid(ink, xa, ya, xb, yb) or not _line_end(ink, a, xa, ya, xb, yb):
            continue
        slope = (xb - xa) / (yb - ya)
        if _curve_goes_on(ink, a, xb, yb, slope):
            continue
        hit = int(round(_END_HIT * math.hypot(1.0, slope)))  # _END_HIT off the line, measured across it
        for y in range(gb, min(into, b.y + b.h, ink.shape[0])):
            x = int(round(xb + slope * (y - yb)))
            lo, hi = max(b.x, x - hit), min(b.x + b.w, x + hit + 1)
            if lo < hi and ink[y, lo:hi].any():
                return True
    return False


_CURVE_RUN = 6  # a stroke running on along its piece's facing edge this many pixels past where its line leaves the piece


def _curve_goes_on(ink: np.ndarray, a: Box, xb: int, yb: int, slope: float) -> bool:
    """Whether the stroke at a segment's end (xb, yb), near piece a's lower edge, runs on along that
    edge, inside a, past where the segment's line would leave it: a circle's or an ellipse's outline
    drawn as a polygon (a mesh boundary, an isocontour) bottoms out and turns back, each side only a
    few degrees off the last, so `_line_end` sees no bend. An edge or arrow ending at the gutter
    stops there. Looked for in the rows from just over the end to the edge, in the stroke's own
    ink (8-connected), ahead of the end in the segment's direction."""
    ga = a.y + a.h
    y0 = max(a.y, yb - 2)
    band = np.ascontiguousarray(ink[y0:ga, a.x:a.x + a.w]).view(np.uint8)
    if band.size == 0:
        return False
    _, labels = cv2.connectedComponents(band, connectivity=8)
    ry, rx = yb - y0, xb - a.x
    near = labels[max(0, ry - 1):ry + 2, max(0, rx - 1):rx + 2]
    own = np.unique(near[near > 0])
    if not len(own):
        return False
    cols = np.nonzero(np.isin(labels, own).any(axis=0))[0]
    ahead = (cols.max() - rx) if slope > 0 else (rx - cols.min())
    return ahead > (ga - yb) * abs(slope) + _CURVE_RUN


_WORD_GAP = 6      # a label cut between its glyphs: pieces at most this many pixels apart ...
_WORD_EDGE = 2     # ... each inked in its this many lines facing the other ...
_WORD_RUN = 0.035  # ... along one run of rows at most this share of the figure's side long, the same on both sides
_WORD_SPACE = 0.6  # ... the print there running on across gaps up to this many times its height ...
_WORD_LONG = 2.5   # ... for at most this many times its height from the cut on either side (a label, no title)


def _word_cut(ink: np.ndarray, a: Box, b: Box) -> bool:
    """Whether the XY-cut went through a label between two of its glyphs (a tree's node "18" cut
    between its digits, a gutter no wider than a letter space): b lies right of a, `_WORD_GAP` or
    less away, and the only ink along their facing edges is one glyph-high run of rows, on both
    sides and overlapping. Photos and charts side by side are inked along much more of their
    facing edges (a frame, tick labels down an axis)."""
    gap = b.x - (a.x + a.w)
    if not 0 <= gap <= _WORD_GAP:
        return False
    y0, y1 = max(a.y, b.y), min(a.y + a.h, b.y + b.h)
    if y1 - y0 < 4:
        return False
    left = ink[a.y:a.y + a.h, a.x + a.w - _WORD_EDGE:a.x + a.w].any(axis=1)
    right = ink[b.y:b.y + b.h, b.x:b.x + _WORD_EDGE].any(axis=1)
    run = _WORD_RUN * max(ink.shape)
    spans = []
    for rows, top in ((left, a.y), (right, b.y)):
        ys = np.flatnonzero(rows)
        if not len(ys) or ys[-1] - ys[0] + 1 > run:
            return False
        spans.append((top + int(ys[0]), top + int(ys[-1]) + 1))
    (s0, e0), (s1, e1) = spans
    if min(e0, e1) <= max(s0, s1):
        return False
    # a short label (a node's number), not a line of print the cut went through at a word space
    # (a figure title over two charts): the print runs on from the cut at most `_WORD_LONG` heights
    h = max(e0, e1) - min(s0, s1)
    gap = max(2, int(_WORD_SPACE * h))
    top = min(s0, s1)
    left = ink[top:top + h, a.x:a.x + a.w].any(axis=0)[::-1]
    right = ink[top:top + h, b.x:b.x + b.w].any(axis=0)
    return all(_print_run(cols, gap) <= _WORD_LONG * h for cols in (left, right))


def _print_run(cols: np.ndarray, gap: int) -> int:
    """How far inked columns run on from the start of `cols`, across paper gaps of at most `gap`."""
    ink_at = np.flatnonzero(cols)
    if not len(ink_at):
        return 0
    jumps = np.flatnonzero(np.diff(ink_at) > gap + 1)
    return int(ink_at[jumps[0]] if len(jumps) else ink_at[-1]) + 1


_ZOOM_REACH = 0.2  # a zoom callout's lines are looked for within this share of the side of the facing edge


def _zoom_lines(ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether piece a sends a zoom callout into piece b (b follows a across, axis 1, or down, axis
    0): two dashed straight lines, one rising and one falling, each ending at a's edge facing b and
    aimed into b's facing edge, where they land at least half of b's extent apart (a detail drawn
    small beside the diagram it magnifies: Switch Transformer's figures). Two panels have no such
    pair of lines between them."""
    if axis == 0:
        return _zoom_lines(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 1)
    side = max(ink.shape)
    edge, far = a.x + a.w, b.x
    x0 = max(a.x, edge - int(_ZOOM_REACH * side))
    part = ink[a.y:a.y + a.h, x0:edge]
    if part.size == 0 or part.mean() > 0.2:
        return False
    w = min(part.shape[1], max(8, int(0.08 * side)))
    if float(part[:, -w:].mean()) > 0.005 + 12.0 / max(1, a.h):
        return False  # more ink near the facing edge than two lines (checked exactly below; this is quick)
    n = max(10, int(0.04 * side))
    segs = cv2.HoughLinesP(part.view(np.uint8) * 255, 1, np.pi / 180, threshold=n // 2, minLineLength=n,
                           maxLineGap=max(4, int(0.012 * side)))
    tol = 0.02 * side
    hits = {}
    for xa, ya, xb, yb in ([] if segs is None else segs[:, 0].tolist()):
        if xa > xb:
            xa, ya, xb, yb = xb, yb, xa, ya
        if xb + x0 < edge - tol or xb == xa:
            continue  # does not reach a's facing edge
        ang = np.degrees(np.arctan2(abs(yb - ya), xb - xa))
        if not 10.0 <= ang <= 80.0:
            continue
        # dashed: inked along part of its length only
        k = max(abs(xb - xa), abs(yb - ya)) + 1
        xs = np.linspace(xa, xb, k).round().astype(int)
        ys = np.linspace(ya, yb, k).round().astype(int)
        cover = float(part[ys, xs].mean())
        if not 0.25 <= cover <= 0.85:
            continue
        y_land = a.y + yb + (yb - ya) / (xb - xa) * (far - (xb + x0))
        if b.y - tol <= y_land <= b.y + b.h + tol:
            hits.setdefault(yb > ya, []).append((y_land, (xa, ya, xb, yb)))
    if True not in hits or False not in hits:
        return False
    down, up = max(hits[True]), min(hits[False])
    if down[0] - up[0] < 0.5 * b.h:
        return False
    # nothing else near a's facing edge: the callout's lines cross blank paper (a network drawing's
    # edges run among its nodes and other edges)
    lines = np.zeros(part.shape, np.uint8)
    for _, (xa, ya, xb, yb) in (down, up):
        cv2.line(lines, (xa, ya), (xb, yb), 1, 7)
    rest = part[:, -w:] & (lines[:, -w:] == 0)
    return float(rest.mean()) <= 0.005


def _rule_side(img: np.ndarray, b: Box) -> int:
    """-1 (top) or 1 (bottom) when a piece holds nothing but small print and one horizontal line
    across most of its width at that edge (a table's header over its rule, an x axis with its ticks
    and numbers under a chart), else 0: such a piece is part of the chart beside that line."""
    glyph = 0.03 * max(img.shape[:2])  # small print, brackets included
    if b.h > 8 * glyph:
        return 0  # a header or an axis is a few lines of print high, not a chart
    grey = figure.grey_part(img, b.x, b.y, b.x + b.w, b.y + b.h)   # (the figure's grey, made once a split)
    n, _, stats, _ = cv2.connectedComponentsWithStats((grey < 160).view(np.uint8), connectivity=8)
    if n < 3:
        return 0
    big = np.flatnonzero((stats[1:, 2] > glyph) | (stats[1:, 3] > glyph)) + 1   # (one comparison over the table)
    if len(big) != 1:
        return 0
    x, y, w, h = (int(v) for v in stats[big[0], :4])
    if w < 0.75 * b.w or h > glyph:
        return 0
    if y + h >= 0.75 * b.h:
        return 1 if not (grey[y + h:] < 160).any() else 0
    if y <= 0.25 * b.h:
        return -1 if not (grey[:y] < 160).any() else 0
    return 0


def _rule_beside(img: np.ndarray, p: Box, q: Box, side=None) -> bool:
    """Whether q, under p, is p's header's chart or p's axis (see `_rule_side`): the rule piece is
    the nearest piece across the gap, lined up with the other (over half its width shared)."""
    x0, x1 = max(p.x, q.x), min(p.x + p.w, q.x + q.w)
    if q.y - (p.y + p.h) > max(p.h, q.h) or x1 - x0 < 0.5 * min(p.w, q.w):
        return False
    gap = img[p.y + p.h:q.y, x0:x1]
    if not gap.size or (channel_min(gap) < 200 if gap.ndim == 3 else gap < 200).mean() > 0.02:
        return False  # the gutter is white paper, not a dark or grey one between photos
    side = side or (lambda b: _rule_side(img, b))
    return side(p) == 1 or side(q) == -1


_TILE_DEPTH = 0.03  # a mosaic tile's frame lies within this share of the figure's side from its piece's edge ...
_TILE_FILL = ((4, 10), (3, 7))  # ... and its fill (one colour, not paper) this many pixels past the frame's
# first pixel (a thin tile: only the nearer rows, past one antialiased row)
_TILE_FLAT = 4     # a rendered fill's channels vary by at most this across the band
_TILE_SHARE = 0.6  # both facing sides are framed flat tiles along at least this share of the shared extent
_TILE_CELLS = (8, 1 / 14)  # the fill changes (runs of changes counted once) along framed columns at least this many times and more often than once per 14 px: cells, no tiles
_TILE_GUTTER = 0.05  # the gutter between them is paper but for a mosaic's labels or its colour key crossing it (a share of its pixels)


def _tile_share(img: np.ndarray, b: Box, side: int, lo: int, hi: int) -> float:
    """The share of piece b's side (0 top, 1 bottom, 2 left, 3 right), over [lo, hi) along it, that
    is the edge of a mosaic tile: from the edge in, paper (axis labels may stick out past the tiles:
    up to `_TILE_DEPTH` of the figure's side), then a frame line darker than what it frames, then a
    fill of one exact colour that is not paper (rendered vector tiles: a mosaic plot's, a colour
    key's steps). A photo's edge is never one exact colour; a micrograph's black ground has no
    darker frame; a framed chart holds paper."""
    d0 = max(6, int(_TILE_DEPTH * max(img.shape[:2])))
    d1 = min(d0 + _TILE_FILL[0][1] + 1, b.h if side < 2 else b.w)
    if d1 < _TILE_FILL[1][1] + 3 or hi - lo < 8:
        return 0.0
    if side == 0:
        strip = img[b.y:b.y + d1, lo:hi]
    elif side == 1:
        strip = img[b.y + b.h - d1:b.y + b.h, lo:hi][::-1]
    elif side == 2:
        strip = img[lo:hi, b.x:b.x + d1].swapaxes(0, 1)
    else:
        strip = img[lo:hi, b.x + b.w - d1:b.x + b.w][:, ::-1].swapaxes(0, 1)
    if strip.ndim == 2:
        strip = np.repeat(strip[..., None], 3, axis=2)
    strip = strip[..., :3].astype(np.int32)
    luma = (strip[..., 0] * 29 + strip[..., 1] * 150 + strip[..., 2] * 77) >> 8
    inked = luma[:d0] < 236
    has = inked.any(axis=0)
    first = inked.argmax(axis=0)
    cols = np.arange(strip.shape[1])
    frame = np.minimum(luma[first, cols], luma[np.minimum(first + 1, d1 - 1), cols])
    ok = np.zeros(len(cols), bool)
    for f0, f1 in _TILE_FILL:
        rows = [np.minimum(first + k, d1 - 1) for k in range(f0, f1 + 1)]
        band = np.stack([strip[r, cols] for r in rows])
        bl = np.stack([luma[r, cols] for r in rows])
        flat = (band.max(axis=0) - band.min(axis=0)).max(axis=1) <= _TILE_FLAT
        ok |= flat & (bl.max(axis=0) < 236) & (frame <= bl.min(axis=0) - 25) & (first + f1 < d1)
    ok &= has
    # an image plot's cells (a heat map drawn pixel by pixel, framed by its axes) are flat too, but
    # they change colour every few pixels along one unbroken frame; a mosaic's tiles have paper (or
    # their own frames) between them, so the fill seldom changes from one framed column to the next
    fill = strip[np.minimum(first + _TILE_FILL[1][0], d1 - 1), cols]
    steps = ok[1:] & ok[:-1] & (np.abs(fill[1:] - fill[:-1]).max(axis=1) > 0)
    steps[1:] &= ~steps[:-1]  # a run of changes (a gap between tiles, its frame lines antialiased) is one
    if steps.sum() >= _TILE_CELLS[0] and steps.sum() > _TILE_CELLS[1] * ok.sum():
        return 0.0
    return float(ok.mean())


def _tiles_facing(img: np.ndarray, ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether a and b (b under a, axis 0, or right of it, axis 1) are parts of one mosaic plot:
    across a paper gutter, both facing sides are framed tiles of flat colour along most of their
    shared extent (`_tile_share`). A mosaic's tiles are spaced like panels, so the XY-cut takes
    each row of tiles for a panel; framed charts (paper inside the frame), photos (no flat fill)
    and black-ground micrographs (no frame apart from the fill) are not tiles."""
    if axis == 0:
        g0, g1, lo, hi = a.y + a.h, b.y, max(a.x, b.x), min(a.x + a.w, b.x + b.w)
        gutter = ink[g0:g1, lo:hi]
    else:
        g0, g1, lo, hi = a.x + a.w, b.x, max(a.y, b.y), min(a.y + a.h, b.y + b.h)
        gutter = ink[lo:hi, g0:g1]
    if g1 < g0 or hi - lo < 0.5 * min((a.w, b.w) if axis == 0 else (a.h, b.h)) or (gutter.size and gutter.mean() > _TILE_GUTTER):
        return False
    sa, sb = (1, 0) if axis == 0 else (3, 2)
    return _tile_share(img, a, sa, lo, hi) >= _TILE_SHARE and _tile_share(img, b, sb, lo, hi) >= _TILE_SHARE \
        and not (drawn_face(img, a, sa, lo, hi) and drawn_face(img, b, sb, lo, hi))   # two pictures' faces


def _tile_leftovers(img: np.ndarray, out: list[Box], leaves) -> list[Box]:
    """`out` with each left-out layout piece (in `leaves`, inside none of `out`) joined to the one
    piece of `out` right above, under or beside it whose facing side is mosaic tiles like its own."""
    rest = [lb for lb in leaves if not any(_overlaps(lb, o) for o in out)]
    if not rest:
        return out
    im = img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    ink = figure.ink(img)
    near = 0.08 * max(img.shape[:2])
    out = list(out)
    for lb in rest:
        hits = []
        for k, o in enumerate(out):
            if o.y + o.h <= lb.y <= o.y + o.h + near and _tiles_facing(im, ink, o, lb, 0) \
                    or lb.y + lb.h <= o.y <= lb.y + lb.h + near and _tiles_facing(im, ink, lb, o, 0) \
                    or o.x + o.w <= lb.x <= o.x + o.w + near and _tiles_facing(im, ink, o, lb, 1) \
                    or lb.x + lb.w <= o.x <= lb.x + lb.w + near and _tiles_facing(im, ink, lb, o, 1):
                hits.append(k)
        if len(hits) == 1:
            out[hits[0]] = _union(out[hits[0]], lb)
    return out


def _one_chart(img: np.ndarray, out: list[Box], leaves: list[Box] = ()) -> list[Box]:
    """Pieces joined where a line runs across the gutter between them (`_crossing_line`): the strips
    of one chart are one piece again. Joined pieces that overlap others take those in too.
    A layout piece left out as a sliver (`leaves` none of `out` holds: a mosaic's header row of
    tiles over its rows) joins the piece whose tiles face its own (`_tiles_facing`). A column (row)
    of tick labels standing a gutter apart from its axis joins the chart (`_tick_labels`)."""
    if len(out) < 2:
        return out
    out = _tile_leftovers(img, out, leaves)
    im = img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    ink = figure.ink(img)
    boxes = list(out)
    near = 0.08 * max(img.shape[:2])  # a chart's strips lie close; panels further apart are not joined
    sides: dict[tuple[int, int, int, int], int] = {}

    def side(b: Box) -> int:
        if (b.x, b.y, b.w, b.h) not in sides:
            sides[(b.x, b.y, b.w, b.h)] = _rule_side(img, b)
        return sides[(b.x, b.y, b.w, b.h)]

    edges: dict[tuple, bool] = {}

    def edge(p: Box, q: Box, axis: int) -> bool:  # the rounds after a join ask about the same pairs again
        key = (p.x, p.y, p.w, p.h, q.x, q.y, q.w, q.h, axis)
        if key not in edges:
            edges[key] = _edge_across(ink, p, q, axis) or _edge_ends(ink, p, q, axis)
        return edges[key]

    plates: dict[tuple, bool] = {}
    plate_ends: dict = {}

    def plates_facing(p: Box, q: Box, axis: int) -> bool:  # the same, for the symbol-gap test
        key = (p.x, p.y, p.w, p.h, q.x, q.y, q.w, q.h, axis)
        if key not in plates:
            plates[key] = _plates_facing(ink, p, q, axis, plate_ends)
        return plates[key]

    joined: set[int] = set()
    changed = True
    while changed:
        changed = False
        for i in range(len(boxes)):
            for j in range(len(boxes)):
                p, q = boxes[i], boxes[j]
                if i == j:
                    continue
                down = p.y + p.h <= q.y <= p.y + p.h + near and (_crossing_line(ink, p, q, 0)
                                                                  or _rule_beside(img, p, q, side)
                                                                  or _tiles_facing(im, ink, p, q, 0)
                                                                  or _arrow_into(ink, p, q, 0)
                                                                  or plates_facing(p, q, 0)
                                                                  or edge(p, q, 0)
                                                                  or _tick_labels(ink, p, q, 0))
                across = not down and p.x + p.w <= q.x <= p.x + p.w + near and (_crossing_line(ink, p, q, 1)
                                                                                 or _tiles_facing(im, ink, p, q, 1)
                                                                                 or _arrow_into(ink, p, q, 1)
                                                                                 or plates_facing(p, q, 1)
                                                                                 or edge(p, q, 1)
                                                                                 or _word_cut(ink, p, q)
                                                                                 or _zoom_lines(ink, p, q, 1)
                                                                                 or _tick_labels(ink, p, q, 1))
                if down or across or ((id(p) in joined or id(q) in joined) and _overlaps(p, q)):
                    u = _union(p, q)
                    joined.add(id(u))
                    boxes = [u] + [x for k, x in enumerate(boxes) if k not in (i, j)]
                    changed = True
                    break
            if changed:
                break
    if len(boxes) == len(out):
        return out
    return boxes


_LINK_THIN = 0.6   # a connector is at most this share of either piece's extent across the link ...
_LINK_RUN = 0.7    # ... holds a straight line along the link over this share of its length ...
_LINK_BAND = 0.25  # ... in thin bands: rows (columns) with such a line are at most this share of it (and 12)
_LINK_THIN_SPAN = 0.8  # ... or this share, when the line runs the piece end to end (an arrow with its label above)


def _link_line(ink: np.ndarray, c: Box, axis: int) -> bool:
    """Whether piece c holds a thin straight line along `axis` (1: across, 0: down) over
    `_LINK_RUN` of its length: an arrow's shaft (one or two, a reaction's double arrow), with
    labels beside it. A colour bar or a filled strip is no thin line (its rows of long runs are
    most of it); a legend's line sample is a few glyphs of a row of text, not most of it."""
    part = ink[c.y:c.y + c.h, c.x:c.x + c.w]
    if axis == 0:
        part = part.T
    n, length = part.shape
    run = max(8, int(_LINK_RUN * length))
    if length < 1.5 * n or length < 16:
        return False  # no long thin piece along the link
    long = cv2.erode(part.view(np.uint8), np.ones((1, run), np.uint8)).any(axis=1)
    k = int(np.count_nonzero(long))
    return 0 < k <= min(12, max(4, _LINK_BAND * n)) and not _ticked(part, np.flatnonzero(long))


_TICK_LEN = 3     # an axis's tick mark: a stroke at least this many pixels long off its line ...
_TICK_WIDE = 4    # ... at most this many pixels wide ...
_TICK_COUNT = 4   # ... at least this many along the line on one side ...
_TICK_EVEN = 0.25  # ... most of them (`_TICK_MOST`) spaced within this share of their median spacing
_TICK_MOST = 0.6


def _ticked(part: np.ndarray, rows: np.ndarray) -> bool:
    """Whether the long line in `rows` of `part` (the line runs along axis 1) carries tick marks:
    short strokes (`_TICK_LEN` long at least, `_TICK_WIDE` wide at most) off one side of it, at least
    `_TICK_COUNT` of them, most evenly spaced. A chart's axis has them (a violin plot's tall y axis
    in the gutter between two rows of panels is no arrow linking them); an arrow's shaft has a
    head at its end and labels beside it, not a ladder of even strokes."""
    if not len(rows):
        return False
    n = part.shape[0]
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    for band in bands:
        r0, r1 = int(band[0]), int(band[-1])
        sides = []
        if r0 >= _TICK_LEN:
            sides.append(part[r0 - _TICK_LEN:r0].all(axis=0))
        if r1 + 1 + _TICK_LEN <= n:
            sides.append(part[r1 + 1:r1 + 1 + _TICK_LEN].all(axis=0))
        for marks in sides:
            on = np.flatnonzero(marks)
            if len(on) < _TICK_COUNT:
                continue
            runs = np.split(on, np.flatnonzero(np.diff(on) > 1) + 1)
            ticks = [float(r.mean()) for r in runs if len(r) <= _TICK_WIDE]
            if len(ticks) < _TICK_COUNT:
                continue
            gaps = np.diff(ticks)
            med = float(np.median(gaps))
            if med >= 3 and np.count_nonzero(np.abs(gaps - med) <= _TICK_EVEN * med) >= _TICK_MOST * len(gaps):
                return True
    return False


_LABELS_NARROW = 0.35  # tick labels cut from their axis: a piece at most this share of the chart's width ...
_LABELS_GAP = 0.05     # ... this share of the figure's side from it at most ...
_LABELS_DEPTH = 24     # ... facing an axis line within this many pixels of the chart's edge, inked along half the labels' span ...
_LABELS_ON = 0.75      # ... whose tick marks point at it, this share of them at least with the labels' ink in line


def _tick_labels_left(ink: np.ndarray, a: Box, b: Box) -> bool:
    """Whether piece a (left of b) holds the tick labels of b's y axis: b's edge facing a has an
    axis line with tick marks pointing at a (`_ticked`: at least `_TICK_COUNT`, evenly spaced), and
    a's ink lies in line with most of the ticks. Base R draws the axis line a few pixels off the
    plot with its labels beyond the ticks, and an unframed plot's label column can stand a gutter
    apart from its axis: the labels name the axis's values, so they are that chart's."""
    side = max(ink.shape)
    gap = b.x - (a.x + a.w)
    if not (0 <= gap <= _LABELS_GAP * side and a.w <= _LABELS_NARROW * b.w):
        return False
    y0, y1 = max(a.y, b.y), min(a.y + a.h, b.y + b.h)
    if y1 - y0 < 0.8 * a.h or y1 - y0 < 16:
        return False
    depth = min(_LABELS_DEPTH, b.w)
    part = ink[y0:y1, b.x:b.x + depth].T            # columns of b's edge, along the axis
    long = np.flatnonzero(part.sum(axis=1) >= 0.5 * (y1 - y0))
    if not len(long):
        return False
    line = np.split(long, np.flatnonzero(np.diff(long) > 1) + 1)[0]
    r0 = int(line[0])
    if r0 < _TICK_LEN or not _ticked(part, line):
        return False
    marks = np.flatnonzero(part[r0 - _TICK_LEN:r0].all(axis=0))
    runs = np.split(marks, np.flatnonzero(np.diff(marks) > 1) + 1)
    ticks = [int(round(float(r.mean()))) + y0 for r in runs if 0 < len(r) <= _TICK_WIDE]
    if len(ticks) < _TICK_COUNT:
        return False
    labels = ink[:, a.x:a.x + a.w].any(axis=1)
    hit = sum(bool(labels[max(0, t - 2):t + 3].any()) for t in ticks)
    return hit >= _LABELS_ON * len(ticks)


def _tick_labels(ink: np.ndarray, p: Box, q: Box, axis: int) -> bool:
    """`_tick_labels_left` for pieces side by side (axis 1: p left of q) or stacked (axis 0: p above
    q), the labels on either side of their chart (the figure turned and mirrored to put them left)."""
    H, W = ink.shape
    t = (lambda c: Box(c.y, c.x, c.h, c.w))
    if axis == 1:
        return _tick_labels_left(ink, p, q) or _tick_labels_left(ink[:, ::-1], _mirror(q, W), _mirror(p, W))
    tr = ink.T
    return _tick_labels_left(tr, t(p), t(q)) or _tick_labels_left(tr[:, ::-1], _mirror(t(q), H), _mirror(t(p), H))


def _link_spans(ink: np.ndarray, c: Box, axis: int) -> bool:
    """Whether piece c's connector line runs it end to end along `axis`: one line (within 2 px
    across) inked in its first and last 2 columns (rows) and along 90 % of its length. An arrow
    drawn from box to box with its label over it does; a chart's axis between two charts starts
    after its tick labels and ends before the last one's overhang."""
    part = ink[c.y:c.y + c.h, c.x:c.x + c.w]
    if axis == 0:
        part = part.T
    n, length = part.shape
    if length < 16:
        return False
    near = cv2.dilate(part.view(np.uint8), np.ones((5, 1), np.uint8)).astype(bool)
    rows = near[:, :2].any(axis=1) & near[:, -2:].any(axis=1) & (near.sum(axis=1) >= 0.9 * length)
    return bool(rows.any())


def _link_between(c: Box, a: Box, b: Box, axis: int, thin: float = _LINK_THIN) -> bool:
    """Whether c lies in the gap between a (before) and b (after) along `axis`: its middle across
    the link inside both pieces' spans, thinner across than `thin` (`_LINK_THIN`) of both, and each gap at
    most its own length (an arrow sits in the gutter it spans)."""
    if axis == 0:
        return _link_between(Box(c.y, c.x, c.h, c.w), Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 1, thin)
    if not (a.x + a.w <= c.x and c.x + c.w <= b.x):
        return False
    mid = c.y + c.h / 2
    if not (a.y <= mid <= a.y + a.h and b.y <= mid <= b.y + b.h):
        return False
    if c.h > thin * min(a.h, b.h):
        return False
    return c.x - (a.x + a.w) <= c.w and b.x - (c.x + c.w) <= c.w


def _linked(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Pieces joined through a connector: a piece that is an arrow (or a pair) with its labels,
    lying in the gutter between two line drawings and spanning it (`_link_between`,
    `_link_line`), is no panel but the link of one scheme (a reaction cycle's states and the
    arrows between them, a before/after drawing): the three are one piece, and pieces the joined
    box overlaps join it too. Photographs are never joined this way."""
    if len(out) < 3:
        return out
    im = img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    ink = figure.ink(img)
    boxes = list(out)
    photo: dict[Box, bool] = {}

    def is_photo(b: Box) -> bool:
        if b not in photo:
            photo[b] = _photo_piece(im, b)
        return photo[b]

    schemes: set[Box] = set()
    changed = True
    while changed and len(boxes) >= 3:
        changed = False
        for c in boxes:
            for axis in (1, 0):
                if not _link_line(ink, c, axis):
                    continue
                thin = _LINK_THIN_SPAN if _link_spans(ink, c, axis) else _LINK_THIN
                for a in boxes:
                    for b in boxes:
                        if len({a, b, c}) < 3 or not _link_between(c, a, b, axis, thin) or is_photo(a) or is_photo(b) \
                                or _piece_between(c, a, b, boxes, axis):
                            continue
                        u = _union(_union(a, b), c)
                        rest = [x for x in boxes if x not in (a, b, c)]
                        grown = True
                        while grown:
                            grown = False
                            for x in rest:
                                if _overlaps(u, x):
                                    u = _union(u, x)
                                    rest.remove(x)
                                    grown = True
                                    break
                        boxes = [u] + rest
                        schemes.add(u)
                        changed = True
                        break
                    if changed:
                        break
                if changed:
                    break
            if changed:
                break
    boxes = _schemes_joined(ink, boxes, schemes)
    return boxes if len(boxes) != len(out) else out


_STUB_GAP = 0.03   # two schemes facing across a gutter at most this share of the figure's side ...
_STUB_LONG = 0.3   # ... with a straight line across it from one's facing edge, this share of that one's extent long


def _stub_across(ink: np.ndarray, p: Box, q: Box, axis: int) -> bool:
    """Whether q (after p along `axis`) holds, within p's span across the cut, a thin straight line
    perpendicular to the gutter that starts at q's facing edge (its first 3 inked lines) and runs
    `_STUB_LONG` of q's extent: the arrows of a reaction cycle's sides, drawn in one row's piece and
    pointing at the other row."""
    if axis == 1:
        return _stub_across(ink.T, Box(p.y, p.x, p.h, p.w), Box(q.y, q.x, q.h, q.w), 0)
    x0, x1 = max(p.x, q.x), min(p.x + p.w, q.x + q.w)
    if x1 - x0 < 8:
        return False
    part = ink[q.y:q.y + q.h, x0:x1]
    rows = np.flatnonzero(part.any(axis=1))
    if not len(rows):
        return False
    long = max(16, int(_STUB_LONG * q.h))
    top = int(rows[0])
    band = part[top:top + 3 + long]
    if band.shape[0] < long:
        return False
    cols = cv2.erode(band.view(np.uint8), np.ones((long, 1), np.uint8), anchor=(0, 0),
                     borderType=cv2.BORDER_CONSTANT, borderValue=0)[:3].any(axis=0)
    k = int(np.count_nonzero(cols))
    return 0 < k <= 12


def _schemes_joined(ink: np.ndarray, boxes: list[Box], schemes: set[Box]) -> list[Box]:
    """Schemes (pieces `_linked` joined) facing each other across a thin gutter, one holding a
    connector's line that starts at the gutter (`_stub_across`, either way), are one scheme."""
    side = max(ink.shape[:2])
    changed = True
    while changed:
        changed = False
        for p in [b for b in boxes if b in schemes]:
            for q in [b for b in boxes if b in schemes and b != p]:
                down = 0 <= q.y - (p.y + p.h) <= _STUB_GAP * side
                across = 0 <= q.x - (p.x + p.w) <= _STUB_GAP * side
                if (down and (_stub_across(ink, p, q, 0) or _stub_across(ink[::-1], _flip(q, ink.shape[0]), _flip(p, ink.shape[0]), 0))) \
                        or (across and (_stub_across(ink, p, q, 1) or _stub_across(ink[:, ::-1], _mirror(q, ink.shape[1]), _mirror(p, ink.shape[1]), 1))):
                    u = _union(p, q)
                    boxes = [u] + [b for b in boxes if b not in (p, q)]
                    schemes.add(u)
                    changed = True
                    break
            if changed:
                break
    return boxes


def _flip(b: Box, H: int) -> Box:
    return Box(b.x, H - b.y - b.h, b.w, b.h)


def _mirror(b: Box, W: int) -> Box:
    return Box(W - b.x - b.w, b.y, b.w, b.h)


_STRIP_H = (0.012, 0.07)  # a facet's strip title is this share of the figure's longer side high ...
_STRIP_W = 0.1            # ... at least this share of the figure's width wide, and 3 times its height
_STRIP_FILL = 0.55        # its colour covers this share of its box at least (its title's letters the rest)


def _facets(img: np.ndarray) -> list[Box] | None:
    """The facets of a lattice (trellis, ggplot facet) display found as one piece: its panels touch,
    or their gutters are too thin to cut, but each has a strip title on top, a wide band of one
    exact colour (not paper, not black) holding print. Two or more strips of one colour and height,
    each over a facet at least twice as high (followed down from the strip's left edge: a frame
    line, or the facet's own ground, breaks of a few pixels allowed for grid lines), none
    overlapping: the facets, each from its strip down to its facet's end; else None. Bars of a bar
    chart hold no print and stand on nothing; a photo has no exact colour."""
    H, W = img.shape[:2]
    side = max(H, W)
    f = min(1.0, 400 / side)
    small = img if f == 1.0 else cv2.resize(img, (max(1, int(W * f)), max(1, int(H * f))), interpolation=cv2.INTER_NEAREST)
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    q = (small[..., :3] >> 3).astype(np.int32)
    key = (q[..., 0] << 10) | (q[..., 1] << 5) | q[..., 2]
    luma = cv2.cvtColor(np.ascontiguousarray(small[..., :3]), cv2.COLOR_BGR2GRAY)
    cand = (luma < 245) & (luma > 110)
    counts = np.bincount(key[cand].ravel(), minlength=1 << 15)
    sh = small.shape[0]
    lo_h, hi_h = _STRIP_H[0] * max(small.shape[:2]), _STRIP_H[1] * max(small.shape[:2])
    min_w = _STRIP_W * small.shape[1]
    dark = luma < 110
    printed = luma < 160  # a strip's title (small print in a JPEG is seldom black)
    grey_full = None
    best: list[Box] | None = None
    long_run = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(0.8 * min_w)), 1))
    for c in top_counts(counts, 6, 2 * min_w * lo_h * _STRIP_FILL):   # the six commonest colours, while common enough
        mask = (key == c).astype(np.uint8)
        if not cv2.erode(mask, long_run).any():
            continue  # no long run of the colour on any line: no strip (most photos' colours)
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
        # a strip's title can cut its colour in two (print as high as the strip): parts side by
        # side on one line with print between them, but no dark line from top to bottom (the frame
        # line between two facets' strips), are one strip
        sw, sh, sa = stats[:, 2], stats[:, 3], stats[:, 4]
        keep = np.flatnonzero((sh >= lo_h) & (sh <= hi_h) & (sw >= sh) & (sa >= 0.4 * sw * sh))
        if len(keep) < 2 or (sw[keep].sum() < 2 * min_w):
            continue
        parts = sorted((tuple(int(v) for v in stats[k]) for k in keep[keep > 0]), key=lambda t: (t[1], t[0]))
        joined: list[list[int]] = []
        for x, y, w, h, a in parts:
            last = joined[-1] if joined else None
            if last is not None and abs(last[1] - y) <= 1 and abs(last[3] - h) <= 1 and -2 <= x - (last[0] + last[2]) <= 6:
                gap = dark[y + 1:y + h - 1, last[0] + last[2]:x]
                if not gap.size or (gap.any() and not (gap.mean(axis=0) >= 0.9).any()):
                    last[2] = max(last[2], x + w - last[0])
                    last[4] += a
                    continue
            joined.append([x, y, w, h, a])
        strips = []
        for x, y, w, h, a in joined:
            if not (lo_h <= h <= hi_h and w >= 3 * h and w >= min_w and a >= _STRIP_FILL * w * h):
                continue
            if printed[y:y + h, x:x + w].sum() < max(3, 0.003 * w * h) \
                    and not _light_print(luma[y:y + h, x:x + w], max(3, 0.003 * w * h)):
                continue  # no print: a bar, a tile
            strips.append((x, y, w, h))
        if len(strips) < 2:
            continue
        hs = sorted(h for _, _, _, h in strips)
        ref = hs[len(hs) // 2]
        strips = [t for t in strips if abs(t[3] - ref) <= max(2, 0.15 * ref)]
        if len(strips) < 2:
            continue
        if grey_full is None:
            grey_full = figure.grey(img)
        full = [(int(x / f), int(y / f), min(W, int((x + w) / f)), min(H, int((y + h) / f) + 1)) for x, y, w, h in strips]
        boxes = []
        for X0, Y0, X1, Y1 in full:
            # the facet ends where the next strip under it starts, or where its frame line (or its
            # ground) at the strip's left edge ends
            below = [t[1] for t in full if t[1] >= Y1 and t[0] < X1 and X0 < t[2]]
            limit = min(below, default=H)
            bottom = Y1
            for col in range(max(0, X0 - 6), min(W, X0 + 4)):
                run = grey_full[Y1:limit, col] < 245
                if not run.size:
                    continue
                # follow the column down while it is inked: a run of paper over 4 pixels ends it
                pad = np.concatenate(([0], (~run).astype(np.int8), [0]))
                d = np.diff(pad)
                gaps = [(s_, e_) for s_, e_ in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)) if e_ - s_ > 4]
                bottom = max(bottom, Y1 + int(gaps[0][0] if gaps else len(run)))
            if bottom - Y1 < 2 * (Y1 - Y0):
                boxes = []
                break
            boxes.append(Box(X0, Y0, X1 - X0, bottom - Y0))
        if len(boxes) < 2 or any(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
            continue
        if not _columns_line_up(boxes, W):
            continue  # a narrow band under a wide one: a window's toolbar over its view, no lattice
        if not _rows_line_up(boxes, H):
            continue  # blocks side by side at different heights: a diagram's labelled boxes, no lattice
        if best is None or len(boxes) > len(best):
            best = boxes
    return best


_LIGHT_PRINT = 60   # a strip's title printed light: this much lighter than the strip's own grey, on a strip ...
_LIGHT_STRIP = 190  # ... no lighter than this (white print on a pale strip cannot be read)


def _light_print(strip: np.ndarray, least: float) -> bool:
    """Whether a strip (its luma) carries light print: ggplot2's `theme_light` and `theme_bw`-style
    facet strips are a mid grey with the facet's name in white, which the dark-print test never
    sees. The strip's own grey is its median; print is `_LIGHT_PRINT` lighter, on `least` pixels.
    A bar's or a tile's box holds no such marks (grid lines run under the bars)."""
    ref = float(np.median(strip))
    if ref > _LIGHT_STRIP:
        return False
    return int(np.count_nonzero(strip > ref + _LIGHT_PRINT)) >= least


_FACET_ALIGN = 0.02  # facets stacked in one column share their left and right edges within this share of the width (3 px at least)


def _columns_line_up(boxes: list[Box], W: int) -> bool:
    """Whether facets over one another share their column: a lattice's facets stacked in one
    column have one width and one left edge. A band of one colour over a narrower one under it (a
    software window's toolbar over its tab bar, its side pane left out) is a window's chrome, and
    facets found from it would drop the rest of the window."""
    tol = max(3, _FACET_ALIGN * W)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if min(a.x + a.w, b.x + b.w) - max(a.x, b.x) <= 0:
                continue  # side by side: different columns
            if abs(a.x - b.x) > tol or abs((a.x + a.w) - (b.x + b.w)) > tol:
                return False
    return True


_FACET_SAME_H = 0.25  # facets whose heights differ by at most this share of the taller are of one row's height


def _rows_line_up(boxes: list[Box], H: int) -> bool:
    """Whether facets side by side share their row: a lattice display lays its facets out on a
    grid, so two facets beside each other (their heights overlapping) start at one height, their
    strips on one line. A block diagram's tinted labels ("Add & Norm" over each layer of two stacks
    of layers drawn side by side, one stack offset from the other) pass every other test of a
    strip; the stacks' layers beside one another start at different heights, and the diagram is one
    panel. Only facets of about one height (`_FACET_SAME_H`) are compared: a facet over an empty
    slot of the grid is followed down its frame line past the slot and runs long."""
    tol = max(3, _FACET_ALIGN * H)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if min(a.y + a.h, b.y + b.h) - max(a.y, b.y) <= 0 or min(a.x + a.w, b.x + b.w) - max(a.x, b.x) > 0:
                continue  # one over the other, or not beside each other
            if abs(a.h - b.h) > _FACET_SAME_H * max(a.h, b.h):
                continue
            if abs(a.y - b.y) > tol:
                return False
    return True


_UNDER_LABEL_H = (0.008, 0.04)  # an "(a)" under a panel is this share of the figure's longer side high
_LABEL_INK = 170  # its strokes are darker than this (thin serif brackets are grey when rendered small)


# The last figure `_bracket_labels` read and its glyphs: a figure is asked for its bracketed labels
# by several looks (under-panel grouping, sub-caption pieces, pairing) and the component pass is
# most of the cost. Keyed by the array object itself, held here so its id cannot be reused.
_LAST_GLYPHS: list = [None]


def _bracket_labels(img: np.ndarray, alone: bool | str = True) -> list[tuple[int, int, int, int]]:
    """Bracketed one-glyph labels alone on their line, "(a)", "(b)", as (x, y, w, h) boxes from the
    "(" to the ")": LaTeX subfigure and MDPI labels printed centred under their panels. Found
    without a reader: a glyph between a "(" and a ")" (`_bracket_side`) at least as tall as it,
    close on each side, nothing else printed on the line within two label heights (unless `alone`
    is False: a label heading its panel may have an axis title beside it; "beside": only labels with
    ink beside them, a sub-caption's start)."""
    last = _LAST_GLYPHS[0]
    if last is not None and last[0] is img:  # the same figure asked again (under-panel and sub-caption looks)
        grey, stats, opens, closes = last[1:]
    else:
        grey = figure.grey(img)
        stats, opens, closes = _bracket_glyphs(grey, max(grey.shape))
        _LAST_GLYPHS[0] = (img, grey, stats, opens, closes)
    H, W = grey.shape
    sx, sy, sw, sh = (stats[:, i] for i in range(4))
    if len(opens) < 2 or len(closes) < 2:
        return []
    out = []
    for ox, oy, ow, oh in opens:
        close = [c for c in closes if 0 < c[0] - (ox + ow) <= 1.6 * oh and abs(c[1] - oy) <= 0.2 * oh
                 and abs(c[3] - oh) <= 0.2 * oh]
        if len(close) != 1:
            continue
        cx, cy, cw, ch = close[0]
        x0, x1 = ox, cx + cw
        y0, y1 = min(oy, cy), max(oy + oh, cy + ch)
        sel = ((sx >= ox + ow) & (sx + sw <= cx) & (sy >= y0 - 2) & (sy + sh <= y1 + 2))
        sel[0] = False
        if not sel.any() or (sy + sh)[sel].max() - sy[sel].min() < 0.35 * oh:
            continue  # the glyph (its parts: a thin "a" can come apart) between the brackets
        # alone on its line: no ink within two label heights left and right
        lh = y1 - y0
        left = grey[y0:y1, max(0, x0 - 2 * lh):max(0, x0 - 1)]
        right = grey[y0:y1, min(W, x1 + 1):min(W, x1 + 2 * lh)]
        beside = bool((left.size and (left < _LABEL_INK).any()) or (right.size and (right < _LABEL_INK).any()))
        if alone is True and beside or alone == "beside" and not beside:
            continue
        out.append((x0, y0, x1 - x0, lh))
    return out


_SUBCAP_LOW = 0.5  # a sub-caption's label lies in the lower half of its panel's piece


def _sub_caption_labels(img: np.ndarray):
    """A test of a piece: does it carry one bracketed label of its own in its lower half, with words
    beside it on its line (`_bracket_labels`, not alone: "(a) A cat", a LaTeX sub-caption under its
    drawing; a label alone in a panel's corner may lie in the piece above it, cut there)? The
    labels are found once, on first use (most figures never ask)."""
    found: list = []

    def labelled(b: Box) -> bool:
        if not found:  # labels with words beside them: a sub-caption's start, not a corner label alone
            found.append(_bracket_labels(img, alone="beside"))
        inside = [(x, y, w, h) for x, y, w, h in found[0]
                  if b.x <= x and x + w <= b.x + b.w and b.y + _SUBCAP_LOW * b.h <= y and y + h <= b.y + b.h]
        return len(inside) == 1

    return labelled


def _own_labels(img: np.ndarray, out: list[Box]) -> bool:
    """Whether every piece carries its own bracketed sub-caption label (`_sub_caption_labels`):
    then they are the panels, however unequal (a small cat beside a large elephant), and no piece
    dwarfing the rest makes them one figure."""
    labelled = _sub_caption_labels(img)
    return len(out) >= 2 and all(labelled(b) for b in out)


def _under_labelled(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Pieces grouped by the bracketed labels printed under them (`_bracket_labels`): each piece
    goes to the nearest label under its middle (by the gap down to it and its distance sideways),
    and each label's pieces are one panel, the label with it. Only when there are two labels or
    more, every label gets pieces, each group's label is centred under it (within a fifth of its
    width) and no two groups overlap; else the pieces as they were."""
    if len(out) < 2:
        return out
    labs = _bracket_labels(img)
    if len(labs) < 2:
        return out
    groups: dict[int, list[Box]] = {i: [] for i in range(len(labs))}
    for b in out:
        best, score = None, None
        for i, (x, y, w, h) in enumerate(labs):
            if y < b.y + 0.5 * b.h:
                continue
            cx = x + w / 2
            dx = max(0.0, b.x - cx, cx - (b.x + b.w))
            sc = max(0, y - (b.y + b.h)) + dx
            if score is None or sc < score:
                best, score = i, sc
        if best is None:
            return out
        groups[best].append(b)
    if any(not g for g in groups.values()):
        return out
    panels = []
    for i, g in groups.items():
        x, y, w, h = labs[i]
        u = _union_all(g)
        if abs(x + w / 2 - (u.x + u.w / 2)) > 0.2 * u.w or y > u.y + u.h + 3 * h:
            return out
        panels.append(u)
    if any(_overlaps(a, b) for i, a in enumerate(panels) for b in panels[i + 1:]):
        return out
    # each panel takes its label in, unless the label was cut into the piece under it
    with_label = [_union(u, Box(*labs[i])) for i, u in enumerate(panels)]
    return [wl if not any(_overlaps(wl, o) for j, o in enumerate(panels) if j != i) else u
            for i, (u, wl) in enumerate(zip(panels, with_label))]


_SUB_GAP = 3  # sub-photos of one panel abut: 1 to this many pixels apart (a thin line between them)
_SUB_ALIGN = 0.005  # ... and together line up with a panel beside or under them (edges within this share of the side, 3 px at least)


def _sub_photos(img: np.ndarray, node, boxes: list[Box]):
    """The cut tree with a panel made of two abutting sub-photos (i / ii side by side, or one over the
    other) made one piece again: two photo pieces at most `_SUB_GAP` apart (a node of their own, or
    neighbours along one cut), whose gutters to the other pieces of the node are wider than theirs,
    and whose union is the size of another piece of the node (`_alike`), lined up with it (`_aligned`),
    while each part is under 0.7 of it along the cut. Panels of one size cut apart by gutters of one width (a grid of
    abutting photos) have no wider gutter round any pair, so they are left as they are.
    The union is appended to `boxes`; its index replaces the pair."""
    if node is None or isinstance(node, int):
        return node
    kids = [_sub_photos(img, k, boxes) for k in node]
    pairs = [(j, tuple(k)) for j, k in enumerate(kids)
             if not isinstance(k, int) and k is not None and len(k) == 2 and all(isinstance(x, int) for x in k)]
    pairs += [((j, j + 1), (kids[j], kids[j + 1])) for j in range(len(kids) - 1)
              if isinstance(kids[j], int) and isinstance(kids[j + 1], int) and len(kids) >= 3]
    done: set[int] = set()
    for at, (ia, ib) in pairs:
        spots = at if isinstance(at, tuple) else (at,)
        if done & set(spots):
            continue
        a, b = boxes[ia], boxes[ib]
        across = b.x >= a.x + a.w - _SUB_GAP  # side by side, else one over the other
        gap = (b.x - a.x - a.w) if across else (b.y - a.y - a.h)
        if gap > _SUB_GAP or not _line_between(img, a, b, across):
            # a panel's sub-photos are set apart by a thin line; photos meeting with none (cut at
            # their edge: a stack of two beside a tall photo, an L of abutting photos) are panels
            continue
        u = _union(a, b)
        others = [boxes[k] for j, k in enumerate(kids) if isinstance(k, int) and j not in spots]
        tol = max(3, _SUB_ALIGN * max(img.shape[:2]))
        like = [o for o in others if _alike([u, o]) and _aligned(u, o, tol)]
        size = (lambda x: x.w) if across else (lambda x: x.h)
        if not like or max(size(a), size(b)) >= 0.7 * size(like[0]):
            continue
        if any(_box_gap(u, o) <= max(gap, 0) + 1 for o in others):
            continue
        if not _photo_piece(img, a) or not _photo_piece(img, b):
            continue
        boxes.append(u)
        kids[spots[0]] = len(boxes) - 1
        for sp in spots[1:]:
            kids[sp] = None
        done |= set(spots)
    kids = [k for k in kids if k is not None]
    return kids[0] if len(kids) == 1 else kids


_LINE_PLAIN = 0.8  # a line between sub-photos: this share of its pixels within 20 of its median colour ...
_LINE_CONTRAST = 30  # ... and its colour this far (any channel) from the lines 3 pixels either side


def _line_between(img: np.ndarray, a: Box, b: Box, across: bool) -> bool:
    """Whether a plain line (a rule of one colour, `_LINE_PLAIN` of its pixels) runs between two
    abutting pieces, within 3 pixels of where they meet, along their shared span: the thin rule
    between a panel's sub-photos. Two photos cut at their meeting edge have none (each line there is
    photo)."""
    if across:
        p = (a.x + a.w + b.x) // 2
        lo, hi = max(a.y, b.y), min(a.y + a.h, b.y + b.h)
        band = img[lo:hi, max(0, p - 3):p + 4].transpose(1, 0, 2)
    else:
        p = (a.y + a.h + b.y) // 2
        lo, hi = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
        band = img[max(0, p - 3):p + 4, lo:hi]
    if band.ndim == 2 or not band.size:
        return False
    band = band[:, :, :3].astype(np.int16)
    med = np.median(band, axis=1).astype(np.int16)
    plain = (channel_max(np.abs(band - med[:, None, :])) <= 20).mean(axis=1)
    # a rule stands out from the photos on both sides of it; a smooth edge line of a photo is
    # plain too, but of the photo's colour
    k = int(np.argmax(plain))
    stands = all(int(np.abs(med[k] - med[j]).max()) > _LINE_CONTRAST for j in (0, len(med) - 1))
    return float(plain[k]) >= _LINE_PLAIN and stands


def _aligned(a: Box, b: Box, tol: float) -> bool:
    """Whether two boxes share a row's top and bottom or a column's left and right edges (within tol)."""
    return (abs(a.y - b.y) <= tol and abs(a.y + a.h - b.y - b.h) <= tol) or \
        (abs(a.x - b.x) <= tol and abs(a.x + a.w - b.x - b.w) <= tol)


def _box_gap(a: Box, b: Box) -> int:
    """The gap between two boxes side by side or one over the other (negative where they overlap)."""
    return max(b.x - a.x - a.w, a.x - b.x - b.w, b.y - a.y - a.h, a.y - b.y - b.h)


def _panel_trees(img: np.ndarray, bridged: bool = False):
    """The layout's pieces and cut tree as `split_panels` refines them: (n pieces from `layout`,
    the tree after `_gutter_levels`, its boxes, the tree before, its boxes, the merged pieces)."""
    boxes, tree = layout(img, bridged)
    boxes = list(boxes)
    n = len(boxes)
    tree = _cut_leaves(img, tree, boxes)
    raw_tree, raw_boxes = tree, list(boxes)
    keep = frozenset(range(n, len(boxes)))
    tree = _sub_photos(img, tree, boxes)
    tree = _gutter_levels(tree, boxes, max(img.shape[:2]), keep=keep,
                          photo=lambda b: _photo_piece(img, b))
    sub = _sub_caption_labels(img)
    merged = _minor_merge(tree, boxes, frozenset(id(b) for b in boxes[n:]), lambda b, group=False: _text_only(img, b, group),
                          labelled=lambda b: sub(b) or _boxed_diagram(img, b))
    merged = _regular_rows(img, merged) if len(merged) >= 4 else merged
    return n, tree, boxes, raw_tree, raw_boxes, merged


def _rows_of(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into rows as `reading_order` does (vertical overlap of half the smaller height),
    each row left to right, rows top to bottom."""
    rows: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: (b.y, b.x)):
        for row in rows:
            top, bottom = min(r.y for r in row), max(r.y + r.h for r in row)
            if min(bottom, b.y + b.h) - max(top, b.y) >= 0.5 * min(b.h, min(r.h for r in row)) and b.y < bottom:
                row.append(b)
                break
        else:
            rows.append([b])
    return [sorted(r, key=lambda b: b.x) for r in rows]


def _regular_rows(img: np.ndarray, boxes: list[Box]) -> list[Box]:
    """A grid's rows made regular: the row(s) cut into the most pieces and sharing their column
    boundaries (within 2 % of the width) give the grid's columns; another row spanning the same
    width, of photographs (under 25 % paper) and cut elsewhere or not at all (a pale stretch inside a
    photo taken for a gutter, an edge missed because a false gutter was cut first), is cut at photo
    edges found at the shared boundaries when there is an edge at every one of them; otherwise it is
    left as it is. Then the same for columns (on the transposed figure)."""
    out = _regular_rows_once(lambda y0, y1, x0, x1: np.ascontiguousarray(img[y0:y1, x0:x1, :3]), img.shape[1], boxes)
    flip = [Box(b.y, b.x, b.h, b.w) for b in out]
    out = _regular_rows_once(lambda y0, y1, x0, x1: np.ascontiguousarray(img[x0:x1, y0:y1, :3].transpose(1, 0, 2)),
                             img.shape[0], flip)
    return [Box(b.y, b.x, b.h, b.w) for b in out]


def _regular_rows_once(region_of, W: int, boxes: list[Box]) -> list[Box]:
    rows = _rows_of(boxes)
    tol = max(3.0, 0.02 * W)

    def bounds(row: list[Box]) -> list[float]:
        return [(a.x + a.w + b.x) / 2 for a, b in zip(row, row[1:])]

    ref = None
    for r in rows:
        if len(r) < 2:
            continue
        agree = [q for q in rows if len(q) == len(r)
                 and all(abs(u - v) <= tol for u, v in zip(bounds(q), bounds(r)))]
        if ref is None or (len(agree), len(r)) > (len(ref), len(ref[0])):
            ref = agree
    if ref is None:
        return boxes
    cols = bounds(ref[0])
    x0, x1 = min(q[0].x for q in ref), max(q[-1].x + q[-1].w for q in ref)
    out: list[Box] = []
    for r in rows:
        if any(r is q for q in ref) or (len(r) == len(ref[0]) and all(abs(u - v) <= tol for u, v in zip(bounds(r), cols))):
            out.extend(r)
            continue
        y0, y1 = min(b.y for b in r), max(b.y + b.h for b in r)
        if abs(r[0].x - x0) > tol or abs(r[-1].x + r[-1].w - x1) > tol:
            out.extend(r)  # not a row of the same grid
            continue
        region = region_of(y0, y1, x0, x1)
        dark = channel_min(region)
        cuts = _edge_cuts(region, 1) if region.size and np.count_nonzero(dark >= 235) < 0.25 * dark.size else []
        found = []
        for c in cols:
            near = [k for k in cuts if abs(x0 + k - c) <= tol]
            if not near:
                break
            found.append(x0 + min(near, key=lambda k: abs(x0 + k - c)))
        if len(found) != len(cols):
            out.extend(r)
            continue
        edges = [x0] + found + [x1]
        out.extend(Box(a, y0, b - a, y1 - y0) for a, b in zip(edges, edges[1:]))
    return out


_SCALE_MAX = 0.06  # coarser gutter scales (a share of the figure's longer side) are not tried
_DOMINANT = 4.0  # a segmentation whose largest piece is over this many times the mean piece is no panel layout


def _plausible(boxes: list[Box]) -> bool:
    """Whether pieces can be a figure's panels: none swallows the figure while the rest are its
    fragments (the largest at most `_DOMINANT` times the mean area). A count reached by cutting small
    pieces finer beside one piece holding most panels is a coincidence, not the panels."""
    areas = [b.w * b.h for b in boxes]
    return max(areas) <= _DOMINANT * sum(areas) / len(areas)


def _all_gaps(node, boxes: list[Box]) -> list[int]:
    """The gutters of every cut in a node (between consecutive children's boxes; 0 where they touch)."""
    if node is None or isinstance(node, int):
        return []
    kids = [k for k in node if _leaves(k)]
    out = []
    if len(kids) >= 2:
        out = _cut_gaps([_union_all([boxes[i] for i in _leaves(k)]) for k in kids])[1]
    return out + [g for k in kids for g in _all_gaps(k, boxes)]


def _collapse_below(node, boxes: list[Box], t: int):
    """The cut tree seen at gutter scale t: along each cut, consecutive children whose gutters
    between them and inside them, at any depth, are all under `t` are made one piece (appended to
    `boxes`; its index replaces them)."""
    if node is None or isinstance(node, int):
        return node
    kids = [k for k in node if _leaves(k)]
    if len(kids) < 2:
        return [_collapse_below(k, boxes, t) for k in kids]
    gaps = _cut_gaps([_union_all([boxes[i] for i in _leaves(k)]) for k in kids])[1]
    runs: list[list[int]] = [[0]]
    for i, g in enumerate(gaps):
        if g < t:
            runs[-1].append(i + 1)
        else:
            runs.append([i + 1])
    out = []
    for run in runs:
        if len(run) > 1 and all(_inner_gap(kids[i], boxes) < t for i in run):
            boxes.append(_union_all([boxes[j] for i in run for j in _leaves(kids[i])]))
            out.append(len(boxes) - 1)
        else:
            out.extend(_collapse_below(kids[i], boxes, t) for i in run)
    return out[0] if len(out) == 1 else out


def _scale_candidates(img: np.ndarray, trees, n: int):
    """Segmentations of the figure at increasing gutter scales: for each (tree, boxes) in turn (the
    tree after `_gutter_levels`, then the raw one), the pieces once every group whose gutters are all
    under t is one piece, t running over the tree's own gutter widths (up to `_SCALE_MAX` of the
    side), slivers dealt with by `_minor_merge` as in `split_panels`. Yields lists of boxes; one per
    distinct count, finest first."""
    side = max(img.shape[:2])
    texty: dict[tuple[Box, bool], bool] = {}

    def is_text(b: Box, group: bool = False) -> bool:
        if (b, group) not in texty:
            texty[(b, group)] = _text_only(img, b, group)
        return texty[(b, group)]

    for tree, boxes in trees:
        seen: set[int] = set()
        for t in sorted({0} | {g + 1 for g in _all_gaps(tree, boxes)}):
            if t > _SCALE_MAX * side:
                break
            bs = list(boxes)
            tr = _collapse_below(tree, bs, t)
            merged = _minor_merge(tr, bs, frozenset(id(b) for b in bs[n:]), is_text)
            if merged and len(merged) not in seen:
                seen.add(len(merged))
                yield merged


_BAR_RUN = 0.5     # a colour bar runs at least this share of its image's height ...
_BAR_WIDE = 0.15   # ... is at most this share of its image's width (and 5 px or more) ...
_BAR_NEAR = 0.15   # ... stands at most this share of the image's width (or 40 px) beside it ...
_BAR_ALIGN = 0.08  # ... its ends within this share of the image's height of the image's piece ...
_BAR_SPREAD = 60   # ... and its colour changes along it by this much (a ramp, not a filled bar)
_BAR_FLAT = 14     # ... while each line across it is one colour (mean absolute deviation) ...
_BAR_STEP = 40     # ... changing by at most this from one line to the next (a ramp, a few steps)


def _colour_bar(img: np.ndarray, p: Box) -> tuple[int, int, int, int] | None:
    """The colour bar a piece holds (x0, y0, x1, y1 in figure pixels), or None: a strip of
    non-paper columns running down the piece, each line across it one colour and the colour ramping
    along it (a colour map's key), with at most tick labels and the quantity's name beside it. Why:
    a bar beside an image or a heat map stands a gutter apart from it (the axes' pad), so the XY-cut
    takes it for a panel; it is the image's key, never a panel of its own."""
    crop = img[p.y:p.y + p.h, p.x:p.x + p.w, :3]  # a view: only the bar's inside is widened below
    if crop.shape[0] < 20 or crop.shape[1] < 5:
        return None
    hi, lo = channel_max(crop), channel_min(crop)
    filled = (lo < 230) & (((hi - lo) > 30) | (hi < 200))  # hi >= lo: no uint8 wrap
    runs = filled.sum(axis=0)
    tall = runs >= 0.5 * p.h
    xs = np.flatnonzero(tall)
    if not len(xs):
        return None
    # the widest run of tall columns side by side
    splits = np.flatnonzero(np.diff(xs) > 1) + 1
    groups = np.split(xs, splits)
    g = max(groups, key=len)
    x0, x1 = int(g[0]), int(g[-1]) + 1
    if x1 - x0 < 5:
        return None
    rows = np.flatnonzero(filled[:, x0:x1].mean(axis=1) >= 0.8)
    if len(rows) < 20:
        return None
    y0, y1 = int(rows[0]), int(rows[-1]) + 1
    inner = crop[y0 + 2:y1 - 2, x0 + 2:x1 - 2].astype(np.int16)  # inside the bar's outline
    line = inner.mean(axis=1, keepdims=True)
    if float(np.abs(inner - line).mean()) > _BAR_FLAT:
        return None
    means = line[:, 0, :]
    if int((means.max(axis=0) - means.min(axis=0)).max()) < _BAR_SPREAD:
        return None
    if float(np.abs(np.diff(means, axis=0)).max()) > _BAR_STEP:
        return None  # a jump, not a ramp: stacked bars, a filled bar under paper and a frame line
    return p.x + x0, p.y + y0, p.x + x1, p.y + y1


def _colour_bars(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Pieces that are an image's colour bar (`_colour_bar`: narrow beside the bar, the bar as tall
    as the image's piece and ending with it, a pad apart) joined to that image, the bar's key only
    (rows of the bar and its tick labels: a neighbour's axis name poking into the piece above or
    below stays out). Pieces with a bar and an image of their own are left alone (the bar's columns
    must be the piece's widest ink beside tick labels)."""
    if len(out) < 2 or img.ndim != 3:
        return out
    out = list(out)
    seen: dict[tuple, tuple | None] = {}
    changed = True
    while changed:
        changed = False
        for p in out:
            # where a bar beside an image on p's left could stand (the pad and the bar's width):
            # only that strip of p is read, and only when such an image is there (speed)
            reach = [q.x + q.w + max(40, _BAR_NEAR * q.w) + _BAR_WIDE * q.w for q in out
                     if q is not p and q.x + q.w <= p.x <= q.x + q.w + max(40, _BAR_NEAR * q.w)
                     and p.y <= q.y + q.h // 2 <= p.y + p.h]
            if not reach:
                continue
            strip = Box(p.x, p.y, max(1, min(p.w, int(max(reach)) - p.x)), p.h)
            key = (strip.x, strip.y, strip.w, strip.h)
            if key not in seen:
                seen[key] = _colour_bar(img, strip)
            bar = seen[key]
            if bar is None:
                continue
            bx0, by0, bx1, by1 = bar
            bh = by1 - by0
            best = None
            for q in out:
                if q is p or q.x + q.w > bx0 or q.w < 2 * (bx1 - bx0):
                    continue  # the image lies left of the bar, wider than it
                if bh < _BAR_RUN * q.h or bx1 - bx0 > _BAR_WIDE * q.w:
                    continue
                tol = _BAR_ALIGN * q.h
                if by0 < q.y - tol or by1 > q.y + q.h + tol:
                    continue
                gap = bx0 - (q.x + q.w)
                if gap > max(40, _BAR_NEAR * q.w):
                    continue
                if best is None or gap < best[0]:
                    best = (gap, q)
            if best is None:
                continue
            q = best[1]
            # the key: the piece's ink on the bar's rows (tick labels spill half a line beyond)
            pad = max(8, bh // 40)
            y0, y1 = max(p.y, by0 - pad), min(p.y + p.h, by1 + pad)
            grey = figure.grey_part(img, p.x, y0, p.x + p.w, y1)
            cols = np.flatnonzero((grey < 200).any(axis=0))
            if not len(cols):
                continue
            # the key's columns run from the bar over its labels; a gap wider than the bar ends it
            c = cols[cols >= bx0 - p.x]
            stop = np.flatnonzero(np.diff(c) > max(3 * (bx1 - bx0), 20))
            kx1 = p.x + int(c[stop[0]] if len(stop) else c[-1]) + 1
            if kx1 - bx0 > 0.6 * q.w:
                continue  # more than a key beside the bar
            key = Box(bx0, y0, kx1 - bx0, y1 - y0)
            u = _union(q, key)
            out = [u] + [o for o in out if o is not p and o is not q]
            changed = True
            break
    return out


_CELL_INK = 0.02   # a cut between two labels' panels: a column inked along at most this share of the band
_CELL_CENTRE = 0.15  # each panel's ink centred over its label within this share of the ink's width
_CELL_PAPER = 235  # a panel's content: pixels darker than this (paper is lighter)
_FOOT_PAPER = 0.8  # sub-captions under the last row of panels: the figure's last two rows this share paper at least
_CELL_TAIL = 3.0   # print under the last label row (the figure's own caption line): at most this many label heights of inked rows


def _print_lines(img: np.ndarray, lo: int, hi: int) -> list[tuple[int, int]]:
    """Runs of inked rows `lo` to 1.6 `hi` tall between blank rows: where a line of print alone
    on its line (a sub-caption under its panels) can stand. Read as each row's least green (one
    reduction, speed): a photo's or a chart's rows run on far longer and are never read again by
    the label search below."""
    least = cv2.reduce(np.ascontiguousarray(img), 1, cv2.REDUCE_MIN).reshape(img.shape[0], -1)
    inked = np.append(least[:, min(1, least.shape[1] - 1)] < _LABEL_INK, False)  # black print is dark in green too
    edges = np.flatnonzero(np.diff(np.concatenate(([False], inked)).astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    keep = (ends - starts >= lo) & (ends - starts <= 1.6 * hi)
    return [(int(a), int(b)) for a, b in zip(starts[keep], ends[keep])]


def _label_lines(img: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Sub-caption lines under panels, as (x, y, w, h): a bracketed one-glyph label, "(a)", starting
    its line, alone there or with the sub-caption's words after it ("(b) Sample view"), the box
    running over the whole line (a LaTeX sub-caption is centred under its panel as a line). Read
    only in lines of print between blank rows (`_print_lines`), so most figures cost a row test."""
    H, W = img.shape[:2]
    side = max(H, W)
    lo, hi = max(6, int(_UNDER_LABEL_H[0] * side)), int(_UNDER_LABEL_H[1] * side) + 1
    out = []
    for y0, y1 in _print_lines(img, lo, hi):
        top, bot = max(0, y0 - 2), min(H, y1 + 2)
        band = figure.grey_part(img, 0, top, W, bot)
        for x, y, w, h in _bracket_labels_at(band, side):
            ink = (band[y:y + h] < _LABEL_INK).any(axis=0)
            if x > 0 and ink[max(0, x - 2 * h):x - 1].any():
                continue  # print before the "(": a back-reference inside a line, no label
            x1, gap = x + w, 0
            for c in range(x + w, W):  # run on over the sub-caption's words (gaps under 1.2 heights)
                if ink[c]:
                    x1, gap = c + 1, 0
                else:
                    gap += 1
                    if gap > 1.2 * h:
                        break
            out.append((x, top + y, x1 - x, h))
    return out


def _bracket_glyphs(grey: np.ndarray, side: int):
    """The ink components of a grey image (their `stats`) and, of those of a bracket's size for a
    figure whose longer side is `side`, the "(" and ")" glyphs as (x, y, w, h): what both bracketed
    label searches start from."""
    lo, hi = max(6, int(_UNDER_LABEL_H[0] * side)), int(_UNDER_LABEL_H[1] * side) + 1
    _, labels, stats, _ = cv2.connectedComponentsWithStats((grey < _LABEL_INK).view(np.uint8), connectivity=8)
    sw, sh = stats[:, 2], stats[:, 3]
    thin = np.flatnonzero((sh >= lo) & (sh <= hi) & (sw <= 0.5 * sh))
    opens, closes = [], []
    for k in thin[thin > 0]:
        x, y, w, h = (int(v) for v in stats[k, :4])
        kind = _bracket_side(labels[y:y + h, x:x + w] == k)
        if kind == "(":
            opens.append((x, y, w, h))
        elif kind == ")":
            closes.append((x, y, w, h))
    return stats, opens, closes


def _bracket_labels_at(grey: np.ndarray, side: int) -> list[tuple[int, int, int, int]]:
    """`_bracket_labels` (not alone) on a band of a figure, its label sizes those of the whole
    figure's longer side `side`."""
    stats, opens, closes = _bracket_glyphs(grey, side)
    sx, sy, sw, sh = (stats[:, i] for i in range(4))
    out = []
    for ox, oy, ow, oh in opens:
        close = [c for c in closes if 0 < c[0] - (ox + ow) <= 1.6 * oh and abs(c[1] - oy) <= 0.2 * oh
                 and abs(c[3] - oh) <= 0.2 * oh]
        if len(close) != 1:
            # the glyph run into its ")" ("f)" in a serif face is one mark): one mark right after
            # the "(", within its height, at most 1.6 heights wide, is the pair
            sel = (sx > ox + ow) & (sx <= ox + ow + 0.4 * oh) & (sy >= oy - 2) & (sy + sh <= oy + oh + 2) \
                & (sh >= 0.6 * oh) & (sw <= 1.6 * oh) & (sw >= 0.7 * oh)
            sel[0] = False
            if close or np.count_nonzero(sel) != 1:
                continue
            k = int(np.flatnonzero(sel)[0])
            out.append((ox, oy, int(sx[k] + sw[k]) - ox, oh))
            continue
        cx, cy, cw, ch = close[0]
        y0, y1 = min(oy, cy), max(oy + oh, cy + ch)
        sel = (sx >= ox + ow) & (sx + sw <= cx) & (sy >= y0 - 2) & (sy + sh <= y1 + 2)
        sel[0] = False
        if not sel.any() or (sy + sh)[sel].max() - sy[sel].min() < 0.35 * oh:
            continue
        out.append((ox, y0, cx + cw - ox, y1 - y0))
    return out


def _rows_by_y(labs: list[tuple[int, int, int, int]]) -> list[list[tuple[int, int, int, int]]]:
    """Labels in rows (their middles within half a label's height), top to bottom, each row left to right."""
    rows: list[list] = []
    for lab in sorted(labs, key=lambda b: b[1] + b[3] / 2):
        if rows and abs(lab[1] + lab[3] / 2 - (rows[-1][-1][1] + rows[-1][-1][3] / 2)) <= 0.5 * lab[3]:
            rows[-1].append(lab)
        else:
            rows.append([lab])
    return [sorted(r) for r in rows]


def _label_cells(grey: np.ndarray, p: Box, labs: list) -> list[Box] | None:
    """The panels of piece `p` from the sub-caption lines inside it: each row of lines closes a row
    of panels (the row boundary runs under the lines), and between two lines of a row the panels
    part at the column least inked over them (at most `_CELL_INK` of the band, nearest the middle,
    in the middle half between the lines' centres; photographs meeting there part at their seam,
    `_photo_seam`). None unless every panel's ink is centred over its line and nothing but a
    caption line (`_CELL_TAIL`) lies under the last row."""
    dark = grey < _CELL_PAPER  # a pale photograph's background is part of its panel
    rows = _rows_by_y(labs)
    h = max(b[3] for b in labs)
    last = max(b[1] + b[3] for b in rows[-1])
    tail = dark[last:p.y + p.h, p.x:p.x + p.w]
    if np.count_nonzero(tail.any(axis=1)) > _CELL_TAIL * h:
        return None
    cells, top = [], p.y
    for row in rows:
        head = min(b[1] for b in row)
        bottom = max(b[1] + b[3] for b in row)
        band = dark[top:head, p.x:p.x + p.w]
        if band.shape[0] < 2 * h:
            return None
        cols = band.sum(axis=0)
        edges = [p.x]
        for a, b in zip(row, row[1:]):
            ca, cb = a[0] + a[2] / 2, b[0] + b[2] / 2
            lo, hi = int(ca + 0.25 * (cb - ca)) - p.x, int(cb - 0.25 * (cb - ca)) + 1 - p.x
            if hi <= lo:
                return None
            seg = cols[lo:hi]
            least = int(seg.min())
            mid = (ca + cb) / 2 - p.x - lo
            if least > _CELL_INK * band.shape[0]:
                seam = _photo_seam(grey[top:head, p.x + lo - 1:p.x + hi])
                if seam is None:
                    return None  # something bridges the two panels
                edges.append(p.x + lo + seam)
                continue
            at = np.flatnonzero(seg == least)
            edges.append(p.x + lo + int(at[np.argmin(np.abs(at - mid))]))
        edges.append(p.x + p.w)
        for (x0, x1), lab in zip(zip(edges, edges[1:]), row):
            part = dark[top:head, x0:x1]
            xs = np.flatnonzero(part.any(axis=0))
            ys = np.flatnonzero(part.any(axis=1))
            if not len(xs) or ys[-1] - ys[0] + 1 < 2 * h:
                return None
            ix0, ix1 = x0 + int(xs[0]), x0 + int(xs[-1]) + 1
            if abs((ix0 + ix1) / 2 - (lab[0] + lab[2] / 2)) > _CELL_CENTRE * (ix1 - ix0):
                return None
            u = _union(Box(ix0, top + int(ys[0]), ix1 - ix0, int(ys[-1]) - int(ys[0]) + 1), Box(*lab))
            cells.append(u)
        top = bottom
    return cells


def _label_cut(img: np.ndarray, out: list[Box], labs: list | None = None) -> list[Box]:
    """Pieces holding two sub-caption lines or more (`_label_lines`: "(a)", "(b)" under LaTeX
    subfigures) cut into their panels (`_label_cells`): subfigures set side by side with no gutter,
    or with one the layout took for a sub-plot's (the gutter between plots narrower than that
    between rows), are told apart by their labels. A piece the cut does not fit stays as it was."""
    if labs is None:
        bottom = img[-2:]
        if float(((channel_min(bottom) if bottom.ndim == 3 else bottom) >= 230).mean()) < _FOOT_PAPER:
            return out  # no paper under the last row: no sub-caption there (a photograph, a filled chart)
        labs = _label_lines(img)
    if len(labs) < 2:
        return out
    grey = figure.grey(img)
    res, changed = [], False
    for p in out:
        mine = [b for b in labs if p.x <= b[0] and b[0] + b[2] <= p.x + p.w and p.y <= b[1] and b[1] + b[3] <= p.y + p.h]
        cells = _label_cells(grey, p, mine) if len(mine) >= 2 else None
        if cells is None:
            res.append(p)
        else:
            res.extend(cells)
            changed = True
    if changed:
        return res
    # no piece holds two: rows cut across the labels (a row's lines in the piece under it, or
    # pieces reaching past their line into the next panel, pieces left out); the labels cut the
    # whole figure instead, taken when that gives as many panels as there were pieces or more
    cells = _label_cells(grey, Box(0, 0, grey.shape[1], grey.shape[0]), labs)
    return cells if cells is not None and len(cells) >= len(out) else out


_SEAM_SHARP = 2.5  # two photographs meeting: the change across their seam this many times the mean change ...
_SEAM_THIRD = 2.0  # ... and this many times it in each third of the band (a straight edge from top to bottom) ...
_SEAM_PAPER = 0.5  # ... between columns under this share paper on both sides (no plot's axis line on paper)


def _photo_seam(grey: np.ndarray) -> int | None:
    """Where two photographs set edge to edge part in a band (its first column is the one before
    the search window): the column after the sharpest change from one column to the next, when it
    is `_SEAM_SHARP` times the window's mean change, `_SEAM_THIRD` times it in each third of the
    band's height, and both neighbours are mostly not paper. Else None."""
    if grey.shape[1] < 4 or grey.shape[0] < 6:
        return None
    d = np.abs(np.diff(grey.astype(np.int16), axis=1))
    step = d.mean(axis=0)
    k = int(np.argmax(step))
    if step[k] < _SEAM_SHARP * _mean_change(step):
        return None
    n = d.shape[0] // 3
    for part in (d[:n], d[n:2 * n], d[2 * n:]):
        ps = part.mean(axis=0)
        if ps[k] < _SEAM_THIRD * _mean_change(ps):
            return None
    paper = (grey >= 230).mean(axis=0)
    if paper[k] >= _SEAM_PAPER or paper[k + 1] >= _SEAM_PAPER:
        return None
    return k


def _mean_change(step: np.ndarray) -> float:
    """The mean change between neighbouring columns over those that change at all (an image
    enlarged by repeating its pixels changes only at its pixels' edges: the columns between
    would halve the mean and make every edge a seam); 1 at least."""
    moving = step[step > 0.5]
    return max(1.0, float(moving.mean())) if moving.size else 1.0


_HEAT_FLAT = 0.6    # a heat map's cells: this share of pixels at least equal to their right and lower neighbours ...
_HEAT_CHROMA = 20   # ... and this share (`_HEAT_TINT`) tinted (channels this far apart, not paper)
_HEAT_TINT = 0.5
_HEAT_ABUT = 2      # cells abut: at most this many pixels apart ...
_HEAT_SHARE = 0.5   # ... along this share of the shorter of the two facing sides


def _heat_piece(img: np.ndarray, b: Box) -> bool:
    """Whether a piece is cells of a heat map: drawn flat fills (most pixels, read every other
    pixel, exactly equal to their right and lower neighbours; a number printed on a cell and the
    cells' outlines are the rest), tinted (a colour scale, not a window's grey or paper). A
    photograph's pixels are seldom equal to their neighbours (the real photographs of the shared
    data: 13 % at most, heat maps rendered by R: 86-92 %)."""
    part = img[b.y:b.y + b.h:2, b.x:b.x + b.w:2]
    if part.ndim != 3 or part.shape[0] < 4 or part.shape[1] < 4:
        return False
    part = part[:, :, :3]
    if flat_share(part) < _HEAT_FLAT:
        return False
    hi, lo = channel_max(part), channel_min(part)
    return float(((hi.astype(np.int16) - lo >= _HEAT_CHROMA) & (lo < 245)).mean()) >= _HEAT_TINT


def _abut(a: Box, b: Box) -> bool:
    """Whether two boxes face each other with at most `_HEAT_ABUT` pixels between them along
    `_HEAT_SHARE` of the shorter facing side, or overlap."""
    if _overlaps(a, b):
        return True
    for p, q in ((a, b), (b, a)):
        if 0 <= q.x - (p.x + p.w) <= _HEAT_ABUT:
            if min(p.y + p.h, q.y + q.h) - max(p.y, q.y) >= _HEAT_SHARE * min(p.h, q.h):
                return True
        if 0 <= q.y - (p.y + p.h) <= _HEAT_ABUT:
            if min(p.x + p.w, q.x + q.w) - max(p.x, q.x) >= _HEAT_SHARE * min(p.w, q.w):
                return True
    return False


def _heat_cells(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Pieces that are cells of one heat map joined: pieces of tinted flat fill (`_heat_piece`)
    abutting one another (no gutter, or only the 1-pixel outline drawn between cells), joined
    pairwise until none abut (a joined block meets cells its parts did not). A heat map's cells
    (bordered ones, or columns of a colour scale) are read as photo edges or thin rules between
    panels; panels of a figure stand a gutter apart, and photographs are not flat."""
    if len(out) < 2 or img.ndim != 3:
        return out
    heat = [p for p in out if _heat_piece(img, p)]
    if len(heat) < 2:
        return out
    rest = [p for p in out if not any(p is q for q in heat)]
    changed = True
    while changed:
        changed = False
        for i in range(len(heat)):
            for j in range(i + 1, len(heat)):
                if _abut(heat[i], heat[j]):
                    u = _union(heat[i], heat[j])
                    heat = [u] + [q for k, q in enumerate(heat) if k not in (i, j)]
                    changed = True
                    break
            if changed:
                break
    if len(heat) + len(rest) == len(out):
        return out
    kept = []
    for p in rest:
        # a piece inside a joined block (a cell the flat test missed: its number's print) is a
        # cell; the heat map's colour bar beside the block (its key, `_colour_bar`) is its own
        home = [k for k, q in enumerate(heat) if _inside_share(p, q) > 0.5]
        if not home:
            home = [k for k, q in enumerate(heat)
                    if q.x + q.w <= p.x <= q.x + q.w + max(40, _BAR_NEAR * q.w) and q.y <= p.y + p.h // 2 <= q.y + q.h
                    and _colour_bar(img, p) is not None]
        if home:
            heat[home[0]] = _union(heat[home[0]], p)
        else:
            kept.append(p)
    return kept + heat


def _inside_share(a: Box, b: Box) -> float:
    """The share of box a's area inside box b."""
    ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    return ix * iy / max(1, a.w * a.h)


_NODE_SIDE = 4.0   # a diagram's node: a closed box at least this many glyphs high and wide ...
_NODE_RECT = 0.85  # ... its inside this share of its bounding rectangle at least (a rectangle) ...
_NODE_COUNT = 2    # ... and this many of them in the piece


def _boxed_diagram(img: np.ndarray, b: Box) -> bool:
    """Whether a piece is a diagram of its own: it holds `_NODE_COUNT` or more closed rectangles
    (the paper inside a drawn outline) at least `_NODE_SIDE` glyphs high and wide: a row of a
    state diagram's boxes with arrows between them. Two such pieces, one over the other, are two
    diagrams (a), b)), not a strip beside its chart however thin one is; an axis strip, a legend,
    a header or a colour key holds no such boxes."""
    part = np.ascontiguousarray(img[b.y:b.y + b.h, b.x:b.x + b.w])
    grey = part if part.ndim == 2 else cv2.cvtColor(part[:, :, :3], cv2.COLOR_BGR2GRAY)
    side = _NODE_SIDE * 0.02 * max(img.shape[:2])
    if min(grey.shape) < side:
        return False
    found, hier = cv2.findContours((grey < 160).view(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hier is None:
        return False
    nodes = 0
    for c, h in zip(found, hier[0]):
        if h[3] < 0:
            continue    # an outer contour: the holes are the boxes' insides
        x, y, w, hh = cv2.boundingRect(c)
        if w >= side and hh >= side and cv2.contourArea(c) >= _NODE_RECT * w * hh:
            nodes += 1
            if nodes >= _NODE_COUNT:
                return True
    return False
