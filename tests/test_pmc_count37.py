"""Splitter round 37 (counts): a piece holding no picture of its own joins the plot it belongs to; a
drawing whose parts are not framed apart is one panel.

R's base graphics draws a plot's axes apart from its plotting area (tick labels turned upright, the
axis title, a legend below), and the XY-cut cut each off at the paper between them; a graph drawing's
clusters of nodes came apart at the paper between them though an edge runs across. Figures are
composed here with matplotlib and OpenCV; none is a benchmark figure.
"""

from __future__ import annotations

import io

import cv2
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle  # noqa: E402

from derm1m_build.pmc.panels.gutters import Box  # noqa: E402
from derm1m_build.pmc.panels.orphans import _print_only, join_print, join_strokes  # noqa: E402
from derm1m_build.pmc.panels.split import split_panels  # noqa: E402

CELLS = ["keratinocyte", "melanocyte", "fibroblast", "Langerhans", "mast_cell", "endothelial", "adipocyte", "sebocyte"]


def rendered(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=72, facecolor="white")
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def r_bars(ax, seed: int = 0) -> None:
    """A bar plot in R's style: the y axis set off from the bars, cell names turned upright under them."""
    ax.bar(range(len(CELLS)), np.random.default_rng(seed).uniform(5, 90, len(CELLS)), color="#d04060")
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    ax.spines["left"].set_position(("outward", 12))
    ax.set_title("cell types per sample", fontweight="bold")
    ax.set_xticks(range(len(CELLS)))
    ax.set_xticklabels(CELLS, rotation=90)
    ax.tick_params(axis="x", length=0, pad=16)
    ax.set_ylabel("% cells")


def two_r_bar_plots() -> np.ndarray:
    fig, axs = plt.subplots(1, 2, figsize=(10, 4.2))
    r_bars(axs[0], 0)
    r_bars(axs[1], 1)
    fig.tight_layout(w_pad=4)
    return rendered(fig)


def legend_outside() -> np.ndarray:
    """A framed scatter plot with its legend box outside the axes, right of them."""
    rng = np.random.default_rng(2)
    fig, ax = plt.subplots(figsize=(6, 3.6))
    for i, c in enumerate(("tab:red", "tab:blue", "tab:green")):
        ax.scatter(rng.normal(i, 0.4, 40), rng.normal(i, 0.4, 40), s=12, color=c, label=f"lesion group {i + 1}")
    ax.legend(loc="center left", bbox_to_anchor=(1.15, 0.5), frameon=True)
    fig.tight_layout()
    return rendered(fig)


def graph_clusters() -> np.ndarray:
    """A graph drawing: two clusters of circled nodes far apart, one edge from A to G between them."""
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.set_aspect("equal")
    ax.axis("off")
    nodes = {"A": (2, 9), "B": (1, 6.5), "C": (3, 6.5), "D": (1, 4), "E": (3, 4), "F": (2, 1.5),
             "G": (8.5, 8.5), "H": (7.5, 3.5), "I": (9.5, 3.5)}
    edges = [("A", "B"), ("A", "C"), ("B", "D"), ("C", "E"), ("D", "F"), ("E", "F"), ("G", "H"), ("G", "I"),
             ("H", "I"), ("A", "G")]
    for a, b in edges:
        (x0, y0), (x1, y1) = nodes[a], nodes[b]
        ax.plot([x0, x1], [y0, y1], color="k", lw=1, zorder=1)
    for k, (x, y) in nodes.items():
        ax.add_patch(Circle((x, y), 0.55, facecolor="white", edgecolor="k", zorder=2))
        ax.text(x, y, k, ha="center", va="center", fontsize=18, zorder=3)
    fig.subplots_adjust(0, 0, 1, 1)
    return rendered(fig)


def two_framed() -> np.ndarray:
    rng = np.random.default_rng(4)
    fig, axs = plt.subplots(1, 2, figsize=(9, 3.6))
    for ax in axs:
        ax.scatter(rng.normal(0, 1, 60), rng.normal(0, 1, 60), s=10)
    fig.tight_layout(w_pad=3)
    return rendered(fig)


def xyxy(boxes: list[Box]) -> list[list[int]]:
    return [b.xyxy for b in boxes]


# ---------------------------------------------------------------- the rules on drawn pieces


