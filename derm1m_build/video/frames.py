"""Shot detection and one sharp representative frame per stable shot, with PyAV, on any GOP structure.

Coarse pass: the intra frames only (`skip_frame="NONINTRA"`: keyframes, and the I-frames x264 puts at
scene cuts too close to a keyframe to make one a keyframe), which skips most of the decoding; on a dense
regular grid (DASH's 2 s GOP) only one grid keyframe per `coarse_gap` seconds (`coarse_skip`); when the
keyframes are typically farther apart than `max_keyframe_gap`, or are a fixed grid with no scene-cut
keyframe spaced wider than `max_fixed_gap` (a whole shot could lie between two keyframes that look alike),
one frame every `sample_every` s of a decode that skips non-reference frames (`skip_frame="NONREF"`). The
mode comes from the measured keyframe spacing (`choose_mode`).

Refinement: real encoders do not put a keyframe at every cut (a fixed 2 s DASH GOP has none), so when two
consecutive coarse samples differ and the second is not one of the encoder's own scene-cut decisions (an
off-grid keyframe or a non-key I-frame), the frames between them are decoded and compared on the luma
plane alone, to place the cut to the frame (and likewise the frames after the last sample). Packet sizes,
read without decoding, say where: the first picture of a new shot is coded as a much larger frame (or, with
B-frames, the reference frame after it is), so the decode starts at the keyframe before the largest packet,
decodes only reference frames (the chain the others need) except around the large packets, where every
frame is decoded (`cut_hints`); a change seen right after a skipped frame means the hint missed, and the
same decode is done again with the frames before that change (and before each blank run met after a
skipped frame) in full, up to `_REDOS` times, then every frame of the interval; so is a fade under way at
the last frame decoded when frames were skipped between it and an end sample back at full light (the fade's
black frame can be among them, and the end a look-alike slide). Decoding stops once the
interval's end picture is reached; the frames the decoder still holds for reordering are pushed out by
draining it before an IDR picture rather than by decoding the IDR (decoded only if more frames are wanted). After
the last sample, with no hint, reference frames only are decoded first.

What is not decoded is not sent to the decoder: the H.264 slice headers of every packet, read in the index
pass (`_h264_kind`), say which hold no intra picture (the coarse pass) and which no reference picture
(the chains); where only a few IDR keyframes are left to decode, the coarse pass decodes them from the
packets the index pass kept (or seeks to each) instead of reading every packet. The file is opened once
for the index pass and refinement.
Refinement frames only place cuts, so on H.264 they are decoded without the deblocking filter
(`fast_refine`, FFmpeg's `skip_loop_filter`: about a quarter less decoding); the drift that leaves in the
reference chain is far below what the thumbnails and the black / flat tests measure. A shot's frame is its
sharpest exactly decoded sample (a coarse one: the Laplacian would take a frame decoded without the filter,
blockier, for a sharper one); a shot with none keeps its refined frame decoded again with the filter. With
the index pass's packets kept, a refinement decode starts from them at the keyframe a seek would land on,
without seeking. A cut out of a fade to black whose first frame was the interval's largest packet is
hinted too (`cut_hints`), so that one decode places it.
Decoding is single-threaded by default (`decode_threads`); FFmpeg's H.264 decoding is bit-exact whatever
the threads, so the same bytes always give the same frames and times. With `decode_ahead` > 0 the coarse
pass runs in a thread of its own, that many samples ahead of the rest (its decoder is its own, and FFmpeg
decodes without the interpreter lock), so that on a machine with a core free its decodes overlap refinement
(less wall time, a little more CPU: off by default); the samples, and so the outputs, are those of the pass
run in line.

Look-alike pictures: two samples whose thumbnails are closer than `cut_threshold` (every such pair of
lit samples, `fine_from` 0) are also compared cell by cell (`_fine_differs`: as they are, and if that
differs, after an affine motion estimated by OpenCV's ECC; then the worst of 32x24 cells), which tells a
shot's own zoom or pan from two slides differing in one digit (dark background included) or two
photographs of one skin tone; if they differ, the interval is refined (at an encoder's scene cut, the cut
is that keyframe). A sample that is the one before it darkened (a fade under way, `fade_ratio`) means a
new shot may start before the next sample: that interval is refined even when it ends on a scene cut
(x264 can put a keyframe inside a fade and the next one a whole shot later). In the sampled mode, the
frames decoded between two samples but not kept are measured for light too (`_mean_luma`): one much darker
than both lit samples (`fade_ratio`) means a fade through black between them, and the interval is refined
as if they differed (a cut between look-alike slides whose aligned comparison ECC's zoom absorbs).

Between consecutive samples the distance is mainly 1 - the normalised cross-correlation of small grey
thumbnails (brightness-invariant, so fades do not cut), with an HSV-histogram term for colour-only
changes; above `cut_threshold` starts a new shot. Black or
flat frames (fades, transitions) end the current shot and are never chosen (where refinement decoded only
reference frames, at the first black one decoded: up to a B-frame run after the first black frame; shot
starts are always placed to the frame). Shots shorter than
`min_shot_s` (transitions, flashes) are dropped. The representative is the sharpest sample (variance of
the Laplacian) of the shot, an exactly decoded one first (above). Streaming: only the current shot's best
frame is held in memory.

Unreadable input raises `ItemError` with reason `bad_video` or `no_video_track`, never anything else.
"""

from __future__ import annotations

import bisect
import heapq
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from pydantic import Field

from derm1m_build.errors import ItemError
from derm1m_build.recipe import Section


