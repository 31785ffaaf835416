"""Splitter round 25 (gutters): layouts with no gutter running the whole figure, and thin panels
standing apart. New figures drawn here (none a benchmark figure):

- `apart_diagrams`: a 2 x 2 figure of small state diagrams whose top row is one box-arrow-box line
  (40 px high) far above the row under it: four panels (the thin row was a sliver of the row under it);
- `staggered_rows`: three charts over two whose gutter the rotated sample names of the lower row
  poke into (no white line across the figure, none down it), a taller chart in the top row: every
  chart a panel;
- `sectioned`: two sections of charts, each under a heading whose rule runs over the whole width
  and so crosses the gutters between the charts under it: every chart a panel, the headings none;
- figures that stay whole: one chart under rotated sample names, one chart under a title far above
  it, a diagram whose two rows of boxes slanted arrows join, one chart with a thin legend far under it.
"""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import split_panels

FONT = cv2.FONT_HERSHEY_SIMPLEX


def _text(img, s, x, y, scale=0.5, thick=1):
    cv2.putText(img, s, (x, y), FONT, scale, (0, 0, 0), thick, cv2.LINE_AA)


def _vtext(img, s, x, y_bottom, scale=0.45):
    """Text rotated 90 degrees (read bottom to top), its bottom end at y_bottom."""
    (tw, th), base = cv2.getTextSize(s, FONT, scale, 1)
    canvas = np.full((th + base + 4, tw + 4, 3), 255, np.uint8)
    cv2.putText(canvas, s, (2, th + 2), FONT, scale, (0, 0, 0), 1, cv2.LINE_AA)
    rot = np.ascontiguousarray(np.rot90(canvas))
    h, w = rot.shape[:2]
    region = img[y_bottom - h:y_bottom, x:x + w]
    np.minimum(region, rot[:region.shape[0], :region.shape[1]], out=region)
    return y_bottom - h


def _chart(img, x0, y0, x1, y1, rng, title=None):
    """A line chart: left and bottom axes, a data line, tick labels under the axis."""
    ax0, ay1 = x0 + 40, y1 - 30
    cv2.line(img, (ax0, y0 + 10), (ax0, ay1), (0, 0, 0), 2)
    cv2.line(img, (ax0, ay1), (x1 - 5, ay1), (0, 0, 0), 2)
    n = 12
    xs = np.linspace(ax0 + 8, x1 - 12, n)
    ys = rng.uniform(y0 + 20, ay1 - 10, n)
    pts = np.stack([xs, ys], axis=1).astype(np.int32)
    colour = tuple(int(c) for c in rng.integers(0, 200, 3))
    cv2.polylines(img, [pts], False, colour, 2, cv2.LINE_AA)
    for k in range(4):
        tx = int(ax0 + k * (x1 - ax0 - 20) / 3)
        cv2.line(img, (tx, ay1), (tx, ay1 + 7), (0, 0, 0), 1)
        _text(img, str(k * 10), tx - 6, ay1 + 17, 0.4)
    for k in range(3):
        ty = int(ay1 - (k + 1) * (ay1 - y0 - 20) / 3)
        _text(img, str(k + 1), x0 + 18, ty + 5, 0.4)
    if title:
        _text(img, title, x0 + 50, y0 + 2, 0.5)


