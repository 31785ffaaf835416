"""The frozen held-out figure set benchmarks/pmc/heldout9 is complete and its annotations valid: the
figure benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its
image, the expected decisions (`rows`) follow the written rule, no image or package is shared with
heldout2-8, the tuning lists or the shared real figures and photos, and the composed figures are re-made
byte for byte by compose.py from shared/realdata/photos (the package images by extract.py from a package
built here).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, ComposeContract, ComposedCellsContract, FigureSetContract, OlderPackagesContract,
                                  SharedPhotosContract, TuningListsContract, load_script,
                                  small_and_large_extract_problems)

SET = PMC / "heldout9"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"python-sklearn-doc_1.2.1+dfsg-1_all.deb"}
# gallery pages built on package sample photographs (china, flower, coins, faces): none is in this set
SAMPLE_PAGES = ("color_quantization", "coin", "china", "flower", "face_compress", "face_recognition")


figures = figures_fixture(SET)


def module(name: str):
    return load_script(SET, name)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    real = [f for f in figures if f["origin"].get("deb")]
    composed = [f for f in figures if f["origin"].get("composed")]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (136, 107, 403)
    assert (len(real), sum(1 for f in real if f["panels"] > 1), sum(f["panels"] for f in real if f["panels"] > 1)) == \
        (62, 47, 143)
    assert (len(composed), sum(1 for f in composed if f["panels"] > 1)) == (74, 60)
    assert sum(1 for f in compound if any(f["caption_names"])) == 70
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [56, 10, 70]
    assert [sum(1 for f in real if f["rows"] is v) for v in (True, None, False)] == [10, 6, 46]
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "136 figures: 107 compound (403 panels), 29 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_extract_copies_small_package_images_and_downscales_large_ones(figures, tmp_path):
    """extract.py on a package built here from the stored images: small ones come back byte for byte."""
    assert small_and_large_extract_problems(SET, figures, module("extract"), tmp_path) == []
    assert sum(f["origin"]["scaled_to_1200"] for f in figures if f["origin"].get("deb")) == 7


def test_no_real_figure_is_cut_from_a_sample_page(figures):
    assert [f["file"] for f in figures if f["origin"].get("deb")
            and any(word in f["origin"]["member"] for word in SAMPLE_PAGES)] == []


class TestSet(FigureSetContract, ComposeContract, ComposedCellsContract, OlderPackagesContract, TuningListsContract,
              SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (136, 107, 47)
    NAMES, TUNING_MEMBERS = ("sklearn", "scikit-learn"), True
    REFUSES_NO_PHOTOS = True
