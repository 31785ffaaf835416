"""Signs that a figure is one screenshot, not a layout of panels: pieces on one tinted card (a
window's face set on the paper, `join_cards`), a page's app bar along the top (`page_bar`).

Its own module because both read a screenshot's chrome, which no other step of `split_panels` asks
about; the window tests that read the figure's frame stay with `split_panels` (`_program_window`,
`_app_window`)."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import _MAX_SIDE, Box, _union, channel_max, channel_min
from .xycut import _union_all

_PAPER = 248        # the figure's paper: its edge lines' pixels at least this light (every channel) ...
_TINT = (215, 246)  # ... a card's face: one light tone, not paper (channel minimum in this range) ...
_TINT_TOL = 3       # ... its pixels within this of the face's tone (any channel) ...
_TINT_AREA = 0.3    # ... on this share of the card's box at least (the rest: the window's fields and words)
_CARD_MIN = 0.1     # a card this share of the figure's area at least
_ON_CARD = 0.6      # a piece with this share of its area on one card's box belongs to it


def _cards(img: np.ndarray) -> list[Box]:
    """The boxes of light tinted faces set on white paper: connected runs of one light non-paper
    tone (`_TINT`) that do not run across the figure (from one edge to the opposite one, or along
    three edges: the figure's own ground; a window cut off at one edge or in a corner is still a
    card), covering `_TINT_AREA` of their box at least and
    `_CARD_MIN` of the figure at least. The tone is the commonest light tone of the figure."""
    H, W = img.shape[:2]
    if img.ndim != 3:
        return []
    step = 2 * max(1, max(H, W) // _MAX_SIDE)   # half the layout's scale: a card is large, a window's face wide
    view = img[::step, ::step, :3]
    edges = np.concatenate([view[0], view[-1], view[:, 0], view[:, -1]]).min(axis=1)
    if float(np.median(edges)) < _PAPER:
        return []   # the figure's own ground is no paper: a tinted page, a window filling the figure
    view = np.ascontiguousarray(view)
    h, w = view.shape[:2]
    low = channel_min(view)
    tint = (low >= _TINT[0]) & (low < _TINT[1])
    if float(tint.mean()) < _CARD_MIN * _TINT_AREA:
        return []
    # the face's tone: the commonest pixel value among the light tinted ones
    px = view[tint].astype(np.int32)
    if not len(px):
        return []
    packed = (px[:, 0] << 16) | (px[:, 1] << 8) | px[:, 2]
    tones, counts = np.unique(packed, return_counts=True)
    top = int(tones[int(np.argmax(counts))])
    tone = np.array([top >> 16, (top >> 8) & 255, top & 255], np.int16)
    face = cv2.inRange(view, np.clip(tone - _TINT_TOL, 0, 255).astype(np.uint8),
                       np.clip(tone + _TINT_TOL, 0, 255).astype(np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(face, connectivity=8)
    x, y, bw, bh, area = (stats[1:, i].astype(np.int64) for i in range(5))
    big = (bw * bh >= _CARD_MIN * h * w) & (area >= _TINT_AREA * bw * bh)
    left, top_, right, bottom = x == 0, y == 0, x + bw == w, y + bh == h
    # the face runs across the figure (edge to opposite edge, or along three): the figure's ground
    across = (left & right) | (top_ & bottom) | (left.astype(int) + top_ + right + bottom > 2)
    out = []
    for k in np.flatnonzero(big & ~across):
        x0, y0 = int(x[k]) * step, int(y[k]) * step
        out.append(Box(x0, y0, min(W, int(x[k] + bw[k]) * step) - x0, min(H, int(y[k] + bh[k]) * step) - y0))
    return out


def _share(a: Box, b: Box) -> float:
    ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    return ix * iy / max(1, a.w * a.h)


def join_cards(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with the pieces lying (`_ON_CARD` of their area) on one tinted card (`_cards`) joined.

    Why: a screenshot of a window or a dialog set on the page is one panel, and its face is one
    light tone (a toolkit's grey) that stops at the window's frame, with the page's white paper
    round it. The XY-cut reads the face's bands between a logo, a row of fields and a group box as
    gutters (gutters of any colour), and cuts one window into strips. Panels parted by gutters of
    their figure's ground have that ground running to the figure's edge; a light card that stops
    short of them on every side, on white paper, is one thing set on the page. A label printed
    beside the window on the paper ("(a) ...") joins it with the strip it stands by."""
    if len(out) < 2:
        return out
    cards = _cards(img)
    if not cards:
        return out
    boxes = list(out)
    for card in cards:
        on = [b for b in boxes if _share(b, card) >= _ON_CARD]
        if len(on) < 2:
            continue
        u = on[0]
        for b in on[1:]:
            u = _union(u, b)
        boxes = [u] + [b for b in boxes if not any(b is o for o in on)]
    return out if len(boxes) == len(out) else boxes


