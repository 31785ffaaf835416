"""Identifiable faces: OpenCV's bundled Haar cascade (frontal face), and blurring them away.

A face counts when it is at least `min_frac` of the image's short side (a face in the background of a
clinical photo at a few pixels is not identifiable). Detection runs on a copy scaled to at most
`side` pixels, so its cost is bounded; boxes are mapped back to the full image for blurring.
"""

from __future__ import annotations

import cv2
import numpy as np

_CASCADE: cv2.CascadeClassifier | None = None


def cascade() -> cv2.CascadeClassifier:
    global _CASCADE
    if _CASCADE is None:
        _CASCADE = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
        if _CASCADE.empty():  # pragma: no cover - broken OpenCV install
            raise RuntimeError("OpenCV's haarcascade_frontalface_default.xml is missing (install opencv-python-headless<5)")
    return _CASCADE


def detect(rgb: np.ndarray, min_frac: float = 0.12, side: int = 320, min_neighbors: int = 8) -> list[tuple[int, int, int, int]]:
    """Face boxes (x, y, w, h) in full-image coordinates, sorted."""
    h, w = rgb.shape[:2]
    sc = min(1.0, side / max(h, w))
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if sc < 1.0:
        gray = cv2.resize(gray, (max(1, int(w * sc)), max(1, int(h * sc))), interpolation=cv2.INTER_AREA)
    mn = max(20, int(min(gray.shape) * min_frac))
    boxes = cascade().detectMultiScale(gray, scaleFactor=1.1, minNeighbors=min_neighbors, minSize=(mn, mn))
    out = [tuple(int(round(v / sc)) for v in b) for b in (boxes if len(boxes) else [])]
    return sorted(out)


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
