"""Glyph shapes: the connected ink blobs that may be a printed panel label (`_glyphs`), bracket
strokes around them (`_bracket_side`, `_bracketed`) and the crop OCR should read (`_as_label`,
`_tighten`).

Pixel tests only, no OCR: kept below the layout because the layout's label-under-panel rule
(`charts._bracket_labels`) needs the bracket test too, while corner reads (`letters.py`) build on it."""

from __future__ import annotations

import re

import cv2
import numpy as np

from .gutters import _TOL, Box


# ------------------------------------------------------------------ letters in the image

_LABEL = re.compile(r"^[(\[]?([A-Za-z|1])[)\].:]?$")
_FULLWIDTH = str.maketrans("\uff08\uff09\uff3b\uff3d\uff0e\uff1a", "()[].:")  # the recogniser's "（b)"
_BAR = "I|L"  # a lone vertical stroke: upper-case I or lower-case l (the recogniser cannot tell); the caption decides


def _glyphs(patch: np.ndarray, min_h: int, ink: bool = False, max_h: int | None = None,
            block: int | None = None, colour: bool = False, black: bool = False,
            white: bool = False) -> list[tuple[int, int, int, int, np.ndarray]]:
    """Letter-shaped blobs in a corner patch, nearest the corner first, as (x, y, w, h, shape): the
    connected components of the dark-on-light and light-on-dark masks (a local threshold: labels
    sit on photos of any tone), glyph-sized, standing out from what is around them, alone on their
    line, not cut by the patch's far edges; `shape` is the component's own pixels inside its box.

    With `ink`, from the ink alone instead: pixels far darker (lighter) than their surroundings. A
    label printed in black or white over skin texture or hair touches the texture's faint lines in
    the ordinary masks; only its ink is that far from the local mean (the second look, when the
    first found no label).

    With `colour`, from colour contrast instead: pixels whose colour differs from the local mean by
    over `_COLOUR_INK` in any channel (the median: a bold letter pulls a mean its way). A yellow label on skin is about as light as the skin in grey
    (but black in blue); white letters on light skin differ from it in blue far more than in grey;
    the letter's own colour does not matter (the third look, only where the patch is coloured).

    With `black`, from black ink alone: pixels dark and without colour (`_BLACK_INK`). A label
    printed in black inside a plot's axes that a coloured data line crosses, or that touches a grey
    bar, is one blob with them in every other mask; the lines and bars are coloured or grey, the
    label is black (the fourth look, only where the patch has black ink and other ink besides).

    With `white`, from white ink alone: pixels near white in every channel (`_WHITE_INK`). A white
    label on pale beige or pink skin is only 40-60 grey levels lighter than the skin round it, under
    what the other masks ask, and too little coloured for the colour look; but skin is never white in
    all three channels, the label is (the fifth look, only on a photo with a little white ink:
    `_white_apart`)."""
    grey = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY)
    ph, pw = grey.shape
    block = block or max(15, (min(ph, pw) // 2) | 1)
    max_h = max_h or int(0.7 * ph)
    dark = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 14)
    light = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, -14)
    # the same masks opened: a bold label that touches thin lines (dendrites, hairs, a plot's
    # frame) comes apart from them
    k = max(2, int(round(min_h / 2.5)))
    kernel = np.ones((k, k), np.uint8)
    masks = (dark, light, cv2.morphologyEx(dark, cv2.MORPH_OPEN, kernel), cv2.morphologyEx(light, cv2.MORPH_OPEN, kernel))
    if ink:
        masks = (cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 50),
                 cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, -50))
    tones = grey
    if black:
        masks = (_black_ink(patch).astype(np.uint8) * 255,)
    if white:
        masks = (_white_ink(patch).astype(np.uint8) * 255,)
    if colour:
        f = patch.astype(np.float32)
        far = np.abs(f - cv2.medianBlur(np.ascontiguousarray(patch), block)).max(axis=2) > _COLOUR_INK
        masks = (far.astype(np.uint8) * 255,)
        tones = f
    found = []
    for mask in masks:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        shaped = []  # (x, y, w, h, index, inside): letter-shaped, contrasted blobs, cut or not
        for i, (x, y, w, h, area) in enumerate(stats[1:n], start=1):
            if not (min_h <= h <= max_h and w <= 1.6 * h):
                continue
            fill = area / float(w * h)
            letter_like = 0.12 <= fill <= (1.0 if w < 0.4 * h else 0.85)  # I and l are solid bars
            # printed labels stand out from what is around them; skin texture and hairs do not
            y0, y1, x0, x1 = max(0, y - 2), min(ph, y + h + 2), max(0, x - 2), min(pw, x + w + 2)
            comp = labels[y0:y1, x0:x1] == i
            if comp.all():
                continue
            box = tones[y0:y1, x0:x1].astype(np.float32)
            if float(np.abs(box[comp].mean(axis=0) - box[~comp].mean(axis=0)).max()) < (50 if colour else 40 if white else 70):
                continue
            shaped.append((int(x), int(y), int(w), int(h), i, letter_like and x + w < pw - 1 and y + h < ph - 1,
                           fill))
        for x, y, w, h, i, candidate, _ in shaped:
            if not candidate:
                continue
            # a panel label stands alone; a letter with a letter-sized neighbour on its line is part
            # of a word ("CD98", "B cells", "WT"), whatever the recogniser would make of it (a thin
            # neighbour counts when solid, like l; a bracket is thin and hollow; a bold bracket is
            # not thin, but it comes with its mirror image on the letter's other side: "(d)")
            near = [(sx, sy, sw, sh, j) for sx, sy, sw, sh, j, _, sfill in shaped
                    if j != i and 0.5 * h <= sh <= 1.6 * h and (sw >= 0.3 * h or sfill >= 0.7)
                    and max(sx - (x + w), x - (sx + sw)) <= 0.6 * h
                    and min(sy + sh, y + h) - max(sy, y) >= 0.5 * min(sh, h)]
            if near and not _bracketed(labels, (x, y, w, h), near):
                continue
            if any(abs(fx - x) <= 2 and abs(fy - y) <= 2 and abs(fw - w) <= 3 and abs(fh - h) <= 3
                   for _, fx, fy, fw, fh, _ in found):
                continue  # found already in a mask before
            found.append((x + y, x, y, w, h, labels[y:y + h, x:x + w] == i))
    found.sort(key=lambda f: f[:5])
    return [f[1:] for f in found]


