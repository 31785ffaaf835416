"""Re-create the images of the frozen held-out figure set 27 (compound figures with panel letters printed in the
image, figures whose caption names panels by letter or by place, and single figures) from files shipped in three
PyPI sdists and one npm package: figpanel (three lettered Nature-journal figures, CC BY 4.0, shipped as example
images), megaparse (a machine-learning textbook draft whose captions name panels left / middle / right),
deepsearch-glm (an arXiv paper on document conversion) and the npm package pdf-extraction (test PDFs: a solar-cell
paper whose figures print "a" / "b", a trace-compilation paper whose diagrams print "(a)" / "(b)", a sports-medicine
paper).

Usage: python benchmarks/pmc/heldout27/extract.py SRCDIR OUTDIR

SRCDIR holds the archives (`origin.sdist`: the sdists as `pip download --no-deps --no-binary :all: NAME==VERSION`
saves them, the npm tarball as the registry's `dist.tarball` names it) named in annotations.json; OUTDIR receives
the images under the names in annotations.json. Two modes (`origin.mode`): `pdf-render`: the PDF `origin.member`
is read from the archive, page `origin.page` (1-based) is rendered with pypdfium2 at `origin.scale` (2.0: 144 dpi),
cut to `origin.crop` [x0, y0, x1, y1] (pixels of the rendered page, top-left origin: the figure's hand-checked
box); `image`: the image file `origin.member` is read as it is (RGBA flattened on white). Either way the long side
is capped at `origin.max_side` (Lanczos) when larger, and the result stored as `origin.format` (`png`).
"""
from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

MAX_SIDE = 1200
ANNOTATIONS = Path(__file__).parent / "annotations.json"


def _tar_members(fileobj, members: list[str], where: str) -> dict[str, bytes]:
    """The named files of a tar archive, read in one pass."""
    want, out = set(members), {}
    with tarfile.open(fileobj=fileobj, mode="r:*") as tar:
        for info in tar:
            if info.name in want and info.isfile():
                out[info.name] = tar.extractfile(info).read()
    missing = sorted(want - set(out))
    if missing:
        raise KeyError(f"{missing[0]} is not a file in {where}")
    return out


def sdist_members(sdist_path: Path, members: list[str]) -> dict[str, bytes]:
    """Files of a source distribution or npm tarball (`.tar.gz`, `.tgz`): name -> bytes."""
    with sdist_path.open("rb") as fh:
        try:
            return _tar_members(fh, members, sdist_path.name)
        except tarfile.ReadError:
            raise ValueError(f"{sdist_path.name} is not a tar archive") from None


def downscale(size: tuple[int, int], max_side: int = MAX_SIDE) -> tuple[int, int]:
    """The stored size: unchanged up to max_side, else the long side max_side and the other in proportion."""
    w, h = size
    if max(w, h) <= max_side:
        return w, h
    k = max_side / max(w, h)
    return max(1, round(w * k)), max(1, round(h * k))


def render_page(pdf: bytes, page: int, scale: float):
    """One page of a PDF rendered as an RGB Pillow image (pypdfium2)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    if not 1 <= page <= len(doc):
        raise ValueError(f"page {page} is not in the PDF ({len(doc)} pages)")
    return doc[page - 1].render(scale=scale).to_pil().convert("RGB")


def open_image(data: bytes):
    """An image file's bytes as an RGB Pillow image, transparency flattened on white."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as src:
        im = src.convert("RGBA")
    flat = Image.new("RGB", im.size, (255, 255, 255))
    flat.paste(im, mask=im.getchannel("A"))
    return flat


def image_for(origin: dict, data: bytes) -> bytes:
    """The stored image for one annotation's `origin`, from its member's bytes."""
    from PIL import Image

    if origin["mode"] not in ("pdf-render", "image"):
        raise ValueError(f"unknown mode {origin['mode']}")
    if origin["format"] != "png":
        raise ValueError(f"unknown format {origin['format']}")
    if origin["mode"] == "image":
        im = open_image(data)
    else:
        im = render_page(data, origin["page"], origin["scale"])
    if origin.get("crop"):
        im = im.crop(tuple(origin["crop"]))
    size = downscale(im.size, min(MAX_SIDE, origin.get("max_side") or MAX_SIDE))
    if size != im.size:
        im = im.resize(size, Image.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: extract.py SRCDIR OUTDIR", file=sys.stderr)
        return 2
    srcdir, out = Path(argv[0]), Path(argv[1])
    figures = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["figures"]
    sources = sorted({f["origin"]["sdist"] for f in figures})
    missing = [s for s in sources if not (srcdir / s).is_file()]
    if missing:
        print(f"missing archive in {srcdir}: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for source in sources:
        mine = [f for f in figures if f["origin"]["sdist"] == source]
        data = sdist_members(srcdir / source, sorted({f["origin"]["member"] for f in mine}))
        for f in mine:
            (out / Path(f["file"]).name).write_bytes(image_for(f["origin"], data[f["origin"]["member"]]))
    print(f"{len(figures)} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
