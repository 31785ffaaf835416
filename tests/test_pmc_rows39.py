"""Round 39: panels named by a short sub-caption line printed centred under or over each ("(a) One
clinic", LaTeX subfigures; "(A)" heading a plot), read by `letters.printed_label_panels` and paired by
`pairing._printed_rows` when the caption's letters are the same run.

The gutter split cuts such figures in ways the printed lines settle: a diagram of three trees side by
side under one "(a)" line is three pieces; a "(b)" line set nearer the diagram under it than its own is
cut into that diagram's piece. Every figure here is drawn here (numpy, OpenCV and
PIL with the DejaVu fonts); every caption is written here.
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
    the gutter split cuts the first into three pieces; under, the second's line sits nearer the third
    diagram than its own. (BGR image, [each panel's ink box])."""
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
            _, _, _, ly1 = _text(canvas, line, W // 2, y + (10 if i != 1 else 36))
            y = ly1
        ink = np.argwhere(canvas[top:y].min(axis=2) < 200)
        boxes.append((int(ink[:, 1].min()), top + int(ink[:, 0].min()), int(ink[:, 1].max()) + 1, top + int(ink[:, 0].max()) + 1))
        y += 30 if over else {0: 36, 1: 14}.get(i, 30)
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


# ------------------------------------------------------------------ white letters on pale skin

PHOTOS = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "photos"
SANS = {"bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "plain": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}


def _need_photos():
    from conftest import REALDATA, SHARED_SKIP
    if not REALDATA.exists():
        pytest.skip(SHARED_SKIP)


def _fit(img: np.ndarray, w: int, h: int) -> np.ndarray:
    ih, iw = img.shape[:2]
    s = max(w / iw, h / ih)
    img = cv2.resize(img, (max(w, round(iw * s)), max(h, round(ih * s))), interpolation=cv2.INTER_AREA)
    y, x = (img.shape[0] - h) // 2, (img.shape[1] - w) // 2
    return img[y:y + h, x:x + w]


def _pale_photos() -> list[np.ndarray]:
    """The real photographs (sorted by name) whose top-left corner, fitted to a 260 x 200 tile, is pale
    skin: median grey 175-214, too little coloured for the colour look, no white in it."""
    from derm1m_build.pmc.panels.glyphs import _coloured
    out = []
    for p in sorted(PHOTOS.glob("*/*.jpg")):
        tile = _fit(cv2.imread(str(p)), 260, 200)
        c = np.ascontiguousarray(tile[:60, :80])
        g = float(np.median(cv2.cvtColor(c, cv2.COLOR_BGR2GRAY)))
        white = float(((c.min(axis=2) >= 235) & (np.ptp(c, axis=2) <= 20)).mean())
        if 175 <= g < 215 and not _coloured(c) and white < 0.002:
            out.append(tile)
    return out


def _grid(tiles: list[np.ndarray], colour, weight: str, boxed: bool, gutter: int = 8, size: int = 26):
    """A 2 x 2 grid of 260 x 200 tiles on white gutters, letters A-D at each tile's top-left in `colour`
    (BGR), DejaVu Sans bold or plain, on a box of the opposite tone with `boxed`: (image, boxes)."""
    pw, ph = 260, 200
    W, H = 2 * pw + 3 * gutter, 2 * ph + 3 * gutter
    canvas = np.full((H, W, 3), 255, np.uint8)
    boxes = []
    for k, tile in enumerate(tiles[:4]):
        r, q = divmod(k, 2)
        x0, y0 = gutter + q * (pw + gutter), gutter + r * (ph + gutter)
        canvas[y0:y0 + ph, x0:x0 + pw] = tile
        boxes.append((x0, y0, x0 + pw, y0 + ph))
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(SANS[weight], size)
    rgb = tuple(int(v) for v in colour[::-1])
    for k, (x0, y0, _, _) in enumerate(boxes):
        L = "ABCD"[k]
        l, t, r_, b = d.textbbox((0, 0), L, font=font)
        x, y = x0 + 8, y0 + 8
        if boxed:
            d.rectangle((x - 4, y - 4, x + r_ - l + 4, y + b - t + 4), fill=tuple(255 - v for v in rgb))
        d.text((x - l, y - t), L, font=font, fill=rgb)
    return np.ascontiguousarray(np.asarray(pil)[:, :, ::-1]), boxes


GRID_CAPTION = ("Figure 2. Four lesions of one patient. (A) Plaque on the forearm. (B) Macule on the back. "
                "(C) Nodule on the nose. (D) Scaly patch on the leg.")


def _rows_match(p, boxes) -> bool:
    return [L for L, _, _ in p.panels] == ["A", "B", "C", "D"] and all(
        max(abs(b.x - t[0]), abs(b.y - t[1]), abs(b.x + b.w - t[2]), abs(b.y + b.h - t[3])) <= 5
        for (_, b, _), t in zip(p.panels, boxes))


@pytest.mark.parametrize("group,weight", [(1, "bold"), (1, "plain"), (2, "bold"), (3, "bold")])
def test_white_letters_on_pale_skin_pair(ocr_ok, group, weight):
    """White letters, no box, on pale beige skin: 40-60 grey levels over it (the main looks ask 70)
    and too little colour for the colour look; the white-ink look reads them."""
    _need_photos()
    tiles = _pale_photos()
    assert len(tiles) >= 16
    img, boxes = _grid(tiles[4 * group:4 * group + 4], (255, 255, 255), weight, boxed=False)
    p, _ = pair(img, GRID_CAPTION, read=ocr_ok.read_line)
    assert p.note == ""
    assert _rows_match(p, boxes)
    assert p.panels[1][2] == "Figure 2. Four lesions of one patient. Macule on the back."


@pytest.mark.parametrize("colour,boxed", [((0, 0, 0), False), ((255, 255, 255), True), ((0, 0, 0), True)])
def test_black_and_boxed_letters_on_pale_skin_pair(ocr_ok, colour, boxed):
    _need_photos()
    tiles = _pale_photos()
    img, boxes = _grid(tiles[4:8], colour, "plain", boxed=boxed)
    p, _ = pair(img, GRID_CAPTION, read=ocr_ok.read_line)
    assert _rows_match(p, boxes)


def test_white_spots_on_pale_skin_are_no_letters(ocr_ok):
    """Glare-like white spots (a disc, a short bar) where the letters would be: no label, the
    figure stays whole."""
    _need_photos()
    tiles = _pale_photos()
    img, boxes = _grid(tiles[4:8], (255, 255, 255), "bold", boxed=False, size=1)
    for x0, y0, _, _ in boxes:
        img[y0 + 4:y0 + 40, x0 + 4:x0 + 40] = tiles[4][4:40, 4:40]  # the 1-px letters painted over
        cv2.circle(img, (x0 + 18, y0 + 18), 7, (255, 255, 255), -1)
        cv2.rectangle(img, (x0 + 34, y0 + 10), (x0 + 37, y0 + 30), (255, 255, 255), -1)
    p, _ = pair(img, GRID_CAPTION, read=ocr_ok.read_line)
    assert p.panels == []
    assert p.note.startswith("letters_not_found")


def _side_by_side_run_on():
    """Three trees side by side, each with its sub-caption under it, the second's long enough to run
    into the third's on one row: "(b) Patients in two clinics by (c) Nested"."""
    canvas = np.full((260, 900, 3), 255, np.uint8)
    for k in range(3):
        _tree(canvas, 20 + k * 300, 10, 260, 180)
    _text(canvas, "(a) One clinic", 150, 215)
    probe = np.full_like(canvas, 255)
    x0, _, x1, _ = _text(probe, "(b) Patients seen in two clinics and by", 0, 215)
    _, _, bx1, _ = _text(canvas, "(b) Patients seen in two clinics and by", 330 + (x1 - x0) // 2, 215)
    probe[:] = 255
    c0, _, c1, _ = _text(probe, "(c) Nested", 0, 215)
    _text(canvas, "(c) Nested", bx1 + 8 + (c1 - c0) // 2, 215)
    return canvas


def test_sub_captions_run_together_on_one_row_name_no_panels(ocr_ok):
    img = _side_by_side_run_on()
    from derm1m_build.pmc.panels.charts import _label_lines
    assert len(_label_lines(img)) == 2  # the second line runs on over the third label
    assert printed_label_panels(img, ocr_ok.read_line) is None
