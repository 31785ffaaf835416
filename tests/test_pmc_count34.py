"""Splitter round 34 (counts): flat grey plotting areas (ggplot2's default theme).

A ggplot2 plot is a light grey plotting area crossed by white grid lines, its title and axis labels
outside it on the white page. The gutter test reads any line whose pixels are all light as white, so
the grey area was background to it: the points inside were cut apart from each other and from the
plot's labels (two plots gave four pieces, or the labels of one plot were joined to the other).
`gutters.tinted_areas` finds those areas and `gutters.frame_tinted` draws a frame just inside each
one before the cut (as base R frames its plots); facets of one plot (areas of one height, only paper
between them) are framed as one. Figures are composed here with matplotlib's "ggplot" style (grey
axes, white grid), none is a benchmark figure.
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
from derm1m_build.pmc.panels.gutters import Box, frame_tinted, tinted_areas  # noqa: E402
from derm1m_build.pmc.panels.split import split_panels  # noqa: E402


def rendered(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def gg_grid(rows: int, cols: int, seed: int, style: str = "ggplot") -> tuple[np.ndarray, list[Box]]:
    """Titled scatter plots in an even grid, ggplot-style (grey axes, white grid lines), with the
    pixel box of each plot's axes (its grey area)."""
    rng = np.random.default_rng(seed)
    with plt.style.context(style):
        fig, axes = plt.subplots(rows, cols, figsize=(2.9 * cols, 2.4 * rows))
        for k, ax in enumerate(np.ravel(axes)):
            ax.scatter(rng.random(30) * 30 + 10, rng.random(30) * 400, s=12, c="black")
            ax.set_title(f"Plot {k + 1}", loc="left")
            ax.set_xlabel("dose")
            ax.set_ylabel("area")
        fig.tight_layout()
        fig.canvas.draw()
        h = fig.canvas.get_width_height()[1]
        boxes = []
        for ax in np.ravel(axes):
            x0, y0, x1, y1 = ax.get_window_extent().extents
            boxes.append(Box(int(round(x0)), int(round(h - y1)), int(round(x1 - x0)), int(round(y1 - y0))))
        return rendered(fig), boxes


def gg_facets(n: int, seed: int) -> np.ndarray:
    """One plot of `n` facets side by side sharing the y axis (no tick marks or labels between
    them), ggplot-style, a blank strip between the facets."""
    rng = np.random.default_rng(seed)
    with plt.style.context("ggplot"):
        fig, axes = plt.subplots(1, n, figsize=(2.9 * n, 2.4), sharey=True)
        fig.subplots_adjust(wspace=0.05)
        for k, ax in enumerate(axes):
            ax.scatter(rng.random(30) * 30 + 10, rng.random(30) * 400, s=12, c="black")
            if k:
                ax.tick_params(axis="y", length=0)
        return rendered(fig)


def near(a: Box, b: Box, tol: int = 3) -> bool:
    return all(abs(p - q) <= tol for p, q in zip(a.xyxy, b.xyxy))


@pytest.mark.parametrize("rows,cols,seed", [(1, 2, 0), (2, 2, 1), (1, 3, 2), (2, 3, 3)])
def test_grey_plotting_areas_found_where_the_axes_are(rows, cols, seed):
    img, axes = gg_grid(rows, cols, seed)
    found = tinted_areas(img)
    assert len(found) == rows * cols
    for ax in axes:
        assert sum(near(f, ax) for f in found) == 1, (ax, found)


@pytest.mark.parametrize("rows,cols,seed", [(1, 2, 0), (2, 2, 1), (1, 3, 2), (2, 3, 3)])
def test_grid_of_grey_plots_splits_one_piece_per_plot(rows, cols, seed):
    # before: 3, 1, 1 and 1 pieces (grey read as paper: points cut apart, labels joined across plots)
    img, axes = gg_grid(rows, cols, seed)
    out = split_panels(img)
    assert len(out) == rows * cols
    for ax in axes:   # each piece holds one plot's grey area whole (with its title and labels)
        holders = [b for b in out if b.x <= ax.x + 2 and b.y <= ax.y + 2
                   and b.x + b.w >= ax.x + ax.w - 2 and b.y + b.h >= ax.y + ax.h - 2]
        assert len(holders) == 1, (ax, out)
        assert holders[0].y < ax.y - 10   # the title above the grey area is in the piece


