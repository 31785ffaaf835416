"""A figure the split cannot read never stops a harvest. `if_mask.png` (figure set 38, tuning data since its one
held-out run: a photograph of a surgical mask, 709 x 354, its pleats sharp parallel lines) made two photo-edge
cuts meet, so the piece between them was empty and `_gutter_parts` reduced a zero-size array (ValueError, a traceback through
`count_panels` and the PubMed source). An empty piece now holds no panel; and whatever else the split raises,
`figure_panels` keeps the figure whole with its whole caption and names the failure in the note."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from derm1m_build.pmc.panels import count_panels, figure_panels, pairing, split_caption
from derm1m_build.pmc.panels.gutters import Box, _gutter_parts, channel_min

MASK = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout38" / "images" / "if_mask.png"


def test_the_real_figure_whose_cuts_met_is_read_as_one_panel():
    img = cv2.imread(str(MASK), cv2.IMREAD_COLOR)
    assert img.shape == (354, 709, 3)
    assert count_panels(img) == [Box(0, 0, 709, 354)]   # its annotation: one photograph; raised ValueError before


def test_an_empty_piece_between_meeting_cuts_holds_no_panel():
    img = np.full((60, 90, 3), 255, np.uint8)
    img[5:55, 5:40] = 40
    img[5:55, 50:85] = 90
    # a white column band at 40-50 parts the first piece's two blocks; the piece [30, 30) is empty
    assert _gutter_parts(img, channel_min(img), 0, [0, 30, 30, 60], 3, 4) == [2, 0, 2]


def test_a_split_that_raises_keeps_the_figure_whole_with_its_reason(monkeypatch):
    def broken(img, caption, read=None, detect=None, heads=None):
        raise IndexError("a layout the split cannot read")

    monkeypatch.setattr(pairing, "pair", broken)
    img = np.full((40, 60, 3), 255, np.uint8)
    caption = "(A) Plaques on the elbow. (B) Nail pitting."
    out, p, subs = figure_panels(cv2.imencode(".png", img)[1].tobytes(), caption)
    assert out.shape == (40, 60, 3)
    assert p.panels == [] and p.note == "split_failed: IndexError"
    assert subs.as_list() == split_caption(caption).as_list()
