"""The frozen held-out figure set benchmarks/pmc/heldout6 is complete and its annotations valid: the
figure benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its
image, and the composed figures are re-made byte for byte by compose.py from shared/realdata/photos
(the package images by extract.py from a package built here).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import importlib.util
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from conftest import REALDATA, SHARED_SKIP
from frozen_figure_checks import LoadSetContract, SetFilesContract, make_deb

ROOT = Path(__file__).resolve().parent.parent / "benchmarks" / "pmc"
SET = ROOT / "heldout6"
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
POSITIONS = {"left", "right", "top", "bottom", "middle"}


@pytest.fixture(scope="module")
def figures():
    return json.loads((SET / "annotations.json").read_text(encoding="utf-8"))["figures"]


def module(name: str):
    spec = importlib.util.spec_from_file_location(f"heldout6_{name}", SET / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    composed = [f for f in figures if f["origin"].get("composed")]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (121, 98, 318)
    assert (len(composed), sum(1 for f in composed if f["panels"] > 1)) == (64, 58)
    assert sum(1 for f in compound if any(f["caption_names"])) == 44
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "121 figures: 98 compound (318 panels), 23 single-panel" in readme


def test_fields_and_boxes_inside_images(figures):
    for f in figures:
        assert set(f) == FIELDS, f["file"]
        n = f["panels"]
        assert len(f["boxes"]) == n and len(f["caption_names"]) == n, f["file"]
        assert f["letters"] == [] or len(f["letters"]) == n, f["file"]
        assert len(set(f["letters"])) == len(f["letters"]), f["file"]
        for x0, y0, x1, y1 in f["boxes"]:
            assert 0 <= x0 < x1 <= f["width"] and 0 <= y0 < y1 <= f["height"], f["file"]
        for name in f["caption_names"]:
            assert name is None or name in POSITIONS or (len(name) == 1 and name.islower()), f["file"]
        if n == 1:
            assert f["boxes"] == [[0, 0, f["width"], f["height"]]], f["file"]
            assert f["rows"] is False, f["file"]
        if f["rows"]:  # a row per panel: the caption names every panel, by the printed letter or by position
            assert all(f["caption_names"]) and (sorted(f["caption_names"]) == sorted(f["letters"]) or not f["letters"])
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [36, 8, 77]


@pytest.mark.skipif(not (REALDATA / "photos" / "PROVENANCE.tsv").is_file(), reason=SHARED_SKIP)
def test_compose_remakes_the_composed_figures(figures, tmp_path):
    compose = module("compose")
    assert compose.main([str(REALDATA / "photos"), str(tmp_path / "img"), str(tmp_path / "ann.json")]) == 0
    made = json.loads((tmp_path / "ann.json").read_text(encoding="utf-8"))
    stored = {f["file"]: f for f in figures if f["origin"].get("composed")}
    assert sorted(e["file"] for e in made) == sorted(stored)
    for e in made:
        f = stored[e["file"]]
        assert (tmp_path / "img" / Path(e["file"]).name).read_bytes() == (SET / e["file"]).read_bytes(), e["file"]
        for key in ("panels", "letters", "boxes", "caption", "caption_names", "width", "height", "note"):
            assert e[key] == f[key], (e["file"], key)
        assert e["photos"] == f["origin"]["photos"]


def test_extract_copies_small_package_images_and_downscales_large_ones(figures, tmp_path):
    """extract.py on a package built here from the stored images: small ones come back byte for byte."""
    extract = module("extract")
    real = [f for f in figures if f["origin"].get("deb")]
    assert len(real) == 57
    assert {f["origin"]["deb"] for f in real} == {"opencv-doc_4.6.0+dfsg-12_all.deb",
                                                  "imagemagick-6-doc_8%3a6.9.11.60+dfsg-1.6+deb12u16_all.deb"}
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


class TestSet(SetFilesContract, LoadSetContract):
    SET = SET
    SUMMARY, CHECK_SIZES = (121, 98, 44), True
