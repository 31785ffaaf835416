"""Round 48, singles: what makes one image one image.

Real tuning images, exact decisions (main cut each):
- set 33's `us_p3`, a university crest over its name line, cut down a word space of the line
  (`emblem.join_name_line`; main: 2 pieces), and set 10's `tex_upmethodology_..._p31_0`, a penguin over
  a two-line name cut between its words (main: 4 pieces);
- set 33's `cw_p4`, a web dialog whose two buttons on its grey footer bar were cut off
  (`screens.bar_buttons`; main: 3 pieces);
- set 33's `fa_p23`, a photograph of book spines cut down the dark gap between two spines, where the
  grey backdrop runs on across the cut's top end (`ground._backdrop_across`; main: 2 pieces);
- set 34's `em_screen`, a dark-theme viewer: two docks of controls beside the image they serve
  (`screens.dark_docks`; main: 5 pieces);
- set 23's `dsq_fig16`, a clustered heat map whose top dendrogram's stems stop over its columns
  (`stems.join_stems`; its colour key then nests; main: 3 pieces);
- set 12's `gromacs_fig5_6_p374`, a dashed circle cut where its dashes pause (`dashes.join_dashes`;
  main: 2 pieces).
And where each rule must not join (main's pieces, the image changed where the rule reads)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.dashes import join_dashes
from derm1m_build.pmc.panels.emblem import join_name_line
from derm1m_build.pmc.panels.ground import _backdrop_across, join_ground
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.screens import bar_buttons, dark_docks
from derm1m_build.pmc.panels.stems import join_stems

SETS = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc"


def image(name: str) -> np.ndarray:
    img = cv2.imread(str(SETS / name), cv2.IMREAD_COLOR)
    assert img is not None, name
    return img


def pieces(*xyxy) -> list[Box]:
    return [Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in xyxy]


def boxes(img: np.ndarray) -> list[list[int]]:
    return [b.xyxy for b in split_panels(img)]


def xy(out: list[Box]) -> list[list[int]]:
    return [b.xyxy for b in out]


@pytest.fixture(scope="module")
def crest():
    return image("heldout33/images/us_p3.png")


@pytest.fixture(scope="module")
def dialog():
    return image("heldout33/images/cw_p4.png")


@pytest.fixture(scope="module")
def books():
    return image("heldout33/images/fa_p23.png")


@pytest.fixture(scope="module")
def viewer():
    return image("heldout34/images/em_screen.png")


@pytest.fixture(scope="module")
def heat():
    return image("heldout23/images/dsq_fig16.png")


MAIN_CREST = pieces([0, 233, 192, 262], [200, 1, 565, 262])
MAIN_DIALOG = pieces([4, 7, 630, 188], [509, 219, 567, 245], [570, 219, 629, 245])
MAIN_BOOKS = pieces([0, 0, 354, 647], [353, 0, 958, 647])
MAIN_VIEWER = pieces([5, 5, 157, 727], [231, 20, 989, 745], [1001, 5, 1194, 535], [1003, 571, 1192, 642],
                     [1001, 653, 1192, 745])
MAIN_HEAT = pieces([21, 6, 149, 143], [178, 11, 390, 161], [6, 166, 577, 582])
MAIN_CIRCLE = pieces([267, 5, 421, 60], [8, 65, 457, 365])


def test_emblems_over_their_name_kept_whole(crest):
    assert boxes(crest) == [[0, 1, 565, 262]]
    assert boxes(image("heldout10/images/tex_upmethodology_upmethodology_doc_p31_0.png")) == [[10, 21, 350, 244]]


def test_name_line_refused_under_two_pictures_or_off_centre(crest):
    # the crest's piece taken as two pictures side by side over the line: a shared line, not a name
    two = pieces([0, 233, 192, 262], [200, 1, 380, 262], [385, 1, 565, 262])
    assert join_name_line(crest, two) == two
    # the crest moved to the figure's right end: the line is not centred on it
    moved = np.full_like(crest, 255)
    moved[:236, 300:] = crest[:236, 150:415]
    moved[236:] = crest[236:]
    assert join_name_line(moved, MAIN_CREST) == MAIN_CREST


def test_dialog_buttons_join_their_window(dialog):
    assert boxes(dialog) == [[4, 7, 630, 245]]
    assert xy(bar_buttons(dialog, MAIN_DIALOG)) == [[4, 7, 630, 245]]


def test_buttons_on_paper_are_not_a_bar(dialog):
    white = dialog.copy()
    face = (np.abs(white.astype(np.int16) - 240).max(axis=2) <= 3)
    white[face] = 255   # the footer painted the window's white: no bar of its own tone
    assert bar_buttons(white, MAIN_DIALOG) == MAIN_DIALOG


def test_photograph_across_a_dark_gap_kept_whole(books):
    assert boxes(books) == [[0, 0, 958, 647]]
    seam = np.ascontiguousarray(books.transpose(1, 0, 2))
    assert _backdrop_across(seam, 353, 0, 647)


def test_backdrop_refused_grained_or_black(books):
    rng = np.random.default_rng(0)
    grained = books.copy()
    grained[:30] = np.clip(grained[:30].astype(np.int16) + rng.integers(-6, 7, grained[:30].shape), 0, 255)
    assert join_ground(grained, MAIN_BOOKS) == MAIN_BOOKS
    black = books.copy()
    black[:30][(black[:30] == 127).all(axis=2)] = 10
    assert join_ground(black, MAIN_BOOKS) == MAIN_BOOKS


def test_dark_viewer_kept_whole(viewer):
    assert boxes(viewer) == [[5, 5, 1194, 745]]
    assert dark_docks(viewer, MAIN_VIEWER)


def test_photographs_on_a_dark_page_are_no_docks():
    # set 11's composed grid: photographs on a flat 50-grey page hold none of the page's tone
    grid = image("heldout11/images/composed_005.jpg")
    got = split_panels(grid)
    assert len(got) >= 2 and not dark_docks(grid, got)


def test_viewer_refused_without_its_view(viewer):
    # the viewer's image taken away (its box the face's tone): docks with no view they serve
    blank = viewer.copy()
    blank[20:745, 231:989] = viewer[0, 0]
    assert not dark_docks(blank, MAIN_VIEWER)


def test_tree_stems_join_their_heat_map(heat):
    assert boxes(heat) == [[6, 6, 577, 582]]
    assert xy(join_stems(heat, MAIN_HEAT)) == [[21, 6, 149, 143], [6, 11, 577, 582]]


def test_stems_refused_as_dots_or_off_the_cells(heat):
    dotted = heat.copy()
    dotted[157:161:2] = 255   # the stems' feet broken into dots
    assert join_stems(dotted, MAIN_HEAT) == MAIN_HEAT
    bare = heat.copy()
    bare[166:171, 150:420] = 255   # no cells right under the stems' feet
    assert join_stems(bare, MAIN_HEAT) == MAIN_HEAT


def test_dashed_circle_kept_whole():
    circle = image("heldout12/images/gromacs_fig5_6_p374.png")
    assert boxes(circle) == [[8, 5, 457, 365]]
    assert xy(join_dashes(circle, MAIN_CIRCLE)) == [[8, 5, 457, 365]]
    ruled = circle.copy()
    ruled[59, 250:440] = 0   # a rule along the gutter's side: a panel's frame, not a dash
    assert join_dashes(ruled, MAIN_CIRCLE) == MAIN_CIRCLE


def test_axis_ticks_are_no_stems():
    # set 2's `he2025pasa_fig3`, two plots stacked: the upper one's x-axis ticks hang over the lower
    # one's frame, evenly spaced, but a few rows from their axis line (main's two pieces stay)
    plots = image("heldout2/images/he2025pasa_fig3.png")
    two = pieces([49, 22, 627, 294], [49, 302, 627, 622])
    assert join_stems(plots, two) == two


def test_two_heat_maps_each_with_its_tree():
    # set 23's `dsq_fig15`: two clustered heat maps side by side (main: 6 pieces, each tree and key apart)
    assert boxes(image("heldout23/images/dsq_fig15.png")) == [[5, 5, 477, 577], [489, 5, 961, 577]]


def test_name_line_refused_over_rows_of_panels():
    # set 3's `stringer2021cellpose_fig1`: rows of cell pictures and labels over the lower panels are
    # no name line (the picture side is two bands, not one emblem)
    fig = image("heldout3/images/stringer2021cellpose_fig1.png")
    two = pieces([124, 1, 766, 204], [124, 221, 767, 665])
    assert join_name_line(fig, two) == two


def test_overlapping_seam_of_two_photographs_stays_cut():
    # set 7's `composed_021`, six photographs edge to edge, pieces overlapping by a line: only the flat
    # backdrop test reads such a seam, and two photographs have none
    grid = image("heldout7/images/composed_021.jpg")
    six = pieces([0, 0, 280, 279], [280, 0, 560, 279], [0, 278, 280, 560], [280, 278, 560, 560],
                 [0, 560, 280, 840], [280, 560, 560, 840])
    assert join_ground(grid, six) == six
