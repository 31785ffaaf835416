"""H.264 packet classes read from the bitstream without decoding (NAL and slice headers): which
packets are keyframes, reference pictures or skippable. A parser that decodes nothing.
"""

from __future__ import annotations


# what the slice headers of an H.264 packet say it may hold (`_h264_kind`): an intra picture (decoded by
# the coarse pass), a reference picture (decoded by refinement's reference chain); _MAYBE: both, the
# answer whenever the packet holds anything else or cannot be read
_INTRA, _REF, _IDR = 1, 2, 4


_MAYBE = _INTRA | _REF


_SKIPPABLE_NAL = {9, 12}  # access unit delimiter, filler: nothing a decoder keeps


def _avcc_length_size(cc) -> int | None:
    """The size of the NAL length fields of an H.264 stream stored as in MP4 and Matroska ('avcC'
    extradata: version 1, then the length size in the low bits of byte 4); None for Annex B (start
    codes: MPEG-TS, raw .h264), whose packets are then all taken as `_MAYBE`."""
    ed = cc.extradata
    if ed and len(ed) >= 7 and ed[0] == 1:
        return (ed[4] & 3) + 1
    return None


def _h264_kind(data: bytes, n: int) -> int:
    """`_INTRA` / `_REF` bits of one AVCC packet from its NAL headers and the first two fields of each
    slice header (first_mb_in_slice, slice_type: two Exp-Golomb codes, ITU-T H.264 7.3.3), without
    decoding. FFmpeg's decoder decides `skip_frame` on exactly these (NONINTRA: slice_type I or SI;
    NONREF: nal_ref_idc 0) and returns before the picture touches its state, so a packet it would skip
    can equally be left out; whatever is not a plain slice (parameter sets, SEI, partitions) or does not
    parse makes the packet `_MAYBE`, so it is decoded as before."""
    if n == 4 and len(data) > 6 and data[4] & 0x1F == 1 and int.from_bytes(data[:4], "big") == len(data) - 4:
        head = data[5] << 8 | data[6]  # the common case: one slice, one NAL; first_mb_in_slice 0
        st = _SLICE_TYPE.get(head)
        if st is None:
            st = _SLICE_TYPE[head] = _first_slice_type(head)
        if st >= 0:
            return (_INTRA if st % 5 in (2, 4) else 0) | (_REF if data[4] & 0x60 else 0)
    kind, o, seen, other = 0, 0, False, False
    while o + n < len(data):
        size = int.from_bytes(data[o:o + n], "big")
        h = o + n
        if size <= 0 or h + size > len(data):
            return _MAYBE
        nal = data[h] & 0x1F
        if nal == 5:  # IDR slice: intra and a reference
            kind, seen = kind | _MAYBE | _IDR, True
        elif nal == 1:
            st = _slice_type(data[h + 1:h + min(size, 10)])
            if st is None:
                return _MAYBE
            kind |= (_INTRA if st % 5 in (2, 4) else 0) | (_REF if data[h] & 0x60 else 0)
            seen = True
        elif nal in (2, 3, 4, 20, 21):  # data partitions, extensions (SVC/MVC): not read here
            return _MAYBE
        elif nal not in _SKIPPABLE_NAL:  # SEI, parameter sets: always sent
            other = True
        o = h + size
    if not seen or o != len(data):
        return _MAYBE
    return kind | _MAYBE if other else kind


def _first_slice_type(head: int) -> int:
    """slice_type from the first two bytes of a slice header if they start with first_mb_in_slice 0 (the
    bit '1') and hold all of slice_type; else -1."""
    st = _slice_type(head.to_bytes(2, "big")) if head & 0x8000 else None
    return -1 if st is None else st


def _slice_type(head: bytes) -> int | None:
    """slice_type from the first bytes of a slice header (after the NAL header byte): skip one ue(v),
    read the next; None if they do not fit."""
    if b"\x00\x00\x03" in head:  # emulation prevention bytes
        head = head.replace(b"\x00\x00\x03", b"\x00\x00")
    bits = len(head) * 8
    v = int.from_bytes(head, "big")
    pos = 0
    for _ in range(2):
        w = (v << pos) & ((1 << bits) - 1)
        zeros = bits - w.bit_length()
        if w == 0 or pos + 2 * zeros + 1 > bits:
            return None
        value = (w >> (bits - 2 * zeros - 1)) - 1
        pos += 2 * zeros + 1
    return value if value <= 9 else None


_SLICE_TYPE: dict[int, int] = {}  # `_first_slice_type` by the two bytes, filled as met
