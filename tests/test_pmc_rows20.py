"""Round 20: a caption naming fewer panels than the image holds gives no row with another panel's crop.

Set 11's composed_041 (a 2 x 2 grid on a charcoal page, "a." labels at the bottom-left of each photo, caption
"(a) ... (b) ... The other two images show ...") gave rows A and B whose crops were whole columns: the strip above
the lower photos' top-left corners (where a label printed in the gutter above its photo is looked for) read the
upper photos' bottom-left labels a and b, the top-left reading named the caption's two letters on the lower
photos, and `_rows` joined each upper photo to the labelled one under it. The rule now (`pairing._extra_photos`),
applied to the rows of every path `pair` takes: when every piece of the gutter split is a photograph, there are
more of them than rows, and one row's crop holds two or more photographs of panel size that its own sub-caption
does not name as parts ("(i)", "(ii)"), the figure stays whole (`unlabelled_piece`).

The grids here are composed from the shared real photographs (none is a benchmark set's figure): 1 x 3 to 3 x 2,
white, black, charcoal, grey or navy pages, labels at a corner, the top centre or in the margin above each photo,
"a.", "(A)" or "A", under captions naming the first 2 or 3 panels and describing the rest in words.

    PYTHONPATH=ROOT python tests/test_pmc_rows20.py --seeds 0-29    # per grid: whole / named / wrong (main: 3 wrong, 1, 17 and 0)
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest

from conftest import REALDATA, SHARED_SKIP

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
LAYOUTS = [(2, 2), (1, 3), (1, 4), (2, 3), (3, 2)]
PAGES = {"charcoal": (50, 50, 50), "white": (255, 255, 255), "black": (0, 0, 0), "grey": (128, 128, 128),
         "navy": (90, 30, 20)}  # BGR
PLACES = ["bl", "tl", "br", "tr", "tc", "above"]
STYLES = ["a.", "(A)", "A"]
FINDINGS = ["seborrheic keratosis", "melanocytic nevus", "melanoma", "basal cell carcinoma", "actinic keratosis",
            "dermatofibroma"]
WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


@dataclass
class Partial:
    image: np.ndarray  # BGR
    boxes: list[tuple[int, int, int, int]]  # per panel, x0, y0, x1, y1, labels a, b, c... in reading order
    named: list[str]  # the letters the caption names (the first k)
    caption: str
    style: str


def make(seed: int, layout: tuple[int, int] | None = None, page: str | None = None, place: str | None = None,
         named: int | None = None) -> Partial:
    """Grid `seed`: every photo labelled (a, b, c, ... in reading order) at one place, the caption naming only
    the first `named` of them (2 or 3, fewer than the photos) and the rest in words."""
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.pmc.derm_grids import photo_paths
    from tests.grid_photos import fit

    rng = np.random.default_rng(2000 + seed)
    rows, cols = layout or LAYOUTS[seed % len(LAYOUTS)]
    n = rows * cols
    page = page or list(PAGES)[(seed // len(LAYOUTS)) % len(PAGES)]
    place = place or PLACES[seed % len(PLACES)]
    style = STYLES[seed % len(STYLES)]
    k = named or min(n - 1, 2 + int(rng.integers(0, 2)))
    size = int(rng.integers(26, 42))
    gutter = int(rng.integers(6, 13))
    lead = size + 10 if place == "above" else 0
    ph, pw = int(rng.integers(150, 200)), int(rng.integers(170, 230))
    H = gutter + rows * (ph + lead + gutter)
    W = gutter + cols * (pw + gutter)
    canvas = np.zeros((H, W, 3), np.uint8)
    canvas[:] = PAGES[page]
    paths = [p for p in photo_paths() if "clinical" in p.parts]
    picks = rng.choice(len(paths), size=n, replace=False)
    boxes = []
    for r in range(rows):
        for c in range(cols):
            x0, y0 = gutter + c * (pw + gutter), gutter + lead + r * (ph + lead + gutter)
            boxes.append((x0, y0, x0 + pw, y0 + ph))
            canvas[y0:y0 + ph, x0:x0 + pw] = fit(cv2.imread(str(paths[int(picks[len(boxes) - 1])])), pw, ph)
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(FONT, size)
    ink = (255, 230, 0) if place != "above" else ((0, 0, 0) if page in ("white", "grey") else (255, 255, 255))
    inset = max(5, size // 5)
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        L = chr(ord("a") + i)
        text = {"a.": f"{L}.", "(A)": f"({L.upper()})", "A": L.upper()}[style]
        l, t, r, b = d.textbbox((0, 0), text, font=font)
        tw, th = r - l, b - t
        x = {"bl": x0 + inset, "tl": x0 + inset, "above": x0, "br": x1 - inset - tw, "tr": x1 - inset - tw,
             "tc": (x0 + x1 - tw) // 2}[place]
        y = {"bl": y1 - inset - th, "br": y1 - inset - th, "above": y0 - th - 5}.get(place, y0 + inset)
        d.text((x - l, y - t), text, font=font, fill=ink)
    img = np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
    img = cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 92])[1], cv2.IMREAD_COLOR)
    names = [chr(ord("a") + i) for i in range(k)]
    marks = [f"({L})" if style != "(A)" else f"({L.upper()})" for L in names]
    parts = " ".join(f"{m} A lesion on the {['face', 'arm', 'back'][i]} (histology: {FINDINGS[(seed + i) % 6]})."
                     for i, m in enumerate(marks))
    rest = [FINDINGS[(seed + k + j) % 6] for j in range(n - k)]
    tail = (f"The other {WORDS[n - k]} images show {', '.join(rest)}." if n - k > 1 and seed % 2 == 0
            else f"The remaining panels show {', '.join(rest)}." if n - k > 1
            else f"The last image shows {rest[0]}.")
    caption = f"Fig. {seed % 9 + 1}. Cases from the prospective study. {parts} {tail}"
    return Partial(img, boxes, [L.upper() for L in names], caption,
                   f"{rows}x{cols} {page} {place} {style} {size}px names {k} of {n}")


def iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    return ix * iy / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy)


def verdict(g: Partial, pairing) -> str:
    """"whole", "named" (rows for exactly the named panels, each crop its photo: IoU >= 0.85), or "wrong"."""
    if not pairing.panels:
        return "whole"
    for L, b, _ in pairing.panels:
        k = ord(L) - ord("A")
        if not 0 <= k < len(g.boxes) or iou(b.xyxy, g.boxes[k]) < 0.85:
            return "wrong"
    return "named" if sorted(L for L, _, _ in pairing.panels) == g.named else "wrong"


# ------------------------------------------------------------------ tests

@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_set11_composed_041_layout_stays_whole(ocr_ok):
    """The layout of set 11's wrong crop, other photographs: 2 x 2, charcoal page, yellow "a." at the
    bottom-left, caption naming a and b. Main gave rows A and B = the two columns."""
    from derm1m_build.pmc.panels import pair

    g = make(0, layout=(2, 2), page="charcoal", place="bl", named=2)
    p, _ = pair(g.image, g.caption)
    assert p.panels == []
    assert p.note.startswith("unlabelled_piece: row A's crop holds 2 photographs; 4 photographs and 2 caption panels")


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("seed", [0, 1, 3, 6, 9, 12, 17, 21, 25, 29])
def test_partial_captions_never_give_a_wrong_crop(ocr_ok, seed):
    """Layouts, page colours and label places mixed by the seed: rows only for exactly the named panels with
    their own photos, else whole (in practice whole)."""
    from derm1m_build.pmc.panels import pair

    g = make(seed)
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) in ("whole", "named"), (g.style, [(L, b.xyxy) for L, b, _ in p.panels])


def _two_photo_panel(sub_caption: str):
    """Panel A = two photos side by side (a clinical and a close-up view), panel B one photo under them; labels
    "A", "B" at the top-left of A's first photo and of B."""
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.pmc.derm_grids import photo_paths
    from tests.grid_photos import fit

    paths = [p for p in photo_paths() if "clinical" in p.parts]
    img = np.full((8 + 180 + 8 + 180 + 8, 8 + 200 + 8 + 200 + 8, 3), 255, np.uint8)
    cells = [(8, 8, 208, 188), (216, 8, 416, 188), (8, 196, 416, 376)]
    for (x0, y0, x1, y1), p in zip(cells, paths[3:6]):
        img[y0:y1, x0:x1] = fit(cv2.imread(str(p)), x1 - x0, y1 - y0)
    pil = Image.fromarray(img[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(FONT, 30)
    for L, (x0, y0, _, _) in zip("AB", (cells[0], cells[2])):
        d.text((x0 + 6, y0 + 2), L, font=font, fill=(255, 255, 255), stroke_width=2, stroke_fill=(0, 0, 0))
    img = np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
    return img, f"Figure 1. (A) {sub_caption} (B) The same lesion after treatment."


def test_extra_photos_rule_on_given_rows():
    """The rule alone, on given rows: a row over two photographs of panel size is refused unless its own
    sub-caption names two parts; an inset (a smaller photograph) or a figure with a chart piece is untouched."""
    from derm1m_build.pmc.panels.captions import split_caption
    from derm1m_build.pmc.panels.gutters import Box
    from derm1m_build.pmc.panels.pairing import Pairing, _extra_photos

    rng = np.random.default_rng(5)
    img = np.full((200, 420, 3), 255, np.uint8)
    img[0:200, 0:200] = rng.integers(0, 255, (200, 200, 3))
    img[0:200, 210:420] = rng.integers(0, 255, (200, 210, 3))
    pieces = [Box(0, 0, 200, 200), Box(210, 0, 210, 200)]
    rows = Pairing([("A", Box(0, 0, 420, 200), "x")])
    plain = split_caption("(A) A plaque. (B) Another plaque, not shown.")
    parts = split_caption("(A) A plaque (i) and its dermoscopy (ii). (B) Another plaque.")
    assert _extra_photos(img, pieces, rows, plain).startswith("unlabelled_piece: row A's crop holds 2 photographs")
    assert _extra_photos(img, pieces, rows, parts) == ""
    inset = [Box(0, 0, 200, 200), Box(210, 0, 90, 90)]  # under half the large one's area
    assert _extra_photos(img, inset, rows, plain) == ""
    chart = img.copy()
    chart[0:200, 210:420] = 255
    chart[100, 210:420] = 0  # a line on paper: no photograph
    assert _extra_photos(chart, pieces, rows, plain) == ""
    assert _extra_photos(img, pieces, Pairing([], note="x"), plain) == ""


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_two_photo_panel_named_as_parts_keeps_its_rows_else_whole(ocr_ok):
    """A panel of two photographs whose sub-caption names them "(i)" and "(ii)" keeps its row (set 7's composed
    024 and 036 are of this kind); with a sub-caption naming one view too, its printed letters accounting for
    both photographs (before round 30 that figure stayed whole)."""
    from derm1m_build.pmc.panels import pair

    img, cap = _two_photo_panel("Clinical view (i) and close-up (ii) of a plaque.")
    p, _ = pair(img, cap)
    assert [(L, list(b.xyxy)) for L, b, _ in p.panels] == [("A", [8, 8, 416, 188]), ("B", [8, 196, 416, 376])], p.note
    # with a sub-caption naming one view, the printed letters account for the photographs since round 30 (A's
    # second photograph prints no letter and lies right of A's label only): the same rows
    img, cap = _two_photo_panel("A plaque on the arm.")
    p, _ = pair(img, cap)
    assert [(L, list(b.xyxy)) for L, b, _ in p.panels] == [("A", [8, 8, 416, 188]), ("B", [8, 196, 416, 376])], p.note


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="0-29")
    a = ap.parse_args(argv)
    from derm1m_build.pmc.panels import pair

    lo, hi = (int(v) for v in a.seeds.split("-"))
    tally: dict[str, int] = {}
    for s in range(lo, hi + 1):
        g = make(s)
        p, _ = pair(g.image, g.caption)
        v = verdict(g, p)
        tally[v] = tally.get(v, 0) + 1
        print(f"{s:3d} {g.style:50s} {v:6s} {p.note[:70]}", flush=True)
    print(" ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
