"""Round 44, counts: what one frame round the whole figure holds, and a point's label set apart.

- Solid filled shapes set side by side in one frame (arrow-head variants) are one drawing
  (`framed.shape_variants`); set 30's annotation rule: "a group of glyph variants ... is one panel",
  "A single figure is one panel: one framed drawing". Filled rectangles (masks, bars), shapes with no
  frame round them and line drawings are not asked about.
- Stroke drawings in one frame that the split left as one piece are cut at the bare paper between them
  (`framed.drawings_apart`): set 30's rule "else each separate drawing ... of the layout; a frame around
  all panels is no panel". A group of print alone or a straight arrow between them refuses the cut.
- A label of a glyph or two set apart from its drawing (a point's name and dot) joins the drawing
  (`orphans.join_labels`).

Every figure here is drawn here (numpy and OpenCV)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.framed import drawings_apart, shape_variants
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.orphans import join_labels

FONT = cv2.FONT_HERSHEY_SIMPLEX


def boxes(img: np.ndarray) -> list[list[int]]:
    return [b.xyxy for b in split_panels(img)]


def paper(h: int, w: int, frame: bool = True) -> np.ndarray:
    img = np.full((h, w, 3), 255, np.uint8)
    if frame:
        cv2.rectangle(img, (8, 8), (w - 9, h - 9), (0, 0, 0), 1)
    return img


def arrow(img: np.ndarray, x: int, y: int, length: int, head_only: bool = False) -> None:
    """A solid arrow pointing right, its left end at (x, y): a shaft and a notched head, one shape."""
    hx = x if head_only else x + int(length * 0.4)
    cv2.fillPoly(img, [np.array([[hx, y - 60], [x + length, y], [hx, y + 60], [hx + 40, y]], np.int32)], (0, 0, 0))
    if not head_only:
        cv2.rectangle(img, (x, y - 18), (hx + 50, y + 18), (0, 0, 0), -1)


def arrows(frame: bool = True, title: bool = False) -> np.ndarray:
    img = paper(340, 660, frame)
    for y in (90, 250):
        arrow(img, 50, y, 330)
        arrow(img, 420, y, 190, head_only=True)
    if title:
        cv2.putText(img, "Top", (560, 40), FONT, 0.6, (0, 0, 0), 1, cv2.LINE_AA)
    return img


def squares() -> np.ndarray:
    img = paper(340, 660)
    for x in (60, 380):
        for y in (30, 190):
            cv2.rectangle(img, (x, y), (x + 220, y + 120), (0, 0, 0), -1)
    return img


def routing(img: np.ndarray, x: int, y: int) -> None:
    """A stroke drawing: a vertical and a horizontal line meeting at an open circle, a dot at each end,
    a name by each dot."""
    cv2.line(img, (x + 40, y), (x + 40, y + 220), (0, 0, 0), 1)
    cv2.line(img, (x + 20, y + 200), (x + 190, y + 200), (0, 0, 0), 1)
    cv2.circle(img, (x + 40, y + 200), 6, (0, 0, 0), 1)
    cv2.circle(img, (x + 40, y + 30), 6, (0, 0, 0), -1)
    cv2.circle(img, (x + 170, y + 200), 6, (0, 0, 0), -1)
    cv2.putText(img, "zj", (x + 5, y + 15), FONT, 0.45, (0, 0, 0), 1, cv2.LINE_AA)
    cv2.putText(img, "zk", (x + 160, y + 225), FONT, 0.45, (0, 0, 0), 1, cv2.LINE_AA)


def routings(n: int, frame: bool = True) -> np.ndarray:
    img = paper(300, 30 + 230 * n, frame)
    for k in range(n):
        routing(img, 25 + 230 * k, 40)
    return img


# (figure, boxes): main cut the arrows into 4 and joined each row of routing drawings into 1
CASES = {
    "framed arrow variants: one drawing": (arrows(), [[50, 30, 611, 311]]),
    "framed arrow variants with a title: one drawing": (arrows(title=True), [[50, 27, 611, 311]]),
    "the same arrows with no frame: four": (arrows(frame=False), [[50, 30, 381, 151], [420, 30, 611, 151],
                                                                  [50, 190, 381, 311], [420, 190, 611, 311]]),
    "filled rectangles in a frame: four": (squares(), [[10, 30, 281, 151], [380, 30, 650, 151],
                                                       [10, 190, 281, 311], [380, 190, 650, 311]]),
    "three framed stroke drawings: three": (routings(3), [[31, 40, 216, 266], [261, 40, 446, 266], [491, 40, 676, 266]]),
    "two framed stroke drawings: two": (routings(2), [[31, 40, 216, 266], [261, 40, 446, 266]]),
    "the same drawings with no frame: as before, one": (routings(3, frame=False), [[31, 40, 661, 267]]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_split(name):
    img, want = CASES[name]
    assert boxes(img) == want


def test_shape_variants_refuses():
    img = arrows()
    whole = [Box(50, 30, 561, 281)]
    assert shape_variants(img, [Box(50, 30, 331, 121), Box(420, 30, 191, 121)])
    assert not shape_variants(img, whole)                                           # one piece: nothing to join
    assert not shape_variants(arrows(frame=False), [Box(50, 30, 331, 121), Box(420, 30, 191, 121)])
    assert not shape_variants(squares(), [Box(60, 30, 221, 121), Box(380, 30, 221, 121)])
    assert not shape_variants(routings(2), [Box(31, 40, 185, 226), Box(261, 40, 185, 226)])


def test_drawings_apart_refuses():
    img = routings(3)
    assert drawings_apart(img, [Box(31, 40, 630, 227)]) == [Box(31, 40, 185, 226), Box(261, 40, 185, 226),
                                                            Box(491, 40, 185, 226)]
    assert drawings_apart(img, [Box(31, 40, 185, 226), Box(261, 40, 400, 226)]) is None   # the split gave two
    assert drawings_apart(routings(3, frame=False), [Box(31, 40, 630, 227)]) is None   # no frame: not asked
    # in a frame the groups' widths are not asked (185 and 86 px)
    uneven = paper(300, 420)
    routing(uneven, 25, 40)
    cv2.line(uneven, (300, 40), (300, 260), (0, 0, 0), 1)
    cv2.line(uneven, (285, 240), (370, 240), (0, 0, 0), 1)
    cv2.circle(uneven, (300, 240), 6, (0, 0, 0), 1)
    assert len(drawings_apart(uneven, [Box(31, 40, 340, 227)])) == 2
    # a word between two drawings: a group of print alone is no drawing
    words = routings(2)
    words = np.concatenate([words[:, :240], np.full((300, 120, 3), 255, np.uint8), words[:, 240:]], axis=1)
    cv2.rectangle(words, (8, 8), (words.shape[1] - 9, 291), (0, 0, 0), 1)
    cv2.putText(words, "width", (250, 150), FONT, 0.6, (0, 0, 0), 1, cv2.LINE_AA)
    assert drawings_apart(words, [Box(31, 40, 535, 227)]) is None
    # a straight double arrow between them is no drawing either
    arrow_between = routings(2)
    arrow_between = np.concatenate([arrow_between[:, :240], np.full((300, 80, 3), 255, np.uint8),
                                    arrow_between[:, 240:]], axis=1)
    cv2.rectangle(arrow_between, (8, 8), (arrow_between.shape[1] - 9, 291), (0, 0, 0), 1)
    cv2.arrowedLine(arrow_between, (280, 60), (280, 240), (0, 0, 0), 1, tipLength=0.05)
    assert drawings_apart(arrow_between, [Box(31, 40, 495, 227)]) is None


def drawing_with_labels() -> np.ndarray:
    """A curve and a line through it (one drawing), and two points with their names off its corners."""
    img = paper(190, 280, frame=False)
    cv2.ellipse(img, (110, 90), (60, 55), 0, 0, 360, (0, 0, 0), 1, cv2.LINE_AA)
    cv2.line(img, (30, 40), (130, 165), (0, 0, 0), 1, cv2.LINE_AA)
    cv2.circle(img, (204, 135), 3, (0, 0, 0), -1)
    cv2.putText(img, "M4", (180, 150), FONT, 0.4, (0, 0, 0), 1, cv2.LINE_AA)
    cv2.circle(img, (234, 10), 3, (0, 0, 0), -1)
    cv2.putText(img, "M3", (211, 25), FONT, 0.4, (0, 0, 0), 1, cv2.LINE_AA)
    return img


def test_join_labels():
    img = drawing_with_labels()
    drawing, m4, m3 = Box(30, 35, 141, 131), Box(181, 132, 27, 19), Box(212, 7, 26, 19)
    # M4 first (10 px off), then M3 beside the joined box (41 px off the drawing alone, 13 px off the two)
    assert join_labels(img, [drawing, m4, m3]) == [Box(30, 7, 208, 159)]
    assert join_labels(img, [drawing, m4]) == [Box(30, 35, 178, 131)]
    assert join_labels(img, [drawing, m3]) == [drawing, m3]               # 41 px off: too far (reach 7 % of the side)
    assert join_labels(img, [m4, m3]) == [m4, m3]                          # labels alone: left as they are
    far = paper(190, 600, frame=False)
    far[:, :280] = img
    cv2.putText(far, "M9", (560, 100), FONT, 0.4, (0, 0, 0), 1, cv2.LINE_AA)
    assert join_labels(far, [drawing, Box(559, 90, 22, 12)]) == [drawing, Box(559, 90, 22, 12)]   # too far
    two = paper(190, 560, frame=False)
    two[:, :280] = img
    two[:, 280:] = img
    assert join_labels(two, [drawing, Box(310, 35, 141, 131)]) == [drawing, Box(310, 35, 141, 131)]  # no label
