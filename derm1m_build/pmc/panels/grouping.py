"""Pieces to panels by their letters: unlettered pieces absorbed by a lettered neighbour, pieces
grouped under the label at their corner, large pieces partitioned between labels read inside them,
and letters the corners did not show looked for where the other labels sit or over the whole figure.

Between the reads (`letters.py`) and the decision (`pairing.py`): these steps change which boxes are
panels, given letters; whether the result is sure enough to pair is decided above."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import _TOL, Box, _overlaps, _union
from .glyphs import _BAR, _as_label, _glyphs, _sure_label, _tighten, ink_view, label_ink
from .xycut import _union_all, reading_order
from .letters import _glyph_views


def _absorb_unlettered(boxes: list[Box], letters: list[str | None]) -> tuple[list[Box], list[str | None]] | None:
    """Merge each piece without a letter into the lettered piece before it (left, else above) when
    the merged rectangle overlaps no other piece; None when some piece cannot be placed."""
    items = [(b, L) for b, L in zip(boxes, letters)]
    changed = True
    while changed:
        changed = False
        for i, (b, L) in enumerate(items):
            if L is not None:
                continue
            best = None
            for j, (c, M) in enumerate(items):
                if j == i or M is None:
                    continue
                u = _union(b, c)
                if any(_overlaps(u, d) for k, (d, _) in enumerate(items) if k not in (i, j)):
                    continue
                before = (c.y <= b.y + b.h * 0.5) and (c.x <= b.x or c.y + c.h <= b.y + 2)
                dist = abs(b.x - c.x) + abs(b.y - c.y)
                key = (0 if before else 1, dist)
                if best is None or key < best[0]:
                    best = (key, j, u)
            if best is None:
                return None
            _, j, u = best
            items[j] = (u, items[j][1])
            del items[i]
            changed = True
            break
    return [b for b, _ in items], [L for _, L in items]


def _group_at(node, boxes: list[Box], letters: list[str | None], corner=(False, False)):
    """`_group` for labels at another corner: with labels at their panels' right (bottom) edge an
    unlettered part belongs with the lettered part after it, so the figure is grouped mirrored."""
    fx, fy = corner
    if not (fx or fy):
        return _group(node, boxes, letters)
    W = max(b.x + b.w for b in boxes) if fx else 0
    H = max(b.y + b.h for b in boxes) if fy else 0

    def flip(b: Box) -> Box:
        return Box(W - b.x - b.w if fx else b.x, H - b.y - b.h if fy else b.y, b.w, b.h)

    def rev(n):
        if isinstance(n, int):
            return n
        kids = [rev(c) for c in n]
        # a cut whose parts follow each other across (down) runs the other way in the mirror
        us = [_union_all([boxes[i] for i in _tree_leaves(c)]) for c in n]
        down = all(us[i].y + us[i].h <= us[i + 1].y + 2 for i in range(len(us) - 1))
        return kids[::-1] if (fy if down else fx) else kids

    got = _group(rev(node), [flip(b) for b in boxes], letters)
    return None if got is None else [(flip(b), L) for b, L in got]


def _tree_leaves(node) -> list[int]:
    return [node] if isinstance(node, int) else [i for c in node for i in _tree_leaves(c)]


def _absorb_at(boxes: list[Box], letters: list[str | None], corner=(False, False)):
    """`_absorb_unlettered` mirrored for labels at another corner (see `_group_at`)."""
    fx, fy = corner
    W = max(b.x + b.w for b in boxes) if fx else 0
    H = max(b.y + b.h for b in boxes) if fy else 0

    def flip(b: Box) -> Box:
        return Box(W - b.x - b.w if fx else b.x, H - b.y - b.h if fy else b.y, b.w, b.h)

    got = _absorb_unlettered([flip(b) for b in boxes], letters)
    return None if got is None else ([flip(b) for b in got[0]], got[1])


def _group(node, boxes: list[Box], letters: list[str | None]) -> list[tuple[Box, str | None]] | None:
    """Pieces grouped into panels along the cut tree: a cut holding one letter is one panel (its
    sub-plots, axis labels and legends with it); in a cut holding several, an unlettered part joins
    the lettered part before it (the one after it when it comes first: an axis-title strip), and a
    strip between parts of several panels (a legend row they share) is left out of every crop.
    None when a large unlettered part has no single panel to join."""
    if isinstance(node, int):
        return [(boxes[node], letters[node])]
    parts = []
    for child in node:
        g = _group(child, boxes, letters)
        if g is None:
            return None
        parts.append(g)
    named = [L for g in parts for _, L in g if L]
    if len(named) <= 1:
        u = parts[0][0][0]
        for g in parts:
            for b, _ in g:
                u = _union(u, b)
        return [(u, named[0] if named else None)]
    sides = sorted(min(b.w, b.h) for g in parts for b, L in g if L)
    typical = sides[len(sides) // 2]
    merged: list[list[tuple[Box, str | None]]] = []
    pending: tuple[Box, str | None] | None = None  # an unlettered first part, for the part after it
    for i, g in enumerate(parts):
        if len(g) == 1 and g[0][1] is None:
            b = g[0][0]
            if merged and len(merged[-1]) == 1:
                merged[-1] = [(_union(merged[-1][0][0], b), merged[-1][0][1])]
            elif not merged and i + 1 < len(parts) and len(parts[i + 1]) == 1:
                pending = g[0] if pending is None else (_union(pending[0], b), None)
            elif min(b.w, b.h) <= 0.35 * typical:  # a strip (legend, label row), not a plot
                continue
            else:
                return None
            continue
        if pending is not None and len(g) == 1:
            g = [(_union(pending[0], g[0][0]), g[0][1])]
            pending = None
        merged.append(list(g))
    return [item for g in merged for item in g]


# the heights a label looked for may have, as shares of the labels read already (their median):
# lower-case labels differ in height by letter, b, d, h, k, l, f and j, g, p, q, y a third or more
# taller than a, c, e (ascenders and descenders); upper-case labels stay near 1
_SIZE_LO, _SIZE_HI = 0.75, 1.6


def _interior_labels(img: np.ndarray, b: Box, read, missing: set[str], ref_h: float,
                     most: int = 40) -> list[tuple[str, int, int, int, int]]:
    """Panel labels printed anywhere inside piece b (not only at its corner): lone glyphs of the
    figure's label size (`ref_h`, the height of the labels read at corners) that read, both
    constrained to the missing caption letters and freely, as one of them. (letter, x, y, w, h) in
    the image; a letter read twice is dropped (which one is the label is unsure)."""
    patch = np.ascontiguousarray(img[b.y:b.y + b.h, b.x:b.x + b.w])
    if patch.size == 0 or not missing:
        return []
    lo, hi = _SIZE_LO * ref_h, _SIZE_HI * ref_h
    block = max(15, int(4 * ref_h) | 1)
    cands = [gl for gl in _glyphs(patch, max(4, int(0.4 * ref_h)), max_h=int(2.2 * ref_h) + 1, block=block)
             if lo <= gl[3] <= hi and gl[2] >= 0.3 * ref_h]
    allowed = "".join(sorted(missing))
    out: list[tuple[str, int, int, int, int]] = []
    reads = 0
    for x, y, w, h, shape in cands:
        for crop in _glyph_views(img, b.x + x, b.y + y, w, h, shape, clean=True):
            if reads >= most:
                break
            reads += 1
            label = _sure_label(read, crop, allowed, missing)
            if label is None:
                continue
            out.append((label, b.x + x, b.y + y, w, h))
            break
    # a letter read twice: the glyph nearer the label size is the label (the other a word's
    # capital, a size smaller); when both are as near, which is the label is unsure: neither
    keep = []
    for L in dict.fromkeys(t[0] for t in out):
        same = sorted((abs(t[4] - ref_h), t) for t in out if t[0] == L)
        if len(same) == 1 or same[1][0] - same[0][0] >= 0.1 * ref_h:
            keep.append(same[0][1])
    return keep


def _clear_line(grey: np.ndarray, lo: int, hi: int, axis: int, a: int, b: int,
                paper: float | None = None, sat: np.ndarray | None = None, last: bool = False) -> int | None:
    """The line of background in [lo, hi) (rows for axis 0, columns for axis 1) crossing [a, b)
    of the other axis that cuts least content, or None when there is none. Background: it cuts no
    content (at most 2 % of its pixels differ much from its usual colour, unless part of a line
    running across the cut: a frame, an arrow's shaft, the same ink 3 pixels either side), it is
    flat along its length (skin or tissue changes from pixel to pixel; a few steps where it meets
    a frame are allowed), neutral where `sat` (the saturation channel) is given, and either of the
    `paper` grey level (the colour the label is printed on) or white or black (a gutter beside a
    label printed on a photo). A smooth stretch of a photo is as clear as a gutter but not all that."""
    g = grey[:, a:b].T if axis == 0 else grey[a:b]  # lines as columns: g[:, k] is line k
    lo, hi = max(lo, 3), min(hi, g.shape[1] - 3)
    if hi <= lo or g.shape[0] == 0:
        return None
    win = g[:, lo - 3:hi + 3].astype(np.int16)
    ink = np.abs(win - np.median(win, axis=0, keepdims=True).astype(np.int16)) > 40
    core = ink[:, 3:-3]
    across = ink[:, :-6] & ink[:, 6:]
    share = (core & ~across).mean(axis=0)
    core_v = win[:, 3:-3]
    level = np.median(core_v, axis=0)
    steps = np.zeros(core_v.shape, bool)
    steps[1:] = np.abs(np.diff(core_v, axis=0)) > 10
    rough = (steps & ~across).mean(axis=0)
    tone = (level >= 215) | (level <= 40)
    if paper is not None:
        tone |= np.abs(level - paper) <= 25
    good = (share <= 0.02) & (rough <= 0.05) & tone
    if sat is not None:
        sv = sat[:, a:b].T if axis == 0 else sat[a:b]
        good &= np.median(sv[:, lo:hi], axis=0) <= 30
    ok = np.flatnonzero(good)
    if ok.size == 0:
        return None
    if last:  # the background line nearest hi (the gutter just before a label)
        return lo + int(ok[-1])
    return lo + int(ok[np.argmin(share[ok])])


def _label_paper(grey: np.ndarray, label: tuple[str, int, int, int, int]) -> float | None:
    """The grey level a label is printed on (the median of a ring a few pixels wide around its
    box), or None when that is no flat paper (a label printed on a photo: skin, tissue), where no
    line of the label's background can tell a gutter from a smooth stretch of the photo (only a
    white or black gutter then)."""
    _, x, y, w, h = label
    pad = max(2, h // 4)
    y0, y1, x0, x1 = max(0, y - pad), min(grey.shape[0], y + h + pad), max(0, x - pad), min(grey.shape[1], x + w + pad)
    ring = grey[y0:y1, x0:x1].copy().astype(np.float32)
    ring[y - y0:y - y0 + h, x - x0:x - x0 + w] = np.nan
    vals = ring[np.isfinite(ring)]
    if vals.size == 0:
        return None
    level = float(np.median(vals))
    return level if (np.abs(vals - level) <= 12).mean() >= 0.85 else None


def _partition(img: np.ndarray, b: Box, labels: list[tuple[str, int, int, int, int]]) -> list[tuple[Box, str]] | None:
    """Piece b cut between the panel labels printed in it, each label marking its panel's top-left:
    cut in two by a line running right across the piece, just above (left of) a label and below
    (right of) the labels before it, through plain background (a gutter however narrow; frames and
    arrows crossing the cut are allowed); each part cut again until every part holds one label,
    at its top-left. None (keep the piece whole) when some part cannot be cut so, when a part's
    label is not at its top-left (content above or left of it that no label names), or when a part
    ends within two label heights past its label (a cut beside the label, not between panels)."""
    grey = cv2.cvtColor(img[b.y:b.y + b.h, b.x:b.x + b.w], cv2.COLOR_BGR2GRAY)
    sat = cv2.cvtColor(np.ascontiguousarray(img[b.y:b.y + b.h, b.x:b.x + b.w]), cv2.COLOR_BGR2HSV)[:, :, 1]
    ref = float(np.median([t[4] for t in labels]))
    labs = [(L, x - b.x, y - b.y, w, h) for L, x, y, w, h in labels]
    out: list[tuple[Box, str]] = []

    def cut(x0: int, y0: int, x1: int, y1: int, group: list) -> bool:
        if len(group) == 1:
            L, x, y, w, h = group[0]
            if x - x0 > 4 * ref or y - y0 > 4 * ref:
                return False
            if x1 - (x + w) < 2 * ref or y1 - (y + h) < 2 * ref:
                return False  # a part holding its label and little else: the cut runs beside the label
            out.append((Box(b.x + x0, b.y + y0, x1 - x0, y1 - y0), L))
            return True
        for axis in (0, 1):  # rows first: a cut across the piece's width, then down its height
            pos = 2 if axis == 0 else 1
            order = sorted(group, key=lambda t: t[pos])
            for k in range(1, len(order)):
                before, after = order[:k], order[k:]
                start = min(t[pos] for t in after)
                end_before = max(t[pos] + t[pos + 2] for t in before)
                if start <= end_before:
                    continue  # labels overlap along this axis: no cut between them here
                # the labels on the two sides must line up (the same columns above and below a
                # row cut, the same rows either side of a column cut): a band holding one label at
                # its left under a row of three is the lower halves of those three, not one panel
                other = 1 if axis == 0 else 2
                sides = ([t[other] for t in before], [t[other] for t in after])
                if not all(any(abs(u - v) <= 2 * ref for v in sides[1 - i]) for i in (0, 1) for u in sides[i]):
                    continue
                lo = max(end_before + 1, int(start - (2.5 if axis == 0 else 3) * ref))
                paper = _label_paper(grey, min(after, key=lambda t: t[pos]))
                line = (_clear_line(grey, lo, start, 0, x0, x1, paper, sat) if axis == 0
                        else _clear_line(grey, lo, start, 1, y0, y1, paper, sat))
                if line is None:
                    continue
                if axis == 0:
                    return cut(x0, y0, x1, line, before) and cut(x0, line, x1, y1, after)
                return cut(x0, y0, line, y1, before) and cut(line, y0, x1, y1, after)
        return False

    if not cut(0, 0, b.w, b.h, labs):
        return None
    return out


def _replace_leaf(node, i: int, new):
    if isinstance(node, int):
        return new if node == i else node
    return [_replace_leaf(c, i, new) for c in node]


def _labels_inside(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list], tree, read,
                   missing: set[str], most: int = 4):
    """The pieces (largest first, at most `most`) searched for the missing letters' labels inside
    them, at the size of the labels read at corners; a piece whose labels partition it cleanly is
    replaced by its parts (one cut in the tree). Returns boxes, letters and tree, unchanged when no
    corner label gave the size, or when a letter a piece was cut at was read inside another piece
    too at the same size (which glyph is the label is unsure)."""
    heights = [sp[0][3] for sp, L in zip(spots, letters) if L and sp]
    if not heights:
        return boxes, letters, tree
    ref = float(np.median(heights))
    given = (boxes, letters, tree)
    boxes, letters, missing = list(boxes), list(letters), set(missing)
    tried = 0
    found_in: dict[str, list[tuple[int, int]]] = {}  # letter -> (piece, glyph height) where read inside
    used: dict[str, tuple[int, int]] = {}  # letter a partition was made at -> (piece, glyph height)
    for i in sorted(range(len(boxes)), key=lambda k: -boxes[k].w * boxes[k].h):
        b = boxes[i]
        if not missing or tried >= most:
            break
        if b.w < 6 * ref or b.h < 4 * ref:
            continue
        tried += 1
        inner = _interior_labels(img, b, read, missing, ref)
        if not inner:
            continue
        for t in inner:
            found_in.setdefault(t[0], []).append((i, t[4]))
        own = [(letters[i], *spots[i][0])] if letters[i] and spots[i] else []
        parts = _partition(img, b, own + inner)
        if parts is None or len(parts) < 2:
            continue
        used.update({t[0]: (i, t[4]) for t in inner})
        boxes[i], letters[i] = parts[0]
        idx = [i]
        for pb, pl in parts[1:]:
            idx.append(len(boxes))
            boxes.append(pb)
            letters.append(pl)
        tree = _replace_leaf(tree, i, idx)
        missing -= {L for _, L in parts}
    # a letter read inside two pieces at the same size (a glyph of an axis title in one, the label
    # in the other): which is the label is unsure, so no piece is cut at it
    if any(j != i and abs(h - hu) <= 0.15 * ref for L, (i, hu) in used.items() for j, h in found_in.get(L, ())):
        return given
    return boxes, letters, tree


def _label_offsets(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list],
                   corner: tuple[bool, bool]) -> list[tuple[int, int, int, int]]:
    """(dx, dy, w, h) of each label read, measured from its piece's corner (mirrored for the
    top-right and bottom-left corners); None for a piece without one."""
    fx, fy = corner
    offs = []
    for b, L, sp in zip(boxes, letters, spots):
        if L and L != _BAR and sp:
            t = _tighten(img, b)
            x, y, w, h = sp[0]
            offs.append(((t.x + t.w - x - w) if fx else (x - t.x), (t.y + t.h - y - h) if fy else (y - t.y), w, h))
        else:
            offs.append(None)
    return offs


def _one_of_each(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list],
                 corner: tuple[bool, bool]) -> list[str | None]:
    """A letter read at several pieces' corners names the one piece where it sits as the figure's
    other labels do (at their offset from the corner, within half a label height, at their size);
    the other reads are no label (a word's capital in a sub-plot's corner). When none or several
    sit so, all are kept (the letters then disagree with the caption: no rows)."""
    offs = _label_offsets(img, boxes, letters, spots, corner)
    counts = {L: letters.count(L) for L in set(letters) if L and L != _BAR}
    uniq = [o for o, L in zip(offs, letters) if o is not None and counts.get(L) == 1]
    if len(uniq) < 2 or all(c == 1 for c in counts.values()):
        return letters
    a = np.array(uniq, np.float32)
    dx, dy, _, h = np.median(a, axis=0)
    if np.abs(a[:, 0] - dx).max() > 0.5 * h or np.abs(a[:, 1] - dy).max() > 0.5 * h:
        return letters  # the labels do not sit at one offset: nothing to compare with

    def fits(o) -> bool:
        return o is not None and abs(o[0] - dx) <= 0.5 * h and abs(o[1] - dy) <= 0.5 * h and 0.75 * h <= o[3] <= 1.3 * h

    out = list(letters)
    for L, c in counts.items():
        if c < 2:
            continue
        where = [i for i, M in enumerate(letters) if M == L]
        good = [i for i in where if fits(offs[i])]
        if len(good) == 1:
            for i in where:
                if i != good[0]:
                    out[i] = None
    return out


def _one_by_size_and_place(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list],
                           corner: tuple[bool, bool]) -> list[str | None]:
    """A letter read at several pieces' corners when the labels do not all sit at one offset (which
    `_one_of_each` needs): the copies at another size than the figure's labels (the median height
    of the letters read once; panel labels share one font size) are no label (a lone letter inside
    a sub-plot: a gate's name, a lane's mark); of those left, one much nearer its piece's corner
    than the others (by two label heights, itself within one and a half of where the letters read
    once sit from their corners) is the label. When that
    leaves one copy, the others are no label; else all are kept (the letters then disagree)."""
    counts = {L: letters.count(L) for L in set(letters) if L and L != _BAR}
    if all(c == 1 for c in counts.values()):
        return letters
    once = [sp[0][3] for L, sp in zip(letters, spots) if L and L != _BAR and sp and counts.get(L) == 1]
    if len(once) < 2:
        return letters
    ref = float(np.median(once))
    offs = _label_offsets(img, boxes, letters, spots, corner)
    # how far from their pieces' corners the labels read once sit (journals inset them alike)
    placed = [o[0] + o[1] for o, L in zip(offs, letters) if o is not None and counts.get(L) == 1]
    usual = float(np.median(placed)) if placed else 0.0
    out = list(letters)
    for L, c in counts.items():
        if c < 2:
            continue
        where = [i for i, M in enumerate(letters) if M == L]
        sized = [i for i in where if spots[i] and 0.8 * ref <= spots[i][0][3] <= 1.25 * ref]
        if len(sized) > 1:
            far = sorted((offs[i][0] + offs[i][1], i) for i in sized if offs[i] is not None)
            if len(far) == len(sized) and far[0][0] <= usual + 1.5 * ref and far[1][0] >= far[0][0] + 2 * ref:
                sized = [far[0][1]]
        if len(sized) == 1:
            for i in where:
                if i != sized[0]:
                    out[i] = None
    return out


def _labels_where_expected(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list],
                           corner: tuple[bool, bool], read, missing: set[str], order: list[str] | None = None):
    """Missing caption letters read where the figure's other labels put them: journals (and grids)
    print every label at one offset from its panel's corner, so a piece without a letter is read
    once more at that offset, at the labels' size, whatever touches the label there (a hair, a
    ruler: the glyph detector sees no lone glyph). Only when the labels read sit at one offset
    (within half a label height); a letter counts when read constrained at >= 0.85 and freely as
    the same letter, in the print's own view or, for a coloured label as light as the skin under it,
    along the line from the other labels' ink colour to the spot's ground (`ink_view`).

    One letter left, at the one piece left (`order`: the caption's letters, when given): the layout
    names it before any read does when every other piece carries its caption letter and the pieces,
    read by rows or by columns, spell the caption's letters in order with the gap at that piece (A ? C /
    D E F). Then a read short of sure confirms it: the gap's letter read constrained at
    >= `_GAP_SCORE` and freely as that same letter (a small JPEG label the recogniser reads at 0.8).
    A read naming any other letter, or no free agreement, leaves the gap (the figure stays whole).
    Returns letters and spots (new lists)."""
    fx, fy = corner
    offs = [o for o in _label_offsets(img, boxes, letters, spots, corner) if o is not None]
    letters, spots, missing = list(letters), [list(sp) for sp in spots], set(missing)
    if len(offs) < 2 or not missing:
        return letters, spots
    a = np.array(offs, np.float32)
    dx, dy, w, h = (int(round(v)) for v in np.median(a, axis=0))
    if np.abs(a[:, 0] - dx).max() > 0.5 * h or np.abs(a[:, 1] - dy).max() > 0.5 * h:
        return letters, spots
    w = int(round(1.2 * w))
    ink = None  # the labels' ink colour, learned from the labels read when the printed view fails
    gaps = []  # (piece, spot, views) of the pieces read without a sure letter
    for i, (b, L) in enumerate(zip(boxes, letters)):
        if L is not None or not missing:
            continue
        t = _tighten(img, b)
        if t.w < 3 * w or t.h < 3 * h:
            continue
        x = t.x + t.w - dx - w if fx else t.x + dx
        y = t.y + t.h - dy - h if fy else t.y + dy
        if x < 0 or y < 0:
            continue
        views = [next(_glyph_views(img, x, y, w, h, np.ones((h, w), bool), clean=False))]
        label = _expected_read(read, views[0], missing)
        if label is None:
            # a coloured label as light as the skin under it in grey: read again along the line from
            # the other labels' ink colour to this spot's ground (`ink_view`), as strictly
            if ink is None:
                ink = label_ink(img, [sp[0] for sp, M in zip(spots, letters) if M and M != _BAR and sp])
            view = None if ink is None else ink_view(img, x, y, w, h, ink)
            if view is not None:
                views.append(view)
                label = _expected_read(read, view, missing)
        if label is None:
            gaps.append((i, (x, y, w, h), views))
            continue
        letters[i], spots[i] = label, [(x, y, w, h)]
        missing.discard(label)
    gap = _layout_gap(boxes, letters, order) if order and len(gaps) == 1 and len(missing) == 1 else None
    if gap is not None and gap[0] == gaps[0][0] and gap[1] in missing:
        i, spot, views = gaps[0]
        if any(_expected_read(read, v, {gap[1]}, _GAP_SCORE) == gap[1] for v in views):
            letters[i], spots[i] = gap[1], [spot]
    return letters, spots


_GAP_SCORE = 0.5  # a read confirming the letter the layout's one gap names: this sure (more likely than not),
# constrained and freely
_FREE_SCORE = 0.6  # a free read names a letter this sure at least (`_as_label`'s floor), or `least` where lower


def _expected_read(read, crop: np.ndarray, missing: set[str], least: float = 0.85) -> str | None:
    """A missing letter read at the labels' spot: constrained to the missing letters at >= `least` and freely
    as the same letter (a stroke names nothing there), else None."""
    text, score = read(crop, "".join(sorted(missing)))
    label = _as_label(text, score, missing)
    if label is None or label == _BAR or score < least:
        return None
    free, free_score = read(crop)
    return label if free_score >= min(least, _FREE_SCORE) and _as_label(free, 1.0, None) == label else None


def _layout_gap(boxes: list[Box], letters: list[str | None], order: list[str]) -> tuple[int, str] | None:
    """(piece index, letter) when exactly one piece has no letter, every other piece has a distinct caption
    letter (no stroke), the pieces are as many as the caption's letters, and the pieces read by rows, or
    by columns, give the caption's letters in order with that piece at the one letter left; else None."""
    got = [L for L in letters if L is not None]
    left = [c for c in order if c not in got]
    if len(boxes) != len(order) or letters.count(None) != 1 or len(set(order)) != len(order) \
            or len(set(got)) != len(got) or not set(got) <= set(order) or len(left) != 1:
        return None
    i = letters.index(None)
    filled = {b: (left[0] if k == i else letters[k]) for k, b in enumerate(boxes)}
    rows = [filled[b] for b in reading_order(boxes)]
    cols = [filled[Box(t.y, t.x, t.h, t.w)] for t in reading_order([Box(b.y, b.x, b.h, b.w) for b in boxes])]
    return (i, left[0]) if order in (rows, cols) else None


