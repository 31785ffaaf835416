"""Splitter round 38 (counts): round 37's joins narrowed where they merged two true panels.

- Print joins only the piece nearest to it: a panel's upper part cut from its lower part and
  lying beside the next panel is no label of that panel (a smaller piece nearer stands between).
- One stroke joins only neighbouring pieces (no third piece in the gutter between them): plots in a
  row whose frames touch are not joined end to end through the middle one.
- A straight line (an arrow drawn beside a column of panels to name them together) is no stroke of
  one drawing.

Figures are composed here with OpenCV; none is a benchmark figure.
"""

from __future__ import annotations

import cv2
import numpy as np

from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.orphans import _print_only, join_orphans, join_print, join_strokes


def print_page(small_gap: int) -> tuple[np.ndarray, Box, Box, Box]:
    """A large dark picture Q on the left, a piece of print P right of it (30 px away) and a small
    dark picture S under P, `small_gap` px below it."""
    img = np.full((600, 600, 3), 255, np.uint8)
    img[10:310, 10:210] = 90                                   # Q: a photograph
    cv2.putText(img, "dose 12", (245, 40), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1)
    cv2.putText(img, "n = 4", (245, 62), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1)
    y = 70 + small_gap
    img[y:y + 100, 240:360] = 90                               # S: a small photograph
    return img, Box(10, 10, 200, 300), Box(240, 10, 120, 60), Box(240, y, 120, 100)


def test_print_beside_a_nearer_small_piece_stays_where_it_is():
    img, q, p, s = print_page(20)
    side = 600
    assert _print_only(img[:, :, 0].copy(), p, 1, side) is True
    assert _print_only(img[:, :, 0].copy(), s, 1, side) is False
    # S (120 x 100) is 20 px under P, Q 30 px left of it: S is nearest but too small to own P
    assert join_print(img, [q, p, s]) == [q, p, s]          # main: [Box(10, 10, 350, 300), s]
    assert join_orphans(img, [q, p, s]) == [q, p, s]


def test_print_joins_the_large_picture_when_it_is_the_nearest():
    img, q, p, s = print_page(40)                           # S 40 px under P, Q 30 px left: Q nearest
    assert join_print(img, [q, p, s]) == [Box(10, 10, 350, 300), s]


def row_page() -> tuple[np.ndarray, list[Box]]:
    """Three framed plots in a row whose frames touch, one curve drawn from the first plot through
    the second into the third."""
    img = np.full((200, 620, 3), 255, np.uint8)
    for x0 in (10, 210, 410):
        cv2.rectangle(img, (x0, 20), (x0 + 199, 180), (0, 0, 0), 1)
    pts = np.array([[30 + 10 * i, 100 + int(40 * np.sin(i / 4))] for i in range(56)], np.int32)
    cv2.polylines(img, [pts], False, (0, 0, 0), 1)            # x 30 .. 580: inside all three frames
    return img, [Box(10, 20, 200, 161), Box(210, 20, 200, 161), Box(410, 20, 200, 161)]


def test_a_stroke_joins_no_pieces_with_a_third_between_them():
    img, pieces = row_page()
    assert join_strokes(img, pieces) == pieces              # main: [Box(10, 20, 600, 161), pieces[1]]
    # the same two outer pieces with nothing between them are joined by the stroke across the paper
    img[21:180, 211:409] = 255
    cv2.polylines(img, [np.array([[30 + 10 * i, 100 + int(40 * np.sin(i / 4))] for i in range(56)], np.int32)],
                  False, (0, 0, 0), 1)
    a, c = pieces[0], pieces[2]
    assert join_strokes(img, [a, c]) == [Box(10, 20, 600, 161)]


def column_page(arrow: bool) -> tuple[np.ndarray, Box, Box]:
    """Two photographs one over the other on paper, with a labelled double arrow left of them
    spanning both (it names the column) when `arrow`."""
    img = np.full((400, 300, 3), 255, np.uint8)
    img[20:190, 60:280] = 80
    img[200:380, 60:280] = 120
    if arrow:
        cv2.arrowedLine(img, (30, 200), (30, 25), (0, 0, 0), 2, tipLength=0.05)
        cv2.arrowedLine(img, (30, 200), (30, 375), (0, 0, 0), 2, tipLength=0.05)
    return img, Box(20, 20, 260, 170), Box(20, 200, 260, 180)


def test_a_straight_arrow_beside_a_column_joins_no_panels():
    img, a, b = column_page(arrow=True)
    assert join_strokes(img, [a, b]) == [a, b]              # main: [Box(20, 20, 260, 360)]
    img, a, b = column_page(arrow=False)
    assert join_strokes(img, [a, b]) == [a, b]


def test_pieces_with_no_larger_neighbour_are_returned_unread():
    img = np.full((300, 600, 3), 255, np.uint8)
    img[10:290, 10:290] = 90
    img[10:290, 310:590] = 90
    pieces = [Box(10, 10, 280, 280), Box(310, 10, 280, 280)]
    assert join_print(img, pieces) is pieces
    assert join_orphans(img, pieces) is pieces
