"""Round 36: a letter read at the corner of a piece of running print is no panel label.

Figures taken from a publisher's page often carry their caption printed under them; the gutter split
gives the figure and the caption's lines as pieces of their own, and a bold "(c)" opening a line of the
printed caption reads as a corner label. Taken as one, it names a crop of caption text (a wrong-crop row).
`_prose_piece` marks such pieces (nothing but small print, dozens of marks) and `pair` reads no letter
at their corners; a label split off on its own ("(a)", a handful of marks) is still read.

The figures are composed here (photographs from `../shared/realdata/photos`, text drawn with OpenCV's
Hershey fonts); the captions are written here. None is a benchmark set's figure or caption.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import Box, layout
from derm1m_build.pmc.panels.pairing import _prose_piece

from test_pmc_rows34 import _iou, ocr_ok  # noqa: F401  (fixture)

PHOTOS = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "photos" / "clinical"

LINES = [
    "(c) Lesion size grew over the follow-up period and the border",
    "became irregular at the second visit; the dermoscopy view shows",
    "a pigment network that thins at the margin (scale bar 1 mm).",
]


def _photo(i: int, w: int, h: int) -> np.ndarray:
    files = sorted(p for p in PHOTOS.iterdir() if p.suffix.lower() in {".jpg", ".jpeg", ".png"})
    img = cv2.imread(str(files[i]))
    return cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA)


def _label(canvas: np.ndarray, text: str, x: int, y: int) -> None:
    cv2.rectangle(canvas, (x, y), (x + 26, y + 28), (255, 255, 255), -1)
    cv2.putText(canvas, text, (x + 4, y + 23), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2, cv2.LINE_AA)


def _figure_with_printed_caption(lines: list[str]):
    """Two labelled photographs (A, B) side by side, the caption's lines printed under them:
    (BGR image, [A's box, B's box], the print's box)."""
    W, ph, pw, m, gap = 640, 260, 300, 12, 16
    top = m + ph + 30
    canvas = np.full((top + 24 * len(lines) + m, W, 3), 255, np.uint8)
    boxes = []
    for i, L in enumerate("AB"):
        x0 = m + i * (pw + gap)
        canvas[m:m + ph, x0:x0 + pw] = _photo(3 + 5 * i, pw, ph)
        _label(canvas, L, x0 + 4, m + 4)
        boxes.append((x0, m, x0 + pw, m + ph))
    for k, line in enumerate(lines):
        cv2.putText(canvas, line, (m, top + 16 + 24 * k), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1, cv2.LINE_AA)
    return canvas, boxes, (m, top, W - m, top + 24 * len(lines))


def _lines_only(lines: list[str], scale: float = 0.5) -> np.ndarray:
    """The lines on a page 800 px wide (small print: under 2 % of the page's side high)."""
    canvas = np.full((24 * len(lines) + 20, 800, 3), 255, np.uint8)
    for k, line in enumerate(lines):
        cv2.putText(canvas, line, (8, 24 + 24 * k), cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), 1, cv2.LINE_AA)
    return canvas


def test_lines_of_print_are_prose_a_label_or_a_photo_is_not():
    page = _lines_only(LINES)
    assert _prose_piece(page, Box(0, 0, page.shape[1], page.shape[0])) is True
    # a label on its own: "(a)", three marks
    lab = np.full((40, 40, 3), 255, np.uint8)
    cv2.putText(lab, "(a)", (2, 28), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (0, 0, 0), 2, cv2.LINE_AA)
    assert _prose_piece(lab, Box(0, 0, 40, 40)) is False
    # a photograph, and a photograph with its label in the corner
    ph = _photo(3, 300, 260)
    assert _prose_piece(ph, Box(0, 0, 300, 260)) is False
    _label(ph, "A", 4, 4)
    assert _prose_piece(ph, Box(0, 0, 300, 260)) is False
    # a plot's axis with two dozen tick labels is not all small print: its axis line spans the piece
    plot = _lines_only(["0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18"])
    cv2.line(plot, (8, 6), (780, 6), (0, 0, 0), 2)
    assert _prose_piece(plot, Box(0, 0, plot.shape[1], plot.shape[0])) is False


CAPTION = ("Figure 3. Melanoma in situ on the forearm. (A) Clinical photograph at the first visit. (B) The same "
           "lesion at the second visit. (C) Lesion size grew over the follow-up period.")


def test_the_printed_caption_under_the_figure_is_cut_off_as_pieces_of_print():
    img, photos, text = _figure_with_printed_caption(LINES)
    boxes, _ = layout(img)
    prose = [b for b in boxes if _prose_piece(img, b)]
    assert prose and all(b.y >= text[1] - 12 for b in prose)
    assert not any(_prose_piece(img, b) for b in boxes if b.y + b.h <= photos[0][3] + 2)


def test_a_letter_opening_a_printed_caption_line_names_no_panel(ocr_ok):
    from derm1m_build.pmc.panels import pair
    img, photos, text = _figure_with_printed_caption(LINES)
    p, _ = pair(img, CAPTION)
    # (C) is read nowhere else: no row, never a row on the caption's print
    assert p.panels == [], [(L, b) for L, b, _ in p.panels]
    assert p.note.startswith("letters_disagree"), p.note


def test_the_same_figure_under_a_caption_naming_its_two_photos_pairs_them(ocr_ok):
    from derm1m_build.pmc.panels import pair
    img, photos, _ = _figure_with_printed_caption(LINES[1:])
    p, _ = pair(img, "Figure 3. Melanoma in situ. (A) First visit. (B) Second visit.")
    assert [L for L, _, _ in p.panels] == ["A", "B"], p.note
    for (L, b, _), want in zip(p.panels, photos):
        assert _iou((b.x, b.y, b.x + b.w, b.y + b.h), want) >= 0.85, (L, b)
