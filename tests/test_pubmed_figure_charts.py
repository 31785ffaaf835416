"""Compound figures, round 6: one chart's strips are one panel. The XY-cut takes a white band crossed by
a line or two as a gutter, so a forest plot's study rows, a coefficient plot's bars and a table header
over its chart came out as panels; pieces joined by a line running across the gutter (a frame, an
axis, a dotted reference line) or a piece that is only a rule and small print (a header, an x axis)
are one piece again (`charts._one_chart`).

Real figures from `benchmarks/pmc/heldout3/` (run once as held out at 15:17 UTC on 2026-12-04, tuning
data since; Journal of Statistical Software papers shipped as package vignettes, GPL/CC BY) and
`benchmarks/pmc/heldout2/` (tuning data; Fedus 2022, CC BY 4.0), for evaluation only."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc import panels
from derm1m_build.pmc.panels import Box, split_panels
from derm1m_build.pmc.panels.charts import _crossing_line, _one_chart

PMC = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc"
FIGURES = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "figures"


def _image(path: Path) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    assert img is not None, path
    return img


def _xyxy(boxes: list[Box]) -> list[tuple[int, int, int, int]]:
    return [(b.x, b.y, b.x + b.w, b.y + b.h) for b in boxes]


@pytest.mark.parametrize("name, box", [
    ("grun2008_fig12.png", (9, 9, 1089, 638)),        # coefficient bars in one frame: was 5 strips (x0 7 until round 20: its label column is now cut once, at the frame's side)
    ("viechtbauer2010_fig1.png", (8, 6, 1190, 625)),  # forest plot with a table header: was 3
    ("viechtbauer2010_fig4.png", (9, 7, 1127, 683)),  # forest plot, dotted line at 1.00: was 6
    ("viechtbauer2010_fig9.png", (9, 7, 1127, 675)),  # cumulative forest plot, axis under it: was 7
])
def test_real_single_charts_cut_into_strips_stay_whole(name, box):
    assert _xyxy(split_panels(_image(PMC / "heldout3" / "images" / name))) == [box]


def test_real_frameless_chart_cut_at_rows_where_only_its_axis_is_inked_is_one_panel():
    # two charts side by side; the left one's y axis runs across the white bands it was cut at
    img = _image(PMC / "heldout2" / "images" / "fedus2022switch_page_31_Figure_3.jpeg")
    assert _xyxy(split_panels(img)) == [(11, 35, 492, 390), (585, 8, 1067, 390)]


def test_real_lattice_of_four_maps_keeps_its_four_panels_and_joins_a_strip():
    img = _image(PMC / "heldout3" / "images" / "pebesma2012_fig2.png")
    assert _xyxy(split_panels(img)) == [(8, 7, 325, 302), (416, 7, 734, 302), (8, 356, 392, 650),
                                        (416, 356, 801, 650)]


def test_real_micrographs_whose_sparse_dendrites_reach_the_gutter_stay_apart():
    path = FIGURES / "images" / "soda__10.1038_emboj.2009.312_f1.png"
    if not path.exists():
        pytest.skip("../shared/realdata/figures is not beside this checkout")
    got = _xyxy(split_panels(_image(path)))
    assert len(got) == 12
    assert (36, 617, 256, 837) in got and (265, 617, 487, 839) in got


def _two_plots(frame_across: bool = False, dotted: bool = False, gutter: int = 8) -> np.ndarray:
    """Two stacked charts (a frame each, a few bars) on white paper, a white gutter between them;
    optionally one frame around both (a line across the gutter) or a dotted line down both."""
    img = np.full((420, 500, 3), 255, np.uint8)
    top, bot = (40, 40, 460, 200), (40, 200 + gutter, 460, 380)
    for x0, y0, x1, y1 in (top, bot):
        if not frame_across:
            cv2.rectangle(img, (x0, y0), (x1, y1), (0, 0, 0), 1)
        for k, h in enumerate((40, 90, y1 - y0)):  # the tallest bar leaves no blank band in its frame
            cv2.rectangle(img, (x0 + 40 + 120 * k, y1 - h), (x0 + 90 + 120 * k, y1 - 1), (90, 90, 90), -1)
    if frame_across:
        cv2.rectangle(img, (40, 40), (460, 380), (0, 0, 0), 1)
    if dotted:
        for y in range(45, 378, 9):
            img[y:y + 2, 290] = 0
    return img


def test_constructed_stacked_plots_with_their_own_frames_stay_two():
    for gutter in (8, 12, 20):
        assert _xyxy(split_panels(_two_plots(gutter=gutter))) == [(41, 40, 460, 201), (41, 200 + gutter, 460, 381)]


def test_constructed_frame_or_dotted_line_across_the_gutter_makes_one_chart():
    assert len(split_panels(_two_plots(frame_across=True))) == 1
    assert len(split_panels(_two_plots(dotted=True))) == 1


def test_crossing_line_needs_paper_beside_it_and_a_paper_gutter():
    ink = np.zeros((200, 100), bool)
    a, b = Box(10, 10, 80, 80), Box(10, 100, 80, 80)
    ink[10:90, 50] = True
    ink[100:180, 50] = True
    assert not _crossing_line(ink, a, b, 0)  # a blank 10-pixel break: a gutter between two lines
    ink[90:100, 50] = True
    assert _crossing_line(ink, a, b, 0)       # one line through both pieces
    ink[10:90, 10:90] = True
    assert not _crossing_line(ink, a, b, 0)   # inside a dark block, no line