def _heading(lab: tuple[int, int, int, int], b: Box, ref: float) -> float | None:
    """How far a label at (x, y, w, h) is from heading piece b (None when it cannot head it): a
    label names the panel that starts at, or just below and right of, it: over its top-left corner
    or in the gutter above it (journals print labels above a panel's title or axis, left of its
    axis label), never below or right of its top-left part. In units of the label height."""
    x, y, w, h = lab
    dx, dy = (b.x - x) / ref, (b.y - y) / ref  # > 0: the piece starts right of / below the label
    if not (-1.5 <= dx <= 7 and -1.5 <= dy <= 4):
        return None
    return max(dx, 0) + max(dy, 0) + 2 * (max(-dx, 0) + max(-dy, 0))


def _inside(lab: tuple[int, int, int, int], b: Box) -> bool:
    x, y, w, h = lab
    return b.x <= x and x + w <= b.x + b.w and b.y <= y and y + h <= b.y + b.h


def _labels_anywhere(img: np.ndarray, boxes: list[Box], letters: list[str | None], read, missing: set[str],
                     ref: float, taken: list[tuple[int, int, int, int]], most: int = 60):
    """Caption letters that no corner showed, looked for over the whole figure: lone glyphs of the
    labels' size (`ref`) that head a piece without a letter (see `_heading`: a label printed in the
    gutter above its panel lies inside the box of the piece above, on its bottom edge), nearest
    first, read both constrained to the missing letters and freely as the same letter. Each letter
    found names the piece it heads; a letter read at two places names the better-placed one (much
    better, else neither), a piece headed by two letters takes neither. A piece whose box holds a
    label naming another piece is cut just before the label where a line of background allows.
    Returns boxes, letters and {letter: label box} for the letters placed."""
    patch = np.ascontiguousarray(img)
    lo, hi = _SIZE_LO * ref, _SIZE_HI * ref
    block = max(15, int(4 * ref) | 1)
    free_pieces = [i for i, L in enumerate(letters) if L is None]
    cands = []
    for x, y, w, h, shape in _glyphs(patch, max(4, int(0.4 * ref)), max_h=int(2.2 * ref) + 1, block=block):
        if not (lo <= h <= hi and w >= 0.3 * ref):
            continue
        if any(x < tx + tw and tx < x + w and y < ty + th and ty < y + h for tx, ty, tw, th in taken):
            continue
        near = [(d, i) for i in free_pieces if (d := _heading((x, y, w, h), boxes[i], ref)) is not None]
        if near:
            cands.append((min(near)[0], x, y, w, h, shape))
    cands.sort(key=lambda c: c[:3])
    allowed = "".join(sorted(missing))
    found: list[tuple[str, int, int, int, int]] = []
    reads = 0
    for _, x, y, w, h, shape in cands:
        if reads >= most:
            break
        for crop in _glyph_views(img, x, y, w, h, shape, clean=True):
            reads += 1
            label = _sure_label(read, crop, allowed, missing)
            if label is None:
                continue
            found.append((label, x, y, w, h))
            break
    # each label's piece; a letter at two places: the better-placed one when much better
    claims: dict[str, tuple[float, int, tuple]] = {}
    seen: dict[str, list] = {}
    for L, x, y, w, h in found:
        near = sorted((d, i) for i in free_pieces if (d := _heading((x, y, w, h), boxes[i], ref)) is not None)
        if near and (len(near) == 1 or near[1][0] - near[0][0] >= 1.0):
            seen.setdefault(L, []).append((near[0][0], near[0][1], (x, y, w, h)))
    for L, opts in seen.items():
        opts.sort()
        if len(opts) == 1 or opts[1][0] - opts[0][0] >= 1.5:
            claims[L] = opts[0]
    by_piece: dict[int, list[str]] = {}
    for L, (_, i, _) in claims.items():
        by_piece.setdefault(i, []).append(L)
    boxes, letters = list(boxes), list(letters)
    placed: dict[str, tuple[int, int, int, int]] = {}
    joins: list[tuple[int, int]] = []
    grey = None
    for i, Ls in sorted(by_piece.items()):
        if len(Ls) != 1:
            continue
        L = Ls[0]
        lab = claims[L][2]
        letters[i] = L
        placed[L] = lab
        # the piece whose box holds the label (above the panel it names) ends before it
        for j, q in enumerate(boxes):
            if j == i or not _inside(lab, q):
                continue
            if grey is None:
                grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
            x, y, w, h = lab
            if y - q.y >= 0.5 * q.h:  # on its bottom part: a row above the label
                sub = grey[q.y:q.y + q.h, q.x:q.x + q.w]
                paper = _label_paper(sub, (L, x - q.x, y - q.y, w, h))
                line = _clear_line(sub, int(y - q.y - 2.5 * ref), y - q.y, 0, 0, q.w, paper)
                if line is not None and line > 0.5 * q.h:
                    boxes[j] = Box(q.x, q.y, q.w, line)
            elif x - q.x >= 0.5 * q.w:  # on its right part: a column left of the label
                sub = grey[q.y:q.y + q.h, q.x:q.x + q.w]
                paper = _label_paper(sub, (L, x - q.x, y - q.y, w, h))
                line = _clear_line(sub, int(x - q.x - 3 * ref), x - q.x, 1, 0, q.h, paper)
                if line is not None and line > 0.5 * q.w:
                    boxes[j] = Box(q.x, q.y, line, q.h)
            elif letters[j] is None and j not in by_piece and q.w * q.h < 0.5 * boxes[i].w * boxes[i].h:
                # a sliver holding the label over its top-left part (the label's strip beside
                # the panel's axis): part of that panel, when joining it covers no other piece
                u = _union(q, boxes[i])
                if not any(_overlaps(u, d) for k, d in enumerate(boxes) if k not in (i, j)):
                    joins.append((j, i))
    return boxes, letters, placed, joins


