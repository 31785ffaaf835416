"""Pieces that are no panel of their own joined to the panel they belong to.

The XY-cut cuts wherever a run of blank lines crosses a region. Inside one chart such runs are
common where a plotting library leaves paper between a plot's parts: R's base graphics draws the
axes apart from the plotting area and writes long category names turned upright under it, a legend
box below the plot, the y-axis's tick labels and title left of it; each comes out as a piece of
its own. Those pieces hold print alone (letters, digits, a legend's small keys): no axes frame, no
curve or bar, no photograph. A panel of a compound figure holds a picture of something. So a piece
of print alone lying beside a piece with a picture, along its side and close to it, is that
picture's labels and joins it (`join_print`).

A second mark of one drawing cut in several: one unbroken stroke running from one piece into the
other across the paper between them (a graph's edge between two clusters of nodes, `join_strokes`).

Functions take an image and boxes and return boxes; no state."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import _MAX_SIDE, Box, _union
from .figure import grey_view

_INK = 160          # print: pixels darker than this (grey level); a legend's pale fill and a tinted
                    # key are no print
_LIGHT = 200        # paper (and a legend's pale fill): grey level over this ...
_ON_PAPER = 0.8     # ... over this share of a piece of print
_GLYPH = 0.03       # every mark of a piece of print at most this share of the figure's longer side
_GLYPH_MIN = 16     # ... (and at least this many pixels) across one way (a line of print's height) ...
_WORD = 0.1         # ... and this share the other way (letters touching in a bold word, a legend's key)
_ALONG = 0.6        # the print lies along its picture: this share of its extent within the picture's
_SMALL = 0.4       # ... and its area at most this share of the picture's (a plot's labels, not a panel of
                    # pale bands or dashed contours whose only dark marks are print-sized)
_NEAR = 0.07        # ... and at most this share of the figure's longer side away from it
_KEY_TALL = 0.15    # a legend's frame: at most this share of the figure's longer side tall ...
_KEY_FLAT = 2.0     # ... and this many times as wide as tall at least (a few lines of keys in a box)


def _print_only(grey: np.ndarray, b: Box, step: int, side: int) -> bool:
    """Whether the piece holds print alone: mostly paper (`_ON_PAPER`), at least one dark mark, and every dark mark (8-connected)
    at most `_GLYPH` of the figure's longer side across one way (a glyph's height; upright text
    turned on its side is as narrow) and `_WORD` the other (a word whose letters touch). An axis
    line, a curve, a bar, a frame, a tree or a photograph's dark parts run longer or are
    thicker (but for a legend's box, `_key_frame`): a plot whose axes stand apart from its pale points (seaborn's offset spines) is a
    picture, not print. `grey` is
    the figure's grey view at every `step`-th pixel."""
    part = grey[b.y // step:-(-(b.y + b.h) // step), b.x // step:-(-(b.x + b.w) // step)]
    if part.size == 0:
        return False
    if float((part > _LIGHT).mean()) < _ON_PAPER:
        return False    # a photograph, a filled map, a heat map: no print on paper
    dark = (part < _INK).view(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    if n < 2:
        return False
    glyph = _glyphs(stats, step, side)
    if glyph.all():
        return True
    if (stats[1:][~glyph, 3] * step > _KEY_TALL * side + 4 * step).any():
        return False    # a mark taller than a key's frame: a plot, a tree (no second reading)
    # a legend's box: its frame is the one long mark, a flat rectangle round the keys and their names
    # (read with a pixel more each way: the cut may leave a frame's outer line just outside the piece)
    pad = 2 * step
    y0, x0 = max(0, b.y - pad) // step, max(0, b.x - pad) // step
    part = grey[y0:-(-(b.y + b.h + pad) // step), x0:-(-(b.x + b.w + pad) // step)]
    n, labels, stats, _ = cv2.connectedComponentsWithStats((part < _INK).view(np.uint8), connectivity=8)
    glyph = _glyphs(stats, step, side)
    return bool(glyph.any() and all(_key_frame(labels, stats[k + 1], k + 1, step, side) for k in np.flatnonzero(~glyph)))


def _glyphs(stats: np.ndarray, step: int, side: int) -> np.ndarray:
    """Which marks (connected components' stats, background first) are print-sized (`_GLYPH`, `_WORD`)."""
    wh = stats[1:, 2:4] * step
    return (wh.min(axis=1) <= max(_GLYPH_MIN, _GLYPH * side)) & (wh.max(axis=1) <= max(_GLYPH_MIN, _WORD * side))


def _key_frame(labels: np.ndarray, stat: np.ndarray, k: int, step: int, side: int) -> bool:
    """Whether mark `k` is a legend's frame (`_KEY_TALL`, `_KEY_FLAT`): a rectangle's outline (most
    of its pixels on its box's sides), taller than a glyph, at most `_KEY_TALL` of the figure's longer side tall and
    `_KEY_FLAT` times as wide as tall at least. R and matplotlib draw a plot's colour key as a few
    lines of swatches and names in such a box, set beside the plot with paper between; an axes
    frame round a small plot is no flatter than a plot (2 : 1 at most is rare) and holds ticks and
    curves or points; one over twice as wide as tall is seldom a plot."""
    w, h = int(stat[2]) * step, int(stat[3]) * step
    if h <= max(_GLYPH_MIN, _GLYPH * side):
        return False    # a rule, an underline, an axis: a line has no inside (its pixels all lie on its box's sides)
    return h <= _KEY_TALL * side and w >= _KEY_FLAT * h and _framelike(labels, stat, k)


def _beside(p: Box, q: Box) -> int | None:
    """The gap from `p` to `q` when `q` lies above, under, left or right of `p` (without overlap
    across that direction) with `_ALONG` of `p`'s extent along `q`'s side; None otherwise."""
    gx = max(q.x - (p.x + p.w), p.x - (q.x + q.w))
    gy = max(q.y - (p.y + p.h), p.y - (q.y + q.h))
    if gy >= 0 > gx and min(p.x + p.w, q.x + q.w) - max(p.x, q.x) >= _ALONG * p.w:
        return gy
    if gx >= 0 > gy and min(p.y + p.h, q.y + q.h) - max(p.y, q.y) >= _ALONG * p.h:
        return gx
    return None


def _owns(p: Box, q: Box) -> bool:
    """Whether `q` is large enough to own `p` as its labels (`_SMALL`)."""
    return p.w * p.h <= _SMALL * q.w * q.h


def _home(p: Box, pictures: list[Box], reach: float) -> Box | None:
    """The picture piece `p` lies beside (`_beside`) within `reach`: the nearest such piece, and
    only when it is at least 1 / `_SMALL` times as large as `p`. A piece nearer than the large one
    but too small to own `p` stands between them: `p` is no label of a plot farther off (a panel's
    upper part, cut from its lower part and lying beside the next panel, stays where it is)."""
    best, gap_best = None, reach + 1
    for q in pictures:
        gap = _beside(p, q)
        if gap is not None and gap <= reach and gap < gap_best:
            best, gap_best = q, gap
    return best if best is not None and _owns(p, best) else None


def _grey_view(img: np.ndarray) -> tuple[np.ndarray, int]:
    """The figure's grey view at every `step`-th pixel (at most `_MAX_SIDE` a side) and the step
    (`figure.grey_view`, kept for the split)."""
    return grey_view(img)


def join_orphans(img: np.ndarray, pieces: list[Box]) -> list[Box]:
    """`join_print`, then `join_strokes`, on one grey view of the figure (made only when a piece
    can join another)."""
    if len(pieces) < 2:
        return pieces
    grey: list = []
    return join_strokes(img, join_print(img, pieces, grey), grey)


def _view(img: np.ndarray, grey: list | None) -> tuple[np.ndarray, int]:
    """The grey view, made once and kept in `grey` (a list shared by the joins of one figure)."""
    if grey is None:
        return _grey_view(img)
    if not grey:
        grey.append(_grey_view(img))
    return grey[0]


def join_print(img: np.ndarray, pieces: list[Box], grey: list | None = None) -> list[Box]:
    """Pieces of print alone (`_print_only`: tick labels, an axis title, a legend) joined to the
    picture piece they lie beside (`_home`): one plot's parts, cut apart at the paper between them.
    Print with no picture beside it (a shared key under two panels, a caption line) is left as it
    is. The same list when nothing is joined.

    Only a piece with a piece large enough to own it beside it (boxes alone) can join, so the
    pixels are read only for those first; the other pieces are read only when one of them is
    print (whether they are pictures decides which is the nearest home)."""
    if len(pieces) < 2:
        return pieces
    side = max(img.shape[:2])
    reach = _NEAR * side
    maybe = [p for p in pieces if any(q is not p and _owns(p, q) and (g := _beside(p, q)) is not None
                                      and g <= reach for q in pieces)]
    if not maybe:
        return pieces   # no piece has a larger one beside it: nothing can join
    g, step = _view(img, grey)
    known = {id(p): _print_only(g, p, step, side) for p in maybe}
    if not any(known.values()):
        return pieces
    prints = [p for p in pieces if (known[id(p)] if id(p) in known else _print_only(g, p, step, side))]
    pictures = [p for p in pieces if p not in prints]
    if not prints or not pictures:
        return pieces
    joined = {q: q for q in pictures}
    left = []
    for p in prints:
        q = _home(p, pictures, reach)
        if q is None:
            left.append(p)
        else:
            joined[q] = _union(joined[q], p)
    if len(left) == len(prints):
        return pieces
    return [joined[q] for q in pictures] + left


_PAPER = 200        # paper: a light pixel (grey level over this)
_MARGIN = 0.9       # only figures with a light margin (this share of the outer border) are looked at
_GAP_PAPER = 0.9    # the gap between two pieces is paper over this share of it (a gutter crossed by a stroke)
_FRAME_SIDES = 0.7  # a component with this share of its pixels on its box's sides is a frame or border


def _gap_region(a: Box, b: Box) -> tuple[int, int, int, int] | None:
    """The gutter between two pieces side by side or one over the other (x0, y0, x1, y1), over the
    stretch they share; None when they are neither or touch."""
    ox0, ox1 = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
    oy0, oy1 = max(a.y, b.y), min(a.y + a.h, b.y + b.h)
    if ox1 > ox0 and oy1 <= oy0:
        y0, y1 = (a.y + a.h, b.y) if a.y < b.y else (b.y + b.h, a.y)
        return (ox0, y0, ox1, y1) if y1 - y0 >= 2 else None
    if oy1 > oy0 and ox1 <= ox0:
        x0, x1 = (a.x + a.w, b.x) if a.x < b.x else (b.x + b.w, a.x)
        return (x0, oy0, x1, oy1) if x1 - x0 >= 2 else None
    return None


def _framelike(labels: np.ndarray, stat: np.ndarray, k: int) -> bool:
    x, y, w, h, area = (int(v) for v in stat[:5])
    m = labels[y:y + h, x:x + w] == k
    inner = m[3:-3, 3:-3].sum() if w > 6 and h > 6 else 0
    return area - inner >= _FRAME_SIDES * area


def _between(gap: tuple[int, int, int, int], others: list[Box]) -> bool:
    """Whether another piece reaches into the gutter `gap` (x0, y0, x1, y1): the two pieces are no
    neighbours, a third panel lies between them."""
    x0, y0, x1, y1 = gap
    return any(o.x < x1 and o.x + o.w > x0 and o.y < y1 and o.y + o.h > y0 for o in others)


def _straight(stat: np.ndarray, thin: float) -> bool:
    """Whether a mark's box is at most `thin` across one way: a straight line (an arrow or a bracket
    drawn beside a column of panels to name them together, an axis drawn along a row), not a
    stroke of one drawing."""
    return min(int(stat[2]), int(stat[3])) <= thin


def join_strokes(img: np.ndarray, pieces: list[Box], grey: list | None = None) -> list[Box]:
    """Pieces one unbroken stroke runs into (one dark connected mark inside both boxes), across a
    paper gutter between them, joined: a graph drawing's edge from a node of one cluster to a node
    of the other, a curve leaving its plot. The gutter test lets a thin line through (a few pixels
    of a long column), so a drawing whose parts are not framed apart is cut at the paper between
    them; a stroke joining the parts says they are one drawing. Frames and borders (marks lying on
    their own box's sides) are not asked about, nor straight lines (`_straight`: an arrow along a
    column of panels names them together); only figures on light paper are looked at, only
    neighbours (no third piece in the gutter between them: plots in a row whose frames touch are
    not joined end to end through the middle one), and the gap between the two must be paper
    (photographs that touch are told apart by their seam, not here). The pixels' marks are found
    only when some pair passes the tests on the boxes and the gutter. The same list when nothing is
    joined."""
    if len(pieces) < 2:
        return pieces
    g, step = _view(img, grey)
    edge = np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])
    if float((edge > _PAPER).mean()) < _MARGIN:
        return pieces
    pairs = []
    for i in range(len(pieces)):
        for j in range(i + 1, len(pieces)):
            gap = _gap_region(pieces[i], pieces[j])
            if gap is None or _between(gap, [o for k, o in enumerate(pieces) if k != i and k != j]):
                continue
            x0, y0, x1, y1 = gap
            part = g[y0 // step:-(-y1 // step), x0 // step:-(-x1 // step)]
            if part.size and float((part > _PAPER).mean()) >= _GAP_PAPER:
                pairs.append((i, j))
    if not pairs:
        return pieces
    n, labels, stats, _ = cv2.connectedComponentsWithStats((g < _INK).view(np.uint8), connectivity=8)
    if n < 2:
        return pieces
    thin = max(_GLYPH_MIN, _GLYPH * max(img.shape[:2])) / step

    def held(b: Box) -> set[int]:
        # the marks present in the box: a count per label (linear) rather than `np.unique` (a sort)
        part = labels[b.y // step:-(-(b.y + b.h) // step), b.x // step:-(-(b.x + b.w) // step)]
        return set((np.flatnonzero(np.bincount(part.ravel(), minlength=n)[1:]) + 1).tolist())

    marks: dict[int, set[int]] = {}
    groups = list(range(len(pieces)))

    def root(i: int) -> int:
        while groups[i] != i:
            i = groups[i]
        return i

    for i, j in pairs:
        if root(i) == root(j):
            continue
        for k in (i, j):
            if k not in marks:
                marks[k] = held(pieces[k])
        both = marks[i] & marks[j]
        if not both or all(_framelike(labels, stats[k], k) or _straight(stats[k], thin) for k in both):
            continue
        groups[root(j)] = root(i)
    if all(root(i) == i for i in range(len(pieces))):
        return pieces
    merged: dict[int, Box] = {}
    for i, b in enumerate(pieces):
        r = root(i)
        merged[r] = _union(merged[r], b) if r in merged else b
    return list(merged.values())


_LABEL_SIDE = 2.0   # a point's label set apart: its piece at most this many glyph sizes (`_GLYPH`, `_GLYPH_MIN`) each way ...
_LABEL_PAPER = 0.5  # ... paper over this share of it (a label's box is tight round its few glyphs) ...
_LABEL_HOME = 4.0   # ... joins the nearest piece at least this many times its area (within `_NEAR` of the side)


def join_labels(img: np.ndarray, pieces: list[Box]) -> list[Box]:
    """Pieces that are a label or two of print set apart (a point's name beside its dot, "M3 •", a
    lone value) joined to the nearest piece large enough to be a picture: no panel is two glyphs
    across. `join_print` asks a piece of print to lie along its picture's side, mostly paper; a
    drawing's point labels float off its corners, their boxes tight round their glyphs. Pieces of
    print only, all of them, are left as they are (a label sheet), as is a label with no piece near.
    The same list when nothing is joined."""
    if len(pieces) < 2:
        return pieces
    side = max(img.shape[:2])
    most = _LABEL_SIDE * max(_GLYPH_MIN, _GLYPH * side)
    small = [p for p in pieces if max(p.w, p.h) <= most]
    if not small or len(small) == len(pieces):
        return pieces
    g, step = _grey_view(img)

    def label(b: Box) -> bool:
        part = g[b.y // step:-(-(b.y + b.h) // step), b.x // step:-(-(b.x + b.w) // step)]
        if part.size == 0 or float((part > _LIGHT).mean()) < _LABEL_PAPER:
            return False
        n, _, stats, _ = cv2.connectedComponentsWithStats((part < _INK).view(np.uint8), connectivity=8)
        return n >= 2 and bool(_glyphs(stats, step, side).all())

    labels = [p for p in small if label(p)]
    if not labels:
        return pieces
    out = [p for p in pieces if p not in labels]
    reach = _NEAR * side

    def gap(p: Box, q: Box) -> int:
        return max(q.x - (p.x + p.w), p.x - (q.x + q.w), 0) + max(q.y - (p.y + p.h), p.y - (q.y + q.h), 0)

    left = []
    for p in sorted(labels, key=lambda p: min(gap(p, q) for q in out)):
        homes = [q for q in out if q.w * q.h >= _LABEL_HOME * p.w * p.h and gap(p, q) <= reach]
        if not homes:
            left.append(p)
            continue
        q = min(homes, key=lambda q: gap(p, q))
        out[out.index(q)] = _union(q, p)
    return out + left if len(left) < len(labels) else pieces
