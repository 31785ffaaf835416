"""The frozen held-out figure set benchmarks/pmc/heldout25 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (photographs,
micrographs and image grids: 25 compound, 22 single), no figure carries letters or caption names (none prints panel
letters, no caption names panels), no image, package or sdist is shared with heldout2-24, the tuning lists or the
shared real figures and photos, and extract.py rebuilds images from a .deb and an sdist built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from PIL import Image

from frozen_figure_checks import by_file, figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, NoOverlapContract, OlderNamesContract, OlderPackagesContract,
                                  OlderSourcesContract, OwnExtractorContract, ReadingOrderContract,
                                  SharedPhotosContract, SinglesWholeContract, SourcesRecordedContract,
                                  TuningListsContract, load_script, make_deb)
from frozen_figure_checks import type_counts

SET = PMC / "heldout25"
OLDER = tuple(f"heldout{i}" for i in range(2, 25))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
PINS = {"stellarium-data_0.22.2-1_all.deb": "stellarium-data=0.22.2-1",
        "hugin-data_2022.0.0+dfsg-2_all.deb": "hugin-data=2022.0.0+dfsg-2",
        "cimg-doc_3.2.1+dfsg-1_all.deb": "cimg-doc=3.2.1+dfsg-1",
        "python-xraylarch-doc_0.9.58+ds1-5_all.deb": "python-xraylarch-doc=0.9.58+ds1-5",
        "python3-hyperspy_1.7.3-1_amd64.deb": "python3-hyperspy=1.7.3-1"}
DEBS = set(PINS)
SDISTS = {"tiatoolbox-2.1.3.tar.gz": "tiatoolbox==2.1.3"}
# The sources' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("stellarium", "hugin", "cimg", "xraylarch", "hyperspy", "tiatoolbox")
COUNTS = {"stellarium-data_0.22.2-1_all.deb": (0, 13), "hugin-data_2022.0.0+dfsg-2_all.deb": (6, 4),
          "cimg-doc_3.2.1+dfsg-1_all.deb": (2, 0), "python-xraylarch-doc_0.9.58+ds1-5_all.deb": (1, 2),
          "python3-hyperspy_1.7.3-1_amd64.deb": (16, 2), "tiatoolbox-2.1.3.tar.gz": (0, 1)}
PANELS = [2] * 6 + [3] * 2 + [4] * 4 + [6] * 9 + [8, 9, 12, 13]
PAIRS = ("images/hug_barrel.png", "images/hug_bubble.png", "images/hug_pincushion.png",
         "images/hug_sb_parallax.png", "images/hug_ca_artificial.png")


figures = figures_fixture(SET)


def _source(f):
    return f["origin"]["deb"] or f["origin"]["sdist"]


def test_counts_match_readme(figures):
    assert len(figures) == 47 and sum(f["panels"] > 1 for f in figures) == 25
    by_src = {s: (sum(1 for f in figures if _source(f) == s and f["panels"] > 1),
                  sum(1 for f in figures if _source(f) == s and f["panels"] == 1)) for s in sorted(COUNTS)}
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 6, "diag": 1, "mixed": 10, "clin": 27, "micro": 3}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert not any(f["rows"] for f in figures) and sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "47 figures: 25 compound, 22 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_letters_and_no_caption_names(figures):
    """No figure prints panel letters (the R in two hugin details is a marker inside a single photograph) and no
    caption names panels, so every figure's expected decision is to keep it whole or split it without pairing."""
    assert all(f["letters"] == [] and f["caption_names"] == [None] * f["panels"] for f in figures)
    caps = {f["file"]: f["caption"] for f in figures if f["caption"]}
    assert caps == {
        "images/hug_barrel.png": "A photograph showing exaggerated barrel distortion",
        "images/hug_bubble.png": "A photograph showing exaggerated wavy distortion (of the bubble variant)",
        "images/hug_pincushion.png": "A photograph showing exaggerated pincushion distortion",
        "images/hug_ca_artificial.png": "Artificial Red-Cyan TCA",
        "images/hug_medinet_fisheye.jpg": "Example of a standard fisheye, Medinet Habu first courtyard"}


def test_pairs_and_grids_in_reading_order(figures):
    byf = by_file(figures)
    for name in PAIRS:
        a, b = byf[name]["boxes"]  # side by side on a white gutter
        assert a[2] <= b[0] and a[0] < 10 and b[2] > byf[name]["width"] - 10, name
    top, bottom = byf["images/hug_pantheon.png"]["boxes"]
    assert top[3] <= bottom[1]
    for name in ("images/cimg_postcard48.png", "images/cimg_postcard47.png", "images/xl_correlation_maps.png",
                 "images/hs_loadings_4.png"):
        a, b, c, d = byf[name]["boxes"]  # 2 x 2: a b / c d
        assert a[2] <= b[0] and c[2] <= d[0] and a[3] <= c[1] and b[3] <= d[1], name


def _png(size, colour) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return buf.getvalue()


