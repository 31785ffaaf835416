"""Compound figures, round 13: a panel the image labels and the caption does not name, and letters the
earlier rounds missed (bottom-right labels, serif capital I, a speck inside a label's brackets).

Real cases: composed grids from `benchmarks/pmc/heldout7/` (run once as held out at 02:26 UTC on
2026-12-05, tuning data since; made by that set's compose.py from the real PAD-UFES-20 / ISIC 2017
photographs). Constructed cases: grids built here from the same real photographs.

1. `pairing._unnamed_panel`: a caption naming (a) and (b) and "Melanoma in the last image" over
   panels printed a, b, c gave the unlettered c piece to its lettered neighbour (a sub-plot is
   joined so), and a's row carried a and c; with the caption's count as the prior (`_prior_rows`)
   the left column a + c became a's row. A piece left without a caption letter that prints a letter
   the caption leaves out (before its last letter, or the one after it; read constrained and freely
   alike) keeps the figure whole, and so does such a piece inside a row's crop of a fallback (`_hidden_panel`).
2. Labels at the bottom-right corner (`CORNERS[3]`), looked for by `pair` after the other corners.
3. A serif or slab capital I is wider than a stroke: I when read as capital I constrained and freely.
4. A speck shorter than 0.7 of the glyph inside "(a)"'s brackets does not make the label a word."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.pmc.derm_grids import photo_paths
from conftest import REALDATA, SHARED_SKIP
from derm1m_build.pmc import panels
from derm1m_build.pmc.panels import decisions, figure_panels
from derm1m_build.pmc.panels import pairing  # where pair looks up what the tests patch
from derm1m_build.pmc.panels.pairing import _unnamed_panel

# every figure here is built from the shared real photographs
pytestmark = pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)

SET7 = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout7"


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _set7(name: str) -> dict:
    figs = json.loads((SET7 / "annotations.json").read_text(encoding="utf-8"))["figures"]
    return next(f for f in figs if f["file"] == f"images/{name}")


def _rows(data: bytes, caption: str) -> list[dict]:
    _, p, _ = figure_panels(data, caption)
    return decisions(p)


# ------------------------------------------------------------------ the wrong crops of set 7

@pytest.mark.parametrize("name, reason", [
    # letters a-c (white on black boxes), caption "(a) ... (b) ... Melanoma in the last image"
    ("composed_010.jpg", "uncaptioned_panel: image prints C, caption names A,B"),
    # six panels lettered column-wise a, d / b, e / c, f (yellow), caption names a-e and "the last image"
    ("composed_034.jpg", "uncaptioned_panel: image prints F, caption names A,B,C,D,E"),
    # a wide panel over three, letters a-d at bottom-right, caption names a-c
    ("composed_046.jpg", "uncaptioned_panel: image prints D, caption names A,B,C"),
])
def test_a_panel_the_caption_does_not_name_keeps_the_figure_whole(ocr_ok, name, reason):
    f = _set7(name)
    assert f["rows"] is False
    assert _rows((SET7 / f["file"]).read_bytes(), f["caption"]) == [{"decision": "whole", "reason": reason}]


def test_no_caption_count_fallback_over_an_unnamed_panel(ocr_ok, monkeypatch):
    """composed 010 with the corner pairing made to fail: the caption-count split (left column a + c,
    right b, each top-left showing a caption letter) is refused, as c's piece prints C (since round
    18 the label-cut split says so itself: the detector reads C beside the caption's A and B)."""
    f = _set7("composed_010.jpg")
    rows_of = pairing._rows

    def failing(*a, **k):
        p = rows_of(*a, **k)
        return panels.Pairing([], note="letters_not_found: made to fail") if not p.panels else p
    monkeypatch.setattr(pairing, "_rows", failing)
    assert _rows((SET7 / f["file"]).read_bytes(), f["caption"]) == [
        {"decision": "whole", "reason": "uncaptioned_panel: the image prints C beside the caption's labels, and the"
                                        " caption does not name it"}]


# ------------------------------------------------------------------ letters found this round (set 7)

