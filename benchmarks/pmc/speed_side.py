"""The no-OCR split (`split_panels`) of this checkout against another version of the splitter, side by
side in one process on the same images (the 47 real figures and every 4th single-panel image), in
alternating rounds, best of each: figures per CPU-second and the ratio. Also checks that both give
the same boxes where this checkout's rules did not change them (prints the images that differ).

The reference is a single-file panels.py (versions before the package), a panels/ package folder,
or a checkout holding either (`identity.load_panels`):

    git show 36ee9a5:derm1m_build/pmc/panels.py > /tmp/panels_main.py   # a single-file version
    python -m benchmarks.pmc.speed_side /tmp/panels_main.py [--rounds 5]
    git worktree add --detach /tmp/panels-main main                      # or any checkout
    python -m benchmarks.pmc.speed_side /tmp/panels-main
"""
import argparse
import time
from pathlib import Path

from benchmarks.pmc import bench_figures as bf
from benchmarks.pmc.identity import load_panels
from derm1m_build.pmc import panels as new


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("ref", type=Path, help="another version: a panels.py, a panels/ folder or a checkout")
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    ref = load_panels(a.ref)
    figs = bf.load_figures()
    paths = [bf.SHARED / "figures" / figs[n]["file"] for n in bf.SETS["compound_tune"] + bf.SETS["compound_held"]]
    paths += [bf.single_path(n) for n in (bf.SETS["single_tune"] + bf.SETS["single_held"])[::4]]
    imgs = [bf.read_bgr(p) for p in paths]
    best = {"ref": float("inf"), "now": float("inf")}
    for _ in range(a.rounds):
        for key, mod in (("ref", ref), ("now", new)):
            t = time.process_time()
            for im in imgs:
                mod.split_panels(im)
            best[key] = min(best[key], time.process_time() - t)
    differ = [p.name for p, im in zip(paths, imgs)
              if [b.xyxy for b in ref.split_panels(im)] != [b.xyxy for b in new.split_panels(im)]]
    r, n = len(imgs) / best["ref"], len(imgs) / best["now"]
    print(f"{len(imgs)} images, best of {a.rounds}: reference {r:.1f} figures/CPU-s, this checkout {n:.1f}"
          f" figures/CPU-s (ratio {n / r:.2f}); boxes differ on {len(differ)}: {' '.join(differ)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
