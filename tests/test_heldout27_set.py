"""The frozen held-out figure set benchmarks/pmc/heldout27 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures cut from PDF
papers shipped as test files, plus one photograph: 16 compound, 10 single; 9 with printed panel letters, 12 whose
caption names every panel), the letters, caption names and expected decisions are the written rule's, no image or source is
shared with heldout2-26, the tuning lists or the shared real figures and photos, and extract.py rebuilds images from
PDFs, images and archives built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from frozen_figure_checks import by_file, figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, NoOverlapContract, OlderNamesContract, OlderSourcesContract,
                                  OwnExtractorContract, ReadingOrderContract, SharedPhotosContract,
                                  SinglesWholeContract, SourcesRecordedContract, TuningListsContract, load_script,
                                  pdf_of as _pdf, sdist_of as _sdist, split_page as _split_page)
from frozen_figure_checks import source_counts, type_counts

SET = PMC / "heldout27"
OLDER = tuple(f"heldout{i}" for i in range(2, 27))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"pdf-extraction-1.0.2.tgz": "pdf-extraction@1.0.2", "megaparse-0.0.55.tar.gz": "megaparse==0.0.55",
            "sycamore_ai-0.1.34.tar.gz": "sycamore-ai==0.1.34", "langchain_community-0.4.2.tar.gz": "langchain-community==0.4.2",
            "docprompt-0.8.8.tar.gz": "docprompt==0.8.8"}
# The sources' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("pdf-extraction", "megaparse", "sycamore", "langchain", "mlbook", "01-valid", "02-valid", "04-valid",
         "0168126", "0168004", "layout-parser-paper", "ray.pdf", "transformer.pdf", "1712.05889", "building.jpg",
         "docprompt", "2305.15080")
COUNTS = {"pdf-extraction-1.0.2.tgz": (4, 3), "megaparse-0.0.55.tar.gz": (3, 4), "sycamore_ai-0.1.34.tar.gz": (4, 1),
          "langchain_community-0.4.2.tar.gz": (3, 1), "docprompt-0.8.8.tar.gz": (2, 1)}
PANELS = [2] * 13 + [3, 3, 4]
LETTERED = {"images/tj_fig7.png": "ab", "images/solar_fig2.png": "ab", "images/solar_fig5.png": "ab",
            "images/ray_fig8.png": "ab", "images/ray_fig11.png": "ab", "images/ray_fig12.png": "ab",
            "images/lp_fig4.png": "ab", "images/lp_fig6.png": "abcd", "images/cream_fig8.png": "ab"}
PLACES = {"images/tj_fig8.png": ["left", "right"], "images/ml_fig1_8.png": ["left", "right"],
          "images/ml_fig1_12.png": ["left", "right"], "images/ml_fig2_8.png": ["left", "middle", "right"],
          "images/tr_fig2.png": ["left", "right"]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 26 and sum(f["panels"] > 1 for f in figures) == 16
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 9, "diag": 6, "mixed": 6, "clin": 4, "micro": 1}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 12 and sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "26 figures: 16 compound, 10 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_paper_gives_more_than_three_figures(figures):
    per_paper = {}
    for f in figures:
        key = (f["origin"]["sdist"], f["origin"]["member"])
        per_paper[key] = per_paper.get(key, 0) + 1
    assert max(per_paper.values()) == 3 and len(per_paper) == 12


def test_printed_letters_and_caption_names(figures):
    """Nine figures print panel letters; seven have a caption naming each panel by its letter, one (four rendered
    pages lettered (a)-(d)) a caption naming only (d), one (two plot blocks lettered (a), (b)) a caption naming none;
    five unlettered figures are named by place."""
    byf = by_file(figures)
    assert {f["file"]: "".join(f["letters"]) for f in figures if f["letters"]} == LETTERED
    for name, letters in LETTERED.items():
        f = byf[name]
        named = set(re.findall(r"\(([a-d])\)", f["caption"]))
        if name == "images/lp_fig6.png":
            assert f["caption_names"] == [None, None, None, "d"] and f["rows"] is False and named == {"d"}
        elif name == "images/cream_fig8.png":
            assert f["caption_names"] == [None, None] and f["rows"] is False and named == set()
        else:
            assert f["caption_names"] == list(letters) and f["rows"] is True, name
            assert set(letters) <= named, name
    for name, places in PLACES.items():
        f = byf[name]
        assert f["letters"] == [] and f["caption_names"] == places and f["rows"] is True, name
        for place in places:
            assert re.search(rf"\({place}\)|{place.capitalize()}:", f["caption"]), (name, place)
    for name in ("images/lp_fig3.png", "images/cream_fig6.png"):  # unlettered, the caption names neither letter nor place
        f = byf[name]
        assert f["letters"] == [] and f["caption_names"] == [None] * f["panels"] and f["rows"] is False, name
    assert byf["images/solar_fig2.png"]["caption"] == ("Fig. 2. (a) The back metal pad pattering, (b) the front metal "
                                                       "pad pattering.")
    assert byf["images/tj_fig7.png"]["caption"].endswith("along its loop condition guard (b).")
    assert byf["images/ml_fig2_8.png"]["caption"].startswith("Fig. 2.8. Nonuniform density. Left:")
    assert [f["file"] for f in figures if not f["caption"]] == ["images/pps_p6.png", "images/lc_building.png"]


def test_lettered_layouts_and_reading_order(figures):
    byf = by_file(figures)
    for name in ("images/tj_fig7.png", "images/tj_fig8.png", "images/solar_fig2.png", "images/ml_fig1_8.png",
                 "images/ml_fig1_12.png", "images/ray_fig8.png", "images/ray_fig12.png", "images/tr_fig2.png",
                 "images/lp_fig3.png", "images/cream_fig8.png"):
        a, b = byf[name]["boxes"]  # side by side
        assert a[2] <= b[0] and max(a[1], b[1]) < min(a[3], b[3]), name  # overlapping rows
    for name in ("images/solar_fig5.png", "images/ray_fig11.png", "images/lp_fig4.png"):
        a, b = byf[name]["boxes"]  # stacked
        assert a[3] <= b[1], name
    for name in ("images/ml_fig2_8.png", "images/lp_fig6.png", "images/cream_fig6.png"):  # one row
        boxes = byf[name]["boxes"]
        assert all(a[2] <= b[0] for a, b in zip(boxes, boxes[1:])), name


def test_extract_image_mode_flattens_transparency_and_caps(tmp_path, monkeypatch):
    """An RGBA PNG in an npm-style tarball comes back RGB with its transparent half white; a 2400 x 600 JPEG is
    capped at 1200 px."""
    extract = load_script(SET, "extract")
    rgba = Image.new("RGBA", (40, 20), (0, 0, 255, 255))
    rgba.paste((0, 0, 0, 0), (20, 0, 40, 20))
    png, jpg = io.BytesIO(), io.BytesIO()
    rgba.save(png, "PNG")
    Image.new("RGB", (2400, 600), (200, 30, 30)).save(jpg, "JPEG")
    _sdist(tmp_path / "z-1.tgz", {"package/a.png": png.getvalue(), "package/b.jpg": jpg.getvalue()})
    base = {"apt": None, "deb": None, "pip": None, "npm": "z@1", "sdist": "z-1.tgz", "mode": "image", "page": None,
            "scale": None, "crop": None, "max_side": 1200, "format": "png"}
    figs = [{"file": "images/a.png", "origin": dict(base, member="package/a.png")},
            {"file": "images/b.png", "origin": dict(base, member="package/b.jpg")}]
    (tmp_path / "ann.json").write_text(json.dumps({"figures": figs}), encoding="utf-8")
    monkeypatch.setattr(extract, "ANNOTATIONS", tmp_path / "ann.json")
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    with Image.open(tmp_path / "out" / "a.png") as im:
        assert (im.mode, im.size) == ("RGB", (40, 20))
        assert im.getpixel((5, 5)) == (0, 0, 255) and im.getpixel((30, 5)) == (255, 255, 255)
    with Image.open(tmp_path / "out" / "b.png") as im:
        assert im.size == (1200, 300)
        assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((600, 150)), (200, 30, 30)))


def test_origins_are_pages_or_images_of_the_archives(figures):
    assert all(f["origin"]["mode"] in ("pdf-render", "image") and f["origin"]["format"] == "png" for f in figures)
    assert all(f["origin"]["deb"] is None and f["origin"]["apt"] is None for f in figures)
    assert all(Path(f["file"]).suffix == ".png" for f in figures)


class TestSet(FigureSetContract, NoOverlapContract, ReadingOrderContract, SinglesWholeContract, OlderSourcesContract,
              SourcesRecordedContract, TuningListsContract, OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (26, 16, 9)
    NEW_ARCHIVES = PACKAGES = PINS = ARCHIVES


def test_extract_refuses_an_unknown_format():
    extract = load_script(SET, "extract")
    with pytest.raises(ValueError, match="unknown format"):
        extract.image_for({"mode": "pdf-render", "page": 1, "scale": 1.0, "format": "webp"}, _pdf([_split_page()]))


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    SDIST_PAGE = True
    MISSING, SDIST_MEMBERS = "missing archive", ("s-1/a.pdf", "s-1/c.pdf")
    UNKNOWN_MODE, NOT_A_TAR, PAGE_NOT_IN_PDF = {"mode": "jpeg-copy", "member": "x.png"}, True, True
    DOWNSCALE = ((((1200, 1199),), (1200, 1199)), (((600, 2400),), (300, 1200)), (((1024, 1024), 800), (800, 800)))
