"""Re-create the images of the frozen held-out figure set 17 from two Debian packages: invesalius 3.1.99998-4 (the
InVesalius 3 user guide, `user_guide_en.pdf`: CT / MRI viewing and 3-D reconstruction) and python-escript-doc 5.6-4
(the esys-escript cookbook, inversion guide and user guide, gzipped PDFs).

Usage: python benchmarks/pmc/heldout17/extract.py PKGDIR OUTDIR

PKGDIR holds the .deb files named in annotations.json (`origin.deb`); OUTDIR receives the images under the
names in annotations.json. One mode (`origin.mode`):
- `pdf-render`: a crop of one page of a PDF manual: the page (`origin.page`, 0-based) is rendered with pypdfium2
  at `origin.scale` (1.0 = 72 dpi), and the pixel box `origin.crop` [x0, y0, x1, y1] (exclusive x1, y1) of that
  rendering is stored as PNG. The crop holds the figure's pictures and the sub-captions printed under them
  ("(a) Default", "(b) Inverted Gray Image"), not the figure's caption line, which is recorded as text in
  annotations.json (`caption`, read from the PDF's text layer). A member ending in `.gz` is gunzipped first.
Re-made with pypdfium2 5.15.2 (PDFium 159.0.8149.0) and Pillow as pinned by the project, the files match byte
for byte; another PDFium may anti-alias differently.
"""
from __future__ import annotations

import gzip
import io
import json
import lzma
import sys
import tarfile
from pathlib import Path


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
                for m in wanted:
                    f = tar.extractfile(m)
                    if f is None:
                        raise KeyError(f"{m} is not a file in {deb.name}")
                    out[m] = f.read()
            return out
        pos += 60 + size + (size % 2)
    raise KeyError(f"no data.tar in {deb}")


def pdf_bytes(member: str, data: bytes) -> bytes:
    """The PDF itself: members shipped gzipped (`*.pdf.gz`) are unpacked."""
    return gzip.decompress(data) if member.endswith(".gz") else data


def render_crop(pdf: bytes, page: int, scale: float, crop: list[int]) -> bytes:
    """One page rendered at `scale`, cropped to the pixel box, as PNG bytes."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        im = doc[page].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()
    buf = io.BytesIO()
    im.crop(tuple(crop)).save(buf, "PNG", optimize=True)
    return buf.getvalue()


def image_for(origin: dict, data: bytes) -> bytes:
    """The stored image for one annotation's `origin`, from its member's bytes."""
    if origin["mode"] == "pdf-render":
        return render_crop(pdf_bytes(origin["member"], data), origin["page"], origin["scale"], origin["crop"])
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
