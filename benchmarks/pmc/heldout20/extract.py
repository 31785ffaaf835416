"""Re-create the images of the frozen held-out figure set 20 from six Debian packages: the PDF vignettes of four R
packages (r-cran-fitdistrplus 1.1-8-1: the JSS paper `paper2JSS.pdf`; r-cran-ks 1.14.0-1: `kde.pdf`;
r-bioc-metagenomeseq 1.40.0-1: `metagenomeSeq.pdf` and `fitTimeSeries.pdf`; r-cran-effects 4.2.2-1:
`partial-residuals.pdf`; r-cran-gbm 2.1.8.1-1: `gbm.pdf`) and the plots embedded in two HTML vignettes
(r-cran-fitdistrplus `FAQ.html`, `Optimalgo.html`; r-cran-patchwork 1.1.2-1 `patchwork.html`).

Usage: python benchmarks/pmc/heldout20/extract.py PKGDIR OUTDIR

PKGDIR holds the .deb files named in annotations.json (`origin.deb`); OUTDIR receives the images under the names
in annotations.json. Two modes (`origin.mode`):
- `pdf-render`: a crop of one page of a PDF: the page (`origin.page`, 0-based) is rendered with pypdfium2 at
  `origin.scale` (1.0 = 72 dpi) and the pixel box `origin.crop` [x0, y0, x1, y1] (exclusive x1, y1) of that
  rendering is stored as PNG. The crop holds the figure's plots (the non-white pixels above its caption, + 6 px),
  not its caption, which annotations.json records as text.
- `html-image`: the `origin.index`-th (0-based) `data:image/png;base64,` image embedded in the HTML vignette
  `origin.member`, decoded with Pillow, converted to RGB and stored as PNG (all are under 1200 px; `downscale`
  would cap a longer side).
Re-made with pypdfium2 5.15.2 (PDFium 159.0.8149.0) and Pillow 13.0.0, the files match byte for byte; another
PDFium may anti-alias differently.
"""
from __future__ import annotations

import base64
import io
import json
import lzma
import re
import sys
import tarfile
from pathlib import Path

MAX_SIDE = 1200
EMBEDDED_PNG = re.compile(rb"data:image/png;base64,([A-Za-z0-9+/=]+)")


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


def embedded_png(html: bytes, index: int) -> bytes:
    """The index-th base64 PNG embedded in an HTML page (R Markdown vignettes carry their plots this way)."""
    found = EMBEDDED_PNG.findall(html)
    if index >= len(found):
        raise KeyError(f"no embedded image {index} (the page has {len(found)})")
    return base64.b64decode(found[index])


def file_image(data: bytes) -> bytes:
    """An image as RGB PNG, its long side capped at MAX_SIDE."""
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
        return render_crop(data, origin["page"], origin["scale"], origin["crop"])
    if origin["mode"] == "html-image":
        return file_image(embedded_png(data, origin["index"]))
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
