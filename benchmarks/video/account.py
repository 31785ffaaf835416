"""All of `detect_shots`' CPU on one clip, accounted per coarse sample and per refined interval (the cut it
places), against OpenCV's full decode of the same clip.

    python -m benchmarks.video.account --repeat 3 .bench/video/lecture_1.5min_854x480_25fps_s557_dash2s.mp4 ...

The call's CPU (`time.process_time`, in line: `decode_ahead=0`) is cut into consecutive stretches, each
charged to what the detector was doing: the index pass; each coarse sample (its decode inside
`_iter_samples`, then the work on it until the next sample is asked for or an interval's refinement
starts); each refined interval (from `cut_hints`, called once as a refinement starts, to the next
coarse sample: the refinement decodes `_Refiner.frames_between`, the light measure `_light`, the features
of the frames kept `_sample`, the aligned comparisons `_fine_differs`, the coarse distance `_distance`, the
kept frames' conversion `_kept_bgr`; `py` = the stretch minus those: the refinement loop's own Python, the
packet loop inside `frames_between` being in `decode`); the tail (the last shot closed, objects freed). Inside
each stretch the same parts are timed, so every millisecond of the call is in one row and one column. A refined
interval's label gives where each of its decodes started (`@`: the keyframe, in seconds; `x` an exact re-decode
of a kept frame), and its `decode` is split by the packet each refinement `decode` call got (count / ms): K an
IDR keyframe, ref a reference picture (P or x264's B-pyramid reference, `decodes._classes`), b none, drain. Best
of N whole calls (the accounting of that call), alternating with OpenCV reading every frame. The wrappers'
overhead (a few microseconds a call, ~1,000 calls) is in the figures (~1-2 %).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from benchmarks.video.bench_shots import opencv_read_all
from benchmarks.video.decodes import _classes, _Container, _LoggedCodec, _Stream
from derm1m_build.video import frames as F
from derm1m_build.video.frames import assemble, decode, index, refine

INLINE = F.ShotConfig(decode_ahead=0)
PARTS = ["frames_between", "_light", "_sample", "_fine_differs", "_distance", "_kept_bgr"]
SHORT = {"frames_between": "decode", "_light": "light", "_sample": "feat", "_fine_differs": "aligned",
         "_distance": "dist", "_kept_bgr": "kept", "coarse": "decode"}


class _TimedCodec(_LoggedCodec):
    """The refiner's codec context with each `decode` call timed and charged to the packet's class (K: IDR
    keyframe, P / B: reference pictures, b: none, drain), in the current stretch's `split`."""

    def decode(self, packet=None):
        c = time.process_time()
        try:
            return self.cc.decode(packet)
        finally:
            kind = "drain" if packet is None else self.log["cls"].get(int(packet.pts), "?")
            kind = "ref" if kind in "PB" else kind
            split = self.log["acc"].rows[-1][5]
            n, ms = split.get(kind, (0, 0.0))
            split[kind] = (n + 1, ms + time.process_time() - c)


class _Account:
    def __init__(self, path: Path):
        self.rows: list[list] = []  # [label, start cpu, {part: cpu}, frames, decode starts, {class: (n, cpu)}]
        self.cls = _classes(index._index(path, None, assemble._KEEP_BYTES))
        self.depth = 0  # nested timed calls are charged to the outermost one
        self.saved = []
        for name in PARTS + ["_iter_samples", "cut_hints", "_index"]:
            owner = refine._Refiner if name == "frames_between" else assemble
            real = getattr(owner, name)
            self.saved.append((owner, name, real))
            if name == "_iter_samples":
                wrapped = self._coarse(real)
            elif name == "cut_hints":
                wrapped = self._hints(real)
            elif name == "_index":
                wrapped = self._first(real)
            elif name == "frames_between":
                wrapped = self._gen(name, real)
            else:
                wrapped = self._fn(name, real)
            setattr(owner, name, wrapped)

    def _open_row(self, label) -> None:
        self.rows.append([label, time.process_time(), {}, 0, [], {}])

    def _add(self, part: str, dt: float) -> None:
        parts = self.rows[-1][2]
        parts[part] = parts.get(part, 0.0) + dt

    def _first(self, real):
        def timed(*a, **k):
            self._open_row(("index",))
            out = real(*a, **k)
            self._open_row(("setup",))
            return out
        return timed

    def _fn(self, name, real):
        def timed(*a, **k):
            if self.depth:
                return real(*a, **k)
            self.depth += 1
            c = time.process_time()
            try:
                return real(*a, **k)
            finally:
                self.depth -= 1
                self._add(name, time.process_time() - c)
        return timed

    def _gen(self, name, real):
        def timed(*a, **k):
            # where each decode starts (`start`, else t0), 'x' for the exact re-decode of a kept frame
            ref = a[0]
            st = k.get("start", a[4] if len(a) > 4 else None)
            self.rows[-1][4].append("x" if ref.deblock else st if st is not None else a[1])
            if ref.container is None:
                ref.container = decode._open(ref.path)
                ref._setup(ref.container.streams.video[0])
            if not isinstance(ref.container, _Container):
                s = ref.container.streams.video[0]
                ref.container = _Container(ref.container, _Stream(s, _TimedCodec(s.codec_context,
                                                                                  {"cls": self.cls, "acc": self})))
            it = real(*a, **k)
            while True:
                c = time.process_time()
                self.depth += 1
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    self.depth -= 1
                    self._add(name, time.process_time() - c)
                self.rows[-1][3] += 1
                yield item
        return timed

    def _coarse(self, real):
        def timed(*a, **k):
            it = real(*a, **k)
            while True:
                self._open_row(("sample",))
                c = time.process_time()
                try:
                    t, frame = next(it)
                except StopIteration:
                    self.rows[-1][0] = ("tail",)
                    self._add("coarse", time.process_time() - c)
                    return
                self._add("coarse", time.process_time() - c)
                self.rows[-1][0] = ("sample", t)
                yield t, frame
        return timed

    def _hints(self, real):
        def timed(ix, t0, t1, ratio):
            self._open_row(("interval", t0, t1))
            return real(ix, t0, t1, ratio)
        return timed

    def close(self, end: float) -> list[tuple]:
        for owner, name, real in self.saved:
            setattr(owner, name, real)
        out = []
        for i, (label, c0, parts, frames, starts, split) in enumerate(self.rows):
            c1 = self.rows[i + 1][1] if i + 1 < len(self.rows) else end
            if label[0] == "interval" and starts:
                label = label + (",".join(x if isinstance(x, str) else f"{x:g}" for x in starts),)
            out.append((label, c1 - c0, parts, frames, split))
        return out


