"""Splitter round 29 (geometry side): a curve's outline is no diagram edge ending at a gutter; a
column panel beside a block of panels is no sliver.

Finite-element and isocontour figures draw a circle or an ellipse as a polygon: each side turns a
few degrees off the last. Near the bottom of such an outline a side runs 15-20 degrees off the
horizontal and ends a pixel or two over its piece's lower edge, with the next side going on almost
straight, so `charts._edge_ends` took it for a tree's edge or an arrow stopping at the gutter and
pointing into the panel under it (a shaded sphere), and the two panels were joined. The stroke of
an edge ending at the gutter stops there; an outline runs on along the piece's edge, past where
the side's line would leave the piece (`charts._curve_goes_on`).

A panel down the right of a block holding rows of panels (a workflow's summary column) is under
`_MINOR` of the block's width, and it lines up with several of the block's pieces, so `_minor_merge`
left it out as a header or label strip and its content was lost. It is a panel when it is as large
as the block's panels beside it (`xycut._panel_beside`); a legend there is still left out.

Figures drawn here with OpenCV and matplotlib; none is a benchmark figure."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels.charts import _curve_goes_on, _edge_ends
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.split import split_panels


def _jet(v: float) -> tuple[int, int, int]:
    return tuple(int(c) for c in cv2.applyColorMap(np.array([[int(255 * v)]], np.uint8), cv2.COLORMAP_JET)[0, 0])


def _polygon(n: int, cx: float, cy: float, r: float, phase: float) -> np.ndarray:
    t = phase + np.linspace(0, 2 * np.pi, n, endpoint=False)
    return np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], 1)


def outlines(seed: int = 0) -> tuple[np.ndarray, list[Box]]:
    """A 2 x 2 figure and its panels' boxes: a framed polygon circle with crosses on it over a wire
    sphere (chords in a circle); a polygon circle coloured side by side over a shaded sphere with
    contour rings, the circle's lowest side a thin gutter (4-8 px) over the sphere."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(24, 64))
    r = int(rng.integers(120, 160))
    gut = int(rng.integers(4, 9))
    th = int(rng.integers(1, 3))
    W, H = 4 * r + 140, 4 * r + gut + 20
    img = np.full((H, W, 3), 255, np.uint8)
    x0, y0 = 20, 8
    cv2.rectangle(img, (x0, y0), (x0 + 2 * r, y0 + 2 * r), (0, 0, 0), 1)
    pts = _polygon(n, x0 + r, y0 + r, r - 12, rng.uniform(0, 1))
    cv2.polylines(img, [np.rint(pts).astype(np.int32)], True, (40, 40, 220), th, cv2.LINE_AA)
    for px, py in pts[::2]:
        cv2.drawMarker(img, (int(px), int(py)), (0, 0, 0), cv2.MARKER_TILTED_CROSS, 9, 1)
    cx, cy = x0 + 3 * r + 80, y0 + r
    pts = _polygon(n, cx, cy, r, rng.uniform(0, 1))
    for k in range(n):
        a, b = np.rint(pts[k]).astype(int), np.rint(pts[(k + 1) % n]).astype(int)
        cv2.line(img, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), _jet(k / n), th, cv2.LINE_AA)
    circle_bottom = int(np.ceil(pts[:, 1].max())) + th
    top2 = circle_bottom + gut
    c2 = (x0 + r, top2 + r)
    cv2.circle(img, c2, r, (0, 0, 0), 1, cv2.LINE_AA)
    for _ in range(160):
        a1, a2 = rng.uniform(0, 2 * np.pi, 2)
        p1 = (int(c2[0] + r * np.cos(a1)), int(c2[1] + r * np.sin(a1)))
        p2 = (int(c2[0] + r * np.cos(a2)), int(c2[1] + r * np.sin(a2)))
        cv2.line(img, p1, p2, (0, 0, 0) if rng.random() < 0.6 else (40, 40, 230), 1, cv2.LINE_AA)
    c3 = (cx, top2 + r)
    yy, xx = np.mgrid[0:H, 0:W]
    d = np.hypot(xx - c3[0], yy - c3[1])
    inside = d <= r
    v = ((xx - c3[0] + r) / (2 * r) * 0.7 + (yy - c3[1] + r) / (2 * r) * 0.3).clip(0, 1)
    shade = cv2.applyColorMap((v * 255).astype(np.uint8), cv2.COLORMAP_JET)
    img[inside] = shade[inside]
    for k in range(1, 8):
        cv2.circle(img, (c3[0] + 10 * k, c3[1] + 5 * k), int(r * k / 9), (0, 0, 0), 1, cv2.LINE_AA)
    img[~inside & (d <= r + 2) & (yy > top2)] = 255
    img = np.ascontiguousarray(img[:top2 + 2 * r + 8])
    mid = x0 + 2 * r + 40
    truth = [_ink_box(img, *q) for q in ((0, 0, mid, top2 - 2), (mid, 0, W, top2 - 2), (0, top2, mid, img.shape[0]),
                                         (mid, top2, W, img.shape[0]))]
    return img, truth


