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
    python -m benchmarks.pmc.bench_figures --sets none --grids 0 --set PATH/annotations.json

`--set PATH` (repeatable) evaluates an extra annotated set with the same table lines (`load_set`
describes its format). Where a figure's panel boxes are annotated, its rows are judged by them
(`judge_rows`): right when every row's crop overlaps the annotated box of the same letter with IoU
>= ROW_OK, a wrong crop when any row's IoU with the box of its letter is under ROW_WRONG (or its
letter is not annotated); without boxes, row_verdicts.json is used as for the built-in sets.
Rows named by position that are fewer than the annotated panels ("Upper panels: ...", "Lower panels:
..." over a 2 x 3 lattice whose six facets are annotated) are judged by `judge_group`: each row's
crop against the union of the annotated boxes it holds; right ones are counted on their own line
("rows naming groups of panels"), neither as per-panel rows nor as wrong crops.

`--layouts LO-HI` adds the generated case-report layouts (`derm_grids.make_layout`: a big photo
beside or over small ones, clinical + dermoscopy pairs, 1-3 px rules, rows of unequal height, JPEG;
seeds 0-99 tune, 100-199 kept back).
The old "held" half of figure_sets.json has been looked at 9 times (by 2026-12-04) and is
tuning data since; so is `benchmarks/pmc/heldout2/` (58 figures), run once as a held-out set on
2026-12-04 12:58 UTC and tuned on from 13:00 UTC that day: its lines are tuning figures, not
held-out ones.

The panel count (exact count, boxes right, singles kept whole) is `panels.count_panels` with the OCR reader: the
gutter split, or the panels the figure's printed sub-caption lines ("(a) ...") name where they name every panel and
the gutters count otherwise (since round 40; before it `split_panels` alone). The baseline and a tree without
`count_panels` are counted by `split_panels`. The speed line is the gutter split alone, no OCR.

With `--detail`, every figure gets a line (true panels, pieces, pieces with the caption's count,
decision), and so does every single-panel image of an extra set (of the built-in sets' ~100 photos
only those split): pieces and boxes, so a single taken apart can be seen.
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
from benchmarks.pmc.derm_grids import make_grid, make_layout
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


ROW_OK = 0.7     # a row whose crop overlaps its letter's annotated box at least this much is right
ROW_WRONG = 0.5  # under this, the row carries a crop that is not its panel (a wrong crop)


def load_set(path: Path) -> list[dict]:
    """An annotated set of figures: a JSON list (or {"figures": [...]}, or JSON Lines) of entries with
    `file` (or `image`: absolute, relative to the annotation file's folder, to
    ../shared/realdata/figures or to ../shared/realdata), `panels` (or `panel_count`), optional `letters` (a list or a string:
    "ABCD"), `caption`, `boxes` ([x0, y0, x1, y1] per panel, in the order of `letters`, or a
    {letter: box} mapping) and `name`. Entries with one panel are single-panel images (kept whole
    is right), and `rows` (the annotated decision: true, false or null; `tally_annotated`). Returns the entries
    normalised: name, path, panels, letters, caption, boxes (dict or None), rows (None when not annotated)."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = [json.loads(line) for line in text.splitlines() if line.strip()]
    if isinstance(data, dict):
        data = [data] if ("file" in data or "image" in data) else \
            (data.get("figures") or data.get("entries") or data.get("images") or [])
    out = []
    for d in data:
        f = d.get("file") or d.get("image") or d.get("path")
        p = Path(f)
        if not p.is_absolute():
            p = next((q for q in (path.parent / f, SHARED / "figures" / f, SHARED / f) if q.exists()), path.parent / f)
        n = d.get("panels", d.get("panel_count"))
        letters = d.get("letters") or []
        letters = list(letters) if isinstance(letters, str) else [str(x) for x in letters]
        letters = [x.upper() for x in letters]
        boxes = d.get("boxes")
        if isinstance(boxes, dict):
            boxes = {k.upper(): tuple(v) for k, v in boxes.items()}
        elif boxes and letters and len(boxes) == len(letters):
            boxes = {L: tuple(b) for L, b in zip(letters, boxes)}
        elif boxes:
            boxes = {str(i): tuple(b) for i, b in enumerate(boxes)}  # unlettered: count and exact boxes only
        out.append({"name": d.get("name") or Path(f).name, "path": p, "panels": int(n if n is not None else len(letters) or 1),
                    "letters": letters, "caption": d.get("caption"), "boxes": boxes or None, "rows": d.get("rows")})
    return out


def tally_annotated(tally: dict, rows: bool | None, emitted: bool, verdict: str | None) -> None:
    """Count one captioned compound figure against its annotated decision (sets 6 on annotate `rows`: true where
    the caption names every panel, false where it names none, null where unsure). The headline rows figure divides by
    every captioned compound figure, so a figure whose caption names no panel counts as a miss even when kept whole,
    which is the right output; these two counts say how each kind fared: named -> right rows, unnamed -> kept whole."""
    if rows is True:
        tally["named"] = tally.get("named", 0) + 1
        tally["named_ok"] = tally.get("named_ok", 0) + (emitted and verdict == "ok")
    elif rows is False:
        tally["unnamed"] = tally.get("unnamed", 0) + 1
        tally["unnamed_whole"] = tally.get("unnamed_whole", 0) + (not emitted)


def judge_rows(rows: list[tuple[str, tuple[int, int, int, int]]], truth: dict[str, tuple]) -> str:
    """A row set judged by annotated boxes: "ok" (the caption's panels, each crop IoU >= ROW_OK with
    the box of its letter), "wrong:N" (N rows whose crop has IoU < ROW_WRONG with its letter's box, or
    whose letter has no box), else "loose" (the right panels, some crop cut looser or tighter). Rows
    named by position (words, not letters) are matched to the annotated boxes in order, as many as
    there are (a different number: every row is a wrong crop)."""
    named = bool(rows) and not any(L in truth for L, _ in rows) and all(len(L) > 1 for L, _ in rows)
    if named and len(rows) == len(truth):
        # rows named by position ("left", "top-right"; `split_positions`), in reading order: judged
        # against the annotated boxes in their order (letters or reading order)
        truth = {L: t for (L, _), t in zip(rows, truth.values())}
    elif named and len(rows) < len(truth):
        return judge_group(rows, truth)
    ious = [iou(b, truth[L]) if L in truth else 0.0 for L, b in rows]
    bad = sum(v < ROW_WRONG for v in ious)
    if bad:
        return f"wrong:{bad}"
    if {L for L, _ in rows} == set(truth) and all(v >= ROW_OK for v in ious):
        return "ok"
    return "loose"


def judge_group(rows: list[tuple[str, tuple[int, int, int, int]]], truth: dict[str, tuple]) -> str:
    """Rows named by position that each name a group of annotated panels ("Upper panels: ...",
    "Lower panels: ..." over a 2 x 3 lattice whose six facets are annotated): "group" when every
    annotated box lies (90 % of its area) inside exactly one row's crop, every row holds at least
    one, the groups follow the rows' reading order (each group's first box in annotation order), and
    each crop has IoU >= ROW_OK with the union of its group's boxes; else "wrong:N" (every row)."""
    def inside(t, b) -> float:
        ix = max(0, min(t[2], b[2]) - max(t[0], b[0]))
        iy = max(0, min(t[3], b[3]) - max(t[1], b[1]))
        return ix * iy / max(1, (t[2] - t[0]) * (t[3] - t[1]))

    groups: list[list[int]] = [[] for _ in rows]
    for k, t in enumerate(truth.values()):
        holders = [i for i, (_, b) in enumerate(rows) if inside(t, b) >= 0.9]
        if len(holders) != 1:
            return f"wrong:{len(rows)}"
        groups[holders[0]].append(k)
    if any(not g for g in groups) or [g[0] for g in groups] != sorted(g[0] for g in groups):
        return f"wrong:{len(rows)}"
    boxes = list(truth.values())
    for (_, b), g in zip(rows, groups):
        u = (min(boxes[k][0] for k in g), min(boxes[k][1] for k in g), max(boxes[k][2] for k in g), max(boxes[k][3] for k in g))
        if iou(b, u) < ROW_OK:
            return f"wrong:{len(rows)}"
    return "group"


