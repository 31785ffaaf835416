"""The frozen held-out figure set benchmarks/pmc/heldout8 is complete and its annotations valid: the
figure benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its
image, the expected decisions (`rows`) follow the written rule, no image or package is shared with
heldout2-7, and the composed figures are re-made byte for byte by compose.py from shared/realdata/photos
(the package images by extract.py from a package built here).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import json
import re
from pathlib import Path

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, ComposeContract, ComposedCellsContract, FigureSetContract, OlderPackagesContract,
                                  load_script, small_and_large_extract_problems)

SET = PMC / "heldout8"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"python-skimage-doc_0.19.3-8_all.deb"}
# scikit-image sample images that figure_sets.json uses as single-panel tuning images: no real figure of
# this set is a gallery page built on one of them (README, "Sources").
TUNING_SAMPLE_PAGES = ("coins", "horse", "ihc", "microaneurysm", "attribute_operators", "retina", "pixel_graphs",
                       "ridge_filter", "register_rotation", "rank_mean", "template", "morphsnakes", "hysteresis",
                       "join_segmentations", "peak_local_max", "regional_maxima", "convex_hull", "skeleton_001",
                       "fundamental_matrix", "text", "page", "brick", "grass", "floodfill_001", "swirl",
                       "threshold_li_004", "threshold_li_005", "threshold_li_006", "thresholding_002")


figures = figures_fixture(SET)


def module(name: str):
    return load_script(SET, name)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    real = [f for f in figures if f["origin"].get("deb")]
    composed = [f for f in figures if f["origin"].get("composed")]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (133, 104, 435)
    assert (len(real), sum(1 for f in real if f["panels"] > 1)) == (57, 44)
    assert (len(composed), sum(1 for f in composed if f["panels"] > 1)) == (76, 60)
    assert sum(1 for f in compound if any(f["caption_names"])) == 69
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [57, 9, 67]
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "133 figures: 104 compound (435 panels), 29 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_real_figure_is_built_on_a_tuning_sample_image(figures):
    for f in figures:
        if f["origin"].get("deb"):
            assert not any(word in Path(f["origin"]["member"]).name for word in TUNING_SAMPLE_PAGES), f["file"]


def test_extract_copies_small_package_images_and_downscales_large_ones(figures, tmp_path):
    """extract.py on a package built here from the stored images: small ones come back byte for byte."""
    assert small_and_large_extract_problems(SET, figures, module("extract"), tmp_path) == []
    assert sum(f["origin"]["scaled_to_1200"] for f in figures if f["origin"].get("deb")) == 2


class TestSet(FigureSetContract, ComposeContract, ComposedCellsContract, OlderPackagesContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (133, 104, 46)
    REFUSES_NO_PHOTOS = True
