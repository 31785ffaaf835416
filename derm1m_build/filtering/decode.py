"""Decoding for the filter: safe (images.decode) and upright.

Phones store photos sideways with an EXIF `Orientation` tag that says how to turn them. Every filter
measure, the back-ends and the face detector look at the pixels as a person would see them, so the tag is
applied (PIL `ImageOps.exif_transpose`) before anything else; a portrait stored sideways is otherwise
invisible to a face detector, and a blurred copy would be written sideways.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps

from derm1m_build.errors import ItemError
from derm1m_build.images import decode


def orientation(im: Image.Image) -> int:
    """The EXIF Orientation tag (1 = upright; 2-8 need a transpose)."""
    try:
        return int(im.getexif().get(0x0112, 1) or 1)
    except Exception:  # a corrupt EXIF block: treat as upright
        return 1


def upright(im: Image.Image) -> Image.Image:
    """`im` turned as its EXIF Orientation says (unchanged when there is none or it is broken)."""
    if orientation(im) in (2, 3, 4, 5, 6, 7, 8):
        try:
            return ImageOps.exif_transpose(im)
        except Exception:  # a broken EXIF block must not lose the image
            return im
    return im


def load_upright(path_or_bytes: str | Path | bytes, max_side: int | None = None) -> Image.Image:
    """Decoded, upright RGB image, at most `max_side` px on its long side (JPEG decoded at reduced scale)."""
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    im = upright(decode(data, draft=max_side))
    try:
        im = im.convert("RGB")
    except Exception as e:  # a mode PIL cannot convert
        raise ItemError("image_corrupt", type(e).__name__) from None
    if max_side and max(im.size) > max_side:
        im.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    return im
