"""Round 34: captions that name their panels in ways the parser did not read.

- A place with its closing bracket alone at a sentence start, as some package vignettes print it:
  "Left) ... Right) ...", "Top) ... Bottom) ..." (the bracketed "(Left)" was read already).
- Several places in one sentence, each in a clause of its own: "the map in the left panel, while the
  middle panel ..., the right panel shows ..." (one place a sentence was needed).
- Help-page prose naming lettered panels by a picture word and a capital: "on image 'A' below ... for
  image B ... images C and D show ..." (taken only where the image prints the same letters).

And the refusals: a place inside a clause that runs on to the next ("points in the left panel lie above
those in the right panel"), a lone place, "image I" (a pronoun), letters with a gap. The captions are
written here; the figures are matplotlib plots laid out on a white page (`test_pmc_rows27`) or photo grids
composed from the shared real photographs with printed letters (`benchmarks.pmc.derm_grids`, seeds no
benchmark uses). None is a benchmark set's figure or caption.
"""

from __future__ import annotations

import numpy as np
import pytest

from conftest import REALDATA, SHARED_SKIP
from derm1m_build.pmc.panels import split_caption, split_panel_refs, split_positions
from derm1m_build.pmc.panels.captions import caption_panel_count


def _texts(subs):
    return None if subs is None else (subs.lead, subs.letters, subs.texts)


# ------------------------------------------------------------------ "Left) ... Right) ..."

def test_a_place_with_its_closing_bracket_alone_names_a_panel():
    cap = "Figure 6: Left) Histogram of lesion diameters (histA). Right) Diameter against age (scatB)."
    assert _texts(split_positions(cap)) == (
        "Figure 6:", ["left", "right"],
        {"left": "Histogram of lesion diameters (histA).", "right": "Diameter against age (scatB)."})
    assert caption_panel_count(cap) == 2
    cap = "Figure 2. Top) Raw signal over one day. Bottom) The same signal after smoothing."
    assert _texts(split_positions(cap)) == (
        "Figure 2.", ["top", "bottom"],
        {"top": "Raw signal over one day.", "bottom": "The same signal after smoothing."})
    cap = "Figure 3: Left) Raw scan. Middle) Mask. Right) Overlay."
    assert split_positions(cap).letters == ["left", "middle", "right"]


def test_a_closing_bracket_inside_a_sentence_or_alone_names_nothing():
    # a bracketed place inside a sentence, then one place with a bracket: no layout named
    assert split_positions("Figure 3. The rash spreads (to the left) within days. Right) Week two.") is None
    assert split_positions("Figure 3: Left) Week one only.") is None
    # the same place twice is no layout
    assert split_positions("Figure 3: Left) Week one. Left) Week two.") is None
    # a letter's bracket is still a letter marker, not a place
    assert split_caption("Figure 4: A) Week one. B) Week two.").letters == ["A", "B"]


# ------------------------------------------------------------------ places in one sentence

THREE = ("Thresholds change what an overlay shows. Look at the unthresholded map in the left panel, whereas "
         "the middle panel keeps only values over 3 (two blobs remain), the right panel shows a stricter cut at 5.")


def test_places_in_one_sentence_each_in_its_own_clause_name_panels():
    assert _texts(split_positions(THREE)) == (
        "Thresholds change what an overlay shows.", ["left", "middle", "right"],
        {"left": "Look at the unthresholded map in the left panel.",
         "middle": "the middle panel keeps only values over 3 (two blobs remain).",
         "right": "the right panel shows a stricter cut at 5."})
    assert caption_panel_count(THREE) == 3
    # two places in one sentence joined by "and": each its clause, the words as the pair rule wrote them
    two = "Figure 2. The left panel shows the raw counts and the right panel shows the fitted curve."
    assert _texts(split_positions(two)) == (
        "Figure 2.", ["left", "right"],
        {"left": "The left panel shows the raw counts.", "right": "the right panel shows the fitted curve."})


def test_places_in_one_running_clause_name_nothing():
    assert split_positions("Figure 2. Points in the left panel lie above those in the right panel.") is None
    # a break between them, but the first place neither closes its clause nor the second opens its own
    assert split_positions("Figure 2. Points in the left panel lie high, unlike most points of the right "
                           "panel which lie low.") is None
    # a place repeated, or no whole layout
    assert split_positions("Figure 2. The left panel shows A, while the left panel also shows B.") is None
    assert split_positions("Figure 2. The left panel shows cells, while the middle panel shows nuclei.") is None


# ------------------------------------------------------------------ "image 'A' below ... image B"

PROSE = ("Overlays can be blended. In image 'A' below the overlay is opaque, while for image B it is half "
         "transparent. Images C and D show two overlays at once. For image C they add up, whereas in "
         "figure D the later one hides the earlier.")


