"""Shot detection on generated H.264 lectures with known shot boundaries; `inspect video`."""

from __future__ import annotations

import json

import pytest

from derm1m_build.errors import ItemError
from derm1m_build.video.frames import ShotConfig, detect_shots, keyframe_times
from derm1m_build.video.synth import ShotSpec, write_lecture
from conftest import cli

PLAN = [ShotSpec("photo", 11, 3.0), ShotSpec("slide", 12, 4.0), ShotSpec("photo", 13, 1.0),
        ShotSpec("photo", 14, 3.0)]
FPS, FADE = 25, 0.4
TRUE_KEPT = [(0.0, 3.0), (3.4, 7.4), (9.2, 12.2)]  # the 1 s shot (7.8, 8.8) is shorter than min_shot


def assert_matches_true_shots(got: list[tuple[float, float]]) -> None:
    """Against the generator's true boundaries, with a shot detector's tolerance: each shot starts at its
    cut (within a frame) and ends somewhere in the fade after it (no earlier than the true end, no later than
    the next shot's start); which keyframe inside the fade ends it depends on the encoder's choices."""
    assert len(got) == len(TRUE_KEPT), got
    for (start, end), (t_start, t_end) in zip(got, TRUE_KEPT):
        assert abs(start - t_start) <= 1 / FPS + 1e-6, (start, t_start)
        assert t_end - 1 / FPS - 1e-6 <= end <= t_end + FADE + 1e-6, (end, t_end)


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    p = tmp_path_factory.mktemp("v") / "lecture.mp4"
    bounds = write_lecture(p, PLAN, size=(160, 120), fps=FPS, fade_s=FADE, gop=50)
    return p, bounds


def test_keyframes_mode_finds_each_shot_and_drops_short_ones(lecture):
    path, bounds = lecture
    assert bounds == [(0.0, 3.0), (3.4, 7.4), (7.8, 8.8), (9.2, 12.2)]
    shots, how = detect_shots(path, ShotConfig(min_shot_s=2.0))
    # every cut got a keyframe (the generator forces them): keyframes alone, nothing to refine; the
    # on-grid keyframes within `coarse_gap` (4 s) of the last decoded one (2.0 after 0.0, 5.4 after the
    # scene-cut keyframe at 3.4) are not even decoded
    kts = keyframe_times(path)
    assert kts == pytest.approx([0.0, 2.0, 3.4, 5.4, 7.4, 7.8, 9.2, 11.2])
    assert how["mode"] == "keyframes+refine" and how["coarse_skipped"] == 2
    assert how["samples"] == len(kts) - 2
    assert how["refined_frames"] == 0
    # the 1 s shot is dropped; every kept shot starts at its true cut and ends within the fade after it
    assert_matches_true_shots([(s.start, s.end) for s in shots])
    assert all(s.frame is not None and s.frame.shape == (120, 160, 3) for s in shots)
    assert all(s.start <= s.frame_time < s.end for s in shots)


def test_sampled_mode_when_keyframes_are_sparse(tmp_path):
    p = tmp_path / "longgop.mp4"
    write_lecture(p, PLAN, size=(160, 120), fps=25, fade_s=0.4, gop=250)
    assert keyframe_times(p)[0] == 0.0
    cfg = ShotConfig(min_shot_s=2.0, max_keyframe_gap=0.5, sample_every=0.4)
    shots, how = detect_shots(p, cfg)
    assert how["mode"] == "sampled+refine"
    # the cut between two differing samples is placed to the frame by decoding the frames between them
    assert_matches_true_shots([(s.start, s.end) for s in shots])


def _reencode(src, dst, *args):
    """Re-encode as real encoders do (ffmpeg's libx264, one thread)."""
    import shutil
    import subprocess

    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "veryfast",
                    "-threads", "1", *args, str(dst)], check=True)


@pytest.mark.parametrize("gop_args", [
    ("-g", "100", "-keyint_min", "100", "-sc_threshold", "0"),   # 4 s fixed GOP, no scene-cut keyframes
    ("-g", "250", "-keyint_min", "250", "-sc_threshold", "0"),   # one keyframe for the whole clip
    # keyframes at 0 and 8 s only: the last cut (9.2) comes after the last keyframe, so no pair of
    # samples closes it; the frames after the last sample are looked at too
    ("-g", "200", "-keyint_min", "200", "-sc_threshold", "0"),
    (),                                                           # x264's defaults
])
def test_cuts_between_keyframes_are_placed_to_the_frame(lecture, tmp_path, gop_args):
    src, _ = lecture
    p = tmp_path / "reencoded.mp4"
    _reencode(src, p, *gop_args)
    kts = keyframe_times(p)
    if gop_args:  # no keyframe at any cut: the keyframes alone would place them up to 3.4 s late
        assert not {round(t, 2) for t in kts} & {3.4, 9.2}, kts
    shots, how = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert_matches_true_shots([(s.start, s.end) for s in shots])
    if gop_args:
        assert how["refined_frames"] > 0
    # deterministic: the same bytes give byte-identical frames and times
    again, how2 = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert how2 == how
    assert [s.to_dict() for s in again] == [s.to_dict() for s in shots]
    assert all(a.frame.tobytes() == b.frame.tobytes() for a, b in zip(shots, again))


@pytest.fixture(scope="module")
def dash(lecture, tmp_path_factory):
    """The lecture as a DASH-style encode: fixed 2 s GOP, no scene-cut keyframes, B-frames (x264's
    veryfast: 3, pyramid): every cut falls inside a GOP, on a B-frame or a P-frame."""
    src, _ = lecture
    p = tmp_path_factory.mktemp("dash") / "dash.mp4"
    _reencode(src, p, "-g", "50", "-keyint_min", "50", "-sc_threshold", "0")
    return p