_BAR_TALL = 0.06    # a page's app bar: at most this share of the height tall (and 12 px at least) ...
_BAR_NEAR = 0.02    # ... starting within this share of the height from the top ...
_BAR_RULE = 0.97    # ... closed by a rule: a row off paper (< 245) on this share of the width at least ...
_BAR_THIN = 4       # ... paper again (90 % of the row) within this many rows under it (a line, no picture's edge) ...
_BAR_END = 0.05     # ... marks within this share of the width from both sides ...
_BAR_GAP = 0.25     # ... parted by an empty stretch this share of the width at least


def page_bar(img: np.ndarray) -> bool:
    """Whether the figure is a screenshot of one web page or app: it opens with an app bar, a band
    along the top edge on paper, closed by a thin rule right across the figure, that holds marks
    (a menu button and a logo, a search field and a sign-in button) against both its sides with an
    empty stretch between them.

    Why: the XY-cut cuts a page's sections (a poster, a film still, the text) at the page's own
    white bands, but they are one page; a figure of panels has no rule right across it under a
    row of marks at its two sides (a shared title is centred, column titles stand over their
    columns, not against the figure's sides)."""
    H, W = img.shape[:2]
    step = max(1, max(H, W) // _MAX_SIDE)
    h, w = -(-H // step), -(-W // step)
    if h < 40 or w < 40:
        return False
    tall, near = max(12, int(_BAR_TALL * h)), int(_BAR_NEAR * h) + 1
    view = np.ascontiguousarray(img[:(near + tall + _BAR_THIN + 2) * step:step, ::step])   # only the top band is read
    low = view if view.ndim == 2 else channel_min(view[:, :, :3])
    off = (low < 245).mean(axis=1)
    paper = (low >= 240).mean(axis=1)
    top = 0
    while top < near and off[top] >= _BAR_RULE:
        top += 1   # the screenshot's own frame line along the top
    for r in range(top + 8, min(h - _BAR_THIN - 1, top + tall)):
        if off[r] < _BAR_RULE or not any(paper[r + k] >= 0.9 for k in range(1, _BAR_THIN + 1)):
            continue
        band = low[top:r] < 200
        if band.shape[0] < 6 or not band.any():
            return False
        cols = np.flatnonzero(band[:, 1:-1].any(axis=0)) + 1
        if cols[0] > _BAR_END * w or cols[-1] < (1 - _BAR_END) * w:
            return False
        return bool(np.diff(cols).max(initial=0) >= _BAR_GAP * w)
    return False


_FACE_TONE = (200, 246)  # a window's face: one light grey, not paper (channel minimum in this range) ...
_FACE_TOL = 3            # ... its pixels within this of the face's tone ...
_FACE_SHARE = 0.3        # ... the commonest tone, on this share of the figure at least ...
_FACE_SIDE = 0.8         # ... along this share of the left, right and bottom edges (one of the 6 outermost lines) ...
_FACE_EDGE = 6
_FACE_TOP = 0.12         # ... up to a title bar in this top share of the height:
_TITLE_FLAT = 0.6        # rows with this share of their pixels within `_FACE_TOL` of the row's median ...
_TITLE_DARKER = 4        # ... that median at least this much darker than the face (and not black: 40 at least) ...
_TITLE_TALL = 0.02       # ... for this share of the height at least (6 rows at least), the face right under them


def window_face(img: np.ndarray, out: list[Box]) -> bool:
    """Whether the figure is one program window filling it: one light grey face (a toolkit's grey)
    runs along its left, right and bottom edges, and across the top it is closed by a title bar, a
    band of flat rows a little darker than the face running from side to side, with the face
    right under it; every piece reaches under the bar's top.

    Why: the XY-cut reads the face's bands between a window's group boxes, button rows and list as
    gutters of any colour, and cuts one screenshot into strips (a menu dropped down over the title
    bar is one more strip). Photographs laid on a grey page have that grey running along all four
    edges, top included (`_framed_by_ground`); a window's face stops under its title bar, which no
    figure of panels draws across its whole top."""
    H, W = img.shape[:2]
    step = max(1, max(H, W) // _MAX_SIDE)
    view = img[::step, ::step]
    h, w = view.shape[:2]
    if h < 60 or w < 60:
        return False
    top = max(int(_FACE_TOP * h), 8)
    e = _FACE_EDGE
    lo, hi = _FACE_TONE[0] - _FACE_TOL, _FACE_TONE[1] + _FACE_TOL
    for cols in (view[top:, :e], view[top:, w - e:]):   # cheap first: the face's tone down some outer column
        meds = np.median(cols if cols.ndim == 2 else channel_min(cols[:, :, :3]), axis=0)
        if not ((meds >= lo) & (meds < hi)).any():
            return False
    low = view if view.ndim == 2 else channel_min(view[:, :, :3])
    below = low[top:]
    counts = np.bincount(below.ravel(), minlength=256)
    tone = int(np.argmax(counts))
    if not _FACE_TONE[0] <= tone < _FACE_TONE[1]:
        return False
    face = np.abs(low.astype(np.int16) - tone) <= _FACE_TOL
    if float(face[top:].mean()) < _FACE_SHARE:
        return False
    sides = (face[top:, :e].mean(axis=0), face[top:, w - e:].mean(axis=0), face[h - e:, :].mean(axis=1))
    if min(float(s.max()) for s in sides) < _FACE_SIDE:
        return False
    if float(face[:3].mean()) >= 0.5:
        return False    # the face runs along the top edge too: a grey page's ground
    med = np.median(low[:top], axis=1)
    flat = (np.abs(low[:top].astype(np.int16) - med[:, None].astype(np.int16)) <= _FACE_TOL).mean(axis=1)
    # not black: a black band is a photograph's or a terminal's; a coloured title bar (a classic
    # Windows blue, channel minimum 0) is lit in its brightest channel
    lit = np.median(channel_max(view[:top, :, :3]), axis=1) if view.ndim == 3 else med
    bar = (flat >= _TITLE_FLAT) & (med <= tone - _TITLE_DARKER) & (lit >= 40)
    need = max(6, int(_TITLE_TALL * h))
    run, end = 0, -1
    for y in range(top):
        run = run + 1 if bar[y] else 0
        if run >= need:
            end = y
    if end < 0:
        return False
    while end + 1 < top and bar[end + 1]:
        end += 1
    under = face[end + 1:end + 4]
    if not len(under) or float(under.mean(axis=1).max()) < _TITLE_FLAT:
        return False
    start = (end - need + 1) * step
    return all(p.y + p.h > start for p in out)


_PANE_TONE = (30, 120)  # a docked pane's chrome: one dark grey (channel minimum), not a photograph's black ...
_PANE_TOL = 2           # ... its pixels within this of the tone ...
_PANE_RULE = 0.98       # ... on this share of the pane's outer column (the figure's side) and of its top and bottom rows ...
_PANE_WIDE = (0.15, 0.6)  # ... the pane this share of the figure's width ...
_PANE_PAPER = 250       # ... the rest of the figure on paper: this light on this share of its top and bottom rows at least
_PANE_OPEN = 0.9


def docked_pane(img: np.ndarray) -> bool:
    """Whether the figure is one viewer's screenshot with a pane docked at its left or right side: a
    frame of one flat dark grey runs down the whole side edge and along the top and bottom edges for
    the pane's width (the screenshot cut the window there), and the rest of the figure is the viewer's
    page, paper along the top and bottom edges.

    Why: a tag tree, an outline or a layers pane docked beside the page it describes is one screenshot;
    the XY-cut parts it from the page at the pane's edge and cuts the page at its own white bands.
    A panel of a figure stands inside the figure with paper round it, or fills its side to the edges
    as a photograph does, whose edge rows are grain, never one flat grey along three edges."""
    H, W = img.shape[:2]
    step = max(1, max(H, W) // _MAX_SIDE)
    view = img[::step, ::step]
    h, w = view.shape[:2]
    if h < 60 or w < 60:
        return False
    for side in (view, view[:, ::-1]):
        side = side[:, :, :3] if side.ndim == 3 else side
        if not _PANE_TONE[0] <= int(np.median(channel_min(side[:, 0]) if side.ndim == 3 else side[:, 0])) <= _PANE_TONE[1]:
            continue   # cheap first: one dark grey down the side edge
        side = channel_min(side) if side.ndim == 3 else side
        tone = int(np.median(side[:, 0]))
        if not _PANE_TONE[0] <= tone <= _PANE_TONE[1]:
            continue
        if float((np.abs(side[:, 0].astype(np.int16) - tone) <= _PANE_TOL).mean()) < _PANE_RULE:
            continue
        # the pane's width: how far the flat tone runs along the top and the bottom edge from the side
        flat = [np.abs(side[r].astype(np.int16) - tone) <= _PANE_TOL for r in (0, h - 1)]
        wide = [int(np.argmin(f)) if not f.all() else w for f in flat]
        pw = min(wide)
        if not _PANE_WIDE[0] * w <= pw <= _PANE_WIDE[1] * w or abs(wide[0] - wide[1]) > 2:
            continue
        rest = side[:, pw + (w - pw) // 10:]
        lines = np.concatenate([rest[0], rest[-1]])   # the page may run on past the other side (cut there)
        if float((lines >= _PANE_PAPER).mean()) >= _PANE_OPEN:
            return True
    return False


_BAR_TONE_TOL = 3       # a bar's face: pixels within this of its tone (every channel) ...
_BAR_EDGE = 0.9         # ... on this share of the figure's edge line at least (the bar runs along the whole edge) ...
_BAR_ROW = 0.6          # ... and of each of its rows (buttons and words take the rest) ...
_BAR_DEPTH = (0.03, 0.3)  # ... the bar this share of the figure's height deep (8 view pixels at least) ...
_BAR_OTHER = 6          # ... the line past it of another tone (the window's face): its commonest colour this far off
_BAR_PAPER = 250        # ... the bar's tone under this in some channel (a white band along the edge is the margin)
_BUTTON_WIDE = 0.3      # a button: a piece inside the bar, at most this share of the figure's width wide


def _tone(line: np.ndarray) -> np.ndarray:
    """The commonest colour of a line of pixels (n, 3), int16."""
    px = line.astype(np.int32)
    packed = (px[:, 0] << 16) | (px[:, 1] << 8) | px[:, 2]
    vals, counts = np.unique(packed, return_counts=True)
    top = int(vals[int(np.argmax(counts))])
    return np.array([top >> 16, (top >> 8) & 255, top & 255], np.int16)


def _edge_bar(view: np.ndarray) -> int | None:
    """The depth (view rows) of a bar of one flat tone along the bottom edge of `view` (n rows, w, 3):
    its edge line that tone on `_BAR_EDGE`, not white paper (`_BAR_PAPER`: a margin, not a bar), each of
    its rows on `_BAR_ROW`, the line past it another tone (`_BAR_OTHER`); None when there is none."""
    h = view.shape[0]
    tone = _tone(view[-1, ::4])   # the commonest colour of every 4th pixel: a tone on 90 % of the line is it
    if int(tone.min()) >= _BAR_PAPER or \
            float((np.abs(view[-1].astype(np.int16) - tone).max(axis=1) <= _BAR_TONE_TOL).mean()) < _BAR_EDGE:
        return None   # cheap first: the edge line alone
    most = int(_BAR_DEPTH[1] * h)
    rows = view[h - 1 - most:].astype(np.int16)   # the rows a bar may take, and the line past the deepest
    near = (np.abs(rows - tone).max(axis=2) <= _BAR_TONE_TOL).mean(axis=1)[::-1]   # from the edge inward
    off = np.flatnonzero(near < _BAR_ROW)
    if not len(off):
        return None
    depth = int(off[0])
    if depth < max(8, _BAR_DEPTH[0] * h):
        return None
    past = _tone(view[h - 1 - depth, ::4])
    return depth if int(np.abs(past - tone).max()) > _BAR_OTHER else None


def bar_buttons(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` as one box (their union) when the figure is one window whose button bar was cut off: a
    bar of one flat tone runs along the whole bottom (or top) edge (`_edge_bar`: a dialog's footer,
    a tool bar), every piece but one lies inside it, and those are buttons (no taller than the
    bar, at most `_BUTTON_WIDE` of the figure's width).

    Why: a dialog's footer is a band of its own tone, flat, and its buttons sit on it with the
    band's tone between them: gutters of any colour to the XY-cut, which parts the buttons from the
    window and from each other. A figure's panels do not lie in a flat band along its edge under
    one other piece; print or keys in such a band under one panel are that panel's own."""
    if not 2 <= len(out) <= 8 or img.ndim != 3:
        return out
    H, W = img.shape[:2]
    step = max(1, max(H, W) // _MAX_SIDE)
    for flip in (False, True):
        view = img[::step, ::step, :3]
        depth = _edge_bar(view[::-1] if flip else view)
        if depth is None:
            continue
        y0, y1 = ((0, depth * step) if flip else (H - depth * step, H))
        inside = [b for b in out if b.y >= y0 - step and b.y + b.h <= y1 + step]
        if not inside or len(out) - len(inside) != 1 or \
                any(b.h > y1 - y0 or b.w > _BUTTON_WIDE * W for b in inside):
            continue
        return [_union_all(out)]
    return out


_DARK_FACE = (25, 90)   # a dark theme's face: its brightest channel in this range (no black: a scan's or a photograph's field) ...
_DARK_TOL = 3           # ... pixels within this of its tone (every channel) ...
_DARK_EDGE = 0.8        # ... on this share of the figure's edge lines at least (the face runs round the window) ...
_DOCK_FACE = 0.15       # a dock: a piece with this share of its box the face's own tone at least (widgets on the face) ...
_VIEW_FACE = 0.05       # ... the view: the one piece with at most this share (an image, a canvas filling its box)
_DOCK_SIDE = 0.02       # a dock stands against the figure's left or right side: within this share of the width


def dark_docks(img: np.ndarray, out: list[Box]) -> bool:
    """Whether the figure is one program window in a dark theme: a dark grey face (`_DARK_FACE`) runs
    along its edges, every piece but one is a dock (`_DOCK_FACE`: its box holds much of the face's
    own tone, the widgets, fields and words of a tool pane lying on it), one of them against the
    figure's left or right side, and the one piece left is the view they serve (`_VIEW_FACE`: an
    image or a canvas filling its box).

    Why: the XY-cut reads a dark window's face between its docks and its view as gutters (gutters of
    any colour), and the light-theme window rules ask for paper or a light face (`_app_window`
    refuses a figure framed all round by one ground, as photographs on a grey page are). Panels on
    a dark page are photographs, micrographs or scans that fill their boxes with their own pixels,
    holding none of the page's exact tone; a tool pane is that tone with controls on it."""
    if not 3 <= len(out) <= 10 or img.ndim != 3:
        return False
    H, W = img.shape[:2]
    step = max(1, max(H, W) // _MAX_SIDE)
    view = img[::step, ::step, :3]
    edges = np.concatenate([view[0], view[-1], view[:, 0], view[:, -1]])
    tone = _tone(edges)
    if not _DARK_FACE[0] <= int(tone.max()) <= _DARK_FACE[1]:
        return False
    if float((np.abs(edges.astype(np.int16) - tone).max(axis=1) <= _DARK_TOL).mean()) < _DARK_EDGE:
        return False
    docks, views, side = 0, 0, False
    for b in out:
        part = view[b.y // step:-(-(b.y + b.h) // step), b.x // step:-(-(b.x + b.w) // step)].astype(np.int16)
        share = float((np.abs(part - tone).max(axis=2) <= _DARK_TOL).mean()) if part.size else 0.0
        if share >= _DOCK_FACE:
            docks += 1
            side = side or b.x <= _DOCK_SIDE * W or b.x + b.w >= (1 - _DOCK_SIDE) * W
        elif share <= _VIEW_FACE:
            views += 1
        else:
            return False
    return views == 1 and docks >= 2 and side
