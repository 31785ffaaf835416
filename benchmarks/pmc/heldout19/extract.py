"""Re-create the images of the frozen held-out figure set 19 from nine Debian packages: the PDF vignettes and
manuals of seven R packages (r-cran-desolve 1.34-1, r-cran-metafor 3.8-1-1, r-cran-pscl 1.5.5-1+b1,
r-bioc-pcamethods 1.90.0-1, r-bioc-hilbertvis 1.56.0-1, r-cran-msm 1.7-1), the SciPy 2009 nitime paper shipped in
python-nitime-doc 0.9-5, and the image files of the MRIcron manual (mricron-doc 1.2.20211006+dfsg-4).

Usage: python benchmarks/pmc/heldout19/extract.py PKGDIR OUTDIR

PKGDIR holds the .deb files named in annotations.json (`origin.deb`); OUTDIR receives the images under the names
in annotations.json. Two modes (`origin.mode`):
- `pdf-render`: a crop of one page of a PDF: the page (`origin.page`, 0-based) is rendered with pypdfium2 at
  `origin.scale` (1.0 = 72 dpi) and the pixel box `origin.crop` [x0, y0, x1, y1] (exclusive x1, y1) of that
  rendering is stored as PNG. The crop holds the figure's plots or diagrams (and any letters printed beside them),
  not its caption, which annotations.json records as text. A member ending in `.gz` is gunzipped first.
- `file`: one image file of the package (`origin.member`: a GIF or JPEG of the MRIcron manual), decoded with
  Pillow, converted to RGB and stored as PNG (all are under 1200 px; `downscale` would cap a longer side).
Re-made with pypdfium2 5.15.2 (PDFium 159.0.8149.0) and Pillow 13.0.0, the files match byte for byte; another
PDFium may anti-alias differently.
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


def deb_members(deb: Path, wanted: set[str]) -> dict[str, bytes]:
    """The named files of a .deb's data.tar (an ar archive member), read in one streaming pass."""
    raw = deb.read_bytes()
    pos = 8  # "!<arch>\n"
    while pos < len(raw):
        name = raw[pos:pos + 16].decode().strip().rstrip("/")
        size = int(raw[pos + 48:pos + 58].decode().strip())
        if name.startswith("data.tar"):
            body = raw[pos + 60:pos + 60 + size]
            data = lzma.decompress(body) if name.endswith(".xz") else body
            out: dict[str, bytes] = {}
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                for m in sorted(wanted):
                    try:
                        f = tar.extractfile(m)
                    except KeyError:
                        f = None
                    if f is None:
                        raise KeyError(f"{m} is not a file in {deb.name}")
                    out[m] = f.read()
            return out
        pos += 60 + size + (size % 2)
    raise KeyError(f"no data.tar in {deb}")


def pdf_bytes(member: str, data: bytes) -> bytes:
    """The PDF itself: a member shipped gzipped (`*.pdf.gz`) is unpacked."""
    return gzip.decompress(data) if member.endswith(".gz") else data


def downscale(size: tuple[int, int]) -> tuple[int, int]:
    """The stored size: unchanged up to MAX_SIDE, else the long side MAX_SIDE and the other in proportion."""
    w, h = size
    if max(w, h) <= MAX_SIDE:
        return w, h
    k = MAX_SIDE / max(w, h)
    return max(1, round(w * k)), max(1, round(h * k))


def _png(im) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def render_crop(pdf: bytes, page: int, scale: float, crop: list[int]) -> bytes:
    """One page rendered at `scale`, cropped to the pixel box, as PNG bytes."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        im = doc[page].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()
    return _png(im.crop(tuple(crop)))


def file_image(data: bytes) -> bytes:
    """An image file of the package as RGB PNG, its long side capped at MAX_SIDE."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as src:
        im = src.convert("RGB")
    size = downscale(im.size)
    if size != im.size:
        im = im.resize(size, Image.LANCZOS)
    return _png(im)


def image_for(origin: dict, data: bytes) -> bytes:
    """The stored image for one annotation's `origin`, from its member's bytes."""
    if origin["mode"] == "pdf-render":
        return render_crop(pdf_bytes(origin["member"], data), origin["page"], origin["scale"], origin["crop"])
    if origin["mode"] == "file":
        return file_image(data)
    raise ValueError(f"unknown mode {origin['mode']}")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: extract.py PKGDIR OUTDIR", file=sys.stderr)
        return 2
    pkgdir, out = Path(argv[0]), Path(argv[1])
    figures = json.loads((Path(__file__).parent / "annotations.json").read_text(encoding="utf-8"))["figures"]
    debs = sorted({f["origin"]["deb"] for f in figures})
    missing = [d for d in debs if not (pkgdir / d).is_file()]
    if missing:
        print(f"missing package in {pkgdir}: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for deb in debs:
        mine = [f for f in figures if f["origin"]["deb"] == deb]
        members = deb_members(pkgdir / deb, {f["origin"]["member"] for f in mine})
        for f in mine:
            o = f["origin"]
            (out / Path(f["file"]).name).write_bytes(image_for(o, members[o["member"]]))
            n += 1
    print(f"{n} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
