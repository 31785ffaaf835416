"""The frozen held-out figure set benchmarks/pmc/heldout17 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, every printed letter is a sub-caption marker "(x)" of its figure's
caption and the caption names the letters in reading order, no image or package is shared with heldout2-16, the
tuning lists or the shared real figures and photos, and extract.py renders and crops the named page of a gzipped
or plain PDF out of packages built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import json
import re

import pytest
from PIL import Image

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, OlderNamesContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SourcesRecordedContract,
                                  TuningListsContract, load_script, make_deb, square_pages_pdf)
from frozen_figure_checks import type_counts

SET = PMC / "heldout17"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
         "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
INV = "invesalius_3.1.99998-4_all.deb"
ESC = "python-escript-doc_5.6-4_all.deb"
DEBS = {INV, ESC}
NAMES = ("invesalius", "python-escript", "esys-escript", "esys.escript", "escript_")  # not "escript": "descriptor"
MEMBERS = {"invesalius": "./usr/share/doc/invesalius/user_guide_en.pdf",
           "escript_cookbook": "./usr/share/doc/python-escript-doc/cookbook.pdf.gz",
           "escript_inversion": "./usr/share/doc/python-escript-doc/inversion.pdf.gz",
           "escript_user": "./usr/share/doc/python-escript-doc/user.pdf.gz"}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (52, 28, 99)
    assert sorted(f["panels"] for f in compound) == [2] * 9 + [3] * 7 + [4] * 4 + [5] * 5 + [6] * 2 + [7]
    assert sum(1 for f in figures if f["letters"]) == 23
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [23, 0, 29]
    assert sum(1 for f in compound if all(f["caption_names"])) == 23
    assert sum(1 for f in compound if not any(f["caption_names"])) == 5
    by_member = {k: sum(1 for f in figures if f["origin"]["member"] == m) for k, m in MEMBERS.items()}
    assert by_member == {"invesalius": 26, "escript_cookbook": 15, "escript_inversion": 6, "escript_user": 5}
    types = type_counts(figures)
    assert types == {"chart": 19, "diag": 11, "mixed": 0, "clin": 22, "micro": 0}
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "52 figures: 28 compound (99 panels), 24 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_captions_are_the_manuals_and_letters_are_their_sub_captions(figures):
    """A figure's caption starts with "Figure N.M: " (the user's guide: "FIGURE N.M: ") of the figure its file
    name gives; a lettered figure's printed letters run a, b, c... in reading order, each is named by the caption
    as the sub-caption "(x) ..." appended after the caption line, in that order, and its note quotes the caption
    line that precedes them; an unlettered figure's caption names no panel."""
    for f in figures:
        o = f["origin"]
        m = re.fullmatch(r"images/(invesalius|escript_cookbook|escript_inversion|escript_user)_fig(\d+)_(\d+)_p(\d+)"
                         r"\.png", f["file"])
        assert m, f["file"]
        assert o["member"] == MEMBERS[m[1]] and o["mode"] == "pdf-render" and o["scale"] in (1.75, 2.0), f["file"]
        assert o["deb"] == (INV if m[1] == "invesalius" else ESC), f["file"]
        assert o["page"] + 1 == int(m[4]), f["file"]
        word = "FIGURE" if m[1] == "escript_user" else "Figure"
        assert f["caption"].startswith(f"{word} {m[2]}.{m[3]}: "), f["file"]
        if not f["letters"]:
            assert f["caption_names"] == [None] * f["panels"] and not f["rows"], f["file"]
            assert not re.search(r"\([a-g]\) ", f["caption"]), f["file"]
            continue
        letters = f["letters"]
        assert letters == [chr(ord("a") + i) for i in range(f["panels"])], f["file"]
        assert f["caption_names"] == letters and f["rows"] is True, f["file"]
        assert re.findall(r"\(([a-g])\) ", f["caption"]) == letters, f["file"]
        line = f["caption"][:f["caption"].index("(a) ")].rstrip()
        assert f["note"].startswith(f'main caption: "{line}"'), f["file"]


def test_compound_boxes_are_separate_and_in_reading_order(figures):
    """Boxes of one figure are separate panels (no two overlap by more than a fifth of the smaller one) and come
    in reading order: by rows top to bottom (a box starting below the middle of an earlier box is on a later row),
    left to right within a row."""
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
                same_row = b[1] < (a[1] + a[3]) / 2
                assert (same_row and b[0] > a[0]) or (not same_row and b[1] >= (a[1] + a[3]) / 2), (f["file"], i, j)


