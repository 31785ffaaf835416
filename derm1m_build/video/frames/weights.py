"""Whether an H.264 P picture is coded with explicit weighted prediction, read from its slice header
without decoding (ITU-T H.264 7.3.2.1, 7.3.2.2, 7.3.3, 7.3.3.2): the encoder's own fade decision.

Why: an encoder that weights its predictions (x264's `weightp`, on in every preset but ultrafast) measures
each P picture's light against its reference and, where the picture is the reference scaled (a fade),
codes the scale in the slice header (`luma_weight_l0_flag`); a still or moving picture at steady light is
coded without. Refinement leaves out quiet reference packets (`_Refiner._far`), and the pictures after them
are decoded from a stand-in of the keyframe: where a fade had begun among those left out, the stand-in
has the keyframe's light and the pictures after it come out darkened wrongly (or brighter than exact), so
the caller decodes the interval again. The first weighted P packet bounds what is left out instead, which
only the slice header, not a decoded picture, can tell before the gap.
"""

from __future__ import annotations

from dataclasses import dataclass

_HIGH_PROFILES = {100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135}


class _Bits:
    """An RBSP (emulation prevention bytes removed) read bit by bit; `IndexError` past its end."""

    def __init__(self, data: bytes):
        data = data.replace(b"\x00\x00\x03", b"\x00\x00")
        self.v, self.n, self.pos = int.from_bytes(data, "big"), 8 * len(data), 0

    def u(self, k: int) -> int:
        if self.pos + k > self.n:
            raise IndexError
        self.pos += k
        return (self.v >> (self.n - self.pos)) & ((1 << k) - 1)

    def ue(self) -> int:
        zeros = 0
        while not self.u(1):
            zeros += 1
            if zeros > 31:
                raise IndexError
        return (1 << zeros) - 1 + self.u(zeros)

    def se(self) -> int:
        k = self.ue()
        return (k + 1) // 2 if k & 1 else -(k // 2)


@dataclass(frozen=True)
class Params:
    """What a P slice header's length before `pred_weight_table` depends on, from the SPS and PPS."""
    frame_num_bits: int
    poc_type: int
    poc_lsb_bits: int
    delta_always_zero: bool
    frame_mbs_only: bool
    bottom_poc: bool  # bottom_field_pic_order_in_frame_present_flag
    redundant: bool  # redundant_pic_cnt_present_flag
    ref_l0: int  # num_ref_idx_l0_default_active_minus1 + 1
    weighted: bool  # weighted_pred_flag
    chroma: bool  # ChromaArrayType != 0


def _skip_scaling(b: _Bits, n: int) -> None:
    for i in range(n):
        if b.u(1):
            last = nxt = 8
            for _ in range(16 if i < 6 else 64):
                if nxt:
                    nxt = (last + b.se() + 256) % 256
                last = nxt or last


def params(extradata: bytes | None) -> Params | None:
    """The first SPS and PPS of an 'avcC' extradata, or None (another layout, several of either, slice
    groups, or anything that does not parse: the caller then reads no weights)."""
    try:
        ed = bytes(extradata or b"")
        if len(ed) < 7 or ed[0] != 1 or ed[5] & 0x1F != 1:
            return None
        n = int.from_bytes(ed[6:8], "big")
        sps = ed[8:8 + n]
        o = 8 + n
        if ed[o] != 1:
            return None
        m = int.from_bytes(ed[o + 1:o + 3], "big")
        pps = ed[o + 3:o + 3 + m]
        b = _Bits(sps[1:])
        profile = b.u(8)
        b.u(16)
        b.ue()
        chroma_format = 1
        if profile in _HIGH_PROFILES:
            chroma_format = b.ue()
            separate = chroma_format == 3 and b.u(1)
            b.ue(), b.ue(), b.u(1)
            if b.u(1):
                _skip_scaling(b, 8 if chroma_format != 3 else 12)
            if separate:
                chroma_format = 0
        frame_num_bits = b.ue() + 4
        poc_type = b.ue()
        poc_lsb_bits, always_zero = 0, False
        if poc_type == 0:
            poc_lsb_bits = b.ue() + 4
        elif poc_type == 1:
            always_zero = bool(b.u(1))
            b.se(), b.se()
            for _ in range(b.ue()):
                b.se()
        b.ue(), b.u(1), b.ue(), b.ue()
        frame_mbs_only = bool(b.u(1))
        p = _Bits(pps[1:])
        p.ue(), p.ue(), p.u(1)
        bottom_poc = bool(p.u(1))
        if p.ue():
            return None  # slice groups (Baseline FMO): not read here
        ref_l0 = p.ue() + 1
        p.ue()
        weighted = bool(p.u(1))
        p.u(2), p.se(), p.se(), p.se(), p.u(1), p.u(1)
        redundant = bool(p.u(1))
    except (IndexError, ValueError):
        return None
    return Params(frame_num_bits, poc_type, poc_lsb_bits, always_zero, frame_mbs_only, bottom_poc, redundant,
                  ref_l0, weighted, chroma_format != 0)


def weighted_p(data: bytes, n: int, ps: Params) -> bool | None:
    """Whether the AVCC packet `data` (NAL length fields of `n` bytes) holds a P slice coded with an explicit
    luma or chroma weight (`pred_weight_table`); False for a P picture coded without, and for any packet
    that holds no P slice; None where a P slice header does not parse (the caller treats that as weighted)."""
    o, found = 0, False
    try:
        while o + n <= len(data):
            size = int.from_bytes(data[o:o + n], "big")
            h = o + n
            if size <= 0 or h + size > len(data):
                return None
            if data[h] & 0x1F == 1:
                b = _Bits(data[h + 1:h + min(size, 64)])
                b.ue()
                st = b.ue() % 5
                if st in (0, 3) and ps.weighted:  # P or SP
                    b.ue()
                    b.u(ps.frame_num_bits)
                    field = False
                    if not ps.frame_mbs_only:
                        field = bool(b.u(1))
                        if field:
                            b.u(1)
                    if ps.poc_type == 0:
                        b.u(ps.poc_lsb_bits)
                        if ps.bottom_poc and not field:
                            b.se()
                    elif ps.poc_type == 1 and not ps.delta_always_zero:
                        b.se()
                        if ps.bottom_poc and not field:
                            b.se()
                    if ps.redundant:
                        b.ue()
                    refs = b.ue() + 1 if b.u(1) else ps.ref_l0
                    if b.u(1):  # ref_pic_list_modification_flag_l0
                        while (op := b.ue()) != 3:
                            if op > 5:
                                return None
                            b.ue()
                    b.ue()  # luma_log2_weight_denom
                    if ps.chroma:
                        b.ue()
                    for _ in range(refs):
                        if b.u(1):
                            return True
                        if ps.chroma and b.u(1):
                            return True
            o = h + size
    except IndexError:
        return None
    return found if o == len(data) else None
