"""Per-item costs for `derm1m-build plan`, measured on a finished demo build; writes derm1m_build/plan_costs.json.

    make demo 2>&1 | tee demo.log        # or: derm1m-build run ... 2>&1 | tee demo.log
    python -m benchmarks.plan.calibrate --build demo-out/build --log demo.log --workers 2 --corpus demo-out/corpus

Measured: items, raw bytes, harvest rows per item and source (fetch logs, raw/, the harvest shards),
requests per item (fetch logs: pages, images, figures), video minutes and frame-decode CPU seconds per
minute (`detect_shots` on the demo videos, process CPU time), seconds per row of every stage (the run's
own summary lines x workers), bytes per row of images/, work/ and dataset/. Not measurable without
GPUs or an LLM server and therefore kept as stated assumptions in the file: ASR and classifier GPU
seconds, LLM tokens per caption and tokens per GPU-second.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from derm1m_build.plan import COSTS_FILE


def du(p: Path) -> int:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.exists() else 0


def stage_seconds(log: str) -> dict[str, float]:
    out = {}
    for m in re.finditer(r"^\[(\w+)\] rows in (\d+), rows out (\d+).*?; ([\d.]+)s$", log, re.M):
        out[m.group(1)] = float(m.group(4))
    return out


def unit_keys(source: str, items: dict) -> list[str]:
    if source == "pubmed":
        return [k for k in items if k.startswith("PMC")]
    if source == "forum":
        return [k for k in items if ":thread:" in k]
    if source == "datasets":
        return [k for k in items if not k.endswith(":metadata")]
    return [k for k in items if not k.startswith("_")]


def requests_per_item(source: str, items: dict, keys: list[str]) -> float:
    n = max(1, len(keys))
    if source == "youtube":
        return 3.0  # info.json, the video, the caption track (yt-dlp)
    if source == "pubmed":
        figs = sum(len(items[k].get("files", {})) for k in keys)
        oa = sum(1 for k in keys if items[k].get("oa"))
        return 1 / 200 + (oa + (oa if oa else figs)) / n  # efetch batch share + oa.fcgi + package (or figures)
    if source == "forum":
        pages = sum(items[k].get("pages", 1) for k in keys)
        images = sum(1 for k in items if ":image:" in k)
        return (pages + images) / n
    if source == "edu":
        return 1.0
    return 0.0


def decode_cost(corpus: Path) -> tuple[float, float]:
    """(CPU seconds per video minute, minutes) of shot detection on the demo videos."""
    import av

    from derm1m_build.video.frames import ShotConfig, detect_shots

    vids = sorted((corpus / "youtube").rglob("*.mp4"))
    cpu = minutes = 0.0
    for v in vids:
        with av.open(str(v)) as c:
            minutes += float(c.duration or 0) / 1e6 / 60
        t0 = time.process_time()
        detect_shots(v, ShotConfig())
        cpu += time.process_time() - t0
    return (cpu / minutes if minutes else 0.0), (minutes / len(vids) if vids else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", type=Path, required=True)
    ap.add_argument("--log", type=Path, required=True, help="stderr of the `run` that made the build")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--wall", type=float, default=0.0, help="the whole run's wall seconds (for overhead)")
    ap.add_argument("--out", type=Path, default=COSTS_FILE)
    a = ap.parse_args()
    costs = json.loads(a.out.read_text()) if a.out.exists() else {}
    secs = stage_seconds(a.log.read_text())
    b = a.build
    hm = json.loads((b / "work/harvest/_manifest.json").read_text())
    harvest_rows = hm["rows_in"]
    final_rows = json.loads((b / "work/split/_manifest.json").read_text())["rows_out"]
    dec_per_min, min_per_video = decode_cost(a.corpus)
    sources = {}
    total_rows = 0
    for sdir in sorted(p for p in (b / "raw").iterdir() if p.is_dir()):
        n = sdir.name
        items = json.loads((sdir / "_fetch.json").read_text())["items"]
        keys = unit_keys(n, items)
        rows = sum(s["rows"] + s["excluded"] for k, s in hm["shards"].items() if k.startswith(n + "-"))
        total_rows += rows
        sources[n] = {"items_measured": len(keys), "requests": round(requests_per_item(n, items, keys), 3),
                      "raw_bytes": round(du(sdir) / max(1, len(keys))), "rows": round(rows / max(1, len(keys)), 3),
                      "rows_measured": rows}
    # harvest core-seconds: the run's harvest seconds x workers, less the measured frame decoding,
    # shared among sources by their rows
    h_core = secs.get("harvest", 0.0) * a.workers
    yt = sources.get("youtube")
    if yt:
        yt["minutes"] = round(min_per_video, 3)
        yt["decode_core_s_per_min"] = round(dec_per_min, 3)
        h_core = max(0.0, h_core - dec_per_min * min_per_video * yt["items_measured"])
    for n, s in sources.items():
        s["core_s"] = round(h_core * s["rows_measured"] / max(1, total_rows) / max(1, s["items_measured"]), 4)
        old = costs.get("sources", {}).get(n, {})
        costs.setdefault("sources", {})[n] = {**old, **s}
    st = costs.setdefault("stages", {})
    for name in ("filter", "caption", "tag", "split"):
        rows_in = json.loads((b / f"work/{name}/_manifest.json").read_text())["rows_in"]
        key = "core_s_per_row"
        st.setdefault(name, {})[key] = round(secs.get(name, 0.0) * a.workers / max(1, rows_in), 5)
    st["filter"]["keep"] = round(final_rows / max(1, harvest_rows), 4)
    st.setdefault("images", {})["bytes_per_harvest_row"] = round(du(b / "images") / max(1, harvest_rows))
    st.setdefault("work", {})["bytes_per_harvest_row"] = round(du(b / "work") / max(1, harvest_rows))
    st.setdefault("dataset", {})["bytes_per_row"] = round(du(b / "dataset") / max(1, final_rows))
    if a.wall:
        costs["overhead_s"] = round(max(0.0, a.wall - sum(secs.values())), 1)
    costs["measured_on"] = {"build": "demo (stages/demo.toml)", "workers": a.workers, "stage_seconds": secs,
                            "harvest_rows": harvest_rows, "final_rows": final_rows,
                            "machine": "shared 2-core VM under load from other jobs"}
    a.out.write_text(json.dumps(costs, indent=1, sort_keys=True) + "\n")
    print(json.dumps({k: v for k, v in costs.items() if k in ("sources", "stages")}, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
