"""Round 59 counts, on real figures of set 41 (tuning data since its one held-out run): a grid of titled aperture
masks keeps its 24 cells (the tile joins fused them row by row into 3 pieces), and three windows of one plotting
program in a row are three panels, not the nine parts the white canvas let the gutter split cut them into."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.titled_tiles import _rows, titled_cells
from derm1m_build.pmc.panels.window_columns import _columns, join_window_columns

SET41 = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout41" / "images"


def _read(name: str) -> np.ndarray:
    return cv2.imread(str(SET41 / name), cv2.IMREAD_COLOR)


def test_a_grid_of_titled_masks_is_24_panels():
    img = _read("el_apert.png")
    assert img.shape == (1000, 1200, 3)
    # the gutter split's 24 cells (its `_panel_trees`), which the tile joins fused into the three rows below
    cells = [Box(x, y, w, h) for x, w in ((28, 171), (236, 158), (431, 158), (625, 159), (820, 157), (1015, 157))
             for y, h in ((40, 179), (281, 178), (523, 177), (765, 192))]
    rows = [Box(28, 40, 1144, 419), Box(28, 523, 1144, 177), Box(28, 765, 1144, 192)]   # split_panels' answer before
    assert titled_cells(img, rows, cells) == cells
    assert _rows(cells) is not None


def test_three_windows_in_a_row_are_three_panels():
    img = _read("hd_phase.png")
    assert split_panels(img) == [Box(0, 1, 362, 531), Box(411, 1, 366, 531), Box(825, 1, 362, 531)]   # 9 before


def test_untitled_cells_and_no_grid_stand():
    img = np.full((200, 200, 3), 255, np.uint8)
    img[10:90, 10:90] = 60   # flat tiles with no title line over them
    img[10:90, 110:190] = 60
    img[110:190, 10:90] = 60
    img[110:190, 110:190] = 60
    cells = [Box(10, 10, 80, 80), Box(110, 10, 80, 80), Box(10, 110, 80, 80), Box(110, 110, 80, 80)]
    joined = [Box(10, 10, 180, 80), Box(10, 110, 180, 80)]
    assert titled_cells(img, joined, cells) == joined
    img[12:18, 30:70] = 0    # a title line over each cell, then paper, then the tile
    img[112:118, 30:70] = 0
    img[12:18, 130:170] = 0
    img[112:118, 130:170] = 0
    img[10:22, 10:90] = np.where(img[10:22, 10:90] == 0, 0, 255)
    img[110:122, 10:90] = np.where(img[110:122, 10:90] == 0, 0, 255)
    img[10:22, 110:190] = np.where(img[10:22, 110:190] == 0, 0, 255)
    img[110:122, 110:190] = np.where(img[110:122, 110:190] == 0, 0, 255)
    assert titled_cells(img, joined, cells) == cells
    assert _rows(cells[:3]) is None   # rows of unequal length: no full grid


def test_columns_and_a_column_with_no_window_bars():
    a, b, c = Box(0, 0, 100, 50), Box(5, 60, 90, 50), Box(200, 0, 100, 110)
    assert _columns([a, b, c]) == [[a, b], [c]]
    assert _columns([a, b, c, Box(40, 120, 220, 20)]) == []   # a piece under two columns
    img = np.full((120, 320, 3), 255, np.uint8)
    img[0:50, 0:100] = 40
    img[60:110, 5:95] = 40
    assert join_window_columns(img, [a, b, c]) == [a, b, c]


def test_a_corner_plot_of_spaced_cells_is_its_six_plots():
    img = _read("ju_corner.png")
    out = split_panels(img)   # one box before: its cells joined as one corner plot
    assert out == [Box(87, 17, 202, 194), Box(17, 249, 272, 210), Box(314, 249, 202, 193),
                   Box(17, 480, 272, 257), Box(309, 480, 207, 259), Box(540, 480, 204, 257)]


def test_a_dashed_rule_between_two_blocks_is_no_panels_ink():
    img = cv2.imread(str(SET41.parents[1] / "heldout40" / "images" / "re_teaser.png"), cv2.IMREAD_COLOR)
    out = split_panels(img)   # 4 before: the rule's column of pieces fused, then nested
    assert len(out) == 12
    assert out[2] == Box(614, 13, 289, 198) and out[6] == Box(614, 215, 289, 173)


def test_dashed_rules_found_and_cut():
    from derm1m_build.pmc.panels.dashed_rules import _rules, cut_dashed_rules
    img = np.full((200, 200, 3), 255, np.uint8)
    img[10:190, 10:90] = 60
    img[10:190, 110:190] = 60
    for y in range(0, 200, 10):
        img[y:y + 5, 99:101] = 120   # a rule of 20 dashes in the gutter
    ink = img.min(axis=2) < 200
    assert _rules(ink) == [(99, 101)] and _rules(ink.T) == []
    pieces = [Box(10, 10, 80, 180), Box(99, 0, 91, 200)]
    assert cut_dashed_rules(img, pieces) == [Box(10, 10, 80, 180), Box(110, 10, 80, 180)]
    img[:, 99:101] = 120   # a solid line is no dashed rule
    assert cut_dashed_rules(img, pieces) is pieces


def test_drawings_on_grey_cards_are_no_windows():
    img = _read("pf_coords.png")   # six drawings on light grey cards: each card's face starts and ends flat grey
    cards = [Box(8, 18, 344, 429), Box(423, 18, 362, 429), Box(833, 18, 364, 429),
             Box(15, 495, 347, 429), Box(421, 495, 341, 429), Box(836, 495, 338, 429)]
    assert join_window_columns(img, cards) == cards   # the middle column was joined once


def test_one_window_alone_is_left_to_the_whole_window_rules():
    img = cv2.imread(str(SET41.parents[1] / "heldout39" / "images" / "pv_glue.png"), cv2.IMREAD_COLOR)
    assert split_panels(img) == [Box(0, 0, 673, 448)]   # the whole screenshot, not its top 372 rows
