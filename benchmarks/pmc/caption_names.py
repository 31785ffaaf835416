"""How the caption reader names the panels of every annotated caption: each figure's `caption_names` annotation (the
letter or place the caption gives each panel, null where it gives none) against the names the reader gives, per set,
right / wrong, for this tree and (with `--ref`) another one side by side.

    PYTHONPATH=. python -m benchmarks.pmc.caption_names --sets 4-41 --ref /tmp/main_clone [--show]

The reader is read as `pair` reads it: the marker parse (`split_caption`); with fewer than two letters the places
(`split_positions`); with none, the bare run, figure references, panel references and letter subjects in turn. Fewer
than two names is "names no panel" (`pair` keeps such a figure whole). An annotation naming fewer than two panels is
read the same way. Captions of sets without the annotation (the default sets, sets 2-3, the example set) are counted
as "moved" where the two trees read them differently (`--ref` only). Never name a set that is held out now."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import ModuleType

from benchmarks.pmc.identity import HELD_OUT, load_panels
from derm1m_build.pmc import panels as ours

HERE = Path(__file__).resolve().parent
FIGURES = HERE.parents[1].parent / "shared" / "realdata" / "figures" / "figures.jsonl"


def read_names(mod: ModuleType, caption: str) -> list[str]:
    """The names `pair` reads in `caption` with the package `mod`, lower case, sorted; [] for fewer than two."""
    subs = mod.split_caption(caption)
    if len(subs.letters) < 2:
        places = mod.split_positions(caption)
        if places is not None:
            return sorted(places.letters) if len(places.letters) >= 2 else []
        for fallback in (mod.split_bare_run, mod.split_figure_refs, mod.split_panel_refs, mod.split_letter_subjects):
            if subs.letters:
                break
            subs = fallback(caption)
    return sorted(L.lower() for L in subs.letters) if len(subs.letters) >= 2 else []


def truth_names(names: list) -> list[str]:
    """The annotated names, lower case, sorted; [] when fewer than two panels are named."""
    got = sorted(str(x).lower() for x in names if x)
    return got if len(got) >= 2 else []


def _figures(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("figures", []) if isinstance(data, dict) else data


def _numbers(spec: str) -> list[int]:
    return [n for part in spec.split(",") if part for n in (
        range(int(part.split("-")[0]), int(part.split("-")[1]) + 1) if "-" in part else [int(part)])]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="4-41", help="set numbers to read, e.g. 4-41 or 4,9")
    ap.add_argument("--ref", type=Path, help="another tree (a checkout) read side by side")
    ap.add_argument("--show", action="store_true", help="print every wrong or moved caption")
    args = ap.parse_args(argv)
    try:
        nums = _numbers(args.sets)
    except ValueError:
        print(f"error: --sets {args.sets!r}: expected numbers and ranges such as 4-41", file=sys.stderr)
        return 2
    ref = load_panels(args.ref) if args.ref else None
    totals = {"n": 0, "ours": 0, "ref": 0}
    print(f"{'set':<12} {'captions':>8} {'right ref':>10} {'right ours':>11}")
    for n in nums:
        folder = HERE / f"heldout{n}"
        if folder.name in HELD_OUT:
            print(f"error: {folder.name} is held out", file=sys.stderr)
            return 2
        rows = [f for f in _figures(folder / "annotations.json") if f.get("caption") and "caption_names" in f]
        right = {"ours": 0, "ref": 0}
        for f in rows:
            want = truth_names(f["caption_names"])
            got = {"ours": read_names(ours, f["caption"])}
            if ref is not None:
                got["ref"] = read_names(ref, f["caption"])
            for side, names in got.items():
                right[side] += names == want
            if args.show and (got["ours"] != want or got.get("ref", want) != want):
                print(f"  {folder.name}/{Path(f['file']).name}: want {want} ours {got['ours']} ref {got.get('ref')}"
                      f"\n    {f['caption'][:300]}")
        if rows:
            print(f"{folder.name:<12} {len(rows):>8} {right['ref'] if ref else '-':>10} {right['ours']:>11}")
        totals["n"] += len(rows)
        totals["ours"] += right["ours"]
        totals["ref"] += right["ref"]
    print(f"{'all':<12} {totals['n']:>8} {totals['ref'] if ref else '-':>10} {totals['ours']:>11}")
    if ref is not None:
        caps: list[str] = []
        if FIGURES.exists():
            caps += [json.loads(line).get("caption") or "" for line in FIGURES.read_text().splitlines() if line.strip()]
        for path in [HERE / "example_set" / "annotations.json"] + [HERE / f"heldout{k}" / "annotations.json" for k in (2, 3)]:
            caps += [f.get("caption") or "" for f in _figures(path)]
        caps = sorted({c for c in caps if c.strip()})
        moved = [c for c in caps if read_names(ours, c) != read_names(ref, c)]
        print(f"unannotated captions (default sets, example set, sets 2-3): {len(caps)}, read differently: {len(moved)}")
        for c in moved if args.show else ():
            print(f"  ours {read_names(ours, c)} ref {read_names(ref, c)}\n    {c[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
