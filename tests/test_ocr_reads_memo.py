"""`ocr.read_line` remembers its readings by the crop's pixels: a crop read again is answered from memory with
the same result, a different crop or another `allowed` is read by the model, and the memory stays bounded."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from derm1m_build import ocr


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    if not ocr.available():
        pytest.skip("rapidocr_onnxruntime is not installed")
    monkeypatch.setattr(ocr, "_reads", type(ocr._reads)())


def _label(text: str, shift: int = 0) -> np.ndarray:
    img = np.full((40, 40 + 22 * len(text), 3), 255, np.uint8)
    cv2.putText(img, text, (6 + shift, 30), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (0, 0, 0), 2, cv2.LINE_AA)
    return img


def _counting(monkeypatch):
    calls = []
    glyph, free = ocr._read_glyph, ocr._read_free
    monkeypatch.setattr(ocr, "_read_glyph", lambda im, allowed: calls.append(("glyph", allowed)) or glyph(im, allowed))
    monkeypatch.setattr(ocr, "_read_free", lambda im: calls.append(("free", None)) or free(im))
    return calls


def test_a_crop_read_again_is_answered_from_memory_with_the_same_result(monkeypatch):
    calls = _counting(monkeypatch)
    b = _label("B")
    first = ocr.read_line(b, "ABC")
    assert first[0] == "B" and first == ocr._read_glyph(b, "ABC")
    assert ocr.read_line(b.copy(), "ABC") == first           # same pixels, another array
    assert ocr.read_line(b[:, :, 0].copy(), "ABC") == first  # grey: the same pixels once made RGB
    assert calls == [("glyph", "ABC"), ("glyph", "ABC")]      # one by `read_line`, one by the check above
    free = ocr.read_line(_label("Day 1"))
    assert free == ocr._read_free(np.ascontiguousarray(_label("Day 1"))) and "1" in free[0]
    assert ocr.read_line(_label("Day 1")) == free
    assert calls[2:] == [("free", None), ("free", None)]      # one by `read_line`, one by the check above


def test_another_crop_or_another_alphabet_is_read_by_the_model(monkeypatch):
    calls = _counting(monkeypatch)
    b = _label("B")
    ocr.read_line(b, "ABC")
    ocr.read_line(b, "AB")                       # the allowed letters are part of the key
    moved = _label("B", shift=3)                 # one pixel column different is another crop
    ocr.read_line(moved, "ABC")
    ocr.read_line(b)                             # the free reading is another question
    assert calls == [("glyph", "ABC"), ("glyph", "AB"), ("glyph", "ABC"), ("free", None)]


def test_the_memory_is_bounded_least_recently_used_out(monkeypatch):
    calls = _counting(monkeypatch)
    monkeypatch.setattr(ocr, "_READS_MAX", 2)
    a, b, c = _label("A"), _label("B"), _label("C")
    ocr.read_line(a, "ABC")
    ocr.read_line(b, "ABC")
    ocr.read_line(a, "ABC")                      # a is now the latest
    ocr.read_line(c, "ABC")                      # b goes
    assert len(ocr._reads) == 2
    ocr.read_line(a, "ABC")                      # still known
    ocr.read_line(b, "ABC")                      # read again
    assert [k for k, _ in calls] == ["glyph"] * 4