def sheet() -> np.ndarray:
    """A 400 x 400 page: words at the top left, a thick bar top right, an axis line with ticks below."""
    img = np.full((400, 400, 3), 255, np.uint8)
    cv2.putText(img, "melanoma", (10, 40), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1)
    cv2.putText(img, "nevus", (10, 70), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1)
    cv2.rectangle(img, (250, 20), (300, 180), (40, 40, 200), -1)
    cv2.line(img, (20, 300), (380, 300), (0, 0, 0), 1)
    for x in range(20, 381, 40):
        cv2.line(img, (x, 300), (x, 304), (0, 0, 0), 1)
    return img


def test_print_only_words_but_not_a_bar_nor_paper():
    grey = cv2.cvtColor(sheet(), cv2.COLOR_BGR2GRAY)
    assert _print_only(grey, Box(0, 0, 120, 100), 1, 400) is True     # two words
    assert _print_only(grey, Box(240, 10, 80, 180), 1, 400) is False   # a bar 50 x 160
    assert _print_only(grey, Box(150, 200, 50, 50), 1, 400) is False   # paper only


def test_print_joins_the_picture_it_lies_beside_nearest_first():
    img = sheet()
    cv2.putText(img, "scale", (248, 197), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (0, 0, 0), 1)
    cv2.rectangle(img, (150, 330), (200, 390), (0, 120, 0), -1)   # a second picture, far below
    bar, label, words, axis, block = Box(250, 20, 51, 161), Box(250, 186, 48, 14), Box(10, 20, 90, 60), \
        Box(20, 298, 361, 8), Box(150, 330, 51, 61)
    out = join_print(img, [bar, words, label, axis, block])
    # the label under the bar joins the bar; the words beside nothing stay; the axis is a picture
    assert out == [Box(250, 20, 51, 180), axis, block, words]


def test_a_detached_axis_is_no_print():
    grey = cv2.cvtColor(sheet(), cv2.COLOR_BGR2GRAY)
    # an axis line standing apart (offset spines) is a plot's part, not print: plots of pale points
    # with offset axes are pictures, and are not joined to their neighbours as labels
    assert _print_only(grey, Box(10, 290, 380, 20), 1, 400) is False
    assert join_print(sheet(), [Box(10, 25, 90, 50), Box(20, 298, 361, 8)]) == [Box(10, 25, 90, 50), Box(20, 298, 361, 8)]


def strokes_page(gap_fill: int | None = None, border: bool = False) -> tuple[np.ndarray, Box, Box]:
    img = np.full((300, 400, 3), 255, np.uint8)
    cv2.circle(img, (80, 80), 30, (0, 0, 0), 1)
    cv2.circle(img, (80, 200), 30, (0, 0, 0), 1)
    cv2.line(img, (80, 110), (80, 170), (0, 0, 0), 1)
    cv2.circle(img, (320, 150), 30, (0, 0, 0), 1)
    if gap_fill is not None:
        img[40:240, 140:260] = gap_fill
    cv2.line(img, (101, 59), (299, 129), (0, 0, 0), 1)    # the edge from the left cluster to the right node
    if border:
        cv2.rectangle(img, (30, 30), (370, 250), (0, 0, 0), 1)
    return img, Box(40, 40, 91, 200), Box(280, 110, 81, 81)


def test_a_stroke_across_a_paper_gap_joins_but_not_across_ink_nor_a_border():
    img, a, b = strokes_page()
    assert join_strokes(img, [a, b]) == [Box(40, 40, 321, 200)]
    img, a, b = strokes_page(gap_fill=90)        # the gap is no paper: two dark photos side by side
    assert join_strokes(img, [a, b]) == [a, b]
    img = np.full((300, 400, 3), 255, np.uint8)   # two drawings in one border, no edge between them
    cv2.rectangle(img, (30, 30), (370, 250), (0, 0, 0), 1)
    cv2.circle(img, (80, 80), 30, (0, 0, 0), 1)
    cv2.circle(img, (320, 150), 30, (0, 0, 0), 1)
    a, b = Box(30, 30, 100, 221), Box(280, 30, 91, 221)
    assert join_strokes(img, [a, b]) == [a, b]


# ---------------------------------------------------------------- end to end


def test_graph_drawing_of_two_node_clusters_stays_whole():
    img = graph_clusters()
    assert len(split_panels(img)) == 1          # main: 2 (cut at the paper between the clusters)


def test_scatter_with_its_legend_outside_the_axes_stays_whole():
    assert len(split_panels(legend_outside())) == 1


def test_two_framed_plots_and_two_r_bar_plots_still_split_in_two():
    boxes = split_panels(two_framed())
    assert len(boxes) == 2 and boxes[0].x + boxes[0].w < boxes[1].x
    boxes = split_panels(two_r_bar_plots())
    assert len(boxes) == 2 and boxes[0].x + boxes[0].w < boxes[1].x
