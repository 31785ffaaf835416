"""The frozen held-out figure set benchmarks/pmc/heldout33 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures cut from
documentation PDFs in six Debian TeX Live documentation packages: 12 compound, 18 single; two lettered compound
figures (A/B placeholders, A/B/C gradient discs); one caption naming its three panels by place), the caption names and
expected decisions are the written rule's, at most three figures come from one document, no image or document is shared
with heldout2-32, the tuning lists or the shared real figures and photos, and extract.py rebuilds images from Debian
packages and PDFs built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout33"
OLDER = tuple(f"heldout{i}" for i in range(2, 33))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"texlive-latex-extra-doc_2022.20230122-4_all.deb": "texlive-latex-extra-doc=2022.20230122-4",
            "texlive-pictures-doc_2022.20230122-3_all.deb": "texlive-pictures-doc=2022.20230122-3",
            "texlive-publishers-doc_2022.20230122-4_all.deb": "texlive-publishers-doc=2022.20230122-4",
            "texlive-science-doc_2022.20230122-4_all.deb": "texlive-science-doc=2022.20230122-4",
            "texlive-lang-portuguese_2022.20230122-1_all.deb": "texlive-lang-portuguese=2022.20230122-1",
            "texlive-lang-czechslovak_2022.20230122-1_all.deb": "texlive-lang-czechslovak=2022.20230122-1"}
DEBS = set(ARCHIVES)
# The documents' folder names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("beamer-tut-pt", "tutorialbeamer", "cnbwp", "xyrefer", "epspdf", "webquiz", "tcolorbox", "makecookbook",
         "tikzfill", "uspatent", "papertex", "nwafuthesis", "genealogytree", "xcookybooky", "tagpdf", "kdgdocs",
         "fascicules", "seuthesix", "uslogos", "threadcol", "media9", "coop-writing", "incgraph")
COUNTS = {"texlive-latex-extra-doc_2022.20230122-4_all.deb": (5, 8),
          "texlive-pictures-doc_2022.20230122-3_all.deb": (3, 1),
          "texlive-publishers-doc_2022.20230122-4_all.deb": (0, 7),
          "texlive-science-doc_2022.20230122-4_all.deb": (0, 2),
          "texlive-lang-portuguese_2022.20230122-1_all.deb": (3, 0),
          "texlive-lang-czechslovak_2022.20230122-1_all.deb": (1, 0)}
PANELS = [2] * 5 + [3] * 6 + [4]
BY_PLACE = {"images/cn_fig1.png": ["top", "middle", "bottom"]}
LETTERED = {"images/mc_p21.png": ["a", "b"], "images/tf_p13.png": ["a", "b", "c"]}
PHOTO_PAIRS = {"images/xy_p3.png", "images/tc_p194.png"}
PHOTO_SINGLES = {"images/pt_p1.png", "images/nw_p1.png", "images/xc_p2.png", "images/kd_p1.png", "images/fa_p23.png",
                 "images/ig_p21.png"}
UNCAPTIONED = {"images/xy_p3.png", "images/ep_p3.png", "images/wq_p38.png", "images/wq_p39.png", "images/wq_p40.png",
               "images/tc_p194.png", "images/mc_p21.png", "images/tf_p13.png", "images/nw_p1.png",
               "images/gt_p199.png", "images/xc_p2.png", "images/tg_p10b.png", "images/kd_p1.png", "images/fa_p5.png",
               "images/fa_p23.png", "images/us_p3.png", "images/m9_p27.png", "images/ig_p21.png"}
LAYOUTS = {"images/tb_fig3.png": [2, 2], "images/tb_fig4.png": [1, 1, 1], "images/tb_fig5.png": [1, 1, 1],
           "images/cn_fig1.png": [1, 1, 1], "images/wq_p38.png": [1, 1], "images/wq_p39.png": [1, 1, 1],
           "images/wq_p40.png": [1, 1, 1], "images/tf_p13.png": [2, 1]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 30 and sum(f["panels"] > 1 for f in figures) == 12
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 1, "diag": 20, "mixed": 2, "clin": 7, "micro": 0}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 1 and sum(1 for f in figures if f["rows"] is None) == 0
    byf = by_file(figures)
    assert all(byf[n]["panels"] == 2 and byf[n]["type"] in ("clin", "mixed") for n in PHOTO_PAIRS)
    assert all(byf[n]["panels"] == 1 and byf[n]["type"] == "clin" for n in PHOTO_SINGLES)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "30 figures: 12 compound, 18 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_document_gives_more_than_three_figures(figures):
    per_doc, per_fig = {}, set()
    for f in figures:
        o = f["origin"]
        per_doc[(o["sdist"], o["member"])] = per_doc.get((o["sdist"], o["member"]), 0) + 1
        per_fig.add((o["sdist"], o["member"], o["page"], tuple(o["crop"])))
    assert max(per_doc.values()) == 3 and len(per_doc) == 22
    assert len(per_fig) == 30  # every image is its own figure


def test_letters_and_caption_names(figures):
    """Two figures print letters (A, B in placeholders; A, B, C on discs), neither with a caption; cnbwp's caption
    names its three stacked plots by place ("(top)", "(centre)", "(bottom)"); every other caption names no panel."""
    byf = by_file(figures)
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    assert {f["file"]: f["caption_names"] for f in figures if f["rows"] is True} == BY_PLACE
    cap = byf["images/cn_fig1.png"]["caption"]
    assert "(top)" in cap and "(centre)" in cap and "(bottom)" in cap
    for f in figures:
        if f["file"] not in BY_PLACE:
            assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]
            assert not re.search(r"\([a-dA-D]\)|left|right|top|bottom", f["caption"]), f["file"]
    assert {f["file"] for f in figures if not f["caption"]} == UNCAPTIONED
    assert all(re.match(r"(Figure|Figura|图) ", f["caption"]) for f in figures
               if f["caption"] and f["file"] != "images/pt_p1.png")


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (30, 12, 2)
    NEW_MEMBERS = True  # the six packages are shared with older sets, their documents are not
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"LPPL|GPL|FDL|MIT"
    ARCHIVES, LAYOUTS = ARCHIVES, LAYOUTS
    RENDERED = 30  # every figure a rendered page


class TestExtractor(ExtractorRebuildContract):
    SET = SET
