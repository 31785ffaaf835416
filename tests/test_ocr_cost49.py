"""A free read (`ocr._read_free`) gives the recogniser the crop at its own width (`ocr._rec_input`), not padded to the
model's 320 px: the crop's pixels in the model's input are exactly rapidocr's (the same resize and scaling, the
padding only shorter), a crop wider than the model's width is read exactly as before, and on composed lines the texts
are the ones the full-width path gives. A glyph read (`allowed` given) stays at the model's width: its input is
rapidocr's to the bit, so its reading is the old one to the digit."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from derm1m_build import ocr

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@pytest.fixture(autouse=True)
def _needs_ocr():
    if not ocr.available():
        pytest.skip("rapidocr_onnxruntime is not installed")


def _drawn(text: str, font: str = BOLD, size: int = 28, ink=(0, 0, 0), paper=(255, 255, 255), pad: int = 6) -> np.ndarray:
    f = ImageFont.truetype(font, size)
    x0, y0, x1, y1 = f.getbbox(text)
    img = Image.new("RGB", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), paper)
    ImageDraw.Draw(img).text((pad - x0, pad - y0), text, font=f, fill=ink)
    return np.asarray(img).copy()


def _full_width(monkeypatch):
    """The old free path: every crop padded to the model's width."""
    monkeypatch.setattr(ocr, "_REC_MIN_WIDTH", ocr._engine().text_rec.rec_image_shape[2])


@pytest.mark.parametrize("shape, width", [((40, 34), 48), ((40, 12), 48), ((40, 100), 120), ((30, 70), 112), ((20, 200), 480)])
def test_the_input_is_the_crop_at_its_own_width_with_rapidocr_pixels(shape, width):
    rng = np.random.default_rng(sum(shape))
    crop = rng.integers(0, 256, (*shape, 3), dtype=np.uint8)
    rec = ocr._engine().text_rec
    _, hh, ww = rec.rec_image_shape
    ours = ocr._rec_input(crop, hh, ww)
    theirs = rec.resize_norm_img(crop, max(ww / hh, shape[1] / shape[0]))  # what rapidocr feeds the model
    assert ours.shape == (1, 3, 48, width) and ours.dtype == np.float32
    keep = min(width, theirs.shape[2])
    assert np.array_equal(ours[0, :, :, :keep], theirs[:, :, :keep])   # the crop's pixels, bit for bit
    assert not ours[0, :, :, keep:].any() and not theirs[:, :, width:].any()  # the rest is padding either way


def test_the_free_path_at_full_width_is_rapidocr_s_own_reading(monkeypatch):
    _full_width(monkeypatch)
    for img in (_drawn("Day 14", SANS, 22), _drawn("b", size=14)):  # the second is enlarged by rapidocr (< 30 px)
        result, _ = ocr._engine()(img, use_det=False, use_cls=False, use_rec=True)
        assert ocr._read_free(img) == (str(result[0][0]).strip(), round(float(result[0][1]), 4))


def _old_glyph_input(image):
    """What the glyph read fed the model before: rapidocr's `resize_norm_img` at the model's width."""
    rec = ocr._engine().text_rec
    _, hh, ww = rec.rec_image_shape
    return rec.resize_norm_img(image, max(ww / hh, image.shape[1] / image.shape[0]))[None].astype(np.float32)


LABELS = [("A", "ABCD"), ("b", "ABCD"), ("(c)", "ABCD"), ("D", "ABD"), ("E", "DEF"), ("g", "EFGH"), ("H", "EFGH"),
          ("K", "IJKL")]


def test_composed_labels_read_as_before_and_lines_as_on_the_full_width_path(monkeypatch):
    imgs = [_drawn(t, font=BOLD if i % 2 else SANS, size=24 + 4 * (i % 3)) for i, (t, _) in enumerate(LABELS)]
    imgs.append(_drawn("B", ink=(255, 255, 255), paper=(120, 60, 50)))       # white on a dark photo
    labels = LABELS + [("B", "ABC")]
    rec = ocr._engine().text_rec
    inputs = []
    monkeypatch.setattr(rec, "session", lambda x, run=rec.session: inputs.append(x) or run(x))
    now = [ocr._read_glyph(img, allowed) for img, (_, allowed) in zip(imgs, labels)]
    assert [t for t, _ in now] == ["A", "B", "C", "D", "E", "G", "H", "K", "B"] and all(s >= 0.9 for _, s in now)
    assert all(np.array_equal(x, _old_glyph_input(img)) for x, img in zip(inputs, imgs))  # the old input, bit for bit
    lines = [_drawn(t, SANS, 20) for t in ("CD98", "Day 1", "Week 12", "Figure 2 at baseline")]
    now_free = [ocr._read_free(img) for img in lines]
    assert [x.shape[3] for x in inputs[len(imgs):]] == [96, 112, 144, 323]   # own widths, not 320
    _full_width(monkeypatch)
    old_free = [ocr._read_free(img) for img in lines]
    assert [t for t, _ in now_free] == [t for t, _ in old_free] == ["CD98", "Day 1", "Week 12", "Figure 2 at baseline"]
    assert all(s >= 0.9 for _, s in now_free + old_free)
    assert now_free[3] == old_free[3]   # wider than the model's width: the same input, the same reading to the digit
