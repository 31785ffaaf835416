"""The real photographs vendored for the demo (`data/photos/`, attribution in its ATTRIBUTION.md).

`photos(condition, kind)` lists those of one condition ("basal cell carcinoma", ...), `kind` "clinical"
(PAD-UFES-20, CC BY 4.0) or "dermoscopy" (ISIC 2017, CC0), in a fixed order; `read(photo)` gives its
BGR pixels. Generators use a real photograph where one shows the case's condition, and draw one
(the lesion style of that condition) only where none does.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

DIR = Path(__file__).resolve().parent / "data" / "photos"


@dataclass(frozen=True)
class Photo:
    file: str
    condition: str
    kind: str
    dataset: str
    licence: str
    notes: str

    @property
    def path(self) -> Path:
        return DIR / self.file


@lru_cache(maxsize=1)
def all_photos() -> tuple[Photo, ...]:
    text = (DIR / "photos.tsv").read_text(encoding="utf-8")
    return tuple(Photo(r["file"], r["condition"], r["kind"], r["dataset"], r["licence"], r["notes"])
                 for r in csv.DictReader(io.StringIO(text), delimiter="\t"))


def photos(condition: str, kind: str | None = None) -> list[Photo]:
    return [p for p in all_photos() if p.condition == condition and (kind is None or p.kind == kind)]


def read(photo: Photo) -> np.ndarray:
    img = cv2.imdecode(np.frombuffer(photo.path.read_bytes(), np.uint8), cv2.IMREAD_COLOR)
    if img is None:  # pragma: no cover - vendored files are checked by the tests
        raise ValueError(f"cannot decode {photo.file}")
    return img


def cover(img: np.ndarray, w: int, h: int) -> np.ndarray:
    """Scale to cover w x h and crop the centre (a photograph fills a video frame without bars)."""
    ih, iw = img.shape[:2]
    f = max(w / iw, h / ih)
    r = cv2.resize(img, (max(w, round(iw * f)), max(h, round(ih * f))), interpolation=cv2.INTER_AREA)
    y, x = (r.shape[0] - h) // 2, (r.shape[1] - w) // 2
    return r[y:y + h, x:x + w]
