"""Round 42: captions that name their panels by place without the colon the older rules need.

- "Figure 4: Left A scatter ... Middle A histogram ... Right In a box plot ...": a place opening a
  sentence before the panel's own capitalised words; "Left fitgrowth(x) Right fitgrowth(x, by=...)": a
  capitalised place after a bracket, before code; "Left: ...; right image plot of ...": a colon label
  and a place opening a clause before a panel word (`captions._positions_opening`).
- "The left panel shows ..., and on the right we have ... the top 5 sites ... plotted on top": a rank
  ("top 5") and a layer ("plotted on top") are no places, so the pair is the caption's only naming
  (`captions._NOT_A_PLACE`).
- Refusals: a place word in prose ("Left untreated", "Right after", "Left to right"), title case ("Left
  Ventricle Versus Right Ventricle"), a stray place ("the bottom right corner"), places out of order or
  repeated, a letter in running text or printed inside a plot, "(a)" inside an axis title.

Every image here is composed here (line charts drawn with DejaVu Sans text); every caption is written here.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from derm1m_build.pmc.panels.captions import caption_panel_count, split_caption, split_positions
from derm1m_build.pmc.panels.pairing import pair

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

THREE = ("Figure 4: Left A scatter of lesion size against age. Middle A histogram of lesion counts per "
         "patient. Right In a box plot the thickness by body site is compared.")
CODE = ('Figure 2: Fits of the growth model to the naevus data. Only the residual plot is shown. '
        'Left fitgrowth(naevi) Right fitgrowth(naevi, by="site")')
MIXED = ("Figure 6: Left: mean lesion area by week of treatment; right image plot of the area variance "
         "with biopsy sites (dots).")
PAIRED = ("Figure 7: The left panel shows the fitted response surface, and on the right we have the expected "
          "gain with the top 5 sites (labelled by rank) plotted on top.")


# ------------------------------------------------------------------ captions alone

def test_places_opening_sentences_without_colons():
    s = split_positions(THREE)
    assert (s.lead, s.letters) == ("Figure 4:", ["left", "middle", "right"])
    assert s.texts == {"left": "A scatter of lesion size against age.",
                       "middle": "A histogram of lesion counts per patient.",
                       "right": "In a box plot the thickness by body site is compared."}
    assert s.full("middle") == "Figure 4: A histogram of lesion counts per patient."
    assert caption_panel_count(THREE) == 3


def test_capitalised_places_before_code():
    s = split_positions(CODE)
    assert s.lead == "Figure 2: Fits of the growth model to the naevus data. Only the residual plot is shown."
    assert s.letters == ["left", "right"]
    assert s.texts == {"left": "fitgrowth(naevi)", "right": 'fitgrowth(naevi, by="site")'}


def test_a_colon_label_and_a_place_opening_a_clause():
    s = split_positions(MIXED)
    assert (s.lead, s.letters) == ("Figure 6:", ["left", "right"])
    assert s.texts == {"left": "mean lesion area by week of treatment",
                       "right": "image plot of the area variance with biopsy sites (dots)."}


def test_a_rank_and_a_layer_are_no_places():
    s = split_positions(PAIRED)
    assert (s.lead, s.letters) == ("Figure 7:", ["left", "right"])
    assert s.texts == {"left": "The left panel shows the fitted response surface.",
                       "right": "on the right we have the expected gain with the top 5 sites (labelled by rank) "
                                "plotted on top."}


@pytest.mark.parametrize("caption", [
    "Figure 5. Left untreated, plaques spread over eight weeks. Right after biopsy the sites healed.",
    "Figure 5. Left Ventricle Versus Right Ventricle Mass in Patients with Psoriasis",
    # ("Left to right: day 1, day 5 and day 9" lists its panels: round 43, `_positions_listed`; in prose it names none)
    "Figure 5. Plaques spread from left to right over nine days of treatment.",
    "Figure 5. Left and right forearms of one patient.",
    # a stray place may name a part of a panel
    "Figure 4: Left A scatter of lesion size. Right A histogram of counts. The bottom right corner marks the outlier.",
    # out of reading order, repeated, or one place only
    "Figure 4: Right A scatter of lesion size. Left A histogram of counts.",
    "Figure 4: Left A scatter of lesion size. Left A histogram of counts.",
    'Figure 2: Fits of the growth model. Right fitgrowth(naevi, by="site")',
    # a place at the top of the legend is a place: the pair is not the only naming
    "Figure 7: The left panel shows the surface, and on the right we have the gain, with the legend at the top.",
])
def test_place_words_naming_no_panel_name_none(caption):
    assert split_positions(caption) is None
    assert split_caption(caption).letters == []
    assert caption_panel_count(caption) is None


# ------------------------------------------------------------------ composed charts

def _chart(d: ImageDraw.ImageDraw, x0: int, y0: int, w: int, h: int, seed: int, title: str,
           inside: str = "") -> None:
    """A framed line chart at (x0, y0) of w x h: a title above, ticks with numbers, a polyline; with
    `inside`, that text printed among the data."""
    font = ImageFont.truetype(SANS, 14)
    small = ImageFont.truetype(SANS, 11)
    d.text((x0 + w // 2, y0), title, font=font, fill=(0, 0, 0), anchor="mt")
    fx0, fy0, fx1, fy1 = x0 + 34, y0 + 24, x0 + w - 6, y0 + h - 22
    d.rectangle((fx0, fy0, fx1, fy1), outline=(0, 0, 0), width=1)
    for k in range(5):
        tx = fx0 + k * (fx1 - fx0) // 4
        d.line((tx, fy1, tx, fy1 + 4), fill=(0, 0, 0))
        d.text((tx, fy1 + 6), str(k * 5), font=small, fill=(0, 0, 0), anchor="mt")
        ty = fy1 - k * (fy1 - fy0) // 4
        d.line((fx0 - 4, ty, fx0, ty), fill=(0, 0, 0))
        d.text((fx0 - 6, ty), str(k), font=small, fill=(0, 0, 0), anchor="rm")
    rng = np.random.default_rng(seed)
    ys = np.cumsum(rng.normal(0, 1, 24))
    ys = (ys - ys.min()) / (np.ptp(ys) or 1)
    pts = [(fx0 + 4 + i * (fx1 - fx0 - 8) / 23, fy1 - 6 - y * (fy1 - fy0 - 12)) for i, y in enumerate(ys)]
    d.line(pts, fill=(30, 60, 200), width=2)
    if inside:
        d.text(((fx0 + fx1) // 2, (fy0 + fy1) // 2), inside, font=font, fill=(0, 0, 0), anchor="mm")


def _charts(titles, inside=()) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Charts in one row, 260 x 230 each on 40 px white gutters: (BGR image, each chart's box)."""
    W, H, G = 260, 230, 40
    n = len(titles)
    pil = Image.new("RGB", (G // 2 + n * W + (n - 1) * G + G // 2, H + 20), (255, 255, 255))
    d = ImageDraw.Draw(pil)
    boxes = []
    for k, title in enumerate(titles):
        x0 = G // 2 + k * (W + G)
        _chart(d, x0, 10, W, H, seed=k + 7, title=title, inside=inside[k] if k < len(inside) else "")
        boxes.append((x0, 10, x0 + W, 10 + H))
    return np.asarray(pil)[:, :, ::-1].copy(), boxes


def _iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _rows(p):
    return [(name, (b.x, b.y, b.x + b.w, b.y + b.h), text) for name, b, text in p.panels]


@pytest.mark.parametrize("caption, titles, texts", [
    (THREE, ("Size by age", "Counts", "Thickness"),
     ["Figure 4: A scatter of lesion size against age.", "Figure 4: A histogram of lesion counts per patient.",
      "Figure 4: In a box plot the thickness by body site is compared."]),
    (CODE, ("Residuals", "Residuals by site"),
     ["Figure 2: Fits of the growth model to the naevus data. Only the residual plot is shown. fitgrowth(naevi)",
      'Figure 2: Fits of the growth model to the naevus data. Only the residual plot is shown. '
      'fitgrowth(naevi, by="site")']),
    (MIXED, ("Mean area", "Area variance"),
     ["Figure 6: mean lesion area by week of treatment",
      "Figure 6: image plot of the area variance with biopsy sites (dots)."]),
    (PAIRED, ("Fitted surface", "Expected gain"),
     ["Figure 7: The left panel shows the fitted response surface.",
      "Figure 7: on the right we have the expected gain with the top 5 sites (labelled by rank) plotted on top."]),
])
def test_charts_named_by_place_become_rows(caption, titles, texts):
    img, boxes = _charts(titles)
    p, _ = pair(img, caption)
    rows = _rows(p)
    assert p.note == ""
    assert [r[0] for r in rows] == (["left", "middle", "right"] if len(titles) == 3 else ["left", "right"])
    assert [r[2] for r in rows] == texts
    for (_, got, _), want in zip(rows, boxes):
        assert _iou(got, want) >= 0.85, (got, want)


def test_a_place_word_naming_no_panel_keeps_the_charts_whole():
    img, _ = _charts(("Untreated", "After biopsy"))
    p, _ = pair(img, "Figure 5. Left untreated, plaques spread over eight weeks. Right after biopsy the sites healed.")
    assert (p.panels, p.note) == ([], "caption_names_no_panels")


def test_a_letter_inside_a_plot_or_in_running_text_is_no_label():
    img, _ = _charts(("Low dose", "High dose"), inside=("a", "b"))
    p, subs = pair(img, "Figure 3. Lesion counts by dose; the arm marked a in each plot had no biopsy.")
    assert subs.letters == []
    assert (p.panels, p.note) == ([], "caption_names_no_panels")


def test_a_letter_inside_an_axis_title_is_no_label():
    img, _ = _charts(("Dose (a)", "Dose (b)"))
    p, subs = pair(img, "Figure 3. Lesion counts by dose in the two arms of the trial.")
    assert subs.letters == []
    assert (p.panels, p.note) == ([], "caption_names_no_panels")