def _same_shots(a, b, ends_within: float = 0.0) -> None:
    """The same shots, representative times, sharpness and frame bytes. With `ends_within`: a shot that
    ends in a fade to black may end up to that much later (the first black frame seen is the first one
    decoded: with only reference frames decoded there, up to a B-frame run after the first black one)."""
    assert [(s.start, s.frame_time, s.sharpness) for s in a] == [(s.start, s.frame_time, s.sharpness) for s in b]
    assert [s.frame.tobytes() for s in a] == [s.frame.tobytes() for s in b]
    assert all(y.end - 1e-6 <= x.end <= y.end + ends_within + 1e-6 for x, y in zip(a, b)), (a, b)


def test_cuts_placed_from_packet_sizes_to_the_frame(dash):
    """Packet sizes (demux only) mark each cut: its packet, or with B-frames the reference frame after it
    and the B-frames shown before that, is decoded in full; elsewhere only reference frames are. The cuts
    land on the exact frame, and everything is byte-identical to decoding every frame of the interval."""
    from derm1m_build.video.frames import cut_hints
    from derm1m_build.video.frames.index import _index

    ix = _index(dash)
    assert ix.keyframe_times() == pytest.approx([0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0])
    tb = ix.time_base
    # the cut out of each fade (3.4, 7.8 and 9.2 s) is in the fully decoded set of its coarse interval,
    # found without decoding anything
    for t0, cut in ((0.0, 3.4), (4.0, 7.8), (8.0, 9.2)):
        dense, biggest = cut_hints(ix, t0, t0 + 4.0, 2.0)
        assert round(cut / tb) in dense and biggest in dense, cut
    shots, how = detect_shots(dash, ShotConfig(min_shot_s=2.0))
    assert_matches_true_shots([(s.start, s.end) for s in shots])
    # the keyframes at 2, 6 and 10 s are within 4 s of a decoded one: not decoded in the coarse pass
    assert how["coarse_skipped"] == 3 and how["samples"] >= 4
    assert how["hinted"] >= 2 and how["fallbacks"] == 0
    exact, how_exact = detect_shots(dash, ShotConfig(min_shot_s=2.0, hint_ratio=0))
    assert how_exact["hinted"] == 0
    _same_shots(shots, exact, ends_within=3 / FPS)
    assert how["refined_frames"] < how_exact["refined_frames"]


def test_a_wrong_packet_hint_is_caught_and_the_interval_decoded_in_full(dash, monkeypatch):
    """If the packets hinted are not where the picture changes (here: only the last packets of each
    interval), the change is first seen right after a skipped frame; the interval is then decoded again
    (every frame where the change lies before the hinted decode's first keyframe), and the cut still
    lands on the exact frame."""
    import numpy as np

    from derm1m_build.video.frames import assemble

    exact, _ = detect_shots(dash, ShotConfig(min_shot_s=2.0, hint_ratio=0))

    def late(ix, t0, t1, ratio):
        inside = np.sort(ix.pts[(ix.pts > t0 / ix.time_base + 0.5) & (ix.pts < t1 / ix.time_base - 0.5)])
        return frozenset(int(p) for p in inside[-3:]), int(inside[-1])

    monkeypatch.setattr(assemble, "cut_hints", late)
    shots, how = detect_shots(dash, ShotConfig(min_shot_s=2.0))
    # in the intervals 0-4 s and 4-8 s the decode starts from the keyframe before the last packets (2 s,
    # 6 s), still before the cut (3.4 s, 7.8 s): decoded again with the stretch before the change in full;
    # in 8-12 s it starts at 10 s, after the cut (9.2 s), which no second hinted decode can see: straight
    # to every frame
    assert how["hinted"] == 3 and how["redone"] == 2 and how["fallbacks"] == 1, how
    assert_matches_true_shots([(s.start, s.end) for s in shots])
    _same_shots(shots, exact, ends_within=3 / FPS)


def test_a_missed_cut_is_decoded_again_around_the_change_only(dash, monkeypatch):
    """Hints that miss the cut (here: the first packets of each interval) leave the new shot's first
    picture on a skipped frame; the change is seen right after it, and the same decode is done again with
    only the frames shown since the last picture decoded before the change in full, not every frame of
    the interval: the same shots, times, sharpness and frame bytes as decoding every frame."""
    import numpy as np

    from derm1m_build.video.frames import assemble

    exact, _ = detect_shots(dash, ShotConfig(min_shot_s=2.0, hint_ratio=0))

    def early(ix, t0, t1, ratio):
        inside = np.sort(ix.pts[(ix.pts > t0 / ix.time_base + 0.5) & (ix.pts < t1 / ix.time_base - 0.5)])
        return frozenset(int(p) for p in inside[:2]), int(inside[0])

    monkeypatch.setattr(assemble, "cut_hints", early)
    shots, how = detect_shots(dash, ShotConfig(min_shot_s=2.0))
    assert how["redone"] == 3 and how["fallbacks"] == 0, how  # one per interval with a cut
    assert_matches_true_shots([(s.start, s.end) for s in shots])
    _same_shots(shots, exact)


def test_coarse_keyframes_from_the_index_pass(dash, monkeypatch):
    """The IDR keyframes the index pass keeps are decoded from there, by a decoder of their own: the same
    frames, bit for bit, as seeking to each in the file; past the byte budget nothing is kept and the
    file is read again, with the same shots."""
    import av

    from derm1m_build.video.frames import assemble, index

    cfg = ShotConfig()
    with av.open(str(dash)) as c:  # open while its packets are used (their stream's time base is read)
        ix = index._index(dash, c, 1 << 20)
        assert ix.idr_packets and set(ix.idr_packets) == {int(p) for p in ix.pts[ix.idr]}
        not_sent = ix.skippable("intra")
        plan = index._seek_plan(ix, not_sent, True)
        assert plan and set(plan) == set(ix.idr_packets)
        kept = [(t, [bytes(p) for p in f.planes]) for t, f in
                assemble._iter_samples(dash, cfg, True, not_sent, plan, ix.idr_packets)]
    sought = [(t, [bytes(p) for p in f.planes]) for t, f in assemble._iter_samples(dash, cfg, True, not_sent, plan)]
    assert len(kept) == len(plan) and kept == sought
    assert index._index(dash, keep_bytes=1000).idr_packets is None  # one keyframe is more than that

    shots, _ = detect_shots(dash)
    monkeypatch.setattr(assemble, "_KEEP_BYTES", 0)
    again, _ = detect_shots(dash)
    _same_shots(again, shots)


