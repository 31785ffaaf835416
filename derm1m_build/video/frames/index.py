"""The packet index (one demux pass) and what is read from it without decoding: keyframe spacing and
the coarse mode (`choose_mode`), which grid keyframes the coarse pass skips, the seek plan, the
packet-size hints of where cuts lie, and the cost of a reference chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from derm1m_build.errors import ItemError
from derm1m_build.video.frames.config import ShotConfig
from derm1m_build.video.frames.decode import _open
from derm1m_build.video.frames.h264 import _avcc_length_size, _h264_kind, _IDR, _INTRA, _MAYBE, _REF


@dataclass
class _Index:
    """One demux pass over the video track (no decoding): each frame's pts (stream time base), size in
    bytes and keyframe flag, in decoding order."""
    duration: float
    frame_dt: float
    time_base: float
    pts: np.ndarray
    size: np.ndarray
    key: np.ndarray
    codec: str = ""
    intra: np.ndarray | None = None  # may hold an intra picture (`_h264_kind`; all True where unknown)
    ref: np.ndarray | None = None  # may hold a reference picture
    idr: np.ndarray | None = None  # an IDR picture (decodes on its own)
    idr_packets: dict | None = field(default=None, repr=False)  # pts -> packet, kept by `_index`
    packets: list | None = field(default=None, repr=False)  # every packet in decoding order, kept by `_index`
    _keys: np.ndarray | None = field(default=None, repr=False)  # the keyframes' pts, sorted (`keyframe_before`)

    def skippable(self, bit: str) -> frozenset:
        """The pts of the packets that certainly hold no intra (`bit` "intra") or no reference ("ref")
        picture: a decoder told to skip such pictures may as well not get them."""
        flags = getattr(self, bit)
        return frozenset() if flags is None else frozenset(self.pts[~flags].tolist())

    def keyframe_times(self) -> list[float]:
        return sorted(float(p * self.time_base) for p in self.pts[self.key])

    def keyframe_before(self, pts: int) -> float:
        """Time of the last keyframe at or before `pts` (where a decode that reaches it starts)."""
        if self._keys is None:
            self._keys = np.sort(self.pts[self.key])
        j = int(np.searchsorted(self._keys, pts, side="right"))
        return float(self._keys[j - 1] * self.time_base) if j else 0.0

    def keyframe_after(self, pts: int) -> int | None:
        """Pts of the first keyframe after `pts`, or None."""
        if self._keys is None:
            self.keyframe_before(pts)
        j = int(np.searchsorted(self._keys, pts, side="right"))
        return int(self._keys[j]) if j < len(self._keys) else None


# decoders that honour skip_frame="NONINTRA" (every other frame skipped, so a keyframe packet left out
# breaks nothing); FFmpeg's VP9 and AV1 decoders ignore it and decode every frame, which then needs every
# keyframe as a reference
_INTRA_ONLY = {"h264", "hevc"}


def coarse_skip(ix: _Index, early: set[float], cfg: ShotConfig) -> frozenset:
    """The keyframes the coarse pass does not decode: on the encoder's regular grid (not one of its
    scene-cut keyframes) and closer than `coarse_gap` to the last one decoded. Decoding an intra frame
    costs several predicted frames (about 2 ms at 854x480); a cut between two coarse samples is found
    anyway (they differ) and placed by refinement, which starts from the keyframe before the cut's packet
    (`cut_hints`), so a dense GOP (DASH's 2 s) pays for about one keyframe per `coarse_gap` instead of
    one per GOP. Only for decoders in `_INTRA_ONLY`."""
    if cfg.coarse_gap <= 0 or ix.time_base <= 0 or ix.codec not in _INTRA_ONLY:
        return frozenset()
    keys = np.sort(ix.pts[ix.key])
    skip, last = set(), None
    for i, p in enumerate(keys):
        t = float(p * ix.time_base)
        if (last is None or i == len(keys) - 1 or round(t, 3) in early
                or t - last >= cfg.coarse_gap - 0.5 * ix.frame_dt):
            last = t
        else:
            skip.add(int(p))
    return frozenset(skip)


def _seek_plan(ix: _Index, not_sent: frozenset, keyframes_only: bool) -> list[int] | None:
    """The coarse pass's packets to read by seeking (`_iter_samples`), in decoding order: when every packet
    left to decode is an IDR keyframe and they are few (under 1 in 8 of all), else None (demux them all)."""
    if not keyframes_only or ix.idr is None or not len(ix.pts):
        return None
    # (a set lookup per packet: `np.isin` sorted both sides each call, ~4x the cost at ~2,400 packets)
    send = np.fromiter((p not in not_sent for p in ix.pts.tolist()), bool, len(ix.pts))
    if not send.any() or not bool(np.all(ix.idr[send] & ix.key[send])) or 8 * int(send.sum()) > len(ix.pts):
        return None
    return [int(p) for p in ix.pts[send]]


def _index(path: Path, container=None, keep_bytes: int = 0) -> _Index:
    """The packet index (`_Index`). With `container` (open, left open) the pass reads that one; with
    `keep_bytes`, the IDR keyframe packets are kept (`_Index.idr_packets`, pts -> packet) while they
    total at most that many bytes, so that the coarse pass can decode them without reading the file
    again (`_iter_samples`); and, for H.264, every packet (`_Index.packets`) while all of them total at
    most that many bytes, so that refinement reads from there after a seek (`_Refiner._from_seek`)."""
    import av

    own = container is None
    if own:
        container = _open(path)
    kept: dict | None = {} if keep_bytes > 0 else None
    every: list | None = [] if keep_bytes > 0 else None
    every_bytes = keep_bytes
    try:
        s = container.streams.video[0]
        if s.duration is not None and s.time_base is not None:
            duration = float(s.duration * s.time_base)
        else:
            duration = float(container.duration or 0) / 1_000_000
        rate = s.average_rate
        n = _avcc_length_size(s.codec_context) if s.codec_context.name == "h264" else None
        # one list per column (pts, size, keyframe flag, kind), not a 4-tuple per packet turned into a 2-D array
        # at the end: the loop runs once per frame of the video, and the tuples and their conversion were ~0.7 ms
        # of the pass's ~10 ms on a 96 s 480p clip (RESULTS.md, 2026-12-06, branch i21-frames40)
        pts_l: list[int] = []
        size_l: list[int] = []
        key_l: list[bool] = []
        kind_l: list[int] = []
        if n is None:
            kept = every = None
            for p in container.demux(s):
                pts, size = p.pts, p.size
                if pts is None or not size:
                    continue
                pts_l.append(pts)
                size_l.append(size)
                key_l.append(p.is_keyframe)
                kind_l.append(_MAYBE)
        else:
            for p in container.demux(s):
                pts, size = p.pts, p.size  # (each a call into PyAV: read once)
                if pts is None or not size:
                    continue
                kind = _h264_kind(bytes(p), n)
                key = p.is_keyframe
                pts_l.append(pts)
                size_l.append(size)
                key_l.append(key)
                kind_l.append(kind)
                if every is not None:
                    every_bytes -= size
                    if every_bytes < 0:
                        every = None
                    else:
                        every.append(p)
                if kept is not None and key and kind & _IDR:
                    keep_bytes -= size
                    if keep_bytes < 0:
                        kept = None
                    else:
                        kept[int(pts)] = p
    except av.error.FFmpegError as e:
        raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None
    finally:
        if own:
            container.close()
    kinds = np.array(kind_l, dtype=np.int64)
    return _Index(duration, float(1 / rate) if rate else 0.04, float(s.time_base or 0.0),
                  np.array(pts_l, dtype=np.int64), np.array(size_l, dtype=np.int64), np.array(key_l, dtype=bool),
                  s.codec_context.name, (kinds & _INTRA).astype(bool), (kinds & _REF).astype(bool),
                  (kinds & _IDR).astype(bool), kept, every)


# how long after a fade's first frame (the largest packet) the cut out of it is looked for (`cut_hints`)
_FADE_S = 1.0


def cut_hints(ix: _Index, t0: float, t1: float, ratio: float) -> tuple[frozenset, int | None]:
    """The packets (pts) to decode in full between t0 and t1 so that every hard cut there is placed to
    the frame, from packet sizes alone (no decoding): the first picture of a new shot cannot be predicted
    from the old one, so the encoder codes it as a frame several times larger than the others, or, with
    B-frames, codes the next reference frame so (and the B-frames before it on screen, the new shot's
    first pictures among them, are predicted from it and decoded after it). So each non-key packet of
    at least `ratio` times the interval's median and half the largest, with the packets that follow it
    in decoding order but are shown before it; and the largest packet (the likeliest cut: refinement
    starts from the keyframe before it). Empty and None when no packet stands out (a fade, a dissolve,
    motion throughout) or there are fewer than 3 non-key packets."""
    if ix.time_base <= 0:
        return frozenset(), None
    lo, hi = t0 / ix.time_base, t1 / ix.time_base
    inside = (ix.pts > lo + 0.5) & (ix.pts < hi - 0.5)
    sel = np.flatnonzero(inside & ~ix.key)
    if len(sel) < 3:
        return frozenset(), None
    sizes = ix.size[sel]
    med = float(np.median(sizes))
    limit = max(ratio * med, 0.5 * float(sizes.max()))
    dense: set[int] = set()
    for i in sel[ix.size[sel] >= limit]:
        p = int(ix.pts[i])
        dense.add(p)
        j = i + 1
        while j < len(ix.pts) and ix.pts[j] < p:  # the B-frames shown before it
            dense.add(int(ix.pts[j]))
            j += 1
    if not dense:
        return frozenset(), None
    # a cut out of a fade to black: the new shot's first reference frame is larger than the median, but
    # not than the fade's first frames (x264 codes those large too), and the black frames before it are
    # near-empty packets; the new shot's first picture may be a B-frame shown before it, so it and those
    # B-frames are decoded in full too (else the change is seen after a skipped frame: a decode again)
    biggest = int(ix.pts[sel[int(np.argmax(sizes))]])
    order = np.argsort(ix.pts[sel], kind="stable")
    shown_sizes = sizes[order]
    for k in range(1, len(order)):
        i = sel[order[k]]
        p = int(ix.pts[i])
        if p <= biggest:
            continue
        if (p - biggest) * ix.time_base > _FADE_S:
            break
        if ix.size[i] >= ratio * med and shown_sizes[k - 1] < 0.5 * med:
            # the first one after the largest packet (a fade's first frame), within a fade's length
            dense.add(p)
            j = i + 1
            while j < len(ix.pts) and ix.pts[j] < p:
                dense.add(int(ix.pts[j]))
                j += 1
            break
    return frozenset(dense), biggest


def fade_run(ix: _Index, t0: float, t1: float, k: int, across: bool = False) -> int:
    """The longest run of consecutive frames (display order, keyframes passed over) strictly between t0 and t1,
    each coded larger than the interval's median non-key packet, among the runs that reach past pts `k`. A
    fade changes every frame's brightness, so each frame of it (B-frames too) costs bits, where a still
    picture's B-frames are near-empty: a long run across or after a keyframe marks a fade there
    (`_detect`'s `later_start`). With `across`, only runs that start before `k` (a fade under way there).
    0 where there are fewer than 3 non-key packets (as `cut_hints`)."""
    if ix.time_base <= 0:
        return 0
    lo, hi = t0 / ix.time_base, t1 / ix.time_base
    sel = np.flatnonzero((ix.pts > lo + 0.5) & (ix.pts < hi - 0.5) & ~ix.key)
    if len(sel) < 3:
        return 0
    med = float(np.median(ix.size[sel]))
    order = sel[np.argsort(ix.pts[sel], kind="stable")]
    best = run = 0
    past = before = False
    for p, big in zip(ix.pts[order].tolist(), (ix.size[order] > med).tolist()):
        if big:
            if run == 0:
                before = p < k
            run, past = run + 1, past or p > k
            if past and (before or not across):
                best = max(best, run)
        else:
            run, past = 0, False
    return best


def _gap_packets(shown: np.ndarray, lo: int, hi: int) -> frozenset:
    """The packets (pts) of the frames shown after `lo` up to `hi` (both pts): the stretch a refinement
    that skipped frames decodes again in full (`detect_shots`' `refined`)."""
    return frozenset(shown[(shown > lo) & (shown <= hi)].tolist())


def _chain_cost(ix: _Index, lo: float, upto: int, dense: frozenset | None) -> int:
    """Packets a refinement decode sends after pts `lo` up to pts `upto`: the reference packets and those
    in `dense` (skipped non-reference ones are not sent), or with `dense` None every packet."""
    inside = (ix.pts > lo) & (ix.pts <= upto)
    if dense is not None:
        ref = ix.ref if ix.ref is not None else np.ones(len(ix.pts), bool)
        inside &= ref | np.isin(ix.pts, np.fromiter(dense, np.int64, len(dense)))
    return int(np.count_nonzero(inside))


def video_duration(path: Path) -> float:
    return _index(path).duration


def keyframe_times(path: Path) -> list[float]:
    """Keyframe timestamps from the packet index (no decoding)."""
    return _index(path).keyframe_times()


def choose_mode(kts: list[float], duration: float, cfg: ShotConfig, frame_dt: float = 0.04) -> tuple[str, set[float]]:
    """The sampling mode from the video's measured keyframe spacing, and the keyframes the encoder put off
    its regular grid (its scene-cut decisions: a cut there is already placed to the frame).

    - "keyframes": keyframes no farther apart than `exact_gap` (they alone place every cut closely enough);
    - "keyframes+refine": typical spacing up to `max_keyframe_gap`: keyframes, and the frames between two
      keyframes that differ are decoded to place the cut;
    - "sampled+refine": sparser keyframes: every `sample_every` s of a decode that skips non-reference
      frames, refined the same way; also where the keyframes are a fixed grid (no scene-cut keyframe at
      all) spaced wider than `max_fixed_gap`: nothing then marks where the encoder saw a cut, and a whole
      shot can lie between two keyframes whose pictures look alike ("Lecture 6", "Lecture 7", "Lecture 8"
      slides with keyframes 10 s apart on the 6th and the 8th: the 7th was never seen)."""
    gaps = np.diff(kts + [max(duration, kts[-1])])
    inner = gaps[:-1] if len(gaps) > 1 else gaps
    if float(gaps.max(initial=0.0)) <= cfg.exact_gap + 1e-3:
        mode = "keyframes"
    elif float(np.median(inner)) <= cfg.max_keyframe_gap + 1e-3:
        mode = "keyframes+refine"
    else:
        mode = "sampled+refine"
    # the regular grid is the longest spacing between keyframes (the encoder's GOP length); shorter
    # spacings end at scene-cut keyframes
    regular = float(inner.max(initial=0.0)) if len(gaps) > 1 else float(duration)
    early = {round(kts[i], 3) for i in range(1, len(kts)) if kts[i] - kts[i - 1] < regular - 1.5 * frame_dt}
    if mode == "keyframes+refine" and not early and regular > cfg.max_fixed_gap + 1e-3:
        mode = "sampled+refine"
    return mode, early
