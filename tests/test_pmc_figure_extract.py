"""The extractor figure sets 28-33 share (benchmarks/pmc/figure_extract.py), checked once by the contract their
tests used to run each on its own copy: archives and PDFs composed here, never a set's."""
from types import SimpleNamespace

from benchmarks.pmc import figure_extract
from frozen_figure_checks import PMC, ExtractorContract, make_deb, png_of, split_page, two_page_pdf


class TestFigureExtract(ExtractorContract):
    def extractor(self):
        """figure_extract's names, with `ANNOTATIONS` (set 32's until a test points it at its own file) and
        `main(argv)` as a set's wrapper has them."""
        ns = SimpleNamespace(**{k: v for k, v in vars(figure_extract).items() if not k.startswith("__")})
        ns.ANNOTATIONS = PMC / "heldout32" / "annotations.json"
        ns.main = lambda argv: figure_extract.main(argv, ns.ANNOTATIONS)
        return ns


def test_a_gzipped_pdf_renders_as_the_plain_one():
    """A `*.pdf.gz` member is unpacked before rendering: the same PNG as the plain PDF, the red block in place."""
    import gzip
    import io

    from PIL import Image

    origin = {"mode": "pdf-render", "member": "./usr/share/doc/x/x.pdf", "page": 2, "scale": 2.0,
              "crop": [20, 10, 180, 150], "max_side": 1200, "format": "png"}
    plain = figure_extract.image_for(origin, two_page_pdf())
    packed = figure_extract.image_for(dict(origin, member=origin["member"] + ".gz"), gzip.compress(two_page_pdf()))
    assert packed == plain
    with Image.open(io.BytesIO(plain)) as im:
        assert im.size == (160, 140) and all(abs(a - b) <= 8 for a, b in zip(im.getpixel((60, 30)), (220, 20, 20)))


def test_format_jpeg_stores_a_jpeg():
    import io

    from PIL import Image

    out = figure_extract.image_for({"mode": "image", "format": "jpeg", "max_side": 1200}, png_of(split_page()))
    with Image.open(io.BytesIO(out)) as im:
        assert (im.format, im.size) == ("JPEG", (200, 100))
        assert all(abs(a - b) <= 8 for a, b in zip(im.getpixel((50, 50)), (255, 0, 0)))
        assert all(abs(a - b) <= 8 for a, b in zip(im.getpixel((150, 50)), (0, 0, 255)))


def test_an_origin_naming_only_its_deb_is_read_from_the_package(tmp_path, capsys):
    """The older sets named a figure's package in `origin.deb` alone (no `origin.sdist`): its archive is the .deb;
    missing, it is the one named in the one-line error."""
    import json

    member = "./usr/share/doc/d/a.png"
    ann = tmp_path / "ann.json"
    ann.write_text(json.dumps({"figures": [{"file": "images/a.png", "origin": {
        "deb": "d_1_all.deb", "sdist": None, "member": member, "mode": "image", "format": "png", "max_side": 1200}}]}),
        encoding="utf-8")
    assert figure_extract.main([str(tmp_path), str(tmp_path / "out")], ann) == 2
    assert capsys.readouterr().err == f"missing archive in {tmp_path}: d_1_all.deb\n"
    make_deb(tmp_path / "d_1_all.deb", {member: png_of(split_page())})
    assert figure_extract.main([str(tmp_path), str(tmp_path / "out")], ann) == 0
    assert (tmp_path / "out" / "a.png").read_bytes() == figure_extract.image_for(
        {"mode": "image", "format": "png", "max_side": 1200}, png_of(split_page()))