def test_refinement_reads_the_index_pass_packets(dash, monkeypatch):
    """Where the index pass kept every packet, refinement neither seeks nor reads the file: each decode starts
    from the kept packets at the keyframe a seek would land on (`_Refiner._start`). Past the byte budget (the
    IDR keyframes alone still kept) it seeks and demuxes the file again: the same shots, times and frame bytes."""
    import av

    from derm1m_build.video.frames import assemble, index, refine

    with av.open(str(dash)) as c:
        ix = index._index(dash, c, 1 << 24)
    assert [int(p.pts) for p in ix.packets] == ix.pts.tolist()
    budget = int(ix.size.sum()) - 1  # every IDR keyframe fits, not every packet
    assert index._index(dash, keep_bytes=budget).packets is None

    read: list[int] = []
    original = refine._Refiner._from_seek

    def counting(self, stream):
        kept, n = {id(p) for p in self.packets or ()}, 0
        try:
            for p in original(self, stream):
                n += p is not None and id(p) not in kept
                yield p
        finally:
            read.append(n)

    monkeypatch.setattr(refine._Refiner, "_from_seek", counting)
    shots, how = detect_shots(dash)
    assert how["refined_frames"] > 0 and read == []  # no seek, nothing read from the file
    monkeypatch.setattr(assemble, "_KEEP_BYTES", budget)
    again, how2 = detect_shots(dash)
    assert read and min(read) > 1  # read from the file after each seek
    assert how2 == how
    _same_shots(again, shots)


def test_thumbnails_are_block_means_of_the_centre():
    """A refinement thumbnail is the 32x18 block means (rounded) of the centre of the grey picture,
    cropped to whole blocks, normalised to zero mean and unit variance."""
    import numpy as np

    from derm1m_build.video.frames.features import _thumb

    rng = np.random.default_rng(0)
    grey = rng.integers(0, 256, size=(96, 170), dtype=np.uint8)
    blocks = grey[3:93, 5:165].astype(np.float64).reshape(18, 5, 32, 5).mean(axis=(1, 3))
    want = np.floor(blocks + 0.5)  # rounded to the nearest level (no .5 ties: 25 pixels per block)
    want = (want - want.mean()) / (want.std() + 1e-3)
    assert np.allclose(_thumb(grey), want.ravel(), atol=1e-4)


def test_the_stretch_after_the_last_keyframe_without_hints(lecture, tmp_path, monkeypatch):
    """After the last sample (here the keyframe at 8 s, with a cut at 9.2 s after it) and no packet
    standing out, only reference frames are decoded first; the new shot is seen right after skipped
    frames, so the same decode is done again with that stretch in full (not every frame of the interval):
    the same shots and frames as decoding every frame from the start."""
    from derm1m_build.video.frames import assemble

    p = tmp_path / "gop8.mp4"
    _reencode(lecture[0], p, "-g", "200", "-keyint_min", "200", "-sc_threshold", "0")
    # an 8 s fixed grid: keyframes, not a sampled decode (`max_fixed_gap`), which is what this is about
    exact, _ = detect_shots(p, ShotConfig(min_shot_s=2.0, hint_ratio=0, max_fixed_gap=10.0))
    monkeypatch.setattr(assemble, "cut_hints", lambda ix, t0, t1, ratio: (frozenset(), None))
    shots, how = detect_shots(p, ShotConfig(min_shot_s=2.0, max_fixed_gap=10.0))
    assert how["mode"] == "keyframes+refine"
    assert how["hinted"] == 0 and how["redone"] == 1 and how["fallbacks"] == 0, how
    assert_matches_true_shots([(s.start, s.end) for s in shots])
    _same_shots(shots, exact, ends_within=3 / FPS)


def test_h264_packet_kinds_match_the_decoder(dash):
    """The slice headers read from each packet (no decoding) say which pictures are intra and which are
    references exactly as FFmpeg's decoder sees them (its picture types; the frames it still outputs when
    told to skip non-reference ones)."""
    import av

    from derm1m_build.video.frames.index import _index

    ix = _index(dash)
    with av.open(str(dash)) as c:
        intra = {f.pts for f in c.decode(video=0) if int(f.pict_type) == 1}  # AV_PICTURE_TYPE_I
    with av.open(str(dash)) as c:
        c.streams.video[0].codec_context.skip_frame = "NONREF"
        refs = {f.pts for f in c.decode(video=0)}
    assert {int(p) for p in ix.pts[ix.intra]} == intra and len(intra) == 7  # the keyframes, 0-12 s
    assert {int(p) for p in ix.pts[ix.ref]} == refs and len(intra) < len(refs) < len(ix.pts)
    assert {int(p) for p in ix.pts[ix.idr]} == intra


def test_same_output_with_decoder_threads(dash, lecture):
    """FFmpeg's H.264 decoding is bit-exact whatever the threads (frame and slice): the same shots,
    times and frame bytes with FFmpeg's own thread count as with one thread, seeks and skipped frames
    included."""
    for video in (dash, lecture[0]):
        one, how_one = detect_shots(video, ShotConfig(min_shot_s=2.0))
        many, how_many = detect_shots(video, ShotConfig(min_shot_s=2.0, decode_threads=0))
        assert how_many == how_one
        _same_shots(many, one)