def _drop_leaf(node, j: int):
    """The cut tree without leaf j, later indices one less (a node left with one child is that child)."""
    if isinstance(node, int):
        return None if node == j else node - (node > j)
    kids = [k for k in (_drop_leaf(c, j) for c in node) if k is not None]
    return None if not kids else kids[0] if len(kids) == 1 else kids


def _join_pieces(boxes: list[Box], letters: list, tree, joins: list[tuple[int, int]]):
    """Piece j joined to piece i for each (j, i): i's box grown over j's, j dropped (tree too)."""
    boxes, letters = list(boxes), list(letters)
    for j, i in sorted(joins, reverse=True):
        boxes[i] = _union(boxes[i], boxes[j])
        del boxes[j], letters[j]
        tree = _drop_leaf(tree, j)
    return boxes, letters, tree


def _strokes_by_sequence(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list],
                         want: list[str], corner: tuple[bool, bool]) -> list[str | None]:
    """A bare vertical stroke is I (or l) only where the caption's letter sequence needs it: the
    caption names I, no piece's corner reads I, and exactly one stroke sits between the pieces
    labelled H and J in reading order (by rows, else by columns), at the corner offset the other
    labels sit at (within half a label height). When every stroke-shaped letter the caption needs
    is so placed, those strokes are named and every other stroke (a rule, a tick, a word's l read
    at a corner) is no label: its piece is grouped like any unlabelled piece. Otherwise the strokes
    are left as they are (resolved after grouping, or the figure stays whole)."""
    if _BAR not in letters:
        return letters
    need = [c for c in want if c in ("I", "L") and c not in letters]
    if not need:
        return letters
    offs = _label_offsets(img, boxes, letters, spots, corner)
    named = [(o, sp[0][3]) for o, L, sp in zip(offs, letters, spots) if o is not None and L != _BAR]
    if len(named) < 2:
        return letters
    dx = float(np.median([o[0] for o, _ in named]))
    dy = float(np.median([o[1] for o, _ in named]))
    ref = float(np.median([h for _, h in named]))

    def at_offset(k: int) -> bool:
        if not spots[k]:
            return False
        t = _tighten(img, boxes[k])
        fx, fy = corner
        x, y, w, h = spots[k][0]
        ox = (t.x + t.w - x - w) if fx else (x - t.x)
        oy = (t.y + t.h - y - h) if fy else (y - t.y)
        return abs(ox - dx) <= 0.5 * ref + 2 and abs(oy - dy) <= 0.5 * ref + 2

    index = {b: k for k, b in enumerate(boxes)}
    orders = [[index[b] for b in reading_order(boxes)],
              [index[Box(t.y, t.x, t.h, t.w)] for t in reading_order([Box(b.y, b.x, b.h, b.w) for b in boxes])]]
    if len(index) != len(boxes):
        return letters
    chosen: dict[int, str] = {}
    for c in need:
        before, after = chr(ord(c) - 1), chr(ord(c) + 1)
        if before not in want or after not in want or letters.count(before) != 1 or letters.count(after) != 1:
            return letters
        pick = None
        for order in orders:
            i, j = order.index(letters.index(before)), order.index(letters.index(after))
            between = [k for k in order[i + 1:j] if letters[k] == _BAR] if i < j else []
            if len(between) == 1 and at_offset(between[0]):
                pick = between[0]
                break
        if pick is None or pick in chosen:
            return letters
        chosen[pick] = c
    return [chosen.get(k, None if L == _BAR else L) for k, L in enumerate(letters)]


