"""Round 45, counts: a screenshot of one window or one web page is one panel, and panels never nest.

- A piece lying inside a larger piece's box is part of it (`nested.absorb_nested`): a window's logo
  left as a piece inside the window the joins grew round it.
- Pieces on one light tinted face set on white paper are one window (`screens.join_cards`): the
  XY-cut reads a dialog's grey bands between its logo, fields and group box as gutters. A tinted
  ground running to the figure's edges is the figure's own ground (panels on a grey page), and a
  card holding one piece joins nothing.
- A page that opens with an app bar (marks against both sides, a rule right across under them) is
  one screenshot (`screens.page_bar`); a centred title over a rule is no app bar.
Set 31's annotation rule: "each separate photograph, screenshot, slide ... of the layout"; "A single
figure is one panel".

The figures are composed here (photographs from `../shared/realdata/photos`, text and chrome drawn with
OpenCV)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.nested import absorb_nested
from derm1m_build.pmc.panels.screens import join_cards, page_bar

FONT = cv2.FONT_HERSHEY_SIMPLEX
PHOTOS = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "photos" / "clinical"


def photo(i: int, w: int, h: int) -> np.ndarray:
    p = sorted(PHOTOS.glob("*.jpg"))[i]
    return cv2.resize(cv2.imread(str(p)), (w, h), interpolation=cv2.INTER_AREA)


def text(img: np.ndarray, s: str, x: int, y: int, scale: float = 0.45, col=(30, 30, 30)) -> None:
    cv2.putText(img, s, (x, y), FONT, scale, col, 1, cv2.LINE_AA)


def window(img: np.ndarray, x: int, y: int, w: int, h: int) -> None:
    """A dialog on the page: a title bar with three buttons, a flat light grey face (237), a logo (a
    photograph), two rows of fields and buttons, a group box with two buttons."""
    img[y:y + h, x:x + w] = 237
    img[y:y + 24, x:x + w] = 226
    for k in range(3):
        cv2.circle(img, (x + 14 + 18 * k, y + 12), 5, (80, 90, 200), -1)
    text(img, "Conformance Checker", x + w // 2 - 80, y + 17, 0.45, (90, 90, 90))
    img[y + 40:y + 100, x + 14:x + 120] = photo(0, 106, 60)
    text(img, "Please choose a file and press Run", x + 140, y + 75)
    for k, yy in enumerate((y + 130, y + 170)):
        cv2.rectangle(img, (x + 14, yy), (x + w - 150, yy + 24), (255, 255, 255), -1)
        text(img, "file not chosen" if k == 0 else "please specify profile", x + 20, yy + 17)
        cv2.rectangle(img, (x + w - 130, yy), (x + w - 14, yy + 24), (250, 250, 250), -1)
        cv2.rectangle(img, (x + w - 130, yy), (x + w - 14, yy + 24), (170, 170, 170), 1)
        text(img, "Choose", x + w - 100, yy + 17)
    cv2.rectangle(img, (x + 10, y + 230), (x + w - 10, y + h - 12), (150, 150, 150), 1)
    text(img, "Report", x + 16, y + 236)
    for k, xx in enumerate((x + 60, x + w // 2 + 20)):
        cv2.rectangle(img, (xx, y + 260), (xx + 150, y + 284), (250, 250, 250), -1)
        text(img, "Save" if k == 0 else "View", xx + 50, y + 277)


def windows(n: int) -> np.ndarray:
    img = np.full((30 + 350 * n, 620, 3), 255, np.uint8)
    for k in range(n):
        window(img, 10, 10 + 350 * k, 520, 320)
    return img


def web_page(bar: bool = True, centred: bool = False) -> np.ndarray:
    """A web page's screenshot: an app bar (menu button, site name; search field, sign-in) over a rule
    right across, then a poster beside its title, a film still, paragraphs of text."""
    img = np.full((700, 600, 3), 255, np.uint8)
    if bar:
        if centred:
            text(img, "Films of the year", 220, 22, 0.55)
        else:
            for k in range(3):
                cv2.line(img, (12, 10 + 5 * k), (26, 10 + 5 * k), (40, 40, 40), 2)
            text(img, "Film shop", 36, 22, 0.5)
            cv2.rectangle(img, (400, 6), (500, 26), (180, 180, 180), 1)
            text(img, "Search", 408, 21, 0.4, (150, 150, 150))
            cv2.rectangle(img, (520, 6), (588, 26), (200, 120, 40), 1)
            text(img, "Sign in", 528, 21, 0.4, (200, 120, 40))
        img[32, :] = 200
    img[60:240, 80:210] = photo(1, 130, 180)
    text(img, "A film (2016)", 240, 90, 0.7)
    text(img, "drama, history", 240, 120, 0.4, (200, 120, 40))
    cv2.rectangle(img, (420, 200), (520, 230), (200, 120, 40), -1)
    img[270:470, 80:520] = photo(2, 440, 200)
    for k in range(6):
        text(img, "In the second world war a medic refuses to carry a gun" if k < 5 else "and saves lives.", 80, 505 + 22 * k, 0.42)
    for k in range(3):
        text(img, "Cast: an actor, another actor, a third one", 80, 650 + 18 * k, 0.4, (200, 120, 40))
    return img


def grey_page() -> np.ndarray:
    """Two photographs on a light grey page (the tint runs to the figure's edges): two panels."""
    img = np.full((260, 620, 3), 237, np.uint8)
    img[20:240, 20:290] = photo(3, 270, 220)
    img[20:240, 330:600] = photo(4, 270, 220)
    return img


def boxes(img: np.ndarray) -> list[list[int]]:
    return [b.xyxy for b in split_panels(img)]


@pytest.mark.parametrize("make, expected", [
    (lambda: windows(1), [[19, 17, 521, 319]]),                       # main: 3 pieces, the logo one of them
    (lambda: windows(2), [[19, 17, 522, 320], [18, 367, 522, 670]]),  # main: 6
    (lambda: web_page(), [[11, 6, 588, 688]]),                        # main: 4 (the bar's search field a piece)
    (lambda: web_page(bar=False), [[80, 60, 390, 240], [420, 200, 521, 231], [80, 270, 520, 688]]),
    (lambda: web_page(centred=True), [[80, 60, 210, 240], [222, 10, 390, 124], [420, 200, 521, 231], [80, 270, 520, 688]]),
    (grey_page, [[20, 20, 290, 240], [330, 20, 600, 240]]),
])
def test_split(make, expected):
    assert boxes(make()) == expected


def test_page_bar():
    assert page_bar(web_page()) is True
    assert page_bar(web_page(bar=False)) is False
    assert page_bar(web_page(centred=True)) is False    # a centred title over a rule
    assert page_bar(grey_page()) is False


def test_join_cards():
    img = windows(2)
    top = [Box(19, 17, 112, 94), Box(31, 17, 487, 189), Box(20, 236, 502, 84)]
    low = [Box(b.x, b.y + 350, b.w, b.h) for b in top]
    assert [b.xyxy for b in join_cards(img, top + low)] == [[19, 367, 522, 670], [19, 17, 522, 320]]
    # one piece on each card: nothing to join
    one = [Box(19, 17, 502, 303), Box(19, 367, 502, 303)]
    assert join_cards(img, one) == one
    # the grey ground runs to the figure's edges: the figure's ground, no card
    two = [Box(20, 20, 270, 220), Box(330, 20, 270, 220)]
    assert join_cards(grey_page(), two) == two


def test_absorb_nested():
    big, logo, other = Box(0, 0, 528, 284), Box(11, 48, 107, 76), Box(540, 0, 100, 284)
    assert absorb_nested([logo, big, other]) == [big, other]
    # overlapping in part only (under 90 % of the smaller one inside): both stay
    corner = Box(500, 250, 60, 60)
    assert absorb_nested([big, corner]) == [big, corner]
    # a piece sticking out of its home a little: the home grows to hold it
    edge = Box(-5, 40, 100, 80)
    assert [b.xyxy for b in absorb_nested([big, edge])] == [[-5, 0, 528, 284]]
