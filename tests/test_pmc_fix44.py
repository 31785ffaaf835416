"""Round 44: a line of printed panel labels under (or over) the panels is no panel of its own.

Two drawings side by side with "(a)" and "(b)" centred under each: when the gutter split leaves the line of
labels as a piece of its own, a row may not take it as a panel (its letter paired with a line of print, the
other letter with both drawings). `pairing._label_row` refuses such rows (a strip at most a third of the
height of two or more pieces it runs under or over, every mark in it print); `_pair` then asks the ways
that cut the panels under their labels, and where none can, the figure stays whole.

Every image here is composed here (line drawings, DejaVu Serif Italic labels); every caption is written here.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from derm1m_build.pmc.panels import pair
from derm1m_build.pmc.panels.captions import caption_panel_count, split_positions
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.pairing import Pairing, _label_row, _print_only

SERIF_I = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"
CAPTION = ("Figure 3. Paths of the cut. (a) The dashed circle over the lower arc; (b) the full circle with the "
           "lower arc drawn heavy.")
LEFT, RIGHT = Box(6, 6, 135, 129), Box(197, 6, 135, 129)  # the two drawings' pieces
STRIP = Box(67, 147, 212, 20)  # the line holding "(a)" and "(b)"


def drawings(labels: tuple[str, str] | None = ("(a)", "(b)"), track: bool = False) -> np.ndarray:
    """338 x 175: two line drawings (a dashed and a full circle over an arc with two legs) at LEFT and
    RIGHT, a label centred under each (its line inside STRIP); with `track`, a line spanning STRIP's
    width replaces the labels (a thin panel of its own: a timeline's axis)."""
    im = Image.new("L", (338, 175), 255)
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(SERIF_I, 15)
    for k, b in enumerate((LEFT, RIGHT)):
        cx, r = b.x + b.w // 2, 50
        cy = b.y + 4 + r
        if k == 0:
            for a in range(0, 360, 24):
                d.arc([cx - r, cy - r, cx + r, cy + r], a, a + 12, fill=0, width=2)
        else:
            d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=0, width=2)
        d.arc([cx - r - 10, cy + 10, cx + r + 10, cy + 2 * r], 180, 360, fill=0, width=3)
        d.line([cx - r - 10, cy + r, cx - r - 10, b.y + b.h - 1], fill=0, width=1)
        d.line([cx + r + 10, cy + r, cx + r + 10, b.y + b.h - 1], fill=0, width=1)
        if labels:
            w = d.textlength(labels[k], font=font)
            d.text((cx - w / 2, STRIP.y), labels[k], font=font, fill=0)
    if track:
        d.line([STRIP.x, STRIP.y + 10, STRIP.x + STRIP.w - 1, STRIP.y + 10], fill=0, width=2)
        for x in range(STRIP.x, STRIP.x + STRIP.w, 30):
            d.line([x, STRIP.y + 6, x, STRIP.y + 14], fill=0, width=1)
    return np.stack([np.asarray(im)] * 3, axis=-1)


def flipped(img: np.ndarray) -> np.ndarray:
    """The same figure upside down: the line of labels over the drawings."""
    return np.ascontiguousarray(img[::-1])


def up(b: Box, H: int = 175) -> Box:
    return Box(b.x, H - b.y - b.h, b.w, b.h)


# ------------------------------------------------------------------ the rule, on given pieces

def test_a_row_taking_the_line_of_labels_is_refused():
    img = drawings()
    both = Box(6, 6, 326, 129)
    rows = Pairing([("A", both, "a"), ("B", STRIP, "b")])
    assert _label_row(img, [LEFT, RIGHT, STRIP], rows) == \
        "label_row: row B's crop is a line of print under 2 panels, not a panel"


def test_the_same_line_over_the_panels_is_refused():
    img = flipped(drawings())
    rows = Pairing([("A", up(STRIP), "a"), ("B", Box(6, 40, 326, 129), "b")])
    assert _label_row(img, [up(STRIP), up(LEFT), up(RIGHT)], rows) == \
        "label_row: row A's crop is a line of print over 2 panels, not a panel"


