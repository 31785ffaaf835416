"""Round 27: figures laid out as LaTeX typesets sub-figures, and captions naming panels by place.

A paper's figure cut from its PDF page shows each sub-figure with its label printed centred UNDER it in the
text font ("(a)", "(b)", or "(a) Original image" when the sub-figure has a caption of its own), and the figure
caption names them: "Figure 4: Results on ... (a) ... (b) ...". Captions of other figures name sub-figures by
place: "Left: ... Right: ...", "Top: ... Bottom: ...". The figures here are built from matplotlib plots
(line, scatter, bars, heat maps; serif or sans text, axes and tick labels as in any paper) and from the shared
real photographs, laid out 1 x 2 to 2 x 3 on a white page, labels in Computer Modern, DejaVu Serif or STIX at
11-22 px (a 10 pt label at 110-220 dpi). None is a benchmark set's figure.

    PYTHONPATH=ROOT python tests/test_pmc_rows27.py --seeds 0-23 [--kind under|subcap|place]   # per figure: rows / whole / wrong
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from dataclasses import dataclass

import cv2
import numpy as np
import pytest

from conftest import REALDATA, SHARED_SKIP

LAYOUTS = [(1, 2), (1, 3), (2, 2), (2, 3), (1, 4), (2, 1)]
CONTENTS = ["plot", "photo", "mixed"]
SUBCAPS = ["Original image", "Ground truth", "Baseline", "Our method", "Error map", "Residuals",
           "Training loss", "Validation set"]


def _fonts() -> list[str]:
    import matplotlib
    d = os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf")
    return [os.path.join(d, f) for f in ("cmr10.ttf", "DejaVuSerif.ttf", "STIXGeneral.ttf")]


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


@dataclass
class Fig:
    image: np.ndarray  # BGR
    boxes: list[tuple[int, int, int, int]]  # per panel x0, y0, x1, y1 (the panel, without its label), A, B, ...
    caption: str
    desc: str


def _plot(rng: np.random.Generator, w: int, h: int, kind: int) -> np.ndarray:
    """One matplotlib sub-figure of w x h pixels (BGR): axes, ticks, labels; no title."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(w / 100, h / 100), dpi=100)
    ax = fig.add_axes([0.16, 0.16, 0.8, 0.78])
    x = np.linspace(0, 10, 80)
    if kind == 0:
        for k in range(int(rng.integers(1, 4))):
            ax.plot(x, np.sin(x * rng.uniform(0.3, 1.5) + k) * rng.uniform(0.5, 2) + k)
        ax.set_xlabel("epoch")
        ax.set_ylabel("loss")
    elif kind == 1:
        ax.scatter(rng.normal(size=60), rng.normal(size=60), s=8, c=rng.uniform(size=60), cmap="viridis")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
    elif kind == 2:
        ax.bar(range(5), rng.uniform(1, 5, 5), color="tab:blue")
        ax.set_xticks(range(5), ["A1", "A2", "B1", "B2", "C"])
        ax.set_ylabel("score")
    else:
        ax.imshow(rng.uniform(size=(12, 16)).cumsum(axis=1), cmap="magma", aspect="auto")
        ax.set_xticks([])
        ax.set_yticks([])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    arr = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    return cv2.resize(arr, (w, h), interpolation=cv2.INTER_AREA)


