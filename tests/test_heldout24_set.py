"""The frozen held-out figure set benchmarks/pmc/heldout24 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's, the printed letters and
the captions that name panels (by position) are recorded as the README says, no image or package is shared with
heldout2-23, the tuning lists or the shared real figures and photos, and extract.py renders and crops a PDF page from
a .deb built here.

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

SET = PMC / "heldout24"
OLDER = tuple(f"heldout{i}" for i in range(2, 24))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
PINS = {"r-cran-afex_1.2-1-1_all.deb": "r-cran-afex=1.2-1-1",
        "r-cran-boolnet_2.1.7-1_amd64.deb": "r-cran-boolnet=2.1.7-1",
        "r-cran-bradleyterry2_1.1-2-2_all.deb": "r-cran-bradleyterry2=1.1-2-2",
        "r-cran-bridgesampling_1.1-2-1_all.deb": "r-cran-bridgesampling=1.1-2-1",
        "r-cran-colorspace_2.1-0+dfsg-1_amd64.deb": "r-cran-colorspace=2.1-0+dfsg-1",
        "r-cran-genabel_1.8-0-6_amd64.deb": "r-cran-genabel=1.8-0-6",
        "r-cran-hsaur3_1.0-13-1_all.deb": "r-cran-hsaur3=1.0-13-1",
        "r-cran-irace_3.5-1_amd64.deb": "r-cran-irace=3.5-1",
        "r-cran-kedd_1.0.3-2_all.deb": "r-cran-kedd=1.0.3-2",
        "r-cran-kohonen_3.0.11+dfsg-1_amd64.deb": "r-cran-kohonen=3.0.11+dfsg-1",
        "r-cran-metap_1.8-1_all.deb": "r-cran-metap=1.8-1",
        "r-cran-mnp_3.1-3-1_amd64.deb": "r-cran-mnp=3.1-3-1",
        "r-cran-nmf_0.25-1_amd64.deb": "r-cran-nmf=0.25-1",
        "r-cran-plot3d_1.4-2_all.deb": "r-cran-plot3d=1.4-2",
        "r-cran-pscbs_0.66.0-2_all.deb": "r-cran-pscbs=0.66.0-2",
        "r-cran-psychtools_2.2.9-1_all.deb": "r-cran-psychtools=2.2.9-1",
        "r-cran-samr_3.0-2_amd64.deb": "r-cran-samr=3.0-2"}
DEBS = set(PINS)
# Package names as they would appear in an older set's annotations (the short CRAN names; "mnp" and "nmf" are
# checked as "r-cran-mnp" / "r-cran-nmf", short enough to occur inside unrelated words otherwise).
NAMES = ("afex", "boolnet", "bradleyterry2", "bridgesampling", "r-cran-colorspace", "genabel", "hsaur3", "irace",
         "kedd", "kohonen", "metap", "r-cran-mnp", "r-cran-nmf", "plot3d", "pscbs", "psychtools", "samr")
COUNTS = {"r-cran-afex_1.2-1-1_all.deb": (1, 0), "r-cran-boolnet_2.1.7-1_amd64.deb": (4, 5),
          "r-cran-bradleyterry2_1.1-2-2_all.deb": (0, 2),
          "r-cran-bridgesampling_1.1-2-1_all.deb": (1, 2), "r-cran-colorspace_2.1-0+dfsg-1_amd64.deb": (2, 1),
          "r-cran-genabel_1.8-0-6_amd64.deb": (0, 1), "r-cran-hsaur3_1.0-13-1_all.deb": (0, 1),
          "r-cran-irace_3.5-1_amd64.deb": (0, 1), "r-cran-kedd_1.0.3-2_all.deb": (9, 0),
          "r-cran-kohonen_3.0.11+dfsg-1_amd64.deb": (1, 0), "r-cran-metap_1.8-1_all.deb": (2, 0),
          "r-cran-mnp_3.1-3-1_amd64.deb": (1, 0), "r-cran-nmf_0.25-1_amd64.deb": (1, 0),
          "r-cran-plot3d_1.4-2_all.deb": (10, 4), "r-cran-pscbs_0.66.0-2_all.deb": (1, 0),
          "r-cran-psychtools_2.2.9-1_all.deb": (1, 1), "r-cran-samr_3.0-2_amd64.deb": (1, 0)}
LETTERED = {"images/afx_p5.png": ["a", "b", "c"], "images/mtp_p1.png": ["a", "b"], "images/mtp_p2.png": ["a", "b"],
            "images/sam_p20.png": ["a", "b", "c"]}
TB, LR = ["top", "bottom"], ["left", "right"]
NAMED = {"images/bln_p7.png": TB, "images/bln_p22.png": TB, "images/bln_p34.png": TB, "images/bln_p36.png": TB,
         "images/kdd_p2.png": LR, "images/kdd_p3.png": LR, "images/kdd_p8.png": LR, "images/kdd_p12.png": LR,
         "images/nmf_p25.png": LR, "images/koh_p5.png": LR}


figures = figures_fixture(SET)


def test_counts_match_readme(figures):
    assert len(figures) == 53 and sum(f["panels"] > 1 for f in figures) == 35
    by_src = {d: (sum(1 for f in figures if f["origin"]["deb"] == d and f["panels"] > 1),
                  sum(1 for f in figures if f["origin"]["deb"] == d and f["panels"] == 1)) for d in sorted(DEBS)}
    assert by_src == COUNTS
    types = type_counts(figures)
    assert types == {"chart": 45, "diag": 7, "mixed": 0, "clin": 1, "micro": 0}
    assert sorted(f["file"] for f in figures if f["rows"]) == sorted(NAMED)
    assert sum(1 for f in figures if f["rows"] is None) == 0
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == [2] * 18 + [3] * 3 + [4] * 10 + [9] * 4
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "53 figures: 35 compound, 18 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_printed_letters_as_the_readme_lists_them(figures):
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    byf = by_file(figures)
    for name in ("images/mtp_p1.png", "images/mtp_p2.png"):
        a, b = byf[name]["boxes"]  # (a) left of (b), each down to its sub-caption
        assert a[2] <= b[0] and a[3] == byf[name]["height"] - 2 and b[3] == a[3], name
    for name in ("images/sam_p20.png", "images/afx_p5.png"):
        a, b, c = byf[name]["boxes"]  # (A) above (B) above (C); afex: (a) above (b) above (c)
        assert a[3] <= b[1] and b[3] <= c[1], name


def test_captions_name_panels_as_recorded(figures):
    assert {f["file"]: f["caption_names"] for f in figures if any(f["caption_names"])} == NAMED
    byf = by_file(figures)
    for name, names in NAMED.items():
        f = byf[name]
        first, second = f["boxes"]
        if names == LR:
            assert first[2] <= second[0], name  # left is the first box
        else:
            assert first[3] <= second[1], name  # top is the first box
        for word in names:
            assert re.search(rf"\b{word}\b", f["caption"], re.I), (name, word)


def test_captions_are_the_vignettes_own(figures):
    caps = [f["caption"] for f in figures]
    assert all(re.match(r"Figure \d+(\.\d+)?[:.]? \S", c) for c in caps)
    byf = by_file(figures)
    assert byf["images/koh_p5.png"]["caption"] == ("Figure 1: Original image of pepper plants (left) and the "
                                                    "segmented image using 32 colors (right).")
    assert byf["images/sam_p20.png"]["caption"] == "Figure 4: SAM results for 3 different datasets"
    assert not any(ch in c for c in caps for ch in "\x02\x1b\x1c\x1d\ufffe\r\n")


def test_origins_are_rendered_pages(figures):
    assert all(f["origin"]["mode"] == "pdf-render" and f["origin"]["scale"] == 2 for f in figures)


class TestSet(FigureSetContract, NoOverlapContract, SinglesWholeContract, OlderPackagesContract,
              SourcesRecordedContract, TuningListsContract, OlderNamesContract, SharedPhotosContract):
    SET, FIELDS, OLDER, NAMES, DEBS = SET, FIELDS, OLDER, NAMES, DEBS
    SUMMARY = (53, 35, 4)
    PACKAGES, PINS = DEBS, PINS


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
