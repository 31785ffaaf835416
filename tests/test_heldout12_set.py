"""The frozen held-out figure set benchmarks/pmc/heldout12 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, no image or package is shared with heldout2-11, the tuning lists or the
shared real figures and photos, and extract.py re-makes a page crop from a package built here (plain and gzipped PDF).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, CropSizesContract, FigureSetContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SourcesRecordedContract,
                                  TuningListsContract)

SET = PMC / "heldout12"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
         "heldout11")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"gromacs-data_2022.5-2_all.deb", "lammps-doc_20220106.git7586adbb6a+ds1-2_all.deb"}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (54, 16, 45)
    assert all(f["origin"]["deb"] in DEBS and f["origin"]["mode"] == "pdf-render" for f in figures)
    assert sum(1 for f in compound if f["letters"]) == 10 and not any(f["letters"] for f in figures if f["panels"] == 1)
    assert sum(1 for f in compound if any(f["caption_names"])) == 14
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [13, 1, 40]
    assert [sum(1 for f in figures if f["file"].startswith(p)) for p in ("images/gromacs_", "images/oxdna_")] == [47, 7]
    assert all(f["caption"] for f in figures)
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "54 figures: 16 compound (45 panels), 38 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_lettered_captions_name_exactly_the_printed_letters(figures):
    """Every lettered figure's caption names each printed letter (A / (a)), so `rows` true is the rule's answer."""
    for f in figures:
        if f["letters"]:
            assert f["caption_names"] == f["letters"] and f["rows"] is True, f["file"]
            for a in f["letters"]:
                assert re.search(rf"(\({a}\)|\b{a.upper()}[:.)]|\({a.upper()}[,)])", f["caption"]), (f["file"], a)


class TestSet(FigureSetContract, CropSizesContract, OlderPackagesContract, SourcesRecordedContract, TuningListsContract,
              SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (54, 16, 10)
    PACKAGES, NAMES = DEBS, ("gromacs", "oxdna", "cg-dna")


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    GZIPPED_PDFS = True
    MISSING = "missing package"