def test_vp9_keyframes_are_all_decoded(lecture, tmp_path):
    """FFmpeg's VP9 decoder ignores skip_frame and decodes every frame, so no keyframe may be left out
    of the coarse pass there (left out, the frames after it decode from missing references and the
    shots came out as (0, 2.04), (4.0, 6.04))."""
    import shutil
    import subprocess

    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    src, _ = lecture
    p = tmp_path / "vp9.webm"
    r = subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libvpx-vp9", "-b:v", "300k",
                        "-g", "50", "-deadline", "realtime", "-cpu-used", "8", "-threads", "1", str(p)])
    if r.returncode != 0:
        pytest.skip("ffmpeg without libvpx-vp9")
    shots, how = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert how["coarse_skipped"] == 0
    assert_matches_true_shots([(s.start, s.end) for s in shots])


def test_black_frames_are_never_representatives(tmp_path):
    p = tmp_path / "black.mp4"
    write_lecture(p, [ShotSpec("photo", 1, 2.0), ShotSpec("photo", 2, 2.0)], size=(96, 96), fade_s=1.0, gop=10)
    shots, _ = detect_shots(p, ShotConfig(min_shot_s=0.5))
    assert len(shots) == 2
    assert all(s.frame.mean() > 40 for s in shots)


def test_not_a_video(tmp_path):
    p = tmp_path / "x.mp4"
    p.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100)
    with pytest.raises(ItemError) as e:
        detect_shots(p)
    assert e.value.reason == "bad_video"


def test_inspect_video_cli(lecture):
    path, _ = lecture
    p = cli("inspect", "video", path, "--min-shot", "2")
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert all(set(r) == {"start", "end", "frame_time"} for r in rows)
    assert_matches_true_shots([(r["start"], r["end"]) for r in rows])
    assert all(r["start"] <= r["frame_time"] < r["end"] for r in rows)
    bad = cli("inspect", "video", path.parent / "missing.mp4")
    assert bad.returncode == 2 and bad.stderr.strip().startswith("error: ") and "Traceback" not in bad.stderr


def test_inspect_subtitles_cli(realdata):
    p = cli("inspect", "subtitles", realdata / "youtube/subtitles/youtube_dl_legacy_autocaption.en.vtt")
    assert p.returncode == 0, p.stderr
    assert [json.loads(x) for x in p.stdout.splitlines()] == [
        {"start": 286.07, "end": 286.47, "text": "yeah"}, {"start": 286.47, "end": 304.08, "text": "what"},
        {"start": 304.08, "end": 305.4, "text": "this will happen is I'm telling"}]


def _starts(shots) -> list[float]:
    return [round(s.start, 2) for s in shots]


