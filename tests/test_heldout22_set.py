"""The frozen held-out figure set benchmarks/pmc/heldout22 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's, the six captions are
the GIMP manual's own and name no panel, no image or package is shared with heldout2-21, the tuning lists or the
shared real figures and photos, and extract.py rebuilds images from a Debian package built here (an RGBA PNG laid on
white, a JPEG, a large image capped at 1200 px).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import io
import json
import re

import pytest
from PIL import Image

from frozen_figure_checks import by_file, figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, NoOverlapContract, OlderNamesContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SinglesWholeContract,
                                  SourcesRecordedContract, TuningListsContract, load_script, make_deb)
from frozen_figure_checks import type_counts

SET = PMC / "heldout22"
OLDER = tuple(f"heldout{i}" for i in range(2, 22))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
PF = "python-pyfai-doc_0.21.3+dfsg1-4_all.deb"
GI = "gimp-help-en_2.10.34-2_all.deb"
DEBS = {PF, GI}
NAMES = ("pyfai", "gimp-help", "gimp_")
CAPTIONED = {
    "images/gimp_cosmos_decomposed.png":
        "Figure 16.200. Example for the “Compose” command. Decomposed image (RGB decomposition)",
    "images/gimp_cosmos.png": "Figure 16.200. Example for the “Compose” command. “Compose” applied",
    "images/gimp_retinex_orig.png": "Figure 16.238. “Retinex” example. Original image",
    "images/gimp_taj.png": "Figure 16.218. “Alien Map” filter example. Original image",
    "images/gimp_kvitveis.png": "Figure 17.298. Illusion. Original image",
    "images/gimp_zinnias.png":
        "Figure 17.323. The same image, before and after applying Tile filter. Original image",
}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 47 and sum(f["panels"] > 1 for f in figures) == 27
    by_deb = {d: (sum(1 for f in figures if f["origin"]["deb"] == d and f["panels"] > 1),
                  sum(1 for f in figures if f["origin"]["deb"] == d and f["panels"] == 1)) for d in sorted(DEBS)}
    assert by_deb == {PF: (26, 15), GI: (1, 5)}
    types = type_counts(figures)
    assert types == {"chart": 9, "diag": 1, "mixed": 31, "clin": 6, "micro": 0}
    assert not any(f["rows"] for f in figures) and sum(1 for f in figures if f["rows"] is None) == 0
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == [2] * 14 + [3] * 7 + [4, 5, 5, 6, 6, 15]
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "47 figures: 27 compound, 20 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_figure_prints_panel_letters(figures):
    assert [f["file"] for f in figures if f["letters"]] == []


def test_captions_are_the_manuals_own_and_name_no_panel(figures):
    assert {f["file"]: f["caption"] for f in figures if f["caption"]} == CAPTIONED
    assert all(f["caption_names"] == [None] * f["panels"] for f in figures)
    assert all(f["origin"]["deb"] == GI for f in figures if f["caption"])


def test_layouts_as_the_notes_say(figures):
    byf = by_file(figures)
    a, b, c = byf["images/gimp_cosmos_decomposed.png"]["boxes"]  # two photographs above one
    assert a[2] <= b[0] and a[3] <= c[1] and b[3] <= c[1] and a[0] < c[0] < a[2]
    boxes = byf["images/pf_goniometer_rotation_xpads540_d2am_15_10_1.png"]["boxes"]  # 5 rows of 3, row-major
    assert len(boxes) == 15
    for r in range(5):
        row = boxes[3 * r:3 * r + 3]
        assert row[0][2] <= row[1][0] and row[1][2] <= row[2][0]
        if r:
            assert boxes[3 * (r - 1)][3] <= row[0][1]
    strips = byf["images/pf_detector_pilatus_calibration_pilatus900kw_id06_4_0.png"]["boxes"]  # title in no box
    assert strips[0][1] == 15 and strips[0][3] <= strips[1][1] and strips[1][3] <= strips[2][1]


def _image(size, colour, mode, fmt) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, colour).save(buf, fmt)
    return buf.getvalue()


def test_extract_lays_transparency_on_white_and_caps_large_images(tmp_path, monkeypatch):
    """A half-transparent RGBA PNG comes back RGB: its transparent half white, its opaque half its colour; a JPEG
    comes back as PNG of its size; a 2400 x 600 image comes back 1200 x 300."""
    extract = load_script(SET, "extract")
    rgba = Image.new("RGBA", (40, 20), (0, 0, 0, 0))
    rgba.paste((200, 30, 30, 255), (0, 0, 20, 20))
    buf = io.BytesIO()
    rgba.save(buf, "PNG")
    make_deb(tmp_path / "pkg_1.0_all.deb", {"./usr/share/doc/pkg/a.png": buf.getvalue(),
                                            "./usr/share/doc/pkg/b.jpg": _image((30, 10), (20, 20, 200), "RGB", "JPEG"),
                                            "./usr/share/doc/pkg/c.png": _image((2400, 600), (9, 9, 9), "RGB", "PNG")})
    origin = {"deb": "pkg_1.0_all.deb", "apt": "pkg=1.0", "mode": "deb-image", "scaled_to_1200": False}
    figs = [{"file": f"images/{n}.png", "origin": dict(origin, member=f"./usr/share/doc/pkg/{m}")}
            for n, m in (("a", "a.png"), ("b", "b.jpg"), ("c", "c.png"))]
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": figs})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.png", "b.png", "c.png"]
    with Image.open(tmp_path / "out" / "a.png") as im:
        assert (im.format, im.mode, im.size) == ("PNG", "RGB", (40, 20))
        assert im.getpixel((5, 5)) == (200, 30, 30) and im.getpixel((35, 5)) == (255, 255, 255)
    with Image.open(tmp_path / "out" / "b.png") as im:
        assert (im.format, im.mode, im.size) == ("PNG", "RGB", (30, 10))
        assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((15, 5)), (20, 20, 200)))
    with Image.open(tmp_path / "out" / "c.png") as im:
        assert im.size == (1200, 300)


def test_extract_refuses_a_file_that_is_not_a_debian_package(tmp_path):
    extract = load_script(SET, "extract")
    (tmp_path / "x.deb").write_bytes(b"PK\x03\x04 not an ar archive")
    with pytest.raises(ValueError, match="not a Debian package"):
        extract.deb_data(tmp_path / "x.deb")


def test_origins_are_images_of_the_debs(figures):
    assert all(f["origin"]["mode"] == "deb-image" for f in figures)


class TestSet(FigureSetContract, NoOverlapContract, SinglesWholeContract, OlderPackagesContract,
              SourcesRecordedContract, TuningListsContract, OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES, DEBS = SET, FIELDS, OLDER, NAMES, DEBS
    SUMMARY = (47, 27, 0)
    PACKAGES, PINS = DEBS, {PF: "python-pyfai-doc=0.21.3+dfsg1-4", GI: "gimp-help-en=2.10.34-2"}


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING, DEB_MEMBERS, DEB_NAME = "missing Debian package", ("./usr/a.png", "./usr/b.png"), "p_1_all.deb"
    UNKNOWN_MODE = {"mode": "pdf-render", "member": "x.pdf"}
    DOWNSCALE = ((((1200, 1199),), (1200, 1199)), (((600, 2400),), (300, 1200)))