def _box(img, s, cx, cy):
    (tw, th), _ = cv2.getTextSize(s, FONT, 0.6, 1)
    x0, y0, x1, y1 = cx - tw // 2 - 6, cy - th // 2 - 7, cx + tw // 2 + 6, cy + th // 2 + 7
    cv2.rectangle(img, (x0, y0), (x1, y1), (0, 0, 0), 1)
    _text(img, s, cx - tw // 2, cy + th // 2, 0.6)
    return x0, y0, x1, y1


def _arrow(img, p, q):
    cv2.arrowedLine(img, p, q, (0, 0, 0), 1, cv2.LINE_AA, tipLength=0.06)


def apart_diagrams(seed: int):
    """2 x 2 state diagrams: top row one line of 2-4 boxes with arrows, a wide white band, bottom
    row a fan of arrows (left) and a triangle of states (right). Returns (image, true boxes)."""
    rng = np.random.default_rng(seed)
    W, H = 740 + int(rng.integers(-40, 40)), 420 + int(rng.integers(-20, 20))
    img = np.full((H, W, 3), 255, np.uint8)
    truth = []
    # top row
    y = 22
    x = 10
    first = []
    for k, name in enumerate(["Alive", "Dead"][: 2]):
        b = _box(img, name, x + 40 + k * 200, y)
        first.append(b)
    _arrow(img, (first[0][2] + 10, y), (first[1][0] - 4, y))
    truth.append((first[0][0], first[0][1], first[-1][2], first[-1][3]))
    x = W // 2 + 30
    second = []
    for k in range(int(rng.integers(2, 4))):
        second.append(_box(img, str(k), x + 20 + k * 95, y))
    for a, b in zip(second, second[1:]):
        _arrow(img, (a[2] + 8, y), (b[0] - 4, y))
    _arrow(img, (second[-1][2] + 8, y), (second[-1][2] + 60, y))
    truth.append((second[0][0], second[0][1], second[-1][2] + 60, second[-1][3]))
    # bottom row (starts 140 px or more under the top row)
    top = 190 + int(rng.integers(0, 20))
    a = _box(img, "A", 40, top + 110)
    ends = [_box(img, f"D{k + 1}", 240, top + 20 + k * 90) for k in range(3)]
    for e in ends:
        _arrow(img, (a[2] + 6, (a[1] + a[3]) // 2), (e[0] - 4, (e[1] + e[3]) // 2))
    truth.append((a[0], ends[0][1], max(e[2] for e in ends), ends[-1][3]))
    h = _box(img, "Health", W // 2 + 90, top + 100)
    i = _box(img, "Illness", W - 90, top + 40)
    d = _box(img, "Death", W - 90, top + 170)
    _arrow(img, (h[2] + 4, h[1] + 2), (i[0] - 4, (i[1] + i[3]) // 2))
    _arrow(img, (i[0] - 4, i[3] - 4), (h[2] + 4, (h[1] + h[3]) // 2 + 2))
    _arrow(img, (h[2] + 4, h[3] - 2), (d[0] - 4, (d[1] + d[3]) // 2))
    _arrow(img, ((i[0] + i[2]) // 2, i[3] + 4), ((d[0] + d[2]) // 2, d[1] - 4))
    truth.append((h[0], i[1], i[2], d[3]))
    return img, truth


def staggered_rows(seed: int):
    """Three charts over two. The lower row's charts carry sample names rotated 90 degrees over
    them; the first chart's longest name reaches up past the top of the top row's middle chart's
    tick labels, which run lower than the other two charts' (so no white line crosses the figure,
    and only that name's tip lies in the gutter's clean lines)."""
    rng = np.random.default_rng(seed)
    W, H = 960, 760
    img = np.full((H, W, 3), 255, np.uint8)
    truth = []
    xs = [(10, 300), (330, 630), (660, 950)]
    for k, (x0, x1) in enumerate(xs):
        y1 = 350 if k == 1 else 300 + int(rng.integers(0, 15))
        _chart(img, x0, 20, x1, y1, rng, title=f"Series {k + 1}")
        truth.append((x0, 8, x1, y1 - 8))
    short = ["MCF7", "T47D", "BT549", "CAL51", "HCC38"]
    for k, (x0, x1) in enumerate([(10, 470), (500, 950)]):  # two under three: no gutter down the figure
        chart_top = 430
        _chart(img, x0, chart_top, x1, 740, rng)
        top = chart_top
        for j in range(int(rng.integers(4, 7))):
            name = "SUM149PTSKO" if (k == 0 and j == 0) else short[(j + k + seed) % len(short)]
            top = min(top, _vtext(img, name, x0 + 60 + j * 34, chart_top + 14))
        truth.append((x0, top, x1, 740))
    return img, truth


def sectioned(seed: int):
    """Two sections, each a heading between two rules running the figure's width over a row of
    2-3 charts (the rules cross the gutters between the charts)."""
    rng = np.random.default_rng(seed)
    W = 1000
    cols = [int(rng.integers(2, 4)), int(rng.integers(2, 4))]
    H = 2 * 380 + 20
    img = np.full((H, W, 3), 255, np.uint8)
    truth = []
    for r, n in enumerate(cols):
        y0 = 10 + r * 380
        title = f"{r + 1}. Section heading"
        (tw, th), _ = cv2.getTextSize(title, FONT, 0.6, 2)
        step = (W - 20) // n
        mid = 10 + step // 2 + int(rng.integers(-10, 10))  # over the first chart, off the gutters
        _text(img, title, mid - tw // 2, y0 + 16, 0.6, 2)
        cv2.line(img, (5, y0 + 10), (mid - tw // 2 - 10, y0 + 10), (0, 0, 0), 3)
        cv2.line(img, (mid + tw // 2 + 10, y0 + 10), (W - 5, y0 + 10), (0, 0, 0), 3)
        for k in range(n):
            x0, x1 = 10 + k * step, 10 + (k + 1) * step - 30
            _chart(img, x0, y0 + 50, x1, y0 + 360, rng)
            truth.append((x0, y0 + 60, x1, y0 + 360))
    return img, truth


def _iou(a, b):
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / float((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _matched(got, truth, least=0.7):
    """Each true box has one box of `got` over it at IoU >= least, and `got` has no other."""
    boxes = [(b.x, b.y, b.x + b.w, b.y + b.h) for b in got]
    if len(boxes) != len(truth):
        return False
    return all(max(_iou(t, g) for g in boxes) >= least for t in truth)


@pytest.mark.parametrize("seed", range(6))
def test_apart_diagrams_are_four_panels(seed):
    img, truth = apart_diagrams(seed)
    got = split_panels(img)
    assert len(got) == 4, got
    assert _matched(got, truth, 0.6), (got, truth)


@pytest.mark.parametrize("seed", range(6))
def test_staggered_rows_every_chart_a_panel(seed):
    img, truth = staggered_rows(seed)
    # no two white lines running together across the figure (one between two glyphs of a name at
    # most), none down it: the gutter between the rows is bridged
    dark = img.min(axis=2)
    white = (dark[300:420] >= 235).all(axis=1)
    assert not (white[1:] & white[:-1]).any()
    assert not (dark[10:740] >= 235).all(axis=0)[50:940].any()
    got = split_panels(img)
    assert len(got) == 5, got
    assert _matched(got, truth, 0.7), (got, truth)


@pytest.mark.parametrize("seed", range(6))
def test_sectioned_rows_every_chart_a_panel(seed):
    img, truth = sectioned(seed)
    got = split_panels(img)
    assert len(got) == len(truth), got
    assert _matched(got, truth, 0.7), (got, truth)


@pytest.mark.parametrize("seed", range(4))
def test_one_chart_under_rotated_names_stays_whole(seed):
    rng = np.random.default_rng(seed)
    img = np.full((600, 700, 3), 255, np.uint8)
    _chart(img, 10, 200, 690, 590, rng)
    for j in range(8):
        _vtext(img, ["HCC1143", "MCF7", "BT549", "SUM149PT"][j % 4] * (1 + j % 2), 80 + j * 70, 198)
    assert len(split_panels(img)) == 1


@pytest.mark.parametrize("seed", range(4))
def test_one_chart_under_a_title_far_above_stays_whole(seed):
    rng = np.random.default_rng(seed)
    img = np.full((620, 700, 3), 255, np.uint8)
    _text(img, "Distribution of periods over time", 150, 30, 0.7, 2)
    _chart(img, 10, 180, 690, 610, rng)
    assert len(split_panels(img)) == 1


@pytest.mark.parametrize("seed", range(4))
def test_diagram_rows_joined_by_slanted_arrows_stay_whole(seed):
    rng = np.random.default_rng(seed)
    img = np.full((520, 760, 3), 255, np.uint8)
    top = [_box(img, f"State {k}", 90 + k * 290, 60) for k in range(3)]
    low = [_box(img, f"Outcome {k}", 160 + k * 260 + int(rng.integers(-20, 20)), 440) for k in range(2)]
    for t in top:
        for lo in low:
            _arrow(img, ((t[0] + t[2]) // 2, t[3] + 4), ((lo[0] + lo[2]) // 2, lo[1] - 4))
    assert len(split_panels(img)) == 1


@pytest.mark.parametrize("seed", range(4))
def test_one_chart_with_a_legend_far_under_it_stays_whole(seed):
    rng = np.random.default_rng(seed)
    img = np.full((640, 700, 3), 255, np.uint8)
    _chart(img, 10, 10, 690, 420, rng)
    for k, name in enumerate(["control", "treated", "untreated"]):
        cv2.line(img, (120 + k * 180, 600), (150 + k * 180, 600), (200, 60 * k, 0), 3)
        _text(img, name, 156 + k * 180, 606, 0.5)
    assert len(split_panels(img)) == 1


def test_apart_needs_white_twice_its_size_on_every_side():
    from derm1m_build.pmc.panels.gutters import _apart
    # a 20-line piece 60 lines from the next (thin 40): apart; 30 lines from it: not
    assert _apart([(0, 20), (80, 300)], 40) == {(0, 20)}
    assert _apart([(0, 20), (50, 300)], 40) == set()
    # between two pieces, near one of them: not apart
    assert _apart([(0, 200), (230, 250), (400, 600)], 40) == set()
    assert _apart([(0, 200), (260, 280), (400, 600)], 40) == {(260, 280)}


def test_pokes_tell_a_crossing_stroke_from_a_poke():
    from derm1m_build.pmc.panels.gutters import _pokes
    dark = np.full((40, 60), 255, np.uint8)
    cv2.line(dark, (5, 0), (30, 39), 0, 1)  # a slanted stroke from above the run to below it
    assert _pokes(dark, (10, 30)) is None
    dark = np.full((40, 60), 255, np.uint8)
    dark[20:40, 40:42] = 0  # a poke from below only
    down, up = _pokes(dark, (10, 30))
    assert not down.any() and up.sum() == 2 * 11  # lines 20-30 of the band (9-30 of dark)
    # a rotated name's glyphs, 2 px apart down the run, are one mark running through it
    dark = np.full((40, 60), 255, np.uint8)
    for y in range(0, 40, 6):
        dark[y:y + 4, 10:16] = 0
    assert _pokes(dark, (10, 30)) is None