def test_look_alike_slides_across_a_fade_are_two_shots(tmp_path):
    """Two slides that differ only in the number of their title, joined by a fade through black, on a
    fixed 2 s GOP: coarse samples seconds apart see neither the fade nor a difference their thumbnails
    can measure (below the cut threshold), so only the aligned comparison of the two samples
    (`_fine_differs`) sends the interval to refinement, which places the cut to the frame. The slides'
    own slow zoom between two samples of one shot is not taken for a cut."""
    src, p = tmp_path / "src.mp4", tmp_path / "dash.mp4"
    lines = ("- morphology", "- distribution", "- differential")
    plan = [ShotSpec("slide", 5, 5.0, ("Lecture 10",) + lines), ShotSpec("slide", 5, 5.0, ("Lecture 11",) + lines),
            ShotSpec("photo", 3, 3.0)]
    bounds = write_lecture(src, plan, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    _reencode(src, p, "-g", "50", "-keyint_min", "50", "-sc_threshold", "0")
    assert [round(b[0], 2) for b in bounds] == [0.0, 5.4, 10.8]
    shots, how = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert _starts(shots) == [0.0, 5.4, 10.8]
    assert how["fine"] >= 1
    # without the aligned comparison the second slide is lost in the first
    blind, _ = detect_shots(p, ShotConfig(min_shot_s=2.0, fine_from=1.0))
    assert _starts(blind) == [0.0, 10.8]


def test_dark_slides_one_digit_apart_are_two_shots(tmp_path):
    """Two slides on the dark background that differ only in one digit of their title ("Lecture 8",
    "Lecture 9": the pattern of the misses on the benchmark clips), joined by a fade through black, at
    854x480 on a fixed 2 s GOP. Their thumbnails are almost equal and the digit fills one or two cells
    of the aligned comparison's 32x24 grid; averaged over the first version's 8x6 grid it stayed under
    what a shot's own zoom leaves, and the second slide was lost in the first."""
    src, p = tmp_path / "src.mp4", tmp_path / "dash.mp4"
    lines = ("- morphology", "- distribution", "- differential")
    plan = [ShotSpec("slide", 5, 5.0, ("Lecture 8",) + lines), ShotSpec("slide", 5, 5.0, ("Lecture 9",) + lines),
            ShotSpec("photo", 3, 3.0)]
    bounds = write_lecture(src, plan, size=(854, 480), fps=25, fade_s=0.4, gop=250)
    _reencode(src, p, "-g", "50", "-keyint_min", "50", "-sc_threshold", "0")
    assert [round(b[0], 2) for b in bounds] == [0.0, 5.4, 10.8]
    shots, how = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert _starts(shots) == [0.0, 5.4, 10.8]
    assert how["fine"] == 1
    # windows of an 8x6 grid's cell size: on the fixed grid (the first version) the digit's difference was
    # averaged with its cell's and the cut lost ([0.0, 10.8]); at every position the window holding the
    # digit is found even at that size
    coarse_grid, _ = detect_shots(p, ShotConfig(min_shot_s=2.0, fine_grid=(8, 6), fine_threshold=0.32))
    assert _starts(coarse_grid) == [0.0, 5.4, 10.8]


@pytest.mark.parametrize("size", [(640, 360), (1280, 720)])
def test_sizes_whose_small_picture_has_odd_chroma_rows(tmp_path, size):
    """The coarse samples' small picture takes every n-th pixel of the decoded planes and packs them as
    I420; at 640x360 and 1280x720 an even row count (90) left an odd number of chroma rows (45), which
    I420 cannot pack (a ValueError on every such video); the row count is now a multiple of 4."""
    p = tmp_path / "v.mp4"
    bounds = write_lecture(p, [ShotSpec("photo", 1, 2.4), ShotSpec("slide", 5, 2.4, ("Lecture 1",))], size=size,
                           fps=25, fade_s=0.4, gop=50)
    shots, _ = detect_shots(p, ShotConfig(min_shot_s=1.0))
    assert _starts(shots) == [round(b[0], 2) for b in bounds] == [0.0, 2.8]


def test_a_keyframe_inside_a_fade_does_not_hide_the_next_shot(tmp_path):
    """x264 can put a keyframe in the middle of a fade to black and the next one at the cut after the
    following shot: the shot in between shows on no keyframe. A sample that is the one before it darkened
    (a fade under way) sends the interval to refinement even though it ends on the encoder's scene cut."""
    src, p = tmp_path / "src.mp4", tmp_path / "forced.mp4"
    plan = [ShotSpec("photo", 21, 4.0), ShotSpec("photo", 22, 3.0), ShotSpec("photo", 23, 4.0)]
    bounds = write_lecture(src, plan, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    assert [round(b[0], 2) for b in bounds] == [0.0, 4.4, 7.8]
    _reencode(src, p, "-g", "1000", "-keyint_min", "1000", "-sc_threshold", "0", "-force_key_frames", "0,4.2,7.8")
    assert [round(t, 2) for t in keyframe_times(p)] == [0.0, 4.2, 7.8]
    shots, how = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert _starts(shots) == [0.0, 4.4, 7.8]
    assert how["refined_frames"] > 0
    # a darkening of less than `fade_ratio` is followed a few frames instead (`fade_follow`): they keep
    # darkening, so the interval is refined all the same, up to the first new picture
    followed, how = detect_shots(p, ShotConfig(min_shot_s=2.0, fade_ratio=0.1, fine_from=1.0))
    assert _starts(followed) == [0.0, 4.4, 7.8]
    assert (how["fade_followed"], how["fade_opened"]) == (1, 1)
    # and with neither (nor the packet sizes: `cut_soon`, hints off), the interval is trusted to the scene cut
    trusting, how = detect_shots(p, ShotConfig(min_shot_s=2.0, fade_ratio=0.1, fade_follow=0.0, fine_from=1.0,
                                               hint_ratio=0.0))
    assert _starts(trusting) == [0.0, 7.8]
    assert (how["fade_followed"], how["fade_opened"]) == (0, 0)


def test_aligned_comparison_is_switched_off_after_refinements_that_find_nothing(tmp_path, monkeypatch):
    """Where the aligned comparison calls every pair different (a video whose motion it does not model),
    each interval it sends to refinement is decoded for nothing; after `fine_misses` of those it is no
    longer asked, and the shots are those found without it."""
    from derm1m_build.video.frames import assemble

    src, p = tmp_path / "src.mp4", tmp_path / "dash.mp4"
    plan = [ShotSpec("slide", 5, 9.0, ("Lecture 10", "- morphology")), ShotSpec("photo", 3, 9.0)]
    write_lecture(src, plan, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    _reencode(src, p, "-g", "25", "-keyint_min", "25", "-sc_threshold", "0")
    plain, _ = detect_shots(p, ShotConfig(min_shot_s=2.0, fine_from=1.0))
    calls = []

    def always(a, fa, b, fb, cfg):
        calls.append((round(a.t, 2), round(b.t, 2), a.exact and b.exact))
        return True

    monkeypatch.setattr(assemble, "_fine_differs", always)
    shots, how = detect_shots(p, ShotConfig(min_shot_s=2.0, fine_misses=2))
    keys = {round(t, 2) for t in keyframe_times(p)}
    # two coarse samples: both exactly decoded keyframes (the others: refinement's look-alike check at a cut, and
    # its check of a later start keyframe, on frames decoded without the deblocking filter)
    coarse = [c[:2] for c in calls if c[2]]
    assert set(x for c in coarse for x in c) <= keys
    assert how["fine_misses"] == 2 and len(coarse) == 2
    assert how["lookbacks"] == len([c for c in calls if not c[2] and set(c[:2]) <= keys]) == 2
    assert [s.to_dict() for s in shots] == [s.to_dict() for s in plain]
    assert _starts(shots) == [0.0, 9.4]


def test_a_look_alike_of_the_end_picture_does_not_stop_refinement(tmp_path, monkeypatch):
    """One keyframe for a photograph and two slides differing only in their title's number: refinement
    from the keyframe to the end finds the cut to the first slide, which looks like the picture the video
    ends on (the second slide). It stops there only if the aligned comparison cannot tell the two apart
    or no whole shot fits before the end; otherwise it goes on and finds the fade and the second slide.
    Without the aligned comparison the fade's dark frames decoded between two samples still send that
    interval to refinement (`_mean_luma`); without both, the second slide is missed."""
    from derm1m_build.video.frames import assemble, decode

    src, p = tmp_path / "src.mp4", tmp_path / "long.mp4"
    lines = ("- morphology", "- distribution")
    plan = [ShotSpec("photo", 4, 3.0), ShotSpec("slide", 5, 4.0, ("Lecture 10",) + lines),
            ShotSpec("slide", 5, 4.0, ("Lecture 11",) + lines)]
    bounds = write_lecture(src, plan, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    assert [round(b[0], 2) for b in bounds] == [0.0, 3.4, 7.8]
    _reencode(src, p, "-g", "250", "-keyint_min", "250", "-sc_threshold", "0")
    shots, how = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert _starts(shots) == [0.0, 3.4, 7.8]
    monkeypatch.setattr(assemble, "_fine_differs", lambda *a: False)
    by_dip, how = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert _starts(by_dip) == [0.0, 3.4, 7.8] and how["dipped"] == 1
    # the darkest-frame measure travels with each sample when the coarse pass runs in its own thread
    ahead, how_ahead = detect_shots(p, ShotConfig(min_shot_s=2.0, decode_ahead=8))
    assert how_ahead == how
    _same_shots(ahead, by_dip)
    monkeypatch.setattr(decode, "_mean_luma", lambda f: float("inf"))
    blind, how = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert _starts(blind) == [0.0, 3.4] and how["dipped"] == 0


def test_aligned_comparison_caches_its_views_on_the_samples():
    """`_fine_differs` keeps each sample's blurred and quarter-size views (a coarse sample is compared with
    the one before and the one after): the answers are those of fresh samples, and a second comparison
    reuses the views instead of computing them again. A picture with one small block changed differs; the
    same picture moved by six pixels (a shot's own pan, found after alignment) does not."""
    import av
    import cv2
    import numpy as np

    from derm1m_build.video.frames import assemble

    rng = np.random.default_rng(5)
    base = cv2.GaussianBlur(rng.integers(0, 256, (480, 854, 3), dtype=np.uint8), (0, 0), 6)
    base = cv2.normalize(base, None, 0, 255, cv2.NORM_MINMAX)
    changed = base.copy()
    changed[100:130, 300:340] = np.where(changed[100:130, 300:340] > 127, 0, 255)  # a mark, like one digit
    moved = np.roll(base, 6, axis=1)

    def sample(bgr):
        f = av.VideoFrame.from_ndarray(bgr, format="bgr24").reformat(format="yuv420p")
        return assemble._sample(f, 0.0), f

    cfg = ShotConfig()
    (sa, fa), (sb, fb), (sc, fc) = sample(base), sample(changed), sample(moved)
    fresh = [assemble._fine_differs(*sample(base), *sample(x), cfg) for x in (changed, moved)]
    assert fresh == [True, False]
    assert [assemble._fine_differs(sa, fa, sb, fb, cfg), assemble._fine_differs(sa, fa, sc, fc, cfg)] == fresh
    kept = (sa.fine_blur, sa.fine_quarter, sc.fine_blur, sc.fine_quarter)
    assert all(v is not None for v in kept)
    assert assemble._fine_differs(sa, fa, sc, fc, cfg) is False
    assert all(v is w for v, w in zip((sa.fine_blur, sa.fine_quarter, sc.fine_blur, sc.fine_quarter), kept))


def test_a_fixed_long_gop_is_sampled_between_its_keyframes():
    """A fixed keyframe grid (no scene-cut keyframe) wider than `max_fixed_gap` is sampled from a decode
    (every `sample_every` s), not from its keyframes alone; a grid with the encoder's scene-cut keyframes,
    or a dense one, keeps the keyframes."""
    from derm1m_build.video.frames import choose_mode

    cfg = ShotConfig()
    grid10 = [10.0 * i for i in range(10)]
    assert choose_mode(grid10, 100.0, cfg)[0] == "sampled+refine"
    assert choose_mode(grid10, 100.0, ShotConfig(max_fixed_gap=10.0))[0] == "keyframes+refine"
    assert choose_mode([2.0 * i for i in range(50)], 100.0, cfg)[0] == "keyframes+refine"
    with_cuts = sorted(grid10 + [33.2, 71.6])  # the encoder's scene-cut keyframes
    mode, early = choose_mode(with_cuts, 100.0, cfg)
    assert mode == "keyframes+refine" and {33.2, 71.6} <= early


def test_a_shot_between_two_keyframes_of_the_same_slide_is_found(tmp_path):
    """Slide A, slide B for 4 s, slide A again, encoded with a fixed 10 s GOP and no scene-cut keyframes
    (keyframes at 0, 10 and 20 s): the keyframes at 10 and 20 s both show slide A (the shot of B lies
    between them), so keyframes alone, however finely compared, cannot see B; the pattern of a held-out
    benchmark miss ("Lecture 6", "Lecture 7", "Lecture 8" on a fixed 10 s GOP)."""
    src, p = tmp_path / "src.mp4", tmp_path / "fixed10.mp4"
    a = ("Lecture 6", "- morphology", "- distribution", "- differential")
    plan = [ShotSpec("slide", 4, 10.5, a), ShotSpec("slide", 5, 4.0, ("Lecture 7",) + a[1:]),
            ShotSpec("slide", 4, 6.6, a)]
    bounds = write_lecture(src, plan, size=(640, 360), fps=25, fade_s=0.4, gop=250)
    _reencode(src, p, "-g", "250", "-keyint_min", "250", "-sc_threshold", "0")
    assert [round(t, 2) for t in keyframe_times(p)] == [0.0, 10.0, 20.0]
    assert [round(b[0], 2) for b in bounds] == [0.0, 10.88, 15.28]
    shots, how = detect_shots(p, ShotConfig(min_shot_s=2.0))
    assert how["mode"] == "sampled+refine"
    assert _starts(shots) == [0.0, 10.88, 15.28]
    keyframes_only, how = detect_shots(p, ShotConfig(min_shot_s=2.0, max_fixed_gap=10.0))
    assert how["mode"] == "keyframes+refine"
    assert _starts(keyframes_only) == [0.0]


def _exact_frames(path) -> dict:
    """Every frame of the video decoded exactly (deblocking filter on, every frame), by pts."""
    import av

    with av.open(str(path)) as c:
        return {int(f.pts): f for f in c.decode(video=0)}


def test_refinement_skips_the_deblocking_filter_and_kept_frames_stay_exact(dash, monkeypatch):
    """Refinement frames only place cuts, so H.264 decodes them without the deblocking filter (`fast_refine`):
    some come out different from the exact pictures (the reference chain drifts by the filter's edge
    corrections), yet every shot starts and ends on the same frame as with the filter, and every kept frame,
    its time and sharpness are those of the exactly decoded picture."""
    import numpy as np

    from derm1m_build.video.frames import assemble, index, pixels, refine

    exact = _exact_frames(dash)
    seen: list[bool] = []
    real = refine._Refiner.frames_between

    def recording(self, *a, **k):
        for t, f in real(self, *a, **k):
            seen.append(bytes(f.planes[0]) == bytes(exact[int(f.pts)].planes[0]))
            yield t, f

    monkeypatch.setattr(refine._Refiner, "frames_between", recording)
    fast, how = detect_shots(dash, ShotConfig(min_shot_s=2.0))
    assert how["refined_frames"] > 0 and not all(seen)  # decoded without the filter: some pictures differ
    seen.clear()
    slow, _ = detect_shots(dash, ShotConfig(min_shot_s=2.0, fast_refine=False))
    assert seen and all(seen)  # with the filter: every refined picture is the exact one
    assert [(s.start, s.end) for s in fast] == [(s.start, s.end) for s in slow]
    assert_matches_true_shots([(s.start, s.end) for s in fast])
    for s in fast:
        f = exact[round(s.frame_time / index._index(dash).time_base)]
        assert np.array_equal(s.frame, pixels._kept_bgr(f))
        assert s.sharpness == assemble._sample(f, s.frame_time).sharp


def test_a_kept_frame_from_refinement_is_decoded_again_exactly(dash, monkeypatch):
    """A shot whose best sample came from a refinement decode (none exact: forced here by marking every
    sample so) keeps that frame decoded again with the filter: the exact picture's bytes and sharpness."""
    import numpy as np

    from derm1m_build.video.frames import assemble, index, pixels

    exact = _exact_frames(dash)
    tb = index._index(dash).time_base
    real = assemble._sample

    def inexact(frame, t, exact=True):
        s = real(frame, t, exact)
        s.exact = False
        return s

    monkeypatch.setattr(assemble, "_sample", inexact)
    shots, _ = detect_shots(dash, ShotConfig(min_shot_s=2.0))
    monkeypatch.setattr(assemble, "_sample", real)
    assert_matches_true_shots([(s.start, s.end) for s in shots])
    for s in shots:
        f = exact[round(s.frame_time / tb)]
        assert np.array_equal(s.frame, pixels._kept_bgr(f))
        assert s.sharpness == real(f, s.frame_time).sharp


def test_the_cut_out_of_a_fade_to_black_is_hinted():
    """A fade's first frame can be the interval's largest packet (x264 codes it nearly intra); the cut out of
    the fade is then the first packet of at least `hint_ratio` times the median shown right after a
    near-empty one (the black frames), within `_FADE_S` of the largest: it and the B-frames shown before it
    are decoded in full too. One decode places the cut (before: the change was seen after a skipped frame,
    and decoded again). A packet like it before the largest one, or farther than `_FADE_S` after, is not
    hinted."""
    import numpy as np

    from derm1m_build.video.frames import cut_hints
    from derm1m_build.video.frames.index import _Index

    # (pts, size, reference?) in decoding order; frames every 1 pts, time base 0.04 s; 0 is the keyframe
    rows = [(0, 9000, 1), (4, 300, 1), (2, 100, 1), (1, 90, 0), (3, 80, 0),   # a shot
            (8, 2000, 1), (6, 210, 1), (5, 90, 0), (7, 20, 0),               # 8 after tiny 7: before the largest
            (12, 9500, 1), (10, 300, 1), (9, 120, 0), (11, 110, 0),          # 12: the fade's first frame
            (16, 30, 1), (14, 900, 1), (13, 100, 0), (15, 40, 0),            # the fade darkens
            (20, 3000, 1), (18, 25, 1), (17, 20, 0), (19, 30, 0),            # 17-19 black; 20: the new shot
            (24, 3200, 1), (22, 400, 1), (21, 300, 0), (23, 20, 0),          # 24 after tiny 23: not the first
            (60, 100, 1), (58, 90, 1), (57, 80, 0), (59, 85, 0)]
    a = np.array(rows)
    ix = _Index(duration=2.4, frame_dt=0.04, time_base=0.04, pts=a[:, 0], size=a[:, 1],
                key=a[:, 0] == 0, codec="h264", ref=a[:, 2].astype(bool))
    dense, biggest = cut_hints(ix, 0.0, 2.4, 2.0)
    assert biggest == 12
    assert {12, 10, 9, 11} <= dense  # the largest, with the B-frames shown before it
    assert {20, 18, 17, 19} <= dense  # the cut out of the fade and the B-frames shown before it
    assert not {24, 22, 21, 23, 8, 7, 14} & dense


def test_a_cut_seen_only_in_colour_next_to_an_inexact_frame_is_decided_exactly(dash, monkeypatch):
    """A refinement frame decoded without the deblocking filter can move a pale picture's hues between
    histogram bins (s59's fixed 10 s GOP: colour distance 0.306 against 0.002 exactly decoded, a shot start
    moved by 4 frames). Where only the colour term says two samples differ and such a frame takes part, the
    frame is decoded again exactly and the decision taken on that: here the colour term is made to go off for
    every inexact frame, and the shots are still those of exact refinement."""
    from derm1m_build.video.frames import assemble

    exact, _ = detect_shots(dash, ShotConfig(min_shot_s=2.0, fast_refine=False))
    real = assemble._distance

    def colour_off(a, b):
        d = real(a, b)
        return max(d, 0.9) if not (a.exact and b.exact) and d <= 0.3 else d

    monkeypatch.setattr(assemble, "_distance", colour_off)
    shots, _ = detect_shots(dash, ShotConfig(min_shot_s=2.0))
    assert [(s.start, s.end) for s in shots] == [(s.start, s.end) for s in exact]


def test_coarse_samples_decoded_ahead_give_the_same_output(dash, lecture, monkeypatch):
    """With `decode_ahead` the coarse pass runs in a thread of its own, that many samples ahead of refinement:
    its decodes overlap the rest, and the shots, times, sharpness and frame bytes are those of the coarse pass
    run in line (`decode_ahead` 0, the default), on the keyframe modes and the sampled mode (whose
    darkest-frame measure travels with each sample)."""
    assert ShotConfig().decode_ahead == 0
    import threading

    from derm1m_build.video.frames import assemble

    seen: set[int] = set()
    original = assemble._iter_samples

    def recording(*a, **k):
        seen.add(threading.get_ident())
        yield from original(*a, **k)

    monkeypatch.setattr(assemble, "_iter_samples", recording)
    sampled = {"max_keyframe_gap": 0.5, "sample_every": 0.4}
    for video, extra in ((dash, {}), (lecture[0], {}), (lecture[0], sampled)):
        inline, how_inline = detect_shots(video, ShotConfig(min_shot_s=2.0, decode_ahead=0, **extra))
        assert seen == {threading.get_ident()}
        seen.clear()
        for depth in (1, 8):
            ahead, how_ahead = detect_shots(video, ShotConfig(min_shot_s=2.0, decode_ahead=depth, **extra))
            assert len(seen) == 1 and threading.get_ident() not in seen  # run in another thread
            seen.clear()
            assert how_ahead == how_inline
            _same_shots(ahead, inline)
    assert how_inline["mode"] == "sampled+refine"


def test_decoding_ahead_keeps_order_errors_and_stops_its_thread(dash, monkeypatch):
    """`_Ahead`: the generator's items in order; an error it raises reaches the consumer after the items
    before it; closed early, the generator is closed in its own thread (a container it opened is closed
    there) and the thread ends. `detect_shots` whose coarse pass fails mid-way raises that error and leaves
    no thread behind."""
    import threading

    from derm1m_build.video.frames import assemble, decode

    assert list(decode._Ahead(lambda: iter(range(50)), 1)) == list(range(50))

    def failing():
        yield "a"
        yield "b"
        raise ItemError("bad_video", "broken packet")

    got = []
    with pytest.raises(ItemError) as e:
        for item in decode._Ahead(failing, 4):
            got.append(item)
    assert got == ["a", "b"] and e.value.reason == "bad_video"

    closed_in: list[int] = []

    def endless():
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed_in.append(threading.get_ident())

    ahead = decode._Ahead(endless, 2)
    it = iter(ahead)
    assert [next(it), next(it), next(it)] == [0, 1, 2]
    ahead.close()
    assert not ahead._thread.is_alive() and closed_in == [ahead._thread.ident]

    before = threading.active_count()
    original = assemble._iter_samples

    def broken(*a, **k):
        gen = original(*a, **k)
        yield next(gen)
        gen.close()
        raise ItemError("bad_video", "broken packet")

    monkeypatch.setattr(assemble, "_iter_samples", broken)
    with pytest.raises(ItemError) as e:
        detect_shots(dash, ShotConfig(decode_ahead=8))
    assert e.value.reason == "bad_video" and threading.active_count() == before


# bench_shots' seed 461, its 6th and 7th shots: "Lecture 5" zooming in for 4 s, a 0.4 s fade through black, then
# "Lecture 6" at zoom 1 (the cut at 4.4 s, frame 110). No keyframe at the cut on either encode, so the coarse
# samples either side of the fade (4.0 s, the fade's first frame, and 8.0 s) are two look-alike slides: the
# thumbnails call them the same (0.11-0.13 apart) and the aligned comparison tells them apart only by the one
# digit, which a fixed grid of cells split between cells (worst cell 1.19-1.26, under `fine_threshold`)
LOOKALIKE_PLAN = [ShotSpec("slide", 949694, 4.0, ("Lecture 5", "- morphology", "- distribution", "- differential")),
                  ShotSpec("slide", 602891, 11.0, ("Lecture 6", "- morphology", "- distribution", "- differential"))]


@pytest.fixture(scope="module")
def lookalike_slides(tmp_path_factory):
    d = tmp_path_factory.mktemp("lookalike")
    src = d / "gen.mp4"
    bounds = write_lecture(src, LOOKALIKE_PLAN, size=(854, 480), fps=FPS, fade_s=FADE, gop=100, crf=30,
                           preset="superfast")
    dash = d / "dash2s.mp4"
    _reencode(src, dash, "-crf", "30", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0")
    return bounds, {"gen": src, "dash2s": dash}


@pytest.mark.parametrize("gop", ["gen", "dash2s"])
def test_a_one_digit_change_across_grid_cells_is_a_cut(lookalike_slides, gop):
    bounds, paths = lookalike_slides
    assert bounds == [(0.0, 4.0), (4.4, 15.4)]
    kts = keyframe_times(paths[gop])
    assert not any(4.0 < t <= 4.44 for t in kts)  # no keyframe at the cut: it lies between two coarse samples
    shots, how = detect_shots(paths[gop], ShotConfig())
    assert how["mode"] == "keyframes+refine"
    # the aligned comparison sends the pair to refinement (worst cell-sized window at any position: the
    # digit is whole in one), which places the cut to the frame; before, one shot 0.0-15.4
    assert how["fine"] == 1
    assert [(round(s.start, 2), round(s.end, 2)) for s in shots] == [(0.0, 4.36), (4.4, 15.4)]
    assert all(s.start <= s.frame_time < s.end for s in shots)
