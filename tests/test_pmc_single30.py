"""Splitter round 30 (charts side): a schematic cut apart at the gap of one of its own symbols.

Lab manuals draw a circuit beside the screenshot or plot it gives: pins in boxes joined by wires,
with a capacitor (two equal plates), a cell (a long and a short plate) or a microphone (a plate
over a box) on a wire. Drawn as a thin column or row, the schematic has a band of paper right
across it at the symbol's gap, and the XY-cut took that band for a gutter: one schematic came out
as two or three panels. `charts._plates_facing` joins two pieces that face each other across such
a gap with plates centred on one another, one at least "wired" (nothing but a wire leaving its
middle away from the gap). Two framed panels facing across a thin gutter (frame sides turn at
their corners), plots with ticked axes and separate schematics side by side keep their panels.

Figures drawn here with OpenCV; none is a benchmark figure."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from benchmarks.pmc.derm_grids import photo_paths
from conftest import REALDATA, SHARED_SKIP
from derm1m_build.pmc.panels.charts import _plates, _plates_facing
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.split import split_panels

BLACK = (0, 0, 0)
FONT = cv2.FONT_HERSHEY_SIMPLEX


def pin(img, x, y, text, w=30, h=24):
    """A pin number in a box, its top-left at (x, y); returns the box's (x0, y0, x1, y1)."""
    cv2.rectangle(img, (x, y), (x + w, y + h), BLACK, 2)
    cv2.putText(img, text, (x + 4, y + h - 6), FONT, 0.5, BLACK, 1, cv2.LINE_AA)
    return x, y, x + w, y + h


def symbol_down(img, x, y, kind, plate=24, gap=7):
    """A symbol on a vertical wire at column x, its first plate at row y: 'cap' (two equal plates),
    'cell' (long over short), 'mic' (a plate over a box). Returns the row under the symbol."""
    h = plate // 2
    cv2.line(img, (x - h, y), (x + h, y), BLACK, 2)
    y2 = y + gap
    if kind == "cap":
        cv2.line(img, (x - h, y2), (x + h, y2), BLACK, 2)
        return y2 + 1
    if kind == "cell":
        q = plate // 4
        cv2.line(img, (x - q, y2), (x + q, y2), BLACK, 2)
        return y2 + 1
    cv2.rectangle(img, (x - h - 2, y2), (x + h + 2, y2 + 10), BLACK, 2)  # mic: plate over a box
    return y2 + 11


def schematic_column(img, x0, y0, kind="cap", label="1uF"):
    """Pin "26" over a wire, a symbol, a wire and pin "27" in a column at x0, their names and the
    symbol's value printed left of the column; pin 27's wire runs on right to pin "28" under a
    name. Returns the drawing's (x0, y0, x1, y1), names included."""
    cv2.putText(img, "A0", (x0 - 40, y0 + 18), FONT, 0.5, BLACK, 1, cv2.LINE_AA)
    pin(img, x0, y0, "26")
    cx = x0 + 15
    cv2.line(img, (cx, y0 + 24), (cx, y0 + 60), BLACK, 2)
    below = symbol_down(img, cx, y0 + 61, kind)
    cv2.putText(img, label, (x0 - 44, y0 + 58), FONT, 0.45, BLACK, 1, cv2.LINE_AA)  # above the gap
    cv2.line(img, (cx, below), (cx, below + 36), BLACK, 2)
    cv2.putText(img, "A1", (x0 - 40, below + 54), FONT, 0.5, BLACK, 1, cv2.LINE_AA)
    pin(img, x0, below + 36, "27")
    cv2.line(img, (x0 + 30, below + 48), (x0 + 80, below + 48), BLACK, 2)
    cv2.putText(img, "GND", (x0 + 78, below + 30), FONT, 0.5, BLACK, 1, cv2.LINE_AA)
    pin(img, x0 + 80, below + 36, "28")
    return x0 - 44, y0, x0 + 110, below + 60


