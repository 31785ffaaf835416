"""Round 19, letters and rows: labels printed somewhere other than a corner.

Grids are composed here from the shared real photographs (`test_pmc_rows19_grids.make`: each a function
of its seed, never one of the benchmark sets' figures): labels centred at the top or bottom of each photo,
in several colours, fonts, sizes and decorations. On main every top-centre grid below stays whole
(`letters_not_found`): no corner patch holds a centred label."""

from __future__ import annotations

import numpy as np
import pytest

from derm1m_build import ocr
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.letters import CENTRES, CORNERS, _centred
from derm1m_build.pmc.panels.pairing import _mixed_corner_rows
from derm1m_build.pmc.panels.captions import split_caption

from tests.test_pmc_rows19_grids import fonts_present, make, verdict

needs_ocr = pytest.mark.skipif(not ocr.available() or not fonts_present(), reason="needs the ocr extra and TTF fonts")


# ------------------------------------------------------------------ centred labels, end to end

@needs_ocr
@pytest.mark.parametrize("seed", [4, 12, 28, 44, 60])  # top centre: 1x2 outlined serif, 2x3 abutting white
# shadowed 51 px, 2x2 cyan boxed lower case, 2x2 black 20 px on black gutters, 1x3 abutting yellow boxed 57 px
def test_top_centre_labels_pair_each_photo_with_its_letter(seed):
    from derm1m_build.pmc.panels import pair

    g = make(seed)
    assert g.style.split()[3] == "tc"
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) == "matched", (g.style, p.note)
    assert [L for L, _, _ in p.panels] == g.letters  # reading order is label order in these rows


@needs_ocr
@pytest.mark.parametrize("seed", [21, 53])  # bottom centre: 1x4 abutting 13 px boxed, 2x3 green outlined 43 px
def test_bottom_centre_labels_pair_each_photo_with_its_letter(seed):
    from derm1m_build.pmc.panels import pair

    g = make(seed)
    assert g.style.split()[3] == "bc"
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) == "matched", (g.style, p.note)


@needs_ocr
@pytest.mark.parametrize("seed", [4, 12, 28, 13])
def test_digits_or_sub_labels_under_a_letter_caption_stay_whole(seed):
    """Photos labelled 1, 2, ... or A1, A2, ... where the caption names (A), (B), ...: the image prints
    none of the caption's letters (or one A), so no rows."""
    from derm1m_build.pmc.panels import pair

    for kind in ("digit", "sub"):
        g = make(seed, label_kind=kind)
        p, _ = pair(g.image, g.caption)
        assert p.panels == [], (kind, g.style)


@needs_ocr
def test_centred_labels_under_a_caption_naming_fewer_panels_stay_whole():
    """Four photos labelled A-D at the top centre, the caption naming (A) and (B) only: the pieces
    outnumber the caption's letters; whole, never two rows."""
    from derm1m_build.pmc.panels import pair

    g = make(60, place="tc")
    caption = "Figure 1. Clinical course. (A) Plaque psoriasis on the arm. (B) Lichen planus on the back." \
              " The other image shows the same lesion a year later."
    p, _ = pair(g.image, caption)
    assert len(g.letters) == 3 and p.panels == []


# ------------------------------------------------------------------ the rules on given reads

def test_centred_keeps_glyphs_near_the_middle_nearest_first():
    glyphs = [(5, 2, 10, 12, None), (48, 4, 10, 12, None), (40, 1, 9, 12, None), (90, 0, 9, 12, None)]
    # patch 100 wide over a 200 px piece: middle 50, a glyph's middle at most 0.2 * 200 = 40 from it
    # (10 and 53 and 44.5 are; 94.5 is not); ordered by the offset plus the height from the top
    out = _centred(glyphs, 100, 200)
    assert [g[0] for g in out] == [40, 48, 5]
    assert [g[0] for g in _centred(glyphs, 100, 100)] == [40, 48]  # 20 px either side


_BLANK = np.full((120, 340, 3), 200, np.uint8)  # an image with no photo edges (the rule's last check)


def _seen(per_spot: dict, n: int) -> dict:
    """`pair`'s `seen`: every corner and centre read, letters given per spot for each piece."""
    out = {}
    for spot in CORNERS + CENTRES:
        found = per_spot.get(spot, [None] * n)
        out[spot] = (found, [[(0, 0, 10, 20)] if L else [] for L in found])
    return out


def test_one_label_a_piece_at_the_top_centre_gives_rows_in_reading_order():
    boxes = [Box(0, 0, 100, 100), Box(110, 0, 100, 100), Box(220, 0, 100, 100)]
    subs = split_caption("Figure 2. (A) Plaque. (B) Patch. (C) Nodule.")
    rows = _mixed_corner_rows(boxes, _seen({CENTRES[0]: ["A", "B", "C"]}, 3), subs, _BLANK)
    assert [(L, b.x) for L, b, _ in rows.panels] == [("A", 0), ("B", 110), ("C", 220)]
    assert rows.panels[1][2] == "Figure 2. Patch."


