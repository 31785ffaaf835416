"""What a build will do and cost, before anything runs (`derm1m-build plan`).

Items per source come from discovery (the sources' own listing: yt-dlp's flat listings, one ESearch
count, the forum list pages; done in a throw-away directory, nothing is written to a build) or, with
`--no-discover`, from the recipe (`ytsearchN:`, `max_articles`, `max_threads`, folder and metadata
counts). Every other figure is items x a per-item cost measured by `benchmarks/plan/calibrate.py`
on the demo build and kept in `plan_costs.json` beside this module: requests, bytes, rows, core-seconds
per item; keep rates, seconds and bytes per row for the stages. Wall time is the larger of what the
per-host rate limits allow and what `--workers` cores (and `--gpus` GPUs) need.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from derm1m_build.errors import ItemError, UserError
from derm1m_build.recipe import Recipe
from derm1m_build.stage import BuildContext

COSTS_FILE = Path(__file__).with_name("plan_costs.json")


def load_costs(path: Path | None = None) -> dict[str, Any]:
    p = path or COSTS_FILE
    try:
        return json.loads(Path(p).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise UserError(f"cannot read per-item costs {p}: {e}") from None


@dataclass
class SourcePlan:
    source: str
    items: int
    how: str  # "discovered" | "estimated"
    unit: str
    requests: int = 0
    rate: float = 0.0  # requests/s per host (0: no limit configured)
    rate_hours: float = 0.0
    fetch_core_hours: float = 0.0
    decode_core_hours: float = 0.0
    asr_gpu_hours: float = 0.0
    asr_core_hours: float = 0.0
    raw_gb: float = 0.0
    rows: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class BuildPlan:
    recipe: str
    workers: int
    gpus: int
    sources: list[SourcePlan]
    rows_harvest: int
    rows_final: int
    stage_core_hours: dict[str, float]
    stage_gpu_hours: dict[str, float]
    llm_requests: int
    llm_tokens: int
    disk_gb: dict[str, float]
    wall_hours: dict[str, float]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# ------------------------------------------------------------------------------------------------
# item counts

def _count_csv_rows(p: Path) -> int:
    import csv

    with open(p, newline="", encoding="utf-8-sig", errors="replace") as f:
        return max(0, sum(1 for _ in csv.reader(f)) - 1)


def _youtube_estimate(cfg: Any, costs: dict) -> int:
    n = len(cfg.info_json)
    for u in cfg.urls:
        m = re.match(r"ytsearch(\d*):", u)
        if m:
            n += int(m.group(1) or 1)
        elif re.fullmatch(r"[A-Za-z0-9_-]{11}", u) or "watch?v=" in u or "youtu.be/" in u or \
                re.search(r"\.(mp4|webm|mkv|mov)(\?|$)", u):
            n += 1
        else:
            n += cfg.max_videos or costs["estimates"]["videos_per_listing"]
    return n


def _datasets_count(src: Any, costs: dict, notes: list[str]) -> int:
    n = 0
    for imp in src.config.imports:
        folder = src._folder(imp)
        if folder.is_dir():
            try:
                files = src._meta_files(imp, folder)
                recs = src._records(imp, [p.read_bytes() if p else None for p in files],
                                    [p.name if p else "" for p in files])
                n += len(recs)
                continue
            except (UserError, ItemError, OSError):
                pass
        est = costs["estimates"]["dataset_sizes"].get(imp.kind, 0)
        notes.append(f"{imp.name or imp.kind}: folder not readable here; published size {est}")
        n += min(est, imp.limit) if imp.limit else est
    return n


def count_items(name: str, src: Any, costs: dict, discover: bool, notes: list[str]) -> tuple[int, str]:
    """(items, how) for one source."""
    c = src.config
    est = costs["estimates"]
    if name == "local":
        p = src.folder / c.metadata
        return (_count_csv_rows(p), "discovered") if p.is_file() else (0, "estimated")
    if name == "datasets":
        return _datasets_count(src, costs, notes), "discovered"
    if name == "edu":
        local = 0
        try:
            local = len(src._local_docs())
        except UserError as e:
            notes.append(f"edu: {e}")
        return len(c.urls) + local, "discovered"
    if name == "youtube":
        if discover:
            try:
                return len(src.discover()), "discovered"
            except Exception as e:  # noqa: BLE001 - no network: fall back to the recipe's numbers
                notes.append(f"youtube: discovery failed ({type(e).__name__}); estimated from the recipe")
        return _youtube_estimate(c, costs), "estimated"
    if name == "pubmed":
        if c.pmcids:
            return len(set(c.pmcids)), "discovered"
        if discover:
            try:
                res = src.eutils(src.http()).esearch("pmc", src.term(), page_size=1, max_ids=1)
                return (min(res.count, c.max_articles) if c.max_articles else res.count), "discovered"
            except (ItemError, Exception) as e:  # noqa: BLE001
                notes.append(f"pubmed: search failed ({getattr(e, 'reason', type(e).__name__)}); estimated")
        return (c.max_articles or est["pubmed_articles"]), "estimated"
    if name == "forum":
        if discover:
            from derm1m_build.sources.base import FetchLog

            try:
                found = src.discover_work(FetchLog(src.fetch_log_path, ""), True)
                return len(found[0]), "discovered"
            except Exception as e:  # noqa: BLE001
                notes.append(f"forum: discovery failed ({type(e).__name__}); estimated")
        per_site = min(c.max_threads, c.max_list_pages * est["threads_per_list_page"])
        return per_site * len(c.sites), "estimated"
    return 0, "estimated"


def _rate(name: str, src: Any) -> float:
    c = src.config
    if name == "pubmed":
        return c.rate if c.rate is not None else (10.0 if src.api_key else 3.0)
    if name in ("forum", "edu"):
        return float(c.rate)
    if name == "youtube":
        gap = c.sleep_requests + c.sleep_subtitles + c.sleep_videos
        return 1.0 / gap if gap else 0.0
    return 0.0


# ------------------------------------------------------------------------------------------------
# the plan

def make_plan(recipe: Recipe, workers: int | None = None, gpus: int = 0, discover: bool = True,
              costs: dict | None = None) -> BuildPlan:
    from derm1m_build.registry import make_source

    costs = costs or load_costs()
    workers = max(1, workers or recipe.build.workers)
    per = costs["sources"]
    notes: list[str] = []
    plans: list[SourcePlan] = []
    with tempfile.TemporaryDirectory(prefix="derm1m-plan-") as tmp:
        ctx = BuildContext(out=Path(tmp), recipe_path=recipe.path, seed=recipe.build.seed)
        for name, cfg in recipe.harvest.items():
            src = make_source(name, cfg, ctx, recipe)
            k = per[name]
            items, how = count_items(name, src, costs, discover, notes)
            sp = SourcePlan(source=name, items=items, how=how, unit=k["unit"])
            sp.requests = round(items * k["requests"])
            sp.rate = _rate(name, src)
            # youtube: yt-dlp sleeps between requests; the others: one limiter per host
            sp.rate_hours = (sp.requests / sp.rate / 3600) if sp.rate else 0.0
            sp.fetch_core_hours = items * k["core_s"] / 3600
            sp.raw_gb = items * k["raw_bytes"] / 1e9
            sp.rows = round(items * k["rows"])
            if name == "youtube":
                # discovered (the demo): the calibrated videos; estimated (full scale): Derm1M's mean length
                # and the frame benchmark's 720p decode cost, not the demo's 20-second clips
                full = how == "estimated"
                minutes = items * (costs["estimates"]["video_minutes"] if full else k["minutes"])
                dec = costs["estimates"]["decode_core_s_per_min_720p"] if full else k["decode_core_s_per_min"]
                sp.decode_core_hours = minutes * dec / 3600
                if cfg.asr.model:
                    if gpus:
                        sp.asr_gpu_hours = minutes * k["asr_gpu_s_per_min"] / 3600
                    else:
                        sp.asr_core_hours = minutes * k["asr_core_s_per_min"] / 3600
                    sp.notes.append("ASR on " + ("GPUs" if gpus else "CPU cores (no --gpus)"))
            plans.append(sp)
    st = costs["stages"]
    rows_h = sum(p.rows for p in plans)
    keep = st["filter"]["keep"]
    rows_f = round(rows_h * keep)
    filt = recipe.section("filter")
    cap = recipe.section("caption")
    core: dict[str, float] = {}
    gpu: dict[str, float] = {}
    if filt.backend == "heuristic":
        core["filter"] = rows_h * st["filter"]["core_s_per_row"] / 3600
    else:
        core["filter"] = rows_h * st["filter"]["decode_core_s_per_row"] / 3600
        gpu["filter"] = rows_h * st["filter"]["model_gpu_s_per_row"] / 3600
    llm_req = llm_tok = 0
    if cap.backend == "rules":  # benchmarks/scale/bench_caption.py measures the rules back-end on its own
        per_row = st["caption"].get("rules_core_s_per_row", st["caption"]["core_s_per_row"])
        core["caption"] = rows_f * per_row / 3600
    else:
        llm_req = rows_f
        llm_tok = round(rows_f * (st["caption"]["llm_prompt_tokens"] + st["caption"]["llm_completion_tokens"]))
        core["caption"] = rows_f * st["caption"]["core_s_per_row"] / 3600  # measured through the chat API
        llm_gpu = llm_tok / st["caption"]["llm_tokens_per_gpu_s"] / 3600
        if cap.backend == "transformers":
            gpu["caption"] = llm_gpu  # on this build's GPUs
        else:
            notes.append(f"caption: the LLM endpoint ({cap.openai.model}) needs about {llm_gpu:.1f} GPU-hours of "
                         f"its own for {llm_tok:,} tokens; not counted in this cluster's wall time")
    core["tag"] = rows_f * st["tag"]["core_s_per_row"] / 3600
    core["split+dataset"] = rows_f * st["split"]["core_s_per_row"] / 3600
    disk = {"raw": sum(p.raw_gb for p in plans),
            "images": rows_h * st["images"]["bytes_per_harvest_row"] / 1e9,
            "work": rows_h * st["work"]["bytes_per_harvest_row"] / 1e9,
            "dataset": rows_f * st["dataset"]["bytes_per_row"] / 1e9}
    disk["total"] = sum(disk.values())
    harvest_cpu = sum(p.fetch_core_hours + p.decode_core_hours + p.asr_core_hours for p in plans)
    harvest_gpu = sum(p.asr_gpu_hours for p in plans)
    rate_bound = max((p.rate_hours for p in plans), default=0.0)
    harvest_wall = max(rate_bound, harvest_cpu / workers, harvest_gpu / gpus if gpus else 0.0)
    stage_cpu = sum(core.values())
    stage_gpu = sum(gpu.values())
    if stage_gpu and not gpus:
        notes.append("model stages need GPUs: with --gpus 0 their GPU-hours are counted on CPU cores x "
                     f"{costs['cpu_for_gpu_factor']}")
        stage_cpu += stage_gpu * costs["cpu_for_gpu_factor"]
        stage_gpu_wall = 0.0
    else:
        stage_gpu_wall = stage_gpu / gpus if gpus else 0.0
    stages_wall = max(stage_cpu / workers, stage_gpu_wall)
    overhead = costs["overhead_s"] / 3600
    wall = {"harvest": harvest_wall, "rate_limited": rate_bound, "stages": stages_wall,
            "total": harvest_wall + stages_wall + overhead}
    return BuildPlan(recipe=recipe.build.name, workers=workers, gpus=gpus, sources=plans, rows_harvest=rows_h,
                     rows_final=rows_f, stage_core_hours=core, stage_gpu_hours=gpu, llm_requests=llm_req,
                     llm_tokens=llm_tok, disk_gb=disk, wall_hours=wall, notes=notes)


def human_hours(h: float) -> str:
    s = h * 3600
    if s < 120:
        return f"{s:.0f} s"
    if h < 2:
        return f"{s / 60:.1f} min"
    if h < 48:
        return f"{h:.1f} h"
    return f"{h / 24:.1f} days"


def human_gb(gb: float) -> str:
    if gb < 1:
        return f"{gb * 1000:.1f} MB"
    if gb < 1000:
        return f"{gb:.1f} GB"
    return f"{gb / 1000:.2f} TB"
