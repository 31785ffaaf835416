"""Round 51, counts on set 33 (tuning data since its one held-out run).

`tb_fig4` / `tb_fig5`: three beamer themes, each a row of two slides with the theme's name centred
under the row (truth 3 panels; main: 5 pieces, the first two rows cut into their slides), joined a
row each (`row_names.join_named_rows`). `tb_fig3`: four slides each numbered under itself: its pieces
are left as they are. `tf_p13`: two shaded discs '+' over a third, an arrow from each down to it
(truth 3; main: 1 piece), one panel each (`linked.split_linked`). And where the steps must not
act: one row named only, names under each slide; the discs filled flat; pieces already cut."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.linked import split_linked
from derm1m_build.pmc.panels.row_names import join_named_rows

SET = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout33" / "images"


def image(name: str) -> np.ndarray:
    img = cv2.imread(str(SET / f"{name}.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


def boxes(xyxy: list[list[int]]) -> list[Box]:
    return [Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in xyxy]


# main's pieces of tb_fig4: two rows of two slides, the last row (and the second row's name) one piece
FIG4 = boxes([[5, 5, 405, 305], [426, 5, 825, 305], [5, 341, 405, 641], [426, 341, 825, 641], [5, 651, 825, 1004]])
ANNARBOR = (316, 333, 364, 467)   # rows, columns of the first row's name
BERKELEY = (651, 673, 350, 480)   # ... the second row's, at the top of the last piece


def test_rows_named_under_them_are_one_panel_each():
    assert split_panels(image("tb_fig4")) == boxes([[5, 5, 825, 333], [5, 341, 825, 673], [6, 677, 824, 1004]])
    assert split_panels(image("tb_fig5")) == boxes([[5, 5, 824, 337], [5, 340, 824, 668], [6, 676, 824, 1009]])


def test_a_number_under_each_slide_leaves_the_slides_apart():
    img = image("tb_fig3")
    out = split_panels(img)
    assert len(out) == 4
    assert join_named_rows(img, out) is out


def test_one_named_row_is_not_enough():
    img = image("tb_fig4").copy()
    y0, y1, x0, x1 = BERKELEY
    img[y0:y1, x0:x1] = 255
    assert join_named_rows(img, FIG4) is FIG4
    assert len(join_named_rows(image("tb_fig4"), FIG4)) == 3


def test_a_name_under_one_slide_is_no_row_name():
    img = image("tb_fig4").copy()
    for y0, y1, x0, x1 in (ANNARBOR, BERKELEY):
        name = img[y0:y1, x0:x1].copy()
        img[y0:y1, x0:x1] = 255
        img[y0:y1, 150:150 + x1 - x0] = name   # the same line, centred under the left slide
    assert join_named_rows(img, FIG4) is FIG4


def test_pictures_linked_by_arrows_are_one_panel_each():
    assert split_panels(image("tf_p13")) == boxes([[6, 5, 120, 120], [176, 6, 290, 120], [91, 153, 205, 267]])


def test_flat_shapes_linked_by_arrows_stay_one_drawing():
    img = image("tf_p13")
    whole = [Box(0, 0, img.shape[1], img.shape[0])]
    assert len(split_linked(img, whole)) == 3
    flat = img.copy()
    flat[img.min(axis=2) < 245] = (200, 120, 60)   # every mark one colour: a drawing's solid shapes
    assert split_linked(flat, whole) is whole
    two = [Box(0, 0, 148, img.shape[0]), Box(148, 0, img.shape[1] - 148, img.shape[0])]
    assert split_linked(img, two) is two
