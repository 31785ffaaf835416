"""Synthetic images for the demo and the tests: lesion-like skin photographs on six skin tones, slides, charts.

Deterministic: every image is a function of its seed.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image

# Approximate sRGB of Fitzpatrick I..VI skin.
SKIN_TONES = [(241, 206, 180), (224, 182, 150), (198, 150, 112), (160, 110, 75), (115, 75, 48), (72, 46, 32)]

LESION_STYLES = {
    # name: (colour shift relative to skin (BGR multipliers), border irregularity, scale specks, count)
    "red_plaque": ((0.75, 0.7, 1.1), 0.15, True, 3),
    "brown_macule": ((0.55, 0.6, 0.7), 0.25, False, 1),
    "dark_nodule": ((0.35, 0.35, 0.45), 0.1, False, 1),
    "pearly_papule": ((1.05, 1.0, 1.0), 0.05, False, 1),
    "vesicles": ((0.9, 0.85, 1.15), 0.05, False, 9),
    "ring": ((0.7, 0.7, 1.05), 0.1, True, 1),
}


def skin_photo(seed: int, size: int = 384, tone: int | None = None, style: str | None = None) -> np.ndarray:
    """A BGR uint8 image of skin with one kind of lesion."""
    rng = np.random.default_rng(seed)
    tone = int(rng.integers(0, 6)) if tone is None else tone
    style = style or sorted(LESION_STYLES)[int(rng.integers(0, len(LESION_STYLES)))]
    r, g, b = SKIN_TONES[tone]
    base = np.empty((size, size, 3), np.float32)
    base[...] = (b, g, r)
    # shading and texture
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size
    shade = 0.85 + 0.25 * (1 - ((xx - rng.random()) ** 2 + (yy - rng.random()) ** 2))
    base *= shade[..., None]
    # Uneven light over the body surface: a smooth random field, so that two photos of the same
    # lesion type and tone still differ in their low frequencies (what a perceptual hash sees).
    field = cv2.resize(rng.normal(0.0, 1.0, (5, 5)).astype(np.float32), (size, size), interpolation=cv2.INTER_CUBIC)
    base *= (1.0 + 0.12 * field)[..., None]
    noise = cv2.GaussianBlur(rng.normal(0, 9, (size, size)).astype(np.float32), (0, 0), 1.2)
    base += noise[..., None]
    pores = rng.random((size, size)) < 0.01
    base[pores] *= 0.85
    mult, irregular, specks, count = LESION_STYLES[style]
    mask = np.zeros((size, size), np.uint8)
    for _ in range(count):
        cx, cy = rng.integers(size // 4, 3 * size // 4, 2)
        rad = int(rng.integers(size // 14, size // 5)) if count <= 3 else int(rng.integers(size // 40, size // 25))
        angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
        radii = rad * (1 + irregular * rng.normal(0, 1, 24))
        pts = np.stack([cx + radii * np.cos(angles), cy + radii * np.sin(angles)], 1).astype(np.int32)
        cv2.fillPoly(mask, [pts], 255)
        if style == "ring":
            inner = (pts - [cx, cy]) * 0.6 + [cx, cy]
            cv2.fillPoly(mask, [inner.astype(np.int32)], 0)
    soft = cv2.GaussianBlur(mask.astype(np.float32) / 255, (0, 0), 3)[..., None]
    lesion = base * np.array(mult, np.float32)
    img = base * (1 - soft) + lesion * soft
    if specks:
        sp = (rng.random((size, size)) < 0.05) & (mask > 0)
        img[sp] = img[sp] * 0.4 + 235 * 0.6
    return np.clip(img, 0, 255).astype(np.uint8)


def slide(seed: int, size: tuple[int, int] = (480, 360), lines: list[str] | None = None) -> np.ndarray:
    """A lecture slide: flat background, a title and bullet text."""
    rng = np.random.default_rng(seed)
    w, h = size
    bg = [(255, 255, 255), (250, 245, 235), (90, 40, 20)][int(rng.integers(0, 3))]
    fg = (20, 20, 20) if sum(bg) > 300 else (255, 255, 255)
    img = np.full((h, w, 3), bg, np.uint8)
    lines = lines or ["Differential diagnosis", "- Psoriasis vs eczema", "- Distribution and morphology",
                      "- Biopsy when in doubt", "- Treatment ladder"]
    cv2.putText(img, lines[0], (20, 45), cv2.FONT_HERSHEY_SIMPLEX, 0.9, fg, 2, cv2.LINE_AA)
    for i, t in enumerate(lines[1:]):
        cv2.putText(img, t, (30, 95 + 38 * i), cv2.FONT_HERSHEY_SIMPLEX, 0.6, fg, 1, cv2.LINE_AA)
    return img


def chart(seed: int, size: tuple[int, int] = (480, 360)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    w, h = size
    img = np.full((h, w, 3), 255, np.uint8)
    cv2.line(img, (40, h - 40), (w - 20, h - 40), (0, 0, 0), 2)
    cv2.line(img, (40, h - 40), (40, 20), (0, 0, 0), 2)
    n = 6
    for i in range(n):
        bh = int(rng.integers(30, h - 80))
        x0 = 60 + i * (w - 100) // n
        cv2.rectangle(img, (x0, h - 40 - bh), (x0 + (w - 100) // n - 12, h - 41), (180, 120, 60), -1)
        cv2.putText(img, f"G{i + 1}", (x0, h - 20), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1, cv2.LINE_AA)
    return img


def to_jpeg(bgr: np.ndarray, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)).save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def to_png(bgr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)).save(buf, format="PNG")
    return buf.getvalue()


def face_photo(seed: int, size: int = 320) -> np.ndarray:
    """A patient photo with an identifiable frontal face drawn on skin (eyes, brows, nose, mouth) that
    OpenCV's Haar cascade finds: for the face checks of the filter."""
    img = skin_photo(seed, size=size, tone=int(np.random.default_rng(seed).integers(0, 3)), style="red_plaque")
    c = size // 2
    cv2.ellipse(img, (c, c), (int(size * .3), int(size * .4)), 0, 0, 360, (150, 180, 220), -1)
    for dx in (-1, 1):
        cv2.ellipse(img, (c + dx * int(size * .11), c - int(size * .08)), (int(size * .06), int(size * .03)), 0, 0, 360,
                    (40, 40, 40), -1)
        cv2.line(img, (c + dx * int(size * .05), c - int(size * .15)), (c + dx * int(size * .18), c - int(size * .15)),
                 (30, 30, 30), max(2, size // 50))
    cv2.line(img, (c, c - int(size * .02)), (c, c + int(size * .1)), (90, 110, 150), max(2, size // 80))
    cv2.ellipse(img, (c, c + int(size * .2)), (int(size * .1), int(size * .03)), 0, 0, 360, (60, 60, 160), -1)
    noise = np.random.default_rng(seed + 1).normal(0, 4, img.shape)
    return np.clip(cv2.GaussianBlur(img, (0, 0), 1.5) + noise, 0, 255).astype(np.uint8)
