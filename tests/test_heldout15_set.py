"""The frozen held-out figure set benchmarks/pmc/heldout15 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, every name a caption gives a panel is a word of that caption, no image
or package is shared with heldout2-14, the tuning lists or the shared real figures and photos, and extract.py
renders and crops a PDF out of a package built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import json
import re
from pathlib import Path

from PIL import Image

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, OlderNamesContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SourcesRecordedContract,
                                  TuningListsContract, load_script, make_deb, square_pages_pdf)

SET = PMC / "heldout15"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
         "heldout11", "heldout12", "heldout13", "heldout14")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
DEBS = {"rheolef-doc_7.2-2_all.deb"}
MEMBER = "./usr/share/doc/rheolef-doc/rheolef.pdf"


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (57, 42, 122)
    assert sorted(f["panels"] for f in compound) == [2] * 25 + [3] * 5 + [4] * 7 + [5] + [6] * 4
    assert all(f["origin"]["deb"] in DEBS and f["origin"]["member"] == MEMBER
               and f["origin"]["mode"] == "pdf-render" and f["origin"]["scale"] == 2.0 for f in figures)
    assert sorted((Path(f["file"]).stem, f["letters"]) for f in figures if f["letters"]) == [
        ("rheolef_fig4_14_p176", ["a", "b"]), ("rheolef_fig4_8_p165", ["a", "b", "c", "d", "e", "f"]),
        ("rheolef_fig4_9_p166", ["a", "b"])]
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [19, 1, 37]
    assert [sum(1 for f in compound if f["rows"] and f["letters"]),
            sum(1 for f in compound if f["rows"] and not f["letters"])] == [2, 17]
    types = {t: sum(1 for f in figures if f["type"] == t) for t in ("chart", "diag", "mixed", "clin")}
    assert types == {"chart": 28, "diag": 22, "mixed": 6, "clin": 1}
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "57 figures: 42 compound (122 panels), 15 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_captions_are_the_manuals_and_name_what_the_annotation_says(figures):
    """Each caption is "Figure N.M: ..." of the figure the file name gives, on the page it gives; every position
    word or letter recorded in `caption_names` is a word of the caption ("(left)", "(a)", "On the right")."""
    for f in figures:
        m = re.fullmatch(r"images/rheolef_fig(\d+)_(\d+)_p(\d+)\.png", f["file"])
        assert m, f["file"]
        assert f["caption"].startswith(f"Figure {m[1]}.{m[2]}: "), f["file"]
        assert f["origin"]["page"] + 1 == int(m[3]), f["file"]
        for name in filter(None, f["caption_names"]):
            word = rf"\({name}\)" if len(name) == 1 else rf"\b{name}\b"
            assert re.search(word, f["caption"]), (f["file"], name)


def test_compound_boxes_do_not_overlap_much(figures):
    """Boxes of one figure are separate panels: no two share more than a fifth of the smaller one."""
    for f in figures:
        bs = f["boxes"]
        for i in range(len(bs)):
            for j in range(i + 1, len(bs)):
                a, b = bs[i], bs[j]
                w = min(a[2], b[2]) - max(a[0], b[0])
                h = min(a[3], b[3]) - max(a[1], b[1])
                inter = max(0, w) * max(0, h)
                small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
                assert inter <= small / 5, (f["file"], i, j)


def test_crops_lie_on_the_rendered_page_and_match_the_image_size(figures):
    """`origin.crop` is a box of the page rendered at 2 x 72 dpi (a US-letter page: 1224 x 1584 px), as wide and
    tall as the stored image."""
    for f in figures:
        x0, y0, x1, y1 = f["origin"]["crop"]
        assert 0 <= x0 < x1 <= 1224 and 0 <= y0 < y1 <= 1584, f["file"]
        assert (x1 - x0, y1 - y0) == (f["width"], f["height"]), f["file"]


def test_extract_renders_and_crops_the_named_page(tmp_path, monkeypatch):
    """extract.py renders `origin.page` of the PDF inside the package at `origin.scale` and stores `origin.crop`:
    the crop around page 1's square (not page 0's) comes back black inside, white around it, at the crop's size."""
    extract = load_script(SET, "extract")
    make_deb(tmp_path / "rheolef-doc_7.2-2_all.deb", {MEMBER: square_pages_pdf(2), "./usr/share/doc/other.txt": b"x"})
    fig = {"file": "images/rheolef_fig9_9_p2.png", "origin": {"deb": "rheolef-doc_7.2-2_all.deb",
           "member": MEMBER, "page": 1, "scale": 2.0, "crop": [280, 440, 480, 640]}}
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": [fig]})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["rheolef_fig9_9_p2.png"]
    with Image.open(tmp_path / "out" / "rheolef_fig9_9_p2.png") as im:
        assert im.size == (200, 200) and im.mode == "RGB"
        # page 1's square spans x 150-230, y 500-560 pt: pixels 300-460, 464-584 of the page at scale 2
        assert im.getpixel((100, 80)) == (0, 0, 0)
        assert im.getpixel((10, 80)) == (255, 255, 255)  # page 0's square would cover this pixel
        assert im.getpixel((5, 5)) == (255, 255, 255) and im.getpixel((195, 195)) == (255, 255, 255)


class TestSet(FigureSetContract, OlderPackagesContract, SourcesRecordedContract, TuningListsContract,
              OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (57, 42, 3)
    PACKAGES, NAMES, OLDER_PARTS = DEBS, ("rheolef",), ("README.md", "annotations.json")


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING, DEB_MEMBERS = "missing package", ("./usr/share/doc/x/a.pdf", "./usr/share/doc/x/b.pdf")
