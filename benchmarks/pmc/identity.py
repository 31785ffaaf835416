"""Whether two versions of the splitter give the same answers: the no-OCR `split_panels` boxes (with
and without the caption's panel count) and the `pair` decisions, on every tuning image: the 47 real
figures and the single-panel images of figure_sets.json (both halves, tuning data now), the annotated
sets heldout2-8 and example_set, and the generated derm grids and case-report layouts. Prints, per
group and in all, the number of images whose answers differ (a pure refactor must print 0).

The reference is another version of derm1m_build.pmc.panels: a single-file panels.py, a package
folder, or a checkout (a `git worktree` of main); this checkout's package is the other side. Both
run in one process on the same images; OCR reads (`ocr.read_line`, `ocr.detect_boxes`) are cached
by their input, so the second version asks the recogniser nothing the first did not (a differing
crop is a cache miss and is read afresh, so it still shows as a difference).

    git worktree add /tmp/panels-main main
    python -m benchmarks.pmc.identity /tmp/panels-main [--grids 30] [--layouts 30] [--show 10]

`--rows` compares only what each captioned figure is paired into (the rows: letter and crop per panel,
or the whole figure and its reason), per image, old tree vs new, and prints every image whose rows
differ with both versions' rows, so a change in the letter/line-head pairing is seen figure by figure
(the gutter split is then not compared; uncaptioned images are skipped). `--set PATH` adds another
annotated tuning set (repeatable); `--groups` keeps only the named groups ("real figures", a set's
folder name, "derm grids", "layouts"):

    python -m benchmarks.pmc.identity /tmp/panels-main --rows --groups "real figures" heldout9 \
        --set benchmarks/pmc/heldout9/annotations.json
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np

from benchmarks.pmc import bench_figures as bf
from benchmarks.pmc.derm_grids import make_grid, make_layout
from derm1m_build import ocr
from derm1m_build.pmc import panels as new

HERE = Path(__file__).resolve().parent
# tuning sets only: sets 2-8 were each run once as held out and are tuned on since; the sets after
# them are held out and are never named here
SETS = [HERE / f"heldout{i}" / "annotations.json" for i in range(2, 9)] + [HERE / "example_set" / "annotations.json"]
# sets still held out: `--set` refuses them (add a set's folder here when it is frozen)
HELD_OUT: set[str] = {"heldout43"}  # add a set here when it is frozen; sets 19-42 were each run once (2026-12-06/07), tuning data since


def load_panels(ref: Path, name: str = "panels_ref") -> ModuleType:
    """The splitter at `ref` as a module: a panels.py file, a panels/ package folder, or a checkout
    holding derm1m_build/pmc/panels(.py|/). One-line error when there is none."""
    ref = ref.resolve()
    if ref.is_dir() and not (ref / "__init__.py").exists():
        pmc = ref / "derm1m_build" / "pmc"
        ref = pmc / "panels.py" if (pmc / "panels.py").exists() else pmc / "panels"
    if ref.is_dir() and (ref / "__init__.py").exists():
        spec = importlib.util.spec_from_file_location(name, ref / "__init__.py", submodule_search_locations=[str(ref)])
    elif ref.is_file():
        spec = importlib.util.spec_from_file_location(name, ref)
    else:
        raise SystemExit(f"no panels.py or panels/ package at {ref}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses and relative imports look their module up there
    spec.loader.exec_module(mod)
    return mod


def _key(img: np.ndarray, *rest) -> str:
    h = hashlib.sha1(np.ascontiguousarray(img).tobytes())
    h.update(repr((img.shape, str(img.dtype), rest)).encode())
    return h.hexdigest()


def cache_ocr() -> dict:
    """Memoise the recogniser and the text detector in place (both versions look them up on the
    `ocr` module at call time); returns the counts of reads and cache hits."""
    read, boxes, memo, count = ocr.read_line, ocr.detect_boxes, {}, {"calls": 0, "hits": 0}

    def read_line(image, allowed=None):
        k = _key(image, "read", allowed)
        count["calls"] += 1
        if k in memo:
            count["hits"] += 1
        else:
            memo[k] = read(image, allowed)
        return memo[k]

    def detect_boxes(image):
        k = _key(image, "detect")
        count["calls"] += 1
        if k in memo:
            count["hits"] += 1
        else:
            memo[k] = boxes(image)
        return memo[k]

    ocr.read_line, ocr.detect_boxes = read_line, detect_boxes
    return count


def answers(mod: ModuleType, img: np.ndarray, caption: str | None) -> dict:
    """Everything the splitter decides for one image, as plain data."""
    out = {"boxes": [b.xyxy for b in mod.split_panels(img)]}
    hint = new.caption_panel_count(caption)
    if hint:
        out["boxes_hint"] = [b.xyxy for b in mod.split_panels(img, hint)]
    if caption:
        p, _ = mod.pair(img, caption, read=ocr.read_line, detect=mod.label_texts)
        out["pair"] = mod.decisions(p)
    return out


def rows(mod: ModuleType, img: np.ndarray, caption: str) -> list[tuple]:
    """The rows one version pairs a captioned figure into: (letter, box) per panel in emitted order,
    or one ("whole", reason)."""
    p, _ = mod.pair(img, caption, read=ocr.read_line, detect=mod.label_texts)
    return [(d["letter"], tuple(d["box"])) if "letter" in d else ("whole", d["reason"]) for d in mod.decisions(p)]


def show_rows(r: list[tuple]) -> str:
    return " ".join(f"{L}{list(b)}" if L != "whole" else f"whole ({b})" for L, b in r)


def images(grids: int, layouts: int, extra: list[Path] = ()):
    """(group, name, loader, caption) for every tuning image."""
    figs = bf.load_figures()
    for n in bf.SETS["compound_tune"] + bf.SETS["compound_held"]:
        yield "real figures", n, (lambda n=n: bf.read_bgr(bf.SHARED / "figures" / figs[n]["file"])), figs[n].get("caption")
    for n in bf.SETS["single_tune"] + bf.SETS["single_held"]:
        yield "single images", n, (lambda n=n: bf.read_bgr(bf.single_path(n))), None
    for path in list(SETS) + [p for p in extra if p.resolve() not in {q.resolve() for q in SETS}]:
        for e in bf.load_set(path):
            yield path.parent.name, e["name"], (lambda p=e["path"]: bf.read_bgr(p)), e.get("caption")
    for which in ("tune", "held"):
        lo, hi = bf.SETS[f"grid_seeds_{which}"]
        for s in range(lo, min(hi, lo + grids)):
            g = make_grid(s)
            yield "derm grids", f"grid{s}", (lambda g=g: g.image), g.caption
    for s in range(layouts):  # seeds 0-99 are the tuning layouts
        g = make_layout(s)
        yield "layouts", f"layout{s}", (lambda g=g: g.image), g.caption


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("ref", type=Path, help="the reference: a panels.py, a panels/ folder or a checkout (git worktree)")
    ap.add_argument("--grids", type=int, default=30, help="derm grids per figure_sets.json seed range")
    ap.add_argument("--layouts", type=int, default=30, help="case-report layouts, seeds 0..N-1 (at most 100: tuning)")
    ap.add_argument("--show", type=int, default=10, help="names of differing images to print")
    ap.add_argument("--rows", action="store_true",
                    help="compare the rows each captioned figure is paired into, per image, and print those that differ")
    ap.add_argument("--set", type=Path, action="append", default=[], help="another annotated tuning set (repeatable)")
    ap.add_argument("--groups", nargs="+", help="only these groups")
    a = ap.parse_args()
    if a.layouts > 100:
        raise SystemExit("--layouts: seeds 100+ are kept back; at most 100")
    for p in a.set:
        if p.resolve().parent.name in HELD_OUT:
            raise SystemExit(f"--set {p}: a held-out set is not run here")
        if not p.is_file():
            raise SystemExit(f"--set {p}: no such file")
    old = load_panels(a.ref)
    count = cache_ocr()
    total: dict[str, list[int]] = {}
    differ = []
    for group, name, load, caption in images(a.grids, a.layouts, a.set):
        if a.groups and group not in a.groups:
            continue
        if a.rows and not caption:
            continue
        img = load()
        if a.rows:
            before, after = rows(old, img, caption), rows(new, img, caption)
            same = before == after
            if not same:
                print(f"{group}/{name}\n  old: {show_rows(before)}\n  new: {show_rows(after)}")
        else:
            same = answers(old, img, caption) == answers(new, img, caption)
        t = total.setdefault(group, [0, 0])
        t[0] += 1
        t[1] += not same
        if not same:
            differ.append(f"{group}/{name}")
    for group, (n, d) in total.items():
        print(f"{group:16s} {n:4d} images, {d} differ")
    n_all = sum(n for n, _ in total.values())
    print(f"all              {n_all:4d} images, {len(differ)} differ"
          f" (OCR: {count['calls']} reads, {count['hits']} from the cache)")
    if differ:
        print("differ:", " ".join(differ[:a.show]))
    print(json.dumps({"images": n_all, "differ": len(differ)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
