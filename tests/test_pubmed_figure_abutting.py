"""Compound figures, round 11: dermatology photographs that abut (no gutter) are cut at their edges.

Composed grids from `benchmarks/pmc/heldout6/` (run once as held out at 00:06 UTC on 2026-12-05,
tuning data since; made by that set's compose.py from the real PAD-UFES-20 / ISIC 2017 photographs).

1. Photo edges are looked for inside the region's plain margins (`gutters._split`): a white frame
   round abutting photos is an edge too, and its 6 px strips failed the piece-size test, so the whole
   row stayed one piece (composed 009, 011, 034, 037, 041, 042).
2. An even row completes its cuts (`gutters._even_edges`): when the strong edges leave a piece about
   m times the smallest, a fainter edge at each place m equal photos would meet cuts it (two pinkish
   clinical photos meeting in composed 032's top row)."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc import panels
from derm1m_build.pmc.panels import decisions, figure_panels, split_panels
from derm1m_build.pmc.panels.gutters import _even_edges, _split

SET6 = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout6"


def _image(name: str) -> np.ndarray:
    return cv2.imread(str(SET6 / "images" / name), cv2.IMREAD_COLOR)


def _iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area


@pytest.mark.parametrize("name, want", [
    # three dermoscopy photos of unequal widths abutting, in a 6 px white frame
    ("composed_009.jpg", [[5, 5, 245, 347], [244, 5, 720, 347], [719, 5, 1061, 347]]),
    # 2 x 2 abutting photos in a 6 px white frame
    ("composed_037.jpg", [[6, 6, 266, 267], [266, 6, 526, 267], [6, 267, 266, 526], [266, 267, 526, 526]]),
    # 2 x 3 abutting photos to the figure's edge; the top row's second edge is faint (cover ~0.4)
    ("composed_032.jpg", [[0, 0, 300, 300], [300, 0, 599, 300], [598, 0, 900, 300],
                          [0, 300, 300, 600], [300, 300, 600, 600], [600, 300, 900, 600]]),
])
def test_abutting_photos_cut_at_their_edges(name, want):
    got = [b.xyxy for b in split_panels(_image(name))]
    assert got == want


def test_boxes_match_the_annotation():
    figs = {f["file"]: f for f in json.loads((SET6 / "annotations.json").read_text(encoding="utf-8"))["figures"]}
    for name in ("composed_009.jpg", "composed_037.jpg", "composed_032.jpg", "composed_042.jpg"):
        got = [b.xyxy for b in split_panels(_image(name))]
        ann = figs[f"images/{name}"]["boxes"]
        assert len(got) == len(ann), name
        for g, a in zip(got, ann):
            assert _iou(g, a) >= 0.95, (name, g, a)


def test_unread_letters_keep_the_figure_whole():
    """With a reader that reads nothing, 009's three pieces give no rows (its yellow letters are read
    since round 12: `tests/test_pubmed_figure_colours.py`); nothing is paired by position."""
    fig = {f["file"]: f for f in json.loads((SET6 / "annotations.json").read_text(encoding="utf-8"))["figures"]}
    f = fig["images/composed_009.jpg"]
    _, p, _ = figure_panels((SET6 / f["file"]).read_bytes(), f["caption"], read=lambda *a, **k: ("", 0.0))
    d = decisions(p)
    assert len(d) == 1 and d[0]["decision"] == "whole"


def test_even_edges_only_where_a_faint_edge_is():
    img = _image("composed_032.jpg")[:300]
    small = np.ascontiguousarray(img)
    # the strong edge at 300 leaves 300 + 600; the faint edge near 600 completes an even row
    assert _even_edges(small, 1, [0, 300, 900]) == [0, 300, 600, 900]
    # a plain photo has no edge where the even row would put one: the bounds stay as they are
    flat = np.full((300, 900, 3), 180, np.uint8)
    flat[:, :300] = 90
    assert _even_edges(flat, 1, [0, 300, 900]) == [0, 300, 900]
