"""Compound figures, round 19 (geometry): photo grids on layouts no figure set has.

Each unseen set so far found a layout family the gutter and edge rules did not cover (set 9: grids on
a navy page, where JPEG's chroma noise spreads every gutter line over more than the uniform-line
tolerance, so no gutter was seen and four to five photos came out as one piece). Rather than patch
the figures, this module holds a generator of stress layouts built from the shared real photographs
(`stress`): unequal heights in a row, a tall panel spanning two rows, tinted or grey pages, drop
shadows, similar photos abutting, circular dermoscopy crops on black, low-quality JPEG, 2-4 px
gutters, labels in the margin outside the photo. `python tests/test_pmc_geom19.py [N]` prints the
exact-split rate per family (the splitter imported from PYTHONPATH, so main's checkout can be
measured the same way); the tests pin the families the rules now cover.

Exact split: as many pieces as photos, each photo's box matched by one piece at IoU >= 0.8 (a label
set in the margin beside a photo may join its piece)."""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grid_photos import photos as _photos, fit as _fit, iou as _iou  # noqa: E402
from derm1m_build.pmc.panels import split_panels  # noqa: E402

FAMILIES = ("unequal_row", "tall_span", "tinted_page", "shadow", "abut_similar", "circles_black",
            "jpeg_low", "narrow", "margin_labels")

# page colours (BGR): navy, dark red, slate, dark green, mid grey, light blue tint, cream
TINTS = [(70, 25, 15), (30, 30, 120), (90, 80, 70), (40, 80, 30), (128, 128, 128), (248, 238, 230), (228, 242, 247)]


@dataclass
class Stress:
    image: np.ndarray
    boxes: list[list[int]]  # each photo's box [x0, y0, x1, y1], row-major
    family: str


def _cells(kind: str, rng: random.Random, g: int, m: int) -> tuple[list[tuple[int, int, int, int]], int, int]:
    """Photo cells (x, y, w, h) of a layout and the canvas size (W, H)."""
    s = rng.randint(150, 200)
    if kind == "unequal_row":  # one row of three of unequal heights over a row of two, tops aligned
        hs = [s, round(s * 0.75), round(s * 0.6)]
        ws = [round(s * rng.uniform(0.8, 1.2)) for _ in range(3)]
        cells = []
        x = m
        for w, h in zip(ws, hs if rng.random() < 0.5 else hs[::-1]):
            cells.append((x, m, w, h))
            x += w + g
        W = x - g + m
        y = m + max(hs) + g
        w2 = (W - 2 * m - g) // 2
        cells += [(m, y, w2, s), (m + w2 + g, y, W - 2 * m - g - w2, s)]
        return cells, W, y + s + m
    if kind == "tall_span":  # a tall panel left spanning two rows of two
        th = 2 * s + g
        tw = round(s * 1.1)
        cells = [(m, m, tw, th)]
        for r in range(2):
            for c in range(2):
                cells.append((m + tw + g + c * (s + g), m + r * (s + g), s, s))
        cells = [cells[0], cells[1], cells[2], cells[3], cells[4]]
        return cells, m + tw + g + 2 * s + g + m, m + th + m
    rows, cols = rng.choice([(1, 3), (2, 2), (2, 3), (1, 4)])
    h = round(s * rng.choice([0.8, 1.0]))
    cells = [(m + c * (s + g), m + r * (h + g), s, h) for r in range(rows) for c in range(cols)]
    return cells, 2 * m + cols * s + (cols - 1) * g, 2 * m + rows * h + (rows - 1) * g


def _jpeg(img: np.ndarray, q: int) -> np.ndarray:
    return cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])[1], cv2.IMREAD_COLOR)


