"""The frozen held-out figure set benchmarks/pmc/heldout21 is complete and its annotations valid: the figure
benchmark's `load_set` reads it, every image is there unchanged, the counts are the README's, the printed letters
and the one caption that names panels by letter are recorded as the README says, no image or source is shared with
heldout2-20, the tuning lists or the shared real figures and photos, and extract.py rebuilds images from a source
archive built here (an RGBA PNG laid on white, a JPEG, a large image capped at 1200 px).

Checks files, hashes and annotation fields only; it never runs the panel splitter on the set.
"""
import hashlib
import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from PIL import Image

from conftest import REALDATA, SHARED_SKIP
from frozen_figure_checks import load_set_summary
from frozen_figure_checks import box_problems, file_problems, load_script, name_problems, rows_rule_problems, shared_with_older

ROOT = Path(__file__).resolve().parent.parent / "benchmarks" / "pmc"
SET = ROOT / "heldout21"
OLDER = tuple(f"heldout{i}" for i in range(2, 21))
FIELDS = {"file", "panels", "letters", "type", "boxes", "caption", "caption_names", "source", "licence",
          "origin", "width", "height", "note", "sha256", "rows"}
TD = "tedana-26.0.3.tar.gz"
MQ = "mriqc-24.0.2.tar.gz"
S2 = "suite2p-1.1.0.tar.gz"
MF = "microfilm-0.3.0.tar.gz"
SQ = "squidpy-1.8.2.tar.gz"
SDISTS = {TD, MQ, S2, MF, SQ}
NAMES = ("tedana", "mriqc", "suite2p", "microfilm", "squidpy")
LETTERED = {"images/tdn_kundu_te.png": list("abcdef"), "images/tdn_kundu_echoes.png": ["a", "b"],
            "images/s2p_fig4_review.png": list("abcdefgh"), "images/s2p_phasecorr.png": list("abcdefghijklmn"),
            "images/mfm_panel.png": ["a", "b"], "images/mfm_create_panels_4.png": ["a", "b"],
            "images/sqp_figure1.png": ["a", "b", "c"]}


@pytest.fixture(scope="module")
def data():
    return json.loads((SET / "annotations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures(data):
    return data["figures"]


def _by_file(figures):
    return {f["file"]: f for f in figures}


def test_load_set_reads_every_figure():
    assert load_set_summary(SET) == (48, 29, 7, [])


def test_counts_match_readme(figures):
    assert len(figures) == 48 and sum(f["panels"] > 1 for f in figures) == 29
    by_src = {s: (sum(1 for f in figures if f["origin"]["sdist"] == s and f["panels"] > 1),
                  sum(1 for f in figures if f["origin"]["sdist"] == s and f["panels"] == 1)) for s in sorted(SDISTS)}
    assert by_src == {TD: (9, 11), MQ: (3, 2), S2: (7, 1), MF: (2, 1), SQ: (8, 4)}
    types = {t: sum(1 for f in figures if f["type"] == t) for t in ("chart", "diag", "mixed", "clin", "micro")}
    assert types == {"chart": 21, "diag": 2, "mixed": 5, "clin": 4, "micro": 16}
    assert [f["file"] for f in figures if f["rows"]] == ["images/s2p_fig4_review.png"]
    assert sum(1 for f in figures if f["rows"] is None) == 0
    assert sorted(f["panels"] for f in figures if f["panels"] > 1) == [2] * 11 + [3] * 12 + [4] * 2 + [6] * 2 + [8, 14]
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert "48 figures: 29 compound, 19 single-panel" in readme
    assert re.search(r"Held-out evaluation looks so far: \d+", readme)  # 0 until its one run, then 1


def test_printed_letters_as_the_readme_lists_them(figures):
    assert {f["file"]: f["letters"] for f in figures if f["letters"]} == LETTERED
    byf = _by_file(figures)
    a, b, c, d, e, f_ = byf["images/tdn_kundu_te.png"]["boxes"]  # a 3 x 2 grid: a b / c d / e f
    assert a[2] <= b[0] and a[3] <= c[1] and c[3] <= e[1] and e[2] <= f_[0]
    top, bottom = byf["images/tdn_kundu_echoes.png"]["boxes"]  # (A) above (B)
    assert top[3] <= bottom[1]
    for name in ("images/mfm_panel.png", "images/mfm_create_panels_4.png"):
        left, right = byf[name]["boxes"]  # A left of B
        assert left[2] <= right[0], name
    a, b, c = byf["images/sqp_figure1.png"]["boxes"]  # a, b, c stacked
    assert a[3] <= b[1] and b[3] <= c[1]
    boxes = byf["images/s2p_fig4_review.png"]["boxes"]  # (a)-(d) stacked left of (e); (f) (g) (h) a row below
    assert all(boxes[i][3] <= boxes[i + 1][1] for i in range(3)) and all(boxes[i][2] <= boxes[4][0] for i in range(4))
    assert all(boxes[i][2] <= boxes[i + 1][0] for i in (5, 6)) and all(boxes[4][3] <= boxes[i][1] for i in (5, 6, 7))


def test_the_lettered_caption_names_every_panel_by_its_letter(figures):
    named = {f["file"]: f["caption_names"] for f in figures if any(f["caption_names"])}
    assert named == {"images/s2p_fig4_review.png": list("abcdefgh")}
    cap = _by_file(figures)["images/s2p_fig4_review.png"]["caption"]
    assert cap.startswith("Figure 4. The limits of spike deconvolution. (a) Recorded")
    assert [m for m in re.findall(r"\(([a-h])\) [A-Z]", cap)] == list("abcdefgh")


def test_captions_are_the_sources_own(figures):
    captioned = {f["file"]: f["caption"][:40] for f in figures if f["caption"]}
    assert captioned == {"images/tdn_paper_fig1.png": "An interactive report generated by *teda",
                         "images/tdn_kundu_te.png": "Adapted from Kundu et al. (2017).",
                         "images/tdn_kundu_echoes.png": "Adapted from Kundu et al. (2017).",
                         "images/s2p_fig4_review.png": "Figure 4. The limits of spike deconvolut"}


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
    assert shared_with_older(ROOT, OLDER, figures, set()) == []
    assert {f["origin"]["sdist"] for f in figures} == SDISTS
    assert all(f["origin"]["deb"] is None and f["origin"]["mode"] == "sdist-image" for f in figures)


def test_sources_recorded_with_their_hashes(data):
    assert set(data["packages"]) == SDISTS
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in data["packages"].values())
    pins = {f["origin"]["sdist"]: f["origin"]["pip"] for f in data["figures"]}
    assert pins == {TD: "tedana==26.0.3", MQ: "mriqc==24.0.2", S2: "suite2p==1.1.0", MF: "microfilm==0.3.0",
                    SQ: "squidpy==1.8.2"}


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


def _image(size, colour, mode, fmt) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, colour).save(buf, fmt)
    return buf.getvalue()


