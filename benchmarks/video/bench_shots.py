"""Frame sampling benchmark: our PyAV keyframe sampler vs OpenCV decoding every frame vs PySceneDetect.

Generates (once, cached in .bench/video/) a lecture-like H.264 video with known shot boundaries
(lesion photographs and text slides, 4-12 s shots, some fades through black), then measures in one run:
- ours: derm1m_build.video.frames.detect_shots (keyframes first; representative frame per shot);
- OpenCV: cv2.VideoCapture reading every frame (decode only: the floor of any per-frame detector);
- PySceneDetect: ContentDetector over every frame (scenedetect-headless).
Prints throughput (video seconds per wall second) and ratios, shot recall (a true shot start matched
by a detected one within --tol seconds) and kept frames per true shot.

With --gops, the generated video is also re-encoded with ffmpeg as real encoders do, and each version is
measured (ours and OpenCV) in the same run:
- gen: the generator's own encode (keyframe forced at every cut x264 sees, 4 s GOP);
- dash2s: fixed 2 s GOP, no scene-cut keyframes (`-g 50 -keyint_min 50 -sc_threshold 0` at 25 fps);
- x264: x264's defaults (`-c:v libx264`, no GOP options: 10 s GOP, scene-cut keyframes);
- fixed10s: fixed 10 s GOP without scene-cut keyframes (a very long GOP).

    python -m benchmarks.video.bench_shots --minutes 10 --width 1280 --height 720
    python -m benchmarks.video.bench_shots --minutes 1.5 --width 854 --height 480 --gops gen,dash2s,x264,fixed10s \
        --skip scenedetect
    git show main:derm1m_build/video/frames.py > /tmp/frames_before.py   # an older version, timed alongside
    python -m benchmarks.video.bench_shots --minutes 1.5 --width 854 --height 480 --gops gen,dash2s,x264,fixed10s \
        --before /tmp/frames_before.py --repeat 5
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np


def make_video(path: Path, minutes: float, size: tuple[int, int], fps: int, seed: int) -> list[tuple[float, float]]:
    from derm1m_build.video.synth import ShotSpec, write_lecture

    meta = path.with_suffix(".json")
    if path.is_file() and meta.is_file():
        return [tuple(b) for b in json.loads(meta.read_text())["shots"]]
    rng = np.random.default_rng(seed)
    shots, total = [], 0.0
    lines = [("Lecture %d" % i, "- morphology", "- distribution", "- differential") for i in range(40)]
    while total < minutes * 60:
        secs = float(rng.integers(8, 25)) / 2
        kind = "slide" if rng.random() < 0.35 else "photo"
        shots.append(ShotSpec(kind, int(rng.integers(0, 10**6)), secs, lines[len(shots) % 40] if kind == "slide" else ()))
        total += secs
    t0 = time.monotonic()
    bounds = write_lecture(path, shots, size=size, fps=fps, fade_s=0.4, gop=fps * 4, crf=30, preset="superfast")
    meta.write_text(json.dumps({"shots": bounds, "encode_s": round(time.monotonic() - t0, 1)}))
    return bounds


GOPS = {"gen": None, "dash2s": ["-g", "{2s}", "-keyint_min", "{2s}", "-sc_threshold", "0"], "x264": [],
        "fixed10s": ["-g", "{10s}", "-keyint_min", "{10s}", "-sc_threshold", "0"]}


def reencode(src: Path, name: str, fps: int) -> Path:
    import subprocess

    if GOPS[name] is None:
        return src
    dst = src.with_name(f"{src.stem}_{name}.mp4")
    if not dst.is_file():
        args = [a.replace("{2s}", str(2 * fps)).replace("{10s}", str(10 * fps)) for a in GOPS[name]]
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "superfast",
                        "-crf", "30", *args, str(dst) + ".part.mp4"], check=True)
        Path(str(dst) + ".part.mp4").rename(dst)
    return dst


def opencv_read_all(path: Path) -> int:
    import cv2

    cap = cv2.VideoCapture(str(path))
    n = 0
    while True:
        ok, _ = cap.read()
        if not ok:
            break
        n += 1
    cap.release()
    return n


def recall(true_starts: list[float], found: list[float], tol: float) -> float:
    found = sorted(found)
    hit = sum(1 for t in true_starts if found and min(abs(t - f) for f in found) <= tol)
    return hit / len(true_starts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=720)
    ap.add_argument("--fps", type=int, default=25)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--tol", type=float, default=0.5, help="seconds between a true and a found shot start")
    ap.add_argument("--skip", default="", help="comma list of baselines to skip: opencv,scenedetect")
    ap.add_argument("--dir", default=".bench/video")
    ap.add_argument("--gops", default="", help="comma list of GOP structures to compare: " + ",".join(GOPS))
    ap.add_argument("--repeat", type=int, default=3, help="with --gops: best of this many timings each")
    ap.add_argument("--before", default="", help="with --gops: a frames.py, or a checkout directory, to time alongside (its detect_shots)")
    ap.add_argument("--threads", type=int, default=1, help="with --gops: our decoder threads (0: FFmpeg's choice)")
    a = ap.parse_args()

    d = Path(a.dir)
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"lecture_{a.minutes:g}min_{a.width}x{a.height}_{a.fps}fps_s{a.seed}.mp4"
    bounds = make_video(path, a.minutes, (a.width, a.height), a.fps, a.seed)
    duration = bounds[-1][1]
    true_starts = [s for s, _ in bounds]
    n_frames = int(round(duration * a.fps))
    print(f"video: {path} ({duration:.0f} s, {a.width}x{a.height}, {a.fps} fps, {n_frames} frames, "
          f"{len(bounds)} true shots)")

    if a.gops:
        return compare_gops(a, path, bounds, duration)
    rows = []
    import cv2  # noqa: F401 - every library imported before any timing
    import scenedetect  # noqa: F401

    from derm1m_build.video.frames import detect_shots

    t0 = time.monotonic()
    shots, how = detect_shots(path)
    t = time.monotonic() - t0
    rows.append(("ours (PyAV keyframes)", t, recall(true_starts, [s.start for s in shots], a.tol),
                 len(shots) / len(bounds), f"{how['samples']} frames decoded, mode {how['mode']}"))

    if "opencv" not in a.skip:
        t0 = time.monotonic()
        n = opencv_read_all(path)
        rows.append(("OpenCV read every frame", time.monotonic() - t0, None, None, f"{n} frames decoded"))

    if "scenedetect" not in a.skip:
        from scenedetect import ContentDetector, detect

        t0 = time.monotonic()
        scenes = detect(str(path), ContentDetector())
        t = time.monotonic() - t0
        starts = [s[0].seconds for s in scenes]
        rows.append(("PySceneDetect ContentDetector", t, recall(true_starts, starts, a.tol), len(scenes) / len(bounds),
                     f"{len(scenes)} scenes"))

    ours = rows[0][1]
    print(f"\n{'method':32s} {'wall s':>8s} {'video s/s':>10s} {'ours x faster':>14s} {'recall':>7s} "
          f"{'kept/true':>9s}  note")
    for name, t, rec, kept, note in rows:
        print(f"{name:32s} {t:8.2f} {duration / t:10.1f} {t / ours:14.1f} "
              f"{'' if rec is None else f'{rec:.3f}':>7s} {'' if kept is None else f'{kept:.2f}':>9s}  {note}")


def _load_before(path: str):
    """detect_shots from another version of the shot code, to time or compare it in the same run: a single
    frames.py (e.g. `git show main:derm1m_build/video/frames.py`) or a checkout directory (e.g. from
    `git worktree add` or `git archive`), whose `derm1m_build/video/frames` (the package, or the older
    single frames.py) is imported as `derm1m_build.video.frames` while that name points there, then moved to
    `frames_before*` and this checkout's modules put back (the loaded code keeps the names it bound)."""
    import importlib
    import importlib.util
    import sys
    from pathlib import Path

    if Path(path).is_file():
        spec = importlib.util.spec_from_file_location("frames_before", path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules["frames_before"] = mod  # dataclasses look their module up
        spec.loader.exec_module(mod)
        return mod.detect_shots
    import derm1m_build.video as video

    name = "derm1m_build.video.frames"
    if not (Path(path) / "derm1m_build" / "video").is_dir():
        raise SystemExit(f"--before {path}: neither a frames.py nor a checkout with derm1m_build/video")
    ours = {k: sys.modules.pop(k) for k in list(sys.modules) if k == name or k.startswith(name + ".")}
    search, attr = list(video.__path__), video.__dict__.get("frames")
    video.__path__[:] = [str(Path(path) / "derm1m_build" / "video")]
    try:
        mod = importlib.import_module(name)
    finally:
        video.__path__[:] = search
        for k in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            sys.modules["frames_before" + k[len(name):]] = sys.modules.pop(k)
        sys.modules.update(ours)
        if attr is not None:
            video.frames = attr
    return mod.detect_shots


def _timed(fn):
    """(result, wall s, CPU s): CPU is the process's time on every thread (`time.process_time`), steadier
    than wall time on a shared, loaded machine; OpenCV's decode uses frame threads, counted too."""
    w, c = time.monotonic(), time.process_time()
    r = fn()
    return r, time.monotonic() - w, time.process_time() - c


def compare_gops(a, path: Path, bounds, duration: float) -> None:
    import os

    import cv2  # noqa: F401 - every library imported before any timing

    from derm1m_build.video.frames import ShotConfig, detect_shots, keyframe_times

    before = _load_before(a.before) if a.before else None
    cfg = ShotConfig(decode_threads=a.threads)
    true_starts = [s for s, _ in bounds]
    print(f"\nbest of {a.repeat}, alternating; load average {os.getloadavg()[0]:.1f} at start; decoder threads "
          f"{a.threads or 'auto'} (ours)")
    head = (f"{'GOP':9s} {'kf gap':>6s} {'ours s':>6s} {'cpu':>5s} {'OpenCV s':>8s} {'cpu':>5s} {'x wall':>6s} "
            f"{'x CPU':>6s} {'recall':>6s} {'rec@2s':>6s} {'kept':>5s} {'refined':>7s} {'hinted':>6s} {'redo':>4s} "
            f"{'fallb':>5s} {'dip':>3s}")
    if before:
        head += f" {'before s':>8s} {'cpu':>5s} {'x wall':>6s} {'x CPU':>6s} {'recall':>6s} {'refined':>7s}"
    print(head)
    for name in a.gops.split(","):
        p = reencode(path, name, a.fps)
        kts = keyframe_times(p)
        gap = float(np.median(np.diff(kts))) if len(kts) > 1 else duration
        best = {k: [float("inf"), float("inf")] for k in ("ours", "ocv", "before")}
        for _ in range(a.repeat):  # best of N, alternating: the machine is shared and loaded
            runs = [("ours", lambda: detect_shots(p, cfg))]
            if "opencv" not in a.skip:  # (--skip opencv: recall only, OpenCV's ratios print as nan)
                runs.append(("ocv", lambda: opencv_read_all(p)))
            if before:
                runs.append(("before", lambda: before(p)))
            for k, fn in runs:
                r, w, c = _timed(fn)
                best[k] = [min(best[k][0], w), min(best[k][1], c)]
                if k == "ours":
                    shots, how = r
                elif k == "before":
                    shots_b, how_b = r
        (ow, oc), (vw, vc) = best["ours"], best["ocv"] if "opencv" not in a.skip else (float("nan"),) * 2
        starts = [s.start for s in shots]
        line = (f"{name:9s} {gap:6.2f} {ow:6.2f} {oc:5.2f} {vw:8.2f} {vc:5.2f} {vw / ow:6.1f} {vc / oc:6.1f} "
                f"{recall(true_starts, starts, a.tol):6.3f} {recall(true_starts, starts, 2.0):6.3f} "
                f"{len(shots) / len(bounds):5.2f} {how['refined_frames']:7d} {how.get('hinted', 0):6d} "
                f"{how.get('redone', 0):4d} {how.get('fallbacks', 0):5d} {how.get('dipped', 0):3d}")
        if before:
            bw, bc = best["before"]
            line += (f" {bw:8.2f} {bc:5.2f} {vw / bw:6.1f} {vc / bc:6.1f} "
                     f"{recall(true_starts, [s.start for s in shots_b], a.tol):6.3f} {how_b['refined_frames']:7d}")
        print(line, flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