def test_centre_and_corner_naming_two_letters_on_one_piece_is_no_row():
    boxes = [Box(0, 0, 100, 100), Box(110, 0, 100, 100)]
    subs = split_caption("(A) Plaque. (B) Patch.")
    seen = _seen({CENTRES[0]: ["A", "B"], CORNERS[0]: [None, "A"]}, 2)
    assert _mixed_corner_rows(boxes, seen, subs, _BLANK) is None


def test_centre_labels_missing_one_piece_is_no_row():
    boxes = [Box(0, 0, 100, 100), Box(110, 0, 100, 100), Box(220, 0, 100, 100)]
    subs = split_caption("(A) Plaque. (B) Patch. (C) Nodule.")
    assert _mixed_corner_rows(boxes, _seen({CENTRES[0]: ["A", None, "C"]}, 3), subs, _BLANK) is None


def test_one_corner_alone_is_still_not_the_mixed_rule():
    """All labels at one corner is `_rows`' case (joins, checks of where labels sit), not this rule's."""
    boxes = [Box(0, 0, 100, 100), Box(110, 0, 100, 100)]
    subs = split_caption("(A) Plaque. (B) Patch.")
    assert _mixed_corner_rows(boxes, _seen({CORNERS[1]: ["A", "B"]}, 2), subs, _BLANK) is None


def test_centred_labels_of_very_different_sizes_are_no_row():
    boxes = [Box(0, 0, 100, 100), Box(110, 0, 100, 100)]
    subs = split_caption("(A) Plaque. (B) Patch.")
    seen = _seen({CENTRES[1]: ["A", "B"]}, 2)
    seen[CENTRES[1]] = (["A", "B"], [[(0, 0, 10, 10)], [(0, 0, 10, 40)]])  # median 25: 10 is under half
    assert _mixed_corner_rows(boxes, seen, subs, _BLANK) is None


# ------------------------------------------------------------------ "Panel F, a ..." captions

def test_panel_word_list_stops_at_a_lower_case_article():
    """"Panel F, a gritty papule": the "a" is an article, not panel a; before, "F, a" was taken as one
    mixed-case list and panel F was lost (its text ran into E's)."""
    caption = ("Figure 3 | Clinical correlation. Panel A, seborrheic keratosis under dermoscopy. Panel B, a gritty"
               " keratotic papule on the arm. Panel C, dermoscopy of a nevus.")
    subs = split_caption(caption)
    assert subs.letters == ["A", "B", "C"]
    assert subs.texts["A"] == "seborrheic keratosis under dermoscopy."
    assert subs.texts["B"] == "a gritty keratotic papule on the arm."


def test_panel_word_lists_of_one_case_still_read():
    assert split_caption("Panels A and B, biopsies. Panel C, a plaque.").letters == ["A", "B", "C"]
    assert split_caption("Panels a-c: plaques on the arm. Panel d, a nodule.").letters == ["A", "B", "C", "D"]
    assert split_caption("Panel A, a plaque. Panel B, an ulcer.").texts == {"A": "a plaque.", "B": "an ulcer."}


def test_a_piece_holding_two_abutting_photos_is_no_row_of_one_label():
    """Two photos meeting edge to edge inside one piece (an L-shaped layout cut at the wrong edge): the
    piece may hold two panels, so the pieces are not taken as they are, whatever letters they show."""
    rng = np.random.default_rng(3)
    img = np.full((200, 330, 3), 255, np.uint8)
    img[:, :160] = rng.integers(0, 12, (200, 160, 3), dtype=np.uint8) + np.array([150, 90, 60], np.uint8)
    img[120:, :160] = rng.integers(0, 12, (80, 160, 3), dtype=np.uint8) + np.array([40, 60, 170], np.uint8)
    img[:, 170:] = rng.integers(0, 12, (200, 160, 3), dtype=np.uint8) + np.array([90, 150, 90], np.uint8)
    boxes = [Box(0, 0, 160, 200), Box(170, 0, 160, 200)]
    subs = split_caption("(A) Plaque. (B) Patch.")
    seen = _seen({CENTRES[0]: ["A", "B"]}, 2)
    assert _mixed_corner_rows(boxes, seen, subs, img) is None
    img[120:, :160] = img[:80, :160]  # one photo again: no edge inside the piece
    img[:, :160] = rng.integers(0, 12, (200, 160, 3), dtype=np.uint8) + np.array([150, 90, 60], np.uint8)
    assert [L for L, _, _ in _mixed_corner_rows(boxes, seen, subs, img).panels] == ["A", "B"]
