"""Round 46, counts: a program window filling the figure is one panel (`screens.window_face`), and so
is a viewer with a pane docked at its side (`screens.docked_pane`).

The XY-cut reads a window's light grey face between its header fields, button rows and list as
gutters of any colour, and a menu dropped down over the title bar makes one more strip. A window's
face runs along the figure's left, right and bottom edges and stops under a title bar drawn right
across the top; photographs on a grey page have the grey along all four edges, and a window without
its title bar is not taken for one (the split stands).
A pane docked at the figure's side (one flat dark grey down the whole side and along the top and
bottom edges for its width) beside a page on paper is one screenshot; a pane set inside the figure
with paper round it, and a photograph running to the edges, are not taken for one.
Set 32's annotation rule: "each separate photograph, screenshot, slide ... of the layout"; "A single
figure is one panel".

The figures are composed here (photographs from `../shared/realdata/photos`, chrome and words drawn
with OpenCV)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.screens import docked_pane, window_face

FONT = cv2.FONT_HERSHEY_SIMPLEX
PHOTOS = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "photos" / "clinical"
FACE = 236


def photo(i: int, w: int, h: int) -> np.ndarray:
    p = sorted(PHOTOS.glob("*.jpg"))[i]
    return cv2.resize(cv2.imread(str(p)), (w, h), interpolation=cv2.INTER_AREA)


def text(img: np.ndarray, s: str, x: int, y: int, scale: float = 0.4, col=(30, 30, 30)) -> None:
    cv2.putText(img, s, (x, y), FONT, scale, col, 1, cv2.LINE_AA)


def app(title: bool = True, menu: bool = True) -> np.ndarray:
    """A program window filling the figure under the desktop's menu bar: a title bar (a grey gradient
    between two dark lines, three buttons, the title), a grey face with header fields left and right,
    a rule, rows of option buttons and command buttons, a white list, a status line; a menu dropped
    down from the menu bar over the title bar."""
    H, W = 520, 800
    img = np.full((H, W, 3), FACE, np.uint8)
    img[:18] = 250                                   # the desktop's menu bar
    for k, word in enumerate(("Shell", "File", "Actions", "Options", "Help")):
        text(img, word, 30 + 70 * k, 13)
    if title:
        img[18] = 60
        for r in range(19, 40):
            img[r] = 228 - (r - 19)                  # the title bar's gradient
        img[40] = 175
        for k in range(3):
            cv2.circle(img, (14 + 18 * k, 29), 5, (80, 90, 200), -1)
        text(img, "Package Shell", W // 2 - 50, 34, 0.4, (60, 60, 60))
    else:
        img[:18] = FACE
    text(img, "Repository", 10, 65)
    text(img, "/home/user/packages", 10, 90)
    text(img, "Last command: update", 10, 125)
    text(img, "Root at /usr/local", W - 170, 65)
    text(img, "manager: r54143", W - 150, 90)
    img[160:162, 4:W - 4] = 200                      # a rule across the face
    for k in range(3):
        y = 190 + 30 * k
        cv2.circle(img, (20, y), 7, (250, 250, 250), -1)
        text(img, ("Installed", "All", "Updatable")[k], 34, y + 5)
        cv2.rectangle(img, (W - 150, y - 11), (W - 20, y + 11), (252, 252, 252), -1)
        cv2.rectangle(img, (W - 150, y - 11), (W - 20, y + 11), (170, 170, 170), 1)
        text(img, ("Install", "Update", "Remove")[k] + " marked", W - 140, y + 5)
    img[300:480, 8:W - 8] = 255                      # the list
    for k in range(8):
        text(img, f"package{k:02d}      {15878 + 97 * k}      fonts and macros for documents", 20, 322 + 21 * k)
    text(img, "Idle", 10, 505)
    for k, word in enumerate(("Show logs", "Restart", "Quit")):
        x = W - 330 + 110 * k
        cv2.rectangle(img, (x, 490), (x + 100, 512), (252, 252, 252), -1)
        text(img, word, x + 10, 505)
    if menu:
        img[18:80, 200:420] = 246                    # the dropped-down menu, over the title bar
        for k, word in enumerate(("Regenerate database", "Regenerate formats", "Regenerate maps")):
            text(img, word, 215, 36 + 18 * k)
    return img


def grey_page(heading: bool = False) -> np.ndarray:
    """Two photographs on a light grey page: the ground runs along all four edges; with `heading`, a
    white strip with a title along the top (the grey then stops under it, as a window's face does,
    but under paper, not under a title bar)."""
    img = np.full((400, 700, 3), FACE, np.uint8)
    img[70:370, 30:330] = photo(1, 300, 300)
    img[70:370, 370:670] = photo(2, 300, 300)
    if heading:
        img[:40] = 255
        text(img, "Lesions before and after treatment", 200, 26, 0.5)
    return img


def viewer(docked: bool = True, pane=None) -> np.ndarray:
    """A document viewer: a dark grey pane at the left (tabs, a white tree of entries inside its
    frame) beside the page, boxes of text on paper, the widest running on past the right edge.
    `docked=False`: the pane inset, paper round it; `pane`: a photograph in its place."""
    H, W = 600, 800
    img = np.full((H, W, 3), 255, np.uint8)
    x0, y0, y1 = (0, 0, H) if docked else (20, 20, H - 20)
    if pane is None:
        img[y0:y1, x0:x0 + 300] = 58
        img[y0 + 40:y1 - 10, x0 + 8:x0 + 292] = 248
        text(img, "Content   Order   Tags", x0 + 10, y0 + 28, 0.45, (230, 230, 230))
        for k in range(12):
            text(img, f"[{k + 1}] entry {k + 1} of the page", x0 + 30 + 12 * (k % 3), y0 + 70 + 26 * k)
        img[y0:y1, x0 + 300:x0 + 304] = 215                   # the splitter bar
    else:
        img[y0:y1, x0:x0 + 300] = pane
    for k, (y, h, w) in enumerate(((80, 40, 120), (160, 130, 480), (330, 40, 90), (420, 110, 420))):
        x = 360
        cv2.rectangle(img, (x, y), (min(W + 5, x + w), y + h), (90, 90, 90), 1)
        for j in range(h // 20):
            text(img, "the words of the page in one line", x + 20, y + 18 + 20 * j, 0.4)
    return img


@pytest.mark.parametrize("case, want", [
    ("window", [Box(0, 3, 800, 506)]),   # main: 3 pieces (the menu with the title bar's left, its right, the rest)
    ("grey page", [Box(30, 70, 300, 300), Box(370, 70, 300, 300)]),
    # the heading's words join the photographs they stand over (as on main): still two panels
    ("grey page under a heading", [Box(30, 15, 321, 355), Box(361, 15, 309, 355)]),
    ("viewer", [Box(7, 17, 775, 506)]),   # main: 2 (the tree, the page)
    ("inset pane", [Box(20, 37, 300, 533), Box(360, 80, 422, 443)]),
    ("photograph at the side", [Box(0, 0, 300, 600), Box(360, 80, 422, 443)]),
])
def test_split(case: str, want: list[Box]) -> None:
    img = {"window": app, "grey page": grey_page, "grey page under a heading": lambda: grey_page(True),
           "viewer": viewer, "inset pane": lambda: viewer(False),
           "photograph at the side": lambda: viewer(pane=photo(3, 300, 600))}[case]()
    assert split_panels(img) == want


def test_window_face_sign() -> None:
    win = app()
    assert window_face(win, [Box(0, 0, 400, 140), Box(0, 170, 800, 340)])
    # a piece wholly above the title bar (over the desktop's menu bar) is no part of the window
    assert not window_face(win, [Box(0, 0, 400, 12), Box(0, 170, 800, 340)])
    assert window_face(app(menu=False), [])
    assert not window_face(app(title=False), [])          # no title bar: the face runs up to the menu bar
    assert not window_face(app(title=False, menu=False), [])   # the face along the top edge
    assert not window_face(grey_page(), [])
    assert not window_face(grey_page(True), [])          # paper over the ground, no title bar
    assert not window_face(np.full((300, 300, 3), 255, np.uint8), [])


def test_docked_pane_sign() -> None:
    assert docked_pane(viewer())
    assert docked_pane(viewer()[:, ::-1].copy())            # docked at the right side
    assert not docked_pane(viewer(False))                   # paper round the pane: a panel set in the figure
    assert not docked_pane(viewer(pane=photo(3, 300, 600)))  # a photograph's edge is grain, not one flat grey
    assert not docked_pane(app())
    wide = viewer()
    wide[:, :700] = 58                                      # a dark page with a strip of paper: no pane
    assert not docked_pane(wide)
