"""Splitter round 27 (geometry side): LaTeX-style subfigures, "(a)", "(b)" ... centred under each panel.

A paper's figure made with subfigures sets two to eight plots or photographs side by side or in a
grid with thin gutters or none, a sub-caption line centred under each ("(a)" alone, or "(a) Sample
view"), often the figure's own caption line under them all. Where the panels abut (a plot's frame
against the next plot's axis title, photographs edge to edge) the XY-cut finds no gutter, and where
the gutter between plots is much narrower than that between rows the level grouping took each row
for one panel's sub-plots. The sub-caption lines tell the panels apart (`charts._label_cut`): each
row of lines closes a row of panels, two lines of a row part at the column least inked between
them (or at two photographs' seam), and every panel's ink must be centred over its line.

Figures built here with matplotlib (line plots, the shared real photographs); none is a benchmark
figure."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest

from conftest import REALDATA, SHARED_SKIP
from derm1m_build.pmc.panels.charts import _label_cut, _label_lines, _photo_seam
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.split import split_panels

# (rows, cols, kind, gap as a share of the width, words after the label, caption line, dpi)
LAYOUTS = [
    (1, 3, "plot", 0.0, False, True, 100),     # plots abutting: frame against the next y title
    (1, 4, "plot", 0.005, False, True, 100),
    (3, 2, "plot", 0.005, False, False, 100),  # column gutter much narrower than the rows'
    (2, 3, "plot", 0.0, True, False, 120),
    (3, 2, "mixed", 0.0, True, True, 100),     # photo beside plot, "(f)" run into its bracket
    (2, 3, "mixed", 0.02, True, True, 150),
    (1, 3, "photo", 0.0, False, True, 100),    # photographs edge to edge
    (2, 2, "photo", 0.0, False, False, 120),
    (1, 2, "plot", 0.0, True, False, 150),
    (2, 2, "mixed", 0.0, False, True, 120),
]


def _render(fig, dpi: int) -> np.ndarray:
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def subfigures(i: int, seed: int = 0):
    """Layout `i` of LAYOUTS: the image and each panel's true box (x, y, w, h) with its sub-caption."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from tests.grid_photos import photos
    rows, cols, kind, gap, words, caption, dpi = LAYOUTS[i]
    rng = np.random.default_rng(seed + 31 * i)
    pics = photos("clinical" if i % 2 else "dermoscopy", 7 * i + seed, rows * cols) if kind != "plot" else []
    W, H = 2.2 * cols + 0.4, 2.5 * rows + (0.4 if caption else 0.1)
    fig = plt.figure(figsize=(W, H))
    lab_h, cap_h = 0.45 / H, (0.4 if caption else 0.05) / H
    cw = (1 - 0.02 - gap * (cols - 1)) / cols
    ch = (1 - cap_h - 0.02 - rows * lab_h - gap * (rows - 1)) / rows
    truth = []
    for k in range(rows * cols):
        r, c = divmod(k, cols)
        x0 = 0.01 + c * (cw + gap)
        y0 = 1 - 0.01 - (r + 1) * (ch + lab_h) - r * gap + lab_h
        photo = kind == "photo" or kind == "mixed" and (r + c) % 2 == 0
        if photo:
            ax = fig.add_axes([x0, y0, cw, ch])
            ax.imshow(pics[k][:, :, ::-1], aspect="auto")
            ax.set_axis_off()
        else:
            ax = fig.add_axes([x0 + 0.18 * cw, y0 + 0.18 * ch, cw * 0.8, ch * 0.78])
            x = np.linspace(0, 10, 50)
            ax.plot(x, np.sin(x * rng.uniform(0.3, 2)) + rng.normal(0, 0.1, 50))
            ax.set_xlabel("time (s)", fontsize=7)
            ax.set_ylabel("value", fontsize=7)
            ax.tick_params(labelsize=6)
        fig.text(x0 + cw / 2, y0 - lab_h * 0.55, f"({'abcdefgh'[k]})" + (" Sample view" if words else ""),
                 ha="center", va="center", fontsize=9, family="DejaVu Serif")
        truth.append((x0, y0 - lab_h, cw, ch + lab_h))
    if caption:
        fig.text(0.5, cap_h * 0.45, "Figure 3: Results of the method on the examples.", ha="center",
                 va="center", fontsize=9, family="DejaVu Serif")
    img = _render(fig, dpi)
    ih, iw = img.shape[:2]
    return img, [(int(x * iw), int((1 - y - h) * ih), int(w * iw), int(h * ih)) for x, y, w, h in truth]


def _iou(t, b: Box) -> float:
    x, y, w, h = t
    ix = max(0, min(x + w, b.x + b.w) - max(x, b.x))
    iy = max(0, min(y + h, b.y + b.h) - max(y, b.y))
    return ix * iy / (w * h + b.w * b.h - ix * iy)


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("i", range(len(LAYOUTS)))
@pytest.mark.parametrize("seed", [0, 1])
def test_subfigures_are_split_by_their_sub_captions(i, seed):
    img, truth = subfigures(i, seed)
    got = split_panels(img)
    assert len(got) == len(truth), LAYOUTS[i]
    # reading order: row by row, each panel over its own sub-caption
    assert [round(_iou(t, b), 2) >= 0.75 for t, b in zip(truth, got)] == [True] * len(truth), (LAYOUTS[i], got)


def _page(lines: list[tuple[str, float, float]], size=(600, 300)) -> np.ndarray:
    """Text drawn on white paper: (text, x, y) in inches at 100 dpi."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(size[0] / 100, size[1] / 100))
    for text, x, y in lines:
        fig.text(x / size[0], 1 - y / size[1], text, fontsize=10, family="DejaVu Serif", va="center")
    return _render(fig, 100)


def test_sub_caption_lines_are_found_whole_and_back_references_are_not():
    img = _page([("(a) Sample view", 40, 60), ("(b)", 400, 60), ("as shown in (c) above", 40, 200)])
    labs = sorted(_label_lines(img))
    assert len(labs) == 2
    (xa, ya, wa, ha), (xb, yb, wb, hb) = labs
    assert 36 <= xa <= 44 and wa >= 90  # the whole line, words and all
    assert 396 <= xb <= 404 and wb <= 25 and abs(ya - yb) <= 2


def test_equation_numbers_on_a_text_page_cut_nothing():
    img = _page([("x = a + b", 250, 60), ("(1)", 540, 60), ("y = c d", 260, 160), ("(2)", 540, 160),
                 ("Some text runs on here", 200, 250)])
    whole = [Box(0, 0, img.shape[1], img.shape[0])]
    assert _label_cut(img, whole) is whole
    assert len(split_panels(img)) == 1


def test_one_labelled_plot_stays_whole():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(4, 3.3))
    ax = fig.add_axes([0.15, 0.25, 0.8, 0.7])
    ax.plot(np.arange(10), np.arange(10) ** 1.5)
    fig.text(0.55, 0.05, "(a)", ha="center", family="DejaVu Serif")
    assert len(split_panels(_render(fig, 100))) == 1


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_photo_seam_found_between_two_photos_and_not_inside_one():
    from tests.grid_photos import fit, photos
    a, b = photos("clinical", 3, 2)
    a, b = fit(a, 200, 160), fit(b, 200, 160)
    g = cv2.cvtColor(np.hstack([a, b]), cv2.COLOR_BGR2GRAY)
    assert _photo_seam(g[:, 149:260]) == 50  # the window starts at column 150: column 200, the second photo's first
    assert _photo_seam(cv2.cvtColor(fit(a, 400, 160), cv2.COLOR_BGR2GRAY)[:, 149:260]) is None
