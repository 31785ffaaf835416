"""The coarse keyframe pass: opening a video, the decoder's thread count, the samples of the coarse
pass (keyframes or a sampled decode), the kept frame's exact decode, and the read-ahead thread.
Kept apart from the refinement decoder, which places cuts between these samples.
"""

from __future__ import annotations

import heapq
import queue
import threading
from pathlib import Path

from derm1m_build.errors import ItemError
from derm1m_build.video.frames.config import ShotConfig
from derm1m_build.video.frames.pixels import _mean_luma


def _open(path: Path):
    import av

    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError, ValueError) as e:
        raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None
    if not container.streams.video:
        container.close()
        raise ItemError("no_video_track", Path(path).name)
    return container


def _threads(stream, n: int) -> None:
    """The decoder's threads: n (0: FFmpeg's choice, frame and slice threads). FFmpeg's H.264 decoding is
    bit-exact whatever the thread count, so the frames and times do not depend on it
    (`test_same_output_with_decoder_threads`); one thread is the default because several cost more CPU
    in all (and, on a loaded 2-core machine, wall time too: RESULTS.md) and a harvest runs one video per
    worker anyway."""
    if n == 1:
        stream.codec_context.thread_count = 1
    else:
        stream.codec_context.thread_type = "AUTO"
        stream.codec_context.thread_count = n


def _iter_samples(path: Path, cfg: ShotConfig, keyframes_only: bool, skip: frozenset = frozenset(),
                  seek_to: list[int] | None = None, packets: dict | None = None, dip: list | None = None):
    """(time, av.VideoFrame) for each coarse sample, in order. Keyframes only: the decoder skips every
    non-intra frame (`skip_frame="NONINTRA"`), and the keyframe packets whose pts are in `skip` never
    reach it (see `coarse_skip`), nor do the packets in `skip` that hold no intra picture (`_h264_kind`:
    the decoder would skip them, but each call costs about as much as reading their headers). With
    `seek_to` (the pts of the packets left, all IDR keyframes, in decoding order), each is read after a
    seek to it and decoded on its own instead of demuxing every packet: an IDR picture depends on no
    other, so its frame is the same; a few dozen seeks cost less than reading thousands of packets. Where
    `packets` (the index pass's IDR packets, `_Index.idr_packets`) holds them all, they are decoded from
    there, with no second reading of the file (`_decode_kept`).
    Else the decoder skips non-reference frames (`skip_frame="NONREF"`) and one frame per `sample_every`
    seconds is kept (the packets in `skip`, holding no reference picture, are not sent); with `dip` (a
    one-item list), before each sample is yielded dip[0] is set to the lowest mean luma of the frames decoded
    since the sample before but not kept (`_mean_luma`, inf if none): a fade through black between two
    samples shows there even when neither sample is dark. Frames stay PyAV frames: only the small
    thumbnail and the chosen ones are converted."""
    import av

    if seek_to is not None and packets is not None and all(p in packets for p in seek_to):
        yield from _decode_kept(packets, seek_to, cfg)
        return
    container = _open(path)
    try:
        stream = container.streams.video[0]
        _threads(stream, cfg.decode_threads)
        if seek_to is not None:
            cc = stream.codec_context
            cc.skip_frame = "NONINTRA"
            tb = stream.time_base
            for pts in seek_to:
                container.seek(pts, stream=stream, backward=True, any_frame=False)
                for packet in container.demux(stream):
                    if packet.pts != pts:
                        if packet.pts is None or packet.size == 0:
                            break  # the end: the index said otherwise, nothing to decode
                        continue
                    # the frame, then drain: a seek flushes what the decoder still holds
                    for frame in cc.decode(packet) + cc.decode(None):
                        if frame.pts is not None:
                            yield float(frame.pts * tb), frame
                    break
            return
        if keyframes_only:
            # intra frames only: the keyframes, and the I-frames x264 puts at scene cuts too close to the
            # previous keyframe to be one; they can come out of order, so a small buffer sorts them
            cc = stream.codec_context
            cc.skip_frame = "NONINTRA"
            buf: list = []
            for packet in container.demux(stream):
                if packet.pts in skip:
                    continue
                for frame in cc.decode(packet):
                    if frame.time is None:
                        continue
                    heapq.heappush(buf, (float(frame.time), id(frame), frame))
                    if len(buf) > 4:
                        t, _, f = heapq.heappop(buf)
                        yield t, f
            while buf:
                t, _, f = heapq.heappop(buf)
                yield t, f
            return
        cc = stream.codec_context
        cc.skip_frame = "NONREF"
        next_t = -1.0
        low = float("inf")
        for packet in container.demux(stream):
            if packet.pts in skip:
                continue  # no reference picture: skipped by the decoder anyway
            for frame in cc.decode(packet):
                if frame.time is None:
                    continue
                t = float(frame.time)
                if t + 1e-6 < next_t:
                    if dip is not None:
                        low = min(low, _mean_luma(frame))
                    continue
                next_t = t + cfg.sample_every
                if dip is not None:
                    dip[0], low = low, float("inf")
                yield t, frame
    except (av.error.FFmpegError, ValueError, MemoryError) as e:
        raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None
    finally:
        container.close()


