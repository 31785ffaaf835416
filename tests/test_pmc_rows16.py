"""Compound figures, round 16 (rows): caption styles that named panels and were not parsed, and
labels that were printed and not paired.

Real cases: figures of the tuning sets `benchmarks/pmc/heldout2/` (real arXiv figure) and
`benchmarks/pmc/heldout8/` (run once as held out at 05:52 UTC on 2026-12-05, tuning data since;
scikit-image gallery figures and grids composed from the real PAD-UFES-20 / ISIC photographs).
Constructed cases: grids built here from the same real photographs (`../shared/realdata/photos`).

1. `split_positions`: a place and a comma opening a sentence ("Left, original data. Middle, noisy
   blurred data. Right, restoration.", "Top, ... Middle, ... Bottom, ...") names the panels by
   place, as "Left:" did; an ordinal never does ("First, the cells were fixed." is prose).
   `split_caption`: markers "A) text", "a) text", "A. Text", "Panel A: text" opening a sentence.
2. `split_figure_refs`: a caption naming its panels only as "Fig. 3a", "Figs. 3a and 3b" of its own
   figure number gives letters a, b, c that the image must print (like the bare-letter run); a
   reference to another figure ("than those of MNIST in Fig. 1") names nothing; so do labels
   "(1a = lateral view, 1b = caudal view)" with the own figure number.
3. `_mixed_corner_rows`: panels labelled each at a corner of its own ("a" top-left, "b"
   top-right, "c" bottom-left) pair when every piece of the gutter split carries exactly one
   caption letter over its corners; a piece showing two letters, or one showing none, keeps the
   figure whole.
4. `_bracket_side(lean=True)`: an italic "(" or ")" beside a label leans; it is still a bracket, so
   a red italic "(d)" on skin is a label, not a word's letter.
5. `_subcaption_rows`: sub-captions printed under their panels, each line opening with its
   bracketed label and centred under its plot ("(a) CIFAR-10"), pair by letter; the row's crop
   takes the printed sub-caption.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.pmc.derm_grids import photo_paths
from conftest import REALDATA, SHARED_SKIP
from derm1m_build.pmc import panels
from derm1m_build.pmc.panels import decisions, figure_panels, split_figure_refs, split_positions
from derm1m_build.pmc.panels.glyphs import _bracket_side
from derm1m_build.pmc.panels.pairing import _mixed_corner_rows, _subcaption_block

PMC = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc"


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def _entry(set_dir: str, name: str) -> dict:
    data = json.loads((PMC / set_dir / "annotations.json").read_text(encoding="utf-8"))
    figs = data["figures"] if isinstance(data, dict) else data
    return next(f for f in figs if f["file"] == f"images/{name}")


def _rows(data: bytes, caption: str) -> list[dict]:
    _, p, _ = figure_panels(data, caption)
    return decisions(p)


def _named(rows: list[dict]) -> list[tuple]:
    return [(r["letter"], r["box"]) for r in rows]


# ------------------------------------------------------------------ 1. "Left, ..." captions

def test_place_and_comma_at_sentence_starts_name_panels():
    got = split_positions("Fig. 2. Richardson-Lucy deconvolution. Left, original data. Middle, noisy blurred data. "
                          "Right, restoration.")
    assert got.lead == "Fig. 2. Richardson-Lucy deconvolution."
    assert got.letters == ["left", "middle", "right"]
    assert got.texts == {"left": "original data.", "middle": "noisy blurred data.", "right": "restoration."}
    got = split_positions("Figure 3. Lesions misclassified by the model. Top, clinical photograph of a basal cell "
                          "carcinoma on the forearm. Middle, seborrheic keratosis under dermoscopy: fissures and "
                          "ridges. Bottom, clinical photograph of an actinic keratosis on the forearm.")
    assert got.letters == ["top", "middle", "bottom"]
    assert got.texts["middle"] == "seborrheic keratosis under dermoscopy: fissures and ridges."
    # Science style, clauses after semicolons
    got = split_positions("Figure 1. Nodular melanoma. Left, clinical image; right, dermoscopy.")
    assert got.letters == ["left", "right"]
    assert got.texts == {"left": "clinical image", "right": "dermoscopy."}


@pytest.mark.parametrize("caption", [
    "Figure 5. Staining. First, the cells were fixed. Second, they were stained with haematoxylin.",
    "Figure 5. Left, right and middle panels show the same lesion at three times.",
    "Figure 5. Left, the lesion before treatment.",  # one place names no layout
    "Figure 5. The lesion was left, untreated, for a year. Right, after treatment.",  # "left," inside a sentence
])
def test_ordinals_single_places_and_words_inside_sentences_name_nothing(caption):
    assert split_positions(caption) is None


def test_left_right_comma_caption_gives_position_rows():
    """scikit-image radon transform (set 8, real): "Left, the Shepp-Logan phantom. Right, its sinogram."
    was `caption_names_no_panels`; now two rows by place with the split's boxes."""
    f = _entry("heldout8", "skimage_radon_transform_001.png")
    rows = _rows((PMC / "heldout8" / f["file"]).read_bytes(), f["caption"])
    assert [(r["letter"], r["box"], r["sub_caption"]) for r in rows] == [
        ("left", [17, 35, 385, 409], "Fig. 3. Radon transform. the Shepp-Logan phantom."),
        ("right", [396, 14, 787, 436], "Fig. 3. Radon transform. its sinogram.")]


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_top_middle_bottom_comma_caption_on_a_composed_column():
    """Set 8 composed 009 (three photos stacked, no gutters): rows top, middle, bottom, each photo exactly."""
    f = _entry("heldout8", "composed_009.jpg")
    rows = _rows((PMC / "heldout8" / f["file"]).read_bytes(), f["caption"])
    assert _named(rows) == [("top", [0, 0, 435, 218]), ("middle", [0, 218, 435, 436]), ("bottom", [0, 436, 435, 654])]


