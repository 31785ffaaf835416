"""The frozen held-out figure set benchmarks/pmc/heldout29 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures cut from journal
articles and vignettes shipped as PDFs in twelve Debian `r-cran-*` packages: 31 compound, 18 single; five with printed
panel letters, eighteen whose caption names every panel, by letter or by place; two whose caption names letters the
image does not print), the caption names and expected decisions are the written rule's, at most three figures come
from one document, no image or source is shared with heldout2-28, the tuning lists or the shared real figures and
photos, and extract.py rebuilds images from Debian packages and PDFs built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout29"
OLDER = tuple(f"heldout{i}" for i in range(2, 29))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"r-cran-powerlaw_0.70.6-2_all.deb": "r-cran-powerlaw=0.70.6-2",
            "r-cran-earth_5.3.2-1_amd64.deb": "r-cran-earth=5.3.2-1",
            "r-cran-plotmo_3.6.2-1_all.deb": "r-cran-plotmo=3.6.2-1",
            "r-cran-tgp_2.4-21-1_amd64.deb": "r-cran-tgp=2.4-21-1",
            "r-cran-ei_1.3-3-3_all.deb": "r-cran-ei=1.3-3-3",
            "r-cran-gnm_1.1-2-1_amd64.deb": "r-cran-gnm=1.1-2-1",
            "r-cran-erm_1.0-2-1+b1_amd64.deb": "r-cran-erm=1.0-2-1+b1",
            "r-cran-maxstat_0.7-25-2+b1_amd64.deb": "r-cran-maxstat=0.7-25-2+b1",
            "r-cran-rockchalk_1.8.157+dfsg-1_all.deb": "r-cran-rockchalk=1.8.157+dfsg-1",
            "r-cran-etm_1.1.1-1_amd64.deb": "r-cran-etm=1.1.1-1",
            "r-cran-laeken_0.5.2-1_all.deb": "r-cran-laeken=0.5.2-1",
            "r-cran-markovchain_0.9.1-1_amd64.deb": "r-cran-markovchain=0.9.1-1"}
# The sources' names as they would appear in an older set's annotations or the tuning lists ("powerlaw" alone is
# not one: heldout3 names a "powerlaw" kernel of the surveillance package).
NAMES = ("r-cran-powerlaw", "d_jss_paper", "powerlaw_examples", "comparing_distributions", "gillespie",
         "r-cran-earth", "earth-notes", "earth-varmod", "milborrow", "plotmo", "plotres", "r-cran-tgp", "tgp.pdf",
         "tgp2.pdf", "gramacy", "r-cran-ei_", "/ei.pdf", "r-cran-gnm", "gnmoverview", "r-cran-erm", "erm.pdf",
         "maxstat", "rockchalk", "etmcif", "laeken", "markovchain")
COUNTS = {"r-cran-powerlaw_0.70.6-2_all.deb": (7, 4), "r-cran-earth_5.3.2-1_amd64.deb": (6, 0),
          "r-cran-plotmo_3.6.2-1_all.deb": (4, 0), "r-cran-tgp_2.4-21-1_amd64.deb": (6, 0),
          "r-cran-ei_1.3-3-3_all.deb": (3, 0), "r-cran-gnm_1.1-2-1_amd64.deb": (2, 1),
          "r-cran-erm_1.0-2-1+b1_amd64.deb": (1, 2), "r-cran-maxstat_0.7-25-2+b1_amd64.deb": (1, 2),
          "r-cran-rockchalk_1.8.157+dfsg-1_all.deb": (1, 2), "r-cran-etm_1.1.1-1_amd64.deb": (0, 3),
          "r-cran-laeken_0.5.2-1_all.deb": (0, 2), "r-cran-markovchain_0.9.1-1_amd64.deb": (0, 2)}
PANELS = [2] * 16 + [3] * 6 + [4] * 8 + [6]
LETTERED = {"images/pl_jss_fig1.png": list("abc"), "images/pl_jss_fig3.png": list("abc"),
            "images/pl_jss_fig5.png": list("ab"), "images/gnm_fig10.png": list("abcd"),
            "images/gnm_fig11.png": list("abcd")}
BY_PLACE = {"images/en_fig4.png": ["left", "right"], "images/en_fig8.png": ["left", "right"],
            "images/en_fig10.png": ["left", "middle", "right"], "images/ev_fig4.png": ["left", "right"],
            "images/ev_fig9.png": ["left", "right"], "images/pm_fig5.png": ["left", "middle", "right"],
            "images/pr_fig3.png": ["left", "right"], "images/tgp_fig1.png": ["top", "bottom"],
            "images/tgp_fig3.png": ["left", "right"], "images/tgp_fig9.png": ["left", "right"],
            "images/tgp2_fig12.png": ["left", "right"], "images/tgp2_fig14.png": ["left", "right"],
            "images/tgp2_fig20.png": ["left", "right"], "images/ei_fig2.png": ["left", "right"],
            "images/ei_fig3.png": ["left", "right"]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 49 and sum(f["panels"] > 1 for f in figures) == 31
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 44, "diag": 4, "mixed": 1, "clin": 0, "micro": 0}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 18 and sum(1 for f in figures if f["rows"] is None) == 2
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "49 figures: 31 compound, 18 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_document_gives_more_than_three_figures(figures):
    per_doc, per_page_fig = {}, set()
    for f in figures:
        key = (f["origin"]["sdist"], f["origin"]["member"])
        per_doc[key] = per_doc.get(key, 0) + 1
        per_page_fig.add((key, f["origin"]["page"], f["caption"][:12]))
    assert max(per_doc.values()) == 3 and len(per_doc) == 18
    assert len(per_page_fig) == 49  # every image is its own figure


def test_letters_and_caption_names(figures):
    """Five figures print panel letters: the JSS article's three, named by its captions ('(a):', '(a) Histogram',
    'The (a) probability ...'), and gnm's two '(a) Residuals by age'-titled grids, whose captions name no panel;
    fifteen unlettered figures' captions name every panel by place; two captions name letters the image does not
    print."""
    byf = by_file(figures)
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    for name in ("images/pl_jss_fig1.png", "images/pl_jss_fig3.png", "images/pl_jss_fig5.png"):
        f = byf[name]
        assert f["caption_names"] == f["letters"] and f["rows"] is True, name
        assert all(f"({x})" in f["caption"] for x in f["letters"]), name
    for name in ("images/gnm_fig10.png", "images/gnm_fig11.png"):
        f = byf[name]
        assert f["caption_names"] == [None] * 4 and f["rows"] is False
        assert not re.search(r"\([a-d]\)", f["caption"]), name
    assert {f["file"]: f["caption_names"] for f in figures if f["rows"] is True and not f["letters"]} == BY_PLACE
    for name, places in BY_PLACE.items():
        assert all(re.search(p, byf[name]["caption"], re.I) for p in places), name
    nulls = {f["file"]: f["caption_names"] for f in figures if f["rows"] is None}
    assert nulls == {"images/pl_ex_fig3.png": ["a", "b"], "images/pl_intro_fig1.png": ["a", "b", "c", "d"]}
    assert byf["images/pl_ex_fig2.png"]["caption_names"] == [None] * 6  # rows named, three panels each
    assert "The top row shows" in byf["images/pl_ex_fig2.png"]["caption"]
    assert byf["images/ev_fig10.png"]["caption"] == "Figure 10: plot.varmod"
    assert all(f["caption"].startswith("Figure ") for f in figures)


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (49, 31, 5)
    NEW_ARCHIVES = PACKAGES = PINS = ARCHIVES
    ARCHIVES, RENDERED = ARCHIVES, 49  # every figure a rendered page
    # the figures named by place are one row, but tgp_fig1 (top over bottom)
    ONE_ROW = {name: len(places) for name, places in BY_PLACE.items() if places != ["top", "bottom"]}
    TOP_BOTTOM = {"images/tgp_fig1.png": [1, 1], "images/pl_ex_fig2.png": [3, 3], "images/pl_intro_fig1.png": [2, 2],
                  "images/ev_fig10.png": [2, 1], "images/gnm_fig10.png": [2, 2], "images/gnm_fig11.png": [2, 2],
                  "images/rc_fig10.png": [2, 2]}
    ONE_ROW_REST = False  # five grids named by neither are not checked


class TestExtractor(ExtractorRebuildContract):
    SET = SET
