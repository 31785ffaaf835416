"""Splitter round 25 (charts side): joins after the XY-cut that must not fire.

- A chart's axis is no arrow: a tall narrow chart (a violin plot) standing in the gutter under a wide
  panel and over another is not the connector of one scheme (`charts._linked`); its axis line
  carries a ladder of tick marks (`charts._ticked`), an arrow's shaft does not.
- Two framed charts side by side are two panels even when a panel letter's white box cuts one
  frame's axis line next to the gutter into a few breaks of one length, which looked like a dotted
  line crossing the gutter (`charts._crossing_line`, `charts._framed_facing`).

Figures built here from matplotlib charts and drawn arrows; none is a benchmark figure. The
framed pair is `tests/test_pmc_gutters24.py`'s `thin_rows` seed 4 (no longer an expected failure)."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from derm1m_build.pmc.panels.gutters import Box  # noqa: E402
from derm1m_build.pmc.panels.split import split_panels  # noqa: E402


def _render(fig) -> np.ndarray:
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    img = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    ys, xs = np.nonzero(img.min(axis=2) < 250)
    return img[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def _chart(seed: int, w: int, h: int, kind: str | None = None, frame: bool = False) -> np.ndarray:
    """One matplotlib chart at w x h pixels (ink to its edges): lines, bars, a heat map or violins."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(seed)
    kind = kind or ["lines", "bars", "heat"][seed % 3]
    fig, ax = plt.subplots(figsize=(w / 100, h / 100), dpi=100)
    if kind == "lines":
        for c in range(3):
            ax.plot(np.cumsum(rng.normal(size=20)), color=f"C{c}")
    elif kind == "bars":
        ax.bar(range(6), rng.uniform(1, 5, 6), color="C2")
    elif kind == "heat":
        ax.imshow(rng.uniform(size=(4, 24)), aspect="auto", cmap="viridis")
    else:
        ax.violinplot([rng.normal(size=80) + k for k in range(2)])
        ax.set_ylabel("abundance", fontsize=8)
    ax.tick_params(labelsize=7)
    fig.tight_layout(pad=0.2)
    img = cv2.resize(_render(fig), (w, h), interpolation=cv2.INTER_AREA)
    if frame:
        cv2.rectangle(img, (0, 0), (w - 1, h - 1), (70, 70, 70), 1)
    return img


def violin_between(seed: int) -> tuple[np.ndarray, int]:
    """Three panels one over another: a wide chart, a tall narrow violin plot under its middle
    and a wide chart under that. The violin plot's y axis runs down most of its height, in the
    gutter between the other two and within both their spans, as an arrow linking them would."""
    rng = random.Random(seed)
    W = rng.randint(800, 1100)
    g = rng.randint(14, 24)
    top_h, mid_h, bot_h = rng.randint(150, 220), rng.randint(280, 360), rng.randint(200, 260)
    vw = rng.randint(150, 190)
    H = top_h + mid_h + bot_h + 2 * g
    canvas = np.full((H, W, 3), 255, np.uint8)
    canvas[0:top_h] = _chart(seed, W, top_h, rng.choice(["lines", "bars"]))
    x = (W - vw) // 2 + rng.randint(-60, 60)
    canvas[top_h + g:top_h + g + mid_h, x:x + vw] = _chart(seed + 2, vw, mid_h, "violin")
    canvas[H - bot_h:H] = _chart(seed + 4, W, bot_h, rng.choice(["lines", "bars"]))
    return canvas, 3


@pytest.mark.parametrize("seed", range(6))
def test_a_tall_violin_plot_in_the_gutter_is_no_connector(seed):
    img, want = violin_between(seed)
    assert len(split_panels(img)) == want


def test_tick_marks_tell_an_axis_from_an_arrow():
    from derm1m_build.pmc.panels.charts import _link_line
    chart = _chart(3, 170, 300, "violin")
    ink = chart.min(axis=2) < 200
    assert _link_line(ink, Box(0, 0, 170, 300), 0) is False
    # an arrow: a vertical shaft with its head and a label beside it, no ticks
    arrow = np.full((300, 170, 3), 255, np.uint8)
    cv2.arrowedLine(arrow, (85, 10), (85, 290), (0, 0, 0), 2, tipLength=0.06)
    cv2.putText(arrow, "IP", (95, 150), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 1)
    ink = arrow.min(axis=2) < 200
    assert _link_line(ink, Box(0, 0, 170, 300), 0) is True


def test_ticked_needs_a_ladder_of_even_strokes():
    from derm1m_build.pmc.panels.charts import _ticked
    part = np.zeros((20, 200), bool)
    part[10] = True
    assert not _ticked(part, np.array([10]))
    for x in range(5, 200, 20):
        part[6:10, x:x + 2] = True
    assert _ticked(part, np.array([10]))
    part[6:10] = False  # strokes at uneven places (glyphs of a label beside a shaft)
    for x in (5, 9, 60, 140):
        part[6:10, x:x + 2] = True
    assert not _ticked(part, np.array([10]))


def _two_framed(letter_breaks: bool, frames: bool) -> tuple[np.ndarray, Box, Box]:
    """Ink of two pieces side by side, 5 px apart, crossed at row 30 by a line: solid through the
    left piece and, in the right one, broken by three gaps of 6 px next to the gutter (a panel
    letter's white box and strokes cutting the axis line), or dotted all along (`letter_breaks`
    False: a dotted reference line through both); `frames`: each piece framed along its edge."""
    ink = np.zeros((200, 405), bool)
    a, b = Box(0, 0, 200, 200), Box(205, 0, 200, 200)
    if frames:
        for p in (a, b):
            ink[p.y, p.x:p.x + p.w] = ink[p.y + p.h - 1, p.x:p.x + p.w] = True
            ink[p.y:p.y + p.h, p.x] = ink[p.y:p.y + p.h, p.x + p.w - 1] = True
    if letter_breaks:
        ink[30, 0:405] = True
        for x0 in (206, 215, 224):
            ink[30, x0:x0 + 6] = False
    else:
        for x0 in range(0, 405, 11):
            ink[30, x0:x0 + 5] = True
    ink[:, 200:205] = False  # the gutter is paper
    ink[30, 200:205] = False
    return ink, a, b


def test_a_framed_pair_is_not_joined_by_a_letter_broken_axis_line():
    from derm1m_build.pmc.panels.charts import _crossing_line
    ink, a, b = _two_framed(letter_breaks=True, frames=True)
    assert _crossing_line(ink, a, b, 1) is False


def test_a_dotted_line_across_unframed_pieces_still_joins_them():
    from derm1m_build.pmc.panels.charts import _crossing_line
    ink, a, b = _two_framed(letter_breaks=False, frames=False)
    assert _crossing_line(ink, a, b, 1) is True


def test_a_dotted_line_through_two_framed_pieces_still_joins_them():
    from derm1m_build.pmc.panels.charts import _crossing_line
    ink, a, b = _two_framed(letter_breaks=False, frames=True)
    assert _crossing_line(ink, a, b, 1) is True
