"""Re-create the real (package) images of the frozen held-out figure set 11.

Usage: python benchmarks/pmc/heldout11/extract.py PKGDIR OUTDIR

PKGDIR holds the Debian .deb files named in annotations.json (`origin.deb`); OUTDIR receives the
images under the names in annotations.json. An image with at most 1200 px on its long side is copied
byte for byte from the package; a larger one is flattened on white and downscaled (Lanczos) to 1200 px,
then stored as PNG (PNG sources) or JPEG quality 90 (JPEG sources). The composed figures
(`origin.composed`) are made by compose.py from shared/realdata/photos, not by this script. Heldout9's
extract.py, unchanged but for this docstring and a one-line error for a missing package; `origin.member` is the
package file itself (symbolic links in the package's `_images/` were resolved to their target when the set was
built).
"""
from __future__ import annotations

import io
import json
import lzma
import sys
import tarfile
from pathlib import Path

MAX_SIDE = 1200


_TARS: dict[Path, bytes] = {}


def deb_data(deb: Path) -> bytes:
    """The data.tar of a .deb (an ar archive), decompressed once per package."""
    if deb in _TARS:
        return _TARS[deb]
    raw = deb.read_bytes()
    pos = 8  # "!<arch>\n"
    while pos < len(raw):
        name = raw[pos:pos + 16].decode().strip().rstrip("/")
        size = int(raw[pos + 48:pos + 58].decode().strip())
        body = raw[pos + 60:pos + 60 + size]
        if name.startswith("data.tar"):
            _TARS[deb] = lzma.decompress(body) if name.endswith(".xz") else body
            return _TARS[deb]
        pos += 60 + size + (size % 2)
    raise KeyError(f"no data.tar in {deb}")


def deb_member(deb: Path, member: str) -> bytes:
    """Read one file from a .deb without dpkg."""
    with tarfile.open(fileobj=io.BytesIO(deb_data(deb))) as tar:
        return tar.extractfile(member).read()


def image_bytes(data: bytes, member: str) -> bytes:
    from PIL import Image

    im = Image.open(io.BytesIO(data))
    if max(im.size) <= MAX_SIDE:
        return data
    if im.mode in ("P", "LA", "RGBA", "PA"):
        im = im.convert("RGBA")
        base = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(base, im)
    im = im.convert("RGB")
    s = MAX_SIDE / max(im.size)
    im = im.resize((round(im.width * s), round(im.height * s)), Image.LANCZOS)
    buf = io.BytesIO()
    if member.lower().endswith(".png"):
        im.save(buf, "PNG", optimize=True)
    else:
        im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: extract.py PKGDIR OUTDIR", file=sys.stderr)
        return 2
    pkgdir, out = Path(argv[0]), Path(argv[1])
    figures = json.loads((Path(__file__).parent / "annotations.json").read_text(encoding="utf-8"))["figures"]
    missing = sorted({f["origin"]["deb"] for f in figures if f["origin"].get("deb")} - {p.name for p in pkgdir.glob("*.deb")})
    if missing:
        print(f"extract.py: missing package {missing[0]} in {pkgdir}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for f in figures:
        o = f["origin"]
        if not o.get("deb"):
            continue
        data = deb_member(pkgdir / o["deb"], o["member"])
        (out / Path(f["file"]).name).write_bytes(image_bytes(data, o["member"]))
        n += 1
    print(f"{n} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
