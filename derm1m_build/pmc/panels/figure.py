"""Values of a whole figure that several rules read, computed once per split (`memo.per_figure`).

The steps of `split_panels` each took the figure's darkest channel, its grey, its ink or its grey
view at every `step`-th pixel afresh (the chart joins, the link and tile joins, the partial cut,
the orphan and drawing joins, the left-out test, the bracket-label search). Each function here
returns exactly the array those steps built (tested against their old expressions), kept for the
running split and read-only; outside a split it is computed on every call. A rule reading a
region of one of them reads the same pixels it would have computed for the region alone (each
value is a per-pixel function of the figure)."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import _MAX_SIDE, channel_min
from .memo import in_figure, per_figure


def darkest(img: np.ndarray) -> np.ndarray:
    """Each pixel's darkest channel (uint8, H x W); a grey figure itself."""
    if img.ndim == 2:
        return img
    return per_figure("darkest", (img,), None, lambda: channel_min(img[:, :, :3]))


def ink(img: np.ndarray) -> np.ndarray:
    """Pixels with some channel under 200 (bool, H x W): the ink the chart joins read."""
    return per_figure("ink", (img,), None, lambda: darkest(img) < 200)


def grey(img: np.ndarray) -> np.ndarray:
    """The figure in grey (`cv2.COLOR_BGR2GRAY` of its first three channels); a grey figure itself."""
    if img.ndim == 2:
        return img
    return per_figure("grey", (img,), None,
                      lambda: cv2.cvtColor(np.ascontiguousarray(img[..., :3]), cv2.COLOR_BGR2GRAY))


def grey_part(img: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    """The grey of img[y0:y1, x0:x1]: a region of `grey(img)` within a split (the whole figure's
    grey made once for all its pieces), else the region's own grey (no whole-figure grey made for one
    piece). The same pixels either way."""
    if img.ndim == 2:
        return img[y0:y1, x0:x1]
    if in_figure():
        return grey(img)[y0:y1, x0:x1]
    return cv2.cvtColor(np.ascontiguousarray(img[y0:y1, x0:x1, :3]), cv2.COLOR_BGR2GRAY)


def darkest_part(img: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    """The darkest channel of img[y0:y1, x0:x1]: a region of `darkest(img)` within a split, else the
    region's own (as `grey_part`)."""
    if img.ndim == 2:
        return img[y0:y1, x0:x1]
    if in_figure():
        return darkest(img)[y0:y1, x0:x1]
    return channel_min(img[y0:y1, x0:x1, :3])


def grey_view(img: np.ndarray) -> tuple[np.ndarray, int]:
    """The figure's grey at every `step`-th pixel (at most `_MAX_SIDE` a side, contiguous) and the step."""
    step = max(1, max(img.shape[:2]) // _MAX_SIDE)
    if img.ndim == 2:   # a grey figure's view may be the figure itself: not kept (it is never frozen)
        return np.ascontiguousarray(img[::step, ::step]), step
    return per_figure("grey view", (img,), step,
                      lambda: cv2.cvtColor(np.ascontiguousarray(img[::step, ::step])[:, :, :3], cv2.COLOR_BGR2GRAY)), step