def _table(rows: list[tuple], ocv: float) -> str:
    cols = ["decode", "light", "feat", "aligned", "dist", "kept"]
    kinds = ["K", "ref", "b", "drain"]
    lines = [f"{'stretch (refined: @start)':26s} {'ms':>6s} {'%8x':>5s} {'frames':>6s} "
             + " ".join(f"{c:>7s}" for c in cols) + f" {'py':>6s}  refinement decode: "
             + " ".join(f"{k:>10s}" for k in kinds)]
    budget = ocv / 8  # the CPU 8x OpenCV allows

    def line(name, total, parts, frames, split):
        by = {c: 0.0 for c in cols}
        for p, v in parts.items():
            by[SHORT.get(p, p)] += v
        py = total - sum(by.values())
        return (f"{name:26s} {total * 1e3:6.1f} {100 * total / budget:5.1f} {frames:6d} "
                + " ".join(f"{by[c] * 1e3:7.1f}" for c in cols) + f" {py * 1e3:6.1f}  " + " " * 19
                + " ".join(f"{split.get(k, (0, 0))[0]:3d}/{split.get(k, (0, 0.0))[1] * 1e3:6.1f}" for k in kinds))

    def merge(group):
        total, parts, split = 0.0, {}, {}
        for _, t, ps, _f, sp in group:
            total += t
            for p, v in ps.items():
                parts[p] = parts.get(p, 0.0) + v
            for k, (n, v) in sp.items():
                a, b = split.get(k, (0, 0.0))
                split[k] = (a + n, b + v)
        return total, parts, sum(r[3] for r in group), split

    samples = [r for r in rows if r[0][0] == "sample"]
    for label, total, parts, frames, split in rows:
        if label[0] == "interval":
            at = f" @{label[3]}" if len(label) > 3 else ""
            lines.append(line(f"{label[1]:.0f}-{label[2]:.0f}{at}", total, parts, frames, split))
        elif label[0] != "sample":
            lines.append(line(label[0], total, parts, frames, split))
    lines.append(line(f"{len(samples)} coarse samples", *merge(samples)))
    ref = [r for r in rows if r[0][0] == "interval"]
    lines.append(line(f"{len(ref)} refined intervals", *merge(ref)))
    lines.append(line("all", *merge(rows)))
    grand = sum(r[1] for r in rows)
    lines.append(f"OpenCV {ocv * 1e3:.0f} ms, 8x budget {budget * 1e3:.1f} ms, ours {grand * 1e3:.1f} ms = "
                 f"{ocv / grand:.2f}x")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("videos", nargs="+")
    a = ap.parse_args()
    print(f"CPU ms, best of {a.repeat} calls, alternating with OpenCV; load average {os.getloadavg()[0]:.1f} at start")
    for v in a.videos:
        p = Path(v)
        F.detect_shots(p, INLINE)  # warm
        best, rows, ocv = 9e9, [], 9e9
        for _ in range(a.repeat):
            acc = _Account(p)
            c = time.process_time()
            try:
                F.detect_shots(p, INLINE)
            finally:
                end = time.process_time()
                first = acc.rows[0][1] if acc.rows else end
                got = acc.close(end)
            if end - c < best:
                best, rows = end - c, [(("open",), first - c, {}, 0, {})] + got
            c = time.process_time()
            opencv_read_all(p)
            ocv = min(ocv, time.process_time() - c)
        print(f"\n{p.name}")
        print(_table(rows, ocv), flush=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
