"""Compound figures, round 16 (geometry): exact panel counts on uneven dermatology grids.

Found on `benchmarks/pmc/heldout8/` (tuning data since 05:58 UTC on 2026-12-05); every figure here is
built from the shared real PAD-UFES-20 / ISIC 2017 photographs with layouts of the same families, not
copied from that set:

1. Label strips under (or beside) each photo widen the gap between rows, so a row of photos looked
   like one panel's sub-plots (`_gutter_levels`); a group of photographs of one size is a grid now.
2. Two columns with their own row cuts and no gutters: a row edge of one column was cut across the
   whole figure, halving the taller photo beside it; down the columns first when the row edge is no
   edge at all inside one column (`_edge_absent`).
3. A row of two centred under a row of three: the white margins beside the lower row made it count
   as paper, and its photo edge was never looked for; photographs inside plain margins are photos.
4. A 2 px dark rule between photos, blurred by the downscaling of a wide figure into no uniform
   line (`_blurred_rules`).
5. Pale photos meeting at faint edges only: cut when the layout confirms the edge (an even row, or
   a column of smaller photos beside a large one, `_faint_split`); a pale photo alone stays whole.
6. A frame round the figure when a gutter had already cut it into rows (the frame crossing the
   ends of the gutters inside each row), its blended inner line included."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from conftest import REALDATA, SHARED_SKIP
from grid_photos import photos as _photos, fit as _fit, jpeg as _jpeg, iou as _iou
from derm1m_build.pmc import panels
from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.gutters import _blurred_rules, _edge_absent
from derm1m_build.pmc.panels.xycut import _alike, _photo_piece

pytestmark = pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)

FONT = cv2.FONT_HERSHEY_SIMPLEX


def _matches(img: np.ndarray, truth: list[list[int]], least: float = 0.85) -> bool:
    got = [b.xyxy for b in split_panels(img)]
    return len(got) == len(truth) and all(max(_iou(t, g) for g in got) >= least for t in truth)


def _place(img: np.ndarray, boxes, photos, strip: int = 0, side: str = "below") -> None:
    """Each photo fitted into its box, leaving a white label strip `strip` px below or left of it
    with the panel's letter in it."""
    for L, (x0, y0, x1, y1), ph in zip("ABCDEFGH", boxes, photos):
        img[y0:y1, x0:x1] = 255
        if side == "below":
            img[y0:y1 - strip, x0:x1] = _fit(ph, x1 - x0, y1 - y0 - strip)
            if strip:
                cv2.putText(img, L, (x0 + 4, y1 - strip + 14), FONT, 0.5, (0, 0, 0), 1, cv2.LINE_AA)
        else:
            img[y0:y1, x0 + strip:x1] = _fit(ph, x1 - x0 - strip, y1 - y0)
            if strip:
                cv2.putText(img, L + ")", (x0 + 2, y0 + 24), FONT, 0.8, (0, 0, 0), 2, cv2.LINE_AA)


def three_over_two_ruled(start: int, strip: int = 22) -> tuple[np.ndarray, list[list[int]]]:
    """604 x 342: three photos over two wider ones, 2 px black rules between them, a white strip
    with the letter under each photo."""
    boxes = [[0, 0, 200, 170], [202, 0, 402, 170], [404, 0, 604, 170], [0, 172, 301, 342], [303, 172, 604, 342]]
    img = np.zeros((342, 604, 3), np.uint8)
    _place(img, boxes, _photos("clinical", start, 5), strip)
    return _jpeg(img), boxes


def columns_own_rows(start: int) -> tuple[np.ndarray, list[list[int]]]:
    """506 x 483, no gutters: three photos stacked left, two stacked right, the right column's
    meeting half way down the left's middle photo."""
    boxes = [[0, 0, 230, 161], [230, 0, 506, 241], [0, 161, 230, 322], [230, 241, 506, 483], [0, 322, 230, 483]]
    img = np.zeros((483, 506, 3), np.uint8)
    _place(img, boxes, _photos("clinical", start, 5))
    return _jpeg(img), boxes


def centred_rows(start: int, gutter: int = 0) -> tuple[np.ndarray, list[list[int]]]:
    """A row of three 200 x 150 photos over two of the same size centred under them, abutting within
    rows, `gutter` px white between rows, white either side of the lower row."""
    h = 300 + gutter
    boxes = [[0, 0, 200, 150], [200, 0, 400, 150], [400, 0, 600, 150],
             [100, 150 + gutter, 300, h], [300, 150 + gutter, 500, h]]
    img = np.full((h, 600, 3), 255, np.uint8)
    _place(img, boxes, _photos("dermoscopy", start, 5))
    return _jpeg(img), boxes


def wide_ruled_grid(start: int) -> tuple[np.ndarray, list[list[int]]]:
    """1046 x 442 (downscaled for the layout): 2 x 4 photos, 2 px dark-grey rules between them, a
    white strip with the letter under each."""
    xs = [(0, 260), (262, 522), (524, 784), (786, 1046)]
    boxes = [[a, y0, b, y1] for y0, y1 in ((0, 220), (222, 442)) for a, b in xs]
    img = np.full((442, 1046, 3), 40, np.uint8)
    _place(img, boxes, _photos("clinical", start, 8), strip=22)
    return _jpeg(img), boxes


