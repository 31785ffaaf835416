"""Round 26: a scale bar's length is no panel label.

Clinical and histology photographs carry scale bars ("1 cm", "5 mm", "100 µm"), and they stand where panel labels
do: in a corner of the photo. The c of "cm" reads as a caption's C, the m of "mm" or "µm" as its M; where a
photo's own label is unprinted or unread, the scale bar then names the panel, and the figure gets rows whose
evidence is a unit of length. The rule now (`letters._unit_word`, in `corner_letter`): a glyph read as C, M, N or
U with ink of its colour starting within 0.7 of its height beside it (a neighbouring glyph: a label stands alone,
or with its bracket or stop) is read once more with its line, freely; a line ending in a length ("1cm", "100µm",
"cm") names no panel.

The grids here are composed from the shared real photographs (none is a benchmark set's figure): 1 x 3 to 2 x 4,
white or black pages, labels at the top-left or bottom-left inset, a scale bar on every photo at another corner
or, for the photo whose label is left unprinted, at the label's own place.

    PYTHONPATH=ROOT python tests/test_pmc_rows26.py --seeds 0-15 [--bar-at-label]    # per grid: rows / whole / wrong
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
FONT_PLAIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LAYOUTS = [(1, 3), (2, 2), (2, 3), (2, 4)]
PAGES = {"white": (255, 255, 255), "black": (0, 0, 0)}  # BGR
STYLES = ["A", "(a)", "a"]
LENGTHS = ["1 cm", "5 mm", "100 µm", "2 cm", "50 µm", "1 mm"]


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


@dataclass
class Grid:
    image: np.ndarray  # BGR
    boxes: list[tuple[int, int, int, int]]  # per panel x0, y0, x1, y1, letters A, B, ... in reading order
    caption: str
    desc: str


def _bar(d, x: int, y: int, text: str, font, colour, under: bool) -> tuple[int, int, int, int]:
    """A scale bar's length at (x, y) with its bar under (or over) it; returns the text's box."""
    l, t, r, b = d.textbbox((x, y), text, font=font)
    d.text((x, y), text, font=font, fill=colour)
    yb = b + 3 if under else t - 7
    d.rectangle((l, yb, l + max(r - l, 30), yb + 3), fill=colour)
    return l, t, r, b


def make(seed: int, bar_at_label: bool = False, unlabelled: int | None = None) -> Grid:
    """Grid `seed`: photos labelled A, B, C... in reading order at one inset corner, each with a scale bar
    at the opposite side's bottom corner; with `bar_at_label`, photo `unlabelled` (default: the one labelled
    C, or the last of a 1 x 3) has no label and its scale bar stands at the label's place instead."""
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.pmc.derm_grids import photo_paths
    from tests.grid_photos import fit

    rng = np.random.default_rng(2600 + seed)
    rows, cols = LAYOUTS[seed % len(LAYOUTS)]
    n = rows * cols
    page = list(PAGES)[(seed // len(LAYOUTS)) % len(PAGES)]
    style = STYLES[seed % len(STYLES)]
    corner = "tl" if (seed // 2) % 2 == 0 else "bl"
    size = int(rng.integers(12, 18))
    gutter = int(rng.integers(6, 14))
    ph, pw = int(rng.integers(160, 210)), int(rng.integers(180, 240))
    H, W = gutter + rows * (ph + gutter), gutter + cols * (pw + gutter)
    canvas = np.zeros((H, W, 3), np.uint8)
    canvas[:] = PAGES[page]
    paths = [p for p in photo_paths() if "clinical" in p.parts]
    picks = rng.choice(len(paths), size=n, replace=False)
    boxes = []
    for r in range(rows):
        for c in range(cols):
            x0, y0 = gutter + c * (pw + gutter), gutter + r * (ph + gutter)
            boxes.append((x0, y0, x0 + pw, y0 + ph))
            canvas[y0:y0 + ph, x0:x0 + pw] = fit(cv2.imread(str(paths[int(picks[len(boxes) - 1])])), pw, ph)
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(FONT, size)
    small = ImageFont.truetype(FONT_PLAIN, max(10, size - 2))
    skip = (2 if unlabelled is None else unlabelled) if bar_at_label else None
    inset = max(5, size // 4)
    length = LENGTHS[seed % len(LENGTHS)]
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        L = chr(ord("A") + i)
        text = {"A": L, "(a)": f"({L.lower()})", "a": L.lower()}[style]
        l, t, r, b = d.textbbox((0, 0), text, font=font)
        y = y0 + inset + 8 if corner == "tl" else y1 - inset - (b - t)
        if i == skip:
            # no label: the scale bar's length where the label would stand (its bar below it)
            ly = y0 + inset + 8 if corner == "tl" else y1 - inset - (b - t) - 8
            _bar(d, x0 + inset, ly, length, small, (255, 255, 255), under=True)
            continue
        d.text((x0 + inset - l, y - t), text, font=font, fill=(255, 255, 255))
        # the scale bar at the other bottom corner (bottom-right; bottom-left... under a top-left label)
        bl, bt, br, bb = d.textbbox((0, 0), length, font=small)
        bx = x0 + inset if corner == "tl" else x1 - inset - max(br - bl, 30)
        _bar(d, bx, y1 - inset - (bb - bt) - 12, length, small, (255, 255, 255), under=True)
    img = np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
    img = cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 80])[1], cv2.IMREAD_COLOR)
    sites = ["the cheek", "the forearm", "the shin", "the trunk", "the palm", "the scalp", "the thigh", "the foot"]
    caption = "Figure 3. Lesions before treatment. " + " ".join(
        f"({chr(ord('A') + i)}) Plaque on {sites[i]}." for i in range(n))
    return Grid(img, boxes, caption,
                f"{rows}x{cols} {page} {corner} {style} {size}px '{length}'" + (f" at label {skip}" if bar_at_label else ""))


def iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    return ix * iy / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy)


