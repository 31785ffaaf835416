"""Round 40: a figure continued over pages. Journals set a tall figure on two pages: "(a)" and "(b)"
printed centred under the groups of photographs of the first page, "(c)" and "(d)" under those of
the second, one caption ("(a) ... (b) ... (c) ... (d) ...") naming all four. Each page is pulled as
its own image with the whole caption; the part of the caption's run a page prints pairs by letter
(`letters.printed_label_panels(continued=True)`, `pairing._printed_rows`), the other letters get no
row.

Every figure here is composed here: real photographs from `../shared/realdata/photos`, one a panel
or a 2 x 3 group of tiles a panel, with DejaVu Serif sub-caption lines; every caption is written here.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from derm1m_build.pmc.panels import Box
from derm1m_build.pmc.panels.letters import printed_label_panels
from derm1m_build.pmc.panels.pairing import pair

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
PHOTOS = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "photos"


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


@pytest.fixture(scope="module")
def tiles():
    from conftest import REALDATA, SHARED_SKIP
    if not REALDATA.exists():
        pytest.skip(SHARED_SKIP)
    return [cv2.imread(str(p)) for p in sorted(PHOTOS.glob("*/*.jpg"))[:12]]


def _fit(img: np.ndarray, w: int, h: int) -> np.ndarray:
    """`img` scaled to cover w x h and cut to it, centred."""
    ih, iw = img.shape[:2]
    s = max(w / iw, h / ih)
    img = cv2.resize(img, (max(w, round(iw * s)), max(h, round(ih * s))), interpolation=cv2.INTER_AREA)
    y, x = (img.shape[0] - h) // 2, (img.shape[1] - w) // 2
    return img[y:y + h, x:x + w]


def _text(canvas: np.ndarray, text: str, cx: int, y: int, size: int = 18) -> tuple[int, int, int, int]:
    """`text` printed centred on column cx with its top at y; its box (x0, y0, x1, y1)."""
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(SERIF, size)
    l, t, r, b = d.textbbox((0, 0), text, font=font)
    x = cx - (r - l) // 2
    d.text((x - l, y - t), text, font=font, fill=(0, 0, 0))
    canvas[:] = np.asarray(pil)[:, :, ::-1]
    return x, y, x + r - l, y + b - t


def _page(tiles, lines=("(c)", "(d)"), tiled: bool = False):
    """Two panels one over the other, each a photograph (with `tiled`, a group of 2 x 3 photo tiles on
    14 px white gutters) with its line centred under it: (BGR image, [each panel's box with its line])."""
    W = 3 * 110 + 4 * 14 + 40
    canvas = np.full((700, W, 3), 255, np.uint8)
    boxes, y, k = [], 10, 0
    for line in lines:
        top = y
        if tiled:
            for r in range(2):
                for q in range(3):
                    x0 = 20 + 14 + q * (110 + 14)
                    canvas[y:y + 110, x0:x0 + 110] = _fit(tiles[k % len(tiles)], 110, 110)
                    k += 1
                y += 110 + 14
        else:
            canvas[y:y + 234, 34:34 + 358] = _fit(tiles[k % len(tiles)], 358, 234)
            k += 1
            y += 234 + 14
        _, _, _, ly1 = _text(canvas, line, W // 2, y + 4)
        boxes.append((34, top, 34 + 3 * 110 + 2 * 14, ly1))
        y = ly1 + 40
    return np.ascontiguousarray(canvas[:y - 20]), boxes


def _iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _xyxy(b: Box):
    return (b.x, b.y, b.x + b.w, b.y + b.h)


CAPTION = ("Figure 2. Biopsy fields graded for mitotic count. (a) Fields with one mitosis. (b) Fields with two "
           "mitoses. (c) Fields with none. (d) Fields left ungraded.")


def test_the_second_page_pairs_c_and_d(ocr_ok, tiles):
    img, truth = _page(tiles, ("(c)", "(d)"))
    p, _ = pair(img, CAPTION, read=ocr_ok.read_line)
    assert p.note == ""
    assert [(L, s) for L, _, s in p.panels] == [
        ("C", "Figure 2. Biopsy fields graded for mitotic count. Fields with none."),
        ("D", "Figure 2. Biopsy fields graded for mitotic count. Fields left ungraded."),
    ]
    for (_, b, _), t in zip(p.panels, truth):
        assert _iou(_xyxy(b), t) >= 0.9


def test_the_first_page_pairs_a_and_b(ocr_ok, tiles):
    img, truth = _page(tiles, ("(a)", "(b)"))
    p, _ = pair(img, CAPTION, read=ocr_ok.read_line)
    assert [L for L, _, _ in p.panels] == ["A", "B"]
    for (_, b, _), t in zip(p.panels, truth):
        assert _iou(_xyxy(b), t) >= 0.9


def test_a_run_past_a_only_when_continued(ocr_ok, tiles):
    img, _ = _page(tiles, ("(c)", "(d)"))
    assert printed_label_panels(img, ocr_ok.read_line) is None
    named = printed_label_panels(img, ocr_ok.read_line, continued=True)
    assert [L for L, _ in named] == ["C", "D"]


def test_printed_letters_with_a_gap_name_no_panels(ocr_ok, tiles):
    img, _ = _page(tiles, ("(b)", "(d)"))
    assert printed_label_panels(img, ocr_ok.read_line, continued=True) is None
    p, _ = pair(img, CAPTION, read=ocr_ok.read_line)
    assert p.panels == []


def test_printed_letters_the_caption_does_not_name_give_no_rows(ocr_ok, tiles):
    img, _ = _page(tiles, ("(c)", "(d)"))
    p, _ = pair(img, "Figure 2. Biopsy fields. (a) Fields with one mitosis. (b) Fields with two mitoses.",
                read=ocr_ok.read_line)
    assert p.panels == []


def test_a_bracketed_label_beside_a_panel_refuses_the_continued_run(ocr_ok, tiles):
    """A "(b)" printed at the first photograph's top-left, beside it (a label of its own, no line's
    head) sits in the "(c)" line's cell: the run from C could lend that row panel b's photograph.
    (Without the guard the run reads C, D with C's box taking the "(b)" in.)"""
    img, _ = _page(tiles, ("(c)", "(d)"))
    canvas = np.full((img.shape[0], img.shape[1] + 20, 3), 255, np.uint8)
    canvas[:, 20:] = img
    _text(canvas, "(b)", 24, 12, size=16)
    assert printed_label_panels(canvas, ocr_ok.read_line, continued=True) is None
    p, _ = pair(canvas, CAPTION, read=ocr_ok.read_line)
    assert all(L != "C" for L, _, _ in p.panels)


def test_a_letter_in_running_text_is_no_label(ocr_ok, tiles):
    img, _ = _page(tiles, ("Grade (c) fields", "Grade (d) fields"))
    assert printed_label_panels(img, ocr_ok.read_line, continued=True) is None
    p, _ = pair(img, CAPTION, read=ocr_ok.read_line)
    assert p.panels == []


def test_a_position_word_naming_no_panel_stays_whole(ocr_ok, tiles):
    img, _ = _page(tiles, ("(c)", "(d)"))
    p, _ = pair(img, "Figure 2. Biopsy fields graded from the left of the slide to the right, by visit.",
                read=ocr_ok.read_line)
    assert p.panels == []
    assert p.note == "caption_names_no_panels"


def test_groups_of_tiles_on_gutters_stay_whole(ocr_ok, tiles):
    """Each line under a group of six photographs on white gutters: the lines alone do not vouch for
    every photograph (a group with no line of its own would sit in the next line's cell), so the
    photographs beyond the caption's count keep the page whole (`pairing._extra_photos`)."""
    img, _ = _page(tiles, ("(c)", "(d)"), tiled=True)
    p, _ = pair(img, CAPTION, read=ocr_ok.read_line)
    assert p.panels == []
    assert p.note.startswith("unlabelled_piece: row C's crop holds 6 photographs; 12 photographs")
