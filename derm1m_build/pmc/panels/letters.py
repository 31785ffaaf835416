"""Letters printed on the figure: `corner_letter` reads the label at a piece's corner by OCR (a small
crop, several views of the glyph), and `label_texts` reads every short label text of a figure.

The OCR side of the image: it names panels, it never cuts them, so it sits above the layout modules
and below the grouping and pairing that use its reads."""

from __future__ import annotations

import re

import cv2
import numpy as np

from .gutters import Box
from .glyphs import (_BAR, _FULLWIDTH, _LABEL, _SPAN_INK, _as_label, _coloured, _core, _glyphs, _inked_apart, _tighten,
    _white_apart, bracket_spans)
from .xycut import reading_order
from .charts import _bracket_labels, _label_cells, _label_lines


CORNERS = ((False, False), (True, False), (False, True), (True, True))  # top-left, top-right, bottom-left,
# bottom-right (flipped x, y); `corner_letter` looks at the first three unless told (a bottom-right
# label is looked for only by `pair`, at the one corner, after the others named too few letters)
CENTRES = ((None, False), (None, True))  # the top centre and the bottom centre (x None: centred), looked
# at only by `pair`, after no corner named every caption letter (composed figures print a label
# centred over or under its photo)
_CENTRE_OFF = 0.2  # a centred label's middle lies within this share of the piece's width of the piece's middle


