"""Round 44 (captions side): a "from left to right" list of parameter values names no panel.

"From left to right: c = 25 and c = 45." says how the panels differ (one setting of a sweep each), not what any
of them shows; a row "c = 25." would describe its crop to no reader without its neighbours, so the figure stays
whole with its whole caption (`captions._values_only`, used by `_positions_listed`). A list of things shown ("day
1, day 5 and day 9", "the untreated arm (dose = 0), dose = 1 MED and ...") still names its panels.

Every caption is written here; the one image is composed here (two line charts drawn with DejaVu Sans text).
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from derm1m_build.pmc.panels.captions import _values_only, caption_panel_count, split_positions
from derm1m_build.pmc.panels.pairing import pair

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.mark.parametrize("item, values", [
    ("c = 25", True),
    ("\u03b1 = 2, \u03b2 = 2.5", True),
    ("corresponding to the settings: \u03c3 = 0.5 mm, k_1 = 3", True),
    ("dose = 2 MED", True),
    ("t=10 s and t=20 s", True),
    ("day 5", False),
    ("the untreated arm (dose = 0)", False),
    ("n = 10 patients", False),
    ("clinical photograph", False),
    ("Re = 10 flow", False),
])
def test_values_only(item, values):
    assert _values_only(item) is values


@pytest.mark.parametrize("caption", [
    "Figure 4: From left to right: c = 25 and c = 45.",
    "Figure 8. Simulated plaque borders; from left to right, for the pairs of weights: \u03b1 = 1, \u03b2 = 2; "
    "\u03b1 = 2, \u03b2 = 2; \u03b1 = 3, \u03b2 = 1.",
    "Figure 9. Blur of a dermoscopy image, from top to bottom: \u03c3 = 0.5 mm, \u03c3 = 1 mm and \u03c3 = 2 mm.",
])
def test_a_list_of_values_names_no_panel(caption):
    assert split_positions(caption) is None
    assert caption_panel_count(caption) is None


@pytest.mark.parametrize("caption, names, texts", [
    ("Figure 5. Left to right: day 1, day 5 and day 9 of treatment.", ["left", "middle", "right"],
     ["day 1.", "day 5.", "day 9 of treatment."]),
    # one item says what its panel shows: the list names panels, values and all
    ("Figure 6. Sunburn, from left to right: the untreated arm (dose = 0), dose = 1 MED and dose = 2 MED.",
     ["left", "middle", "right"], ["the untreated arm (dose = 0).", "dose = 1 MED.", "dose = 2 MED."]),
    ("Figure 7. From left to right: n = 10 patients and n = 20 patients.", ["left", "right"],
     ["n = 10 patients.", "n = 20 patients."]),
])
def test_a_list_of_things_shown_still_names_panels(caption, names, texts):
    s = split_positions(caption)
    assert s.letters == names
    assert [s.texts[n] for n in names] == texts
    assert caption_panel_count(caption) == len(names)


def _two_charts():
    """Two framed line charts of 260 x 230 side by side on a 40 px white gutter (BGR)."""
    pil = Image.new("RGB", (600, 270), (255, 255, 255))
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(SANS, 12)
    rng = np.random.default_rng(3)
    for x0 in (20, 320):
        d.rectangle((x0 + 30, 30, x0 + 255, 220), outline=(0, 0, 0))
        for k in range(5):
            d.text((x0 + 30 + k * 56, 226), str(k), font=font, fill=(0, 0, 0), anchor="mt")
        ys = np.cumsum(rng.normal(0, 1, 20))
        ys = (ys - ys.min()) / (np.ptp(ys) or 1)
        d.line([(x0 + 36 + i * 11, 210 - y * 170) for i, y in enumerate(ys)], fill=(200, 40, 40), width=2)
    return np.asarray(pil)[:, :, ::-1].copy()


def test_two_charts_under_a_list_of_values_stay_whole_and_under_a_list_of_things_become_rows():
    img = _two_charts()
    p, _ = pair(img, "Figure 4: From left to right: c = 25 and c = 45.")
    assert (p.panels, p.note) == ([], "caption_names_no_panels")
    p, _ = pair(img, "Figure 4: From left to right: before and after treatment.")
    assert p.note == ""
    assert [(name, text) for name, _, text in p.panels] == [("left", "Figure 4: before."),
                                                             ("right", "Figure 4: after treatment.")]
