"""Per refinement decode: the packets sent against the fewest that place its cut to the frame.

    python -m benchmarks.video.percut .bench/video/lecture_1.5min_854x480_25fps_s557_dash2s.mp4 ...
    python -m benchmarks.video.percut --before /tmp/main_co VIDEO ...   # another version's code (a checkout dir)

One `detect_shots` call per video with every `_Refiner.frames_between` call logged (the cut-placing refiner's
and the one that decodes a kept frame again exactly): the packets sent to the decoder in decoding order (K
keyframe, P / B reference, b no reference: `decodes._classes`), the frames it yielded, the frames the
refinement kept as changes (blank-run starts and new pictures: `_sample` called on a refined frame), and how
the decode ended: `stop` (the consumer closed it: a cut placed, or a change after skipped frames sent it to a
decode again) or `t1` (it ran to the interval's end: a frame at or past t1 came out, or the packets ran out).
`min` is the fewest packets that give the changes found to the frame (`minimum`: each change and the frame shown
before the first one, with the reference packets they need from the keyframe before them); `early` = packets
sent before that keyframe (decoding order; all of a decode that kept no change); `past` = packets sent after the
last change's packet (the decoder's reorder delay, or frames decoded to confirm the cut / to reach the
interval's end); `after` = frames yielded after the last change. A keyframe's features taken to decide where a
decode starts (`anchor_at`) are not a change. Counts only, no timing.
"""

from __future__ import annotations

import argparse
import bisect
import importlib
import sys
from pathlib import Path

from benchmarks.video import decodes


def _load(root: str | None):
    """The frames package of `root` (a checkout dir with derm1m_build/) or of this tree."""
    if root is not None:
        for name in [m for m in sys.modules if m.startswith("derm1m_build")]:
            del sys.modules[name]
        sys.path.insert(0, str(Path(root).resolve()))
    F = importlib.import_module("derm1m_build.video.frames")
    return (F, importlib.import_module("derm1m_build.video.frames.assemble"),
            importlib.import_module("derm1m_build.video.frames.refine"),
            importlib.import_module("derm1m_build.video.frames.decode"),
            importlib.import_module("derm1m_build.video.frames.index"))


def records(path: Path, mods) -> tuple[list[dict], dict, object]:
    F, assemble, refine, decode, index = mods
    recs: list[dict] = []
    real, real_sample = refine._Refiner.frames_between, assemble._sample

    def logged(self, t0, t1, dense=frozenset(), start=None, *more):
        if self.container is None:
            self.container = decode._open(self.path)
            self._setup(self.container.streams.video[0])
        if not isinstance(self.container, decodes._Container):
            s = self.container.streams.video[0]
            self.container = decodes._Container(self.container, decodes._Stream(s, decodes._LoggedCodec(s.codec_context, [])))
        log = self.container.streams.video[0].codec_context.log
        rec = {"t0": t0, "t1": t1, "dense": dense, "start": start, "exact": self.deblock and self.own,
               "yielded": [], "changes": [], "from": len(log), "how": "?"}
        recs.append(rec)
        gen = real(self, t0, t1, dense, start, *more)
        try:
            for t, frame in gen:
                rec["yielded"].append(int(frame.pts))
                yield t, frame
            rec["how"] = "t1"
        except GeneratorExit:
            rec["how"] = "stop"
            raise
        finally:
            rec["sent"] = log[rec["from"]:]

    def sample(frame, t, *rest):
        # a change kept by the refinement (`refined`); not a keyframe's features taken to decide where a
        # decode starts (`anchor_at`)
        if rest and recs and sys._getframe(1).f_code.co_name == "refined":
            recs[-1]["changes"].append(int(frame.pts))
        elif rest and recs:
            recs[-1]["trial"] = int(frame.pts)
        return real_sample(frame, t, *rest)

    refine._Refiner.frames_between, assemble._sample = logged, sample
    try:
        shots, how = F.detect_shots(path)
    finally:
        refine._Refiner.frames_between, assemble._sample = real, real_sample
    ix = index._index(path, None, assemble._KEEP_BYTES)
    return recs, how, ix


