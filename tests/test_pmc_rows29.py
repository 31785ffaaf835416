"""Round 29: a caption naming one panel fewer than the image prints labels for.

Case reports mix photographs with a chart or a drawing ("(a) clinical photograph, (b) dermoscopy, (c) lesion
size over time"), and a caption now and then names every panel but the last ("(A) ... (B) ... (C) ...") over a
figure labelled A-D. A photograph-only grid is kept whole by `_extra_photos` (a row's crop holding two
photographs); a chart is no photograph, and the corner-letter path joined the unlabelled-for-the-caption piece
to its named neighbour (a chart's legend or sub-plot is joined that way by design): the last named row's crop
held the unnamed panel too. The grids here are composed from the shared real photographs and drawn charts
(none a benchmark set's figure): 1 x 3, 2 x 2, 2 x 3 on white or black pages, labels at the top-left corner
("A", "(a)", "a"), plain or on a white box, or, for the unnamed panel, opening a line of text on it
("D  Follow-up"). The caption names the first n - 1 panels in "(A) ...", "a ..." or "A, ..." style.
The right answer is rows for exactly the named panels, each crop its own panel, or the whole figure.

    PYTHONPATH=ROOT python tests/test_pmc_rows29.py --seeds 0-23 [--kind corner|inline|all]
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
LAYOUTS = [(1, 3), (2, 2), (2, 3), (1, 4)]
FINDINGS = ["an erythematous plaque", "a pigmented macule", "a pearly papule", "an ulcerated nodule",
            "a scaly patch", "a keratotic papule"]


@dataclass
class Grid:
    image: np.ndarray  # BGR
    boxes: list[tuple[int, int, int, int]]  # per panel x0, y0, x1, y1, labels A, B, ... in reading order
    named: list[str]  # the letters the caption names (all but the last)
    caption: str
    desc: str


def _chart(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """A bar or line chart on white (BGR): axes, ticks, numbers; no photograph."""
    img = np.full((h, w, 3), 255, np.uint8)
    x0, y0, x1, y1 = 34, 12, w - 10, h - 26
    cv2.line(img, (x0, y0), (x0, y1), (0, 0, 0), 2)
    cv2.line(img, (x0, y1), (x1, y1), (0, 0, 0), 2)
    for k, v in enumerate(("0", "5", "10")):
        y = y1 - k * (y1 - y0) // 2
        cv2.putText(img, v, (4, y + 4), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (0, 0, 0), 1, cv2.LINE_AA)
    n = int(rng.integers(3, 6))
    if rng.random() < 0.5:
        bw = (x1 - x0) // (2 * n + 1)
        for i in range(n):
            top = int(y1 - rng.uniform(0.2, 0.95) * (y1 - y0))
            colour = tuple(int(c) for c in rng.integers(40, 200, 3))
            cv2.rectangle(img, (x0 + (2 * i + 1) * bw, top), (x0 + (2 * i + 2) * bw, y1 - 1), colour, -1)
    else:
        pts = [(int(x0 + (i + 0.5) * (x1 - x0) / n), int(y1 - rng.uniform(0.2, 0.95) * (y1 - y0))) for i in range(n)]
        cv2.polylines(img, [np.array(pts, np.int32)], False, (180, 60, 20), 2, cv2.LINE_AA)
        for p in pts:
            cv2.circle(img, p, 4, (180, 60, 20), -1)
    for i in range(n):
        cv2.putText(img, f"w{4 * i}", (int(x0 + (i + 0.3) * (x1 - x0) / n), h - 8), cv2.FONT_HERSHEY_SIMPLEX, 0.4,
                    (0, 0, 0), 1, cv2.LINE_AA)
    return img


def make(seed: int, kind: str = "corner") -> Grid:
    """Grid `seed`: photographs and one or two charts, labelled A, B, ... in reading order; the caption names
    all but the last panel. kind "corner": every label at the top-left corner; "inline": the unnamed last
    panel's label opens a line of text on it ("D  Follow-up at 6 months")."""
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.pmc.derm_grids import photo_paths
    from tests.grid_photos import fit

    rng = np.random.default_rng(2900 + seed)
    rows, cols = LAYOUTS[seed % len(LAYOUTS)]
    n = rows * cols
    page = (255, 255, 255) if (seed // len(LAYOUTS)) % 2 == 0 else (0, 0, 0)
    style = ["A", "(a)", "a"][seed % 3]
    boxed = seed % 5 in (1, 3)
    size = int(rng.integers(22, 34))
    gutter = int(rng.integers(6, 14))
    ph, pw = int(rng.integers(160, 220)), int(rng.integers(180, 250))
    H, W = gutter + rows * (ph + gutter), gutter + cols * (pw + gutter)
    canvas = np.zeros((H, W, 3), np.uint8)
    canvas[:] = page
    paths = photo_paths()
    picks = rng.choice(len(paths), size=n, replace=False)
    charts = {n - 1} if seed % 2 == 0 else {n - 1, int(rng.integers(0, n - 1))}
    boxes = []
    for i in range(n):
        r, c = divmod(i, cols)
        x0, y0 = gutter + c * (pw + gutter), gutter + r * (ph + gutter)
        boxes.append((x0, y0, x0 + pw, y0 + ph))
        canvas[y0:y0 + ph, x0:x0 + pw] = (_chart(rng, pw, ph) if i in charts
                                          else fit(cv2.imread(str(paths[int(picks[i])])), pw, ph))
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype(FONT, size)
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        L = chr(ord("A") + i)
        text = {"A": L, "(a)": f"({L.lower()})", "a": L.lower()}[style]
        if kind == "inline" and i == n - 1:
            text += "  Follow-up"
        l, t, r, b = d.textbbox((0, 0), text, font=font)
        x, y = x0 + 6, y0 + 6
        if i in charts and not (kind == "inline" and i == n - 1):
            x = x0 + 40  # right of the chart's axis
        if boxed:
            d.rectangle((x - 3, y - 3, x + r - l + 3, y + b - t + 3), fill=(255, 255, 255))
            ink = (0, 0, 0)
        else:
            patch = canvas[y:y + b - t, x:x + r - l]
            ink = (255, 255, 255) if patch.size and float(patch.mean()) < 110 else (0, 0, 0)
        d.text((x - l, y - t), text, font=font, fill=ink)
    img = np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
    img = cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 90])[1], cv2.IMREAD_COLOR)
    named = [chr(ord("A") + i) for i in range(n - 1)]
    parts = [f"{FINDINGS[(seed + i) % len(FINDINGS)].capitalize()}" for i in range(n - 1)]
    cap_style = ["paren", "bare", "comma"][(seed // 3) % 3]
    if cap_style == "bare":
        body = " ".join(f"{L.lower()} {p}." for L, p in zip(named, parts))
    elif cap_style == "comma":
        body = " ".join(f"{L}, {p}." for L, p in zip(named, parts))
    else:
        body = " ".join(f"({L.lower() if style != 'A' else L}) {p}." for L, p in zip(named, parts))
    caption = f"Figure {seed % 7 + 1}. Case {seed}: a {40 + seed}-year-old patient. {body}"
    return Grid(img, boxes, named, caption,
                f"{rows}x{cols} {'white' if page[0] else 'black'} {style}{' boxed' if boxed else ''} {cap_style}"
                f" charts={sorted(charts)} {kind}")


def iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    return ix * iy / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy)


def verdict(g: Grid, pairing) -> str:
    """"whole"; "named" (rows for exactly the named panels, each crop its panel: IoU >= 0.85); else "wrong"."""
    if not pairing.panels:
        return "whole"
    for L, b, _ in pairing.panels:
        k = ord(L) - ord("A")
        if not 0 <= k < len(g.boxes) or iou(b.xyxy, g.boxes[k]) < 0.85:
            return "wrong"
    return "named" if sorted(L for L, _, _ in pairing.panels) == g.named else "wrong"


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


# each of these gave the last named row a crop holding the unnamed panel before this round
@pytest.mark.parametrize("seed,kind,letter", [(4, "corner", "C"), (8, "corner", "C"), (13, "corner", "D"),
                                              (16, "corner", "C"), (20, "corner", "C"), (2, "inline", "F"),
                                              (4, "inline", "C"), (5, "inline", "D"), (19, "inline", "D")])
def test_a_joined_panel_printing_a_label_the_caption_leaves_out_keeps_the_figure_whole(ocr_ok, seed, kind, letter):
    _need_photos()
    from derm1m_build.pmc.panels import pair
    g = make(seed, kind)
    p, _ = pair(g.image, g.caption)
    assert p.panels == []
    assert p.note.startswith(f"uncaptioned_panel: a row's crop prints {letter} ")


@pytest.mark.parametrize("seed", [0, 1, 6, 9])
def test_unnamed_corner_labels_still_found_by_the_corner_reads(ocr_ok, seed):
    _need_photos()
    from derm1m_build.pmc.panels import pair
    g = make(seed, "corner")
    p, _ = pair(g.image, g.caption)
    assert (p.panels, p.note.split(",")[0]) == ([], f"uncaptioned_panel: image prints {chr(ord('A') + len(g.boxes) - 1)}")


def test_every_caption_letter_named_gives_the_rows(ocr_ok):
    """The same grid with the caption naming all its panels: the check reads nothing that vetoes it."""
    _need_photos()
    from derm1m_build.pmc.panels import pair
    g = make(4, "corner")
    caption = g.caption.rstrip() + " (c) Lesion size over weeks."
    p, _ = pair(g.image, caption)
    assert [L for L, _, _ in p.panels] == ["A", "B", "C"]
    for (L, b, _), t in zip(p.panels, g.boxes):
        assert iou(b.xyxy, t) >= 0.85, (L, b.xyxy, t)


@pytest.mark.parametrize("seed,letter", [(5, "D"), (7, "C"), (16, "C")])
def test_round28_plots_with_an_unnamed_inline_label_stay_whole(ocr_ok, seed, letter):
    """Round 28's plots whose last "(x) ..." line names a panel the caption leaves out: main gave rows with the
    unnamed plot in the last named row's crop on these three seeds."""
    from test_pmc_rows28 import make as make28
    from derm1m_build.pmc.panels import pair
    g = make28(seed, "extra")
    p, _ = pair(g.image, g.caption)
    assert p.panels == []
    assert p.note.startswith(f"uncaptioned_panel: a row's crop prints {letter} ")


class _Heads:
    """A stand-in for `line_heads`: the given texts, and the regions asked for."""

    def __init__(self, texts):
        self.texts, self.asked = texts, []

    def __call__(self, rgb, regions, short=False):
        from derm1m_build.ocr import OcrText
        self.asked.append((list(regions), short))
        return [OcrText(box, text, score) for box, text, score in self.texts]


def _rows(boxes, letters):
    from derm1m_build.pmc.panels.gutters import Box
    from derm1m_build.pmc.panels.pairing import Pairing
    return Pairing([(L, Box(x0, y0, x1 - x0, y1 - y0), "") for L, (x0, y0, x1, y1) in zip(letters, boxes)])


@pytest.mark.parametrize("text,score,vetoed", [
    ("(c)", 0.9, True), ("c", 0.45, True), ("C.", 0.9, True), ("c Follow", 0.8, True), ("[(c)", 0.88, True),
    ("(c) k =", 0.7, True), ("c", 0.3, False), ("(b)", 1.0, False), ("A549", 0.99, False), ("Day 3", 0.99, False),
    ("10", 1.0, False), ("cm", 0.99, False), ("(d)", 1.0, False)])
def test_unnamed_label_veto_reads_only_the_caption_runs_missing_letters(text, score, vetoed):
    from derm1m_build.pmc.panels.gutters import Box
    from derm1m_build.pmc.panels.captions import split_caption
    from derm1m_build.pmc.panels.pairing import _unnamed_label
    img = np.full((200, 630, 3), 255, np.uint8)
    pieces = [Box(0, 0, 200, 200), Box(210, 0, 200, 200), Box(420, 0, 200, 200)]
    rows = _rows([(0, 0, 200, 200), (210, 0, 620, 200)], ["A", "B"])
    heads = _Heads([((430, 5, 450, 25), text, score)])
    note = _unnamed_label(img, pieces, rows, split_caption("(a) One. (b) Two."), heads)
    assert heads.asked == [([(210, 0, 620, 200)], True)]  # only the row joining two pieces is read
    assert note.startswith("uncaptioned_panel: a row's crop prints C ") == vetoed
    assert vetoed or note == ""


def test_rows_of_one_piece_each_or_a_small_joined_legend_read_nothing():
    from derm1m_build.pmc.panels.gutters import Box
    from derm1m_build.pmc.panels.captions import split_caption
    from derm1m_build.pmc.panels.pairing import _unnamed_label
    img = np.full((200, 630, 3), 255, np.uint8)
    heads = _Heads([((430, 5, 450, 25), "(c)", 1.0)])
    subs = split_caption("(a) One. (b) Two.")
    one_each = _rows([(0, 0, 200, 200), (210, 0, 410, 200)], ["A", "B"])
    assert _unnamed_label(img, [Box(0, 0, 200, 200), Box(210, 0, 200, 200)], one_each, subs, heads) == ""
    legend = _rows([(0, 0, 200, 200), (210, 0, 470, 200)], ["A", "B"])  # a 40 x 60 legend beside B
    pieces = [Box(0, 0, 200, 200), Box(210, 0, 200, 200), Box(430, 0, 40, 60)]
    assert _unnamed_label(img, pieces, legend, subs, heads) == ""
    assert heads.asked == []
    assert _unnamed_label(img, pieces, legend, subs, None) == ""  # no OCR extra: nothing to read with


def test_first_word_of_a_line_is_the_lone_label_glyph():
    from PIL import Image, ImageDraw, ImageFont
    from derm1m_build.pmc.panels.letters import _first_word
    pil = Image.new("RGB", (300, 40), (255, 255, 255))
    d = ImageDraw.Draw(pil)
    d.text((5, 5), "d  Follow-up", font=ImageFont.truetype(FONT, 24), fill=(0, 0, 0))
    rgb = np.asarray(pil)
    got = _first_word(rgb, (0, 0, 300, 40))
    assert got is not None and 4 <= got[0] <= 8 and 15 <= got[1] <= 25
    pil = Image.new("RGB", (300, 40), (255, 255, 255))
    ImageDraw.Draw(pil).text((5, 5), "Follow-up", font=ImageFont.truetype(FONT, 24), fill=(0, 0, 0))
    assert _first_word(np.asarray(pil), (0, 0, 300, 40)) is None  # one word: wider than a label


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="0-23")
    ap.add_argument("--kind", default="all", choices=["corner", "inline", "all"])
    ap.add_argument("--save", default="")
    args = ap.parse_args()
    from derm1m_build.pmc.panels import pair
    lo, hi = (int(v) for v in args.seeds.split("-"))
    tally: dict[str, int] = {}
    for kind in (["corner", "inline"] if args.kind == "all" else [args.kind]):
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
