"""Round 21: panel labels printed in rendered plots are read, tick labels and legend text never are.

A black label inside a plot's axes that a coloured data line crosses, or that touches a grey bar, was one blob
with the line or the bar in every mask `corner_letter` used, so the letter went unread and the figure stayed
whole (`letters_disagree`); and the digits of the y-axis tick labels ("2.0", "1.5", "1.0"), which sit in the same
corner patch, spent the patch's reads before a small plain label was reached. Now:
- a fourth look at black ink alone (`glyphs._black_ink`: dark and grey pixels), only on a light patch holding
  black ink and other ink (`_inked_apart`), reads the two nearest glyphs no other mask saw, skipping tick-label
  twins (`letters._ticked`);
- glyphs in a run of three or more like glyphs in line (`letters._ticks_last`) are read after those that stand
  alone.

The figures are round 21's generator (`tests/test_pmc_rows21_figures.py`): matplotlib figures of 2-6 axes with
lettered axes (three fonts, 8-15 pt, bold or plain, at 100-200 dpi; labels outside, inside, as titles, "(a)"
under the sub-plot) and photo grids with 11-18 px labels; none is a benchmark figure.

    PYTHONPATH=ROOT python tests/test_pmc_rows21_figures.py --kind plot --seeds 0-29   # main: 23 rows, 7 whole
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest

from conftest import REALDATA, SHARED_SKIP


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _patch_with_crossed_label() -> np.ndarray:
    """A white plot corner: a bold black "a" over a blue data line and touching a grey bar."""
    from PIL import Image, ImageDraw, ImageFont

    pil = Image.new("RGB", (120, 80), (255, 255, 255))
    d = ImageDraw.Draw(pil)
    d.rectangle((0, 40, 30, 80), fill=(128, 128, 128))
    d.line((0, 30, 120, 45), fill=(31, 119, 180), width=3)  # the data line, under the letter (text is drawn last)
    d.text((30, 18), "a", font=ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 30),
           fill=(0, 0, 0))
    return np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])


def test_black_look_separates_a_label_from_a_crossing_line():
    """The ordinary masks give no letter-sized blob for the crossed "a"; the black-ink mask gives it alone."""
    from derm1m_build.pmc.panels.glyphs import _black_ink, _glyphs, _inked_apart

    view = _patch_with_crossed_label()
    assert _inked_apart(view)
    black = _glyphs(view, 8, black=True)
    assert len(black) == 1
    x, y, w, h, _ = black[0]
    assert 29 <= x <= 33 and 28 <= y <= 32 and 15 <= w <= 19 and 14 <= h <= 18
    assert _glyphs(view, 8) == [] and _glyphs(view, 8, ink=True) == []
    # the line and the bar are no black ink; a photograph's corner (median grey below 170) gets no black look
    assert not _black_ink(view)[60:, 5].any() and not _black_ink(view)[5:, 100].any()
    assert not _inked_apart(np.full((60, 60, 3), 90, np.uint8))


def test_tick_label_runs_are_read_last():
    """Digits down an axis ("2.0", "1.5", "1.0": like glyphs in line) go behind a glyph that stands alone; a
    pair of like glyphs (two labels in one patch) keeps its order."""
    from derm1m_build.pmc.panels.letters import _ticked, _ticks_last

    s = np.ones((9, 6), bool)
    ticks = [(44, 8, 7, 9, s), (32, 36, 6, 9, s), (44, 36, 6, 9, s), (44, 64, 7, 9, s)]
    label = (72, 13, 10, 12, s)
    order = _ticks_last([ticks[0], ticks[1], label, ticks[2], ticks[3]])
    assert [g[:2] for g in order] == [(72, 13), (44, 8), (32, 36), (44, 36), (44, 64)]
    two = [(10, 10, 9, 12, s), (60, 10, 9, 12, s)]
    assert [g[:2] for g in _ticks_last(two)] == [(10, 10), (60, 10)]
    assert _ticked(two[0], two) and not _ticked(label, ticks)


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_label_on_a_grey_bar_and_under_a_data_line_read(ocr_ok):
    """Generator plot 14 (1 x 3, "(a)" bold DejaVu Serif 14 pt at 200 dpi inside the axes): "(a)" touches the
    first bar, "(c)" lies under both data lines. Main read B alone; now A, B, C at the labels."""
    from tests.test_pmc_rows21_figures import plot
    from derm1m_build.pmc.panels import corner_letter, layout

    fig = plot(14)
    boxes, _ = layout(fig.image)
    assert [b.xyxy for b in boxes] == [[30, 27, 593, 470], [700, 32, 1183, 395], [1210, 27, 1773, 470]]
    where: list = []
    read = [corner_letter(fig.image, b, want={"A", "B", "C"}, corners=((False, False),), where=where) for b in boxes]
    assert read == ["A", "B", "C"]
    assert [w[:2] for w in where] == [(147, 54), (735, 49), (1326, 54)]


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("seed", [3, 14, 22, 27])
def test_lettered_plots_give_their_rows(ocr_ok, seed):
    """Plots main kept whole (letters_disagree: a label under a data line, on a bar, or behind tick labels):
    one row per axes, each crop its own axes."""
    from tests.test_pmc_rows21_figures import plot, verdict
    from derm1m_build.pmc.panels import pair

    fig = plot(seed)
    p, _ = pair(fig.image, fig.caption)
    assert verdict(fig, p) == "rows", (fig.style, p.note)


def _letters_as_data(dpi: int) -> np.ndarray:
    """Three bar charts whose tick labels are A-D, with a legend entry "B", a lone "C" in the plot and a "D"
    y-axis label: letters everywhere, no panel label."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(7)
    fig, axes = plt.subplots(1, 3, figsize=(9, 2.6), dpi=dpi)
    for ax in axes:
        ax.bar(["A", "B", "C", "D"], rng.uniform(1, 5, 4), color="0.6")
        ax.plot([0, 3], [4.5, 4.5], color="tab:blue", label="B")
        ax.legend(loc="upper left", fontsize=9)
        ax.text(0.05, 0.6, "C", transform=ax.transAxes, fontsize=11)
        ax.set_ylabel("D", fontsize=10)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


@pytest.mark.parametrize("dpi", [100, 150])
def test_tick_and_legend_letters_are_no_panel_labels(ocr_ok, dpi):
    """Letters as tick labels, legend text and in-plot text never pair: the figure stays whole."""
    from derm1m_build.pmc.panels import pair

    p, _ = pair(_letters_as_data(dpi), "Figure 2. Scores by group. (A) Baseline. (B) Week 4. (C) Week 12.")
    assert p.panels == []
    assert p.note == "letters_disagree: image B,B,B (repeated), caption A,B,C"
