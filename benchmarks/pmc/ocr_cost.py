"""What OCR costs the figure splitter, and the same crops read by two versions of `derm1m_build/ocr.py` side by side.

At Derm1M scale (~566k PubMed articles, 2-3 figures each) the splitter's OCR is the largest CPU cost of figure
extraction, so it is measured where it is spent: the recogniser runs (`read_line`, split into glyph reads, constrained
to a caption's letters, and free reads), the text detector runs (`detect_boxes`), their CPU-seconds and input sizes,
and OCR's share of the whole splitter's CPU (`count_panels`, the count with the caption's prior and `pair`, as
`bench_figures` runs them for its "now" column).

Record (this checkout's splitter and OCR; every crop that reaches the model is kept, with its figure):

    PYTHONPATH=. python -m benchmarks.pmc.ocr_cost --record /tmp/ocr_crops.pkl            # default sets + heldout2-31
    PYTHONPATH=. python -m benchmarks.pmc.ocr_cost --record /tmp/x.pkl --sets none --set benchmarks/pmc/heldout21/annotations.json

Side by side (the recorded crops read by another checkout's `ocr.py` and by this one in one process, rounds
alternating A-B / B-A, each version's memory of readings emptied before each round; best round of each; and every
crop whose reading differs, text or score; `--now FILE` puts another ocr.py, a lever tried, in this checkout's place):

    PYTHONPATH=. python -m benchmarks.pmc.ocr_cost --replay /tmp/ocr_crops.pkl --ref /tmp/old-checkout --rounds 3
    PYTHONPATH=. python -m benchmarks.pmc.ocr_cost --replay /tmp/ocr_crops.pkl --ref /tmp/old-checkout --now /tmp/ocr_lever.py

A record run from another checkout measures that checkout: `cd /tmp/old-checkout && PYTHONPATH=. python
/path/to/this/benchmarks/pmc/ocr_cost.py --record ...`.

The replay reads the crops the recording's splitter asked for; whether a changed reading changes a decision is
`bench_figures --detail` of both trees, diffed line by line.
"""
from __future__ import annotations

import argparse
import importlib.util
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

import numpy as np

from benchmarks.pmc import bench_figures as bf
from benchmarks.pmc.identity import HELD_OUT
from derm1m_build import ocr

HERE = Path(__file__).resolve().parent
DEFAULT_EXTRA = [HERE / f"heldout{i}" / "annotations.json" for i in range(2, 32)]


class Recorder:
    """Wraps the recogniser's two paths and the detector of `ocr` (module globals, so every caller goes through them)
    and keeps each model run: figure, kind, the input, `allowed`, the reading and its CPU-seconds."""

    def __init__(self, keep: bool) -> None:
        self.keep = keep
        self.figure = "-"
        self.runs: list[dict] = []
        self._glyph, self._free, self._detect = ocr._read_glyph, ocr._read_free, ocr.detect_boxes
        ocr._read_glyph = self.glyph
        ocr._read_free = self.free
        eng = ocr._engine()
        self._det = eng.text_det
        eng.text_det = self.det

    def close(self) -> None:
        """Put the module's functions and the engine's detector back."""
        ocr._read_glyph, ocr._read_free = self._glyph, self._free
        ocr._engine().text_det = self._det

    def _run(self, kind: str, f, image, *args):
        t = time.process_time()
        out = f(image, *args)
        dt = time.process_time() - t
        self.runs.append({"figure": self.figure, "kind": kind, "shape": tuple(image.shape), "allowed": args[0] if args else None,
                          "out": out if kind != "det" else None, "cpu": dt, "image": image.copy() if self.keep else None})
        return out

    def glyph(self, image, allowed):
        return self._run("glyph", self._glyph, image, allowed)

    def free(self, image):
        return self._run("free", self._free, image)

    def det(self, image):
        # the detector as RapidOCR calls it (after its own resizing): the whole-figure pass
        return self._run("det", self._det, image)


def _named_reader(rec: Recorder):
    """`bench_figures.read_bgr`, noting which figure the splitter works on."""
    def read(path):
        rec.figure = f"{Path(path).parent.parent.name}/{Path(path).name}"
        return _read_bgr(path)
    return read


_read_bgr = bf.read_bgr


