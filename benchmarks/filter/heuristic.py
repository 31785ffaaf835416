"""Heuristic back-end throughput on 512-px JPEGs, decode included, one core.

    python -m benchmarks.filter.heuristic --n 400 [--repeats 3] [--faces]

Corpus: the real photographs of ../shared/realdata/photos re-encoded as 512-px JPEGs, with one in ten a
rendered slide or chart (generated images when ../shared is not there). Ours: safe, upright decode with
JPEG DCT scaling (`filtering.decode.load_upright`), OpenCV measures on a 256-px copy, quality checks,
heuristic decision, 64-bit pHash. Baseline: the same decisions on a full-size decode, measured at full
size (what a straightforward implementation does). With --faces, the face model (YOLOv8n from nudenet,
onnxruntime, one thread) runs as the stage runs it: on the 256-px decode of each kept image where a face
is possible (not dermoscopic, not histopathology), a 96-px pre-screen first and the detection (320-px
decode, model at 256 px) only where it scores >= 0.1; the shares of images each ran on are printed.
"""

from __future__ import annotations

import argparse
import os
import time

import cv2
import numpy as np


def corpus(n: int, side: int = 512) -> list[bytes]:
    from derm1m_build.demo import images as gen

    try:
        from derm1m_build.testing import realimages as R
        import io
        from PIL import Image

        photos = [it for it in R.items() if it.kind in ("clinical", "dermoscopy") and "#" not in it.id]
        slides = [it for it in R.items() if it.kind in ("slide", "skin_slide", "chart")]
    except OSError:
        photos = []
    if photos:
        out = []
        for i in range(n):
            it = slides[i % len(slides)] if i % 10 == 9 else photos[i % len(photos)]
            with Image.open(io.BytesIO(it.make())) as im:
                im = im.convert("RGB")
                im.thumbnail((side, side), Image.Resampling.LANCZOS)
                if max(im.size) < side:
                    im = im.resize((side, side * im.size[1] // im.size[0]), Image.Resampling.LANCZOS)
                buf = io.BytesIO()
                im.save(buf, format="JPEG", quality=90)
                out.append(buf.getvalue())
        return out
    out = []
    for i in range(n):
        if i % 10 == 9:
            im = cv2.resize(gen.slide(i), (side, side * 3 // 4))
        else:
            im = gen.skin_photo(i, size=side, tone=i % 6)
        out.append(gen.to_jpeg(im, quality=90))
    return out


FACE_RUNS = [0, 0]


def ours(data: bytes, faces: bool = False, count: bool = False) -> tuple:
    from derm1m_build.filtering import faces as fc
    from derm1m_build.filtering.decode import load_upright
    from derm1m_build.filtering.heuristic import classify, measure
    from derm1m_build.filtering.phash import phash
    from derm1m_build.filtering.quality import QualityConfig, check
    from derm1m_build.stages.filter import DECODE_SIDE

    rgb = np.asarray(load_upright(data, max_side=DECODE_SIDE))
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    m = measure(bgr)
    q = check(512, 512, m, QualityConfig())
    verdict = (False, q[0], "other") if q else classify(m)
    h = phash(bgr)
    from derm1m_build.filtering.heuristic import dermoscope_field

    if faces and fc.face_possible(verdict[2], verdict[0], dermoscope_field(m)):
        if count:  # an untimed pass: which images reach the pre-screen, which the full detection
            FACE_RUNS[0] += 1
            FACE_RUNS[1] += bool(fc.scores(rgb, fc.PRESCREEN_SIDE)[1].max() >= fc.PRESCREEN_SCORE)
        fc.find(rgb, lambda: np.asarray(load_upright(data, max_side=fc.FACE_SIDE)))
    return verdict, h


def baseline(data: bytes) -> tuple:
    from derm1m_build.filtering import heuristic
    from derm1m_build.filtering.phash import phash
    from derm1m_build.images import load_rgb

    rgb = np.asarray(load_rgb(data))
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    old = heuristic.MEASURE_SIDE
    heuristic.MEASURE_SIDE = 10**6  # measure at full size
    try:
        m = heuristic.measure(bgr)
    finally:
        heuristic.MEASURE_SIDE = old
    return heuristic.classify(m), phash(bgr)


def cpu_seconds(fn, items, **kw) -> float:
    """CPU seconds of this process for one pass over `items` (single-threaded: per core).

    CPU time, not wall time: on a shared machine wall time counts other processes' turns too."""
    t = time.process_time()
    for d in items:
        fn(d, **kw)
    return time.process_time() - t


def rate(fn, items, repeats: int = 3, **kw) -> float:
    """Images per CPU-second, best of `repeats` passes."""
    fn(items[0], **kw)
    return len(items) / min(cpu_seconds(fn, items, **kw) for _ in range(repeats))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--faces", action="store_true", help="also time face detection")
    a = ap.parse_args()
    cv2.setNumThreads(1)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    items = corpus(a.n)
    ours(items[0])
    baseline(items[0])
    t_ours, t_base = [], []
    for _ in range(a.repeats):  # interleaved, so a change of load on the shared machine hits both alike
        t_ours.append(cpu_seconds(ours, items))
        t_base.append(cpu_seconds(baseline, items))
    r_ours, r_base = a.n / min(t_ours), a.n / min(t_base)
    print(f"heuristic, {a.n} JPEGs 512 px, faces off, 1 core, decode included; {a.repeats} interleaved passes; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"  ours (DCT-scaled decode to 256 px, 256/128-px measures): {min(t_ours):6.2f} CPU-s (passes "
          f"{', '.join(f'{t:.2f}' for t in t_ours)}) = {r_ours:7.1f} images per CPU-second")
    print(f"  baseline (full decode, full-size measures):             {min(t_base):6.2f} CPU-s (passes "
          f"{', '.join(f'{t:.2f}' for t in t_base)}) = {r_base:7.1f} images per CPU-second")
    print(f"  ratio ours/baseline: {r_ours / r_base:.2f}x; target >= 200 images per CPU-second: "
          f"{'met' if r_ours >= 200 else 'NOT met'}")
    if a.faces:
        r_f = rate(ours, items, repeats=1, faces=True)
        FACE_RUNS[:] = [0, 0]
        for d in items:
            ours(d, faces=True, count=True)
        print(f"  ours + faces where possible (pre-screen on {FACE_RUNS[0] / len(items):.0%} of images, full detection on "
              f"{FACE_RUNS[1] / len(items):.0%}): {r_f:8.1f} images/s")


if __name__ == "__main__":
    main()
