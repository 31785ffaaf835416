"""Round 53, counts: `tt_facet` (set 36, tuning data since its one held-out run), a ggplot2 facet grid
of six bar plots in two columns, strips a mid grey (164) with the facet names printed in white. The
gutter split finds four pieces (tick labels and the axis title bridge the gutter between the lower
rows' facets); truth six. The lattice step now sees white print on a strip (`charts._light_print`)
and looks at figures of four pieces or more where two are topped by one strip colour
(`strip_tops.strip_topped`). `cr_davis` (set 37): four photographs round the names of the
directions, no straight gutter (truth 4; main: 2 pieces), one panel each (`print_photos`). And where
the steps must not act: the strips' print erased, the strips painted paper, a filled block among the
names, a photograph made a smooth strip."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.charts import _facets
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.print_photos import split_print_photos
from derm1m_build.pmc.panels.strip_tops import strip_topped

PMC = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc"
STRIPS = ((8, 29), (224, 245), (439, 461))   # the strips' rows in tt_facet
MAIN = [Box(25, 7, 328, 207), Box(360, 8, 305, 206), Box(7, 223, 658, 207), Box(25, 439, 640, 223)]   # main's four pieces


def facet_grid() -> np.ndarray:
    img = cv2.imread(str(PMC / "heldout36" / "images" / "tt_facet.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


def test_facets_with_white_strip_print_are_one_panel_each():
    assert split_panels(facet_grid()) == [Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in (
        (50, 8, 352, 199), (361, 8, 665, 199), (50, 225, 352, 415),
        (361, 225, 665, 415), (50, 440, 352, 630), (361, 440, 665, 630))]
    assert strip_topped(facet_grid(), MAIN)


def test_strips_without_print_are_no_facets():
    img = facet_grid()
    for y0, y1 in STRIPS:   # the names erased: every strip pixel the strip's grey
        img[y0:y1, 49:664] = 164
    assert _facets(img) is None


def test_pieces_topped_by_paper_are_no_strip_tops():
    img = facet_grid()
    for y0, y1 in STRIPS:
        img[y0:y1] = 255
    assert not strip_topped(img, MAIN)


def davis() -> np.ndarray:
    img = cv2.imread(str(PMC / "heldout37" / "images" / "cr_davis.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


DAVIS = [Box(172, 6, 257, 287), Box(8, 168, 578, 579)]   # main's two pieces


def test_photographs_with_only_print_between_them_are_one_panel_each():
    # cr_davis (set 37): four views round the names of the directions (truth 4; main: 2 pieces)
    assert split_panels(davis()) == [Box(172, 9, 258, 254), Box(37, 170, 67, 514),
                                     Box(495, 360, 63, 247), Box(210, 619, 68, 131)]


def test_a_block_between_the_photographs_or_a_smooth_strip_keeps_the_pieces():
    img = davis()
    img[420:480, 300:360] = 40   # a filled block among the names: no print
    assert split_print_photos(img, DAVIS) is DAVIS
    img = davis()
    img[170:684, 37:104] = np.linspace(40, 200, 514).astype(np.uint8)[:, None, None]   # the strip a colour key
    assert split_print_photos(img, DAVIS) is DAVIS


def test_a_heat_map_beside_its_colour_key_is_no_pair_of_photographs():
    # set 9: a confusion matrix and its colour bar, both rasters on paper with print round them (one panel)
    img = cv2.imread(str(PMC / "heldout9" / "images" / "sklearn_plot_digits_classification_003.png"), cv2.IMREAD_COLOR)
    one = [Box(68, 10, 479, 457)]
    assert split_print_photos(img, one) is one
