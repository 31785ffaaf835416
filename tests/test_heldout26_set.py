"""The frozen held-out figure set benchmarks/pmc/heldout26 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures cut from PDF
papers: 12 compound, 15 single; 9 with printed panel letters, 10 whose caption names every panel), the letters,
caption names and expected decisions are the written rule's, no image or sdist is shared with heldout2-25, the
tuning lists or the shared real figures and photos, and extract.py rebuilds images from PDFs and sdists built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re
from pathlib import Path

import pytest

from frozen_figure_checks import by_file, figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, NoOverlapContract, OlderNamesContract, OlderSourcesContract,
                                  OwnExtractorContract, ReadingOrderContract, SharedPhotosContract,
                                  SinglesWholeContract, SourcesRecordedContract, TuningListsContract, load_script,
                                  pdf_of as _pdf, split_page as _split_page)
from frozen_figure_checks import source_counts, type_counts

SET = PMC / "heldout26"
OLDER = tuple(f"heldout{i}" for i in range(2, 26))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
SDISTS = {"pymupdf-2.1.tar.gz": "pymupdf==2.1", "pdf2docx-0.5.13.tar.gz": "pdf2docx==0.5.13",
          "pypdf-7.1.1.tar.gz": "pypdf==7.1.1", "pdfx-1.4.1.tar.gz": "pdfx==1.4.1"}
# The sources' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("pymupdf", "pdf2docx", "pypdf-", "pypdf==", "pdfx", "test_4026", "demo-issue-340", "whisper")
COUNTS = {"pymupdf-2.1.tar.gz": (6, 7), "pdf2docx-0.5.13.tar.gz": (5, 7), "pypdf-7.1.1.tar.gz": (1, 0),
          "pdfx-1.4.1.tar.gz": (0, 1)}
PANELS = [2] * 8 + [3] * 3 + [6]
LETTERED = {"images/ki67_fig1.png": "ab", "images/ki67_fig4ab.png": "ab", "images/ki67_fig4cd.png": "cd",
            "images/pre_fig2.png": "ab", "images/pre_fig3.png": "abcdef", "images/pre_fig5.png": "abc",
            "images/spot_fig3.png": "abc", "images/ext_fig3.png": "abc", "images/bears.png": "ab"}
PLACES = ("images/pet_fig2.png", "images/pet_fig4.png", "images/wh_fig5.png")


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 27 and sum(f["panels"] > 1 for f in figures) == 12
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 18, "diag": 2, "mixed": 2, "clin": 1, "micro": 4}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 10 and sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "27 figures: 12 compound, 15 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_printed_letters_and_caption_names(figures):
    """Nine figures print panel letters; seven of them have a caption naming each panel by its letter, the other two
    (three bar charts, the photograph pair) a caption naming none; three unlettered pairs are named left / right."""
    byf = by_file(figures)
    assert {f["file"]: "".join(f["letters"]) for f in figures if f["letters"]} == LETTERED
    for name, letters in LETTERED.items():
        f = byf[name]
        if name in ("images/ext_fig3.png", "images/bears.png"):
            assert f["caption_names"] == [None] * f["panels"] and f["rows"] is False, name
        else:
            assert f["caption_names"] == list(letters) and f["rows"] is True, name
            ranged = "".join(re.findall(r"\(c\)–\(f\)|\(a\)–\(c\)", f["caption"]))  # "(c)–(f)" names c, d, e, f
            named = set(re.findall(r"\(([a-f])[),]", f["caption"].lower()))
            named |= {x for x in "cdef" if "(c)–(f)" in ranged} | {x for x in "abc" if "(a)–(c)" in ranged}
            assert set(letters) <= named, name
    for name in PLACES:
        f = byf[name]
        assert f["letters"] == [] and f["caption_names"] == ["left", "right"] and f["rows"] is True, name
        assert "(left)" in f["caption"].replace("algorithm(", "algorithm (") and "right)" in f["caption"], name
    assert byf["images/bears.png"]["caption"] == "Figure 1.1: Bears"
    assert byf["images/ki67_fig1.png"]["caption"].startswith("Figure 1. (a) Tonsil with good staining")
    assert "(c)–(f) Atomic configurations" in byf["images/pre_fig3.png"]["caption"]
    assert "pipe (A), channel (B) and square duct (C)" in byf["images/spot_fig3.png"]["caption"]
    assert "Panels (a)–(c) show" in byf["images/pre_fig5.png"]["caption"]
    assert all(f["caption"] for f in figures)


def test_lettered_layouts_and_reading_order(figures):
    byf = by_file(figures)
    for name in ("images/ki67_fig1.png", "images/pet_fig2.png", "images/pet_fig4.png", "images/wh_fig5.png",
                 "images/bears.png"):
        a, b = byf[name]["boxes"]  # side by side
        assert a[2] <= b[0], name
    for name in ("images/ki67_fig4ab.png", "images/ki67_fig4cd.png", "images/pre_fig2.png"):
        a, b = byf[name]["boxes"]  # stacked
        assert a[3] <= b[1], name
    a, b, c, d, e, g = byf["images/pre_fig3.png"]["boxes"]  # a b / c d / e f
    assert a[2] <= b[0] and c[2] <= d[0] and e[2] <= g[0] and a[3] <= c[1] and c[3] <= e[1] and d[3] <= g[1]
    a, b, c = byf["images/pre_fig5.png"]["boxes"]  # a b / c
    assert a[2] <= b[0] and max(a[3], b[3]) <= c[1]
    a, b, c = byf["images/spot_fig3.png"]["boxes"]  # stacked A / B / C
    assert a[3] <= b[1] and b[3] <= c[1]
    wh = byf["images/wh_fig5.png"]
    assert max(b[3] for b in wh["boxes"]) < wh["height"] * 0.8  # the shared legend below is no panel


def test_origins_are_rendered_pages_of_the_sdists(figures):
    assert all(f["origin"]["mode"] == "pdf-render" and f["origin"]["format"] == "png" for f in figures)
    assert all(f["origin"]["deb"] is None and f["origin"]["apt"] is None for f in figures)
    assert all(Path(f["file"]).suffix == ".png" for f in figures)


class TestSet(FigureSetContract, NoOverlapContract, ReadingOrderContract, SinglesWholeContract, OlderSourcesContract,
              SourcesRecordedContract, TuningListsContract, OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (27, 12, 9)
    NEW_ARCHIVES = PACKAGES = PINS = SDISTS


def test_extract_refuses_an_unknown_format():
    extract = load_script(SET, "extract")
    with pytest.raises(ValueError, match="unknown format"):
        extract.image_for({"mode": "pdf-render", "page": 1, "scale": 1.0, "format": "webp"}, _pdf([_split_page()]))


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    SDIST_PAGE = True
    MISSING, SDIST_MEMBERS = "missing sdist", ("s-1/a.pdf", "s-1/c.pdf")
    UNKNOWN_MODE, NOT_A_TAR, PAGE_NOT_IN_PDF = {"mode": "image", "member": "x.png"}, True, True
    DOWNSCALE = ((((1200, 1199),), (1200, 1199)), (((600, 2400),), (300, 1200)), (((1024, 1024), 800), (800, 800)))
