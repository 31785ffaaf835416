"""The filter on real images: the tuning part and the held-out part of the frozen split, reported apart.

    python -m benchmarks.filter.real_images [--part heldout|tune|both] [--json out.json]

Material (derm1m_build/testing/realimages.py, split frozen in real_split.tsv before any tuning): real
clinical and dermoscopy photographs from ../shared/realdata/photos against real non-dermatology images
(package sample images: portraits, animals, objects, logos, fundus, IHC; real published figures) and
slides/charts/diagrams rendered with matplotlib (some on skin-coloured backgrounds). Derived items:
portraits stored rotated with EXIF Orientation (as phones store them), face crops, heavily Gaussian-blurred
lesion photos (must be dropped), a few clinical photos stored rotated (must be kept).

Runs the real `eval-filter` code path (decode upright, measures, quality, back-end, faces) with the
default recipe values: no threshold is overridden. Positive = clinical or dermoscopic truth.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

TARGETS = {"precision": 0.95, "recall": 0.93, "dermoscopic": 0.85}


def run_part(part: str, backend: str = "heuristic", model: str | None = None) -> dict:
    from derm1m_build.filtering.evaluate import evaluate
    from derm1m_build.stages.filter import FilterConfig
    from derm1m_build.testing import realimages as R

    its = R.selected(part)
    with tempfile.TemporaryDirectory() as d:
        paths = R.materialise(Path(d), its, layout="modality")
        cfg = {"backend": backend}
        if model:
            cfg["classifier"] = {"model": model}
        res = evaluate(Path(d), FilterConfig(**cfg))
    rows = []
    for im in res["images"]:
        it = paths[im["file"]]
        rows.append({**im, "id": it.id, "kind": it.kind})
    return summarise(rows, part, backend)


def summarise(rows: list[dict], part: str, backend: str) -> dict:
    pos = [r for r in rows if r["truth"] != "other"]
    neg = [r for r in rows if r["truth"] == "other"]
    tp = sum(r["keep"] for r in pos)
    fp = sum(r["keep"] for r in neg)
    fn, tn = len(pos) - tp, len(neg) - fp
    derm = [r for r in pos if r["truth"] == "dermoscopic"]
    portraits = [r for r in rows if r["kind"] == "portrait"]
    lesion_blurred = [r["id"] for r in pos if r.get("face") in ("blurred", "dropped")]
    by_kind = {}
    for k in sorted({r["kind"] for r in rows}):
        rs = [r for r in rows if r["kind"] == k]
        by_kind[k] = {"n": len(rs), "kept": sum(r["keep"] for r in rs),
                      "reasons": dict(Counter(r["reason"] or "kept" for r in rs)),
                      "modality": dict(Counter(r["modality"] for r in rs if r["keep"]))}
    return {
        "part": part, "backend": backend, "n": len(rows),
        "confusion": {"keep": {"keep": tp, "drop": fn}, "drop": {"keep": fp, "drop": tn}},
        "precision": round(tp / max(1, tp + fp), 4), "recall": round(tp / max(1, len(pos)), 4),
        "dermoscopic_labelled": round(sum(r["keep"] and r["modality"] == "dermoscopic" for r in derm) / max(1, len(derm)), 4),
        "clinical_labelled_clinical": round(sum(r["keep"] and r["modality"] == "clinical" for r in pos if r["truth"] == "clinical")
                                            / max(1, sum(r["truth"] == "clinical" for r in pos)), 4),
        "lesion_photos_blurred_as_face": lesion_blurred,
        "portraits": len(portraits),
        "portraits_dropped_or_blurred": sum((not r["keep"]) or r.get("face") in ("blurred", "dropped") for r in portraits),
        "false_positives": sorted(r["id"] for r in neg if r["keep"]),
        "false_negatives": sorted(f"{r['id']} ({r['reason']})" for r in pos if not r["keep"]),
        "by_kind": by_kind,
        "images": rows,
    }


def report(s: dict) -> str:
    c = s["confusion"]
    ok = lambda v, t: "met" if v >= t else "NOT met"  # noqa: E731
    lines = [
        f"{s['backend']} on the {s['part']} part ({s['n']} images):",
        f"  precision {s['precision']:.3f} ({ok(s['precision'], TARGETS['precision'])}), recall {s['recall']:.3f} "
        f"({ok(s['recall'], TARGETS['recall'])})",
        f"  confusion (true \\ pred): skin: kept {c['keep']['keep']} dropped {c['keep']['drop']}; "
        f"not skin: kept {c['drop']['keep']} dropped {c['drop']['drop']}",
        f"  dermoscopy labelled dermoscopic: {s['dermoscopic_labelled']:.3f} ({ok(s['dermoscopic_labelled'], TARGETS['dermoscopic'])}); "
        f"clinical labelled clinical: {s['clinical_labelled_clinical']:.3f}",
        f"  lesion photos blurred as a face: {len(s['lesion_photos_blurred_as_face'])} {s['lesion_photos_blurred_as_face']}",
        f"  portraits dropped or blurred: {s['portraits_dropped_or_blurred']} / {s['portraits']}",
        f"  false positives: {s['false_positives']}",
        f"  false negatives: {s['false_negatives']}",
    ]
    for k, v in s["by_kind"].items():
        lines.append(f"    {k:11s} n={v['n']:3d} kept={v['kept']:3d} reasons={v['reasons']} modality={v['modality']}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", default="both", choices=["tune", "heldout", "both"])
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    out = {}
    for part in (["tune", "heldout"] if a.part == "both" else [a.part]):
        s = run_part(part)
        out[part] = s
        print(report(s), flush=True)
    if a.json:
        a.json.write_text(json.dumps(out, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