def minimum(ix, cls: dict, changes: list[int], shown: list[int]) -> tuple[int, int, int]:
    """(fewest packets that give the changes found to the frame, the last change's position in decoding
    order, the position of the keyframe they start from): the frame shown before the first change and every change decoded exactly, i.e. the reference
    packets from the keyframe at or before the first of them (decoding order) up to the last change's packet,
    and the non-reference packets among them."""
    order = ix.pts.tolist()
    at = {q: i for i, q in enumerate(order)}
    j = bisect.bisect_left(shown, changes[0])
    need = set(changes) | ({shown[j - 1]} if j else set())
    first, last = min(at[q] for q in need), at[changes[-1]]
    k = first
    while k > 0 and cls[order[k]] != "K":
        k -= 1
    n = sum(1 for q in order[k:last + 1] if cls[q] != "b" or q in need)
    return n, last, k


def rows(path: Path, mods) -> tuple[list[dict], dict]:
    recs, how, ix = records(path, mods)
    cls = decodes._classes(ix)
    order = {q: i for i, q in enumerate(ix.pts.tolist())}
    tb = ix.time_base
    shown = sorted(ix.pts.tolist())
    out = []
    for r in recs:
        sent = [q for q in r["sent"] if q is not None]
        row = {"t0": r["t0"], "t1": r["t1"], "exact": r["exact"], "how": r["how"], "sent": len(sent),
               "drains": len(r["sent"]) - len(sent), "yielded": len(r["yielded"]), "changes": r["changes"],
               "dense": bool(r["dense"]), "K": sum(cls[q] == "K" for q in sent),
               "ref": sum(cls[q] in "PB" for q in sent), "b": sum(cls[q] == "b" for q in sent)}
        if r["changes"]:
            last = r["changes"][-1]
            row["min"], pos, k = minimum(ix, cls, r["changes"], shown)
            row["past"] = sum(1 for q in sent if order[q] > pos)
            row["early"] = sum(1 for q in sent if order[q] < k)
            row["after"] = len(r["yielded"]) - 1 - r["yielded"].index(last)
            row["cut_t"] = [round(q * tb, 2) for q in r["changes"]]
        else:
            row["min"] = row["past"] = row["after"] = None
            row["early"] = len(sent)  # (a decode that found nothing: all of it is decoded again or for nothing)
            row["cut_t"] = []
        out.append(row)
    return out, how


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("videos", nargs="+")
    ap.add_argument("--before", help="a checkout dir (with derm1m_build/) whose frames code is counted instead")
    a = ap.parse_args()
    mods = _load(a.before)
    for v in a.videos:
        rs, how = rows(Path(v), mods)
        print(f"== {Path(v).name}: refined_frames {how['refined_frames']} decodes {len(rs)}")
        print(f"{'t0':>7s} {'t1':>7s} {'kind':5s} {'how':4s} {'sent':>4s} {'K':>2s} {'ref':>3s} {'b':>3s} {'dr':>2s} "
              f"{'yield':>5s} {'min':>4s} {'early':>5s} {'past':>4s} {'after':>5s}  changes (s)")
        tot = {"sent": 0, "min": 0, "early": 0, "past": 0, "after": 0, "yielded": 0}
        for r in rs:
            kind = "exact" if r["exact"] else ("dense" if r["dense"] else "refs")
            print(f"{r['t0']:7.2f} {r['t1']:7.2f} {kind:5s} {r['how']:4s} {r['sent']:4d} {r['K']:2d} {r['ref']:3d} "
                  f"{r['b']:3d} {r['drains']:2d} {r['yielded']:5d} {r['min'] if r['min'] is not None else '-':>4} {r['early']:5d} "
                  f"{r['past'] if r['past'] is not None else '-':>4} {r['after'] if r['after'] is not None else '-':>5}  "
                  f"{r['cut_t']}")
            for k in tot:
                tot[k] += r[k] or 0
        print("total: " + " ".join(f"{k} {v}" for k, v in tot.items()), flush=True)


if __name__ == "__main__":
    main()