class ShotConfig(Section):
    min_shot_s: float = Field(2.0, ge=0, description="shots shorter than this are dropped")
    cut_threshold: float = Field(0.3, gt=0, le=1)
    exact_gap: float = Field(0.5, gt=0, description="keyframes at most this far apart: no refinement")
    max_keyframe_gap: float = Field(
        10.0, gt=0, description="typical keyframe spacing above this: sample decoded frames, not keyframes")
    max_fixed_gap: float = Field(
        6.0, gt=0, description="a fixed keyframe grid (no scene-cut keyframe) spaced wider than this: sample "
        "decoded frames (a whole shot can lie between two keyframes that look alike)")
    sample_every: float = Field(0.5, gt=0, description="seconds between samples when decoding fully")
    black_luma: float = Field(20.0, ge=0, description="mean luma below this = black frame")
    flat_std: float = Field(1.0, ge=0, description="luma std below this = flat frame (blank); dark skin is ~3-6")
    scenecut_factor: float = Field(0.25, gt=0, le=1, description="threshold factor at the encoder's scene-cut keyframes")
    hint_ratio: float = Field(
        2.0, ge=0, description="refinement: a packet this many times the median marks the cut (0: no hint)")
    coarse_gap: float = Field(
        4.0, ge=0, description="keyframes+refine: grid keyframes closer than this to the last decoded one are skipped")
    fine_from: float = Field(
        0.0, ge=0, description="coarse pairs at least this far apart (under cut_threshold) are also compared aligned")
    fine_threshold: float = Field(
        1.3, gt=0, description="aligned comparison: a cell differing this much (in standard deviations) = different")
    fine_grid: tuple[int, int] = Field((32, 24), description="aligned comparison: cells across and down")
    fine_misses: int = Field(
        3, ge=0, description="after this many refinements sent by the aligned comparison found nothing, it is off")
    fade_ratio: float = Field(
        0.75, gt=0, le=1, description="a sample this much darker than the one before (same picture) is inside a fade")
    fast_refine: bool = Field(
        True, description="refinement decodes skip H.264's deblocking filter (~25 % less decoding); their frames "
        "only place cuts, and one kept as a shot's frame is decoded again exactly")
    decode_threads: int = Field(
        1, ge=0, description="decoder threads (0: FFmpeg's choice); the outputs do not change")
    decode_ahead: int = Field(
        0, ge=0, description="coarse samples decoded ahead in a thread of their own while refinement runs "
        "(0: none, one thread); the outputs do not change. 13-20 % less wall time where a core is free, "
        "up to ~6 % more CPU (RESULTS.md): off by default, since a harvest keeps every core busy")
    max_side: int = Field(1280, ge=64, description="kept frames are downscaled to this longest side")


@dataclass
class Shot:
    start: float
    end: float
    frame_time: float
    sharpness: float
    frame: np.ndarray | None = field(default=None, repr=False)  # BGR

    def to_dict(self) -> dict:
        return {"start": round(self.start, 3), "end": round(self.end, 3), "frame_time": round(self.frame_time, 3),
                "sharpness": round(self.sharpness, 2)}


@dataclass
class _Sample:
    """One sample's features. The colour histogram and the sharpness are computed when first read (`hist`,
    `sharp`), from the small picture kept until then (`src`: BGR, or the I420 planes), with the same calls
    and bytes as when they were computed up front: most samples never need them (a blank frame, a
    refined frame whose neighbours differ in light, a shot's only sample: about 3 in 4 histograms were
    never read on the tuning clips)."""
    t: float
    thumb: np.ndarray  # normalised grey thumbnail (`_norm`)
    luma: float
    std: float
    # ("bgr", picture) or ("i420", y, u, v): strided views into the decoded frame's planes (the frame is held
    # with its sample anyway: `detect_shots` keeps (sample, frame) pairs), until `hist` is read
    src: tuple | None = field(default=None, repr=False)
    grey: np.ndarray | None = field(default=None, repr=False)  # the small grey picture, until `sharp` is read
    fine: np.ndarray | None = field(default=None, repr=False)  # `_fine_view`, when needed
    fine_blur: np.ndarray | None = field(default=None, repr=False)  # `fine` blurred (`_fine_blurred`)
    fine_quarter: np.ndarray | None = field(default=None, repr=False)  # `fine` at quarter size (`_fine_differs`)
    exact: bool = True  # decoded exactly (False: a refinement frame decoded without the deblocking filter)
    _hist: np.ndarray | None = field(default=None, repr=False)
    _sharp: float | None = field(default=None, repr=False)

    @property
    def hist(self) -> np.ndarray:
        """HSV colour histogram (12x4x4 bins, L1-normalised) of the small picture."""
        if self._hist is None:
            self._hist = _hist(_small_bgr(self.src))
            self.src = None
        return self._hist

    @property
    def sharp(self) -> float:
        """Variance of the Laplacian of the small grey picture."""
        if self._sharp is None:
            _, lap = cv2.meanStdDev(cv2.Laplacian(self.grey, cv2.CV_32F))
            self._sharp, self.grey = float(lap[0, 0]) ** 2, None
        return self._sharp


def _small_bgr(src: tuple) -> np.ndarray:
    """The small picture of `_Sample.src` as BGR: OpenCV's fixed-point BT.601 I420 conversion of the
    subsampled planes (`_sample`), or the BGR picture itself."""
    if src[0] == "bgr":
        return src[1]
    _, y, u, v = src
    ww = y.shape[1]
    return cv2.cvtColor(np.concatenate([y, u.reshape(-1, ww), v.reshape(-1, ww)]), cv2.COLOR_YUV2BGR_I420)


