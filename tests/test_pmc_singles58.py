"""Round 58, over-splits, on real figures of sets 37-39 (tuning data since their one held-out run):
- `lh_main` (set 38) and `pv_glue` (set 39): one program window under its title bar, cut off at the
  bottom (no status bar), cut into 4 and 2 pieces on main; one screenshot now (`title_window`). A
  matplotlib window with two plots on its white face (`pv_gui`, truth 2) stays two: paper rows run
  across it under the bar.
- `cz_scene` (set 39): one slide scan, three sections on a staircase of grey tiles, cut in two on
  main; one picture now (`tiled_scan`), not where the tiles are painted paper.
- `ex_maps` (set 39): two EDS maps, the left cut in two along one of its own cell lines (3 pieces on
  main); two now (`cell_seams`), not where the map's cells are smoothed away.
- `vp_fill` (set 37): two binary coin masks, the left in five pieces on its black field (6 on main);
  two now (`binary_fields`), not where the right mask's field is made as tall as the left's, nor
  micrographs stacked over a white gutter (set 28's `psr_t32`).
Photographs reaching the top edge (set 6) and panels on a grey ground (set 11) have no title bar."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.binary_fields import join_binary_fields
from derm1m_build.pmc.panels.cell_seams import join_cell_seams
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.tiled_scan import one_tiled_scan
from derm1m_build.pmc.panels.title_window import titled_window

PMC = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc"


def image(set_no: int, name: str) -> np.ndarray:
    img = cv2.imread(str(PMC / f"heldout{set_no}" / "images" / f"{name}.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


def test_program_windows_under_their_title_bar_are_one_screenshot():
    assert split_panels(image(38, "lh_main")) == [Box(0, 0, 1200, 650)]
    assert split_panels(image(39, "pv_glue")) == [Box(0, 0, 673, 448)]


def test_a_window_with_paper_rows_under_its_bar_is_not_taken():
    assert not titled_window(image(39, "pv_gui"), [Box(3, 162, 604, 582), Box(611, 158, 531, 574)])
    img = image(38, "lh_main")
    img[300:304] = 255   # a page's gutter across the figure: screenshots stacked
    assert not titled_window(img, [Box(0, 0, 600, 300), Box(0, 304, 600, 300)])


def test_photographs_to_the_top_edge_and_grey_grounds_have_no_title_bar():
    # set 6: photographs of skin reaching the top edge; set 11: panels composed on a grey ground
    for set_no, name in ((6, "composed_008"), (11, "composed_030")):
        img = cv2.imread(str(PMC / f"heldout{set_no}" / "images" / f"{name}.jpg"), cv2.IMREAD_COLOR)
        assert not titled_window(img, [Box(0, 0, 10, 10), Box(20, 20, 10, 10)])


def test_sections_on_one_tile_lattice_are_one_scan():
    img = image(39, "cz_scene")
    assert split_panels(img) == [Box(2, 18, 524, 538)]
    pieces = [Box(2, 18, 350, 495), Box(367, 124, 159, 432)]   # main's two pieces
    assert one_tiled_scan(img, pieces) == [Box(2, 18, 524, 538)]
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    img[np.abs(grey.astype(np.int16) - 212) <= 8] = 254   # the tiles painted paper: sections on white
    assert one_tiled_scan(img, pieces) == pieces


def test_a_map_cut_along_its_own_cell_line_is_one_map():
    img = image(39, "ex_maps")
    assert split_panels(img) == [Box(36, 59, 225, 229), Box(310, 6, 312, 288)]
    pieces = [Box(36, 59, 105, 229), Box(141, 64, 120, 224), Box(310, 6, 312, 288)]   # main's three
    assert join_cell_seams(img, pieces) == [Box(310, 6, 312, 288), Box(36, 59, 225, 229)]
    img[59:288, 36:261] = cv2.GaussianBlur(img[59:288, 36:261], (9, 9), 0)   # cells smoothed: no cell lines
    assert join_cell_seams(img, pieces) == pieces


def test_binary_masks_are_parted_by_their_fields():
    img = image(37, "vp_fill")
    assert split_panels(img) == [Box(0, 0, 600, 454), Box(600, 115, 600, 214)]
    pieces = [Box(1, 1, 169, 83), Box(193, 6, 319, 104), Box(8, 111, 169, 198), Box(195, 240, 312, 92),
              Box(215, 125, 360, 90), Box(600, 115, 600, 214)]   # main's six
    assert join_binary_fields(img, pieces) == [Box(0, 0, 600, 454), Box(600, 115, 600, 214)]
    img[:, 600:][img[:, 600:].max(axis=2) > 200] = 0   # the right mask's field made full height: one field
    assert join_binary_fields(img, pieces) == pieces


def test_micrographs_stacked_over_a_white_gutter_are_no_field():
    # set 28: fluorescence micrographs, three over two, titled on the white between the rows
    img = image(28, "psr_t32")
    pieces = [Box(6, 6, 296, 314), Box(400, 6, 296, 314), Box(794, 6, 296, 314), Box(6, 363, 296, 313),
              Box(400, 363, 296, 313)]
    assert join_binary_fields(img, pieces) == pieces
