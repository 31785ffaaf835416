"""Round 43: captions listing their panels "from left to right" / "from top to bottom", and fewer OCR reads
with the same rows.

- "From left to right: X, Y and Z." (also "Left to right:", "(from top to bottom) X; Y", a comma after the
  phrase): two or three items name left / right or left / middle / right (top / middle / bottom), each
  item its panel's words (`captions._positions_listed`); the rows come from the places as before
  (`pairing._position_rows`: only when the pieces are laid out that way).
- Refusals: the phrase closing its list ("X, Y and Z, from top to bottom"), prose after it ("as the arrows
  show"), four items, items whose bounds are not sure ("blood and serum, urine and saliva"), a stray place
  ("the left cheek"), two phrases; a letter in running text or inside a plot, "(a)" in an axis title.
- OCR: each distinct crop is read once a figure (`pairing._once_each`), and a corner after the top-left
  stops reading as soon as it can no longer name more caption letters than the best corner so far, where
  no other rule reads it (`pairing._corner_reads`): same rows, fewer reads.

Every image here is composed here (line charts drawn with DejaVu Sans text); every caption is written here.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from derm1m_build import ocr
from derm1m_build.pmc.panels import pairing
from derm1m_build.pmc.panels.captions import caption_panel_count, split_caption, split_positions
from derm1m_build.pmc.panels.letters import CORNERS
from derm1m_build.pmc.panels.pairing import _corner_reads, _once_each, pair
from derm1m_build.pmc.panels.xycut import layout

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

ROW3 = ("Figure 2. Nodular melanoma on the back, from left to right: clinical photograph, dermoscopy, and "
        "histology (H&E, x40). Scale bar 1 mm.")
BRACKET = ("Figure 3. Serial photographs (from left to right) at baseline, after 4 weeks and after 12 weeks "
           "of treatment.")
COLUMN = "Figure 4. From top to bottom: the raw scan; the mask, after thresholding."
BARE = "Figure 5. Left to right: day 1, day 5 and day 9 of treatment."
PAIR = ("Figure 6. Lesion area by week, from left to right, in the treated arm and in the untreated arm, "
        "respectively.")


# ------------------------------------------------------------------ captions alone

def test_a_list_from_left_to_right_names_three_panels():
    s = split_positions(ROW3)
    assert (s.lead, s.letters) == ("Figure 2. Nodular melanoma on the back", ["left", "middle", "right"])
    assert s.texts == {"left": "clinical photograph. Scale bar 1 mm.", "middle": "dermoscopy. Scale bar 1 mm.",
                       "right": "histology (H&E, x40). Scale bar 1 mm."}
    assert s.full("middle") == "Figure 2. Nodular melanoma on the back dermoscopy. Scale bar 1 mm."
    assert caption_panel_count(ROW3) == 3
    assert split_caption(ROW3).letters == []


@pytest.mark.parametrize("caption, lead, names, texts", [
    (BRACKET, "Figure 3. Serial photographs", ["left", "middle", "right"],
     ["at baseline.", "after 4 weeks.", "after 12 weeks of treatment."]),
    (COLUMN, "Figure 4.", ["top", "bottom"], ["the raw scan.", "the mask, after thresholding."]),
    (BARE, "Figure 5.", ["left", "middle", "right"], ["day 1.", "day 5.", "day 9 of treatment."]),
    (PAIR, "Figure 6. Lesion area by week", ["left", "right"], ["in the treated arm.", "in the untreated arm."]),
])
def test_list_forms(caption, lead, names, texts):
    s = split_positions(caption)
    assert (s.lead, s.letters) == (lead, names)
    assert [s.texts[n] for n in names] == texts
    assert caption_panel_count(caption) == len(names)


@pytest.mark.parametrize("caption", [
    # the phrase closing its list: the values of one chart's curves as often as its panels
    "Figure 7. Stream function for Re = 10, 50 and 90, from top to bottom.",
    "Figure 7. Temperature at steps 1, 16 and 48 (top to bottom)",
    # prose after the phrase, or none
    "Figure 7. The colour runs from left to right, as the arrows show.",
    "Figure 7. Cells migrate from left to right.",
    # four items: no layout the places name; one item
    "Figure 7. From left to right: day 1, day 5, day 9 and day 14.",
    "Figure 7. From left to right: the plaque.",
    # whose words are whose is not sure
    "Figure 7. From left to right: blood and serum, urine and saliva.",
    "Figure 7. From left to right: plaque, papule and nodule and scar.",
    # another place word may name a part of a panel; two phrases
    "Figure 7. From left to right: plaque on the left cheek, the nose and the chin.",
    "Figure 7. From left to right: plaque, papule and nodule. From top to bottom: day 1 and day 5.",
])
def test_place_lists_naming_no_panel_name_none(caption):
    assert split_positions(caption) is None
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


def _grid(titles, cols: int, labels: str = "", at: str = "top", inside=()):
    """Charts of 260 x 230 on 40 px white gutters, `cols` a row; with `labels`, a bold letter at each
    chart's top-left (`at` "top") or bottom-left ("bottom") corner: (BGR image, each chart's box)."""
    W, H, G = 260, 230, 40
    rows = (len(titles) + cols - 1) // cols
    pil = Image.new("RGB", (G + cols * W + (cols - 1) * G, G + rows * H + (rows - 1) * G), (255, 255, 255))
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(BOLD, 22)
    boxes = []
    for k, title in enumerate(titles):
        r, c = divmod(k, cols)
        x0, y0 = G // 2 + c * (W + G), G // 2 + r * (H + G)
        _chart(d, x0, y0, W, H, seed=k + 11, title=title, inside=inside[k] if k < len(inside) else "")
        if labels:
            d.text((x0 + 2, y0 + 2 if at == "top" else y0 + H - 26), labels[k], font=font, fill=(0, 0, 0))
        boxes.append((x0, y0, x0 + W, y0 + H))
    return np.asarray(pil)[:, :, ::-1].copy(), boxes


def _iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _rows(p):
    return [(name, (b.x, b.y, b.x + b.w, b.y + b.h), text) for name, b, text in p.panels]


@pytest.mark.parametrize("caption, titles, cols, texts", [
    (ROW3, ("Photograph", "Dermoscopy", "Histology"), 3,
     ["Figure 2. Nodular melanoma on the back clinical photograph. Scale bar 1 mm.",
      "Figure 2. Nodular melanoma on the back dermoscopy. Scale bar 1 mm.",
      "Figure 2. Nodular melanoma on the back histology (H&E, x40). Scale bar 1 mm."]),
    (COLUMN, ("Raw scan", "Mask"), 1,
     ["Figure 4. the raw scan.", "Figure 4. the mask, after thresholding."]),
])
def test_charts_listed_in_order_become_rows(caption, titles, cols, texts):
    img, boxes = _grid(titles, cols)
    p, _ = pair(img, caption)
    rows = _rows(p)
    assert p.note == ""
    names = split_positions(caption).letters
    assert [r[0] for r in rows] == names
    assert [r[2] for r in rows] == texts
    for (_, got, _), want in zip(rows, boxes):
        assert _iou(got, want) >= 0.85, (got, want)


def test_a_list_the_layout_does_not_show_keeps_the_figure_whole():
    img, _ = _grid(("Photograph", "Dermoscopy"), 2)
    p, _ = pair(img, ROW3)  # three places over two charts
    assert (p.panels, p.note) == ([], "positions_disagree: 2 pieces, caption names 3 positions")
    img, _ = _grid(("Raw scan", "Mask"), 2)
    p, _ = pair(img, COLUMN)  # top and bottom over two charts side by side
    assert (p.panels, p.note) == ([], "positions_disagree: the pieces are not laid out as top, bottom")


def test_a_list_closing_its_sentence_keeps_the_charts_whole():
    img, _ = _grid(("Re = 10", "Re = 50", "Re = 90"), 1)
    p, _ = pair(img, "Figure 7. Stream function for Re = 10, 50 and 90, from top to bottom.")
    assert (p.panels, p.note) == ([], "caption_names_no_panels")


def test_a_letter_inside_a_plot_or_in_running_text_is_no_label():
    img, _ = _grid(("Low dose", "High dose"), 2, inside=("a", "b"))
    p, subs = pair(img, "Figure 3. Lesion counts by dose; the arm marked a in each plot had no biopsy.")
    assert subs.letters == []
    assert (p.panels, p.note) == ([], "caption_names_no_panels")


def test_a_letter_inside_an_axis_title_is_no_label():
    img, _ = _grid(("Dose (a)", "Dose (b)"), 2)
    p, subs = pair(img, "Figure 3. Lesion counts by dose in the two arms of the trial, from left to right.")
    assert subs.letters == []
    assert (p.panels, p.note) == ([], "caption_names_no_panels")


# ------------------------------------------------------------------ OCR reads

class _Recorder:
    """The recogniser, every call recorded by its input (pixels, shape, letters allowed)."""

    def __init__(self) -> None:
        self.keys: list = []

    def __call__(self, rgb, *allowed):
        a = np.ascontiguousarray(rgb)
        self.keys.append((hashlib.sha1(a.tobytes()).hexdigest(), a.shape, allowed))
        return ocr.read_line(rgb, *allowed)


def test_once_each_answers_a_repeat_from_the_first_read():
    calls = []

    def fake(rgb, *allowed):
        calls.append(allowed)
        return (f"{int(np.asarray(rgb).sum())}{''.join(allowed)}", 0.5)

    once = _once_each(fake)
    a = np.zeros((4, 5, 3), np.uint8)
    b = a.copy()
    b[0, 0, 0] = 7
    assert [once(a), once(a, "AB"), once(a.copy()), once(b), once(a, "AB"), once(a[:, :4])] == \
        [("0", 0.5), ("0AB", 0.5), ("0", 0.5), ("7", 0.5), ("0AB", 0.5), ("0", 0.5)]
    assert calls == [(), ("AB",), (), ()]  # a, a with AB, b, and a's narrower crop (another shape)
    assert _once_each(None) is None


CAPTION4 = "Figure 1. (A) Lesion area. (B) Lesion count. (C) Thickness. (D) Erythema score."


def test_labels_at_the_bottom_left_read_each_crop_once_with_the_same_rows():
    img, boxes = _grid(("Area", "Count", "Thickness", "Erythema"), 2, labels="ABCD", at="bottom")
    rec = _Recorder()
    p, _ = pair(img, CAPTION4, read=rec, detect=lambda rgb: [], heads=None)
    rows = _rows(p)
    assert [r[0] for r in rows] == ["A", "B", "C", "D"]
    for (_, got, _), want in zip(rows, boxes):
        assert _iou(got, want) >= 0.85, (got, want)
    assert rec.keys and len(rec.keys) == len(set(rec.keys))  # before: 22 reads, 6 of them repeats


def test_a_corner_that_cannot_name_more_letters_is_not_read(monkeypatch):
    # three charts labelled A-C under a caption naming A-D: the top-left names three letters; no other
    # corner of three pieces can name more, and with three pieces for four letters no other rule reads them
    img, _ = _grid(("Area", "Count", "Thickness"), 3, labels="ABC")
    looked = []
    real = pairing.corner_letter

    def spy(img_, b, read=None, side=None, want=None, corners=CORNERS[:3], where=None):
        looked.append(tuple(corners))
        return real(img_, b, read, side, want=want, corners=corners, where=where)

    monkeypatch.setattr(pairing, "corner_letter", spy)
    p, _ = pair(img, CAPTION4, read=ocr.read_line, detect=lambda rgb: [], heads=None)
    assert (p.panels, p.note) == ([], "letters_disagree: image A,B,C, caption A,B,C,D")
    assert looked and set(looked) == {(CORNERS[0],)}  # before: every piece read at all four corners


def test_corner_reads_stop_only_when_the_corner_cannot_win():
    img, _ = _grid(("Area", "Count", "Thickness"), 3, labels="ABC")
    boxes = layout(img)[0]
    assert len(boxes) == 3
    side = max(img.shape[:2])
    prose = [False] * 3
    calls = []

    def read(rgb, *allowed):
        calls.append(allowed)
        return ocr.read_line(rgb, *allowed)

    found, where = _corner_reads(img, boxes, prose, CORNERS[0], read, side, list("ABCD"))
    assert found == ["A", "B", "C"] and all(w for w in where)
    n = len(calls)
    # top-right: nothing printed there; with three letters to beat no piece is read, with two every one is
    found, _ = _corner_reads(img, boxes, prose, CORNERS[1], read, side, list("ABCD"), beat=3)
    assert (found, len(calls)) == ([None, None, None], n)
    found, _ = _corner_reads(img, boxes, prose, CORNERS[1], read, side, list("ABCD"), beat=2)
    assert found == [None, None, None] and len(calls) > n
