"""Round 42, counts: singles kept whole (a planet's map with a pale belt, a light-themed raincloud plot,
a corner plot) and rendered document pages side by side split into their pages.

- A pale band of a photograph (a planet's bright cloud belt) passes the white-line test, but its
  pixels are darker than paper and grained along each line: no gutter (`gutters._pale_band`).
- Cuts at photo edges leaving only strips over 3:1 are one wide photograph's belts (`gutters._strips`).
- A white run crossed end to end by four or more pale thin rules (a light theme's frame and grid
  lines) lies inside one plot (`gutters._pale_grid_across`).
- A corner plot, a triangle of k x k equal frames (k >= 3) sharing their axes, is one plot
  (`corner.join_corner`); set 28's annotation rule: "a scatterplot matrix (its cells share axes: one
  plot)". A full grid and an L of three frames are panels.
- Pieces of print inside two or more faint page outlines are the pages, not one label sheet
  (`pages.join_pages`).

Every figure here is drawn here (numpy and OpenCV), with a control beside each rule."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.corner import corner_triangle, join_corner
from derm1m_build.pmc.panels.gutters import Box, _pale_band, _strips
from derm1m_build.pmc.panels.pages import join_pages, page_outlines

FONT = cv2.FONT_HERSHEY_SIMPLEX


def boxes(img: np.ndarray) -> list[list[int]]:
    return [b.xyxy for b in split_panels(img)]


def texture(h, w, mean, amp, seed):
    """A photographed surface: smooth blotches (blurred noise) around `mean`, grain `amp`."""
    rng = np.random.default_rng(seed)
    base = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 6)
    base = base / (np.abs(base).max() + 1e-6)
    grain = rng.normal(0, 1, (h, w)).astype(np.float32)
    v = mean + amp * base * 3 + amp * 0.5 * grain
    return np.clip(np.repeat(v[:, :, None], 3, axis=2), 0, 255).astype(np.uint8)

def banded_map(W=1200, H=600, band=(185, 213), seed=1):
    """A planet's map: dark-grey belts with a pale textured belt across it (mean ~210, grain)."""
    a, b = band
    y = np.arange(H, dtype=np.float32)[:, None, None]
    ramp = 40.0  # the belt fades into the dark belts over this many rows (no sharp edge)
    w = np.clip(np.minimum(y - (a - ramp), (b + ramp) - y) / ramp, 0, 1)
    w = 0.5 - 0.5 * np.cos(np.pi * w)
    dark = texture(H, W, 140, 12, seed).astype(np.float32)
    pale = texture(H, W, 212, 4.0, seed + 1).astype(np.float32)
    return np.clip(dark * (1 - w) + pale * w, 0, 255).astype(np.uint8)

def flat_gutter(W=1200, H=600, gutter=(285, 313), grey=220, seed=1):
    img = texture(H, W, 140, 12, seed)
    a, b = gutter
    img[a:b] = grey
    return img

def sharp_strips(W=1200, H=600, at=330, seed=3):
    """One wide photograph whose two belts meet at a sharp line (a belt's edge)."""
    img = texture(H, W, 120, 10, seed)
    img[at:] = texture(H - at, W, 190, 10, seed + 5)
    return img

def two_photos_stacked(W=600, H=900, at=450, seed=3):
    img = texture(H, W, 120, 10, seed)
    img[at:] = texture(H - at, W, 190, 10, seed + 5)
    return img

