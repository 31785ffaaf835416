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
    Measured when the rule was set: dermoscopy 56 / 64, clinical 12 / 109; with the refitted score and the
    round-field rule (measured once, with the held-out look): 58 / 64 and 10 / 109 (the bounds leave a margin)."""
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


def test_dermoscopy_score_is_refitted_from_the_tuning_part_alone(R):
    """The committed weights are what `benchmarks.filter.fit_dermoscopy` fits from the tuning part's 71 skin
    photos (no held-out photo is read), and on those photos the decision labels exactly 24 / 26 dermoscopy
    and 1 / 45 clinical photos dermoscopic."""
    from benchmarks.filter import fit_dermoscopy as F
    from derm1m_build.filtering import heuristic as H

    X, y, ids = F.tuning_measures()
    split = R.read_split()
    assert {split[i] for i in ids} == {"tune"} and (int(y.sum()), int((1 - y).sum())) == (26, 45)
    weights, bias = F.rounded(*F.fit(X, y))
    assert (weights, bias) == (H.DERMOSCOPY_WEIGHTS, H.DERMOSCOPY_BIAS)
    ms = [Measures(**{f: 0.0 for f in Measures.__dataclass_fields__} | dict(zip(F.FEATURES, x))) for x in X]
    labelled = [modality_of(m) == "dermoscopic" for m in ms]
    assert sum(lab for lab, t in zip(labelled, y) if t) == 24
    assert sum(lab for lab, t in zip(labelled, y) if not t) == 1


def test_a_round_field_of_any_colour_is_dermoscopic(R):
    """A real ISIC photo without a field, seen through a round field that is grey, not black (a lens's
    field over lit skin): not the black-field rule, but the round-field rule labels it dermoscopic, and the
    face check still runs on it (only a black field is sure). The photo as it is has no round field."""
    it = _photos(R, "dermoscopy")[0]
    rgb = np.asarray(load_upright(it.make(), max_side=256)).copy()
    m0 = measure(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    h, w = rgb.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    rgb[np.hypot((yy - h / 2) / (h / 2), (xx - w / 2) / (w / 2)) > 1.05] = (70, 60, 60)
    m = measure(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    assert m0.field_edge < 0.2 < m.field_edge
    assert not dermoscope_field(m)
    assert modality_of(m) == "dermoscopic"


def test_light_from_one_side_tilts_and_a_ring_light_does_not(R):
    """`light_tilt` on a real clinical photo: a light falling off across the frame (a flash or window to
    one side) raises it; the same fall-off towards all four corners alike (a ring light) does not, because
    a plane fitted to the outer ring has no slope then; `detail_spread` and `coarse_texture` are the skin's,
    not the light's."""
    it = _photos(R, "clinical")[0]
    rgb = np.asarray(load_upright(it.make(), max_side=256)).astype(np.float32)
    h, w = rgb.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    side = rgb * (0.55 + 0.45 * xx / (w - 1))[..., None]
    ring = rgb * (1.0 - 0.35 * np.hypot((yy - h / 2) / (h / 2), (xx - w / 2) / (w / 2)) / np.sqrt(2))[..., None]
    m0, ms, mr = (measure(cv2.cvtColor(np.clip(a, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)) for a in (rgb, side, ring))
    assert ms.light_tilt > m0.light_tilt + 0.15
    assert abs(mr.light_tilt - m0.light_tilt) < 0.03
    assert dermoscopy_score(ms) < dermoscopy_score(m0)
