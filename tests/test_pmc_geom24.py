"""Splitter round 24 (geometry): boxes joined by drawn lines and arrows are one picture.

- A flow between framed boxes standing apart on white, each arrow with its count printed over it
  (a Lexis-like follow-up chart): the arrow's piece is taller than a bare arrow, but its line runs
  the piece end to end (`charts._link_spans`), so it still links the boxes (`charts._linked`).
- A tree whose edges stop short of the node labels they point at, and arrows leaving a box at
  a slant right under its frame: the XY-cut finds a thin gutter at the line's end; a slanted line
  that ends there and runs on into the other piece's ink joins the two (`charts._edge_ends`).
- A node label the cut went through between its glyphs (a root "18" astride the middle column)
  is joined again (`charts._word_cut`); a title cut at a word space is not.
Guards: separate charts each with their own axes (slanted data lines included) stay apart; a
chart strip between two charts is no arrow. Layouts drawn here with Pillow and matplotlib; none
is a benchmark figure."""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.split import split_panels


def _bgr(im: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(im)[:, :, ::-1])


def _arrow(d: ImageDraw.ImageDraw, x0: float, y0: float, x1: float, y1: float, width: int = 2) -> None:
    """A line from (x0, y0) to (x1, y1) with a filled head at its end."""
    d.line([(x0, y0), (x1, y1)], fill="black", width=width)
    t = math.atan2(y1 - y0, x1 - x0)
    back = (x1 - 16 * math.cos(t), y1 - 16 * math.sin(t))
    nx, ny = -math.sin(t), math.cos(t)
    d.polygon([(x1, y1), (back[0] + 6 * nx, back[1] + 6 * ny), (back[0] - 6 * nx, back[1] - 6 * ny)], fill="black")