def schematic_row(img, x0, y0, label="1uF"):
    """Pin "4", a wire, a capacitor with vertical plates, a wire and pin "5", in a row from (x0, y0)."""
    pin(img, x0, y0, "4")
    cy = y0 + 12
    cv2.line(img, (x0 + 30, cy), (x0 + 70, cy), BLACK, 2)
    cv2.line(img, (x0 + 71, cy - 12), (x0 + 71, cy + 12), BLACK, 2)
    cv2.line(img, (x0 + 78, cy - 12), (x0 + 78, cy + 12), BLACK, 2)
    cv2.putText(img, label, (x0 + 36, cy - 16), FONT, 0.45, BLACK, 1, cv2.LINE_AA)  # left of the gap
    cv2.line(img, (x0 + 79, cy), (x0 + 120, cy), BLACK, 2)
    pin(img, x0 + 120, y0, "5")
    return x0, y0 - 30, x0 + 150, y0 + 24


def trace_plot(img, x0, y0, x1, y1, seed=0):
    """A program's trace display: grey surround, white plot area, dotted grid, a sine trace."""
    rng = np.random.default_rng(seed)
    cv2.rectangle(img, (x0, y0), (x1, y1), (215, 215, 215), -1)
    px0, py0, px1, py1 = x0 + 22, y0 + 8, x1 - 8, y1 - 24
    cv2.rectangle(img, (px0, py0), (px1, py1), (255, 255, 255), -1)
    for gx in np.linspace(px0, px1, 6)[1:-1].astype(int):
        for gy in range(py0, py1, 6):
            img[gy, gx] = (150, 150, 150)
    for gy in np.linspace(py0, py1, 5)[1:-1].astype(int):
        for gx in range(px0, px1, 6):
            img[gy, gx] = (150, 150, 150)
    xs = np.arange(px0 + 2, px1 - 2)
    f = rng.uniform(2, 4)
    ys = (py0 + py1) / 2 + 0.4 * (py1 - py0) * np.sin((xs - px0) / (px1 - px0) * f * 2 * np.pi)
    pts = np.stack([xs, ys], axis=1).astype(np.int32)
    cv2.polylines(img, [pts], False, (0, 0, 200), 1, cv2.LINE_AA)
    for k, gy in enumerate(np.linspace(py0, py1, 5).astype(int)):
        cv2.putText(img, f"{4 - 2 * k}.0", (x0 + 2, gy + 4), FONT, 0.3, (200, 60, 60), 1, cv2.LINE_AA)
    cv2.putText(img, "CH0: 2.6 V  93.3 Hz", (x0 + 4, y1 - 8), FONT, 0.35, (200, 60, 60), 1, cv2.LINE_AA)
    return x0, y0, x1, y1


def iou(a, b):
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def circuit_and_trace(kind="cap", seed=0):
    """A schematic column (with `kind` on its wire) beside a trace display: two panels."""
    img = np.full((230, 420, 3), 255, np.uint8)
    left = schematic_column(img, 60, 40 + 4 * seed, kind)
    right = trace_plot(img, 190, 6, 414, 224, seed)
    return img, [left, right]


