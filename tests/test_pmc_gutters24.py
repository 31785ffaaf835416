"""Splitter round 24 (gutters): a large figure's thin gutters (3-6 px in a 1200-2000 px figure, 1-2 px
at the 720 px working scale) are found by a second look at full resolution inside a piece too large
to be one panel (`xycut._fine_look`). Guards: a single chart stays whole (the look runs only where the
working scale cut the figure already), a small figure is not looked at again. Figures built here
from matplotlib panels and the shared photographs; none is a benchmark figure."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grid_photos import fit as _fit, photos as _photos  # noqa: E402
from derm1m_build.pmc.panels.split import split_panels  # noqa: E402
from derm1m_build.pmc.panels.xycut import layout  # noqa: E402
from derm1m_build.pmc.panels.gutters import Box  # noqa: E402


def _chart(seed: int, w: int, h: int) -> np.ndarray:
    """One matplotlib chart (lines, scatter, bars or violins) rendered to w x h pixels, its ink
    reaching its edges (no white margin of its own: the figure's gutters are the only white)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(w / 100, h / 100), dpi=100)
    kind = seed % 4
    x = np.arange(15)
    if kind == 0:
        for c in range(3):
            ax.plot(x, np.cumsum(rng.normal(size=15)), color=f"C{c}", label=f"s{c}")
        ax.legend(fontsize=7)
    elif kind == 1:
        ax.scatter(rng.normal(size=60), rng.normal(size=60), s=10, color="C1")
    elif kind == 2:
        ax.bar(x[:7], rng.uniform(1, 6, 7), color="C2", yerr=rng.uniform(0.1, 0.6, 7))
    else:
        ax.violinplot([rng.normal(size=80) + k for k in range(3)])
    ax.set_xlabel("dose (mg)", fontsize=8)
    ax.set_ylabel("response", fontsize=8)
    ax.set_title(f"Condition {seed % 7}", fontsize=9)
    ax.tick_params(labelsize=7)
    fig.tight_layout(pad=0.2)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    img = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    ys, xs = np.nonzero(img.min(axis=2) < 250)
    img = img[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    img = cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA)
    cv2.rectangle(img, (0, 0), (w - 1, h - 1), (70, 70, 70), 1)  # the panel's frame, at its edge
    return img


def _letter(canvas: np.ndarray, x: int, y: int, k: int) -> None:
    """The panel's letter in a white box at its top left corner, inside its frame."""
    canvas[y + 2:y + 34, x + 2:x + 30] = 255
    cv2.putText(canvas, "ABCDEFGHIJKL"[k], (x + 5, y + 28), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (0, 0, 0), 2)


def thin_rows(seed: int, photos: bool = False) -> tuple[np.ndarray, int]:
    """A figure 1200-2000 px tall: a top row of two panels over a block of rows (2-3 rows of 2-3
    panels) that share no column gutter with the top row. The top row is set off by a wide gutter
    (the working scale cuts it); the block's rows and columns by gutters of 3-6 px only (1-2 px at
    the working scale). Panels are matplotlib charts, or the shared photographs (`photos`), each
    with its letter inside its top left corner."""
    rng = random.Random(seed)
    H = rng.randint(1200, 2000)
    W = int(H * rng.uniform(0.75, 1.0))
    g = rng.randint(3, 6)
    wide = rng.randint(30, 50)
    rows, cols = rng.choice([(2, 2), (2, 3), (3, 2), (3, 3)])
    top_h = int(H * rng.uniform(0.22, 0.3))
    canvas = np.full((H, W, 3), 255, np.uint8)
    k = 0
    pics = _photos(rng.choice(["dermoscopy", "clinical"]), rng.randrange(200), rows * cols + 2) if photos else []
    # the top row: two panels, the cut between them off-centre (no column gutter shared with the block)
    split = int(W * rng.uniform(0.55, 0.65))
    for x0, x1 in ((0, split - wide // 2), (split + wide // 2, W)):
        canvas[0:top_h, x0:x1] = _fit(pics[k], x1 - x0, top_h) if photos else _chart(seed * 31 + k, x1 - x0, top_h)
        _letter(canvas, x0, 0, k)
        k += 1
    y = top_h + wide
    ph = (H - y - (rows - 1) * g) // rows
    pw = (W - (cols - 1) * g) // cols
    for r in range(rows):
        for c in range(cols):
            x0, y0 = c * (pw + g), y + r * (ph + g)
            canvas[y0:y0 + ph, x0:x0 + pw] = _fit(pics[k], pw, ph) if photos else _chart(seed * 31 + k, pw, ph)
            _letter(canvas, x0, y0, k)
            k += 1
    return canvas, 2 + rows * cols


def single_chart(seed: int) -> np.ndarray:
    """One large chart (1200-2000 px): must stay one panel."""
    rng = random.Random(seed)
    H = rng.randint(1200, 2000)
    return _chart(seed, int(H * rng.uniform(0.8, 1.3)), H)


@pytest.mark.parametrize("seed", range(8))
def test_rows_set_off_by_thin_gutters_in_a_large_chart_figure_are_cut(seed):
    img, want = thin_rows(seed)
    assert len(split_panels(img)) == want


@pytest.mark.parametrize("seed", range(4))
def test_rows_set_off_by_thin_gutters_in_a_large_photo_figure_are_cut(seed):
    img, want = thin_rows(seed, photos=True)
    assert len(split_panels(img)) == want


@pytest.mark.parametrize("seed", range(6))
def test_a_single_large_chart_stays_whole(seed):
    img = single_chart(seed)
    assert len(split_panels(img)) == 1


def test_a_small_figure_is_not_looked_at_again():
    """At 700 px the figure is its own working scale: a 2 px gutter is under `min_gap` (3) and stays
    uncut, with or without the second look."""
    img, _ = thin_rows(1)
    small = cv2.resize(img, (round(img.shape[1] * 700 / img.shape[0]), 700), interpolation=cv2.INTER_AREA)
    boxes, _ = layout(small)
    big, _ = layout(img)
    assert len(boxes) < len(big)


def test_piece_between_sees_a_piece_in_the_gap():
    from derm1m_build.pmc.panels.xycut import _piece_between
    a, c, b = Box(0, 0, 400, 100), Box(150, 300, 80, 100), Box(0, 420, 400, 100)
    mid = Box(0, 150, 400, 80)
    assert _piece_between(c, a, b, [a, b, c, mid], 0)
    assert not _piece_between(c, a, b, [a, b, c], 0)
    aside = Box(600, 150, 100, 80)  # beside the gap, not in it
    assert not _piece_between(c, a, b, [a, b, c, aside], 0)
