"""The frozen held-out figure set benchmarks/pmc/heldout41 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (documentation images,
JOSS paper figures, test baselines and example data of twenty-one PyPI sdists: 25 compound, 19 single; three figures
print panel letters: ShakeNBreak's JOSS figure a) - d) and cdsaxs' SEM pair a) / b), whose captions name every panel
(rows expected), and PyProcar's 2 x 2 Fermi-surface grid (a) - (d); PhaseFieldX's caption names its two panels Left /
Right (rows expected); 21cmFAST's caption names ten strips by roman numeral, not by letter), at most three
figures come from one archive, no image or archive is shared with heldout2-39, the tuning lists or the shared real
figures and photos, and extract.py hands its own annotations to the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PerArchiveContract, PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout41"
OLDER = tuple(f"heldout{i}" for i in range(2, 40))  # heldout40 is held out: its annotations are not opened here
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"shakenbreak-3.4.4.tar.gz": "shakenbreak==3.4.4", "pyprocar-6.5.0.tar.gz": "pyprocar==6.5.0",
            "hendrics-8.5.1.tar.gz": "hendrics==8.5.1", "juliet-2.2.1.tar.gz": "juliet==2.2.1",
            "eleanor-2.0.5.tar.gz": "eleanor==2.0.5", "halomod-2.2.2.tar.gz": "halomod==2.2.2",
            "pytransit-2.10.1.tar.gz": "pytransit==2.10.1", "21cmfast-4.1.1.tar.gz": "21cmfast==4.1.1",
            "pyfar-0.8.1.tar.gz": "pyfar==0.8.1", "galight-0.2.1.tar.gz": "galight==0.2.1",
            "petrofit-0.5.0.tar.gz": "petrofit==0.5.0", "pyspeckit-1.0.4.tar.gz": "pyspeckit==1.0.4",
            "sofar-1.3.0.tar.gz": "sofar==1.3.0", "stingray-2.3.2.tar.gz": "stingray==2.3.2",
            "bento_tools-2.1.4.post2.tar.gz": "bento-tools==2.1.4.post2",
            "py_sc_fermi-2.2.2.tar.gz": "py-sc-fermi==2.2.2", "nd2-0.12.0.tar.gz": "nd2==0.12.0",
            "cdsaxs-0.0.2.tar.gz": "cdsaxs==0.0.2", "phasefieldx-0.4.1.tar.gz": "phasefieldx==0.4.1",
            "kooplearn-2.0.3.tar.gz": "kooplearn==2.0.3", "hsi_wizard-0.1.42.tar.gz": "hsi-wizard==0.1.42"}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("shakenbreak", "pyprocar", "hendrics", "juliet", "eleanor", "halomod", "pytransit", "21cmfast", "pyfar",
         "galight", "petrofit", "pyspeckit", "sofar", "stingray", "bento_tools", "bento-tools", "py_sc_fermi",
         "py-sc-fermi", "nd2-0.12", "cdsaxs", "phasefieldx", "kooplearn", "hsi_wizard", "hsi-wizard")
COUNTS = {"shakenbreak-3.4.4.tar.gz": (1, 2), "pyprocar-6.5.0.tar.gz": (1, 2), "hendrics-8.5.1.tar.gz": (1, 2),
          "juliet-2.2.1.tar.gz": (3, 0), "eleanor-2.0.5.tar.gz": (1, 0), "halomod-2.2.2.tar.gz": (2, 1),
          "pytransit-2.10.1.tar.gz": (1, 1), "21cmfast-4.1.1.tar.gz": (1, 2), "pyfar-0.8.1.tar.gz": (3, 0),
          "galight-0.2.1.tar.gz": (2, 1), "petrofit-0.5.0.tar.gz": (2, 1), "pyspeckit-1.0.4.tar.gz": (1, 0),
          "sofar-1.3.0.tar.gz": (1, 1), "stingray-2.3.2.tar.gz": (0, 2), "bento_tools-2.1.4.post2.tar.gz": (0, 1),
          "py_sc_fermi-2.2.2.tar.gz": (0, 1), "nd2-0.12.0.tar.gz": (0, 1), "cdsaxs-0.0.2.tar.gz": (1, 0),
          "phasefieldx-0.4.1.tar.gz": (1, 0), "kooplearn-2.0.3.tar.gz": (1, 1), "hsi_wizard-0.1.42.tar.gz": (2, 0)}
PANELS = [2] * 8 + [3] * 6 + [4] * 6 + [6, 6, 7, 10, 24]
CAPTIONED = {"images/sb_joss.png": "Example analysis for a cadmium vacancy defect in CdTe: a) plot of final energies",
             "images/cf_fields.png": "Sample of Component Fields output by 21cmFAST. Cosmic evolution occurs from",
             "images/cf_lightcone.png": "Brightness temperature lightcone produced by the example code in this paper.",
             "images/cs_sem.png": "SEM image in a) is a cross-section of a line in SEM image in b).",
             "images/px_crack.png": "Left: Cracked bar represented by the phase-field variable. Right: Phase-field",
             "images/kl_fig2.png": "Comparison between kernel DMD (kDMD) and Reduced Rank estimators.",
             "images/kl_fig1.png": "Sketch of the action of an evolution operator on a protein folding trajectory.",
             "images/hw_agglo.png": "The output illustrates how the algorithm merges spectrally similar"}
NAMED = {"images/sb_joss.png": ["a", "c", "b", "d"], "images/cs_sem.png": ["a", "b"],
         "images/px_crack.png": ["left", "right"]}
LAYOUTS = {"images/sb_joss.png": [2, 2], "images/pp_fermi2d.png": [2, 2], "images/ju_corner.png": [1, 2, 3],
           "images/el_apert.png": [6, 6, 6, 6], "images/hm_blake.png": [2, 2], "images/pf_coords.png": [3, 3],
           "images/pf_mix.png": [2, 2], "images/pf_tf2d.png": [1, 1], "images/pe_multi.png": [2, 2],
           "images/sk_lte.png": [1] * 7, "images/so_hrir.png": [1, 1]}
# ShakeNBreak's figure: a left column (a over b) and a right column (c over d) cut at x = 666, the left column at
# y = 468, the right one at y = 288 (the middles of the empty bands); boxes in reading order a, c / b, d
JOSS_CELLS = [[0, 0, 666, 468], [666, 0, 1200, 288], [0, 468, 666, 675], [666, 288, 1200, 675]]
# 21cmFAST's ten strips touch: cut at the plot frame's equal tenths (x = 47 + 89.6 k), the outer cells to the edges
# (each box its cell's ink, so the touching strips' boxes meet at the cuts)
STRIP_CUTS = [0, 137, 226, 316, 405, 495, 585, 674, 764, 853, 1000]


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 44 and sum(f["panels"] > 1 for f in figures) == 25
    assert source_counts(figures, COUNTS) == COUNTS
    assert type_counts(figures) == {"chart": 27, "diag": 3, "mixed": 8, "clin": 4, "micro": 2}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert {f["file"] for f in figures if f["rows"] is True} == set(NAMED)
    assert sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "44 figures: 25 compound, 19 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1



def test_letters_and_caption_names(figures):
    """Three figures print letters; ShakeNBreak's caption names all four in the image's reading order a, c, b, d and
    cdsaxs' caption a and b, PhaseFieldX's its two unlettered panels by place (those three expect rows); the other
    captions name no panel."""
    byf = by_file(figures)
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == {
        "images/sb_joss.png": ["a", "c", "b", "d"], "images/pp_fermi2d.png": ["a", "b", "c", "d"],
        "images/cs_sem.png": ["a", "b"]}
    assert {f["file"] for f in figures if f["caption"]} == set(CAPTIONED)
    for name, start in CAPTIONED.items():
        assert byf[name]["caption"].startswith(start), name
    assert {name: byf[name]["caption_names"] for name in NAMED} == NAMED
    assert "(i) dark matter" in byf["images/cf_fields.png"]["caption"]
    for f in figures:
        if f["file"] not in NAMED:
            assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]


def test_strips_meet_at_the_cuts(figures):
    strips = by_file(figures)["images/cf_fields.png"]["boxes"]
    assert [b[2] for b in strips[:-1]] == STRIP_CUTS[1:-1] == [b[0] for b in strips[1:]]


class TestSet(PerArchiveContract, ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    ARCHIVE_COUNT = 21
    SUMMARY = (44, 25, 3)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|Apache|BSD|CC-BY"
    ARCHIVES, LAYOUTS = ARCHIVES, LAYOUTS
    CELLS = {"images/sb_joss.png": JOSS_CELLS}
    RENDERED, ONE_PAGE = ("images/cf_lightcone.png",), {"images/cf_lightcone.png": 1}


class TestExtractor(ExtractorRebuildContract):
    SET = SET
