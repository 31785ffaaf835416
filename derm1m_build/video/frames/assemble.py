"""Shot assembly: the coarse pass, the refinement of each change between samples, the shots and
their kept frame and sharpness. The one place the other modules are put together.
"""

from __future__ import annotations

import bisect
from pathlib import Path

import numpy as np

from derm1m_build.errors import ItemError
from derm1m_build.video.frames.config import Shot, ShotConfig
from derm1m_build.video.frames.decode import _Ahead, _iter_samples
from derm1m_build.video.frames.fade import cut_soon, fade_opens
from derm1m_build.video.frames.features import (
    _distance,
    _fine_differs,
    _light,
    _ncc_distance,
    _Sample,
    _sample,
    _shrink,
)
from derm1m_build.video.frames.index import (
    _chain_cost,
    _gap_packets,
    _index,
    _seek_plan,
    choose_mode,
    coarse_skip,
    cut_hints,
    fade_run,
)
from derm1m_build.video.frames.pixels import _kept_bgr
from derm1m_build.video.frames.refine import _Refiner


# IDR keyframe packets the index pass keeps for the coarse pass, in bytes (beyond: read again by seeking)
_KEEP_BYTES = 64 << 20


# how many times refinement decodes an interval again with more of it in full before decoding all of it
_REDOS = 2


# a refinement tries to start at the keyframe after its largest packet where a fade at least this long
# (seconds of consecutive frames each coded larger than the median) reaches past that keyframe (`later_start`):
# half the 0.4 s fades of the benchmark's clips. Chosen on the tuning clips' 2 s GOP (RESULTS.md, 2026-12-05,
# branch i21-frames21): over the twelve, 4 keyframes tried showed the first picture (runs of 5-11 frames) and 3
# did not (a hard cut before the keyframe: ~2 ms decoded for nothing each); with hinted packets past the
# keyframe and no run required, 10 did not
_FADE_RUN_S = 0.2


