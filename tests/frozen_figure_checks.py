"""Integrity checks every frozen real-figure set must pass (heldout3 onwards): one copy, so a rule added to what a
well-formed set is reaches every set. Each check returns the problems it found; a test asserts `== []`, so a
failure names the files. They read files and annotations only and never run the panel splitter."""
from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from PIL import Image

TYPES = {"clin", "micro", "chart", "mixed", "diag"}
PMC = Path(__file__).resolve().parent.parent / "benchmarks" / "pmc"


def file_problems(set_dir: Path, figures: list[dict], max_total: int = 15_000_000) -> list:
    """Every image on disk is annotated once and unchanged (its sha256), no image twice, the set stays small."""
    on_disk = sorted(p.name for p in (set_dir / "images").iterdir())
    out: list = [] if on_disk == sorted(Path(f["file"]).name for f in figures) else [("listing", on_disk)]
    total = 0
    for f in figures:
        data = (set_dir / f["file"]).read_bytes()
        total += len(data)
        if hashlib.sha256(data).hexdigest() != f["sha256"]:
            out.append((f["file"], "sha256"))
    if total >= max_total:
        out.append(("total bytes", total))
    if len({f["sha256"] for f in figures}) != len(figures):
        out.append("an image is listed twice")
    return out


def box_problems(set_dir: Path, figures: list[dict], fields: set[str]) -> list:
    """Fields, size and type as annotated; one box per panel inside the image (a single panel: the whole image);
    letters none or one per panel."""
    from PIL import Image

    out = []
    for f in figures:
        if set(f) != fields:
            out.append((f["file"], "fields", sorted(set(f) ^ fields)))
            continue
        with Image.open(set_dir / f["file"]) as im:
            size = im.size
        w, h = f["width"], f["height"]
        if size != (w, h) or max(size) > 1200 or f["type"] not in TYPES:
            out.append((f["file"], "size or type"))
        if not len(f["boxes"]) == f["panels"] >= 1 or (f["letters"] and len(f["letters"]) != f["panels"]):
            out.append((f["file"], "boxes or letters per panel"))
        if any(not (0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h) for x0, y0, x1, y1 in f["boxes"]):
            out.append((f["file"], "box outside the image"))
        if f["panels"] == 1 and f["boxes"] != [[0, 0, w, h]]:
            out.append((f["file"], "a single panel's box is not the whole image"))
    return out


def load_script(set_dir: Path, name: str):
    """The set's own `NAME.py` (`extract`, `compose`: each frozen set keeps its copy, so it rebuilds its files
    whatever changes elsewhere)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"{set_dir.name}_{name}", set_dir / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_extract(set_dir: Path):
    """The set's own `extract.py`."""
    return load_script(set_dir, "extract")


POSITIONS = {"left", "right", "top", "bottom", "middle"}


def name_problems(figures: list[dict]) -> list:
    """One caption name per panel, each a lowercase letter, a position word or none; printed letters lowercase,
    one glyph each, none twice (the annotation rule of heldout7 onwards)."""
    out = []
    for f in figures:
        names, letters = f["caption_names"], f["letters"]
        if len(names) != f["panels"] or len(set(letters)) != len(letters):
            out.append((f["file"], "names per panel or a letter twice"))
        if not all(len(a) == 1 and a.islower() for a in letters):
            out.append((f["file"], "letters"))
        if not all(n is None or n in POSITIONS or (len(n) == 1 and n.islower()) for n in names):
            out.append((f["file"], "caption names"))
    return out


def rows_rule_problems(figures: list[dict]) -> list:
    """The expected decision `rows` follows the written rule. true: compound, captioned, every panel named by its
    printed letter or (unlettered) by position; null: the caption names letters the image does not print; false:
    everything else. A true lettered figure names each box by its own letter."""
    out = []
    for f in figures:
        names = f["caption_names"]
        if f["panels"] == 1 or not f["caption"] or not all(names):
            expected = False
        elif f["letters"]:
            expected = sorted(names) == sorted(f["letters"])
        else:
            expected = True if all(x in POSITIONS for x in names) else None
        if f["rows"] is not expected or (f["rows"] and f["letters"] and names != f["letters"]):
            out.append((f["file"], "rows", f["rows"], expected))
    return out


def shared_with_older(pmc_dir: Path, older: tuple[str, ...], figures: list[dict], debs: set[str]) -> list:
    """No image of this set is in an older set, its real figures come from exactly `debs`, and no older set used
    those packages."""
    import json

    old = []
    for name in older:
        old += json.loads((pmc_dir / name / "annotations.json").read_text(encoding="utf-8"))["figures"]
    out = []
    if {f["sha256"] for f in figures} & {f["sha256"] for f in old}:
        out.append("an image is in an older set")
    if {f["origin"]["deb"] for f in figures if f["origin"].get("deb")} != debs:
        out.append("packages differ from the README's")
    if debs & ({f["origin"].get("deb") for f in old} - {None}):
        out.append("a package an older set used")
    return out