_PLACE_GAP = 3  # pieces named by one place are this many pixels at least from those of the next place
_PLACE_LEAD = 0.5  # ... and one of them the panel: every other piece of its place at most this share of its area


def _axis_groups(img: np.ndarray, boxes: list[Box], axis: int) -> list[list[int]] | None:
    """The pieces as clusters along one axis (0: left to right, 1: top to bottom): pieces whose spans
    on that axis overlap or touch are one cluster. None unless every gap between neighbouring clusters
    is at least `_PLACE_GAP` wide and holds a line that is one colour (within `_TOL`) across the whole
    stretch the pieces cover on the other axis: a clear gutter, not white space inside one plot that a
    legend or an axis title bridges."""
    def lo(b: Box) -> int:
        return b.x if axis == 0 else b.y

    def hi(b: Box) -> int:
        return b.x + b.w if axis == 0 else b.y + b.h

    order = sorted(range(len(boxes)), key=lambda i: (lo(boxes[i]), hi(boxes[i])))
    groups: list[list[int]] = []
    end = None
    for i in order:
        if end is not None and lo(boxes[i]) < end + _PLACE_GAP:
            groups[-1].append(i)
            end = max(end, hi(boxes[i]))
        else:
            groups.append([i])
            end = hi(boxes[i])
    across0 = min((b.y if axis == 0 else b.x) for b in boxes)
    across1 = max((b.y + b.h if axis == 0 else b.x + b.w) for b in boxes)
    for g, h in zip(groups, groups[1:]):
        a, b = max(hi(boxes[i]) for i in g), min(lo(boxes[i]) for i in h)
        band = img[across0:across1, a:b] if axis == 0 else img[a:b, across0:across1]
        if band.size == 0:
            return None
        band = band.astype(np.int16)
        spread = (band.max(axis=axis) - band.min(axis=axis)).max(axis=-1) if band.ndim == 3 \
            else band.max(axis=axis) - band.min(axis=axis)
        if not (spread <= _TOL).any():
            return None
    return groups