# a `dense` set that holds no packet: refinement decodes reference frames only (a pts no stream has)
_NO_PACKET = frozenset({-(2 ** 62)})


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
                biggest: int | None, exact_blank: bool = False, first_only: bool = False, far: bool = True):
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
        it, somewhere inside a fade. With `first_only` the decode stops at the first new picture (the shot
        after a fade that opened at `prev`: the rest of the interval is trusted to the encoder's scene cut at
        t1, as between any two coarse samples).

        With `far` (and `ShotConfig.far_lead`), the quiet reference packets between the start keyframe and the
        hinted ones are left out (`_Refiner._far`); the frames up to the first one after them must then show
        the interval's first picture (lit, within `cut_threshold`, under `fade_ratio` of its light at most),
        else the interval is decoded again without leaving them out. Not on a trial decode from a later keyframe
        (`later_start`): its first picture is the one `anchor_at` judges, and may be another shot's, which the
        check after the gap would take for a stand-in's error and decode the interval twice.

        A decode that starts at a keyframe after `prev` (the one before the largest packet) never sees the frames
        before that keyframe: its picture is taken for `prev`'s only if the aligned comparison agrees
        (`_fine_differs`, as between two coarse samples that look alike; while that comparison is on, see
        `fine_misses`), else the stretch from `prev` to it is returned and `place` decodes the interval in full.
        Without this, a short look-alike slide (the next one of a lecture's running slides, after a fade through
        black) shown before that keyframe, in the same coarse interval as a later cut, was lost: the thumbnails
        cannot tell such slides apart."""
        nonlocal lookalikes
        end_light = None if end is None or blank(end) else _light(end_frame)
        target = None if end_light is None else end_light[0]
        start = ix.keyframe_before(biggest) if biggest is not None else None
        later = later_start(prev, t1, dense, biggest)
        for trial in (False,) if later is None else (True, False):
            # (a trial decode starts at `later`, and its first frame decides whether it goes on from there)
            begin, moved = (later * ix.time_base if trial else start), False
            out, anchor, was_blank = [], None, blank(prev)
            last = lit = prev_frame.pts  # the last frame decoded, the last non-blank one
            dark = None  # pts of the last frame decoded if it was the anchor's picture darkened (a fade)
            stretches = []
            checking = far and cfg.far_lead > 0
            # a decode from a keyframe after the first sample skips the frames before it: its picture is taken
            # for the first sample's only if the aligned comparison agrees (`_fine_differs`), as between samples
            jumped = (start if not trial and start is not None and start > prev.t + 0.5 * frame_dt
                      and fine_misses < cfg.fine_misses else None)
            for t, frame in refiner.frames_between(prev.t, t1, dense, begin, cfg.far_lead if far and not trial else 0):
                if anchor is None:  # the light measure of the first sample, on the same grey plane
                    anchor = _light(prev_frame)
                if jumped is not None and abs(t - jumped) < 0.5 * frame_dt:
                    jumped = None
                    k = _sample(frame, t, refiner.deblock)
                    if (not blank(prev) and not blank(k) and _distance(prev, k) <= cfg.cut_threshold
                            and _fine_differs(prev, prev_frame, k, frame, cfg)):
                        lookbacks[0] += 1
                        return None, stretches + [(int(prev_frame.pts), int(frame.pts))]
                late = refiner.far_after is not None and frame.pts < last
                if late or (checking and refiner.far_after is not None):
                    # the first frames after the packets left out, and a frame the decoder puts out late (the
                    # start keyframe, held behind the stand-ins' picture order counts): the interval's first
                    # picture, or the decode is made again without leaving them out
                    lt = _light(frame)
                    if (lt[1] < cfg.black_luma or lt[2] < cfg.flat_std or lt[1] < cfg.fade_ratio * anchor[1]
                            or _ncc_distance(anchor[0], lt[0]) > cfg.cut_threshold):
                        far_redone[0] += 1
                        return refined(prev, prev_frame, t1, end_frame, end, dense, biggest, exact_blank,
                                       first_only, False)
                    if late:
                        continue  # (its place was passed: the picture is the first one's)
                    checking = frame.pts <= refiner.far_after
                    gap = False  # (the frames left out showed the same picture)
                else:
                    gap = bool(dense) and shown_list[bisect.bisect_left(shown_list, frame.pts) - 1] != last
                    lt = _light(frame)
                last = frame.pts
                if trial:
                    trial = False
                    if not anchor_at(prev, prev_frame, anchor, lt, t, frame, later):
                        moved = True
                        break  # (the keyframe shows another picture: decoded from `start` as before)
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
                    if first_only:
                        break  # (the new picture after a fade: the rest is trusted to the scene cut at t1)
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
            if trial or moved:
                continue  # (no frame came out of the trial, or its keyframe showed another picture)
            if (dark is not None and not was_blank and end_light is not None
                    and end_light[1] >= cfg.fade_ratio * anchor[1]
                    and int(shown[np.searchsorted(shown, end_frame.pts) - 1]) != last):
                # the same at the interval's end: a fade under way at the last frame decoded, frames skipped
                # after it, and the end sample at full light (a look-alike shot starting on it, s233's last
                # slide): the fade's black frames may be among those skipped
                return None, stretches + [(dark, int(end_frame.pts))]
            return out, None
        return out, None

    def later_start(prev: _Sample, t1: float, dense: frozenset, biggest: int | None) -> int | None:
        """The keyframe (pts) a hinted refinement tries to start from instead of the one before the largest
        packet: the first keyframe after that packet, inside the interval, where a fade is coded past it
        (`fade_run`: at least `_FADE_RUN_S` of consecutive frames each larger than the median), across it
        (frames on both sides) unless hinted packets lie after it too. That is a fade out of the interval's
        first picture which crosses a grid keyframe or starts after one while the largest packet lies
        before it (the fade's first frame, or the frame x264 codes large before a keyframe): the cut is then
        after the keyframe. None where there is none, or where it was tried between these samples and
        showed another picture (`anchor_at`: the decode then starts where it did without this)."""
        if biggest is None or blank(prev) or not ix.time_base:
            return None
        k = ix.keyframe_after(biggest)
        if k is None or k * ix.time_base >= t1 - 0.5 * frame_dt or later_tried.get((prev.t, k)) is False:
            return None
        if fade_run(ix, prev.t, t1, k, across=k >= max(dense)) * frame_dt < _FADE_RUN_S - 1e-6:
            return None
        return k

    def anchor_at(prev: _Sample, prev_frame, anchor, lt, t: float, frame, k: int) -> bool:
        """Whether the keyframe `k` (decoded first, as `frame`) is the interval's first picture by the tests
        the coarse pass applies to two samples: neither blank, within `cut_threshold` (`_distance`:
        brightness aside, so a fade under way passes) and not told apart by the aligned comparison
        (look-alike slides across a fade). Then the frames before the keyframe need no decoding: the
        coarse pass, had it sampled the keyframe, would not have refined between the two, assuming (as it
        does between any two samples that look alike) that no change there comes back to a look-alike of
        the first picture (a shot under `min_shot_s`, a fade out and back into the same slide).
        Remembered per interval (a decode again asks the same); the refinement's cheaper light test
        first."""
        key = (prev.t, k)
        if key not in later_tried:
            ok = (int(frame.pts) == k and not (lt[1] < cfg.black_luma or lt[2] < cfg.flat_std)
                  and _ncc_distance(anchor[0], lt[0]) <= cfg.cut_threshold)
            if ok:
                s = _sample(frame, t, refiner.deblock)
                ok = (not blank(s) and _distance(prev, s) <= cfg.cut_threshold
                      and not _fine_differs(prev, prev_frame, s, frame, cfg))
            later_tried[key] = ok
            later_held[ok] += 1
        return later_tried[key]

    def place(prev: _Sample, prev_frame, t1: float, end_frame, end: _Sample | None,
              first_only: bool = False) -> int:
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
        found, gaps = refined(prev, prev_frame, t1, end_frame, end, dense, biggest, False, first_only)
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
            found, more = refined(prev, prev_frame, t1, end_frame, end, dense, biggest, True, first_only, False)
            gaps = None if more is None else gaps + more
        if gaps is not None:
            fallbacks += 1
            found, _ = refined(prev, prev_frame, t1, end_frame, end, frozenset(), None, False, first_only, False)
        for s2, f2 in found:
            feed(s2, f2, cfg.cut_threshold)
        return len(found)

    # refinement frames only place cuts: decoded without the deblocking filter where that is H.264's
    # (the reference chain drifts from the exact pictures by the filter's small edge corrections, far
    # below what the 32x18 thumbnails and the black / flat tests measure)
    refiner = _Refiner(path, cfg.decode_threads, ix.skippable("ref"), container, ix.packets,
                       deblock=not (cfg.fast_refine and ix.codec == "h264"), ix=ix)
    exact_refiner: _Refiner | None = None
    later_tried: dict = {}  # (interval's first sample time, keyframe pts) -> it showed that sample's picture
    far_redone = [0]  # refinements decoded again without `_far` (their first frames after it differed)
    lookbacks = [0]  # refinements whose start keyframe the aligned comparison told from the first sample
    later_held = [0, 0]  # keyframes tried (`anchor_at`) that showed another picture, that showed the first one
    prev: _Sample | None = None
    prev_frame = None
    fading, dimmed, fine, fine_misses, lookalikes, dipped, opened, followed = False, False, 0, 0, 0, 0, 0, 0
    soon_n = 0

    def soon(t0: float, t1: float) -> bool:
        """`cut_soon`, counted."""
        nonlocal soon_n
        ok = cut_soon(ix, t0, t1, cfg.hint_ratio, frame_dt)
        soon_n += ok
        return ok

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
                after_dark = False
                if scenecut:
                    # the encoder placed a cut at s, but a fade was under way at prev (a keyframe at a fade's
                    # start): the shot after that fade may lie between them, unseen by both samples. So too
                    # after a black prev (a keyframe on a fade's black frames: what follows them is unseen),
                    # after a prev only a little darker than the sample before it whose next frames keep
                    # darkening (a keyframe on a fade's first frames: `fade_opens`), and after a prev whose
                    # interval's largest packet follows it closely (a keyframe on a shot's last frames:
                    # `cut_soon`); these three only where a whole shot (`min_shot_s`) fits between them (a
                    # shorter one would be dropped anyway), and refined up to the first new picture
                    room = t - prev.t - frame_dt >= max(cfg.min_shot_s, 0.5 * frame_dt)
                    followed += room and not fading and dimmed
                    after_dark = room and not fading and ((blank(prev) and not blank(s)) or (
                        dimmed and fade_opens(refiner, prev.t, prev_frame, frame_dt, cfg.black_luma, shown_list))
                        or (not blank(prev) and soon(prev.t, t)))
                    differ = fading or after_dark
                    opened += after_dark
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
                    found = place(prev, prev_frame, t, frame, s, scenecut and after_dark)
                    # a video whose own motion the alignment does not capture (people moving, not a still
                    # zoomed or panned) would send every interval to refinement for nothing: after
                    # `fine_misses` such decodes that found no change, the aligned comparison is off
                    fine_misses += by_fine and found == 0
            # a fade under way at s: the same picture as the sample before, much darker; or, if only a little
            # darker (`fade_follow`), perhaps a fade's first frames: followed (`fade_opens`) if the next sample is a
            # scene cut
            darker = (prev is not None and not blank(prev) and not blank(s)
                      and s.luma < max(cfg.fade_follow, cfg.fade_ratio) * prev.luma
                      and _distance(prev, s) <= cfg.cut_threshold)
            fading = darker and s.luma < cfg.fade_ratio * prev.luma
            dimmed = darker and not fading
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
                   "lookalikes": lookalikes, "dipped": dipped,
                   "fade_followed": followed, "cut_soon": soon_n, "fade_opened": opened,
                   "later": later_held[1], "later_missed": later_held[0],
                   "far_skipped": refiner.far_skipped, "far_redone": far_redone[0], "lookbacks": lookbacks[0],
                   "keyframes": len(kts),
                   "coarse_skipped": len(skip), "duration": round(duration, 3)}
