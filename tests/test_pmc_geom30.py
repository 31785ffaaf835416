"""Framed pictures touching with no gutter (`gutters._frame_seams`): plots drawn here with
matplotlib, each in its own black frame, put side by side with their frames touching; a framed plot
against a line drawing on paper; and single framed plots (a flat trace across the frame, a square
wave whose edges run the frame's height, grid lines) that must stay whole. None is a benchmark figure."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from derm1m_build.pmc.panels import split_panels  # noqa: E402
from derm1m_build.pmc.panels.gutters import _cornered, _frame_seams  # noqa: E402


def _framed_plot(seed: int, w: int, h: int, kind: str = "sine") -> np.ndarray:
    """A plot filling its image, framed by a 1-2 px shaded rule at the image's edge (a scope trace)."""
    rng = np.random.default_rng(seed)
    fig = plt.figure(figsize=(w / 100, h / 100), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    x = np.linspace(0, 1, 400)
    if kind == "sine":
        ax.plot(x, np.sin(2 * np.pi * rng.uniform(2, 6) * x), color="k")
        ax.plot(x, 0.5 * np.sin(2 * np.pi * rng.uniform(2, 6) * x + 1), color="r")
    elif kind == "flat":
        ax.plot(x, np.full_like(x, rng.uniform(-0.5, 0.5)), color="k", lw=2)
    else:  # square wave reaching the frame's top and bottom
        ax.plot(x, np.sign(np.sin(2 * np.pi * rng.uniform(3, 5) * x)), color="k", lw=2)
    ax.set_ylim(-1.1, 1.1)
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_visible(False)
    ax.grid(True, color="#bbbbbb", linestyle=":")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    img = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    # a window's or a scope's frame: a rule shaded along its length (a bevel, anti-aliasing), so
    # no line of it is one uniform colour
    fw = 1 + seed % 2
    h, w = img.shape[:2]
    shade = lambda m: np.clip(np.linspace(30, 180, m)[:, None] + rng.integers(-20, 20, (m, 1)), 0, 255)  # noqa: E731
    for k in range(fw):
        img[:, k] = img[:, -1 - k] = shade(h).astype(np.uint8)
        img[k] = img[-1 - k] = shade(w).astype(np.uint8)
    return img


def _drawing(h: int, w: int, seed: int) -> np.ndarray:
    """A line drawing on paper (boxes wired to the frame of the plot beside it), shorter than it."""
    rng = np.random.default_rng(seed)
    img = np.full((h, w, 3), 255, np.uint8)
    top = int(h * rng.uniform(0.3, 0.5))
    for k in range(3):
        y = top + k * (h - top - 20) // 3
        cv2.rectangle(img, (10, y), (40, y + 25), (0, 0, 0), 1)
        cv2.line(img, (40, y + 12), (w - 1, y + 12), (0, 0, 0), 1)  # wired to the frame beside it
        cv2.putText(img, str(10 + k), (14, y + 19), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1)
    return img


def _row(parts: list[np.ndarray], margin: int = 4, between: int = 0) -> np.ndarray:
    """The parts side by side, tops aligned, `between` lines of paper between them (0: touching;
    1: two frames with one line of paper between, as a PDF renders them)."""
    h = max(p.shape[0] for p in parts)
    cols = []
    for i, p in enumerate(parts):
        cols.append(np.vstack([p, np.full((h - p.shape[0], p.shape[1], 3), 255, np.uint8)]))
        if between and i + 1 < len(parts):
            cols.append(np.full((h, between, 3), 255, np.uint8))
    row = np.hstack(cols)
    return cv2.copyMakeBorder(row, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=(255, 255, 255))


def _xs(boxes) -> list[tuple[int, int]]:
    return [(b.x, b.x + b.w) for b in boxes]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n", [2, 3])
@pytest.mark.parametrize("between", [0, 1])
def test_framed_plots_touching_are_cut_at_their_shared_sides(seed, n, between):
    w, h = 200 + 10 * seed, 160
    parts = [_framed_plot(seed * 10 + i, w, h) for i in range(n)]
    img = _row(parts, between=between)
    boxes = split_panels(img)
    assert len(boxes) == n
    for i, (x0, x1) in enumerate(_xs(boxes)):
        t0, t1 = 4 + i * (w + between), 4 + i * (w + between) + w
        assert (min(x1, t1) - max(x0, t0)) / (max(x1, t1) - min(x0, t0)) >= 0.85


@pytest.mark.parametrize("seed", range(4))
def test_drawing_against_a_framed_plot_is_cut_at_the_frame(seed):
    d = _drawing(150, 180, seed)
    p = _framed_plot(seed, 260, 190)
    img = _row([d, p])
    found = _frame_seams(img.min(axis=2), 8)
    assert found is not None and found[0] == 1
    assert [abs(a - 184) <= 2 for a, _ in found[1][1:]] == [True]
    assert [abs(b.x - 184) <= 3 for b in split_panels(img)] == [False, True]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("kind", ["flat", "square", "sine"])
def test_single_framed_plots_stay_whole(seed, kind):
    img = _row([_framed_plot(seed, 420, 200, kind)])
    assert len(split_panels(img)) == 1
    assert _frame_seams(img.min(axis=2), 25) is None


def test_a_square_wave_edge_turns_both_ways_and_is_no_frame_side():
    lines = np.zeros((40, 30), bool)
    lines[:, 14:16] = True     # the edge
    lines[:2, 16:30] = True    # high level to the right at the top
    lines[-2:, :14] = True     # low level to the left at the bottom
    assert not _cornered(lines, 14, 16, 0, 40)
    lines[-2:, :14] = False
    lines[-2:, 16:30] = True   # a box's side: both corners turn right
    assert _cornered(lines, 14, 16, 0, 40)


def _flow_column(seed: int) -> np.ndarray:
    """Two boxes of a flow chart, one over the other, joined by a vertical arrow down the middle."""
    rng = np.random.default_rng(seed)
    w, h = 200 + int(rng.integers(0, 40)), 220
    img = np.full((h, w, 3), 255, np.uint8)
    cv2.rectangle(img, (0, 0), (w - 1, 2), (0, 0, 0), -1)          # the upper box's bottom side
    cv2.arrowedLine(img, (w // 2, 3), (w // 2, h - 4), (0, 0, 0), 3, tipLength=0.08)
    cv2.rectangle(img, (0, h - 3), (w - 1, h - 1), (0, 0, 0), -1)  # the lower box's top side
    cv2.putText(img, "1,694", (w // 2 + 8, h // 2), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 1)
    return img


@pytest.mark.parametrize("seed", range(3))
def test_a_flow_charts_arrow_is_no_frame_seam(seed):
    img = _flow_column(seed)
    assert _frame_seams(img.min(axis=2), 39) is None


@pytest.mark.parametrize("seed", range(3))
def test_a_plot_with_tick_labels_and_a_grid_stays_whole(seed):
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    x = np.linspace(-3, 3, 200)
    for _ in range(30):
        ax.plot(x, rng.uniform(2, 8) * np.sin(x + rng.uniform(-0.3, 0.3)) + rng.uniform(0, 3), color="purple")
    ax.set_xlim(-3, 3)
    ax.grid(True)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    img = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    assert len(split_panels(img)) == 1
    assert _frame_seams(img.min(axis=2), 38) is None
