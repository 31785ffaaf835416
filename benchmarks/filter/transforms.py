"""What re-posting does to a photo: the transformations the duplicate and decontamination benchmarks
(and tests) plant. Each takes a BGR uint8 array and a seed and returns a new BGR array; seeded, so a
rerun plants the same copies.

Duplicates (issue: near-duplicates): resize 60 %, crop 6-15 %, mirror, 4 % white border,
brightness/colour +6 %, JPEG re-encode, watermark text. Decontamination adds: crop up to 20 %,
vertical flip, 90-degree turns, and a panel pasted into a compound figure.
"""

from __future__ import annotations

import random
from typing import Callable

import cv2
import numpy as np


def resize60(im: np.ndarray, seed: int = 0) -> np.ndarray:
    h, w = im.shape[:2]
    return cv2.resize(im, (max(1, round(w * 0.6)), max(1, round(h * 0.6))), interpolation=cv2.INTER_AREA)


def _crop(im: np.ndarray, seed: int, lo: float, hi: float) -> np.ndarray:
    """Remove a fraction in [lo, hi] of the width and of the height, split at random between the sides."""
    rng = random.Random(seed)
    h, w = im.shape[:2]
    fw, fh = rng.uniform(lo, hi), rng.uniform(lo, hi)
    dw, dh = round(w * fw), round(h * fh)
    left, top = rng.randint(0, dw), rng.randint(0, dh)
    return im[top:h - (dh - top), left:w - (dw - left)].copy()


def crop15(im: np.ndarray, seed: int = 0) -> np.ndarray:
    return _crop(im, seed, 0.06, 0.15)


def crop20(im: np.ndarray, seed: int = 0) -> np.ndarray:
    return _crop(im, seed, 0.10, 0.20)


def mirror(im: np.ndarray, seed: int = 0) -> np.ndarray:
    return im[:, ::-1].copy()


def vflip(im: np.ndarray, seed: int = 0) -> np.ndarray:
    return im[::-1].copy()


def rot90(im: np.ndarray, seed: int = 0) -> np.ndarray:
    return cv2.rotate(im, [cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_90_COUNTERCLOCKWISE, cv2.ROTATE_180][seed % 3])


def border4(im: np.ndarray, seed: int = 0) -> np.ndarray:
    h, w = im.shape[:2]
    b = max(1, round(0.04 * max(h, w)))
    return cv2.copyMakeBorder(im, b, b, b, b, cv2.BORDER_CONSTANT, value=(255, 255, 255))


def colour6(im: np.ndarray, seed: int = 0) -> np.ndarray:
    """Brightness +6 % and one colour channel a further +6 % (a mild white-balance shift)."""
    x = im.astype(np.float32) * 1.06
    x[..., seed % 3] *= 1.06
    return np.clip(x, 0, 255).astype(np.uint8)


def jpeg(im: np.ndarray, seed: int = 0, quality: int = 60) -> np.ndarray:
    ok, buf = cv2.imencode(".jpg", im, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def watermark(im: np.ndarray, seed: int = 0) -> np.ndarray:
    """A site's name in semi-opaque white text along the bottom, as atlases and forums stamp it."""
    out = im.copy()
    h, w = out.shape[:2]
    scale = max(0.4, w / 600)
    text = ["www.dermatlas.example", "(c) skin forum", "DermClinic 2024"][seed % 3]
    over = out.copy()
    cv2.putText(over, text, (round(0.05 * w), round(0.93 * h)), cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255),
                max(1, round(2 * scale)), cv2.LINE_AA)
    return cv2.addWeighted(over, 0.7, out, 0.3, 0)


