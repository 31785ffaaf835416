"""The frozen held-out figure set benchmarks/pmc/heldout12 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, no image or package is shared with heldout2-11, the tuning lists or the
shared real figures and photos, and extract.py re-makes a page crop from a package built here (plain and gzipped PDF).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import gzip
import io
import re

import pytest
from PIL import Image

from frozen_figure_checks import (PMC, FigureSetContract, OlderPackagesContract, OwnExtractorContract,
                                  SharedPhotosContract, SourcesRecordedContract, TuningListsContract, load_script,
                                  make_deb, set_data)

SET = PMC / "heldout12"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
         "heldout11")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"gromacs-data_2022.5-2_all.deb", "lammps-doc_20220106.git7586adbb6a+ds1-2_all.deb"}


@pytest.fixture(scope="module")
def figures():
    return set_data(SET)["figures"]


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (54, 16, 45)
    assert all(f["origin"]["deb"] in DEBS and f["origin"]["mode"] == "pdf-render" for f in figures)
    assert sum(1 for f in compound if f["letters"]) == 10 and not any(f["letters"] for f in figures if f["panels"] == 1)
    assert sum(1 for f in compound if any(f["caption_names"])) == 14
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [13, 1, 40]
    assert [sum(1 for f in figures if f["file"].startswith(p)) for p in ("images/gromacs_", "images/oxdna_")] == [47, 7]
    assert all(f["caption"] for f in figures)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "54 figures: 16 compound (45 panels), 38 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_lettered_captions_name_exactly_the_printed_letters(figures):
    """Every lettered figure's caption names each printed letter (A / (a)), so `rows` true is the rule's answer."""
    for f in figures:
        if f["letters"]:
            assert f["caption_names"] == f["letters"] and f["rows"] is True, f["file"]
            for a in f["letters"]:
                assert re.search(rf"(\({a}\)|\b{a.upper()}[:.)]|\({a.upper()}[,)])", f["caption"]), (f["file"], a)


def test_crop_boxes_give_the_stored_sizes(figures):
    for f in figures:
        x0, y0, x1, y1 = f["origin"]["crop"]
        assert (x1 - x0, y1 - y0) == (f["width"], f["height"]), f["file"]


def _pdf_bytes() -> bytes:
    """A two-page PDF made with Pillow: page 2 (index 1) is a white page with a red block at 20-60 x 10-30 pt."""
    pages = [Image.new("RGB", (100, 80), "white"), Image.new("RGB", (100, 80), "white")]
    pages[1].paste((220, 20, 20), (20, 10, 60, 30))
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=72, save_all=True, append_images=pages[1:])
    return buf.getvalue()


def test_extract_renders_and_crops_plain_and_gzipped_pdfs_from_a_package(tmp_path):
    pytest.importorskip("pypdfium2")
    extract = load_script(SET, "extract")
    plain, packed = "./usr/share/doc/x/x.pdf", "./usr/share/doc/x/y.pdf.gz"
    deb = make_deb(tmp_path / "p.deb", {plain: _pdf_bytes(), packed: gzip.compress(_pdf_bytes()),
                                        "./usr/share/doc/other.txt": b"x"})
    got = extract.deb_members(deb, {plain, packed})
    assert extract.pdf_bytes(packed, got[packed]) == extract.pdf_bytes(plain, got[plain]) == _pdf_bytes()
    png = extract.render_crop(extract.pdf_bytes(packed, got[packed]), 1, 2.0, [20, 10, 180, 150])
    with Image.open(io.BytesIO(png)) as im:
        assert im.format == "PNG" and im.size == (160, 140)
        rgb = im.convert("RGB")
        # the block lies at 40-120 x 20-60 px at scale 2, i.e. 20-100 x 10-50 in the crop
        assert all(abs(a - b) <= 8 for a, b in zip(rgb.getpixel((60, 30)), (220, 20, 20)))
        assert min(rgb.getpixel((140, 120))) >= 247 and min(rgb.getpixel((5, 100))) >= 247
    assert extract.render_crop(extract.pdf_bytes(plain, got[plain]), 1, 2.0, [20, 10, 180, 150]) == png


class TestSet(FigureSetContract, OlderPackagesContract, SourcesRecordedContract, TuningListsContract,
              SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (54, 16, 10)
    PACKAGES, NAMES = DEBS, ("gromacs", "oxdna", "cg-dna")


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING = "missing package"
