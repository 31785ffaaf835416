"""Tuning-only quick look at the no-OCR panel count (`split_panels`): the real compound figures
(pieces / panels, per figure), single-panel images and grid seeds (never seeds 100-199;
bench_figures reports those). `--save F` / `--diff F` keep every box so a change can be checked to
leave the other figures' boxes as they were.

`--sets tune,held` (the default) takes both halves of figure_sets.json: the old held-out half was
looked at 9 times by 2026-12-04 and is tuning data since (a fresh frozen set is evaluated with
`bench_figures --set`).

    python -m benchmarks.pmc.tune_count [--sets tune,held] [--seeds 0-29] [--save F | --diff F]
"""
import argparse
import json
import time

from benchmarks.pmc import bench_figures as bf
from benchmarks.pmc.derm_grids import make_grid
from derm1m_build.pmc import panels as new


def rng(s: str) -> list[int]:
    out: list[int] = []
    for part in filter(None, s.split(",")):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return [x for x in out if not 100 <= x < 200]  # held-out seeds are never tuned on


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="0-29")
    ap.add_argument("--save", default="")
    ap.add_argument("--diff", default="")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--sets", default="tune,held")
    ap.add_argument("--set", type=bf.Path, action="append", default=[], help="an extra annotated set (all tuning now)")
    a = ap.parse_args()
    figs = bf.load_figures()
    boxes: dict[str, list] = {}
    t = time.process_time()
    exact = exact_prior = 0
    sets = a.sets.split(",")
    names = [n for w in sets for n in bf.SETS[f"compound_{w}"]]
    for n in names:
        img = bf.read_bgr(bf.SHARED / "figures" / figs[n]["file"])
        b = [bf.xyxy(x) for x in new.split_panels(img)]
        hint = new.caption_panel_count(figs[n].get("caption"))
        bp = [bf.xyxy(x) for x in new.split_panels(img, hint)] if hint else b
        boxes[n] = b
        boxes[n + ":prior"] = bp
        exact += len(b) == figs[n]["panels"]
        exact_prior += len(bp) == figs[n]["panels"]
        if not a.quiet:
            print(f"{'T' if n in bf.SETS['compound_tune'] else 'H'} {n[:50]:50s} {len(b):3d} / {figs[n]['panels']:2d} {'ok' if len(b) == figs[n]['panels'] else '  '}"
                  f"  with the caption's count ({hint}): {len(bp)}")
    extra = [e for path in a.set for e in bf.load_set(path)]
    for e in extra:
        if e["panels"] < 2:
            continue
        img = bf.read_bgr(e["path"])
        n = e["name"]
        b = [bf.xyxy(x) for x in new.split_panels(img)]
        hint = new.caption_panel_count(e["caption"])
        bp = [bf.xyxy(x) for x in new.split_panels(img, hint)] if hint else b
        boxes[n] = b
        boxes[n + ":prior"] = bp
        names.append(n)
        exact += len(b) == e["panels"]
        exact_prior += len(bp) == e["panels"]
    kept = 0
    bad_single = []
    single_names = [n for w in sets for n in bf.SETS[f"single_{w}"]]
    single_paths = {n: bf.single_path(n) for n in single_names}
    for e in extra:
        if e["panels"] < 2:
            single_names.append(e["name"])
            single_paths[e["name"]] = e["path"]
    for n in single_names:
        b = [bf.xyxy(x) for x in new.split_panels(bf.read_bgr(single_paths[n]))]
        boxes[n] = b
        kept += len(b) == 1
        if len(b) != 1:
            bad_single.append(f"{n}:{len(b)}")
    split = split_prior = 0
    bad_grid = []
    seeds = rng(a.seeds)
    for s in seeds:
        g = make_grid(s)
        b = [bf.xyxy(x) for x in new.split_panels(g.image)]
        bp = [bf.xyxy(x) for x in new.split_panels(g.image, new.caption_panel_count(g.caption))]
        boxes[f"grid{s}"] = b
        ok = len(b) == len(g.boxes) and all(max(bf.iou(t_, x) for x in b) >= 0.85 for t_ in g.boxes)
        okp = len(bp) == len(g.boxes) and all(max(bf.iou(t_, x) for x in bp) >= 0.85 for t_ in g.boxes)
        split += ok
        split_prior += okp
        if not ok or not okp:
            bad_grid.append(f"{s}:{len(b)}{'/' if ok == okp else '->' + str(len(bp)) + ('ok' if okp else 'BAD') + '/'}"
                            f"{len(g.boxes)}")
    cpu = time.process_time() - t
    print(f"tuning compound exact {exact}/{len(names)} (caption prior {exact_prior}); singles kept {kept}/{len(single_names)} "
          f"(split: {' '.join(bad_single)}); grids split {split}/{len(seeds)} (caption prior {split_prior}) (bad: {' '.join(bad_grid)}); "
          f"{cpu:.1f} CPU-s")
    if a.save:
        with open(a.save, "w") as f:
            json.dump(boxes, f)
    if a.diff:
        with open(a.diff) as f:
            old = json.load(f)
        for k in boxes:
            if k in old and [list(x) for x in boxes[k]] != old[k]:
                print("changed:", k, len(old[k]), "->", len(boxes[k]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
