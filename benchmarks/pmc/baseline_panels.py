"""The splitter as it was before issue 26 (kept verbatim as the benchmark baseline; not product code).

Compound figures: split the image into panels and the caption into per-panel sub-captions.

Image side (OpenCV + numpy): a recursive XY-cut on background gutters. The background colour is the
median of the image border (white in most journals, black in some); rows or columns where almost no
pixel differs from it, over a run at least `min_gap` long, are gutters. Cuts alternate horizontal /
vertical, so panels come out in reading order (row by row, left to right). Slivers (labels, scale
bars, text strips) below `min_frac` of the figure side are dropped.

Caption side: panel markers `(A)`, `(a)`, `(A and B)`, `(A–C)`, `(A, B)`, `(A upper panel)`, and
bare `A,` / `A:` at the start of a sentence. Markers are accepted only in alphabetical sequence from
A, so `(P < 0.05)` or `(i)` inside a sentence are not panels. The text before the first marker (the
lead sentence) is shared and prefixed to every sub-caption.

`pair` matches panels and sub-captions in reading order when their counts agree; otherwise the
figure stays whole with its whole caption and the reason is returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cv2
import numpy as np

# ------------------------------------------------------------------ captions

_RANGE_SEP = r"\s*(?:[-\u2013\u2014]|to|and|&|,)\s*"
_PAREN = re.compile(
    r"\(\s*([A-Za-z])((?:" + _RANGE_SEP + r"[A-Za-z](?![A-Za-z]))*)((?:\s+(?:upper|lower|left|right|top|bottom|middle|inset|panels?)\b[a-z ]*)?)\s*\)")
_BARE = re.compile(r"(?:^|(?<=[.;]\s))([A-Z])((?:" + _RANGE_SEP + r"[A-Z])*)\s*[,:]\s")
_LETTERS = re.compile(r"[A-Za-z]")
_WS = re.compile(r"\s+")


@dataclass
class SubCaptions:
    lead: str
    letters: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # letter -> own text (without the lead)

    def full(self, letter: str) -> str:
        own = self.texts.get(letter, "")
        return _WS.sub(" ", f"{self.lead} {own}").strip() if self.lead else own

    def as_list(self) -> list[dict[str, str]]:
        return [{"panel": k, "text": self.full(k)} for k in self.letters]


def _expand(first: str, rest: str) -> list[str]:
    letters = [first] + _LETTERS.findall(re.sub(r"\b(?:to|and)\b", " ", rest))
    if re.search(r"[-\u2013\u2014]|\bto\b", rest) and len(letters) == 2:
        a, b = ord(letters[0]), ord(letters[1])
        if a < b <= a + 25:
            return [chr(c) for c in range(a, b + 1)]
    return letters


def split_caption(caption: str) -> SubCaptions:
    """Sub-captions by panel letter; `letters` is empty when the caption names no panels."""
    caption = _WS.sub(" ", caption or "").strip()
    found = []
    for rx in (_PAREN, _BARE):
        for m in rx.finditer(caption):
            found.append((m.start(), m.end(), _expand(m.group(1), m.group(2) or "")))
    found.sort()
    accepted: list[tuple[int, int, list[str]]] = []
    expected = None  # next letter we may see (or repeat of the last one)
    last = None
    for start, end, letters in found:
        if accepted and start < accepted[-1][1]:
            continue
        first = letters[0]
        if expected is None:
            if first not in ("A", "a"):
                continue
        else:
            case_ok = first.isupper() == last.isupper()
            if not case_ok or not (first == last or ord(first) == ord(last) + 1 or (ord(last) < ord(first) <= ord(last) + 2)):
                continue
        accepted.append((start, end, letters))
        last = max(letters)
        expected = chr(ord(last) + 1)
    if not accepted:
        return SubCaptions(lead=caption)
    lead = caption[: accepted[0][0]].strip()
    texts: dict[str, str] = {}
    order: list[str] = []
    for i, (start, end, letters) in enumerate(accepted):
        stop = accepted[i + 1][0] if i + 1 < len(accepted) else len(caption)
        seg = caption[end:stop].strip(" ;,")
        for L in letters:
            key = L.upper()
            if key not in texts:
                order.append(key)
                texts[key] = seg
            elif seg and seg not in texts[key]:
                texts[key] = f"{texts[key]} {seg}".strip()
    return SubCaptions(lead=lead, letters=order, texts=texts)


# ------------------------------------------------------------------ images

@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int


def _background_mask(img: np.ndarray, tol: int = 24) -> np.ndarray | None:
    """True where a pixel is background (near the border's colour), or None when the figure has no
    white or black surround (a single photograph edge to edge: nothing to cut)."""
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    border = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]]).astype(np.int16)
    bg = np.median(border, axis=0)
    if not (bg.min() >= 225 or bg.max() <= 30):
        return None
    diff = np.abs(img.astype(np.int16) - bg).max(axis=2)
    return diff <= tol


def _runs(empty: np.ndarray, min_gap: int) -> list[tuple[int, int]]:
    """Content segments between gutters (runs of `empty` at least min_gap long)."""
    segs, start, gap = [], None, 0
    n = len(empty)
    for i in range(n):
        if empty[i]:
            gap += 1
            if start is not None and gap >= min_gap:
                segs.append((start, i - gap + 1))
                start = None
        else:
            if start is None:
                start = i
            gap = 0
    if start is not None:
        end = n
        while end > start and empty[end - 1]:
            end -= 1
        segs.append((start, end))
    return segs


def _xycut(bgm: np.ndarray, x0: int, y0: int, axis: int, depth: int, min_gap: int, out: list[Box],
           tried_other: bool = False) -> None:
    h, w = bgm.shape
    content = ~bgm
    if axis == 0:
        empty = content.mean(axis=1) < 0.005
    else:
        empty = content.mean(axis=0) < 0.005
    segs = _runs(empty, min_gap)
    if len(segs) <= 1:
        if not tried_other and depth > 0:
            _xycut(bgm, x0, y0, 1 - axis, depth, min_gap, out, tried_other=True)
            return
        ys, xs = np.nonzero(content)
        if len(ys):
            out.append(Box(x0 + int(xs.min()), y0 + int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)))
        return
    for a, b in segs:
        sub = bgm[a:b] if axis == 0 else bgm[:, a:b]
        nx, ny = (x0, y0 + a) if axis == 0 else (x0 + a, y0)
        if depth > 0:
            _xycut(sub, nx, ny, 1 - axis, depth - 1, min_gap, out)
        else:
            ys, xs = np.nonzero(~sub)
            if len(ys):
                out.append(Box(nx + int(xs.min()), ny + int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)))


def split_panels(img: np.ndarray, min_gap_frac: float = 0.012, min_frac: float = 0.12, max_depth: int = 3) -> list[Box]:
    """Panel boxes in reading order; one box (the content) when the figure has no gutters."""
    h, w = img.shape[:2]
    bgm = _background_mask(img)
    if bgm is None:
        return [Box(0, 0, w, h)]
    min_gap = max(3, int(round(min(h, w) * min_gap_frac)))
    boxes: list[Box] = []
    _xycut(bgm, 0, 0, 0, max_depth, min_gap, boxes)
    keep = [b for b in boxes if b.w >= min_frac * w * 0.5 and b.h >= min_frac * h * 0.5
            and b.w * b.h >= (min_frac ** 2) * w * h]
    return keep or [Box(0, 0, w, h)]


def crop(img: np.ndarray, b: Box) -> np.ndarray:
    return img[b.y:b.y + b.h, b.x:b.x + b.w]


@dataclass
class Pairing:
    panels: list[tuple[str, Box, str]]  # (letter, box, sub-caption)
    note: str = ""  # why the figure stayed whole ("" when split or simple)


def pair(img: np.ndarray, caption: str) -> tuple[Pairing, SubCaptions]:
    subs = split_caption(caption)
    if len(subs.letters) < 2:
        return Pairing([]), subs
    boxes = split_panels(img)
    if len(boxes) != len(subs.letters):
        return Pairing([], note=f"panel_count_mismatch: {len(boxes)} panels, {len(subs.letters)} sub-captions"), subs
    return Pairing([(L, b, subs.full(L)) for L, b in zip(subs.letters, boxes)]), subs
