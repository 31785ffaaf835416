"""The refinement decoder: decodes the frames between two coarse samples, reference chains and the
dense stretches around the packet hints, with drains before keyframes. Its own module because it
is the one stateful decoder of the detector.
"""

from __future__ import annotations

import bisect
from pathlib import Path

import numpy as np

from derm1m_build.errors import ItemError
from derm1m_build.video.frames.decode import _open, _threads
from derm1m_build.video.frames.index import _Index


# `_Refiner._far` leaves out no packet from the first one coded this many times the larger of the median
# reference packet between the keyframe and the hinted ones and the two reference packets just before it (a
# second cut's new picture, a fade's first frames: several times an ordinary predicted picture, where a slow
# zoom or pan grows the predicted pictures smoothly, each about its neighbours' size)
_LOUD = 4.0


class _Refiner:
    """Decodes the frames strictly between two coarse samples (seek to the keyframe at or before the
    first, decode forward) so a cut between them is placed to the frame. One container per video, opened
    on the first cut, with `decode_threads` threads.

    With `dense` (packets' pts, from `cut_hints`), those packets are decoded and of the others only the
    frames other frames refer to (`skip_frame="NONREF"`: the chain of reference frames the dense ones
    need; about 70 % of the decoding work on x264's encodes), and the decode starts from `start` (the
    keyframe before the likeliest cut) rather than from t0."""

    def __init__(self, path: Path, threads: int = 1, nonref: frozenset = frozenset(), container=None,
                 packets: list | None = None, deblock: bool = True, ix: _Index | None = None):
        self.path, self.container, self.frames, self.threads = path, container, 0, threads
        self.drained = 0  # IDR pictures not decoded: the decoder drained instead (`frames_between`)
        self.deblock = deblock
        self.far_after: int | None = None  # (`frames_between` with `lead`)
        self.far_skipped = 0  # reference packets left out by `_far`, all calls
        self.ix = ix  # (`_far`: the packets' pts, sizes and keyframe flags in decoding order, from the index)
        self._rows: tuple | None = None
        self.nonref = nonref  # packets holding no reference picture (`_Index.skippable`)
        # the index pass's packets in decoding order (`_Index.packets`), and where each pts is among them
        self.packets = packets
        self._where: dict | None = None  # (`_from_seek`, built when first needed)
        # the keyframes among them (pts, position), where their pts rise in decoding order: a decode starts at
        # one of them without a seek (`_start`); from the index (`ix`, whose rows are these packets) if given
        if packets is None:
            keys = []
        elif ix is not None and len(ix.pts) == len(packets):
            pos = np.flatnonzero(ix.key)
            keys = list(zip(ix.pts[pos].tolist(), pos.tolist()))
        else:
            keys = [(int(q.pts), i) for i, q in enumerate(packets) if q.is_keyframe]
        self.keys = keys if all(a[0] < b[0] for a, b in zip(keys, keys[1:])) else []
        self.key_pts = [k for k, _ in self.keys]
        # the IDR keyframes (H.264, from the slice headers): before one is sent, the decoder is drained instead
        # (`frames_between`)
        self.idr = (frozenset(ix.pts[ix.idr & ix.key].tolist()) if ix is not None and ix.idr is not None
                    else frozenset())
        self.own = container is None  # else the caller's (the index pass's), closed by the caller
        if container is not None:
            self._setup(container.streams.video[0])

    def _setup(self, stream) -> None:
        """Threads, and with `deblock` False no deblocking filter (`skip_loop_filter`, an option read
        when the decoder opens: on its first packet)."""
        _threads(stream, self.threads)
        if not self.deblock:
            stream.codec_context.options = {**stream.codec_context.options, "skip_loop_filter": "all"}

    def frames_between(self, t0: float, t1: float, dense: frozenset = frozenset(), start: float | None = None,
                       lead: int = 0, quiet: float = 0.5):
        """(time, frame) of the frames strictly between t0 and t1 (see the class). With `lead` > 0 (and
        `dense`, on a refiner without the deblocking filter: frames that only place cuts), the reference
        packets right after the start keyframe are not sent either (`_far`); `far_after` is then the pts
        of the last one left out (None when none was): the frames after it are decoded from stand-ins."""
        import av

        try:
            if self.container is None:
                self.container = _open(self.path)
                self._setup(self.container.streams.video[0])
            stream = self.container.streams.video[0]
            cc = stream.codec_context
            cc.flush_buffers()
            at = int(round((t0 if start is None else max(t0, start)) / stream.time_base))
            cc.skip_frame = skipping = "DEFAULT"
            # each frame's time from its pts and the stream's time base, as PyAV's `frame.time` computes it: the
            # frames a drain returns carry no time base (their `time` is NaN; so were the video's last frames
            # before this, drained at its end from the kept packets)
            num, den = stream.time_base.numerator, stream.time_base.denominator
            sent = False  # a packet sent since the decoder was last flushed
            far = self._far(at, dense, lead, quiet) if lead > 0 and dense and not self.deblock else frozenset()
            self.far_after = max(far) if far else None
            self.far_skipped += len(far)
            for packet in self._start(stream, at):
                pts = None if packet is None else packet.pts
                if pts in far:
                    continue  # (`_far`)
                if dense and skipping != (want := "DEFAULT" if pts in dense else "NONREF"):
                    cc.skip_frame = skipping = want
                if skipping == "NONREF" and pts in self.nonref:
                    continue  # skipped by the decoder anyway
                if sent and pts in self.idr:
                    # an IDR picture: every picture sent before it is shown before it and none after it refers
                    # to them, so the frames the decoder still holds for reordering come out by draining it,
                    # the same frames in the same order as pushed out by decoding the IDR (FFmpeg ignores its
                    # no_output_of_prior_pics_flag); the IDR is decoded only if they are not the last wanted
                    # (a refinement that stops on the cut, or at t1: x264 puts a keyframe at most cuts it sees)
                    self.drained += 1  # (taken back below if the IDR is decoded after all)
                    if (yield from self._inside(cc.decode(None), t0, t1, num, den)):
                        return
                    if float(pts * stream.time_base) >= t1 - 1e-6:
                        return  # the IDR's frame is the next one out (a reset picture order count): past t1
                    self.drained -= 1
                    cc.flush_buffers()  # out of draining; an IDR picture needs nothing decoded before it
                sent = packet is not None
                if (yield from self._inside(cc.decode(packet), t0, t1, num, den)):
                    return
        except (av.error.FFmpegError, ValueError, MemoryError) as e:
            raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None

    def _far(self, at: int, dense: frozenset, lead: int, quiet: float) -> frozenset:
        """The reference packets (pts) a refinement leaves out: those after the keyframe it starts from, in
        decoding order, up to `lead` reference packets before the first packet that is dense, larger than
        `quiet` times the largest dense one, or loud (`_LOUD`), whichever comes first; read from the index
        (`ix`), so the same with packets kept or read again after a seek. Why: a cut's cost is this chain (the
        P and B-pyramid reference pictures from the keyframe up to the cut, ~60 % of a refinement's CPU on a
        2 s GOP, RESULTS.md), and where its packets are small the picture is the keyframe's, barely moving
        (a new shot's first picture cannot be predicted from the old one and is coded several times
        larger: `cut_hints`). FFmpeg decodes the pictures after a left-out one from a stand-in (a copy of
        the last reference it holds), so those are approximations of the exact ones: fine for placing a cut
        on 32x18 thumbnails and the black / flat tests once `lead` pictures have been decoded before it;
        the caller checks the first frames after the gap (`far_after`) and decodes again without it if
        they do not show the keyframe's picture, and a kept frame is always decoded again exactly. A dense packet
        decoded before the keyframe (a hinted frame shown just before it, e.g. the large frame x264 codes ahead of
        a grid keyframe) is never sent by a decode from it, so it bounds nothing: before, it left the chain whole."""
        if self._rows is None:
            if self.ix is None or not len(self.ix.pts):
                return frozenset()
            pts = self.ix.pts.tolist()
            self._rows = (pts, self.ix.size.tolist(), self.ix.key.tolist(), {p: i for i, p in enumerate(pts)},
                          sorted(self.ix.pts[self.ix.key].tolist()))
        pts, size, key, where, kpts = self._rows
        j = bisect.bisect_right(kpts, at)
        if not j:
            return frozenset()
        k0 = where[kpts[j - 1]]  # (the keyframe a decode from `at` starts at, with or without a seek)
        # (only the dense packets after the keyframe: one decoded before it, shown just before it, is never sent
        # by a decode that starts there, so it places nothing in the chain)
        pos = [where[p] for p in dense if p in where and where[p] > k0]
        if not pos:
            return frozenset()
        d0 = min(pos)
        if d0 <= k0 + lead:
            return frozenset()
        sizes = [size[i] for i in range(k0 + 1, d0) if pts[i] not in self.nonref]
        if len(sizes) <= lead:
            return frozenset()
        cap = quiet * max(size[i] for i in pos)
        med = float(np.median(sizes))
        refs, recent = [], [med]
        for i in range(k0 + 1, d0):
            if key[i] or size[i] > min(cap, _LOUD * max(med, max(recent[-2:]))):
                break
            if pts[i] not in self.nonref:
                refs.append(pts[i])
                recent.append(size[i])
        return frozenset(refs[:len(refs) - lead]) if len(refs) > lead else frozenset()

    def _inside(self, frames, t0: float, t1: float, num: int, den: int):
        """Yields (time, frame) for the decoded `frames` strictly between t0 and t1, counting them; returns True
        once a frame at or past t1 came out (the refinement is done). One place for the decode and the drain."""
        for frame in frames:
            if frame.pts is None:
                continue
            t = float(frame.pts) * num / den
            if t <= t0 + 1e-6:
                continue
            if t >= t1 - 1e-6:
                return True
            self.frames += 1
            yield t, frame
        return False

    def _start(self, stream, at: int):
        """The packets from the keyframe at or before pts `at`, in decoding order, then None (drain): from the
        index pass's packets where they are kept (no seek, no reading: the keyframe a seek would land on),
        else after a seek (`_from_seek`)."""
        j = bisect.bisect_right(self.key_pts, at)
        if j:
            yield from self.packets[self.keys[j - 1][1]:]
            yield None
            return
        self.container.seek(at, stream=stream, backward=True, any_frame=False)
        yield from self._from_seek(stream)

    def _from_seek(self, stream):
        """The packets from where the seek landed, in decoding order, then None (the end: drain the decoder):
        the first one read from the file, the rest from the index pass's (`packets`) when they are kept (the
        same packets, without reading and demuxing them a second time), else from the file."""
        demux = self.container.demux(stream)
        first = next(demux, None)
        if self._where is None:
            self._where = {int(q.pts): i for i, q in enumerate(self.packets)} if self.packets is not None else {}
        i = self._where.get(first.pts) if first is not None and first.pts is not None else None
        if i is None:
            if first is not None:
                yield first
                yield from demux  # (ends with an empty packet: the drain)
            return
        yield from self.packets[i:]
        yield None

    def close(self) -> None:
        if self.container is not None and self.own:
            self.container.close()
