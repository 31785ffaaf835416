"""Re-create the images of the frozen held-out figure set 14 from two Debian documentation packages whose HTML
manuals ship matplotlib figures as PNG files (python-pandas-doc 1.5.3+dfsg-2, python-lmfit-doc 1.1.0-1).

Usage: python benchmarks/pmc/heldout14/extract.py PKGDIR OUTDIR

PKGDIR holds the .deb files named in annotations.json (`origin.deb`); OUTDIR receives the images under the
names in annotations.json. Each image is one file of a package's data.tar (`origin.member`), stored as shipped:
nothing is rendered, cropped or re-encoded, so the output matches the stored files byte for byte (their sha256 is
in annotations.json). `origin.page` names the HTML page that shows the image; its caption is the text of that page
(see README.md).
"""
from __future__ import annotations

import io
import json
import lzma
import sys
import tarfile
from pathlib import Path


def deb_members(deb: Path, wanted: set[str]) -> dict[str, bytes]:
    """The named files of a .deb's data.tar (an ar archive member), read in one pass."""
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
        files = deb_members(pkgdir / deb, {f["origin"]["member"] for f in mine})
        for f in mine:
            (out / Path(f["file"]).name).write_bytes(files[f["origin"]["member"]])
            n += 1
    print(f"{n} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