_COLOUR_SPREAD = 40  # a patch is coloured when 1 % of its pixels differ from their grey by this much in a channel
_COLOUR_INK = 60     # a coloured label's pixels differ from the local mean colour by this much in some channel


_BLACK_INK = (90, 50)  # black ink: grey below the first, channels within the second of each other


def _black_ink(patch: np.ndarray) -> np.ndarray:
    """Pixels of black ink: dark and grey (a blue or red line, a mid-grey bar are not)."""
    grey = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY)
    spread = patch.max(axis=2).astype(np.int16) - patch.min(axis=2).astype(np.int16)
    return (grey < _BLACK_INK[0]) & (spread < _BLACK_INK[1])


_WHITE_INK = (235, 20)  # white ink: every channel at least the first, channels within the second of each other
_WHITE_SHARE = (0.005, 0.15)  # a photo patch with a white label: this share of white ink (more: a page, a white photo)
_WHITE_PHOTO = 225  # ... on a photo: the patch's median grey under this (a page is lighter)


def _white_ink(patch: np.ndarray) -> np.ndarray:
    """Pixels of white ink: light in every channel and grey (pale skin is lighter in red than in blue)."""
    low = patch.min(axis=2)
    spread = patch.max(axis=2).astype(np.int16) - low.astype(np.int16)
    return (low >= _WHITE_INK[0]) & (spread <= _WHITE_INK[1])