def exact_boxes(got: list[tuple[int, int, int, int]], truth: dict[str, tuple]) -> bool:
    """The same number of pieces as annotated panels, each annotated box matched by one with IoU >= ROW_OK."""
    return len(got) == len(truth) and all(max((iou(t, b) for b in got), default=0.0) >= ROW_OK for t in truth.values())


class CountingReader:
    """The OCR function, counted and timed (CPU seconds)."""

    def __init__(self) -> None:
        from derm1m_build.ocr import read_line
        self.read_line, self.calls, self.cpu = read_line, 0, 0.0
        self.detects, self.detect_cpu = 0, 0.0

    def __call__(self, rgb, *allowed):
        t = time.process_time()
        try:
            return self.read_line(rgb, *allowed)
        finally:
            self.calls += 1
            self.cpu += time.process_time() - t

    def detect(self, rgb):
        """The figure's label-shaped texts (`panels.label_texts`: the text detector), counted and timed apart (the label-grid
        split runs it only where every other way failed)."""
        t = time.process_time()
        try:
            return new.label_texts(rgb)
        finally:
            self.detects += 1
            self.detect_cpu += time.process_time() - t

    def heads(self, rgb, regions, **kw):
        """The openings of lines inside the pieces (`panels.line_heads`: the same detection pass, kept, and a read a
        line), timed with the text detection (run only after the label-grid split failed)."""
        from derm1m_build.pmc.panels.letters import line_heads
        t = time.process_time()
        try:
            return line_heads(rgb, regions, **kw)
        finally:
            self.detect_cpu += time.process_time() - t


