"""Coarse samples farther apart, with each shot's kept frame chosen again among the grid keyframes inside it: what
that costs per shot, against the defaults, on the same clips.

    python -m benchmarks.video.regrid --gap 6 --repeat 5 .bench/video/lecture_1.5min_854x480_25fps_s23_dash2s.mp4 ...

A lever for the fixed 2 s GOP (issue 21, RESULTS.md): `coarse_gap` 6 decodes a third fewer IDR samples, but the
kept frame of a shot is the sharpest coarse sample inside it, so with fewer samples it can be a less sharp one.
Choosing it among every grid keyframe of the final shot (`--pool all`), or among those the defaults' coarse pass
would have sampled (`--pool plan`: then it is never less sharp than the defaults'), decodes the keyframes left
out again (exactly, with the deblocking filter: an IDR picture needs nothing before it). Per clip, best of
`--repeat` calls alternating (`time.process_time`, `decode_ahead=0`): the defaults' CPU, the wider gap's, and the
candidates' decodes (IDR + sample features, per IDR and per shot); the shots whose kept frame is less sharp than
the defaults' with the wider gap alone and with the candidates; and whether the shot starts and ends are the
defaults'. Nothing in the package changes: the candidates are decoded here, from the index pass's IDR packets.
"""

from __future__ import annotations

import argparse
import time

from derm1m_build.errors import ItemError
from derm1m_build.video.frames import ShotConfig, detect_shots
from derm1m_build.video.frames.features import _sample
from derm1m_build.video.frames.index import _index, choose_mode, coarse_skip


def candidates(path, shots, gap: float, pool: str, base_gap: float = 4.0) -> tuple[object, list[list[int]]]:
    """(the packet index, per shot the pts of the IDR keyframes in [start, end) that the coarse pass at `gap` did
    not decode): with `pool` "all" every keyframe, with "plan" only those the coarse pass at `base_gap` decodes."""
    ix = _index(path, None, 64 << 20)
    mode, early = choose_mode(ix.keyframe_times(), ix.duration, ShotConfig(), ix.frame_dt)
    if mode != "keyframes+refine" or ix.idr is None or not ix.idr_packets:
        raise SystemExit(f"regrid: {path}: not an H.264 clip sampled at its keyframes (mode {mode})")
    keys = sorted(int(p) for p in ix.pts[ix.key & ix.idr])
    decoded = set(keys) - coarse_skip(ix, early, ShotConfig(coarse_gap=gap))
    pool_set = set(keys) if pool == "all" else set(keys) - coarse_skip(ix, early, ShotConfig(coarse_gap=base_gap))
    tb = ix.time_base
    return ix, [[k for k in keys if k in pool_set and k not in decoded and s.start - 1e-6 <= k * tb < s.end - 1e-6]
                for s in shots]


def sharpest(ix, per_shot: list[list[int]]) -> list[tuple[float, float] | None]:
    """Per shot, (time, sharpness) of the sharpest of its candidate keyframes (None where it has none), each
    decoded on its own from the index pass's packets through one decoder, as the coarse pass decodes them."""
    import av

    first = next(iter(ix.idr_packets.values()))
    cc = av.CodecContext.create(first.stream.codec_context.name, "r")
    cc.extradata = first.stream.codec_context.extradata
    cc.thread_count = 1
    best = []
    for ks in per_shot:
        b = None
        for k in ks:
            for f in cc.decode(ix.idr_packets[k]) + cc.decode(None):
                s = _sample(f, float(f.pts * ix.time_base))
                if b is None or s.sharp > b[1]:
                    b = (s.t, s.sharp)
            cc.flush_buffers()
        best.append(b)
    return best


def worse(base, shots, best) -> tuple[int, int]:
    """(shots whose kept frame is less sharp than the defaults', the same with the candidates' best taken where
    sharper); both lists must hold the same shots."""
    alone = sum(s.sharpness < b.sharpness for s, b in zip(shots, base))
    chosen = sum(max(s.sharpness, c[1] if c else 0.0) < b.sharpness for s, b, c in zip(shots, base, best))
    return alone, chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clips", nargs="+")
    ap.add_argument("--gap", type=float, default=6.0)
    ap.add_argument("--pool", choices=("all", "plan"), default="plan")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    base_cfg, cfg = ShotConfig(decode_ahead=0), ShotConfig(decode_ahead=0, coarse_gap=a.gap)
    for clip in a.clips:
        tb = tw = tc = float("inf")
        try:
            for _ in range(max(1, a.repeat)):
                c = time.process_time()
                base, _ = detect_shots(clip, base_cfg)
                tb, c = min(tb, time.process_time() - c), time.process_time()
                shots, _ = detect_shots(clip, cfg)
                tw = min(tw, time.process_time() - c)
                ix, per = candidates(clip, shots, a.gap, a.pool, base_cfg.coarse_gap)
                c = time.process_time()
                best = sharpest(ix, per)
                tc = min(tc, time.process_time() - c)
        except ItemError as e:
            raise SystemExit(f"regrid: {clip}: {e}") from None
        n = sum(map(len, per))
        same = [(s.start, s.end) for s in shots] == [(s.start, s.end) for s in base]
        print(f"{clip}\n  defaults {1000 * tb:.1f} ms  gap {a.gap:g} {1000 * tw:.1f} ms  candidates ({a.pool}) "
              f"{1000 * tc:.1f} ms for {n} IDRs in {sum(bool(p) for p in per)} of {len(shots)} shots "
              f"({1000 * tc / max(1, n):.2f} ms each)  gap + candidates {1000 * (tw + tc):.1f} ms "
              f"({100 * (tw + tc) / tb - 100:+.0f} %)  shots {'same starts and ends' if same else 'DIFFER'}")
        if same:
            alone, chosen = worse(base, shots, best)
            print(f"  kept frames less sharp than the defaults': gap alone {alone}, with the candidates {chosen}")


if __name__ == "__main__":
    main()
