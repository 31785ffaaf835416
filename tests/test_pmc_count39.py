"""Splitter round 39 (counts): a single plot's parts that the gutter cut leaves apart joined again.

- A legend's box (a flat rectangle round a few swatches and their names) set beside its plot with
  paper between is that plot's colour key (`orphans._key_frame`): the plot and its key stay whole.
- A plot whose points fall in columns, cut into a strip per column over one ticked x axis running
  under them all, is one plot (`shared_axis.join_on_axis`); plots each with an axis of their own
  stay apart.

Figures are composed here with OpenCV; none is a benchmark figure.
"""

from __future__ import annotations

import cv2
import numpy as np

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.orphans import _print_only, join_print
from derm1m_build.pmc.panels.shared_axis import join_on_axis

FONT = cv2.FONT_HERSHEY_SIMPLEX


def xy(boxes: list[Box]) -> list[tuple[int, int, int, int]]:
    return [(b.x, b.y, b.x + b.w, b.y + b.h) for b in boxes]


def legend(img: np.ndarray, x: int, y: int) -> None:
    """A framed key: three coloured swatches and their names, 200 x 80 px."""
    cv2.rectangle(img, (x, y), (x + 200, y + 80), (0, 0, 0), 1)
    for i, (name, colour) in enumerate((("Control", (0, 255, 255)), ("Treated", (0, 165, 255)),
                                        ("Recurrent", (255, 160, 80)))):
        yy = y + 10 + 22 * i
        cv2.rectangle(img, (x + 12, yy), (x + 24, yy + 12), colour, -1)
        cv2.rectangle(img, (x + 12, yy), (x + 24, yy + 12), (0, 0, 0), 1)
        cv2.putText(img, name, (x + 36, yy + 12), FONT, 0.5, (0, 0, 0), 1)


def box_plot(img: np.ndarray, x0: int, y0: int, w: int, h: int) -> None:
    """A framed plot with ticks on its left and bottom sides and filled boxes inside."""
    cv2.rectangle(img, (x0, y0), (x0 + w, y0 + h), (0, 0, 0), 1)
    for t in range(y0 + 20, y0 + h, 40):
        cv2.line(img, (x0 - 6, t), (x0, t), (0, 0, 0), 1)
    for i, t in enumerate(range(x0 + 40, x0 + w - 20, 60)):
        cv2.line(img, (t, y0 + h), (t, y0 + h + 6), (0, 0, 0), 1)
        top = y0 + 60 + 37 * (i % 4)
        cv2.rectangle(img, (t - 15, top), (t + 15, top + 120), (0, 165, 255) if i % 2 else (0, 255, 255), -1)
        cv2.rectangle(img, (t - 15, top), (t + 15, top + 120), (0, 0, 0), 1)


def keyed_plot() -> np.ndarray:
    """A box plot (300 x 340 px frame) with its framed colour key 40 px left of the frame."""
    img = np.full((420, 580, 3), 255, np.uint8)
    box_plot(img, 260, 30, 300, 340)
    legend(img, 20, 150)
    return img


def test_a_legend_box_is_print():
    img = keyed_plot()
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    # the piece the cut gives (its frame's top line just outside it) and the whole frame
    assert _print_only(grey, Box(20, 151, 201, 79), 1, 580) is True       # main: False (its frame is long marks)
    assert _print_only(grey, Box(20, 150, 201, 81), 1, 580) is True
    assert _print_only(grey, Box(254, 30, 307, 347), 1, 580) is False     # the plot: boxes and a frame


def test_a_square_frame_of_dots_is_no_legend():
    """A small framed scatter plot (its frame as tall as wide) is a picture, not a key."""
    img = np.full((300, 300, 3), 255, np.uint8)
    cv2.rectangle(img, (20, 20), (100, 100), (0, 0, 0), 1)
    for i in range(12):
        cv2.circle(img, (30 + 6 * i, 90 - 5 * i), 2, (0, 0, 0), -1)
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    assert _print_only(grey, Box(15, 15, 90, 90), 1, 300) is False


def test_a_plot_and_its_colour_key_beside_it_stay_whole():
    img = keyed_plot()
    assert xy(join_print(img, [Box(20, 151, 201, 79), Box(254, 30, 307, 347)])) == [(20, 30, 561, 377)]
    assert xy(split_panels(img)) == [(20, 30, 561, 377)]                 # main: 2 (key and plot)


def columns_chart(axis_under_all: bool) -> np.ndarray:
    """Points in six columns with paper between them, over one ticked x axis running under all six
    (or, when not `axis_under_all`, two plots of three columns, each over its own axis, 60 px apart)."""
    img = np.full((420, 660, 3), 255, np.uint8)
    xs = [80, 170, 260, 400, 490, 580] if not axis_under_all else [80, 170, 260, 350, 440, 530]
    for i, x in enumerate(xs):
        for k, y in enumerate(range(60 + 25 * (i % 3), 281, 7)):
            cv2.circle(img, (x + (6 if k % 2 else -6), y), 4, (0, 0, 0), 1)
    spans = [(60, 600)] if axis_under_all else [(60, 290), (380, 610)]
    for a, b in spans:
        cv2.line(img, (a, 312), (b, 312), (0, 0, 0), 2)
        for k, t in enumerate(range(a, b + 1, 45)):
            cv2.line(img, (t, 313), (t, 321), (0, 0, 0), 2)
            cv2.putText(img, str(5 * k), (t - 8, 344), FONT, 0.5, (0, 0, 0), 1)
        cv2.putText(img, "Patient", ((a + b) // 2 - 30, 380), FONT, 0.6, (0, 0, 0), 1)
    return img


def test_columns_of_points_over_one_axis_are_one_plot():
    img = columns_chart(True)
    cols = [Box(x - 16, 40, 32, 245) for x in (80, 170, 260, 350, 440, 530)]
    axis = Box(56, 308, 548, 95)
    assert xy(join_on_axis(img, cols, cols + [axis])) == [(56, 40, 604, 403)]
    assert xy(split_panels(img)) == [(54, 57, 612, 381)]                 # main: 3 strips


def test_plots_with_an_axis_each_stay_apart():
    img = columns_chart(False)
    cols = [Box(x - 16, 40, 32, 245) for x in (80, 170, 260, 400, 490, 580)]
    axis = Box(56, 308, 558, 95)          # both axes in one strip: no one line runs under all six
    assert join_on_axis(img, cols, cols + [axis]) == cols
    assert len(split_panels(img)) == 2
