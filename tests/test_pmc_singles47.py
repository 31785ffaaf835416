"""Round 47, singles: pieces parted by a band of one picture's own ground are one picture
(`ground.join_ground`).

Real tuning images, exact decisions (main cut each):
- set 32's `hs_tma`, a tall tissue-microarray slide scan: rows of tissue spots on one slide, cut at a
  band of bare glass (main: 2 pieces);
- set 21's `mfm_composite`, a fluorescence micrograph on a dark grained field that the XY-cut read as
  black gutters (main: 4 pieces);
- set 16's `expeyes_eyes_photo_p1`, a photograph of a laptop on a wooden table, cut at the lid's
  edge though the table's grain runs on across both ends of that line (main: 2 pieces);
- set 6's `imagemagick_configure`, a wizard dialog whose title bar is a classic Windows blue
  (channel minimum 0), cut at the face's bands between picture, paragraphs and buttons
  (`screens.window_face` took only a bar lit in its darkest channel; main: 4 pieces);
- set 3's `meyer2006strucplot_fig33`, a mosaic plot whose shading key ("Pearson residuals", a ramp
  of the tiles' own colours) the XY-cut set apart (`keys.join_keys`; main: 2 pieces).
And where the rule must not join: the same band as exact paper, paper with grain on the figure's edge, a flat black
rule, two different photographs meeting at a seam."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.ground import _dark_figure, _field, _ground_across, _paper, join_ground
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.keys import _key_of, join_keys
from derm1m_build.pmc.panels.screens import window_face

SETS = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc"
PHOTOS = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "photos" / "clinical"


def image(name: str) -> np.ndarray:
    img = cv2.imread(str(SETS / name), cv2.IMREAD_COLOR)
    assert img is not None, name
    return img


@pytest.fixture(scope="module")
def tma():
    return image("heldout32/images/hs_tma.png")


@pytest.fixture(scope="module")
def mfm():
    return image("heldout21/images/mfm_composite.png")


@pytest.fixture(scope="module")
def laptop():
    return image("heldout16/images/expeyes_eyes_photo_p1.png")


def boxes(img: np.ndarray) -> list[list[int]]:
    return [b.xyxy for b in split_panels(img)]


def test_slide_scan_kept_whole(tma):
    assert boxes(tma) == [[25, 455, 424, 954]]


def test_dark_field_micrograph_kept_whole(mfm):
    assert boxes(mfm) == [[0, 0, 922, 1200]]


def test_photograph_cut_at_an_object_edge_kept_whole(laptop):
    assert boxes(laptop) == [[4, 4, 459, 345]]


MAIN_TMA = [Box(25, 455, 392, 320), Box(110, 813, 314, 141)]   # main's two pieces


def test_glass_band_joins_and_paper_band_does_not(tma):
    assert _paper(tma) == 255
    assert [b.xyxy for b in join_ground(tma, MAIN_TMA)] == [[25, 455, 424, 954]]
    bare = tma.copy()
    bare[775:813] = 255   # the band between the two rows of spots as the paper: a gutter
    assert join_ground(bare, MAIN_TMA) == MAIN_TMA


def test_noisy_paper_is_no_exact_paper(tma):
    noisy = tma.copy()
    noisy[0, ::7] = 252   # a scanned page's grain on the figure's edge: no exact paper, no glass
    assert _paper(noisy) is None
    assert join_ground(noisy, MAIN_TMA) == MAIN_TMA


def test_dark_field_band_is_grained_and_a_black_rule_is_not(mfm):
    assert _dark_figure(mfm)
    band = np.ascontiguousarray(mfm[77:343, 10:780])   # the empty field between main's top strip and the cells
    assert _field(band)
    assert not _field(np.zeros_like(band))
    ruled = band.copy()
    ruled[100:104] = 0   # a flat black rule across the band parts two pictures
    assert not _field(ruled)
    assert not _dark_figure(np.full_like(mfm, 255))


def test_seam_with_the_ground_running_on(laptop):
    assert _ground_across(laptop, 171, 4, 459)


def test_two_photographs_meeting_are_a_seam():
    paths = sorted(PHOTOS.glob("*.jpg"))
    if len(paths) < 2:
        pytest.skip("shared photographs not present")
    a = cv2.resize(cv2.imread(str(paths[0])), (400, 150), interpolation=cv2.INTER_AREA)
    b = cv2.resize(cv2.imread(str(paths[1])), (400, 150), interpolation=cv2.INTER_AREA)
    img = np.vstack([a, b])
    assert not _ground_across(img, 150, 0, 400)
    pieces = [Box(0, 0, 400, 150), Box(0, 150, 400, 150)]
    assert join_ground(img, pieces) == pieces


def test_window_under_a_coloured_title_bar_kept_whole():
    img = image("heldout6/images/imagemagick_configure.jpg")
    assert window_face(img, [])
    assert boxes(img) == [[2, 2, 502, 467]]
    black = img.copy()
    black[2:27] = 0   # a black band over the face is no title bar (a photograph's or a terminal's black)
    assert not window_face(black, [])


def test_colour_key_joins_its_chart():
    img = image("heldout3/images/meyer2006strucplot_fig33.png")
    assert boxes(img) == [[7, 14, 920, 561]]
    chart, key = Box(7, 14, 705, 547), Box(723, 27, 197, 512)   # main's two pieces
    assert _key_of(img, key, chart)
    assert [b.xyxy for b in join_keys(img, [chart, key])] == [[7, 14, 920, 561]]
    other = img.copy()
    part = other[27:539, 723:920]
    coloured = (part.max(axis=2).astype(int) - part.min(axis=2)) >= 30
    part[coloured] = (40, 160, 40)   # a key of a colour the chart does not use reads another chart
    assert not _key_of(other, key, chart)
    assert join_keys(other, [chart, key]) == [chart, key]


def test_program_chrome_in_the_neighbours_colours_is_no_key():
    img = image("heldout32/images/fr_pl_p80.png")   # four calculator screens in a row (4 panels)
    head, heads = Box(5, 5, 229, 63), Box(242, 5, 699, 63)   # the first screen's header strip, the others'
    assert not _key_of(img, head, heads)
    # the four screens, as the screens-in-a-row rule cuts them (its title bar repeats): no key joins two of them
    assert boxes(img) == [[6, 6, 242, 170], [242, 6, 477, 170], [477, 6, 712, 170], [712, 6, 940, 170]]
