"""Which compound figures whose caption names their panels do not get right rows, grouped by cause.

Reads the `--detail` output of `bench_figures` (one file a run; any number of runs, any sets) and the sets'
annotations, and prints, for every compound figure whose caption names its panels and whose "now" line is
not right rows, its whole-figure reason (`positions_disagree`, `letters_not_found`, `letters_disagree`,
`label_off_panel`, ...) or its rows' verdict (`wrong:N`, `loose`, `group`, unjudged): a table grouped by
cause, the largest group first, then the figures of each group.

Which captions name their panels: the annotated decision `rows` where a set has it (true: names every
panel; false: names none; null: unsure, listed apart); where a set has no `rows` but `caption_names` (one
name a panel, null where the caption gives none), every panel named, none named when all are null, else unsure; sets with neither (2-4) count a figure
as named when its annotated printed letters are one a panel and each stands in the caption as a marker ("(a",
"a)", "a.", "a,", "a:"), else unsure; and
the built-in sets (`== tune set` / `== held set`) every captioned compound figure (no annotation says more).

    for N in 2 3 ... 29; do python -m benchmarks.pmc.bench_figures --sets none --grids 0 --no-speed --detail \
        --set benchmarks/pmc/heldout$N/annotations.json > /tmp/detail/set$N.txt; done
    python -m benchmarks.pmc.missed_rows /tmp/detail/*.txt [--markdown]

or, cheaper (`pair` alone on the figures that matter, no baseline, count or singles), detail lines first:

    python -m benchmarks.pmc.missed_rows --run benchmarks/pmc/heldout7/annotations.json > /tmp/detail/set7.txt
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
_HEADER = re.compile(r"^== (?:extra set (\S+):|(tune|held) set:)")
_LINE = re.compile(r"^\s+(\S+) (\d+|single) (\d+) (\d+) (.*)$")


def _annotations(path: str) -> dict[str, dict]:
    p = Path(path)
    if not p.is_absolute() and not p.exists():
        p = HERE.parents[1] / p
    data = json.loads(p.read_text(encoding="utf-8"))
    data = data if isinstance(data, list) else data.get("figures") or data.get("entries") or []
    return {(d.get("name") or Path(d.get("file") or d.get("image")).name): d for d in data}


def named(entry: dict | None) -> str:
    """"named", "unnamed" or "unsure" for one annotated captioned compound figure (see the module docstring)."""
    if entry is None:
        return "named"  # a built-in set: every captioned compound figure
    if "rows" in entry:
        return {True: "named", False: "unnamed"}.get(entry["rows"], "unsure")
    names = entry.get("caption_names")
    if names is not None:
        if names and all(n is None for n in names):
            return "unnamed"
        return "named" if names and all(n is not None for n in names) else "unsure"
    letters = entry.get("letters") or []
    caption = entry.get("caption") or ""
    if not letters or len(letters) != int(entry.get("panels") or 0):
        return "unsure"
    marked = all(re.search(r"(?:\(\s*|(?<![A-Za-z0-9]))" + re.escape(L) + r"(?:\s*[),.:;]|\s*[-\u2013,]\s*[a-zA-Z]\))",
                           caption, re.IGNORECASE) for L in set(letters))
    return "named" if marked else "unsure"


def cause(result: str) -> str | None:
    """The cause of a miss from a detail line's decision, or None for right rows."""
    if result.startswith("whole"):
        m = re.match(r"whole \(([a-z_]+)", result)
        return m.group(1) if m else "whole"
    m = re.match(r"rows \S+ \[[0-9a-f]+\] (\S+)", result)
    verdict = m.group(1) if m else "unjudged"
    if verdict == "ok":
        return None
    return "wrong_crop" if verdict.startswith("wrong") else verdict