def record(args) -> int:
    rec = Recorder(keep=True)
    bf.read_bgr = _named_reader(rec)
    reader = bf.CountingReader()
    figs = bf.load_figures()
    verdicts = {}
    total = 0.0
    per_set = []

    def run(label: str, f) -> None:
        nonlocal total
        r0, c0, n0 = reader.calls, reader.cpu, len(rec.runs)
        t = time.process_time()
        f()
        dt = time.process_time() - t
        total += dt
        runs = rec.runs[n0:]
        ocr_cpu = sum(r["cpu"] for r in runs)
        per_set.append((label, reader.calls - r0, runs, dt, ocr_cpu))
        print(f"{label}: read_line calls {reader.calls - r0}, model runs {len(runs)}, OCR CPU {ocr_cpu:.1f} s of {dt:.1f} s",
              flush=True)

    for which in [w for w in args.sets.split(",") if w and w != "none"]:
        names = bf.SETS[f"compound_{which}"]
        lo, hi = bf.SETS[f"grid_seeds_{which}"]
        seeds = range(lo, min(hi, lo + args.grids))

        def built_in(names=names, which=which, seeds=seeds):
            bf.compound(names, figs, bf.new, reader, verdicts, None, which)
            bf.singles(bf.SETS[f"single_{which}"], bf.new, reader)

            def maker(s):
                rec.figure = f"grid/{which}/{s}"
                return bf.make_grid(s)
            bf.grids(seeds, bf.new, reader, maker)
        run(f"built-in {which}", built_in)
    for path in args.set or ([] if args.sets != "tune,held" else DEFAULT_EXTRA):
        if path.parent.name in HELD_OUT:
            raise SystemExit(f"{path.parent.name} is held out: not run")
        entries = bf.load_set(path)
        comp = [e for e in entries if e["panels"] >= 2]
        single = [e["path"] for e in entries if e["panels"] < 2]

        def extra(comp=comp, single=single, path=path):
            bf.compound_entries(comp, bf.new, reader, verdicts, None, f"set-{path.parent.name}")
            bf.singles_at(single, bf.new, reader)
        run(path.parent.name, extra)
    rec.close()
    with open(args.record, "wb") as fh:
        pickle.dump({"sets": [(lab, calls, [dict(r, image=None) for r in runs], dt, oc) for lab, calls, runs, dt, oc in per_set],
                     "runs": rec.runs}, fh)
    summary(per_set, total)
    return 0


def summary(per_set, total: float) -> None:
    print()
    print(f"{'set':22s}{'read_line':>10s}{'glyph':>7s}{'free':>6s}{'det':>5s}{'glyph s':>9s}{'free s':>8s}{'det s':>7s}"
          f"{'OCR s':>8s}{'all s':>8s}{'share':>7s}")
    agg = Counter()
    for lab, calls, runs, dt, oc in per_set:
        n = Counter(r["kind"] for r in runs)
        s = defaultdict(float)
        for r in runs:
            s[r["kind"]] += r["cpu"]
        agg.update({"calls": calls, "glyph": n["glyph"], "free": n["free"], "det": n["det"], "gs": s["glyph"], "fs": s["free"],
                    "ds": s["det"], "oc": oc, "dt": dt})
        print(f"{lab:22s}{calls:>10d}{n['glyph']:>7d}{n['free']:>6d}{n['det']:>5d}{s['glyph']:>9.1f}{s['free']:>8.1f}"
              f"{s['det']:>7.1f}{oc:>8.1f}{dt:>8.1f}{100 * oc / max(dt, 1e-9):>6.0f}%")
    a = agg
    print(f"{'all':22s}{a['calls']:>10d}{a['glyph']:>7d}{a['free']:>6d}{a['det']:>5d}{a['gs']:>9.1f}{a['fs']:>8.1f}"
          f"{a['ds']:>7.1f}{a['oc']:>8.1f}{total:>8.1f}{100 * a['oc'] / max(total, 1e-9):>6.0f}%")
    runs = [r for _, _, rs, _, _ in per_set for r in rs]
    for kind in ("glyph", "free", "det"):
        sh = [r["shape"] for r in runs if r["kind"] == kind]
        if sh:
            h = np.array([s[0] for s in sh])
            w = np.array([s[1] for s in sh])
            ms = 1000 * np.mean([r["cpu"] for r in runs if r["kind"] == kind])
            print(f"{kind}: {len(sh)} runs, {ms:.1f} ms each; input height median {np.median(h):.0f} (max {h.max()}),"
                  f" width median {np.median(w):.0f} (max {w.max()}), width/height median {np.median(w / h):.2f}")


def load_ocr(ref: Path, name: str = "ocr_ref") -> ModuleType:
    """`derm1m_build/ocr.py` of another checkout (or an ocr.py file) as a module of its own: its own engine and memory."""
    path = ref / "derm1m_build" / "ocr.py" if ref.is_dir() else ref
    if not path.is_file():
        raise SystemExit(f"no ocr.py at {ref}")
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _replay_once(mod: ModuleType, runs: list[dict]) -> tuple[list, float, float]:
    """Every recorded crop through `mod.read_line` (memory emptied first) and every detector input through the engine's
    detector: readings, recogniser CPU-s, detector CPU-s."""
    mod._reads.clear()
    out = []
    t = time.process_time()
    for r in runs:
        if r["kind"] != "det":
            out.append(mod.read_line(r["image"], r["allowed"]))
    rec_cpu = time.process_time() - t
    eng = mod._engine()
    t = time.process_time()
    for r in runs:
        if r["kind"] == "det":
            eng.text_det(r["image"])
    return out, rec_cpu, time.process_time() - t