@pytest.mark.parametrize("name, want", [
    # black on white boxes at bottom-right, lettered column-wise a, c, e / b, d, f
    ("composed_006.jpg", [("A", [12, 12, 293, 236]), ("C", [303, 11, 585, 236]), ("E", [595, 12, 877, 236]),
                          ("B", [12, 247, 293, 472]), ("D", [303, 247, 585, 472]), ("F", [595, 247, 876, 473])]),
    # serif a-d at bottom-right over 1 px black rules, column-wise
    ("composed_054.jpg", [("A", [0, 0, 320, 320]), ("C", [321, 0, 641, 320]), ("B", [0, 321, 320, 641]),
                          ("D", [321, 321, 641, 641])]),
    # yellow "(a)" on light skin with a highlight speck inside its brackets
    ("composed_055.jpg", [("A", [4, 4, 396, 284]), ("B", [4, 288, 396, 568])]),
    # DejaVu Serif Bold A-I above the photos: the serif I
    ("composed_048.jpg", [("A", [0, 8, 280, 271]), ("B", [299, 8, 581, 271]), ("C", [600, 7, 880, 271]),
                          ("D", [0, 298, 280, 560]), ("E", [299, 298, 581, 560]), ("F", [600, 298, 880, 560]),
                          ("G", [0, 587, 280, 850]), ("H", [300, 587, 580, 850]), ("I", [600, 587, 880, 850])]),
    # slab (DejaVu Sans Mono Bold) "I." at bottom-left over thin grey rules
    ("composed_061.jpg", [("A", [0, 0, 281, 281]), ("B", [280, 0, 562, 281]), ("C", [561, 0, 842, 281]),
                          ("D", [0, 280, 281, 562]), ("E", [280, 280, 562, 562]), ("F", [561, 280, 842, 562]),
                          ("G", [0, 561, 280, 842]), ("H", [279, 561, 563, 842]), ("I", [562, 561, 842, 842])]),
])
def test_letters_found_this_round(ocr_ok, name, want):
    f = _set7(name)
    assert f["rows"] is True
    rows = _rows((SET7 / f["file"]).read_bytes(), f["caption"])
    assert [(r["letter"], r["box"]) for r in rows] == want
    truth = dict(zip([L.upper() for L in f["letters"]], f["boxes"]))
    for L, box in want:
        a, b = box, truth[L]
        ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
        iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
        union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy
        assert ix * iy / union >= 0.9, (L, box, b)


# ------------------------------------------------------------------ constructed: two stacked, one tall

def _three(letters: str) -> bytes:
    """Two real photographs stacked left, one tall right, 6 px white gutters; `letters` printed black
    on white boxes at each photo's top-left, in the order top-left, right, bottom-left."""
    paths = [p for p in photo_paths() if "clinical" in p.parts][10:13]
    w, h, g = 260, 200, 6
    img = np.full((2 * h + g, 2 * w + g, 3), 255, np.uint8)
    cells = [(0, 0, w, h), (w + g, 0, w, 2 * h + g), (0, h + g, w, h)]
    for p, (x, y, cw, ch), L in zip(paths, cells, letters):
        im = cv2.imread(str(p), cv2.IMREAD_COLOR)
        img[y:y + ch, x:x + cw] = cv2.resize(im, (cw, ch), interpolation=cv2.INTER_AREA)
        cv2.rectangle(img, (x + 4, y + 4), (x + 36, y + 40), (255, 255, 255), -1)
        cv2.putText(img, L, (x + 9, y + 33), cv2.FONT_HERSHEY_DUPLEX, 1.0, (0, 0, 0), 2, cv2.LINE_AA)
    return cv2.imencode(".png", img)[1].tobytes()


def test_constructed_unnamed_third_panel(ocr_ok):
    data = _three("abc")
    named = "Figure 2. (a) Actinic keratosis on the forearm. (b) Basal cell carcinoma. Melanoma in the last image."
    assert _rows(data, named) == [{"decision": "whole",
                                   "reason": "uncaptioned_panel: image prints C, caption names A,B"}]
    # the same image with a caption naming all three: a row per panel, by letter (rows in the
    # splitter's reading order: the left column, then the tall panel)
    every = "Figure 2. (a) Actinic keratosis on the forearm. (b) Basal cell carcinoma. (c) Melanoma."
    assert [(r["letter"], r["box"]) for r in _rows(data, every)] == [
        ("A", [0, 0, 260, 200]), ("C", [0, 206, 260, 406]), ("B", [266, 0, 526, 406])]


def test_a_letter_past_the_next_one_is_no_unnamed_panel(ocr_ok, realdata):
    """EMBO Rep 2009.217 figure 4 (real, shared/realdata/figures): caption A-D; a sub-plot's corner
    reads F, which is not the letter after D: the figure keeps its four rows, by letter."""
    figs = realdata / "figures"
    f = next(json.loads(line) for line in (figs / "figures.jsonl").read_text(encoding="utf-8").splitlines()
             if "embor.2009.217_f4" in line)
    rows = _rows((figs / f["file"]).read_bytes(), f["caption"])
    assert [(r["letter"], r["box"]) for r in rows] == [
        ("A", [0, 5, 335, 336]), ("B", [358, 2, 649, 336]), ("C", [0, 432, 327, 683]), ("D", [357, 432, 804, 740])]
