"""Round 22: captions written "A. Text. B. Text." or "A: text, B: text, C–D: text", and lettered line drawings.

Manuals and physics articles mark panels with a capital and a full stop or a colon, after the caption's title
and its colon ("Angle options: A. Angle between two vectors. B. ..."), sometimes with the math the PDF text
layer dropped ("A. (). B. (, )."), and join two panels under one marker ("C–D: ... (C) and ... (D)"). The
strict parser took "A." only at a sentence start and "A:" never after a comma, so these captions named no
panels (or A, C, D). Now `captions._ordered_run` takes such markers only as a chain A, B, C... in order, one
stop style, never initials ("A. Smith, B. Jones"), titles ("Fig. 5"), abbreviations ("e.g.", "vs.").

On the image side, `pairing._mixed_corner_rows` (each piece one label, at any corner or centred) now accepts
line drawings whose guide line crosses a piece (a dotted line is no edge between two photographs), plots under a
white band printing their label (the band's edge is no such edge either), and ignores glyphs under half the
tallest label read (contour values, subscripts read as letters). All captions and drawings here are new, written
for these tests; none is a benchmark figure.
"""

from __future__ import annotations

import numpy as np
import pytest

from derm1m_build.pmc.panels import caption_panel_count, split_caption

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


# ------------------------------------------------------------------ captions

def test_capital_and_full_stop_after_a_title_colon():
    s = split_caption("Figure 3: Growth settings used in the runs: A. Temperature against time. "
                      "B. Pressure against time. C. Box volume at the end of each run.")
    assert s.letters == ["A", "B", "C"]
    assert s.lead == "Figure 3: Growth settings used in the runs:"
    assert s.texts == {"A": "Temperature against time.", "B": "Pressure against time.",
                       "C": "Box volume at the end of each run."}


def test_markers_with_math_dropped_by_the_text_layer():
    s = split_caption("Fig. 7: Bond settings of the solver: A. (). B. (, ). Bonds are drawn grey. C. Mean \u27e8\u27e9. "
                      "D. Mean \u27e8\u27e9, .")
    assert s.letters == ["A", "B", "C", "D"]
    assert s.texts["A"] == "()."
    assert s.texts["B"] == "(, ). Bonds are drawn grey."
    assert s.texts["D"] == "Mean \u27e8\u27e9, ."


def test_quoted_texts():
    s = split_caption("Fig. 4: Two sign conventions: A. \u201cClockwise\u201d. B. \u201cCounter-clockwise\u201d.")
    assert s.letters == ["A", "B"]
    assert s.texts == {"A": "\u201cClockwise\u201d.", "B": "\u201cCounter-clockwise\u201d."}


def test_colon_markers_after_commas_and_a_range():
    caption = ("Fig. 2: Three kernels compared on one grid. A: Gaussian kernel, B: box kernel, C\u2013D: "
               "Epanechnikov kernel at width 1 (C) and width 2 (D); dashed lines mark the support.")
    s = split_caption(caption)
    assert s.letters == ["A", "B", "C", "D"]
    assert s.texts["A"] == "Gaussian kernel"
    assert s.texts["B"] == "box kernel"
    # one text for both panels of the range: its "; " is no list of one item a panel
    assert s.texts["C"] == s.texts["D"] == ("Epanechnikov kernel at width 1 (C) and width 2 (D); dashed lines mark"
                                            " the support.")
    assert caption_panel_count(caption) == 4


def test_one_word_texts_ending_with_a_full_stop_are_panels():
    assert split_caption("Fig. 9: Views of the cell: A. Top. B. Side.").letters == ["A", "B"]


@pytest.mark.parametrize("caption", [
    "Figure 1: Photographs: A. Smith, B. Jones, C. Brown took them at the clinic.",  # initials
    "Figure 1: Photographs by A. Smith and B. Jones.",
    "Figure 2: Taken with the e.g. A. B. Jones protocol: C. Brown supervised.",
    "Figure 6: Serum vitamin A. B cells were counted. C. Brown counted them.",  # vitamin A, no panel A
    "Figure 8: Runs compared: B. Short run. A. Long run.",  # out of order
    "Figure 8: Runs compared: A. Short run. B: Long run.",  # two stop styles
    "Figure 8: Runs compared (vs. A. Short run, see Fig. 5. B. Long run).",
])
def test_initials_abbreviations_and_broken_runs_name_no_panels(caption):
    assert caption_panel_count(caption) is None
    assert len(split_caption(caption).letters) <= 1