def _pale(ph: np.ndarray) -> np.ndarray:
    """A photo washed towards one pale skin tone (low-contrast dermoscopy): where two meet, under 16
    changes in most pixels."""
    return cv2.addWeighted(ph, 0.5, np.full_like(ph, (170, 185, 225)), 0.5, 0)


def framed_rows(start: int) -> tuple[np.ndarray, list[list[int]]]:
    """900 x 460 (downscaled for the layout): three photos over two wider ones, white 6 px gutters,
    a letter strip left of each photo, inside a 3 px grey rule round the figure."""
    boxes = [[9, 9, 299, 227], [305, 9, 595, 227], [601, 9, 891, 227], [9, 233, 447, 451], [453, 233, 891, 451]]
    img = np.full((460, 900, 3), 255, np.uint8)
    img[:3], img[-3:], img[:, :3], img[:, -3:] = 60, 60, 60, 60
    _place(img, boxes, _photos("clinical", start, 5), strip=40, side="left")
    return _jpeg(img), boxes


STARTS = range(0, 40, 2)  # twenty figures of each family, each of other photos


def _share(make) -> int:
    """How many of the twenty figures `make(start)` builds split exactly."""
    return sum(_matches(*make(start)) for start in STARTS)


def test_rows_with_label_strips_and_rules_are_not_one_panel():
    # main: 0 of 20 (each row taken for one panel's sub-plots); this round 19
    assert _share(three_over_two_ruled) >= 18


def test_a_grid_of_photographs_is_not_collapsed_but_unlike_pieces_are():
    b = [panels.Box(0, 0, 200, 161), panels.Box(202, 0, 200, 161), panels.Box(404, 0, 200, 161)]
    assert _alike(b)
    # a large image with two small maps stuck to it: sub-plots of one panel
    assert not _alike([panels.Box(0, 0, 275, 251), panels.Box(275, 5, 111, 123), panels.Box(276, 130, 110, 121)])
    img, _ = three_over_two_ruled(0)
    assert _photo_piece(img, panels.Box(0, 0, 200, 150))
    # a chart on a flat tinted ground is no photograph, nor is paper
    chart = np.full((200, 200, 3), (230, 241, 243), np.uint8)
    cv2.rectangle(chart, (40, 60), (120, 80), (90, 90, 230), -1)
    assert not _photo_piece(chart, panels.Box(0, 0, 200, 200))
    assert not _photo_piece(np.full((50, 50, 3), 255, np.uint8), panels.Box(0, 0, 50, 50))


def test_columns_with_their_own_row_cuts():
    # main: 17 of 20 (a row edge of one column cut across the other's taller photo); this round 19
    assert _share(columns_own_rows) >= 18


def test_a_row_edge_absent_in_one_column():
    img, _ = columns_own_rows(0)
    # the right column's meeting at y = 241 is no edge inside the left column's middle photo
    assert _edge_absent(img, 241, 0, [(0, 230), (230, 506)])
    assert not _edge_absent(img, 241, 0, [(230, 506)])


@pytest.mark.parametrize("gutter", [0, 14])
def test_centred_lower_row_of_abutting_photos(gutter):
    # ten figures of other photos; main split 1 and 0 of them exactly (the lower row stayed one
    # piece, or with a white gutter between the rows each row was taken for one panel's sub-plots);
    # this round 8 and 8 (a sticker's edge inside a photo is cut at instead, or no edge is found)
    ok = sum(_matches(*centred_rows(start, gutter), 0.9) for start in range(0, 30, 3))
    assert ok >= 7


def test_thin_rules_of_a_downscaled_grid():
    # main: 19 of 20, this round 20 (the rules are found now even where the downscaling blurred them)
    assert _share(wide_ruled_grid) >= 19


def test_blurred_rule_found_and_a_photo_has_none():
    img, _ = wide_ruled_grid(0)
    s = 720 / 1046
    small = cv2.resize(img, (720, round(442 * s)), interpolation=cv2.INTER_AREA)
    rules = _blurred_rules(small, 1, 0, small.shape[1])
    assert len(rules) == 3 and all(abs(a - round(x * s)) <= 2 for (a, _), x in zip(rules, (260, 522, 784)))
    photo = _fit(_photos("clinical", 3, 1)[0], 700, 300)
    assert _blurred_rules(photo, 0, 0, 300) == [] and _blurred_rules(photo, 1, 0, 700) == []


def test_a_pale_photo_alone_stays_whole():
    for start in range(0, 30, 3):
        ph = _jpeg(_fit(_pale(_photos("dermoscopy", start, 1)[0]), 600, 400))
        assert len(split_panels(ph)) == 1


def test_frame_round_rows_already_cut():
    # main: 0 of 20 (the frame crossed the ends of the gutters inside each row); this round 20
    assert _share(framed_rows) >= 18
