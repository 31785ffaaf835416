"""The embedded filter back-end: OpenCV measures, no weights.

Skin is detected with several colour models at once (YCrCb, HSV and a normalised-rg model) so that
dark skin is not missed: a pixel counts as skin if any model accepts it. Slides and charts are told
apart by large flat low-saturation areas plus many thin edges (text).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Measures:
    skin_ratio: float
    colourfulness: float
    edge_density: float
    flat_ratio: float
    blur: float  # variance of the Laplacian
    brightness: float
    contrast: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in self.__dict__.items()}


def skin_mask(bgr: np.ndarray) -> np.ndarray:
    ycrcb = cv2.cvtColor(bgr, cv2.COLOR_BGR2YCrCb)
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    y, cr, cb = ycrcb[..., 0], ycrcb[..., 1].astype(np.int16), ycrcb[..., 2].astype(np.int16)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    m1 = (cr >= 133) & (cr <= 180) & (cb >= 77) & (cb <= 135) & (y > 20)
    m2 = ((h <= 25) | (h >= 165)) & (s >= 40) & (s <= 200) & (v >= 30)
    b, g, r = (bgr[..., i].astype(np.float32) for i in range(3))
    tot = b + g + r + 1e-6
    rn, gn = r / tot, g / tot
    m3 = (rn > 0.36) & (rn < 0.60) & (gn > 0.22) & (gn < 0.37) & (tot > 60)  # dark skin keeps its chroma
    return m1 | m2 | m3


def measure(bgr: np.ndarray) -> Measures:
    small = bgr
    h, w = bgr.shape[:2]
    if max(h, w) > 256:
        sc = 256 / max(h, w)
        small = cv2.resize(bgr, (max(1, int(w * sc)), max(1, int(h * sc))), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    skin = float(skin_mask(small).mean())
    b, g, r = (small[..., i].astype(np.float32) for i in range(3))
    rg, yb = r - g, 0.5 * (r + g) - b
    colourful = float(np.sqrt(rg.std() ** 2 + yb.std() ** 2) + 0.3 * np.sqrt(rg.mean() ** 2 + yb.mean() ** 2))
    edges = cv2.Canny(gray, 80, 200)
    edge_density = float((edges > 0).mean())
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    lap_local = np.abs(cv2.Laplacian(gray, cv2.CV_32F))
    flat = float(((hsv[..., 1] < 25) & (cv2.blur(lap_local, (5, 5)) < 2.0)).mean())
    # Sharpness on a contrast-normalised image: dark skin has less contrast, not less focus.
    g = gray.astype(np.float32)
    norm = (g - g.mean()) / (g.std() + 1e-3) * 40.0 + 128.0
    blur = float(cv2.Laplacian(norm, cv2.CV_32F).var())
    return Measures(skin, colourful, edge_density, flat, blur, float(gray.mean()), float(gray.std()))


def classify(m: Measures, min_skin: float = 0.12, max_flat: float = 0.45) -> tuple[bool, str, str]:
    """(keep, reason, modality) from the measures."""
    if m.flat_ratio > max_flat and m.skin_ratio < 0.5:
        return False, "slide_or_diagram", "other"
    if m.skin_ratio < min_skin:
        return False, "not_skin", "other"
    return True, "", "clinical"
