"""Compound figures, round 7: a mosaic plot's tiles are one panel, and captions name panels by place
inside their sentences.

A mosaic plot (vcd's strucplot) draws framed tiles of one flat colour with white gaps spaced like
panel gutters, so the XY-cut took each row or column of tiles for a panel; two pieces whose facing
sides are both framed flat tiles across a paper gutter are one piece again (`charts._tiles_facing`).
Captions that name panels by place inside a sentence ("CUSUM test (left) and fitted model (right)",
"The left-hand plot shows ...") give position rows when the layout agrees
(`captions._positions_inside`).

Real figures from `benchmarks/pmc/heldout3/` (run once as held out at 15:17 UTC on 2026-12-04, tuning
data since; Journal of Statistical Software papers shipped as package vignettes, GPL/CC BY), for
evaluation only."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc import panels
from derm1m_build.pmc.panels import Box, pair, split_caption, split_panels, split_positions
from derm1m_build.pmc.panels.captions import _positions_inside
from derm1m_build.pmc.panels.charts import _bracket_labels, _facets, _tile_share, _tiles_facing
from derm1m_build.pmc.panels.gutters import _overlaps

SET3 = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout3"


def _image(name: str) -> np.ndarray:
    img = cv2.imread(str(SET3 / "images" / name), cv2.IMREAD_COLOR)
    assert img is not None, name
    return img


def _caption(name: str) -> str:
    data = json.loads((SET3 / "annotations.json").read_text())
    figs = data["figures"] if isinstance(data, dict) else data
    return next(f["caption"] for f in figs if f["file"].endswith("/" + name))


def _xyxy(boxes: list[Box]) -> list[tuple[int, int, int, int]]:
    return [(b.x, b.y, b.x + b.w, b.y + b.h) for b in boxes]


def _no_read(*_args):
    raise AssertionError("positions need no OCR")


@pytest.mark.parametrize("name, boxes", [
    # two mosaics side by side, each with its colour key: were 10 pieces (rows and columns of tiles)
    ("meyer2006strucplot_fig22.png", [(6, 6, 492, 509), (611, 6, 1097, 509)]),
    # four mosaics of two columns each: were 8 pieces
    ("meyer2006strucplot_fig30.png", [(8, 8, 562, 562), (636, 8, 1192, 562), (6, 638, 562, 1192),
                                      (636, 638, 1192, 1192)]),
    # a header row of tiles left out as a sliver joins its mosaic again: was 3 pieces
    ("meyer2006strucplot_fig23.png", [(6, 8, 484, 464), (513, 8, 1192, 464)]),
    # three mosaics stacked: were 5 pieces
    ("meyer2006strucplot_fig21.png", [(6, 6, 535, 390), (6, 406, 535, 792), (6, 808, 535, 1194)]),
])
def test_real_mosaic_plots_are_one_panel_each(name, boxes):
    assert _xyxy(split_panels(_image(name))) == boxes


@pytest.mark.parametrize("name", ["meyer2006strucplot_fig3.png", "meyer2006strucplot_fig24.png"])
def test_real_single_mosaic_plots_stay_whole(name):
    # one mosaic each (2 x 2 groups of tiles, two rows of tiles): were 4 and 2 pieces
    assert len(split_panels(_image(name))) == 1


def _tiles(fill, frame=(40, 40, 40), gap: int = 6, paper: bool = False) -> np.ndarray:
    """Two framed rectangles side by side with a white gap: flat fills (tiles), or paper with a curve
    inside (framed charts)."""
    img = np.full((300, 500, 3), 255, np.uint8)
    for x0 in (20, 250 + gap):
        cv2.rectangle(img, (x0, 20), (x0 + 224 - gap, 280), fill, -1)
        if paper:
            pts = np.array([[x0 + 10 + i, 150 + int(60 * np.sin(i / 20))] for i in range(200 - gap)], np.int32)
            cv2.polylines(img, [pts], False, (0, 0, 0), 2)
        cv2.rectangle(img, (x0, 20), (x0 + 224 - gap, 280), frame, 1)
    return img


@pytest.mark.parametrize("gap", [6, 12])
def test_framed_flat_tiles_are_joined_framed_charts_and_black_grounds_are_not(gap):
    assert len(split_panels(_tiles((200, 170, 230), gap=gap))) == 1     # two framed tiles: one mosaic
    assert len(split_panels(_tiles((255, 255, 255), gap=gap, paper=True))) == 2  # framed charts
    # a black ground with a white frame line: no darker frame, no tile
    assert len(split_panels(_tiles((0, 0, 0), frame=(255, 255, 255), gap=gap))) == 2


def test_tile_share_needs_a_frame_darker_than_one_exact_fill():
    img = _tiles((200, 170, 230))
    left, right = Box(20, 20, 219, 261), Box(256, 20, 219, 261)
    assert _tile_share(img, left, 3, 20, 281) > 0.9
    assert _tile_share(img, right, 2, 20, 281) > 0.9
    noisy = img.copy()
    rng = np.random.default_rng(0)
    noisy[21:280, 21:238] = np.clip(noisy[21:280, 21:238].astype(int) + rng.integers(-12, 13, (259, 217, 3)), 0, 255)
    assert _tile_share(noisy, left, 3, 20, 281) < 0.1  # a photo's edge is never one exact colour


@pytest.mark.parametrize("name, places, texts", [
    ("grun2008_fig1.png", ["left", "right"],
     {"left": "Figure 1: Standard regression example", "right": "Figure 1: Poisson regression"}),
    ("zeileis2004sandwich_fig4.png", ["left", "right"],
     {"left": "Figure 4: OLS-based CUSUM test for real interest data.",
      "right": "Figure 4: fitted model for real interest data."}),
    ("pebesma2012_fig2.png", ["top-left", "top-right", "bottom-left", "bottom-right"], None),
    ("meyer2017twinstim_fig7.png", ["left", "right"],
     {"left": "Figure 7: checkResidualProcess(imdfit_powerlaw). The left-hand plot shows the ecdf of the transformed "
              "residuals with a 95% confidence band obtained by inverting the corresponding Kolmogorov-Smirnov test "
              "(no evidence for deviation from uniformity).",
      "right": "Figure 7: checkResidualProcess(imdfit_powerlaw). The right-hand plot suggests absence of serial "
               "correlation."}),
])
def test_real_captions_naming_panels_by_place_inside_sentences(name, places, texts):
    cap = _caption(name)
    assert split_caption(cap).letters == []
    s = split_positions(cap)
    assert s is not None and s.letters == places
    if texts:
        assert {k: s.full(k) for k in places} == texts


def test_places_inside_sentences_need_brackets_or_a_panel_word_each_once_one_style():
    assert split_positions("Figure 3: The points on the left are ranked by the upper most left point.") is None
    assert split_positions("Fit (left) and residuals (right).").letters == ["left", "right"]
    assert split_positions("Fit (left panel) and residuals (right panel).").letters == ["left", "right"]
    assert split_positions("Fit (left) and residuals (right); again (left).") is None      # named twice
    assert split_positions("Fit (left). The right panel shows residuals.") is None         # two styles
    assert split_positions("Fit (left) and residuals (top).") is None                      # no layout
    assert split_positions("Scans. The top row shows CT. The bottom row shows MR.").letters == ["top", "bottom"]
    # two places in one sentence: named only as a pair, each opening its clause (round 8, `_positions_paired`)
    assert split_positions("The left panel shows x and the right panel shows y.").letters == ["left", "right"]
    assert panels.caption_panel_count("Fit (left) and residuals (right).") == 2


@pytest.mark.parametrize("name, rows", [
    ("zeileis2004sandwich_fig4.png", [("left", (6, 10, 572, 375)), ("right", (628, 10, 1192, 375))]),
    ("grun2008_fig1.png", [("left", (6, 8, 565, 487)), ("right", (635, 8, 1192, 487))]),
])
def test_real_place_rows_from_inside_sentences(name, rows):
    p, _ = pair(_image(name), _caption(name), read=_no_read)
    assert [(L, tuple(b.xyxy)) for L, b, _ in p.panels] == rows


SET2 = SET3.parent / "heldout2"


@pytest.mark.parametrize("name, n", [
    ("pebesma2012_fig4.png", 10),    # lattice maps, frames touching, peach strips: was 1
    ("pebesma2012_fig12.png", 24),   # two strip levels over each facet: was 1
    ("meyer2017hhh4_fig2.png", 15),  # ggplot facets, grey strips, 3 px gutters: was 1
    ("zeileis2020_fig1.png", 3),     # grey strips with a frame line between them: was 1
    ("grun2008_fig2.png", 2),        # a strip's title cuts its colour in two: was 1
    ("meyer2006strucplot_fig13.png", 2),
])
def test_real_lattice_displays_split_into_their_strip_titled_facets(name, n):
    boxes = split_panels(_image(name))
    assert len(boxes) == n
    assert not any(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_lattice_facets_follow_the_strips():
    boxes = _xyxy(split_panels(_image("zeileis2020_fig1.png")))
    assert boxes == [(90, 120, 450, 511), (456, 120, 816, 511), (819, 120, 1179, 511)]


def _bars(with_print: bool) -> np.ndarray:
    """Two framed facets with strip titles (or two plain bars of the strip colour, no print)."""
    img = np.full((400, 640, 3), 255, np.uint8)
    for x0 in (20, 330):
        cv2.rectangle(img, (x0, 30), (x0 + 290, 56), (204, 229, 255), -1)
        if with_print:
            cv2.putText(img, "Comp.", (x0 + 110, 50), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 1)
            cv2.rectangle(img, (x0, 30), (x0 + 290, 370), (0, 0, 0), 1)
            cv2.line(img, (x0, 56), (x0 + 290, 56), (0, 0, 0), 1)
            cv2.polylines(img, [np.array([[x0 + 10 + i, 200 + int(80 * np.sin(i / 30))] for i in range(270)], np.int32)],
                          False, (200, 60, 60), 2)
    return img


def test_strip_titled_facets_split_and_bare_bars_do_not():
    assert _facets(_bars(True)) is not None and len(_facets(_bars(True))) == 2
    assert _facets(_bars(False)) is None


@pytest.mark.parametrize("path, boxes", [
    # "(a)" and "(b)" centred under the panels; the left panel's pieces are one panel (cut by the label lines since
    # round 27: edges within 2 px of round 20's)
    (SET2 / "images" / "branchi2014_fig1.png", [(46, 13, 524, 532), (614, 10, 1235, 532)]),  # was 4
    (SET2 / "images" / "branchi2014_fig2.png", [(36, 18, 625, 519), (720, 18, 1375, 519)]),  # was 5
    (SET3 / "images" / "hahsler2008_fig9.png", [(8, 51, 522, 681), (654, 8, 1168, 681)]),    # was 3
    # thin grey serif brackets; since round 27 each "(a)" line closes the panel above it (the annotated cut is
    # at y = 605; before, the label went with the piece under it: 535 / 571)
    (SET3 / "images" / "hahsler2008_fig7.png", [(7, 6, 985, 594), (7, 594, 985, 1192)]),     # was 4
])
def test_real_pieces_grouped_by_the_bracketed_labels_under_them(path, boxes):
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    assert _xyxy(split_panels(img)) == boxes


def test_bracket_labels_alone_on_their_line():
    img = _image("hahsler2008_fig9.png")
    assert _bracket_labels(img) == [(248, 649, 36, 32), (894, 649, 37, 32)]
    worded = img.copy()
    cv2.rectangle(worded, (200, 655), (230, 675), (0, 0, 0), -1)  # print on the line: "Time (s)", no label
    assert _bracket_labels(worded) == [(894, 649, 37, 32)]
    # one label left: no grouping by labels. The pieces are the gutter split's: the right plot and
    # the strip beside it are one group since sub-plots line up within 12 % when large (round 25)
    assert _xyxy(split_panels(worded)) == [(8, 50, 522, 682), (654, 8, 1168, 682)]
