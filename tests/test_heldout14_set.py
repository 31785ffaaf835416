"""The frozen held-out figure set benchmarks/pmc/heldout14 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, no image or package is shared with heldout2-13, the tuning lists or the
shared real figures and photos, and extract.py takes the stored files out of a package built here byte for byte.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import hashlib
import re
from pathlib import Path

import pytest

from frozen_figure_checks import (PMC, FigureSetContract, OlderPackagesContract, OwnExtractorContract,
                                  SharedPhotosContract, SourcesRecordedContract, TuningListsContract, load_script,
                                  make_deb, set_data)

SET = PMC / "heldout14"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
         "heldout11", "heldout12", "heldout13")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"python-pandas-doc_1.5.3+dfsg-2_all.deb", "python-lmfit-doc_1.1.0-1_all.deb"}


@pytest.fixture(scope="module")
def data():
    return set_data(SET)


@pytest.fixture(scope="module")
def figures(data):
    return data["figures"]


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (53, 30, 126)
    assert sorted(f["panels"] for f in compound) == [2] * 16 + [3, 3] + [4] * 7 + [6, 6, 16, 16, 16]
    assert all(f["origin"]["deb"] in DEBS and f["origin"]["mode"] == "deb-file" for f in figures)
    assert not any(f["letters"] for f in figures)
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [0, 0, 53]
    assert [(sum(1 for f in figures if f["file"].startswith(p) and f["panels"] > 1),
             sum(1 for f in figures if f["file"].startswith(p) and f["panels"] == 1))
            for p in ("images/pandas_", "images/lmfit_")] == [(24, 12), (6, 11)]
    assert {f["type"] for f in figures} == {"chart"}
    assert all(f["caption"] and f["caption_names"] == [None] * f["panels"] for f in figures)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "53 figures: 30 compound (126 panels), 23 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_captions_are_page_title_then_paragraph_and_name_no_panel(figures):
    """Each caption is "<page title>: <paragraph>", and none names a panel by letter or position."""
    for f in figures:
        title, _, para = f["caption"].partition(": ")
        assert title and para, f["file"]
        assert not re.search(r"\((?:[A-Da-d])\)|\b(?:left|right|upper|lower|top|bottom)\b", f["caption"], re.I), f["file"]


def test_compound_boxes_do_not_overlap_much(figures):
    """Boxes of one figure are separate panels: no two share more than a fifth of the smaller one."""
    for f in figures:
        bs = f["boxes"]
        for i in range(len(bs)):
            for j in range(i + 1, len(bs)):
                a, b = bs[i], bs[j]
                w = min(a[2], b[2]) - max(a[0], b[0])
                h = min(a[3], b[3]) - max(a[1], b[1])
                inter = max(0, w) * max(0, h)
                small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
                assert inter <= small / 5, (f["file"], i, j)


def test_extract_takes_the_stored_files_out_of_a_package_unchanged(tmp_path, data, figures):
    """A package holding this set's members (the stored images under their member names) gives them back byte
    for byte under the set's file names; another member is not written."""
    extract = load_script(SET, "extract")
    for deb in DEBS:
        mine = {f["origin"]["member"]: (SET / f["file"]).read_bytes() for f in figures if f["origin"]["deb"] == deb}
        mine["./usr/share/doc/other.txt"] = b"x"
        make_deb(tmp_path / deb, mine)
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    got = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert got == sorted(Path(f["file"]).name for f in figures)
    for f in figures:
        assert hashlib.sha256((tmp_path / "out" / Path(f["file"]).name).read_bytes()).hexdigest() == f["sha256"]


class TestSet(FigureSetContract, OlderPackagesContract, SourcesRecordedContract, TuningListsContract,
              SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (53, 30, 0)
    PACKAGES, NAMES, TUNING_MEMBERS = DEBS, ("pandas-doc", "lmfit", "sphx_glr_example"), True


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING, DEB_MEMBERS = "missing package", ("./usr/share/doc/x/a.png", "./usr/share/doc/x/b.png")
