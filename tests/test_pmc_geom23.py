"""Splitter round 23 (geometry): a diagram of thin outlined shapes (ellipses, circles, rounded boxes
with words inside, curved arrows between them) is one panel: the white runs between its words are
crossed by the shapes' outlines (`gutters._strokes_across`). Guards: one curved arrow across a real
gutter, photos and charts side by side keep their cuts. Layouts drawn here with Pillow and
matplotlib, and grids composed from the shared photographs; none is a benchmark figure."""

from __future__ import annotations

import io
import math
import random
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grid_photos import fit as _fit, photos as _photos  # noqa: E402
from derm1m_build.pmc.panels.split import split_panels  # noqa: E402


def _bgr(im: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(im)[:, :, ::-1])


def _words(d: ImageDraw.ImageDraw, cx: int, cy: int, rng: random.Random, lines: int) -> None:
    for k in range(lines):
        word = "".join(rng.choice("ABCDEFGHIKLMNOPRSTU") for _ in range(rng.randint(4, 9)))
        d.text((cx - 3 * len(word), cy - 6 * lines + 12 * k), word, fill=(20, 20, 60))


def _curved_arrow(d: ImageDraw.ImageDraw, cx: int, cy: int, r: int, a0: float, a1: float, colour) -> None:
    """A thick arc from angle a0 to a1 (degrees) round (cx, cy) with a filled head at a1."""
    d.arc([cx - r, cy - r, cx + r, cy + r], a0, a1, fill=colour, width=9)
    t = math.radians(a1)
    hx, hy = cx + r * math.cos(t), cy + r * math.sin(t)
    tx, ty = -math.sin(t), math.cos(t)  # the arc's direction at its end
    nx, ny = math.cos(t), math.sin(t)
    d.polygon([(hx + 14 * tx, hy + 14 * ty), (hx + 11 * nx, hy + 11 * ny), (hx - 11 * nx, hy - 11 * ny)], fill=colour)


def cycle(seed: int) -> np.ndarray:
    """A cycle diagram: 4-6 outlined ellipses (1-2 px, grey 110-190) round a filled centre, words
    inside, thick curved arrows between them; the ellipses reach past one another's rows and
    columns, so every white run between words is crossed by outlines. One panel."""
    rng = random.Random(seed)
    W, H = rng.choice([(860, 640), (760, 700), (900, 560)])
    im = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(im)
    cx, cy = W // 2, H // 2
    n = rng.randint(4, 6)
    grey = rng.randint(110, 190)
    width = rng.choice([1, 1, 2])
    ring = 0.3 * min(W, H)
    start = rng.uniform(0, 360)
    for k in range(n):
        t = math.radians(start + 360 * k / n)
        ex, ey = cx + 1.15 * ring * math.cos(t), cy + 0.95 * ring * math.sin(t)
        rx, ry = rng.randint(125, 165), rng.randint(65, 95)
        d.ellipse([ex - rx, ey - ry, ex + rx, ey + ry], outline=(grey, grey, grey), width=width)
        _words(d, int(ex), int(ey), rng, rng.randint(2, 4))
        a = start + 360 * (k + 0.5) / n
        _curved_arrow(d, cx, cy, int(0.62 * ring), a - 12, a + 12, (25, 75, 140))
    r = rng.randint(45, 65)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(250, 145, 20))
    d.text((cx - 18, cy - 5), "CORE", fill="black")
    return _bgr(im)


@pytest.mark.parametrize("seed", range(8))
def test_a_cycle_of_outlined_ellipses_is_one_panel(seed):
    assert len(split_panels(cycle(seed))) == 1



