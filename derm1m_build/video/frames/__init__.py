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
(x264 can put a keyframe inside a fade and the next one a whole shot later). A sample only a little
darker than the one before (`fade_follow`: x264's 10 s GOP keyframe on a fade's first frame, the next
shot's first picture then too close to it for a keyframe) is followed for a few frames (`fade.fade_opens`):
if they keep darkening, after a black sample, and where the interval's largest packet lies within x264's
`keyint_min` (25 frames) after the sample (`fade.cut_soon`: a cut that close to a keyframe gets none), the
interval up to a scene cut is refined as far as the first new picture, where a whole shot fits in it. In the sampled mode, the
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

Modules (one job each; this package re-exports the public names):
- `config`: The settings of shot detection and the shot it returns
- `pixels`: Frame planes and the kept frame's colour conversion
- `features`: Picture features and comparisons
- `h264`: H.264 packet classes read from the bitstream without decoding (NAL and slice headers)
- `decode`: The coarse keyframe pass
- `index`: The packet index (one demux pass) and what is read from it without decoding
- `refine`: The refinement decoder
- `fade`: Whether a fade is under way at a sample, from the frames right after it
- `assemble`: Shot assembly
- `api`: The public entry point `detect_shots`
"""

from derm1m_build.video.frames.api import detect_shots
from derm1m_build.video.frames.config import Shot, ShotConfig
from derm1m_build.video.frames.index import choose_mode, coarse_skip, cut_hints, keyframe_times, video_duration

__all__ = [
    "Shot",
    "ShotConfig",
    "choose_mode",
    "coarse_skip",
    "cut_hints",
    "detect_shots",
    "keyframe_times",
    "video_duration",
]