def _white_apart(patch: np.ndarray) -> bool:
    """Whether a patch is a photo (median grey under `_WHITE_PHOTO`) with a little white ink in it
    (`_WHITE_SHARE`): where a white label on pale skin may be that the other looks miss."""
    grey = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY)
    if float(np.median(grey)) >= _WHITE_PHOTO:
        return False
    share = float(_white_ink(patch).mean())
    return _WHITE_SHARE[0] <= share <= _WHITE_SHARE[1]


def _inked_apart(patch: np.ndarray) -> bool:
    """Whether black ink in a patch lies beside other ink (coloured lines, grey bars) that the
    ordinary masks would join to it: both at least 0.5 % of the patch, on a light page."""
    grey = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY)
    if float(np.median(grey)) < 170:
        return False
    black = _black_ink(patch)
    other = (grey < 200) & ~black
    return float(black.mean()) >= 0.005 and float(other.mean()) >= 0.005


def _coloured(patch: np.ndarray) -> bool:
    """Whether a patch has colour worth the colour look: no for a grey patch (a chart, a micrograph
    in grey), where the grey looks have seen everything."""
    grey = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY).astype(np.int16)
    return float(np.percentile(np.abs(patch.astype(np.int16) - grey[:, :, None]).max(axis=2), 99)) >= _COLOUR_SPREAD