def panel(im: np.ndarray, seed: int = 0, others: list[np.ndarray] | None = None) -> np.ndarray:
    """The photo as one panel of a 2x2 compound figure (white gutters, a panel letter), then cut back out
    at the gutters as a figure splitter would: a slightly loose crop with some gutter around it."""
    h, w = im.shape[:2]
    g = max(4, round(0.03 * max(h, w)))
    rng = random.Random(seed)
    fig = np.full((2 * h + 3 * g, 2 * w + 3 * g, 3), 255, np.uint8)
    pos = rng.randrange(4)
    r, c = divmod(pos, 2)
    y, x = g + r * (h + g), g + c * (w + g)
    fig[y:y + h, x:x + w] = im
    cv2.putText(fig, "ABCD"[pos], (x + 4, y + max(12, h // 12)), cv2.FONT_HERSHEY_SIMPLEX, max(0.4, w / 500),
                (255, 255, 255), 2, cv2.LINE_AA)
    m = g // 2
    return fig[y - m:y + h + m, x - m:x + w + m].copy()


DUPLICATE_KINDS: dict[str, Callable[[np.ndarray, int], np.ndarray]] = {
    "resize60": resize60, "crop6-15": crop15, "mirror": mirror, "border4": border4, "colour6": colour6,
    "jpeg": jpeg, "watermark": watermark,
}

DECONTAM_KINDS: dict[str, Callable[[np.ndarray, int], np.ndarray]] = {
    **DUPLICATE_KINDS, "crop10-20": crop20, "vflip": vflip, "rot90": rot90, "panel": panel,
}


def apply(kind: str, im: np.ndarray, seed: int = 0) -> np.ndarray:
    return {**DUPLICATE_KINDS, **DECONTAM_KINDS}[kind](im, seed)


def photos(root: str = "../shared/realdata/photos") -> list[tuple[str, str]]:
    """(relative file, diagnosis) of the real photographs, in PROVENANCE.tsv order."""
    from pathlib import Path

    lines = (Path(root) / "PROVENANCE.tsv").read_text().splitlines()
    head = lines[0].split("\t")
    out = []
    for ln in lines[1:]:
        f = dict(zip(head, ln.split("\t")))
        out.append((f["file"], f["diagnosis_label"]))
    return out


# --------------------------------------------------------------------------------------------
# held-out variants: the same seven kinds of re-posting with other parameters and seeds. Frozen (with
# `benchmarks/filter/dedup_sets.py`) before the duplicate rule was tuned on the kinds above; the rule's
# thresholds never look at these.

HELDOUT_SEED = 1000


def resize45(im: np.ndarray, seed: int = 0) -> np.ndarray:
    h, w = im.shape[:2]
    return cv2.resize(im, (max(1, round(w * 0.45)), max(1, round(h * 0.45))), interpolation=cv2.INTER_AREA)


def crop8_15(im: np.ndarray, seed: int = 0) -> np.ndarray:
    return _crop(im, seed + HELDOUT_SEED, 0.08, 0.15)


def mirror_resize90(im: np.ndarray, seed: int = 0) -> np.ndarray:
    h, w = im.shape[:2]
    return cv2.resize(im[:, ::-1], (max(1, round(w * 0.9)), max(1, round(h * 0.9))), interpolation=cv2.INTER_AREA)


def border5grey(im: np.ndarray, seed: int = 0) -> np.ndarray:
    """A 5 % light-grey frame, wider at the bottom (a caption strip)."""
    h, w = im.shape[:2]
    b = max(1, round(0.05 * max(h, w)))
    return cv2.copyMakeBorder(im, b, 2 * b, b, b, cv2.BORDER_CONSTANT, value=(235, 235, 235))


def colour_minus6(im: np.ndarray, seed: int = 0) -> np.ndarray:
    """Brightness -6 % and one colour channel a further -5 % (the other way from `colour6`)."""
    x = im.astype(np.float32) * 0.94
    x[..., (seed + 1) % 3] *= 0.95
    return np.clip(x, 0, 255).astype(np.uint8)


def jpeg50(im: np.ndarray, seed: int = 0) -> np.ndarray:
    return jpeg(im, seed, quality=50)


def watermark_top(im: np.ndarray, seed: int = 0) -> np.ndarray:
    """Another site's stamp: yellowish text at the top left."""
    out = im.copy()
    h, w = out.shape[:2]
    scale = max(0.4, w / 700)
    text = ["derm-images.example.org", "ClinicPhotos", "(c) atlas 2019"][(seed + HELDOUT_SEED) % 3]
    over = out.copy()
    cv2.putText(over, text, (round(0.04 * w), round(0.09 * h)), cv2.FONT_HERSHEY_DUPLEX, scale, (80, 230, 250),
                max(1, round(2 * scale)), cv2.LINE_AA)
    return cv2.addWeighted(over, 0.65, out, 0.35, 0)


HELDOUT_KINDS: dict[str, Callable[[np.ndarray, int], np.ndarray]] = {
    "resize60": resize45, "crop6-15": crop8_15, "mirror": mirror_resize90, "border4": border5grey,
    "colour6": colour_minus6, "jpeg": jpeg50, "watermark": watermark_top,
}  # keyed by the tuning kind each stands for (resize 45 %, crop 8-15 %, mirror + 90 %, 5 % grey frame, ...)