def test_picture_words_with_capitals_name_panels():
    subs = split_panel_refs(PROSE)
    assert subs.lead == "Overlays can be blended."
    assert subs.letters == ["A", "B", "C", "D"]
    ab = "In image 'A' below the overlay is opaque, while for image B it is half transparent."
    cd = ("Images C and D show two overlays at once. For image C they add up, whereas in figure D the later "
          "one hides the earlier.")
    assert subs.texts == {"A": ab, "B": ab, "C": cd, "D": cd}
    assert split_panel_refs("Figure 1. Images A-C show the lesion. Image D shows the scar.").letters == \
        ["A", "B", "C", "D"]
    assert split_panel_refs("Panels \u2018A\u2019 and \u2018B\u2019 are two days apart.").letters == ["A", "B"]


def test_picture_words_that_name_no_lettered_panel():
    assert split_panel_refs("Figure 1. Image I took on day 3 and image B on day 5.").letters == []  # I: a pronoun
    assert split_panel_refs("Figure 1. Image A shows the scan; image C the mask.").letters == []  # a gap
    assert split_panel_refs("Figure 1. Scan A-type lesions first. Scan B is an X-ray.").letters == []
    assert split_panel_refs("Figure 1. Image A shows the scan.").letters == []  # one letter
    assert split_panel_refs("Figure 1. Panel a and panel b.").letters == []  # lower case: an article's shape
    assert split_panel_refs("Figure 3. Images from the clinic; Figure 2 shows more.").letters == []


# ------------------------------------------------------------------ end to end

@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    return ix * iy / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy)


def _plots_in_a_row(seed: int, n: int):
    """n matplotlib plots side by side on a white page, 18 px apart: (BGR image, each plot's ink box)."""
    from test_pmc_rows27 import _ink_box, _plot
    rng = np.random.default_rng(3400 + seed)
    pw, ph, gap, margin = 240, 190, 18, 6
    canvas = np.full((ph + 2 * margin, n * pw + (n - 1) * gap + 2 * margin, 3), 255, np.uint8)
    boxes = []
    for i in range(n):
        x0 = margin + i * (pw + gap)
        canvas[margin:margin + ph, x0:x0 + pw] = _plot(rng, pw, ph, (seed + i) % 3)
        boxes.append(_ink_box(canvas, (x0, margin, x0 + pw, margin + ph)))
    return canvas, boxes


@pytest.mark.parametrize("seed", [0, 1])
def test_left_right_with_closing_brackets_pair_by_place(seed):
    from derm1m_build.pmc.panels import pair
    img, boxes = _plots_in_a_row(seed, 2)
    p, subs = pair(img, "Figure 5: Left) Loss per epoch (fitA). Right) Scores per group (fitB).")
    assert [L for L, _, _ in p.panels] == ["left", "right"], p.note
    assert all(_iou(b.xyxy, want) >= 0.85 for (_, b, _), want in zip(p.panels, boxes))
    assert subs.full("right") == "Figure 5: Scores per group (fitB)."


@pytest.mark.parametrize("seed", [0, 1])
def test_three_places_in_one_sentence_pair_by_place(seed):
    from derm1m_build.pmc.panels import pair
    img, boxes = _plots_in_a_row(seed, 3)
    p, _ = pair(img, THREE)
    assert [L for L, _, _ in p.panels] == ["left", "middle", "right"], p.note
    assert all(_iou(b.xyxy, want) >= 0.85 for (_, b, _), want in zip(p.panels, boxes))


def test_places_that_do_not_match_the_layout_keep_the_figure_whole():
    from derm1m_build.pmc.panels import pair
    img, _ = _plots_in_a_row(0, 2)
    p, _ = pair(img, THREE)  # three places under two plots
    assert p.panels == [] and p.note
    # "Left) ... Right)" under two plots stacked one over the other
    top, _ = _plots_in_a_row(0, 1)
    bottom, _ = _plots_in_a_row(1, 1)
    img = np.vstack([top, np.full((20, top.shape[1], 3), 255, np.uint8), bottom])
    p, _ = pair(img, "Figure 5: Left) Loss per epoch. Right) Scores per group.")
    assert p.panels == [] and p.note.startswith("positions_disagree"), p.note


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("seed", [201, 210, 208])
def test_prose_naming_printed_letters_pairs_by_letter(ocr_ok, seed):
    """A photo grid labelled A-D (2 x 2 or 1 x 4) under prose naming "image 'A' ... image B ... images C and D"."""
    from benchmarks.pmc.derm_grids import make_grid
    from derm1m_build.pmc.panels import pair
    g = make_grid(seed)
    assert g.letters == ["A", "B", "C", "D"]
    p, _ = pair(g.image, PROSE)
    assert [L for L, _, _ in p.panels] == ["A", "B", "C", "D"], p.note
    assert all(_iou(b.xyxy, want) >= 0.85 for (_, b, _), want in zip(p.panels, g.boxes))


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_prose_naming_fewer_letters_than_printed_makes_no_wrong_row(ocr_ok):
    from benchmarks.pmc.derm_grids import make_grid
    from derm1m_build.pmc.panels import pair
    g = make_grid(201)
    p, _ = pair(g.image, "Overlays can be blended. In image 'A' the overlay is opaque. Image B is half transparent; "
                         "image C shows two overlays.")
    assert p.panels == [] and p.note.startswith("uncaptioned_panel"), p.note