def test_strict_markers_still_win_when_the_run_adds_nothing():
    s = split_caption("(A) Dermoscopy of the lesion. (B) Histology. A. Smith provided both.")
    assert s.letters == ["A", "B"]
    assert s.texts["B"] == "Histology. A. Smith provided both."


# ------------------------------------------------------------------ drawings

def _molecule(d, x0: int, y0: int, w: int, h: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    pts = [(x0 + int(rng.uniform(0.15, 0.85) * w), y0 + int(rng.uniform(0.1, 0.7) * h)) for _ in range(4)]
    for a, b in zip(pts, pts[1:]):
        d.line((a, b), fill=(0, 0, 0), width=2)
    for x, y in pts:
        d.ellipse((x - 7, y - 7, x + 7, y + 7), fill=(0, 0, 0))


def _drawings(labels: str, guide: bool = True) -> np.ndarray:
    """Line drawings side by side on white, each with its capital centred under it (bold, 18 px), the
    second crossed by a dotted guide line; BGR like cv2.imread."""
    from PIL import Image, ImageDraw, ImageFont

    pw, gap = 140, 50
    W = len(labels) * pw + (len(labels) - 1) * gap + 10
    pil = Image.new("RGB", (W, 230), (255, 255, 255))
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(FONT_BOLD, 20)
    for i, L in enumerate(labels):
        x0 = 5 + i * (pw + gap)
        _molecule(d, x0, 10, pw, 170, seed=i)
        if guide and i == 1:
            for x in range(x0 + 5, x0 + pw - 5, 8):
                d.line((x, 90, x + 3, 90), fill=(0, 0, 0), width=1)
        d.text((x0 + pw // 2 - 7, 195), L, font=font, fill=(0, 0, 0))
    return np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])


def _band_plots() -> np.ndarray:
    """Four heat maps in two rows, white gutters; the top two under a white band printing "A" / "B" at
    the left, the bottom two over a band printing "C" / "D"; grey contour values (small digits) inside,
    and a white scale bar "1 \u00c5" at the foot of A."""
    from PIL import Image, ImageDraw, ImageFont

    pw, ph, band = 300, 260, 36
    pil = Image.new("RGB", (2 * pw + 12, 2 * (ph + band) + 12), (255, 255, 255))
    d = ImageDraw.Draw(pil)
    big, small = ImageFont.truetype(FONT_BOLD, 28), ImageFont.truetype(FONT, 10)
    yy, xx = np.mgrid[0:ph, 0:pw]
    for r in range(2):
        for c in range(2):
            x0 = 4 + c * (pw + 4)
            y0 = 4 + r * (ph + band + 4) + (band if r == 0 else 0)
            t = ((xx + (1 + c) * yy) % 200) / 200.0
            heat = np.stack([255 * t, 120 + 80 * t, 255 * (1 - t)], -1).astype(np.uint8)
            pil.paste(Image.fromarray(heat), (x0, y0))
            for k in range(3):
                d.text((x0 + 40 + 70 * k, y0 + 60 + 50 * k), "0.9", font=small, fill=(140, 140, 140))
            if r == 0 and c == 0:  # a scale bar at the foot of A, just above C's corner
                d.line((x0 + 40, y0 + ph - 40, x0 + 100, y0 + ph - 40), fill=(255, 255, 255), width=4)
                d.text((x0 + 60, y0 + ph - 34), "1 \u00c5", font=ImageFont.truetype(FONT_BOLD, 16), fill=(255, 255, 255))
            L = "ABCD"[2 * r + c]
            ly = y0 - band + 2 if r == 0 else y0 + ph + 2
            d.text((x0 + 4, ly), L, font=big, fill=(0, 0, 0))
    return np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])


def test_photos_meet_not_on_drawings_or_label_bands():
    from derm1m_build.pmc.panels.pairing import _drawing, _photos_meet

    rng = np.random.default_rng(1)
    two = np.concatenate([np.full((120, 100, 3), 60, np.uint8) + rng.integers(0, 20, (120, 100, 3), dtype=np.uint8),
                          np.full((120, 100, 3), 190, np.uint8) + rng.integers(0, 20, (120, 100, 3), dtype=np.uint8)],
                         axis=1)
    assert _photos_meet(two)  # two photographs edge to edge
    banded = two[:, :100].copy()
    banded[:30] = 255
    assert not _photos_meet(banded)  # a photo under a white label band
    drawing = _drawings("AB")[:, 195:335]
    assert _drawing(drawing) and not _photos_meet(drawing)


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _rows(img, caption):
    from derm1m_build.pmc.panels import pair

    pairing, _ = pair(img, caption)
    return pairing, [(L, (b.x, b.y, b.x + b.w, b.y + b.h)) for L, b, _ in pairing.panels]


