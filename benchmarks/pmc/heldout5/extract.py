"""Re-create the frozen held-out figure set 5 images from the packages they came from.

Usage: python benchmarks/pmc/heldout5/extract.py PKGDIR OUTDIR

PKGDIR holds the Debian .deb files named in annotations.json (`origin`; a `.pdf.gz` member is
gunzipped);
OUTDIR receives the images under the names in annotations.json. PDF figures are rendered with
pypdfium2 at 216 dpi from the page region `region_pt` (PDF points, left/bottom/right/top) and
downscaled (Lanczos) to at most 1200 px on the long side; package images are cropped to
`crop_px` when given, flattened on white (or on black where `background` says so), downscaled
the same way. Files over 500 kB are stored as JPEG (quality 90). Bytes may differ from the frozen
files with other pypdfium2/Pillow versions; the content does not.
"""
from __future__ import annotations

import gzip
import io
import json
import lzma
import sys
import tarfile
from pathlib import Path

MAX_SIDE = 1200
SCALE = 3  # 216 dpi
JPEG_OVER = 500_000


def deb_member(deb: Path, member: str) -> bytes:
    """Read one file from a .deb (an ar archive holding data.tar.*) without dpkg."""
    raw = deb.read_bytes()
    pos = 8  # "!<arch>\n"
    while pos < len(raw):
        name = raw[pos:pos + 16].decode().strip().rstrip("/")
        size = int(raw[pos + 48:pos + 58].decode().strip())
        body = raw[pos + 60:pos + 60 + size]
        if name.startswith("data.tar"):
            data = lzma.decompress(body) if name.endswith(".xz") else body
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                return tar.extractfile(member).read()
        pos += 60 + size + (size % 2)
    raise KeyError(f"{member} not in {deb}")


def sdist_member(sdist: Path, member: str) -> bytes:
    with tarfile.open(sdist) as tar:
        return tar.extractfile(member).read()


def downscale(im):
    from PIL import Image

    s = min(1.0, MAX_SIDE / max(im.size))
    if s < 1:
        im = im.resize((round(im.width * s), round(im.height * s)), Image.LANCZOS)
    return im


def render_clip(pdf_bytes: bytes, page: int, region_pt):
    """Render the region (points, origin bottom-left) of a 1-based page; RGB, long side <= 1200."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    pg = pdf[page - 1]
    w, h = pg.get_size()
    left, bottom, right, top = region_pt
    im = pg.render(scale=SCALE, crop=(left, bottom, w - right, h - top)).to_pil().convert("RGB")
    return downscale(im)


def package_image(data: bytes, crop_px=None, background="white"):
    from PIL import Image

    im = Image.open(io.BytesIO(data))
    if im.mode in ("P", "LA", "RGBA", "PA"):
        im = im.convert("RGBA")
        base = Image.new("RGBA", im.size, (255, 255, 255, 255) if background == "white" else (0, 0, 0, 255))
        im = Image.alpha_composite(base, im)
    im = im.convert("RGB")
    if crop_px:
        im = im.crop(tuple(crop_px))
    return downscale(im)


def encode(im, stem: str) -> tuple[str, bytes]:
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    if buf.tell() <= JPEG_OVER:
        return stem + ".png", buf.getvalue()
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return stem + ".jpg", buf.getvalue()


def source_bytes(pkgdir: Path, origin: dict) -> bytes:
    if origin.get("deb"):
        data = deb_member(pkgdir / origin["deb"], origin["member"])
        return gzip.decompress(data) if origin["member"].endswith(".gz") else data
    return sdist_member(pkgdir / origin["sdist"], origin["member"])


def image_for(pkgdir: Path, origin: dict):
    data = source_bytes(pkgdir, origin)
    if origin["mode"] == "clip":
        return render_clip(data, origin["page"], origin["region_pt"])
    return package_image(data, origin.get("crop_px"), origin.get("background", "white"))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: extract.py PKGDIR OUTDIR", file=sys.stderr)
        return 2
    pkgdir, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    figures = json.loads((Path(__file__).parent / "annotations.json").read_text(encoding="utf-8"))["figures"]
    for f in figures:
        name, data = encode(image_for(pkgdir, f["origin"]), Path(f["file"]).stem)
        (out / name).write_bytes(data)
    print(f"{len(figures)} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