def _split_png() -> bytes:
    """A 100 x 50 image whose left half is red and right half blue."""
    im = Image.new("RGB", (100, 50), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 50, 50))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def _sdist(path: Path, files: dict) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, body in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return path


def test_extract_rebuilds_from_a_deb_and_an_sdist(tmp_path, monkeypatch):
    """A .deb member cut to its blue half and kept PNG; a large sdist member capped at 1200 px and stored JPEG."""
    extract = load_script(SET, "extract")
    member = "./usr/share/doc/x/split.png"
    make_deb(tmp_path / "x.deb", {member: _split_png()})
    _sdist(tmp_path / "y-1.tar.gz", {"y-1/data/big.png": _png((2400, 600), (20, 200, 20))})
    base = {"mode": "image", "max_side": None}
    figs = [{"file": "images/blue.png", "origin": dict(base, apt="x=1", deb="x.deb", pip=None, sdist=None,
                                                       member=member, crop=[60, 10, 90, 40], format="png")},
            {"file": "images/red.png", "origin": dict(base, apt="x=1", deb="x.deb", pip=None, sdist=None,
                                                      member=member, crop=None, format="png", max_side=50)},
            {"file": "images/big.jpg", "origin": dict(base, apt=None, deb=None, pip="y==1", sdist="y-1.tar.gz",
                                                      member="y-1/data/big.png", crop=None, format="jpeg")}]
    (tmp_path / "ann.json").write_text(json.dumps({"figures": figs}), encoding="utf-8")
    monkeypatch.setattr(extract, "ANNOTATIONS", tmp_path / "ann.json")
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["big.jpg", "blue.png", "red.png"]
    with Image.open(tmp_path / "out" / "blue.png") as im:
        assert (im.format, im.mode, im.size) == ("PNG", "RGB", (30, 30))
        assert im.getpixel((15, 15)) == (0, 0, 255)
    with Image.open(tmp_path / "out" / "red.png") as im:
        assert im.size == (50, 25)
        assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((5, 12)), (255, 0, 0)))
    with Image.open(tmp_path / "out" / "big.jpg") as im:
        assert (im.format, im.size) == ("JPEG", (1200, 300))
        assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((600, 150)), (20, 200, 20)))


def test_extract_takes_a_gif_first_frame_as_rgb():
    extract = load_script(SET, "extract")
    frames = [Image.new("P", (8, 8), 1), Image.new("P", (8, 8), 2)]
    for fr in frames:
        fr.putpalette([0, 0, 0, 255, 255, 0, 0, 0, 255] + [0] * 759)
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    out = extract.image_for({"mode": "image", "crop": None, "max_side": None, "format": "png"}, buf.getvalue())
    with Image.open(io.BytesIO(out)) as im:
        assert im.mode == "RGB" and im.getpixel((3, 3)) == (255, 255, 0)


def test_extract_refuses_a_file_that_is_not_a_deb_or_a_tar(tmp_path):
    extract = load_script(SET, "extract")
    (tmp_path / "n.deb").write_bytes(b"PK\x03\x04 not an ar archive")
    with pytest.raises(ValueError, match="not a Debian package"):
        extract.deb_member(tmp_path / "n.deb", "./usr/a.png")
    (tmp_path / "n.tar.gz").write_bytes(b"not a tar archive at all")
    with pytest.raises(ValueError, match="not a tar archive"):
        extract.sdist_members(tmp_path / "n.tar.gz", ["a"])


def test_origins_are_images_named_by_their_format(figures):
    assert all(f["origin"]["mode"] == "image" and f["origin"]["format"] in ("png", "jpeg") for f in figures)
    for f in figures:
        assert Path(f["file"]).suffix == (".jpg" if f["origin"]["format"] == "jpeg" else ".png"), f["file"]


class TestSet(FigureSetContract, NoOverlapContract, ReadingOrderContract, SinglesWholeContract, OlderPackagesContract,
              OlderSourcesContract, SourcesRecordedContract, TuningListsContract, OlderNamesContract,
              SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES, DEBS = SET, FIELDS, OLDER, NAMES, DEBS
    SUMMARY = (47, 25, 0)
    NEW_ARCHIVES = SDISTS
    PACKAGES, PINS = DEBS | set(SDISTS), {**PINS, **SDISTS}


def test_extract_refuses_an_unknown_format():
    extract = load_script(SET, "extract")
    with pytest.raises(ValueError, match="unknown format"):
        extract.image_for({"mode": "image", "crop": None, "max_side": None, "format": "webp"}, _png((4, 4), "red"))


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING, DEB_MEMBERS, ONE_MEMBER = "missing package", ("./usr/a.png", "./usr/b.png"), True
    SDIST_MEMBERS = ("s-1/a.png", "s-1/c.png")
    UNKNOWN_MODE = {"mode": "pdf-render", "member": "x.pdf"}
    DOWNSCALE = ((((1200, 1199),), (1200, 1199)), (((600, 2400),), (300, 1200)), (((1024, 1024), 800), (800, 800)))
