"""The frozen held-out figure set benchmarks/pmc/heldout19 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's, lettered figures name
their boxes by their letters, no image or package is shared with heldout2-18, the tuning lists or the shared real
figures and photos, and extract.py rebuilds images from packages built here (a PDF page crop, a gzipped PDF, an
image file of a .deb).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import gzip
import io
import json
import re

from PIL import Image

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, NoOverlapContract, OlderNamesContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SinglesWholeContract,
                                  SourcesRecordedContract, TuningListsContract, load_script, make_deb)
from frozen_figure_checks import type_counts

SET = PMC / "heldout19"
OLDER = tuple(f"heldout{i}" for i in range(2, 19))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
SP = "r-cran-spatstat_3.0-3-1_amd64.deb"
AP = "r-cran-ape_5.7-1_amd64.deb"
MR = "mricron-doc_1.2.20211006+dfsg-4_all.deb"
MS = "r-cran-msm_1.7-1_amd64.deb"
SN = "r-bioc-snpstats_1.48.0+dfsg-1_amd64.deb"
PC = "r-bioc-pcamethods_1.90.0-1_amd64.deb"
CU = "r-bioc-cummerbund_2.40.0-1_all.deb"
NT = "python-nitime-doc_0.9-5_all.deb"
DEBS = {SP, AP, MR, MS, SN, PC, CU, NT}
NAMES = ("mricron", "msm-manual", "pcamethods", "nitime", "spatstat", "drawingphylogenies", "snpstats", "cummerbund")


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 49 and sum(f["panels"] > 1 for f in figures) == 25
    by_pkg = {p: (sum(1 for f in figures if f["origin"]["deb"] == p and f["panels"] > 1),
                  sum(1 for f in figures if f["origin"]["deb"] == p and f["panels"] == 1)) for p in sorted(DEBS)}
    assert by_pkg == {SP: (10, 4), AP: (6, 6), MR: (2, 9), MS: (4, 0), SN: (1, 2), PC: (1, 1), CU: (0, 2), NT: (1, 0)}
    types = type_counts(figures)
    assert types == {"chart": 36, "diag": 9, "mixed": 0, "clin": 4, "micro": 0}
    assert [f["file"] for f in figures if f["rows"]] == [
        "images/nitime_fig2_p6.png", "images/mricron_transparency.png", "images/mricron_threshold.png"]
    assert sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "49 figures: 25 compound, 24 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_lettered_figures_and_caption_names(figures):
    lettered = {f["file"]: (f["letters"], f["caption_names"]) for f in figures if f["letters"]}
    assert lettered == {
        "images/msm_fig5_p7.png": (["a", "b"], [None, None]),
        "images/msm_fig6_p7.png": (list("abcdef"), [None] * 6),
        "images/msm_fig7_p8.png": (["a", "b"], [None, None]),
        "images/msm_fig8_p8.png": (["a", "b", "c"], [None] * 3),
        "images/nitime_fig2_p6.png": (["a", "b", "c"], ["a", "b", "c"]),
        "images/mricron_transparency.png": (list("abcd"), list("abcd")),
    }
    threshold = next(f for f in figures if f["file"] == "images/mricron_threshold.png")
    assert threshold["caption_names"] == ["left", "middle", "right"] and threshold["letters"] == []
    assert all(re.search(rf"\b{L.upper()}\b", f["caption"]) for f in figures for L in f["caption_names"]
               if f["letters"] and L)


def _pdf(size, colour) -> bytes:
    """A one-page PDF whose page is one flat colour (Pillow writes it at 72 dpi: size in points)."""
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PDF", resolution=72.0)
    return buf.getvalue()


def _gif(size, colour) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "GIF")
    return buf.getvalue()


def test_extract_renders_pdf_crops_and_converts_files(tmp_path, monkeypatch):
    """A page crop of a plain and of a gzipped PDF comes back at the crop's size (scale 2) and colour; a GIF member
    comes back as an RGB PNG of its size."""
    import pypdfium2  # noqa: F401  (imported before json.loads is replaced below: it reads JSON on import)

    extract = load_script(SET, "extract")
    make_deb(tmp_path / SP, {"./usr/lib/d/a.pdf": _pdf((100, 50), (200, 20, 20)),
                             "./usr/lib/d/b.pdf.gz": gzip.compress(_pdf((60, 60), (20, 20, 200))),
                             "./usr/lib/d/c.gif": _gif((30, 20), (0, 0, 0))})
    origin = {"deb": SP, "sdist": None, "pip": None, "mode": "pdf-render", "page": 0, "scale": 2.0}
    figs = [{"file": "images/a.png", "origin": dict(origin, member="./usr/lib/d/a.pdf", crop=[10, 10, 60, 40])},
            {"file": "images/b.png", "origin": dict(origin, member="./usr/lib/d/b.pdf.gz", crop=[0, 0, 120, 120])},
            {"file": "images/c.png", "origin": {"deb": SP, "sdist": None, "pip": None, "mode": "file",
                                                "member": "./usr/lib/d/c.gif"}}]
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": figs})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.png", "b.png", "c.png"]
    with Image.open(tmp_path / "out" / "a.png") as im:
        assert (im.format, im.size) == ("PNG", (50, 30))
        assert all(abs(x - y) <= 2 for x, y in zip(im.convert("RGB").getpixel((25, 15)), (200, 20, 20)))
    with Image.open(tmp_path / "out" / "b.png") as im:
        assert im.size == (120, 120)
        assert all(abs(x - y) <= 2 for x, y in zip(im.convert("RGB").getpixel((60, 60)), (20, 20, 200)))
    with Image.open(tmp_path / "out" / "c.png") as im:
        assert (im.format, im.mode, im.size, im.getpixel((3, 3))) == ("PNG", "RGB", (30, 20), (0, 0, 0))


class TestSet(FigureSetContract, NoOverlapContract, SinglesWholeContract, OlderPackagesContract,
              SourcesRecordedContract, TuningListsContract, OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES, DEBS = SET, FIELDS, OLDER, NAMES, DEBS
    SUMMARY = (49, 25, 6)
    PACKAGES = DEBS


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING, DEB_MEMBERS = "missing package", ("./usr/share/doc/x/a.png", "./usr/share/doc/x/b.png")
    UNKNOWN_MODE = {"mode": "page-photo", "member": "x.pdf"}
    DOWNSCALE = ((((1200, 1199),), (1200, 1199)), (((2400, 600),), (1200, 300)))
