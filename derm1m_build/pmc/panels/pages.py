"""Rendered document pages side by side are panels: pieces of running print inside one page's faint
outline are joined into that page.

A figure showing documents (a layout-analysis tool's output, OCR results, a page before and after)
prints each page small, in a faint grey outline (a page's edge drawn at luma ~245), its running text
cut by the gutter split into paragraphs and halves. Every piece then holds only print, and the label
sheet test (`split._label_sheet`) takes the figure for one sheet of labels and keeps it whole. When
two or more faint page outlines hold all the pieces, the pages are the panels.

Functions take an image and boxes and return boxes; no state."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import Box, _union

_FAINT = 252      # a page's outline: pixels darker than this (luma; paper is 255) ...
_SIDE = 0.9       # ... along this share of each of its four sides at least ...
_WIDE = 0.2       # ... the page at least this share of the figure's width ...
_TALL = 0.5       # ... and of its height, and not the whole figure (a border round every panel)
_HELD = 0.7       # a piece belongs to a page when this share of its area lies inside the outline


def page_outlines(img: np.ndarray) -> list[Box]:
    """Faint rectangles the size of a page (`_WIDE` x `_TALL` of the figure at least, less than the
    whole of it), each side inked along `_SIDE` of its length: the box the outline encloses."""
    H, W = img.shape[:2]
    grey = img if img.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(img[:, :, :3]), cv2.COLOR_BGR2GRAY)
    ink = grey < _FAINT
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink.view(np.uint8), connectivity=8)
    out = []
    for x, y, w, h, _a in stats[1:].tolist():
        if w < _WIDE * W or h < _TALL * H or (w >= 0.95 * W and h >= 0.95 * H):
            continue
        sides = (ink[y, x:x + w], ink[y + h - 1, x:x + w], ink[y:y + h, x], ink[y:y + h, x + w - 1])
        if min(float(s.mean()) for s in sides) >= _SIDE:
            out.append(Box(x, y, w, h))
    return out


def join_pages(img: np.ndarray, pieces: list[Box]) -> list[Box] | None:
    """One box per page (its outline and the pieces inside it: a title printed under the page joins
    with the piece holding it) when two or more page outlines (`page_outlines`) hold every piece
    (`_HELD` of its area), else None."""
    pages = page_outlines(img)
    if len(pages) < 2:
        return None
    held: dict[int, list[Box]] = {}
    for p in pieces:
        for i, g in enumerate(pages):
            ix = min(p.x + p.w, g.x + g.w) - max(p.x, g.x)
            iy = min(p.y + p.h, g.y + g.h) - max(p.y, g.y)
            if ix > 0 and iy > 0 and ix * iy >= _HELD * p.w * p.h:
                held.setdefault(i, []).append(p)
                break
        else:
            return None
    if len(held) < 2:
        return None
    out = []
    for i, ps in sorted(held.items()):
        box = pages[i]
        for p in ps:
            box = _union(box, p)
        out.append(box)
    return out