def corner_letter(img: np.ndarray, b: Box, read=None, side: int | None = None,
                  want: set[str] | None = None, corners=CORNERS[:3], where: list | None = None) -> str | None:
    """The panel label printed in a corner of box b (upper case), or None.

    A single-glyph detector finds letter-shaped blobs in the corner and only those tight crops go
    to the OCR recogniser (`read`: an RGB array -> (text, score); derm1m_build.ocr.read_line by
    default), a few tens of milliseconds each instead of a whole-figure OCR pass. With `want` (the
    caption's letters) a read that names no caption letter (a digit of a time stamp, a word's first
    letter) does not end the search: the next candidate is read. `where`, when given, receives the
    label's glyph box (x, y, w, h) in the image."""
    if read is None:
        from derm1m_build.ocr import read_line as read
    side = side or max(img.shape[:2])
    H, W = img.shape[:2]
    # the patch reaches a little past the box: a label at the box's very edge is read whole
    b = _tighten(img, b)
    cw = int(min(b.w, max(36, min(0.35 * b.w, 0.15 * side))))
    if any(fx is None for fx, _ in corners):
        # a centred label: the patch spans the piece's middle, wide enough for a label the size a
        # corner patch holds and for the label's own offset from the middle
        cw = int(min(b.w, max(cw, 2 * _CENTRE_OFF * b.w + 0.5 * cw)))
    ch = int(min(b.h, max(30, min(0.3 * b.h, 0.12 * side))))
    tries = 0
    limit = 5 if want is None else 8
    want_all = want or {"I"}
    # top-left first (most journals); then top-right and bottom-left, seen through a flipped patch;
    # last, with the caption's letters, the strip above the top-left corner: a label printed in the
    # gutter above its photo, which the piece's box (the photo) leaves out
    looks = [(fx, fy, False) for fx, fy in corners]
    if want is not None and CORNERS[0] in corners and b.y > min_h_of(side):
        looks.append((False, False, True))
    for fx, fy, above in looks:
        centre = fx is None
        fx = bool(fx)
        px = b.x + (b.w - cw) // 2 if centre else (b.x + b.w - cw if fx else b.x)
        py = b.y + b.h - ch if fy else b.y
        if above:
            py = max(0, b.y - ch)
            top = b.y - py  # the box's top edge in the patch
            patch = img[py:b.y + top // 3, px:px + cw]
        else:
            patch = img[py:py + ch, px:px + cw]
        if patch.size == 0:
            return None
        view = patch[::-1 if fy else 1, ::-1 if fx else 1]
        per_corner = 3 if not (fx or fy or above) else (1 if want is None else 2)
        view = np.ascontiguousarray(view)
        min_h = min_h_of(side)
        found = _glyphs(view, min_h)
        if centre:
            found = _centred(found, cw, b.w)
        first = _ticks_last(_inner_first(view, found))[:per_corner]
        # (the top-left corner only: at a flipped corner the patch's bottom or right edge holds the label of a
        # sub-caption line printed under or beside the panel, "(b) ...", which names the next panel's place there)
        spans_ok = want is not None and not above and not centre and not fx and not fy
        if spans_ok and float(np.median(view)) < _SPAN_PAPER:
            # a field, not paper, round the corner (a micrograph, a simulation snapshot, a photo): its grain
            # breaks a thin label into fragments and makes label-sized specks, which glyph reads name (a
            # speck read as A at 0.87); a bracketed label found there is read whole first
            got = _span_label(img, px, py, patch, fx, fy, want, read, min_h, where)
            if got is not None:
                return got

        def candidates():
            yield from ((gl, above) for gl in first)  # the strip above: two reads past the limit
            if want is not None:
                # a second look, at the ink alone, for a glyph the first look did not see (a label
                # joined to skin texture or hair): the nearest one, two reads beyond the limit
                seen = list(first)
                inked = _glyphs(view, min_h, ink=True)
                for gl in _centred(inked, cw, b.w) if centre else inked:
                    if not any(abs(gl[0] - f[0]) <= 2 and abs(gl[1] - f[1]) <= 2 for f in seen):
                        seen.append(gl)
                        yield gl, True
                        break
                # a third, at colour contrast where the patch is coloured: yellow letters, white
                # on light skin (see `_glyphs`); the two nearest new glyphs
                if _coloured(view):
                    tinted = _glyphs(view, min_h, colour=True)
                    for gl in _inner_first(view, _centred(tinted, cw, b.w) if centre else tinted)[:2]:
                        if not any(abs(gl[0] - f[0]) <= 2 and abs(gl[1] - f[1]) <= 2 for f in seen):
                            seen.append(gl)
                            yield gl, True
                # a fourth, at black ink alone, on a light page with other ink: a black label
                # inside a plot's axes, crossed by a coloured data line or touching a grey bar;
                # the two nearest glyphs no other mask saw (a tick label the first look passed
                # over is no new glyph)
                if _inked_apart(view):
                    blacks = _glyphs(view, min_h, black=True)
                    fresh = [gl for gl in _inner_first(view, _centred(blacks, cw, b.w) if centre else blacks)
                             if not _ticked(gl, blacks) and not any(abs(gl[0] - f[0]) <= 2 and abs(gl[1] - f[1]) <= 2
                                        and abs(gl[2] - f[2]) <= 3 and abs(gl[3] - f[3]) <= 3 for f in seen + found)]
                    for gl in fresh[:2]:
                        seen.append(gl)
                        yield gl, True
                # a fifth, at white ink alone, on a photo with a little white: a white label on
                # pale skin, too little lighter for the first looks and too little coloured for the
                # third; the two nearest glyphs no other look saw
                if _white_apart(view):
                    whites = _glyphs(view, min_h, white=True)
                    fresh = [gl for gl in _inner_first(view, _centred(whites, cw, b.w) if centre else whites)
                             if not any(abs(gl[0] - f[0]) <= 2 and abs(gl[1] - f[1]) <= 2
                                        and abs(gl[2] - f[2]) <= 3 and abs(gl[3] - f[3]) <= 3 for f in seen + found)]
                    for gl in fresh[:2]:
                        seen.append(gl)
                        yield gl, True

        for (x, y, w, h, shape), extra in candidates():
            x = cw - x - w if fx else x
            y = ch - y - h if fy else y
            shape = shape[::-1 if fy else 1, ::-1 if fx else 1]
            if above and (y + h > top + h // 3 or y + h < top - 2 * h):
                continue  # no label above the box: inside it (the corner look saw that), or far above
            several: list[bool] = []  # whether a view read as more than one glyph ("B." as "Ba")
            for crop, free in _label_views(img, px + x, py + y, w, h, shape, want is not None, several):
                if tries >= limit and not extra:
                    return _span_label(img, px, py, patch, fx, fy, want, read, min_h, where) if spans_ok else None
                tries += 1
                if free:
                    # the whole bracketed label, read freely: only "(x)", "[x]" or "x)" of a caption letter
                    text, score = read(crop)
                    if not _WHOLE_LABEL.match(text.translate(_FULLWIDTH)) or score < 0.85:
                        text = ""
                else:
                    text, score = read(crop, "".join(sorted(want))) if want else read(crop)
                    several.append(len(_core(text)) > 1)
                label = _as_label(text, score, want)
                if label == _BAR and (w > 0.45 * h or shape.mean() < 0.45):
                    # an arrow or a slanted line reads as a stroke; a printed I or l fills its box;
                    # but a serif or slab capital I is wide: it is I when read as a capital I both
                    # constrained to the caption's letters and freely, surely, and the caption
                    # names I and no L; or a serif lower-case i, as wide, when the caption names I
                    # and the dot above the stroke is there ("(i)" above the ninth photo)
                    if not (want and "I" in want and "L" not in want and _core(text) == "I" and score >= 0.9
                            and (_core(read(crop)[0]) == "I" or _dotted(img, px + x, py + y, w, h, shape))):
                        continue
                    tries += 1
                    label = "I"
                if label == _BAR and want:
                    label = _stem_of(img, px + x, py + y, w, h, read, want) or label
                elif label is not None and label not in (_BAR, "I", "J", "L") and want and w < 0.4 * h \
                        and _stem_of(img, px + x, py + y, w, h, read, want) != label:
                    continue  # a narrow glyph read as a wide letter (the stem of a P read F) is part of one
                if label == _BAR and "I" in want_all and _dotted(img, px + x, py + y, w, h, shape):
                    label = "I"  # a lower-case i: the dot above the stroke tells it from l
                if label is not None and want:
                    # a glyph inside another is read first (a label in its white box); but the
                    # paper in a bold a's bowl is inside the a too: the holder is read as well,
                    # and the surer of the two readings names the label
                    held = _holder(first, (x, y, w, h), cw, ch, fx, fy)
                    if held is not None:
                        hx, hy, hw, hh, hs = held
                        crop2 = next(_glyph_views(img, px + hx, py + hy, hw, hh, hs, clean=False))
                        text2, score2 = read(crop2, "".join(sorted(want)))
                        tries += 1
                        other = _as_label(text2, score2, want)
                        if other not in (None, _BAR, label) and score2 > score:
                            label, (x, y, w, h, shape) = other, held
                if label in _UNIT_LETTERS and want and _unit_word(img, px + x, py + y, w, h, shape, read):
                    tries += 1
                    continue  # the c of a scale bar's "1 cm", the m of "5 mm" or "100 µm": no label
                if label is not None and spans_ok:
                    # a glyph inside a bracketed label but not its letter (a fragment of a "(d)" on a
                    # speckled field, read F; a bracket): the whole label, read, names it
                    whole = _span_of(patch, min_h, (x, y, w, h))
                    if whole is not None:
                        tries += 2
                        got = _span_read(img, px, py, whole, want, read)
                        if got is not None and got[0] != label:
                            if where is not None:
                                where.append(got[1])
                            return got[0]
                        if got is None and h < _FRAGMENT * (whole[0][3] - whole[0][1]):
                            continue  # a fragment much smaller than the label's brackets names nothing
                if label is not None:
                    if where is not None:
                        where.append(_tightest(img, first, (x, y, w, h), shape, patch.shape[1], patch.shape[0],
                                               fx, fy, px, py))
                    return label
                if want is None and _LABEL.match(text) and score >= 0.6:
                    return None
        if spans_ok:
            got = _span_label(img, px, py, patch, fx, fy, want, read, min_h, where)
            if got is not None:
                return got
    return None


_SPAN_PAPER = 200  # a corner patch whose median grey is under this is a field or a photo, not paper
_FRAGMENT = 0.6  # a glyph under this share of its bracket pair's height that is not the letter between them is a
# fragment of the label (a bracket's end, a stroke of the letter broken at a speckle)
_SPAN_TRIES = 2  # bracketed labels read at a corner where no glyph named a caption letter (nearest the corner first)


def _span_of(patch: np.ndarray, min_h: int, glyph: tuple[int, int, int, int]):
    """The bracketed label (`bracket_spans`) whose span holds the middle of `glyph` (patch coordinates) while
    the glyph is not the letter between its brackets (their boxes overlap under half), or None."""
    x, y, w, h = glyph
    mx, my = x + w / 2, y + h / 2
    for span, (lx, ly, lw, lh) in bracket_spans(patch, min_h):
        x0, y0, x1, y1 = span
        if not (x0 <= mx <= x1 and y0 <= my <= y1):
            continue
        ix = max(0, min(x + w, lx + lw) - max(x, lx))
        iy = max(0, min(y + h, ly + lh) - max(y, ly))
        inter = ix * iy
        if inter >= 0.5 * (w * h + lw * lh - inter):
            return None  # the glyph read is the label's letter
        return span, (lx, ly, lw, lh)
    return None


def _span_read(img: np.ndarray, px: int, py: int, found, want: set[str], read):
    """The caption letter a bracketed label (`bracket_spans`, patch coordinates, the patch at (px, py))
    names, with the letter's box in the image, or None. Its print alone (`_SPAN_INK` of the ground round
    it) is drawn black on white and read twice: freely it must read "(x)", and constrained to the caption's
    letters the same x, both with score >= 0.8 and together >= 1.7 (a whole label read freely in `corner_letter`
    needs 0.85); a guess at a label is worse than none. On paper the label as printed is read the same way when the drawing fails."""
    (x0, y0, x1, y1), (lx, ly, lw, lh) = found
    H, W = img.shape[:2]
    sh = y1 - y0
    pad = max(2, int(0.3 * sh))
    a0, b0 = max(0, py + y0 - pad), max(0, px + x0 - pad)
    view = cv2.cvtColor(np.ascontiguousarray(img[a0:min(H, py + y1 + pad), b0:min(W, px + x1 + pad), :3]),
                        cv2.COLOR_BGR2GRAY)
    if view.size == 0:
        return None
    ground = float(np.median(view))
    canvas = np.where(view < _SPAN_INK * ground, 0, 255).astype(np.uint8)
    canvas = cv2.resize(canvas, None, fx=40.0 / canvas.shape[0], fy=40.0 / canvas.shape[0], interpolation=cv2.INTER_AREA)
    views = [np.ascontiguousarray(np.repeat(canvas[:, :, None], 3, axis=2))]
    if ground >= _SPAN_PAPER:
        # on paper the print as it is too: small print (a label 10 px high) loses its strokes when drawn in
        # two tones
        printed = np.ascontiguousarray(img[a0:min(H, py + y1 + pad), b0:min(W, px + x1 + pad), 2::-1])
        views.append(np.ascontiguousarray(cv2.resize(printed, None, fx=40.0 / printed.shape[0],
                                                     fy=40.0 / printed.shape[0], interpolation=cv2.INTER_CUBIC)))
    for rgb in views:
        text, score = read(rgb)
        text = text.translate(_FULLWIDTH).strip()
        if not _WHOLE_LABEL.match(text) or score < 0.85:
            continue
        label = _as_label(_core(text), score, want)
        if label is None or label == _BAR:
            continue
        text2, score2 = read(rgb, "".join(sorted(want)))
        if _as_label(text2, score2, want) != label or score2 < 0.8 or score + score2 < 1.7:
            continue
        return label, (px + lx, py + ly, lw, lh)
    return None


def _span_label(img: np.ndarray, px: int, py: int, patch: np.ndarray, fx: bool, fy: bool, want: set[str], read,
                min_h: int, where: list | None) -> str | None:
    """The caption letter a bracketed label in the corner patch names (`_span_read`), the labels nearest the
    corner looked at first (at most `_SPAN_TRIES`), or None; `where` receives its letter's box. The last look
    at a corner where no glyph named a caption letter: a "(d)" printed on a speckled field whose glyphs
    came apart."""
    ph, pw = patch.shape[:2]
    spans = bracket_spans(patch, min_h)
    spans.sort(key=lambda s: (pw - s[0][2] if fx else s[0][0]) + (ph - s[0][3] if fy else s[0][1]))
    for found in spans[:_SPAN_TRIES]:
        got = _span_read(img, px, py, found, want, read)
        if got is not None:
            if where is not None:
                where.append(got[1])
            return got[0]
    return None


_UNIT_LETTERS = {"C", "M", "N", "U"}  # letters a scale bar's unit is written with (cm, mm, nm, um, µm)
_UNIT = re.compile(r"(\d[.,]?\d*(cm|mm|nm|[uµμ]m|m)|^[\dOo]*(cm|mm|nm|[uµμ]m))$")  # "1cm", "100µm", "cm"
_WORD_GAP = 0.7  # a neighbouring glyph of the same line starts within this share of the glyph's height
_WORD_REACH = 4.0  # the line read round the glyph reaches at most this many glyph heights each side


def _unit_word(img: np.ndarray, x: int, y: int, w: int, h: int, shape: np.ndarray, read) -> bool:
    """Whether the glyph at (x, y, w, h) is a letter of a scale bar's length ("1 cm", "5 mm",
    "100 µm"): ink of the glyph's colour on its rows starts within `_WORD_GAP` of its height beside
    it (a neighbouring glyph: a label stands alone, or with a bracket or stop), and the line those
    glyphs make, read freely, ends in a unit of length. The c of "cm" reads as a caption's C and
    the m of "mm" as its M, and a photograph's scale bar stands where labels do: in a corner."""
    H, W = img.shape[:2]
    if not shape.any() or h < 4:
        return False
    colour = img[y:y + h, x:x + w][shape].astype(np.float32).mean(axis=0)
    rows = img[y:y + h].astype(np.float32)
    near = (np.abs(rows - colour).max(axis=2) < 80).any(axis=0)  # columns with ink of the glyph's colour
    gap, reach = max(2, int(_WORD_GAP * h)), int(_WORD_REACH * h)
    x0, x1 = x, x + w  # grow the line over neighbouring ink, each step at most `gap` of blank columns
    for step in (-1, 1):
        edge = x0 if step < 0 else x1 - 1
        blank = 0
        c = edge + step
        while 0 <= c < W and abs(c - edge) <= reach and blank <= gap:
            if near[c]:
                blank = 0
                if step < 0:
                    x0 = c
                else:
                    x1 = c + 1
            else:
                blank += 1
            c += step
    if x1 - x0 < w + 0.5 * h:
        return False  # alone on its line (a stop or a thin bracket adds less than half a height)
    pad = max(2, int(0.3 * h))
    view = img[max(0, y - pad):min(H, y + h + pad), max(0, x0 - pad):min(W, x1 + pad)]
    if view.size == 0:
        return False
    view = cv2.resize(view, None, fx=40.0 / view.shape[0], fy=40.0 / view.shape[0], interpolation=cv2.INTER_CUBIC)
    text, _ = read(np.ascontiguousarray(view[:, :, ::-1]))
    return bool(_UNIT.search(text.replace(" ", "").strip(".:")))


def _twins(g: tuple, o: tuple) -> bool:
    """Whether two glyphs are like tick labels of one axis: the same size (heights within 2 px, widths
    within 30 %), in one column (left or right edges within 3 px, within eight heights) or in one row
    (tops within 3 px, within five heights)."""
    x, y, w, h = g[:4]
    ox, oy, ow, oh = o[:4]
    if (ox, oy) == (x, y) or abs(oh - h) > 2 or abs(ow - w) > max(2, 0.3 * w):
        return False
    column = (abs(ox - x) <= 3 or abs(ox + ow - x - w) <= 3) and abs(oy - y) <= 8 * h
    return column or (abs(oy - y) <= 3 and abs(ox - x) <= 5 * h)


def _ticked(gl: tuple, glyphs: list) -> bool:
    """Whether glyph `gl` has a tick-label twin among `glyphs` (`_twins`): a panel label stands alone;
    "4.0", "3.5", "3.0" down an axis do not."""
    return any(_twins(gl, o) for o in glyphs)


def _ticks_last(glyphs: list) -> list:
    """The glyphs with those in a run of three or more like glyphs in line, joined twin to twin
    (`_twins`: the digits of "2.0", "1.5", "1.0" down an axis) put last: they are read only when
    the budget allows, after any glyph that stands alone (a plot's panel label sits among its
    tick labels in the corner patch)."""
    n = len(glyphs)
    group = list(range(n))

    def root(i):
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if _twins(glyphs[i], glyphs[j]):
                group[root(i)] = root(j)
    size = [0] * n
    for i in range(n):
        size[root(i)] += 1
    ticks = [size[root(i)] >= 3 for i in range(n)]
    return [g for g, t in zip(glyphs, ticks) if not t] + [g for g, t in zip(glyphs, ticks) if t]


def _centred(glyphs: list, cw: int, bw: int) -> list:
    """The glyphs of a centre patch that may be a centred label, nearest the patch's middle first:
    those whose middle is within `_CENTRE_OFF` of the piece's width (`bw`) of the middle (a date
    stamp or an arrow's letter off to one side is no centred label)."""
    mid = cw / 2.0
    near = [g for g in glyphs if abs(g[0] + g[2] / 2.0 - mid) <= _CENTRE_OFF * bw]
    return sorted(near, key=lambda g: (abs(g[0] + g[2] / 2.0 - mid) + g[1], g[1]))


def min_h_of(side: int) -> int:
    """The least height of a label glyph in a figure whose longer side is `side` pixels."""
    return max(5, int(0.006 * side))


def _stem_of(img: np.ndarray, x: int, y: int, w: int, h: int, read, want: set[str]) -> str | None:
    """The caption letter a stroke is the stem of, or None: a lower-case h, b, k or d whose bowl or
    arch came apart from its stem in some mask (thin joins, upscaled figures) is read as a stroke;
    the stroke with room for the rest of its letter on its right, read freely, is that letter when
    it reads as one glyph other than I or l."""
    pad = max(2, int(0.3 * h))
    x0, y0 = max(0, x - pad), max(0, y - pad)
    view = img[y0:y + h + pad, x0:x + w + int(0.8 * h) + pad]
    if view.size == 0:
        return None
    view = cv2.resize(view, None, fx=40.0 / view.shape[0], fy=40.0 / view.shape[0], interpolation=cv2.INTER_CUBIC)
    text, score = read(np.ascontiguousarray(view[:, :, ::-1]))
    label = _as_label(text, score, want)
    return label if label is not None and label != _BAR and score >= 0.8 else None


def _inner_first(view: np.ndarray, glyphs: list) -> list:
    """The glyphs with each label held by another glyph put before it: a label on a white box (or
    in a blob of paper) lies inside the box's component, which reads as some other letter (a b in
    its box as D). Inner means: inside the other's box, at least 0.4 of its height, its tone far
    from the other's and from the patch's background (so the paper in a G's bowl is no label)."""
    if len(glyphs) < 2:
        return glyphs
    grey = cv2.cvtColor(view, cv2.COLOR_BGR2GRAY).astype(np.float32)
    bg = float(np.median(grey))
    tones = [float(grey[y:y + h, x:x + w][sh].mean()) if sh.any() else bg for x, y, w, h, sh in glyphs]
    order = list(range(len(glyphs)))
    for i, (x, y, w, h, _) in enumerate(glyphs):
        inner = [j for j, (gx, gy, gw, gh, _) in enumerate(glyphs)
                 if j != i and gx >= x - 1 and gy >= y - 1 and gx + gw <= x + w + 1 and gy + gh <= y + h + 1
                 and gh >= 0.4 * h and (gw, gh) != (w, h) and abs(tones[j] - bg) > 30
                 and abs(tones[j] - tones[i]) > 60]
        if inner:
            j = max(inner, key=lambda k: glyphs[k][2] * glyphs[k][3])
            a, b = order.index(i), order.index(j)
            if b > a:
                order.insert(a, order.pop(b))
    return [glyphs[k] for k in order]


def _holder(glyphs: list, box: tuple[int, int, int, int], cw: int, ch: int, fx: bool, fy: bool):
    """The largest glyph of `glyphs` (patch view coordinates) whose box holds `box` (image-oriented
    patch coordinates, at least 0.4 of its height, another size): (x, y, w, h, shape) oriented like
    `box`, or None."""
    x, y, w, h = box
    best = None
    for gx, gy, gw, gh, gs in glyphs:
        gx = cw - gx - gw if fx else gx
        gy = ch - gy - gh if fy else gy
        if (gw, gh) == (w, h) or gx > x + 1 or gy > y + 1 or gx + gw < x + w - 1 or gy + gh < y + h - 1 \
                or h < 0.4 * gh:
            continue
        if best is None or gw * gh > best[2] * best[3]:
            best = (gx, gy, gw, gh, gs[::-1 if fy else 1, ::-1 if fx else 1])
    return best


def _tightest(img: np.ndarray, glyphs: list, box: tuple[int, int, int, int], shape: np.ndarray, cw: int, ch: int,
              fx: bool, fy: bool, px: int, py: int) -> tuple[int, int, int, int]:
    """Where a label read in a corner patch sits, in the image. A blob of paper around a label (in
    the light mask) reads as the label it holds, but its box is not the label's, and the label's
    size sets the size of the labels looked for elsewhere: when the glyph read holds another (at
    least 0.4 of its height) of a tone far from its own that stands out from the patch's background
    too, the inner one is the label (a paper blob or a white box around it; not the paper in a G's
    bowl, which is the background's tone)."""
    x, y, w, h = box
    patch = cv2.cvtColor(img[py:py + ch, px:px + cw], cv2.COLOR_BGR2GRAY).astype(np.float32)
    bg = float(np.median(patch))

    def tone(gx, gy, gw, gh, gs):
        return float(patch[gy:gy + gh, gx:gx + gw][gs].mean()) if gs.any() else bg

    outer = tone(x, y, w, h, shape)
    best = (x, y, w, h)
    for gx, gy, gw, gh, gs in glyphs:
        gx = cw - gx - gw if fx else gx
        gy = ch - gy - gh if fy else gy
        gs = gs[::-1 if fy else 1, ::-1 if fx else 1]
        if ((gx, gy, gw, gh) == (x, y, w, h) or gx < x - 1 or gy < y - 1 or gx + gw > x + w + 1
                or gy + gh > y + h + 1 or gh < 0.4 * h):
            continue
        t = tone(gx, gy, gw, gh, gs)
        if abs(t - bg) > 30 and abs(t - outer) > 60 and gw * gh > best[2] * best[3] * (best != (x, y, w, h)):
            best = (gx, gy, gw, gh)
    return px + best[0], py + best[1], best[2], best[3]


def _dotted(img: np.ndarray, x: int, y: int, w: int, h: int, shape: np.ndarray) -> bool:
    """Whether a stroke at (x, y, w, h) is an i: down its columns, from a little above it, a short
    run of ink (the dot), a gap, then the long stem (the dot may or may not be in the component)."""
    y0 = max(0, y - int(0.6 * h) - 1)
    cols = cv2.cvtColor(img[y0:y + h, x:x + w], cv2.COLOR_BGR2GRAY).astype(np.float32)
    if cols.size == 0 or not shape.any():
        return False
    stem = cv2.cvtColor(img[y:y + h, x:x + w], cv2.COLOR_BGR2GRAY).astype(np.float32)
    ink = float(np.median(stem[shape]))
    side = img[y:y + h, max(0, x - w - 2):max(0, x - 2)]   # empty for a stroke at the figure's left edge
    paper = float(np.median(cv2.cvtColor(side, cv2.COLOR_BGR2GRAY))) if side.size else 255.0 - ink
    if abs(ink - paper) < 60:
        return False
    dark = ink < paper
    prof = cols.min(axis=1) if dark else cols.max(axis=1)
    inked = np.abs(prof - ink) < np.abs(prof - paper)
    runs = []  # (is_ink, length) from the top
    for v in inked:
        if runs and runs[-1][0] == bool(v):
            runs[-1][1] += 1
        else:
            runs.append([bool(v), 1])
    if not runs or runs[0][0]:
        return False  # ink from the top of the view on: a line above, not a dot
    runs = runs[1:]
    if len(runs) < 3:
        return False
    dot, gap, body = runs[0][1], runs[1][1], runs[2][1]
    # the dot stops where the stroke's columns do; a frame line above runs on beside it
    lead = next(i for i, v in enumerate(inked) if v)
    rows = slice(y0 + lead, y0 + lead + dot)
    beside = [img[rows, max(0, x - 2 * w - 1):max(0, x - w - 1)], img[rows, x + 2 * w + 1:x + 3 * w + 1]]
    for part in beside:
        if part.size:
            v = cv2.cvtColor(part, cv2.COLOR_BGR2GRAY).astype(np.float32)
            if (np.abs(v - ink) < np.abs(v - paper)).mean() > 0.5:
                return False
    return dot <= min(0.45 * body, 1.5 * w + 1) and gap <= 0.5 * body and body >= 0.5 * h


_WHOLE_LABEL = re.compile(r"^[(\[]?\s*[A-Za-z]\s*[)\]]$")  # "(x)", "[x]" or "x)"


def _label_views(img: np.ndarray, x: int, y: int, w: int, h: int, shape: np.ndarray, clean: bool,
                 several: list[bool]):
    """The views `corner_letter` reads for one glyph, as (crop, read freely): `_glyph_views`' two, then,
    with the caption's letters (`clean`), two more for labels those miss:
    - when a view read as more than one glyph (`several`, filled by the caller as it reads: a full
      stop after "B." read as "Ba"), the glyph's own box with its surroundings painted over in the
      colour round it: the label's fill, outline and shadow stay, the stop and a neighbour go;
    - when ink of the glyph's colour stands a glyph's height right of it, and maybe left of it too
      (a closing bracket or a pair round a small bold-italic letter the recogniser cannot read
      alone), the whole label, read freely: it names the letter only when read as "(x)", "[x]" or
      "x)" (see `corner_letter`)."""
    yield from ((crop, False) for crop in _glyph_views(img, x, y, w, h, shape, clean))
    if not clean:
        return
    if any(several):
        alone = _alone_view(img, x, y, w, h)
        if alone is not None:
            yield alone, False
    # (not for a stroke: a bracket or the side of a frame is one, and each read spends the corner's budget)
    whole = _bracketed_view(img, x, y, w, h, shape) if w >= 0.45 * h else None
    if whole is not None:
        yield whole, True


def _alone_view(img: np.ndarray, x: int, y: int, w: int, h: int) -> np.ndarray | None:
    """The glyph's box as printed, its margin painted the median colour of the margin's rim: RGB,
    40 px high (see `_label_views`)."""
    pad = max(3, int(0.35 * h))
    x0, y0 = max(0, x - pad), max(0, y - pad)
    view = img[y0:y + h + pad, x0:x + w + pad].copy()
    if view.size == 0 or x - x0 + w > view.shape[1] or y - y0 + h > view.shape[0]:
        return None
    rim = np.concatenate([view[0], view[-1], view[:, 0], view[:, -1]])
    inner = view[y - y0:y - y0 + h, x - x0:x - x0 + w].copy()
    view[:] = np.median(rim, axis=0).astype(np.uint8)
    view[y - y0:y - y0 + h, x - x0:x - x0 + w] = inner
    view = cv2.resize(view, None, fx=40.0 / view.shape[0], fy=40.0 / view.shape[0], interpolation=cv2.INTER_CUBIC)
    return np.ascontiguousarray(view[:, :, ::-1])


def _bracketed_view(img: np.ndarray, x: int, y: int, w: int, h: int, shape: np.ndarray) -> np.ndarray | None:
    """The whole label round a glyph followed by a stroke of its own colour (a closing bracket, with
    or without its opening one), RGB, 40 px high; None when there is no such stroke on its right: ink
    within 80 of the glyph's colour (a thin JPEG stroke is paler) on at least 0.8 of the glyph's rows,
    within 0.8 of its height of it."""
    H, W = img.shape[:2]
    if not shape.any() or h < 5:
        return None
    colour = img[y:y + h, x:x + w][shape].astype(np.float32).mean(axis=0)
    reach = max(3, int(0.8 * h))
    spans = [x, x + w - 1]
    for k, (a, b) in enumerate(((max(0, x - reach), x), (x + w, min(W, x + w + reach)))):
        side = img[y:y + h, a:b].astype(np.float32)
        near = np.abs(side - colour).max(axis=2) < 80 if side.size else np.zeros((h, 0), bool)
        if near.size == 0 or near.any(axis=1).mean() < 0.8:
            if k == 1:
                return None  # no closing bracket: "x)" has one, "(x" is no label style
            continue
        cols = np.nonzero(near.any(axis=0))[0]
        spans[k] = a + (cols.min() if k == 0 else cols.max())
    pad = max(2, int(0.3 * h))
    x0, x1 = max(0, spans[0] - pad), min(W, spans[1] + 1 + pad)
    y0, y1 = max(0, y - int(0.5 * h)), min(H, y + h + int(0.5 * h))
    view = img[y0:y1, x0:x1]
    view = cv2.resize(view, None, fx=40.0 / view.shape[0], fy=40.0 / view.shape[0], interpolation=cv2.INTER_CUBIC)
    return np.ascontiguousarray(view[:, :, ::-1])


def _glyph_views(img: np.ndarray, x: int, y: int, w: int, h: int, shape: np.ndarray, clean: bool):
    """What the recogniser reads for one glyph, RGB, 40 px high: the crop as printed, then (when
    `clean`) the glyph's own pixels drawn black on white, so a label's white box, a photo edge or
    hair beside it cannot turn E into a box character or B into n."""
    pad = max(3, int(0.35 * h))
    x0, y0 = max(0, x - pad), max(0, y - pad)
    glyph = img[y0:y + h + pad, x0:x + w + pad]
    scale = 40.0 / glyph.shape[0]
    glyph = cv2.resize(glyph, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    yield np.ascontiguousarray(glyph[:, :, ::-1])
    if clean:
        canvas = np.full((h + 2 * pad, w + 2 * pad), 255, np.uint8)
        canvas[pad:pad + h, pad:pad + w][shape] = 0
        scale = 40.0 / canvas.shape[0]
        canvas = cv2.resize(canvas, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        yield np.ascontiguousarray(np.repeat(canvas[:, :, None], 3, axis=2))


_GRID_LABEL = re.compile(r"^(\()?([A-Za-z])(\))?$")
_GRID_LABEL_H = (0.008, 0.06)  # a label heading its panel is this share of the figure's longer side high
_GRID_PIECE = 0.8  # each piece of the gutter split lies this share of its height in one row of cells at least


def label_texts(rgb: np.ndarray) -> list:
    """Short texts of a figure that may be panel labels, as `ocr.OcrText`: the text detector's boxes
    (an RGB image) that are label-shaped (at most 2.5 times as wide as high, 0.8-6 % of the figure's
    side high), each read by the line recogniser. Reading only those, not every line the detector
    finds (a data figure has hundreds: tick labels, axis titles, legends), costs a sixth of a full
    read (2.7 instead of 16 CPU-s on a 1600 x 1262 EMBO figure)."""
    from derm1m_build import ocr

    H, W = rgb.shape[:2]
    side = max(H, W)
    out = []
    for x0, y0, x1, y1 in ocr.detect_boxes(rgb):
        h, w = y1 - y0, x1 - x0
        if h <= 0 or w > 2.5 * h or not _GRID_LABEL_H[0] * side <= h <= _GRID_LABEL_H[1] * side:
            continue
        pad = 1  # the detector's box is tight; a wider margin lets a thin "(f)" read as "(#)"
        text, score = ocr.read_line(np.ascontiguousarray(rgb[max(0, y0 - pad):min(H, y1 + pad), max(0, x0 - pad):min(W, x1 + pad)]))
        if text.strip():
            out.append(ocr.OcrText((x0, y0, x1, y1), text.strip(), float(score)))
    return sorted(out, key=lambda t: (t.box[1], t.box[0], t.text))


_BOXED_LABEL_H = 0.1  # a label on a box of its own, as the detector boxes it, is at most this share of the side high
_HEAD_WIDTH = 3.0  # the head of a line read for its opening "(a)": this many line heights wide


def line_heads(rgb: np.ndarray, regions: list[tuple[int, int, int, int]], short: bool = False) -> list:
    """The openings of the figure's lines of text that may begin with a panel label ("(a) T = 2/pi",
    "(b) k = 1, h = 2/400" printed inside a plot), as `ocr.OcrText`: the text detector's boxes of a
    label's height (0.8-6 % of the figure's longer side) wider than `label_texts` keeps, whose top-left
    lies in one of `regions` (x0, y0, x1, y1), each read over its first `_HEAD_WIDTH` heights only
    (a label and a glyph or two: reading the whole line costs more and its formula reads as noise). The
    box given is the head's. With `short`, the label-shaped boxes there too, each read whole (every
    printed text of the regions that may be or open a label: the unnamed-label check of `pair`), up to
    `_BOXED_LABEL_H` of the side high (a boxed label's box takes in its box)."""
    from derm1m_build import ocr

    H, W = rgb.shape[:2]
    side = max(H, W)
    out = []
    for x0, y0, x1, y1 in ocr.detect_boxes(rgb):
        h, w = y1 - y0, x1 - x0
        if h <= 0 or (w <= 2.5 * h and not short) \
                or not _GRID_LABEL_H[0] * side <= h <= (_BOXED_LABEL_H if short else _GRID_LABEL_H[1]) * side:
            continue
        if not any(rx0 <= x0 < rx1 and ry0 <= y0 < ry1 for rx0, ry0, rx1, ry1 in regions):
            continue
        first = _first_word(rgb, (x0, y0, x1, y1)) if short and w > 2.5 * h else None
        x1 = min(x1, x0 + int(_HEAD_WIDTH * h))
        for bx0, bx1 in ((x0, x1),) + ((first,) if first else ()):
            text, score = _read_box(rgb, bx0, y0, bx1, y1)
            if text:
                out.append(ocr.OcrText((bx0, y0, bx1, y1), text, score))
    return sorted(out, key=lambda t: (t.box[1], t.box[0], t.text))


def _read_box(rgb: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> tuple[str, float]:
    """The free reading of a detector box (a margin of a fifth of its height round it, scaled 40 px high)."""
    from derm1m_build import ocr

    H, W = rgb.shape[:2]
    pad = max(2, int(0.2 * (y1 - y0)))
    patch = rgb[max(0, y0 - pad):min(H, y1 + pad), max(0, x0 - pad):min(W, x1 + pad)]
    patch = cv2.resize(patch, None, fx=40.0 / patch.shape[0], fy=40.0 / patch.shape[0], interpolation=cv2.INTER_CUBIC)
    text, score = ocr.read_line(np.ascontiguousarray(patch))
    return text.strip(), float(score)


_WORD_SPACE = 0.3  # a gap in a line's ink at least this many line heights wide ends its first word


def _first_word(rgb: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int] | None:
    """The x-range of the first word of a detector line (ink apart from the box's own border colour, cut at
    the first gap of `_WORD_SPACE` heights), when it is at most 2.5 heights wide and not the whole line: a
    lone label glyph the recogniser runs into the next word ("d  Follow-up" read "EFoll"). None else."""
    x0, y0, x1, y1 = box
    part = rgb[max(0, y0):y1, max(0, x0):x1].astype(np.int16)
    if part.size == 0:
        return None
    h = y1 - y0
    rim = np.concatenate([part[0], part[-1], part[:, 0], part[:, -1]])
    ground = np.median(rim, axis=0)
    cols = (np.abs(part - ground).max(axis=2) > 60).any(axis=0)
    xs = np.flatnonzero(cols)
    if xs.size == 0:
        return None
    gap = max(3, int(_WORD_SPACE * h))
    start = end = int(xs[0])
    for x in xs[1:]:
        if x - end > gap:
            break
        end = int(x)
    else:
        return None  # one word: the line itself
    if end - start + 1 > 2.5 * h:
        return None
    return x0 + start, x0 + end + 1


def _text_labels(img: np.ndarray, want: list[str], read, detect, others: set[str] = frozenset(),
                 seen: list | None = None) -> list[tuple[str, int, int, int, int]] | None:
    """Panel labels found by the text detector anywhere in the figure, (letter, x, y, w, h): short
    texts of one style, either all "(x)" (a bracketed glyph: its free reading, or when that names
    no caption letter, its one-glyph read as one of them, score >= 0.9: the free reading of a bold
    "(b)" may be "(q)") or all a bare letter the free reading
    already gives as a caption letter (a bare "0" or "5" is a tick label, never forced into a
    letter). None unless every caption letter is found exactly once, all of one height (0.75-1.33x
    their median) and 0.8-6 % of the figure's side.

    `seen`, when given, receives the labels of the same style and height that read a letter of
    `others` (letters the caption does not name): a 1 x 4 row labelled a-d under a caption naming
    a and b prints c and d too, and then no label cut is to be trusted."""
    H, W = img.shape[:2]
    side = max(H, W)
    found: dict[str, list] = {"paren": [], "bare": []}
    extra: dict[str, list] = {"paren": [], "bare": []}
    allowed = "".join(want)
    for t in detect(np.ascontiguousarray(img[:, :, ::-1])):
        m = _GRID_LABEL.match(t.text.strip())
        x0, y0, x1, y1 = t.box
        if not m or bool(m.group(1)) != bool(m.group(3)):
            continue
        if not _GRID_LABEL_H[0] * side <= y1 - y0 <= _GRID_LABEL_H[1] * side:
            continue
        if m.group(1):
            # the free reading when it names a caption letter (the one-glyph read of a bracketed
            # thin "f" can be unsure), unless the one-glyph read is sure of another; else that read
            free = m.group(2).upper() if m.group(2).upper() in want and t.score >= 0.8 else None
            patch = img[max(0, y0 - 1):min(H, y1 + 1), max(0, x0 - 1):min(W, x1 + 1)]
            L, score = read(np.ascontiguousarray(patch[:, :, ::-1]), allowed)
            L = free if free and (L == free or score < 0.9) else (L if not free and score >= 0.9 else None)
            if L in want:
                found["paren"].append((L, x0, y0, x1 - x0, y1 - y0))
            elif m.group(2).upper() in others and t.score >= 0.9:
                extra["paren"].append((m.group(2).upper(), x0, y0, x1 - x0, y1 - y0))
        elif m.group(2).upper() in want and t.score >= 0.9:
            found["bare"].append((m.group(2).upper(), x0, y0, x1 - x0, y1 - y0))
        elif m.group(2).upper() in others and t.score >= 0.9:
            extra["bare"].append((m.group(2).upper(), x0, y0, x1 - x0, y1 - y0))
    for style, labs in found.items():
        if sorted(L for L, *_ in labs) == sorted(want):
            ref = float(np.median([h for *_, h in labs]))
            if all(0.75 * ref <= h <= 1.34 * ref for *_, h in labs):
                if seen is not None:
                    seen.extend(t for t in extra[style] if 0.75 * ref <= t[4] <= 1.34 * ref)
                return labs
    return None


_SIBLING_PAD = 1.2  # the window read for a sibling-placed label reaches this share of the label's height past it
# sideways (half of it up and down)


def sibling_spot(box: Box, spot: tuple[int, int, int, int], corner) -> tuple[int, int, int, int]:
    """A label glyph's place relative to its piece's corner (`corner` as in CORNERS: flipped x, y): the
    distance of its near edges from that corner's edges, and its size, (dx, dy, w, h)."""
    x, y, w, h = spot
    fx, fy = corner
    dx = (box.x + box.w) - (x + w) if fx else x - box.x
    dy = (box.y + box.h) - (y + h) if fy else y - box.y
    return dx, dy, w, h


def sibling_label(img: np.ndarray, box: Box, place: tuple[int, int, int, int], corner, read,
                  missing: set[str]) -> tuple[str, tuple[int, int, int, int]] | None:
    """The label of a piece whose label no look at its corners read, looked for where its siblings'
    labels stand (`place`: their median `sibling_spot`, at the same corner), or None.

    Journals and composing tools print every label of a figure alike, at one offset from one corner:
    a label no glyph look saw (cyan "B)" on skin, a white letter outlined in black, a white letter
    in a red box) is still in that place. The window there is read twice, as printed and as its
    pixels far from the window's rim colour drawn black on white; a read counts only when it names
    one of the caption's letters no piece showed (`missing`) both constrained to them and freely
    (`_agreed_label`), so a scale bar, a lesion's edge or a hair there names nothing.
    Returns the letter and its glyph box (x, y, w, h) in the image."""
    got = _sibling_window(img, box, place, corner)
    if got is None:
        return None
    win, (x, y, w, h) = got
    allowed = "".join(sorted(missing))
    for view in _sibling_views(win):
        label = _agreed_label(read, view, allowed, missing)
        if label is not None:
            return label, (x, y, w, h)
    return None


def _sibling_window(img: np.ndarray, box: Box, place: tuple[int, int, int, int], corner):
    """The window `sibling_label` reads (BGR) and the glyph box it is centred on, or None."""
    H, W = img.shape[:2]
    dx, dy, w, h = place
    fx, fy = corner
    x = box.x + box.w - dx - w if fx else box.x + dx
    y = box.y + box.h - dy - h if fy else box.y + dy
    pad = max(3, int(_SIBLING_PAD * h))
    x0, y0 = max(0, x - pad), max(0, y - pad // 2)
    x1, y1 = min(W, x + w + pad), min(H, y + h + pad // 2)
    # the window stays inside the piece (its plain edge lines off): a gutter's strip in it is a bar
    # to the recogniser and skews the rim's colour
    box = _tighten(img, box)
    x0, y0 = max(x0, box.x), max(y0, box.y)
    x1, y1 = min(x1, box.x + box.w), min(y1, box.y + box.h)
    if x1 - x0 < 4 or y1 - y0 < 4 or h < 5:
        return None
    return img[y0:y1, x0:x1], (x, y, w, h)


def _agreed_label(read, view: np.ndarray, allowed: str, missing: set[str]) -> str | None:
    """The missing caption letter a view shows when read both constrained to the missing letters and
    freely, each at the score a label read must reach (0.6, `_as_label`), else None. The place is
    the siblings' (the prior a glyph look lacks), so the two reads need not each be sure: a free read
    of skin, hair or a scale bar that names exactly the one letter constrained reading found is rare."""
    text, score = read(view, allowed)
    label = _as_label(text, score, missing)
    if label is None or label == _BAR:
        return None
    free, free_score = read(view)
    return label if _as_label(free, free_score, None) == label else None


def _sibling_views(win: np.ndarray):
    """The window as printed, then as ink drawn black on white: its pixels lighter than the window's
    rim (a white letter, outlined or boxed), darker than it, and far from its colour (Otsu on the
    colour distance: a cyan letter on skin); found at the window's own size and again enlarged to
    40 px high (a small glyph's strokes smooth, where at its own size they come out in blocks; but
    smoothing can close a small a's bowl into a d, so both are read). All RGB, 40 px high, the ink
    with a margin of paper round it as the recogniser is used to."""
    scale = 40.0 / win.shape[0]
    big = cv2.resize(win, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    yield np.ascontiguousarray(big[:, :, ::-1])
    for w in (win, big):
        yield from _ink_views(w)


def _ink_views(win: np.ndarray):
    rim = np.concatenate([win[0], win[-1], win[:, 0], win[:, -1]]).astype(np.float32)
    ref = np.median(rim, axis=0)
    px = win.astype(np.float32)
    grey, ref_grey = px.mean(axis=2), float(ref.mean())
    least = max(3, win.shape[0] * win.shape[0] // 130)  # a speck: under ~1/130 of the window's height squared
    for dist in (grey - ref_grey, ref_grey - grey, np.abs(px - ref).max(axis=2)):
        dist = np.clip(dist, 0, 255).astype(np.uint8)
        if int(dist.max()) < 40:
            continue
        _, ink = cv2.threshold(dist, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        # specks of JPEG noise or skin texture go: blobs under a fifth of the largest one's area
        n, lab, stats, _ = cv2.connectedComponentsWithStats((ink > 0).astype(np.uint8), connectivity=8)
        if n < 2:
            continue
        areas = stats[1:, cv2.CC_STAT_AREA]
        keep = np.zeros(n, bool)
        keep[1:] = areas >= max(least, 0.2 * areas.max())
        ys, xs = np.nonzero(keep[lab])
        gh = int(ys.max() - ys.min() + 1)
        pad = max(3, int(0.35 * gh))
        canvas = np.full((gh + 2 * pad, int(xs.max() - xs.min() + 1) + 2 * pad), 255, np.uint8)
        canvas[ys - ys.min() + pad, xs - xs.min() + pad] = 0
        f = 40.0 / canvas.shape[0]
        canvas = cv2.resize(canvas, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_LINEAR)
        yield np.ascontiguousarray(np.repeat(canvas[:, :, None], 3, axis=2))


_PRINTED_LABEL = re.compile(r"\s*[(\[]\s*([A-Za-z|1])\s*[)\]]")  # "(a)" opening a printed sub-caption line
_PRINTED_SCORE = 0.8  # a sub-caption line's head is read this sure at least
_PRINTED_HEAD = 3.0   # the head read for its label: this many line heights of the line (label and a word)


def printed_label_panels(img: np.ndarray, read, continued: bool = False) -> list[tuple[str, Box]] | None:
    """Panels named by a short sub-caption line printed centred under each ("(a) Single effect", LaTeX
    subfigures) or over each ("(A)" heading its plot), as (letter, box) in letter order, the box taking
    its line in; None unless every panel has one.

    The lines are found without a reader (`charts._label_lines`: a bracketed one-glyph label opening
    its line, no print before it on the line) and the figure is cut by them (`charts._label_cells`:
    each row of lines closes a row of panels, nothing but a caption line past the last row); lines
    over their panels are the same cut seen upside down (the first row of lines then has nothing but
    a title line over it). Each line's head is read freely and must open with "(x)" (score >= 0.8);
    the letters, read by rows or by columns, must run A, B, C... with no gap and no repeat (a lone
    stroke stands for I or L where the run needs it); a bracketed label inside a line past its head
    (two sub-captions run together on one row) gives None. A cut that gives pieces of a diagram its own
    "(a)" line does not name (three trees over one "(a)") takes them as one panel, which is why the
    letters and not the gutters decide here. The count side may call this where a reader is at hand;
    `pair` uses it when the caption's letters are that run (`pairing._printed_rows`).

    `continued`: a figure continued over pages prints part of its caption's run on each, "(a)", "(b)"
    on one page and "(c)", "(d)" on the next, under the one caption naming all four; the run may then
    start past A. Starting past A drops the guard a run from A gives (a missed first line leaves a run
    from B, refused), so with `continued` every bracketed label the figure prints must head one of the
    lines (a label of a panel before the first line, "(a)" over its plot, would otherwise sit in the
    first line's cell and lend that row a second panel); the caller checks the letters are its
    caption's."""
    labs = _label_lines(img)
    if len(labs) < 2:
        return None
    brackets = _bracket_labels(img, alone=False)
    if _run_on(img, labs, brackets, read):
        return None
    if continued and any(not any(_same_label(b, lab) for lab in labs) for b in brackets):
        return None
    grey = img if img.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(img[..., :3]), cv2.COLOR_BGR2GRAY)
    H, W = grey.shape
    whole = Box(0, 0, W, H)
    cells = _label_cells(grey, whole, labs)
    if cells is None:  # lines over their panels: the same cut upside down
        flipped = [(x, H - y - h, w, h) for x, y, w, h in labs]
        up = _label_cells(np.ascontiguousarray(grey[::-1]), whole, flipped)
        if up is None:
            return None
        cells = [Box(c.x, H - c.y - c.h, c.w, c.h) for c in up]
    if cells is None or len(cells) != len(labs):
        return None
    named: list[tuple[str, Box]] = []
    for cell in cells:
        mine = [b for b in labs if _inside_box(b, cell)]
        if len(mine) != 1:
            return None
        x, y, w, h = mine[0]
        L = _printed_letter(img, x, y, min(w, int(_PRINTED_HEAD * h)), h, read)
        if L is None:
            return None
        named.append((L, cell))
    run = _in_run(named)
    if run is None and continued:
        read_letters = sorted(L for L, _ in named if L != _BAR)
        if read_letters and read_letters[0] != "A":
            run = _in_run(named, read_letters[0])
    return run


def _same_label(b: tuple[int, int, int, int], line: tuple[int, int, int, int]) -> bool:
    """Whether the bracketed label box `b` is the head of the sub-caption line `line` (its "(" where
    the line starts, on the line's row)."""
    x, y, w, h = line
    return abs(b[0] - x) <= max(2, 0.3 * h) and abs((b[1] + b[3] / 2) - (y + h / 2)) <= 0.5 * h


def _run_on(img: np.ndarray, lines: list[tuple[int, int, int, int]], labels: list[tuple[int, int, int, int]],
            read) -> bool:
    """Whether a bracketed label, read as "(x)", stands inside a sub-caption line past its head: two
    sub-captions set close on one row run together as one line ("(b) The graph by (c) The graph"),
    and the second label, no line's head, would leave its panel in the first one's cut. (A shape
    only bracket-like, the 0s of "1000.", reads as no label.)"""
    for x, y, w, h in lines:
        for bx, by, bw, bh in labels:
            if abs((by + bh / 2) - (y + h / 2)) <= 0.5 * h and x + 2 * h < bx < x + w \
                    and _printed_letter(img, bx, by, bw, bh, read) is not None:
                return True
    return False


def _inside_box(lab: tuple[int, int, int, int], b: Box) -> bool:
    x, y, w, h = lab
    return b.x <= x + w / 2 <= b.x + b.w and b.y <= y + h / 2 <= b.y + b.h


def _printed_letter(img: np.ndarray, x: int, y: int, w: int, h: int, read) -> str | None:
    """The letter of the "(x)" opening a printed line's head (x, y, w, h), read freely (upper case;
    `_BAR` for a lone stroke), or None."""
    H, W = img.shape[:2]
    pad = max(3, int(0.35 * h))
    patch = img[max(0, y - pad):min(H, y + h + pad), max(0, x - pad):min(W, x + w + pad)]
    patch = cv2.resize(patch, None, fx=40.0 / patch.shape[0], fy=40.0 / patch.shape[0], interpolation=cv2.INTER_CUBIC)
    rgb = np.ascontiguousarray(patch[:, :, ::-1]) if patch.ndim == 3 else np.ascontiguousarray(patch)
    text, score = read(rgb)
    m = _PRINTED_LABEL.match(text.translate(_FULLWIDTH))
    if m is None or score < _PRINTED_SCORE:
        return None
    return _as_label(m.group(1), score, None)


def _in_run(named: list[tuple[str, Box]], first: str = "A") -> list[tuple[str, Box]] | None:
    """The (letter, box) pairs in letter order when their letters, read by rows or by columns, run A,
    B, C... (from `first`: C, D... on a figure's second page; a stroke standing for I or L there);
    else None."""
    if ord(first) + len(named) - 1 > ord("Z"):
        return None
    run = [chr(ord(first) + i) for i in range(len(named))]
    by_box = {b: L for L, b in named}
    for order in (reading_order([b for _, b in named]),
                  [Box(t.y, t.x, t.h, t.w) for t in reading_order([Box(b.y, b.x, b.h, b.w) for _, b in named])]):
        got = [by_box[b] for b in order]
        if all(g == r or (g == _BAR and r in "IL") for g, r in zip(got, run)):
            return [(r, b) for r, b in zip(run, order)]
    return None
