"""The frozen held-out figure set benchmarks/pmc/heldout28 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures shipped in
eight PyPI sdists and one Debian documentation package: 10 compound, 16 single; none with printed panel letters, one
whose caption names every panel by place), the caption names and expected decisions are the written rule's, no image
or source is shared with heldout2-27, the tuning lists or the shared real figures and photos, and extract.py rebuilds
images from archives, Debian packages and PDFs built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import re
from pathlib import Path

from frozen_figure_checks import (PMC, ArchiveSetContract, ExtractorRebuildContract, by_file, figures_fixture,
                                  source_counts, type_counts)

SET = PMC / "heldout28"
OLDER = tuple(f"heldout{i}" for i in range(2, 28))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"exoplanet-0.6.0.tar.gz": "exoplanet==0.6.0", "corner-2.3.0.tar.gz": "corner==2.3.0",
            "skan-0.13.1.tar.gz": "skan==0.13.1", "nanopyx-2.1.5.tar.gz": "nanopyx==2.1.5",
            "big-fish-0.6.2.tar.gz": "big-fish==0.6.2", "pystackreg-0.2.8.tar.gz": "pystackreg==0.2.8",
            "ptitprince-0.3.1.tar.gz": "ptitprince==0.3.1", "starry-1.2.0.tar.gz": "starry==1.2.0",
            "python-sasmodels-doc_1.0.6-2_all.deb": "python-sasmodels-doc=1.0.6-2"}
# The sources' names as they would appear in an older set's annotations or the tuning lists.
NAMES = ("exoplanet", "sasmodels", "big-fish", "bigfish", "pystackreg", "ptitprince", "nanopyx", "skan-0",
         "starry", "corner-2.3", "corner.png", "plot_cell", "junctions-pre", "superball", "cos7")
COUNTS = {"exoplanet-0.6.0.tar.gz": (1, 0), "corner-2.3.0.tar.gz": (0, 1), "skan-0.13.1.tar.gz": (1, 3),
          "nanopyx-2.1.5.tar.gz": (0, 3), "big-fish-0.6.2.tar.gz": (1, 0), "pystackreg-0.2.8.tar.gz": (3, 0),
          "ptitprince-0.3.1.tar.gz": (1, 2), "starry-1.2.0.tar.gz": (0, 2),
          "python-sasmodels-doc_1.0.6-2_all.deb": (3, 5)}
PANELS = [2, 2, 2, 2, 2, 3, 3, 4, 5, 6]
SIDE_BY_SIDE = ("images/exo_fig1.png", "images/sas_cylinder.png", "images/sas_cse.png", "images/bf_cell.png",
                "images/pp_p13.png")
UNNAMED_CAPTIONED = ("images/sas_cylinder.png", "images/sas_cse.png", "images/sas_superball.png")


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 26 and sum(f["panels"] > 1 for f in figures) == 10
    by_src = source_counts(figures, COUNTS)
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 11, "diag": 3, "mixed": 0, "clin": 2, "micro": 10}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 1 and sum(1 for f in figures if f["rows"] is None) == 0
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "26 figures: 10 compound, 16 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_source_file_gives_more_than_three_figures(figures):
    per_file = {}
    for f in figures:
        member = f["origin"]["member"]
        key = (f["origin"]["sdist"], member if "sasmodels" not in member else Path(member).name)
        per_file[key] = per_file.get(key, 0) + 1
    assert max(per_file.values()) == 1 and len(per_file) == 26  # every image is its own file
    per_archive = {}
    for f in figures:
        per_archive[f["origin"]["sdist"]] = per_archive.get(f["origin"]["sdist"], 0) + 1
    assert per_archive["python-sasmodels-doc_1.0.6-2_all.deb"] == 8  # eight pages of the manual, one figure each


def test_no_letters_and_caption_names(figures):
    """No figure prints panel letters; one compound figure's caption names both panels by place ('(left)',
    '(right)'); three captioned compound figures' captions name no panel; the other compound figures have none."""
    byf = by_file(figures)
    assert all(f["letters"] == [] for f in figures)
    exo = byf["images/exo_fig1.png"]
    assert exo["caption_names"] == ["left", "right"] and exo["rows"] is True
    assert "(left) A fit to the light curves" in exo["caption"] and "(right) The phase-folded" in exo["caption"]
    for name in UNNAMED_CAPTIONED:
        f = byf[name]
        assert f["caption"].startswith("Figure ") and f["caption_names"] == [None] * f["panels"] and f["rows"] is False
        assert not re.search(r"\([a-dA-D]\)|\b(left|right|top|bottom)\b", f["caption"], re.I), name
    assert byf["images/sas_cylinder.png"]["caption"] == ("Figure 3: 1D and 2D plots corresponding to the default "
                                                         "parameters of the model.")
    uncaptioned = sorted(f["file"] for f in figures if f["panels"] > 1 and not f["caption"])
    assert uncaptioned == ["images/bf_cell.png", "images/pp_p13.png", "images/psr_t13.png", "images/psr_t28.png",
                           "images/psr_t32.png", "images/skan_junctions.png"]
    assert byf["images/corner_fig1.png"]["caption"] == "A scatterplot matrix generated by corner."
    assert sum(1 for f in figures if f["caption"]) == 10


class TestSet(ArchiveSetContract):
    SET, FIELDS, OLDER, NAMES = SET, FIELDS, OLDER, NAMES
    SUMMARY = (26, 10, 0)
    NEW_ARCHIVES = PACKAGES = PINS = ARCHIVES
    ARCHIVES = ARCHIVES
    ONE_ROW = dict.fromkeys(SIDE_BY_SIDE, 2)
    TOP_BOTTOM = {"images/psr_t28.png": [3, 3], "images/psr_t32.png": [3, 2], "images/skan_junctions.png": [2, 1]}


class TestExtractor(ExtractorRebuildContract):
    SET = SET