def _state_box(d: ImageDraw.ImageDraw, x: int, y: int, w: int, h: int, rng: random.Random) -> None:
    d.rectangle([x, y, x + w, y + h], outline="black", width=2)
    d.text((x + w // 2 - 12, y + 6), rng.choice(["DM", "Ins", "Dead", "OAD", "Well"]), fill="black")
    d.text((x + w // 2 - 20, y + h // 2 - 4), f"{rng.randint(100, 99999):,}.{rng.randint(0, 9)}", fill="black")
    d.text((x + 6, y + h - 16), str(rng.randint(0, 9999)), fill="black")
    d.text((x + w - 40, y + h - 16), str(rng.randint(0, 9999)), fill="black")


def flow(seed: int) -> np.ndarray:
    """Two rows of framed boxes far apart on white: the left box of each row sends an arrow to the
    right one, stopping short of both frames, with a count over it ("2,048 / (44.6)" in two lines,
    from the boxes' top down to the arrow), and a down arrow joins the two left boxes (its count
    beside it). One picture."""
    rng = random.Random(seed)
    W, H = rng.choice([(660, 430), (720, 460), (640, 400)])
    im = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(im)
    bw, bh = int(0.32 * W), rng.randint(70, 90)
    top, bottom = 8, H - bh - 30
    gap = W - 2 * bw - 10
    for y in (top, bottom):
        _state_box(d, 5, y, bw, bh, rng)
        _state_box(d, 5 + bw + gap, y, bw, bh, rng)
        ay = y + bh // 2
        # the arrow stops a few pixels short of both frames, its count two lines over it
        _arrow(d, 5 + bw + 6, ay, 5 + bw + gap - 6, ay)
        d.text((5 + bw + gap // 2 - 15, y - 4), f"{rng.randint(100, 9999):,}", fill="black")
        d.text((5 + bw + gap // 2 - 18, y + 12), f"({rng.uniform(10, 99):.1f})", fill="black")
    x = 5 + bw // 2
    _arrow(d, x, top + bh + 6, x, bottom - 6)
    d.text((x + 10, (top + bh + bottom) // 2 - 20), str(rng.randint(100, 9999)), fill="black")
    d.text((x + 10, (top + bh + bottom) // 2 - 6), f"({rng.uniform(10, 99):.1f})", fill="black")
    return _bgr(im)


def tree(seed: int, spaced_root: bool = False) -> np.ndarray:
    """A binary tree of numbered nodes: each edge a thin slanted line from just under its parent's
    number to just over its child's, stopping a few pixels short of both. One picture. (Its leaf
    edges run 20-25 degrees off the vertical; steeper ones, under 15, are taken for straight
    lines, as a chart's axes are, and are not joined.)"""
    rng = random.Random(seed)
    W, H = rng.choice([(700, 430), (760, 460), (800, 480)])
    im = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(im)
    depth = 4
    stop = rng.randint(4, 7)
    nodes = {(0, 0): (W // 2, 12)}
    for lv in range(1, depth):
        for k in range(2 ** lv):
            if lv == depth - 1 and rng.random() < 0.25:
                continue
            parent = nodes.get((lv - 1, k // 2))
            if parent is None:
                continue
            x = int((k + 0.5) * W / 2 ** lv)
            y = 12 + lv * (H - 40) // (depth - 1)
            nodes[(lv, k)] = (x, y)
            px, py = parent
            L = math.hypot(x - px, y - py)
            ux, uy = (x - px) / L, (y - py) / L
            r = 9 + stop  # from the label's centre out past its glyphs, then a few pixels of paper
            d.line([(px + ux * r, py + 1 + uy * r), (x - ux * r, y + 1 - uy * r)],
                   fill="black", width=rng.choice([1, 2]))
    for k, (x, y) in enumerate(nodes.values()):
        if k == 0 and spaced_root:
            # the root's two digits 3 px apart, astride the figure's middle column (R's text at
            # that size): the only ink on that column, so the XY-cut splits the label
            d.text((x - 8, y - 4), str(rng.randint(1, 9)), fill="black")
            d.text((x + 2, y - 4), str(rng.randint(0, 9)), fill="black")
            continue
        d.text((x - 6, y - 4), str(rng.randint(1, 99)), fill="black")
    return _bgr(im)


def states(seed: int) -> np.ndarray:
    """A framed box on the left sending slanted arrows that start right under (and over) its frame to
    boxes up and down the right: the rows between the boxes are white but for the arrows. One picture."""
    rng = random.Random(seed)
    W, H = rng.choice([(820, 800), (760, 720)])
    im = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(im)
    bw, bh = int(0.26 * W), 80
    left = (5, H // 2 - bh // 2)
    rights = [(int(0.3 * W), 5), (W - bw - 5, H // 2 - bh // 2), (int(0.3 * W), H - bh - 5)]
    _state_box(d, *left, bw, bh, rng)
    for (x, y) in rights:
        _state_box(d, x, y, bw, bh, rng)
    lx, ly = left
    # slanted arrows leave the left box at its top and bottom frame, one goes straight across
    _arrow(d, lx + bw // 2, ly - 3, rights[0][0] + bw // 2, rights[0][1] + bh + 3)
    _arrow(d, lx + bw // 2, ly + bh + 3, rights[2][0] + bw // 2, rights[2][1] - 3)
    _arrow(d, lx + bw + 3, ly + bh // 2, rights[1][0] - 3, rights[1][1] + bh // 2)
    _arrow(d, rights[2][0] + bw // 2 + 20, rights[2][1] - 3, rights[1][0] + bw // 3, rights[1][1] + bh + 3)
    _arrow(d, rights[0][0] + bw // 2 + 20, rights[0][1] + bh + 3, rights[1][0] + bw // 3, rights[1][1] - 3)
    return _bgr(im)


def charts(seed: int, rows: int, cols: int) -> np.ndarray:
    """Separate line charts, each with its own axes, ticks and slanted data lines: rows x cols panels."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(seed)
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.6 * rows), dpi=90)
    for ax in np.atleast_1d(axes).ravel():
        x = np.linspace(0, 10, 12)
        for _ in range(2):
            ax.plot(x, rng.uniform(-2, 2) * x + rng.normal(0, 2, x.size), lw=1.2)
        ax.set_xlabel("time")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


@pytest.mark.parametrize("seed", range(6))
def test_flow_of_boxes_with_counted_arrows_is_one_picture(seed):
    img = flow(seed)
    out = split_panels(img)
    assert len(out) == 1, out


@pytest.mark.parametrize("seed", range(6))
def test_tree_with_edges_stopping_short_of_labels_is_one_picture(seed):
    img = tree(seed)
    out = split_panels(img)
    assert len(out) == 1, out


@pytest.mark.parametrize("seed", range(6))
def test_tree_whose_root_label_the_cut_splits_is_one_picture(seed):
    img = tree(seed, spaced_root=True)
    out = split_panels(img)
    assert len(out) == 1, out


@pytest.mark.parametrize("seed", range(4))
def test_arrows_leaving_box_frames_at_a_slant_are_one_picture(seed):
    img = states(seed)
    out = split_panels(img)
    assert len(out) == 1, out


@pytest.mark.parametrize("seed,rows,cols", [(0, 2, 1), (1, 1, 2), (2, 2, 2), (3, 1, 3), (4, 3, 1)])
def test_separate_charts_with_slanted_lines_stay_apart(seed, rows, cols):
    out = split_panels(charts(seed, rows, cols))
    assert len(out) == rows * cols, out


def test_link_spans_arrow_with_label_but_not_chart_axis():
    from derm1m_build.pmc.panels.charts import _link_spans

    im = Image.new("RGB", (300, 120), "white")
    d = ImageDraw.Draw(im)
    # an arrow from edge to edge with a count over it
    _arrow(d, 0, 60, 299, 60)
    d.text((130, 30), "1,005", fill="black")
    # a chart strip: an axis line starting after its tick labels
    d.text((2, 100), "100", fill="black")
    ink = np.asarray(im.convert("L")) < 200
    assert _link_spans(ink, Box(0, 0, 300, 80), 1)
    chart = np.zeros((60, 300), bool)
    chart[40, 30:280] = True  # the axis, from x 30 to 280
    chart[45:52, 0:20] = True  # a tick label left of it
    chart[5:35, 60:270:20] = True  # data marks above it
    assert not _link_spans(chart, Box(0, 0, 300, 60), 1)


def _line_of_print(ink: np.ndarray, x0: int, x1: int, y: int, h: int = 10, glyph: int = 6, space: int = 2,
                   word: int = 5, every: int = 4) -> None:
    """Glyph-sized blocks from x0 to x1 on rows y..y+h: `every` glyphs a word, `word` px between words."""
    x, k = x0, 0
    while x + glyph <= x1:
        ink[y:y + h, x:x + glyph] = True
        k += 1
        x += glyph + (word if k % every == 0 else space)


def test_word_cut_joins_a_label_cut_between_its_glyphs_not_a_title_cut_at_a_word_space():
    from derm1m_build.pmc.panels.charts import _word_cut

    a, b = Box(0, 0, 200, 300), Box(204, 0, 200, 300)
    # a two-digit node label astride the cut, an edge leaving each half well inside it
    label = np.zeros((300, 404), bool)
    label[5:15, 195:200] = True
    label[5:15, 204:209] = True
    label[20:120, 150:152] = True
    label[20:120, 250:252] = True
    assert _word_cut(label, a, b)
    # a title over two charts, cut at a word space: the print runs on far to both sides
    title = np.zeros((300, 404), bool)
    _line_of_print(title, 20, 200, 5)
    _line_of_print(title, 204, 390, 5)
    assert not _word_cut(title, a, b)
    # photos side by side a few pixels apart: inked along their whole facing edges
    photos = np.zeros((300, 404), bool)
    photos[:, :200] = True
    photos[:, 204:] = True
    assert not _word_cut(photos, a, b)
