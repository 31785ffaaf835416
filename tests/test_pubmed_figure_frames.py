"""Compound figures, round 15: a large panel beside small ones with no gutters, and a frame round
the whole figure.

Found on `benchmarks/pmc/heldout8/` (run once as held out at 05:52 UTC on 2026-12-05, tuning data
since); the cases here are built from the real PAD-UFES-20 / ISIC 2017 photographs, not copied from
that set.

1. A large photo with two small ones stacked beside it, all abutting: the small ones' meeting is a
   photo edge at half the large one's height, and the even-row completion (`_even_edges`) cut the
   large photo there (its meeting line changes in a third of the row's pixels, enough for
   `_weak_edge`). A fainter edge must now be an edge in each third of its line (`_edge_throughout`).
2. A dark rule framing the whole figure crosses both ends of every white gutter inside it, so no
   gutter ran from edge to edge and the figure was one piece. A plain rule of one neutral colour on
   all four sides (`_frame`) is now split inside, kept only when that finds pieces."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from conftest import REALDATA, SHARED_SKIP
from grid_photos import photos as _photos, fit as _fit, jpeg as _jpeg, iou as _iou
from derm1m_build.pmc import panels
from derm1m_build.pmc.panels import decisions, pair, split_panels
from derm1m_build.pmc.panels.gutters import _weak_edge
from derm1m_build.pmc.panels.xycut import _frame

# every figure here is built from the shared real photographs
pytestmark = pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _large_beside_small(start: int, letters: bool) -> tuple[np.ndarray, list[list[int]]]:
    """480 x 480: a 320 px photo top-left, two 160 px ones stacked to its right, three 160 px below,
    no gutters; red letters a-f in each photo's bottom-right corner when `letters`."""
    boxes = [[0, 0, 320, 320], [320, 0, 480, 160], [320, 160, 480, 320],
             [0, 320, 160, 480], [160, 320, 320, 480], [320, 320, 480, 480]]
    img = np.zeros((480, 480, 3), np.uint8)
    for (x0, y0, x1, y1), ph in zip(boxes, _photos("dermoscopy", start, 6)):
        img[y0:y1, x0:x1] = _fit(ph, x1 - x0, y1 - y0)
    if letters:
        for L, (x0, y0, x1, y1) in zip("abcdef", boxes):
            cv2.putText(img, L, (x1 - 26, y1 - 10), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (0, 0, 230), 2, cv2.LINE_AA)
    return _jpeg(img), boxes


def _framed(start: int, colour: int, letters: bool) -> tuple[np.ndarray, list[list[int]]]:
    """One tall photo left, three stacked right, white 6 px gutters, a 9 px white margin inside a
    3 px rule of grey `colour` round the figure; letters "A." in a white strip left of each photo."""
    W, H = 691, 639
    img = np.full((H, W, 3), 255, np.uint8)
    img[:3], img[-3:], img[:, :3], img[:, -3:] = colour, colour, colour, colour
    boxes = [[9, 9, 386, 630], [392, 9, 682, 212], [392, 218, 682, 421], [392, 427, 682, 630]]
    strip = 50 if letters else 0
    for (x0, y0, x1, y1), ph in zip(boxes, _photos("clinical", start, 4)):
        img[y0:y1, x0 + strip:x1] = _fit(ph, x1 - x0 - strip, y1 - y0)
    if letters:
        for L, (x0, y0, _, _) in zip("ABCD", boxes):
            cv2.putText(img, L + ".", (x0 + 2, y0 + 34), cv2.FONT_HERSHEY_DUPLEX, 1.1, (0, 0, 0), 2, cv2.LINE_AA)
    return _jpeg(img), boxes


@pytest.mark.parametrize("start", [0, 3, 9, 15, 30, 36])
def test_large_photo_beside_small_ones_stays_whole(start):
    img, boxes = _large_beside_small(start, letters=False)
    assert [b.xyxy for b in split_panels(img)] == boxes


def test_a_fainter_edge_must_run_the_whole_line():
    img, _ = _large_beside_small(0, letters=False)
    # the small photos' meeting at y = 160 runs over a third of the row: no edge of the whole row
    assert _weak_edge(img, 0, 160) is None
    # the same line within the right column alone is an edge
    right = np.ascontiguousarray(img[:320, 320:])
    assert _weak_edge(right, 0, 160) in (159, 160, 161)


def test_large_beside_small_rows(ocr_ok):
    img, boxes = _large_beside_small(0, letters=True)
    cap = ("Fig. 3 Typical presentations. a\u2013c Melanocytic nevi under dermoscopy: one; two; three. "
           "d,e Seborrheic keratosis: four; five. f A dermoscopic view of a nevus.")
    p, _ = pair(img, cap, read=ocr_ok.read_line, detect=panels.label_texts)
    assert [(L, b.xyxy) for L, b, _ in p.panels] == list(zip("ABCDEF", boxes))


@pytest.mark.parametrize("colour", [60, 0, 120])
def test_framed_figure_split_inside_its_frame(colour):
    img, boxes = _framed(0, colour, letters=False)
    assert _frame(img) == 3
    got = [b.xyxy for b in panels.layout(img)[0]]
    assert len(got) == 4 and all(_iou(g, t) >= 0.95 for g, t in zip(got, boxes))


def test_no_frame_no_change():
    img, _ = _framed(0, 255, letters=False)  # a white "frame" is the margin: nothing to strip
    assert _frame(img) == 0
    single = _jpeg(_fit(_photos("clinical", 4, 1)[0], 400, 300))
    assert _frame(single) == 0
    # a single framed photo: splitting inside its frame finds one piece, so the split is the one
    # without the frame step (the photo inside the rule, as before)
    framed = single.copy()
    framed[:3], framed[-3:], framed[:, :3], framed[:, -3:] = 60, 60, 60, 60
    assert _frame(framed) == 3
    assert [b.xyxy for b in split_panels(framed)] == [[3, 3, 397, 297]]


def test_framed_figure_caption_naming_fewer_panels(ocr_ok):
    # the caption names (a) and (b) only; the image prints A-D: no rows (no caption-count split)
    img, _ = _framed(0, 60, letters=True)
    cap = ("Figure 6. Lesions misclassified by the model. (a) A keratotic papule on the face. (b) An ulcerated "
           "papule on the nose. The remaining images show actinic keratosis, basal cell carcinoma.")
    p, _ = pair(img, cap, read=ocr_ok.read_line, detect=panels.label_texts)
    assert p.panels == [] and p.note.startswith("uncaptioned_panel")
    assert decisions(p) == [{"decision": "whole", "reason": p.note}]
