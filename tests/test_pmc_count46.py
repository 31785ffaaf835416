"""Round 46, counts: a program window filling the figure is one panel (`screens.window_face`).

The XY-cut reads a window's light grey face between its header fields, button rows and list as
gutters of any colour, and a menu dropped down over the title bar makes one more strip. A window's
face runs along the figure's left, right and bottom edges and stops under a title bar drawn right
across the top; photographs on a grey page have the grey along all four edges, and a window without
its title bar is not taken for one (the split stands).
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
from derm1m_build.pmc.panels.screens import window_face

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


@pytest.mark.parametrize("case, want", [
    ("window", [Box(0, 3, 800, 506)]),   # main: 3 pieces (the menu with the title bar's left, its right, the rest)
    ("grey page", [Box(30, 70, 300, 300), Box(370, 70, 300, 300)]),
    # the heading's words join the photographs they stand over (as on main): still two panels
    ("grey page under a heading", [Box(30, 15, 321, 355), Box(361, 15, 309, 355)]),
])
def test_split(case: str, want: list[Box]) -> None:
    img = {"window": app, "grey page": grey_page, "grey page under a heading": lambda: grey_page(True)}[case]()
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