def _bracket_side(shape: np.ndarray, lean: bool = False) -> str | None:
    """"(" or ")" when a blob is a round bracket, else None: narrow (under half as wide as tall) and
    bowed, its ink at mid-height at least a quarter of its width to one side of its ink at the top
    and at the bottom (an l, I, 1, f or j is straight at one end at least). With `lean`, an italic
    bracket too (see below; only where a glyph's neighbours are judged, not where labels are
    looked for over a whole figure)."""
    h, w = shape.shape
    if w > 0.5 * h or h < 6:
        return None

    def centre(rows: np.ndarray) -> float | None:
        cols = np.nonzero(rows.any(axis=0))[0]   # (the mean as an integer sum over the count: exact, and
        return int(cols.sum()) / cols.size if cols.size else None   # without `mean`'s dispatch)

    band = max(1, h // 6)
    top, mid, bot = centre(shape[:band]), centre(shape[h // 2 - band // 2:h // 2 + band // 2 + 1]), centre(shape[-band:])
    if top is None or mid is None or bot is None:
        return None
    bow = 0.25 * w
    if mid <= top - bow and mid <= bot - bow:
        return "("
    if mid >= top + bow and mid >= bot + bow:
        return ")"
    # an italic bracket leans: its mid-height lies a quarter of its width off the line from its top
    # to its bottom (a leaning l, I or / is straight: on that line)
    chord = (top + bot) / 2
    if not lean:
        return None
    if mid <= chord - bow:
        return "("
    if mid >= chord + bow:
        return ")"
    return None


def _bracketed(labels: np.ndarray, glyph: tuple[int, int, int, int], near: list) -> bool:
    """Whether a glyph's only neighbours on its line are round brackets around it, "(d)": at most
    one each side, a "(" left of it and a ")" right of it (see `_bracket_side`), at least as tall as
    the glyph. A bold bracket is as wide as a thin letter; a word's letters are not bowed strokes."""
    x, y, w, h = glyph
    sides = []
    bounds = []
    small = []
    for sx, sy, sw, sh, j in near:
        if sh < 0.95 * h:
            small.append((sx, sw, sh))
            continue
        kind = _bracket_side(labels[sy:sy + sh, sx:sx + sw] == j, lean=True)
        if kind == "(" and sx + sw <= x + 1:
            sides.append("(")
            bounds.append(sx)
        elif kind == ")" and sx >= x + w - 1:
            sides.append(")")
            bounds.append(sx + sw)
        else:
            return False
    # a speck under 0.7 of the glyph's height inside the bracket pair (a highlight on
    # skin beside a yellow "(a)") is no letter of a word; anything else shorter than the glyph is
    if small and not (sorted(sides) == ["(", ")"]
                      and all(min(bounds) <= sx and sx + sw <= max(bounds) and sh < 0.7 * h for sx, sw, sh in small)):
        return False
    return len(sides) == len(set(sides))


def _sure_label(read, crop: np.ndarray, allowed: str, missing: set[str]) -> str | None:
    """A glyph read as one of the missing caption letters both ways, constrained to them (score >= 0.85)
    and freely, else None: a letter searched for where none need be must not be a guess."""
    text, score = read(crop, allowed)
    label = _as_label(text, score, missing)
    if label is None or label == _BAR or score < 0.85:
        return None
    free, free_score = read(crop)
    return label if _as_label(free, free_score, None) == label else None


def _core(text: str) -> str:
    """A read's text less its brackets, full stop or colon ("(I)" -> "I")."""
    return text.translate(_FULLWIDTH).strip("()[].: ")


def _as_label(text: str, score: float, want: set[str] | None) -> str | None:
    """The panel letter a read names (upper case; _BAR for a lone stroke), or None: a single glyph,
    optionally bracketed, that the caption names (when `want` is given). Digits the recogniser gives
    for a letter's shape (0 for O) count as that letter only when the caption names it."""
    text = text.translate(_FULLWIDTH)
    m = _LABEL.match(text) or (re.fullmatch(r"[(\[]?0[)\].:]?", text) and re.match(r"[(\[]?(0)", text))
    if not m or score < 0.6:
        return None
    g = m.group(1)
    if g in "Il|1":
        return _BAR if want is None or want & {"I", "L"} else None
    g = "O" if g == "0" else g.upper()
    return g if want is None or g in want else None


def _tighten(img: np.ndarray, b: Box, most: int = 6) -> Box:
    """Box b less the plain lines (a pixel or two of gutter, kept by scaling the layout back up) at
    its edges, so a photo's edge is the patch's edge and cannot join a label; a label printed at the
    panel's very edge stays whole."""
    x0, y0, x1, y1 = b.x, b.y, b.x + b.w, b.y + b.h

    def plain(line: np.ndarray) -> bool:
        return line.size > 0 and int(line.max()) - int(line.min()) <= 2 * _TOL

    for _ in range(most):
        if x1 - x0 > 8 and plain(img[y0:y1, x0]):
            x0 += 1
        if x1 - x0 > 8 and plain(img[y0:y1, x1 - 1]):
            x1 -= 1
        if y1 - y0 > 8 and plain(img[y0, x0:x1]):
            y0 += 1
        if y1 - y0 > 8 and plain(img[y1 - 1, x0:x1]):
            y1 -= 1
    return Box(x0, y0, x1 - x0, y1 - y0)


_INK_SHARE = 80   # a label's ink: the pixels of its glyph box this far up (percentile) in distance from the box's rim
_INK_APART = 40   # the labels' ink stands this far (in some channel) from the ground of the spot it is looked for on


def label_ink(img: np.ndarray, spots: list[tuple[int, int, int, int]]) -> np.ndarray | None:
    """The colour (BGR, float) the figure's labels are printed in, from the glyph boxes (x, y, w, h) of
    labels already read: in each box the pixels farthest from the box's rim (the top fifth: the
    stroke cores, not the anti-aliased edges), their median over all labels. None without a box.

    Why: a journal or a composing tool prints every panel label of a figure in one colour, so the
    labels read tell the colour of the one not read yet."""
    cols = []
    for x, y, w, h in spots:
        v = img[max(0, y - 2):y + h + 2, max(0, x - 2):x + w + 2].astype(np.float32)
        if v.shape[0] < 3 or v.shape[1] < 3:
            continue
        rim = np.concatenate([v[0], v[-1], v[:, 0], v[:, -1]])
        box = v.reshape(-1, 3)
        d = np.abs(box - np.median(rim, axis=0)).max(axis=1)
        cols.append(np.median(box[d >= np.percentile(d, _INK_SHARE)], axis=0))
    return np.median(np.array(cols), axis=0) if cols else None


def ink_view(img: np.ndarray, x: int, y: int, w: int, h: int, ink: np.ndarray) -> np.ndarray | None:
    """The window (x, y, w, h) with its margin, drawn in grey along the line from the labels' ink colour
    (black) to the window's ground colour (white; the median of its rim), RGB, 40 px high; None where
    the ink is not `_INK_APART` from that ground in some channel.

    Why: a coloured label on skin (cyan, yellow, green print) can be as light as the skin in grey, so the
    grey views the recogniser reads show hardly a letter; measured along the ink-to-ground line the
    same pixels give a dark letter on a light ground, and skin texture of other hues stays pale. Like
    `_glyph_views`' first view but for that contrast: the label's anti-aliased edges keep their tones."""
    pad = max(3, int(0.35 * h))
    x0, y0 = max(0, x - pad), max(0, y - pad)
    v = img[y0:y + h + pad, x0:x + w + pad].astype(np.float32)
    if v.shape[0] < 3 or v.shape[1] < 3:
        return None
    ground = np.median(np.concatenate([v[0], v[-1], v[:, 0], v[:, -1]]), axis=0)
    axis = ground - ink
    if float(np.abs(axis).max()) < _INK_APART:
        return None
    t = ((v - ink) @ axis) / float(axis @ axis)
    grey = (np.clip(t, 0.0, 1.0) * 255).astype(np.uint8)
    grey = cv2.resize(grey, None, fx=40.0 / grey.shape[0], fy=40.0 / grey.shape[0], interpolation=cv2.INTER_CUBIC)
    return np.ascontiguousarray(np.repeat(grey[:, :, None], 3, axis=2))


_SPAN_INK = 0.6     # a bracketed label's print is darker than this share of its patch's median grey: black
# print on a mid-grey speckled field (0-90 on ~130, the field's white speckles lighter still), on paper under 153
_SPAN_GROUND = 100  # ... only on a patch whose median grey is at least this (dark print on a lighter ground)
_SPAN_REACH = 1.6   # a ")" starts within this many bracket heights of its "(" (a label is one glyph wide)


def bracket_spans(patch: np.ndarray, min_h: int) -> list[tuple[tuple[int, int, int, int], tuple[int, int, int, int]]]:
    """Bracketed one-glyph labels "(d)" in a corner patch, nearest the patch's top-left first, each as
    (span, letter): the (x0, y0, x1, y1) box from the "(" to the ")" and the (x, y, w, h) box of the
    glyph between them, in patch coordinates.

    Found at the patch's own contrast, not the page's: print darker than `_SPAN_INK` of the patch's
    median grey. A label printed on a mid-grey field speckled white (an atomistic snapshot, a
    micrograph) is no ink by the page's threshold, and the glyph look's local masks break its thin
    strokes into fragments at the speckles; one fragment of a "(d)" reads as F. Against the field's
    median the brackets and the letter each come out whole. A pair counts when the "(" and ")" are
    bowed strokes (`_bracket_side`, italic too) of one height on one line at most `_SPAN_REACH`
    heights apart with a glyph between them (or the glyph run into the ")": one mark right after the
    "(", a serif "f)"; or the "(" run into the glyph, small print's "(b": one mark right before the ")"), and the
    label stands alone on its line: no mark of a glyph's height that lies
    on the label's rows within one label height left or right (a frame line or an axis crossing
    those rows is no neighbour; "Time (s)" and "in (c) the" have neighbours)."""
    grey = cv2.cvtColor(np.ascontiguousarray(patch[..., :3]), cv2.COLOR_BGR2GRAY) if patch.ndim == 3 else patch
    ph, pw = grey.shape
    ground = float(np.median(grey))
    if ground < _SPAN_GROUND or ph < min_h:
        return []
    mask = (grey < _SPAN_INK * ground).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    sx, sy, sw, sh = (stats[:, i] for i in range(4))
    opens, closes = [], []
    for k in range(1, n):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if h < min_h or h > 0.7 * ph or w > 0.5 * h:
            continue
        kind = _bracket_side(labels[y:y + h, x:x + w] == k, lean=True)
        (opens if kind == "(" else closes if kind == ")" else []).append((x, y, w, h))
    found = []  # (x0, y0, x1, y1, letter mask selection)
    used = set()
    for ox, oy, ow, oh in opens:
        close = [c for c in closes if 0 < c[0] - (ox + ow) <= _SPAN_REACH * oh and abs(c[1] - oy) <= 0.25 * oh
                 and abs(c[3] - oh) <= 0.25 * oh]
        if len(close) > 1:
            continue
        if close:
            cx, cy, cw, ch = close[0]
            y0, y1 = min(oy, cy), max(oy + oh, cy + ch)
            sel = (sx >= ox + ow - 1) & (sx + sw <= cx + 1) & (sy >= y0 - 2) & (sy + sh <= y1 + 2) & (sh >= 0.35 * oh)
            x1 = cx + cw
            used.add(close[0])
        else:
            # the glyph run into its ")" (a serif "f)"): one mark right after the "("
            y0, y1 = oy, oy + oh
            sel = (sx > ox + ow - 1) & (sx <= ox + ow + 0.4 * oh) & (sy >= oy - 2) & (sy + sh <= oy + oh + 2) \
                & (sh >= 0.6 * oh) & (sw <= 1.6 * oh) & (sw >= 0.5 * oh)
            sel[0] = False
            if np.count_nonzero(sel) != 1:
                continue
            x1 = int(sx[sel].max() + sw[sel].max())
        found.append((ox, oy, ow, oh, y0, y1, x1, sel))
    for cx, cy, cw, ch in closes:
        if (cx, cy, cw, ch) in used:
            continue
        # the "(" run into its glyph (small print: "(b" one mark): one mark ending right before the ")"
        sel = (sx + sw >= cx - 0.4 * ch) & (sx + sw <= cx + 1) & (sx < cx) & (sy >= cy - 2) & (sy + sh <= cy + ch + 2) \
            & (sh >= 0.6 * ch) & (sw <= 1.6 * ch) & (sw >= 0.5 * ch)
        sel[0] = False
        if np.count_nonzero(sel) != 1:
            continue
        k = int(np.flatnonzero(sel)[0])
        found.append((int(sx[k]), cy, 0, ch, cy, cy + ch, cx + cw, sel))
    out = []
    for ox, oy, ow, oh, y0, y1, x1, sel in found:
        sel = sel.copy()
        sel[0] = False
        if not sel.any():
            continue
        idx = np.flatnonzero(sel)
        lx0, ly0 = int(sx[idx].min()), int(sy[idx].min())
        lx1, ly1 = int((sx + sw)[idx].max()), int((sy + sh)[idx].max())
        lh = y1 - y0
        if ly1 - ly0 < 0.35 * oh:
            continue
        # alone on its line: no glyph-sized mark on the label's rows within one label height either side
        beside = (sh >= 0.35 * lh) & (sy >= y0 - 0.3 * lh) & (sy + sh <= y1 + 0.3 * lh) \
            & (((sx + sw > ox - lh) & (sx + sw <= ox)) | ((sx >= x1) & (sx < x1 + lh)))
        beside[0] = False
        if beside.any():
            continue
        out.append(((ox, y0, x1, y1), (lx0, ly0, lx1 - lx0, ly1 - ly0)))
    out.sort(key=lambda s: s[0][0] + s[0][1])
    return out