def misses(files: list[Path]) -> tuple[list[dict], dict[str, list[int]]]:
    """Every missed figure ({set, name, cause, result, kind}) and per set [named, named right rows]."""
    out, tally = [], defaultdict(lambda: [0, 0])
    for f in files:
        current = None
        ann: dict[str, dict] = {}
        section = None
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            h = _HEADER.match(line)
            if h:
                current = Path(h.group(1)).parent.name if h.group(1) else f"default-{h.group(2)}"
                ann = _annotations(h.group(1)) if h.group(1) else {}
                section = None
                continue
            if line.strip().startswith("-- "):
                section = line.strip()[3:]
                continue
            m = _LINE.match(line)
            if not m or section != "now" or current is None or m.group(2) == "single":
                continue
            name, result = m.group(1), m.group(5)
            if result == "-":
                continue  # no caption
            kind = named(ann.get(name) if ann else None)
            if kind == "unnamed":
                continue
            c = cause(result)
            if kind == "named":
                tally[current][0] += 1
                tally[current][1] += c is None
            if c is not None:
                out.append({"set": current, "name": name, "cause": c, "result": result, "kind": kind})
    return out, dict(tally)


def run_set(path: Path, out) -> None:
    """`pair` alone (with the OCR reader) on the captioned compound figures of one annotated set that are not
    annotated as naming no panel, each judged as `bench_figures` judges rows, written as its `--detail` "now"
    lines: the same table at a fraction of the full benchmark's cost (no naive baseline, no count, no singles)."""
    from benchmarks.pmc import bench_figures as bf

    reader = bf.CountingReader()
    ann = _annotations(str(path))
    print(f"== extra set {path}: (missed_rows --run: named and unsure captioned compound figures only)", file=out)
    print("  -- now", file=out)
    for d in bf.load_set(path):
        if d["panels"] < 2 or not d.get("caption") or named(ann.get(d["name"])) == "unnamed":
            continue
        img = bf.read_bgr(d["path"])
        p, _ = bf.new.pair(img, d["caption"], read=reader, detect=reader.detect, heads=reader.heads)
        if not p.panels:
            result = f"whole ({p.note})"
        else:
            v = bf.judge_rows([(L, bf.xyxy(b)) for L, b, _ in p.panels], d["boxes"]) if d.get("boxes") else None
            result = f"rows {''.join(L for L, _, _ in p.panels)} [{bf.rows_key(p.panels)}] {v or 'unjudged'}"
        print(f"     {d['name']} {d['panels']} 0 0 {result}", file=out, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", type=Path, help="bench_figures --detail outputs (or, with --run, annotation files)")
    ap.add_argument("--run", action="store_true", help="the files are annotated sets: pair their figures here and "
                                                       "print the detail lines (`run_set`) instead of the table")
    ap.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = ap.parse_args()
    missing = [f for f in args.files if not f.is_file()]
    if missing:
        print(f"error: no such file: {missing[0]}", file=sys.stderr)
        return 2
    if args.run:
        for f in args.files:
            run_set(f, sys.stdout)
        return 0
    rows, tally = misses(args.files)
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[(r["cause"] if r["kind"] == "named" else f"{r['cause']} (caption unsure)")].append(r)
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    print("per set, captions naming every panel: right rows")
    for s in sorted(tally, key=lambda s: (not s.startswith("default"), int(re.sub(r"\D", "", s) or 0))):
        n, ok = tally[s]
        print(f"  {s:16s} {ok}/{n}" + (f" ({100 * ok / n:.0f} %)" if n else ""))
    if args.markdown:
        print("\n| cause | figures | which (set: figure) |\n|---|---:|---|")
        for k in order:
            print(f"| {k} | {len(groups[k])} | " + ", ".join(f"{r['set'].replace('heldout', '')}: `{r['name']}`"
                                                          for r in groups[k]) + " |")
        return 0
    for k in order:
        print(f"\n{k}: {len(groups[k])}")
        for r in groups[k]:
            print(f"  {r['set']:12s} {r['name']:34s} {r['result']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
