"""Round 49, counts: a row of maps read by one colour ramp beside it is one panel.

Set 21's `tdn_bad_comp` (a tuning figure): a time series over a mosaic of brain maps (five columns of
slices on one diverging colour scale, its ramp at the right) over a spectrum. Main cut the mosaic into
its five columns and the ramp (8 pieces, truth 3); `keyed_row.join_keyed_row` joins them. Its twin
`tdn_good_comp` (paler maps, which hold the ramp's far ends rarely): main joined the time series with
three columns of slices as their print (2 pieces); the keyed row, joined first, keeps the three panels.
And where the step must not join (main's pieces, the image changed where the rule reads)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.keyed_row import join_keyed_row

SETS = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc"
# main's pieces: the time series, the five columns of slices, the ramp, the spectrum
MAIN = [Box(115, 34, 804, 219), Box(130, 279, 94, 358), Box(258, 273, 108, 372), Box(391, 272, 112, 370),
        Box(526, 273, 109, 368), Box(666, 279, 96, 356), Box(779, 297, 90, 335), Box(111, 675, 791, 167)]
RAMP = MAIN[6]


def image(name: str = "tdn_bad_comp") -> np.ndarray:
    img = cv2.imread(str(SETS / "heldout21" / "images" / f"{name}.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


def test_bad_comp_mosaic_and_its_ramp_are_one_panel():
    assert split_panels(image()) == [Box(115, 34, 804, 219), Box(130, 272, 739, 373), Box(111, 675, 791, 167)]


def test_good_comp_keeps_its_time_series_apart():
    assert split_panels(image("tdn_good_comp")) == [Box(115, 34, 804, 219), Box(130, 272, 739, 373),
                                                     Box(111, 675, 791, 167)]


def test_ramp_painted_one_flat_colour_is_no_ramp():
    img = image().copy()
    ramp = img[RAMP.y:RAMP.y + RAMP.h, RAMP.x:RAMP.x + RAMP.w]
    coloured = (ramp.max(axis=2).astype(int) - ramp.min(axis=2)) >= 30
    ramp[coloured] = (40, 40, 200)   # one red bar: no ramp of the maps' colours
    assert join_keyed_row(img, MAIN) == MAIN


def test_ramp_in_colours_the_maps_do_not_use_is_refused():
    img = image().copy()
    ramp = img[RAMP.y:RAMP.y + RAMP.h, RAMP.x:RAMP.x + RAMP.w]
    coloured = (ramp.max(axis=2).astype(int) - ramp.min(axis=2)) >= 30
    ramp[coloured] = ramp[coloured][:, [1, 0, 2]] // 2 + np.array([0, 120, 0], np.uint8)   # greens
    assert join_keyed_row(img, MAIN) == MAIN


def test_row_reaching_past_the_ramps_rows_is_refused():
    # the column next to the ramp stretched far above it: the ramp does not read it, and the rest
    # of the row lies past the gap a key keeps from what it reads
    pieces = MAIN[:5] + [Box(666, 100, 96, 535)] + MAIN[6:]
    assert join_keyed_row(image(), pieces) == pieces


def test_one_map_beside_the_ramp_is_left_to_join_keys():
    pieces = [MAIN[0], MAIN[5], RAMP, MAIN[7]]
    assert join_keyed_row(image(), pieces) == pieces