def stress(seed: int, family: str | None = None) -> Stress:
    """One stress layout; `family` defaults to FAMILIES[seed % 9]. Every figure ends with a JPEG
    round trip (quality 75, 85 or 90, or 55-70 for `jpeg_low`), as journals serve it."""
    family = family or FAMILIES[seed % len(FAMILIES)]
    rng = random.Random(seed * 7919 + FAMILIES.index(family))
    page, g, m = (255, 255, 255), rng.choice([8, 10, 12]), rng.choice([0, 6, 10])
    q = rng.choice([75, 85, 90])
    kind = family if family in ("unequal_row", "tall_span") else "grid"
    if family in ("unequal_row", "tall_span"):
        page = rng.choice([(255, 255, 255), (0, 0, 0), TINTS[rng.randrange(len(TINTS))]])
    elif family == "tinted_page":  # gutters of 4-8 px: every gutter line shares JPEG blocks with a photo
        page, g, m = rng.choice(TINTS), rng.choice([4, 6, 8]), rng.choice([6, 10])
    elif family == "shadow":
        page, g, m = rng.choice([(255, 255, 255), (240, 240, 240)]), rng.choice([12, 16]), 12
    elif family == "abut_similar":
        g, m = 0, 0
    elif family == "circles_black":
        page, g, m = (0, 0, 0), rng.choice([4, 8]), rng.choice([0, 6])
    elif family == "jpeg_low":
        page, q = rng.choice([(255, 255, 255), (200, 200, 200), (0, 0, 0)]), rng.randint(55, 70)
    elif family == "narrow":
        page, g, m = rng.choice([(255, 255, 255), (0, 0, 0)]), rng.choice([2, 3, 4]), rng.choice([0, 2, 4])
    elif family == "margin_labels":
        g, m = 26, 26
    cells, W, H = _cells(kind, rng, g, m)
    canvas = np.zeros((H, W, 3), np.uint8)
    canvas[:] = page
    kindp = "dermoscopy" if family in ("abut_similar", "circles_black") or rng.random() < 0.5 else "clinical"
    pics = _photos(kindp, rng.randrange(200), len(cells))
    for i, ((x, y, w, h), p) in enumerate(zip(cells, pics)):
        ph = _fit(p, w, h)
        if family == "shadow":
            a = np.zeros((H, W), np.float32)  # a soft grey shadow 4 px down and right of the photo
            cv2.rectangle(a, (x + 4, y + 4), (x + w + 3, y + h + 3), 0.65, -1)
            a = cv2.GaussianBlur(a, (0, 0), 2)[:, :, None]
            canvas[:] = (canvas * (1 - a) + 40 * a).astype(np.uint8)
        if family == "circles_black":
            mask = np.zeros((h, w), np.uint8)
            cv2.circle(mask, (w // 2, h // 2), min(w, h) // 2, 255, -1)
            ph = cv2.bitwise_and(ph, ph, mask=mask)
        canvas[y:y + h, x:x + w] = ph
        if family == "margin_labels":  # the letter in the margin left of the photo's top corner
            cv2.putText(canvas, "ABCDEFG"[i], (x - 22, y + 18), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (0, 0, 0), 2,
                        cv2.LINE_AA)
    boxes = [[x, y, x + w, y + h] for x, y, w, h in cells]
    if family == "circles_black":  # the panel is the circle's square (its corners are the page)
        boxes = [[x + (w - min(w, h)) // 2, y + (h - min(w, h)) // 2,
                  x + (w - min(w, h)) // 2 + min(w, h), y + (h - min(w, h)) // 2 + min(w, h)] for x, y, w, h in cells]
    return Stress(_jpeg(canvas, q), boxes, family)


def exact(pieces: list[list[int]], boxes: list[list[int]], least: float = 0.8) -> bool:
    """As many pieces as photos, each photo matched by its own piece at IoU >= `least`."""
    if len(pieces) != len(boxes):
        return False
    left = list(pieces)
    for b in boxes:
        best = max(left, key=lambda p: _iou(p, b))
        if _iou(best, b) < least:
            return False
        left.remove(best)
    return True


def split_exactly(s: Stress) -> bool:
    return exact([b.xyxy for b in split_panels(s.image)], s.boxes)


def rates(n: int, offset: int = 0, show: bool = False) -> dict[str, tuple[int, int]]:
    """Per family, (exactly split, figures) over seeds offset .. offset + n - 1 of each family;
    `show` prints each miss (family, seed, pieces, photos)."""
    out = {}
    for f in FAMILIES:
        ok = 0
        for k in range(n):
            s = stress(offset + k, f)
            got = [b.xyxy for b in split_panels(s.image)]
            if exact(got, s.boxes):
                ok += 1
            elif show:
                print(f"  miss {f} {offset + k}: {len(got)} pieces for {len(s.boxes)}", got)
        out[f] = (ok, n)
    return out


# ------------------------------------------------------------------ tests

from conftest import REALDATA, SHARED_SKIP  # noqa: E402

pytestmark = pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)


@pytest.mark.parametrize("seed", range(6))
def test_grids_on_a_tinted_page_split_at_their_gutters(seed):
    # navy, dark red, slate, dark green pages: JPEG's chroma noise spreads each gutter line over
    # more than the uniform-line tolerance; the page's colour names the gutters
    s = stress(seed, "tinted_page")
    assert split_exactly(s), ([b.xyxy for b in split_panels(s.image)], s.boxes)


def test_a_navy_row_of_four_is_cut_at_every_gutter_at_once():
    # cut 1 + 3 (one gutter clean, three noisy) made the first photo a sliver beside the others
    rng = random.Random(3)
    g, m, w, h = 6, 6, 180, 240
    W = 2 * m + 4 * w + 3 * g
    canvas = np.zeros((h + 2 * m, W, 3), np.uint8)
    canvas[:] = (70, 25, 15)
    pics = _photos("dermoscopy", 17, 4)
    boxes = []
    for i, p in enumerate(pics):
        x = m + i * (w + g)
        canvas[m:m + h, x:x + w] = _fit(p, w, h)
        boxes.append([x, m, x + w, m + h])
    img = _jpeg(canvas, 85)
    assert exact([b.xyxy for b in split_panels(img)], boxes), rng


def test_an_arrow_across_a_navy_gutter_does_not_hide_it():
    # an annotation arrow from one photo into the next covers a few per cent of the gutter's line
    g, m, w, h = 6, 6, 200, 160
    canvas = np.zeros((2 * m + 2 * h + g, 2 * m + 3 * w + 2 * g, 3), np.uint8)
    canvas[:] = (70, 25, 15)
    W = canvas.shape[1]
    pics = _photos("clinical", 40, 4)
    canvas[m:m + h, m:W - m] = _fit(pics[0], W - 2 * m, h)
    boxes = [[m, m, W - m, m + h]]
    for i in range(3):
        x, y = m + i * (w + g), m + h + g
        canvas[y:y + h, x:x + w] = _fit(pics[i + 1], w, h)
        boxes.append([x, y, x + w, y + h])
    cv2.arrowedLine(canvas, (m + w + 30, m + h + g + 30), (m + w + 90, m + h - 40), (0, 255, 0), 9, tipLength=0.3)
    img = _jpeg(canvas, 90)
    assert exact([b.xyxy for b in split_panels(img)], boxes)


def test_a_single_photo_on_a_navy_page_stays_whole():
    canvas = np.zeros((300, 400, 3), np.uint8)
    canvas[:] = (70, 25, 15)
    canvas[10:290, 10:390] = _fit(_photos("clinical", 5, 1)[0], 380, 280)
    assert len(split_panels(_jpeg(canvas, 85))) == 1


def test_generator_is_deterministic_and_boxes_lie_inside():
    a, b = stress(11, "tall_span"), stress(11, "tall_span")
    assert np.array_equal(a.image, b.image) and a.boxes == b.boxes
    H, W = a.image.shape[:2]
    assert len(a.boxes) == 5
    assert all(0 <= x0 < x1 <= W and 0 <= y0 < y1 <= H for x0, y0, x1, y1 in a.boxes)


def test_an_inset_framed_inside_a_wide_photo_is_no_panel():
    # a zoomed crop in a thin white frame at the photo's right end, running nearly its height: the
    # frame's side reads as a gutter across most of the photo; the frame closes round the inset
    w, h = 570, 140
    pics = _photos("clinical", 23, 4)
    canvas = np.zeros((h + 190, w, 3), np.uint8)
    canvas[:h] = _fit(pics[0], w, h)
    x0, y0, x1, y1 = 420, 0, 566, 130
    canvas[y0:y1, x0:x1] = _fit(pics[0][: pics[0].shape[0] // 3, : pics[0].shape[1] // 3], x1 - x0, y1 - y0)
    cv2.rectangle(canvas, (x0, y0 - 2), (x1 - 1, y1 - 1), (255, 255, 255), 2)
    boxes = [[0, 0, w, h]]
    for i in range(3):
        canvas[h:, i * 190:(i + 1) * 190] = _fit(pics[i + 1], 190, 190)
        boxes.append([i * 190, h, (i + 1) * 190, h + 190])
    img = _jpeg(canvas, 85)
    assert exact([b.xyxy for b in split_panels(img)], boxes)


@pytest.mark.parametrize("start", [3, 31, 57])
def test_an_l_of_photos_abutting_across_rows_is_four_panels(start):
    # a tall photo beside a stack of two (a white gutter between the columns), a wide photo under
    # both with no gutter: the row edge leaves a top piece twice the bottom one's height, which a
    # gutter cuts into columns; the stack's two photos meet at no line, so they are two panels
    pics = _photos("clinical", start, 4)
    W, g, top, low = 392, 12, 304, 137
    canvas = np.full((top + low, W, 3), 255, np.uint8)
    canvas[:top, :198] = _fit(pics[0], 198, top)
    canvas[:152, 198 + g:] = _fit(pics[1], W - 198 - g, 152)
    canvas[152:top, 198 + g:] = _fit(pics[2], W - 198 - g, top - 152)
    canvas[top:] = _fit(pics[3], W, low)
    boxes = [[0, 0, 198, top], [198 + g, 0, W, 152], [198 + g, 152, W, top], [0, top, W, top + low]]
    assert exact([b.xyxy for b in split_panels(_jpeg(canvas, 85))], boxes)


def test_a_black_gutter_beside_a_flat_pale_stretch_is_cut():
    # a pale photo whose last columns are as flat as a gutter runs on, line after uniform line, into
    # the black gutter: the run is split where its colour jumps (low-quality JPEG)
    s = stress(106, "jpeg_low")
    assert split_exactly(s)


def test_colour_runs_split_at_a_jump():
    from derm1m_build.pmc.panels.gutters import _colour_runs
    col = np.array([[170, 170, 175]] * 5 + [[5, 5, 5]] * 4 + [[7, 5, 6]] * 2, np.int16)
    assert _colour_runs([(0, 11)], col) == [(0, 5), (5, 11)]
    assert _colour_runs([(5, 11)], col) == [(5, 11)]


def test_a_smooth_skin_photo_is_no_page():
    # a close-up of smooth skin is nearly one colour along all four edges (up to 92 % of each edge
    # within the tolerance); a page margin is one colour all along (97 % and more)
    from derm1m_build.pmc.panels.gutters import _margin_colour
    rng = np.random.default_rng(4)
    skin = np.zeros((300, 300, 3), np.float32)
    skin[:] = (150, 160, 200)
    skin += cv2.GaussianBlur(rng.normal(0, 14, (300, 300, 3)).astype(np.float32), (0, 0), 1.5) * 3
    img = np.clip(skin, 0, 255).astype(np.uint8)
    share = (np.abs(img[0].astype(int) - np.median(img[0], axis=0)).max(-1) <= 20).mean()
    assert 0.6 < share < 0.95
    assert _margin_colour(img) is None


def test_margin_colour_only_for_a_plain_coloured_margin():
    from derm1m_build.pmc.panels.gutters import _margin_colour
    navy = np.zeros((60, 80, 3), np.uint8)
    navy[:] = (70, 25, 15)
    navy[5:55, 5:75] = 128 + np.arange(70, dtype=np.uint8)[None, :, None]
    assert _margin_colour(navy) is not None
    white = navy.copy()
    white[:5], white[55:], white[:, :5], white[:, 75:] = 255, 255, 255, 255
    assert _margin_colour(white) is None
    photo = np.dstack([np.tile(np.arange(80, dtype=np.uint8) * 3, (60, 1))] * 3)
    assert _margin_colour(photo) is None


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    off = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    r = rates(n, off, "--show" in sys.argv)
    for f, (ok, k) in r.items():
        print(f"{f:14s} {ok:3d}/{k}")
    tot = sum(o for o, _ in r.values()), sum(k for _, k in r.values())
    print(f"{'all':14s} {tot[0]:3d}/{tot[1]} ({100 * tot[0] / tot[1]:.0f} %)")
