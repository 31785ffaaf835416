"""Every caption of the named figure sets and how the caption reader names its panels by place, one JSON line each.

Run it on two trees and diff the outputs to list every caption whose reading a change moves (a caption-side change
should move few, each to be named and judged):

    PYTHONPATH=. python -m benchmarks.pmc.caption_places --sets 2-32 > after.jsonl

Reads the default figures (`../shared/realdata/figures/figures.jsonl`), the example set and `heldoutN` for the N
given (never name a set that is held out now)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from derm1m_build.pmc.panels.captions import caption_panel_count, split_positions

HERE = Path(__file__).resolve().parent
FIGURES = HERE.parents[1].parent / "shared" / "realdata" / "figures" / "figures.jsonl"


def _captions(obj, out: set[str]) -> None:
    """The non-empty strings under a "caption" key anywhere in `obj`."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "caption" and isinstance(v, str) and v.strip():
                out.add(v)
            else:
                _captions(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _captions(v, out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="", help="held-out set numbers to read, e.g. 2-32 or 2,5,9")
    args = ap.parse_args(argv)
    try:
        nums = [n for part in args.sets.split(",") if part for n in (
            range(int(part.split("-")[0]), int(part.split("-")[1]) + 1) if "-" in part else [int(part)])]
    except ValueError:
        print(f"error: --sets {args.sets!r}: expected numbers and ranges such as 2-32", file=sys.stderr)
        return 2
    caps: set[str] = set()
    if FIGURES.exists():
        for line in FIGURES.read_text().splitlines():
            if line.strip():
                _captions(json.loads(line), caps)
    for path in [HERE / "example_set" / "annotations.json"] + [HERE / f"heldout{n}" / "annotations.json" for n in nums]:
        if not path.exists():
            print(f"error: {path}: no such set", file=sys.stderr)
            return 2
        _captions(json.loads(path.read_text()), caps)
    for c in sorted(caps):
        r = split_positions(c)
        print(json.dumps({"caption": c[:200], "places": None if r is None else [r.lead, r.letters, r.texts],
                          "count": caption_panel_count(c)}, ensure_ascii=False))
    print(f"{len(caps)} captions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
