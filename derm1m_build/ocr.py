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

import hashlib
import threading
from collections import OrderedDict
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


_last_detect: list = [(None, [])]  # (key, boxes) of the latest detection, one tuple (threads read it whole)


def detect_boxes(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the text the detector finds in an RGB uint8 array, nothing read: the
    detection pass alone, so a caller can choose which few boxes are worth the recogniser's time.

    The latest image's boxes are kept (keyed by its shape and a digest of its pixels: 1 ms against the
    detector's second), so a second search of the same figure (the grid labels, then the labels that open
    a line) runs the detector once."""
    image = np.ascontiguousarray(image)
    key = (image.shape, hashlib.blake2b(image.data, digest_size=16).digest())
    last_key, last_boxes = _last_detect[0]
    if last_key == key:
        return list(last_boxes)
    quads, _ = _engine()(image, use_det=True, use_cls=False, use_rec=False)
    boxes = []
    for quad in quads if quads is not None else []:
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        boxes.append((int(min(xs)), int(min(ys)), int(round(max(xs))), int(round(max(ys)))))
    _last_detect[0] = (key, list(boxes))
    return boxes


# shapes the recogniser gives for a letter it is unsure of: a stroke for I/L, a ring for O
_LOOKALIKE = {"I": "Il|1", "L": "Il|1", "O": "Oo0"}


_READS_MAX = 4096  # readings kept per process (a key and a short tuple each: well under a megabyte)
_reads: OrderedDict = OrderedDict()  # (shape, pixel digest, allowed) -> (text, score), latest last
_reads_lock = threading.Lock()


def read_line(image: np.ndarray, allowed: str | None = None) -> tuple[str, float]:
    """The text of an image that holds one short line (a panel letter cropped tightly, say), read by
    the recognition model alone: no detection pass, so it costs milliseconds, not a second.

    Readings are remembered by the crop's pixels (its shape and a 128-bit digest: microseconds against
    the model's ~20 ms) and `allowed`: one figure's passes read the same corners again (the corner
    search, then the label grid and the detector's line heads; harvest, then `inspect figure`), and the
    recogniser on one thread gives the same answer for the same pixels, so a repeated crop is answered
    from memory with the same result. The memory is bounded (`_READS_MAX`, least recently used out).

    With `allowed` (upper-case letters: a caption's panel letters) the image is read as one glyph
    that must be one of them: each letter scores the highest probability the model gives, at any
    step, to its upper- and lower-case forms together (and to its look-alikes: 1 | l for I and L,
    0 for O), so a bold "c" the model splits between c and C still reads c. Returns the best letter
    (upper case) and that score, or the free reading when it is more than one glyph."""
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    image = np.ascontiguousarray(image)
    key = (image.shape, str(image.dtype), hashlib.blake2b(image.data, digest_size=16).digest(), allowed)
    with _reads_lock:
        known = _reads.get(key)
        if known is not None:
            _reads.move_to_end(key)
            return known
    read = _read_glyph(image, allowed) if allowed is not None else _read_free(image)
    with _reads_lock:
        _reads[key] = read
        if len(_reads) > _READS_MAX:
            _reads.popitem(last=False)
    return read


def _read_free(image: np.ndarray) -> tuple[str, float]:
    result, _ = _engine()(image, use_det=False, use_cls=False, use_rec=True)
    if not result:
        return "", 0.0
    text, score = result[0][0], result[0][1]
    return str(text).strip(), round(float(score), 4)


@lru_cache(maxsize=1)
def _char_index() -> dict[str, int]:
    return {c: i for i, c in enumerate(_engine().text_rec.postprocess_op.character)}


def _read_glyph(image: np.ndarray, allowed: str) -> tuple[str, float]:
    rec = _engine().text_rec
    _, hh, ww = rec.rec_image_shape
    norm = rec.resize_norm_img(image, max(ww / hh, image.shape[1] / image.shape[0]))
    probs = rec.session(norm[None].astype(np.float32))[0][0]  # steps x characters (0: blank)
    best = probs.argmax(axis=1)
    chars = rec.postprocess_op.character
    free = "".join(chars[k] for i, k in enumerate(best) if k and (i == 0 or k != best[i - 1])).strip()
    if len(free.strip("()[].:")) > 1:
        return free, float(probs.max(axis=1)[best > 0].mean())
    index = _char_index()
    scored = []
    for letter in sorted(set(allowed)):
        forms = {letter, letter.lower(), *_LOOKALIKE.get(letter, "")}
        cols = [index[c] for c in forms if c in index]
        scored.append((float(probs[:, cols].sum(axis=1).max()) if cols else 0.0, letter))
    score, letter = max(scored)
    if free and free.strip("()[].:") in "Il|1" and letter in "IL":
        letter = free.strip("()[].:") or letter  # a stroke: I or l is for the caller to resolve
    return letter, round(min(score, 1.0), 4)