def _decode_kept(packets: dict, seek_to: list[int], cfg: ShotConfig):
    """(time, frame) of each IDR packet in `seek_to` (pts, decoding order), from packets already read, one
    after the other through one decoder, drained at the end: an IDR picture depends on nothing before it
    (its decoding starts from a reset state), so each frame is the same as decoded after a seek to it, and
    they come out in the order sent (the decoder holds up to its reorder depth, then outputs them; FFmpeg's
    H.264 decoder skips an IDR's no_output_of_prior_pics_flag, so none it holds is dropped; only H.264 takes
    this path: `_seek_plan` needs the slice headers' IDR flags). Draining
    and flushing the decoder after each one (the first version) gave the same frames for ~5 % more of these
    decodes' CPU. A decoder of its own, opened from the stream's parameters, so the refinement's decoder on
    the same container is left as it is."""
    import av

    first = packets[seek_to[0]]
    stream = first.stream
    tb = stream.time_base
    cc = av.CodecContext.create(stream.codec_context.name, "r")
    cc.extradata = stream.codec_context.extradata
    cc.thread_count = 1 if cfg.decode_threads == 1 else cfg.decode_threads
    if cfg.decode_threads != 1:
        cc.thread_type = "AUTO"
    cc.skip_frame = "NONINTRA"
    try:
        for packet in [packets[pts] for pts in seek_to] + [None]:
            for frame in cc.decode(packet):
                if frame.pts is not None:
                    yield float(frame.pts * tb), frame
    except (av.error.FFmpegError, ValueError, MemoryError) as e:
        raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None


class _Ahead:
    """The items of a generator made and run in a thread of its own, up to `depth` ahead of the consumer, in
    order: its decodes overlap the consumer's work (FFmpeg decodes without the interpreter lock) while the
    items, and so the outputs, stay those of the generator run in line. An exception it raises is raised to
    the consumer where the item would have come. `close` stops it (the generator is closed in its thread, so
    a container it opened is closed there) and waits for the thread."""

    def __init__(self, make, depth: int):
        self._q: queue.Queue = queue.Queue(max(1, depth))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(make,), name="frames-ahead", daemon=True)
        self._thread.start()

    def _run(self, make) -> None:
        try:
            gen = make()
            try:
                for item in gen:
                    self._q.put((0, item))
                    if self._stop.is_set():
                        return
            finally:
                if hasattr(gen, "close"):
                    gen.close()
            self._q.put((1, None))
        except BaseException as e:  # handed to the consumer
            self._q.put((2, e))

    def __iter__(self):
        while True:
            kind, item = self._q.get()
            if kind == 0:
                yield item
            elif kind == 1:
                return
            else:
                raise item

    def close(self) -> None:
        self._stop.set()
        while self._thread.is_alive():  # a put blocked on a full queue returns once an item is taken
            try:
                self._q.get(timeout=0.01)
            except queue.Empty:
                pass
        self._thread.join()
