"""Heuristic back-end: skin on all six Fitzpatrick tones, slides/charts/text, quality, faces, real images."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from derm1m_build.demo import images as gen
from derm1m_build.filtering import faces
from derm1m_build.filtering.heuristic import classify, measure
from derm1m_build.filtering.quality import QualityConfig, check
from conftest import cli


@pytest.mark.parametrize("tone", range(6))
def test_skin_kept_on_every_fitzpatrick_tone(tone):
    for style in sorted(gen.LESION_STYLES):
        m = measure(gen.skin_photo(100 + tone, tone=tone, style=style))
        assert m.skin_ratio > 0.9, (tone, style, m.skin_ratio)
        assert classify(m) == (True, "", "clinical"), (tone, style)
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


def test_faces_found_and_blurred():
    rgb = cv2.cvtColor(gen.face_photo(1), cv2.COLOR_BGR2RGB)
    boxes = faces.detect(rgb)
    assert len(boxes) == 1
    x, y, w, h = boxes[0]
    out = faces.blur_boxes(rgb, boxes)
    assert faces.detect(out) == []
    assert np.array_equal(out[:5], rgb[:5]) or y - int(0.2 * h) <= 0  # outside the box untouched
    for s in range(12):  # no faces in lesion photos of any tone
        assert faces.detect(cv2.cvtColor(gen.skin_photo(s, tone=s % 6), cv2.COLOR_BGR2RGB)) == []


def test_eval_filter_heuristic_on_real_images(realdata, tmp_path):
    recipe = tmp_path / "r.toml"
    # the ISIC thumbnails are 250-px, very smooth renderings: below the default blur threshold
    recipe.write_text('[build]\nname = "e"\n[harvest.local]\npath = "x"\n[filter.quality]\nmin_blur = 0\n', encoding="utf-8")
    p = cli("eval-filter", realdata / "images", "--backend", "heuristic", "--recipe", recipe, "--json", check=True)
    res = json.loads(p.stdout)
    cm = res["confusion"]
    assert res["layout"] == "keep/drop" and res["n"] == 42
    assert cm["drop"] == {"drop": 2, "keep": 0}  # the chart and the diagram
    assert cm["keep"]["keep"] >= 25 and res["precision"] == 1.0
    p = cli("eval-filter", realdata / "images", "--backend", "heuristic", check=True)
    assert "blurred=" in p.stdout and "true \\ pred" in p.stdout
