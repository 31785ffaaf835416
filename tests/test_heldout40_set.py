"""The frozen held-out figure set benchmarks/pmc/heldout40 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (documentation, paper
and example images of seventeen PyPI sdists: 21 compound, 17 single; three figures print panel letters, one caption
names both its panels by letter (PySINDy's JOSS paper), one names its two by place (left / right); grids of MRI
slices and of photographs), at most three
figures come from one archive, no image or archive is shared with heldout2-39, the tuning lists or the shared real
figures and photos, and extract.py hands its own annotations to the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PerArchiveContract, PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout40"
OLDER = tuple(f"heldout{i}" for i in range(2, 40))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"pysindy-2.1.0.tar.gz": "pysindy==2.1.0", "python_sensors-0.4.3.tar.gz": "python-sensors==0.4.3",
            "realesrgan-0.3.0.tar.gz": "realesrgan==0.3.0", "geomstats-2.8.0.tar.gz": "geomstats==2.8.0",
            "taufactor-1.2.1.tar.gz": "taufactor==1.2.1", "tobler-0.13.0.tar.gz": "tobler==0.13.0",
            "spacepy-0.7.0.tar.gz": "spacepy==0.7.0", "xgcm-0.10.1.tar.gz": "xgcm==0.10.1",
            "pypsa-1.4.0.tar.gz": "pypsa==1.4.0", "pointpats-2.5.5.tar.gz": "pointpats==2.5.5",
            "ndcube-2.4.2.tar.gz": "ndcube==2.4.2", "sdcflows-2.16.0.tar.gz": "sdcflows==2.16.0",
            "pyafq-3.4.tar.gz": "pyAFQ==3.4", "py_pde-0.59.0.tar.gz": "py-pde==0.59.0",
            "devito-4.8.23.tar.gz": "devito==4.8.23", "fmriprep-25.2.7.tar.gz": "fmriprep==25.2.7",
            "pynumdiff-0.3.tar.gz": "pynumdiff==0.3"}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("pysindy", "pysensors", "python-sensors", "python_sensors", "realesrgan", "real-esrgan", "geomstats",
         "taufactor", "tobler", "spacepy", "irbem", "xgcm", "pypsa", "pointpats", "ndcube", "sdcflows", "pyafq",
         "py-pde", "py_pde", "devito", "fmriprep", "pynumdiff")
COUNTS = {"pysindy-2.1.0.tar.gz": (3, 0), "python_sensors-0.4.3.tar.gz": (0, 1), "realesrgan-0.3.0.tar.gz": (1, 2),
          "geomstats-2.8.0.tar.gz": (0, 2), "taufactor-1.2.1.tar.gz": (0, 2), "tobler-0.13.0.tar.gz": (3, 0),
          "spacepy-0.7.0.tar.gz": (0, 2), "xgcm-0.10.1.tar.gz": (3, 0), "pypsa-1.4.0.tar.gz": (2, 1),
          "pointpats-2.5.5.tar.gz": (1, 2), "ndcube-2.4.2.tar.gz": (2, 1), "sdcflows-2.16.0.tar.gz": (1, 0),
          "pyafq-3.4.tar.gz": (3, 0), "py_pde-0.59.0.tar.gz": (0, 1), "devito-4.8.23.tar.gz": (1, 2),
          "fmriprep-25.2.7.tar.gz": (0, 1), "pynumdiff-0.3.tar.gz": (1, 0)}
PANELS = [2] * 13 + [3, 3, 3, 4, 6, 6, 12, 12]
LETTERED = {"images/si_fig1.png": ["a", "b"], "images/nd_seq.png": ["a", "b"], "images/nd_seqsl.png": ["a", "b"]}
CAPTIONED = {"images/si_fig1.png": "Summary of SINDy features organized by (a) `PySINDy` structure and (b)",
             "images/si_fig2.png": "`PySINDy` can now be used for PDE identification",
             "images/ps_fig1.png": "An overview image of capabilities of PySensors",
             "images/si_noisy.png": "A toy example illustrating the effect of noise on derivatives",
             "images/pn_compare.png": "Three simulated signals with additive noise (top) and their derivatives (bottom)."}
NAMED = {"images/si_fig1.png": ["a", "b"], "images/si_noisy.png": ["left", "right"]}
LAYOUTS = {"images/re_teaser.png": [4, 4, 4], "images/af_rois.png": [4, 4, 4], "images/xg_pivots.png": [2, 2],
           "images/xg_fold.png": [1, 1], "images/py_stack.png": [1, 1], "images/nd_seq.png": [1, 1],
           "images/nd_seqsl.png": [1, 1], "images/dv_nmo.png": [1, 2], "images/sd_fig1.png": [2, 4],
           "images/to_raster.png": [3], "images/pn_compare.png": [3, 3]}  # the tall left cell spans the right column's two maps: one row by rows_of
# MRI crops touching edge to edge, cut by hand at the thin white lines between them: each box its whole cell
TOUCHING = {"images/sd_fig1.png": [[0, 0, 539, 540], [539, 0, 1080, 540], [0, 542, 267, 801], [270, 542, 539, 801],
                                   [539, 542, 808, 801], [810, 542, 1080, 801]]}
RASTER_CELLS = [[0, 0, 514, 637], [514, 0, 1200, 314], [514, 314, 1200, 637]]


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 38 and sum(f["panels"] > 1 for f in figures) == 21
    assert source_counts(figures, COUNTS) == COUNTS
    assert type_counts(figures) == {"chart": 16, "diag": 11, "clin": 7, "mixed": 4, "micro": 0}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 2 and sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "38 figures: 21 compound, 17 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1



def test_letters_and_caption_names(figures):
    """Three figures print a / b; PySINDy's figure 1 caption names both its panels by letter and its differentiation
    figure's caption both of its panels by place, so these two expect rows; the other three captions name no panel
    (pynumdiff's "top" / "bottom" name rows of three panels each, not a panel)."""
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    assert {f["file"] for f in figures if f["caption"]} == set(CAPTIONED)
    byf = by_file(figures)
    for name, start in CAPTIONED.items():
        assert byf[name]["caption"].startswith(start), name
    for name, names in NAMED.items():
        assert byf[name]["caption_names"] == names and byf[name]["rows"] is True, name
    for f in figures:
        if f["file"] not in NAMED:
            assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]


class TestSet(PerArchiveContract, ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    ARCHIVE_COUNT = 17
    SUMMARY = (38, 21, 3)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|Apache|BSD|PSF"
    ARCHIVES, LAYOUTS, TOUCHING = ARCHIVES, LAYOUTS, TOUCHING
    CELLS = {"images/to_raster.png": RASTER_CELLS}


class TestExtractor(ExtractorRebuildContract):
    SET = SET
