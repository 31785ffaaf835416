"""What benchmark decontamination found in a build, for a person to confirm.

Read from the filter stage: its manifest (`models.decontaminate`: each benchmark's name, digest and
image counts), the rows it dropped as `benchmark_overlap:<name>` (detail = the benchmark image id, the
match in `scores.benchmark`) and the kept rows that matched a benchmark's training image
(`scores.benchmark_train`). Also the overlaps between the public datasets the build imports: rows of
one import dropped as `duplicate` of a row of another import (e.g. HAM10000 images inside ISIC 2019).

`write(build)` writes `BUILD/decontam/report.html`, `report.json` and the thumbnail pairs it shows
(`thumbs/`, 160 px PNG: the build's image beside the benchmark's), deterministic for a build.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path

from derm1m_build.dataset.dup_report import _rows, thumb_png
from derm1m_build.errors import UserError
from derm1m_build.store import atomic_write_text, read_json

PREFIX = "benchmark_overlap:"


def _scores(r: dict) -> dict:
    try:
        s = json.loads(r.get("scores") or "{}")
        return s if isinstance(s, dict) else {}
    except ValueError:
        return {}


def _meta(r: dict) -> dict:
    try:
        m = json.loads(r.get("meta") or "{}")
        return m if isinstance(m, dict) else {}
    except ValueError:
        return {}


def collect(build: Path) -> dict:
    """The report's data (JSON-serialisable, sorted)."""
    build = Path(build)
    mpath = build / "work" / "filter" / "_manifest.json"
    if not mpath.exists():
        raise UserError(f"{build}: the filter stage has not finished (no work/filter/_manifest.json); "
                        f"run `derm1m-build filter` first")
    manifest = read_json(mpath)
    benches = (manifest.get("models") or {}).get("decontaminate", [])
    cols = ["sample_id", "source", "reason", "detail", "scores", "meta", "image_sha256", "image_ext", "group_id"]
    excluded = _rows(str(build / "work" / "filter" / "_excluded" / "part-*.parquet"), cols)
    kept = _rows(str(build / "work" / "filter" / "part-*.parquet"), cols)
    per: dict[str, dict] = {b["name"]: {**b, "rows_dropped": 0, "images_found": 0, "by_source": {},
                                        "train_rows_kept": 0, "pairs": []} for b in benches}
    found: dict[str, set] = {n: set() for n in per}
    by_source: dict[str, Counter] = {n: Counter() for n in per}
    for r in sorted(excluded + kept, key=lambda r: r["sample_id"]):
        reason = r.get("reason") or ""
        matches = _scores(r).get("benchmark") or []
        if reason.startswith(PREFIX):
            name = reason[len(PREFIX):]
        elif not reason and matches:
            name = matches[0].get("name", "")
        else:
            continue
        if name not in per:
            continue
        m = next((x for x in matches if x.get("name") == name), {"id": r.get("detail") or "", "index": -1})
        b = per[name]
        if reason:
            b["rows_dropped"] += 1
        else:
            b["train_rows_kept"] += 1
        found[name].add(m.get("id", ""))
        by_source[name][r.get("source") or "?"] += 1
        b["pairs"].append({"sample_id": r["sample_id"], "source": r.get("source") or "", "dropped": bool(reason),
                           "benchmark_id": m.get("id", ""), "benchmark_index": m.get("index", -1),
                           "how": m.get("how", ""), "piece": m.get("piece", 0), "by": m.get("by", "phash"),
                           "image_sha256": r.get("image_sha256") or "", "image_ext": r.get("image_ext") or "jpg"})
    for n, b in per.items():
        b["images_found"] = len(found[n])
        b["by_source"] = dict(sorted(by_source[n].items()))
    # overlaps between imported public datasets: a dataset row dropped as a duplicate of another import's row
    imp_of = {r["sample_id"]: _meta(r).get("import", "") for r in kept + excluded if r.get("source") == "datasets"}
    overlaps: Counter = Counter()
    for r in excluded:
        if r.get("reason") == "duplicate" and r.get("source") == "datasets":
            a, b2 = imp_of.get(r["sample_id"], ""), imp_of.get(r.get("detail") or "", "")
            if a and b2 and a != b2:
                overlaps[tuple(sorted((a, b2)))] += 1
    return {"benchmarks": [per[n] for n in sorted(per)],
            "dataset_overlaps": [{"a": a, "b": b, "images": n} for (a, b), n in sorted(overlaps.items())]}


def datasheet_rows(filter_manifest: dict) -> list[list]:
    """[name, kind, digest (16 hex), images, evaluation images, rows removed] per benchmark, by name."""
    benches = (filter_manifest.get("models") or {}).get("decontaminate", [])
    dropped = filter_manifest.get("dropped", {})
    return [[b["name"], b.get("kind", ""), b["digest"][:16], b.get("images", 0), b.get("eval_images", 0),
             dropped.get(PREFIX + b["name"], 0)] for b in sorted(benches, key=lambda b: b["name"])]


