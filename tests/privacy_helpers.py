"""Planting what a phone or an editor writes into a photo: EXIF (GPS, make/model/serial, Artist, XPAuthor,
ImageDescription, UserComment, an IFD1 thumbnail of another picture, orientation), XMP, IPTC, COM, a
trailer after EOI; PNG text/eXIf/tIME chunks. Everything is built byte by byte here so the tests know
exactly what went in."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image
from PIL.PngImagePlugin import PngInfo

PHOTOS = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "photos"

# Every string below must vanish from what the build stores.
PLANTED = {
    "make": "PlantedCamMake",
    "model": "PlantedCamModel-X9",
    "serial": "SN-PLANTED-7731",
    "artist": "Dr Planted Artistname",
    "description": "Patient Jane Plantedoe MRN 99887766",
    "comment": "UserComment Planted MRN 55443322",
    "xpauthor": "XPPlantedAuthor",
    "xmp": "XmpPlantedCreator",
    "iptc": "IptcPlantedByline",
    "com": "ComPlantedSecret",
    "trailer": "TRAILER-PLANTED-BYTES",
    "png_text": "PngPlantedAuthor",
    "png_itxt": "PngPlantedItxt",
    "png_ztxt": "PngPlantedZtxt",
    "gps_lat": (48, 51, 29),  # planted as RATIONALs; checked via the raw bytes below
}
GPS_MARK = struct.pack("<IIIIII", 48, 1, 51, 1, 29, 1)  # how the latitude sits in a little-endian TIFF


def photo(name: str) -> Path:
    return next(PHOTOS.glob(f"*/{name}"))


def _entry_value(typ: int, value) -> tuple[int, bytes]:
    if typ == 2:  # ASCII
        b = value.encode() + b"\x00"
        return len(b), b
    if typ in (1, 7):  # BYTE, UNDEFINED
        return len(value), bytes(value)
    if typ == 3:
        vals = value if isinstance(value, (list, tuple)) else [value]
        return len(vals), b"".join(struct.pack("<H", v) for v in vals)
    if typ == 4:
        vals = value if isinstance(value, (list, tuple)) else [value]
        return len(vals), b"".join(struct.pack("<I", v) for v in vals)
    if typ == 5:  # RATIONAL list of (num, den)
        return len(value), b"".join(struct.pack("<II", a, b) for a, b in value)
    raise ValueError(typ)


def _ifd(entries: list[tuple[int, int, object]], offset: int, next_ifd: int) -> bytes:
    """One little-endian IFD placed at `offset`, its long values right after it."""
    entries = sorted(entries)
    head = 2 + 12 * len(entries) + 4
    data_off = offset + head
    table, data = [], b""
    for tag, typ, value in entries:
        count, payload = _entry_value(typ, value)
        if len(payload) <= 4:
            table.append(struct.pack("<HHI", tag, typ, count) + payload.ljust(4, b"\x00"))
        else:
            table.append(struct.pack("<HHII", tag, typ, count, data_off + len(data)))
            data += payload + (b"\x00" if len(payload) % 2 else b"")
    return struct.pack("<H", len(entries)) + b"".join(table) + struct.pack("<I", next_ifd) + data


def _ifd_size(entries) -> int:
    return len(_ifd(entries, 0, 0))


def exif_blob(orientation: int = 1, thumbnail: bytes | None = None) -> bytes:
    """`Exif\\0\\0` + a TIFF with IFD0, the Exif and GPS IFDs and, if given, IFD1 holding a JPEG thumbnail."""
    xp = PLANTED["xpauthor"].encode("utf-16-le") + b"\x00\x00"
    user_comment = b"ASCII\x00\x00\x00" + PLANTED["comment"].encode()
    exif_ifd = [(0xA431, 2, PLANTED["serial"]), (0x9286, 7, user_comment)]
    gps_ifd = [(0x0001, 2, "N"), (0x0002, 5, [(48, 1), (51, 1), (29, 1)]), (0x0003, 2, "E"),
               (0x0004, 5, [(2, 1), (17, 1), (40, 1)])]
    ifd0 = [(0x010F, 2, PLANTED["make"]), (0x0110, 2, PLANTED["model"]), (0x013B, 2, PLANTED["artist"]),
            (0x010E, 2, PLANTED["description"]), (0x0112, 3, orientation), (0x9C9D, 1, xp),
            (0x8769, 4, 0), (0x8825, 4, 0)]
    off0 = 8
    off_exif = off0 + _ifd_size(ifd0)
    off_gps = off_exif + _ifd_size(exif_ifd)
    off_ifd1 = off_gps + _ifd_size(gps_ifd)
    ifd0 = [e for e in ifd0 if e[0] not in (0x8769, 0x8825)] + [(0x8769, 4, off_exif), (0x8825, 4, off_gps)]
    ifd1 = []
    if thumbnail:
        ifd1 = [(0x0103, 3, 6), (0x0201, 4, 0), (0x0202, 4, len(thumbnail))]
        off_thumb = off_ifd1 + _ifd_size(ifd1)
        ifd1 = [(0x0103, 3, 6), (0x0201, 4, off_thumb), (0x0202, 4, len(thumbnail))]
    tiff = b"II*\x00" + struct.pack("<I", off0)
    tiff += _ifd(ifd0, off0, off_ifd1 if thumbnail else 0)
    tiff += _ifd(exif_ifd, off_exif, 0)
    tiff += _ifd(gps_ifd, off_gps, 0)
    if thumbnail:
        tiff += _ifd(ifd1, off_ifd1, 0) + thumbnail
    return b"Exif\x00\x00" + tiff


def _seg(marker: int, body: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body


def xmp_segment() -> bytes:
    packet = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
              '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
              'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>'
              f'{PLANTED["xmp"]}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>'
              '<?xpacket end="w"?>')
    return _seg(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet.encode())


def iptc_segment() -> bytes:
    byline = PLANTED["iptc"].encode()
    iptc = b"\x1c\x02\x50" + struct.pack(">H", len(byline)) + byline
    res = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    return _seg(0xED, b"Photoshop 3.0\x00" + res)


def thumbnail_of(name: str) -> bytes:
    """A small JPEG of a *different* picture, as an EXIF thumbnail would be."""
    im = Image.open(photo(name)).convert("RGB")
    im.thumbnail((96, 96))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def plant_jpeg(jpeg: bytes, orientation: int = 1, thumbnail: bytes | None = None) -> bytes:
    """`jpeg` with EXIF (+thumbnail), XMP, IPTC and a COM segment after SOI/APP0, and a trailer after EOI."""
    assert jpeg[:2] == b"\xff\xd8"
    pos = 2
    if jpeg[2:4] == b"\xff\xe0":  # keep the JFIF APP0 first
        pos = 4 + struct.unpack(">H", jpeg[4:6])[0]
    planted = (_seg(0xE1, exif_blob(orientation, thumbnail)) + xmp_segment() + iptc_segment()
               + _seg(0xFE, PLANTED["com"].encode()))
    return jpeg[:pos] + planted + jpeg[pos:] + PLANTED["trailer"].encode()


def rotated_phone_photo(name: str, orientation: int = 6, crop: tuple[int, int] = (320, 200)) -> tuple[bytes, np.ndarray]:
    """(JPEG bytes as a phone stores them: pixels sideways + the orientation tag, upright pixels expected).

    A non-square crop of a real photo is the upright view; for orientation 6 the camera stores it turned
    90 degrees counter-clockwise and says "rotate 90 clockwise to display"."""
    im = Image.open(photo(name)).convert("RGB")
    w, h = crop
    upright = im.crop((0, 0, w, h))
    stored = {6: upright.transpose(Image.Transpose.ROTATE_90), 8: upright.transpose(Image.Transpose.ROTATE_270),
              3: upright.transpose(Image.Transpose.ROTATE_180)}[orientation]
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=95)
    return plant_jpeg(buf.getvalue(), orientation), np.asarray(upright)


def plant_png(rgb: Image.Image) -> bytes:
    info = PngInfo()
    info.add_text("Author", PLANTED["png_text"])
    info.add_itxt("Description", PLANTED["png_itxt"], lang="en", tkey="Description")
    info.add_text("Comment", PLANTED["png_ztxt"], zip=True)
    buf = io.BytesIO()
    rgb.save(buf, "PNG", pnginfo=info, exif=exif_blob(1)[6:])
    data = buf.getvalue()
    t = struct.pack(">HBBBBB", 2026, 1, 2, 3, 4, 5)
    time_chunk = struct.pack(">I", len(t)) + b"tIME" + t + struct.pack(">I", zlib.crc32(b"tIME" + t) & 0xFFFFFFFF)
    return data[:33] + time_chunk + data[33:]  # after IHDR


def planted_strings() -> list[bytes]:
    """Every planted value, as the byte strings that would betray it (ASCII, UTF-16 for XPAuthor, GPS)."""
    out = [v.encode() for k, v in PLANTED.items() if isinstance(v, str)]
    out.append(PLANTED["xpauthor"].encode("utf-16-le"))
    out.append(GPS_MARK)
    out += [b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"Photoshop 3.0", b"8BIM", b"tEXt", b"iTXt", b"zTXt",
            b"eXIf", b"tIME"]
    return out


def leaks(data: bytes, thumbnail: bytes | None = None) -> list[bytes]:
    found = [s for s in planted_strings() if s in data]
    if thumbnail and thumbnail[-300:-2] in data:  # the end of the thumbnail's scan
        found.append(b"<exif thumbnail>")
    return found


# What the privacy builds keep: every image of a local folder, whatever it shows, so a planted value that
# survives has nowhere to hide behind a filter drop. `extra` adds sections (caption, OCR, ...).
KEEP_ALL_FILTER = """[filter]
dedup = false
[filter.faces]
action = "off"
[filter.heuristic]
keep_modalities = ["clinical", "dermoscopic", "other", "slide", "diagram", "chart", "text"]
[filter.quality]
min_side = 8
"""


def keep_all_recipe(path: Path, name: str, src: Path, extra: str = "") -> Path:
    path.write_text(f'[build]\nname = "{name}"\n[harvest.local]\npath = "{src}"\n{KEEP_ALL_FILTER}{extra}',
                    encoding="utf-8")
    return path
