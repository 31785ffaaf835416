"""The frozen held-out figure set benchmarks/pmc/heldout23 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's, the printed letters and
the captions that name panels (by letter or by position) are recorded as the README says, no image or package is
shared with heldout2-22, the tuning lists or the shared real figures and photos, and extract.py renders and crops a
PDF page from a .deb built here.

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import io
import re

from PIL import Image

from frozen_figure_checks import by_file, figures_fixture
from frozen_figure_checks import (PMC, FigureSetContract, NoOverlapContract, OlderNamesContract, OlderPackagesContract,
                                  OwnExtractorContract, SharedPhotosContract, SinglesWholeContract,
                                  SourcesRecordedContract, TuningListsContract, load_script)
from frozen_figure_checks import type_counts

SET = PMC / "heldout23"
OLDER = tuple(f"heldout{i}" for i in range(2, 23))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
NQ = "r-bioc-noiseq_2.42.0-1_all.deb"
DQ = "r-bioc-deseq_1.39.0-10_amd64.deb"
RB = "r-bioc-rbgl_1.74.0+dfsg-1_amd64.deb"
PC = "r-bioc-purecn_2.4.0+dfsg-1_all.deb"
CC = "r-bioc-consensusclusterplus_1.62.0-1_all.deb"
BV = "r-bioc-biovizbase_1.46.0-1_amd64.deb"
DEBS = {NQ, DQ, RB, PC, CC, BV}
NAMES = ("noiseq", "deseq", "rbgl", "purecn", "consensusclusterplus", "biovizbase")
LETTERED = {"images/rbgl_fig1.png": list("abcd"), "images/rbgl_fig3.png": list("klm"),
            "images/rbgl_fig5.png": ["a", "b"], "images/rbgl_fig6.png": ["a", "b"]}
NAMED = {"images/nsq_fig11.png": ["left", "right"], "images/nsq_fig12.png": ["left", "right"],
         "images/nsq_fig13.png": ["left", "right"], "images/dsq_fig11.png": ["left", "right"],
         "images/dsq_fig15.png": ["left", "right"], "images/rbgl_fig5.png": ["a", "b"],
         "images/rbgl_fig6.png": ["a", "b"]}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 49 and sum(f["panels"] > 1 for f in figures) == 25
    by_src = {d: (sum(1 for f in figures if f["origin"]["deb"] == d and f["panels"] > 1),
                  sum(1 for f in figures if f["origin"]["deb"] == d and f["panels"] == 1)) for d in sorted(DEBS)}
    assert by_src == {NQ: (9, 8), DQ: (2, 8), RB: (6, 5), PC: (4, 3), CC: (1, 0), BV: (3, 0)}
    types = type_counts(figures)
    assert types == {"chart": 35, "diag": 14, "mixed": 0, "clin": 0, "micro": 0}
    assert sorted(f["file"] for f in figures if f["rows"]) == sorted(NAMED)
    assert sum(1 for f in figures if f["rows"] is None) == 0
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == [2] * 14 + [3] * 8 + [4] * 3
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "49 figures: 25 compound, 24 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_printed_letters_as_the_readme_lists_them(figures):
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    byf = by_file(figures)
    a, b, c, d = byf["images/rbgl_fig1.png"]["boxes"]  # a b / c d
    assert a[2] <= b[0] and c[2] <= d[0] and a[3] <= c[1] and b[3] <= d[1]
    k, l_, m = byf["images/rbgl_fig3.png"]["boxes"]  # k l / m
    assert k[2] <= l_[0] and k[3] <= m[1] and l_[3] <= m[1]
    for name in ("images/rbgl_fig5.png", "images/rbgl_fig6.png"):
        left, right = byf[name]["boxes"]  # a) left of b)
        assert left[2] <= right[0], name


def test_captions_name_panels_as_recorded(figures):
    assert {f["file"]: f["caption_names"] for f in figures if any(f["caption_names"])} == NAMED
    byf = by_file(figures)
    for name, names in NAMED.items():
        f = byf[name]
        left, right = f["boxes"]
        assert left[2] <= right[0], name  # left / a) is the left box
        if names == ["left", "right"]:
            assert re.search(r"\b[Ll]eft\b", f["caption"]) and re.search(r"\b[Rr]ight\b", f["caption"]), name
        else:
            assert re.findall(r"\b([ab])\) ", f["caption"]) == ["a", "b"], name


def test_captions_are_the_vignettes_own(figures):
    caps = [f["caption"] for f in figures if f["caption"]]
    assert len(caps) == 48 and all(re.match(r"Figure \d+: \S", c) for c in caps)
    assert [f["file"] for f in figures if not f["caption"]] == ["images/ccp_p6.png"]
    byf = by_file(figures)
    assert byf["images/nsq_fig11.png"]["caption"] == "Figure 11: PCA plot colored by tissue (left) and by batch (right)"
    assert byf["images/rbgl_fig5.png"]["caption"].startswith("Figure 5: a) The graph for depth-first-search example. b)")
    assert not any(ch in c for c in caps for ch in "\x1b\x1c\x1d\ufffe\r\n")


def test_origins_are_rendered_pages(figures):
    assert all(f["origin"]["mode"] == "pdf-render" and f["origin"]["scale"] == 2 for f in figures)


class TestSet(FigureSetContract, NoOverlapContract, SinglesWholeContract, OlderPackagesContract,
              SourcesRecordedContract, TuningListsContract, OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES, DEBS = SET, FIELDS, OLDER, NAMES, DEBS
    SUMMARY = (49, 25, 4)
    PACKAGES = DEBS
    PINS = {NQ: "r-bioc-noiseq=2.42.0-1", DQ: "r-bioc-deseq=1.39.0-10", RB: "r-bioc-rbgl=1.74.0+dfsg-1",
            PC: "r-bioc-purecn=2.4.0+dfsg-1", CC: "r-bioc-consensusclusterplus=1.62.0-1",
            BV: "r-bioc-biovizbase=1.46.0-1"}


def test_png_bytes_caps_the_long_side():
    extract = load_script(SET, "extract")
    data = extract.png_bytes(Image.new("RGB", (2400, 600), (9, 9, 9)))
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == (1200, 300)


class TestOwnExtractor(OwnExtractorContract):
    SET = SET
    DEB_PAGE = True
    MISSING, DEB_MEMBERS, ONE_MEMBER = "missing package", ("./usr/a.pdf", "./usr/b.pdf"), True
    UNKNOWN_MODE, NOT_A_DEB = {"mode": "sdist-image", "member": "x.png"}, "./usr/a.pdf"
    DOWNSCALE = ((((1200, 1199),), (1200, 1199)), (((600, 2400),), (300, 1200)))