def _ink_box(img: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> Box:
    ys, xs = np.nonzero(img[y0:y1, x0:x1].min(axis=2) < 250)
    return Box(x0 + int(xs.min()), y0 + int(ys.min()), int(xs.max() - xs.min()) + 1, int(ys.max() - ys.min()) + 1)


def _iou(a: Box, b: Box) -> float:
    ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    inter = ix * iy
    return inter / (a.w * a.h + b.w * b.h - inter)


@pytest.mark.parametrize("seed", range(24))
def test_polygon_circle_over_a_sphere_stays_its_own_panel(seed):
    img, truth = outlines(seed)
    got = split_panels(img)
    assert len(got) == 4
    for t in truth:
        assert max(_iou(t, g) for g in got) >= 0.85


def test_the_circle_over_the_sphere_is_no_edge_ending_at_the_gutter():
    # seed 0 joined the right column before this round: its circle's side ended over the gutter
    img, _ = outlines(0)
    got = split_panels(img)
    right = sorted((g for g in got if g.x > img.shape[1] // 2), key=lambda g: g.y)
    assert len(right) == 2
    b, g, r = cv2.split(img)
    ink = cv2.min(cv2.min(b, g), r) < 200
    assert not _edge_ends(ink, right[0], right[1], 0)


def _slanted_line_figure(gap: int, run_on: bool) -> tuple[np.ndarray, Box, Box]:
    """A line 18 degrees off the horizontal ending at its piece's lower edge, over a box a gutter
    under it; with `run_on`, the stroke turns and runs on along the edge (a polygon's next sides)."""
    img = np.full((200, 300, 3), 255, np.uint8)
    cv2.line(img, (40, 60), (160, 99), (0, 0, 0), 1)
    if run_on:
        cv2.line(img, (160, 99), (200, 101), (0, 0, 0), 1)
        cv2.line(img, (200, 101), (240, 101), (0, 0, 0), 1)
    cv2.rectangle(img, (150, 102 + gap), (260, 180), (0, 0, 0), 1)
    a = Box(40, 20, 220, 82)   # its lower edge is row 101
    b = Box(150, 102 + gap, 111, 79)
    return img, a, b


def test_a_line_ending_at_the_edge_does_not_go_on():
    img, a, _ = _slanted_line_figure(4, run_on=False)
    ink = img[:, :, 0] < 200
    assert not _curve_goes_on(ink, a, 160, 99, 120 / 39)


def test_an_outline_running_on_along_the_edge_goes_on():
    img, a, _ = _slanted_line_figure(4, run_on=True)
    ink = img[:, :, 0] < 200
    assert _curve_goes_on(ink, a, 160, 99, 120 / 39)


def test_nothing_at_the_end_is_no_curve():
    img = np.full((100, 100, 3), 255, np.uint8)
    ink = img[:, :, 0] < 200
    assert not _curve_goes_on(ink, Box(0, 0, 100, 60), 50, 58, 2.0)


def column_beside(seed: int = 0, dpi: int = 100, kind: str = "scatter") -> np.ndarray:
    """A wide line plot over a row of four bar charts, and beside the block, the figure's full
    height, a scatter plot (`kind` "scatter") or a legend alone (`kind` "legend")."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    rng = np.random.default_rng(seed)
    ncol, w_small = 4, 3.2
    W = ncol * w_small + 3.4
    fig = plt.figure(figsize=(W, 7.0))
    top = fig.add_axes([0.06, 0.58, ncol * w_small / W - 0.08, 0.36])
    x = np.linspace(0, 10, 200)
    top.plot(x, np.sin(x + rng.uniform(0, 3)), color="C0")
    top.plot(x, np.cos(x), color="C1")
    top.set_title("Workflow summary", fontsize=11)
    for k in range(ncol):
        ax = fig.add_axes([0.06 + k * w_small / W, 0.08, w_small / W - 0.06, 0.38])
        ax.bar(range(4), rng.uniform(1, 5, 4), color=[f"C{i}" for i in range(4)])
        ax.set_title(f"Condition {k + 1}", fontsize=10)
    col = fig.add_axes([(ncol * w_small + 0.6) / W, 0.08, 2.3 / W, 0.86])
    if kind == "scatter":
        pts = rng.normal(size=(60, 2))
        col.scatter(pts[:, 0], pts[:, 1], c=rng.integers(0, 3, 60), cmap="viridis", s=18)
        col.set_title("Clusters", fontsize=10)
    else:
        col.axis("off")
        col.legend(handles=[Patch(color=f"C{i}", label=f"Group {i + 1}") for i in range(4)], loc="center", fontsize=10)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


@pytest.mark.parametrize("seed,dpi", [(s, d) for s in range(3) for d in (80, 100, 120)])
def test_a_column_panel_beside_a_block_of_panels_is_kept(seed, dpi):
    img = column_beside(seed, dpi)
    got = split_panels(img)
    assert len(got) == 6
    W = img.shape[1]
    right = [g for g in got if g.x > 0.75 * W]
    assert len(right) == 1 and right[0].h > 0.8 * img.shape[0]  # the scatter column, whole


@pytest.mark.parametrize("seed,dpi", [(0, 80), (1, 100), (2, 120)])
def test_a_legend_beside_a_block_of_panels_is_still_no_panel(seed, dpi):
    img = column_beside(seed, dpi, kind="legend")
    got = split_panels(img)
    assert len(got) == 5  # the block's five panels; the legend joins one of them, as before this round
    assert not [g for g in got if g.x > 0.75 * img.shape[1]]
