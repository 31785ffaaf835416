"""The frozen held-out figure set benchmarks/pmc/heldout16 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, every box lies inside its image, the expected
decisions (`rows`) follow the written rule, every letter a caption gives a panel is a bracketed letter of that
caption, no image or package is shared with heldout2-15, the tuning lists or the shared real figures and photos,
and extract.py renders and crops a PDF, and flattens a shipped PNG, out of packages built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import io
import json
import re
from pathlib import Path

from PIL import Image

from frozen_figure_checks import figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, OlderNamesContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SourcesRecordedContract,
                                  TuningListsContract, load_script, make_deb, square_pages_pdf)

SET = PMC / "heldout16"
OLDER = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
         "heldout11", "heldout12", "heldout13", "heldout14", "heldout15")
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
EYES = "expeyes-doc-en_4.3-3_all.deb"
NS3 = "ns3-doc_3.37-2_all.deb"
DEBS = {EYES, NS3}
MEMBERS = {"eyes": "./usr/share/expeyes/doc/en-eyes.pdf", "eyesj": "./usr/share/expeyes/doc/en-eyesj.pdf",
           "progman": "./usr/share/expeyes/doc/en-eyesj-progman.pdf"}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    compound = [f for f in figures if f["panels"] > 1]
    assert (len(figures), len(compound), sum(f["panels"] for f in compound)) == (97, 80, 174)
    assert sorted(f["panels"] for f in compound) == [2] * 67 + [3] * 12 + [4]
    assert not any(f["letters"] for f in figures)  # no panel letter is printed inside any image
    assert [sum(1 for f in figures if f["rows"] is v) for v in (True, None, False)] == [0, 38, 59]
    assert sum(1 for f in compound if all(f["caption_names"])) == 38
    assert sum(1 for f in compound if any(f["caption_names"]) and not all(f["caption_names"])) == 1
    by_deb = {d: sum(1 for f in figures if f["origin"]["deb"] == d) for d in DEBS}
    assert by_deb == {EYES: 89, NS3: 8}
    types = {t: sum(1 for f in figures if f["type"] == t) for t in ("chart", "diag", "mixed", "clin")}
    assert types == {"chart": 40, "diag": 7, "mixed": 47, "clin": 3}
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "97 figures: 80 compound (174 panels), 17 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_captions_are_the_manuals_and_name_what_the_annotation_says(figures):
    """An ExpEYES figure's caption is "Figure N.M: ..." of the figure its file name gives, on the page it gives
    (the three uncaptioned photographs / screenshots have none); an ns-3 figure's caption is its HTML caption;
    every letter in `caption_names` is a bracketed "(x)" of the caption, named in the caption's order."""
    for f in figures:
        o = f["origin"]
        if o["deb"] == NS3:
            assert o["mode"] == "file" and o["page"] is None and o["crop"] is None, f["file"]
            assert f["caption"] and f["panels"] == 1 and not f["caption"].startswith("Figure"), f["file"]
            continue
        m = re.fullmatch(r"images/expeyes_(eyes|eyesj|progman)_(?:fig(\d+)_(\d+)|photo)_p(\d+)\.png", f["file"])
        assert m, f["file"]
        assert o["member"] == MEMBERS[m[1]] and o["mode"] == "pdf-render" and o["scale"] == 2.0, f["file"]
        assert o["page"] + 1 == int(m[4]), f["file"]
        if m[2]:
            assert f["caption"].startswith(f"Figure {m[2]}.{m[3]}: "), f["file"]
        else:
            assert f["caption"] == "" and f["panels"] == 1, f["file"]
        named = [n for n in f["caption_names"] if n]
        for name in named:
            assert f"({name})" in f["caption"], (f["file"], name)
        assert [n for n in re.findall(r"\(([a-z])\)", f["caption"]) if n in named][:len(named)] == named, f["file"]


def test_ns3_members_are_the_named_pngs(figures):
    for f in figures:
        if f["origin"]["deb"] == NS3:
            member = f["origin"]["member"]
            assert member.startswith("./usr/share/doc/ns3/models/html/_images/") and member.endswith(".png")
            assert Path(f["file"]).name == "ns3_" + Path(member).name.replace("-", "_"), f["file"]