def draw_review(img: np.ndarray, panels, path: Path, title: str) -> None:
    out = img.copy()
    for L, b, _ in panels:
        cv2.rectangle(out, (b.x, b.y), (b.x + b.w - 1, b.y + b.h - 1), (0, 0, 255), 3)
        cv2.putText(out, L, (b.x + b.w // 2, b.y + b.h // 2), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (0, 0, 255), 4)
    cv2.putText(out, title, (5, out.shape[0] - 8), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (255, 0, 0), 2)
    cv2.imwrite(str(path), out)


def count(mod, img: np.ndarray, reader=None) -> list:
    """The figure's panel boxes as the module counts them: `count_panels` with the reader where the module
    has it (printed sub-caption lines may name the panels), else the gutter split `split_panels`."""
    if reader is not None and hasattr(mod, "count_panels"):
        return mod.count_panels(img, read=reader)
    return mod.split_panels(img)


def compound(names: list[str], figs: dict[str, dict], mod, reader, verdicts: dict, review: Path | None, tag: str) -> dict:
    entries = [{"name": n, "path": SHARED / "figures" / figs[n]["file"], "panels": figs[n]["panels"],
                "caption": figs[n].get("caption"), "boxes": None} for n in names]
    return compound_entries(entries, mod, reader, verdicts, review, tag)


def compound_entries(entries: list[dict], mod, reader, verdicts: dict, review: Path | None, tag: str) -> dict:
    n = exact = exact_prior = captioned = rows_ok = rows_wrong = unjudged = wrong_rows = rows_group = 0
    boxed = exact_box = loose = 0
    notes: dict[str, int] = {}
    annotated: dict[str, int] = {}
    detail = []
    for d in entries:
        name = d["name"]
        img = read_bgr(d["path"])
        n += 1
        got = count(mod, img, reader)
        k = len(got)
        exact += k == d["panels"]
        if d.get("boxes"):
            boxed += 1
            exact_box += exact_boxes([xyxy(b) for b in got], d["boxes"])
        hint = new.caption_panel_count(d.get("caption"))
        k_prior = len(mod.split_panels(img, hint)) if mod is new and hint else k
        exact_prior += k_prior == d["panels"]
        if not d.get("caption"):
            detail.append((name, d["panels"], k, k_prior, "-"))
            continue
        captioned += 1
        p, _ = mod.pair(img, d["caption"]) if mod is old else mod.pair(img, d["caption"], read=reader, detect=reader.detect, heads=reader.heads)
        if not p.panels:
            reason = (p.note or "no_letters").split(":")[0]
            notes[reason] = notes.get(reason, 0) + 1
            tally_annotated(annotated, d.get("rows"), False, None)
            detail.append((name, d["panels"], k, k_prior, f"whole ({p.note})"))
            continue
        key = rows_key(p.panels)
        if d.get("boxes"):
            v = judge_rows([(L, xyxy(b)) for L, b, _ in p.panels], d["boxes"])
        else:
            v = verdicts.get(name, {}).get(key) if isinstance(verdicts.get(name), dict) else None
        tally_annotated(annotated, d.get("rows"), True, v)
        if v is None:
            unjudged += 1
        elif v == "loose":
            loose += 1
        elif v == "ok":
            rows_ok += 1
        elif v == "group":
            rows_group += 1
        else:
            rows_wrong += 1
            wrong_rows += int(v.split(":")[1]) if ":" in v else len(p.panels)
        if review is not None:
            draw_review(img, p.panels, review / f"{tag}__{name}__{key}.png", f"{name} {key}")
        detail.append((name, d["panels"], k, k_prior, f"rows {''.join(L for L, _, _ in p.panels)} [{key}] {v or 'unjudged'}"))
    return {"n": n, "exact": exact, "exact_prior": exact_prior, "captioned": captioned, "rows_ok": rows_ok, "rows_wrong": rows_wrong,
            "wrong_rows": wrong_rows, "rows_group": rows_group, "unjudged": unjudged, "loose": loose, "boxed": boxed, "exact_box": exact_box,
            "notes": notes, "detail": detail, "annotated": annotated}


def singles(names: list[str], mod, reader=None) -> dict:
    return singles_at([single_path(n) for n in names], mod, reader)


def singles_at(paths: list[Path], mod, reader=None) -> dict:
    """Single-panel images kept whole; `detail` has a line per image (name, pieces, the boxes when
    split) so a single taken apart can be seen."""
    kept = 0
    detail = []
    for p in paths:
        got = count(mod, read_bgr(p), reader)
        kept += len(got) == 1
        detail.append((p.name, "single", len(got), "whole" if len(got) == 1 else
                       "SPLIT " + " ".join(str(list(xyxy(b))) for b in got)))
    return {"n": len(paths), "kept": kept, "detail": detail}


def grids(seeds: range, mod, reader, maker=make_grid) -> dict:
    split_ok = paired_ok = wrong = 0
    bad = []
    for s in seeds:
        g = maker(s)
        boxes = [xyxy(b) for b in mod.split_panels(g.image)]
        split_ok += len(boxes) == len(g.boxes) and all(max(iou(t, b) for b in boxes) >= 0.85 for t in g.boxes)
        p, _ = mod.pair(g.image, g.caption) if mod is old else mod.pair(g.image, g.caption, read=reader, detect=reader.detect, heads=reader.heads)
        truth = dict(zip(g.letters, g.boxes))
        good = [iou(truth[L], xyxy(b)) >= 0.85 if L in truth else False for L, b, _ in p.panels]
        paired_ok += len(p.panels) == len(g.boxes) and all(good)
        wrong += not all(good)
        if not (len(p.panels) == len(g.boxes) and all(good)):
            bad.append(f"{s}:{len(boxes)}/{len(g.boxes)}:{p.note.split(':')[0] if not p.panels else 'rows'}:{g.style.split()[0]}")
    return {"n": len(seeds), "split_ok": split_ok, "paired_ok": paired_ok, "wrong": wrong, "bad": bad}


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


def table(res: dict, detail: bool, with_grids: bool = True) -> None:
    """The table lines for one set, one column per splitter."""
    print(f"{'':46s}{'before (baseline)':>24s}{'now':>24s}")
    rows = [
        ("exact panel count, compound figures", lambda c, s, g: pct(c["exact"], c["n"])),
        ("  the same, caption's letter count as a prior", lambda c, s, g: pct(c["exact_prior"], c["n"])),
        ("captioned compound -> correct per-panel rows", lambda c, s, g: pct(c["rows_ok"], c["captioned"])),
        ("figures with a wrong-crop row (rows)", lambda c, s, g: f"{c['rows_wrong']} ({c['wrong_rows']})"),
        ("rows not yet judged by eye (figures)", lambda c, s, g: str(c["unjudged"])),
        ("single-panel images kept whole", lambda c, s, g: pct(s["kept"], s["n"])),
    ]
    c0 = next(iter(res.values()))[0]
    if c0["boxed"]:
        rows[1:1] = [("  boxes right (IoU >= %.1f), annotated figures" % ROW_OK, lambda c, s, g: pct(c["exact_box"], c["boxed"]))]
        rows.insert(5, (f"right panels, crops loose (IoU {ROW_WRONG}-{ROW_OK})", lambda c, s, g: str(c["loose"])))
        rows.insert(6, ("rows naming groups of panels (judge_group)", lambda c, s, g: str(c.get("rows_group", 0))))
    if c0.get("annotated"):
        at = rows.index(next(r for r in rows if r[0].startswith("captioned compound")))
        rows[at + 1:at + 1] = [
            ("  captions naming every panel: right rows", lambda c, s, g: pct(c["annotated"].get("named_ok", 0), c["annotated"].get("named", 0))),
            ("  captions naming no panel: kept whole", lambda c, s, g: pct(c["annotated"].get("unnamed_whole", 0), c["annotated"].get("unnamed", 0))),
        ]
    if with_grids:
        rows += [
            ("derm grids split exactly", lambda c, s, g: pct(g["split_ok"], g["n"])),
            ("derm grids split exactly, letters matched", lambda c, s, g: pct(g["paired_ok"], g["n"])),
            ("derm grids with a wrong-crop row", lambda c, s, g: str(g["wrong"])),
        ]
    for title, f in rows:
        print(f"{title:46s}" + "".join(f"{f(*res[k][:3]):>24s}" for k in res))
    c, _, _, calls, cpu, total = res["now"]
    print(f"OCR (now): {calls} corner reads, {cpu:.1f} CPU-s ({cpu / max(calls, 1) * 1000:.0f} ms each);"
          f" whole-figure reasons: {json.dumps(c['notes'])}")
    print(f"text detection (now, label-grid split and line heads, only where all else failed): {c.get('detects', 0)} figures,"
          f" {c.get('detect_cpu', 0.0):.1f} CPU-s")
    if detail:
        for k in res:
            print(f"  -- {k}")
            for row in res[k][0]["detail"]:
                print("    ", *row)
            # singles: every image of an extra set; of the built-in sets (about 100 photos) only those split
            extra = res[k][2] is None
            for row in res[k][1].get("detail", []):
                if extra or row[2] != 1:
                    print("    ", *row)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="tune,held", help="built-in sets (figure_sets.json halves), or none")
    ap.add_argument("--set", type=Path, action="append", default=[], help="an extra annotated set (see load_set); repeatable")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed line")
    ap.add_argument("--grids", type=int, default=30, help="grids per set (seeds from figure_sets.json)")
    ap.add_argument("--review", type=Path, default=None)
    ap.add_argument("--detail", action="store_true")
    ap.add_argument("--layouts", default="", help="generated case-report layouts (derm_grids.make_layout), seeds LO-HI (0-99 tune)")
    args = ap.parse_args()
    figs = load_figures()
    verdicts = json.loads(VERDICTS.read_text()) if VERDICTS.exists() else {}
    if args.review:
        args.review.mkdir(parents=True, exist_ok=True)
    reader = CountingReader()
    for which in [w for w in args.sets.split(",") if w and w != "none"]:
        names = SETS[f"compound_{which}"]
        lo, hi = SETS[f"grid_seeds_{which}"]
        seeds = range(lo, min(hi, lo + args.grids))
        print(f"== {which} set: {len(names)} real compound figures, {len(SETS[f'single_{which}'])} single-panel images,"
              f" {len(seeds)} generated derm grids")
        res = {}
        for label, mod in (("before (baseline)", old), ("now", new)):
            calls0, cpu0, det0, dcpu0 = reader.calls, reader.cpu, reader.detects, reader.detect_cpu
            t = time.process_time()
            c = compound(names, figs, mod, reader, verdicts, args.review, which)
            s = singles(SETS[f"single_{which}"], mod, reader)
            g = grids(seeds, mod, reader)
            c["detects"], c["detect_cpu"] = reader.detects - det0, reader.detect_cpu - dcpu0
            res[label] = (c, s, g, reader.calls - calls0, reader.cpu - cpu0, time.process_time() - t)
        table(res, args.detail, with_grids=bool(seeds))
    for path in args.set:
        entries = load_set(path)
        comp = [e for e in entries if e["panels"] >= 2]
        single = [e["path"] for e in entries if e["panels"] < 2]
        print(f"== extra set {path}: {len(comp)} compound figures ({sum(bool(e['boxes']) for e in comp)} with boxes,"
              f" {sum(bool(e['caption']) for e in comp)} captioned), {len(single)} single-panel images")
        res = {}
        for label, mod in (("before (baseline)", old), ("now", new)):
            calls0, cpu0, det0, dcpu0 = reader.calls, reader.cpu, reader.detects, reader.detect_cpu
            t = time.process_time()
            c = compound_entries(comp, mod, reader, verdicts, args.review, f"set-{path.parent.name}")
            s = singles_at(single, mod, reader)
            c["detects"], c["detect_cpu"] = reader.detects - det0, reader.detect_cpu - dcpu0
            res[label] = (c, s, None, reader.calls - calls0, reader.cpu - cpu0, time.process_time() - t)
        table(res, args.detail, with_grids=False)
    if args.layouts:
        lo, _, hi = args.layouts.partition("-")
        seeds = range(int(lo), int(hi or lo) + 1)
        print(f"== generated case-report layouts (make_layout: one big photo beside or over small ones, clinical +"
              f" dermoscopy pairs, 1-3 px rules, rows of unequal height; JPEG), seeds {args.layouts}")
        print(f"{'':46s}{'before (baseline)':>24s}{'now':>24s}")
        res = {label: grids(seeds, mod, reader, make_layout) for label, mod in (("before", old), ("now", new))}
        for title, key in (("layouts split exactly", "split_ok"), ("layouts split exactly, letters matched", "paired_ok")):
            print(f"{title:46s}" + "".join(f"{pct(res[k][key], res[k]['n']):>24s}" for k in res))
        print(f"{'layouts with a wrong-crop row':46s}" + "".join(f"{res[k]['wrong']:>24d}" for k in res))
        print("  not paired (now):", " ".join(res["now"]["bad"]))
    if args.no_speed:
        return 0
    paths = [SHARED / "figures" / figs[n]["file"] for n in SETS["compound_tune"] + SETS["compound_held"]]
    paths += [single_path(n) for n in (SETS["single_tune"] + SETS["single_held"])[::4]]
    print(f"== speed, gutter split only (no OCR), {len(paths)} images (47 real figures + every 4th single), best of 3:"
          f" before {speed(paths, old):.1f} figures/CPU-s, now {speed(paths, new):.1f} figures/CPU-s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
