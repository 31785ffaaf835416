"""Issue 18 items 1-2: what a phone or an editor writes into a photo never reaches images/, dataset/ or an
export, and every stored image is upright. Real photographs (PAD-UFES-20, ISIC) with planted metadata."""

from __future__ import annotations

import hashlib
import io
import tarfile

import numpy as np
import pytest
from PIL import Image, ImageCms

from derm1m_build.images import ImageStore, load_rgb, normalise
from derm1m_build.metadata import strip_jpeg, strip_png
from conftest import cli
from privacy_helpers import keep_all_recipe, PHOTOS, PLANTED, leaks, photo, plant_jpeg, plant_png, rotated_phone_photo, thumbnail_of

CLINICAL = ["padufes20_PAT_1020_111_593.jpg", "padufes20_PAT_1130_501_181.jpg", "padufes20_PAT_1249_862_658.jpg"]
DERMOSCOPY = ["isic2017_ISIC_0000000.jpg", "isic2017_ISIC_0000001.jpg"]


@pytest.fixture(autouse=True)
def _photos():
    if not PHOTOS.exists():
        pytest.skip("../shared/realdata/photos is not beside this checkout")


def _pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def _mae(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


@pytest.mark.parametrize("name", CLINICAL + DERMOSCOPY)
def test_planted_jpeg_metadata_is_dropped_losslessly(tmp_path, name):
    """Before: EXIF GPS/make/model/serial/Artist/XPAuthor/description/UserComment, XMP, IPTC, COM, an EXIF
    thumbnail of another photo and a trailer were stored byte for byte. Now none is stored; the coded
    pixels are untouched (exactly the original's) and the planted copy is the same file as the clean one."""
    clean = photo(name).read_bytes()
    thumb = thumbnail_of("padufes20_PAT_1067_284_533.jpg")
    planted = plant_jpeg(clean, orientation=1, thumbnail=thumb)
    assert len(leaks(planted, thumb)) == 17  # the planting worked: every value is there
    store = ImageStore(tmp_path / "images")
    info = store.put(planted)
    stored = store.read(info.sha256, info.ext)
    assert leaks(stored, thumb) == []
    assert Image.open(io.BytesIO(stored)).getexif() == {}
    assert set(Image.open(io.BytesIO(stored)).info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"}
    assert np.array_equal(_pixels(stored), _pixels(clean))
    assert info.sha256 == hashlib.sha256(stored).hexdigest()
    assert store.put(clean) == info  # same picture, same content address


def test_every_real_photo_strips_to_identical_pixels():
    """The lossless strip over all 173 real photos: decoded pixels identical, never larger."""
    n = 0
    for f in sorted(PHOTOS.glob("*/*.jpg")):
        data = f.read_bytes()
        out = strip_jpeg(data)
        assert len(out) <= len(data)
        assert np.array_equal(_pixels(out), _pixels(data)), f.name
        n += 1
    assert n == 173


def test_progressive_and_restart_marker_jpegs_strip_exactly():
    """Markers inside and between scans (progressive scans, restart intervals, a COM between scans)."""
    im = Image.open(photo(CLINICAL[1])).convert("RGB")
    for kw in ({"progressive": True}, {"restart_marker_blocks": 4}, {"restart_marker_rows": 1}):
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=90, **kw)
        data = buf.getvalue()
        # a COM segment between the first scan and the next marker
        sos = data.index(b"\xff\xda")
        nxt = data.index(b"\xff\xc4", sos) if kw.get("progressive") else None
        if nxt:
            data = data[:nxt] + b"\xff\xfe\x00\x12ComPlantedSecret" + data[nxt:]
        out = strip_jpeg(plant_jpeg(data))
        assert leaks(out) == []
        assert np.array_equal(_pixels(out), _pixels(data)), kw


@pytest.mark.parametrize("orientation", [6, 8, 3])
def test_rotated_phone_photo_is_stored_upright(tmp_path, orientation):
    """Before: stored sideways with the tag (faces missed, pixels sideways). Now turned upright, re-encoded
    once (quality 95), no EXIF left; close to the upright view and far from any other turn."""
    data, upright = rotated_phone_photo(CLINICAL[1], orientation)
    store = ImageStore(tmp_path / "images")
    info = store.put(data)
    stored = store.read(info.sha256, info.ext)
    assert (info.width, info.height) == (320, 200)
    px = _pixels(stored)
    assert px.shape == upright.shape
    assert _mae(px, upright) < 4.0
    assert _mae(px, upright[::-1, ::-1]) > 4 * _mae(px, upright)
    assert leaks(stored) == []
    assert Image.open(io.BytesIO(stored)).getexif().get(0x0112) is None
    # readers of files outside the store turn them too (training folders, eval sets)
    assert np.asarray(load_rgb(data)).shape == upright.shape


def test_png_text_exif_and_time_chunks_are_dropped(tmp_path):
    rgb = Image.open(photo(DERMOSCOPY[0])).convert("RGB")
    planted = plant_png(rgb)
    assert len(leaks(planted)) >= 10
    info = ImageStore(tmp_path / "images").put(planted)
    stored = ImageStore(tmp_path / "images").read(info.sha256, info.ext)
    assert info.ext == "png" and leaks(stored) == []
    assert np.array_equal(_pixels(stored), np.asarray(rgb))
    chunks, pos = [], 8
    while pos < len(stored):
        n = int.from_bytes(stored[pos:pos + 4], "big")
        chunks.append(stored[pos + 4:pos + 8])
        pos += 12 + n
    assert set(chunks) == {b"IHDR", b"IDAT", b"IEND"}


def test_converted_images_carry_no_metadata(tmp_path):
    """A WebP/TIFF/RGBA upload is converted to PNG: no EXIF or text survives the conversion, and an
    RGBA PNG (converted) loses its text chunks too."""
    rgb = Image.open(photo(CLINICAL[0])).convert("RGB")
    from privacy_helpers import exif_blob

    for fmt, im in (("WEBP", rgb), ("TIFF", rgb)):
        buf = io.BytesIO()
        im.save(buf, fmt, exif=exif_blob(1)[6:])
        assert len(leaks(buf.getvalue())) >= 8  # the EXIF went in
        out, ext, _, _ = normalise(buf.getvalue())
        assert ext == "png" and leaks(out) == [], fmt
    rgba = plant_png(rgb.convert("RGBA"))
    out, ext, _, _ = normalise(rgba)
    assert ext == "png" and leaks(out) == []


def test_icc_profile_is_kept_and_rewritten_nowhere_else(tmp_path):
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    im = Image.open(photo(CLINICAL[2])).convert("RGB")
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=92, icc_profile=icc)
    out, ext, _, _ = normalise(plant_jpeg(buf.getvalue()))
    assert Image.open(io.BytesIO(out)).info.get("icc_profile") == icc
    assert leaks(out) == []
    buf = io.BytesIO()
    im.save(buf, "PNG", icc_profile=icc)
    out, _, _, _ = normalise(buf.getvalue())
    assert Image.open(io.BytesIO(out)).info.get("icc_profile") == icc
    # a rotated JPEG keeps its profile through the re-encode
    data, _ = rotated_phone_photo(CLINICAL[2], 6)
    pos = data.index(b"\xff\xdb")
    seg = b"ICC_PROFILE\x00\x01\x01" + icc
    data = data[:pos] + b"\xff\xe2" + (len(seg) + 2).to_bytes(2, "big") + seg + data[pos:]
    out, _, w, h = normalise(data)
    assert (w, h) == (320, 200) and Image.open(io.BytesIO(out)).info.get("icc_profile") == icc


