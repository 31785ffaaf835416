"""The frozen held-out figure set benchmarks/pmc/heldout28 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures shipped in
eight PyPI sdists and one Debian documentation package: 10 compound, 16 single; none with printed panel letters, one
whose caption names every panel by place), the caption names and expected decisions are the written rule's, no image
or source is shared with heldout2-27, the tuning lists or the shared real figures and photos, and extract.py rebuilds
images from archives, Debian packages and PDFs built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import REALDATA, SHARED_SKIP
from frozen_figure_checks import ExtractorContract, load_set_summary
from frozen_figure_checks import box_problems, file_problems, name_problems, rows_rule_problems

ROOT = Path(__file__).resolve().parent.parent / "benchmarks" / "pmc"
SET = ROOT / "heldout28"
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
UNNAMED_CAPTIONED = ("images/sas_cylinder.png", "images/sas_cse.png", "images/sas_superball.png")


@pytest.fixture(scope="module")
def data():
    return json.loads((SET / "annotations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures(data):
    return data["figures"]


def _by_file(figures):
    return {f["file"]: f for f in figures}


def test_load_set_reads_every_figure():
    assert load_set_summary(SET) == (26, 10, 0, [])


def test_counts_match_readme(figures):
    assert len(figures) == 26 and sum(f["panels"] > 1 for f in figures) == 10
    by_src = {s: (sum(1 for f in figures if f["origin"]["sdist"] == s and f["panels"] > 1),
                  sum(1 for f in figures if f["origin"]["sdist"] == s and f["panels"] == 1)) for s in sorted(COUNTS)}
    assert by_src == COUNTS
    types = {t: sum(1 for f in figures if f["type"] == t) for t in ("chart", "diag", "mixed", "clin", "micro")}
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
    byf = _by_file(figures)
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


def test_layouts_and_reading_order(figures):
    byf = _by_file(figures)
    for name in ("images/exo_fig1.png", "images/sas_cylinder.png", "images/sas_cse.png", "images/bf_cell.png",
                 "images/pp_p13.png"):
        a, b = byf[name]["boxes"]  # side by side
        assert a[2] <= b[0] and max(a[1], b[1]) < min(a[3], b[3]), name
    for name in ("images/sas_superball.png", "images/psr_t13.png"):  # one row
        boxes = byf[name]["boxes"]
        assert all(a[2] <= b[0] for a, b in zip(boxes, boxes[1:])), name
    for name, per_row in (("images/psr_t28.png", [3, 3]), ("images/psr_t32.png", [3, 2]),
                          ("images/skan_junctions.png", [2, 1])):
        boxes = byf[name]["boxes"]
        top = [b for b in boxes if b[3] <= boxes[-1][1]]
        assert [len(top), len(boxes) - len(top)] == per_row, name
    for f in figures:  # reading order: each box right of the one before, or in a row below it
        for a, b in zip(f["boxes"], f["boxes"][1:]):
            assert b[0] >= a[2] or b[1] >= a[3] - 10, f["file"]


def test_single_figures_are_whole_and_kept_whole(figures):
    for f in figures:
        if f["panels"] == 1:
            assert f["boxes"] == [[0, 0, f["width"], f["height"]]] and f["letters"] == [], f["file"]
            assert f["caption_names"] == [None] and f["rows"] is False, f["file"]
            assert f["note"].startswith("single: "), f["file"]


def test_every_file_present_unchanged_and_listed_once(figures):
    assert file_problems(SET, figures) == []


def test_fields_boxes_and_letters(figures):
    assert box_problems(SET, figures, FIELDS) == []
    assert name_problems(figures) == []


def test_boxes_do_not_overlap(figures):
    for f in figures:
        bs = f["boxes"]
        for i, a in enumerate(bs):
            for b in bs[i + 1:]:
                assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), f["file"]


def test_rows_follow_the_written_rule(figures):
    assert rows_rule_problems(figures) == []


def test_nothing_shared_with_older_sets(figures):
    old_hashes, old_sources = set(), set()
    for name in OLDER:
        for f in json.loads((ROOT / name / "annotations.json").read_text(encoding="utf-8"))["figures"]:
            old_hashes.add(f["sha256"])
            origin = f.get("origin") or {}
            old_sources |= {origin.get("sdist"), origin.get("deb")}
    assert not {f["sha256"] for f in figures} & old_hashes
    assert not set(ARCHIVES) & old_sources
    assert all(f["origin"]["mode"] == "image" and f["origin"]["format"] == "png" for f in figures)
    assert all(Path(f["file"]).suffix == ".png" for f in figures)
    debs = {f["origin"]["deb"] for f in figures if f["origin"]["deb"]}
    assert debs == {"python-sasmodels-doc_1.0.6-2_all.deb"}


def test_sources_recorded_with_their_hashes(data):
    assert set(data["packages"]) == set(ARCHIVES)
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in data["packages"].values())
    names = {f["origin"]["sdist"]: f["origin"]["pip"] or f["origin"]["apt"] for f in data["figures"]}
    assert names == ARCHIVES


def test_no_image_or_name_in_the_tuning_lists(figures):
    text = (ROOT / "figure_sets.json").read_text(encoding="utf-8").lower()
    assert not any(w in text for w in NAMES)
    for f in figures:
        assert Path(f["file"]).name.lower() not in text, f["file"]


def test_no_older_set_used_these_sources():
    for name in OLDER:
        text = (ROOT / name / "annotations.json").read_text(encoding="utf-8").lower()
        assert not any(w in text for w in NAMES), name


@pytest.mark.skipif(not (REALDATA / "figures").is_dir(), reason=SHARED_SKIP)
def test_no_image_is_a_shared_figure_or_photo(figures):
    ours = {f["sha256"] for f in figures}
    shared = {hashlib.sha256(p.read_bytes()).hexdigest()
              for folder in ("figures", "photos") for p in (REALDATA / folder).rglob("*") if p.is_file()}
    assert not ours & shared


class TestExtractor(ExtractorContract):
    """This set's extractor (the same program sets 29-31 froze with theirs), checked by their shared contract."""
    SET = SET
