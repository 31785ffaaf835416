"""Settings of the shot detector side by side on the same clips: CPU and what each changes in the output.

    python -m benchmarks.video.variants --repeat 3 --set lead4:far_lead=4 --set gap6:coarse_gap=6 \
        .bench/video/lecture_1.5min_854x480_25fps_s23_dash2s.mp4 ...

For a speed change that may change outputs (RESULTS.md, issue 21): each clip is run with the defaults
(`decode_ahead=0`, so the CPU is the call's own) and with each `--set NAME:FIELD=VALUE[,FIELD=VALUE]` of
`ShotConfig`, the settings alternating, best of `--repeat` calls by `time.process_time`. One line per
setting: CPU ms, refined frames, packets `_far` left out and the refinements decoded again after its check
(`far_redone`), decodes again after skipped frames (`redone`), full-decode fallbacks; then `SAME`, or each
shot that differs from the defaults' (start, end, kept frame's time and sharpness), or both shot-start lists
where the shots themselves differ.
"""

from __future__ import annotations

import argparse
import time

from derm1m_build.errors import ItemError
from derm1m_build.video.frames import ShotConfig, detect_shots


def _setting(text: str) -> tuple[str, dict]:
    name, _, body = text.partition(":")
    fields = ShotConfig.model_fields
    kw = {}
    for item in filter(None, body.split(",")):
        key, _, value = item.partition("=")
        if key not in fields:
            raise SystemExit(f"variants: no ShotConfig field {key!r}")
        kw[key] = value
    try:
        ShotConfig(**kw)
    except ValueError as e:
        raise SystemExit(f"variants: {name}: {' '.join(str(e).split())}") from None
    return name, kw


def differences(shots, base) -> list[str]:
    """What differs between two shot lists: both start lists if the starts differ, else each changed shot."""
    if [s.start for s in shots] != [b.start for b in base]:
        return [f"starts {[round(s.start, 2) for s in shots]}", f"   was {[round(b.start, 2) for b in base]}"]
    return [f"{b.to_dict()} -> {s.to_dict()}" for s, b in zip(shots, base) if s.to_dict() != b.to_dict()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clips", nargs="+")
    ap.add_argument("--set", action="append", default=[], dest="sets", metavar="NAME:FIELD=VALUE,...")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cfgs = {"default": ShotConfig(decode_ahead=0)}
    for text in args.sets:
        name, kw = _setting(text)
        cfgs[name] = ShotConfig(decode_ahead=0, **kw)
    for clip in args.clips:
        best: dict = {}
        out: dict = {}
        for _ in range(max(1, args.repeat)):
            for name, cfg in cfgs.items():
                t = time.process_time()
                try:
                    out[name] = detect_shots(clip, cfg)
                except ItemError as e:
                    raise SystemExit(f"variants: {clip}: {e}") from None
                best[name] = min(best.get(name, float("inf")), time.process_time() - t)
        print(clip, flush=True)
        base = out["default"][0]
        for name, (shots, how) in out.items():
            diff = differences(shots, base)
            print(f"  {name:12s} {1000 * best[name]:7.1f} ms  refined {how['refined_frames']:4d}  left out "
                  f"{how['far_skipped']:3d}  far_redone {how['far_redone']}  redone {how['redone']}  "
                  f"fallbacks {how['fallbacks']}  {'DIFF' if diff else 'SAME'}", flush=True)
            for line in diff:
                print(f"      {line}")


if __name__ == "__main__":
    main()
