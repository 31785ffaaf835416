"""The heuristic's rules set on the tuning part of the real-image material, checked on real images with
the default thresholds (no override anywhere in this file): scenes and portraits whose frame's border is
background, figures on a white page, dermoscopy without a black field, the face check on a dermoscopic
label that only the pixel score gave, and the JPEG decode at reduced scale."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from derm1m_build.filtering import faces
from derm1m_build.filtering.decode import load_upright
from derm1m_build.filtering.heuristic import Measures, classify, dermoscope_field, dermoscopy_score, measure, modality_of
from derm1m_build.filtering.quality import QualityConfig, check


@pytest.fixture
def R(realdata):
    from derm1m_build.testing import realimages

    return realimages


def _m(data: bytes) -> Measures:
    return measure(cv2.cvtColor(np.asarray(load_upright(data, max_side=256)), cv2.COLOR_RGB2BGR))


def _photos(R, folder):
    return [it for it in R.items() if it.id.startswith(f"photos:{folder}/") and "#" not in it.id]


def test_scenes_and_portraits_are_not_skin_photos(R):
    """The palace photo and the astronaut have skin-coloured parts, but their frame's border is sky,
    trees, a suit and a flag: not a skin close-up (both kept as skin before this rule)."""
    its = {it.id: it for it in R.items()}
    for name in ("sklearn:china.jpg", "skimage:astronaut.png", "skimage:astronaut.png#crop1", "matplotlib:grace_hopper.jpg"):
        m = _m(its[name].make())
        assert m.border_contrast > 60, (name, m.border_contrast)
        assert classify(m) == (False, "not_skin", "other"), name


def test_every_real_lesion_photo_has_a_skin_border(R):
    """No real clinical or dermoscopy photo meets the scene rule (its border is skin), so the rule costs
    no recall on the 173 photos; a large dark lesion centred on even skin is not a scene either."""
    photos = _photos(R, "clinical") + _photos(R, "dermoscopy")
    assert len(photos) == 173
    ms = {it.id: _m(it.make()) for it in photos}
    assert [k for k, m in ms.items() if m.border_contrast > 60 and not dermoscope_field(m)] == []
    # tuning photos reach 49.8, one held-out photo 59.0: the margin to 60 is thin (said in RESULTS.md)
    assert max(m.border_contrast for m in ms.values()) < 60


def test_figure_on_a_white_page_is_not_kept(R):
    """A compound figure with a tissue photo in it (skin-coloured panels) on a white page: texture-free
    white that no photograph has (it was kept as clinical before)."""
    it = next(i for i in R.items() if i.id == "figures:soda__10.1038_s44321-025-00224-4_f1.png")
    m = _m(it.make())
    assert m.graphic_ratio > 0.1 and m.bright_clip > 0.2
    assert classify(m) == (False, "slide_or_diagram", "other")


def test_dermoscopy_without_a_black_field_is_recognised_from_pixels(R):
    """ISIC dermoscopy photos (none with a black circular field) against PAD-UFES clinical photos, all
    173 (both parts): the lighting/texture score labels most dermoscopy dermoscopic and few clinical photos.
    Measured when the rule was set: dermoscopy 56 / 64, clinical 12 / 109 (the bounds leave a margin)."""
    derm = [_m(it.make()) for it in _photos(R, "dermoscopy")]
    clin = [_m(it.make()) for it in _photos(R, "clinical")]
    assert (len(derm), len(clin)) == (64, 109)
    derm_labelled = sum(modality_of(m) == "dermoscopic" for m in derm)
    clin_labelled = sum(modality_of(m) == "dermoscopic" for m in clin)
    assert derm_labelled >= 0.75 * len(derm), derm_labelled
    assert clin_labelled <= 0.15 * len(clin), clin_labelled
    assert not any(dermoscope_field(m) for m in derm + clin)  # all of it from the score, none from a black field
    # the score is a probability-like number in the scores the stage writes
    assert all(0.0 <= dermoscopy_score(m) <= 1.0 for m in derm)


def test_a_black_field_is_dermoscopic_and_not_a_scene(R):
    """A real dermoscopy photo seen through the round field of a contact dermatoscope (black outside a
    circle): dermoscopic, and its dark corners do not make it a scene."""
    it = _photos(R, "dermoscopy")[3]
    rgb = np.asarray(load_upright(it.make(), max_side=256)).copy()
    h, w = rgb.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    rgb[np.hypot(yy - h / 2, xx - w / 2) > 0.5 * min(h, w)] = 0
    m = measure(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    assert dermoscope_field(m)
    assert classify(m) == (True, "", "dermoscopic")


def test_face_check_runs_on_a_dermoscopic_label_from_the_score_alone():
    """A dermatoscope touches the skin, so a sure dermoscopic image needs no face check; a label that only
    the pixel score gave is not sure (a face photo could score as dermoscopic), so the face model looks."""
    assert faces.face_possible("dermoscopic", True) is False
    assert faces.face_possible("dermoscopic", True, sure=True) is False
    assert faces.face_possible("dermoscopic", True, sure=False) is True
    assert faces.face_possible("dermoscopic", False, sure=False) is False
    assert faces.face_possible("histopathology", True, sure=False) is False
    assert faces.face_possible("clinical", True) is True


def test_eval_filter_checks_faces_on_a_score_dermoscopic_portrait(R, tmp_path, monkeypatch):
    """End to end through eval-filter's face verdict: a real portrait that the back-end called dermoscopic
    from the score alone is still blurred."""
    from derm1m_build.filtering import evaluate
    from derm1m_build.stages.filter import FilterConfig

    it = next(i for i in R.items() if i.id == "matplotlib:grace_hopper.jpg#crop0")
    data = it.make()
    rgb = np.asarray(load_upright(data, max_side=256))
    cfg = FilterConfig()
    assert evaluate.face_verdict(rgb, data, "dermoscopic", cfg.faces, sure=False) == "blurred"
    assert evaluate.face_verdict(rgb, data, "dermoscopic", cfg.faces, sure=True) == "none"


def test_jpeg_is_decoded_at_reduced_scale_by_its_long_side(R):
    """A 512 x 341 JPEG wanted at 256 px decodes at 256 x 171 (DCT scaling), not in full and then resized:
    PIL keeps both sides >= the requested size, so the request is scaled to the image's aspect."""
    from derm1m_build.images import decode

    it = _photos(R, "dermoscopy")[0]
    with Image.open(io.BytesIO(it.make())) as im:
        src = im.convert("RGB")
    for size in ((512, 341), (341, 512), (512, 384), (511, 512)):
        buf = io.BytesIO()
        src.resize(size).save(buf, format="JPEG", quality=90)
        got = decode(buf.getvalue(), draft=256).size
        assert max(got) >= 256 and max(got) <= 257 and max(got) < max(size), (size, got)
        assert load_upright(buf.getvalue(), max_side=256).size[0] <= 256
    # and the measures on the reduced decode still pass the real photo
    m = _m(buf.getvalue())
    assert check(511, 512, m, QualityConfig()) is None