# ------------------------------------------------------------------ 1b. other marker styles

@pytest.mark.parametrize("caption, letters, texts", [
    ("Figure 1. Melanoma. A) Clinical photograph of the back. B) Dermoscopy showing a blue-white veil.",
     ["A", "B"], ["Clinical photograph of the back.", "Dermoscopy showing a blue-white veil."]),
    ("Figure 1. Melanoma. a) Clinical photograph of the back. b) Dermoscopy showing a blue-white veil.",
     ["A", "B"], ["Clinical photograph of the back.", "Dermoscopy showing a blue-white veil."]),
    ("Figure 1. Melanoma. A. Clinical photograph of the back. B. Dermoscopy showing a blue-white veil.",
     ["A", "B"], ["Clinical photograph of the back.", "Dermoscopy showing a blue-white veil."]),
    ("Figure 1. Melanoma. a. Clinical photograph. b. Dermoscopy.", ["A", "B"], ["Clinical photograph.", "Dermoscopy."]),
    ("Figure 1. Melanoma. Panel A: clinical photograph of the back. Panel B: dermoscopy.",
     ["A", "B"], ["clinical photograph of the back.", "dermoscopy."]),
    ("Figure 1. Melanoma. Panels A and B: clinical photographs. Panel C: dermoscopy.",
     ["A", "B", "C"], ["clinical photographs.", "clinical photographs.", "dermoscopy."]),
    ("Figure 1. Results. A) X; B) Y; C) Z.", ["A", "B", "C"], ["X", "Y", "Z."]),
])
def test_closing_bracket_full_stop_and_panel_word_markers(caption, letters, texts):
    got = panels.split_caption(caption)
    assert got.lead == caption.split(". ")[0] + ". " + caption.split(". ")[1] + "."
    assert got.letters == letters
    assert [got.texts[L] for L in letters] == texts


@pytest.mark.parametrize("caption", [
    "Figure 1. Lesions photographed by A. Smith and B. Jones.",  # initials inside a sentence
    "Figure 2: Images. 1a) Shows the slice. b) Shows the radiograph.",  # starts at b: no a
    "Figure 1. Two lesions. B) the second.",                     # no A
])
def test_initials_and_runs_not_from_a_name_no_panels(caption):
    assert panels.split_caption(caption).letters == []


# ------------------------------------------------------------------ 2. "Fig. 3a" references

CHAUDHARI_FIG2 = ("Figure 2: Eigenspectrum of D(x) at three instants during training (20%, 40% and 100% completion, "
                  "darker is later). The eigenvalues are much larger in magnitude here than those of MNIST in Fig. 1, "
                  "this suggests a larger gradient diversity for CIFAR-10 and CIFAR-100. The diffusion matrix for "
                  "CIFAR-100 in Fig. 2b has larger eigenvalues and is more non-isotropic and has a much larger rank "
                  "than that of Fig. 2a; this suggests that gradient diversity increases with the number of classes. "
                  "As Fig. 2a and Fig. 2c show, augmenting input data increases both the mean and the variance of the "
                  "eigenvalues while keeping the rank almost constant.")


