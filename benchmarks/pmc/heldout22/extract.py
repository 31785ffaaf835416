"""Re-create the images of the frozen held-out figure set 22 from two Debian (bookworm) documentation packages:
python-pyfai-doc 0.21.3+dfsg1-4 (pyFAI, azimuthal integration of X-ray diffraction images: the figures of its
tutorial notebooks, mostly grids of detector images and plots, and its user-guide figures) and gimp-help-en
2.10.34-2 (the GIMP user manual: real photographs shown as filter examples).

Usage: python benchmarks/pmc/heldout22/extract.py DEBDIR OUTDIR

DEBDIR holds the .deb files named in annotations.json (`origin.deb`, as `apt-get download NAME=VERSION` saves
them); OUTDIR receives the images under the names in annotations.json. One mode (`origin.mode`), `deb-image`: the
package member `origin.member` (a PNG or JPEG) is decoded with Pillow; an image with transparency is laid on white
(the documentation pages show it on white); the result is stored as RGB PNG, its long side capped at MAX_SIDE
(Lanczos) when larger. No crop.
"""
from __future__ import annotations

import io
import json
import lzma
import sys
import tarfile
from pathlib import Path

MAX_SIDE = 1200


def deb_data(deb: Path) -> bytes:
    """The uncompressed data.tar of a Debian package (an `ar` archive whose data member is xz-compressed)."""
    raw = deb.read_bytes()
    if not raw.startswith(b"!<arch>\n"):
        raise ValueError(f"{deb.name} is not a Debian package")
    pos = 8
    while pos + 60 <= len(raw):
        name = raw[pos:pos + 16].decode("ascii").strip().rstrip("/")
        size = int(raw[pos + 48:pos + 58].decode("ascii").strip())
        body = raw[pos + 60:pos + 60 + size]
        if name == "data.tar.xz":
            return lzma.decompress(body)
        pos += 60 + size + (size % 2)
    raise ValueError(f"{deb.name} has no data.tar.xz")


def deb_members(deb: Path, wanted: set[str]) -> dict[str, bytes]:
    """The named files of a Debian package, read in one pass over its data.tar."""
    out: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(deb_data(deb)), mode="r:") as tar:
        for m in sorted(wanted):
            try:
                f = tar.extractfile(m)
            except KeyError:
                f = None
            if f is None:
                raise KeyError(f"{m} is not a file in {deb.name}")
            out[m] = f.read()
    return out


def downscale(size: tuple[int, int]) -> tuple[int, int]:
    """The stored size: unchanged up to MAX_SIDE, else the long side MAX_SIDE and the other in proportion."""
    w, h = size
    if max(w, h) <= MAX_SIDE:
        return w, h
    k = MAX_SIDE / max(w, h)
    return max(1, round(w * k)), max(1, round(h * k))


def file_image(data: bytes) -> bytes:
    """An image as RGB PNG: transparency laid on white, its long side capped at MAX_SIDE."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as src:
        src.seek(0)
        if src.mode in ("RGBA", "LA", "P", "PA") or "transparency" in src.info:
            rgba = src.convert("RGBA")
            im = Image.new("RGB", rgba.size, (255, 255, 255))
            im.paste(rgba, mask=rgba.getchannel("A"))
        else:
            im = src.convert("RGB")
    size = downscale(im.size)
    if size != im.size:
        im = im.resize(size, Image.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def image_for(origin: dict, data: bytes) -> bytes:
    """The stored image for one annotation's `origin`, from its member's bytes."""
    if origin["mode"] == "deb-image":
        return file_image(data)
    raise ValueError(f"unknown mode {origin['mode']}")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: extract.py DEBDIR OUTDIR", file=sys.stderr)
        return 2
    srcdir, out = Path(argv[0]), Path(argv[1])
    figures = json.loads((Path(__file__).parent / "annotations.json").read_text(encoding="utf-8"))["figures"]
    debs = sorted({f["origin"]["deb"] for f in figures})
    missing = [d for d in debs if not (srcdir / d).is_file()]
    if missing:
        print(f"missing Debian package in {srcdir}: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for deb in debs:
        mine = [f for f in figures if f["origin"]["deb"] == deb]
        members = deb_members(srcdir / deb, {f["origin"]["member"] for f in mine})
        for f in mine:
            o = f["origin"]
            (out / Path(f["file"]).name).write_bytes(image_for(o, members[o["member"]]))
            n += 1
    print(f"{n} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
