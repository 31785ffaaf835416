"""The frozen held-out figure set benchmarks/pmc/heldout30 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures cut from package
manuals and notes shipped as PDFs in three Debian TeX Live documentation packages: 28 compound, 13 single; seventeen
with printed panel letters, seven whose caption names every panel, three by letter and four by place), the caption names and expected decisions are the
written rule's, at most three figures come from one document, no image or source is shared with heldout2-29, the tuning
lists or the shared real figures and photos, and extract.py rebuilds images from Debian packages and PDFs built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout30"
OLDER = tuple(f"heldout{i}" for i in range(2, 30))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"texlive-metapost-doc_2022.20230122-3_all.deb": "texlive-metapost-doc=2022.20230122-3",
            "texlive-pictures-doc_2022.20230122-3_all.deb": "texlive-pictures-doc=2022.20230122-3",
            "texlive-pstricks-doc_2022.20230122-4_all.deb": "texlive-pstricks-doc=2022.20230122-4"}
# The sources' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("texlive-metapost-doc", "texlive-pictures-doc", "texlive-pstricks-doc", "mpman", "tikz-mirror-lens",
         "neural-networks-ebook", "pst-sigsys", "circuit-macros", "mfpguide", "test-pst", "bardiag", "pict2e",
         "pixelart", "pstricks_calcnotes", "simpleoptics", "pndoc", "petri-nets", "xistercian", "expressg")
COUNTS = {"texlive-metapost-doc_2022.20230122-3_all.deb": (7, 2), "texlive-pictures-doc_2022.20230122-3_all.deb": (12, 9),
          "texlive-pstricks-doc_2022.20230122-4_all.deb": (9, 2)}
PANELS = [2] * 18 + [3] * 8 + [4, 12]
LETTERED = {"images/mp_fig4.png": "ab", "images/mp_fig11.png": "abc", "images/mp_fig24.png": "ab",
            "images/ml_fig7.png": "ab", "images/ml_fig10.png": "ab", "images/ml_fig16.png": "ab",
            "images/nn_fig1_2.png": "abc", "images/nn_fig1_3.png": "abc", "images/nn_fig1_4.png": "abc",
            "images/ss_fig15.png": "ab", "images/ss_fig16.png": "abcd", "images/mf_fig7_1.png": "ab",
            "images/bd_fig2_8.png": "ab", "images/tp_fig3.png": "abcdefghijkl", "images/tp_fig15.png": "ab",
            "images/tp_fig17.png": "abc", "images/px_fig3.png": "ab"}
BY_LETTER = {"images/mp_fig4.png", "images/mp_fig11.png", "images/mp_fig24.png"}
BY_PLACE = {"images/ta_fig11.png": ["left", "right"], "images/xi_fig5.png": ["left", "right"],
            "images/ex_fig3.png": ["left", "middle", "right"], "images/ex_fig4.png": ["left", "right"]}
# captions that use place words without naming a panel (the figure must not be split into rows by them)
PLACE_WORDS_NO_NAME = {"images/ta_fig14.png", "images/at_fig2.png", "images/at_fig4.png", "images/xi_fig3.png",
                       "images/pt_fig3.png", "images/pn_fig2.png", "images/so_fig4.png"}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 41 and sum(f["panels"] > 1 for f in figures) == 28
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 10, "diag": 31, "mixed": 0, "clin": 0, "micro": 0}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 7 and sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "41 figures: 28 compound, 13 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_document_gives_more_than_three_figures(figures):
    per_doc, per_page_fig = {}, set()
    for f in figures:
        key = (f["origin"]["sdist"], f["origin"]["member"])
        per_doc[key] = per_doc.get(key, 0) + 1
        per_page_fig.add((key, f["origin"]["page"], f["caption"][:12]))
    assert max(per_doc.values()) == 3 and len(per_doc) == 16
    assert len(per_page_fig) == 41  # every image is its own figure


def test_letters_and_caption_names(figures):
    """Seventeen figures print panel letters (sub-captions '(a) ...' under each drawing or plot); MetaPost's manual
    names them in three captions ('(a) The result of ... (b) the result of ...'); four unlettered captions name every
    panel by place ('(the left)', '(left)', '(middle)', '(right)'); seven captions use place words that name no panel."""
    byf = by_file(figures)
    assert {f["file"]: "".join(f["letters"]) for f in figures if f["letters"]} == LETTERED
    for name in BY_LETTER:
        f = byf[name]
        assert f["caption_names"] == f["letters"] and f["rows"] is True, name
        assert all(f"({x})" in f["caption"] for x in f["letters"]), name
    assert {f["file"]: f["caption_names"] for f in figures if f["rows"] is True and not f["letters"]} == BY_PLACE
    for name, places in BY_PLACE.items():
        assert all(re.search(p, byf[name]["caption"], re.I) for p in places), name
    for f in figures:
        if f["file"] not in BY_LETTER and f["file"] not in BY_PLACE:
            assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]
            assert not re.search(r"\([a-d]\)", f["caption"]), f["file"]
    for name in PLACE_WORDS_NO_NAME:
        assert re.search(r"\b(left|right|top|bottom)\b", byf[name]["caption"], re.I) and byf[name]["rows"] is False
    assert all(f["caption"].startswith("Figure ") for f in figures)


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (41, 28, 17)
    NEW_ARCHIVES = PACKAGES = PINS = ARCHIVES
    ARCHIVES, RENDERED = ARCHIVES, 41  # every figure a rendered page
    LAYOUTS = {"images/tp_fig3.png": [3, 3, 3, 3], "images/tp_fig17.png": [1, 1, 1], "images/px_fig3.png": [1, 1]}
    ROW_GAP = 0  # rows by any vertical overlap


class TestExtractor(ExtractorRebuildContract):
    SET = SET
