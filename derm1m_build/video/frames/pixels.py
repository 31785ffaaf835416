"""Frame planes and the kept frame's colour conversion: exact luma views, the per-thread reformatter
and I420 buffer, BGR of the kept frame, mean luma. One place for pixel access, so every caller
reads a frame the same way (the kept frames' bytes depend on it).
"""

from __future__ import annotations

import threading

import cv2
import numpy as np


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


_local = threading.local()


_Y8 = {"yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "nv12", "nv21", "gray"}


def _reformatter():
    """One scaler per thread, reused: building a new one per frame costs more than the scaling."""
    from av.video.reformatter import VideoReformatter

    if not hasattr(_local, "reformatter"):
        _local.reformatter = VideoReformatter()
    return _local.reformatter