def _hist(bgr: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hist = cv2.calcHist([hsv], [0, 1, 2], None, [12, 4, 4], [0, 180, 0, 256, 0, 256])
    cv2.normalize(hist, hist, 1, 0, cv2.NORM_L1)
    return hist


def _features(src: tuple, grey: np.ndarray | None = None) -> _Sample:
    """Normalised grey thumbnail and light of a 160-320 px wide picture (`src` as in `_Sample.src`; its
    grey plane when the caller has it: the decoded luma); the colour histogram and the sharpness are
    computed from them when first read (`_Sample.hist`, `_Sample.sharp`)."""
    if grey is None or grey.shape[:2] != src[1].shape[:2]:
        grey = cv2.cvtColor(_small_bgr(src), cv2.COLOR_BGR2GRAY)
    thumb = _thumb(grey)
    mean, std = cv2.meanStdDev(grey)
    return _Sample(0.0, thumb, float(mean[0, 0]), float(std[0, 0]), src, grey)


def _distance(a: _Sample, b: _Sample) -> float:
    """1 - normalised cross-correlation of the grey thumbnails: insensitive to brightness, so a fade
    (the same picture, darker) stays one shot while a cut to a different picture scores 0.4-1.3; plus
    the colour histogram where brightness is equal (a colour-only change)."""
    d = _ncc_distance(a.thumb, b.thumb)
    if abs(a.luma - b.luma) <= 0.15 * max(a.luma, b.luma, 1.0):
        d = max(d, float(cv2.compareHist(a.hist, b.hist, cv2.HISTCMP_BHATTACHARYYA)) - 0.3)
    return d


def _bgr(frame, width: int | None = None, height: int | None = None) -> np.ndarray:
    """A decoded frame as BGR, the same bytes on every CPU.

    Decoding H.264 is bit-exact by the standard, but converting YUV to BGR is not: swscale's default
    path picks SIMD kernels by CPU feature (SSE/AVX2/AVX-512) that round differently from each other
    (up to 11 levels apart on the demo lectures), and splits the picture across threads by CPU count.
    So two builds of the same video bytes on two machines chose different frames' sharpness (8.12 vs
    8.14). BITEXACT + ACCURATE_RND select swscale's C reference (exact BT.601 rounding), one thread.
    """
    return frame.reformat(width=width, height=height, format="bgr24", interpolation=_exact(),
                          threads=1).to_ndarray()


def _i420_ready(frame) -> bool:
    """8-bit 4:2:0 with even sides: what `_kept_bgr` converts with OpenCV's I420 conversion."""
    w, h = frame.width, frame.height
    return frame.format.name == "yuv420p" and not (w % 2 or h % 2) and w >= 2 and h >= 2


def _kept_bgr(frame) -> np.ndarray:
    """A kept frame as BGR, the same bytes on every CPU, cheaply where the frame is 8-bit 4:2:0 with even
    sides (what H.264 streams decode to): OpenCV's fixed-point BT.601 I420 conversion of the decoded
    planes (integer arithmetic, the same in its scalar and SIMD paths; ~0.4 ms at 854x480 against
    1.3-5 ms for swscale's bit-exact C path, which is kept for every other format, `_bgr`). It repeats
    each chroma sample over its 2x2 pixels where swscale interpolates; the kept frame is then written
    as a 4:2:0 JPEG, which averages those 2x2 blocks again."""
    w, h = frame.width, frame.height
    if not _i420_ready(frame):
        return _bgr(frame)
    y, u, v = (np.frombuffer(p, np.uint8).reshape(-1, p.line_size) for p in frame.planes[:3])
    i420 = _i420_buffer(h, w)
    i420[:h] = y[:h, :w]
    chroma = i420[h:].reshape(-1)  # I420: the U plane's (h/2) x (w/2) bytes, then V's, packed
    n = (h // 2) * (w // 2)
    # (each plane copied straight into its 2-D view of the buffer: reshaping the strided plane first made a copy)
    chroma[:n].reshape(h // 2, w // 2)[...] = u[:h // 2, :w // 2]
    chroma[n:].reshape(h // 2, w // 2)[...] = v[:h // 2, :w // 2]
    return cv2.cvtColor(i420, cv2.COLOR_YUV2BGR_I420)


def _i420_buffer(h: int, w: int) -> np.ndarray:
    """An (h * 3/2) x w uint8 buffer for `_kept_bgr`'s packed I420 picture, one per thread and size, reused:
    a fresh 0.6 MB array is a fresh mapping of memory, faulted in page by page on every kept frame. Only
    read by the conversion that follows its filling."""
    buf = getattr(_local, "i420", None)
    if buf is None or buf.shape != (h * 3 // 2, w):
        buf = _local.i420 = np.empty((h * 3 // 2, w), np.uint8)
    return buf


def _exact():
    """swscale's bit-exact C path (see `_bgr`): every frame conversion here uses it."""
    from av.video.reformatter import Interpolation

    return Interpolation.BILINEAR | Interpolation.BITEXACT | Interpolation.ACCURATE_RND


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


def _mean_luma(frame) -> float:
    """A decoded frame's mean luma from every 16th pixel of every 32nd row of its luma plane (~800 pixels
    at 854x480, OpenCV's mean on the strided view: one cache line a pixel, from a picture just decoded);
    enough to see a fade's dark frames, which are near-uniform."""
    if frame.format.name in _Y8:
        plane = frame.planes[0]
        grey = np.frombuffer(plane, np.uint8).reshape(frame.height, plane.line_size)[::32, :frame.width:16]
    else:
        grey = frame.reformat(format="gray", threads=1).to_ndarray()[::32, ::16]
    return float(cv2.mean(grey)[0])


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

    def frames_between(self, t0: float, t1: float, dense: frozenset = frozenset(), start: float | None = None):
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
            for packet in self._start(stream, at):
                pts = None if packet is None else packet.pts
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
                    for frame in cc.decode(None):
                        if frame.pts is None:
                            continue
                        t = float(frame.pts) * num / den
                        if t <= t0 + 1e-6:
                            continue
                        if t >= t1 - 1e-6:
                            return
                        self.frames += 1
                        yield t, frame
                    if float(pts * stream.time_base) >= t1 - 1e-6:
                        return  # the IDR's frame is the next one out (a reset picture order count): past t1
                    self.drained -= 1
                    cc.flush_buffers()  # out of draining; an IDR picture needs nothing decoded before it
                sent = packet is not None
                for frame in cc.decode(packet):
                    if frame.pts is None:
                        continue
                    t = float(frame.pts) * num / den
                    if t <= t0 + 1e-6:
                        continue
                    if t >= t1 - 1e-6:
                        return
                    self.frames += 1
                    yield t, frame
        except (av.error.FFmpegError, ValueError, MemoryError) as e:
            raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None

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


# decoders that honour skip_frame="NONINTRA" (every other frame skipped, so a keyframe packet left out
# breaks nothing); FFmpeg's VP9 and AV1 decoders ignore it and decode every frame, which then needs every
# keyframe as a reference
_INTRA_ONLY = {"h264", "hevc"}


# IDR keyframe packets the index pass keeps for the coarse pass, in bytes (beyond: read again by seeking)
_KEEP_BYTES = 64 << 20

# how many times refinement decodes an interval again with more of it in full before decoding all of it
_REDOS = 2

# a `dense` set that holds no packet: refinement decodes reference frames only (a pts no stream has)
_NO_PACKET = frozenset({-(2 ** 62)})


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
    send = ~np.isin(ix.pts, np.fromiter(not_sent, np.int64, len(not_sent)))
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
        if n is None:
            kept = every = None
            rows = [(p.pts, p.size, p.is_keyframe, _MAYBE) for p in container.demux(s) if p.pts is not None and p.size]
        else:
            rows = []
            for p in container.demux(s):
                pts, size = p.pts, p.size  # (each a call into PyAV: read once)
                if pts is None or not size:
                    continue
                kind = _h264_kind(bytes(p), n)
                key = p.is_keyframe
                rows.append((pts, size, key, kind))
                if every is not None:
                    every_bytes -= size
                    every = None if every_bytes < 0 else every
                    if every is not None:
                        every.append(p)
                if kept is not None and kind & _IDR and key:
                    keep_bytes -= size
                    kept = None if keep_bytes < 0 else kept
                    if kept is not None:
                        kept[int(pts)] = p
    except av.error.FFmpegError as e:
        raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None
    finally:
        if own:
            container.close()
    a = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return _Index(duration, float(1 / rate) if rate else 0.04, float(s.time_base or 0.0), a[:, 0], a[:, 1],
                  a[:, 2].astype(bool), s.codec_context.name, (a[:, 3] & _INTRA).astype(bool),
                  (a[:, 3] & _REF).astype(bool), (a[:, 3] & _IDR).astype(bool), kept, every)


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


def detect_shots(path: Path, cfg: ShotConfig | None = None, keep_frames: bool = True) -> tuple[list[Shot], dict]:
    """Stable shots of one video with their representative frames; and how they were sampled."""
    cfg = cfg or ShotConfig()
    container = _open(path)  # one for the index pass and refinement (a file opened once)
    try:
        return _detect(path, cfg, keep_frames, container)
    finally:
        container.close()


def _detect(path: Path, cfg: ShotConfig, keep_frames: bool, container) -> tuple[list[Shot], dict]:
    ix = _index(path, container, _KEEP_BYTES)
    duration, frame_dt = ix.duration, ix.frame_dt
    kts = ix.keyframe_times()
    if not kts:
        raise ItemError("bad_video", "no decodable keyframe")
    mode, early = choose_mode(kts, duration, cfg, frame_dt)
    keyframes_only = mode != "sampled+refine"
    key = {round(t, 3) for t in kts}
    skip = coarse_skip(ix, early, cfg) if mode == "keyframes+refine" else frozenset()
    not_sent = skip | ix.skippable("intra") if keyframes_only else ix.skippable("ref")
    shown = np.sort(ix.pts)  # every frame's pts, in display order
    shown_list = shown.tolist()  # (the same, for `bisect` per refined frame: a tenth of NumPy's per-call cost)
    shots: list[Shot] = []
    cur: dict | None = None  # {"start", "best": (_Sample, av frame), "last": _Sample}
    n = 0
    hinted = fallbacks = redone = 0

    def close(end: float) -> None:
        nonlocal cur
        if cur is not None and end - cur["start"] >= cfg.min_shot_s:
            s, fr = cur["best"]
            if not s.exact:  # a shot with no exactly decoded sample: its frame decoded again, exactly
                s, fr = exact_frame(s, fr)
            img = _shrink(_kept_bgr(fr), cfg.max_side) if keep_frames else None
            shots.append(Shot(cur["start"], end, s.t, s.sharp, img))
        cur = None

    def blank(s: _Sample) -> bool:
        return s.luma < cfg.black_luma or s.std < cfg.flat_std

    def feed(s: _Sample, frame, thr: float) -> None:
        nonlocal cur, n
        n += 1
        if blank(s):
            close(s.t)
            return
        if cur is not None:
            d = _distance(cur["last"], s)
            if (d > thr and not (cur["last"].exact and s.exact)
                    and _ncc_distance(cur["last"].thumb, s.thumb) <= thr):
                # the colour term alone says so, and a frame decoded without the deblocking filter takes
                # part (its chroma blocks can move a pale picture's hues between histogram bins): decided
                # on the exactly decoded pictures
                if not cur["last"].exact:
                    old = cur["last"]
                    cur["last"], cur["last_frame"] = exact_frame(old, cur["last_frame"])
                    if cur["best"][0] is old:
                        cur["best"] = (cur["last"], cur["last_frame"])
                if not s.exact:
                    s, frame = exact_frame(s, frame)
                d = _distance(cur["last"], s)
            if d > thr:
                close(s.t)
        if cur is None:
            cur = {"start": s.t, "best": (s, frame), "last": s, "last_frame": frame}
        else:
            cur["last"], cur["last_frame"] = s, frame
            b = cur["best"][0]
            # the sharpest sample, an exactly decoded one first (a frame decoded without the deblocking
            # filter is blockier, which the Laplacian would take for sharpness)
            if (s.exact, s.sharp) > (b.exact, b.sharp):
                cur["best"] = (s, frame)

    def exact_frame(s: _Sample, frame):
        """The sample's frame decoded again with the deblocking filter: the reference frames from the
        keyframe before it, and it (`_Refiner.frames_between`)."""
        nonlocal exact_refiner
        if exact_refiner is None:
            exact_refiner = _Refiner(path, cfg.decode_threads, ix.skippable("ref"), None, ix.packets, ix=ix)
        for t2, f2 in exact_refiner.frames_between(s.t - 0.5 * frame_dt, s.t + 0.5 * frame_dt,
                                                   frozenset({int(frame.pts)})):
            if f2.pts == frame.pts:
                return _sample(f2, t2), f2
        return s, frame

    def refined(prev: _Sample, prev_frame, t1: float, end_frame, end: _Sample, dense: frozenset,
                biggest: int | None, exact_blank: bool = False):
        """The frames between two differing samples that change the picture: the first blank frame of a
        run, the first picture after it, and each frame that differs from the last one kept by more than
        `cut_threshold` (compared with the last kept frame, not the previous one, so a dissolve cuts too).
        Returns (frames, None), or (None, stretches) where skipped frames may have hidden where a change
        starts.

        With `dense` (see `_Refiner`) frames outside it may have been skipped: a new picture found right
        after a skipped frame could have started on the skipped one, so the stretches that must be decoded
        in full are returned instead, each as (pts of the last picture decoded before it, pts of the frame
        that showed the change): that one, and those before each blank run met so far that followed a
        skipped frame (so that a fade's first blank frame is placed as by a decode of every frame). The
        caller decodes again with them dense, `exact_blank` then: a blank run that follows a skipped frame
        is such a stretch too. Otherwise a blank frame is taken as decoded: it only ends the shot before
        it, somewhere inside a fade."""
        nonlocal lookalikes
        out, anchor, was_blank = [], None, blank(prev)
        end_light = None if end is None or blank(end) else _light(end_frame)
        target = None if end_light is None else end_light[0]
        last = lit = prev_frame.pts  # the last frame decoded, the last non-blank one
        dark = None  # pts of the last frame decoded if it was the anchor's picture darkened (a fade)
        stretches = []
        start = ix.keyframe_before(biggest) if biggest is not None else None
        for t, frame in refiner.frames_between(prev.t, t1, dense, start):
            if anchor is None:  # the light measure of the first sample, on the same grey plane
                anchor = _light(prev_frame)
            gap = bool(dense) and shown_list[bisect.bisect_left(shown_list, frame.pts) - 1] != last
            last = frame.pts
            lt = _light(frame)
            if lt[1] < cfg.black_luma or lt[2] < cfg.flat_std:
                if not was_blank:
                    if gap:
                        stretches.append((lit, int(frame.pts)))
                        if exact_blank:
                            return None, stretches
                    was_blank = True
                    out.append((_sample(frame, t, refiner.deblock), frame))
                continue
            if was_blank or _ncc_distance(anchor[0], lt[0]) > cfg.cut_threshold:
                dark = None
                if gap:
                    return None, stretches + [(lit, int(frame.pts))]
                was_blank, anchor = False, lt
                out.append((_sample(frame, t, refiner.deblock), frame))
                if target is not None and _ncc_distance(lt[0], target) <= 0.5 * cfg.cut_threshold:
                    # the picture the interval ends on: the cut is placed, the rest is that shot; unless a
                    # whole shot still fits before the end and the aligned comparison tells the two
                    # pictures apart (look-alike slides: the end picture may come after another fade)
                    if t1 - t < cfg.min_shot_s or not _fine_differs(out[-1][0], frame, end, end_frame, cfg):
                        break
                    lookalikes += 1
            else:
                if gap and dark is not None and lt[1] >= cfg.fade_ratio * anchor[1]:
                    # the anchor's picture (or a look-alike) back at full light after a fade under way and
                    # skipped frames: the fade's black frames, and a cut to a look-alike after them, may be
                    # among those skipped
                    return None, stretches + [(dark, int(frame.pts))]
                dark = int(frame.pts) if bool(dense) and lt[1] < cfg.fade_ratio * anchor[1] else None
            lit = frame.pts
        if (dark is not None and not was_blank and end_light is not None
                and end_light[1] >= cfg.fade_ratio * anchor[1]
                and int(shown[np.searchsorted(shown, end_frame.pts) - 1]) != last):
            # the same at the interval's end: a fade under way at the last frame decoded, frames skipped after
            # it, and the end sample at full light (a look-alike shot starting on it, s233's last slide): the
            # fade's black frames may be among those skipped
            return None, stretches + [(dark, int(end_frame.pts))]
        return out, None

    def place(prev: _Sample, prev_frame, t1: float, end_frame, end: _Sample | None) -> int:
        """Feed the cuts between `prev` and t1 (a differing sample, or the end of the video: `end` None),
        placed to the frame: hinted by packet sizes; where a change follows skipped frames, decoded again
        with the frames before it in full (up to `_REDOS` times), then every frame of the interval.
        Returns how many changes (blank runs, new pictures) were found."""
        nonlocal hinted, fallbacks, redone
        dense, biggest = cut_hints(ix, prev.t, t1, cfg.hint_ratio) if cfg.hint_ratio > 0 else (frozenset(), None)
        if end is None and not dense and cfg.hint_ratio > 0:
            # the stretch after the last sample, where no packet stands out: most often nothing starts
            # there, which the reference frames alone show (a change right after a skipped frame is
            # decoded again, as for a hint that misses)
            dense = _NO_PACKET
        found, gaps = refined(prev, prev_frame, t1, end_frame, end, dense, biggest)
        hinted += bool(dense) and dense is not _NO_PACKET
        first = ix.keyframe_before(biggest) / ix.time_base - 0.5 if biggest is not None and ix.time_base else None
        spent = 0
        key0 = ix.keyframe_before(int(prev.t / ix.time_base + 0.5)) / ix.time_base - 0.5 if ix.time_base else -1.0
        for _ in range(_REDOS):
            if gaps is None or (first is not None and min(lo for lo, _ in gaps) < first):
                break  # (a stretch that starts before the decode does: only every frame of the interval)
            # the reference chain up to the change is needed anyway: the same decode again, with the
            # stretches before the changes decoded in full, unless the decodes again would come to more
            # packets than decoding every frame up to the last change
            for lo, hi in gaps:
                dense = dense | _gap_packets(shown, lo, hi)
            upto = max(hi for _, hi in gaps)
            spent += _chain_cost(ix, first if first is not None else key0, upto, dense)
            if spent > _chain_cost(ix, key0, upto, None):
                break
            redone += 1
            found, more = refined(prev, prev_frame, t1, end_frame, end, dense, biggest, True)
            gaps = None if more is None else gaps + more
        if gaps is not None:
            fallbacks += 1
            found, _ = refined(prev, prev_frame, t1, end_frame, end, frozenset(), None)
        for s2, f2 in found:
            feed(s2, f2, cfg.cut_threshold)
        return len(found)

    # refinement frames only place cuts: decoded without the deblocking filter where that is H.264's
    # (the reference chain drifts from the exact pictures by the filter's small edge corrections, far
    # below what the 32x18 thumbnails and the black / flat tests measure)
    refiner = _Refiner(path, cfg.decode_threads, ix.skippable("ref"), container, ix.packets,
                       deblock=not (cfg.fast_refine and ix.codec == "h264"), ix=ix)
    exact_refiner: _Refiner | None = None
    prev: _Sample | None = None
    prev_frame = None
    fading, fine, fine_misses, lookalikes, dipped = False, 0, 0, 0, 0
    plan = _seek_plan(ix, not_sent, keyframes_only)

    def coarse():
        """(time, frame, darkest frame since the sample before: `_iter_samples`' dip) of each coarse sample."""
        low = [float("inf")]
        for t, frame in _iter_samples(path, cfg, keyframes_only, not_sent, plan, ix.idr_packets,
                                      None if keyframes_only else low):
            yield t, frame, low[0]

    # with decode_ahead, the coarse decodes run ahead in a thread of their own (their decoder is their own, and
    # FFmpeg decodes without the interpreter lock), so that they overlap refinement and the feature work
    ahead = _Ahead(coarse, cfg.decode_ahead) if cfg.decode_ahead > 0 else None
    try:
        for t, frame, dip in (ahead if ahead is not None else coarse()):
            s = _sample(frame, t)
            # the encoder's scene-cut decisions (an off-grid keyframe, or an I-frame that is not a keyframe)
            # already place a cut to the frame
            scenecut = keyframes_only and (round(t, 3) in early or round(t, 3) not in key)
            thr = cfg.cut_threshold * (cfg.scenecut_factor if scenecut else 1.0)
            if mode != "keyframes" and prev is not None and t - prev.t > 1.5 * frame_dt:
                lit = not blank(prev) and not blank(s)
                d = _distance(prev, s) if lit else 0.0
                if scenecut:
                    # the encoder placed a cut at s, but a fade was under way at prev (a keyframe at a fade's
                    # start): the shot after that fade may lie between them, unseen by both samples
                    differ = fading
                else:
                    differ = blank(prev) != blank(s) or d > cfg.cut_threshold
                if not differ and lit and dip < cfg.fade_ratio * min(prev.luma, s.luma):
                    # a frame decoded between the two lit samples much darker than both: a fade through
                    # black between them, the likeliest place of a cut between look-alike pictures (s419's
                    # "Lecture 5" / "Lecture 6" slides, whose aligned comparison ECC's zoom absorbs): the
                    # interval is refined like any differing pair
                    differ = True
                    dipped += 1
                by_fine = False
                if (not differ and lit and d <= thr and (scenecut or cfg.fine_from <= d)
                        and fine_misses < cfg.fine_misses and _fine_differs(prev, prev_frame, s, frame, cfg)):
                    # two pictures the thumbnails cannot tell apart: at the encoder's scene cut, the cut is
                    # s itself; elsewhere it is placed by decoding between them
                    fine += 1
                    if scenecut:
                        thr = -1.0
                    else:
                        differ = by_fine = True
                if differ:
                    found = place(prev, prev_frame, t, frame, s)
                    # a video whose own motion the alignment does not capture (people moving, not a still
                    # zoomed or panned) would send every interval to refinement for nothing: after
                    # `fine_misses` such decodes that found no change, the aligned comparison is off
                    fine_misses += by_fine and found == 0
            # a fade under way at s: the same picture as the sample before, much darker
            fading = (prev is not None and not blank(prev) and not blank(s) and s.luma < cfg.fade_ratio * prev.luma
                      and _distance(prev, s) <= cfg.cut_threshold)
            feed(s, frame, thr)
            prev, prev_frame = s, frame
        # after the last sample nothing closes the pair: a shot that starts there (the last keyframe can be
        # seconds before the end) is looked for in the frames up to the end, if it could be long enough
        # (it starts a frame after the sample at the earliest)
        if (mode != "keyframes" and prev is not None
                and duration - prev.t - frame_dt >= max(cfg.min_shot_s, 0.5 * frame_dt)):
            place(prev, prev_frame, duration + frame_dt, None, None)
        close(duration if duration > 0 else (cur["last"].t if cur else 0.0))
    finally:
        if ahead is not None:
            ahead.close()
        refiner.close()
        if exact_refiner is not None:
            exact_refiner.close()
    if n == 0:
        raise ItemError("bad_video", "no frame decoded")
    return shots, {"mode": mode, "samples": n, "refined_frames": refiner.frames, "hinted": hinted,
                   "redone": redone, "fallbacks": fallbacks,
                   "drained": refiner.drained + (exact_refiner.drained if exact_refiner is not None else 0),
                   "fine": fine, "fine_misses": fine_misses,
                   "lookalikes": lookalikes, "dipped": dipped, "keyframes": len(kts),
                   "coarse_skipped": len(skip), "duration": round(duration, 3)}


def _sample(frame, t: float, exact: bool = True) -> _Sample:
    """Features of one decoded frame at 160-320 px wide. 8-bit 4:2:0 (what H.264, VP9 and AV1 streams
    decode to): every step-th pixel of the decoded planes (plain indexing, so the same bytes on every
    CPU), converted with OpenCV's fixed-point BT.601 I420 conversion, the luma itself as grey: a third of
    the cost of swscale's bit-exact scaling (which is kept for other formats, and for every kept frame)."""
    w, h = frame.width, frame.height
    if frame.format.name == "yuv420p" and w >= 320 and h >= 4 * (w // 160):
        step = w // 160
        ys = [np.frombuffer(p, np.uint8).reshape(-1, p.line_size) for p in frame.planes[:3]]
        hh = (h // (4 * step)) * 4  # rows of the small picture: a multiple of 4, so that I420 packs its chroma in whole rows
        ww = (w // (2 * step)) * 2
        y = ys[0][0:hh * step:step, 0:ww * step:step]
        u = ys[1][0:hh * step // 2:step, 0:ww * step // 2:step][:hh // 2, :ww // 2]
        v = ys[2][0:hh * step // 2:step, 0:ww * step // 2:step][:hh // 2, :ww // 2]
        s = _features(("i420", y, u, v), np.ascontiguousarray(y))
    else:
        w = 160
        small = _reformatter().reformat(frame, width=w, format="bgr24",
                                        height=max(2, 2 * round(w * frame.height / max(1, frame.width) / 2)),
                                        interpolation=_exact(), threads=1).to_ndarray()  # same bytes on every CPU
        s = _features(("bgr", small))
    s.t, s.exact = t, exact
    return s


_local = threading.local()
_Y8 = {"yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "nv12", "nv21", "gray"}


def _reformatter():
    """One scaler per thread, reused: building a new one per frame costs more than the scaling."""
    from av.video.reformatter import VideoReformatter

    if not hasattr(_local, "reformatter"):
        _local.reformatter = VideoReformatter()
    return _local.reformatter


def _light(frame) -> tuple[np.ndarray, float, float]:
    """Normalised grey thumbnail (`_norm`), mean and std of one refinement frame, read straight from the
    decoded luma plane (no colour conversion, no histogram: most refined frames only prove they are the
    same picture); OpenCV calls throughout (a third of NumPy's per-call cost at this size)."""
    w, h = frame.width, frame.height
    if frame.format.name in _Y8:  # 8-bit luma first plane
        plane = frame.planes[0]
        grey = np.frombuffer(plane, np.uint8).reshape(h, plane.line_size)[:, :w]
    else:
        grey = frame.reformat(format="gray", interpolation=_exact(), threads=1).to_ndarray()
    step = max(1, w // 160)  # every step-th pixel: a cheap ~160 px view (enough for a difference measure)
    small = cv2.resize(grey, (max(1, w // step), max(1, h // step)), interpolation=cv2.INTER_NEAREST)
    mean, std = cv2.meanStdDev(small)
    return _thumb(small), float(mean[0, 0]), float(std[0, 0])


def _fine_view(s: _Sample, frame) -> np.ndarray:
    """A sample's grey picture at ~256-300 px wide for `_fine_differs` (cached on the sample): whole
    k x k block means of the decoded luma (OpenCV's integer-factor area path), zero mean, unit variance."""
    if s.fine is None:
        w, h = frame.width, frame.height
        if frame.format.name in _Y8:
            plane = frame.planes[0]
            grey = np.frombuffer(plane, np.uint8).reshape(h, plane.line_size)[:, :w]
        else:
            grey = frame.reformat(format="gray", interpolation=_exact(), threads=1).to_ndarray()
        k = max(1, w // 256)
        hh, ww = (h // (2 * k)) * 2, (w // (2 * k)) * 2  # even, for the half-size alignment
        small = _block_means(grey[:hh * k, :ww * k], k)
        mean, std = cv2.meanStdDev(small)
        small -= np.float32(mean[0, 0])  # in place (`small` is a fresh array): the same float32 operations
        small /= np.float32(std[0, 0] + 1e-3)
        s.fine = small
    return s.fine


def _block_means(grey: np.ndarray, k: int) -> np.ndarray:
    """The k x k block means of a uint8 picture whose sides are multiples of k, as float32: the same
    values as OpenCV's `resize(..., INTER_AREA)` to 1/k then `astype(float32)`, at half its cost for
    k >= 3. For an integer factor OpenCV sums each block in integers and rounds sum * (1.f / k^2) to the
    nearest (ties to even: `cvRound`); its scalar loop over k^2 offsets per pixel is what costs. Here the
    sums are k strided row additions then k column additions in uint16 (at most 255 k^2: exact to
    k = 16), and the product is rounded the same way in float32 (`np.rint`: ties to even).
    `tests/test_youtube_frames.py::test_block_means_match_opencv_area` checks every possible block sum for
    k = 3..9. k = 2 (OpenCV's SIMD path rounds ties up) and k = 1 stay with OpenCV, as does k > 16."""
    if k < 3 or k > 16:
        return cv2.resize(grey, (grey.shape[1] // k, grey.shape[0] // k),
                          interpolation=cv2.INTER_AREA).astype(np.float32)
    rows = np.add(grey[0::k], grey[1::k], dtype=np.uint16)
    for i in range(2, k):
        rows += grey[i::k]
    out = rows[:, 0::k].astype(np.float32)  # the column sums in float32: integers under 2^24, exact
    for j in range(1, k):
        out += rows[:, j::k]
    out *= np.float32(1.0 / (k * k))
    return np.rint(out, out=out)


def _fine_blurred(s: _Sample, frame) -> np.ndarray:
    """`_fine_view` blurred slightly (sigma 0.7: what resampling leaves at sharp edges, not a new picture),
    cached on the sample: a coarse sample takes part in up to three comparisons (with the sample before,
    the one after, and a refinement's stop), the same bytes each time."""
    if s.fine_blur is None:
        s.fine_blur = cv2.GaussianBlur(_fine_view(s, frame), (0, 0), 0.7)
    return s.fine_blur


def _fine_score(ba: np.ndarray, bb: np.ndarray, cfg: ShotConfig) -> float:
    """The worst cell-sized window of |a - b| of two blurred views (`_fine_blurred`; b warped onto a before
    its blur where aligned), the border left out (where the warped picture is reflected): windows the size
    of a `fine_grid` cell at every position, not only on the grid. A small difference (one digit of a
    title) that a fixed grid splits between two or four cells is halved or quartered there: s461's
    "Lecture 5" / "Lecture 6" slides across a fade scored 1.19-1.26 on the grid, under `fine_threshold`,
    and 2.27-2.35 at every position (RESULTS.md), while pairs inside a shot stay at most 1.22. Where even the
    largest single difference is under `fine_threshold` (by `_FINE_SURE`), that is returned instead: an upper
    bound of every window's mean that compares with the threshold as the worst window does."""
    h, w = ba.shape
    m = max(2, w // 40)
    diff = cv2.absdiff(ba[m:h - m, m:w - m], bb[m:h - m, m:w - m])  # (the border left out before, not after)
    top = cv2.minMaxLoc(diff)[1]
    if top <= _FINE_SURE * cfg.fine_threshold:
        # no window's mean exceeds the largest difference: under the threshold by far more than the box
        # filter's rounding (sums in double: ~1e-12 relative), that bound is decided as every window would
        # be, without filtering (about half the comparisons on the tuning clips; `_fine_differs` and the
        # callers only compare the score with `fine_threshold`)
        return top
    dh, dw = diff.shape
    kx, ky = max(1, round(dw / cfg.fine_grid[0])), max(1, round(dh / cfg.fine_grid[1]))
    means = cv2.boxFilter(diff, -1, (kx, ky), anchor=(0, 0), borderType=cv2.BORDER_CONSTANT)
    return float(means[:dh - ky + 1, :dw - kx + 1].max())  # windows wholly inside


# `_fine_score`: a largest difference at most this fraction of `fine_threshold` decides without the window means
_FINE_SURE = 1.0 - 1e-3


def _fine_differs(a: _Sample, fa, b: _Sample, fb, cfg: ShotConfig) -> bool:
    """Whether two samples that the thumbnails call the same picture are two pictures after all: the
    largest mean difference over windows of a 32x24 grid's cell size (~8x6 px at ~284 px wide) at every
    position (`_fine_score`), first as they
    are (equal pictures: no alignment needed), else with b aligned onto a by an affine motion that
    OpenCV's ECC estimates at quarter size (~71 px wide: the zoom, pan and shake inside one shot).

    A fine grid because what tells look-alikes apart is small: two slides that differ in one digit of
    their title ("Lecture 8" / "Lecture 9" on a dark background, 32x18 thumbnails 0.002-0.07 apart)
    differ in one or two cells; averaged over an 8x6 grid (the first version) that left 0.30-0.31,
    under what a shot's own zoom leaves (up to 0.30 over 4-10 s), which is how such cuts were missed.
    On 205 consecutive coarse pairs of four tuning clips x four GOPs (RESULTS.md): within a shot at most
    0.73, across a cut at least 2.37 (`fine_threshold` 1.3, near their geometric mean); on the grid alone,
    s461's "Lecture 5" / "Lecture 6" across a fade was 1.19-1.26 (the digit split between cells), at every
    position 2.27-2.35, pairs inside a shot at most 1.22 (s419, s461; RESULTS.md). Used only to
    decide whether to decode between the samples (`place`), which then places or rejects a cut frame by
    frame. The views, their blurred and quarter-size forms are cached on the samples."""
    va, vb = _fine_view(a, fa), _fine_view(b, fb)
    if va.shape != vb.shape:
        return True
    ba = _fine_blurred(a, fa)
    if _fine_score(ba, _fine_blurred(b, fb), cfg) <= cfg.fine_threshold:
        return False  # the same picture, unaligned already (alignment only brings the pictures closer)
    for s in (a, b):
        if s.fine_quarter is None:
            s.fine_quarter = cv2.pyrDown(cv2.pyrDown(s.fine))
    warp = np.eye(2, 3, dtype=np.float32)
    try:
        _, warp = cv2.findTransformECC(a.fine_quarter, b.fine_quarter, warp, cv2.MOTION_AFFINE,
                                       (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 3, 1e-3), None, 3)
    except cv2.error:  # did not converge: compare unaligned (at worst, a decode for nothing)
        return True
    warp[:, 2] *= 4
    h, w = va.shape
    warped = cv2.warpAffine(vb, warp, (w, h), flags=cv2.INTER_LINEAR + cv2.WARP_INVERSE_MAP,
                            borderMode=cv2.BORDER_REFLECT)
    return _fine_score(ba, cv2.GaussianBlur(warped, (0, 0), 0.7), cfg) > cfg.fine_threshold


def _thumb(grey: np.ndarray) -> np.ndarray:
    """The normalised 32x18 grey thumbnail (`_norm`) of a small grey picture: its centre cropped to whole
    multiples of 32x18 first, so that OpenCV's area averaging takes its integer-factor path (plain block
    means: about a tenth of the cost of fractional area weights at 170x96, which ran per refined frame)."""
    h, w = grey.shape[:2]
    kx, ky = w // 32, h // 18
    if kx >= 1 and ky >= 1:
        x0, y0 = (w - 32 * kx) // 2, (h - 18 * ky) // 2
        grey = grey[y0:y0 + 18 * ky, x0:x0 + 32 * kx]
    return _norm(cv2.resize(grey, (32, 18), interpolation=cv2.INTER_AREA))


def _norm(thumb: np.ndarray) -> np.ndarray:
    """A grey thumbnail as a zero-mean, unit-variance vector: computed once per frame, so a comparison is
    one dot product."""
    mean, std = cv2.meanStdDev(thumb)
    out = np.subtract(thumb, np.float32(mean[0, 0]), dtype=np.float32)  # (uint8 -> float32 is exact)
    out /= np.float32(std[0, 0] + 1e-3)
    return out.reshape(-1)


def _ncc_distance(a: np.ndarray, b: np.ndarray) -> float:
    """1 - normalised cross-correlation of two `_norm` vectors."""
    return 1.0 - float(np.dot(a, b)) / a.size


def _shrink(bgr: np.ndarray, max_side: int) -> np.ndarray:
    h, w = bgr.shape[:2]
    if max(h, w) <= max_side:
        return bgr
    f = max_side / max(h, w)
    return cv2.resize(bgr, (int(w * f), int(h * f)), interpolation=cv2.INTER_AREA)
