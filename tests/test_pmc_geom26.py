"""Splitter round 26 (geometry side): a colour bar beside its image is part of that image's panel.

matplotlib puts a colour bar a pad (5 % of the axes' width) beside its image, so a paper gutter
runs between them; where no wider gutter groups the bar with its image (a lone image in its row,
an image and its bar under a row of two), the XY-cut took the bar for a panel of its own. The join
(`charts._colour_bars`) takes a strip whose lines across are each one colour and whose colour ramps
along it, as tall as the image beside it and ending with it, with at most tick labels beside it.

Figures built here with matplotlib (images, heat maps, colour bars of several colour maps, filled
bar charts); none is a benchmark figure."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels.charts import _colour_bar, _colour_bars
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.split import split_panels

_CMAPS = ["viridis", "magma", "coolwarm", "plasma", "cividis", "RdBu"]


def _render(fig, dpi: int = 100) -> np.ndarray:
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def _data(rng, kind: str) -> np.ndarray:
    y, x = np.mgrid[-3:2:60j, -4:6:50j]
    peak = 9 * np.exp(-((x - rng.uniform(0, 3)) ** 2 / 1.5 + (y + rng.uniform(0, 1)) ** 2 / 3))
    return peak + (rng.uniform(0, 2, peak.shape) if kind == "noisy" else 0)


def _axes_boxes(fig, axes, img_h: int) -> list[tuple[int, int, int, int]]:
    """Each axes' pixel box (x0, y0, x1, y1), its colour bar's axes joined in."""
    out = []
    for group in axes:
        x0 = y0 = 10 ** 9
        x1 = y1 = -1
        for ax in group:
            bb = ax.get_window_extent()
            x0, x1 = min(x0, bb.x0), max(x1, bb.x1)
            y0, y1 = min(y0, img_h - bb.y1), max(y1, img_h - bb.y0)
        out.append((int(x0), int(y0), int(x1), int(y1)))
    return out


def three_maps(seed: int):
    """A 2 x 2 grid of images with colour bars, the last cell empty (a fit's data, model and
    residual): 3 panels, each bar in its image's panel. Returns the image and the axes' boxes."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(seed)
    dpi = [100, 90, 110, 120, 80, 95][seed % 6]
    fig, axs = plt.subplots(2, 2, figsize=(10, 10), dpi=dpi)
    groups = []
    for k, ax in enumerate(axs.flat[:3]):
        im = ax.imshow(_data(rng, "noisy" if k != 1 else "smooth"), origin="lower", aspect="auto",
                       extent=(-4, 6, -3, 2), cmap=_CMAPS[(seed + k) % len(_CMAPS)])
        bar = fig.colorbar(im, ax=ax, label="z")
        ax.set_title(["Data", "Fit", "Data - Fit"][k])
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        groups.append([ax, bar.ax])
    axs.flat[3].axis("off")
    fig.canvas.draw()
    boxes = _axes_boxes(fig, groups, int(10 * dpi))
    return _render(fig, dpi), boxes


def map_and_bars(seed: int):
    """A heat map with its colour bar on the left, a bar chart on the right, one row: 2 panels."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(seed)
    fig, (a, b) = plt.subplots(1, 2, figsize=(9, 4), dpi=100)
    im = a.pcolormesh(rng.uniform(size=(8, 10)) + np.arange(10) / 5, cmap=_CMAPS[seed % len(_CMAPS)])
    bar = fig.colorbar(im, ax=a)
    b.bar(range(5), rng.uniform(1, 5, 5), color=f"C{seed % 6}")
    fig.tight_layout()
    fig.canvas.draw()
    boxes = _axes_boxes(fig, [[a, bar.ax], [b], [bar.ax]], 400)
    return _render(fig), boxes


def one_map(seed: int) -> np.ndarray:
    """One image with its colour bar: a single panel."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(6, 4.5), dpi=100)
    im = ax.imshow(_data(rng, "noisy"), cmap=_CMAPS[seed % len(_CMAPS)], aspect="auto")
    fig.colorbar(im, ax=ax, label="counts")
    return _render(fig)


def _inside(outer, inner, slack: int = 6) -> bool:
    return (outer[0] <= inner[0] + slack and outer[1] <= inner[1] + slack
            and outer[2] >= inner[2] - slack and outer[3] >= inner[3] - slack)


