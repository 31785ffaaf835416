"""Per-image fingerprints that propose near-duplicate candidates (cheap, stored with the row).

Why more than the 64-bit pHash: re-posted photos gain borders (white frames, figure gutters) and lose
a margin (crops), and pHash moves by 10-30 bits under both, while distinct lesion close-ups sit
within 8-12 bits of each other. So:

* `trim` cuts uniform borders first (a frame, a figure gutter): every fingerprint is of the trimmed image;
* `hashes`: the pHash of the trimmed image and of its mirror (a mirrored copy has the mirror's hash);
* `thumb`: a 192-d vector (8x8 CIE-Lab thumbnail of the central 80 %, each channel standardised, L2
  normalised): nearest neighbours under it survive crops up to ~15 % and colour shifts, which a radius
  in hash space does not; it is searched as k-nearest-neighbours, so the work stays n * k.

* `dc`: a 12 x 12 CIE-Lab grid of the trimmed image (432 bytes), from which `crops.py` makes shifted
  window thumbs: crop copies among many look-alikes, which the centred thumb does not rank first.

Candidates are only proposals: `confirm.py` decides.
"""

from __future__ import annotations

import base64

import cv2
import numpy as np

from derm1m_build.filtering.phash import phash

THUMB_DIM = 192


def trim(bgr: np.ndarray, tol: int = 12, max_frac: float = 0.25) -> np.ndarray:
    """The image without uniform rows/columns at its edges (at most `max_frac` from each side)."""
    g = bgr if bgr.ndim == 2 else cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    h, w = g.shape
    if h < 8 or w < 8:
        return bgr
    t, b, l, r = 0, h, 0, w
    lim_h, lim_w = int(h * max_frac), int(w * max_frac)
    while t < lim_h and int(g[t].max()) - int(g[t].min()) <= tol:
        t += 1
    while h - b < lim_h and int(g[b - 1].max()) - int(g[b - 1].min()) <= tol:
        b -= 1
    sub = g[t:b]
    while l < lim_w and int(sub[:, l].max()) - int(sub[:, l].min()) <= tol:
        l += 1
    while w - r < lim_w and int(sub[:, r - 1].max()) - int(sub[:, r - 1].min()) <= tol:
        r -= 1
    return bgr[t:b, l:r]


def centre(im: np.ndarray, frac: float) -> np.ndarray:
    h, w = im.shape[:2]
    dh, dw = round(h * (1 - frac) / 2), round(w * (1 - frac) / 2)
    return im[dh:h - dh, dw:w - dw]


def hashes(bgr: np.ndarray) -> tuple[int, int]:
    """(pHash of the trimmed image, pHash of its mirror)."""
    t = trim(bgr)
    return phash(t), phash(t[:, ::-1])


def thumb(bgr: np.ndarray) -> np.ndarray:
    """The 192-d crop- and colour-tolerant vector (float32, unit length)."""
    t = centre(trim(bgr), 0.8)
    lab = cv2.resize(cv2.cvtColor(t, cv2.COLOR_BGR2Lab), (8, 8), interpolation=cv2.INTER_AREA).astype(np.float32)
    lab -= lab.mean(axis=(0, 1), keepdims=True)
    lab /= lab.std(axis=(0, 1), keepdims=True) + 2.0  # + 2: a flat channel is not blown up into noise
    v = lab.reshape(-1)
    return (v / (np.linalg.norm(v) + 1e-6)).astype(np.float32)


def encode(v: np.ndarray) -> str:
    return base64.b64encode(np.asarray(v, np.float16).tobytes()).decode("ascii")


def decode(s: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), np.float16).astype(np.float32)


def fingerprint(bgr: np.ndarray) -> dict:
    """What the filter stage stores per image for the duplicate fit: {"dh": [hex, hex], "dt": b64, "dc": b64}."""
    from derm1m_build.filtering import crops

    a, b = hashes(bgr)
    return {"dh": [f"{a:016x}", f"{b:016x}"], "dt": encode(thumb(bgr)), "dc": crops.encode(crops.grid(bgr))}
