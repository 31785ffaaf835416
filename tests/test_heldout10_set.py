"""The frozen held-out figure set benchmarks/pmc/heldout10 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, no image or package is shared with heldout2-9, the tuning lists or the
shared real figures, and extract.py re-makes a page crop from a package built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import hashlib
import io
import json
import re

import pytest
from PIL import Image

from conftest import REALDATA
from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, CropSizesContract, FigureSetContract, OlderPackagesContract,
                                  OwnExtractorContract, SourcesRecordedContract, load_script, make_deb)

SET = PMC / "heldout10"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"texlive-latex-extra-doc_2022.20230122-4_all.deb", "texlive-publishers-doc_2022.20230122-4_all.deb",
        "texlive-latex-recommended-doc_2022.20230122-3_all.deb", "texlive-science-doc_2022.20230122-4_all.deb"}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (63, 47, 123)
    assert all(f["origin"]["deb"] in DEBS and f["origin"]["mode"] == "pdf-render" for f in figures)
    assert all(f["letters"] for f in compound) and not any(f["letters"] for f in figures if f["panels"] == 1)
    assert sum(1 for f in compound if any(f["caption_names"])) == 4
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [4, 0, 59]
    assert all(f["caption"] for f in figures)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "63 figures: 47 compound (123 panels), 16 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_tuning_or_shared_figure_is_in_the_set(figures):
    sets = json.loads((PMC / "figure_sets.json").read_text(encoding="utf-8"))
    names = [n for key, v in sets.items() if isinstance(v, list) for n in v if isinstance(n, str)]
    assert not any("texlive" in n or n.startswith("tex_") for n in names)
    mine = {f["sha256"] for f in figures}
    shared = REALDATA / "figures"
    if shared.is_dir():
        for p in shared.rglob("*"):
            if p.is_file() and p.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff"):
                assert hashlib.sha256(p.read_bytes()).hexdigest() not in mine, p.name


def _pdf_bytes() -> bytes:
    """A two-page PDF made with Pillow: page 2 (index 1) is a white page with a red block at 20-60 x 10-30 pt."""
    pages = [Image.new("RGB", (100, 80), "white"), Image.new("RGB", (100, 80), "white")]
    pages[1].paste((220, 20, 20), (20, 10, 60, 30))
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=72, save_all=True, append_images=pages[1:])
    return buf.getvalue()


def test_extract_renders_and_crops_a_page_from_a_package(tmp_path):
    pytest.importorskip("pypdfium2")
    extract = load_script(SET, "extract")
    member = "./usr/share/doc/texlive-doc/latex/x/x.pdf"
    deb = make_deb(tmp_path / "p.deb", {member: _pdf_bytes(), "./usr/share/doc/other.txt": b"x"})
    pdf = extract.deb_members(deb, {member})[member]
    png = extract.render_crop(pdf, 1, 2.0, [20, 10, 180, 150])
    with Image.open(io.BytesIO(png)) as im:
        assert im.format == "PNG" and im.size == (160, 140)
        rgb = im.convert("RGB")
        # the block lies at 40-120 x 20-60 px at scale 2, i.e. 20-100 x 10-50 in the crop (Pillow stores it as JPEG)
        assert all(abs(a - b) <= 8 for a, b in zip(rgb.getpixel((60, 30)), (220, 20, 20)))
        assert min(rgb.getpixel((140, 120))) >= 247 and min(rgb.getpixel((5, 100))) >= 247
    assert extract.render_crop(pdf, 1, 2.0, [20, 10, 180, 150]) == png  # same bytes every time


class TestSet(FigureSetContract, CropSizesContract, OlderPackagesContract, SourcesRecordedContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (63, 47, 47)
    PACKAGES = DEBS


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING = "missing package"