def test_rows_of_the_drawings_themselves_stand():
    img = drawings()
    rows = Pairing([("A", Box(6, 6, 135, 161), "a"), ("B", Box(197, 6, 135, 161), "b")])
    assert _label_row(img, [LEFT, RIGHT, STRIP], rows) == ""


@pytest.mark.parametrize("pieces, strip", [
    ([LEFT, RIGHT, Box(16, 147, 110, 20)], Box(16, 147, 110, 20)),  # under one panel only: a sub-caption line
    ([LEFT, RIGHT, Box(67, 100, 212, 67)], Box(67, 100, 212, 67)),  # over half the panels' height: no line of print
])
def test_a_strip_under_one_panel_or_a_tall_one_is_not_a_label_row(pieces, strip):
    img = drawings()
    rows = Pairing([("A", Box(6, 6, 326, 129), "a"), ("B", strip, "b")])
    assert _label_row(img, pieces, rows) == ""


def test_a_thin_panel_drawing_a_long_line_is_a_panel():
    # a timeline under two drawings: its axis is one mark ten times the strip's height wide
    img = drawings(labels=None, track=True)
    assert not _print_only(img, STRIP)
    rows = Pairing([("A", LEFT, "a"), ("B", RIGHT, "b"), ("C", STRIP, "c")])
    assert _label_row(img, [LEFT, RIGHT, STRIP], rows) == ""


def test_print_only_wants_ink_and_glyph_sized_marks():
    img = drawings()
    assert _print_only(img, STRIP)
    assert not _print_only(img, Box(150, 20, 40, 20))  # the gutter between the drawings: no ink
    assert not _print_only(img, Box(197, 6, 135, 40))  # the full circle's top: an arc wider than twice its height


# ------------------------------------------------------------------ the figure, end to end

def test_two_drawings_labelled_under_give_two_columns():
    p, _ = pair(drawings(), CAPTION)
    assert p.note == ""
    assert [L for L, _, _ in p.panels] == ["A", "B"]
    # each crop is one drawing with its label under it, never the line of labels alone
    assert [b for _, b, _ in p.panels] == [Box(13, 10, 121, 153), Box(204, 10, 121, 153)]
    assert p.panels[1][2] == "Figure 3. Paths of the cut. the full circle with the lower arc drawn heavy."


def test_the_same_with_no_caption_stays_whole():
    p, _ = pair(drawings(), "")
    assert (p.panels, p.note) == ([], "caption_names_no_panels")


# ------------------------------------------------------------------ "(the left)" / "(the right)"

THE = "Figure 7. Phase portraits of the system for a = 1 (the left) and for a = -1 (the right)."


def test_bracketed_places_with_their_article_name_panels():
    s = split_positions(THE)
    assert (s.lead, s.letters) == ("Figure 7.", ["left", "right"])
    assert s.texts == {"left": "Phase portraits of the system for a = 1", "right": "for a = -1"}
    assert caption_panel_count(THE) == 2


@pytest.mark.parametrize("caption", [
    "Figure 7. Phase portraits for a = 1 (the left) and for a = -1 (the left).",  # one place twice
    "Figure 7. Phase portraits for a = 1 (the left).",  # one place alone
    "Figure 7. Phase portraits for a = 1 (the end) and for a = -1 (the start).",  # no place
])
def test_bracketed_places_with_their_article_refused(caption):
    assert split_positions(caption) is None


def test_two_drawings_named_the_left_and_the_right_give_rows():
    p, _ = pair(drawings(labels=None), THE)
    assert p.note == ""
    assert [L for L, _, _ in p.panels] == ["left", "right"]
    assert [b for _, b, _ in p.panels] == [Box(13, 10, 121, 125), Box(204, 10, 121, 125)]  # the drawings' ink
    assert p.panels[1][2] == "Figure 7. for a = -1"