def test_drawings_labelled_under_each_make_rows(ocr_ok):
    img = _drawings("ABCD")
    pairing, rows = _rows(img, "Fig. 1: Four constructions: A. fixed angle. B. in the plane, fixed distance. "
                                "C. in the plane, fixed angle. D. out of the plane.")
    assert [L for L, _ in rows] == ["A", "B", "C", "D"]
    for i, (L, (x0, y0, x1, y1)) in enumerate(rows):
        left = 5 + i * 190
        assert left - 5 <= x0 and x1 <= left + 145, (L, x0, x1)  # each row its own drawing
        assert y1 >= 200  # the label under it is in the crop
    assert pairing.panels[1][2].endswith("in the plane, fixed distance.")


def test_drawings_whose_letters_disagree_stay_whole(ocr_ok):
    img = _drawings("ABCE")  # the caption names D, the image prints E
    pairing, rows = _rows(img, "Fig. 1: Four constructions: A. one. B. two. C. three. D. four.")
    assert rows == [] and pairing.note


def test_plots_under_label_bands_make_rows(ocr_ok):
    img = _band_plots()
    pairing, rows = _rows(img, "Fig. 3: Four potentials. A: isotropic, B: radial, C\u2013D: flexible at two widths"
                                " (C) and (D).")
    assert [L for L, _ in rows] == ["A", "B", "C", "D"]
    centres = {L: ((x0 + x1) / 2, (y0 + y1) / 2) for L, (x0, y0, x1, y1) in rows}
    W, H = img.shape[1], img.shape[0]
    assert centres["A"][0] < W / 2 < centres["B"][0] and centres["A"][1] < H / 2
    assert centres["C"][0] < W / 2 < centres["D"][0] and centres["C"][1] > H / 2


def test_mixed_corners_drop_glyphs_in_another_piece_and_small_glyphs():
    """The reads of a 2 x 2 figure (labels A, B over the top pieces, C, D under the bottom ones): piece 1's
    look above its corner read "A" inside piece 0 (a scale bar's "\u00c5"), and 7 px contour values read
    "C" at other corners; the labels are 24-28 px. Each piece keeps its own label only."""
    from derm1m_build.pmc.panels.gutters import Box
    from derm1m_build.pmc.panels.letters import CENTRES, CORNERS
    from derm1m_build.pmc.panels.pairing import _mixed_corner_rows

    boxes = [Box(4, 4, 371, 403), Box(4, 408, 371, 405), Box(376, 4, 369, 403), Box(376, 408, 369, 405)]
    tl, tr, bl, br = CORNERS
    seen = {tl: (["A", "A", "B", None], [[(7, 4, 24, 26)], [(74, 381, 12, 16)], [(377, 5, 21, 25)], []]),
            tr: ([None, "C", None, "C"], [[], [(347, 497, 6, 7)], [], [(724, 497, 7, 7)]]),
            bl: ([None, "C", None, "D"], [[], [(7, 781, 23, 28)], [], [(377, 783, 22, 25)]]),
            br: ([None, "C", "C", "C"], [[], [(310, 762, 7, 7)], [(688, 389, 6, 7)], [(688, 762, 6, 7)]]),
            CENTRES[0]: ([None] * 4, [[]] * 4), CENTRES[1]: ([None] * 4, [[]] * 4)}
    subs = split_caption("A: one, B: two, C\u2013D: three (C) and four (D).")
    rows = _mixed_corner_rows(boxes, seen, subs)
    assert [(L, b) for L, b, _ in rows.panels] == [("A", boxes[0]), ("B", boxes[2]), ("C", boxes[1]), ("D", boxes[3])]
    # the "A" read inside piece 0 counted as piece 1's: two letters on piece 1, no rows
    seen[tl] = (["A", "A", "B", None], [[(7, 4, 24, 26)], [(74, 420, 24, 26)], [(377, 5, 21, 25)], []])
    assert _mixed_corner_rows(boxes, seen, subs) is None