@pytest.mark.parametrize("kind", ["cap", "cell", "mic"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_schematic_column_with_a_symbol_gap_is_one_panel(kind, seed):
    img, truth = circuit_and_trace(kind, seed)
    boxes = split_panels(img)
    assert len(boxes) == 2
    left, right = sorted((b.xyxy for b in boxes), key=lambda b: b[0])
    # the schematic's piece holds both pins (the label beside the symbol may stand as print)
    assert left[1] <= truth[0][1] + 2 and left[3] >= truth[0][3] - 26
    assert iou(right, truth[1]) >= 0.9


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_schematic_row_with_a_capacitor_is_one_panel(seed):
    img = np.full((200, 520, 3), 255, np.uint8)
    schematic_row(img, 20, 90 + 3 * seed)
    trace = trace_plot(img, 220, 10, 510, 190, seed)
    boxes = sorted((b.xyxy for b in split_panels(img)), key=lambda b: b[0])
    assert len(boxes) == 2
    assert boxes[0][0] <= 22 and boxes[0][2] >= 168  # both pins in one piece
    assert iou(boxes[1], trace) >= 0.9


def test_two_schematics_side_by_side_stay_two():
    """Each cut at its own symbol's gap as well: four pieces joined back into the two drawings."""
    img = np.full((220, 420, 3), 255, np.uint8)
    left = schematic_column(img, 60, 30, "cap")
    right = schematic_column(img, 270, 30, "cell")
    boxes = sorted((b.xyxy for b in split_panels(img)), key=lambda b: b[0])
    assert len(boxes) == 2
    assert boxes[0][2] < right[0] and boxes[1][0] > left[2]


def test_framed_panels_facing_across_a_thin_gutter_stay_apart():
    """Two framed plots stacked 6 px apart: their facing frame sides turn at the corners."""
    img = np.full((260, 200, 3), 255, np.uint8)
    for y0 in (10, 136):
        cv2.rectangle(img, (20, y0), (180, y0 + 114), BLACK, 2)
        xs = np.arange(24, 177)
        ys = y0 + 57 + 40 * np.sin(xs / 15.0 + y0)
        cv2.polylines(img, [np.stack([xs, ys], 1).astype(np.int32)], False, (200, 0, 0), 1)
    ink = img.min(axis=2) < 200
    assert not _plates_facing(ink, Box(20, 10, 162, 116), Box(20, 136, 162, 116), 0)
    assert len(split_panels(img)) == 2


def test_a_capacitor_gap_is_plates_facing_and_a_box_edge_alone_is_not():
    img = np.full((200, 120, 3), 255, np.uint8)
    schematic_column(img, 20, 20, "cap")
    ink = img.min(axis=2) < 200
    # the capacitor's plates at rows 81-82 and 88-89 (2 px strokes), the gap between
    above, below = Box(20, 20, 90, 63), Box(20, 87, 90, 100)
    assert _plates_facing(ink, above, below, 0)
    # turned: the same drawing transposed faces across columns
    assert _plates_facing(np.ascontiguousarray(ink.T), Box(20, 20, 63, 90), Box(87, 20, 100, 90), 1)
    # the top pin's box: its bottom edge turns at its corners, a frame's side, no wired plate
    strip = ink[20:46, 20:51][::-1]
    assert all(not wired for _, _, wired in _plates(strip, 200))
    # the upper plate, seen from above its gap, is wired (a wire leaves its middle)
    plates = _plates(ink[20:83, 20:110][::-1], 200)
    assert any(wired and e - s >= 20 for s, e, wired in plates)


def test_two_pins_facing_across_a_gap_are_no_plates():
    """Two boxed pins over one another with a gap and no wire: box edges only, no wired plate."""
    img = np.full((120, 100, 3), 255, np.uint8)
    pin(img, 30, 20, "1")
    pin(img, 30, 52, "2")
    ink = img.min(axis=2) < 200
    assert not _plates_facing(ink, Box(30, 20, 31, 25), Box(30, 52, 31, 25), 0)


# -- a label sheet: groups of print cut apart by the gutters between them -------------------------

def arrow_head(img, x, y, right=True, size=10):
    tip = (x + size, y) if right else (x - size, y)
    base = x if right else x
    pts = np.array([tip, (base, y - size // 2), (base, y + size // 2)], np.int32)
    cv2.fillPoly(img, [pts], BLACK)


def label_sheet(seed=0, emblem=True):
    """A board's pin labels: a title, two columns of names with arrow heads and pin numbers, a
    ground sign or two, a small emblem of arcs and the maker's lines under it (about 340 x 520)."""
    rng = np.random.default_rng(seed)
    img = np.full((520, 340, 3), 255, np.uint8)
    cv2.putText(img, "LabBoard Mini", (90, 36), FONT, 0.8, BLACK, 2, cv2.LINE_AA)
    cv2.putText(img, "www.example.org", (160, 62), FONT, 0.45, BLACK, 1, cv2.LINE_AA)
    names_l = ["GND", "IN1", "IN2", "SEN", "SQR1", "SQR2", "OD1", "CCS", "GND"]
    names_r = ["GND", "A1", "A2", "PVS", "OUT", "IN", "MIC", "SINE", "GND"]
    ys = 110 + np.arange(len(names_l)) * int(rng.integers(34, 38))
    for k, y in enumerate(ys):
        x = 10
        cv2.putText(img, names_l[k], (x, y), FONT, 0.55, BLACK, 1, cv2.LINE_AA)
        if names_l[k] == "GND":
            cv2.line(img, (62, y - 12), (62, y + 2), BLACK, 2)
            cv2.line(img, (68, y - 8), (68, y - 2), BLACK, 2)
        else:
            arrow_head(img, 64, y - 6, right=bool(k % 2))
            cv2.putText(img, str(k + 2), (82, y), FONT, 0.55, BLACK, 1, cv2.LINE_AA)
        name = names_r[k]
        cv2.putText(img, name, (330 - 14 * len(name), y), FONT, 0.55, BLACK, 1, cv2.LINE_AA)
        if name != "GND":
            arrow_head(img, 330 - 14 * len(name) - 20, y - 6, right=bool(k % 2))
    if emblem:
        for r in (20, 26, 32):
            cv2.ellipse(img, (170, 474), (r + 14, r // 2), 0, 200, 320, BLACK, 3)
    cv2.putText(img, "Example Lab, City", (100, 500), FONT, 0.45, BLACK, 1, cv2.LINE_AA)
    cv2.putText(img, "www.lab.example", (108, 514), FONT, 0.45, BLACK, 1, cv2.LINE_AA)
    return img


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("emblem", [True, False])
def test_label_sheet_is_one_figure(seed, emblem):
    img = label_sheet(seed, emblem)
    boxes = split_panels(img)
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0].xyxy
    assert x0 <= 12 and y0 <= 20 and x1 >= 320 and y1 >= 505


def small_plots(n_rows=2, n_cols=3):
    """Small framed line plots with ticks in a grid: panels whose frames run far longer than print."""
    img = np.full((n_rows * 130 + 10, n_cols * 160 + 10, 3), 255, np.uint8)
    for r in range(n_rows):
        for c in range(n_cols):
            x0, y0 = 10 + c * 160 + 20, 10 + r * 130
            cv2.rectangle(img, (x0, y0), (x0 + 120, y0 + 100), BLACK, 1)
            for t in range(x0, x0 + 121, 20):
                cv2.line(img, (t, y0 + 100), (t, y0 + 104), BLACK, 1)
            xs = np.arange(x0 + 2, x0 + 119)
            ys = y0 + 50 + 35 * np.sin(xs / (8.0 + r + c))
            cv2.polylines(img, [np.stack([xs, ys], 1).astype(np.int32)], False, (200, 0, 0), 1)
            cv2.putText(img, f"{r}{c}", (x0 - 18, y0 + 54), FONT, 0.35, BLACK, 1, cv2.LINE_AA)
    return img


def test_grid_of_small_plots_keeps_its_panels():
    assert len(split_panels(small_plots())) == 6


# -- a photograph with callout labels: the label sheet rule leaves it whole ------------------------

def callout_photo(path, seed, arrows):
    """A real photograph in the middle of white paper, six words in columns beside it, each with
    a leader line to a dot on the photo or an arrow stopping short of it."""
    rng = np.random.default_rng(seed)
    ph = cv2.resize(cv2.imread(str(path)), (300, 240))
    img = np.full((320, 560, 3), 255, np.uint8)
    img[40:280, 130:430] = ph
    for k, name in enumerate(["lesion", "border", "scale", "papule", "margin", "crust"]):
        left = k % 2 == 0
        y = 60 + (k // 2) * 80 + int(rng.integers(-10, 10))
        cv2.putText(img, name, (10 if left else 450, y + 5), FONT, 0.5, BLACK, 1, cv2.LINE_AA)
        sx = 75 if left else 445
        if arrows:
            cv2.arrowedLine(img, (sx, y), (120 if left else 440, y), BLACK, 2, cv2.LINE_AA, tipLength=0.3)
        else:
            px, py = int(rng.integers(170, 390)), int(rng.integers(70, 250))
            cv2.line(img, (sx, y), (px, py), BLACK, 1, cv2.LINE_AA)
            cv2.circle(img, (px, py), 3, BLACK, -1)
    return img


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("k", range(4))
@pytest.mark.parametrize("arrows", [False, True])
def test_photo_with_callout_labels_is_whole(k, arrows):
    path = photo_paths()[3 * k]
    boxes = split_panels(callout_photo(path, k, arrows))
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0].xyxy
    assert x0 <= 130 and y0 <= 40 and x1 >= 430 and y1 >= 280  # the photo whole, at least


# -- a program window: its own panes and bars are no panels --------------------------------------

def window(seed, bg=(236, 236, 236)):
    """A drawn program window: title bar, toolbar of buttons, a settings pane and a plot pane side
    by side, a status line; the window on grey or on white (its panes then apart by paper)."""
    rng = np.random.default_rng(seed)
    W, H = 520, 360
    img = np.full((H + 20, W + 20, 3), 255, np.uint8)
    x0, y0 = 10, 10
    cv2.rectangle(img, (x0, y0), (x0 + W, y0 + H), bg, -1)
    cv2.rectangle(img, (x0, y0), (x0 + W, y0 + 24), (170, 110, 60), -1)  # title bar
    cv2.putText(img, "Scope - channel view", (x0 + 8, y0 + 17), FONT, 0.45, (255, 255, 255), 1, cv2.LINE_AA)
    for k in range(3):
        cv2.rectangle(img, (x0 + W - 20 - 18 * k, y0 + 6), (x0 + W - 8 - 18 * k, y0 + 18), (230, 230, 230), -1)
    ty = y0 + 30  # toolbar
    for k in range(int(rng.integers(5, 8))):
        bx = x0 + 8 + k * 52
        cv2.rectangle(img, (bx, ty), (bx + 46, ty + 20), (200, 200, 200), -1)
        cv2.rectangle(img, (bx, ty), (bx + 46, ty + 20), (120, 120, 120), 1)
        cv2.putText(img, ["Open", "Save", "Run", "Stop", "Zoom", "Grid", "Help"][k], (bx + 6, ty + 14), FONT, 0.35, BLACK, 1, cv2.LINE_AA)
    py0 = ty + 30
    split = x0 + int(rng.integers(140, 180))
    # left pane: a list of settings
    cv2.rectangle(img, (x0 + 6, py0), (split - 4, y0 + H - 26), (255, 255, 255), -1)
    cv2.rectangle(img, (x0 + 6, py0), (split - 4, y0 + H - 26), (140, 140, 140), 1)
    for k in range(9):
        cv2.putText(img, f"param {k}: {rng.integers(1, 99)}", (x0 + 12, py0 + 20 + k * 26), FONT, 0.4, BLACK, 1, cv2.LINE_AA)
    # right pane: a plot area
    cv2.rectangle(img, (split + 4, py0), (x0 + W - 6, y0 + H - 26), (255, 255, 255), -1)
    cv2.rectangle(img, (split + 4, py0), (x0 + W - 6, y0 + H - 26), (140, 140, 140), 1)
    xs = np.arange(split + 8, x0 + W - 10)
    ys = (py0 + y0 + H - 26) / 2 + 80 * np.sin((xs - split) / 25.0)
    cv2.polylines(img, [np.stack([xs, ys], 1).astype(np.int32)], False, (0, 0, 200), 1, cv2.LINE_AA)
    cv2.putText(img, "Ready", (x0 + 8, y0 + H - 8), FONT, 0.4, BLACK, 1, cv2.LINE_AA)  # status bar
    return img


@pytest.mark.parametrize("seed", range(4))
def test_program_window_is_one_figure(seed):
    img = window(seed, (255, 255, 255) if seed % 2 else (236, 236, 236))
    assert [b.xyxy for b in split_panels(img)] == [[10, 10, 531, 364]]