def verdict(g: Grid, pairing) -> str:
    """"whole", "rows" (a row per panel, each crop its photo: IoU >= 0.85 with the box of its letter), or "wrong"."""
    if not pairing.panels:
        return "whole"
    if len(pairing.panels) != len(g.boxes):
        return "wrong"
    for L, b, _ in pairing.panels:
        k = ord(L) - ord("A")
        if not 0 <= k < len(g.boxes) or iou(b.xyxy, g.boxes[k]) < 0.85:
            return "wrong"
    return "rows"


def _patch(texts: list[tuple[str, int]], bg=(120, 140, 170)) -> np.ndarray:
    """A 200 x 140 BGR patch of one colour with white texts (text, x) on one line at y = 10."""
    from PIL import Image, ImageDraw, ImageFont
    pil = Image.new("RGB", (200, 140), bg[::-1])
    d = ImageDraw.Draw(pil)
    for text, x in texts:
        d.text((x, 10), text, font=ImageFont.truetype(FONT, 16), fill=(255, 255, 255))
    return np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])


# ------------------------------------------------------------------ tests

@pytest.mark.parametrize("texts,want,expected", [
    ([("1 cm", 8)], {"A", "B", "C"}, None),        # the c of "cm": no label
    ([("5 mm", 8)], {"K", "L", "M"}, None),        # the m of "mm"
    ([("cm", 8)], {"A", "B", "C"}, None),          # the unit alone, its number elsewhere
    ([("C", 8)], {"A", "B", "C"}, "C"),            # a label alone
    ([("(c)", 8)], {"A", "B", "C"}, "C"),          # a bracketed label: its line is no length
    ([("C", 8), ("1 cm", 80)], {"A", "B", "C"}, "C"),  # a label with a scale bar further along its line
    ([("M.", 8)], {"L", "M", "N"}, "M"),           # a label and its stop
])
def test_scale_bar_unit_names_no_panel(ocr_ok, texts, want, expected):
    from derm1m_build.ocr import read_line
    from derm1m_build.pmc.panels.gutters import Box
    from derm1m_build.pmc.panels.letters import corner_letter
    img = _patch(texts)
    assert corner_letter(img, Box(0, 0, 200, 140), read_line, side=600, want=want,
                         corners=((False, False),)) == expected


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("seed", [6])
def test_scale_bar_at_an_unprinted_label_keeps_the_figure_whole(ocr_ok, seed):
    """Photo C has no label and its "1 cm" stands where the label would: the c of cm is no C (main made rows)."""
    from derm1m_build.pmc.panels import pair
    g = make(seed, bar_at_label=True)
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) == "whole", (g.desc, [(L, b.xyxy) for L, b, _ in p.panels])
    assert p.note.startswith("letters_disagree") and "image A,B,D,E," in p.note, p.note


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 6, 13])
def test_labels_beside_scale_bars_still_name_their_panels(ocr_ok, seed):
    """Every photo labelled and a scale bar on each at another corner: a row per photo, C read as C."""
    from derm1m_build.pmc.panels import pair
    g = make(seed)
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) == "rows", (g.desc, p.note)
    assert [L for L, _, _ in p.panels] == [chr(ord("A") + i) for i in range(len(g.boxes))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="0-15")
    ap.add_argument("--bar-at-label", action="store_true", help="photo C unlabelled, its scale bar at the label's place")
    args = ap.parse_args()
    from derm1m_build.pmc.panels import pair
    lo, hi = (int(v) for v in args.seeds.split("-"))
    tally: dict[str, int] = {}
    for seed in range(lo, hi + 1):
        g = make(seed, bar_at_label=args.bar_at_label)
        p, _ = pair(g.image, g.caption)
        v = verdict(g, p)
        tally[v] = tally.get(v, 0) + 1
        print(seed, g.desc, v, p.note[:80], flush=True)
    print(tally)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