def test_own_figure_references_name_panels():
    got = split_figure_refs(CHAUDHARI_FIG2)
    assert got.letters == ["A", "B", "C"]
    assert got.lead.startswith("Figure 2: Eigenspectrum of D(x)") and got.lead.endswith("CIFAR-10 and CIFAR-100.")
    assert got.texts["B"].startswith("The diffusion matrix for CIFAR-100 in Fig. 2b")
    assert got.texts["A"] == got.texts["B"] + " " + got.texts["C"]  # named in both sentences
    assert got.texts["C"].startswith("As Fig. 2a and Fig. 2c show")
    got = split_figure_refs("Figure 4: Gradient field. Fig. 4a,b show the flow. In Fig. 4c the limit cycle.")
    assert got.letters == ["A", "B", "C"]
    assert got.texts == {"A": "Fig. 4a,b show the flow.", "B": "Fig. 4a,b show the flow.",
                         "C": "In Fig. 4c the limit cycle."}
    assert split_figure_refs("Fig. 3. Figs. 3a-c show the spectra.").letters == ["A", "B", "C"]


def test_number_and_letter_labels_of_the_own_figure():
    got = split_figure_refs("Figure 1: Ex-vivo femur loaded in a testing machine. A sensor was applied to the "
                            "lateral surface (1a = lateral view, 1b = caudal view).")
    assert got.letters == ["A", "B"]
    assert got.lead == "Figure 1: Ex-vivo femur loaded in a testing machine."
    # another figure's "1a)" in figure 2's caption names nothing; nor does a number in a ratio or a decimal
    assert split_figure_refs("Figure 2: Images. 1a) Shows the slice. b) Shows the radiograph.").letters == []
    assert split_figure_refs("Figure 3: Values 3.1a) and 2:3b) only.").letters == []


def test_number_letter_labels_pair_by_printed_letters(ocr_ok):
    """Set 2 meeson2019 figure 1 (real, letters printed on the two photographs): two rows by letter."""
    f = _entry("heldout2", "meeson2019_fig1.jpg")
    rows = _rows((PMC / "heldout2" / f["file"]).read_bytes(), f["caption"])
    assert _named(rows) == [("A", [3, 0, 772, 1070]), ("B", [771, 0, 1337, 1070])]


@pytest.mark.parametrize("caption", [
    "Figure 2: Spectra. Unlike Fig. 1a and Fig. 1b, these are flat.",  # another figure's panels
    "Figure 2: Spectra. Fig. 2a shows the first; Fig. 2c the third.",  # a gap: b never named
    "Figure 2: Spectra. Fig. 2a shows everything.",                  # one letter
    "Spectra. Fig. 2a and Fig. 2b show them.",                       # no figure number of its own
])
def test_references_that_name_no_panel_set(caption):
    assert split_figure_refs(caption).letters == []


def test_figure_references_pair_only_by_printed_letters(ocr_ok):
    """Set 2 chaudhari2018 figure 3 (real arXiv figure, letters (a)-(c) printed): rows a, b, c by letter."""
    f = _entry("heldout2", "chaudhari2018_fig3.png")
    rows = _rows((PMC / "heldout2" / f["file"]).read_bytes(), f["caption"])
    assert _named(rows) == [("A", [20, 13, 391, 379]), ("B", [408, 10, 778, 377]), ("C", [795, 20, 1166, 391])]
    assert rows[2]["sub_caption"] == "Figure 3: Moreover the gradient at these locations is quite large (Fig. 3c)."


# ------------------------------------------------------------------ 3. labels at mixed corners

