"""Round 38: a capitalised place word with a colon starts a panel's clause wherever it stands.

Captions typeset from vignettes often lose the full stop between two labelled clauses ("Top: x (red
line) Bottom: y"); the second place then followed running text and was not read, so the caption named
no panels and the figure stayed whole. A capitalised place with a colon ("Bottom:", "Right:", "Upper
left:") is a label wherever it stands, with or without a panel word; a lowercase place with a colon
inside running text ("sit at the bottom: three ...") is no label.

Every figure here is drawn here (numpy and OpenCV); every caption is written here.
"""

from __future__ import annotations

import cv2
import numpy as np

from derm1m_build.pmc.panels import Box
from derm1m_build.pmc.panels.captions import split_positions
from derm1m_build.pmc.panels.pairing import pair


def _chart(seed: int, w: int = 360, h: int = 240) -> np.ndarray:
    """A framed line chart with ticks: one panel."""
    rng = np.random.default_rng(seed)
    p = np.full((h, w, 3), 255, np.uint8)
    cv2.rectangle(p, (30, 10), (w - 11, h - 31), (0, 0, 0), 2)
    for k in range(6):
        x = 30 + k * (w - 41) // 5
        cv2.line(p, (x, h - 31), (x, h - 24), (0, 0, 0), 2)
    ys = (h - 60) * rng.random(12) + 20
    pts = np.stack([np.linspace(40, w - 20, 12), ys], 1).astype(np.int32)
    cv2.polylines(p, [pts], False, (200, 30, 30), 2)
    return p


def _stacked() -> np.ndarray:
    return np.concatenate([_chart(1), np.full((30, 360, 3), 255, np.uint8), _chart(2)], 0)


NO_STOP = ("Figure 3: Top: lesion counts per patient over the follow-up (histogram) against the reference cohort "
           "(red line) Bottom: share of patients with a relapse in each month of treatment.")


def test_a_second_place_label_without_a_full_stop_before_it_is_read():
    sub = split_positions(NO_STOP)
    assert sub is not None
    assert sub.lead == "Figure 3:"
    assert sub.letters == ["top", "bottom"]
    assert sub.texts == {
        "top": "lesion counts per patient over the follow-up (histogram) against the reference cohort (red line)",
        "bottom": "share of patients with a relapse in each month of treatment.",
    }


def test_right_with_a_colon_after_running_text_is_a_label():
    sub = split_positions("Scores by site Left: scalp and face Right: trunk and limbs")
    assert sub is not None
    assert sub.letters == ["left", "right"]
    assert sub.texts == {"left": "scalp and face", "right": "trunk and limbs"}


def test_the_stacked_charts_pair_top_and_bottom():
    img = _stacked()
    rows, _ = pair(img, NO_STOP)
    assert rows.note == ""
    assert [L for L, _, _ in rows.panels] == ["top", "bottom"]
    boxes = [b for _, b, _ in rows.panels]
    assert boxes[0].y < 240 <= boxes[1].y
    assert all(b.h <= 240 for b in boxes)
    assert rows.panels[1][2] == "Figure 3: share of patients with a relapse in each month of treatment."


def test_a_lowercase_place_with_a_colon_in_running_text_names_no_panel():
    cap = ("Figure 2: Severity scores of the cohort plotted against age; the outliers sit at the bottom: three "
           "patients with an early onset.")
    assert split_positions(cap) is None
    rows, _ = pair(_stacked(), cap)
    assert rows.panels == []
    assert rows.note == "caption_names_no_panels"


def test_one_capitalised_place_alone_names_no_layout():
    # "Top:" with no second place is no layout: the figure stays whole
    cap = "Figure 4: Weekly itch scores (red line) Top: the mean of the cohort."
    assert split_positions(cap) is None
    rows, _ = pair(_stacked(), cap)
    assert rows.panels == []
    assert rows.note == "caption_names_no_panels"
