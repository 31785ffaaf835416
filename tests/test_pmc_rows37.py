"""Round 37: a caption naming its panels by place when the gutter split gives more pieces than places.

A heatmap drawn with its dendrogram and colour key, or a plot with its legend, is cut by the gutter split
into several pieces; a caption naming the panels by place ("Left: ... Right: ...") then met more pieces
than places and the figure stayed whole (`positions_disagree`). `_place_groups` groups the pieces into
the places only when they fall cleanly into as many groups along the places' axis as there are places,
with a one-colour line between neighbouring groups across the whole figure; each group's union is a
panel. A shared legend bridging the gutter, white space that parts the pieces into more groups than
places, or a place word that names no panel keep the figure whole.

Every figure here is drawn here (numpy and OpenCV); every caption is written here.
"""

from __future__ import annotations

import cv2
import numpy as np

from derm1m_build.pmc.panels import Box, split_panels
from derm1m_build.pmc.panels.grouping import _axis_groups, _place_groups
from derm1m_build.pmc.panels.pairing import pair


def _heat_panel(seed: int, w: int = 300, h: int = 360) -> np.ndarray:
    """A heatmap (coloured cells) under its column dendrogram, a colour key at the top left: three pieces."""
    rng = np.random.default_rng(seed)
    p = np.full((h, w, 3), 255, np.uint8)
    key = np.linspace(0, 255, 70).astype(np.uint8)
    p[10:60, 10:80] = np.stack([key, 255 - key, np.full(70, 128, np.uint8)], -1)[None]
    for k in range(6):
        x = 120 + 28 * k
        cv2.line(p, (x, 100), (x, 70 - 6 * (k % 3)), (0, 0, 0), 2)
    cv2.line(p, (120, 64), (260, 64), (0, 0, 0), 2)
    cv2.line(p, (190, 64), (190, 20), (0, 0, 0), 2)
    cells = rng.integers(0, 255, (10, 8, 3)).astype(np.uint8)
    p[130:350, 10:290] = cv2.resize(cells, (280, 220), interpolation=cv2.INTER_NEAREST)
    return p


def _white(h: int, w: int) -> np.ndarray:
    return np.full((h, w, 3), 255, np.uint8)


def _side_by_side() -> np.ndarray:
    return np.concatenate([_heat_panel(1), _white(360, 14), _heat_panel(2)], 1)


LEFT_RIGHT = "Expression heatmaps of the 40 most variable genes. Left: log counts after normalisation. Right: raw counts."


def test_heatmaps_cut_into_six_pieces_make_two_rows_by_place():
    img = _side_by_side()
    assert len(split_panels(img, 2)) == 6  # key, dendrogram and heatmap of each
    rows, _ = pair(img, LEFT_RIGHT)
    assert rows.note == ""
    assert [(L, b, t) for L, b, t in rows.panels] == [
        ("left", Box(10, 10, 280, 340), "Expression heatmaps of the 40 most variable genes. log counts after normalisation."),
        ("right", Box(324, 10, 280, 340), "Expression heatmaps of the 40 most variable genes. raw counts."),
    ]


def test_top_and_bottom_panels_cut_into_pieces():
    # each panel the heatmap turned on its side: key, dendrogram and heatmap side by side
    a, b = (np.ascontiguousarray(_heat_panel(s).transpose(1, 0, 2)) for s in (3, 4))
    img = np.concatenate([a, _white(16, 360), b], 0)
    assert len(split_panels(img, 2)) == 6
    rows, _ = pair(img, "Two cohorts. Top: counts after normalisation. Bottom: raw counts.")
    assert rows.note == ""
    assert [(L, b) for L, b, _ in rows.panels] == [("top", Box(10, 10, 340, 280)), ("bottom", Box(10, 326, 340, 280))]


def test_a_shared_legend_across_the_gutter_keeps_the_figure_whole():
    img = np.concatenate([_side_by_side(), _white(40, 614)], 0)
    img[370:390, 240:380] = (40, 120, 200)  # one legend under both heatmaps, across the gutter
    rows, _ = pair(img, LEFT_RIGHT)
    assert rows.panels == []
    # round 37's stroke join (orphans.py) joins the pieces the legend runs across into one (the cut alone gave 6):
    # the places cannot be drawn either way, and the figure stays whole
    assert rows.note == "positions_disagree: 1 pieces, caption names 2 positions"


def test_more_groups_than_places_keep_the_figure_whole():
    # stacked heatmaps: the white space between each dendrogram and its heatmap parts the pieces into
    # four bands, not the two places named; which two bands make a panel is a guess
    img = np.concatenate([_heat_panel(1), _white(16, 300), _heat_panel(2)], 0)
    rows, _ = pair(img, "Two heatmaps. Top: log counts after normalisation. Bottom: raw counts.")
    assert rows.panels == []
    assert rows.note == "positions_disagree: 6 pieces, caption names 2 positions"
    grid = np.concatenate([_side_by_side(), _white(16, 614), _side_by_side()], 0)
    rows, _ = pair(grid, "Four cohorts. Top left: one. Top right: two. Bottom left: three. Bottom right: four.")
    assert rows.panels == []
    assert rows.note == "positions_disagree: 12 pieces, caption names 4 positions"


def test_a_place_word_that_names_no_panel_keeps_the_figure_whole():
    rows, _ = pair(_side_by_side(), "Plaques on the left forearm and on the right knee of one patient, 3 weeks after onset.")
    assert rows.panels == []
    assert rows.note == "caption_names_no_panels"


def test_axis_groups_need_a_clear_line_between_groups():
    img = _white(100, 200)
    boxes = [Box(10, 10, 40, 30), Box(10, 50, 80, 40), Box(110, 10, 80, 80)]
    img[10:40, 10:50] = 0
    img[50:90, 10:90] = 0
    img[10:90, 110:190] = 0
    assert _axis_groups(img, boxes, 0) == [[0, 1], [2]]
    assert _axis_groups(img, boxes, 1) == [[0, 2, 1]]
    assert _place_groups(img, boxes, "row", 2) == [Box(10, 10, 80, 80), Box(110, 10, 80, 80)]
    assert _place_groups(img, boxes, "row", 3) is None
    # two pieces alike at one place are two panels, not one panel with its parts
    assert _place_groups(img, [Box(10, 10, 70, 30), Box(10, 50, 80, 40), Box(110, 10, 80, 80)], "row", 2) is None
    img[95, 0:200] = 0  # a rule under the pieces is outside their stretch: still clear
    assert _axis_groups(img, boxes, 0) == [[0, 1], [2]]
    img[60, 85:115] = 0  # a stroke bridging the gap between the groups
    assert _axis_groups(img, boxes, 0) is None
    assert _place_groups(img, boxes, "row", 2) is None
