"""Building blocks for the splitter tests' figures made from the shared real photographs.

Why one module: the geometry rounds' tests (`test_pubmed_figure_frames.py`, `test_pmc_panels16_geom.py`,
`test_pmc_panels17_geom.py`) and the box checks of others each carried their own copy of these four helpers.
"""

from __future__ import annotations

import cv2
import numpy as np

from benchmarks.pmc.derm_grids import photo_paths


def photos(kind: str, start: int, n: int) -> list[np.ndarray]:
    """`n` shared photographs of one kind ("clinical", "dermoscopy"), from `start`, wrapping around."""
    paths = [p for p in photo_paths() if kind in p.parts]
    return [cv2.imread(str(paths[(start + i) % len(paths)]), cv2.IMREAD_COLOR) for i in range(n)]


def fit(img: np.ndarray, w: int, h: int) -> np.ndarray:
    """The photo scaled to cover w x h and cropped to it, centred (a panel cut from a larger picture)."""
    ih, iw = img.shape[:2]
    s = max(w / iw, h / ih)
    img = cv2.resize(img, (max(w, round(iw * s)), max(h, round(ih * s))), interpolation=cv2.INTER_AREA)
    y, x = (img.shape[0] - h) // 2, (img.shape[1] - w) // 2
    return img[y:y + h, x:x + w]


def jpeg(img: np.ndarray) -> np.ndarray:
    """The figure after a JPEG round trip at quality 90, as journals serve it (gutters get noisy)."""
    return cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 90])[1], cv2.IMREAD_COLOR)


def iou(a, b) -> float:
    """Intersection over union of two [x0, y0, x1, y1] boxes."""
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    return ix * iy / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy)