def _sdist(path: Path, files: dict) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, body in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return path


def test_extract_lays_transparency_on_white_and_caps_large_images(tmp_path, monkeypatch):
    """A half-transparent RGBA PNG comes back RGB: its transparent half white, its opaque half its colour; a JPEG
    comes back as PNG of its size; a 2400 x 600 image comes back 1200 x 300."""
    extract = load_script(SET, "extract")
    rgba = Image.new("RGBA", (40, 20), (0, 0, 0, 0))
    rgba.paste((200, 30, 30, 255), (0, 0, 20, 20))
    buf = io.BytesIO()
    rgba.save(buf, "PNG")
    _sdist(tmp_path / "pkg-1.0.tar.gz", {"pkg-1.0/docs/a.png": buf.getvalue(),
                                         "pkg-1.0/docs/b.jpg": _image((30, 10), (20, 20, 200), "RGB", "JPEG"),
                                         "pkg-1.0/docs/c.png": _image((2400, 600), (9, 9, 9), "RGB", "PNG")})
    origin = {"pip": "pkg==1.0", "sdist": "pkg-1.0.tar.gz", "deb": None, "mode": "sdist-image"}
    figs = [{"file": f"images/{n}.png", "origin": dict(origin, member=f"pkg-1.0/docs/{m}")}
            for n, m in (("a", "a.png"), ("b", "b.jpg"), ("c", "c.png"))]
    monkeypatch.setattr(extract.json, "loads", lambda _text: {"figures": figs})
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.png", "b.png", "c.png"]
    with Image.open(tmp_path / "out" / "a.png") as im:
        assert (im.format, im.mode, im.size) == ("PNG", "RGB", (40, 20))
        assert im.getpixel((5, 5)) == (200, 30, 30) and im.getpixel((35, 5)) == (255, 255, 255)
    with Image.open(tmp_path / "out" / "b.png") as im:
        assert (im.format, im.mode, im.size) == ("PNG", "RGB", (30, 10))
        assert all(abs(x - y) <= 8 for x, y in zip(im.getpixel((15, 5)), (20, 20, 200)))
    with Image.open(tmp_path / "out" / "c.png") as im:
        assert im.size == (1200, 300)


def test_extract_names_a_member_missing_from_its_archive(tmp_path):
    extract = load_script(SET, "extract")
    sd = _sdist(tmp_path / "p-1.tar.gz", {"p-1/a.png": b"a"})
    assert extract.sdist_members(sd, {"p-1/a.png"}) == {"p-1/a.png": b"a"}
    with pytest.raises(KeyError, match=r"b\.png"):
        extract.sdist_members(sd, {"p-1/b.png"})


def test_downscale_keeps_small_images_and_caps_large_ones():
    extract = load_script(SET, "extract")
    assert extract.downscale((1200, 1199)) == (1200, 1199)
    assert extract.downscale((600, 2400)) == (300, 1200)


def test_extract_refuses_a_folder_without_the_archives(tmp_path, capsys):
    extract = load_script(SET, "extract")
    assert extract.main([str(tmp_path), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing source archive" in err
    assert not (tmp_path / "out").exists()


def test_extract_refuses_an_unknown_mode():
    extract = load_script(SET, "extract")
    with pytest.raises(ValueError, match="unknown mode"):
        extract.image_for({"mode": "pdf-render", "member": "x.pdf"}, b"")
