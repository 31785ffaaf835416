"""Round 30: one lettered panel made of several photographs, cut apart by the gutter split.

Case reports print one label over a panel of two or three photographs ("A" over a clinical photograph and
its close-up side by side, or a lesion before and after stacked), with the same gutter between the photographs
of one panel as between panels. Only the printed letters say which photographs belong together: the
photograph without a label of its own belongs to the labelled panel whose label region it falls in (right
of the label in its row, or under it in its column, before the next label). The grids here are composed
from the shared real photographs (none a benchmark set's figure): cells of one size on white or black
pages, labels "A", "(a)" or "a" at each panel's top-left, plain or on a white box, and a caption naming
every panel ("(A) ...", "a ...", "A, ..."). The right answer is one row per letter, its crop the union of
its photographs (IoU >= 0.85), or the whole figure; kind "omit" leaves the last panel out of the caption
(its label still printed): rows then would give the last named row a wrong crop, so the answer must be
whole or rows naming only the named panels, each its own crop.

    PYTHONPATH=ROOT python tests/test_pmc_rows30.py --seeds 0-23 [--kind multi|omit|toprow|all]

Kind "toprow" prints labels over the first row only, the caption naming those and "The other images show ...":
the photographs under them belong to no lettered panel, so rows must not take them.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass

import cv2
import numpy as np
import pytest

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# (rows, cols, panels as lists of (row, col) cells in reading order of their top-left cell)
LAYOUTS = [
    (2, 3, [[(0, 0), (0, 1)], [(0, 2)], [(1, 0)], [(1, 1)], [(1, 2)]]),      # A: two side by side
    (1, 4, [[(0, 0)], [(0, 1), (0, 2)], [(0, 3)]]),                       # B: two side by side
    (2, 3, [[(0, 0), (0, 1), (0, 2)], [(1, 0)], [(1, 1)], [(1, 2)]]),      # A: three across the top
    (2, 2, [[(0, 0)], [(0, 1)], [(1, 0), (1, 1)]]),                       # C: two across the bottom
    (2, 3, [[(0, 0)], [(0, 1)], [(0, 2)], [(1, 0), (1, 1)], [(1, 2)]]),      # D: two side by side
    (1, 3, [[(0, 0)], [(0, 1), (0, 2)]]),                                 # B: two side by side
    (2, 2, [[(0, 0), (1, 0)], [(0, 1)], [(1, 1)]]),                       # A: two stacked
    (2, 3, [[(0, 0)], [(0, 1), (1, 1)], [(0, 2)], [(1, 0)], [(1, 2)]]),      # B: two stacked in the middle
]
FINDINGS = ["an erythematous plaque", "a pigmented macule", "a pearly papule", "an ulcerated nodule",
            "a scaly patch", "a keratotic papule"]


@dataclass
class Grid:
    image: np.ndarray  # BGR
    boxes: list[tuple[int, int, int, int]]  # per panel x0, y0, x1, y1 (union of its photographs), A, B, ...
    named: list[str]  # the letters the caption names
    caption: str
    desc: str


def make(seed: int, kind: str = "multi") -> Grid:
    """Grid `seed`: photographs in cells, panels of one to three cells, labelled A, B, ... at each panel's
    top-left; kind "multi": the caption names every panel; "omit": all but the last."""
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.pmc.derm_grids import photo_paths
    from tests.grid_photos import fit

    rng = np.random.default_rng(3000 + seed)
    rows, cols, panels = LAYOUTS[seed % len(LAYOUTS)]
    page = (255, 255, 255) if (seed // len(LAYOUTS)) % 2 == 0 else (0, 0, 0)
    style = ["A", "(a)", "a"][seed % 3]
    boxed = seed % 4 == 1
    size = int(rng.integers(22, 32))
    gutter = int(rng.integers(6, 14))
    ph, pw = int(rng.integers(160, 220)), int(rng.integers(180, 250))
    H, W = gutter + rows * (ph + gutter), gutter + cols * (pw + gutter)
    canvas = np.zeros((H, W, 3), np.uint8)
    canvas[:] = page
    paths = photo_paths()
    picks = rng.choice(len(paths), size=rows * cols, replace=False)
    boxes = []
    k = 0
    for cells in panels:
        xs, ys = [], []
        for r, c in cells:
            x0, y0 = gutter + c * (pw + gutter), gutter + r * (ph + gutter)
            canvas[y0:y0 + ph, x0:x0 + pw] = fit(cv2.imread(str(paths[int(picks[k])])), pw, ph)
            k += 1
            xs += [x0, x0 + pw]
            ys += [y0, y0 + ph]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(FONT, size)
    for i, (x0, y0, _, _) in enumerate(boxes):
        L = chr(ord("A") + i)
        if kind == "toprow" and y0 != boxes[0][1]:
            continue
        text = {"A": L, "(a)": f"({L.lower()})", "a": L.lower()}[style]
        l, t, r, b = d.textbbox((0, 0), text, font=font)
        x, y = x0 + 6, y0 + 6
        if boxed:
            d.rectangle((x - 3, y - 3, x + r - l + 3, y + b - t + 3), fill=(255, 255, 255))
            ink = (0, 0, 0)
        else:
            patch = canvas[y:y + b - t, x:x + r - l]
            ink = (255, 255, 255) if patch.size and float(patch.mean()) < 110 else (0, 0, 0)
        d.text((x - l, y - t), text, font=font, fill=ink)
    img = np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
    img = cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 90])[1], cv2.IMREAD_COLOR)
    n = len(boxes)
    named = [chr(ord("A") + i) for i in range(n - 1 if kind == "omit" else n)]
    if kind == "toprow":  # only the first row printed labels: the other photographs are no lettered panel's
        named = [chr(ord("A") + i) for i, bx in enumerate(boxes) if bx[1] == boxes[0][1]]
    parts = [f"{FINDINGS[(seed + i) % len(FINDINGS)].capitalize()}" for i in range(len(named))]
    cap_style = ["paren", "bare", "comma"][(seed // 3) % 3]
    if cap_style == "bare":
        body = " ".join(f"{L.lower()} {p}." for L, p in zip(named, parts))
    elif cap_style == "comma":
        body = " ".join(f"{L}, {p}." for L, p in zip(named, parts))
    else:
        body = " ".join(f"({L.lower() if style != 'A' else L}) {p}." for L, p in zip(named, parts))
    caption = f"Figure {seed % 7 + 1}. Case {seed}: a {40 + seed}-year-old patient. {body}"
    if kind == "toprow":
        caption += " The other images show the lesion at follow-up."
    return Grid(img, boxes, named, caption,
                f"{rows}x{cols} layout{seed % len(LAYOUTS)} {'white' if page[0] else 'black'} {style}"
                f"{' boxed' if boxed else ''} {cap_style} {kind}")


def iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    return ix * iy / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy)


def verdict(g: Grid, pairing) -> str:
    """"whole"; "rows" (rows for exactly the named panels, each crop its panel: IoU >= 0.85); else "wrong"."""
    if not pairing.panels:
        return "whole"
    for L, b, _ in pairing.panels:
        k = ord(L) - ord("A")
        if not 0 <= k < len(g.boxes) or iou(b.xyxy, g.boxes[k]) < 0.85:
            return "wrong"
    return "rows" if sorted(L for L, _, _ in pairing.panels) == g.named else "wrong"


# ------------------------------------------------------------------ tests

@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _need_photos():
    from conftest import REALDATA, SHARED_SKIP
    if not REALDATA.exists():
        pytest.skip(SHARED_SKIP)


def _pair(g):
    from derm1m_build.pmc.panels import pair
    return pair(g.image, g.caption)[0]


# layouts 0, 1, 2, 5, 6: every unlabelled photograph in one label region (before this round all were whole:
# `unlabelled_piece`)
@pytest.mark.parametrize("seed", [0, 1, 2, 5, 6, 8, 9, 10, 13, 14])
def test_a_lettered_panel_of_several_photographs_is_one_row_its_crop_their_union(ocr_ok, seed):
    _need_photos()
    g = make(seed, "multi")
    p = _pair(g)
    assert verdict(g, p) == "rows", (g.desc, p.note, [(L, b.xyxy) for L, b, _ in p.panels])
    assert [L for L, _, _ in p.panels] == g.named


# layouts 3, 4, 7: the unlabelled photograph is right of one label and under another (a grid of equal cells
# whose labels stand where those of the other reading would): whole
@pytest.mark.parametrize("seed", [3, 4, 7, 11, 12, 15])
def test_a_photograph_in_two_label_regions_keeps_the_figure_whole(ocr_ok, seed):
    _need_photos()
    g = make(seed, "multi")
    p = _pair(g)
    assert not p.panels and p.note.startswith("unlabelled_piece"), (g.desc, p.note)


@pytest.mark.parametrize("seed", [0, 2, 4, 6, 7, 9, 12, 14])
def test_a_printed_label_the_caption_leaves_out_still_keeps_the_figure_whole(ocr_ok, seed):
    _need_photos()
    g = make(seed, "omit")
    p = _pair(g)
    assert verdict(g, p) == "whole", (g.desc, p.note)


@pytest.mark.parametrize("seed", [0, 3, 4, 6, 7, 8, 11])
def test_photographs_in_a_row_no_label_heads_are_no_lettered_panels(ocr_ok, seed):
    _need_photos()
    g = make(seed, "toprow")
    p = _pair(g)
    assert verdict(g, p) != "wrong", (g.desc, [(L, b.xyxy) for L, b, _ in p.panels])
    assert not p.panels, (g.desc, [(L, b.xyxy) for L, b, _ in p.panels])


def test_label_regions_on_a_grid_of_cells():
    from derm1m_build.pmc.panels.gutters import Box
    from derm1m_build.pmc.panels.pairing import _label_regions

    def cell(r, c):
        return Box(10 + c * 110, 10 + r * 110, 100, 100)
    # leads A (0,0), B (0,2), C (1,0): (0,1) right of A only; (1,1) right of C and under nothing labelled
    leads = {0: cell(0, 0), 1: cell(0, 2), 2: cell(1, 0)}
    assert _label_regions(cell(0, 1), leads) == {0}
    assert _label_regions(cell(1, 1), leads) == {2}
    # (1,2): right of C (the rectangle C..(1,2) holds no other lead) and under B: two regions
    assert _label_regions(cell(1, 2), leads) == {1, 2}
    # a stacked panel: leads A (0,0), B (0,1), C (1,1); (1,0) is under A, and C is right of it, not left
    leads = {0: cell(0, 0), 1: cell(0, 1), 2: cell(1, 1)}
    assert _label_regions(cell(1, 0), leads) == {0}
    # the rectangle from a lead to the photograph holding another lead is no region: A (0,0), B (0,1), (0,2)
    leads = {0: cell(0, 0), 1: cell(0, 1)}
    assert _label_regions(cell(0, 2), leads) == {1}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="0-23")
    ap.add_argument("--kind", default="all", choices=["multi", "omit", "toprow", "all"])
    ap.add_argument("--save", default="")
    args = ap.parse_args()
    from derm1m_build.pmc.panels import pair
    lo, hi = (int(v) for v in args.seeds.split("-"))
    tally: dict[str, int] = {}
    for kind in (["multi", "omit", "toprow"] if args.kind == "all" else [args.kind]):
        for s in range(lo, hi + 1):
            g = make(s, kind)
            if args.save:
                cv2.imwrite(os.path.join(args.save, f"{kind}_{s}.png"), g.image)
            p, _ = pair(g.image, g.caption)
            v = verdict(g, p)
            tally[f"{kind} {v}"] = tally.get(f"{kind} {v}", 0) + 1
            print(s, g.desc, v, p.note if not p.panels else [(L, b.xyxy) for L, b, _ in p.panels], flush=True)
    print(tally)
    return 0


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:0] = [os.path.dirname(here), here]
    sys.exit(main())
