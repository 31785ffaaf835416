"""Heuristic back-end: skin on all six Fitzpatrick tones, slides/charts/text, quality, faces, real images."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from derm1m_build.demo import images as gen
from derm1m_build.filtering import faces
from derm1m_build.filtering.decode import load_upright
from derm1m_build.filtering.heuristic import classify, measure
from derm1m_build.filtering.quality import QualityConfig, check
from conftest import cli


@pytest.mark.parametrize("tone", range(6))
def test_skin_kept_on_every_fitzpatrick_tone(tone):
    for style in sorted(gen.LESION_STYLES):
        m = measure(gen.skin_photo(100 + tone, tone=tone, style=style))
        assert m.skin_ratio > 0.9, (tone, style, m.skin_ratio)
        keep, reason, modality = classify(m)
        assert (keep, reason) == (True, ""), (tone, style)
        # generated photos carry no modality truth: evenly lit and texture-free, some read as dermoscopy to
        # the score fitted on real photos (modality is tested on real photos in test_filter_real.py)
        assert modality in ("clinical", "dermoscopic"), (tone, style)
        assert check(384, 384, m, QualityConfig()) is None, (tone, style)


def test_slides_and_charts_dropped():
    for k in range(4):
        assert classify(measure(gen.slide(k)))[:2] == (False, "slide_or_diagram")
        assert classify(measure(gen.chart(k)))[:2] == (False, "slide_or_diagram")


def test_text_overlay_on_skin_dropped():
    im = gen.skin_photo(5, tone=3)
    for i in range(4):
        cv2.putText(im, "the patient presented with a rash", (10, 40 + i * 50), cv2.FONT_HERSHEY_SIMPLEX, 0.7,
                    (255, 255, 255), 2)
    m = measure(im)
    assert m.skin_ratio > 0.5 and m.text_ratio > 0.15
    assert classify(m) == (False, "text_overlay", "other")


def test_quality_reasons():
    c = QualityConfig()
    photo = gen.skin_photo(9, tone=2)
    assert check(40, 300, measure(photo), c) == ("too_small", "40x300")
    assert check(1000, 200, measure(photo), c) == ("bad_aspect", "1000x200")
    assert check(384, 384, measure((photo * 0.05).astype(np.uint8)), c)[0] == "too_dark"
    bright = np.clip(photo.astype(np.float32) * 0.3 + 200, 0, 255).astype(np.uint8)
    assert check(384, 384, measure(bright), c)[0] == "washed_out"
    assert check(384, 384, measure(np.full_like(photo, 252)), c) is None  # flat white: graphics, for the back-end
    assert check(384, 384, measure(gen.slide(0)), c) is None
    assert check(384, 384, measure(cv2.GaussianBlur(photo, (0, 0), 8)), c)[0] == "blurred"


def test_dermoscopy_vignette_and_stain_modalities():
    im = gen.skin_photo(4, tone=1)
    mask = np.zeros(im.shape[:2], np.uint8)
    cv2.circle(mask, (192, 192), 170, 255, -1)
    derm = im.copy()
    derm[mask == 0] = 0
    assert classify(measure(derm)) == (True, "", "dermoscopic")
    he = np.full((256, 256, 3), (235, 225, 240), np.uint8)  # bright background, BGR
    rng = np.random.default_rng(0)
    for _ in range(400):
        x, y = rng.integers(0, 256, 2)
        cv2.circle(he, (int(x), int(y)), int(rng.integers(4, 12)), (150, 60, 160), -1)  # purple nuclei
    he = cv2.GaussianBlur(he, (0, 0), 0.8)
    assert classify(measure(he)) == (True, "", "histopathology")


def test_faces_found_and_blurred(realdata):
    """A real portrait (matplotlib's sample photo of Grace Hopper); no faces in generated lesion photos."""
    from derm1m_build.testing.realimages import _pkg_dir

    rgb = np.asarray(load_upright(_pkg_dir("matplotlib", "mpl-data/sample_data") / "grace_hopper.jpg"))
    boxes = faces.detect(rgb)
    assert len(boxes) == 1
    x, y, w, h = boxes[0]
    assert 0.2 < w / rgb.shape[1] < 0.8 and y < rgb.shape[0] // 2  # the face, in the upper half
    out = faces.blur_boxes(rgb, boxes)
    assert faces.detect(out) == []
    assert np.array_equal(out[-5:], rgb[-5:])  # outside the box untouched
    for s in range(12):  # no faces in lesion photos of any tone
        assert faces.detect(cv2.cvtColor(gen.skin_photo(s, tone=s % 6), cv2.COLOR_BGR2RGB)) == []


def test_eval_filter_heuristic_on_real_images(realdata, tmp_path):
    """keep/drop layout: real photos of the held-out part against real negatives, default recipe values."""
    from derm1m_build.testing import realimages as R

    its = [it for it in R.selected("heldout") if it.kind in ("clinical", "dermoscopy", "object", "slide", "fundus")][::3]
    paths = R.materialise(tmp_path / "lab", its, layout="keep")
    p = cli("eval-filter", tmp_path / "lab", "--backend", "heuristic", "--json", check=True)
    res = json.loads(p.stdout)
    cm = res["confusion"]
    assert res["layout"] == "keep/drop" and res["n"] == len(its) == len(paths)
    assert sum(cm["keep"].values()) == sum(it.keep for it in its)
    assert cm["drop"]["keep"] == 0 and res["recall"] >= 0.9
    assert {im["file"]: im["truth"] for im in res["images"]} == {f: ("keep" if it.keep else "drop") for f, it in paths.items()}
    p = cli("eval-filter", tmp_path / "lab", "--backend", "heuristic", check=True)
    assert "true \\ pred" in p.stdout and "drop reasons:" in p.stdout
