"""The frozen held-out figure set benchmarks/pmc/heldout5 is complete, its annotations valid, and
it shares no image, no paper, no package and no package file with the older real-figure sets.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import REALDATA, SHARED_SKIP
from frozen_figure_checks import SetFilesContract, box_problems, encode_problems, load_extract, make_deb

ROOT = Path(__file__).resolve().parent.parent / "benchmarks" / "pmc"
SET = ROOT / "heldout5"
OLDER = ("heldout2", "heldout3", "heldout4")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "source", "licence", "origin",
          "width", "height", "note", "sha256", "caption_names"}
POSITIONS = {"left", "right", "top", "bottom", "middle"}


@pytest.fixture(scope="module")
def data():
    return json.loads((SET / "annotations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures(data):
    return data["figures"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def older_figures() -> list[dict]:
    out = []
    for name in OLDER:
        out += json.loads((ROOT / name / "annotations.json").read_text(encoding="utf-8"))["figures"]
    return out


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert len(figures) == 108
    assert len(compound) == 53
    assert sum(f["panels"] for f in compound) == 170
    assert sum(1 for f in compound if f["caption"]) == 53
    assert sum(1 for f in compound if f["letters"]) == 3
    assert sum(1 for f in compound if any(f["caption_names"])) == 16
    assert sum(1 for f in figures if f["panels"] == 1 and f["caption"]) == 55
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "108 figures: 53 compound (170 panels), 55 single-panel" in readme


def test_annotations_are_consistent(figures):
    assert box_problems(SET, figures, FIELDS) == []
    for f in figures:
        o = f["origin"]
        assert o["mode"] == "clip" and o["pip"] is None and o["sdist"] is None, f["file"]
        assert o["deb"].endswith(".deb") and o["member"].endswith(".pdf"), f["file"]
        assert isinstance(o["page"], int) and len(o["region_pt"]) == 4, f["file"]
        left, bottom, right, top = o["region_pt"]
        assert left < right and bottom < top, f["file"]
        assert f["licence"] and f["source"]
        names = f["caption_names"]
        assert len(names) == f["panels"], f["file"]
        if f["letters"]:
            assert all(n is None or n == L for n, L in zip(names, f["letters"])), f["file"]
        for n in names:
            assert n is None or len(n) == 1 or n in POSITIONS, f["file"]
            if n is not None and len(n) == 1:
                assert f"({n})" in f["caption"], f["file"]
            elif n is not None:
                assert n in f["caption"].lower(), f["file"]
        assert f["caption"].startswith("Figure "), f["file"]
        assert "\n" not in f["caption"] and "  " not in f["caption"], f["file"]
        assert not set(f["caption"]) & {"\ufffe", "\x02", "\x01", "\r"}, f["file"]


def test_every_package_file_is_pinned_by_its_sha256(data, figures):
    assert {f["origin"]["deb"] for f in figures} == set(data["packages"])
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in data["packages"].values())


def _dois(text: str) -> set[str]:
    return {d.rstrip(".,;)").lower() for d in re.findall(r"10\.\d{4,9}/[^\s'\"|]+", text)}


def _package(deb: str) -> str:
    return deb.split("_")[0]


def test_no_paper_package_or_member_shared_with_the_older_sets(figures):
    older = older_figures()
    ours = set().union(*(_dois(f["source"]) for f in figures))
    theirs = set().union(*(_dois(f["source"]) for f in older))
    assert ours and theirs and not ours & theirs
    their_members = {f["origin"].get("member") for f in older}
    assert not {f["origin"]["member"] for f in figures} & their_members
    their_packages = {_package(f["origin"]["deb"]) for f in older if f["origin"].get("deb")}
    assert their_packages and not {_package(f["origin"]["deb"]) for f in figures} & their_packages
    names = {Path(f["file"]).stem.split("_")[0] for f in figures}
    listed = json.loads((ROOT / "figure_sets.json").read_text())
    older_names = " ".join(listed["compound_tune"] + listed["compound_held"]).lower()
    assert not any(n in older_names for n in names)


def test_no_image_shared_with_the_older_sets(figures):
    older = {sha(p) for name in OLDER for p in (ROOT / name / "images").iterdir()}
    assert older and not {f["sha256"] for f in figures} & older


def test_no_image_shared_with_the_real_figures(figures):
    if not (REALDATA / "figures").exists():
        pytest.skip(SHARED_SKIP)
    real = {sha(p) for p in (REALDATA / "figures" / "images").rglob("*") if p.is_file()}
    assert real and not {f["sha256"] for f in figures} & real


def test_extract_reads_a_deb_member_and_encodes_like_the_frozen_files(tmp_path):
    """extract.py's own readers: a .deb (ar + data.tar.xz) member and the PNG/JPEG choice."""
    ex = load_extract(SET)
    deb = make_deb(tmp_path / "x.deb", {"./usr/lib/R/site-library/x/doc/x.pdf": b"%PDF-1.4 x",
                                        "./usr/share/doc/x/manual.pdf.gz": gzip.compress(b"%PDF-1.4 manual")})
    assert ex.deb_member(deb, "./usr/lib/R/site-library/x/doc/x.pdf") == b"%PDF-1.4 x"
    assert ex.source_bytes(tmp_path, {"deb": "x.deb", "member": "./usr/lib/R/site-library/x/doc/x.pdf"}) == b"%PDF-1.4 x"
    assert ex.source_bytes(tmp_path, {"deb": "x.deb", "member": "./usr/share/doc/x/manual.pdf.gz"}) == b"%PDF-1.4 manual"
    with pytest.raises(KeyError):
        ex.deb_member(deb, "./missing")
    assert encode_problems(ex) == []


class TestSet(SetFilesContract):
    SET = SET
