"""Round 45 (letters side): the one letter the layout's gap names, and coloured labels as light as the skin.

A grid whose labels read surely at every piece but one (a small JPEG "B)" on skin at 0.6-0.8) used to stay whole:
the missing letter needed a read at >= 0.85. When every other piece carries its caption letter and the pieces, read
by rows or by columns, spell the caption's letters with the gap at the one piece left, the layout names the letter
before any read does, and a read short of sure (>= 0.5 constrained and freely the same letter) confirms it
(`grouping._layout_gap`, `_labels_where_expected`). A read naming another letter, two gaps, a count or an order the
caption does not give: no letter (the figure stays whole).

A cyan label on brown skin is as light as the skin in grey; measured along the line from the other labels' ink colour
to the spot's ground it is a dark letter on a light ground (`glyphs.label_ink`, `glyphs.ink_view`).

Every image is composed here (noise patches, letters drawn with OpenCV's Hershey font); the readers of the gating
tests are stand-ins that answer one fixed reading, so those tests cost no OCR.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels.glyphs import ink_view, label_ink
from derm1m_build.pmc.panels.grouping import _labels_where_expected, _layout_gap
from derm1m_build.pmc.panels.gutters import Box

# a 2 x 3 grid of 100 x 80 pieces, gutters 10 px
GRID = [Box(10 + c * 110, 10 + r * 90, 100, 80) for r in range(2) for c in range(3)]


@pytest.mark.parametrize("letters, order, gap", [
    (["A", None, "C", "D", "E", "F"], list("ABCDEF"), (1, "B")),
    (["A", "B", "C", "D", "E", None], list("ABCDEF"), (5, "F")),
    # labels running down the columns: A C E / B D F
    (["A", "C", None, "B", "D", "F"], list("ABCDEF"), (2, "E")),
    # the gap's letter would stand out of order by rows and by columns
    (["A", None, "B", "D", "E", "F"], list("ABCDEF"), None),
    # two pieces without a letter
    (["A", None, None, "D", "E", "F"], list("ABCDEF"), None),
    # a letter read twice
    (["A", None, "C", "C", "E", "F"], list("ABCDEF"), None),
    # fewer caption letters than pieces
    (["A", None, "C", "D", "E", None], list("ABCDE"), None),
    # a letter the caption does not name
    (["A", None, "C", "D", "E", "G"], list("ABCDEF"), None),
])
def test_layout_gap(letters, order, gap):
    assert _layout_gap(GRID, letters, order) == gap


class _Reader:
    """A stand-in recogniser: every constrained read answers `constrained`, every free read `free`."""

    def __init__(self, constrained: tuple[str, float], free: tuple[str, float]):
        self.constrained, self.free, self.calls = constrained, free, 0

    def __call__(self, rgb, allowed=None):
        self.calls += 1
        return self.constrained if allowed else self.free


def _grid_image() -> np.ndarray:
    rng = np.random.default_rng(45)
    img = np.full((200, 340, 3), 255, np.uint8)
    for b in GRID:
        img[b.y:b.y + b.h, b.x:b.x + b.w] = rng.integers(90, 170, (b.h, b.w, 3), dtype=np.uint8)
    return img


def _spots(letters):
    # every label read 6 px right of and 5 px under its piece's top-left, 8 x 10 px
    return [[(b.x + 6, b.y + 5, 8, 10)] if L else [] for b, L in zip(GRID, letters)]


@pytest.mark.parametrize("letters, order, constrained, free, want", [
    # the gap's letter confirmed by a read short of sure
    (["A", None, "C", "D", "E", "F"], list("ABCDEF"), ("B", 0.62), ("B", 0.55), "B"),
    # a sure read needs no gap (no caption order given)
    (["A", None, "C", "D", "E", "F"], None, ("B", 0.9), ("B)", 0.7), "B"),
    # short of sure with no order to confirm it
    (["A", None, "C", "D", "E", "F"], None, ("B", 0.62), ("B", 0.55), None),
    # the free read names another glyph
    (["A", None, "C", "D", "E", "F"], list("ABCDEF"), ("B", 0.62), ("8", 0.9), None),
    # under even odds
    (["A", None, "C", "D", "E", "F"], list("ABCDEF"), ("B", 0.45), ("B", 0.7), None),
    # the layout does not confirm it (B would stand after C by rows and by columns)
    (["A", "C", None, "D", "E", "F"], list("ABCDEF"), ("B", 0.62), ("B", 0.55), None),
])
def test_gap_read(letters, order, constrained, free, want):
    missing = set(order or "ABCDEF") - {L for L in letters if L}
    got, spots = _labels_where_expected(_grid_image(), GRID, letters, _spots(letters), (False, False),
                                        _Reader(constrained, free), missing, order)
    i = letters.index(None)
    assert got[i] == want
    assert [L for k, L in enumerate(got) if k != i] == [L for k, L in enumerate(letters) if k != i]
    assert spots[i] == ([(GRID[i].x + 6, GRID[i].y + 5, 10, 10)] if want else [])


def _skin_with_label(text: str) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Brown skin (BGR 110, 130, 180, grey ~143) with noise, a cyan label (BGR 175, 170, 60, grey ~139) drawn on it:
    the label and the skin are as light in grey."""
    rng = np.random.default_rng(7)
    img = np.clip(np.array([110, 130, 180], np.float32) + rng.normal(0, 6, (60, 80, 3)), 0, 255).astype(np.uint8)
    cv2.putText(img, text, (20, 42), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (175, 170, 60), 2, cv2.LINE_AA)
    mask = np.abs(img.astype(np.int16) - np.array([175, 170, 60])).max(axis=2) < 40
    ys, xs = np.nonzero(mask)
    return img, (int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))


def test_label_ink_is_the_labels_colour():
    img, spot = _skin_with_label("A")
    ink = label_ink(img, [spot])
    assert np.abs(ink - np.array([175, 170, 60])).max() < 25
    assert label_ink(img, []) is None


def test_ink_view_reads_a_cyan_label_on_skin():
    from derm1m_build.ocr import read_line

    img, spot = _skin_with_label("A")
    ink = label_ink(img, [spot])
    img_b, (x, y, w, h) = _skin_with_label("B")
    view = ink_view(img_b, x, y, w, h, ink)
    assert view.shape[0] == 40 and view.dtype == np.uint8
    # the letter dark on a light ground: its core is near black, the ground near white
    assert view.min() < 60 and np.median(view) > 200
    text, score = read_line(view, "ABCDEF")
    assert text == "B" and score >= 0.85
    assert read_line(view)[0].strip("()") == "B"
    # no view where the ink is the ground's colour
    skin = np.clip(np.array([110, 130, 180], np.float32) + np.zeros((60, 80, 3)), 0, 255).astype(np.uint8)
    assert ink_view(skin, x, y, w, h, np.array([112.0, 128.0, 182.0])) is None