def embedding_rows(filter_manifest: dict) -> list[list[str]]:
    """[name, embedding index digest (16 hex)] per benchmark whose index held the filter model's
    embeddings (a model back-end), by name."""
    benches = (filter_manifest.get("models") or {}).get("decontaminate", [])
    return [[b["name"], b["embeddings"][:16]] for b in sorted(benches, key=lambda b: b["name"]) if b.get("embeddings")]


def write(build: Path, max_pairs: int = 50) -> dict:
    """Write BUILD/decontam/{report.html, report.json, thumbs/}; returns the data and the paths."""
    build = Path(build)
    data = collect(build)
    out = build / "decontam"
    (out / "thumbs").mkdir(parents=True, exist_ok=True)
    e = html.escape
    parts = ["<!doctype html><html><head><meta charset=\"utf-8\"><title>Benchmark decontamination</title>",
             "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:4px 8px}.pair{display:inline-block;margin:6px;border:1px solid #ddd;"
             "padding:4px}.pair img{width:160px;height:auto;margin:2px}</style></head><body>",
             "<h1>Benchmark decontamination</h1>",
             "<table><tr><th>benchmark</th><th>digest</th><th>images</th><th>evaluation images</th>"
             "<th>images found in the build</th><th>rows dropped</th><th>training-image rows kept</th>"
             "<th>rows by source</th></tr>"]
    for b in data["benchmarks"]:
        src = ", ".join(f"{k}: {v}" for k, v in b["by_source"].items()) or "-"
        parts.append(f"<tr><td>{e(b['name'])}</td><td><code>{e(b['digest'][:16])}</code></td><td>{b['images']}</td>"
                     f"<td>{b['eval_images']}</td><td>{b['images_found']}</td><td>{b['rows_dropped']}</td>"
                     f"<td>{b['train_rows_kept']}</td><td>{e(src)}</td></tr>")
    parts.append("</table>")
    files = []
    for b in data["benchmarks"]:
        if not b["pairs"]:
            continue
        idx_dir = build / "cache" / "decontam" / b["name"] / b["digest"][:16]
        parts.append(f"<h2>{e(b['name'])}: matches (the build's image, then the benchmark's)</h2><div>")
        for p in b["pairs"][:max_pairs]:
            sha = p["image_sha256"]
            left = out / "thumbs" / f"{sha}.png"
            right = out / "thumbs" / f"{e(b['name'])}-{int(p['benchmark_index']):07d}.png"
            ok_l = bool(sha) and thumb_png(build / "images" / sha[:2] / f"{sha}.{p['image_ext']}", left)
            ok_r = p["benchmark_index"] >= 0 and thumb_png(idx_dir / "thumbs" / f"{int(p['benchmark_index']):07d}.jpg",
                                                            right)
            imgs = "".join(f'<img src="thumbs/{e(f.name)}" alt="{e(alt)}">'
                           for ok, f, alt in ((ok_l, left, p["sample_id"]), (ok_r, right, p["benchmark_id"])) if ok)
            files += [f for ok, f in ((ok_l, left), (ok_r, right)) if ok]
            verdict = "dropped" if p["dropped"] else "kept (training image)"
            parts.append(f'<div class="pair">{imgs}<br>{e(p["source"])} {e(p["sample_id"][:16])} = '
                         f'{e(p["benchmark_id"])} ({e(p["how"])}{", panel piece " + str(p["piece"]) if p["piece"] else ""}'
                         f', proposed by {e(p.get("by", "phash"))}), {verdict}</div>')
        parts.append("</div>")
    parts.append("<h2>Overlaps between imported public datasets</h2>")
    if data["dataset_overlaps"]:
        parts.append("<p>Images of one import confirmed as the same photograph as another import's (the copy was "
                     "dropped as a duplicate; the split keeps both groups together).</p><table><tr><th>import</th>"
                     "<th>import</th><th>images</th></tr>")
        parts += [f"<tr><td>{e(o['a'])}</td><td>{e(o['b'])}</td><td>{o['images']}</td></tr>"
                  for o in data["dataset_overlaps"]]
        parts.append("</table>")
    else:
        parts.append("<p>None found.</p>")
    parts.append("</body></html>\n")
    atomic_write_text(out / "report.html", "\n".join(parts))
    atomic_write_text(out / "report.json", json.dumps(data, indent=1, sort_keys=True) + "\n")
    return {"data": data, "html": out / "report.html", "json": out / "report.json", "thumbs": sorted(set(files))}
