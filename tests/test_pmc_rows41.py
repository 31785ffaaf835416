"""Round 41: bracketed labels on a speckled field, and captions whose letters close their panels' words.

- A thin "(d)" printed on a mid-grey field speckled white (simulation snapshots, micrographs) comes apart
  under the glyph look's local masks; a fragment reads as F, a speck beside the label as A. On a field
  (not paper) the corner's bracketed label is found at the patch's own contrast (`glyphs.bracket_spans`)
  and read whole first (`letters._span_label`); a glyph inside such a label that is not its letter defers
  to the whole label's read (`letters._span_of`).
- "Control flow graph of a loop (a). An inner tree ... guard (b).": every marker closes its panel's words
  (`captions._trailing`), so each panel's text is the words before its letter, not after.

Every image here is composed here (seeded grey fields with white speckles, DejaVu Sans labels); every
caption is written here.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from derm1m_build.pmc.panels import Box, split_caption
from derm1m_build.pmc.panels.captions import split_positions
from derm1m_build.pmc.panels.glyphs import bracket_spans
from derm1m_build.pmc.panels.letters import CORNERS, _span_read, corner_letter
from derm1m_build.pmc.panels.pairing import pair

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _field(w: int, h: int, seed: int, speck: float = 0.3) -> np.ndarray:
    """A mid-grey field (128 +- 12) with a share `speck` of its pixels white-ish (190-255), BGR."""
    rng = np.random.default_rng(seed)
    f = np.full((h, w), 128, np.int16) + rng.integers(-12, 13, (h, w))
    m = rng.random((h, w)) < speck
    f[m] = rng.integers(190, 256, int(m.sum()))
    return np.repeat(np.clip(f, 0, 255).astype(np.uint8)[:, :, None], 3, axis=2)


def _text(canvas: np.ndarray, s: str, x: int, y: int, size: int = 17) -> None:
    """`s` printed in near-black DejaVu Sans with its top-left at (x, y)."""
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(SANS, size)
    l, t, _, _ = d.textbbox((0, 0), s, font=font)
    d.text((x - l, y - t), s, font=font, fill=(20, 20, 20))
    canvas[:] = np.asarray(pil)[:, :, ::-1]


def _snapshots(seed: int = 3, speck: float = 0.3) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Six speckled fields in a 3 x 2 grid on 8 px white gutters, each framed and labelled "(a)".."(f)"
    at its top-left: (BGR image, boxes (x, y, w, h) in reading order)."""
    W, H = 2 * 200 + 3 * 8, 3 * 170 + 4 * 8
    c = np.full((H, W, 3), 255, np.uint8)
    boxes = []
    for k, L in enumerate("abcdef"):
        r, q = divmod(k, 2)
        x, y = 8 + q * 208, 8 + r * 178
        c[y:y + 170, x:x + 200] = _field(200, 170, seed + k, speck)
        c[y, x:x + 200] = c[y + 169, x:x + 200] = 40
        c[y:y + 170, x] = c[y:y + 170, x + 199] = 40
        _text(c, f"({L})", x + 8, y + 8)
        boxes.append((x, y, 200, 170))
    return c, boxes


CAPTION = ("Figure 3. Snapshots of a cooling film. (a) The film at 1 ns. (b) At 2 ns. (c) At 3 ns. (d) At 4 ns. "
           "(e) At 5 ns. (f) At 6 ns.")


# ------------------------------------------------------------------ labels on a speckled field

@pytest.mark.parametrize("speck", [0.2, 0.3, 0.4])
def test_bracketed_labels_on_a_speckled_field_read_whole(ocr_ok, speck):
    # main read A at panel c (a speck beside "(c)") and nothing at b and d
    img, boxes = _snapshots(3, speck)
    side = max(img.shape[:2])
    got = [corner_letter(img, Box(*b), ocr_ok.read_line, side, want=set("ABCDEF"), corners=(CORNERS[0],))
           for b in boxes]
    assert got == ["A", "B", "C", "D", "E", "F"]


def test_speckled_snapshots_pair_by_letter(ocr_ok):
    # main kept the figure whole: letters_disagree (image A)
    img, boxes = _snapshots(3, 0.3)
    pairing, subs = pair(img, CAPTION)
    assert pairing.note == ""
    assert [L for L, _, _ in pairing.panels] == ["A", "B", "C", "D", "E", "F"]
    for (L, b, text), (x, y, w, h) in zip(pairing.panels, boxes):
        assert abs(b.x - x) <= 2 and abs(b.y - y) <= 2 and abs(b.w - w) <= 3 and abs(b.h - h) <= 3
    assert pairing.panels[3][2] == "Figure 3. Snapshots of a cooling film. At 4 ns."