def raincloud(W=1000, H=460, grid=(204, 204, 204), seed=0):
    """A horizontal raincloud plot in a light theme: a light grey frame with vertical grid lines,
    two groups, each a filled half-violin over a white gap over its box plot and points; tick
    labels and an axis title outside the frame."""
    rng = np.random.default_rng(seed)
    img = np.full((H, W, 3), 255, np.uint8)
    x0, y0, x1, y1 = 80, 20, W - 20, H - 70
    for k in range(6):
        x = x0 + (k + 1) * (x1 - x0) // 7
        cv2.line(img, (x, y0), (x, y1), grid, 1)
        cv2.putText(img, str(2 * k), (x - 8, y1 + 26), FONT, 0.6, (60, 60, 60), 1)
    cv2.rectangle(img, (x0, y0), (x1, y1), grid, 1)
    cv2.putText(img, "score", (W // 2 - 30, H - 15), FONT, 0.8, (60, 60, 60), 2)
    for g, top in enumerate((40, 220)):
        colour = (160, 200, 140) if g == 0 else (140, 170, 230)
        xs = np.arange(x0 + 60, x1 - 60)
        prof = np.exp(-((xs - (x0 + x1) / 2 - 80 * (g - 0.5)) / 120.0) ** 2)
        pts = np.array([[x, top + 80 - int(70 * p)] for x, p in zip(xs, prof)] + [[xs[-1], top + 80], [xs[0], top + 80]])
        cv2.fillPoly(img, [pts.astype(np.int32)], colour)
        cv2.polylines(img, [pts.astype(np.int32)], True, (90, 90, 90), 1)
        # the white gap inside the frame: rows top+81 .. top+100 (grid lines run through it)
        cv2.rectangle(img, (x0 + 200, top + 102), (x1 - 250, top + 118), colour, -1)
        cv2.rectangle(img, (x0 + 200, top + 102), (x1 - 250, top + 118), (90, 90, 90), 1)
        for _ in range(40):
            cv2.circle(img, (int(rng.integers(x0 + 70, x1 - 70)), int(top + 128 + rng.integers(0, 20))), 2, colour, -1)
        cv2.putText(img, str(g + 1), (x0 - 30, top + 112), FONT, 0.7, (60, 60, 60), 2)
    return img

def two_rainclouds():
    a, b = raincloud(W=560, seed=0), raincloud(W=560, seed=1)
    gap = np.full((a.shape[0], 60, 3), 255, np.uint8)
    return np.concatenate([a, gap, b], axis=1)

def _cell(img, x, y, s, diag, rng, ticks_in=True):
    cv2.rectangle(img, (x, y), (x + s, y + s), (0, 0, 0), 1)
    for t in range(1, 5):
        tx, ty = x + t * s // 5, y + t * s // 5
        d = 5 if ticks_in else -5
        cv2.line(img, (tx, y + s), (tx, y + s - d), (0, 0, 0), 1)
        cv2.line(img, (x, ty), (x + d, ty), (0, 0, 0), 1)
    if diag:
        xs = np.linspace(x + 10, x + s - 10, 20).astype(int)
        hs = (np.exp(-np.linspace(-2, 2, 20) ** 2) * (s - 40)).astype(int)
        for a, b, h in zip(xs, xs[1:], hs):
            cv2.line(img, (a, y + s - h), (b, y + s - h), (0, 0, 0), 1)
            cv2.line(img, (b, y + s - h), (b, y + s - hs[min(len(hs) - 1, list(xs).index(b))]), (0, 0, 0), 1)
    else:
        for _ in range(600):
            px, py = rng.normal(x + s / 2, s / 8), rng.normal(y + s / 2, s / 8)
            if x + 3 < px < x + s - 3 and y + 3 < py < y + s - 3:
                cv2.circle(img, (int(px), int(py)), 1, (90, 90, 90), -1)
        cv2.ellipse(img, (x + s // 2, y + s // 2), (s // 5, s // 6), 0, 0, 360, (0, 0, 0), 1)

def corner_plot(k=3, s=200, gap=12, cells=None, seed=0, title=True):
    """A corner plot: a k x k triangle of s-px frames `gap` apart, histograms on the diagonal,
    contours of points under it; tick labels on the bottom row and left column, a title over each
    diagonal cell. `cells`: the (row, column) cells drawn (default: on and under the diagonal)."""
    rng = np.random.default_rng(seed)
    left, top = 90, 50
    W, H = left + k * (s + gap) + 40, top + k * (s + gap) + 70
    img = np.full((H, W, 3), 255, np.uint8)
    cells = cells if cells is not None else [(i, j) for i in range(k) for j in range(i + 1)]
    for i, j in cells:
        x, y = left + j * (s + gap), top + i * (s + gap)
        _cell(img, x, y, s, i == j, rng)
        if i == j and title:
            cv2.putText(img, "p%d = 0.%d" % (i, i + 3), (x + s // 4, y - 10), FONT, 0.55, (0, 0, 0), 1)
        if i == k - 1:
            for t in (1, 3):
                cv2.putText(img, "%d" % t, (x + t * s // 5 - 6, y + s + 22), FONT, 0.5, (0, 0, 0), 1)
            cv2.putText(img, "p%d" % j, (x + s // 2 - 10, y + s + 52), FONT, 0.7, (0, 0, 0), 1)
        if j == 0 and i > 0:
            for t in (1, 3):
                cv2.putText(img, "%d" % t, (x - 26, y + t * s // 5 + 5), FONT, 0.5, (0, 0, 0), 1)
            cv2.putText(img, "p%d" % i, (x - 80, y + s // 2), FONT, 0.7, (0, 0, 0), 1)
    return img

WORDS = "the layout model detects text regions tables and figures in scanned pages with one call".split()

def _page(img, x, y, w, h, outline, seed):
    rng = np.random.default_rng(seed)
    if outline is not None:
        cv2.rectangle(img, (x, y), (x + w, y + h), outline, 1)
    # the layout model's boxes round each half's paragraphs, pale (a detector's overlay colours)
    cv2.rectangle(img, (x + 8, y + 10), (x + w - 8, y + h // 2 - 12), (150, 200, 230), 1)
    cv2.rectangle(img, (x + 8, y + h // 2 + 6), (x + w - 8, y + h - 8), (150, 200, 230), 1)
    # the page's own figure at its top: three outlined boxes in a row
    for k in range(3):
        bx = x + 20 + k * (w - 40) // 3
        cv2.rectangle(img, (bx, y + 18), (bx + (w - 40) // 3 - 14, y + 58), (120, 200, 250), -1)
        cv2.rectangle(img, (bx, y + 18), (bx + (w - 40) // 3 - 14, y + 58), (30, 30, 30), 1)
    ly = y + 80
    while ly < y + h - 14:
        if abs(ly - (y + h // 2)) < 10:   # a dashed rule across the page's middle
            for dx in range(x + 12, x + w - 12, 10):
                cv2.line(img, (dx, ly - 4), (dx + 5, ly - 4), (60, 60, 60), 1)
            ly += 22
            continue
        lx = x + 12
        while True:
            word = WORDS[int(rng.integers(len(WORDS)))]
            (tw, _), _ = cv2.getTextSize(word, FONT, 0.32, 1)
            if lx + tw > x + w - 12:
                break
            cv2.putText(img, word, (lx, ly), FONT, 0.32, (40, 40, 40), 1)
            lx += tw + 5
        ly += 11

def two_pages(outline=(246, 246, 246)):
    """Two rendered document pages side by side, each in a faint outline (luma ~246), running
    text cut in two by a dashed rule, a title printed under each page."""
    W, H = 520, 370
    img = np.full((H, W, 3), 255, np.uint8)
    for i, x in enumerate((4, 262)):
        _page(img, x, 4, 236, 330, outline, i)
        cv2.putText(img, "Mode %s: pages" % ("I" * (i + 1)), (x + 40, 356), FONT, 0.4, (40, 40, 40), 1)
    return img


# ------------------------------------------------------------------ a pale band of a photograph

@pytest.mark.parametrize("seed", [1, 7])
def test_planet_map_with_a_pale_belt_stays_whole(seed):
    # main cut it along the belt: [[0, 0, 1200, 169], [0, 231, 1200, 600]]
    assert boxes(banded_map(seed=seed)) == [[0, 0, 1200, 600]]


@pytest.mark.parametrize("grey", [220, 252])
def test_flat_grey_or_white_gutter_between_photos_still_cuts(grey):
    assert boxes(flat_gutter(grey=grey)) == [[0, 0, 1200, 285], [0, 313, 1200, 600]]


def _belt(peak: float, grain: float, drift: float, edge: float = 0.0) -> np.ndarray:
    """20 lines x 300 px: a belt of 10 lines (rows 5-14) whose brightness rises by `drift` to its
    middle, grained `grain` along each line, between lines `edge` darker than its ends."""
    rng = np.random.default_rng(0)
    y = np.arange(20, dtype=np.float32)[:, None]
    level = peak - drift * np.abs(y - 9.5) / 4.5
    level[:5] -= edge
    level[15:] -= edge
    v = level + rng.normal(0, grain, (20, 300))
    return np.repeat(np.clip(v, 0, 255)[:, :, None], 3, axis=2).astype(np.uint8)


def test_pale_band_rule():
    col = np.full((20, 3), 212, np.int16)
    belt = _belt(214, 4, 8)
    assert _pale_band(belt, col, 5, 15, 0) is True
    assert _pale_band(np.ascontiguousarray(belt.transpose(1, 0, 2)), col, 5, 15, 1) is True
    assert _pale_band(_belt(214, 0.3, 8), col, 5, 15, 0) is False    # flat along its lines: a drawn gutter
    assert _pale_band(_belt(214, 4, 0), col, 5, 15, 0) is False      # one colour line after line: a noisy gutter
    assert _pale_band(_belt(214, 4, 8, edge=60), col, 5, 15, 0) is False   # a sharp stop at a photo's edge
    assert _pale_band(_belt(250, 4, 8), col, 5, 15, 0) is False      # paper-light whatever its grain
    assert _pale_band(belt, col, 0, 15, 0) is False                 # at the figure's end: a margin
    black = np.full((20, 300, 3), 8, np.uint8)
    assert _pale_band(black, np.full((20, 3), 5, np.int16), 5, 15, 0) is False


# ------------------------------------------------------------------ one wide photograph's belts

def _margined(img: np.ndarray) -> np.ndarray:
    img[:6] = 127
    img[-6:] = 124
    return img


def test_wide_photo_meeting_its_own_belt_stays_whole():
    # main: two 4:1 strips [[0, 0, 1200, 300], [0, 300, 1200, 600]]
    assert boxes(_margined(sharp_strips(1200, 600, 300))) == [[0, 0, 1200, 600]]


@pytest.mark.parametrize("W,H,at", [(900, 600, 300), (1200, 900, 450)])
def test_two_photos_meeting_still_cut(W, H, at):
    assert boxes(_margined(sharp_strips(W, H, at))) == [[0, 0, W, at], [0, at, W, H]]


def abutting(rows: int = 2, cols: int = 3, w: int = 400, h: int = 300) -> np.ndarray:
    """A grid of photographs meeting with no gutter, each row 4:1 (a strip holding three photos)."""
    img = np.zeros((rows * h, cols * w, 3), np.uint8)
    for i in range(rows):
        for j in range(cols):
            img[i * h:(i + 1) * h, j * w:(j + 1) * w] = texture(h, w, 90 + 50 * ((i + j) % 3), 10, 10 * i + j)
    return _margined(img)


def test_rows_of_abutting_photos_are_no_strips():
    assert boxes(abutting()) == [[0, 0, 400, 300], [400, 0, 800, 300], [800, 0, 1200, 300],
                                 [0, 300, 400, 600], [400, 300, 800, 600], [800, 300, 1200, 600]]
    img = cv2.resize(abutting(), (720, 360), interpolation=cv2.INTER_AREA)
    assert _strips(np.array([180, 180]), 720, img, 0, [0, 180, 360]) is False   # photo edges cut each row
    one = cv2.resize(_margined(sharp_strips(1200, 600, 300)), (720, 360), interpolation=cv2.INTER_AREA)
    assert _strips(np.array([180, 180]), 720, one, 0, [0, 180, 360]) is True


def test_strips_rule():
    assert _strips(np.array([198, 162]), 720) is True
    assert _strips(np.array([240, 240]), 720) is False
    assert _strips(np.array([200, 100]), 610) is True
    assert _strips(np.array([200, 100]), 600) is False


# ------------------------------------------------------------------ a light theme's grid lines

@pytest.mark.parametrize("seed", [0, 1])
def test_raincloud_plot_in_a_light_frame_is_one_plot(seed):
    # main cut it between the half-violins and the boxes: [[52, 51, 920, 189], [51, 230, 920, 448]]
    assert boxes(raincloud(seed=seed)) == [[51, 51, 920, 448]]


def test_two_rainclouds_side_by_side_are_two_plots():
    # main: [[52, 50, 1100, 191], [50, 231, 491, 448], [670, 231, 1110, 448]] (cut across both first)
    assert boxes(two_rainclouds()) == [[50, 50, 491, 448], [671, 50, 1110, 448]]


# ------------------------------------------------------------------ corner plots

def test_corner_plot_is_one_plot():
    # main: 6 pieces, one per cell
    assert boxes(corner_plot()) == [[12, 27, 715, 732]]


def test_corner_plot_of_four_parameters_is_one_plot():
    # main: 10 pieces
    assert boxes(corner_plot(k=4, s=150)) == [[12, 28, 728, 745]]


def test_upper_triangle_is_one_plot():
    img = corner_plot(cells=[(i, j) for i in range(3) for j in range(i, 3)])
    assert boxes(img) == [[89, 27, 715, 728]]


def test_full_grid_of_frames_stays_nine_panels():
    img = corner_plot(cells=[(i, j) for i in range(3) for j in range(3)])
    assert len(boxes(img)) == 9
    assert corner_triangle(img) is None


def test_l_of_three_frames_stays_three_panels():
    assert boxes(corner_plot(k=2, s=260)) == [[90, 28, 505, 313], [13, 323, 351, 635], [362, 323, 623, 635]]


def test_triangle_spaced_wide_apart_is_panels():
    img = corner_plot(gap=70)
    assert corner_triangle(img) is None
    assert len(boxes(img)) == 6


def test_corner_triangle_box_and_join():
    img = corner_plot()
    tri, side = corner_triangle(img)
    assert (tri.x, tri.y, tri.x + tri.w, tri.y + tri.h) == (90, 50, 715, 675)
    assert side == 200
    far = Box(2000, 2000, 10, 10)   # a piece beside the triangle, not of it
    pieces = [Box(90, 50, 201, 201), Box(90, 262, 201, 201), Box(302, 262, 201, 201), far]
    assert join_corner(img, pieces) == [far, Box(90, 50, 413, 413)]
    assert join_corner(img, pieces[:2]) == pieces[:2]   # two pieces: not looked at


# ------------------------------------------------------------------ rendered pages

def test_two_rendered_pages_are_two_panels():
    # main: one label sheet, [[12, 14, 491, 360]]
    assert boxes(two_pages()) == [[4, 4, 241, 360], [262, 4, 499, 360]]
    assert boxes(two_pages(outline=(200, 200, 200))) == [[4, 4, 241, 360], [262, 4, 499, 360]]


def test_print_without_page_outlines_stays_one_sheet():
    assert boxes(two_pages(outline=None)) == [[12, 14, 491, 360]]


def test_page_outlines_and_join():
    img = two_pages()
    assert page_outlines(img) == [Box(4, 4, 237, 331), Box(262, 4, 237, 331)]
    inside = [Box(13, 14, 220, 144), Box(12, 175, 221, 185), Box(270, 14, 220, 144), Box(270, 175, 221, 185)]
    assert join_pages(img, inside) == [Box(4, 4, 237, 356), Box(262, 4, 237, 356)]
    assert join_pages(img, inside + [Box(505, 100, 10, 10)]) is None   # a piece outside every page
    assert join_pages(img, inside[:2]) is None                         # one page holds them all