@pytest.mark.parametrize("seed", range(6))
def test_three_images_with_colour_bars_are_three_panels(seed):
    img, axes = three_maps(seed)
    out = split_panels(img)
    assert len(out) == 3
    # each panel holds its image and its whole colour bar, and no other image
    for b, ax in zip(sorted((o.xyxy for o in out), key=lambda v: (v[1] // 100, v[0])),
                     sorted(axes, key=lambda v: (v[1] // 100, v[0]))):
        assert _inside(b, ax)


@pytest.mark.parametrize("seed", range(6))
def test_image_and_colour_bar_beside_a_chart_are_two_panels(seed):
    img, axes = map_and_bars(seed)
    axes = axes[:2]
    out = sorted((o.xyxy for o in split_panels(img)), key=lambda v: v[0])
    assert len(out) == 2
    assert _inside(out[0], axes[0]) and _inside(out[1], axes[1])
    assert out[0][2] < axes[1][0]


@pytest.mark.parametrize("seed", range(4))
def test_one_image_with_colour_bar_stays_whole(seed):
    assert len(split_panels(one_map(seed))) == 1


@pytest.mark.parametrize("seed", range(4))
def test_a_bar_chart_is_no_colour_bar_and_the_key_is(seed):
    img, axes = map_and_bars(seed)
    x0, y0, x1, y1 = axes[1]                      # the bar chart: filled bars of one colour each
    assert _colour_bar(img, Box(x0 - 5, y0 - 5, x1 - x0 + 10, y1 - y0 + 10)) is None
    x0, y0, x1, y1 = axes[2]                      # the heat map's key: its strip found, ticks beside
    bar = _colour_bar(img, Box(x0 - 3, y0 - 8, x1 - x0 + 40, y1 - y0 + 16))
    assert bar is not None and abs(bar[0] - x0) <= 2 and abs(bar[2] - x1) <= 2
    assert abs(bar[1] - y0) <= 2 and abs(bar[3] - y1) <= 2


def _strip(colours: np.ndarray, width: int = 20, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    """A white page holding one vertical strip of the given row colours and tick labels beside it."""
    rng = np.random.default_rng(seed)
    page = np.full((len(colours) + 40, width + 60, 3), 255, np.uint8)
    block = np.repeat(colours[:, None, :], width, axis=1).astype(float)
    block += rng.normal(0, noise, block.shape)
    page[20:20 + len(colours), 10:10 + width] = np.clip(block, 0, 255).astype(np.uint8)
    for k in range(5):
        cv2.putText(page, str(k), (width + 18, 24 + k * (len(colours) // 5)), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (0, 0, 0), 1)
    return page


def test_colour_bar_found_on_a_ramp_and_not_on_a_flat_or_noisy_strip():
    ramp = np.stack([np.linspace(30, 250, 200), np.linspace(200, 20, 200), np.full(200, 120)], axis=1)
    page = _strip(ramp)
    assert _colour_bar(page, Box(0, 0, page.shape[1], page.shape[0])) == (10, 20, 30, 220)
    flat = _strip(np.tile([[40, 90, 200]], (200, 1)))
    assert _colour_bar(flat, Box(0, 0, flat.shape[1], flat.shape[0])) is None
    noisy = _strip(ramp, noise=60, seed=1)  # a photo's strip: lines across are not one colour
    assert _colour_bar(noisy, Box(0, 0, noisy.shape[1], noisy.shape[0])) is None


def test_colour_bars_joins_only_a_bar_beside_an_image_of_its_height():
    ramp = np.stack([np.linspace(30, 250, 200), np.linspace(200, 20, 200), np.full(200, 120)], axis=1)
    page = np.full((260, 400, 3), 255, np.uint8)
    page[20:240, 10:300] = 90                      # the image: a block, not a bar
    bar = _strip(ramp)                             # 240 x 80, the bar at x 10-30, y 20-220 of it
    page[10:250, 310:390] = bar
    image, key = Box(10, 20, 290, 220), Box(310, 10, 80, 240)
    out = _colour_bars(page, [image, key])
    assert [o.xyxy for o in out] == [[10, 20, 390, 250]] or [o.xyxy for o in out] == [[10, 20, 380, 240]] \
        or len(out) == 1 and out[0].x == 10 and out[0].x + out[0].w <= 390
    # an image half the bar's height: not its key
    short = Box(10, 20, 290, 100)
    assert len(_colour_bars(page, [short, key])) == 2
    # an image far away (more than its pad): not its key
    far = np.full((260, 900, 3), 255, np.uint8)
    far[20:240, 10:300] = 90
    far[10:250, 810:890] = bar
    assert len(_colour_bars(far, [image, Box(810, 10, 80, 240)])) == 2


def grouped_boxes(seed: int) -> np.ndarray:
    """Two framed box plots side by side sharing their y axis, each under its own title, the
    figure's title a few pixels over those (a grouped box plot's layout): 2 panels."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(seed)
    fig, axs = plt.subplots(1, 2, figsize=(6.4, 4.8), dpi=100, sharey=True)
    for k, ax in enumerate(axs):
        ax.boxplot([rng.uniform(0, 1, 12) for _ in range(2 + seed % 2)])
        ax.grid(seed % 2 == 0)
        ax.set_title(f"Col{k + 1}")
        ax.set_xlabel("[X]")
    fig.suptitle(["Measurements by sample", "Scores grouped by cohort"][seed % 2])
    # the grouped plot's margins: the axes' titles end a few pixels under the figure's title
    fig.subplots_adjust(bottom=0.15, top=[0.9, 0.9, 0.905, 0.905, 0.895, 0.895][seed % 6], left=0.1, right=0.9, wspace=0.2)
    return _render(fig)


def titled_chart(seed: int) -> np.ndarray:
    """One chart under its figure title, a legend beside it outside the frame: a single panel."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    for c in range(3):
        ax.plot(np.cumsum(rng.normal(size=30)), label=f"series {c}")
    ax.set_title("Axes title")
    fig.suptitle("Figure title")
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
    fig.subplots_adjust(right=0.72)
    return _render(fig)


@pytest.mark.parametrize("seed", range(6))
def test_box_plots_under_one_title_are_two_panels(seed):
    out = sorted((o.xyxy for o in split_panels(grouped_boxes(seed))), key=lambda v: v[0])
    assert len(out) == 2
    assert out[0][2] < out[1][0]                  # side by side ...
    assert min(out[0][1], out[1][1]) >= 26        # ... the figure's title (rows 9-25) left out of both


@pytest.mark.parametrize("seed", range(4))
def test_one_titled_chart_with_its_legend_stays_whole(seed):
    assert len(split_panels(titled_chart(seed))) == 1