def test_facets_of_one_plot_are_one_area_and_one_panel():
    img = gg_facets(3, 4)
    found = tinted_areas(img)
    assert len(found) == 1
    assert found[0].w > 3 * found[0].h   # the three facets and the strips between them
    assert len(split_panels(img)) == 1   # before: 3


def test_separate_plots_side_by_side_are_not_joined_as_facets():
    # the second plot's axis labels lie between the two grey areas: two plots, two areas
    img, _ = gg_grid(1, 2, 5)
    assert len(tinted_areas(img)) == 2


def test_white_plots_have_no_tinted_area_and_are_left_untouched():
    img, _ = gg_grid(1, 2, 6, style="default")
    assert tinted_areas(img) == []
    assert frame_tinted(img) is img


def test_frame_drawn_inside_the_area_only():
    img, _ = gg_grid(1, 2, 7)
    framed = frame_tinted(img)
    assert framed is not img
    diff = np.any(framed != img, axis=2)
    for a in tinted_areas(img):
        diff[a.y:a.y + a.h, a.x:a.x + a.w] = False
    assert not diff.any()                      # nothing drawn outside the areas
    a = tinted_areas(img)[0]
    assert framed[a.y + a.h // 2, a.x].max() == 0 and framed[a.y, a.x + a.w // 2].max() == 0


def test_small_or_unframed_grey_patches_are_no_plotting_area():
    img = np.full((300, 400, 3), 255, np.uint8)
    img[40:60, 40:90] = 230                    # a grey box under 8 % of the side: a label's fill
    cv2.circle(img, (250, 170), 60, (230, 230, 230), -1)   # a grey disc: no rectangle
    assert tinted_areas(img) == []


def test_grey_page_is_no_tinted_area():
    img = np.full((300, 400, 3), 230, np.uint8)   # the whole page grey: not on white paper
    img[100:200, 100:300] = 200
    assert tinted_areas(img) == []


def test_real_photographs_have_no_tinted_area():
    if not REALDATA.exists():
        pytest.skip(SHARED_SKIP)
    paths = photo_paths()[::12]
    assert len(paths) >= 10
    for p in paths:
        img = cv2.imread(str(p), cv2.IMREAD_COLOR)
        assert tinted_areas(img) == [], p


# ---- tick labels a gutter apart from their axis (base R's unframed plots): `charts._tick_labels`

def axis_chart(label_shift: int = 0, ticks: bool = True) -> tuple[np.ndarray, Box, Box]:
    """An unframed bar chart drawn with OpenCV: a y axis line with five tick marks pointing left, its
    value labels a 12 px gutter left of the ticks (shifted down by `label_shift`), bars right of the
    axis. Returns the image, the labels' piece and the chart's piece."""
    img = np.full((320, 320, 3), 255, np.uint8)
    cv2.line(img, (80, 40), (80, 260), (0, 0, 0), 2)
    for k, y in enumerate(range(50, 251, 50)):
        if ticks:
            cv2.line(img, (71, y), (79, y), (0, 0, 0), 1)
        cv2.putText(img, str(4 - k), (46, y + 5 + label_shift), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1)
    for i, h in enumerate((60, 120, 90, 180, 150)):
        cv2.rectangle(img, (95 + 38 * i, 250 - h), (125 + 38 * i, 250), (0, 0, 0), 1)
    cv2.line(img, (85, 265), (290, 265), (0, 0, 0), 2)
    return img, Box(44, 40, 16, 225), Box(70, 38, 225, 230)


def test_tick_labels_join_their_axis():
    from derm1m_build.pmc.panels.charts import _one_chart, _tick_labels
    img, labels, chart = axis_chart()
    ink = img.min(axis=2) < 200
    assert _tick_labels(ink, labels, chart, 1)
    assert _one_chart(img, [labels, chart]) == [Box(44, 38, 251, 230)]


def test_tick_labels_below_their_axis_join_too():
    from derm1m_build.pmc.panels.charts import _tick_labels
    img, labels, chart = axis_chart()
    below = np.ascontiguousarray(img.transpose(1, 0, 2)[::-1])   # the axis along the bottom, labels under it
    ink = below.min(axis=2) < 200
    tf = lambda b: Box(b.y, 320 - b.x - b.w, b.h, b.w)  # noqa: E731
    assert _tick_labels(ink, tf(chart), tf(labels), 0)
    assert not _tick_labels(ink, tf(labels), tf(chart), 0)       # pieces not in the order the call says
    above = np.ascontiguousarray(img.transpose(1, 0, 2))         # the axis along the top, labels over it
    t = lambda b: Box(b.y, b.x, b.h, b.w)  # noqa: E731
    assert _tick_labels(above.min(axis=2) < 200, t(labels), t(chart), 0)
    m = lambda b: Box(320 - b.x - b.w, b.y, b.w, b.h)  # noqa: E731
    assert _tick_labels(img.min(axis=2)[:, ::-1] < 200, m(chart), m(labels), 1)   # the axis on the right


def test_print_out_of_line_with_the_ticks_or_no_ticks_is_no_tick_label():
    from derm1m_build.pmc.panels.charts import _tick_labels
    img, labels, chart = axis_chart(label_shift=25)             # print between the ticks
    assert not _tick_labels(img.min(axis=2) < 200, labels, chart, 1)
    img, labels, chart = axis_chart(ticks=False)                # an axis line with no tick marks
    assert not _tick_labels(img.min(axis=2) < 200, labels, chart, 1)


def test_a_whole_plot_beside_an_axis_is_no_tick_label_column():
    from derm1m_build.pmc.panels.charts import _tick_labels
    img, labels, chart = axis_chart()
    big = np.full((320, 640, 3), 255, np.uint8)
    big[:, 320:] = img
    big[60:250, 120:300] = 0                                    # a plot left of it, wider than 35 % of the chart
    ink = big.min(axis=2) < 200
    shifted = Box(chart.x + 320, chart.y, chart.w, chart.h)
    assert not _tick_labels(ink, Box(120, 40, 245, 225), shifted, 1)
    assert _tick_labels(ink, Box(labels.x + 320, labels.y, labels.w, labels.h), shifted, 1)


# ---- a regular grid of small titled plots: `xycut._grid_of_groups`

def titled_grid(rows: int, cols: int, seed: int) -> np.ndarray:
    """Small framed plots (R's `par(mfrow)`), each with a bold title and its own tick labels, the
    columns close together and the rows further apart (titles and x tick labels between them)."""
    rng = np.random.default_rng(seed)
    fig, axes = plt.subplots(rows, cols, figsize=(2.2 * cols, 2.1 * rows))
    fig.subplots_adjust(left=0.07, right=0.99, top=0.95, bottom=0.06, wspace=0.22, hspace=0.55)
    for k, ax in enumerate(np.ravel(axes)):
        ax.axhline(0, ls=":", c="k", lw=0.8)
        ax.axvline(0, ls=":", c="k", lw=0.8)
        ax.text(rng.random() - 0.5, rng.random() - 0.5, "Taxon", fontsize=7)
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.05, 1.05)
        ax.set_title(f"shift = ({k % cols}, {k // cols})", fontsize=8, fontweight="bold")
        ax.tick_params(labelsize=6)
    return rendered(fig)


