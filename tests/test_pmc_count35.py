"""Splitter round 35 (counts): a tinted plotting area is framed only when grid lines cross it.

Round 34 framed every large flat light-grey rectangle on white paper before the cut (ggplot2's grey
plotting area, `gutters.frame_tinted`). A mosaic plot's tiles are such rectangles too: framed, each
tile became a piece of its own, and one mosaic was cut into its tiles. A plotting area drawn on a
tint carries light grid lines across it both ways (ggplot2's theme_grey, seaborn's darkgrid); a
mosaic's tiles, a shaded box or an SPSS-style grey ground have none (`gutters._grid_lines`), and a
tile's drawn outline leaves a light fringe beside it when resampled, which is no grid line. Figures
are composed here with matplotlib and OpenCV; none is a benchmark figure.
"""

from __future__ import annotations

import io

import cv2
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from derm1m_build.pmc.panels.gutters import Box, _grid_lines, frame_tinted, tinted_areas  # noqa: E402
from derm1m_build.pmc.panels.split import split_panels  # noqa: E402


def rendered(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def mosaic(cols: int, seed: int, blocks: int = 1, grey: str = "#d0d0d0", gap: float = 0.012) -> np.ndarray:
    """`blocks` mosaic plots side by side (vcd's strucplot style): `cols` columns of widths drawn at
    random, each cut into three tiles, flat grey with a thin black outline, a small blank gap
    between tiles, a title and axis names round each plot, no axes or grid."""
    rng = np.random.default_rng(seed)
    fig, axes = plt.subplots(1, blocks, figsize=(5 * blocks, 5))
    for ax in np.ravel([axes]):
        w = rng.random(cols) + 0.3
        w = w / w.sum() * (1 - gap * (cols - 1))
        x = 0.0
        for c in range(cols):
            hs = rng.random(3) + 0.2
            hs = hs / hs.sum() * (1 - 2 * gap)
            y = 0.0
            for h in hs:
                ax.add_patch(Rectangle((x, y), w[c], h, facecolor=grey, edgecolor="black", linewidth=0.8))
                y += h + gap
            x += w[c] + gap
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        for s in ax.spines.values():
            s.set_visible(False)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("Class")
        ax.set_ylabel("Age")
        ax.set_title("Survival")
    return rendered(fig)


def grey_plot(grid: bool, seed: int) -> np.ndarray:
    """Two box-and-whisker plots side by side on a flat grey plotting area, with white grid lines
    (ggplot2's look) or without (a grey ground, SPSS's look)."""
    rng = np.random.default_rng(seed)
    with plt.style.context("ggplot"):
        fig, axes = plt.subplots(1, 2, figsize=(6, 3))
        for ax in axes:
            ax.boxplot([rng.normal(5, 1, 40), rng.normal(7, 2, 40)])
            ax.grid(grid)
            ax.set_xlabel("group")
            ax.set_ylabel("value")
        fig.tight_layout()
        return rendered(fig)


@pytest.mark.parametrize("cols,seed", [(3, 0), (3, 1), (4, 0)])
def test_one_mosaic_plot_stays_one_panel(cols, seed):
    # round 34: 7, 9 and 11 tiles framed, 3, 1 and 6 pieces
    img = mosaic(cols, seed)
    assert tinted_areas(img) == []
    assert frame_tinted(img) is img
    assert len(split_panels(img)) == 1


@pytest.mark.parametrize("cols,seed", [(3, 0), (3, 1), (4, 2), (5, 0)])
def test_two_mosaic_plots_are_two_panels(cols, seed):
    # round 34: 11, 15, 9 and 15 tiles framed, 3, 13, 7 and 7 pieces
    img = mosaic(cols, seed, blocks=2)
    assert tinted_areas(img) == []
    out = split_panels(img)
    assert len(out) == 2
    W = img.shape[1]
    assert sorted(b.x + b.w // 2 < W // 2 for b in out) == [False, True]   # one plot each side


def test_grey_plotting_area_without_grid_lines_is_not_framed():
    img = grey_plot(False, 0)
    assert tinted_areas(img) == []
    assert frame_tinted(img) is img


def test_grey_plotting_area_with_grid_lines_is_framed():
    found = tinted_areas(grey_plot(True, 0))
    assert len(found) == 2
    assert found[0].x + found[0].w < found[1].x   # one area per plot, left then right


def tile(h: int = 120, w: int = 160, tint: int = 220) -> np.ndarray:
    return np.full((h, w), tint, np.uint8)


def test_grid_lines_both_ways_are_found():
    a = tile()
    a[30, :] = a[70, :] = 255          # two white rows ...
    a[:, 50] = 255                     # ... and a white column
    assert _grid_lines(a, 220)


def test_grid_lines_one_way_only_are_not_enough():
    a = tile()
    a[30, :] = a[60, :] = a[90, :] = 255
    assert not _grid_lines(a, 220)


def test_two_lines_are_not_enough():
    a = tile()
    a[30, :] = 255
    a[:, 50] = 255
    assert not _grid_lines(a, 220)


def test_light_fringe_beside_a_tile_outline_is_no_grid_line():
    # a resampled outline: a dark line with a light row (column) beside it
    a = tile()
    for r in (30, 70):
        a[r, :] = 40
        a[r + 1, :] = 250
    a[:, 50] = 40
    a[:, 51] = 250
    assert not _grid_lines(a, 220)
    a[:, 100] = 255                    # one true grid column does not make the fringes lines
    assert not _grid_lines(a, 220)


def test_wide_light_band_is_no_grid_line():
    a = tile()
    a[40:80, :] = 255                  # a white band a third of the area high: a gap, no line
    a[:, 50] = a[:, 100] = 255
    assert not _grid_lines(a, 220)


def test_lines_at_the_area_sides_do_not_count():
    a = tile()
    a[0:2, :] = a[-2:, :] = 255        # the area's own edge rows
    a[:, 50] = 255
    assert not _grid_lines(a, 220)


def test_scattered_tint_under_the_share_is_passed_over():
    # grey specks over 3 % of a white page (1/16 sampled: the quarter-scale look) and a grid-lined
    # grey area too small to matter: nothing found, the image returned as it is
    img = np.full((400, 600, 3), 255, np.uint8)
    rng = np.random.default_rng(0)
    ys, xs = rng.integers(0, 400, 2400), rng.integers(0, 600, 2400)
    for y, x in zip(ys, xs):
        img[y:y + 2, x:x + 2] = 230
    assert tinted_areas(img) == []
    assert frame_tinted(img) is img


def test_grid_lined_area_found_whole_with_its_box():
    img = np.full((400, 600, 3), 255, np.uint8)
    img[60:340, 80:520] = 235
    for y in range(100, 340, 60):
        img[y, 80:520] = 255
    for x in range(140, 520, 80):
        img[60:340, x] = 255
    cv2.circle(img, (300, 200), 6, (0, 0, 0), -1)
    assert tinted_areas(img) == [Box(80, 60, 440, 280)]
