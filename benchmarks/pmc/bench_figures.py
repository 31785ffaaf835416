"""Compound-figure splitting: derm1m_build.pmc.panels against the splitter it replaced, side by side.

Data (none written for this benchmark):
- 47 real published compound figures with panel counts and captions (../shared/realdata/figures);
- single-panel images: the 173 real photographs (../shared/realdata/photos) and the sample images
  that ship with scikit-image and matplotlib (photos, micrographs, text pages, a chessboard);
- dermatology photo grids composed from the real photographs (benchmarks/pmc/derm_grids.py), whose
  panel boxes and letters are known exactly.
Each is split into a tuning set and a held-out set, frozen before tuning (figure_sets.json); the two
are reported separately.

Whether a real figure's rows carry the right crops cannot be computed (there are no ground-truth
boxes), so it is judged by eye: `--review DIR` draws every figure's rows (box + letter) into DIR, and
row_verdicts.json records the verdict for exactly those rows (keyed by a digest of letters and boxes;
a changed split needs a new look and is counted "unjudged").

    python -m benchmarks.pmc.bench_figures                # both sets, with OCR
    python -m benchmarks.pmc.bench_figures --review .bench/pmc-review
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import cv2
import numpy as np

from benchmarks.pmc import baseline_panels as old
from benchmarks.pmc.derm_grids import make_grid
from derm1m_build.pmc import panels as new

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared" / "realdata"
SETS = json.loads((HERE / "figure_sets.json").read_text())
VERDICTS = HERE / "row_verdicts.json"


def load_figures() -> dict[str, dict]:
    out = {}
    for line in (SHARED / "figures" / "figures.jsonl").read_text().splitlines():
        d = json.loads(line)
        out[Path(d["file"]).name] = d
    return out


def single_path(name: str) -> Path:
    if ":" in name:
        pkg, f = name.split(":", 1)
        mod = __import__(pkg)
        base = Path(mod.__file__).parent
        return base / "data" / f if pkg == "skimage" else base / "mpl-data" / "sample_data" / f
    return SHARED / "photos" / name


def read_bgr(path: Path) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if img is None:
        raise SystemExit(f"cannot read {path}")
    return img


def rows_key(panels) -> str:
    spec = [[L, [b.x, b.y, b.w, b.h]] for L, b, _ in panels]
    return hashlib.sha1(json.dumps(spec).encode()).hexdigest()[:12]


def iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


def xyxy(b) -> tuple[int, int, int, int]:
    return b.x, b.y, b.x + b.w, b.y + b.h


class CountingReader:
    """The OCR function, counted and timed (CPU seconds)."""

    def __init__(self) -> None:
        from derm1m_build.ocr import read_line
        self.read_line, self.calls, self.cpu = read_line, 0, 0.0

    def __call__(self, rgb, *allowed):
        t = time.process_time()
        try:
            return self.read_line(rgb, *allowed)
        finally:
            self.calls += 1
            self.cpu += time.process_time() - t


def draw_review(img: np.ndarray, panels, path: Path, title: str) -> None:
    out = img.copy()
    for L, b, _ in panels:
        cv2.rectangle(out, (b.x, b.y), (b.x + b.w - 1, b.y + b.h - 1), (0, 0, 255), 3)
        cv2.putText(out, L, (b.x + b.w // 2, b.y + b.h // 2), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (0, 0, 255), 4)
    cv2.putText(out, title, (5, out.shape[0] - 8), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (255, 0, 0), 2)
    cv2.imwrite(str(path), out)


def compound(names: list[str], figs: dict[str, dict], mod, reader, verdicts: dict, review: Path | None, tag: str) -> dict:
    n = exact = exact_prior = captioned = rows_ok = rows_wrong = unjudged = wrong_rows = 0
    notes: dict[str, int] = {}
    detail = []
    for name in names:
        d = figs[name]
        img = read_bgr(SHARED / "figures" / d["file"])
        n += 1
        k = len(mod.split_panels(img))
        exact += k == d["panels"]
        hint = new.caption_panel_count(d.get("caption"))
        k_prior = len(mod.split_panels(img, hint)) if mod is new and hint else k
        exact_prior += k_prior == d["panels"]
        if not d.get("caption"):
            detail.append((name, d["panels"], k, k_prior, "-"))
            continue
        captioned += 1
        p, _ = mod.pair(img, d["caption"]) if mod is old else mod.pair(img, d["caption"], read=reader)
        if not p.panels:
            reason = (p.note or "no_letters").split(":")[0]
            notes[reason] = notes.get(reason, 0) + 1
            detail.append((name, d["panels"], k, k_prior, f"whole ({p.note})"))
            continue
        key = rows_key(p.panels)
        v = verdicts.get(name, {}).get(key) if isinstance(verdicts.get(name), dict) else None
        if v is None:
            unjudged += 1
        elif v == "ok":
            rows_ok += 1
        else:
            rows_wrong += 1
            wrong_rows += int(v.split(":")[1]) if ":" in v else len(p.panels)
        if review is not None:
            draw_review(img, p.panels, review / f"{tag}__{name}__{key}.png", f"{name} {key}")
        detail.append((name, d["panels"], k, k_prior, f"rows {''.join(L for L, _, _ in p.panels)} [{key}] {v or 'unjudged'}"))
    return {"n": n, "exact": exact, "exact_prior": exact_prior, "captioned": captioned, "rows_ok": rows_ok, "rows_wrong": rows_wrong,
            "wrong_rows": wrong_rows, "unjudged": unjudged, "notes": notes, "detail": detail}


def singles(names: list[str], mod) -> dict:
    kept = 0
    for name in names:
        kept += len(mod.split_panels(read_bgr(single_path(name)))) == 1
    return {"n": len(names), "kept": kept}


def grids(seeds: range, mod, reader) -> dict:
    split_ok = paired_ok = wrong = 0
    for s in seeds:
        g = make_grid(s)
        boxes = [xyxy(b) for b in mod.split_panels(g.image)]
        split_ok += len(boxes) == len(g.boxes) and all(max(iou(t, b) for b in boxes) >= 0.85 for t in g.boxes)
        p, _ = mod.pair(g.image, g.caption) if mod is old else mod.pair(g.image, g.caption, read=reader)
        truth = dict(zip(g.letters, g.boxes))
        good = [iou(truth[L], xyxy(b)) >= 0.85 if L in truth else False for L, b, _ in p.panels]
        paired_ok += len(p.panels) == len(g.boxes) and all(good)
        wrong += not all(good)
    return {"n": len(seeds), "split_ok": split_ok, "paired_ok": paired_ok, "wrong": wrong}


def speed(paths: list[Path], mod, rounds: int = 3) -> float:
    imgs = [read_bgr(p) for p in paths]
    best = None
    for _ in range(rounds):
        t = time.process_time()
        for im in imgs:
            mod.split_panels(im)
        dt = time.process_time() - t
        best = dt if best is None else min(best, dt)
    return len(imgs) / best


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f} %)" if b else "-"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="tune,held")
    ap.add_argument("--grids", type=int, default=30, help="grids per set (seeds from figure_sets.json)")
    ap.add_argument("--review", type=Path, default=None)
    ap.add_argument("--detail", action="store_true")
    args = ap.parse_args()
    figs = load_figures()
    verdicts = json.loads(VERDICTS.read_text()) if VERDICTS.exists() else {}
    if args.review:
        args.review.mkdir(parents=True, exist_ok=True)
    reader = CountingReader()
    for which in args.sets.split(","):
        names = SETS[f"compound_{which}"]
        lo, hi = SETS[f"grid_seeds_{which}"]
        seeds = range(lo, min(hi, lo + args.grids))
        print(f"== {which} set: {len(names)} real compound figures, {len(SETS[f'single_{which}'])} single-panel images,"
              f" {len(seeds)} generated derm grids")
        res = {}
        for label, mod in (("before (baseline)", old), ("now", new)):
            calls0, cpu0 = reader.calls, reader.cpu
            t = time.process_time()
            c = compound(names, figs, mod, reader, verdicts, args.review, which)
            s = singles(SETS[f"single_{which}"], mod)
            g = grids(seeds, mod, reader)
            res[label] = (c, s, g, reader.calls - calls0, reader.cpu - cpu0, time.process_time() - t)
        print(f"{'':46s}{'before (baseline)':>24s}{'now':>24s}")
        rows = [
            ("exact panel count, compound figures", lambda c, s, g: pct(c["exact"], c["n"])),
            ("  the same, caption's letter count as a prior", lambda c, s, g: pct(c["exact_prior"], c["n"])),
            ("captioned compound -> correct per-panel rows", lambda c, s, g: pct(c["rows_ok"], c["captioned"])),
            ("figures with a wrong-crop row (rows)", lambda c, s, g: f"{c['rows_wrong']} ({c['wrong_rows']})"),
            ("rows not yet judged by eye (figures)", lambda c, s, g: str(c["unjudged"])),
            ("single-panel images kept whole", lambda c, s, g: pct(s["kept"], s["n"])),
            ("derm grids split exactly", lambda c, s, g: pct(g["split_ok"], g["n"])),
            ("derm grids split exactly, letters matched", lambda c, s, g: pct(g["paired_ok"], g["n"])),
            ("derm grids with a wrong-crop row", lambda c, s, g: str(g["wrong"])),
        ]
        for title, f in rows:
            print(f"{title:46s}" + "".join(f"{f(*res[k][:3]):>24s}" for k in res))
        c, _, _, calls, cpu, total = res["now"]
        print(f"OCR (now): {calls} corner reads, {cpu:.1f} CPU-s ({cpu / max(calls, 1) * 1000:.0f} ms each);"
              f" whole-figure reasons: {json.dumps(c['notes'])}")
        if args.detail:
            for k in res:
                print(f"  -- {k}")
                for row in res[k][0]["detail"]:
                    print("    ", *row)
    paths = [SHARED / "figures" / figs[n]["file"] for n in SETS["compound_tune"] + SETS["compound_held"]]
    paths += [single_path(n) for n in (SETS["single_tune"] + SETS["single_held"])[::4]]
    print(f"== speed, gutter split only (no OCR), {len(paths)} images (47 real figures + every 4th single), best of 3:"
          f" before {speed(paths, old):.1f} figures/CPU-s, now {speed(paths, new):.1f} figures/CPU-s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
