"""Frames from a video are the same bytes on every CPU (issue: one frame's sharpness 8.12 vs 8.14).

Decoding H.264 is bit-exact, but swscale's default YUV->BGR conversion picks SIMD kernels by CPU
feature, and they round differently. The test turns every SIMD path off in FFmpeg (av_force_cpu_flags(0),
what a CPU without SSE/AVX would run) and OpenCV's optimised paths (`cv2.setUseOptimized(False)`) in one
process and compares with this CPU's default in another.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO

SCRIPT = r"""
import ctypes, glob, hashlib, json, os, sys
import av
from derm1m_build.video.frames import detect_shots
if sys.argv[2] == "nosimd":
    libs = glob.glob(os.path.join(os.path.dirname(av.__file__), "..", "av.libs", "libavutil*"))
    ctypes.CDLL(libs[0]).av_force_cpu_flags(0)
    assert ctypes.CDLL(libs[0]).av_get_cpu_flags() == 0
    import cv2
    cv2.setUseOptimized(False)  # OpenCV's optimised paths off too (its I420 conversion of kept frames)
shots, how = detect_shots(sys.argv[1])
print(json.dumps([[s.frame_time, s.sharpness, hashlib.sha256(s.frame.tobytes()).hexdigest()] for s in shots]))
"""


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    from derm1m_build.video.synth import ShotSpec, write_lecture

    p = tmp_path_factory.mktemp("video") / "lecture.mp4"
    write_lecture(p, [ShotSpec("photo", 11, 3.0), ShotSpec("slide", 12, 3.0, ("Psoriasis", "- plaques")),
                      ShotSpec("photo", 13, 3.0)], size=(320, 240), fps=25, fade_s=0.4, gop=50)
    return p


def _shots(video, mode: str) -> list:
    import glob
    import os

    import av

    if mode == "nosimd" and not glob.glob(os.path.join(os.path.dirname(av.__file__), "..", "av.libs", "libavutil*")):
        pytest.skip("PyAV without its bundled libavutil (not a wheel install): cannot switch SIMD off")
    p = subprocess.run([sys.executable, "-c", SCRIPT, str(video), mode], capture_output=True, text=True,
                       cwd=REPO, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_frames_are_the_same_bytes_with_and_without_simd(lecture):
    simd, plain = _shots(lecture, "default"), _shots(lecture, "nosimd")
    assert len(simd) == 3
    assert simd == plain


def test_default_conversion_would_differ_without_simd(lecture):
    """The guard above is not vacuous: swscale's default conversion of the same decoded frame does
    change with the CPU's SIMD paths (so a frame picked by it could differ between machines)."""
    script = r"""
import ctypes, glob, hashlib, os, sys
import av
if sys.argv[2] == "nosimd":
    ctypes.CDLL(glob.glob(os.path.join(os.path.dirname(av.__file__), "..", "av.libs", "libavutil*"))[0]).av_force_cpu_flags(0)
c = av.open(sys.argv[1])
print(hashlib.sha256(b"".join(f.to_ndarray(format="bgr24").tobytes() for f in c.decode(c.streams.video[0]))).hexdigest())
"""
    import glob
    import os

    import av

    if not glob.glob(os.path.join(os.path.dirname(av.__file__), "..", "av.libs", "libavutil*")):
        pytest.skip("PyAV without its bundled libavutil")
    out = [subprocess.run([sys.executable, "-c", script, str(lecture), m], capture_output=True, text=True,
                          cwd=REPO, timeout=120).stdout.strip() for m in ("default", "nosimd")]
    assert len(out[0]) == len(out[1]) == 64
    assert out[0] != out[1]
