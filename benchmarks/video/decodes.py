"""What the refinement decodes send to the decoder, per video, against what placing the cuts strictly needs.

    python -m benchmarks.video.decodes .bench/video/lecture_1.5min_854x480_25fps_s487_dash2s.mp4 ...

One `detect_shots` call per video, with the refiner's codec context wrapped so that every `decode` call is
logged (its packet's pts, or a drain). Packets are classed from the index pass (decoding order, slice
headers): K keyframe (IDR), P (a reference picture shown after every packet before it), B (a reference
picture shown before one decoded earlier: x264's B-pyramid references), b (no reference picture). Printed:
coarse keyframes decoded; refinement decodes; packets sent by class and drains (`frames_between`: the decoder
drained before an IDR instead of decoding it); frames yielded; `chain B` = B-refs sent before the first
packet around the cut (`dense`), decoded only so that FFmpeg's picture buffer stays the stream's (no P or
cut frame refers to them; left out, FFmpeg puts stand-ins in their place and the B-frames around the cut
decode differently: RESULTS.md); `IDR twice` = refinement decodes that start on a keyframe the coarse pass
decoded already (its exact frame there, the refinement's without the deblocking filter, from decoders of
their own). Counts only: no timing (see `parts.py`, `overhead.py`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from derm1m_build.video import frames as F
from derm1m_build.video.frames import assemble, decode, index, refine


class _LoggedCodec:
    """A codec context whose `decode` calls are logged; everything else passes through."""

    def __init__(self, cc, log: list):
        self.__dict__.update(cc=cc, log=log)

    def decode(self, packet=None):
        self.log.append(None if packet is None else int(packet.pts))
        return self.cc.decode(packet)

    def __getattr__(self, name):
        return getattr(self.cc, name)

    def __setattr__(self, name, value):
        setattr(self.cc, name, value)


class _Stream:
    def __init__(self, stream, cc):
        self.__dict__.update(stream=stream, codec_context=cc)

    def __getattr__(self, name):
        return getattr(self.stream, name)


class _Container:
    def __init__(self, container, stream):
        self.__dict__.update(container=container, streams=type("Streams", (), {"video": [stream]})())

    def __getattr__(self, name):
        return getattr(self.container, name)


def _classes(ix: index._Index) -> dict[int, str]:
    out, shown_max = {}, -1
    for i, q in enumerate(ix.pts.tolist()):
        if ix.key[i]:
            out[q] = "K"
        elif ix.ref is not None and ix.ref[i]:
            out[q] = "P" if q > shown_max else "B"
        else:
            out[q] = "b"
        shown_max = max(shown_max, q)
    return out


def count(path: Path) -> dict:
    recs: list[dict] = []
    real = refine._Refiner.frames_between

    def logged(self, t0, t1, dense=frozenset(), start=None):
        if self.container is None:
            self.container = decode._open(self.path)
            self._setup(self.container.streams.video[0])
        if not isinstance(self.container, _Container):
            s = self.container.streams.video[0]
            self.container = _Container(self.container, _Stream(s, _LoggedCodec(s.codec_context, [])))
        log = self.container.streams.video[0].codec_context.log
        rec = {"t0": t0, "dense": dense, "yielded": 0, "from": len(log)}
        recs.append(rec)
        try:
            for item in real(self, t0, t1, dense, start):
                rec["yielded"] += 1
                yield item
        finally:
            rec["sent"] = log[rec["from"]:]

    refine._Refiner.frames_between = logged
    try:
        _, how = F.detect_shots(path)
    finally:
        refine._Refiner.frames_between = real
    ix = index._index(path, None, assemble._KEEP_BYTES)
    cls = _classes(ix)
    sent = {"K": 0, "P": 0, "B": 0, "b": 0, "drain": 0}
    chain_b = twice = 0
    for r in recs:
        first_dense = next((j for j, q in enumerate(r["sent"]) if q is not None and q in r["dense"]), None)
        for q in r["sent"]:
            sent["drain" if q is None else cls[q]] += 1
        chain = r["sent"] if first_dense is None else r["sent"][:first_dense]
        chain_b += sum(1 for q in chain if q is not None and cls[q] == "B")
        first = r["sent"][0] if r["sent"] else None
        twice += (first is not None and cls[first] == "K" and how["mode"] != "sampled+refine"
                  and abs(float(first * ix.time_base) - r["t0"]) < 1e-3)
    return {"coarse": how["keyframes"] - how["coarse_skipped"] if how["mode"] != "sampled+refine" else None,
            "refinements": len(recs), "sent": sent, "yielded": sum(r["yielded"] for r in recs),
            "chain_b": chain_b, "idr_twice": twice, "drained": how["drained"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("videos", nargs="+")
    a = ap.parse_args()
    print(f"{'video':44s} {'coarse':>6s} {'decodes':>7s} {'K':>3s} {'P':>4s} {'B':>4s} {'b':>4s} {'drains':>6s} "
          f"{'yielded':>7s} {'chain B':>7s} {'IDR twice':>9s} {'drained':>7s}")
    for v in a.videos:
        c = count(Path(v))
        s = c["sent"]
        print(f"{Path(v).name:44s} {c['coarse'] if c['coarse'] is not None else '-':>6} {c['refinements']:7d} "
              f"{s['K']:3d} {s['P']:4d} {s['B']:4d} {s['b']:4d} {s['drain']:6d} {c['yielded']:7d} {c['chain_b']:7d} "
              f"{c['idr_twice']:9d} {c['drained']:7d}", flush=True)


if __name__ == "__main__":
    main()