def test_bracket_spans_on_a_field_and_on_paper():
    f = _field(200, 80, 12)
    _text(f, "(c)", 8, 8)
    assert bracket_spans(f, 6) == [((9, 8, 29, 23), (16, 12, 7, 9))]
    p = np.full((80, 200, 3), 255, np.uint8)
    _text(p, "(b)", 8, 8)
    assert bracket_spans(p, 6) == [((9, 8, 30, 23), (16, 8, 9, 13))]


def test_a_bracket_in_an_axis_title_is_no_label(ocr_ok):
    f = _field(200, 80, 11)
    _text(f, "Area (c)", 8, 8)
    assert bracket_spans(f, 6) == []
    page = np.full((400, 400, 3), 255, np.uint8)
    page[:80, :200] = f
    assert corner_letter(page, Box(0, 0, 200, 80), ocr_ok.read_line, 400, want=set("ABC"),
                         corners=(CORNERS[0],)) is None


def test_a_bracket_in_running_text_is_no_label():
    p = np.full((80, 300, 3), 255, np.uint8)
    _text(p, "as in (c) the", 8, 8)
    assert bracket_spans(p, 6) == []


def test_a_bracketed_letter_the_caption_does_not_name_is_no_label(ocr_ok):
    f = _field(200, 80, 12)
    _text(f, "(c)", 8, 8)
    spans = bracket_spans(f, 6)
    assert _span_read(f, 0, 0, spans[0], {"C"}, ocr_ok.read_line) == ("C", (16, 12, 7, 9))
    assert _span_read(f, 0, 0, spans[0], {"A", "B"}, ocr_ok.read_line) is None


def test_dark_field_has_no_spans():
    # print darker than the ground only: on a dark field (median under 100) nothing is looked for
    f = np.full((80, 200, 3), 60, np.uint8)
    _text(f, "(c)", 8, 8)
    assert bracket_spans(f, 6) == []


# ------------------------------------------------------------------ captions: letters that close their words

def test_markers_closing_their_sentences():
    s = split_caption("Figure 7. Scan of a plaque on the shin under polarised light (a). The same plaque seen "
                      "through a dermatoscope, with the vessels dotted (b).")
    assert s.lead == "Figure 7."
    assert s.letters == ["A", "B"]
    assert s.texts == {"A": "Scan of a plaque on the shin under polarised light.",
                       "B": "The same plaque seen through a dermatoscope, with the vessels dotted."}


def test_markers_closing_clauses_share_the_tail():
    s = split_caption("Fig. 2. Plaques on the elbow (a) and on the knee (b). Scale bars, 1 cm.")
    assert s.lead == "Fig. 2."
    assert s.texts == {"A": "Plaques on the elbow. Scale bars, 1 cm.", "B": "on the knee. Scale bars, 1 cm."}


def test_a_marker_without_words_shares_the_previous_panels():
    s = split_caption("Fig. 4. Nodules on the scalp (a) and (b), and on the neck (c).")
    assert s.texts == {"A": "Nodules on the scalp.", "B": "Nodules on the scalp.", "C": "on the neck."}


def test_opening_markers_keep_their_reading():
    s = split_caption("Fig. 2. (a) Plaque on the elbow. (b) Plaque on the knee, as in (a).")
    assert s.lead == "Fig. 2."
    assert s.texts == {"A": "Plaque on the elbow.", "B": "Plaque on the knee, as in (a)."}
    # one marker opening its words: not every marker closes, the usual reading
    s = split_caption("Fig. 5. Plaque on the elbow (a). (b) Plaque on the knee.")
    assert s.lead == "Fig. 5. Plaque on the elbow" and s.texts["B"] == "Plaque on the knee."


# ------------------------------------------------------------------ a place word that names no panel

def test_a_place_word_that_names_no_panel_stays_whole():
    cap = "Figure 2. Plaque on the left forearm before treatment; the lesion cleared after six weeks."
    assert split_positions(cap) is None
    assert split_caption(cap).letters == []
    img, _ = _snapshots(3, 0.3)
    pairing, _ = pair(img, cap)
    assert pairing.panels == [] and pairing.note == "caption_names_no_panels"
