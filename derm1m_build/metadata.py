"""Dropping image metadata without touching pixels.

A phone photo carries far more than pixels: EXIF (GPS position, camera make/model and body serial,
Artist, ImageDescription/UserComment, a thumbnail that may show another picture), XMP (`dc:creator`),
IPTC (Photoshop APP13), comments, MPF secondary images and whatever a phone appends after the end of the
JPEG (motion-photo video). None of it is needed to decode the image, so none of it is stored.

JPEG: the file is rewritten segment by segment; the coded data (quantisation and Huffman tables, frame,
scans, restart markers) is copied byte for byte, so the decoded pixels are identical. Kept besides: a
minimal JFIF APP0 (density only, its thumbnail removed), the ICC profile (APP2 `ICC_PROFILE`) and the
12-byte Adobe APP14 (it says whether 3 components are YCbCr or RGB). Everything after EOI is dropped.

PNG: only the chunks decoding needs are kept (IHDR, PLTE, tRNS, IDAT, IEND and the colour chunks gAMA,
cHRM, sRGB, sBIT, cICP, iCCP with its free-text profile name replaced); tEXt/iTXt/zTXt/eXIf/tIME/pHYs and
anything unknown go, as does anything after IEND.

Both parsers are single linear passes over the bytes.
"""

from __future__ import annotations

import io
import struct
import zlib

from derm1m_build.errors import ItemError

PNG_SIG = b"\x89PNG\r\n\x1a\n"
PNG_KEEP = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"cICP", b"iCCP"}
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM, RST0-7: markers without a length


def _bad(what: str) -> ItemError:
    return ItemError("image_corrupt", f"jpeg structure: {what}")


def _scan_end(data: bytes, i: int) -> int:
    """Index of the first marker after entropy-coded data starting at `i` (len(data) if none)."""
    n = len(data)
    while True:
        j = data.find(b"\xff", i)
        if j < 0 or j + 1 >= n:
            return n
        nb = data[j + 1]
        if nb == 0 or 0xD0 <= nb <= 0xD7:  # stuffed 0xFF or a restart marker: still inside the scan
            i = j + 2
        elif nb == 0xFF:  # fill byte before a marker
            i = j + 1
        else:
            return j


def _keep_app(marker: int, body: bytes) -> bytes | None:
    """The APPn payload to keep (possibly rewritten), or None to drop it."""
    if marker == 0xE0 and body.startswith(b"JFIF\x00") and len(body) >= 14:
        return body[:12] + b"\x00\x00"  # version, units, densities; no thumbnail
    if marker == 0xE2 and body.startswith(b"ICC_PROFILE\x00"):
        return body
    if marker == 0xEE and body.startswith(b"Adobe") and len(body) >= 12:
        return body[:12]
    return None


def strip_jpeg(data: bytes) -> bytes:
    """`data` without metadata segments and trailing bytes; the coded image is copied unchanged."""
    n = len(data)
    if data[:2] != b"\xff\xd8":
        raise _bad("no SOI")
    out = [b"\xff\xd8"]
    pos = 2
    seen_sos = False
    while pos < n:
        if data[pos] != 0xFF:
            raise _bad(f"no marker at {pos}")
        while pos < n and data[pos] == 0xFF:
            pos += 1
        if pos >= n:
            break
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            break
        if marker in _STANDALONE:
            out.append(bytes((0xFF, marker)))
            continue
        if pos + 2 > n:
            raise _bad("truncated segment")
        length = struct.unpack(">H", data[pos:pos + 2])[0]
        if length < 2 or pos + length > n:
            raise _bad("segment length")
        body = data[pos + 2:pos + length]
        pos += length
        if 0xE0 <= marker <= 0xEF:
            kept = _keep_app(marker, body)
            if kept is not None:
                out.append(struct.pack(">BBH", 0xFF, marker, len(kept) + 2) + kept)
            continue
        if marker == 0xFE:  # COM
            continue
        out.append(struct.pack(">BBH", 0xFF, marker, length) + body)
        if marker == 0xDA:  # SOS: the entropy-coded data follows, up to the next real marker
            seen_sos = True
            end = _scan_end(data, pos)
            out.append(data[pos:end])
            pos = end
    if not seen_sos:
        raise _bad("no scan")
    out.append(b"\xff\xd9")
    return b"".join(out)


def _chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)


def strip_png(data: bytes) -> bytes:
    """`data` with only the chunks decoding needs, in their order; nothing after IEND."""
    if not data.startswith(PNG_SIG):
        raise ItemError("image_corrupt", "png structure: no signature")
    out = [PNG_SIG]
    pos, n = len(PNG_SIG), len(data)
    while pos + 8 <= n:
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        ctype = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if end > n:
            raise ItemError("image_corrupt", "png structure: chunk length")
        if ctype in PNG_KEEP:
            if ctype == b"iCCP":  # profile name (free text), NUL, method, compressed profile
                body = data[pos + 8:pos + 8 + length]
                nul = body.find(b"\x00")
                out.append(_chunk(b"iCCP", b"ICC Profile" + body[nul:]) if 0 < nul < 80 else data[pos:end])
            else:
                out.append(data[pos:end])
        pos = end
        if ctype == b"IEND":
            break
    return b"".join(out)


def jpeg_reencode(im, subsampling: int = -1, icc: bytes | None = None) -> bytes:
    """An upright decoded JPEG saved again (quality 95, its own chroma subsampling, ICC kept, no EXIF)."""
    buf = io.BytesIO()
    kw = {"quality": 95, "optimize": False, "progressive": False}
    if subsampling in (0, 1, 2):
        kw["subsampling"] = subsampling
    if icc:
        kw["icc_profile"] = icc
    im.info = {}
    im.save(buf, format="JPEG", **kw)
    return strip_jpeg(buf.getvalue())
