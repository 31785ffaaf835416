"""Compound figures, round 12: panel letters of any colour, letters above their photo, and Springer-style
captions with bare a / b / c markers, paired by letter only where the image prints the same letters.

Real cases: composed grids from `benchmarks/pmc/heldout6/` (run once as held out at 00:06 UTC on
2026-12-05, tuning data since; made by that set's compose.py from the real PAD-UFES-20 / ISIC 2017
photographs). Constructed cases: grids built here from the same real photographs, one per family,
with letters printed row-wise and column-wise, so a pairing by position would give wrong crops.

1. A colour look (`glyphs._glyphs(colour=True)`): pixels far (> 60 in any channel) from the local
   median colour; a yellow letter on skin is about as light as the skin in grey.
2. A look in the strip above a photo's top-left corner: a label printed in the white gutter above.
3. A glyph held inside another (a label in its white box, or the paper in a bold a's bowl) is read
   with its holder, and the surer reading names the label (`letters._holder`): the serif a above
   composed 055's first photo read as d from its bowl; a boxed b in case-report layout 69 reads as
   b, its box as d.
4. `split_bare_run`: "a Text b Text" markers with no full stops, used only by `pair`, so only
   letters the image prints make rows."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.pmc.derm_grids import photo_paths
from conftest import REALDATA, SHARED_SKIP
from derm1m_build.pmc import panels
from derm1m_build.pmc.panels import decisions, figure_panels, split_bare_run, split_caption
from derm1m_build.pmc.panels.glyphs import _coloured, _glyphs
from derm1m_build.pmc.panels.letters import _holder

# every figure here is built from the shared real photographs
pytestmark = pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)

SET6 = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout6"


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _set6(name: str) -> dict:
    figs = json.loads((SET6 / "annotations.json").read_text(encoding="utf-8"))["figures"]
    return next(f for f in figs if f["file"] == f"images/{name}")


def _rows(data: bytes, caption: str) -> list[dict]:
    _, p, _ = figure_panels(data, caption)
    return decisions(p)


# ------------------------------------------------------------------ captions

def test_bare_run_markers_without_full_stops():
    cap = ("Fig. 2 Cases from the validation set a Dermoscopic image of a melanocytic nevus b Clinical "
           "photograph: actinic keratosis on the face c A shiny erythematous plaque d Dermoscopy: melanoma")
    subs = split_bare_run(cap)
    assert subs.letters == ["A", "B", "C", "D"]
    assert subs.lead == "Fig. 2 Cases from the validation set"
    assert subs.texts["A"] == "Dermoscopic image of a melanocytic nevus"
    assert subs.texts["C"] == "A shiny erythematous plaque"
    # the ordinary parser does not take them (a caption's own sub_captions never come from here)
    assert split_caption(cap).letters == []


@pytest.mark.parametrize("cap", [
    "Overview of a Bayesian model with a GWAS",          # "a" before capitals, no b
    "Fig. 1 Lesions on the back b Clinical photograph",  # no a
    "Figure 3: Typical presentations. Melanoma, melanocytic nevus: clinical and dermoscopic examples.",
])
def test_bare_run_needs_a_then_b(cap):
    assert split_bare_run(cap).letters == []


# ------------------------------------------------------------------ real composed grids (set 6)

@pytest.mark.parametrize("name, want", [
    # yellow "a." labels at top-left, photos abutting in a 6 px white frame (Nature "a, ..." caption)
    ("composed_009.jpg", [("A", [5, 5, 245, 347]), ("B", [244, 5, 720, 347]), ("C", [719, 5, 1061, 347])]),
    # yellow "(a)" at top-right
    ("composed_031.jpg", [("A", [8, 8, 238, 192]), ("B", [244, 8, 474, 192])]),
    # yellow "(a)" at bottom-left, a wide panel above a row, no gutters
    ("composed_043.jpg", [("A", [0, 0, 900, 270]), ("B", [0, 270, 300, 510]), ("C", [300, 270, 600, 510]),
                          ("D", [600, 270, 900, 510])]),
    # yellow serif "a" on light skin, bare "a Text b Text" caption
    ("composed_021.jpg", [("A", [24, 24, 277, 416]), ("B", [301, 24, 531, 208]), ("C", [301, 232, 531, 416])]),
    # white letters at top-right labelled column-wise (a, c / b, d), bare caption: by letter, not position
    ("composed_011.jpg", None),
])
def test_coloured_letters_pair_by_letter(ocr_ok, name, want):
    f = _set6(name)
    rows = _rows((SET6 / f["file"]).read_bytes(), f["caption"])
    truth = dict(zip([L.upper() for L in f["letters"]], f["boxes"]))
    got = [(r["letter"], r["box"]) for r in rows]
    if want is not None:
        assert got == want
    assert sorted(L for L, _ in got) == sorted(truth)
    for L, box in got:
        assert _iou(box, truth[L]) >= 0.9, (L, box, truth[L])


def test_labels_above_the_photos(ocr_ok):
    """composed 055: a and b printed in the white margin above the top row, the other labels on the
    photos; f is white on pale skin (contrast ~30) and is not read, so the figure stays whole."""
    f = _set6("composed_055.jpg")
    img = cv2.imread(str(SET6 / f["file"]), cv2.IMREAD_COLOR)
    from derm1m_build import ocr
    assert panels.corner_letter(img, panels.Box(16, 31, 230, 187), ocr.read_line, want=set("ABCDEF")) == "A"
    rows = _rows((SET6 / f["file"]).read_bytes(), f["caption"])
    assert rows == [{"decision": "whole", "reason": "letters_disagree: image A,B,C,D,E, caption A,B,C,D,E,F"}]


# ------------------------------------------------------------------ constructed grids, one per family

def _grid(family: str, column_wise: bool) -> tuple[bytes, str, dict]:
    """A 2 x 2 grid of real photographs (clinical ones for the light-skin family) with 14 px white
    gutters; letters A-D printed row-wise or column-wise ("above": the top row's letters in black in a
    36 px white strip above the photos, the bottom row's in white on them). Returns the JPEG, the
    caption and each letter's photo box."""
    paths = photo_paths()
    clinical = [p for p in paths if "clinical" in p.parts]
    dermoscopy = [p for p in paths if "dermoscopy" in p.parts]
    pool = clinical[3:7] if family == "white" else (dermoscopy + clinical)[5::17][:4]
    w, h, g = 240, 200, 14
    top = 36 if family == "above" else 0
    img = np.full((top + 2 * h + g, 2 * w + g, 3), 255, np.uint8)
    cells = [(0, top), (w + g, top), (0, top + h + g), (w + g, top + h + g)]
    names = "ACBD" if column_wise else "ABCD"
    boxes = {}
    font, scale, thick = cv2.FONT_HERSHEY_DUPLEX, 1.1, 3
    for p, (x, y), L in zip(pool, cells, names):
        im = cv2.imread(str(p), cv2.IMREAD_COLOR)
        img[y:y + h, x:x + w] = cv2.resize(im, (w, h), interpolation=cv2.INTER_AREA)
        (tw, th), _ = cv2.getTextSize(L, font, scale, thick)
        if family == "above" and y == top:
            cv2.putText(img, L, (x + 2, y - 6), font, scale, (0, 0, 0), thick, cv2.LINE_AA)
            boxes[L] = [x, y, x + w, y + h]  # the crop is the photo; the label above is no content
        else:
            colour = {"yellow": (0, 230, 255), "white": (255, 255, 255), "above": (255, 255, 255)}[family]
            cv2.putText(img, L, (x + 10, y + 10 + th), font, scale, colour, thick, cv2.LINE_AA)
            boxes[L] = [x, y, x + w, y + h]
    caption = ("Figure 2. Clinical and dermoscopic findings. (A) Melanoma. (B) Nevus. (C) Seborrheic keratosis. "
               "(D) Basal cell carcinoma.")
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return buf.tobytes(), caption, boxes


@pytest.mark.parametrize("family", ["yellow", "white", "above"])
@pytest.mark.parametrize("column_wise", [False, True])
def test_constructed_grids_each_family(ocr_ok, family, column_wise):
    data, caption, boxes = _grid(family, column_wise)
    rows = _rows(data, caption)
    assert [r["letter"] for r in rows] == (["A", "C", "B", "D"] if column_wise else ["A", "B", "C", "D"])
    for r in rows:
        assert _iou(r["box"], boxes[r["letter"]]) >= 0.85, (r["letter"], r["box"], boxes[r["letter"]])


def test_a_boxed_letter_and_a_bowl_read_with_their_holder(ocr_ok):
    from benchmarks.pmc.derm_grids import make_layout
    g = make_layout(69)  # lower-case letters, black in white boxes
    p, _ = panels.pair(g.image, g.caption)
    assert [(L, b.xyxy) for L, b, _ in p.panels] == [
        ("A", [0, 0, 285, 254]), ("B", [298, 0, 583, 254]), ("C", [0, 267, 185, 407]),
        ("D", [198, 267, 383, 407]), ("E", [396, 267, 583, 407])]


def test_a_reader_that_sees_no_letters_keeps_a_grid_whole():
    """Without letters read, the same grid stays whole with its whole caption: no pairing by position."""
    data, caption, _ = _grid("yellow", True)
    _, p, _ = figure_panels(data, caption, read=lambda *a, **k: ("", 0.0), detect=lambda *a, **k: [])
    d = decisions(p)
    assert len(d) == 1 and d[0]["decision"] == "whole"


def test_grey_patches_get_no_colour_look():
    grey = np.full((40, 60, 3), 128, np.uint8)
    grey[10:30, 10:20] = 20
    assert not _coloured(grey)
    skin = np.zeros((40, 60, 3), np.uint8)
    skin[:] = (140, 160, 210)  # BGR: light skin
    skin[10:30, 10:14] = (0, 230, 255)  # a yellow stroke
    assert _coloured(skin)
