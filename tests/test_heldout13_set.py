"""The frozen held-out figure set benchmarks/pmc/heldout13 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, no image or package is shared with heldout2-12, the tuning lists or the
shared real figures and photos, and extract.py re-makes a page crop from a package built here (plain and gzipped PDF).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re
from pathlib import Path

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, CropSizesContract, FigureSetContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SourcesRecordedContract,
                                  TuningListsContract)

SET = PMC / "heldout13"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
         "heldout11", "heldout12")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"r-cran-survival_3.5-3-1_amd64.deb", "r-cran-epi_2.47-1_amd64.deb", "r-bioc-affy_1.76.0-1_amd64.deb"}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (52, 10, 34)
    assert sorted(f["panels"] for f in compound) == [2, 2, 2, 2, 2, 3, 4, 4, 4, 9]
    assert all(f["origin"]["deb"] in DEBS and f["origin"]["mode"] == "pdf-render" for f in figures)
    assert not any(f["letters"] for f in figures)
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [2, 0, 50]
    assert [sum(1 for f in figures if f["file"].startswith(p)) for p in
            ("images/survival_", "images/epi_", "images/affy_")] == [21, 26, 5]
    assert [sum(1 for f in figures if f["type"] == t) for t in ("chart", "diag", "micro")] == [38, 13, 1]
    assert all(f["caption"] for f in figures)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "52 figures: 10 compound (34 panels), 42 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_position_named_figures_are_named_left_and_right_by_their_captions(figures):
    """The two `rows` true figures are named "Left panel" / "Right panel" in their real captions, left box first."""
    named = [f for f in figures if f["rows"]]
    assert [Path(f["file"]).name for f in named] == ["epi_flup_fig2_9_p35.png", "survival_adjcurve_fig8_p19.png"]
    for f in named:
        assert f["caption_names"] == ["left", "right"] and f["panels"] == 2
        assert "Left panel:" in f["caption"] and "Right panel:" in f["caption"], f["file"]
        (_, _, ax1, _), (bx0, _, _, _) = f["boxes"]
        assert ax1 <= bx0


def test_no_kept_caption_is_cut_short(figures):
    """Captions run to their end: each ends with a full stop, a bracket or the vignette's printed figure file name,
    except affy's Figure 8, whose caption the vignette prints without a stop."""
    open_ended = [Path(f["file"]).name for f in figures
                  if not re.search(r"(\.|\)|\./[\w-]+)$", f["caption"].rstrip())]
    assert open_ended == ["affy_affy_fig8_p23.png"]


class TestSet(FigureSetContract, CropSizesContract, OlderPackagesContract, SourcesRecordedContract, TuningListsContract,
              SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (52, 10, 0)
    PACKAGES = DEBS
    NAMES = ("r-cran-survival", "r-cran-epi", "r-bioc-affy", "adjcurve", "crisk", "flup", "simlexis")


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    GZIPPED_PDFS = True
    MISSING = "missing package"