def _wide_over_two(labels: list[tuple[int, tuple[int, int], str]], start: int = 20) -> bytes:
    """A wide real photograph over two, 8 px white gutters; `labels`: (cell, (right?, bottom?), letter),
    black on a white box in that corner of that cell."""
    paths = [p for p in photo_paths() if "dermoscopic" in p.parts or "clinical" in p.parts][start:start + 3]
    W, h1, h2, g = 420, 170, 210, 8
    img = np.full((h1 + g + h2, W, 3), 255, np.uint8)
    cells = [(0, 0, W, h1), (0, h1 + g, 206, h2), (214, h1 + g, 206, h2)]
    for p, (x, y, cw, ch) in zip(paths, cells):
        img[y:y + ch, x:x + cw] = cv2.resize(cv2.imread(str(p), cv2.IMREAD_COLOR), (cw, ch), interpolation=cv2.INTER_AREA)
    for cell, (fx, fy), letter in labels:
        x, y, cw, ch = cells[cell]
        lx, ly = (x + cw - 38 if fx else x + 4), (y + ch - 42 if fy else y + 4)
        cv2.rectangle(img, (lx, ly), (lx + 32, ly + 36), (255, 255, 255), -1)
        cv2.putText(img, letter, (lx + 5, ly + 29), cv2.FONT_HERSHEY_DUPLEX, 1.0, (0, 0, 0), 2, cv2.LINE_AA)
    return cv2.imencode(".png", img)[1].tobytes()


CAPTION3 = "Figure 4. Lesions. (a) Melanoma on the back. (b) Melanocytic nevus. (c) Basal cell carcinoma."
BOXES3 = [("A", [0, 0, 420, 170]), ("B", [0, 178, 206, 388]), ("C", [214, 178, 420, 388])]


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
@pytest.mark.parametrize("corners", [
    ((0, 0), (1, 0), (0, 1)),   # top-left, top-right, bottom-left
    ((1, 0), (0, 1), (1, 1)),   # top-right, bottom-left, bottom-right
    ((0, 0), (1, 1), (1, 0)),
])
def test_labels_at_mixed_corners_pair_by_letter(ocr_ok, corners):
    data = _wide_over_two([(i, c, L) for i, (c, L) in enumerate(zip(corners, "abc"))])
    assert _named(_rows(data, CAPTION3)) == BOXES3


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_mixed_corners_never_pair_a_piece_with_two_letters(ocr_ok):
    """The wide photo shows a and b (two corners), the bottom-left one c, the bottom-right none: a
    piece holding two letters is two panels (or one mislabelled): whole, never a row by count."""
    data = _wide_over_two([(0, (0, 0), "a"), (0, (1, 0), "b"), (1, (0, 1), "c")])
    rows = _rows(data, CAPTION3)
    assert len(rows) == 1 and rows[0]["decision"] == "whole"


def test_mixed_corner_rows_rules():
    """`_mixed_corner_rows` on given reads: one letter a piece over its corners, each caption letter once."""
    boxes = [panels.Box(0, 0, 100, 50), panels.Box(0, 60, 48, 50), panels.Box(52, 60, 48, 50)]
    subs = panels.split_caption(CAPTION3)
    spot = [(1, 1, 8, 12)]

    def seen(*per_corner):
        return {c: (list(f), [spot if L else [] for L in f]) for c, f in zip(panels.CORNERS, per_corner)}

    none = (None, None, None)
    got = _mixed_corner_rows(boxes, seen(("A", None, None), (None, "B", None), (None, None, "C"), none), subs)
    assert [(L, b) for L, b, _ in got.panels] == [("A", boxes[0]), ("B", boxes[1]), ("C", boxes[2])]
    # the same letter read at two corners of one piece is one label
    got = _mixed_corner_rows(boxes, seen(("A", None, None), ("A", "B", None), (None, None, "C"), none), subs)
    assert [L for L, _, _ in got.panels] == ["A", "B", "C"]
    # two letters on one piece; a piece with none; one corner only (the single-corner path's case); a repeat
    assert _mixed_corner_rows(boxes, seen(("A", None, None), ("B", "B", None), (None, None, "C"), none), subs) is None
    assert _mixed_corner_rows(boxes, seen(("A", None, None), (None, "B", None), none, none), subs) is None
    assert _mixed_corner_rows(boxes, seen(("A", "B", "C"), none, none, none), subs) is None
    assert _mixed_corner_rows(boxes, seen(("A", None, None), (None, "A", None), (None, None, "C"), none), subs) is None
    # a glyph far off the others' size is no label
    big = {c: (f, [[(1, 1, 8, 40)] if (L and i == 2) else (spot if L else []) for i, L in enumerate(f)])
           for c, (f, _) in seen(("A", None, None), (None, "B", None), (None, None, "C"), none).items()}
    assert _mixed_corner_rows(boxes, big, subs) is None


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_set8_mixed_corner_grid(ocr_ok):
    """Set 8 composed 014 (yellow outlined "(A)" at top-left, top-right, bottom-left) was `label_off_panel`."""
    f = _entry("heldout8", "composed_014.jpg")
    rows = _rows((PMC / "heldout8" / f["file"]).read_bytes(), f["caption"])
    assert _named(rows) == [("A", [0, 0, 400, 160]), ("B", [0, 168, 200, 368]), ("C", [200, 168, 400, 368])]


