"""Text in images, read by a real OCR model that ships inside a registry package.

`rapidocr_onnxruntime` carries PP-OCRv4 detection and recognition weights in its wheel and runs them on
onnxruntime, so OCR works offline on any CPU. It declares `opencv-python`, which would overwrite the
`opencv-python-headless` build this project uses (both install into one `cv2/` folder), so it is
installed without its dependencies (`make install` does this; the `ocr` extra brings the rest).

One engine per process, loaded on first use: model stages call `read_text` from inside a worker.
Boxes come back axis-aligned in pixel coordinates of the array given, sorted top-to-bottom then
left-to-right so the result is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from derm1m_build.errors import UserError

INSTALL_HINT = ("OCR needs rapidocr_onnxruntime: pip install onnxruntime pyclipper shapely six tqdm && "
                "pip install --no-deps rapidocr_onnxruntime==1.4.4")


@dataclass(frozen=True)
class OcrText:
    """One line of text found in an image: its box (x0, y0, x1, y1), the text and the model's score."""

    box: tuple[int, int, int, int]
    text: str
    score: float


def available() -> bool:
    """Whether the OCR model can be loaded here (the package is optional)."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise UserError(INSTALL_HINT) from None
    # One intra-op thread: parallelism comes from the executor's workers, not from inside a call.
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def read_text(image: np.ndarray, min_score: float = 0.5) -> list[OcrText]:
    """Lines of text in an RGB (H, W, 3) or grey (H, W) uint8 array, best-first reading order."""
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    result, _ = _engine()(np.ascontiguousarray(image))
    found = []
    for quad, text, score in result or []:
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        if float(score) < min_score or not str(text).strip():
            continue
        box = (int(min(xs)), int(min(ys)), int(round(max(xs))), int(round(max(ys))))
        found.append(OcrText(box, str(text), round(float(score), 4)))
    return sorted(found, key=lambda t: (t.box[1], t.box[0], t.text))


def read_line(image: np.ndarray) -> tuple[str, float]:
    """The text of an image that holds one short line (a panel letter cropped tightly, say), read by
    the recognition model alone: no detection pass, so it costs milliseconds, not a second."""
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    result, _ = _engine()(np.ascontiguousarray(image), use_det=False, use_cls=False, use_rec=True)
    if not result:
        return "", 0.0
    text, score = result[0][0], result[0][1]
    return str(text).strip(), round(float(score), 4)