def test_crops_lie_on_the_rendered_page_and_match_the_image_size(figures):
    """`origin.crop` is a box of the A4 page (595 x 842 pt) rendered at `origin.scale`, as wide and tall as the
    stored image; the figures too tall at scale 2 were rendered at 1.75 to stay within 1200 px."""
    for f in figures:
        s = f["origin"]["scale"]
        x0, y0, x1, y1 = f["origin"]["crop"]
        assert 0 <= x0 < x1 <= round(595.28 * s) and 0 <= y0 < y1 <= round(841.89 * s), f["file"]
        assert (x1 - x0, y1 - y0) == (f["width"], f["height"]), f["file"]
        assert (s == 1.75) == (max(f["width"], f["height"]) * 2 / s > 1200), f["file"]


@pytest.mark.parametrize("member", [MEMBERS["invesalius"], MEMBERS["escript_cookbook"]])
def test_extract_renders_and_crops_the_named_page(tmp_path, monkeypatch, member):
    """extract.py renders `origin.page` of the PDF inside the package (gunzipped first when the member is `.gz`)
    at `origin.scale` and stores `origin.crop`: the crop around page 1's square (not page 0's) comes back black
    inside, white around it, at the crop's size."""
    import gzip

    extract = load_script(SET, "extract")
    pdf = square_pages_pdf(2, (595, 842))
    make_deb(tmp_path / INV, {member: gzip.compress(pdf) if member.endswith(".gz") else pdf,
                              "./usr/share/doc/other.txt": b"x"})
    fig = {"file": "images/invesalius_fig9_9_p2.png", "origin": {"deb": INV, "mode": "pdf-render",
           "member": member, "page": 1, "scale": 2.0, "crop": [280, 540, 480, 740]}}
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": [fig]})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["invesalius_fig9_9_p2.png"]
    with Image.open(tmp_path / "out" / "invesalius_fig9_9_p2.png") as im:
        assert im.size == (200, 200) and im.mode == "RGB"
        # page 1's square spans x 150-230, y 500-560 pt: pixels 300-460 and (842-560)*2-(842-500)*2 = 564-684
        assert im.getpixel((100, 80)) == (0, 0, 0)
        assert im.getpixel((10, 80)) == (255, 255, 255)  # page 0's square would cover this pixel
        assert im.getpixel((5, 5)) == (255, 255, 255) and im.getpixel((195, 195)) == (255, 255, 255)


def test_extract_renders_at_the_recorded_scale(tmp_path, monkeypatch):
    """`origin.scale` 1.75 (the figures too tall at 2 x 72 dpi) renders the page at 1.75 x 72 dpi: a whole-page
    crop is 1041 x 1473 px and the square lands where 1.75 x its points put it."""
    extract = load_script(SET, "extract")
    make_deb(tmp_path / ESC, {MEMBERS["escript_user"]: __import__("gzip").compress(square_pages_pdf(1, (595, 842)))})
    fig = {"file": "images/escript_user_fig1_1_p1.png", "origin": {"deb": ESC, "mode": "pdf-render",
           "member": MEMBERS["escript_user"], "page": 0, "scale": 1.75, "crop": [0, 0, 1041, 1473]}}
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": [fig]})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    with Image.open(tmp_path / "out" / "escript_user_fig1_1_p1.png") as im:
        assert im.size == (1041, 1473)
        # page 0's square: x 100-180, y 500-560 pt -> pixels x 175-315, y (842-560)*1.75 = 493.5 .. 598.5
        assert im.getpixel((245, 545)) == (0, 0, 0) and im.getpixel((245, 470)) == (255, 255, 255)


class TestSet(FigureSetContract, OlderPackagesContract, SourcesRecordedContract, TuningListsContract,
              OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (52, 28, 23)
    PACKAGES, NAMES, OLDER_PARTS = DEBS, NAMES, ("README.md", "annotations.json")


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING, DEB_MEMBERS = "missing package", ("./usr/share/doc/x/a.pdf", "./usr/share/doc/x/b.pdf")
    UNKNOWN_MODE = {"mode": "file", "member": "x.png"}
