"""Round 40, counts: `count_panels` takes the panels a figure's own printed sub-caption lines name
("(a) ..." centred under or over each panel, LaTeX subfigures) where they name every panel, in a
letter run, and the gutter split counts otherwise; elsewhere its answer is `split_panels`'.

Every figure here is drawn here (OpenCV, PIL with the DejaVu fonts): rows of small tree diagrams, each
row a panel with its line under (or over) it; a panel of several diagrams side by side is cut by the
paper between them into as many pieces."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from derm1m_build.pmc.panels import Box, count_panels, split_panels

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _diagram(canvas: np.ndarray, x0: int, y0: int, w: int, h: int) -> None:
    """A box over two boxes, joined by arrows-like lines: a small flow diagram on paper."""
    bw, bh = w // 3, h // 4
    top = (x0 + w // 2 - bw // 2, y0)
    cv2.rectangle(canvas, top, (top[0] + bw, top[1] + bh), (40, 40, 40), 2)
    for k in (0, 1):
        bx = x0 + k * (w - bw)
        by = y0 + h - bh
        cv2.rectangle(canvas, (bx, by), (bx + bw, by + bh), (40, 40, 40), 2)
        cv2.line(canvas, (x0 + w // 2, y0 + bh), (bx + bw // 2, by), (40, 40, 40), 2, cv2.LINE_AA)


def _line(canvas: np.ndarray, text: str, cx: int, y: int, size: int = 18) -> int:
    """`text` printed centred on column cx with its top at y; the row under its last ink."""
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(SANS, size)
    l, t, r, b = d.textbbox((0, 0), text, font=font)
    d.text((cx - (r - l) // 2 - l, y - t), text, font=font, fill=(0, 0, 0))
    canvas[:] = np.asarray(pil)[:, :, ::-1]
    return y + b - t


def _rows(spec, over: bool = False):
    """One panel per row: (diagrams side by side, its sub-caption line), the line centred under the
    row (over it with `over`). (BGR image, each panel's ink rows (y0, y1))."""
    W = 600
    canvas = np.full((1000, W, 3), 255, np.uint8)
    spans, y = [], 10
    for k, text in spec:
        top = y
        if over:
            y = _line(canvas, text, W // 2, y) + 12
        step = (W - 20) // k
        for i in range(k):
            _diagram(canvas, 10 + i * step + 10, y, step - 40, 120)
        y += 120
        if not over:
            y = _line(canvas, text, W // 2, y + 12)
        spans.append((top, y))
        y += 40
    return np.ascontiguousarray(canvas[:y - 20]), spans


SPEC = ((3, "(a) Clinic"), (1, "(b) Ward"), (2, "(c) Region"))


@pytest.mark.parametrize("over", [False, True])
def test_printed_lines_name_three_panels_the_gutters_cut_into_five(ocr_ok, over):
    img, spans = _rows(SPEC, over=over)
    assert len(split_panels(img)) == 5  # the paper between diagrams of one panel cuts it (the middle one holds the line)
    got = count_panels(img, read=ocr_ok.read_line)
    assert len(got) == 3
    for b, (y0, y1) in zip(got, spans):
        assert b.x <= 20 and b.x + b.w >= 558  # the whole row, every diagram of the panel
        assert abs(b.y - y0) <= 12 and abs(b.y + b.h - y1) <= 12


def test_without_a_reader_the_count_is_the_gutter_split():
    img, _ = _rows(SPEC)
    assert count_panels(img) == split_panels(img)
    assert len(count_panels(img)) == 5


def test_two_rows_of_diagrams_count_two(ocr_ok):
    img, _ = _rows(((2, "(a) Clinic"), (3, "(b) Ward")))
    assert len(split_panels(img)) == 4
    got = count_panels(img, read=ocr_ok.read_line)
    assert len(got) == 2 and all(b.x <= 20 and b.x + b.w >= 558 for b in got)


def test_lines_out_of_letter_order_leave_the_gutter_split(ocr_ok):
    img, _ = _rows(((3, "(a) Clinic"), (1, "(c) Ward"), (2, "(b) Region")))
    assert len(split_panels(img)) == 5
    assert count_panels(img, read=ocr_ok.read_line) == split_panels(img)


def test_a_bracketed_letter_inside_each_line_names_no_panel(ocr_ok):
    img, _ = _rows(((3, "Dose (a) given"), (1, "Dose (b) given"), (2, "Dose (c) given")))
    assert len(split_panels(img)) >= 4
    assert count_panels(img, read=ocr_ok.read_line) == split_panels(img)


def test_where_the_gutters_count_the_lines_their_boxes_stand(ocr_ok):
    img, _ = _rows(((1, "(a) Referral within one clinic"), (2, "(b) Referral between clinics")))
    boxes = split_panels(img)
    assert len(boxes) == 2
    assert count_panels(img, read=ocr_ok.read_line) == boxes


def test_a_photo_pair_without_lines_is_the_gutter_split(ocr_ok):
    rng = np.random.default_rng(7)
    left = cv2.GaussianBlur(rng.integers(60, 200, (300, 280, 3), dtype=np.uint8), (0, 0), 6)
    right = cv2.GaussianBlur(rng.integers(60, 200, (300, 280, 3), dtype=np.uint8), (0, 0), 6)
    img = np.full((300, 563, 3), 255, np.uint8)
    img[:, :280] = left
    img[:, 283:] = right
    got = count_panels(img, read=ocr_ok.read_line)
    assert got == split_panels(img)
    assert [(b.x, b.y, b.h) for b in got] == [(0, 0, 300), (283, 0, 300)]
