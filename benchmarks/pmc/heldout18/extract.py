"""Re-create the images of the frozen held-out figure set 18 from the packages they ship in: two Debian packages
(gnumed-doc 1.8.9+dfsg-1: screenshots of the GNUmed / TurboMed medical-practice programs in the GNUmed user
manual; amide 1.0.6-1: the labelled main-window figure of the AMIDE medical-imaging help) and one PyPI sdist
(stardist 0.9.2: its sample H&E histology image).

Usage: python benchmarks/pmc/heldout18/extract.py PKGDIR OUTDIR

PKGDIR holds the .deb and .tar.gz files named in annotations.json (`origin.deb` or `origin.sdist`); OUTDIR
receives the images under the names in annotations.json. One mode (`origin.mode`):
- `file`: one image file of the package (`origin.member`), decoded with Pillow, converted to RGB, reduced with
  LANCZOS so that its long side is at most 1200 px when it is longer (`downscale`), and stored as PNG.
Re-made with the Pillow the project pins, the files match byte for byte.
"""
from __future__ import annotations

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
            return _tar_members(io.BytesIO(data), wanted, deb.name)
        pos += 60 + size + (size % 2)
    raise KeyError(f"no data.tar in {deb}")


def sdist_members(sdist: Path, wanted: set[str]) -> dict[str, bytes]:
    """The named files of a gzipped source tarball."""
    with sdist.open("rb") as fh:
        return _tar_members(fh, wanted, sdist.name)


def _tar_members(fileobj, wanted: set[str], label: str) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    with tarfile.open(fileobj=fileobj) as tar:
        for m in sorted(wanted):
            try:
                f = tar.extractfile(m)
            except KeyError:
                f = None
            if f is None:
                raise KeyError(f"{m} is not a file in {label}")
            out[m] = f.read()
    return out


def downscale(size: tuple[int, int]) -> tuple[int, int]:
    """The stored size: unchanged up to MAX_SIDE, else the long side MAX_SIDE and the other in proportion."""
    w, h = size
    if max(w, h) <= MAX_SIDE:
        return w, h
    k = MAX_SIDE / max(w, h)
    return max(1, round(w * k)), max(1, round(h * k))


def image_for(origin: dict, data: bytes) -> bytes:
    """The stored image for one annotation's `origin`, from its member's bytes."""
    if origin["mode"] != "file":
        raise ValueError(f"unknown mode {origin['mode']}")
    from PIL import Image

    with Image.open(io.BytesIO(data)) as src:
        im = src.convert("RGB")
    size = downscale(im.size)
    if size != im.size:
        im = im.resize(size, Image.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: extract.py PKGDIR OUTDIR", file=sys.stderr)
        return 2
    pkgdir, out = Path(argv[0]), Path(argv[1])
    figures = json.loads((Path(__file__).parent / "annotations.json").read_text(encoding="utf-8"))["figures"]
    pkgs = sorted({f["origin"]["deb"] or f["origin"]["sdist"] for f in figures})
    missing = [p for p in pkgs if not (pkgdir / p).is_file()]
    if missing:
        print(f"missing package in {pkgdir}: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for pkg in pkgs:
        mine = [f for f in figures if (f["origin"]["deb"] or f["origin"]["sdist"]) == pkg]
        read = sdist_members if pkg.endswith(".tar.gz") else deb_members
        members = read(pkgdir / pkg, {f["origin"]["member"] for f in mine})
        for f in mine:
            o = f["origin"]
            (out / Path(f["file"]).name).write_bytes(image_for(o, members[o["member"]]))
            n += 1
    print(f"{n} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
