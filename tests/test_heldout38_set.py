"""The frozen held-out figure set benchmarks/pmc/heldout38 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (image files of fourteen
PyPI sdists and three Debian packages: 20 compound, 21 single; five figures print their panel letters, figurepatch's
A-C / A-F / A-H plot grids and plotnine's a) g) b) y) compositions on coloured backgrounds touching edge to edge), no
caption (none of these documents captions its images), at most three figures come from one archive, no image or
archive is shared with heldout2-37, the tuning lists or the shared real figures and photos, and extract.py hands its
own annotations to the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PerArchiveContract, PMC, ArchiveSetContract, ExtractorRebuildContract, figures_fixture, source_counts,
                                  type_counts)

SET = PMC / "heldout38"
OLDER = tuple(f"heldout{i}" for i in range(2, 38))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"figurepatch-0.2.0.tar.gz": "figurepatch==0.2.0", "plotnine-0.15.9.tar.gz": "plotnine==0.15.9",
            "mplhep-1.3.3.tar.gz": "mplhep==1.3.3", "facexlib-0.3.0.tar.gz": "facexlib==0.3.0",
            "deap-1.4.4.tar.gz": "deap==1.4.4", "pycirclize-1.10.1.tar.gz": "pycirclize==1.10.1",
            "cartopy-0.26.0.tar.gz": "cartopy==0.26.0", "dynesty-3.1.0.tar.gz": "dynesty==3.1.0",
            "python-ternary-1.0.8.tar.gz": "python-ternary==1.0.8", "metpy-1.7.1.tar.gz": "metpy==1.7.1",
            "insightface-2.1.tar.gz": "insightface==2.1", "ultralytics-8.4.190.tar.gz": "ultralytics==8.4.190",
            "yellowbrick-1.5.tar.gz": "yellowbrick==1.5", "antspyx-0.6.3.tar.gz": "antspyx==0.6.3",
            "veusz_3.6.2-1_all.deb": "veusz=3.6.2-1",
            "luminance-hdr_2.6.1.1+dfsg-2+b2_amd64.deb": "luminance-hdr=2.6.1.1+dfsg-2+b2",
            "gthumb-data_3%3a3.12.2-3_all.deb": "gthumb-data=3:3.12.2-3"}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("figurepatch", "plotnine", "mplhep", "facexlib", "deap-1", "pycirclize", "cartopy", "dynesty",
         "python-ternary", "metpy", "insightface", "ultralytics", "yellowbrick", "antspy", "veusz", "luminance",
         "gthumb")
COUNTS = {"figurepatch-0.2.0.tar.gz": (3, 0), "plotnine-0.15.9.tar.gz": (3, 0), "mplhep-1.3.3.tar.gz": (2, 1),
          "facexlib-0.3.0.tar.gz": (1, 2), "deap-1.4.4.tar.gz": (1, 2), "pycirclize-1.10.1.tar.gz": (1, 2),
          "cartopy-0.26.0.tar.gz": (3, 0), "dynesty-3.1.0.tar.gz": (3, 0), "python-ternary-1.0.8.tar.gz": (3, 0),
          "metpy-1.7.1.tar.gz": (0, 3), "insightface-2.1.tar.gz": (0, 2), "ultralytics-8.4.190.tar.gz": (0, 2),
          "yellowbrick-1.5.tar.gz": (0, 2), "antspyx-0.6.3.tar.gz": (0, 1), "veusz_3.6.2-1_all.deb": (0, 2),
          "luminance-hdr_2.6.1.1+dfsg-2+b2_amd64.deb": (0, 1), "gthumb-data_3%3a3.12.2-3_all.deb": (0, 1)}
PANELS = [2] * 4 + [3] * 5 + [4] * 6 + [5] + [6] * 3 + [8]
LETTERED = {"images/fp_nested.png": list("abc"), "images/fp_grid6.png": list("abcdef"),
            "images/fp_irreg.png": list("abcdefgh"), "images/pn_hnest.png": list("agby"),
            "images/pn_vnest.png": list("agby")}
LAYOUTS = {"images/fp_nested.png": [2, 1], "images/fp_grid6.png": [3, 3], "images/fp_irreg.png": [3, 2, 3],
           "images/pn_vnest.png": [1, 1, 1, 1], "images/mh_models.png": [1] * 6, "images/mh_split.png": [1, 1],
           "images/pc_gallery.png": [3, 3], "images/ca_tiles.png": [2, 2, 1], "images/ca_contour.png": [2, 2],
           "images/ca_pcolor.png": [2, 2], "images/dy_dynamic.png": [1, 1, 1, 1], "images/dy_errors.png": [1, 1, 1, 1]}
# plotnine's panels sit on coloured backgrounds touching edge to edge (no empty band): cut where the background
# colour changes, each box its whole cell; the facets' grey panels count as empty by the rule, so their boxes are
# given as whole cells cut at the white gutters
CELLS = {"images/pn_hnest.png": [[0, 0, 180, 432], [180, 0, 360, 432], [360, 0, 469, 432], [469, 0, 576, 432]],
         "images/pn_vnest.png": [[0, 0, 576, 119], [0, 119, 576, 238], [0, 238, 576, 323], [0, 323, 576, 432]],
         "images/pn_facets.png": [[0, 0, 384, 800], [384, 0, 677, 800], [677, 0, 1200, 800]]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 41 and sum(f["panels"] > 1 for f in figures) == 20
    assert source_counts(figures, COUNTS) == COUNTS
    assert type_counts(figures) == {"chart": 26, "diag": 1, "mixed": 6, "clin": 8, "micro": 0}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert all(f["rows"] is False for f in figures)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "41 figures: 20 compound, 21 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1



def test_letters_and_no_captions(figures):
    """Five figures print their letters (figurepatch's capital A-H, read lowercase; plotnine's a), g), b), y): the
    colours' initials, so g and y stand between a and b); no document captions its images."""
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    for f in figures:
        assert f["caption"] == "" and f["caption_names"] == [None] * f["panels"], f["file"]


class TestSet(PerArchiveContract, ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    ARCHIVE_COUNT = 17
    SUMMARY = (41, 20, 5)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|Apache|BSD|LGPL"
    ARCHIVES, LAYOUTS, TOUCHING = ARCHIVES, LAYOUTS, CELLS


class TestExtractor(ExtractorRebuildContract):
    SET = SET
