"""The frozen held-out figure set benchmarks/pmc/heldout36 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (44 figures from nineteen
Debian packages: 24 compound, 20 single; ten figures print panel letters, two captions name every printed letter;
three plot galleries whose panels share frame lines), the expected decisions are the written rule's, no archive gives
more than three figures, no image or archive is shared with heldout2-35, the tuning lists or the shared real figures
and photos, and extract.py hands its own annotations to the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  type_counts)

SET = PMC / "heldout36"
OLDER = tuple(f"heldout{i}" for i in range(2, 36))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"pyscanfcs_0.3.6+ds-4+b1_amd64.deb": "pyscanfcs=0.3.6+ds-4+b1",
            "r-bioc-grohmm_1.32.0-1_amd64.deb": "r-bioc-grohmm=1.32.0-1",
            "r-bioc-genomicfiles_1.34.0-1_all.deb": "r-bioc-genomicfiles=1.34.0-1",
            "r-bioc-stringdb_2.10.1-1_all.deb": "r-bioc-stringdb=2.10.1-1",
            "r-cran-aplpack_1.3.5-1_all.deb": "r-cran-aplpack=1.3.5-1",
            "r-cran-bayestestr_0.13.0-1_all.deb": "r-cran-bayestestr=0.13.0-1",
            "r-cran-graphlayouts_0.8.4-1_amd64.deb": "r-cran-graphlayouts=0.8.4-1",
            "r-cran-ggtext_0.1.2-1_all.deb": "r-cran-ggtext=0.1.2-1",
            "r-cran-tidytext_0.4.1-1_all.deb": "r-cran-tidytext=0.4.1-1",
            "r-bioc-glmgampoi_1.10.2+dfsg-1_amd64.deb": "r-bioc-glmgampoi=1.10.2+dfsg-1",
            "r-bioc-decoupler_2.4.0+dfsg-1_all.deb": "r-bioc-decoupler=2.4.0+dfsg-1",
            "elk-lapw_8.4.30-1_amd64.deb": "elk-lapw=8.4.30-1",
            "mrpt-doc_1%3a2.5.8+ds-2_all.deb": "mrpt-doc=1:2.5.8+ds-2",
            "r-cran-palmerpenguins_0.1.1-1_all.deb": "r-cran-palmerpenguins=0.1.1-1",
            "fityk_1.3.2-2+b2_amd64.deb": "fityk=1.3.2-2+b2",
            "r-cran-isoband_0.2.7-1_amd64.deb": "r-cran-isoband=0.2.7-1",
            "r-cran-taxize_0.9.100-1_all.deb": "r-cran-taxize=0.9.100-1",
            "code-saturne-doc_6.0.2-2_all.deb": "code-saturne-doc=6.0.2-2",
            "pyxplot-doc_0.9.2-13_all.deb": "pyxplot-doc=0.9.2-13"}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("pyscanfcs", "grohmm", "genomicfiles", "stringdb", "aplpack", "bayestestr", "graphlayouts", "ggtext",
         "tidytext", "glmgampoi", "decoupler", "elk-lapw", "mrpt", "palmerpenguins", "fityk", "isoband", "taxize",
         "code-saturne-doc", "pyxplot")
PANELS = [2] * 13 + [3] + [4] * 3 + [6] * 5 + [7] + [9]
LETTERED = {"images/ps_modes.png": list("acebdf"), "images/ps_guv.png": ["a", "b"], "images/ps_alex.png": ["a", "b"],
            "images/gh_calling.png": ["a", "b"], "images/gh_meta.png": ["a", "b"], "images/bt_hdi.png": ["a", "b"],
            "images/cs_faces.png": ["a", "b"], "images/px_window.png": list("abcdefghi"),
            "images/px_bars.png": list("abcd"), "images/px_bars2.png": list("abcdef")}
NAMED = {"images/ps_modes.png": list("acebdf"), "images/ps_guv.png": ["a", "b"]}
# the three galleries share frame lines: their cells were cut by hand at those lines (fractions of height, width)
GRID_CUTS = {"images/px_window.png": ([0.3018, 0.5929], [0.4328, 0.7699]),
             "images/px_bars.png": ([0.436], [0.5479]), "images/px_bars2.png": ([0.3067, 0.6014], [0.5579])}
LAYOUTS = {"images/ps_modes.png": [3, 3], "images/sd_clusters.png": [2, 2], "images/gl_manip.png": [2, 2],
           "images/gt_facet.png": [3, 3, 1], "images/tt_facet.png": [2, 2, 2], "images/gp_coef.png": [4, 2],
           "images/gp_marker.png": [3, 3], "images/gf_range.png": [1, 1], "images/gf_file.png": [1, 1],
           "images/ap_brush.png": [1, 1], "images/ap_split.png": [1, 1], "images/ap_zoom.png": [1, 1],
           "images/el_ba122.png": [1, 1], "images/px_window.png": [3, 3, 3], "images/px_bars.png": [2, 2],
           "images/px_bars2.png": [2, 2, 2]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 44 and sum(f["panels"] > 1 for f in figures) == 24
    types = type_counts(figures)
    assert types == {"chart": 25, "diag": 9, "mixed": 5, "clin": 3, "micro": 2}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert [f["file"] for f in figures if f["rows"]] == ["images/ps_modes.png", "images/ps_guv.png"]
    assert all(f["rows"] is False for f in figures if f["file"] not in NAMED)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "44 figures: 24 compound, 20 single-panel" in readme
    assert "Held-out evaluation looks so far: 1" in readme  # run once on 2026-12-07 (14:35 UTC); tuning data since


def test_no_archive_gives_more_than_three_figures(figures):
    per_src = {}
    for f in figures:
        per_src[f["origin"]["sdist"]] = per_src.get(f["origin"]["sdist"], 0) + 1
    assert max(per_src.values()) == 3 and len(per_src) == 19
    assert len({(f["origin"]["sdist"], f["origin"]["member"], f["origin"]["page"]) for f in figures}) == 44


def test_letters_captions_and_names(figures):
    """Ten figures print letters; the two PyScanFCS captions that name panels name every printed letter, the other
    captions name none."""
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    assert {f["file"]: f["caption_names"] for f in figures if any(f["caption_names"])} == NAMED
    assert sum(1 for f in figures if f["caption"]) == 12


def test_boxes_lie_in_their_hand_cut_cells(figures):
    byf = by_file(figures)
    for name, (ys, xs) in GRID_CUTS.items():  # every box lies in its hand-cut cell
        f = byf[name]
        ycuts = [0] + [round(v * f["height"]) for v in ys] + [f["height"]]
        xcuts = [0] + [round(v * f["width"]) for v in xs] + [f["width"]]
        cells = [(xa, ya, xb, yb) for ya, yb in zip(ycuts, ycuts[1:]) for xa, xb in zip(xcuts, xcuts[1:])]
        assert all(c[0] - 1 <= b[0] and b[2] <= c[2] + 1 and c[1] - 1 <= b[1] and b[3] <= c[3] + 1
                   for b, c in zip(f["boxes"], cells)), name


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (44, 24, 10)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|BSD|Artistic|CC0"
    ARCHIVES, LAYOUTS, MAX_SIDE = ARCHIVES, LAYOUTS, 1200
    RENDERED = 16  # PDF pages; the other figures are image files


class TestExtractor(ExtractorRebuildContract):
    SET = SET
