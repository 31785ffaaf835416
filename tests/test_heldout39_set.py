"""The frozen held-out figure set benchmarks/pmc/heldout39 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (documentation images,
test baselines and example data of twenty-one PyPI sdists: 20 compound, 19 single; no figure prints panel letters;
three captions, pysptools' own figure text, name no panel by letter; image grids of micrographs, photographs touching
edge to edge and astronomical frames), at most three figures come from one archive, no image or archive is shared
with heldout2-37, the tuning lists or the shared real figures and photos, and extract.py hands its own annotations to
the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PerArchiveContract, PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout39"
OLDER = tuple(f"heldout{i}" for i in range(2, 38))  # heldout38 is held out: its annotations are not opened here
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"webbpsf-2.0.0.tar.gz": "webbpsf==2.0.0", "pysptools-0.15.0.tar.gz": "pysptools==0.15.0",
            "exspy-0.3.2.tar.gz": "exspy==0.3.2", "aicspylibczi-4.0.1.tar.gz": "aicspylibczi==4.0.1",
            "mayavi-4.9.0.tar.gz": "mayavi==4.9.0", "xdem-0.2.3.tar.gz": "xdem==0.2.3",
            "pvextractor-0.5.tar.gz": "pvextractor==0.5", "thumbor-7.8.0.tar.gz": "thumbor==7.8.0",
            "colour_demosaicing-0.2.7.tar.gz": "colour-demosaicing==0.2.7",
            "colour_hdri-0.2.6.tar.gz": "colour-hdri==0.2.6", "pyntcloud-0.3.1.tar.gz": "pyntcloud==0.3.1",
            "specreduce-1.9.0.tar.gz": "specreduce==1.9.0", "earthpy-1.0.0.tar.gz": "earthpy==1.0.0",
            "batman_package-2.5.2.tar.gz": "batman-package==2.5.2", "esda-2.9.0.tar.gz": "esda==2.9.0",
            "mapclassify-2.10.0.tar.gz": "mapclassify==2.10.0",
            "matplotlib_label_lines-0.8.1.tar.gz": "matplotlib-label-lines==0.8.1",
            "mpl_scatter_density-0.8.tar.gz": "mpl-scatter-density==0.8", "pysiaf-0.29.0.tar.gz": "pysiaf==0.29.0",
            "colorcet-3.2.1.tar.gz": "colorcet==3.2.1", "astrocut-1.4.0.tar.gz": "astrocut==1.4.0"}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("webbpsf", "pysptools", "exspy", "aicspylibczi", "libczi", "mayavi", "xdem", "pvextractor", "thumbor",
         "colour-demosaicing", "colour_demosaicing", "colour-hdri", "colour_hdri", "pyntcloud", "specreduce",
         "earthpy", "batman", "esda", "mapclassify", "label_lines", "label-lines", "scatter_density",
         "scatter-density", "pysiaf", "colorcet", "astrocut")
COUNTS = {"webbpsf-2.0.0.tar.gz": (3, 0), "pysptools-0.15.0.tar.gz": (3, 0), "exspy-0.3.2.tar.gz": (3, 0),
          "aicspylibczi-4.0.1.tar.gz": (2, 1), "mayavi-4.9.0.tar.gz": (1, 2), "xdem-0.2.3.tar.gz": (2, 1),
          "pvextractor-0.5.tar.gz": (2, 1), "thumbor-7.8.0.tar.gz": (0, 3), "colour_demosaicing-0.2.7.tar.gz": (1, 0),
          "colour_hdri-0.2.6.tar.gz": (1, 0), "pyntcloud-0.3.1.tar.gz": (1, 0), "specreduce-1.9.0.tar.gz": (1, 0),
          "earthpy-1.0.0.tar.gz": (0, 1), "batman_package-2.5.2.tar.gz": (0, 2), "esda-2.9.0.tar.gz": (0, 2),
          "mapclassify-2.10.0.tar.gz": (0, 1), "matplotlib_label_lines-0.8.1.tar.gz": (0, 1),
          "mpl_scatter_density-0.8.tar.gz": (0, 1), "pysiaf-0.29.0.tar.gz": (0, 1), "colorcet-3.2.1.tar.gz": (0, 1),
          "astrocut-1.4.0.tar.gz": (0, 1)}
PANELS = [2] * 8 + [3, 3] + [4] * 4 + [5, 6, 6, 8, 9, 11]
CAPTIONED = {"images/ps_amaps.png": "Figure 3: abundance maps generated with FCLS.",
             "images/ps_gas.png": "Figure 4, abundance maps related to gas leaving the burner by the side",
             "images/ps_smk.png": "Figure 4: in red, the masked endmembers set classified with NormXCorr"}
LAYOUTS = {"images/wb_roman.png": [4, 4, 3], "images/wb_coron.png": [3, 3], "images/ps_amaps.png": [2, 2],
           "images/ps_smk.png": [4, 4], "images/my_slicer.png": [2, 2], "images/xd_target.png": [2, 2],
           "images/xd_terrain.png": [2, 1], "images/nc_matrix.png": [3, 3, 3], "images/sr_tilt.png": [1, 1],
           "images/ex_factors.png": [4]}  # the tall spectrum spans the three maps: one row by rows_of
# ex_factors: a tall spectrum plot at the left, a column of three maps at the right (cells given by hand)
FACTORS = [[0, 0, 516, 476], [516, 0, 682, 164], [516, 164, 682, 314], [516, 314, 682, 476]]
# photographs touching edge to edge are cut at the equal split and keep their whole cells
TOUCHING = {"images/cd_light.png": [[0, 0, 256, 768], [256, 0, 512, 768]],
            "images/xd_target.png": [[0, 0, 600, 401], [600, 0, 1200, 401], [0, 401, 600, 802],
                                     [600, 401, 1200, 802]]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 39 and sum(f["panels"] > 1 for f in figures) == 20
    assert source_counts(figures, COUNTS) == COUNTS
    assert type_counts(figures) == {"chart": 21, "diag": 3, "mixed": 2, "clin": 8, "micro": 5}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 0 and sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "39 figures: 20 compound, 19 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1



def test_letters_and_caption_names(figures):
    """No figure prints panel letters; three captions (pysptools' own figure text) name no panel by letter, so no
    figure expects rows."""
    assert [f["file"] for f in figures if f["letters"]] == []
    assert {f["file"] for f in figures if f["caption"]} == set(CAPTIONED)
    byf = by_file(figures)
    for name, start in CAPTIONED.items():
        assert byf[name]["caption"].startswith(start), name
    for f in figures:
        assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]


class TestSet(PerArchiveContract, ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    ARCHIVE_COUNT = 21
    SUMMARY = (39, 20, 0)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|Apache|BSD|CC-BY"
    ARCHIVES, LAYOUTS, TOUCHING = ARCHIVES, LAYOUTS, TOUCHING
    CELLS = {"images/ex_factors.png": FACTORS}


class TestExtractor(ExtractorRebuildContract):
    SET = SET
