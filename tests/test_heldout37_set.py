"""The frozen held-out figure set benchmarks/pmc/heldout37 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (image files of eight
Debian documentation packages and eight PyPI sdists: 23 compound, 20 single; four figures print their panel letters,
pycwt's three wavelet figures a) - d) in their titles and the parameters README's A / B diagram pair; photograph grids
touching edge to edge, on white and scattered with place labels), the caption names and expected decisions are the
written rule's, at most three figures come from one archive except ViSP's manual (seven, from five tutorials, at most
two from one), no image or archive is shared with heldout2-36, the tuning lists or the shared real figures and
photos, and extract.py hands its own annotations to the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout37"
OLDER = tuple(f"heldout{i}" for i in range(2, 36))  # heldout36 is held out: its annotations are not opened here
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"libvisp-doc_3.5.0-4_all.deb": "libvisp-doc=3.5.0-4",
            "python-cvxopt-doc_1.3.0+dfsg-1_all.deb": "python-cvxopt-doc=1.3.0+dfsg-1",
            "simbody-doc_3.7+dfsg-3_all.deb": "simbody-doc=3.7+dfsg-3",
            "r-cran-parameters_0.20.2-1_all.deb": "r-cran-parameters=0.20.2-1",
            "crrcsim-doc_0.9.13-3.2_all.deb": "crrcsim-doc=0.9.13-3.2",
            "python-mpmath-doc_1.2.1-2_all.deb": "python-mpmath-doc=1.2.1-2",
            "morse-simulator-doc_1.4-8_all.deb": "morse-simulator-doc=1.4-8",
            "libmed-doc_4.1.0+repack-3_all.deb": "libmed-doc=4.1.0+repack-3",
            "gempy-2026.0.3.tar.gz": "gempy==2026.0.3", "tslearn-0.10.0.tar.gz": "tslearn==0.10.0",
            "momepy-0.11.0.tar.gz": "momepy==0.11.0", "stumpy-1.14.1.tar.gz": "stumpy==1.14.1",
            "face_recognition-1.3.0.tar.gz": "face_recognition==1.3.0", "pyiqa-0.1.16.tar.gz": "pyiqa==0.1.16",
            "pylops-2.8.0.tar.gz": "pylops==2.8.0", "pycwt-0.5.0b0.tar.gz": "pycwt==0.5.0b0"}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("libvisp", "cvxopt", "simbody", "r-cran-parameters", "crrcsim", "mpmath", "morse-simulator", "libmed",
         "gempy", "tslearn", "momepy", "stumpy", "face_recognition", "pyiqa", "pylops", "pycwt")
COUNTS = {"libvisp-doc_3.5.0-4_all.deb": (7, 0), "tslearn-0.10.0.tar.gz": (3, 0),
          "python-cvxopt-doc_1.3.0+dfsg-1_all.deb": (2, 1), "simbody-doc_3.7+dfsg-3_all.deb": (2, 1),
          "gempy-2026.0.3.tar.gz": (3, 0), "r-cran-parameters_0.20.2-1_all.deb": (1, 1),
          "crrcsim-doc_0.9.13-3.2_all.deb": (1, 2), "stumpy-1.14.1.tar.gz": (1, 0), "momepy-0.11.0.tar.gz": (0, 3),
          "python-mpmath-doc_1.2.1-2_all.deb": (0, 3), "face_recognition-1.3.0.tar.gz": (0, 2),
          "pyiqa-0.1.16.tar.gz": (0, 2), "pylops-2.8.0.tar.gz": (0, 2), "morse-simulator-doc_1.4-8_all.deb": (0, 2),
          "libmed-doc_4.1.0+repack-3_all.deb": (0, 1), "pycwt-0.5.0b0.tar.gz": (3, 0)}
PANELS = [2] * 13 + [3, 3] + [4] * 6 + [9, 20]
LETTERED = {"images/pa_uncond.png": ["a", "b"], "images/cw_nino3.png": list("abcd"),
            "images/cw_mauna.png": list("abcd"), "images/cw_sunspots.png": list("abcd")}
CAPTIONED = {"images/mo_tess.png", "images/st_profile.png"}
LAYOUTS = {"images/ts_kmeans.png": [3, 3, 3], "images/ts_sax.png": [2, 2], "images/ts_bary.png": [4, 4, 4, 4, 4],
           "images/cv_floor.png": [2, 2], "images/cv_normappr.png": [1, 1, 1], "images/vp_plotter.png": [1, 1],
           "images/cw_nino3.png": [1, 2, 1], "images/cw_mauna.png": [1, 2, 1], "images/cw_sunspots.png": [1, 2, 1]}
# cr_davis: four photographs scattered on white, boxed without their place labels (the labels sit beside them and
# would overlap the neighbouring boxes); the tall eastern view and the pine trees share the first row
DAVIS = [[36, 169, 101, 681], [172, 3, 429, 259], [496, 358, 558, 605], [209, 617, 276, 747]]
# the ViSP figures touching edge to edge are cut at the equal split and keep their whole cells
TOUCHING = {"images/vp_histeq.png": [[0, 0, 492, 328], [492, 0, 985, 328]],
            "images/vp_adjust.png": [[0, 0, 492, 328], [492, 0, 985, 328]],
            "images/vp_dixy.png": [[0, 0, 257, 256], [257, 0, 514, 256]]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 43 and sum(f["panels"] > 1 for f in figures) == 23
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 19, "diag": 9, "mixed": 4, "clin": 11, "micro": 0}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 0 and sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "43 figures: 23 compound, 20 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_at_most_three_figures_per_archive_or_two_per_visp_tutorial(figures):
    per_src = {}
    for f in figures:
        per_src[f["origin"]["sdist"]] = per_src.get(f["origin"]["sdist"], 0) + 1
    visp = per_src.pop("libvisp-doc_3.5.0-4_all.deb")
    assert max(per_src.values()) == 3 and len(per_src) == 15 and visp == 7
    tutorials = [re.search(r"\(ViSP (tutorial-[a-z-]+)\)", f["note"]).group(1) for f in figures
                 if f["origin"]["sdist"].startswith("libvisp")]
    assert sorted({t: tutorials.count(t) for t in tutorials}.values()) == [1, 1, 1, 2, 2]
    assert len({(f["origin"]["sdist"], f["origin"]["member"]) for f in figures}) == 43


def test_letters_and_caption_names(figures):
    """Four figures print their letters (pycwt's a) - d) at the start of each plot title, the parameters diagram's
    small A / B); two captions (the JOSS papers' own figure text) name no panel, so no figure expects rows."""
    byf = by_file(figures)
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    assert {f["file"] for f in figures if f["caption"]} == CAPTIONED
    assert byf["images/st_profile.png"]["caption"] == "Matrix Profile"
    assert byf["images/mo_tess.png"]["caption"].startswith("Figure 1: Morphological tessellation")
    for f in figures:
        assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (43, 23, 4)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|Apache|BSD|EUPL|PolyForm"
    ARCHIVES, LAYOUTS = ARCHIVES, LAYOUTS
    TOUCHING = dict(TOUCHING, **{"images/cr_davis.png": DAVIS})


class TestExtractor(ExtractorRebuildContract):
    SET = SET
