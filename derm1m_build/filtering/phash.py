"""64-bit perceptual hash (DCT of a 32x32 greyscale, sign of the 8x8 low band against its median)."""

from __future__ import annotations

import cv2
import numpy as np


def phash(bgr_or_gray: np.ndarray) -> int:
    g = bgr_or_gray if bgr_or_gray.ndim == 2 else cv2.cvtColor(bgr_or_gray, cv2.COLOR_BGR2GRAY)
    small = cv2.resize(g, (32, 32), interpolation=cv2.INTER_AREA).astype(np.float32)
    d = cv2.dct(small)[:8, :8].flatten()
    med = np.median(d[1:])
    bits = d > med
    return int("".join("1" if b else "0" for b in bits), 2)


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def to_hex(h: int) -> str:
    return f"{h:016x}"
