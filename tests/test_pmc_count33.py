"""Splitter round 33 (counts).

Three causes, each with figures composed here (matplotlib or OpenCV; none is a benchmark figure):

- A grid of small framed point patterns, a title over each (a lattice of `plot(ppp)` panels): every
  piece holds only glyph-sized marks but for its frame, so `split._label_sheet` took the grid for a
  label sheet and kept it whole. `split._plot_frame`: a closed outline several glyphs across is a
  plot's frame, no mark of print.
- A framed scatter of small circles beside its neighbours: `xycut._text_only` read it as a framed
  legend (a frame round glyph-sized marks) and joined it to the next plot. `_one_shape` (one symbol
  repeated) and `_in_lines` (marks not on lines of print) say it is a plot.
- A heat map whose cells have outlines, or whose columns abut: the cells were cut apart at their
  1-pixel outlines or colour steps. `charts._heat_cells` joins abutting pieces of tinted flat fill.
"""

from __future__ import annotations

import io

import cv2
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from benchmarks.pmc.derm_grids import photo_paths  # noqa: E402
from conftest import REALDATA, SHARED_SKIP  # noqa: E402
from derm1m_build.pmc.panels.charts import _boxed_diagram, _heat_cells, _heat_piece  # noqa: E402
from derm1m_build.pmc.panels.gutters import Box  # noqa: E402
from derm1m_build.pmc.panels.split import _plot_frame, split_panels  # noqa: E402
from derm1m_build.pmc.panels.xycut import _in_lines, _one_shape, _text_only  # noqa: E402

FONT = cv2.FONT_HERSHEY_SIMPLEX
BLACK = (0, 0, 0)