def test_png_strip_keeps_trailing_junk_out():
    rgb = Image.open(photo(DERMOSCOPY[1])).convert("RGB")
    buf = io.BytesIO()
    rgb.save(buf, "PNG")
    out = strip_png(buf.getvalue() + b"TRAILER-PLANTED-BYTES")
    assert out == buf.getvalue()


def test_built_dataset_and_webdataset_export_hold_no_planted_metadata(tmp_path):
    """End to end: a local folder of real photos with planted metadata (one a sideways phone photo) ->
    `run` -> dataset/images and a WebDataset export: no planted value anywhere, every image upright."""
    src = tmp_path / "src"
    (src / "img").mkdir(parents=True)
    thumb = thumbnail_of("padufes20_PAT_1067_284_533.jpg")
    lines = ["item_id,image,text,license"]
    names = CLINICAL + DERMOSCOPY
    for i, name in enumerate(names):
        (src / "img" / f"p{i}.jpg").write_bytes(plant_jpeg(photo(name).read_bytes(), thumbnail=thumb))
        lines.append(f"p{i},img/p{i}.jpg,Erythematous plaque on the forearm case {i},CC-BY-4.0")
    side, upright = rotated_phone_photo(CLINICAL[1], 6, crop=(360, 240))
    (src / "img" / "side.jpg").write_bytes(side)
    lines.append("side,img/side.jpg,Pigmented lesion on the back,CC-BY-4.0")
    (src / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    recipe = keep_all_recipe(tmp_path / "r.toml", "privacy", src)
    out = tmp_path / "out"
    env = {"DERM1M_T_API_TOKEN": "tok-e2eplanted-271828"}  # a secret in the build's environment
    cli("run", "--recipe", recipe, "--out", out, check=True, env=env)
    cli("export", out, "--format", "webdataset", check=True, env=env)
    # the audit: planted values, the secret, this machine's home path and host name: nowhere that ships
    needles = [a for v in PLANTED.values() if isinstance(v, str) for a in ("--needle", v)]
    p = cli("audit-privacy", out, *needles, env=env)
    assert p.returncode == 0 and p.stdout.strip().endswith("0 finding(s)"), p.stdout + p.stderr
    stored = sorted((out / "dataset" / "images").rglob("*.*"))
    assert len(stored) == len(names) + 1
    shapes = set()
    for p in stored:
        data = p.read_bytes()
        assert leaks(data, thumb) == [], p
        shapes.add(_pixels(data).shape)
    assert upright.shape in shapes
    for p in sorted((out / "images").rglob("*.*")):
        assert leaks(p.read_bytes(), thumb) == [], p
    tars = sorted((out / "export").rglob("*.tar"))
    assert tars
    members = 0
    for t in tars:
        with tarfile.open(t) as tf:
            for m in tf.getmembers():
                data = tf.extractfile(m).read()
                assert leaks(data, thumb) == [], m.name
                members += m.name.endswith((".jpg", ".png"))
    assert members == len(names) + 1


def test_jpeg_the_decoder_tolerates_but_the_strip_refuses_is_re_encoded_clean():
    """Junk bytes between segments: PIL skips them, the segment walk does not; the image is kept,
    re-encoded once, and still carries nothing planted."""
    data = plant_jpeg(photo(DERMOSCOPY[0]).read_bytes())
    i = data.index(b"\xff\xdb")
    bad = data[:i] + b"JUNKJUNK" + data[i:]
    out, ext, w, h = normalise(bad)
    assert ext == "jpg" and leaks(out) == [] and (w, h) == Image.open(io.BytesIO(data)).size
    assert _mae(_pixels(out), _pixels(data)) < 3.0


def test_face_in_a_sideways_phone_photo_is_found_once_stored_upright(tmp_path):
    """Issue item 2: the face detector looks at upright faces; a phone photo stored sideways with an
    orientation tag hid its face. skimage's astronaut (a real photograph) stored the way a phone does."""
    skimage_data = pytest.importorskip("skimage.data")
    from derm1m_build.filtering import faces
    from privacy_helpers import exif_blob

    upright_px = skimage_data.astronaut()
    stored_sideways = Image.fromarray(np.ascontiguousarray(np.rot90(upright_px, 1)))  # turned 90 degrees left
    buf = io.BytesIO()
    stored_sideways.save(buf, "JPEG", quality=95, exif=exif_blob(orientation=6))
    data = buf.getvalue()
    # (the Haar cascade this replaced missed the sideways face; the YOLO model may find it either way:
    # what matters is that the stored image is upright and the face is found in it)
    info = ImageStore(tmp_path / "images").put(data)
    stored = _pixels(ImageStore(tmp_path / "images").read(info.sha256, info.ext))
    assert len(faces.detect(stored, 0.12)) == 1
    assert _mae(stored, upright_px) < 4.0
