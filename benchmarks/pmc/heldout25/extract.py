"""Re-create the images of the frozen held-out figure set 25 (photographs, micrographs and image grids) from five
Debian bookworm packages and one PyPI sdist: stellarium-data (astronomical photographs of nebulae, galaxies and
clusters), hugin-data (the Hugin panorama manual's photographs and photograph pairs), cimg-doc (photographed
postcards holding photograph grids), python-xraylarch-doc (X-ray fluorescence map display, two portrait photographs),
python3-hyperspy (the image-grid baselines of its plotting tests: tiles of a photograph and of maps, an electron
hologram's Fourier transform with a scale bar) and tiatoolbox (a stained histology tile).

Usage: python benchmarks/pmc/heldout25/extract.py SRCDIR OUTDIR

SRCDIR holds the .deb files (`origin.deb`, as `apt-get download PACKAGE=VERSION` saves them) and the sdist
(`origin.sdist`, as `pip download --no-deps --no-binary :all: tiatoolbox==2.1.3` saves it) named in annotations.json;
OUTDIR receives the images under the names in annotations.json. One mode (`origin.mode`), `image`: the member
`origin.member` is read from the package's data archive (or the sdist), opened with Pillow (a GIF's first frame),
converted to RGB, cut to `origin.crop` [x0, y0, x1, y1] when that is not null, its long side capped at
`origin.max_side` (Lanczos) when larger, and stored as `origin.format` (`png`, or `jpeg` at quality 90 for
photographs, so that the set stays small).
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


def _tar_members(fileobj, members: list[str], where: str) -> dict[str, bytes]:
    """The named files of a tar archive, read in one pass (a package can be large)."""
    want, out = set(members), {}
    with tarfile.open(fileobj=fileobj, mode="r:*") as tar:
        for info in tar:
            if info.name in want and info.isfile():
                out[info.name] = tar.extractfile(info).read()
    missing = sorted(want - set(out))
    if missing:
        raise KeyError(f"{missing[0]} is not a file in {where}")
    return out


def deb_members(deb_path: Path, members: list[str]) -> dict[str, bytes]:
    """Files of a .deb's data archive (`./usr/...`): name -> bytes."""
    parts = ar_members(deb_path.read_bytes())
    data = next((v for k, v in parts.items() if k.startswith("data.tar")), None)
    if data is None:
        raise ValueError(f"{deb_path.name} has no data archive")
    return _tar_members(io.BytesIO(data), members, deb_path.name)


def deb_member(deb_path: Path, member: str) -> bytes:
    """One file of a .deb's data archive."""
    return deb_members(deb_path, [member])[member]


def sdist_members(sdist_path: Path, members: list[str]) -> dict[str, bytes]:
    """Files of a source distribution (`.tar.gz`): name -> bytes."""
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


def image_for(origin: dict, data: bytes) -> bytes:
    """The stored image for one annotation's `origin`, from its member's bytes."""
    from PIL import Image

    if origin["mode"] != "image":
        raise ValueError(f"unknown mode {origin['mode']}")
    with Image.open(io.BytesIO(data)) as src:
        src.seek(0)
        im = src.convert("RGB")
    if origin.get("crop"):
        im = im.crop(tuple(origin["crop"]))
    size = downscale(im.size, min(MAX_SIDE, origin.get("max_side") or MAX_SIDE))
    if size != im.size:
        im = im.resize(size, Image.LANCZOS)
    buf = io.BytesIO()
    if origin["format"] == "jpeg":
        im.save(buf, "JPEG", quality=90)
    elif origin["format"] == "png":
        im.save(buf, "PNG", optimize=True)
    else:
        raise ValueError(f"unknown format {origin['format']}")
    return buf.getvalue()


def source_members(srcdir: Path, source: str, members: list[str]) -> dict[str, bytes]:
    """The members from one source file: a .deb, else an sdist."""
    if source.endswith(".deb"):
        return deb_members(srcdir / source, members)
    return sdist_members(srcdir / source, members)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: extract.py SRCDIR OUTDIR", file=sys.stderr)
        return 2
    srcdir, out = Path(argv[0]), Path(argv[1])
    figures = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["figures"]
    sources = sorted({f["origin"].get("deb") or f["origin"]["sdist"] for f in figures})
    missing = [s for s in sources if not (srcdir / s).is_file()]
    if missing:
        print(f"missing package in {srcdir}: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for source in sources:
        mine = [f for f in figures if (f["origin"].get("deb") or f["origin"]["sdist"]) == source]
        data = source_members(srcdir, source, sorted({f["origin"]["member"] for f in mine}))
        for f in mine:
            (out / Path(f["file"]).name).write_bytes(image_for(f["origin"], data[f["origin"]["member"]]))
    print(f"{len(figures)} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
