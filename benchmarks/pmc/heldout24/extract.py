"""Re-create the images of the frozen held-out figure set 24 from seventeen Debian bookworm packages of CRAN (R)
whose vignettes are PDF documents with captioned figures: afex (mixed models: sub-figures labelled (a)-(c)), BoolNet
(Boolean gene-regulatory networks), kedd (kernel density derivatives), metap (meta-analysis of p-values: sub-figures
labelled (a), (b)), samr (significance analysis of microarrays: panels printed (A)-(C)), NMF, kohonen
(self-organising maps: a photograph pair), psychTools, bridgesampling, colorspace, MNP, plot3D, PSCBS, BradleyTerry2,
HSAUR3, irace and GenABEL.

Usage: python benchmarks/pmc/heldout24/extract.py DEBDIR OUTDIR

DEBDIR holds the .deb files named in annotations.json (`origin.deb`, as `apt-get download PACKAGE=VERSION` saves
them); OUTDIR receives the images under the names in annotations.json. One mode (`origin.mode`), `pdf-render`: the
vignette `origin.member` is read from the package's data archive, its page `origin.page` (0-based) rendered with
pypdfium2 at `origin.scale` x 72 dpi, and the pixel box `origin.crop` [x0, y0, x1, y1] of that rendering stored as
RGB PNG (its long side capped at MAX_SIDE, Lanczos, when larger; none of this set's crops is).
"""
from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

MAX_SIDE = 1200
ANNOTATIONS = Path(__file__).parent / "annotations.json"


def ar_members(deb: bytes) -> dict[str, bytes]:
    """The members of a Debian package (an `ar` archive): name -> bytes."""
    if not deb.startswith(b"!<arch>\n"):
        raise ValueError("not a Debian package (no ar header)")
    out: dict[str, bytes] = {}
    pos = 8
    while pos + 60 <= len(deb):
        head = deb[pos:pos + 60]
        name = head[:16].decode("ascii").strip().rstrip("/")
        size = int(head[48:58].decode("ascii").strip())
        out[name] = deb[pos + 60:pos + 60 + size]
        pos += 60 + size + (size % 2)
    return out


def deb_member(deb_path: Path, member: str) -> bytes:
    """One file of a .deb's data archive (`./usr/...`)."""
    members = ar_members(deb_path.read_bytes())
    data = next((v for k, v in members.items() if k.startswith("data.tar")), None)
    if data is None:
        raise ValueError(f"{deb_path.name} has no data archive")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tar:
        try:
            f = tar.extractfile(member)
        except KeyError:
            f = None
        if f is None:
            raise KeyError(f"{member} is not a file in {deb_path.name}")
        return f.read()


def downscale(size: tuple[int, int]) -> tuple[int, int]:
    """The stored size: unchanged up to MAX_SIDE, else the long side MAX_SIDE and the other in proportion."""
    w, h = size
    if max(w, h) <= MAX_SIDE:
        return w, h
    k = MAX_SIDE / max(w, h)
    return max(1, round(w * k)), max(1, round(h * k))


def png_bytes(im) -> bytes:
    """An image as RGB PNG, its long side capped at MAX_SIDE."""
    from PIL import Image

    im = im.convert("RGB")
    size = downscale(im.size)
    if size != im.size:
        im = im.resize(size, Image.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def render_crop(pdf_bytes: bytes, page: int, scale: float, crop: list[int]) -> bytes:
    """Page `page` of a PDF rendered at `scale` x 72 dpi, cut to the pixel box `crop`, as PNG."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        im = pdf[page].render(scale=scale).to_pil()
    finally:
        pdf.close()
    return png_bytes(im.crop(tuple(crop)))


def image_for(origin: dict, data: bytes) -> bytes:
    """The stored image for one annotation's `origin`, from its member's bytes."""
    if origin["mode"] == "pdf-render":
        return render_crop(data, origin["page"], origin["scale"], origin["crop"])
    raise ValueError(f"unknown mode {origin['mode']}")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: extract.py DEBDIR OUTDIR", file=sys.stderr)
        return 2
    srcdir, out = Path(argv[0]), Path(argv[1])
    figures = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["figures"]
    debs = sorted({f["origin"]["deb"] for f in figures})
    missing = [d for d in debs if not (srcdir / d).is_file()]
    if missing:
        print(f"missing package in {srcdir}: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for deb in debs:
        mine = [f for f in figures if f["origin"]["deb"] == deb]
        pdfs = {m: deb_member(srcdir / deb, m) for m in sorted({f["origin"]["member"] for f in mine})}
        for f in mine:
            o = f["origin"]
            (out / Path(f["file"]).name).write_bytes(image_for(o, pdfs[o["member"]]))
            n += 1
    print(f"{n} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