@pytest.mark.parametrize("rows,cols,seed", [(3, 3, 0), (3, 2, 1), (4, 3, 3)])
def test_regular_grid_of_titled_plots_is_one_panel_per_plot(rows, cols, seed):
    # before: one piece per row (3, 3 and 4): each row taken for one panel's sub-plots
    out = split_panels(titled_grid(rows, cols, seed))
    assert len(out) == rows * cols
    xs = sorted({b.x // 20 for b in out})
    assert len(xs) == cols                   # the pieces stand in `cols` columns ...
    assert all(sum(1 for b in out if b.x // 20 == x) == rows for x in xs)   # ... of `rows` each


def test_grid_of_groups_needs_rows_in_the_same_columns():
    from derm1m_build.pmc.panels.xycut import _grid_of_groups
    boxes = [Box(0, 0, 100, 80), Box(110, 0, 100, 80),
             Box(0, 120, 100, 80), Box(110, 120, 100, 80),
             Box(0, 240, 100, 80), Box(110, 240, 100, 80)]
    tree = [[0, 1], [2, 3], [4, 5]]
    assert _grid_of_groups(tree, boxes, 0)
    assert not _grid_of_groups(tree[:2], boxes, 0)          # two rows: a panel per row is as likely
    shifted = boxes[:4] + [Box(50, 240, 100, 80), Box(160, 240, 100, 80)]
    assert not _grid_of_groups(tree, shifted, 0)            # the last row's pieces in other columns
    three = boxes + [Box(220, 240, 40, 80)]
    assert not _grid_of_groups([[0, 1], [2, 3], [4, 5, 6]], three, 0)   # a row with a third piece
    speck = boxes + [Box(220, 250, 10, 10)]
    assert _grid_of_groups([[0, 1], [2, 3], [4, 5, 6]], speck, 0)       # a word beside a row is left aside
