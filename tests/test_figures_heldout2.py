"""The figure set benchmarks/pmc/heldout2 (frozen as held out, run once on 2026-12-04; tuning data
since) is complete and its annotations valid.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import json
from pathlib import Path

import pytest

from frozen_figure_checks import SetFilesContract

SET = Path(__file__).resolve().parent.parent / "benchmarks" / "pmc" / "heldout2"
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "source", "licence", "origin",
          "width", "height", "note", "sha256"}


@pytest.fixture(scope="module")
def figures():
    return json.loads((SET / "annotations.json").read_text(encoding="utf-8"))["figures"]


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert len(figures) == 58
    assert len(compound) == 35
    assert sum(f["panels"] for f in compound) == 143
    assert sum(1 for f in compound if f["caption"]) == 32
    assert sum(1 for f in compound if f["letters"]) == 21
    assert "58 figures: 35 compound (143 panels), 23 single-panel" in (SET / "README.md").read_text()


def test_annotations_are_consistent(figures):
    from PIL import Image

    for f in figures:
        assert set(f) == FIELDS, f["file"]
        with Image.open(SET / f["file"]) as im:
            assert im.size == (f["width"], f["height"]), f["file"]
        assert f["type"] in {"clin", "micro", "chart", "mixed", "diag"}
        assert len(f["boxes"]) == f["panels"] >= 1, f["file"]
        assert f["letters"] == [] or len(f["letters"]) == f["panels"], f["file"]
        for x0, y0, x1, y1 in f["boxes"]:
            assert 0 <= x0 < x1 <= f["width"] and 0 <= y0 < y1 <= f["height"], f["file"]
        if f["panels"] == 1:
            assert f["boxes"] == [[0, 0, f["width"], f["height"]]]
        assert f["origin"]["pip"].count("==") == 1 and f["origin"]["sdist"].endswith(".tar.gz")
        assert f["licence"] and f["source"]
        if f["caption"] is not None:
            assert f["caption"].startswith(("Fig", "Figure")), f["file"]


def test_no_figure_reused_from_the_older_real_set(figures):
    names = {Path(f["file"]).name for f in figures}
    listed = json.loads((SET.parent / "figure_sets.json").read_text())
    older = set(listed["compound_tune"]) | set(listed["compound_held"])
    assert not names & older


class TestSet(SetFilesContract):
    SET = SET
