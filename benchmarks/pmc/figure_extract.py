"""The program that re-creates a frozen figure set's images from the archives its annotations name (sets 28 onwards).

Each of those sets' `extract.py` keeps its own docstring (where its figures come from) and its annotations file, and
calls `main` here; the program was the same in every one of them, copied by each set's writer so that no writer read
the code under test, and is kept once here since the sets were run and became tuning data. A set still held out keeps
its own frozen copy until its run (its freeze commit is what was evaluated).

SRCDIR holds the archives named in annotations.json (`origin.sdist`: the `.deb` and `.tar.gz` file names). OUTDIR
receives the images under the names in annotations.json. Mode `pdf-render`: page `origin.page` (1-based) of the PDF
`origin.member` is rendered with pypdfium2 at `origin.scale` (2.0: 144 dpi) and cut to `origin.crop` (pixels of that
rendering: the figure's box, its caption left out). Mode `image`: an image file of an sdist read as it is. Either way
the long side is capped at `origin.max_side` (Lanczos) when larger and the result stored as `origin.format` (`png`).
A `.deb` is read through its `data.tar` member without dpkg.

Options the older sets' own copies repeated, kept here so that a new set's `extract.py` stays a thin wrapper: a PDF
shipped gzipped (`origin.member` ending `.gz`, as Debian ships many manuals) is unpacked before it is rendered;
`origin.format` `jpeg` stores a JPEG (quality 90) instead of a PNG; a figure whose origin names only its `deb` (no
`origin.sdist`) is read from that package.

A new set's `extract.py` is its docstring (where its figures come from), the two lines that put the repository root
on the path when it is run as a script, `ANNOTATIONS = Path(__file__).parent / "annotations.json"` and
`main(argv)` returning `figure_extract.main(argv, ANNOTATIONS)` (what ExtractorRebuildContract checks); copy
benchmarks/pmc/heldout41/extract.py and change its docstring.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
import tarfile
from pathlib import Path

MAX_SIDE = 1200
FORMATS = {"png": ("PNG", {"optimize": True}), "jpeg": ("JPEG", {"quality": 90})}


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


def deb_members(deb_path: Path, members: list[str]) -> dict[str, bytes]:
    """Files of a Debian binary package (an `ar` archive whose `data.tar.*` holds the files): name -> bytes."""
    with deb_path.open("rb") as fh:
        if fh.read(8) != b"!<arch>\n":
            raise ValueError(f"{deb_path.name} is not a Debian package")
        while True:
            header = fh.read(60)
            if len(header) < 60:
                raise ValueError(f"{deb_path.name} has no data.tar member")
            name = header[:16].decode("ascii", "replace").strip().rstrip("/")
            size = int(header[48:58].decode("ascii").strip())
            body = fh.read(size)
            if size % 2:
                fh.read(1)
            if name.startswith("data.tar"):
                return _tar_members(io.BytesIO(body), members, deb_path.name)


def archive_members(path: Path, members: list[str]) -> dict[str, bytes]:
    """The named files of an sdist / npm tarball or of a Debian package, by the archive's suffix."""
    if path.suffix == ".deb":
        return deb_members(path, members)
    return sdist_members(path, members)


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


def pdf_bytes(member: str, data: bytes) -> bytes:
    """The PDF itself: a member shipped gzipped (`*.pdf.gz`, as Debian ships many manuals) is unpacked."""
    return gzip.decompress(data) if member.endswith(".gz") else data


def open_image(data: bytes):
    """An image file's bytes as an RGB Pillow image, transparency flattened on white."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as src:
        src.seek(0)
        if src.mode in ("I;16", "I;16B", "I", "F"):  # a 16-bit or float micrograph: scaled to 8 bits by its range
            lo, hi = src.getextrema()
            src = src.point(lambda v: (v - lo) * 255.0 / max(hi - lo, 1)).convert("L")
        im = src.convert("RGBA")
    flat = Image.new("RGB", im.size, (255, 255, 255))
    flat.paste(im, mask=im.getchannel("A"))
    return flat


def image_for(origin: dict, data: bytes) -> bytes:
    """The stored image for one annotation's `origin`, from its member's bytes."""
    from PIL import Image

    if origin["mode"] not in ("pdf-render", "image"):
        raise ValueError(f"unknown mode {origin['mode']}")
    if origin["format"] not in FORMATS:
        raise ValueError(f"unknown format {origin['format']}")
    if origin["mode"] == "image":
        im = open_image(data)
    else:
        im = render_page(pdf_bytes(origin.get("member") or "", data), origin["page"], origin["scale"])
    if origin.get("crop"):
        im = im.crop(tuple(origin["crop"]))
    size = downscale(im.size, min(MAX_SIDE, origin.get("max_side") or MAX_SIDE))
    if size != im.size:
        im = im.resize(size, Image.LANCZOS)
    kind, options = FORMATS[origin["format"]]
    buf = io.BytesIO()
    im.save(buf, kind, **options)
    return buf.getvalue()


def source_of(origin: dict) -> str:
    """The archive a figure is read from: `origin.sdist` (sets 28 onwards name the `.deb` there too), else the
    `origin.deb` the older sets named alone."""
    return origin.get("sdist") or origin["deb"]


def main(argv: list[str], annotations: Path) -> int:
    """Write every figure of the set whose `annotations` (its annotations.json) name them, from the archives in
    SRCDIR (argv[0]) into OUTDIR (argv[1]); 2 with a one-line message when an argument or an archive is missing."""
    if len(argv) != 2:
        print("usage: extract.py SRCDIR OUTDIR", file=sys.stderr)
        return 2
    srcdir, out = Path(argv[0]), Path(argv[1])
    figures = json.loads(annotations.read_text(encoding="utf-8"))["figures"]
    sources = sorted({source_of(f["origin"]) for f in figures})
    missing = [s for s in sources if not (srcdir / s).is_file()]
    if missing:
        print(f"missing archive in {srcdir}: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for source in sources:
        mine = [f for f in figures if source_of(f["origin"]) == source]
        data = archive_members(srcdir / source, sorted({f["origin"]["member"] for f in mine}))
        for f in mine:
            (out / Path(f["file"]).name).write_bytes(image_for(f["origin"], data[f["origin"]["member"]]))
    print(f"{len(figures)} images written to {out}")
    return 0