def test_compound_boxes_are_separate_and_left_to_right(figures):
    """Boxes of one figure are separate panels (no two share more than a fifth of the smaller one); every compound
    figure here is one row, so reading order is left to right."""
    for f in figures:
        bs = f["boxes"]
        assert [b[0] for b in bs] == sorted(b[0] for b in bs), f["file"]
        for i in range(len(bs)):
            for j in range(i + 1, len(bs)):
                a, b = bs[i], bs[j]
                w = min(a[2], b[2]) - max(a[0], b[0])
                h = min(a[3], b[3]) - max(a[1], b[1])
                inter = max(0, w) * max(0, h)
                small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
                assert inter <= small / 5, (f["file"], i, j)


def test_crops_lie_on_the_rendered_page_and_match_the_image_size(figures):
    """`origin.crop` is a box of the page rendered at 2 x 72 dpi (an A4 page of 595 x 822 pt: 1190 x 1644 px), as
    wide and tall as the stored image."""
    for f in figures:
        if f["origin"]["mode"] != "pdf-render":
            continue
        x0, y0, x1, y1 = f["origin"]["crop"]
        assert 0 <= x0 < x1 <= 1190 and 0 <= y0 < y1 <= 1644, f["file"]
        assert (x1 - x0, y1 - y0) == (f["width"], f["height"]), f["file"]


def test_extract_renders_and_crops_the_named_page(tmp_path, monkeypatch):
    """extract.py renders `origin.page` of the PDF inside the package at `origin.scale` and stores `origin.crop`:
    the crop around page 1's square (not page 0's) comes back black inside, white around it, at the crop's size."""
    extract = load_script(SET, "extract")
    make_deb(tmp_path / EYES, {MEMBERS["eyes"]: square_pages_pdf(2), "./usr/share/doc/other.txt": b"x"})
    fig = {"file": "images/expeyes_eyes_fig9_9_p2.png", "origin": {"deb": EYES, "mode": "pdf-render",
           "member": MEMBERS["eyes"], "page": 1, "scale": 2.0, "crop": [280, 440, 480, 640]}}
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": [fig]})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["expeyes_eyes_fig9_9_p2.png"]
    with Image.open(tmp_path / "out" / "expeyes_eyes_fig9_9_p2.png") as im:
        assert im.size == (200, 200) and im.mode == "RGB"
        # page 1's square spans x 150-230, y 500-560 pt: pixels 300-460, 464-584 of the page at scale 2
        assert im.getpixel((100, 80)) == (0, 0, 0)
        assert im.getpixel((10, 80)) == (255, 255, 255)  # page 0's square would cover this pixel
        assert im.getpixel((5, 5)) == (255, 255, 255) and im.getpixel((195, 195)) == (255, 255, 255)


def test_extract_file_mode_lays_a_transparent_png_over_white(tmp_path, monkeypatch):
    """A shipped palette PNG with a transparent colour comes back as an RGB PNG: transparent pixels white, the
    others their own colour; a stored ns-3 image, flattened again, comes back byte for byte."""
    extract = load_script(SET, "extract")
    im = Image.new("P", (4, 2), 0)
    im.putpalette([0, 0, 0, 200, 30, 30] + [0] * 762)
    im.putpixel((1, 0), 1)
    buf = io.BytesIO()
    im.save(buf, "PNG", transparency=0)
    member = "./usr/share/doc/ns3/models/html/_images/t.png"
    make_deb(tmp_path / NS3, {member: buf.getvalue()})
    fig = {"file": "images/ns3_t.png", "origin": {"deb": NS3, "mode": "file", "member": member}}
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": [fig]})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    with Image.open(tmp_path / "out" / "ns3_t.png") as out:
        assert out.mode == "RGB" and out.size == (4, 2)
        assert out.getpixel((1, 0)) == (200, 30, 30) and out.getpixel((0, 0)) == (255, 255, 255)
    stored = (SET / "images" / "ns3_lena_dual_stripe.png").read_bytes()
    assert extract.flat_png(stored) == stored


class TestSet(FigureSetContract, OlderPackagesContract, SourcesRecordedContract, TuningListsContract,
              OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, DEBS = SET, FIELDS, OLDER, DEBS
    SUMMARY = (97, 80, 0)
    PACKAGES, NAMES, OLDER_NAMES = DEBS, ("expeyes", "ns3"), ("expeyes", "ns3-doc")
    OLDER_PARTS = ("README.md", "annotations.json")


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    MISSING, DEB_MEMBERS = "missing package", ("./usr/share/doc/x/a.pdf", "./usr/share/doc/x/b.pdf")
    UNKNOWN_MODE = {"mode": "svg", "member": "x.svg"}
