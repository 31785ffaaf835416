"""The frozen held-out figure set benchmarks/pmc/heldout34 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figure images of thirteen
Debian documentation packages and five PyPI sdists: 20 compound, 19 single; four figures print their panel letters,
three captions name every panel by letter and two by place; photograph, micrograph and map grids, a touching
micrograph grid on black, two photographs joined by match lines), the caption names and expected decisions are the
written rule's, at most three figures come from one archive, no image or archive is shared with heldout2-32, the tuning
lists or the shared real figures and photos, and extract.py hands its own annotations to the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout34"
OLDER = tuple(f"heldout{i}" for i in range(2, 33))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"python-silx-doc_1.1.0+dfsg-5_all.deb": "python-silx-doc=1.1.0+dfsg-5",
            "pymca-doc_5.8.0+dfsg-2_all.deb": "pymca-doc=5.8.0+dfsg-2",
            "yade-doc_2023.02a-1_all.deb": "yade-doc=2023.02a-1",
            "liggghts-doc_3.8.0+repack1-9_all.deb": "liggghts-doc=3.8.0+repack1-9",
            "xmds2-doc_3.1.0+dfsg2-3_all.deb": "xmds2-doc=3.1.0+dfsg2-3",
            "libvigraimpex-doc_1.11.1+dfsg-11_all.deb": "libvigraimpex-doc=1.11.1+dfsg-11",
            "insighttoolkit5-examples_5.2.1-5+deb12u1_all.deb": "insighttoolkit5-examples=5.2.1-5+deb12u1",
            "r-cran-stars_0.6-0-4_all.deb": "r-cran-stars=0.6-0-4",
            "python-bioxtasraw-doc_2.1.1-4_all.deb": "python-bioxtasraw-doc=2.1.1-4",
            "python-dtcwt-doc_0.12.0-5_all.deb": "python-dtcwt-doc=0.12.0-5",
            "python-pymatgen-doc_2022.11.7+dfsg1-11+deb12u2_all.deb": "python-pymatgen-doc=2022.11.7+dfsg1-11+deb12u2",
            "python-bumps-doc_0.9.0-3_all.deb": "python-bumps-doc=0.9.0-3",
            "python-mdanalysis-doc_2.4.2+dfsg1-1_all.deb": "python-mdanalysis-doc=2.4.2+dfsg1-1",
            "drymass-0.12.0.tar.gz": "drymass==0.12.0", "cytoland-0.1.0.tar.gz": "cytoland==0.1.0",
            "delta_microscopy-3.0.0.tar.gz": "delta-microscopy==3.0.0", "emcaps-1.0.0.tar.gz": "emcaps==1.0.0",
            "filai-0.1.55.tar.gz": "filai==0.1.55"}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("python-silx-doc", "pymca-doc", "yade-doc", "liggghts-doc", "xmds2-doc", "libvigraimpex", "insighttoolkit5",
         "r-cran-stars", "bioxtasraw", "dtcwt", "pymatgen", "python-bumps", "mdanalysis", "drymass", "cytoland",
         "delta_microscopy", "delta-microscopy", "emcaps", "filai")
COUNTS = {"python-silx-doc_1.1.0+dfsg-5_all.deb": (2, 0), "pymca-doc_5.8.0+dfsg-2_all.deb": (0, 2),
          "yade-doc_2023.02a-1_all.deb": (3, 0), "liggghts-doc_3.8.0+repack1-9_all.deb": (1, 2),
          "xmds2-doc_3.1.0+dfsg2-3_all.deb": (0, 2), "libvigraimpex-doc_1.11.1+dfsg-11_all.deb": (0, 2),
          "insighttoolkit5-examples_5.2.1-5+deb12u1_all.deb": (0, 3), "r-cran-stars_0.6-0-4_all.deb": (2, 0),
          "python-bioxtasraw-doc_2.1.1-4_all.deb": (3, 0), "python-dtcwt-doc_0.12.0-5_all.deb": (2, 1),
          "python-pymatgen-doc_2022.11.7+dfsg1-11+deb12u2_all.deb": (1, 0), "python-bumps-doc_0.9.0-3_all.deb": (1, 1),
          "python-mdanalysis-doc_2.4.2+dfsg1-1_all.deb": (0, 1), "drymass-0.12.0.tar.gz": (3, 0),
          "cytoland-0.1.0.tar.gz": (1, 0), "delta_microscopy-3.0.0.tar.gz": (1, 2), "emcaps-1.0.0.tar.gz": (0, 1),
          "filai-0.1.55.tar.gz": (0, 2)}
PANELS = [2] * 6 + [3] + [4] * 5 + [5] + [6] * 4 + [9, 9, 23]
LETTERED = {"images/bx_pr_overview.png": list("abcghijkl"), "images/bx_guinier_overview.png": list("abcdef"),
            "images/yd_potential.png": list("abcd"), "images/yd_micro.png": ["a", "b"]}
ROWS_TRUE = {"images/bx_pr_overview.png": list("abcghijkl"), "images/bx_guinier_overview.png": list("abcdef"),
             "images/yd_potential.png": list("abcd"), "images/bx_guinier_aggr.png": ["left", "middle", "right"],
             "images/yd_cellflip.png": ["left", "right"]}
CAPTIONED = set(ROWS_TRUE) | {"images/pm_examples.png", "images/xm_fibre.png", "images/bu_sim.png",
                              "images/md_rmsd.png"}
LAYOUTS = {"images/bx_pr_overview.png": [3, 3, 3], "images/bx_guinier_overview.png": [3, 3],
           "images/dt_reg00.png": [2, 2], "images/dt_reg01.png": [2, 2], "images/yd_potential.png": [2, 2],
           "images/sx_sync.png": [2, 2], "images/st_plot3.png": [3, 3], "images/st_plot4.png": [4, 4, 4, 4, 4, 3],
           "images/pm_examples.png": [2, 2], "images/dm_t01.png": [3, 3], "images/dm_t03o.png": [3, 3],
           "images/dm_t03s.png": [3, 3, 3], "images/bu_error.png": [1, 1], "images/de_book_p2.png": [1, 1]}
# cy_svideo: the phase image's label runs below the top row, so rows_of groups it as 4 + 1; its cells are given here.
CY_CELLS = [(150, 15, 465, 380), (465, 15, 735, 337), (735, 15, 1050, 337), (465, 337, 735, 665),
            (735, 337, 1050, 665)]


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 39 and sum(f["panels"] > 1 for f in figures) == 20
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 14, "diag": 9, "mixed": 5, "clin": 8, "micro": 3}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 5 and sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "39 figures: 20 compound, 19 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_archive_gives_more_than_three_figures(figures):
    per_src = {}
    for f in figures:
        per_src[f["origin"]["sdist"]] = per_src.get(f["origin"]["sdist"], 0) + 1
    assert max(per_src.values()) == 3 and len(per_src) == 18
    assert len({(f["origin"]["sdist"], f["origin"]["member"], f["origin"]["page"]) for f in figures}) == 39


def test_letters_and_caption_names(figures):
    """Four figures print their letters (BioXTAS RAW's two reproduced SAXS figures in capitals, Yade's (a)-(d) and
    (a)/(b)); three captions name every printed letter, two name every panel by place; every other figure has no
    name, and Yade's (a)/(b) drawing has no caption at all."""
    byf = by_file(figures)
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    assert {f["file"]: f["caption_names"] for f in figures if f["rows"] is True} == ROWS_TRUE
    assert {f["file"] for f in figures if f["caption"]} == CAPTIONED
    for name in ("images/bx_pr_overview.png", "images/bx_guinier_overview.png"):
        cap = byf[name]["caption"]
        assert all(re.search(rf"\b{x.upper()}\b", cap) for x in byf[name]["letters"]), name
    assert all(f"({x})" in byf["images/yd_potential.png"]["caption"] for x in "abcd")
    assert "(left panel)" in byf["images/bx_guinier_aggr.png"]["caption"]
    assert "Bottom left" in byf["images/pm_examples.png"]["caption"]  # two-word places: not names under the rule
    for f in figures:
        if f["file"] not in ROWS_TRUE:
            assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (39, 20, 4)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|Apache|BSD|public domain"
    ARCHIVES, LAYOUTS = ARCHIVES, LAYOUTS
    CELLS = {"images/cy_svideo.png": CY_CELLS}
    RENDERED = ("images/de_book_p2.png",)


class TestExtractor(ExtractorRebuildContract):
    SET = SET