def two_diagrams(seed: int, arcs: int = 1) -> tuple[np.ndarray, int]:
    """Two panels side by side, each one large outlined ellipse with words inside, a clear white
    gutter between them that no outline crosses; `arcs` thin arcs (a curved arrow's shaft) run
    from the left panel into the right one across the gutter. Two panels when at most one arc
    crosses."""
    rng = random.Random(seed)
    W, H = rng.choice([(900, 420), (820, 380)])
    im = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(im)
    gap = rng.randint(30, 50)
    half = (W - gap) // 2
    for x0 in (0, half + gap):
        d.ellipse([x0 + 10, 20, x0 + half - 10, H - 20], outline=(120, 120, 120), width=rng.choice([1, 2]))
        _words(d, x0 + half // 2, H // 2, rng, rng.randint(2, 4))
    for k in range(arcs):
        y = H // 2 + (k - arcs // 2) * 60 + rng.randint(-10, 10)
        d.arc([half - 60, y - 40, half + gap + 60, y + 40], 200, 340, fill=(30, 30, 30), width=2)
    return _bgr(im), 2


@pytest.mark.parametrize("seed", range(6))
def test_two_outlined_panels_stay_two_and_each_stays_whole(seed):
    """The outline crossing the white rows between a panel's words keeps the panel whole; the gutter
    between the panels, which no stroke crosses, is still cut."""
    img, want = two_diagrams(seed, arcs=0)
    assert len(split_panels(img)) == want


def _band(strokes: list[list[tuple[int, int]]], rows: int = 8, width: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """A white band `rows` lines high between two inked lines (content above and below), with the
    given strokes (lists of (row, column) pixels) drawn dark; `dark` and the line colours as
    `_gutters` sees them, the band being rows 1..rows."""
    dark = np.full((rows + 2, width), 255, np.uint8)
    dark[0, ::3] = 0
    dark[-1, ::3] = 0
    for st in strokes:
        for r, c in st:
            dark[r, c] = 60
    col = np.full((rows + 2, 3), 250, np.int16)
    return dark, col


def _slant(c0: int, step: int, rows: int = 8) -> list[tuple[int, int]]:
    return [(r, c0 + step * r) for r in range(rows + 2)]


def test_strokes_across_needs_two_thin_strokes_through_the_band():
    from derm1m_build.pmc.panels.gutters import _strokes_across
    one = _band([_slant(20, 1)])
    assert not _strokes_across(one[0], one[1], (1, 9), 0)
    two = _band([_slant(20, 1), _slant(150, -1)])
    assert _strokes_across(two[0], two[1], (1, 9), 0)
    # a stroke stopping halfway (a tick, a letter poking in) does not cross
    half = _band([_slant(20, 1), _slant(150, -1)[:5]])
    assert not _strokes_across(half[0], half[1], (1, 9), 0)
    # a filled shape crossing (a bar, a photo's corner) is no thin stroke
    bar = [(r, c) for r in range(10) for c in range(60, 90)]
    filled = _band([_slant(20, 1), bar])
    assert not _strokes_across(filled[0], filled[1], (1, 9), 0)
    # a stroke so flat it runs along the band is no crossing
    flat = _band([_slant(20, 1), _slant(100, 9)], width=220)
    assert not _strokes_across(flat[0], flat[1], (1, 9), 0)
    # the same down a column (axis 1)
    t = two[0].T.copy()
    assert _strokes_across(t, two[1], (1, 9), 1)


def boxed_float(seed: int, open_bottom: bool | None = None, panels: int | None = None) -> tuple[np.ndarray, int]:
    """A float boxed by 1-2 px rules a few pixels inside a white margin (closed, or open at the
    bottom where the page cut it), holding 2-3 sub-figures in a row or a row and a centred one:
    shaded boxes or small line plots, each over an "(a) Text." sub-caption. The rules cross
    the ends of every white run inside, so only a split inside them sees the gutters."""
    rng = random.Random(seed)
    open_bottom = rng.random() < 0.5 if open_bottom is None else open_bottom
    panels = rng.choice([2, 3]) if panels is None else panels
    W, H = rng.randint(520, 680), rng.randint(240, 300)
    im = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(im)
    m, t = rng.randint(6, 12), rng.choice([1, 2])
    x0, y0, x1, y1 = m, m, W - m, H - 1 if open_bottom else H - m
    for k in range(t):
        d.line([(x0 + k, y0), (x0 + k, y1)], fill="black")
        d.line([(x1 - k, y0), (x1 - k, y1)], fill="black")
        d.line([(x0, y0 + k), (x1, y0 + k)], fill="black")
        if not open_bottom:
            d.line([(x0, y1 - k), (x1, y1 - k)], fill="black")
    row = 2 if panels == 3 and rng.random() < 0.5 else panels
    pw, ph = rng.randint(90, 130), rng.randint(55, 80) if row < panels else rng.randint(90, 150)
    spots = []
    if row == panels:
        gap = (W - 2 * m - panels * pw) // (panels + 1)
        spots = [(m + gap + i * (pw + gap), m + 25) for i in range(panels)]
    else:
        gap = (W - 2 * m - 2 * pw) // 3
        spots = [(m + gap, m + 20), (m + 2 * gap + pw, m + 20), ((W - pw) // 2, m + 20 + ph + 40)]
    for i, (px, py) in enumerate(spots):
        if rng.random() < 0.5:
            shade = tuple(rng.randint(150, 225) for _ in range(3))
            d.rectangle([px, py, px + pw, py + ph], fill=shade, outline="black", width=1)
        else:
            d.line([(px, py), (px, py + ph), (px + pw, py + ph)], fill="black", width=1)
            pts = [(px + 4 + j * (pw - 8) / 9, py + ph - 6 - rng.random() * (ph - 12)) for j in range(10)]
            d.line(pts, fill=(30, 60, 200), width=2)
        d.text((px + 10, py + ph + 6), f"({'abc'[i]}) Sub {i + 1}.", fill="black")
    return _bgr(im), panels


@pytest.mark.parametrize("seed", range(8))
def test_sub_figures_in_a_boxed_float_are_cut_inside_its_rules(seed):
    img, want = boxed_float(seed)
    assert len(split_panels(img)) == want


def _framed_page(seed: int) -> np.ndarray:
    """A page of notices boxed by a rule inside a white margin: print only, one image."""
    rng = random.Random(seed)
    im = Image.new("RGB", (700, 640), "white")
    d = ImageDraw.Draw(im)
    d.rectangle([8, 8, 691, 631], outline="black", width=1)
    y = 20
    for block in range(4):
        for _ in range(rng.randint(1, 3)):
            d.text((18, y), " ".join("".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(3, 9)))
                                     for _ in range(10)), fill="black")
            y += 14
        y += rng.choice([20, 60, 200]) if y < 400 else 20
    return _bgr(im)


@pytest.mark.parametrize("seed", range(3))
def test_a_framed_page_of_print_stays_whole(seed):
    assert len(split_panels(_framed_page(seed))) == 1


def test_side_rules_need_both_sides_and_paper_outside():
    from derm1m_build.pmc.panels.xycut import _side_rules
    dark = np.full((200, 300), 255, np.uint8)
    dark[5:, 10] = 0
    dark[5:, 290] = 0
    dark[5, 10:291] = 0
    assert _side_rules(dark) == (12, 7, 289, 200)  # open at the bottom
    one = dark.copy()
    one[:, 290] = 255
    assert _side_rules(one) == (0, 0, 300, 200)  # one side only: no frame
    labelled = dark.copy()
    labelled[100:110, 2:6] = 0  # a tick label outside the left rule: a chart's spine, no frame
    assert _side_rules(labelled) == (0, 0, 300, 200)


def boxed_charts(seed: int) -> tuple[np.ndarray, int]:
    """A matplotlib figure of 2-4 sub-plots (lines, scatter, bars) with a rule drawn round the
    figure a little inside its edge (a boxed float saved with a white margin): one panel per axes."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle
    rng = np.random.default_rng(seed)
    rows, cols = [(1, 2), (1, 3), (2, 2)][seed % 3]
    fig, axes = plt.subplots(rows, cols, figsize=(2.6 * cols + 0.6, 2.3 * rows + 0.4), dpi=90)
    for k, ax in enumerate(np.ravel(axes)):
        kind = (seed + k) % 3
        x = np.arange(12)
        if kind == 0:
            ax.plot(x, np.cumsum(rng.normal(size=12)), color="C0")
        elif kind == 1:
            ax.scatter(rng.normal(size=30), rng.normal(size=30), s=8, color="C1")
        else:
            ax.bar(x[:6], rng.uniform(1, 5, 6), color="C2")
        ax.set_title(f"({'abcd'[k]}) series {k + 1}", fontsize=9)
    fig.tight_layout(rect=(0.03, 0.03, 0.97, 0.97))
    fig.add_artist(Rectangle((0.012, 0.012), 0.976, 0.976, transform=fig.transFigure, fill=False,
                             edgecolor="black", linewidth=1.2))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    plt.close(fig)
    img = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    return img, rows * cols


def boxed_photos(seed: int) -> tuple[np.ndarray, int]:
    """A grid (1 x 2 to 2 x 3) of shared photographs with white gutters inside a 1-2 px rule drawn a
    few pixels inside the figure's white margin: one panel per photograph."""
    rng = random.Random(seed)
    rows, cols = rng.choice([(1, 2), (1, 3), (2, 2), (2, 3)])
    w, h, g, m, pad = rng.randint(150, 220), rng.randint(120, 170), rng.randint(8, 16), rng.randint(4, 10), rng.randint(6, 14)
    W, H = 2 * (m + pad) + cols * w + (cols - 1) * g, 2 * (m + pad) + rows * h + (rows - 1) * g
    canvas = np.full((H, W, 3), 255, np.uint8)
    pics = _photos(rng.choice(["dermoscopy", "clinical"]), rng.randrange(200), rows * cols)
    for i, ph in enumerate(pics):
        r, c = divmod(i, cols)
        x, y = m + pad + c * (w + g), m + pad + r * (h + g)
        canvas[y:y + h, x:x + w] = _fit(ph, w, h)
    cv2.rectangle(canvas, (m, m), (W - 1 - m, H - 1 - m), (0, 0, 0), rng.choice([1, 2]))
    return canvas, rows * cols


@pytest.mark.parametrize("seed", range(6))
def test_sub_plots_in_a_boxed_matplotlib_figure_are_cut_inside_its_rule(seed):
    img, want = boxed_charts(seed)
    assert len(split_panels(img)) == want


@pytest.mark.parametrize("seed", range(6))
def test_a_photo_grid_inside_a_rule_is_cut_at_its_gutters(seed):
    img, want = boxed_photos(seed)
    assert len(split_panels(img)) == want
