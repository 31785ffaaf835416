"""`benchmarks/pmc/ocr_cost.py`: the recorder keeps every model run the splitter's OCR makes (glyph reads, free reads,
detector passes; a crop answered from memory is no run) and puts the module back; a second copy of `ocr.py` loaded
beside this one (the side-by-side replay) reads composed labels and lines exactly as this one does."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.pmc import ocr_cost
from derm1m_build import ocr

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    if not ocr.available():
        pytest.skip("rapidocr_onnxruntime is not installed")
    monkeypatch.setattr(ocr, "_reads", OrderedDict())
    monkeypatch.setattr(ocr, "_last_detect", [(None, [])])


def _drawn(text: str, font: str = BOLD, size: int = 28, ink=(0, 0, 0), paper=(255, 255, 255), pad: int = 6) -> np.ndarray:
    f = ImageFont.truetype(font, size)
    x0, y0, x1, y1 = f.getbbox(text)
    img = Image.new("RGB", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), paper)
    ImageDraw.Draw(img).text((pad - x0, pad - y0), text, font=f, fill=ink)
    return np.asarray(img).copy()


def test_the_recorder_keeps_every_model_run_and_puts_the_module_back():
    glyph, free, det = ocr._read_glyph, ocr._read_free, ocr._engine().text_det
    rec = ocr_cost.Recorder(keep=True)
    try:
        b, line = _drawn("B"), _drawn("Day 14", SANS, 22)
        page = np.full((120, 260, 3), 255, np.uint8)
        page[20:20 + line.shape[0], 30:30 + line.shape[1]] = line
        rec.figure = "composed"
        first = ocr.read_line(b, "ABC")
        assert ocr.read_line(b.copy(), "ABC") == first            # from memory: no second run
        words = ocr.read_line(line)
        boxes = ocr.detect_boxes(page)
        assert ocr.detect_boxes(page) == boxes                    # the latest figure's boxes are kept: one pass
    finally:
        rec.close()
    assert first[0] == "B" and words[0] == "Day 14" and len(boxes) == 1
    assert [(r["figure"], r["kind"], r["shape"], r["allowed"]) for r in rec.runs] == [
        ("composed", "glyph", b.shape, "ABC"), ("composed", "free", line.shape, None), ("composed", "det", page.shape, None)]
    assert [r["out"] for r in rec.runs[:2]] == [first, words] and np.array_equal(rec.runs[0]["image"], b)
    assert (ocr._read_glyph, ocr._read_free, ocr._engine().text_det) == (glyph, free, det)


LABELS = [("A", "ABCD"), ("b", "ABCD"), ("(c)", "ABCD"), ("D", "ABD"), ("g", "EFGH"), ("K", "IJKL")]


def test_a_second_copy_of_ocr_reads_composed_crops_exactly_as_this_one():
    other = ocr_cost.load_ocr(Path(ocr.__file__))
    assert other is not ocr and other._engine() is not ocr._engine()
    crops = [_drawn(t, font=BOLD if i % 2 else SANS, size=24 + 4 * (i % 3)) for i, (t, _) in enumerate(LABELS)]
    crops.append(_drawn("B", ink=(255, 255, 255), paper=(120, 60, 50)))   # white on a dark photo
    allowed = [a for _, a in LABELS] + ["ABC"]
    lines = [_drawn(t, SANS, 20) for t in ("CD98", "Week 12")]
    runs = [{"kind": "glyph", "image": c, "allowed": a} for c, a in zip(crops, allowed)]
    runs += [{"kind": "free", "image": c, "allowed": None} for c in lines]
    mine = [ocr.read_line(r["image"], r["allowed"]) for r in runs]
    theirs, rec_cpu, det_cpu = ocr_cost._replay_once(other, runs)
    assert theirs == mine                                     # texts and scores, to the digit
    assert [t for t, _ in mine] == ["A", "B", "C", "D", "G", "K", "B", "CD98", "Week 12"]
    assert all(s >= 0.9 for _, s in mine) and rec_cpu > 0 and det_cpu < 0.01  # no detector input
