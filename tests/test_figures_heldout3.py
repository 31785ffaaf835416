"""The frozen held-out figure set benchmarks/pmc/heldout3 is complete, its annotations valid, and
it shares no image and no paper with the older real-figure sets.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import REALDATA, SHARED_SKIP
from frozen_figure_checks import SetFilesContract, box_problems, encode_problems, load_extract, make_deb

ROOT = Path(__file__).resolve().parent.parent / "benchmarks" / "pmc"
SET = ROOT / "heldout3"
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "source", "licence", "origin",
          "width", "height", "note", "sha256"}


@pytest.fixture(scope="module")
def figures():
    return json.loads((SET / "annotations.json").read_text(encoding="utf-8"))["figures"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert len(figures) == 77
    assert len(compound) == 53
    assert sum(f["panels"] for f in compound) == 230
    assert sum(1 for f in compound if f["caption"]) == 50
    assert sum(1 for f in compound if f["letters"]) == 12
    assert sum(1 for f in compound if f["type"] == "clin") == 3
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "77 figures: 53 compound (230 panels), 24 single-panel" in readme


def test_annotations_are_consistent(figures):
    assert box_problems(SET, figures, FIELDS) == []
    for f in figures:
        o = f["origin"]
        if o["mode"] == "clip":
            assert o["deb"].endswith(".deb") and o["member"].endswith(".pdf"), f["file"]
            assert isinstance(o["page"], int) and len(o["region_pt"]) == 4, f["file"]
            left, bottom, right, top = o["region_pt"]
            assert left < right and bottom < top, f["file"]
        else:
            assert o["mode"] == "file", f["file"]
            assert o["pip"].count("==") == 1 and o["sdist"].endswith(".tar.gz"), f["file"]
        assert f["licence"] and f["source"]
        if f["caption"] is not None:
            assert f["caption"].startswith("Figure "), f["file"]
            assert "\n" not in f["caption"] and "  " not in f["caption"], f["file"]


def _dois(text: str) -> set[str]:
    return {d.rstrip(".,;)").lower() for d in re.findall(r"10\.\d{4,9}/[^\s'\"|]+", text)}


def test_no_paper_shared_with_heldout2_or_the_older_set(figures):
    ours = set().union(*(_dois(f["source"]) for f in figures))
    held2 = json.loads((ROOT / "heldout2" / "annotations.json").read_text(encoding="utf-8"))["figures"]
    theirs = set().union(*(_dois(f["source"]) for f in held2))
    assert ours and theirs and not ours & theirs
    names = {Path(f["file"]).stem.split("_")[0] for f in figures}
    listed = json.loads((ROOT / "figure_sets.json").read_text())
    older = " ".join(listed["compound_tune"] + listed["compound_held"]).lower()
    assert not any(n in older for n in names)


def test_no_image_shared_with_heldout2(figures):
    held2 = {sha(p) for p in (ROOT / "heldout2" / "images").iterdir()}
    assert held2 and not {f["sha256"] for f in figures} & held2


def test_no_image_shared_with_the_real_figures():
    if not (REALDATA / "figures").exists():
        pytest.skip(SHARED_SKIP)
    figures = json.loads((SET / "annotations.json").read_text(encoding="utf-8"))["figures"]
    real = {sha(p) for p in (REALDATA / "figures" / "images").rglob("*") if p.is_file()}
    assert real and not {f["sha256"] for f in figures} & real


def test_extract_reads_a_deb_member_and_encodes_like_the_frozen_files(tmp_path):
    """extract.py's own readers: a .deb (ar + data.tar.xz) member and the PNG/JPEG choice."""
    ex = load_extract(SET)
    deb = make_deb(tmp_path / "x.deb", {"./usr/share/doc/x/a.txt": b"hello"})
    assert ex.deb_member(deb, "./usr/share/doc/x/a.txt") == b"hello"
    with pytest.raises(KeyError):
        ex.deb_member(deb, "./missing")
    assert encode_problems(ex) == []


class TestSet(SetFilesContract):
    SET = SET
