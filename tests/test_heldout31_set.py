"""The frozen held-out figure set benchmarks/pmc/heldout31 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures cut from thesis
templates, journal templates, class manuals and presentation-theme demos shipped as PDFs in two Debian TeX Live
documentation packages: 22 compound, 19 single; nine photograph grids, eight with printed panel letters, four whose
caption names every panel, three by letter and one by place), the caption names and expected decisions are the written
rule's, at most three figures come from one document, no image or document is shared with heldout2-30, the tuning
lists or the shared real figures and photos, and extract.py rebuilds images from Debian packages and PDFs built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout31"
OLDER = tuple(f"heldout{i}" for i in range(2, 31))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"texlive-publishers-doc_2022.20230122-4_all.deb": "texlive-publishers-doc=2022.20230122-4",
            "texlive-latex-extra-doc_2022.20230122-4_all.deb": "texlive-latex-extra-doc=2022.20230122-4"}
# The documents' names as they would appear in an older set's annotations or the tuning lists. (Both packages were
# used by heldout10 for other documents; no document of this set is in an older set.)
NAMES = ("image-gallery", "gallery-example", "classicthesis", "hustthesis", "toptesi", "yazd-thesis", "beamerdarkthemes",
         "uestcthesis", "sduthesis", "bgteubner", "jacow", "mlacls", "mla-example", "ftc-notebook", "example-notebook",
         "bmstu", "moderncv", "bjfuthesis", "spie/article", "tocdata", "beamercolorthemeowl", "beamertheme-trigon",
         "trigon_demo", "detlevcm", "beamer-fuberlin", "exampletheme")
COUNTS = {"texlive-publishers-doc_2022.20230122-4_all.deb": (13, 15),
          "texlive-latex-extra-doc_2022.20230122-4_all.deb": (9, 4)}
PANELS = [2] * 10 + [3] * 3 + [4] * 3 + [5] + [6] * 3 + [7, 18]
LETTERED = {"images/ct_fig2_1.png": "abcd", "images/hu_fig2_2.png": "ab", "images/tt_fig3_11.png": "ab",
            "images/ue_fig4_3.png": "ab", "images/ue_fig6_5.png": "abc", "images/ue_fig6_6.png": "ab",
            "images/sd_fig4_2.png": "ab", "images/bg_figa5.png": "ab"}
BY_LETTER = {"images/ue_fig4_3.png", "images/ue_fig6_5.png", "images/ue_fig6_6.png"}
BY_PLACE = {"images/yz_fig2_5.png": ["left", "right"]}
# captions whose place words ("in order from left to right") name no panel
PLACE_WORDS_NO_NAME = {"images/yz_fig2_1.png", "images/yz_fig2_4.png"}
PHOTO_GRIDS = {"images/ig_p1.png", "images/ig_p2.png", "images/ct_fig2_1.png", "images/hu_fig2_2.png",
               "images/ue_fig4_3.png", "images/sd_fig4_2.png", "images/ft_p9.png", "images/dc_p1.png",
               "images/fb_p1.png"}
# photographs or slides touching each other, no gutter: boxes are the placed images' bounds and share an edge
NO_GUTTER = {"images/ft_p9.png", "images/dc_p1.png", "images/fb_p1.png"}
UNCAPTIONED = {"images/ig_p1.png", "images/ig_p2.png", "images/ft_p9.png", "images/ft_p6.png", "images/ow_p13.png",
               "images/ow_p14.png", "images/tr_p6.png", "images/dc_p1.png", "images/fb_p1.png"}
LAYOUTS = {"images/ig_p1.png": [3] * 6, "images/ig_p2.png": [3, 1], "images/ct_fig2_1.png": [2, 2],
           "images/tt_fig3_11.png": [1, 1], "images/yz_fig2_1.png": [2, 2, 2], "images/yz_fig2_4.png": [2, 2, 2, 1],
           "images/bd_fig3.png": [2, 2], "images/ow_p13.png": [2, 2, 2], "images/ow_p14.png": [2, 2, 2]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 41 and sum(f["panels"] > 1 for f in figures) == 22
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 1, "diag": 17, "mixed": 6, "clin": 17, "micro": 0}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 4 and sum(1 for f in figures if f["rows"] is None) == 0
    assert all(f["panels"] > 1 and f["type"] == "clin" for f in figures if f["file"] in PHOTO_GRIDS)
    assert len(PHOTO_GRIDS) == 9
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "41 figures: 22 compound, 19 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_document_gives_more_than_three_figures(figures):
    per_doc, per_page_fig = {}, set()
    for f in figures:
        key = (f["origin"]["sdist"], f["origin"]["member"])
        per_doc[key] = per_doc.get(key, 0) + 1
        per_page_fig.add((key, f["origin"]["page"], f["caption"][:14], tuple(f["origin"]["crop"])))
    assert max(per_doc.values()) == 3 and len(per_doc) == 21
    assert len(per_page_fig) == 41  # every image is its own figure


def test_letters_and_caption_names(figures):
    """Eight figures print panel letters ("(a) ...", "a: ..." under or beside each panel); uestcthesis names them in
    three captions ("(a) ...; (b) ..."); one unlettered caption names both panels by place ("(left side)" /
    "(right side)", in Persian); two Persian captions say "in order from left to right", which names no panel."""
    byf = by_file(figures)
    assert {f["file"]: "".join(f["letters"]) for f in figures if f["letters"]} == LETTERED
    for name in BY_LETTER:
        f = byf[name]
        assert f["caption_names"] == f["letters"] and f["rows"] is True, name
        assert all(f"({x})" in f["caption"] for x in f["letters"]), name
    assert {f["file"]: f["caption_names"] for f in figures if f["rows"] is True and not f["letters"]} == BY_PLACE
    assert "(سمت چپ)" in byf["images/yz_fig2_5.png"]["caption"] and "(سمت راست)" in byf["images/yz_fig2_5.png"]["caption"]
    for f in figures:
        if f["file"] not in BY_LETTER and f["file"] not in BY_PLACE:
            assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]
            assert not re.search(r"\([a-d]\)", f["caption"]), f["file"]
    for name in PLACE_WORDS_NO_NAME:
        assert "(ترتیب از چپ به راست)" in byf[name]["caption"] and byf[name]["rows"] is False
    assert {f["file"] for f in figures if not f["caption"]} == UNCAPTIONED
    assert all(re.match(r"(Figure|Fig\.|Figura|Bild|图|Рисунок|شکل) ", f["caption"]) for f in figures if f["caption"])


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (41, 22, 8)
    NEW_MEMBERS, PACKAGES, PINS, LICENCE = True, ARCHIVES, ARCHIVES, r"LPPL|GPL|CC BY-SA"
    ARCHIVES, RENDERED = ARCHIVES, 41  # every figure a rendered page
    LAYOUTS, NO_GUTTER = LAYOUTS, NO_GUTTER
    # the collage is read column by column: two photographs on the left, three on the right
    TOUCHING = {"images/ft_p9.png": [[0, 0, 364, 424], [0, 424, 364, 848], [364, 0, 848, 283],
                                     [364, 283, 848, 565], [364, 565, 848, 848]]}


class TestExtractor(ExtractorRebuildContract):
    SET = SET
