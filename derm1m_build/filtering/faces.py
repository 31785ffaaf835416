"""Identifiable faces: a real face detector (the YOLOv8n ONNX model that the `nudenet` wheel ships, run
with onnxruntime; classes FACE_FEMALE and FACE_MALE) and blurring faces away.

Why not OpenCV's Haar cascade (the earlier detector): on real lesion photographs it found "faces" in
melanoma-in-situ lesions and the default action pixelated the lesions; and it was blind to faces that
were not upright. The YOLO model is trained on real photographs of people; on the project's real lesion
photos it fires on none (benchmarks/filter/RESULTS.md).

A face counts when the model's score reaches `min_score` and the box is at least `min_frac` of the
image's short side (a face in the background at a few pixels is not identifiable). The model runs on an
upright copy scaled to MODEL_SIDE px; boxes are returned in the coordinates of the image passed in.

Cost: ~25 ms per image on one core at 256 px, several times everything else the filter does, so it runs
only where a face is possible: never on dermoscopy or histopathology (a dermatoscope touches the skin;
a slide has no face) nor on images the back-end dropped (`face_possible`); and on the rest a pre-screen
runs the same model on a 96-px copy (~4 ms): only where it scores >= PRESCREEN_SCORE does the full
detection run, on a 320-px decode (`find`). On the tuning photos every portrait pre-screened at >= 0.36
and 2 of 71 lesion photos reached 0.1. `min_score` 0.55: real portraits score 0.63-0.82, real lesion
photos at most 0.49.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import cv2
import numpy as np

MODEL_SIDE = 256  # the model's input (it accepts any multiple of 32); faces >= 12 % of the side are >= 30 px
PRESCREEN_SIDE = 96
PRESCREEN_SCORE = 0.1
FACE_SIDE = 320  # the detection's decode (the model then runs at MODEL_SIDE)
FACE_CLASSES = (1, 12)  # FACE_FEMALE, FACE_MALE in the model's label order (nudenet 3.4)
_SESSION = None
_LOCK = threading.Lock()


class FaceModelMissing(RuntimeError):
    pass


def model_path() -> Path:
    """The ONNX file inside the installed nudenet package (found without importing it)."""
    spec = importlib.util.find_spec("nudenet")
    if spec is None or not spec.submodule_search_locations:
        raise FaceModelMissing("the face detector needs the nudenet package (pip install 'nudenet==3.4.2' --no-deps)"
                               " and onnxruntime; or set [filter.faces] action = \"off\"")
    p = Path(list(spec.submodule_search_locations)[0]) / "320n.onnx"
    if not p.exists():
        raise FaceModelMissing(f"{p} is missing (reinstall nudenet==3.4.2)")
    return p


def session():
    """One onnxruntime session per process, one thread (the stage parallelises over workers)."""
    global _SESSION
    with _LOCK:
        if _SESSION is None:
            import onnxruntime as ort

            so = ort.SessionOptions()
            so.intra_op_num_threads = 1
            so.inter_op_num_threads = 1
            so.log_severity_level = 3
            _SESSION = ort.InferenceSession(str(model_path()), so, providers=["CPUExecutionProvider"])
    return _SESSION


def scores(rgb: np.ndarray, side: int = MODEL_SIDE) -> tuple[np.ndarray, np.ndarray]:
    """(boxes (N, 4) as x, y, w, h in `rgb` pixels, face scores (N,)) for every anchor of the model."""
    h, w = rgb.shape[:2]
    m = max(h, w)
    sq = np.zeros((m, m, 3), np.uint8)  # letterbox: pad right/bottom, as the model was trained
    sq[:h, :w] = rgb[..., :3]
    x = cv2.resize(sq, (side, side), interpolation=cv2.INTER_AREA if m > side else cv2.INTER_LINEAR)
    x = np.ascontiguousarray(x.transpose(2, 0, 1)[None], dtype=np.float32) / 255.0
    s = session()
    out = s.run(None, {s.get_inputs()[0].name: x})[0][0]  # (4 + classes, anchors)
    face = out[[4 + c for c in FACE_CLASSES]].max(axis=0)
    cx, cy, bw, bh = out[:4] * (m / side)
    boxes = np.stack([cx - bw / 2, cy - bh / 2, bw, bh], axis=1)
    return boxes, face


def detect(rgb: np.ndarray, min_frac: float = 0.12, min_score: float = 0.55) -> list[tuple[int, int, int, int]]:
    """Face boxes (x, y, w, h) in `rgb`'s coordinates, sorted; `rgb` must be upright."""
    boxes, face = scores(rgb)
    keep = face >= min_score
    if not keep.any():
        return []
    b, s = boxes[keep], face[keep]
    idx = cv2.dnn.NMSBoxes(b.tolist(), s.tolist(), min_score, 0.45)
    h, w = rgb.shape[:2]
    out = []
    for i in np.asarray(idx).reshape(-1):
        x, y, bw, bh = b[i]
        x0, y0 = max(0, int(round(x))), max(0, int(round(y)))
        x1, y1 = min(w, int(round(x + bw))), min(h, int(round(y + bh)))
        if min(x1 - x0, y1 - y0) >= min_frac * min(h, w):
            out.append((x0, y0, x1 - x0, y1 - y0))
    return sorted(out)


def prescreen(rgb: np.ndarray) -> bool:
    """Whether a face is worth looking for: the model on a 96-px copy of `rgb` (upright) scores >= PRESCREEN_SCORE."""
    return float(scores(rgb, PRESCREEN_SIDE)[1].max()) >= PRESCREEN_SCORE


def find(small: np.ndarray, load, min_frac: float = 0.12, min_score: float = 0.55) -> list[tuple[int, int, int, int]]:
    """`detect` behind the cheap pre-screen on `small` (the upright 256-px decode the measures used);
    `load()` gives the upright copy the detection runs on (decoded only for the few that pass)."""
    if not prescreen(small):
        return []
    return detect(load(), min_frac, min_score)


def face_possible(modality: str, keep: bool, sure: bool = True) -> bool:
    """Whether the face model needs to run at all: only on kept images that can show a face.

    `sure`: whether a `dermoscopic` modality is certain (stated by the dataset, or the black field of a
    contact dermatoscope is in the pixels). A dermoscopic label from the lighting/texture score alone is
    not: a clinical photo of a face could score as dermoscopic, so the face model still looks."""
    if modality == "dermoscopic" and not sure:
        return keep
    return keep and modality not in ("dermoscopic", "histopathology")


def blur_boxes(rgb: np.ndarray, boxes: list[tuple[int, int, int, int]], pad: float = 0.2) -> np.ndarray:
    """A copy with each box (grown by `pad`) replaced by a 4 x 4 pixelation of itself, smoothed."""
    out = rgb.copy()
    h, w = out.shape[:2]
    for x, y, bw, bh in boxes:
        px, py = int(bw * pad), int(bh * pad)
        x0, y0, x1, y1 = max(0, x - px), max(0, y - py), min(w, x + bw + px), min(h, y + bh + py)
        roi = out[y0:y1, x0:x1]
        k = max(3, (max(x1 - x0, y1 - y0) // 3) | 1)
        # pixelate to a 4 x 4 grid, then smooth: no eye/mouth structure survives (not even for a detector)
        small = cv2.resize(roi, (4, 4), interpolation=cv2.INTER_AREA)
        out[y0:y1, x0:x1] = cv2.GaussianBlur(cv2.resize(small, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR), (k, k), 0)
    return out
