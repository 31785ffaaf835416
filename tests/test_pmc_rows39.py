"""Round 39: panels named by a short sub-caption line printed centred under or over each ("(a) One
clinic", LaTeX subfigures; "(A)" heading a plot), read by `letters.printed_label_panels` and paired by
`pairing._printed_rows` when the caption's letters are the same run.

The gutter split cuts such figures in ways the printed lines settle: a diagram of three trees side by
side under one "(a)" line is three pieces; a "(b)" line set nearer the diagram under it than its own is
cut into the wrong piece. Every figure here is drawn here (numpy, OpenCV and
PIL with the DejaVu fonts); every caption is written here.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from derm1m_build.pmc.panels import Box
from derm1m_build.pmc.panels.letters import printed_label_panels
from derm1m_build.pmc.panels.pairing import pair

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _tree(canvas: np.ndarray, x0: int, y0: int, w: int, h: int, leaves: int = 3) -> None:
    """A node over `leaves` leaves, joined by lines: a small diagram on paper."""
    r = max(8, h // 8)
    top = (x0 + w // 2, y0 + r + 1)
    cv2.circle(canvas, top, r, (0, 0, 0), 2, cv2.LINE_AA)
    for k in range(leaves):
        c = (x0 + r + 1 + k * (w - 2 * r - 2) // max(1, leaves - 1), y0 + h - r - 2)
        cv2.circle(canvas, c, r, (0, 0, 0), 2, cv2.LINE_AA)
        cv2.line(canvas, (top[0], top[1] + r), (c[0], c[1] - r), (0, 0, 0), 2, cv2.LINE_AA)


def _text(canvas: np.ndarray, text: str, cx: int, y: int, size: int = 17) -> tuple[int, int, int, int]:
    """`text` printed centred on column cx with its top at y; its box (x0, y0, x1, y1)."""
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(SERIF, size)
    l, t, r, b = d.textbbox((0, 0), text, font=font)
    x = cx - (r - l) // 2
    d.text((x - l, y - t), text, font=font, fill=(0, 0, 0))
    canvas[:] = np.asarray(pil)[:, :, ::-1]
    return x, y, x + r - l, y + b - t


def _stacked_diagrams(lines=("(a) One clinic", "(b) Two clinics", "(c) Nested clinics"), over: bool = False):
    """Three diagrams one over the other, each with its sub-caption line centred under it (over it with
    `over`): the first is three trees side by side, the second one wide tree, the third two trees;
    the gutter split cuts the first into three pieces. (BGR image, [each panel's ink box])."""
    W = 520
    canvas = np.full((800, W, 3), 255, np.uint8)
    boxes = []
    y = 8
    for i, line in enumerate(lines):
        top = y
        if over:
            _, _, _, ly1 = _text(canvas, line, W // 2, y)
            y = ly1 + 14
        if i == 0:
            for k in range(3):
                _tree(canvas, 10 + k * 170, y, 150, 150)
            y += 150
        elif i == 1:
            _tree(canvas, 40, y, 440, 200, leaves=5)
            y += 200
        else:
            _tree(canvas, 30, y, 200, 170)
            _tree(canvas, 290, y, 200, 170)
            y += 170
        if not over:
            _, _, _, ly1 = _text(canvas, line, W // 2, y + (10 if i != 1 else 24))
            y = ly1
        ink = np.argwhere(canvas[top:y].min(axis=2) < 200)
        boxes.append((int(ink[:, 1].min()), top + int(ink[:, 0].min()), int(ink[:, 1].max()) + 1, top + int(ink[:, 0].max()) + 1))
        y += 30 if i != 0 or over else 36
    return np.ascontiguousarray(canvas[:y - 16]), boxes


def _iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _xyxy(b: Box):
    return (b.x, b.y, b.x + b.w, b.y + b.h)


CAPTION = ("Figure 4. Three ways patients are grouped in the registry. (a) Each patient seen in one clinic. "
           "(b) Patients seen in two clinics at once. (c) Clinics nested in regions.")


@pytest.mark.parametrize("over", [False, True])
def test_panels_named_by_printed_lines_pair_by_letter(ocr_ok, over):
    img, truth = _stacked_diagrams(over=over)
    p, subs = pair(img, CAPTION, read=ocr_ok.read_line)
    assert p.note == ""
    assert [L for L, _, _ in p.panels] == ["A", "B", "C"]
    for (_, b, _), t in zip(p.panels, truth):
        assert _iou(_xyxy(b), t) >= 0.9
    assert [s for _, _, s in p.panels] == [
        "Figure 4. Three ways patients are grouped in the registry. Each patient seen in one clinic.",
        "Figure 4. Three ways patients are grouped in the registry. Patients seen in two clinics at once.",
        "Figure 4. Three ways patients are grouped in the registry. Clinics nested in regions.",
    ]


def test_printed_label_panels_gives_the_three_trees_one_panel(ocr_ok):
    img, truth = _stacked_diagrams()
    named = printed_label_panels(img, ocr_ok.read_line)
    assert [L for L, _ in named] == ["A", "B", "C"]
    first = _xyxy(named[0][1])
    assert first[0] <= 12 and first[2] >= 500  # all three trees in the first panel
    assert _iou(first, truth[0]) >= 0.9


def test_printed_lines_out_of_order_name_no_panels(ocr_ok):
    img, _ = _stacked_diagrams(lines=("(a) One clinic", "(c) Two clinics", "(b) Nested clinics"))
    assert printed_label_panels(img, ocr_ok.read_line) is None
    p, _ = pair(img, CAPTION, read=ocr_ok.read_line)
    assert p.panels == []


def test_a_bracketed_letter_inside_a_line_is_no_label(ocr_ok):
    img, _ = _stacked_diagrams(lines=("Dose (a) per clinic", "Dose (b) per clinic", "Dose (c) per clinic"))
    assert printed_label_panels(img, ocr_ok.read_line) is None
    p, _ = pair(img, CAPTION, read=ocr_ok.read_line)
    assert p.panels == []


def test_printed_letters_make_no_rows_for_a_caption_naming_no_panels(ocr_ok):
    img, _ = _stacked_diagrams()
    p, _ = pair(img, "Figure 4. Three ways patients are grouped in the registry, from the left to the right of "
                     "the ward.", read=ocr_ok.read_line)
    assert p.panels == []
    assert p.note == "caption_names_no_panels"
