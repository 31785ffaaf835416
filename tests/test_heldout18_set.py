"""The frozen held-out figure set benchmarks/pmc/heldout18 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every figure is one panel whose box is the whole
image and whose expected decision is "whole", no image or package is shared with heldout2-17, the tuning lists or
the shared real figures and photos, and extract.py rebuilds images from packages built here (a .deb member and a
source tarball member, the long side capped at 1200 px).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import io
import json
import re
import tarfile
from pathlib import Path

from PIL import Image

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, OlderNamesContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SourcesRecordedContract,
                                  TuningListsContract, load_script, make_deb)
from frozen_figure_checks import type_counts

SET = PMC / "heldout18"
OLDER = tuple(f"heldout{i}" for i in range(2, 18))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
GN = "gnumed-doc_1.8.9+dfsg-1_all.deb"
AM = "amide_1.0.6-1_amd64.deb"
SD = "stardist-0.9.2.tar.gz"
DEBS = {GN, AM}
NAMES = ("gnumed", "amide_", "amide-", "stardist_histo", "turbomed")


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 12 and all(f["panels"] == 1 for f in figures)
    by_pkg = {p: sum(1 for f in figures if (f["origin"]["deb"] or f["origin"]["sdist"]) == p) for p in (GN, AM, SD)}
    assert by_pkg == {GN: 10, AM: 1, SD: 1}
    types = type_counts(figures)
    assert types == {"chart": 0, "diag": 11, "mixed": 0, "clin": 0, "micro": 1}
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "12 figures: 0 compound, 12 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_every_figure_is_one_whole_panel_without_letters(figures):
    for f in figures:
        assert f["boxes"] == [[0, 0, f["width"], f["height"]]] and f["letters"] == [], f["file"]
        assert f["caption_names"] == [None] and f["rows"] is False, f["file"]
        assert f["note"].startswith("single: "), f["file"]
        assert not re.search(r"\([a-hA-H]\)", f["caption"]), f["file"]
        assert f["origin"]["mode"] == "file" and (f["origin"]["deb"] is None) != (f["origin"]["sdist"] is None)


def _png(size, colour) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return buf.getvalue()


def _sdist(path: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, body in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return path


def test_extract_copies_deb_and_sdist_members_and_caps_the_long_side(tmp_path, monkeypatch):
    """A small deb member comes back at its size and colour as PNG; an sdist member 2400 x 600 comes back
    1200 x 300 (long side capped, the other in proportion)."""
    extract = load_script(SET, "extract")
    make_deb(tmp_path / GN, {"./usr/share/doc/x/a.png": _png((30, 20), (10, 200, 30)), "./usr/share/doc/o": b"x"})
    _sdist(tmp_path / SD, {"s-1/big.png": _png((2400, 600), (250, 0, 0))})
    figs = [{"file": "images/a.png", "origin": {"deb": GN, "sdist": None, "mode": "file",
                                                "member": "./usr/share/doc/x/a.png"}},
            {"file": "images/b.png", "origin": {"deb": None, "sdist": SD, "mode": "file", "member": "s-1/big.png"}}]
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": figs})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.png", "b.png"]
    with Image.open(tmp_path / "out" / "a.png") as im:
        assert (im.format, im.size, im.getpixel((5, 5))) == ("PNG", (30, 20), (10, 200, 30))
    with Image.open(tmp_path / "out" / "b.png") as im:
        assert im.size == (1200, 300) and im.getpixel((600, 150)) == (250, 0, 0)


class TestSet(FigureSetContract, OlderPackagesContract, SourcesRecordedContract, TuningListsContract,
              OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (12, 0, 0)
    PACKAGES, NAMES, OLDER_NAMES = DEBS | {SD}, NAMES, NAMES + ("stardist",)


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING, DEB_MEMBERS = "missing package", ("./usr/share/doc/x/a.png", "./usr/share/doc/x/b.png")
    SDIST_MEMBERS = ("s/a.png", "s/c.png")
    UNKNOWN_MODE = {"mode": "pdf-render", "member": "x.pdf"}
    DOWNSCALE = ((((1200, 1199),), (1200, 1199)), (((1276, 778),), (1200, 732)), (((1280, 1024),), (1200, 960)))