def _photo(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    from benchmarks.pmc.derm_grids import photo_paths
    from tests.grid_photos import fit
    paths = photo_paths()
    return fit(cv2.imread(str(paths[int(rng.integers(len(paths)))])), w, h)


def _ink_box(canvas: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The box of what is printed in `box` (a plot's white margin is page, not panel)."""
    x0, y0, x1, y1 = box
    ink = (canvas[y0:y1, x0:x1] < 245).any(axis=2)
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return x0 + int(xs[0]), y0 + int(ys[0]), x0 + int(xs[-1]) + 1, y0 + int(ys[-1]) + 1


def make(seed: int, kind: str = "under", missing: int | None = None) -> Fig:
    """Figure `seed`. kind "under": "(a)" alone centred under each panel, caption "(a) ... (b) ...";
    "subcap": "(a) Original image" centred under each panel, the same caption style; "place": no labels,
    a 1 x 2 figure captioned "Left: ... Right: ..." or a 2 x 1 captioned "Top: ... Bottom: ...". With `missing`,
    that panel's label is not printed (the caption still names it)."""
    from PIL import Image, ImageDraw, ImageFont

    rng = np.random.default_rng(2700 + seed)
    rows, cols = LAYOUTS[seed % len(LAYOUTS)]
    if kind == "place":
        rows, cols = ((1, 2), (2, 1))[seed % 2]
    n = rows * cols
    content = CONTENTS[(seed // len(LAYOUTS)) % len(CONTENTS)]
    fonts = _fonts()
    font_path = fonts[seed % len(fonts)]
    size = int(rng.integers(11, 23))
    pw, ph = int(rng.integers(200, 300)), int(rng.integers(150, 230))
    hgap = int(rng.integers(8, 30))
    label_h = 0 if kind == "place" else int(2.2 * size)
    vgap = int(rng.integers(6, 20))
    margin = int(rng.integers(2, 12))
    H = 2 * margin + rows * (ph + label_h) + (rows - 1) * vgap
    W = 2 * margin + cols * pw + (cols - 1) * hgap
    canvas = np.full((H, W, 3), 255, np.uint8)
    boxes = []
    for r in range(rows):
        for c in range(cols):
            x0 = margin + c * (pw + hgap)
            y0 = margin + r * (ph + label_h + vgap)
            i = len(boxes)
            photo = content == "photo" or (content == "mixed" and i % 2 == 1)
            canvas[y0:y0 + ph, x0:x0 + pw] = _photo(rng, pw, ph) if photo else _plot(rng, pw, ph, int(rng.integers(4)))
            boxes.append(_ink_box(canvas, (x0, y0, x0 + pw, y0 + ph)))
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(font_path, size)
    subs = [SUBCAPS[int(k)] for k in rng.permutation(len(SUBCAPS))[:n]]
    if kind != "place":
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            if i == missing:
                continue
            text = f"({chr(ord('a') + i)})" + (f" {subs[i]}" if kind == "subcap" else "")
            l, t, r, b = d.textbbox((0, 0), text, font=font)
            x0, x1 = margin + (i % cols) * (pw + hgap), margin + (i % cols) * (pw + hgap) + pw
            y1 = margin + (i // cols) * (ph + label_h + vgap) + ph
            d.text(((x0 + x1) / 2 - (r - l) / 2 - l, y1 + int(0.5 * size) - t), text, font=font, fill=(0, 0, 0))
    img = np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
    what = ["the training loss", "the embedding", "per-class scores", "the attention map", "a lesion",
            "the segmentation", "the error", "the test set"]
    if kind == "place":
        a, b = ("Left", "Right") if cols == 2 else ("Top", "Bottom")
        caption = f"Figure {seed + 2}: Comparison on the benchmark. {a}: {what[seed % 8]} of the baseline. " \
                  f"{b}: {what[(seed + 3) % 8]} of our model."
    else:
        caption = f"Figure {seed + 2}: Results of the proposed method. " + " ".join(
            f"({chr(ord('a') + i)}) {subs[i]}: {what[(seed + i) % 8]}." for i in range(n))
    name = os.path.basename(font_path).split(".")[0]
    return Fig(img, boxes, caption, f"{rows}x{cols} {content} {kind} {name} {size}px")


def iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    return ix * iy / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy)


_PLACE_ORDER = {"left": 0, "right": 1, "top": 0, "bottom": 1, "upper": 0, "lower": 1}


def verdict(g: Fig, pairing) -> str:
    """"whole"; "rows" (a row per panel, each crop its panel: holding at least 85 % of the panel's printed box,
    which leaves its label out, and at most 10 % of any other panel's); "wrong" (a row whose crop holds under half
    of its panel or over a quarter of another, or rows that are not one a panel); else "loose"."""
    if not pairing.panels:
        return "whole"
    if len(pairing.panels) != len(g.boxes):
        return "wrong"
    out = "rows"
    for L, b, _ in pairing.panels:
        k = _PLACE_ORDER[L.lower()] if L.lower() in _PLACE_ORDER else ord(L.upper()[0]) - ord("A")
        if not 0 <= k < len(g.boxes):
            return "wrong"
        for j, t in enumerate(g.boxes):
            x = b.xyxy
            inter = max(0, min(x[2], t[2]) - max(x[0], t[0])) * max(0, min(x[3], t[3]) - max(x[1], t[1]))
            share = inter / ((t[2] - t[0]) * (t[3] - t[1]))
            if (j == k and share < 0.5) or (j != k and share > 0.25):
                return "wrong"
            if (j == k and share < 0.85) or (j != k and share > 0.1):
                out = "loose"
    return out


# ------------------------------------------------------------------ tests

@pytest.mark.parametrize("caption,letters,texts", [
    # a range written as two bracketed letters and a dash: one marker for every letter of the range
    ("Figure 9: Samples: (a)-(c) benign lesions, (d)-(f) malignant lesions.", list("ABCDEF"),
     {"A": "benign lesions", "C": "benign lesions", "D": "malignant lesions.", "F": "malignant lesions."}),
    ("Fig. 1. (a) to (c) Clinical photographs. (d) Dermoscopy.", list("ABCD"),
     {"B": "Clinical photographs.", "D": "Dermoscopy."}),
    # a marker with no text of its own before the next one shares that one's text
    ("Figure 12: (a), (b) Two views of the model. (c) Its cross section.", list("ABC"),
     {"A": "Two views of the model.", "B": "Two views of the model.", "C": "Its cross section."}),
    ("Results of (a) and (b) model X, (c) model Y.", list("ABC"), {"A": "model X", "C": "model Y."}),
    # unchanged: one text a marker, a back-reference is text
    ("Figure 4: Training curves. (a) Loss. (b) Accuracy; compare (a).", list("AB"),
     {"A": "Loss.", "B": "Accuracy; compare (a)."}),
    # a dash between a marker's text and the next marker is no range
    ("(a) Before - (b) after treatment.", list("AB"), {"A": "Before -", "B": "after treatment."}),
])
def test_caption_ranges_and_shared_texts(caption, letters, texts):
    from derm1m_build.pmc.panels import split_caption
    s = split_caption(caption)
    assert s.letters == letters
    for k, v in texts.items():
        assert s.texts[k] == v, (k, s.texts)


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("seed,kind", [(3, "under"), (21, "under"), (23, "under"), (15, "under"),
                                       (8, "subcap"), (9, "subcap"), (12, "subcap")])
def test_labels_printed_under_their_panels_make_rows(ocr_ok, seed, kind):
    """"(a)" (or "(a) Original image") centred under each sub-figure, brackets touching the letter or lower-case
    letters of different heights: a row per panel, each its panel's crop (main kept these whole)."""
    from derm1m_build.pmc.panels import pair
    g = make(seed, kind)
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) == "rows", (g.desc, p.note, [(L, b.xyxy) for L, b, _ in p.panels])
    assert [L for L, _, _ in p.panels] == [chr(ord("A") + i) for i in range(len(g.boxes))]


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("seed", [3, 21])
def test_a_label_left_unprinted_keeps_the_figure_whole(ocr_ok, seed):
    """Panel (b)'s label is not printed: no row for any panel (the caption's count is not proof)."""
    from derm1m_build.pmc.panels import pair
    g = make(seed, "under", missing=1)
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) == "whole", (g.desc, [(L, b.xyxy) for L, b, _ in p.panels])


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_line_label_path_alone(ocr_ok):
    """`_line_label_rows` itself: the rows of a 2 x 3 figure of plots, each crop holding its panel and its label line;
    None when the caption's letters are not a run from A."""
    from derm1m_build.ocr import read_line
    from derm1m_build.pmc.panels import split_caption
    from derm1m_build.pmc.panels.pairing import _line_label_rows
    g = make(3, "under")
    rows = _line_label_rows(g.image, split_caption(g.caption), read_line)
    assert rows is not None and verdict(g, rows) == "rows"
    assert _line_label_rows(g.image, split_caption("Figure 1: (b) one. (c) two. (d) three."), read_line) is None


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("seed", [0, 2, 5, 6, 7])
def test_left_right_top_bottom_captions_pair_by_place(ocr_ok, seed):
    """"Left: ... Right: ..." under a 1 x 2 figure, "Top: ... Bottom: ..." under a 2 x 1: one row a place."""
    from derm1m_build.pmc.panels import pair
    g = make(seed, "place")
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) == "rows", (g.desc, p.note, [(L, b.xyxy) for L, b, _ in p.panels])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="0-17")
    ap.add_argument("--kind", default="under", choices=["under", "subcap", "place"])
    ap.add_argument("--save", default="")
    ap.add_argument("--missing", type=int, default=None, help="this panel's label left unprinted")
    args = ap.parse_args()
    from derm1m_build.pmc.panels import pair
    lo, hi = (int(v) for v in args.seeds.split("-"))
    tally: dict[str, int] = {}
    for s in range(lo, hi + 1):
        g = make(s, args.kind, args.missing)
        if args.save:
            cv2.imwrite(os.path.join(args.save, f"{args.kind}_{s}.png"), g.image)
        p, _ = pair(g.image, g.caption)
        v = verdict(g, p)
        tally[v] = tally.get(v, 0) + 1
        print(s, g.desc, v, p.note if not p.panels else [(L, b.xyxy) for L, b, _ in p.panels], flush=True)
    print(tally)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.exit(main())
