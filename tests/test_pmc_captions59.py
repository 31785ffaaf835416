"""Round 59 (caption side): letters with a lone closing bracket inside running text, and letters a sentence refers to.

- "...: a) plot of ... between configurations b) analysis of ..., c) distances ... and d) resemblance ..." (set 41's
  `sb_joss`) names four panels in one sentence: the strict parse took only the "a)" after the colon (one panel, the
  figure kept whole); a run of such markers from a), each opening its panel's words, in order, once each, now names
  them (`half_marks.marker_run`, taken by `split_caption` when it names more letters than the strict parse).
- "SEM image in a) is a cross-section of a line in SEM image in b)." (set 41's `cs_sem`) refers to its panels inside
  its sentences: no marker, so no letter; the letters a sentence refers to (after "in", before "is", a full stop, a
  verb) now name the panels by sentence (`half_marks.reference_letters`, in `split_panel_refs`: taken only where
  the image prints the same letters).
- A bracket attached to a figure's number ("compare Fig. 3(a) and (b)", set 9's `composed_074`; "Figs. 3(a) and
  3(b)", set 26's `pre_fig4`) refers to another figure's panels: no marker (both captions name no panel).
- "a, original blobs. b, medial axis ..." (set 8's `skimage_skeleton_003`): sentences opening with a lower-case
  letter and a comma before lower-case words, a, b, c... in order (`captions._comma_run`).
- "The six figures a-f show ..." (set 36's `ps_modes`): a plural picture word before a lower-case dash range names
  the panels in the fallback (`captions._PANEL_RANGE`).
- Left alone: a roman list "(i) ... (x)" (set 41's `cf_fields`), markers opening sentences ("1a) Shows ... b) Shows",
  set 2), and runs with a gap, a repeat or out of order.

Every caption is a real tuning caption (sets 2, 8, 9, 26, 36, 41) or written here; the two pairings read set 41's images.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import pair
from derm1m_build.pmc.panels.captions import caption_panel_count, split_caption, split_panel_refs
from derm1m_build.pmc.panels.half_marks import marker_run, reference_letters

SET41 = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout41"

SB_JOSS = ("Example analysis for a cadmium vacancy defect in CdTe: a) plot of final energies versus bond distortion "
           "factor, with a colorbar quantifying the structural similarity between configurations b) analysis of site "
           "magnetisations for the Unperturbed configuration, c) distances between the defect and its nearest "
           "neighbours and d) resemblance of the defect environment to difference structural motifs.")
CS_SEM = ("SEM image in a) is a cross-section of a line in SEM image in b). The black trapezoidal shapes in a) "
          "represent the modeling done for this simulation.")
COMPOSED_074 = ("Fig. 2 | A stuck-on warty papule on the face (histology: seborrheic keratosis); compare Fig. 3(a) "
                "and (b).")
PRE_FIG4 = ("FIG. 4. Evolution of the structural factors S(k) during stretching. Shown here are S(k) at a total of "
            "seven time points: 1.4, 1.6, 1.8, 2.0, 2.2, 2.4, and 2.6 ps after shock breakout. Colors are consistent "
            "with Figs. 3(a) and 3(b).")
CF_FIELDS = ("Sample of Component Fields output by 21cmFAST. Cosmic evolution occurs from bottom to top. From left to "
             "right, quantities shown are: (i) dark matter overdensity field; (ii) Lyman-alpha flux; (iii) "
             "Lyman-Werner flux; (iv) X-ray heating rate; (v) locally-averaged UVB; (vi) critical halo mass for star "
             "formation in Atomically Cooled Galaxies; (vii) critical halo mass for star formation in Molecularly "
             "Cooled Galaxies; (viii) cumulative number of recombinations per baryon; (ix) neutral hydrogen fraction; "
             "and (x) the 21cm brightness temperature.")
SKELETON = ("Fig. 7 Skeletons and medial axis. a, original blobs. b, medial axis with the distance transform. c, "
            "skeletonize. d, skeletonize (Lee 94).")
HEALING = ("Figure 2: Representative images from the analysis of healing for each fracture gap size. 1a) Shows the "
           "central transverse 5um thick slice. b) Shows a lateral-medial radiograph. c) Shows a 1x magnification "
           "image. d) Shows a 2.5x magnification image of the central region of the femur.")


def test_an_inline_run_names_every_panel_with_its_own_words():
    s = split_caption(SB_JOSS)
    assert s.lead == "Example analysis for a cadmium vacancy defect in CdTe:"
    assert s.letters == ["A", "B", "C", "D"]
    assert s.texts == {
        "A": "plot of final energies versus bond distortion factor, with a colorbar quantifying the structural "
             "similarity between configurations",
        "B": "analysis of site magnetisations for the Unperturbed configuration",
        "C": "distances between the defect and its nearest neighbours",
        "D": "resemblance of the defect environment to difference structural motifs.",
    }
    assert caption_panel_count(SB_JOSS) == 4


@pytest.mark.parametrize("caption", [
    "Growth curves: a) wild type, b) mutant and d) double mutant.",   # a gap
    "Two views: a) the lesion, b) the margin, a) again the lesion.",  # a repeat
    "Two views: b) the margin and a) the lesion.",                     # not from a
    "Counts: a) control, B) treated.",                                 # two cases
    "Seen in a) and in b).",                                           # references only
])
def test_an_inline_run_is_taken_only_whole_and_in_order(caption):
    assert marker_run(caption) == []


def test_references_name_panels_by_sentence_only_in_the_fallback():
    assert split_caption(CS_SEM).letters == []
    s = split_panel_refs(CS_SEM)
    assert (s.lead, s.letters) == ("", ["A", "B"])
    assert s.texts == {
        "A": CS_SEM,
        "B": "SEM image in a) is a cross-section of a line in SEM image in b).",
    }


PS_MODES = ("Figure 1, acquisition modes in PyScanFCS: The six figures a-f show possible scenarios for scan path and "
            "excitation settings. The alignment of the scan paths (black) is shown for membrane of a giant unilamellar "
            "vesicle (red).")


def test_a_plural_picture_word_before_a_lower_case_range_names_the_panels():
    s = split_panel_refs(PS_MODES)
    assert (s.lead, s.letters) == ("", ["A", "B", "C", "D", "E", "F"])
    assert s.texts["F"] == ("Figure 1, acquisition modes in PyScanFCS: The six figures a-f show possible scenarios for "
                            "scan path and excitation settings.")
    assert split_caption(PS_MODES).letters == []   # the fallback only: rows need the letters printed
    # one letter after the word may be an article; a range must stand alone
    assert split_panel_refs("The figures a and b of the study.").letters == []
    assert split_panel_refs("Images a-fold higher than the control.").letters == []


@pytest.mark.parametrize("caption", [
    SB_JOSS,                                            # markers open their panels' words
    "The curve in a) rises; the curve in c) falls.",    # a gap
    "Seen in b) and in c).",                            # not from a
])
def test_references_are_taken_only_alone_and_without_gap(caption):
    assert reference_letters(caption) == ([], [])


def test_sentences_opening_with_a_letter_and_a_comma_before_lower_case_words():
    s = split_caption(SKELETON)
    assert (s.lead, s.letters) == ("Fig. 7 Skeletons and medial axis.", ["A", "B", "C", "D"])
    assert s.texts == {"A": "original blobs.", "B": "medial axis with the distance transform.", "C": "skeletonize.",
                       "D": "skeletonize (Lee 94)."}
    # one such opening, or openings out of order, name nothing
    assert split_caption("Two stains of one lesion. a, the stain at baseline.").letters == []
    assert split_caption("Stains. b, the stain at baseline. a, after a week.").letters == []


@pytest.mark.parametrize("caption", [COMPOSED_074, PRE_FIG4, CF_FIELDS])
def test_a_figure_number_bracket_and_a_roman_list_name_no_panel(caption):
    assert split_caption(caption).letters == []
    assert caption_panel_count(caption) is None


def test_own_figure_number_and_sentence_openers_still_mark():
    assert split_caption("Figure 2(A) Clinical photograph. (B) Dermoscopy.").letters == ["A", "B"]
    assert marker_run(HEALING) == []   # "b) Shows" opens its sentence: a marker of the strict parse, not a run from a
    assert reference_letters(HEALING) == ([], [])


@pytest.fixture(scope="module")
def ocr_read():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr.read_line


def test_the_sem_pair_gives_its_two_rows(ocr_read):
    img = cv2.imread(str(SET41 / "images" / "cs_sem.png"))
    truth = {f["file"]: f for f in json.loads((SET41 / "annotations.json").read_text())["figures"]}["images/cs_sem.png"]
    assert truth["caption"] == CS_SEM
    p, _ = pair(img, CS_SEM, read=ocr_read)
    assert [(L, b.xyxy) for L, b, _ in p.panels] == [("A", [11, 6, 268, 242]), ("B", [276, 6, 523, 242])]
    assert p.panels[1][2] == "SEM image in a) is a cross-section of a line in SEM image in b)."


# ------------------------------------------------------------------ screenshots kept whole (set 41's two singles)

def _set41(name: str):
    return cv2.imread(str(SET41 / "images" / name))


def test_a_players_slide_between_its_dark_bands_is_one_picture():
    from derm1m_build.pmc.panels import split_panels
    from derm1m_build.pmc.panels.slide_frame import slide_frame
    img = _set41("pt_video.png")
    assert slide_frame(img, 5)
    assert [b.xyxy for b in split_panels(img)] == [[0, 0, 694, 392]]
    assert not slide_frame(img, 1)   # one piece needs no joining


def test_dark_bands_with_a_dark_ground_or_on_one_edge_only_are_no_slide():
    from derm1m_build.pmc.panels.slide_frame import slide_frame
    rng = np.random.default_rng(5)
    photo = rng.integers(60, 200, (120, 150, 3), dtype=np.uint8)
    black = np.zeros((200, 400, 3), np.uint8)   # two photographs on a black ground: black down the sides too
    black[40:160, 40:190] = photo
    black[40:160, 210:360] = photo
    assert not slide_frame(black, 2)
    white = np.full((200, 400, 3), 255, np.uint8)   # a dark title band over plots on white, no footer band
    white[:20] = (90, 40, 10)
    white[40:160, 40:190] = photo
    white[40:160, 210:360] = photo
    assert not slide_frame(white, 2)
    white[-20:] = (90, 40, 10)   # ... with its footer band: a slide
    assert slide_frame(white, 2)


def test_a_web_page_of_an_article_is_one_picture():
    from derm1m_build.pmc.panels import split_panels
    img = _set41("pp_pub.png")
    assert [b.xyxy for b in split_panels(img)] == [[9, 4, 502, 702]]


def test_tables_and_a_plot_are_no_page_of_prose():
    from derm1m_build.pmc.panels import split_panels
    from derm1m_build.pmc.panels.prose_page import prose_page
    img = _set41("sb_joss.png")
    out = split_panels(img)
    assert len(out) == 3 and not prose_page(img, out)


def test_the_caption_names_benchmark_reads_as_pair_reads():
    from benchmarks.pmc.caption_names import read_names, truth_names
    from derm1m_build.pmc import panels
    assert read_names(panels, SB_JOSS) == ["a", "b", "c", "d"]
    assert read_names(panels, CS_SEM) == ["a", "b"]           # the fallback's references
    assert read_names(panels, CF_FIELDS) == []
    assert read_names(panels, "Lesions. (A) The arm.") == []  # one letter names no layout
    assert truth_names(["a", "c", "b", "d"]) == ["a", "b", "c", "d"]
    assert truth_names([None, None]) == [] and truth_names(["left", None]) == []
