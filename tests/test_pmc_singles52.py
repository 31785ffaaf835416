"""Round 52, over-splits on figure sets 36 and 37 (tuning data since their one held-out run).

Singles: `gp_volcano` (a ggplot2 volcano plot cut across an empty stretch of its grey plotting
area: `tint_gaps`), `gt_iris` (a box plot whose category labels are photographs under its ticks:
`tick_pictures`), `ms_grouping` (a 3-D editor's outliner, rows of icons on its grey theme:
`ui_ground`), `cr_autopilot` (a desktop of overlapping windows, cut down a window's frame that
stops over a map: `through_seam`). Compound: `gp_marker` (six ggplot2 facets, 13 pieces on main:
`tint_gaps`), `gh_calling` (two LaTeX subfigures named "(a) ..." and "(b) ..." flush left under
them, four pieces on main: `caption_columns`). And where each step must not act."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.caption_columns import join_over_captions
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.through_seam import join_through_seams
from derm1m_build.pmc.panels.tick_pictures import join_tick_pictures
from derm1m_build.pmc.panels.tint_gaps import join_tint_gaps
from derm1m_build.pmc.panels.ui_ground import one_program_panel
from derm1m_build.pmc.panels.xycut import reading_order

PMC = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc"


def image(folder: str, name: str) -> np.ndarray:
    img = cv2.imread(str(PMC / folder / "images" / f"{name}.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


def boxes(xyxy: list[list[int]]) -> list[Box]:
    return [Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in xyxy]


def test_a_plotting_area_cut_across_its_empty_grey_is_one_plot():
    img = image("heldout36", "gp_volcano")
    main = boxes([[7, 7, 655, 257], [7, 261, 627, 470]])   # main's pieces: cut under the highest points
    assert join_tint_gaps(img, main) == boxes([[7, 7, 655, 470]])
    flat = img.copy()
    flat[257:261, 7:627] = 255   # a line of paper across the gap: a real gutter
    assert join_tint_gaps(flat, main) is main


def test_six_facets_cut_at_their_empty_grey_are_six_panels():
    main = boxes([[7, 106, 225, 226], [247, 110, 322, 147], [247, 162, 322, 226], [327, 188, 381, 226],
                  [387, 192, 440, 226], [457, 111, 538, 184], [457, 185, 538, 226], [543, 196, 597, 226],
                  [602, 197, 656, 226], [7, 245, 225, 294], [26, 310, 225, 453], [241, 301, 440, 473],
                  [457, 302, 656, 453]])   # main's 13 pieces
    assert reading_order(join_tint_gaps(image("heldout36", "gp_marker"), main)) == boxes([
        [7, 106, 225, 226], [247, 110, 440, 226], [457, 111, 656, 226],
        [7, 245, 225, 453], [241, 301, 440, 473], [457, 302, 656, 453]])


def test_facets_parted_by_paper_stay_apart():
    img = image("heldout36", "gp_coef")
    main = boxes([[0, 18, 219, 228], [240, 18, 459, 228], [480, 18, 695, 228], [720, 18, 935, 228],
                  [0, 258, 215, 468], [240, 258, 455, 468]])
    assert join_tint_gaps(img, main) is main


IRIS = boxes([[7, 5, 664, 276], [96, 279, 230, 470], [289, 279, 423, 393], [482, 279, 616, 389]])


def test_photographs_under_a_plots_ticks_are_its_labels():
    img = image("heldout36", "gt_iris")
    assert join_tick_pictures(img, IRIS) == boxes([[7, 5, 664, 470]])
    bare = img.copy()
    bare[270:276, 48:664] = 255   # no tick marks over the photographs
    assert join_tick_pictures(bare, IRIS) is IRIS


def test_an_outliner_on_its_grey_theme_is_one_screenshot():
    img = image("heldout37", "ms_grouping")
    pieces = boxes([[3, 1, 357, 39], [23, 47, 341, 78], [23, 85, 180, 158], [188, 87, 341, 158],
                    [23, 165, 341, 198], [23, 205, 57, 278], [61, 207, 98, 278], [100, 207, 139, 278],
                    [146, 205, 181, 277], [191, 206, 341, 278], [43, 284, 101, 338], [103, 287, 135, 338],
                    [137, 287, 172, 338], [179, 284, 208, 338], [289, 287, 341, 338], [23, 345, 341, 378]])
    assert one_program_panel(img, pieces) == boxes([[3, 1, 357, 378]])   # main's 16 pieces: one screenshot
    shot = img.copy()
    shot[90:150, 200:330] = (np.arange(130)[None, :, None] * 2).astype(np.uint8)   # a filled picture in a piece
    assert one_program_panel(shot, pieces) is pieces


def test_parts_over_one_flush_left_sub_caption_are_one_panel():
    img = image("heldout36", "gh_calling")
    assert split_panels(img) == boxes([[6, 6, 380, 255], [427, 64, 670, 255]])
    main = boxes([[21, 6, 373, 85], [21, 91, 368, 133], [6, 146, 380, 255], [427, 64, 670, 255]])
    one = img.copy()
    one[238:258, 420:676] = 255   # "(b) 2-state HMM" gone: one line names no columns
    assert join_over_captions(one, main) is main


def test_a_window_frame_stopping_over_a_map_is_no_seam():
    img = image("heldout37", "cr_autopilot")
    main = boxes([[0, 0, 444, 305], [0, 310, 444, 959], [443, 0, 1200, 960]])
    assert join_through_seams(img, main) == boxes([[0, 0, 1200, 960]])
    grey = img.copy()
    grey[:, 443:447] = 128   # the frame no saturated colour: an edge between two pictures
    assert join_through_seams(grey, main) is main
