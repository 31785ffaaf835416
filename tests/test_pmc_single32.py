"""Splitter round 32 (singles): one application window filling the figure stays whole.

A screenshot of a program's main window (title bar, menu bar and tool bar across the whole width at
the top, a status bar at the bottom) holds panes, forms and dialogs that the XY-cut (and the facet
finder) took for panels: a full-height divider between a list and an editor, a plain grey workspace
on both sides of a form. `split._app_window` keeps it whole when a bar of chrome runs along the top
and the bottom edges and no straight seam runs down the top bar (two windows side by side have one,
at their frames or the gutter between them). All figures are drawn here with OpenCV (none is a
benchmark figure); the grids are composed from `../shared/realdata/photos`."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from benchmarks.pmc.derm_grids import make_grid, photo_paths
from conftest import REALDATA, SHARED_SKIP
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.split import _app_window, _chrome_band, split_panels

FONT = cv2.FONT_HERSHEY_SIMPLEX


def text(img, s, x, y, scale=0.45, col=(0, 0, 0)):
    cv2.putText(img, s, (x, y), FONT, scale, col, 1, cv2.LINE_AA)

def chrome(w, h, seed=0, title="Practice - [Devices]", gradient=True, status="Ready"):
    """An application window filling the image: title bar, menu bar, a tool bar, a grey workspace, a
    status bar; returns the image and the workspace rows (y0, y1)."""
    rng = np.random.default_rng(seed)
    img = np.full((h, w, 3), 212, np.uint8)
    tb = 22
    for x in range(w):
        t = x / max(1, w - 1)
        img[0:tb, x] = ((1 - t) * 120 + t * 200, (1 - t) * 40 + t * 160, (1 - t) * 10 + t * 140) if gradient else (205, 205, 205)
    cv2.rectangle(img, (4, 4), (18, 18), (0, 200, 255), -1)
    text(img, title, 24, 16, 0.45, (255, 255, 255) if gradient else (0, 0, 0))
    for k in range(3):
        x = w - 20 - k * 18
        cv2.rectangle(img, (x, 4), (x + 15, 18), (212, 212, 212), -1)
        cv2.rectangle(img, (x, 4), (x + 15, 18), (60, 60, 60), 1)
    img[tb] = 255
    x = 8
    for word in ("File", "Edit", "View", "Zoom", "Window", "?"):
        text(img, word, x, tb + 16, 0.42)
        x += cv2.getTextSize(word, FONT, 0.42, 1)[0][0] + 14
    y0 = tb + 24
    cv2.line(img, (0, y0), (w - 1, y0), (128, 128, 128), 1)
    n = int(rng.integers(14, 28))
    for k in range(n):
        x = 10 + k * 26
        if x + 20 > w - 10:
            break
        col = tuple(int(c) for c in rng.integers(0, 200, 3))
        cv2.rectangle(img, (x, y0 + 5), (x + 18, y0 + 21), col, -1 if k % 3 else 1)
    ws0 = y0 + 28
    cv2.line(img, (0, ws0 - 1), (w - 1, ws0 - 1), (128, 128, 128), 1)
    sb = h - 22
    img[ws0:sb - 1, 4:w - 4] = (192, 192, 192)
    cv2.line(img, (0, sb - 1), (w - 1, sb - 1), (128, 128, 128), 1)
    text(img, status, 6, h - 7, 0.42)
    for k, lab in enumerate(("00:00", "", "Mon 02.09.")):
        x1 = w - 6 - k * 80
        cv2.rectangle(img, (x1 - 74, sb + 3), (x1, h - 3), (128, 128, 128), 1)
        text(img, lab, x1 - 70, h - 7, 0.38)
    cv2.rectangle(img, (0, 0), (w - 1, h - 1), (110, 110, 110), 1)
    return img, (ws0, sb - 1)

def form(img, x0, y0, x1, y1, seed=0):
    """A rounded light form with a big title, a list box and three coloured buttons."""
    rng = np.random.default_rng(seed)
    cv2.rectangle(img, (x0, y0), (x1, y1), (240, 240, 240), -1)
    cv2.rectangle(img, (x0, y0), (x1, y1), (150, 150, 150), 1)
    text(img, "Device links", x0 + 24, y0 + 36, 0.8)
    for k, c in enumerate(((60, 140, 40), (40, 40, 230), (230, 60, 30))):
        cv2.line(img, (x1 - 90, y0 + 20 + 9 * k), (x1 - 20, y0 + 16 + 9 * k), c, 6)
    lx0, ly0, lx1, ly1 = x0 + 40, y0 + 70, x1 - 40, y1 - 60
    cv2.rectangle(img, (lx0, ly0), (lx1, ly1), (250, 250, 250), -1)
    cv2.rectangle(img, (lx0, ly0), (lx1, ly1), (120, 120, 120), 1)
    cv2.rectangle(img, (lx0, ly0), (lx1, ly0 + 20), (200, 200, 200), -1)
    text(img, "Link", (lx0 + lx1) // 2 - 16, ly0 + 15, 0.45)
    for k in range(int(rng.integers(2, 5))):
        text(img, f"Record item {k + 1}", lx0 + 4, ly0 + 40 + 20 * k, 0.45)
    cv2.rectangle(img, (lx1 - 14, ly0 + 21), (lx1, ly1), (215, 215, 215), -1)
    bw = (lx1 - lx0 - 20) // 3
    for k, (lab, c) in enumerate((("Start", (140, 190, 110)), ("End", (100, 100, 240)), ("Link", (240, 200, 150)))):
        bx = lx0 + k * (bw + 10)
        cv2.rectangle(img, (bx, y1 - 48), (bx + bw, y1 - 22), c, -1)
        text(img, lab, bx + bw // 2 - 16, y1 - 30, 0.45)

def app_with_form(w=900, h=700, seed=0, gradient=True):
    img, (a, b) = chrome(w, h, seed, gradient=gradient)
    fw, fh = int(w * 0.42), int((b - a) * 0.62)
    cx, cy = w // 2 + (seed % 3 - 1) * 20, (a + b) // 2
    form(img, cx - fw // 2, cy - fh // 2, cx + fw // 2, cy + fh // 2, seed)
    return img

def app_with_dialog(w=900, h=700, seed=0):
    """The form behind a small message box in the middle of the workspace."""
    img, (a, b) = chrome(w, h, seed)
    form(img, 60, a + 40, w - 60, b - 40, seed)
    dx0, dy0, dx1, dy1 = w // 2 - 220, (a + b) // 2 - 80, w // 2 + 220, (a + b) // 2 + 80
    cv2.rectangle(img, (dx0, dy0), (dx1, dy1), (190, 180, 170), -1)
    cv2.rectangle(img, (dx0, dy0), (dx1, dy1), (80, 80, 80), 1)
    img[dy0 + 1:dy0 + 18, dx0 + 1:dx1] = (110, 40, 10)
    text(img, "Note", dx0 + 6, dy0 + 14, 0.42, (255, 255, 255))
    text(img, "All forms are closed without asking.", dx0 + 20, dy0 + 60, 0.55)
    text(img, "Update the menu settings now?", dx0 + 40, dy0 + 90, 0.55)
    for k, lab in enumerate(("Yes", "No")):
        bx = dx1 - 180 + k * 90
        cv2.rectangle(img, (bx, dy1 - 36), (bx + 70, dy1 - 12), (140, 190, 110) if k == 0 else (100, 100, 240), -1)
        text(img, lab, bx + 22, dy1 - 18, 0.45)
    return img

def app_with_panes(w=1000, h=640, seed=0):
    """A light-grey window (title and menu bars, no gradient) with two panes: a list on the left and
    an editor on the right, parted by a full-height divider; a tab row and a status bar below."""
    rng = np.random.default_rng(seed)
    img = np.full((h, w, 3), 214, np.uint8)
    img[0:22] = (200, 200, 200)
    for k, c in enumerate(((70, 70, 230), (60, 190, 240), (80, 200, 80))):
        cv2.circle(img, (12 + 20 * k, 11), 6, c, -1)
    text(img, "Notes: Doe, Jane (12/03/1960) #12", w // 2 - 150, 16, 0.45)
    x = 8
    for word in ("Program", "Person", "Record", "Letters", "Tools", "Help"):
        text(img, word, x, 40, 0.45)
        x += cv2.getTextSize(word, FONT, 0.45, 1)[0][0] + 16
    cv2.rectangle(img, (8, 52), (58, 96), (90, 120, 160), -1)
    cv2.rectangle(img, (64, 56), (360, 82), (255, 255, 255), -1)
    text(img, "Doe, Jane", 70, 76, 0.6)
    text(img, "Allergy: penicillin", 600, 76, 0.55, (0, 0, 200))
    div = int(w * (0.3 + 0.05 * (seed % 3)))
    top, bot = 104, h - 52
    cv2.line(img, (div, top), (div, bot), (150, 150, 150), 1)
    cv2.rectangle(img, (6, top + 20), (div - 8, top + 200), (255, 255, 255), -1)
    for k in range(int(rng.integers(4, 8))):
        y = top + 40 + 22 * k
        if k == 2:
            cv2.rectangle(img, (7, y - 15), (div - 9, y + 5), (150, 150, 150), -1)
        text(img, f"07/2011  problem {k + 1}", 10, y, 0.45)
    text(img, "Most recent notes", 8, top + 230, 0.45)
    for k in range(8):
        text(img, f"-- item {k} --------", 10, top + 260 + 24 * k, 0.45)
    text(img, "New notes in this encounter", div + 8, top + 14, 0.45)
    for k, lab in enumerate(("Subjective", "Objective", "Assessment", "Plan")):
        y = top + 40 + 80 * k
        text(img, lab, div + 10, y, 0.45)
        cv2.rectangle(img, (div + 8, y + 6), (w - 8, y + 60), (255, 255, 255), -1)
        text(img, "Each field grows as text is added to it.", div + 12, y + 28, 0.45)
    x = 6
    for lab in ("Inbox", "Waiting", "Patient", "Notes", "Meds", "Documents", "Reports"):
        tw = cv2.getTextSize(lab, FONT, 0.45, 1)[0][0]
        cv2.rectangle(img, (x, h - 48), (x + tw + 12, h - 26), (120, 120, 120), 1)
        text(img, lab, x + 6, h - 32, 0.45)
        x += tw + 16
    img[h - 22:] = (225, 225, 225)
    text(img, "11:59 You must pick a value from the list.", 6, h - 7, 0.42)
    cv2.rectangle(img, (0, 0), (w - 1, h - 1), (110, 110, 110), 1)
    return img

def side_by_side(a, b, gap=12, colour=255):
    h = max(a.shape[0], b.shape[0])
    out = np.full((h, a.shape[1] + gap + b.shape[1], 3), colour, np.uint8)
    out[:a.shape[0], :a.shape[1]] = a
    out[:b.shape[0], a.shape[1] + gap:] = b
    return out


def pad(im, m=20):
    return cv2.copyMakeBorder(im, m, m, m, m, cv2.BORDER_CONSTANT, value=(255, 255, 255))


def _whole(img) -> bool:
    out = split_panels(img)
    return len(out) == 1 and out[0].w >= 0.95 * img.shape[1] and out[0].h >= 0.95 * img.shape[0]


@pytest.mark.parametrize("seed", range(4))
def test_window_with_two_panes_stays_whole(seed):
    # a list pane and an editor pane parted by a full-height divider; before: 2 pieces
    assert _whole(app_with_panes(seed=seed))


@pytest.mark.parametrize("seed", range(3))
def test_window_with_a_centred_form_stays_whole(seed):
    assert _whole(app_with_form(seed=seed))
    assert _whole(app_with_form(seed=seed, gradient=False))


@pytest.mark.parametrize("seed", range(3))
def test_window_with_a_dialog_over_a_form_stays_whole(seed):
    assert _whole(app_with_dialog(seed=seed))


def test_window_pieces_are_one_window():
    img = app_with_panes(seed=1)
    h, w = img.shape[:2]
    pieces = [Box(5, 133, 640, 500), Box(660, 104, w - 670, 480)]
    assert _app_window(img, pieces)
    assert _chrome_band(img, True) is not None and _chrome_band(img, False) is not None


@pytest.mark.parametrize("gap", [0, 12])
@pytest.mark.parametrize("kind", ["form", "flat", "panes", "dialog"])
def test_two_windows_side_by_side_are_no_one_window(kind, gap):
    make = {"form": lambda s: app_with_form(600, 480, s), "flat": lambda s: app_with_form(600, 480, s, gradient=False),
            "panes": lambda s: app_with_panes(640, 480, s), "dialog": lambda s: app_with_dialog(600, 480, s)}[kind]
    a, b = make(0), make(1)
    img = side_by_side(a, b, gap=gap)
    pieces = [Box(0, 0, a.shape[1], a.shape[0]), Box(a.shape[1] + gap, 0, b.shape[1], b.shape[0])]
    assert not _app_window(img, pieces)
    assert not _app_window(pad(img), [Box(p.x + 20, p.y + 20, p.w, p.h) for p in pieces])


@pytest.mark.parametrize("kind", ["form", "panes", "dialog"])
def test_two_windows_on_a_page_split_in_two(kind):
    make = {"form": lambda s: app_with_form(600, 480, s), "panes": lambda s: app_with_panes(640, 480, s),
            "dialog": lambda s: app_with_dialog(600, 480, s)}[kind]
    a, b = make(0), make(1)
    img = pad(side_by_side(a, b, gap=12))
    out = split_panels(img)
    assert len(out) == 2
    left, right = sorted(out, key=lambda p: p.x)
    assert left.x + left.w <= 20 + a.shape[1] + 4 and right.x >= 20 + a.shape[1] + 12 - 4
    assert min(left.w, right.w) >= 0.8 * a.shape[1]


def test_banner_over_two_charts_is_no_window():
    # a grey banner across the top and a grey footer, two framed charts between them: the banner is
    # one piece as wide as the figure, so no bar runs over the pieces' sides
    img = np.full((520, 900, 3), 255, np.uint8)
    img[:40] = (180, 180, 180)
    text(img, "Results of the two arms", 300, 26, 0.7)
    img[-30:] = (180, 180, 180)
    for k in range(2):
        x0 = 40 + k * 440
        cv2.rectangle(img, (x0, 70), (x0 + 380, 460), (0, 0, 0), 1)
        pts = np.array([[x0 + 10 + 9 * i, 400 - int(120 * np.sin(i / 6 + k))] for i in range(40)], np.int32)
        cv2.polylines(img, [pts], False, (200, 60, 0), 2)
    pieces = [Box(0, 0, 900, 40), Box(40, 70, 381, 391), Box(480, 70, 381, 391)]
    assert not _app_window(img, pieces)


def _photos():
    if not REALDATA.exists():
        pytest.skip(SHARED_SKIP)
    return photo_paths()


@pytest.mark.parametrize("seed", [3, 7, 11, 15, 19, 23, 27])
def test_photos_touching_are_no_window(seed):
    # grids with no gutter (photos to the edge): a seam runs down the top rows at every meeting
    g = make_grid(seed, _photos())
    assert not _app_window(g.image, [Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in g.boxes])


@pytest.mark.parametrize("seed", [1, 2, 5, 6, 9, 10, 13, 14])
def test_photos_on_a_grey_or_black_ground_are_no_window(seed):
    # a flat ground round the photographs (a margin of one colour on all four sides) is a page,
    # however flat its top rows are
    g = make_grid(seed, _photos())
    boxes = [Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in g.boxes]
    assert not _app_window(g.image, boxes)
    m = cv2.copyMakeBorder(g.image, 14, 14, 14, 14, cv2.BORDER_CONSTANT, value=(96, 96, 96))
    assert not _app_window(m, [Box(b.x + 14, b.y + 14, b.w, b.h) for b in boxes])
