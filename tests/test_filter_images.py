"""Hostile images: each yields a recorded reason or a normalised RGB/L image, never a traceback."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from derm1m_build.errors import ItemError
from derm1m_build.images import ImageStore, load_rgb, normalise

HOSTILE = Path(__file__).parent / "data" / "hostile" / "images"

EXPECT = {
    "zero_bytes.jpg": "image_empty",
    "truncated.jpg": "image_corrupt",
    "truncated.png": "image_corrupt",
    "corrupt_scan.jpg": "image_corrupt",
    "corrupt_crc.png": "image_corrupt",
    "not_an_image.jpg": "image_unsupported",
    "header_only.png": "image_unsupported",
    "eps_ghostscript.eps": "image_unsupported",  # EPS would run Ghostscript: never opened
    "bomb_50000x50000.png": "image_too_large",
    "tiny_4x4.png": "image_too_small",
    # normalised to 8-bit PNG (RGB or L)
    "cmyk.jpg": ("png", "RGB"), "gray16.png": ("png", "L"), "rgb48.png": ("png", "RGB"),
    "palette.png": ("png", "RGB"), "palette_transparent.png": ("png", "RGB"), "rgba.png": ("png", "RGB"),
    "la.png": ("png", "RGB"), "bilevel.png": ("png", "RGB"), "animated.gif": ("png", "RGB"),
    "animated.png": ("png", "RGB"), "webp.webp": ("png", "RGB"),
    # passed through byte for byte
    "ok.jpg": ("jpg", "RGB", "same"), "ok.png": ("png", "RGB", "same"),
}


def test_every_sample_file_is_listed():
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_hostile_image(name, tmp_path):
    data = (HOSTILE / name).read_bytes()
    exp = EXPECT[name]
    if isinstance(exp, str):
        with pytest.raises(ItemError) as e:
            normalise(data)
        assert e.value.reason == exp
        with pytest.raises(ItemError):
            load_rgb(data)
        return
    stored, ext, w, h = normalise(data)
    assert ext == exp[0] and (w, h) == (96, 96)
    im = Image.open(io.BytesIO(stored))
    assert im.format == ("JPEG" if ext == "jpg" else "PNG") and im.mode == exp[1]
    assert stored[24] == 8 if ext == "png" else True  # 8-bit samples
    assert getattr(im, "is_animated", False) is False
    assert (stored == data) == (len(exp) == 3)
    info = ImageStore(tmp_path).put(data)
    assert (tmp_path / info.relpath.split("/", 1)[1]).read_bytes() == stored
    assert load_rgb(stored).size == (96, 96)


def _chunk(t: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + t + data + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)


def test_generated_50000px_png_bomb_is_refused_from_its_header():
    # 50,000 x 50,000 RGB = 7.5 GB of pixels in a few hundred bytes: refused before any decoding
    bomb = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 150001 * 8, 9)) + _chunk(b"IEND", b""))
    assert len(bomb) < 2000
    with pytest.raises(ItemError) as e:
        normalise(bomb)
    assert e.value.reason == "image_too_large"


def test_real_compressed_bomb_just_over_the_pixel_cap():
    # 7,000 x 6,000 greyscale zeros (42 MP > 40 MP cap): a real, fully valid PNG of ~40 KB
    raw = b"".join(b"\x00" + bytes(7000) for _ in range(6000))
    png = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 7000, 6000, 8, 0, 0, 0, 0))
           + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b""))
    assert len(png) < 100_000
    with pytest.raises(ItemError) as e:
        normalise(png)
    assert e.value.reason == "image_too_large" and "7000x6000" in e.value.detail


def test_hostile_corpus_through_harvest_and_filter(tmp_path):
    """Every hostile file ends as a row with a reason (harvest or filter) or a normalised kept image."""
    import csv
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    from conftest import local_recipe
    from derm1m_build.executors.local import LocalExecutor
    from derm1m_build.pipeline import run_harvest, run_stage
    from derm1m_build.recipe import load_recipe

    d = tmp_path / "corpus" / "local"
    shutil.copytree(HOSTILE, d / "images")
    names = sorted(EXPECT)
    with open(d / "metadata.csv", "w", newline="") as f:
        w = csv.DictWriter(f, ["item_id", "image", "text"])
        w.writeheader()
        w.writerows({"item_id": n, "image": f"images/{n}", "text": n} for n in names)
    recipe = local_recipe(tmp_path, tmp_path / "corpus", extra='\n[filter]\nphash_radius = -1\n[filter.quality]\nmin_side = 8\n')
    r = load_recipe(recipe)
    out = tmp_path / "out"
    run_harvest(r, out)
    run_stage("filter", r, out, LocalExecutor(1))

    def rows(stage, sub=""):
        files = sorted((out / "work" / stage / sub).glob("part-*.parquet"))
        return pa.concat_tables([pq.read_table(p) for p in files]).to_pylist() if files else []

    got = {}
    for x in rows("harvest", "_excluded"):
        got[x["raw_text"]] = ("harvest", x["reason"])
    for x in rows("filter", "_excluded"):
        got[x["raw_text"]] = ("filter", x["reason"])
    for x in rows("filter"):
        got[x["raw_text"]] = ("kept", x["image_ext"])
    assert sorted(got) == names
    for n in names:
        exp = EXPECT[n]
        if isinstance(exp, str):
            assert got[n] == ("harvest", exp), n
        else:
            assert got[n][0] in ("kept", "filter") and got[n][1] != "", (n, got[n])
    assert not list(out.rglob("*.tmp-*"))
