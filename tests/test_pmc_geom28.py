"""Splitter round 28 (geometry side): single figures cut apart by their own print or chrome.

Three kinds of single figure came out in pieces. A plot with its legend beside it, drawn by a
plotting program at print resolution: the legend's line samples run four glyphs long and its print
is set larger than 2 % of the small figure's side, so the legend (its text and key columns grouped
into one piece) was not taken for print and stood as a panel. A diagram with lines of formulas
set under it: capitals, brackets and subscripts over 2 % of the side, so the lines, cut at their
word gaps, were not print either (`xycut._print_lines` now reads them as lines of print at their
own size). A program's window as a screenshot: its toolbar band and the narrower tab bar under it,
two bands of one grey holding words, were taken for a lattice's strip titles, and the "facets"
dropped the side pane (`charts._columns_line_up`: facets over one another share their column).
Compound figures made of the same parts (two plots each with its legend, two diagrams each with
its formulas, a lattice's stacked facets) keep their panels.

Figures built here with matplotlib and OpenCV drawing; none is a benchmark figure."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels.charts import _facets
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.split import split_panels
from derm1m_build.pmc.panels.xycut import _print_lines, _text_only

def _render(fig, dpi):
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def legend_axes(ax, rng, n):
    """A drawing of mesh pieces round a closed curve with a legend of long line samples beside it."""
    t = np.linspace(0, 2 * np.pi, 200)
    ax.plot(np.cos(t), np.sin(t), color="black", lw=0.8)
    colours = ["red", "blue", "magenta", "cyan", "orange", "green", "grey", "purple", "brown"]
    starts = np.sort(rng.uniform(0, 2 * np.pi, n))
    for k, s in enumerate(starts):
        a = np.linspace(s, s + 0.5, 4)
        x, y = np.cos(a), np.sin(a)
        ax.plot(np.r_[x, x[::-1] * 0.85], np.r_[y, y[::-1] * 0.85], color=colours[k % len(colours)], lw=1,
                label=f"cc{k}")
    ax.plot(np.cos(starts), np.sin(starts), "D", color="black", ms=6, ls="none", label="zero")
    ax.set_aspect("equal")
    ax.axis("off")


def legend_figure(seed=0, n=7, dpi=100, panels=1):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(seed)
    fig, axes = plt.subplots(1, panels, figsize=(6 * panels, 4.3), squeeze=False)
    for ax in axes[0]:
        legend_axes(ax, rng, n)
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, handlelength=4.0,
                  markerfirst=False, fontsize=11)
    fig.subplots_adjust(left=0.01, right=0.72 if panels == 1 else 0.82, top=0.98, bottom=0.02, wspace=0.6)
    return _render(fig, dpi)


def formula_figure(seed=0, dpi=100, panels=1):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(seed)
    fig = plt.figure(figsize=(4.7 * panels, 3.9))
    for p in range(panels):
        w = 1.0 / panels
        ax = fig.add_axes([p * w + 0.08 * w, 0.3, 0.8 * w, 0.65])
        L = rng.uniform(2.5, 3.5)
        ax.plot([0, L, L, 0, 0], [0, 0, 2, 2, 1], color="black", lw=2)
        a = np.linspace(0, np.pi / 2, 40)
        ax.plot(np.cos(a), np.sin(a), color="black", lw=2)
        for yy in np.linspace(0.1, 1.9, 8):
            ax.annotate("", xy=(L + 0.5, yy), xytext=(L, yy), arrowprops=dict(arrowstyle="-|>", color="blue"))
        ax.text(L / 2, 1.2, r"$\Omega$", fontsize=12)
        ax.text(L / 2, 2.1, r"$\Gamma_{\rm wall}$", fontsize=12)
        ax.text(1.1, 0.6, r"$\Gamma_{\rm obstacle}$", fontsize=12)
        ax.set_xlim(-0.3, L + 0.7)
        ax.set_ylim(-0.2, 2.4)
        ax.axis("off")
        x1 = (p + 0.97) * w
        lines = [r"$\Gamma_{\rm wall} \cup \Gamma_{axis} \cup \Gamma_{obstacle} : u.n = 0$ and $\sigma_{nt} = 0$",
                 r"$\Gamma_{\rm vaxis} : u_t = 0$ and $\sigma_{nn} = 0$",
                 r"$\Gamma_{downstream} : u = (1, 0)$"]
        for k, s in enumerate(lines):
            fig.text(x1, 0.2 - 0.075 * k, s, ha="right", fontsize=11 if panels == 1 else 10)
    return _render(fig, dpi)


def window_figure(seed=0, W=650, H=460):
    """A software window: title bar, a toolbar band of one colour with buttons and words, a left pane
    of controls, a view under a tab bar of the toolbar's colour, narrower than the toolbar."""
    rng = np.random.default_rng(seed)
    img = np.full((H, W, 3), 246, np.uint8)
    band = (214, 210, 206)
    cv2.rectangle(img, (0, 0), (W - 1, 14), (60, 60, 60), -1)
    cv2.putText(img, "Viewer 5.7", (W // 2 - 40, 11), cv2.FONT_HERSHEY_SIMPLEX, 0.35, (255, 255, 255), 1)
    y = 18
    for _ in range(3):
        cv2.rectangle(img, (4, y), (W - 5, y + 20), band, -1)
        x = 10
        while x < W - 60:
            if rng.random() < 0.5:
                cv2.rectangle(img, (x, y + 3), (x + 14, y + 16), tuple(int(v) for v in rng.integers(0, 200, 3)), -1)
                x += 22
            else:
                cv2.putText(img, "Time", (x, y + 14), cv2.FONT_HERSHEY_SIMPLEX, 0.35, (20, 20, 20), 1)
                x += 40
        y += 24
    top = y + 4
    px = int(0.26 * W)
    for k in range(14):
        yy = top + 6 + 24 * k
        if yy > H - 20:
            break
        cv2.putText(img, ["Properties", "Scalars", "Normal", "Opacity", "Coloring"][k % 5], (10, yy + 12),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.35, (20, 20, 20), 1)
        cv2.rectangle(img, (80, yy), (px - 8, yy + 16), (255, 255, 255), -1)
        cv2.rectangle(img, (80, yy), (px - 8, yy + 16), (150, 150, 150), 1)
    cv2.rectangle(img, (px, top), (W - 40, top + 18), band, -1)
    cv2.putText(img, "Layout #1", (px + 8, top + 13), cv2.FONT_HERSHEY_SIMPLEX, 0.35, (20, 20, 20), 1)
    cv2.putText(img, "RenderView1", (W - 140, top + 13), cv2.FONT_HERSHEY_SIMPLEX, 0.35, (20, 20, 20), 1)
    v0 = top + 20
    cv2.rectangle(img, (px, v0), (W - 40, H - 14), (255, 255, 255), -1)
    cv2.rectangle(img, (px, v0), (W - 40, H - 14), (200, 60, 60), 2)
    cx = (px + W - 40) // 2
    pts = np.array([[px + 20, H - 60], [W - 60, H - 90], [W - 80, H - 30], [px + 40, H - 20]], np.int32)
    cv2.fillPoly(img, [pts], (140, 20, 0))
    for k in range(12):
        r = 60 - 4 * k
        cv2.ellipse(img, (cx, H - 60 - 18 * k), (max(4, r // 2), 9), 0, 0, 360,
                    tuple(int(v) for v in cv2.applyColorMap(np.uint8([[20 * k]]), cv2.COLORMAP_JET)[0, 0]), -1)
    return img


def chrome_figure(seed=0, W=650, H=460):
    """A program's window as a screenshot: a toolbar band (one flat grey, buttons and words on it)
    heading a framed row of controls, a side pane of labelled fields, and a view under a tab bar
    of the toolbar's grey, narrower than the toolbar (it starts right of the side pane)."""
    rng = np.random.default_rng(seed)
    img = np.full((H, W, 3), 255, np.uint8)
    band = (208, 208, 208)
    ink = (30, 30, 30)
    font = cv2.FONT_HERSHEY_SIMPLEX
    sh = 18
    y0 = 8
    cv2.rectangle(img, (8, y0), (W - 9, y0 + sh), band, -1)
    x = 14
    while x < W - 70:
        if rng.random() < 0.4:
            cv2.rectangle(img, (x, y0 + 3), (x + 12, y0 + sh - 4), tuple(int(v) for v in rng.integers(0, 180, 3)), -1)
            x += 20
        else:
            cv2.putText(img, ["File", "Edit", "View", "Filters", "Tools"][int(rng.integers(5))], (x, y0 + 13), font, 0.38, ink, 1)
            x += 46
    # the toolbar's framed row of controls under the band
    ty1 = y0 + sh + 3 * sh
    cv2.rectangle(img, (8, y0 + sh), (W - 9, ty1), (90, 90, 90), 1)
    for k in range(int(rng.integers(10, 16))):
        xx = 16 + 36 * k
        if xx > W - 40:
            break
        cv2.circle(img, (xx + 8, y0 + sh + 20), 7, tuple(int(v) for v in rng.integers(0, 200, 3)), -1)
    px = int(rng.uniform(0.24, 0.3) * W)
    # the side pane: labels and fields
    for k in range(20):
        yy = ty1 + 12 + 22 * k
        if yy > H - 24:
            break
        cv2.putText(img, ["Properties", "Scalars", "Normal", "Opacity", "Coloring"][k % 5], (12, yy + 11), font, 0.35, ink, 1)
        cv2.rectangle(img, (84, yy), (px - 12, yy + 14), (160, 160, 160), 1)
    # the tab bar (the toolbar's grey) and the view under it
    v0 = ty1 + 8
    cv2.rectangle(img, (px, v0), (W - 9, v0 + sh), band, -1)
    cv2.putText(img, "Layout #1", (px + 8, v0 + 13), font, 0.38, ink, 1)
    cv2.putText(img, "RenderView1", (W - 120, v0 + 13), font, 0.38, ink, 1)
    cv2.rectangle(img, (px, v0 + sh), (W - 9, H - 10), (200, 40, 40), 2)
    cx = (px + W) // 2
    pts = np.array([[px + 20, H - 70], [W - 40, H - 100], [W - 60, H - 30], [px + 40, H - 24]], np.int32)
    cv2.fillPoly(img, [pts], (140, 20, 0))
    for k in range(12):
        cv2.ellipse(img, (cx, H - 70 - 16 * k), (max(4, 30 - 2 * k), 8), 0, 0, 360,
                    tuple(int(v) for v in cv2.applyColorMap(np.uint8([[20 * k]]), cv2.COLORMAP_JET)[0, 0]), -1)
    return img


def lattice_figure(seed=0, rows=2, cols=2, W=600, H=500):
    """A lattice display: facets touching, each a grey strip title (one flat colour, a word on it)
    over a grey ground of dots; facets stacked in a column share their edges."""
    rng = np.random.default_rng(seed)
    img = np.full((H, W, 3), 255, np.uint8)
    fw, fh = (W - 40) // cols, (H - 40) // rows
    sh = 18
    for r in range(rows):
        for c in range(cols):
            x0, y0 = 30 + c * fw, 10 + r * fh
            cv2.rectangle(img, (x0, y0), (x0 + fw - 2, y0 + sh), (217, 217, 217), -1)
            cv2.putText(img, f"group {'ABCDEFGH'[r * cols + c]}", (x0 + fw // 2 - 30, y0 + 13),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.4, (26, 26, 26), 1)
            cv2.rectangle(img, (x0, y0 + sh + 1), (x0 + fw - 2, y0 + fh - 2), (235, 235, 235), -1)
            for _ in range(40):
                px, py = int(rng.integers(x0 + 8, x0 + fw - 10)), int(rng.integers(y0 + sh + 8, y0 + fh - 10))
                cv2.circle(img, (px, py), 2, (40, 40, 40), -1)
    return img


def _boxed(img: np.ndarray) -> list[tuple[int, int, int, int]]:
    return [(b.x, b.y, b.w, b.h) for b in split_panels(img)]


def _content(img: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) < 200)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def _covers(box: tuple[int, int, int, int], img: np.ndarray, slack: int = 4) -> bool:
    x, y, w, h = box
    x0, y0, x1, y1 = _content(img)
    return x <= x0 + slack and y <= y0 + slack and x + w >= x1 - slack and y + h >= y1 - slack


@pytest.mark.parametrize("seed,n,dpi", [(0, 5, 100), (1, 6, 120), (2, 7, 140), (3, 8, 100)])
def test_plot_with_its_legend_beside_it_is_one_panel(seed, n, dpi):
    img = legend_figure(seed, n, dpi)
    boxes = _boxed(img)
    assert len(boxes) == 1, boxes
    assert _covers(boxes[0], img)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_two_plots_each_with_its_legend_stay_two_panels(seed):
    img = legend_figure(seed, 5 + seed, 100, panels=2)
    boxes = _boxed(img)
    assert len(boxes) == 2, boxes
    W = img.shape[1]
    left, right = boxes
    # each panel holds its legend: the left one reaches past the plot's right half, the right one
    # ends at the figure's right legend
    assert left[0] + left[2] < W // 2 < right[0]
    assert left[0] + left[2] > 0.4 * W and right[0] + right[2] > 0.9 * W


@pytest.mark.parametrize("seed,dpi", [(0, 100), (1, 122), (3, 100), (4, 144)])
def test_diagram_with_formula_lines_under_it_is_one_panel(seed, dpi):
    img = formula_figure(seed, dpi)
    boxes = _boxed(img)
    assert len(boxes) == 1, boxes
    assert _covers(boxes[0], img)


@pytest.mark.parametrize("seed", [0, 1])
def test_two_diagrams_with_formulas_stay_two_panels(seed):
    img = formula_figure(seed, 100, panels=2)
    boxes = _boxed(img)
    assert len(boxes) == 2, boxes
    assert boxes[0][0] + boxes[0][2] < img.shape[1] // 2 < boxes[1][0]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_program_window_is_one_panel_not_facets(seed):
    img = chrome_figure(seed, 620 + 20 * seed, 440 + 10 * seed)
    assert _facets(img) is None
    boxes = _boxed(img)
    assert len(boxes) == 1, boxes
    assert _covers(boxes[0], img, slack=6)


@pytest.mark.parametrize("rows,cols", [(2, 2), (3, 2)])
def test_lattice_facets_stacked_in_columns_are_still_found(rows, cols):
    img = lattice_figure(1, rows, cols)
    facets = _facets(img)
    assert facets is not None and len(facets) == rows * cols
    assert len(split_panels(img)) == rows * cols
    xs = sorted({b.x for b in facets})
    assert len(xs) == cols  # one left edge per column


def _canvas(w: int, h: int) -> np.ndarray:
    return np.full((h, w, 3), 255, np.uint8)


def test_legend_with_long_line_samples_is_print():
    img = _canvas(600, 430)
    for k in range(6):
        y = 20 + 22 * k
        cv2.putText(img, f"cc{k}", (460, y + 6), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1)
        cv2.line(img, (510, y), (510 + 56, y), (0, 0, 200), 1)  # four glyphs long: a plotting program's sample
    b = Box(455, 5, 125, 140)
    assert _text_only(img, b)
    # the same piece with one sample drawn as a long rule (an axis, 9 glyphs): no legend
    cv2.line(img, (470, 135), (470 + 120, 135), (0, 0, 0), 1)
    assert not _text_only(img, b)


def test_lines_of_formulas_are_print_and_a_scatter_is_not():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(2.5, 1.0))
    fig.text(0.02, 0.65, r"$\Gamma_{\rm vaxis} : u_t = 0$ and $\sigma_{nn} = (1, 0)$", fontsize=11)
    fig.text(0.02, 0.2, r"$\Gamma_{downstream} : u = (1, 0)$", fontsize=11)
    img = _render(fig, 144)
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    n, labels, stats, _ = cv2.connectedComponentsWithStats((grey < 160).view(np.uint8), connectivity=8)
    assert _print_lines(labels > 0, stats[1:], 0.02 * 466)  # glyph of a 466-pixel figure
    # glyph-sized dots climbing a line (a dot plot's trend): every mark is glyph-sized, but the inked
    # rows run the piece's height, no lines of print
    dots = _canvas(200, 120)
    for k in range(21):
        cv2.circle(dots, (5 + 9 * k, 112 - 3 * k), 3, (0, 0, 0), -1)
    grey = cv2.cvtColor(dots, cv2.COLOR_BGR2GRAY)
    n, labels, stats, _ = cv2.connectedComponentsWithStats((grey < 160).view(np.uint8), connectivity=8)
    assert n - 1 >= 3
    assert not _print_lines(labels > 0, stats[1:], 0.02 * 466)


def test_light_photo_with_spots_and_a_label_is_not_print():
    # a light photograph (skin-like ground varying in tone), a few dark spots and a printed "(a)":
    # its marks are glyph-sized and lie in short bands, but the ground is no flat paper
    rng = np.random.default_rng(11)
    h, w = 200, 170
    yy, xx = np.mgrid[0:h, 0:w]
    ground = 205 + 25 * np.sin(xx / 23.0) * np.cos(yy / 31.0) + rng.normal(0, 6, (h, w))
    img = np.clip(np.dstack([ground - 20, ground - 5, ground + 5]), 0, 255).astype(np.uint8)
    img = cv2.GaussianBlur(img, (5, 5), 0)
    cv2.putText(img, "(a)", (4, 22), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 2)
    for cx, cy in [(80, 110), (95, 190), (60, 150)]:
        cv2.circle(img, (cx, cy), 3, (60, 50, 70), -1)
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    marks = grey < 160
    # set in a figure of 756 x 462 (a grid of such photographs): its glyph is 15 pixels
    fig = np.full((462, 756, 3), 240, np.uint8)
    fig[23:23 + h, 15:15 + w] = img
    assert not _text_only(fig, Box(15, 23, w, h))
    # the same marks on flat paper are print
    fig[23:23 + h, 15:15 + w] = 250
    fig[23:23 + h, 15:15 + w][marks] = img[marks]
    assert _text_only(fig, Box(15, 23, w, h))
