"""The frozen held-out figure set benchmarks/pmc/heldout11 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, no image or package is shared with heldout2-10, the tuning lists or the
shared real figures and photos, the composed figures are re-made byte for byte by compose.py from
shared/realdata/photos, and extract.py re-makes package images from a package built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, ComposeContract, ComposedCellsContract, FigureSetContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SourcesRecordedContract,
                                  TuningListsContract, load_script, small_and_large_extract_problems)

SET = PMC / "heldout11"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"python-statsmodels-doc_0.13.5+dfsg-7_all.deb"}
POSITIONS = {"left", "right", "top", "bottom", "middle"}


figures = figures_fixture(SET)


def module(name: str):
    return load_script(SET, name)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    real = [f for f in figures if f["origin"].get("deb")]
    composed = [f for f in figures if f["origin"].get("composed")]
    assert len(real) + len(composed) == len(figures)
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (128, 80, 313)
    assert (len(real), sum(1 for f in real if f["panels"] > 1), sum(f["panels"] for f in real if f["panels"] > 1)) == \
        (58, 24, 90)
    assert (len(composed), sum(1 for f in composed if f["panels"] > 1),
            sum(f["panels"] for f in composed if f["panels"] > 1)) == (70, 56, 223)
    assert not any(f["letters"] for f in real)
    assert sum(1 for f in composed if f["letters"]) == 41
    assert sum(1 for f in compound if any(f["caption_names"])) == 61
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [49, 9, 70]
    assert [sum(1 for f in real if f["rows"] is v) for v in (True, None, False)] == [5, 7, 46]
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "128 figures: 80 compound (313 panels), 48 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_written_captions_say_so_and_position_words_are_whole_words(figures):
    """Every real figure's caption was written for this set (the documentation has none), and says so in its note;
    a position name is used only where the caption prints that word followed by a comma."""
    for f in figures:
        if f["origin"].get("deb"):
            assert ("caption written for this set" in f["note"]) == bool(f["caption"]), f["file"]
        for name in f["caption_names"]:
            if name in POSITIONS:
                assert f"{name.capitalize()}, " in f["caption"], f["file"]


def test_extract_copies_small_package_images_and_downscales_large_ones(figures, tmp_path):
    """extract.py on a package built here from the stored images: small ones come back byte for byte."""
    assert small_and_large_extract_problems(SET, figures, module("extract"), tmp_path) == []
    assert sum(f["origin"]["scaled_to_1200"] for f in figures if f["origin"].get("deb")) == 11


class TestSet(FigureSetContract, ComposeContract, ComposedCellsContract, OlderPackagesContract, SourcesRecordedContract,
              TuningListsContract, SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (128, 80, 41)
    PACKAGES, NAMES, TUNING_MEMBERS = DEBS, ("statsmodels",), True
    REFUSES_NO_PHOTOS = True


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING = "missing package"