def _place_groups(img: np.ndarray, boxes: list[Box], kind: str, n: int) -> list[Box] | None:
    """A caption names n panels by place (`split_positions`: left / right, top / bottom, left / middle /
    right, the four corners) but the gutter split gave more pieces than places: a heatmap with its
    dendrograms and colour key, a plot with its legend split off. The pieces name the places only when
    they fall cleanly into n groups along the places' axis (`_axis_groups`: every piece wholly inside
    one group, a one-colour line between groups across the whole figure) and each group is one panel
    with its parts: one piece leads, every other piece of the group at most `_PLACE_LEAD` of its area
    (two charts alike at one place are two panels the caption describes together, not one panel: no
    per-panel row). Each group's union box is then the panel at that place, in the places' order (row:
    left to right; column: top to bottom; grid: the two columns by the two rows, each cell holding a
    piece). Else None: white space that does not part the pieces into the places named is no layout
    to trust, and the figure stays whole."""

    def one_panel(members: list[int]) -> bool:
        areas = sorted((boxes[i].w * boxes[i].h for i in members), reverse=True)
        return all(a <= _PLACE_LEAD * areas[0] for a in areas[1:])

    if kind == "grid":
        cols, rows = _axis_groups(img, boxes, 0), _axis_groups(img, boxes, 1)
        if cols is None or rows is None or len(cols) != 2 or len(rows) != 2:
            return None
        cells = []
        for r in rows:
            for c in cols:
                inside = [i for i in r if i in c]
                if not inside or not one_panel(inside):
                    return None
                cells.append(_union_all([boxes[i] for i in inside]))
        return cells
    groups = _axis_groups(img, boxes, 0 if kind == "row" else 1)
    if groups is None or len(groups) != n or not all(one_panel(g) for g in groups):
        return None
    return [_union_all([boxes[i] for i in g]) for g in groups]
