"""Content-addressed image store and safe decoding.

Images arrive from the open web: they may be truncated, bombs, CMYK, 16-bit, palette or animated. We
check the header before decoding, cap the pixel count, and store what a training loader can open: JPEG
and PNG in RGB or greyscale keep their coded pixels; anything else is converted once to RGB PNG. The
name of a stored image is the sha256 of its stored bytes (`images/ab/<sha256>.<ext>`).

Privacy: photos come from patients' phones and strangers' posts, so what is stored is upright and carries
nothing but what decoding needs (see `metadata.py`): EXIF (GPS, camera serial, Artist, comments, the
EXIF thumbnail), XMP, IPTC, JPEG comments and PNG text chunks are dropped here, once, before hashing, so
every copy downstream (dataset/, exports) is clean. A JPEG whose EXIF orientation is 1 (or absent) is
stripped losslessly (its coded pixels untouched); one that must be rotated is decoded, turned upright and
re-encoded (quality 95, same chroma subsampling); the ICC colour profile is kept.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile

from derm1m_build.errors import ItemError
from derm1m_build.hashing import sha256_bytes
from derm1m_build.store import atomic_write_bytes

MAX_PIXELS = 40_000_000  # 40 MP: larger is a bomb or a poster, not a skin photo
MAX_BYTES = 50 * 1024 * 1024
MIN_SIDE = 8
# Only these decoders ever see untrusted bytes (no EPS: it runs Ghostscript; no exotic plugins).
FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF")

Image.MAX_IMAGE_PIXELS = 2 * MAX_PIXELS  # our own check (with the size) runs first; PIL refuses far larger at open
ImageFile.LOAD_TRUNCATED_IMAGES = False


@dataclass(frozen=True)
class ImageInfo:
    sha256: str
    ext: str
    width: int
    height: int

    @property
    def relpath(self) -> str:
        return f"images/{self.sha256[:2]}/{self.sha256}.{self.ext}"


def decode(data: bytes, draft: int | None = None) -> Image.Image:
    """Open and fully decode untrusted bytes, or raise ItemError with a reason.

    The header's size is checked against MAX_PIXELS before any pixel is decoded (a 50,000 x 50,000
    PNG is a few KB of bytes but 7.5 GB of pixels). `draft` lets JPEG decode at a reduced scale
    (DCT scaling) with the long side still >= draft: much faster when only a thumbnail is needed (a
    512 x 384 JPEG wanted at 256 px decodes at 256 x 192, not in full).
    """
    if not data:
        raise ItemError("image_empty")
    if len(data) > MAX_BYTES:
        raise ItemError("image_too_large", f"{len(data)} bytes")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=FORMATS)
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise ItemError("image_too_large", f"{w}x{h}")
            if draft and im.format == "JPEG" and im.mode in ("RGB", "L"):
                m = max(w, h)  # PIL keeps both sides >= the request: ask for the long side's scale
                im.draft(im.mode, (max(1, draft * w // m), max(1, draft * h // m)))
            im.load()
    except ItemError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ItemError("image_too_large", "decompression bomb") from None
    except Image.UnidentifiedImageError:
        raise ItemError("image_unsupported", "not a JPEG/PNG/GIF/WebP/BMP/TIFF image") from None
    except Exception as e:  # PIL raises many types for corrupt data
        raise ItemError("image_corrupt", type(e).__name__) from None
    if min(im.size) < MIN_SIDE:
        raise ItemError("image_too_small", f"{im.size[0]}x{im.size[1]}")
    return im


def orientation(im: Image.Image) -> int:
    """The EXIF orientation tag (1..8); 1 when absent or unreadable."""
    try:
        o = im.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block is no reason to lose the picture
        return 1
    return o if isinstance(o, int) and 1 <= o <= 8 else 1


def upright(im: Image.Image) -> Image.Image:
    """`im` turned as its EXIF orientation says (a no-op for orientation 1)."""
    o = orientation(im)
    if o == 1:
        return im
    method = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
              5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}[o]
    out = im.transpose(method)
    out.format = im.format
    out.info = {k: v for k, v in im.info.items() if k == "icc_profile"}
    return out


def normalise(data: bytes) -> tuple[bytes, str, int, int]:
    """Bytes to store, their extension and size: upright, with no metadata but what decoding needs.

    JPEG/PNG in RGB/L with orientation 1 keep their coded pixels (metadata segments/chunks dropped);
    a rotated JPEG is re-encoded upright; everything else is converted once to a clean PNG.
    """
    return _normalise(decode(data), data)


def _normalise(im: Image.Image, data: bytes) -> tuple[bytes, str, int, int]:
    """`normalise` of `data`, given `im`, the (untouched) `decode(data)`."""
    from derm1m_build.metadata import jpeg_reencode, strip_jpeg, strip_png

    fmt = (im.format or "").upper()
    animated = bool(getattr(im, "is_animated", False))  # checks for a 2nd frame only; n_frames would scan all
    png16 = fmt == "PNG" and len(data) > 24 and data[24] == 16  # IHDR bit depth: 16-bit samples
    turn = orientation(im)
    try:
        if fmt in ("JPEG", "PNG") and im.mode in ("RGB", "L") and not animated and not png16:
            if turn == 1:
                try:
                    clean = strip_jpeg(data) if fmt == "JPEG" else strip_png(data)
                    return clean, ("jpg" if fmt == "JPEG" else "png"), im.size[0], im.size[1]
                except ItemError:  # a layout the decoder tolerated (junk between segments): re-encode instead
                    if fmt == "PNG":
                        return _to_png(im)
                    from PIL import JpegImagePlugin

                    return (jpeg_reencode(upright(im), JpegImagePlugin.get_sampling(im), im.info.get("icc_profile")),
                            "jpg", im.size[0], im.size[1])
            if fmt == "JPEG":
                from PIL import JpegImagePlugin

                sampling = JpegImagePlugin.get_sampling(im)
                im = upright(im)
                return jpeg_reencode(im, sampling, im.info.get("icc_profile")), "jpg", im.size[0], im.size[1]
        return _to_png(upright(im) if turn != 1 else im)
    except ItemError:
        raise
    except Exception as e:  # a mode or frame PIL cannot convert
        raise ItemError("image_corrupt", type(e).__name__) from None


def _to_png(im: Image.Image) -> tuple[bytes, str, int, int]:
    """Any decoded mode (CMYK, 16-bit, palette, alpha, first frame of an animation) -> RGB/L PNG bytes."""
    import numpy as np

    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(im, dtype=np.float64)
        hi = 65535.0 if im.mode.startswith("I;16") or (a.size and a.max() > 255) else 255.0
        im = Image.fromarray(np.clip(a / hi * 255.0 + 0.5, 0, 255).astype(np.uint8), "L")
    if im.mode in ("RGBA", "LA", "P", "PA"):
        im = im.convert("RGBA")
        bg = Image.new("RGB", im.size, (255, 255, 255))
        bg.paste(im, mask=im.split()[-1])
        im = bg
    elif im.mode not in ("RGB", "L"):
        im = im.convert("RGB")
    from derm1m_build.metadata import strip_png

    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=False)  # PIL writes no text/EXIF unless asked; strip_png makes sure
    return strip_png(buf.getvalue()), "png", im.size[0], im.size[1]


def load_rgb(path_or_bytes: str | Path | bytes, max_side: int | None = None) -> Image.Image:
    """Decoded RGB image, upright, at most `max_side` px on its long side (JPEG decoded at reduced scale).

    Stored images are already upright; files read from elsewhere (training folders) are turned here."""
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    im = decode(data, draft=max_side)
    try:
        im = upright(im).convert("RGB")
    except Exception as e:  # a mode PIL cannot convert
        raise ItemError("image_corrupt", type(e).__name__) from None
    if max_side and max(im.size) > max_side:
        im.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    return im


class ImageStore:
    """`OUT/images/`: every image any stage produced, named by content."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str, ext: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.{ext}"

    def put(self, data: bytes) -> ImageInfo:
        return self.put_decoded(data)[0]

    def put_decoded(self, data: bytes) -> tuple[ImageInfo, Image.Image | None]:
        """`put`, and the decoded image when the stored bytes are `data` itself (kept as fetched: no
        metadata to drop, upright): then that image is exactly what `decode` of the stored file gives,
        so a caller that decodes the stored image next (PubMed's panel split) takes it instead of
        decoding the same bytes a second time. None when anything was stripped or re-encoded."""
        im = decode(data)
        stored, ext, w, h = _normalise(im, data)
        sha = sha256_bytes(stored)
        p = self.path(sha, ext)
        if not p.exists():
            atomic_write_bytes(p, stored)
        return ImageInfo(sha, ext, w, h), (im if stored == data else None)

    def put_image(self, im: Image.Image, fmt: str = "PNG", **save_kw) -> ImageInfo:
        buf = io.BytesIO()
        im.save(buf, format=fmt, **save_kw)
        return self.put(buf.getvalue())

    def read(self, sha256: str, ext: str) -> bytes:
        return self.path(sha256, ext).read_bytes()