# ------------------------------------------------------------------ 4. italic brackets

def _stroke(points: list[tuple[int, int]], h: int = 25, w: int = 8) -> np.ndarray:
    img = np.zeros((h, w), np.uint8)
    cv2.polylines(img, [np.array(points, np.int32)], False, 255, 2)
    return img > 0


def test_an_italic_bracket_leans_and_is_a_bracket():
    opening = _stroke([(7, 0), (3, 6), (1, 12), (1, 18), (3, 24)])   # "(" leaning right: top right of bottom
    closing = _stroke([(5, 0), (6, 6), (6, 12), (4, 18), (0, 24)])
    lean_l = _stroke([(7, 0), (0, 24)])                              # a leaning l: straight
    assert _bracket_side(opening) is None  # upright test: its mid is not left of its bottom
    assert _bracket_side(opening, lean=True) == "("
    assert _bracket_side(closing, lean=True) == ")"
    assert _bracket_side(lean_l, lean=True) is None


@pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)
def test_red_italic_bracketed_labels_read(ocr_ok):
    """Set 8 composed 036 (red italic "(a)" at top-right, photos abutting): d, e, f were dropped as
    letters of a word; now six rows, each its photo."""
    f = _entry("heldout8", "composed_036.jpg")
    rows = _rows((PMC / "heldout8" / f["file"]).read_bytes(), f["caption"])
    assert _named(rows) == [("A", [0, 0, 400, 280]), ("B", [400, 0, 800, 280]), ("C", [0, 280, 200, 440]),
                            ("D", [200, 280, 400, 440]), ("E", [400, 280, 600, 440]), ("F", [600, 280, 800, 440])]


# ------------------------------------------------------------------ 5. sub-captions printed under panels

@pytest.mark.parametrize("name, rows", [
    # Since round 27 these are cut by their "(a)" lines (the least-inked column between two lines), 1 px off the
    # gutter split's edges of round 16.
    # "(a) MNIST: small-lenet" and two formula lines centred under each histogram: the crop takes them
    ("chaudhari2018_fig1.png", [("A", [41, 14, 409, 490]), ("B", [524, 14, 891, 490])]),
    ("chaudhari2018_fig2.png", [("A", [45, 11, 414, 476]), ("B", [432, 11, 801, 476]), ("C", [820, 11, 1189, 476])]),
    # "(a) λ = 0" under each stream plot
    ("chaudhari2018_fig4.png", [("A", [81, 19, 407, 392]), ("B", [468, 19, 795, 392]), ("C", [856, 19, 1183, 392])]),
])
def test_printed_subcaptions_opening_with_their_label(ocr_ok, name, rows):
    """Set 2 (real arXiv figures; captions name the panels only as "Fig. 1a"): these were
    `letters_disagree` / `unlettered_piece` / `label_off_panel`."""
    f = _entry("heldout2", name)
    assert _named(_rows((PMC / "heldout2" / f["file"]).read_bytes(), f["caption"])) == rows


def test_subcaption_block_opens_its_line_and_is_centred():
    ink = np.zeros((200, 300), bool)
    piece = panels.Box(20, 10, 260, 120)
    ink[140:152, 110:120] = True   # "(a)"
    ink[140:152, 124:190] = True   # its words: the line runs 110-190, centre 150 = the piece's
    ink[160:170, 120:180] = True   # a second line under it
    assert _subcaption_block(ink, (110, 140, 10, 12), piece) == (110, 140, 190, 170)
    # a bracket inside a line ("λ(D)"): ink just left of it
    ink2 = ink.copy()
    ink2[140:152, 100:107] = True
    assert _subcaption_block(ink2, (110, 140, 10, 12), piece) is None
    # a line off the piece's centre (a legend's entry at its right)
    ink3 = np.zeros((200, 300), bool)
    ink3[140:152, 200:270] = True
    assert _subcaption_block(ink3, (200, 140, 10, 12), piece) is None
