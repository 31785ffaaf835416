"""The frozen held-out figure set benchmarks/pmc/heldout7 is complete and its annotations valid: the
figure benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its
image, the expected decisions (`rows`) follow the written rule, no image or package is shared with
heldout2-6, and the composed figures are re-made byte for byte by compose.py from shared/realdata/photos
(the package images by extract.py from a package built here).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import io

from PIL import Image

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, ComposeContract, FigureSetContract, OlderPackagesContract, load_script, make_deb)

SET = PMC / "heldout7"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"python-scipy-doc_1.10.1-2_all.deb", "python-astropy-doc_5.2.1-2+deb12u1_all.deb",
        "python-biopython-doc_1.80+dfsg-4_all.deb"}


figures = figures_fixture(SET)


def module(name: str):
    return load_script(SET, name)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    real = [f for f in figures if f["origin"].get("deb")]
    composed = [f for f in figures if f["origin"].get("composed")]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (126, 103, 388)
    assert (len(real), sum(1 for f in real if f["panels"] > 1)) == (54, 39)
    assert (len(composed), sum(1 for f in composed if f["panels"] > 1)) == (72, 64)
    assert sum(1 for f in compound if any(f["caption_names"])) == 66
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [53, 8, 65]
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "126 figures: 103 compound (388 panels), 23 single-panel" in readme
    assert "Held-out evaluation looks so far: 0." in readme


def test_extract_copies_small_package_images_and_downscales_large_ones(figures, tmp_path):
    """extract.py on a package built here from the stored images: small ones come back byte for byte."""
    extract = module("extract")
    real = [f for f in figures if f["origin"].get("deb")]
    small = [f for f in real if not f["origin"]["scaled_to_1200"]][:3]
    files = {f["origin"]["member"]: (SET / f["file"]).read_bytes() for f in small}
    big = Image.new("RGB", (2400, 600), (200, 30, 30))
    buf = io.BytesIO()
    big.save(buf, "PNG")
    files["./usr/share/doc/x/big.png"] = buf.getvalue()
    deb = make_deb(tmp_path / "p.deb", files)
    for f in small:
        assert extract.image_bytes(extract.deb_member(deb, f["origin"]["member"]), f["origin"]["member"]) == \
            (SET / f["file"]).read_bytes()
    out = extract.image_bytes(extract.deb_member(deb, "./usr/share/doc/x/big.png"), "big.png")
    with Image.open(io.BytesIO(out)) as im:
        assert im.size == (1200, 300) and im.format == "PNG"
    assert sum(f["origin"]["scaled_to_1200"] for f in real) == 4


class TestSet(FigureSetContract, ComposeContract, OlderPackagesContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (126, 103, 52)
