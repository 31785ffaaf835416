"""Screens side by side: a figure whose chrome along the top repeats n times across its width, over
content that does not repeat, is n screenshots of one program set edge to edge.

Screenshots of one program (a calculator's screens, one app's pages) share their title bar pixel for
pixel: its colour, its title, its icons at the same places. Set edge to edge in a row they leave no
gutter, and their flat bars and fields give the XY-cut cuts between their own bands instead (a row
of title bars cut from the row of plots under them). The title bar seen once every 1/n of the
width, and content under it that differs from one copy to the next, is the n screens, whatever the
cut found. One picture does not repeat its top rows at a whole fraction of its width over unlike
content; a chessboard or a pattern repeats all the way down. Its own module because it reads the
figure's top rows for a period, which no other step asks about."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import Box, channel_min

_PAPER = 235     # paper: darkest channel at least this
_N = (2, 6)      # screens in a row
_INK = 250       # ink: darkest channel under this ...
_TRIM = 3        # ... the pieces' box trimmed to it by this many rows at most
_BAR = (4, 0.03)  # the repeated top rows: at least max(this many, this share of the height) ...
_BAR_MOST = 0.25  # ... read within this share of the height
_CHROME = 0.6    # ... each at least this share not paper ...
_BAR_TONE = 0.5  # ... this share of them within `_TONE` of their median (a bar's one colour) ...
_TONE = 8
_DETAIL = 40     # ... and holding detail (a title, icons): a spread of this at least along some row
_SAME = 6        # the copies' mean profile (the top rows averaged) repeats: mean absolute difference at most this ...
_SHIFT = 8       # ... with the copy found within this many pixels of its place (screens of unequal widths) ...
_BLUR = 5        # ... both blurred along the rows over this many pixels ...
_DETAIL_ROW = 8  # ... a row with detail: mean deviation from its mean at least this ...
_RATIO = 0.35    # ... matches within this share of its detail; a flat row within this (0-255):
_SAME_FLAT = 2
_RICH = 2        # the repeated rows hold this many rows with detail at least (a title, icons)
_EDGE = 4        # the pixels at each copy's sides left out of the comparison
_ACROSS = 0.02   # a piece runs across a screens' boundary by more than this share of the width
_UNLIKE = 12     # content under the bar differs from the first copy's: mean absolute difference at least this


def _shifts(grey: np.ndarray, n: int) -> list[int] | None:
    """Where each of the n copies across `grey`'s width (the top rows' mean profile: one line) is
    found, as shifts from k/n of the width (within `_SHIFT`); None when one copy is not found."""
    w = grey.shape[-1]
    p = w / n
    L = int(p) - 2 * _EDGE - 2 * _SHIFT
    if L < 16:
        return None
    line = grey.mean(axis=0) if grey.ndim == 2 else grey
    first = line[_EDGE + _SHIFT:_EDGE + _SHIFT + L]
    windows = np.lib.stride_tricks.sliding_window_view(line, L)   # every placing of a copy, one row each
    out = [0]
    for k in range(1, n):
        start = int(round(k * p)) + _EDGE + _SHIFT
        near = windows[start - _SHIFT:min(start + _SHIFT + 1, len(windows))]
        if not len(near):
            return None
        diff = np.abs(near - first).mean(axis=1)
        s = int(np.argmin(diff))
        if diff[s] > _SAME:
            return None
        out.append(s - _SHIFT)
    return out


def _copies(grey: np.ndarray, n: int, rows: slice, shifts: list[int]) -> tuple[int, int]:
    """How many of the top `rows` of `grey` (the figure's ink box, blurred along its rows) repeat in
    each of its n copies across the width, each copy at its shift (`_shifts`): the rows counted
    from the top that match in every copy, and how many of those hold detail. A row with detail (its
    mean deviation `_DETAIL_ROW` at least: a title's letters, icons) matches when its difference is
    within `_RATIO` of that detail (sparse thin lines, a placeholder's half against its other half,
    do not); a flat row when within `_SAME_FLAT`."""
    w = grey.shape[1]
    p = w / n
    L = int(p) - 2 * _EDGE - 2 * _SHIFT
    first = grey[rows, _EDGE + _SHIFT:_EDGE + _SHIFT + L]
    detail = np.abs(first - first.mean(axis=1, keepdims=True)).mean(axis=1)
    rich = detail >= _DETAIL_ROW
    ok = np.ones(first.shape[0], bool)
    for k in range(1, n):
        start = int(round(k * p)) + _EDGE + _SHIFT + shifts[k]
        part = grey[rows, start:start + L]
        if part.shape != first.shape:
            return 0, 0
        d = np.abs(part - first).mean(axis=1)
        ok &= np.where(rich, d <= _RATIO * detail, d <= _SAME_FLAT)
    top = int(np.argmin(ok)) if not ok.all() else len(ok)
    return top, int(rich[:top].sum())


def screens_in_row(img: np.ndarray, out: list[Box]) -> list[Box] | None:
    """The n screens' boxes (n in `_N`, the pieces' box cut in n equal columns) where the top
    `_BAR` rows of the pieces' box are chrome (`_CHROME`, `_DETAIL`) repeated in every 1/n of its width
    (`_copies`) and the rows under them differ from the first copy's (`_UNLIKE`); None otherwise or
    when `out` already has n pieces. The largest such n is taken (two screens' pair repeats too), and
    none where the top rows repeat at twice or three times that n as well (a montage's labels on each of its images:
    a finer pattern than one bar per screen). The screens replace the pieces only where a piece runs
    across a boundary between them (a band of title bars, a row of plots cut as one); pieces already
    inside one column each (a grid's rows) stand."""
    if not out:
        return None
    y0, x0 = min(b.y for b in out), min(b.x for b in out)
    y1, x1 = max(b.y + b.h for b in out), max(b.x + b.w for b in out)
    h, w = y1 - y0, x1 - x0
    need = max(_BAR[0], int(_BAR[1] * h))
    # the top rows first (this runs on every figure): chrome right across, with detail; the pieces'
    # box trimmed to the ink of its top rows (a piece's box may keep a line of paper round it)
    strip = img[y0:y0 + need + _TRIM, x0:x1]
    strip = channel_min(strip[:, :, :3]) if strip.ndim == 3 else strip
    rows, cols = np.flatnonzero((strip < _INK).any(axis=1)), np.flatnonzero((strip < _INK).any(axis=0))
    if not len(rows) or rows[0] > _TRIM:
        return None
    y0, x0, x1 = y0 + int(rows[0]), x0 + int(cols[0]), x0 + int(cols[-1]) + 1
    h, w = y1 - y0, x1 - x0
    top = strip[int(rows[0]):int(rows[0]) + need, int(cols[0]):int(cols[-1]) + 1]
    if float((top < _PAPER).mean(axis=1).min()) < _CHROME or int((top.max(axis=1) - top.min(axis=1)).max()) < _DETAIL:
        return None
    if float((np.abs(top.astype(np.int16) - int(np.median(top))) <= _TONE).mean()) < _BAR_TONE:
        return None   # a title bar is mostly one tone; a photograph's top rows are not
    # the mean profile of the top rows first (a photograph's top rows stop here), then the top quarter
    line = cv2.blur(np.ascontiguousarray(top), (_BLUR, 1)).astype(np.float32).mean(axis=0)
    found = [(n, _shifts(line, n)) for n in range(_N[1], _N[0] - 1, -1)]
    if all(sh is None for _, sh in found):
        return None
    part = img[y0:y0 + max(need, int(_BAR_MOST * h)), x0:x1]
    soft = cv2.blur(channel_min(part[:, :, :3]) if part.ndim == 3 else part, (_BLUR, 1)).astype(np.float32)
    most = slice(0, soft.shape[0])   # a screenshot scaled twice differs in its letters' edges: blurred along the rows
    for n, shifts in found:
        if shifts is None:
            continue
        bar, rich = _copies(soft, n, most, shifts)
        if bar < need or rich < _RICH:
            continue
        if bar >= h - need:
            return None   # the whole figure repeats: a pattern, not screens
        for m in (2, 3):
            finer = _shifts(line, m * n)
            if finer is not None and _copies(soft, m * n, most, finer)[0] >= need:
                return None   # each copy repeats again: a montage's labels printed on every image, not a screen's bar
        p = w / n
        L = int(p) - 2 * _EDGE
        box = channel_min(img[y0:y1, x0:x1, :3]) if img.ndim == 3 else img[y0:y1, x0:x1]
        body = box[bar:, _EDGE:_EDGE + L].astype(np.int16)
        unlike = any(float(np.abs(box[bar:, int(round(k * p)) + _EDGE:int(round(k * p)) + _EDGE + L].astype(np.int16)
                                  - body).mean()) >= _UNLIKE
                     for k in range(1, n) if int(round(k * p)) + _EDGE + L <= w)
        if not unlike:
            return None
        if len(out) == n:
            return None
        edges = [x0] + [x0 + int(round(k * p)) + shifts[k] for k in range(1, n)] + [x1]
        tol = _ACROSS * w
        if not any(b.x < e - tol and b.x + b.w > e + tol for b in out for e in edges[1:-1]):
            return None   # every piece inside one screen's column already: rows of panels stand as cut
        return [Box(edges[k], y0, edges[k + 1] - edges[k], y1 - y0) for k in range(n)]
    return None