def replay(args) -> int:
    with open(args.replay, "rb") as fh:
        runs = pickle.load(fh)["runs"][::args.every]
    ref = load_ocr(args.ref.resolve())
    mods = {"ref": ref, "now": load_ocr(args.now.resolve(), "ocr_now") if args.now else ocr}
    best = {k: [float("inf"), float("inf")] for k in mods}
    reads = {}
    for i in range(args.rounds):
        order = ("ref", "now") if i % 2 == 0 else ("now", "ref")
        for k in order:
            out, rc, dc = _replay_once(mods[k], runs)
            reads[k] = out
            best[k] = [min(best[k][0], rc), min(best[k][1], dc)]
        print(f"round {i + 1} ({'-'.join(order)}): ref {best['ref'][0]:.1f} s, now {best['now'][0]:.1f} s (best so far)", flush=True)
    crops = [r for r in runs if r["kind"] != "det"]
    figures = len({r["figure"] for r in runs})
    nd = sum(r["kind"] == "det" for r in runs)
    print(f"\n{len(crops)} recogniser crops ({sum(r['kind'] == 'glyph' for r in crops)} glyph, "
          f"{sum(r['kind'] == 'free' for r in crops)} free) and {nd} detector inputs from {figures} figures; best of {args.rounds}")
    for k in mods:
        rc, dc = best[k]
        print(f"  {k:4s} recogniser {rc:6.2f} CPU-s ({1000 * rc / max(len(crops), 1):.1f} ms a read,"
              f" {rc / max(figures, 1) * 1000:.0f} ms a figure), detector {dc:6.2f} CPU-s")
    print(f"  ratio ref/now: recogniser {best['ref'][0] / max(best['now'][0], 1e-9):.2f}x, "
          f"detector {best['ref'][1] / max(best['now'][1], 1e-9):.2f}x, both "
          f"{sum(best['ref']) / max(sum(best['now']), 1e-9):.2f}x")
    text = [(r, a, b) for r, a, b in zip(crops, reads["ref"], reads["now"]) if a[0] != b[0]]
    score = [abs(a[1] - b[1]) for a, b in zip(reads["ref"], reads["now"])]
    print(f"readings with another text or letter: {len(text)} of {len(crops)}; score change: max {max(score, default=0):.4f},"
          f" mean {np.mean(score) if score else 0:.5f}, over 0.01: {sum(s > 0.01 for s in score)}, over 0.05: {sum(s > 0.05 for s in score)}")
    sure = [(r, a, b) for r, a, b in text if max(a[1], b[1]) >= 0.6]
    cross = sum((a[1] >= t) != (b[1] >= t) for a, b in zip(reads["ref"], reads["now"]) for t in (0.6, 0.8, 0.9))
    print(f"  of them with either reading at score >= 0.6 (a label the splitter can take): {len(sure)};"
          f" readings whose score crosses 0.6, 0.8 or 0.9 (the splitter's label thresholds): {cross}")
    for r, a, b in sorted(text, key=lambda t: -max(t[1][1], t[2][1]))[: args.show]:
        print(f"  {r['figure']} {r['kind']} {r['shape']} allowed={r['allowed']}: ref {a} -> now {b}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--record", type=Path, help="run the splitter over the sets, keep every model input in this file")
    ap.add_argument("--replay", type=Path, help="a --record file: read its crops with --ref and this checkout")
    ap.add_argument("--ref", type=Path, help="another checkout (or its ocr.py) for --replay")
    ap.add_argument("--sets", default="tune,held", help="built-in sets (figure_sets.json halves), or none")
    ap.add_argument("--grids", type=int, default=30)
    ap.add_argument("--set", type=Path, action="append", default=[], help="an annotated set (default with --sets tune,held: heldout2-31)")
    ap.add_argument("--now", type=Path, help="for --replay: another ocr.py (or checkout) in place of this checkout's (a lever tried)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--every", type=int, default=1, help="replay every Nth recorded model run (a shorter run)")
    ap.add_argument("--show", type=int, default=30, help="changed readings to print")
    args = ap.parse_args()
    if args.record:
        return record(args)
    if args.replay and args.ref:
        return replay(args)
    ap.error("give --record FILE, or --replay FILE --ref CHECKOUT")
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
