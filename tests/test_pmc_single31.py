"""Splitter round 31 (singles and abutting panels).

Two causes, each with figures drawn here (none is a benchmark figure):

- Two dark scan views side by side on one black ground, their sub-captions "(a) ...", "(b) ..." on
  paper under them: the column between the views is black beside the views and white beside the
  sub-captions, so no line of one colour parts them and the XY-cut kept the figure whole.
  `gutters._banded_gutters` cuts where every band the row gutters part has a gutter, of colours that
  differ from band to band.
- One program window (a dialog): a thin dark border, a title bar with an icon, the title and a close
  button, group boxes and buttons inside. The XY-cut cut it between its own panes;
  `split._program_window` keeps it whole."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from benchmarks.pmc.derm_grids import photo_paths
from conftest import REALDATA, SHARED_SKIP
from derm1m_build.pmc.panels.gutters import _banded_gutters
from derm1m_build.pmc.panels.split import _program_window, split_panels

FONT = cv2.FONT_HERSHEY_SIMPLEX
BLACK = (0, 0, 0)


def _photos() -> list:
    if not REALDATA.exists():
        pytest.skip(SHARED_SKIP)
    return photo_paths()


def scan_view(path, w: int, h: int, margin: int) -> np.ndarray:
    """A dark scan view: a real photograph seen through an ellipse on a black ground, `margin`
    pixels of black at least round it (a 3-D reconstruction or a CT slice on its viewer's black)."""
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    img = cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA)
    mask = np.zeros((h, w), np.uint8)
    cv2.ellipse(mask, (w // 2, h // 2), (w // 2 - margin, h // 2 - margin), 0, 0, 360, 255, -1)
    out = np.zeros_like(img)
    out[mask > 0] = img[mask > 0]
    return out


def scans_with_labels(paths, labels, w=240, h=230, margin=16, strip=9):
    """Dark views touching side by side (one black ground), a white strip, then each view's label
    centred under it on white. Returns the figure and each view's x-extent."""
    views = [scan_view(p, w, h, margin) for p in paths]
    fig = np.full((4 + h + strip + 26 + 4, 8 + w * len(views), 3), 255, np.uint8)
    spans = []
    for k, v in enumerate(views):
        x = 4 + k * w
        fig[4:4 + h, x:x + w] = v
        spans.append((x, x + w))
        if labels:
            tw = cv2.getTextSize(labels[k], FONT, 0.55, 1)[0][0]
            cv2.putText(fig, labels[k], (x + (w - tw) // 2, 4 + h + strip + 18), FONT, 0.55, BLACK, 1, cv2.LINE_AA)
    return fig, spans


def _x_iou(box, span) -> float:
    a0, a1 = box.x, box.x + box.w
    b0, b1 = span
    inter = max(0, min(a1, b1) - max(a0, b0))
    return inter / (max(a1, b1) - min(a0, b0))


@pytest.mark.parametrize("seed", range(4))
def test_two_dark_views_with_labels_under_split_in_two(seed):
    paths = _photos()
    pick = [paths[(7 * seed + 3) % len(paths)], paths[(11 * seed + 20) % len(paths)]]
    fig, spans = scans_with_labels(pick, ["(a) Front", "(b) Below"])
    got = split_panels(fig)
    assert len(got) == 2
    for box, span in zip(got, spans):
        # the black ground either side of the cut is trimmed: each box holds its ellipse
        assert _x_iou(box, span) >= 0.8
        assert box.y <= 4 + 16 and box.y + box.h >= 4 + 230 - 16


@pytest.mark.parametrize("seed", range(2))
def test_three_dark_views_with_labels_under_split_in_three(seed):
    paths = _photos()
    pick = [paths[(5 * seed + k * 13) % len(paths)] for k in range(3)]
    fig, spans = scans_with_labels(pick, ["(a) Axial", "(b) Coronal", "(c) Sagittal"], w=200, h=200)
    got = split_panels(fig)
    assert len(got) == 3
    assert all(_x_iou(b, s) >= 0.8 for b, s in zip(got, spans))


def test_one_dark_view_with_a_label_stays_whole():
    fig, _ = scans_with_labels(_photos()[4:5], ["(a) Front"], w=300)
    assert len(split_panels(fig)) == 1


def test_dark_views_under_one_label_across_them_stay_whole():
    """The label under them runs across the black column: no band-by-band gutter there."""
    paths = _photos()
    fig, _ = scans_with_labels(paths[1:3], None)
    cv2.putText(fig, "Front view and view from below, same volume", (60, fig.shape[0] - 12), FONT, 0.55,
                BLACK, 1, cv2.LINE_AA)
    assert len(split_panels(fig)) == 1


def test_banded_gutters_needs_two_colours():
    """A white column through white bands is `_gutters`' case: none here."""
    rng = np.random.default_rng(0)
    img = np.full((100, 200, 3), 255, np.uint8)
    for ys, xs in ((slice(10, 60), slice(20, 90)), (slice(10, 60), slice(110, 180)),
                   (slice(70, 90), slice(30, 80)), (slice(70, 90), slice(120, 170))):
        img[ys, xs] = rng.integers(60, 160, (ys.stop - ys.start, xs.stop - xs.start, 1), dtype=np.uint8)
    dark = img.min(axis=2)
    assert _banded_gutters(img, dark, 1, [(0, 65), (65, 100)], 2, None, 12) == []
    img[5:62, 5:195][img[5:62, 5:195] == 255] = 0   # the top band on a black ground
    got = _banded_gutters(img, img.min(axis=2), 1, [(5, 62), (65, 100)], 2, None, 12)
    assert got == [(90, 110)]
    # the second band a line of print 20 high: its 40-px gap counts, a 20-px one (a word space) not
    assert _banded_gutters(img, img.min(axis=2), 1, [(5, 62), (70, 90)], 2, None, 30) == [(90, 110)]
    img[70:90, 100:120] = rng.integers(60, 160, (20, 20, 1), dtype=np.uint8)
    assert _banded_gutters(img, img.min(axis=2), 1, [(5, 62), (70, 90)], 2, None, 30) == []


def window(w=520, h=320, seed=0, title="New surface", chrome=(255, 255, 255)) -> np.ndarray:
    """A drawn dialog on white paper: a 1-px dark border, a title bar (an icon, the title, a close
    cross), two group boxes with labels, fields and a drop-down, and two buttons at the bottom."""
    rng = np.random.default_rng(seed)
    img = np.full((h + 8, w + 8, 3), 255, np.uint8)
    x0, y0, x1, y1 = 4, 4, 4 + w, 4 + h
    img[y0 + 1:y1, x0 + 1:x1] = 240
    img[y0 + 1:y0 + 30, x0 + 1:x1] = chrome
    cv2.rectangle(img, (x0, y0), (x1, y1), (40, 40, 40), 1)
    cv2.rectangle(img, (x0 + 5, y0 + 7), (x0 + 19, y0 + 21), (120, 60, 20), -1)  # icon
    cv2.putText(img, title, (x0 + 28, y0 + 20), FONT, 0.45, BLACK, 1, cv2.LINE_AA)
    cx = x1 - 16
    cv2.line(img, (cx - 6, y0 + 8), (cx + 6, y0 + 20), BLACK, 1, cv2.LINE_AA)  # close cross
    cv2.line(img, (cx - 6, y0 + 20), (cx + 6, y0 + 8), BLACK, 1, cv2.LINE_AA)
    split = x0 + int(w * rng.uniform(0.42, 0.5))
    for gx0, gx1 in ((x0 + 10, split - 10), (split + 10, x1 - 10)):
        gy0, gy1 = y0 + 48, y1 - 60
        cv2.rectangle(img, (gx0, gy0), (gx1, gy1), (200, 200, 200), 1)
        cv2.rectangle(img, (gx0 + 8, gy0 - 8), (gx0 + 150, gy0 + 6), (240, 240, 240), -1)
        cv2.putText(img, "Options" if gx0 < split else "Method", (gx0 + 10, gy0 + 4), FONT, 0.42, BLACK, 1,
                    cv2.LINE_AA)
        for k in range(4):
            yy = gy0 + 28 + 34 * k
            cv2.putText(img, ["Name:", "Mask:", "Quality:", "Steps:"][k], (gx0 + 10, yy + 14), FONT, 0.42, BLACK, 1,
                        cv2.LINE_AA)
            fx = gx0 + (gx1 - gx0) // 2
            cv2.rectangle(img, (fx, yy), (gx1 - 10, yy + 20), (255, 255, 255), -1)
            cv2.rectangle(img, (fx, yy), (gx1 - 10, yy + 20), (120, 120, 120), 1)
            cv2.putText(img, str(int(rng.integers(1, 99))), (fx + 4, yy + 15), FONT, 0.4, BLACK, 1, cv2.LINE_AA)
    for k, text in enumerate(("OK", "Cancel")):
        bx = x1 - 190 + 95 * k
        cv2.rectangle(img, (bx, y1 - 40), (bx + 85, y1 - 14), (225, 225, 225), -1)
        cv2.rectangle(img, (bx, y1 - 40), (bx + 85, y1 - 14), (110, 110, 110), 1)
        cv2.putText(img, text, (bx + 20, y1 - 21), FONT, 0.45, BLACK, 1, cv2.LINE_AA)
    return img


@pytest.mark.parametrize("seed", range(4))
def test_program_window_stays_whole(seed):
    img = window(seed=seed, chrome=(255, 255, 255) if seed % 2 else (250, 225, 200))
    assert _program_window(img)
    assert len(split_panels(img)) == 1


def test_window_cut_off_at_the_bottom_stays_whole():
    img = window(seed=5)[:-40]
    assert _program_window(img)
    assert len(split_panels(img)) == 1


def test_two_windows_side_by_side_are_no_one_window():
    a, b = window(seed=1), window(seed=2, title="Import")
    fig = np.full((a.shape[0], a.shape[1] * 2 + 30, 3), 255, np.uint8)
    fig[:, :a.shape[1]] = a
    fig[:, a.shape[1] + 30:] = b
    assert not _program_window(fig)
    assert len(split_panels(fig)) >= 2


def test_framed_chart_with_a_centred_title_is_no_window():
    """A box round a figure with its title centred over it and no close button: no title bar."""
    img = window(seed=3)
    img[5:34, 5:-5] = 255
    cv2.putText(img, "Results", (230, 24), FONT, 0.5, BLACK, 1, cv2.LINE_AA)
    assert not _program_window(img)


# --- a board's pin strips among its labels (round 31): `split._ladder`

def pin_strip(img, x, y, n, first, side):
    """A strip of `n` pin boxes down from (x, y), numbered from `first`, each with an arrow and a
    name on `side` (+1 right, -1 left)."""
    for k in range(n):
        yy = y + 36 * k
        cv2.rectangle(img, (x, yy), (x + 34, yy + 36), BLACK, 2)
        cv2.putText(img, str(first + k), (x + 6, yy + 25), FONT, 0.55, BLACK, 1, cv2.LINE_AA)
        ax = x + 34 if side > 0 else x
        tip = ax + 22 * side
        cv2.arrowedLine(img, (ax, yy + 18), (tip, yy + 18), BLACK, 2, tipLength=0.4)
        name = ["IN", "OUT", "GND", "SQR", "A0", "PULSE", "SEN", "CS"][k % 8] + str(k % 3)
        tw = cv2.getTextSize(name, FONT, 0.55, 1)[0][0]
        cv2.putText(img, name, (tip + 4 if side > 0 else tip - 4 - tw, yy + 24), FONT, 0.55, BLACK, 1, cv2.LINE_AA)


def pin_sheet(n=16, emblem=True):
    img = np.full((140 + 36 * n, 600, 3), 255, np.uint8)
    cv2.putText(img, "BOARD 2", (20, 50), FONT, 1.4, BLACK, 3, cv2.LINE_AA)
    cv2.putText(img, "Pins and signals", (360, 40), FONT, 0.6, BLACK, 1, cv2.LINE_AA)
    pin_strip(img, 10, 90, n, 1, +1)
    pin_strip(img, 556, 90, n, 2 * n, -1)
    if emblem:
        cv2.ellipse(img, (300, 90 + 36 * n - 60), (36, 16), 0, 0, 300, BLACK, 3)
        cv2.putText(img, "maker", (270, 90 + 36 * n - 20), FONT, 0.5, BLACK, 1, cv2.LINE_AA)
    return img


@pytest.mark.parametrize("n,emblem", [(16, True), (12, True), (16, False)])
def test_pin_sheet_with_two_strips_stays_whole(n, emblem):
    assert len(split_panels(pin_sheet(n, emblem))) == 1


def _log_strip(img, x, y, w, h, seed):
    """A well-log style strip plot: a frame with a vertical and horizontal grid and a trace."""
    rng = np.random.default_rng(seed)
    cv2.rectangle(img, (x, y), (x + w, y + h), BLACK, 2)
    for k in range(1, 4):
        cv2.line(img, (x + k * w // 4, y), (x + k * w // 4, y + h), BLACK, 1)
    for k in range(1, 12):
        cv2.line(img, (x, y + k * h // 12), (x + w, y + k * h // 12), BLACK, 1)
    ys = np.arange(y, y + h, 3)
    xs = x + w // 2 + np.cumsum(rng.normal(0, 2, len(ys))).clip(-w // 2 + 2, w // 2 - 2)
    cv2.polylines(img, [np.stack([xs, ys], 1).astype(np.int32)], False, (200, 30, 30), 2)


def test_gridded_strip_plots_keep_their_panels():
    img = np.full((640, 520, 3), 255, np.uint8)
    for k in range(3):
        _log_strip(img, 30 + 170 * k, 40, 110, 560, k)
        cv2.putText(img, "log " + "abc"[k], (50 + 170 * k, 28), FONT, 0.55, BLACK, 1, cv2.LINE_AA)
    assert len(split_panels(img)) == 3
