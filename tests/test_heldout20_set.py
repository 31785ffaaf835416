"""The frozen held-out figure set benchmarks/pmc/heldout20 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's, the captions that name
panels name them by position in box order, no image or package is shared with heldout2-19, the tuning lists or the
shared real figures and photos, and extract.py rebuilds images from packages built here (a PDF page crop, a plot
embedded in an HTML page).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import base64
import io
import json
import re

import pytest
from PIL import Image

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, NoOverlapContract, OlderNamesContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SinglesWholeContract,
                                  SourcesRecordedContract, TuningListsContract, load_script, make_deb)
from frozen_figure_checks import type_counts

SET = PMC / "heldout20"
OLDER = tuple(f"heldout{i}" for i in range(2, 20))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
FD = "r-cran-fitdistrplus_1.1-8-1_all.deb"
KS = "r-cran-ks_1.14.0-1_amd64.deb"
MG = "r-bioc-metagenomeseq_1.40.0-1_all.deb"
EF = "r-cran-effects_4.2.2-1_all.deb"
GB = "r-cran-gbm_2.1.8.1-1_amd64.deb"
PW = "r-cran-patchwork_1.1.2-1_all.deb"
DEBS = {FD, KS, MG, EF, GB, PW}
NAMES = ("fitdistrplus", "paper2jss", "r-cran-ks", "kde.pdf", "metagenomeseq", "fittimeseries", "r-cran-effects",
         "partial-residuals", "r-cran-gbm", "gbm.pdf", "patchwork")


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 61 and sum(f["panels"] > 1 for f in figures) == 39
    by_pkg = {p: (sum(1 for f in figures if f["origin"]["deb"] == p and f["panels"] > 1),
                  sum(1 for f in figures if f["origin"]["deb"] == p and f["panels"] == 1)) for p in sorted(DEBS)}
    assert by_pkg == {FD: (14, 17), KS: (3, 0), MG: (6, 3), EF: (9, 0), GB: (0, 2), PW: (7, 0)}
    types = type_counts(figures)
    assert types == {"chart": 60, "diag": 1, "mixed": 0, "clin": 0, "micro": 0}
    assert [f["file"] for f in figures if f["rows"]] == [
        "images/ks_fig1_p2.png", "images/mgs_fig4_p27.png", "images/mgs_fig5_p28.png", "images/mgs_fig6_p30.png",
        "images/effpr_fig8_p10.png"]
    assert sum(1 for f in figures if f["rows"] is None) == 0
    assert sum(1 for f in figures if f["caption"]) == 30
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == [2] * 24 + [3] * 11 + [4] * 4
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "61 figures: 39 compound, 22 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_position_names_follow_the_boxes(figures):
    """A caption naming panels by position names them in box order: left before right (the left box lies left of
    the right one), top before bottom (the top box lies above)."""
    named = {f["file"]: f["caption_names"] for f in figures if any(f["caption_names"])}
    assert named == {"images/ks_fig1_p2.png": ["left", "right"], "images/mgs_fig4_p27.png": ["left", "right"],
                     "images/mgs_fig5_p28.png": ["left", "right"], "images/mgs_fig6_p30.png": ["left", "right"],
                     "images/effpr_fig8_p10.png": ["top", "bottom"]}
    for f in figures:
        if f["caption_names"] == ["left", "right"]:
            assert f["boxes"][0][2] <= f["boxes"][1][0], f["file"]
            assert re.search(r"\(?Left\)", f["caption"]) and re.search(r"\(?Right\)", f["caption"]), f["file"]
        if f["caption_names"] == ["top", "bottom"]:
            assert f["boxes"][0][3] <= f["boxes"][1][1], f["file"]
            assert "(top)" in f["caption"] and "(bottom)" in f["caption"], f["file"]
    assert not any(f["letters"] for f in figures)


def test_html_plots_have_no_caption_and_pdf_figures_theirs(figures):
    for f in figures:
        if f["origin"]["mode"] == "html-image":
            assert f["caption"] == "", f["file"]
        elif "_fig" in f["file"]:
            number = re.search(r"_fig(\d+)_", f["file"]).group(1)
            assert f["caption"].startswith(f"Figure {number}: "), f["file"]
        else:
            assert f["caption"] == "", f["file"]


def _pdf(size, colour) -> bytes:
    """A one-page PDF whose page is one flat colour (Pillow writes it at 72 dpi: size in points)."""
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PDF", resolution=72.0)
    return buf.getvalue()


def _png(size, colour, mode="RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, colour).save(buf, "PNG")
    return buf.getvalue()


def _html(*pngs: bytes) -> bytes:
    """An HTML page carrying PNGs the way an R Markdown vignette does: base64 data URIs in <img> tags."""
    tags = "".join(f'<p>text</p><img src="data:image/png;base64,{base64.b64encode(p).decode()}" />' for p in pngs)
    return f"<html><body>{tags}</body></html>".encode()


def test_extract_renders_pdf_crops_and_decodes_embedded_plots(tmp_path, monkeypatch):
    """A page crop of a PDF comes back at the crop's size (scale 2) and colour; the second embedded PNG of an HTML
    page (an RGBA one) comes back as an RGB PNG of its size and colour, not the first."""
    import pypdfium2  # noqa: F401  (imported before json.loads is replaced below: it reads JSON on import)

    extract = load_script(SET, "extract")
    make_deb(tmp_path / FD, {"./usr/lib/d/a.pdf": _pdf((100, 50), (200, 20, 20)),
                             "./usr/lib/d/v.html": _html(_png((30, 20), (0, 0, 0)),
                                                         _png((40, 25), (20, 200, 20, 255), "RGBA"))})
    origin = {"deb": FD, "sdist": None, "pip": None}
    figs = [{"file": "images/a.png", "origin": dict(origin, mode="pdf-render", member="./usr/lib/d/a.pdf", page=0,
                                                    scale=2.0, crop=[10, 10, 60, 40])},
            {"file": "images/b.png", "origin": dict(origin, mode="html-image", member="./usr/lib/d/v.html", index=1)}]
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": figs})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.png", "b.png"]
    with Image.open(tmp_path / "out" / "a.png") as im:
        assert (im.format, im.size) == ("PNG", (50, 30))
        assert all(abs(x - y) <= 2 for x, y in zip(im.convert("RGB").getpixel((25, 15)), (200, 20, 20)))
    with Image.open(tmp_path / "out" / "b.png") as im:
        assert (im.format, im.mode, im.size, im.getpixel((3, 3))) == ("PNG", "RGB", (40, 25), (20, 200, 20))


def test_extract_names_a_missing_embedded_image():
    extract = load_script(SET, "extract")
    page = _html(_png((5, 5), (1, 2, 3)))
    assert extract.embedded_png(page, 0) == _png((5, 5), (1, 2, 3))
    with pytest.raises(KeyError, match=r"no embedded image 1 \(the page has 1\)"):
        extract.embedded_png(page, 1)


class TestSet(FigureSetContract, NoOverlapContract, SinglesWholeContract, OlderPackagesContract,
              SourcesRecordedContract, TuningListsContract, OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES, DEBS = SET, FIELDS, OLDER, NAMES, DEBS
    SUMMARY = (61, 39, 0)
    PACKAGES = DEBS


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING, DEB_MEMBERS = "missing package", ("./usr/share/doc/x/a.png", "./usr/share/doc/x/b.png")
    UNKNOWN_MODE = {"mode": "page-photo", "member": "x.pdf"}
    DOWNSCALE = ((((1200, 1199),), (1200, 1199)), (((2400, 600),), (1200, 300)))
