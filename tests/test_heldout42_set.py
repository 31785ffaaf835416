"""The frozen held-out figure set benchmarks/pmc/heldout42 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (documentation, test
and paper images of thirteen PyPI sdists: 20 compound, 18 single; no printed panel letters and no caption naming a
panel; two captioned singles from spopt's JOSS paper; a 4-over-2 grid of tract renderings in a brain cut from
TractSeg's preprint page, a 2 x 2 grid of video frames), at most three figures come from one archive, no image or
archive is shared with heldout2-40, the tuning lists or the shared real figures and photos, and extract.py hands its
own annotations to the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import PerArchiveContract, by_file, figures_fixture
from frozen_figure_checks import (PMC, ExtractorRebuildContract, FigureSetContract, NoOverlapContract,
                                  OlderNamesContract, OlderSourcesContract, ReadingOrderContract, SharedPhotosContract,
                                  SinglesWholeContract, SourcesRecordedContract, TuningListsContract, rows_of)
from frozen_figure_checks import source_counts, type_counts

SET = PMC / "heldout42"
OLDER = tuple(f"heldout{i}" for i in range(2, 41))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"bilby-2.8.2.tar.gz": "bilby==2.8.2", "brian2-2.9.0.tar.gz": "brian2==2.9.0",
            "cmocean-4.0.3.tar.gz": "cmocean==4.0.3", "datashader-0.19.1.tar.gz": "datashader==0.19.1",
            "glue_core-1.28.0.tar.gz": "glue-core==1.28.0", "holoviews-1.23.2.tar.gz": "holoviews==1.23.2",
            "moviepy-2.2.1.tar.gz": "moviepy==2.2.1", "tractseg-2.10.tar.gz": "TractSeg==2.10",
            "mplstereonet-0.6.3.tar.gz": "mplstereonet==0.6.3", "obspy-1.5.1.tar.gz": "obspy==1.5.1",
            "giddy-2.3.8.tar.gz": "giddy==2.3.8", "spaghetti-1.7.6.tar.gz": "spaghetti==1.7.6",
            "spopt-0.7.0.tar.gz": "spopt==0.7.0"}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("bilby", "brian2", "cmocean", "datashader", "glue-core", "glue_core", "holoviews", "moviepy", "tractseg",
         "mplstereonet", "obspy", "giddy", "spaghetti", "spopt")
COUNTS = {"bilby-2.8.2.tar.gz": (2, 1), "brian2-2.9.0.tar.gz": (0, 3), "cmocean-4.0.3.tar.gz": (3, 0),
          "datashader-0.19.1.tar.gz": (2, 1), "glue_core-1.28.0.tar.gz": (0, 2), "holoviews-1.23.2.tar.gz": (0, 3),
          "moviepy-2.2.1.tar.gz": (2, 1), "tractseg-2.10.tar.gz": (3, 0), "mplstereonet-0.6.3.tar.gz": (3, 0),
          "obspy-1.5.1.tar.gz": (0, 3), "giddy-2.3.8.tar.gz": (2, 1), "spaghetti-1.7.6.tar.gz": (3, 0),
          "spopt-0.7.0.tar.gz": (0, 3)}
PANELS = [2] * 9 + [4] * 3 + [6] * 5 + [8, 8, 15]
CAPTIONED = {"images/so_maxp.png": "The solution of Max-p-regions when 32 Mexican states are clustered",
             "images/so_mclp.png": "The solution of MCLP while siting 4 facilities"}
LAYOUTS = {"images/bi_stats.png": [1, 1, 1, 1], "images/bi_wave.png": [1, 1], "images/cm_ms08.png": [2, 2, 2, 2],
           "images/cm_full.png": [2, 2, 2], "images/cm_reg.png": [2, 2, 2], "images/ds_attr.png": [5, 5, 5],
           "images/mp_stacked.png": [2, 2], "images/mp_accel.png": [2, 2, 2, 2], "images/ts_fig3.png": [4, 2],
           "images/gi_markov.png": [3, 3], "images/gi_quint.png": [3, 3], "images/sg_facloc.png": [2, 2]}
# tract renderings on black touching at thin white lines: cut at the lines, each box its cell's ink plus 4 px
TOUCHING = {"images/ts_fig3.png": [[2, 4, 236, 329], [236, 4, 455, 329], [455, 4, 676, 329], [676, 4, 899, 329],
                                   [183, 347, 494, 673], [494, 347, 737, 673]]}
PAGE = {"member": "tractseg-2.10/resources/Wasserthal2020_Multiparametric_mapping_of_white_matter.pdf", "page": 11,
        "scale": 2.0, "crop": [142, 144, 1043, 820]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 38 and sum(f["panels"] > 1 for f in figures) == 20
    assert source_counts(figures, COUNTS) == COUNTS
    assert type_counts(figures) == {"chart": 27, "diag": 1, "mixed": 3, "clin": 6, "micro": 1}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is not False) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "38 figures: 20 compound, 18 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1



def test_no_letters_and_two_captions_naming_no_panel(figures):
    """No figure prints panel letters; spopt's two JOSS figures carry the paper's captions, both singles; TractSeg's
    preprint figure has no caption recorded (the preprint's captions and images on pages 10-11 do not match)."""
    assert [f["file"] for f in figures if f["letters"]] == []
    assert {f["file"] for f in figures if f["caption"]} == set(CAPTIONED)
    byf = by_file(figures)
    for name, start in CAPTIONED.items():
        assert byf[name]["caption"].startswith(start) and byf[name]["panels"] == 1, name
    assert all(f["caption_names"] == [None] * f["panels"] for f in figures)


def test_layouts_and_reading_order(figures):
    byf = by_file(figures)
    for name, per_row in LAYOUTS.items():
        assert [len(r) for r in rows_of(byf[name]["boxes"])] == per_row, name
    for name, boxes in TOUCHING.items():
        assert byf[name]["boxes"] == boxes, name
    for f in figures:
        if f["panels"] > 1 and f["file"] not in LAYOUTS:
            boxes = f["boxes"]  # every other compound figure is one row, left to right
            assert all(a[2] <= b[0] and max(a[1], b[1]) < min(a[3], b[3]) for a, b in zip(boxes, boxes[1:])), f["file"]


def test_origins_are_sdist_images_and_one_page(figures):
    for f in figures:
        o = f["origin"]
        assert o["format"] == "png" and o["deb"] is None and o["pip"] == ARCHIVES[o["sdist"]], f["file"]
        if f["file"] == "images/ts_fig3.png":
            assert o["mode"] == "pdf-render" and {k: o[k] for k in PAGE} == PAGE
            assert (f["width"], f["height"]) == (901, 676)
        else:
            assert o["mode"] == "image" and o["crop"] is None and o["page"] is None, f["file"]


class TestSet(PerArchiveContract, FigureSetContract, NoOverlapContract, ReadingOrderContract, SinglesWholeContract, OlderSourcesContract,
              SourcesRecordedContract, TuningListsContract, OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    ARCHIVE_COUNT = 13
    SUMMARY = (38, 20, 0)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|Apache|BSD|CECILL"


class TestExtractor(ExtractorRebuildContract):
    SET = SET