def make_deb(path: Path, files: dict[str, bytes]) -> Path:
    """A minimal Debian package (ar archive: debian-binary, control.tar.xz, data.tar.xz holding `files`)."""
    import io
    import lzma
    import tarfile

    tar_buf = io.BytesIO()
    with tarfile.open(fileobj=tar_buf, mode="w") as tar:
        for name, body in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    members = [("debian-binary", b"2.0\n"), ("control.tar.xz", lzma.compress(b"")),
               ("data.tar.xz", lzma.compress(tar_buf.getvalue()))]
    ar = b"!<arch>\n"
    for name, body in members:
        ar += f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(body):<10}`\n".encode() + body
        ar += b"\n" if len(body) % 2 else b""
    path.write_bytes(ar)
    return path


def encode_problems(extract) -> list:
    """`extract.downscale` caps the long side at 1200 px; `encode` writes flat images as PNG, noisy ones as JPEG."""
    import random

    from PIL import Image

    out = []
    big = Image.frombytes("RGB", (1600, 400), random.Random(0).randbytes(1600 * 400 * 3))
    small = extract.downscale(big)
    if small.size != (1200, 300):
        out.append(("downscale", small.size))
    name, data = extract.encode(Image.new("RGB", (40, 30), "white"), "plain")
    if name != "plain.png" or data[:8] != b"\x89PNG\r\n\x1a\n":
        out.append(("flat image", name))
    name, data = extract.encode(small, "noisy")
    if name != "noisy.jpg" or data[:2] != b"\xff\xd8":
        out.append(("noisy image", name))
    return out


COMPOSED_KEYS = ("panels", "letters", "boxes", "caption", "caption_names", "rows", "width", "height", "note")


def compose_problems(set_dir: Path, figures: list[dict], compose, photos: Path, out: Path) -> list:
    """What differs when a set's `compose.py` remakes its composed figures from the shared photographs: the file
    list, any image's bytes, any annotation key of COMPOSED_KEYS, any figure's photographs."""
    if compose.main([str(photos), str(out / "img"), str(out / "ann.json")]) != 0:
        return ["compose.py exited non-zero"]
    made = json.loads((out / "ann.json").read_text(encoding="utf-8"))
    stored = {f["file"]: f for f in figures if f["origin"].get("composed")}
    if sorted(e["file"] for e in made) != sorted(stored):
        return ["the composed file list differs"]
    bad = []
    for e in made:
        f = stored[e["file"]]
        if (out / "img" / Path(e["file"]).name).read_bytes() != (set_dir / e["file"]).read_bytes():
            bad.append((e["file"], "bytes"))
        bad += [(e["file"], key) for key in COMPOSED_KEYS if e[key] != f[key]]
        if e["photos"] != f["origin"]["photos"]:
            bad.append((e["file"], "photos"))
    return bad


def small_and_large_extract_problems(set_dir: Path, figures: list[dict], extract, tmp: Path) -> list:
    """`extract.py` on a .deb built here from three stored images and one 2400 x 600 picture: the small ones must
    come back byte for byte, the large one as a 1200-px-wide PNG."""
    real = [f for f in figures if f["origin"].get("deb")]
    small = [f for f in real if not f["origin"]["scaled_to_1200"]][:3]
    files = {f["origin"]["member"]: (set_dir / f["file"]).read_bytes() for f in small}
    buf = io.BytesIO()
    Image.new("RGB", (2400, 600), (200, 30, 30)).save(buf, "PNG")
    files["./usr/share/doc/x/big.png"] = buf.getvalue()
    deb = make_deb(tmp / "p.deb", files)
    bad = [f["file"] for f in small
           if extract.image_bytes(extract.deb_member(deb, f["origin"]["member"]), f["origin"]["member"])
           != (set_dir / f["file"]).read_bytes()]
    out = extract.image_bytes(extract.deb_member(deb, "./usr/share/doc/x/big.png"), "big.png")
    with Image.open(io.BytesIO(out)) as im:
        if im.size != (1200, 300) or im.format != "PNG":
            bad.append(f"big.png came back {im.size} {im.format}")
    return bad


def load_set_summary(set_dir: Path) -> tuple[int, int, int, list]:
    """What the benchmark's own loader (`bench_figures.load_set`) reads from a set: figures, compound figures,
    lettered figures, and the problems (a missing image, a lettered figure whose boxes are not keyed by its letters).
    Read through the loader, not the JSON, so a set that the benchmark cannot read fails its own test."""
    from benchmarks.pmc.bench_figures import load_set

    entries = load_set(set_dir / "annotations.json")
    lettered = [e for e in entries if e["letters"]]
    problems = [f"missing image {e['path']}" for e in entries if not e["path"].is_file()]
    problems += [f"boxes not keyed by letters: {e['path'].name}" for e in lettered
                 if sorted(e["boxes"]) != sorted(e["letters"])]
    return len(entries), sum(1 for e in entries if e["panels"] > 1), len(lettered), problems


# Small fixtures the figure sets' extractor tests build their inputs from (a PDF of images, an sdist, a PNG, a
# two-colour page), one copy for every set's test module.
def pdf_of(pages) -> bytes:
    """A PDF of the given RGB images, one per page (Pillow's PDF writer, 72 dpi: one pixel per point)."""
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=72.0, save_all=True, append_images=pages[1:])
    return buf.getvalue()


def sdist_of(path: Path, files: dict) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, body in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return path


def png_of(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def split_page() -> Image.Image:
    """A 200 x 100 page whose left half is red and right half blue."""
    im = Image.new("RGB", (200, 100), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 100, 100))
    return im


def two_page_pdf() -> bytes:
    """A two-page PDF made with Pillow: page 2 (index 1) is a white page with a red block at 20-60 x 10-30 pt. Its
    dates are fixed: Pillow writes the time to the second, so two copies made a second apart differed and a test
    comparing an extracted copy with a new one failed on a loaded machine."""
    import time

    pages = [Image.new("RGB", (100, 80), "white"), Image.new("RGB", (100, 80), "white")]
    pages[1].paste((220, 20, 20), (20, 10, 60, 30))
    buf = io.BytesIO()
    when = time.strptime("2026-01-01", "%Y-%m-%d")
    pages[0].save(buf, "PDF", resolution=72, save_all=True, append_images=pages[1:], creationDate=when, modDate=when)
    return buf.getvalue()


def red_blue_pdf() -> bytes:
    """A one-page PDF (100 x 50 pt) holding an image whose left half is red and right half blue."""
    im = Image.new("RGB", (100, 50), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 50, 50))
    buf = io.BytesIO()
    im.save(buf, "PDF", resolution=72)
    return buf.getvalue()


def sdist_page_renderings(extract, tmp_path: Path, monkeypatch) -> tuple:
    """`extract.main` on an sdist built here: page 2 of one PDF rendered at scale 2 and cut to its blue half, a wide
    one-page PDF capped at 1200 px. Returns (format, mode, size, centre pixel) of each output (blue, wide)."""
    pdf = pdf_of([Image.new("RGB", (200, 100), (0, 200, 0)), split_page()])
    wide = pdf_of([Image.new("RGB", (900, 150), (200, 200, 20))])
    sdist_of(tmp_path / "y-1.tar.gz", {"y-1/tests/p.pdf": pdf, "y-1/tests/wide.pdf": wide})
    base = {"apt": None, "deb": None, "pip": "y==1", "sdist": "y-1.tar.gz", "mode": "pdf-render", "scale": 2.0,
            "max_side": 1200, "format": "png"}
    figs = [{"file": "images/blue.png", "origin": dict(base, member="y-1/tests/p.pdf", page=2,
                                                       crop=[220, 20, 380, 180])},
            {"file": "images/wide.png", "origin": dict(base, member="y-1/tests/wide.pdf", page=1, crop=None)}]
    (tmp_path / "ann.json").write_text(json.dumps({"figures": figs}), encoding="utf-8")
    monkeypatch.setattr(extract, "ANNOTATIONS", tmp_path / "ann.json")
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(q.name for q in (tmp_path / "out").iterdir()) == ["blue.png", "wide.png"]
    out = []
    for name in ("blue.png", "wide.png"):
        with Image.open(tmp_path / "out" / name) as im:
            out.append((im.format, im.mode, im.size, im.getpixel((im.width // 2, im.height // 2))))
    return tuple(out)


def square_pages_pdf(pages: int, size: tuple[int, int] = (612, 792)) -> bytes:
    """A small PDF of `pages` pages of `size` points (US letter unless told), page i holding a black 80 x 60 pt
    square at (100 + 50 i, 500): a rendering of the wrong page shows it elsewhere."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument.new()
    for i in range(pages):
        page = doc.new_page(*size)
        path = raw.FPDFPageObj_CreateNewRect(100 + 50 * i, 500, 80, 60)
        raw.FPDFPageObj_SetFillColor(path, 0, 0, 0, 255)
        raw.FPDFPath_SetDrawMode(path, raw.FPDF_FILLMODE_WINDING, False)
        raw.FPDFPage_InsertObject(page.raw, path)
        raw.FPDFPage_GenerateContent(page.raw)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


class ExtractorContract:
    """The checks of the extractor figure sets 28-33 use: a Debian package or an sdist opened, an image copied or a
    PDF page rendered, cropped and capped. Run once on `benchmarks/pmc/figure_extract.py` (tests/
    test_pmc_figure_extract.py), which sets 28-33's `extract.py` call with their own annotations (a set still held
    out keeps its frozen copy until its run and subclasses this with `SET` its folder). The checks run on archives
    composed here, never the set's; `extractor()` names the module under test."""

    SET: Path

    def extractor(self):
        """The module under test: by default the set's own `extract.py` (its `ANNOTATIONS` and `main(argv)`)."""
        return load_script(self.SET, "extract")

    def test_extract_reads_a_debian_package_and_an_sdist(self, tmp_path, monkeypatch):
        """A palette PNG from a .deb built here comes back as RGB with its colours; a 2400 x 600 greyscale TIFF from an
        sdist comes back 1200 x 300; a 16-bit TIFF is scaled to 8 bits by its range (its darkest pixel black, its
        brightest white)."""
        extract = self.extractor()
        pal = Image.new("P", (30, 20))
        pal.putpalette([255, 255, 255, 10, 120, 200] + [0] * 762)
        pal.paste(1, (0, 0, 15, 20))
        tif, tif16 = io.BytesIO(), io.BytesIO()
        Image.new("L", (2400, 600), 90).save(tif, "TIFF")
        deep = Image.new("I;16", (40, 10), 1000)
        deep.paste(3000, (20, 0, 40, 10))
        deep.save(tif16, "TIFF")
        make_deb(tmp_path / "d_1_all.deb", {"./usr/share/doc/d/html/_images/p.png": png_of(pal)})
        sdist_of(tmp_path / "t-1.tar.gz", {"t-1/data/g.tif": tif.getvalue(), "t-1/data/h.tif": tif16.getvalue()})
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


    def test_extract_refuses_a_deb_that_is_not_one(self, tmp_path):
        extract = self.extractor()
        (tmp_path / "x_1_all.deb").write_bytes(b"PK\x03\x04 a zip, not an ar archive")
        with pytest.raises(ValueError, match="not a Debian package"):
            extract.archive_members(tmp_path / "x_1_all.deb", ["a"])
        deb = make_deb(tmp_path / "y_1_all.deb", {"./usr/share/doc/y/a.png": b"a"})
        with pytest.raises(KeyError, match=r"\./usr/share/doc/y/b\.png"):
            extract.archive_members(deb, ["./usr/share/doc/y/b.png"])


    def test_extract_renders_a_page_crops_and_caps(self, tmp_path, monkeypatch):
        """Page 2 of a PDF in an sdist rendered at scale 2 and cut to its blue half; a wide page capped at 1200 px."""
        blue, wide = sdist_page_renderings(self.extractor(), tmp_path, monkeypatch)
        assert blue[:3] == ("PNG", "RGB", (160, 160)) and all(abs(x - y) <= 8 for x, y in zip(blue[3], (0, 0, 255)))
        assert wide[2] == (1200, 200)


    def test_extract_refuses_a_page_not_in_the_pdf(self):
        extract = self.extractor()
        origin = {"mode": "pdf-render", "page": 3, "scale": 1.0, "crop": None, "max_side": None, "format": "png"}
        with pytest.raises(ValueError, match="page 3 is not in the PDF"):
            extract.image_for(origin, pdf_of([split_page()]))


    def test_extract_names_a_member_missing_from_its_source(self, tmp_path):
        extract = self.extractor()
        sd = sdist_of(tmp_path / "s-1.tar.gz", {"s-1/a.png": b"a"})
        assert extract.archive_members(sd, ["s-1/a.png"]) == {"s-1/a.png": b"a"}
        with pytest.raises(KeyError, match=r"s-1/c\.png"):
            extract.archive_members(sd, ["s-1/a.png", "s-1/c.png"])


    def test_extract_refuses_a_file_that_is_not_a_tar(self, tmp_path):
        extract = self.extractor()
        (tmp_path / "n.tar.gz").write_bytes(b"not a tar archive at all")
        with pytest.raises(ValueError, match="not a tar archive"):
            extract.archive_members(tmp_path / "n.tar.gz", ["a"])


    def test_downscale_keeps_small_images_and_caps_large_ones(self):
        extract = self.extractor()
        assert extract.downscale((1200, 1199)) == (1200, 1199)
        assert extract.downscale((3060, 3485)) == (1054, 1200)
        assert extract.downscale((1024, 1024), 800) == (800, 800)


    def test_extract_refuses_a_folder_without_the_sources(self, tmp_path, capsys):
        extract = self.extractor()
        assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "missing archive" in err
        assert not (tmp_path / "out").exists()


    def test_extract_refuses_an_unknown_mode_or_format(self):
        extract = self.extractor()
        with pytest.raises(ValueError, match="unknown mode"):
            extract.image_for({"mode": "jpeg-copy", "member": "x.png"}, b"")
        with pytest.raises(ValueError, match="unknown format"):
            extract.image_for({"mode": "image", "format": "webp"}, png_of(split_page()))


    def test_extract_renders_a_pdf_page_from_a_debian_package(self, tmp_path, monkeypatch):
        """This set's own path: a vignette PDF inside a .deb built here, page 2 rendered at scale 2 and cut to its red
        half (the crop in pixels of the rendering), page 1 kept whole."""
        extract = self.extractor()
        pdf = pdf_of([Image.new("RGB", (120, 80), (0, 200, 0)), split_page()])
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


# One contract for the frozen sets' own test modules: each module declares its constants on a subclass (`SET`,
# `FIELDS`, `SUMMARY`, ...) and keeps only the checks that are its own (README counts, layouts, captions). The
# files every set reads (the older sets' annotations, the shared figures' hashes) are read once per test run.
def source_counts(figures: list[dict], sources) -> dict:
    """Compound and single figures per source archive (`origin.sdist`), for the archives a set's README lists."""
    return {s: (sum(1 for f in figures if f["origin"]["sdist"] == s and f["panels"] > 1),
                sum(1 for f in figures if f["origin"]["sdist"] == s and f["panels"] == 1)) for s in sorted(sources)}


def type_counts(figures: list[dict]) -> dict:
    """Figures per annotated type, in the order every set's README counts them."""
    return {t: sum(1 for f in figures if f["type"] == t) for t in ("chart", "diag", "mixed", "clin", "micro")}


@functools.lru_cache(maxsize=None)
def set_data(set_dir: Path) -> dict:
    """A set's annotations.json, parsed once (callers only read it)."""
    return json.loads((set_dir / "annotations.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)

def figures_fixture(set_dir: Path):
    """A set module's module-scoped `figures` fixture (its annotations' figures): `figures = figures_fixture(SET)`."""
    @pytest.fixture(scope="module", name="figures")
    def figures_of_the_set() -> list[dict]:
        return set_data(set_dir)["figures"]
    return figures_of_the_set


def by_file(figures: list[dict]) -> dict:
    """The figures keyed by their `file`."""
    return {f["file"]: f for f in figures}

@functools.lru_cache(maxsize=None)
def lower_text(path: Path) -> str:
    """A frozen file's text, lower-cased, read once per test run (a set's check reads each older set's files once
    per word it looks for, and every later set reads them again)."""
    return path.read_text(encoding="utf-8").lower()


@functools.lru_cache(maxsize=None)
def shared_hashes(realdata: Path) -> frozenset:
    """sha256 of every shared real figure and photo."""
    return frozenset(hashlib.sha256(p.read_bytes()).hexdigest()
                     for folder in ("figures", "photos") for p in (realdata / folder).rglob("*") if p.is_file())


def overlap_problems(figures: list[dict]) -> list:
    """Pairs of boxes of one figure that share area (touching edges are fine)."""
    out = []
    for f in figures:
        bs = f["boxes"]
        for i, a in enumerate(bs):
            for b in bs[i + 1:]:
                if not (min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1])):
                    out.append((f["file"], a, b))
    return out


def singles_problems(figures: list[dict]) -> list:
    """A single-panel figure is one whole-image box, no letters or names, rows false, its note starting "single: "."""
    return [f["file"] for f in figures if f["panels"] == 1 and not (
        f["boxes"] == [[0, 0, f["width"], f["height"]]] and f["letters"] == [] and f["caption_names"] == [None]
        and f["rows"] is False and f["note"].startswith("single: "))]


def older_source_problems(older: tuple[str, ...], figures: list[dict], archives, members: bool) -> list:
    """No image of an older set here, no archive of `archives` in an older set's origins (sdist or deb) and, with
    `members`, no document (origin member) an older set used."""
    old = [f for name in older for f in set_data(PMC / name)["figures"]]
    origins = [f.get("origin") or {} for f in old]
    out = []
    if {f["sha256"] for f in figures} & {f["sha256"] for f in old}:
        out.append("an image is in an older set")
    if set(archives) & ({o.get("sdist") for o in origins} | {o.get("deb") for o in origins}):
        out.append("an archive an older set used")
    if members and {f["origin"]["member"] for f in figures} & {o.get("member") for o in origins}:
        out.append("a document an older set used")
    return out


def pin_problems(data: dict, packages, pins) -> list:
    """The archives recorded with sha256 are exactly `packages`; with `pins`, every figure's archive (sdist, else
    deb) maps to its pin (apt, pip or npm) exactly as `pins` says."""
    differ = sorted(set(data["packages"]) ^ set(packages))
    out: list = [("packages", differ)] if differ else []
    if not all(re.fullmatch(r"[0-9a-f]{64}", h) for h in data["packages"].values()):
        out.append("a package hash is not a sha256")
    if pins is not None:
        got = {}
        for f in data["figures"]:
            o = f["origin"]
            if o.get("sdist") or o.get("deb"):
                got[o.get("sdist") or o["deb"]] = o.get("apt") or o.get("pip") or o.get("npm")
        if got != dict(pins):
            out.append(("pins", got))
    return out


def size_problems(set_dir: Path, figures: list[dict]) -> list:
    """Images whose size on disk is not the annotated width x height."""
    out = []
    for f in figures:
        with Image.open(set_dir / f["file"]) as im:
            if im.size != (f["width"], f["height"]):
                out.append((f["file"], im.size))
    return out


class SetFilesContract:
    """Every image of `SET` is on disk unchanged (sha256), listed once, the set under 15 MB; with `CHECK_SIZES`, each
    image's size is the annotated one (sets whose other checks do not open the images)."""

    SET: Path
    CHECK_SIZES = False

    @pytest.fixture(scope="class")
    def data(self):
        return set_data(self.SET)

    @pytest.fixture(scope="class")
    def figures(self, data):
        return data["figures"]

    def test_every_file_present_unchanged_and_listed_once(self, figures):
        assert file_problems(self.SET, figures) == []
        if self.CHECK_SIZES:
            assert size_problems(self.SET, figures) == []


class LoadSetContract:
    """The benchmark's loader reads the set: `SUMMARY` (figures, compound, lettered) and no problem."""

    SET: Path
    SUMMARY: tuple

    def test_load_set_reads_every_figure(self):
        assert load_set_summary(self.SET) == (*self.SUMMARY, [])


class FigureSetContract(SetFilesContract, LoadSetContract):
    """What every frozen figure set from heldout7 on is: the files and the loader's reading above, fields / boxes /
    letters / names well formed (`FIELDS`), the expected decisions following the written rule. A set module
    subclasses it (and the mixins below that apply to it)."""

    FIELDS: set

    def test_fields_boxes_and_letters(self, figures):
        assert box_problems(self.SET, figures, self.FIELDS) == []
        assert name_problems(figures) == []

    def test_rows_follow_the_written_rule(self, figures):
        assert rows_rule_problems(figures) == []


def crop_size_problems(figures: list[dict]) -> list:
    """Figures whose `origin.crop` is not as wide and tall as the stored image."""
    return [f["file"] for f in figures
            if (f["origin"]["crop"][2] - f["origin"]["crop"][0], f["origin"]["crop"][3] - f["origin"]["crop"][1])
            != (f["width"], f["height"])]


class CropSizesContract:
    """Every figure is a crop of a rendered page as large as its image (sets 10, 12, 13)."""

    def test_crop_boxes_give_the_stored_sizes(self, figures):
        assert crop_size_problems(figures) == []


class ComposedCellsContract:
    """Composed boxes are exact cells: no two panels of one composed figure share a pixel (sets 8, 9, 11)."""

    def test_composed_cells_do_not_overlap(self, figures):
        assert overlap_problems([f for f in figures if f["origin"].get("composed")]) == []


def drop_ungated_tests(cls, gates: dict) -> None:
    """A contract check whose attribute (gates: test name -> attribute) is None on `cls` does not apply to that set:
    set it to None there, so pytest does not collect it (no skip, no cost)."""
    for test, attr in gates.items():
        if getattr(cls, attr) is None:
            setattr(cls, test, None)


class ComposeContract:
    """The set's own `compose.py` remakes its composed figures from the shared photographs byte for byte, with the
    annotation (skipped where shared/realdata is not beside the checkout); with REFUSES_NO_PHOTOS, it refuses a
    folder without the photographs' PROVENANCE.tsv in one line and writes nothing."""

    SET: Path
    REFUSES_NO_PHOTOS: bool | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        drop_ungated_tests(cls, {"test_compose_refuses_a_folder_without_photos": "REFUSES_NO_PHOTOS"})

    def test_compose_remakes_the_composed_figures(self, figures, tmp_path):
        from conftest import REALDATA, SHARED_SKIP

        if not (REALDATA / "photos" / "PROVENANCE.tsv").is_file():
            pytest.skip(SHARED_SKIP)
        pytest.importorskip("matplotlib")  # the label fonts are matplotlib's bundled ones
        assert compose_problems(self.SET, figures, load_script(self.SET, "compose"), REALDATA / "photos", tmp_path) == []

    def test_compose_refuses_a_folder_without_photos(self, tmp_path, capsys):
        compose = load_script(self.SET, "compose")
        assert compose.main([str(tmp_path), str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "PROVENANCE.tsv" in err
        assert not (tmp_path / "out").exists()


class NoOverlapContract:
    """No two boxes of a figure share area (sets 19 onwards)."""

    def test_boxes_do_not_overlap(self, figures):
        assert overlap_problems(figures) == []


def rows_of(boxes: list, gap: int = 10) -> list:
    """Boxes grouped into rows: a box starting above the bottom of its row's first box (less `gap` px) joins it."""
    rows: list = []
    for b in boxes:
        if rows and b[1] < rows[-1][0][3] - gap:
            rows[-1].append(b)
        else:
            rows.append([b])
    return rows


def reading_order_problems(figures: list[dict]) -> list:
    """Boxes listed out of reading order: each box must lie right of the one before or in a row below it."""
    return [(f["file"], i + 1) for f in figures for i, (a, b) in enumerate(zip(f["boxes"], f["boxes"][1:]))
            if not (b[0] >= a[2] or b[1] >= a[3] - 10)]


class ReadingOrderContract:
    """Every figure's boxes are listed in reading order (sets 25 onwards)."""

    def test_boxes_in_reading_order(self, figures):
        assert reading_order_problems(figures) == []


def one_row(boxes: list) -> bool:
    """Boxes side by side, left to right: each starts at or right of the end of the one before and shares height
    with it."""
    return all(a[2] <= b[0] and max(a[1], b[1]) < min(a[3], b[3]) for a, b in zip(boxes, boxes[1:]))


def top_and_bottom(boxes: list) -> list:
    """[boxes ending above the last box's top, the others]: the two-row count of sets 28 and 29."""
    top = [b for b in boxes if b[3] <= boxes[-1][1]]
    return [len(top), len(boxes) - len(top)]


def within(boxes: list, cells: list) -> bool:
    """Each box (in order) lies inside its cell (zip: boxes beyond the cells are not checked)."""
    return all(c[0] <= b[0] < b[2] <= c[2] and c[1] <= b[1] < b[3] <= c[3] for b, c in zip(boxes, cells))


def layout_problems(figures: list[dict], layouts: dict, gap: int, top_bottom: dict, one_row_counts: dict,
                    touching: dict, cells: dict, no_gutter, rest: bool) -> list:
    """How a set's figures differ from its written layouts: boxes per row (`rows_of` with `gap`), the two-row count,
    named one-row figures with their box count, exact boxes, boxes inside hand-cut cells, neighbours sharing an edge
    and, with `rest`, every compound figure that none of the others but `no_gutter` names one row left to right (a
    figure of `touching` is left out of it: its exact boxes already say how it lies)."""
    byf = {f["file"]: f for f in figures}
    out = [(n, "rows", [len(r) for r in rows_of(byf[n]["boxes"], gap)]) for n, want in layouts.items()
           if [len(r) for r in rows_of(byf[n]["boxes"], gap)] != want]
    out += [(n, "top and bottom", top_and_bottom(byf[n]["boxes"])) for n, want in top_bottom.items()
            if top_and_bottom(byf[n]["boxes"]) != want]
    out += [(n, "one row of", want) for n, want in one_row_counts.items()
            if len(byf[n]["boxes"]) != want or not one_row(byf[n]["boxes"])]
    out += [(n, "boxes") for n, want in touching.items() if byf[n]["boxes"] != want]
    out += [(n, "cells") for n, want in cells.items() if not within(byf[n]["boxes"], want)]
    out += [(n, "gutter") for n in no_gutter
            if not all(a[2] == b[0] or a[3] == b[1] for a, b in zip(byf[n]["boxes"], byf[n]["boxes"][1:]))]
    if rest:
        named = set(layouts) | set(top_bottom) | set(one_row_counts) | set(touching) | set(cells)
        out += [(f["file"], "not one row") for f in figures
                if f["panels"] > 1 and f["file"] not in named and not one_row(f["boxes"])]
    return out


class LayoutsContract:
    """Each compound figure's boxes are laid out as written (sets 28 onwards). `LAYOUTS`: file -> boxes per row
    (`rows_of`, rows joined within `ROW_GAP` px); `TOP_BOTTOM`: file -> [boxes above the last one's top, the rest];
    `ONE_ROW`: file -> its box count, one row left to right; `TOUCHING`: file -> its exact boxes (panels that touch,
    cut by hand); `CELLS`: file -> the hand-cut cells its boxes lie in, in order; `NO_GUTTER`: files whose
    neighbouring boxes share an edge. With `ONE_ROW_REST`, every compound figure named in none of LAYOUTS, TOP_BOTTOM,
    ONE_ROW, TOUCHING or CELLS is one row left to right. A set's own layout checks stay in its module."""

    LAYOUTS: dict = {}
    ROW_GAP = 10
    TOP_BOTTOM: dict = {}
    ONE_ROW: dict = {}
    TOUCHING: dict = {}
    CELLS: dict = {}
    NO_GUTTER: tuple | set = ()
    ONE_ROW_REST = True

    def test_layouts_and_reading_order(self, figures):
        bad = layout_problems(figures, self.LAYOUTS, self.ROW_GAP, self.TOP_BOTTOM, self.ONE_ROW, self.TOUCHING,
                              self.CELLS, self.NO_GUTTER, self.ONE_ROW_REST)
        assert bad == [], bad  # this module is not assert-rewritten: the message names the figures


def origin_problems(figures: list[dict], archives: dict, rendered, rendered_from_debs: bool, one_page: dict,
                    scale: float, max_side: int | None) -> list:
    """How a set's origins differ from the one shape sets 28 onwards share. Every figure: a PNG file stored as
    `png`, from an archive of `archives` (archive -> pin); an archive named `.deb` is the figure's `deb` with its
    `apt` pin, any other its `pip` pin; mode `image` (no scale, page or crop) or `pdf-render` (at `scale`, a page, a
    crop box of four, or for a file of `one_page` that whole page); with `max_side`, that cap. The rendered files
    are exactly `rendered` (a tuple of files, or how many); with `rendered_from_debs`, a figure is rendered exactly
    when it comes from a Debian package. The Debian packages used are exactly the `.deb` archives."""
    out = []
    for f in figures:
        o, name = f["origin"], f["file"]
        if o["format"] != "png" or not name.endswith(".png"):
            out.append((name, "format"))
        pin = archives.get(o["sdist"])
        deb = o["sdist"].endswith(".deb")
        if pin is None or (o["deb"], o["apt"], o["pip"], o["npm"]) != ((o["sdist"], pin, None, None) if deb
                                                                       else (None, None, pin, None)):
            out.append((name, "archive or pin"))
        if o["mode"] == "image":
            ok = (o["scale"], o["page"], o["crop"]) == (None, None, None)
        elif o["mode"] == "pdf-render":
            ok = o["scale"] == scale and isinstance(o["page"], int) and (
                (o["crop"], o["page"]) == (None, one_page[name]) if name in one_page
                else isinstance(o["crop"], list) and len(o["crop"]) == 4)
        else:
            ok = False
        if not ok or (rendered_from_debs and (o["mode"] == "pdf-render") != deb):
            out.append((name, "mode", o["mode"]))
        if max_side is not None and o["max_side"] != max_side:
            out.append((name, "max_side", o["max_side"]))
    done = sorted(f["file"] for f in figures if f["origin"]["mode"] == "pdf-render")
    if (len(done) != rendered) if isinstance(rendered, int) else (done != sorted(rendered)):
        out.append(("rendered", done))
    if not set(one_page) <= set(done):
        out.append(("one page not rendered", sorted(set(one_page) - set(done))))
    debs = {f["origin"]["deb"] for f in figures} - {None}
    if debs != {a for a in archives if a.endswith(".deb")}:
        out.append(("debs", sorted(debs)))
    return out


class OriginsContract:
    """Every figure's origin has the shape sets 28 onwards share (`origin_problems`): `ARCHIVES` (archive -> pin);
    `RENDERED`: the files rendered from a PDF page (a tuple), or how many (an int); `RENDERED_FROM_DEBS`: a figure is
    rendered exactly when it comes from a Debian package; `ONE_PAGE`: rendered files kept whole, file -> page;
    `SCALE`: the rendering scale; `MAX_SIDE`: every figure's cap, where the set's README states one."""

    ARCHIVES: dict
    RENDERED: tuple | int = ()
    RENDERED_FROM_DEBS = False
    ONE_PAGE: dict = {}
    SCALE = 2.0
    MAX_SIDE: int | None = None

    def test_origins(self, figures):
        bad = origin_problems(figures, self.ARCHIVES, self.RENDERED, self.RENDERED_FROM_DEBS, self.ONE_PAGE,
                              self.SCALE, self.MAX_SIDE)
        assert bad == [], bad


class PerArchiveContract:
    """At most three figures from one archive, `ARCHIVE_COUNT` archives, and no archive member taken twice (sets
    38 onwards: their READMEs' source rule)."""

    ARCHIVE_COUNT: int

    def test_at_most_three_figures_per_archive(self, figures):
        per_src: dict[str, int] = {}
        for f in figures:
            per_src[f["origin"]["sdist"]] = per_src.get(f["origin"]["sdist"], 0) + 1
        assert max(per_src.values()) == 3 and len(per_src) == self.ARCHIVE_COUNT, per_src
        assert len({(f["origin"]["sdist"], f["origin"]["member"]) for f in figures}) == len(figures)


class SinglesWholeContract:
    """Single-panel figures are whole, unnamed and kept whole (sets 19 onwards)."""

    def test_single_figures_are_whole_and_kept_whole(self, figures):
        assert singles_problems(figures) == []


class OlderPackagesContract:
    """`shared_with_older`: no image of an older set, the real figures come from exactly `DEBS`, which no older set
    used. `OLDER`: the older sets' folder names."""

    OLDER: tuple
    DEBS: set

    def test_nothing_shared_with_older_sets(self, figures):
        assert shared_with_older(PMC, self.OLDER, figures, self.DEBS) == []


class OlderSourcesContract:
    """No image, archive (`NEW_ARCHIVES`) or, with `NEW_MEMBERS`, document of an older set (sets 25 onwards)."""

    OLDER: tuple
    NEW_ARCHIVES: tuple | set | dict = ()
    NEW_MEMBERS = False

    def test_nothing_shared_with_older_sets_by_source(self, figures):
        assert older_source_problems(self.OLDER, figures, self.NEW_ARCHIVES, self.NEW_MEMBERS) == []


class SourcesRecordedContract:
    """The archives are recorded with their sha256 (`PACKAGES`), each figure's archive with its pin (`PINS`, None: not
    checked) and, with `LICENCE` (a pattern), every figure's own licence, none left "not checked"."""

    PACKAGES: set
    PINS: dict | None = None
    LICENCE: str | None = None

    def test_sources_recorded_with_their_hashes(self, data):
        assert pin_problems(data, self.PACKAGES, self.PINS) == []
        if self.LICENCE:
            assert [f["file"] for f in data["figures"] if not re.search(self.LICENCE, f["licence"])
                    or "not checked" in f["licence"]] == []


class TuningListsContract:
    """The tuning lists (figure_sets.json) name no word of `NAMES` and no image file of the set; with
    `TUNING_MEMBERS`, no file name of a member a real (deb) figure was cut from."""

    NAMES: tuple
    TUNING_MEMBERS = False

    def test_no_image_or_name_in_the_tuning_lists(self, figures):
        text = lower_text(PMC / "figure_sets.json")
        assert [w for w in self.NAMES if w in text] == []
        assert [f["file"] for f in figures if Path(f["file"]).name.lower() in text] == []
        if self.TUNING_MEMBERS:
            assert [f["file"] for f in figures if f["origin"].get("deb")
                    and Path(f["origin"]["member"]).name.lower() in text] == []


class OlderNamesContract:
    """No older set's `OLDER_PARTS` (its annotations; some sets also its README) name a word of `OLDER_NAMES`
    (default `NAMES`)."""

    OLDER: tuple
    NAMES: tuple
    OLDER_NAMES: tuple | None = None
    OLDER_PARTS = ("annotations.json",)

    def test_no_older_set_used_these_sources(self):
        words = self.NAMES if self.OLDER_NAMES is None else self.OLDER_NAMES
        assert [(name, part, w) for name in self.OLDER for part in self.OLDER_PARTS
                for w in words if w in lower_text(PMC / name / part)] == []


class SharedPhotosContract:
    """No image is one of the shared real figures or photos (skipped where shared/realdata is not beside the
    checkout)."""

    def test_no_image_is_a_shared_figure_or_photo(self, figures):
        from conftest import REALDATA, SHARED_SKIP

        if not (REALDATA / "figures").is_dir():
            pytest.skip(SHARED_SKIP)
        assert not {f["sha256"] for f in figures} & shared_hashes(REALDATA)


class ArchiveSetContract(FigureSetContract, NoOverlapContract, ReadingOrderContract, SinglesWholeContract,
                         OlderSourcesContract, SourcesRecordedContract, TuningListsContract, OlderNamesContract,
                         SharedPhotosContract, LayoutsContract, OriginsContract):
    """Every check a figure set cut from package archives (sets 28 onwards) runs, each reading the class constants
    its contract names: the set's module declares them on one subclass and keeps only its own checks."""


class ExtractorRebuildContract:
    """What a set whose `extract.py` is a thin wrapper keeps checking (the extractor itself is checked once, by
    ExtractorContract on figure_extract): its `main` hands its arguments and its own annotations to
    `figure_extract.main`, so the set's rebuild still works."""

    SET: Path

    def test_extract_calls_the_shared_extractor_with_its_own_annotations(self, monkeypatch):
        from benchmarks.pmc import figure_extract

        extract = load_script(self.SET, "extract")
        calls = []
        monkeypatch.setattr(figure_extract, "main", lambda argv, annotations: calls.append((argv, annotations)) or 7)
        assert extract.main(["SRC", "OUT"]) == 7
        assert calls == [(["SRC", "OUT"], self.SET / "annotations.json")]
        assert (self.SET / "annotations.json").is_file()


class OwnExtractorContract:
    """The checks sets 10-27 repeat on their own frozen `extract.py` (each keeps its copy, so each is still checked),
    parametrised by what differs between the copies. A check whose attribute is None does not apply to the set and is
    not collected.

    MISSING: the words of the one-line error for a folder without the archives. DOWNSCALE: (arguments, result) pairs
    of `downscale`. UNKNOWN_MODE: an origin whose mode the copy refuses. DEB_MEMBERS: (present, absent) member paths
    for `deb_members` (or, with ONE_MEMBER, `deb_member`) on a .deb built here, named DEB_NAME. SDIST_MEMBERS:
    (present, absent) for `sdist_members` on an sdist `s-1.tar.gz`. NOT_A_DEB: a member asked of a zip named .deb
    (`deb_member`). NOT_A_TAR / PAGE_NOT_IN_PDF: True where the copy reads sdists / renders PDF pages. GZIPPED_PDFS,
    DEB_PAGE, SDIST_PAGE: True where the copy renders plain and gzipped PDFs of a package (`render_crop`), a page of
    a PDF in a .deb (page 0-based), a page of a PDF in an sdist (page 1-based, capped)."""

    SET: Path
    MISSING: str | None = None
    DOWNSCALE: tuple | None = None
    UNKNOWN_MODE: dict | None = None
    DEB_MEMBERS: tuple | None = None
    ONE_MEMBER = False
    DEB_NAME = "p.deb"
    SDIST_MEMBERS: tuple | None = None
    NOT_A_DEB: str | None = None
    NOT_A_TAR: bool | None = None
    PAGE_NOT_IN_PDF: bool | None = None
    GZIPPED_PDFS: bool | None = None
    DEB_PAGE: bool | None = None
    SDIST_PAGE: bool | None = None
    GATES = {"test_extract_refuses_a_folder_without_its_archives": "MISSING",
             "test_downscale_keeps_small_images_and_caps_large_ones": "DOWNSCALE",
             "test_extract_refuses_an_unknown_mode": "UNKNOWN_MODE",
             "test_extract_names_a_member_missing_from_its_package": "DEB_MEMBERS",
             "test_extract_names_a_member_missing_from_its_sdist": "SDIST_MEMBERS",
             "test_extract_refuses_a_file_that_is_not_a_deb": "NOT_A_DEB",
             "test_extract_refuses_a_file_that_is_not_a_tar": "NOT_A_TAR",
             "test_extract_refuses_a_page_not_in_the_pdf": "PAGE_NOT_IN_PDF",
             "test_extract_renders_and_crops_plain_and_gzipped_pdfs_from_a_package": "GZIPPED_PDFS",
             "test_extract_renders_and_crops_a_pdf_page_from_a_deb": "DEB_PAGE",
             "test_extract_renders_an_sdist_page_crops_and_caps": "SDIST_PAGE"}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        drop_ungated_tests(cls, cls.GATES)

    def test_extract_refuses_a_folder_without_its_archives(self, tmp_path, capsys):
        extract = load_script(self.SET, "extract")
        assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and self.MISSING in err
        assert not (tmp_path / "out").exists()

    def test_downscale_keeps_small_images_and_caps_large_ones(self):
        extract = load_script(self.SET, "extract")
        assert [extract.downscale(*args) for args, _ in self.DOWNSCALE] == [want for _, want in self.DOWNSCALE]

    def test_extract_refuses_an_unknown_mode(self):
        extract = load_script(self.SET, "extract")
        with pytest.raises(ValueError, match="unknown mode"):
            extract.image_for(dict(self.UNKNOWN_MODE), b"")

    def test_extract_names_a_member_missing_from_its_package(self, tmp_path):
        extract = load_script(self.SET, "extract")
        present, absent = self.DEB_MEMBERS
        deb = make_deb(tmp_path / self.DEB_NAME, {present: b"a"})
        missing = re.escape(Path(absent).name)
        if self.ONE_MEMBER:
            assert extract.deb_member(deb, present) == b"a"
            with pytest.raises(KeyError, match=missing):
                extract.deb_member(deb, absent)
        else:
            assert extract.deb_members(deb, {present}) == {present: b"a"}
            with pytest.raises(KeyError, match=missing):
                extract.deb_members(deb, {absent})

    def test_extract_names_a_member_missing_from_its_sdist(self, tmp_path):
        extract = load_script(self.SET, "extract")
        present, absent = self.SDIST_MEMBERS
        sd = sdist_of(tmp_path / "s-1.tar.gz", {present: b"a"})
        assert extract.sdist_members(sd, [present]) == {present: b"a"}
        with pytest.raises(KeyError, match=re.escape(absent)):
            extract.sdist_members(sd, [present, absent])

    def test_extract_refuses_a_file_that_is_not_a_deb(self, tmp_path):
        extract = load_script(self.SET, "extract")
        (tmp_path / "n.deb").write_bytes(b"PK\x03\x04 not an ar archive")
        with pytest.raises(ValueError, match="not a Debian package"):
            extract.deb_member(tmp_path / "n.deb", self.NOT_A_DEB)

    def test_extract_refuses_a_file_that_is_not_a_tar(self, tmp_path):
        extract = load_script(self.SET, "extract")
        (tmp_path / "n.tar.gz").write_bytes(b"not a tar archive at all")
        with pytest.raises(ValueError, match="not a tar archive"):
            extract.sdist_members(tmp_path / "n.tar.gz", ["a"])

    def test_extract_refuses_a_page_not_in_the_pdf(self):
        extract = load_script(self.SET, "extract")
        origin = {"mode": "pdf-render", "page": 3, "scale": 1.0, "crop": None, "max_side": None, "format": "png"}
        with pytest.raises(ValueError, match="page 3 is not in the PDF"):
            extract.image_for(origin, pdf_of([split_page()]))

    def test_extract_renders_and_crops_plain_and_gzipped_pdfs_from_a_package(self, tmp_path):
        pytest.importorskip("pypdfium2")
        extract = load_script(self.SET, "extract")
        plain, packed = "./usr/share/doc/x/x.pdf", "./usr/share/doc/x/y.pdf.gz"
        deb = make_deb(tmp_path / "p.deb", {plain: two_page_pdf(), packed: gzip.compress(two_page_pdf()),
                                            "./usr/share/doc/other.txt": b"x"})
        got = extract.deb_members(deb, {plain, packed})
        assert extract.pdf_bytes(packed, got[packed]) == extract.pdf_bytes(plain, got[plain]) == two_page_pdf()
        png = extract.render_crop(extract.pdf_bytes(packed, got[packed]), 1, 2.0, [20, 10, 180, 150])
        with Image.open(io.BytesIO(png)) as im:
            assert im.format == "PNG" and im.size == (160, 140)
            rgb = im.convert("RGB")
            # the block lies at 40-120 x 20-60 px at scale 2, i.e. 20-100 x 10-50 in the crop
            assert all(abs(a - b) <= 8 for a, b in zip(rgb.getpixel((60, 30)), (220, 20, 20)))
            assert min(rgb.getpixel((140, 120))) >= 247 and min(rgb.getpixel((5, 100))) >= 247
        assert extract.render_crop(extract.pdf_bytes(plain, got[plain]), 1, 2.0, [20, 10, 180, 150]) == png

    def test_extract_renders_and_crops_a_pdf_page_from_a_deb(self, tmp_path, monkeypatch):
        """Page 0 at scale 2 is 200 x 100 px; the crop [0, 0, 100, 100] is the red half, [120, 10, 180, 60] blue."""
        extract = load_script(self.SET, "extract")
        member = "./usr/lib/R/site-library/X/doc/x.pdf"
        make_deb(tmp_path / "x.deb", {member: red_blue_pdf()})
        origin = {"apt": "x=1", "deb": "x.deb", "member": member, "mode": "pdf-render", "page": 0, "scale": 2}
        figs = [{"file": "images/red.png", "origin": dict(origin, crop=[0, 0, 100, 100])},
                {"file": "images/blue.png", "origin": dict(origin, crop=[120, 10, 180, 60])}]
        (tmp_path / "ann.json").write_text(json.dumps({"figures": figs}), encoding="utf-8")
        monkeypatch.setattr(extract, "ANNOTATIONS", tmp_path / "ann.json")
        assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["blue.png", "red.png"]
        with Image.open(tmp_path / "out" / "red.png") as im:
            assert (im.format, im.mode, im.size) == ("PNG", "RGB", (100, 100))
            assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((50, 50)), (255, 0, 0)))
        with Image.open(tmp_path / "out" / "blue.png") as im:
            assert im.size == (60, 50)
            assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((30, 25)), (0, 0, 255)))

    def test_extract_renders_an_sdist_page_crops_and_caps(self, tmp_path, monkeypatch):
        """As the shared extractor's check, and the capped wide page keeps its colour."""
        blue, wide = sdist_page_renderings(load_script(self.SET, "extract"), tmp_path, monkeypatch)
        assert blue[:3] == ("PNG", "RGB", (160, 160)) and all(abs(x - y) <= 8 for x, y in zip(blue[3], (0, 0, 255)))
        assert wide[2] == (1200, 200) and all(abs(x - y) <= 8 for x, y in zip(wide[3], (200, 200, 20)))
