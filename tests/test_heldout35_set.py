"""The frozen held-out figure set benchmarks/pmc/heldout35 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (image files of fourteen
Debian packages and three PyPI sdists: 20 compound, 17 single; one figure prints (a) / (b) under its plots and one
prints single capital letters in its facet strips; no caption names a panel; satellite-image, lidar and map grids, two
grids whose panels touch, drawings joined by '+' and '=' signs), the expected decisions are the written rule's, at
most three figures come from one archive, no image or archive is shared with heldout2-34, the tuning lists or the
shared real figures and photos, and extract.py hands its own annotations to the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout35"
OLDER = tuple(f"heldout{i}" for i in range(2, 35))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"r-cran-performance_0.10.2-1_all.deb": "r-cran-performance=0.10.2-1",
        "r-cran-ggsignif_0.6.4-1_all.deb": "r-cran-ggsignif=0.6.4-1",
        "r-cran-viridis_0.6.2-1_all.deb": "r-cran-viridis=0.6.2-1",
        "r-cran-ggforce_0.4.1-1_amd64.deb": "r-cran-ggforce=0.4.1-1",
        "r-cran-ggraph_2.1.0+dfsg-1_amd64.deb": "r-cran-ggraph=2.1.0+dfsg-1",
        "r-cran-ggridges_0.5.4-1_all.deb": "r-cran-ggridges=0.5.4-1",
        "r-cran-ggalluvial_0.12.5-2_all.deb": "r-cran-ggalluvial=0.12.5-2",
        "r-cran-effectsize_0.8.3+dfsg-1_all.deb": "r-cran-effectsize=0.8.3+dfsg-1",
        "grass-doc_8.2.1-1_all.deb": "grass-doc=8.2.1-1",
        "python-ase-doc_3.22.1-3+deb12u1_all.deb": "python-ase-doc=3.22.1-3+deb12u1",
        "python-xarray-doc_2023.01.0-1.1_all.deb": "python-xarray-doc=2023.01.0-1.1",
        "libosd-doc_3.5.0-2_all.deb": "libosd-doc=3.5.0-2",
        "python-astroquery-doc_0.4.6+dfsg-4_all.deb": "python-astroquery-doc=0.4.6+dfsg-4",
        "python-astroplan-doc_0.7-4_all.deb": "python-astroplan-doc=0.7-4"}
ARCHIVES = dict(DEBS, **{"netplotbrain-0.3.0.tar.gz": "netplotbrain==0.3.0", "fury-2.0.0.tar.gz": "fury==2.0.0",
                         "imagecorruptions-1.1.2.tar.gz": "imagecorruptions==1.1.2"})
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("r-cran-performance", "ggsignif", "r-cran-viridis", "ggforce", "ggraph", "ggridges", "ggalluvial",
         "effectsize", "grass-doc", "python-ase-doc", "python-xarray-doc", "libosd", "opensubdiv", "astroquery",
         "astroplan", "netplotbrain", "fury-2.0.0", "imagecorruptions")
COUNTS = {"r-cran-performance_0.10.2-1_all.deb": (3, 0), "r-cran-ggsignif_0.6.4-1_all.deb": (1, 2),
          "r-cran-viridis_0.6.2-1_all.deb": (2, 1), "r-cran-ggforce_0.4.1-1_amd64.deb": (1, 1),
          "r-cran-ggraph_2.1.0+dfsg-1_amd64.deb": (1, 0), "r-cran-ggridges_0.5.4-1_all.deb": (0, 1),
          "r-cran-ggalluvial_0.12.5-2_all.deb": (0, 1), "r-cran-effectsize_0.8.3+dfsg-1_all.deb": (0, 1),
          "grass-doc_8.2.1-1_all.deb": (3, 0), "python-ase-doc_3.22.1-3+deb12u1_all.deb": (3, 0),
          "python-xarray-doc_2023.01.0-1.1_all.deb": (3, 0), "libosd-doc_3.5.0-2_all.deb": (2, 1),
          "python-astroquery-doc_0.4.6+dfsg-4_all.deb": (0, 2), "python-astroplan-doc_0.7-4_all.deb": (0, 2),
          "netplotbrain-0.3.0.tar.gz": (1, 0), "fury-2.0.0.tar.gz": (0, 3), "imagecorruptions-1.1.2.tar.gz": (0, 2)}
PANELS = [2] * 5 + [3] * 2 + [4] * 6 + [6] * 3 + [7] + [8] * 3
LETTERED = {"images/pf_ppcheck.png": ["a", "b"], "images/gs_facet.png": list("defghij")}
CAPTIONED = {"images/gg_frame.png": "Figure: d.frame example",
             "images/gg_pca.png": "Resulting PCA maps calculated from the Landsat7 imagery (NC, USA)"}
LAYOUTS = {"images/pf_check14.png": [2, 2, 2], "images/pf_check15.png": [2, 2, 2], "images/gs_facet.png": [3, 3, 1],
           "images/vi_maps.png": [3, 2, 3], "images/vi_scale.png": [1] * 8, "images/gf_zoom.png": [1, 1],
           "images/gg_frame.png": [2, 2], "images/gg_pca.png": [2, 2, 2], "images/gg_lidar.png": [2, 2],
           "images/nb_templates.png": [4, 4], "images/as_precon.png": [1, 1], "images/as_a21.png": [1, 1],
           "images/xr_ways.png": [2, 2], "images/xr_toy.png": [2, 2], "images/xr_gallery.png": [2, 2]}
# The '+' and '=' signs between the OpenSubdiv drawings lie outside every box.
SIGNS = {"images/os_fvary.png": (434, 449, 729, 743), "images/os_vertex.png": (426, 441, 745, 759)}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 37 and sum(f["panels"] > 1 for f in figures) == 20
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 20, "diag": 11, "mixed": 3, "clin": 3, "micro": 0}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert all(f["rows"] is False for f in figures)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "37 figures: 20 compound, 17 single-panel" in readme
    assert "Held-out evaluation looks so far: 1" in readme  # run once on 2026-12-07 (12:29 UTC); tuning data since


def test_no_archive_gives_more_than_three_figures(figures):
    per_src = {}
    for f in figures:
        per_src[f["origin"]["sdist"]] = per_src.get(f["origin"]["sdist"], 0) + 1
    assert max(per_src.values()) == 3 and len(per_src) == 17
    assert len({(f["origin"]["sdist"], f["origin"]["member"]) for f in figures}) == 37


def test_letters_captions_and_names(figures):
    """Two figures print letters ((a) / (b) under two density plots; D-J in facet strips), neither has a caption; the
    two captions name no panel, so no figure expects rows."""
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    assert {f["file"]: f["caption"] for f in figures if f["caption"]} == CAPTIONED
    assert all(f["caption_names"] == [None] * f["panels"] for f in figures)


def test_hand_cells(figures):
    """The signs between the panels and the shared legends are in no box."""
    byf = by_file(figures)
    for name, (p0, p1, e0, e1) in SIGNS.items():
        boxes = byf[name]["boxes"]
        assert len(boxes) == 3 and boxes[0][2] <= p0 and p1 <= boxes[1][0] and boxes[1][2] <= e0 and e1 <= boxes[2][0]
    assert max(b[2] for b in byf["images/gh_facet.png"]["boxes"]) <= 560  # the shared legend is in no box
    assert max(b[2] for b in byf["images/gf_zoom.png"]["boxes"]) <= 560


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (37, 20, 2)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|Apache|BSD"
    ARCHIVES, LAYOUTS, MAX_SIDE = ARCHIVES, LAYOUTS, 1200


class TestExtractor(ExtractorRebuildContract):
    SET = SET