def rendered(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def point_grid(rows: int, cols: int, seed: int, title: str | None = "Cells") -> np.ndarray:
    """Small square frames of random points, each titled, evenly spaced with white gutters, a
    figure title over them (R's `plot` of a list of point patterns)."""
    rng = np.random.default_rng(seed)
    fig, axes = plt.subplots(rows, cols, figsize=(1.4 * cols, 1.25 * rows))
    for k, ax in enumerate(np.ravel(axes)):
        n = int(rng.integers(8, 60))
        ax.scatter(rng.random(n), rng.random(n), s=4, c="black")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_aspect("equal")
        ax.set_title(["ctrl", "dose a", "dose b"][k // cols % 3], fontsize=7, fontweight="bold")
    if title:
        fig.suptitle(title, fontsize=9)
    fig.subplots_adjust(wspace=0.6, hspace=0.45)
    return rendered(fig)


@pytest.mark.parametrize("rows,cols,seed", [(3, 5, 0), (3, 5, 1), (2, 4, 2), (3, 3, 3), (2, 5, 4)])
def test_grid_of_small_point_patterns_splits_into_its_plots(rows, cols, seed):
    boxes = split_panels(point_grid(rows, cols, seed))
    assert len(boxes) == rows * cols


def test_grid_without_title_splits_too():
    assert len(split_panels(point_grid(3, 5, 7, title=None))) == 15


def scatter_row(seed: int, widths=(219, 220, 218)) -> np.ndarray:
    """Three framed scatters of small open circles, a title over each and the figure's title over
    the middle one (widths differ by a pixel or two, as rendered plots do)."""
    rng = np.random.default_rng(seed)
    img = np.full((300, 40 + sum(widths) + 2 * 38, 3), 255, np.uint8)
    cv2.putText(img, "striders", (300, 18), FONT, 0.5, BLACK, 1, cv2.LINE_AA)
    x = 2
    for k, w in enumerate(widths):
        y0 = 64 if k != 1 else 64
        cv2.putText(img, f"Part_{k + 1}", (x + w // 2 - 30, y0 - 4), FONT, 0.4, BLACK, 1, cv2.LINE_AA)
        cv2.rectangle(img, (x, y0 + 8), (x + w - 1, y0 + 226), BLACK, 1)
        for _ in range(int(rng.integers(30, 45))):
            cx, cy = int(rng.integers(x + 3, x + w - 3)), int(rng.integers(y0 + 11, y0 + 223))
            cv2.circle(img, (cx, cy), 2, BLACK, 1, cv2.LINE_AA)
        x += w + 38
    return img


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_framed_scatters_side_by_side_stay_three(seed):
    boxes = split_panels(scatter_row(seed))
    assert len(boxes) == 3
    assert [b.x for b in boxes] == sorted(b.x for b in boxes)


def test_framed_scatter_is_no_legend():
    img = scatter_row(0)
    assert not _text_only(img, Box(2, 64, 219, 229))


def framed_legend() -> np.ndarray:
    """A legend box: three lines of words in a frame."""
    img = np.full((90, 160, 3), 255, np.uint8)
    cv2.rectangle(img, (2, 2), (157, 87), BLACK, 1)
    for k, word in enumerate(["control", "treated", "placebo"]):
        cv2.putText(img, word, (14, 26 + 24 * k), FONT, 0.5, BLACK, 1, cv2.LINE_AA)
    return img


def test_framed_legend_of_words_is_still_print():
    img = np.full((600, 600, 3), 255, np.uint8)
    img[100:190, 100:260] = framed_legend()
    assert _text_only(img, Box(100, 100, 160, 90))


def _stats(boxes):
    return np.array([[x, y, w, h, w * h] for x, y, w, h in boxes])


def test_one_shape_and_lines():
    dots = _stats([(7 * k % 90, 11 * k % 150, 6, 6) for k in range(20)])
    assert _one_shape(dots)
    assert not _one_shape(dots[:7])    # too few marks to say
    words = _stats([(10 * k, 5, [6, 3, 8, 6, 6][k % 5], [9, 12, 9, 12, 9][k % 5]) for k in range(12)])
    assert not _one_shape(words)
    assert _in_lines(_stats([(0, 5, 8, 10), (10, 6, 8, 9), (0, 30, 8, 10)]), 60, 10.0)
    assert not _in_lines(_stats([(0, 5 + 9 * k, 6, 10) for k in range(8)]), 90, 10.0)


def test_plot_frame_needs_a_closed_outline_several_glyphs_across():
    img = np.zeros((120, 120), np.uint8)
    cv2.rectangle(img, (10, 10), (100, 100), 1, 1)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(img, connectivity=8)
    assert _plot_frame(labels, stats, 14.0)
    assert not _plot_frame(labels, stats, 30.0)    # 90 px is three glyphs of 30: a word's box
    open_ = np.zeros((120, 120), np.uint8)
    cv2.line(open_, (10, 100), (100, 100), 1, 1)  # an L-shaped axis pair, no frame
    cv2.line(open_, (10, 10), (10, 100), 1, 1)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(open_, connectivity=8)
    assert not _plot_frame(labels, stats, 14.0)


YLORRD = [(204, 255, 255), (118, 217, 254), (60, 141, 253), (28, 78, 240), (38, 0, 189), (38, 0, 128)]


def heat_map(seed: int = 0, outline: bool = True, cw: int = 122, ch: int = 157, cells: int = 3) -> np.ndarray:
    """A cells x cells heat map (ggplot style) of a yellow-red scale, each cell's value printed on
    it, row names with tick marks, rotated column names, a colour bar with its title on the right;
    cells outlined in black (or abutting)."""
    rng = np.random.default_rng(seed)
    img = np.full((613, 613, 3), 255, np.uint8)
    x0, y0 = 110, 27
    order = rng.permutation(len(YLORRD))
    for r in range(cells):
        for c in range(cells):
            colour = YLORRD[int(order[(r + 2 * c) % len(order)])]
            p0 = (x0 + c * cw, y0 + r * ch)
            cv2.rectangle(img, p0, (p0[0] + cw - 1, p0[1] + ch - 1), colour, -1)
            cv2.putText(img, f"{rng.random():.3f}", (p0[0] + 40, p0[1] + 80), FONT, 0.45, BLACK, 1, cv2.LINE_AA)
            if outline:
                cv2.rectangle(img, p0, (p0[0] + cw, p0[1] + ch), BLACK, 1)
        cv2.putText(img, f"name{r}", (40, y0 + r * ch + 82), FONT, 0.4, (80, 80, 80), 1, cv2.LINE_AA)
        cv2.line(img, (100, y0 + r * ch + 78), (106, y0 + r * ch + 78), (80, 80, 80), 1)
        lab = np.full((20, 80, 3), 255, np.uint8)
        cv2.putText(lab, f"group{r}", (2, 14), FONT, 0.4, (80, 80, 80), 1, cv2.LINE_AA)
        lab = cv2.rotate(lab, cv2.ROTATE_90_CLOCKWISE)
        xx = x0 + r * cw + cw // 2 - 10
        img[y0 + cells * ch + 15:y0 + cells * ch + 95, xx:xx + 20] = lab
    bx = 512
    cv2.putText(img, "Distance", (505, 200), FONT, 0.45, BLACK, 1, cv2.LINE_AA)
    for k in range(110):
        t = k / 109
        colour = tuple(int((1 - t) * a + t * b) for a, b in zip(YLORRD[0], YLORRD[-1]))
        cv2.line(img, (bx, 330 - k), (bx + 20, 330 - k), colour, 1)
    for k, v in enumerate(["0.00", "0.10", "0.20"]):
        cv2.putText(img, v, (bx + 30, 334 - 50 * k), FONT, 0.4, BLACK, 1, cv2.LINE_AA)
    return img


@pytest.mark.parametrize("outline", [True, False])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_heat_map_stays_one_panel(outline, seed):
    # before round 33: 5 or 6 pieces (cut at the cells' outlines and colour steps)
    boxes = split_panels(heat_map(seed, outline))
    assert len(boxes) == 1
    b = boxes[0]
    assert b.x <= 110 and b.y <= 27 and b.x + b.w >= 476 and b.y + b.h >= 498


def test_heat_cells_joins_only_abutting_tinted_fills():
    img = heat_map(0, True)
    cells = [Box(110, 27, 122, 157), Box(233, 27, 122, 157), Box(110, 185, 122, 157), Box(233, 185, 122, 157)]
    assert all(_heat_piece(img, c) for c in cells)
    assert _heat_cells(img, cells) == [Box(110, 27, 245, 315)]
    apart = [Box(110, 27, 122, 157), Box(240, 27, 100, 157)]   # a gutter between: two panels
    assert _heat_cells(img, apart) == apart
    assert not _heat_piece(img, Box(20, 20, 80, 300))          # the row names on paper
    grey = np.full((200, 200, 3), 200, np.uint8)                # a window's flat grey: no colour scale
    assert not _heat_piece(grey, Box(0, 0, 100, 100))


def photo_grid(paths, gutter: int) -> np.ndarray:
    tiles = [cv2.resize(cv2.imread(str(p), cv2.IMREAD_COLOR), (200, 160), interpolation=cv2.INTER_AREA) for p in paths]
    img = np.full((2 * 160 + gutter, 2 * 200 + gutter, 3), 255, np.uint8)
    for k, t in enumerate(tiles):
        r, c = divmod(k, 2)
        img[r * (160 + gutter):r * (160 + gutter) + 160, c * (200 + gutter):c * (200 + gutter) + 200] = t
    return img


@pytest.mark.parametrize("start", [0, 8, 16])
def test_photos_abutting_are_no_heat_map(start):
    if not REALDATA.exists():
        pytest.skip(SHARED_SKIP)
    paths = photo_paths()[start:start + 4]
    img = photo_grid(paths, 0)
    cells = [Box(0, 0, 200, 160), Box(200, 0, 200, 160), Box(0, 160, 200, 160), Box(200, 160, 200, 160)]
    assert not any(_heat_piece(img, c) for c in cells)
    assert _heat_cells(img, cells) == cells


# --- two state diagrams stacked, a) and b): a thin row of boxes is a diagram, no sliver ---------

def box_row(img, x0, y, n, side, gap):
    """`n` boxes of `side` pixels in a row from (x0, y), arrows between them; their centres."""
    centres = []
    for k in range(n):
        x = x0 + k * (side + gap)
        cv2.rectangle(img, (x, y), (x + side, y + side), BLACK, 1)
        if k:
            cv2.arrowedLine(img, (x - gap, y + side // 2), (x - 1, y + side // 2), BLACK, 1, tipLength=0.15)
        centres.append((x + side // 2, y + side // 2))
    return centres


def state_diagrams(side: int = 50, gap: int = 60, n: int = 4) -> np.ndarray:
    """a) a chain of `n` states; b) the same chain with every state leading to an absorbing state
    drawn under it (a multi-state model's diagrams, one over the other)."""
    W = 30 + n * side + (n - 1) * gap + 10
    img = np.full((310, W, 3), 255, np.uint8)
    box_row(img, 30, 8, n, side, gap)
    cv2.putText(img, "a)", (4, 52), cv2.FONT_HERSHEY_SIMPLEX, 0.45, BLACK, 1, cv2.LINE_AA)
    centres = box_row(img, 30, 128, n, side, gap)
    cx = W // 2
    cv2.rectangle(img, (cx - side // 2, 240), (cx + side // 2, 240 + side), BLACK, 1)
    for x, y in centres:
        cv2.arrowedLine(img, (x, y + side // 2), (cx + (x - cx) // 8, 239), BLACK, 1, tipLength=0.05)
    cv2.putText(img, "b)", (4, 300), cv2.FONT_HERSHEY_SIMPLEX, 0.45, BLACK, 1, cv2.LINE_AA)
    return img


@pytest.mark.parametrize("side,gap,n", [(50, 60, 4), (44, 50, 4), (50, 70, 3), (40, 48, 5)])
def test_stacked_state_diagrams_are_two_panels(side, gap, n):
    boxes = split_panels(state_diagrams(side, gap, n))
    assert len(boxes) == 2
    assert boxes[0].y < 20 and boxes[0].y + boxes[0].h < 120 <= boxes[1].y + 8


def test_boxed_diagram_needs_two_boxes_of_node_size():
    img = state_diagrams()
    assert _boxed_diagram(img, Box(0, 0, img.shape[1], 70))
    assert not _boxed_diagram(img, Box(0, 0, 90, 70))       # one box only
    small = np.full((300, 400, 3), 255, np.uint8)            # pin-number boxes a glyph high
    for k in range(6):
        cv2.rectangle(small, (10 + 30 * k, 10), (30 + 30 * k, 30), BLACK, 1)
    assert not _boxed_diagram(small, Box(0, 0, 400, 60))
