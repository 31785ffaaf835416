"""Compound figures, round 17 (geometry on real figures): image plots side by side are panels.

Found on real tuning figures (an astronomy package's two kernel images, `heldout7`): two image plots
(a field drawn cell by cell, framed by its axes) across a plain gutter were joined as one mosaic
plot, because a cell at the frame is one flat colour like a mosaic's tile (`_tiles_facing`). A
mosaic's tiles have paper or their own frames between them, so along a tile's side the fill hardly
changes from one framed column to the next; an image plot's cells change every few pixels. The
figures here are drawn with matplotlib, not copied from any set.

A panel made of two sub-photos (i / ii) abutting at a thin line, beside panels of its own size
across wider gutters (set 7's composed 024 and 036), was cut in two: the two halves are one piece
when their union is the size of a sibling panel and the gutters round them are wider than the line
between them (`_sub_photos`). Those figures are built here from the shared real photographs; an
even row of abutting photos (no wider gutter round any pair) stays cut.""" 

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest

from conftest import REALDATA, SHARED_SKIP
from grid_photos import photos as _photos, fit as _fit, jpeg as _jpeg, iou as _iou
from derm1m_build.pmc.panels import split_panels

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _render(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def _field(rng: np.random.Generator, n: int, smooth: int) -> np.ndarray:
    """A smooth random field with a few bright spots (a map drawn pixel by pixel)."""
    f = cv2.GaussianBlur(rng.random((n, n)).astype(np.float32), (0, 0), smooth)
    for _ in range(5):
        y, x = rng.integers(2, n - 2, 2)
        f[y - 1:y + 2, x - 1:x + 2] += 0.5
    return f


def _image_plots(seed: int, cols: int, n: int = 40) -> np.ndarray:
    rng = np.random.default_rng(seed)
    fig, axes = plt.subplots(1, cols, figsize=(5 * cols, 4.6))
    for ax in axes:
        ax.imshow(_field(rng, n, 1 + seed % 3), origin="lower", interpolation="nearest",
                  cmap=("viridis", "magma", "gray")[seed % 3])
    fig.tight_layout()
    return _render(fig)


def _in_order(img: np.ndarray, cols: int) -> list[list[int]]:
    return [b.xyxy for b in split_panels(img)]


@pytest.mark.parametrize("seed", range(6))
def test_two_image_plots_are_two_panels(seed):
    img = _image_plots(seed, 2)
    boxes = _in_order(img, 2)
    W = img.shape[1]
    assert len(boxes) == 2
    assert boxes[0][2] < W // 2 < boxes[1][0]


@pytest.mark.parametrize("seed", range(3))
def test_three_image_plots_are_three_panels(seed):
    img = _image_plots(seed + 10, 3)
    boxes = _in_order(img, 3)
    assert len(boxes) == 3
    assert boxes[0][2] <= boxes[1][0] and boxes[1][2] <= boxes[2][0]


def _put(img, box, ph, line: int = 0, colour=(255, 255, 255)) -> None:
    """A photo into box; with `line`, two sub-photos side by side, a `line` px rule between them."""
    x0, y0, x1, y1 = box
    if not line:
        img[y0:y1, x0:x1] = _fit(ph[0], x1 - x0, y1 - y0)
        return
    m = (x0 + x1) // 2
    img[y0:y1, x0:m] = _fit(ph[0], m - x0, y1 - y0)
    img[y0:y1, m:x1] = _fit(ph[1], x1 - m, y1 - y0)
    img[y0:y1, m - line // 2:m - line // 2 + line] = colour


def sub_row(start: int, gutter: int, ground: int, line: int) -> tuple[np.ndarray, list[list[int]]]:
    """Three 250 x 230 panels in a row over one wide one, `gutter` px of `ground` between them;
    panel A is two sub-photos with a `line` px white rule between them."""
    g = gutter
    w, h = 250, 230
    boxes = [[0, 0, w, h], [w + g, 0, 2 * w + g, h], [2 * w + 2 * g, 0, 3 * w + 2 * g, h],
             [0, h + g, 3 * w + 2 * g, 2 * h + g]]
    img = np.full((2 * h + g, 3 * w + 2 * g, 3), ground, np.uint8)
    ph = _photos("clinical", start, 6)
    _put(img, boxes[0], ph[0:2], line)
    for b, p in zip(boxes[1:], ph[2:]):
        _put(img, b, [p])
    return _jpeg(img), boxes


def sub_stacked(start: int, gutter: int = 20) -> tuple[np.ndarray, list[list[int]]]:
    """Two 250 x 240 panels stacked left (the upper one two sub-photos, a 2 px white rule), one
    tall panel right, white gutters and margins of `gutter` px."""
    g = gutter
    boxes = [[g, g, g + 250, g + 240], [g, 2 * g + 240, g + 250, 2 * g + 480],
             [2 * g + 250, g, 2 * g + 575, 2 * g + 480]]
    img = np.full((3 * g + 480, 3 * g + 575, 3), 255, np.uint8)
    ph = _photos("dermoscopy", start, 4)
    _put(img, boxes[0], ph[0:2], 2)
    _put(img, boxes[1], [ph[2]])
    _put(img, boxes[2], [ph[3]])
    return _jpeg(img), boxes


def _matches(img: np.ndarray, truth: list[list[int]], least: float = 0.85) -> bool:
    got = [b.xyxy for b in split_panels(img)]
    return len(got) == len(truth) and all(max(_iou(t, g) for g in got) >= least for t in truth)


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("start", range(0, 30, 6))
def test_two_sub_photos_in_a_row_of_panels_are_one(start):
    img, truth = sub_row(start, 6, 0, 2)
    assert _matches(img, truth)


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("start", range(40, 60, 4))
def test_two_sub_photos_over_a_panel_are_one(start):
    img, truth = sub_stacked(start)
    assert _matches(img, truth)


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("start", range(2, 32, 10))
def test_an_even_row_of_abutting_photos_stays_cut(start):
    """Four photos abutting in a row over a wide one (no wider gutter round any pair): four panels."""
    w, h = 200, 200
    boxes = [[i * w, 0, (i + 1) * w, h] for i in range(4)] + [[0, h + 10, 4 * w, 2 * h + 10]]
    img = np.full((2 * h + 10, 4 * w, 3), 255, np.uint8)
    ph = _photos("clinical", start, 5)
    for b, p in zip(boxes, ph):
        _put(img, b, [p])
    assert _matches(_jpeg(img), boxes)
