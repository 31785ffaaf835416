"""The recursive XY-cut: `layout` cuts a figure at gutters level by level, keeps thin pieces (label
rows, titles, legends) with their neighbour, strips frames, and returns boxes in `reading_order`.

Kept apart from the joins (`charts.py`) because it only cuts; the joins decide afterwards which cut
pieces belong to one chart. `split_panels` (`split.py`) runs both."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import _MAX_SIDE, Box, _margin_colour, _split, _true_runs, _union
from .memo import one_pass
from .figure import darkest_part, grey_part


def reading_order(boxes: list[Box]) -> list[Box]:
    """Rows first (boxes whose vertical extents overlap by half the smaller height share a row),
    then left to right: so a 2x2 layout cut column-first still reads A B / C D."""
    rows: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: (b.y, b.x)):
        for row in rows:
            top = min(r.y for r in row)
            bottom = max(r.y + r.h for r in row)
            overlap = min(bottom, b.y + b.h) - max(top, b.y)
            if overlap >= 0.5 * min(b.h, min(r.h for r in row)) and b.y < bottom:
                row.append(b)
                break
        else:
            rows.append([b])
    return [b for row in rows for b in sorted(row, key=lambda b: b.x)]


@one_pass
def layout(img: np.ndarray, bridged: bool = False) -> tuple[list[Box], int | list | None]:
    """The pieces of the figure (in the order the cuts found them) and the cut tree over their
    indices (see `_split`); a piece too small to be a panel is left out of both (None in the tree).
    `bridged`: a region with no gutter is also cut at gutters text pokes into (`_bridged_gutters`);
    only the caption-count prior looks at that layout (alone it over-cuts diagrams)."""
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    img = img[:, :, :3]
    H, W = img.shape[:2]
    s = min(1.0, _MAX_SIDE / max(H, W))
    small = img if s == 1.0 else cv2.resize(img, (max(1, round(W * s)), max(1, round(H * s))), interpolation=cv2.INTER_AREA)
    small = np.ascontiguousarray(small)
    b, g, r = cv2.split(small)
    dark = cv2.min(cv2.min(b, g), r)
    raw: list[tuple[int, int, int, int]] = []
    # a coloured page (navy, dark red) names the gutters' colour before any gutter is cut
    page = _margin_colour(small)
    known = (page,) if page is not None else ()
    tree = _split(small, dark, 0, 0, max(small.shape[:2]), raw, 0, bridged, known, page)
    side = max(small.shape[:2])
    t = _frame_lines(small)[1]
    sh, sw = small.shape[:2]
    fx0, fy0, fx1, fy1 = (t, t, sw - t, sh - t) if t else _side_rules(dark)
    if (fx0, fy0, fx1, fy1) != (0, 0, sw, sh):
        # a rule framing the whole figure (at its edge, or two to four rules inside a white margin: a
        # boxed LaTeX float, open where the page cut it) crosses the ends of every gutter inside it:
        # split inside it, kept only when that finds more pieces (a gutter the rule does not cross,
        # or photo edges, may have cut the framed figure into rows already, each still whole)
        inside: list[tuple[int, int, int, int]] = []
        framed = _split(small[fy0:fy1, fx0:fx1], dark[fy0:fy1, fx0:fx1], fx0, fy0, side, inside, 0, bridged,
                        known, page)
        # a framed page of print (a LaTeX title page's notices) is no figure of panels: inside rules
        # that are not at the figure's edge, two pieces at least must be more than print
        drawn = t or sum(not _lines_of_print(dark[b:d, a:c]) for a, b, c, d in inside) >= 2
        if len(inside) > len(raw) and drawn:
            raw, tree = inside, framed
    raw, tree = _fine_look(img, s, raw, tree, bridged, known, page)
    big = [(r[2] - r[0]) * (r[3] - r[1]) >= (0.02 * side) ** 2 for r in raw]
    if not any(big):
        big = [True] * len(raw)
    new_index: dict[int, int] = {}
    boxes = []
    for i, (x0, y0, x1, y1) in enumerate(raw):
        if not big[i]:
            continue
        bx0, by0 = int(np.floor(x0 / s)), int(np.floor(y0 / s))
        bx1, by1 = min(W, int(np.ceil(x1 / s))), min(H, int(np.ceil(y1 / s)))
        new_index[i] = len(boxes)
        boxes.append(Box(bx0, by0, max(1, bx1 - bx0), max(1, by1 - by0)))

    def remap(node):
        if isinstance(node, int):
            return new_index.get(node)
        kids = [k for k in (remap(c) for c in node) if k is not None]
        return None if not kids else kids[0] if len(kids) == 1 else kids

    if not boxes:
        return [Box(0, 0, W, H)], 0
    return boxes, remap(tree)


_FINE_SCALE = 0.6  # a figure shrunk to under this share of its size for the layout (over 1200 px) ...
_FINE_AREA = 0.2   # ... cut there into pieces, one of which covers this share of it at least (rows left joined) ...
_FINE_GAP = 3      # ... has that piece looked at again at full resolution, for gutters this many pixels wide
_FINE_SIDE = 2000  # (full resolution up to this size; a larger figure at this size)
_FINE_EVEN = 0.5   # the pieces of its first cut: the smallest at least this share of the largest along the cut ...
_FINE_EVEN_ROWS = 0.3  # ... or this share, for a cut across (rows of panels: a heat map's strip under charts)


def _even_cut(tree, sub: list) -> bool:
    """Whether the first cut of a piece looked at again (`_fine_look`) gives pieces of one order of
    size along the cut (rows of panels), not a drawing and the box of words beside it (a 4 px gap
    between an illustration and its box of words, branchi2014 fig 6: 307 and 134 px). Rows are
    let differ more: a strip (a heat map, a track) under a row of charts is a panel of its own."""
    if isinstance(tree, int):
        return False

    def span(node) -> tuple:
        if isinstance(node, int):
            return sub[node]
        bs = [span(c) for c in node]
        return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))

    spans = [span(c) for c in tree]
    down = spans[1][1] >= spans[0][3]  # the cut runs across: pieces one under the other
    sizes = [(b[3] - b[1]) if down else (b[2] - b[0]) for b in spans]
    return min(sizes) >= (_FINE_EVEN_ROWS if down else _FINE_EVEN) * max(sizes)


def _fine_look(img: np.ndarray, s: float, raw: list, tree, bridged: bool, known: tuple, page: tuple | None):
    """The working-scale pieces and cut tree, with each large piece cut again at its gutters seen at
    full resolution. A large figure's 4-5 px gutters (1600 px, 2 px at the 720 px working scale,
    blurred into its neighbours by the shrinking) are under the working scale's `min_gap`: rows of
    panels stay one piece. Only where the working pass already cut the figure (two pieces at least:
    a single chart is left as it is) and only inside a piece covering `_FINE_AREA` of it (a piece
    too large to be one panel of a figure with several); only gutters are cut there (no photo
    edges), of `_FINE_GAP` pixels at least, their pieces no thinner than the working scale allows.
    Returns the new pieces (in the working scale's coordinates, as floats) and the tree over them."""
    if s > _FINE_SCALE or len(raw) < 2:
        return raw, tree
    H, W = img.shape[:2]
    s2 = min(1.0, _FINE_SIDE / max(H, W))
    area = H * W * s * s
    out: list = []
    where: dict = {}
    for i, (x0, y0, x1, y1) in enumerate(raw):
        if (x1 - x0) * (y1 - y0) < _FINE_AREA * area:
            where[i] = len(out)
            out.append((x0, y0, x1, y1))
            continue
        ox0, oy0 = int(np.floor(x0 / s)), int(np.floor(y0 / s))
        ox1, oy1 = min(W, int(np.ceil(x1 / s))), min(H, int(np.ceil(y1 / s)))
        crop = img[oy0:oy1, ox0:ox1]
        if s2 < 1.0:
            crop = cv2.resize(crop, (max(1, round(crop.shape[1] * s2)), max(1, round(crop.shape[0] * s2))),
                              interpolation=cv2.INTER_AREA)
        crop = np.ascontiguousarray(crop)
        b, g, r = cv2.split(crop)
        sub: list[tuple[int, int, int, int]] = []
        t = _split(crop, cv2.min(cv2.min(b, g), r), 0, 0, round(max(H, W) * s2), sub, 1, bridged, known, page,
                   _FINE_GAP)
        if len(sub) < 2 or not _even_cut(t, sub):
            where[i] = len(out)
            out.append((x0, y0, x1, y1))
            continue
        k = s / s2
        base = len(out)
        # inside the piece's own box, a side within a working pixel of its side on it: pieces joined
        # again later (a mosaic's rows) give back the working scale's box
        def snap(v: float, lo: float, hi: float) -> float:
            return lo if v < lo + 1 else hi if v > hi - 1 else v

        out.extend((snap(ox0 * s + a * k, x0, x1), snap(oy0 * s + c * k, y0, y1),
                    snap(ox0 * s + bb * k, x0, x1), snap(oy0 * s + d * k, y0, y1)) for a, c, bb, d in sub)

        def shift(node, base=base):
            return node + base if isinstance(node, int) else [shift(c) for c in node]

        where[i] = shift(t)

    def remap(node):
        if isinstance(node, int):
            return where[node]
        return [remap(c) for c in node]

    return out, remap(tree) if tree is not None else tree


_FRAME_MAX = 0.015  # a frame round the figure is at most this share of its longer side thick


def _frame(img: np.ndarray) -> int:
    """The thickness of a plain rule framing the whole figure (each of its outermost lines on all four
    sides of one neutral colour darker than paper, all alike, the line inside it of another), or 0."""
    return _frame_lines(img)[0]


_PAPER_LINE = 235   # paper: every pixel's darkest channel at least this
_SIDE_RULE = 0.9    # a frame's side rule is inked (darker than 128) along this share of the inked rows at least ...
_SIDE_THIN = 3      # ... at most this many lines thick, the line inside it inked along under half
_SIDE_NEAR = 0.05   # ... within this share of the side of the figure's edge, only paper outside it
_SIDE_INNER = 0.9   # ... and the two lines inside it paper along this share of them at least


def _side_rules(dark: np.ndarray) -> tuple[int, int, int, int]:
    """The box (x0, y0, x1, y1) inside a frame of rules drawn a few lines in from the figure's edges
    (a LaTeX `\\fbox` round a float, a journal's figure box), or the whole image (0, 0, w, h) when
    there is none. The left and right sides are needed: thin dark lines along 90 % of the height,
    the outermost ink of the figure (paper only outside them: a chart's spine has its tick labels
    outside). A top or bottom rule is cut off too when there is one; a frame the page cut open at
    the bottom has none there."""
    h, w = dark.shape[:2]
    ink = dark < 128
    near = max(_SIDE_THIN + 1, int(_SIDE_NEAR * w))

    def rule(cover: np.ndarray, paper: np.ndarray, idx) -> tuple[int, int] | None:
        """The first rule met walking `idx` in from an edge, as (outer, inner) line indices."""
        start = None
        idx = list(idx)
        for n, k in enumerate(idx):
            if start is None:
                if cover[k] >= _SIDE_RULE:
                    start = k
                elif not paper[k] and not (n + 1 < len(idx) and cover[idx[n + 1]] >= _SIDE_RULE):
                    return None  # ink before any rule (but the rule's blended edge): no frame on this side
            elif cover[k] < _SIDE_RULE:
                thick = abs(k - start)
                return (start, k) if thick <= _SIDE_THIN and cover[k] < 0.5 else None
        return None

    inked = np.flatnonzero(ink.any(axis=1))
    if not len(inked):
        return 0, 0, w, h
    ccover = ink[inked[0]:inked[-1] + 1].mean(axis=0)  # along the inked rows (the rule's own length)
    cpaper = dark.min(axis=0) >= _PAPER_LINE
    reach = near + _SIDE_THIN + 1  # the rule starts within `near`; the walk goes on past it
    left = rule(ccover, cpaper, range(0, min(w, reach)))
    right = rule(ccover, cpaper, range(w - 1, max(-1, w - 1 - reach), -1))
    if left is None or right is None:
        return 0, 0, w, h
    # one line more in from each rule: the rule's edge blended into the paper by the downscaling
    x0, x1 = left[1] + 1, right[1]
    if x1 - x0 < 4 or min(float((dark[:, x0:x0 + 2] >= _PAPER_LINE).mean()),
                          float((dark[:, x1 - 2:x1] >= _PAPER_LINE).mean())) < _SIDE_INNER:
        return 0, 0, w, h  # no paper inside the rules: a window's border round its grey controls, a photo's frame
    rcover = ink[:, x0:x1].mean(axis=1) if x1 > x0 else np.zeros(h)
    rpaper = dark[:, x0:x1].min(axis=1) >= _PAPER_LINE
    nh = max(_SIDE_THIN + 1, int(_SIDE_NEAR * h))
    top = rule(rcover, rpaper, range(0, min(h, nh + _SIDE_THIN + 1)))
    bottom = rule(rcover, rpaper, range(h - 1, max(-1, h - 1 - nh - _SIDE_THIN - 1), -1))
    y0 = top[1] + 1 if top else 0
    y1 = bottom[1] if bottom else h
    return x0, y0, x1, y1


_PRINT_TALL = 2.2   # lines of print: no mark over this many times the median mark's height ...
_PRINT_WIDE = 4.0   # ... or wider than this many times it (letters run together, ligatures)


def _lines_of_print(dark: np.ndarray) -> bool:
    """Whether a piece holds print alone, at whatever size it is set (ten marks at least, all of
    about one height, none much wider): a page of notices inside a frame; a drawing, a plot's frame
    or a photo has marks far larger than its letters."""
    n, _, st, _ = cv2.connectedComponentsWithStats((dark < 160).view(np.uint8), connectivity=8)
    st = st[1:]
    if len(st) < 10:
        return False
    med = float(np.median(st[:, 3]))
    return bool((st[:, 3] <= _PRINT_TALL * med).all() and (st[:, 2] <= _PRINT_WIDE * med).all())


def _frame_lines(img: np.ndarray) -> tuple[int, int]:
    """(`_frame`'s thickness, the lines to leave out at each side to split inside it): one more than
    the frame when the line right inside it is plain all round (the frame's edge blended with the
    margin by the downscaling, or the margin itself), which would cross the ends of the gutters as
    the frame did."""
    h, w = img.shape[:2]
    most = max(1, int(round(_FRAME_MAX * max(h, w))))
    if min(h, w) < 10 * most:
        return 0, 0

    def line(k: int):  # the k-th line in from each side
        return [img[k], img[h - 1 - k], img[:, k], img[:, w - 1 - k]]

    ref = None
    for k in range(most + 1):
        ls = [x.reshape(-1, 3).astype(np.int16) for x in line(k)]
        means = [x.mean(axis=0) for x in ls]
        plain = all(float(np.abs(x - m).max(axis=1).mean()) <= 6 and float(np.percentile(np.abs(x - m).max(axis=1), 98)) <= 30
                    for x, m in zip(ls, means))
        if ref is None:
            if not plain or max(float(m.max() - m.min()) for m in means) > 20 or max(float(m.max()) for m in means) >= 200:
                return 0, 0  # a white line round the figure is its margin, which the gutter split handles
            ref = np.mean(means, axis=0)
            continue
        if plain and all(float(np.abs(m - ref).max()) <= 25 for m in means):
            continue
        # the frame ends: each side's next line is not of its colour
        if not all(float(np.abs(m - ref).max()) > 40 for m in means):
            return 0, 0
        return k, k + 1 if plain else k
    return 0, 0


_MINOR = 0.4  # a piece under this share of its neighbour's size along the cut is no panel of its own


_KEY_W = 4.0     # a legend's key (a line or bar sample) is at most this many glyphs wide and one high
_KEY_TITLE = 1.25  # a legend's title may be set this much larger than the glyph size
_BIG_PRINT = 1.75  # print of one height may be this many glyphs high and wide
_KEY_LINE = 6.0    # a legend's line sample may run this many glyphs long
_OWN_GLYPH = 1.6   # a legend's glyph is its tall marks' height (90th percentile), up to this many times 2 % of the figure's side


def _text_only(img: np.ndarray, b: Box, group: bool = False) -> bool:
    """Whether a piece holds nothing but small print (a column of row labels, an axis title, a
    legend): at least three dark marks, none higher or wider than a glyph (2 % of the figure's
    longer side); a chart's axes and frames, a photo's blobs and a diagram's shapes are larger.
    Print set large passes too (marks up to `_BIG_PRINT` glyphs, all within 1.6x of their median
    height: a ggplot's tick labels), and so does a legend: a frame round it all (one thin outline
    spanning the piece) or keys (line samples a third of a glyph high or solid bars, up to `_KEY_W`
    glyphs wide, no more of them than of glyphs), every other mark print (up to `_KEY_TITLE` glyphs
    high, two wide: letters run together). With `group` (a piece among several cut from one
    sliver), a piece with fewer than three marks, each no larger than a glyph or a thin rule (a
    legend frame's edge), passes as well."""
    grey = grey_part(img, b.x, b.y, b.x + b.w, b.y + b.h)
    n, labels, stats, _ = cv2.connectedComponentsWithStats((grey < 160).view(np.uint8), connectivity=8)
    glyph = 0.02 * max(img.shape[:2])
    st = stats[1:]
    if n < 4:
        return group and bool(((st[:, 2:4] <= glyph).all(axis=1) | (st[:, 4] <= 3 * st[:, 2:4].max(axis=1))).all())
    if int(st[:, 2].max()) <= glyph and int(st[:, 3].max()) <= glyph:
        return True
    if int(st[:, 2:4].max()) <= _BIG_PRINT * glyph and int(st[:, 3].max()) <= 1.6 * float(np.median(st[:, 3])):
        return True  # print set large (a ggplot's tick labels at 3 % of the side), all of one height
    if _print_lines(labels > 0, st, glyph) and _on_paper(grey, labels > 0):
        return True
    frame = (st[:, 2] >= 0.9 * b.w) & (st[:, 3] >= 0.9 * b.h) & (st[:, 4] <= 0.1 * st[:, 2] * st[:, 3])
    if int(frame.sum()) > 1:
        return False
    for k in np.flatnonzero(frame):
        # an outline: its pixels lie along its box's edges (a node's ellipse with its edges running
        # to the corners spans the piece too, but across its inside)
        x, y, w, h, area = (int(v) for v in st[k])
        inner = labels[y + 4:y + h - 4, x + 4:x + w - 4] == k + 1
        if int(inner.sum()) > 0.1 * area:
            return False
    framed = bool(frame.any())
    st = st[~frame]
    if len(st) < 3:
        return False
    w, h, area = st[:, 2], st[:, 3], st[:, 4]
    # the legend's own print size (its tall glyphs: digits, capitals): a small figure rendered at
    # print resolution sets its print larger than 2 % of its side (a 600-pixel plot's 14-pixel legend)
    glyph = _own_glyph(h, glyph)
    # a key: a line sample (a third of a glyph high, up to `_KEY_LINE` glyphs long: a plotting
    # program's default sample) or a solid bar, wider than a glyph; print run together is at
    # most two glyphs wide; a legend has a frame or a key
    thin = (h <= 0.35 * glyph) & (w <= _KEY_LINE * glyph)
    keys = (w > glyph) & (h <= glyph) & (thin | ((w <= _KEY_W * glyph) & (area >= 0.8 * w * h)))
    glyphs = (h <= _KEY_TITLE * glyph) & (w <= 2 * glyph) & ~keys
    if framed and (not _in_lines(st, b.h, glyph) or _one_shape(st)):
        return False    # a frame round points spread over it: a small scatter plot, no legend
    return ((framed or bool(keys.any())) and bool((keys | glyphs).all())
            and int(keys.sum()) <= int(glyphs.sum()))


_SHAPE_SAME = 0.8   # plot symbols: this share of the marks at least of one width and height (1 pixel either way) ...
_SHAPE_MIN = 8      # ... and this many of them at least


def _one_shape(st: np.ndarray) -> bool:
    """Whether a piece's marks are one symbol repeated: at least `_SHAPE_MIN` marks, `_SHAPE_SAME`
    of them of the most common width and height (within a pixel). A scatter plot's points are
    drawn with one symbol; print's glyphs differ in width and height (ascenders, narrow letters)."""
    if len(st) < _SHAPE_MIN:
        return False
    wh = st[:, 2:4].astype(np.int32)
    best = max(int(((np.abs(wh - m) <= 1).all(axis=1)).sum()) for m in wh)
    return best >= _SHAPE_SAME * len(st)


def _in_lines(st: np.ndarray, height: int, glyph: float) -> bool:
    """Whether marks (`st`: component stats, the frame left out) lie on lines of print: the rows
    they cover fall into bands at most `_LINE_BAND` glyphs high with paper between them. A framed
    legend's entries are such lines; a scatter plot's points, also glyph-sized inside a frame, are
    spread over its height (their rows run together)."""
    rows = np.zeros(height + 2, np.int8)
    for y, h in zip(st[:, 1], st[:, 3]):
        rows[int(y) + 1:int(y + h) + 1] = 1
    d = np.diff(rows)
    runs = np.flatnonzero(d == -1) - np.flatnonzero(d == 1)
    return bool(len(runs)) and int(runs.max()) <= _LINE_BAND * glyph


def _own_glyph(h: np.ndarray, glyph: float) -> float:
    """A piece's own print size: the height of its tall glyph-sized marks (90th percentile of
    those at most `_BIG_PRINT` figure glyphs high: digits and capitals, not a box drawn round a
    word), at least the figure's glyph and at most `_OWN_GLYPH` times it."""
    hs = h[h <= _BIG_PRINT * glyph]
    if not hs.size:
        return glyph
    return min(_OWN_GLYPH * glyph, max(glyph, float(np.percentile(hs, 90))))


_LINE_TALL = 1.5   # on lines of print, a mark (a bracket, a summation sign) is at most this many glyphs high ...
_LINE_BAND = 2.2   # ... each line's inked rows run at most this many glyphs ...
_LINE_RULE = 4.0   # ... and a thin rule (a fraction bar, an overline) at most this many glyphs long


def _print_lines(ink: np.ndarray, st: np.ndarray, glyph: float) -> bool:
    """Whether a piece's marks (`st`: connected components, background row dropped) are lines of
    print at the piece's own print size: formulas or sentences set under a diagram at print
    resolution, whose capitals, brackets and subscripts run over 2 % of a small figure's side.
    The glyph is the piece's own (`_own_glyph`);
    every mark is at most `_LINE_TALL` glyphs high and two wide (or a thin rule), and the inked rows
    fall into bands of at most `_LINE_BAND` glyphs with paper between them. A chart's axes, a
    scatter's spread of dots and a photo's blobs fail."""
    if len(st) < 3:
        return False
    w, h = st[:, 2], st[:, 3]
    g = _own_glyph(h, glyph)
    rule = (h <= 0.25 * g) & (w <= _LINE_RULE * g)
    if not bool(((h <= _LINE_TALL * g) & ((w <= 2 * g) | rule)).all()):
        return False
    rows = np.concatenate(([0], ink.any(axis=1).astype(np.int8), [0]))
    d = np.diff(rows)
    runs = np.flatnonzero(d == -1) - np.flatnonzero(d == 1)
    return bool(len(runs)) and int(runs.max()) <= _LINE_BAND * g


_PAPER_FRINGE = 5   # print's anti-aliased fringe: this many pixels round its marks (a square) ...
_PAPER_FLAT = 0.92  # ... past which this share of the pixels at least lies within 12 of their median


def _on_paper(grey: np.ndarray, ink: np.ndarray) -> bool:
    """Whether a piece's marks stand on flat paper: away from their fringe the piece is one level
    (print on white or a tint), where a light photograph's skin or dermoscopy ground varies
    (its few dark spots and a printed "(a)" can look like lines of print)."""
    near = cv2.dilate(ink.view(np.uint8), np.ones((_PAPER_FRINGE, _PAPER_FRINGE), np.uint8)) > 0
    rest = grey[~near]
    if not rest.size:
        return False
    level = int(np.median(rest))
    return float(np.count_nonzero(np.abs(rest.astype(np.int16) - level) <= 12)) >= _PAPER_FLAT * rest.size


def _minor_merge(node, boxes: list[Box], whole: frozenset = frozenset(), texty=None,
                 printed: dict | None = None, labelled=None) -> list[Box]:
    """The pieces of a cut-tree node after pieces that are no panel of their own are dealt with.

    Along one cut, a single piece whose size across the cut is under `_MINOR` of the nearer
    neighbour's (an axis-label sliver beside its plot, a legend or label strip under a chart, a
    journal header over the figure) joins the one piece of that neighbour it lines up with (covers
    most of the sliver's length); lined up with several (a label row or header over a whole row of
    panels), it is no panel and is left out. Done bottom-up, so a sub-plot's sliver joins it first.
    Boxes in `whole` (by id: groups of sub-plots already made one piece) are never taken as slivers
    unless they are small print only and under `_MINOR` of the neighbour (a legend's text and key
    columns collapsed into one piece);
    a piece `texty` finds to be small print only (row labels beside a dot plot, a legend) is one at
    any size under its neighbour's, and so is a run of such pieces along one cut (row labels cut
    into groups, a legend's entries cut apart; `texty(b, True)` also passes a piece of a frame's
    edge among them) or a piece joined from them (ids in `printed`). Two neighbours that each carry
    their own bracketed sub-caption label (`labelled(b)`: LaTeX's "(a) A cat" under a small drawing
    beside "(b) An elephant") are two panels, whatever their sizes."""
    if node is None:
        return []
    if isinstance(node, int):
        return [boxes[node]]
    printed = {} if printed is None else printed  # id -> box (kept alive, so no id is reused)

    def is_print(x: Box, group: bool = False) -> bool:
        return id(x) in printed or (texty is not None and texty(x, group))

    parts = [_minor_merge(k, boxes, whole, texty, printed, labelled) for k in node]
    parts = [q for q in parts if q]
    if len(parts) < 2:
        return parts[0] if parts else []
    us = [_union_all(q) for q in parts]
    # the cut's axis: kids follow each other down (0) or across (1)
    axis = 0 if all(us[i].y + us[i].h <= us[i + 1].y + 2 for i in range(len(us) - 1)) else 1
    lo = (lambda b: b.y) if axis == 0 else (lambda b: b.x)
    ext = (lambda b: b.h) if axis == 0 else (lambda b: b.w)
    clo = (lambda b: b.x) if axis == 0 else (lambda b: b.y)
    cext = (lambda b: b.w) if axis == 0 else (lambda b: b.h)
    changed = True
    while changed and len(parts) > 1:
        changed = False
        for i, q in enumerate(parts):
            grouped = any(id(x) in whole for x in q)
            if grouped and len(q) > 1:
                continue
            b = q[0] if len(q) == 1 else _union_all(q)
            # several pieces are one sliver only when all are small print (row labels cut into
            # groups beside a dot plot, a legend's entries cut apart)
            if len(q) > 1 and (not all(is_print(x, True) for x in q) or not any(is_print(x) for x in q)):
                continue
            gaps = []
            if i > 0:
                gaps.append((lo(b) - (lo(us[i - 1]) + ext(us[i - 1])), i - 1))
            if i + 1 < len(parts):
                gaps.append((lo(us[i + 1]) - (lo(b) + ext(b)), i + 1))
            _, j = min(gaps)
            if grouped and not (ext(b) < _MINOR * ext(us[j]) and is_print(b)):
                continue  # a group of sub-plots made one piece; one that is print only (a legend's
                # text and key columns) and a sliver beside its neighbour (`_MINOR`) is a sliver still
                # (stacked scatter plots of glyph-sized dots pass as print, and are panels)
            if (len(q) == 1 and ext(b) >= _MINOR * ext(us[j])) and not (ext(b) < ext(us[j]) and is_print(b)):
                continue
            if len(q) == 1 and not grouped and _panel_beside(b, parts[j], ext, clo, cext) and not is_print(b):
                continue
            if len(q) > 1 and ext(b) >= ext(us[j]):
                continue
            if labelled is not None and len(q) == 1 and len(parts[j]) == 1 and labelled(b) and labelled(us[j]):
                continue
            a0, a1 = clo(b), clo(b) + cext(b)
            cover = [max(0, min(a1, clo(o) + cext(o)) - max(a0, clo(o))) for o in parts[j]]
            lined = [k for k, c in enumerate(cover) if c >= 0.25 * cext(b)]
            if len(lined) == 1:
                k = lined[0]
                u = _union(parts[j][k], b)
                if (len(q) > 1 or is_print(b, True)) and is_print(parts[j][k], True):
                    printed[id(u)] = u
                parts[j] = parts[j][:k] + [u] + parts[j][k + 1:]
                us[j] = _union_all(parts[j])
            del parts[i], us[i]
            changed = True
            break
    return [b for q in parts for b in q]


_BESIDE_EXT = 0.75  # a panel beside a block of panels: at least this share of their median extent along the cut ...
_BESIDE_SHAPE = 1 / 3  # ... no band (its shorter side at least this share of its longer) ...


def _panel_beside(b: Box, pieces: list[Box], ext, clo, cext) -> bool:
    """Whether a piece thin beside its neighbour across the cut (under `_MINOR` of its whole extent)
    is a panel beside that neighbour's panels all the same: it lines up with several of its pieces
    (a sliver so placed is left out, its content lost) and is as large as they are: at least
    `_BESIDE_EXT` of their median extent along the cut, their median area, and no band. A column
    panel beside a block of rows of panels (a summary panel down the right of a workflow's rows) is
    narrow beside the whole block, not beside each panel; a label column, an axis strip, a key or a
    journal's header band over a grid of panels is small beside each of them, or a band."""
    if min(b.w, b.h) < _BESIDE_SHAPE * max(b.w, b.h):
        return False
    a0, a1 = clo(b), clo(b) + cext(b)
    lined = [o for o in pieces if max(0, min(a1, clo(o) + cext(o)) - max(a0, clo(o))) >= 0.25 * cext(b)]
    if len(lined) < 2:
        return False
    return (ext(b) >= _BESIDE_EXT * float(np.median([ext(o) for o in lined]))
            and b.w * b.h >= float(np.median([o.w * o.h for o in lined])))


_LEVEL_JUMP = 3.0  # panel gutters are at least this many times wider than the sub-plot gutters beside them
_LEVEL_INNER = 0.3  # a group collapses when its widest inner gutter is under this share of its surrounding gutter
_LEVEL_AREA = 0.5  # a collapsed group is at most this share of the figure's content
_LEVEL_ALIGN = 0.05  # sub-plots' outer edges line up within this share of their span ...
_LEVEL_ALIGN_BIG = 0.12  # ... or this share, for a group this large (its smaller side over `_LEVEL_BIG` of the
_LEVEL_BIG = 0.2         # figure's longer side): a blot's strips, their label columns ragged (a rotated axis title
                         # cut between its glyphs is small, and stays held to the first)
_LEVEL_NEIGHBOUR = 0.2  # a neighbour thinner than this share of a group (a header, a label strip) does not surround it


def _leaves(node) -> list[int]:
    if node is None:
        return []
    if isinstance(node, int):
        return [node]
    return [i for k in node for i in _leaves(k)]


def _cut_gaps(us: list[Box]) -> tuple[int, list[int]]:
    """The cut's axis (0: children follow each other down, 1: across) and the gutters between
    consecutive children's boxes along it (0 where they touch)."""
    axis = 0 if all(us[i].y + us[i].h <= us[i + 1].y + 2 for i in range(len(us) - 1)) else 1
    if axis == 0:
        return 0, [max(0, us[i + 1].y - (us[i].y + us[i].h)) for i in range(len(us) - 1)]
    return 1, [max(0, us[i + 1].x - (us[i].x + us[i].w)) for i in range(len(us) - 1)]


def _inner_gap(node, boxes: list[Box]) -> int:
    """The widest gutter of any cut inside a node (0 for a leaf)."""
    if node is None or isinstance(node, int):
        return 0
    kids = [k for k in node if _leaves(k)]
    if len(kids) < 2:
        return max((_inner_gap(k, boxes) for k in kids), default=0)
    us = [_union_all([boxes[i] for i in _leaves(k)]) for k in kids]
    return max(max(_cut_gaps(us)[1]), max(_inner_gap(k, boxes) for k in kids))


def _lined_up(node, boxes: list[Box], tol: float = _LEVEL_ALIGN) -> bool:
    """Whether every cut inside a node has children spanning the same extent across the cut
    (within `tol` of it): sub-plots of one panel share their frame's edges."""
    if node is None or isinstance(node, int):
        return True
    kids = [k for k in node if _leaves(k)]
    if len(kids) < 2:
        return all(_lined_up(k, boxes, tol) for k in kids)
    us = [_union_all([boxes[i] for i in _leaves(k)]) for k in kids]
    axis, _ = _cut_gaps(us)
    lo = [(u.x, u.x + u.w) if axis == 0 else (u.y, u.y + u.h) for u in us]
    span = max(b for _, b in lo) - min(a for a, _ in lo)
    if max(a for a, _ in lo) - min(a for a, _ in lo) > tol * span or max(b for _, b in lo) - min(b for _, b in lo) > tol * span:
        return False
    return all(_lined_up(k, boxes, tol) for k in kids)


def _gutter_levels(node, boxes: list[Box], side: int, surround: float = float("inf"), area: float | None = None,
                   keep: frozenset = frozenset(), photo=None):
    """The cut tree with groups of sub-plots collapsed into one piece, by two levels of gutters.

    A panel's sub-plots (a row of time-lapse frames, the rows of a micrograph series, small maps
    stuck to a large image) sit closer together than panels do. Along a cut whose gutters fall into
    two levels (the wide ones at least `_LEVEL_JUMP` times the narrow ones), the children between
    wide gutters form a group; a group (or a node) whose every inner gutter, at any depth, is under
    `_LEVEL_INNER` of the gutters around it becomes one piece (appended to `boxes`; its index
    replaces it in the tree). A neighbour much thinner than the group (a header, a label strip) does
    not count as surrounding it. Figures whose gutters are all alike (grids, most chart figures) are
    left as they are; the root is never collapsed, nor a group holding a piece in `keep` (parts
    of a partial cut: a gutter that carries a printed label or row title bounds panels)."""
    if node is None or isinstance(node, int):
        return node
    kids = [k for k in node if _leaves(k)]
    if len(kids) < 2:
        return node
    if area is None:
        whole = _union_all([boxes[i] for i in _leaves(node)])
        area = float(whole.w * whole.h)

    def collapses(b: Box, inner: int, sur: float, parts) -> bool:
        # a wide enough gutter around, narrow ones inside, and not most of the figure (a dense
        # layout's tight panels beside one wide gutter stay apart)
        return (sur < float("inf") and sur >= 0.012 * side and inner <= _LEVEL_INNER * sur
                and b.w * b.h <= _LEVEL_AREA * area
                and _lined_up(parts, boxes, _LEVEL_ALIGN_BIG if min(b.w, b.h) >= _LEVEL_BIG * side else _LEVEL_ALIGN)
                and not keep.intersection(_leaves(parts))
                and not (photo is not None and _alike([boxes[i] for i in _leaves(parts)])
                         and all(photo(boxes[i]) for i in _leaves(parts))))

    if collapses(_union_all([boxes[i] for i in _leaves(node)]), _inner_gap(node, boxes), surround, node):
        boxes.append(_union_all([boxes[i] for i in _leaves(node)]))
        return len(boxes) - 1
    us = [_union_all([boxes[i] for i in _leaves(k)]) for k in kids]
    axis, gaps = _cut_gaps(us)
    ext = (lambda b: b.h) if axis == 0 else (lambda b: b.w)
    # wide gutters: above the largest jump in the sorted gutters, when that jump is wide enough
    wide_at = float("inf")
    srt = sorted(gaps)
    best = 0.0
    for a, b in zip(srt, srt[1:]):
        if b >= 0.012 * side and b >= _LEVEL_JUMP * max(a, 1) and b / max(a, 1) > best:
            best, wide_at = b / max(a, 1), b
    groups: list[list[int]] = [[0]]
    for i, g in enumerate(gaps):
        if g >= wide_at:
            groups.append([i + 1])
        else:
            groups[-1].append(i + 1)

    def around(first: int, last: int, own: Box) -> float:
        """The narrower gutter between children first..last and their neighbours along the cut
        (neighbours much thinner than them left aside); the node's own surround when none."""
        found = [gaps[j] for j, n in ((first - 1, first - 1), (last, last + 1))
                 if 0 <= n < len(kids) and ext(us[n]) >= _LEVEL_NEIGHBOUR * ext(own)]
        return min(found) if found else surround

    # rows (or columns) of photos that abut, as many in each: a grid with no gutters (label strips
    # between its rows look like the wider gutters around groups), not sub-photos of one panel each
    if len(kids) >= 2 and all(not isinstance(k, int) for k in kids) and len({len(_leaves(k)) for k in kids}) == 1 \
            and all(_inner_gap(k, boxes) == 0 for k in kids):
        return [_gutter_levels(k, boxes, side, float("inf"), area, keep, photo) for k in kids]
    # rows (columns) of pieces in the same columns (rows), as many in each: a grid of panels, its
    # wider gutters between rows carrying each plot's tick labels and title, no sub-plots of a row
    if _grid_of_groups(kids, boxes, axis):
        return [_gutter_levels(k, boxes, side, float("inf"), area, keep, photo) for k in kids]
    out = []
    for grp in groups:
        gu = _union_all([us[i] for i in grp])
        sur = around(grp[0], grp[-1], gu)
        if len(groups) > 1 and len(grp) > 1:
            inner = max(max(gaps[grp[0]:grp[-1]]), max(_inner_gap(kids[i], boxes) for i in grp))
            if collapses(_union_all([boxes[j] for i in grp for j in _leaves(kids[i])]), inner, sur, [kids[i] for i in grp]):
                boxes.append(_union_all([boxes[j] for i in grp for j in _leaves(kids[i])]))
                out.append(len(boxes) - 1)
                continue
        out.extend(_gutter_levels(kids[i], boxes, side, around(i, i, us[i]), area, keep, photo) for i in grp)
    return out


_GRID_SPECK = 0.2    # pieces under this share of the median piece's area are left aside (a word, a tick label) ...
_GRID_SAME = 0.8     # ... the others of each row span the same columns: overlapping by this share of the narrower


def _grid_of_groups(kids: list, boxes: list[Box], axis: int) -> bool:
    """Whether a cut's children (3 or more) are rows (axis 0; columns for axis 1) each of the same
    number (2 or more) of pieces, standing in the same columns from row to row: a regular grid. Its
    gutters between rows are wider than those between columns because each plot's title and axis
    labels lie in them, not because each row is one panel of sub-plots (sub-plots of a panel share
    their axes; a whole grid alike is no hierarchy of panels). Photographs are kept apart already."""
    if len(kids) < 3 or any(isinstance(k, int) for k in kids):
        return False
    rows = [[boxes[i] for i in _leaves(k)] for k in kids]
    areas = sorted(b.w * b.h for r in rows for b in r)
    med = areas[len(areas) // 2]
    rows = [sorted((b for b in r if b.w * b.h >= _GRID_SPECK * med), key=(lambda b: b.x) if axis == 0 else (lambda b: b.y))
            for r in rows]
    n = len(rows[0])
    if n < 2 or any(len(r) != n for r in rows):
        return False
    span = (lambda b: (b.x, b.x + b.w)) if axis == 0 else (lambda b: (b.y, b.y + b.h))
    for r in rows[1:]:
        for a, b in zip(rows[0], r):
            (a0, a1), (b0, b1) = span(a), span(b)
            if min(a1, b1) - max(a0, b0) < _GRID_SAME * min(a1 - a0, b1 - b0):
                return False
    return True


_PHOTO_PAPER = 0.25  # a piece with under this share of paper pixels is a photograph ...
_PHOTO_FLAT = 0.4    # ... and under this share of one flat colour (a chart's tinted ground is not a photo)
_ALIKE = 0.15        # pieces of one size: widths and heights within this share of the largest


def _alike(bs: list[Box]) -> bool:
    """Whether boxes are of one size (a grid's photos; a large image with small maps stuck to it is not)."""
    w, h = max(b.w for b in bs), max(b.h for b in bs)
    return all(b.w >= (1 - _ALIKE) * w and b.h >= (1 - _ALIKE) * h for b in bs)


def _photo_piece(img: np.ndarray, b: Box) -> bool:
    """Whether a piece is a photograph: under `_PHOTO_PAPER` of its pixels paper (darkest channel
    >= 235) and under `_PHOTO_FLAT` of them within 2 of its median colour (a chart on a tinted
    ground is flat)."""
    part = img[b.y:b.y + b.h, b.x:b.x + b.w]
    if part.ndim == 2:
        part = cv2.cvtColor(part, cv2.COLOR_GRAY2BGR)
    part = part[::2, ::2, :3]
    if not part.size:
        return False
    dark = cv2.min(cv2.min(part[:, :, 0], part[:, :, 1]), part[:, :, 2])
    if cv2.countNonZero((dark >= 235).view(np.uint8)) >= _PHOTO_PAPER * dark.size:
        return False
    med = np.median(part.reshape(-1, 3), axis=0).astype(np.int16)
    flat = (np.abs(part.astype(np.int16) - med).max(axis=-1) <= 2).mean()
    return float(flat) < _PHOTO_FLAT


def _piece_between(c: Box, a: Box, b: Box, boxes: list[Box], axis: int) -> bool:
    """Whether another piece lies in the gap between a and c or between c and b along `axis` (1:
    across, 0: down), over c's span across it: c is then no link of a to b (a chart's piece two rows
    under a panel, a heat map between them, is no arrow from that panel to the one under it)."""
    if axis == 0:
        t = lambda q: Box(q.y, q.x, q.h, q.w)  # noqa: E731
        return _piece_between(t(c), t(a), t(b), [t(q) for q in boxes], 1)
    for q in boxes:
        if q in (a, b, c) or min(q.y + q.h, c.y + c.h) <= max(q.y, c.y):
            continue
        if (a.x + a.w <= q.x + q.w / 2 <= c.x) or (c.x + c.w <= q.x + q.w / 2 <= b.x):
            return True
    return False


def _union_all(bs: list[Box]) -> Box:
    x0, y0 = min(b.x for b in bs), min(b.y for b in bs)
    x1, y1 = max(b.x + b.w for b in bs), max(b.y + b.h for b in bs)
    return Box(x0, y0, x1 - x0, y1 - y0)


def _partial_cut(img: np.ndarray, b: Box) -> list[Box]:
    """Box b cut in two along a gutter that runs across most of it but not all: a band of paper
    lines, each paper from one edge for at least 80 % of the box (a label printed in the gutter, a
    row title or an arrow beside a column of photos blocks the rest), with content that is not
    paper on at least half of the band's length right before and after it, and both parts under
    35 % paper: photographs (micrographs, scans) on both sides; a band between a chart and the
    blots under it, or beside a column of row labels, has paper on one side. Each part is at least
    15 % of the box and a few percent of the figure; otherwise [b]."""
    part = darkest_part(img, b.x, b.y, b.x + b.w, b.y + b.h)   # each pixel's darkest channel
    if cv2.countNonZero((part >= 235).view(np.uint8)) >= 0.45 * part.size:
        return [b]  # mostly paper (a chart, a diagram): no photographs on both sides of any band
    side = max(img.shape[:2])
    least = max(8, int(0.05 * side))
    for axis in (0, 1):
        paper = (part if axis == 0 else part.T) >= 200
        n, m = paper.shape
        if n < 2 * least or m < 20:
            continue
        lead = np.where(paper.all(axis=1), m, np.argmin(paper, axis=1))
        trail = np.where(paper.all(axis=1), m, np.argmin(paper[:, ::-1], axis=1))
        for from_end in (False, True):
            run = trail if from_end else lead
            for i, j in _true_runs(run >= 0.8 * m):
                length = int(run[i:j].min())
                span = slice(m - length, m) if from_end else slice(0, length)
                before, after = paper[max(0, i - 4):max(0, i - 1), span], paper[j + 1:j + 4, span]
                if (i >= max(least, int(0.15 * n)) and n - j >= max(least, int(0.15 * n))
                        and before.size and after.size
                        and (~before).mean(axis=1).max() >= 0.5 and (~after).mean(axis=1).max() >= 0.5
                        and (part if axis == 0 else part.T)[:i].__ge__(235).mean() < 0.35
                        and (part if axis == 0 else part.T)[j:].__ge__(235).mean() < 0.35):
                    full = part if axis == 0 else part.T
                    if _framed_inset(full[:i], True) or _framed_inset(full[j:], False):
                        continue
                    if axis == 0:
                        return [Box(b.x, b.y, b.w, i), Box(b.x, b.y + j, b.w, b.h - j)]
                    return [Box(b.x, b.y, i, b.h), Box(b.x + j, b.y, b.w - j, b.h)]
    return [b]


_INSET_EDGE = 6     # an inset's frame lies within this many lines of the piece's edges ...
_INSET_PAPER = 0.85  # ... as a line this share paper ...
_INSET_PHOTO = 0.15  # ... round a photograph (under this share of the part paper)


def _framed_inset(dark: np.ndarray, far_first: bool) -> bool:
    """Whether one part of a partial cut (`dark`: each pixel's darkest channel, lines along the
    cut first; `far_first`: its far end is its first line) is a framed inset, not a photo of its
    own: a zoomed crop set in the corner of its photo inside a thin light frame runs nearly the
    photo's height, so the frame's side reads as a gutter; but the frame closes round the inset, a
    light line near the part's far end and near one of its ends across the cut, with photo beyond
    it (a photo beside a gutter runs to its edges). Only a photograph is an inset (`_INSET_PHOTO`): a plot's part has
    paper near all its edges."""
    n, m = dark.shape
    if n < 2 * _INSET_EDGE or m < 2 * _INSET_EDGE:
        return False
    if float((dark >= 235).mean()) >= _INSET_PHOTO:
        return False  # a chart's part: paper round a plot is no inset's frame
    paper = dark >= 200
    rows, cols = paper.mean(axis=1), paper.mean(axis=0)

    def line_in(v: np.ndarray, first: bool) -> bool:
        # a light line near that end with the photo beyond it (a frame drawn inside the photo; a
        # plain margin at the end, a label row above a micrograph, has nothing beyond it)
        band = v[:_INSET_EDGE] if first else v[len(v) - _INSET_EDGE:][::-1]
        ks = np.flatnonzero(band >= _INSET_PAPER)
        return bool(len(ks)) and bool((band[:int(ks[0])] < 0.5).any())

    return line_in(rows, far_first) and (line_in(cols, True) or line_in(cols, False))


def _cut_leaves(img: np.ndarray, node, boxes: list[Box]):
    """The cut tree with each piece that `_partial_cut` cuts replaced by a cut of its two parts
    (appended to `boxes`)."""
    if node is None:
        return None
    if isinstance(node, int):
        parts = _partial_cut(img, boxes[node])
        if len(parts) == 1:
            return node
        boxes.extend(parts)
        return [len(boxes) - 2, len(boxes) - 1]
    return [_cut_leaves(img, k, boxes) for k in node]
