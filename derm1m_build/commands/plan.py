"""`derm1m-build plan --recipe R`: what a build will do and cost, before anything runs (see plan.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command("plan")
    def plan_cmd(recipe: Path = typer.Option(..., "--recipe", "-r", help="recipe TOML"),
                 no_discover: bool = typer.Option(False, "--no-discover",
                                                  help="estimate items from the recipe; no network"),
                 workers: Optional[int] = typer.Option(None, "--workers", "-w", help="CPU workers (default: recipe)"),
                 gpus: int = typer.Option(0, "--gpus", help="GPUs in the cluster"),
                 costs: Optional[Path] = typer.Option(None, "--costs", help="per-item costs JSON (default: shipped)"),
                 json_out: bool = typer.Option(False, "--json", help="one JSON object")) -> None:
        """Items per source, requests and hours at the rate limits, core/GPU-hours, LLM tokens, disk, wall time.

        Example: derm1m-build plan --recipe stages/derm1m.toml --no-discover --workers 64 --gpus 8
        """
        from rich.table import Table

        from derm1m_build.cli import out_console
        from derm1m_build.plan import human_gb, human_hours, load_costs, make_plan
        from derm1m_build.recipe import load_recipe

        p = make_plan(load_recipe(recipe), workers=workers, gpus=gpus, discover=not no_discover,
                      costs=load_costs(costs) if costs else None)
        if json_out:
            out_console.print_json(json.dumps(p.to_json()))
            return
        t = Table("source", "items", "", "requests", "rate/s", "at rate", "fetch core-h", "decode core-h",
                  "ASR", "raw", "rows", title=f"plan: {p.recipe} on {p.workers} workers, {p.gpus} GPUs")
        for s in p.sources:
            asr = (f"{s.asr_gpu_hours:.1f} GPU-h" if s.asr_gpu_hours else
                   f"{s.asr_core_hours:.1f} core-h" if s.asr_core_hours else "-")
            t.add_row(s.source, f"{s.items:,} {s.unit}", s.how, f"{s.requests:,}", f"{s.rate:g}" if s.rate else "-",
                      human_hours(s.rate_hours) if s.rate else "-", f"{s.fetch_core_hours:.2f}",
                      f"{s.decode_core_hours:.2f}", asr, human_gb(s.raw_gb), f"{s.rows:,}")
        out_console.print(t)
        u = Table("what", "estimate")
        u.add_row("rows harvested / in the dataset", f"{p.rows_harvest:,} / {p.rows_final:,}")
        for k, v in p.stage_core_hours.items():
            u.add_row(f"{k} core-hours", f"{v:.2f}" + (f" (+{p.stage_gpu_hours[k]:.2f} GPU-h)"
                                                        if k in p.stage_gpu_hours else ""))
        if p.llm_requests:
            u.add_row("LLM requests / tokens", f"{p.llm_requests:,} / {p.llm_tokens:,}")
        for k, v in p.disk_gb.items():
            u.add_row(f"disk {k}", human_gb(v))
        u.add_row("wall: harvest (rate limits alone)", f"{human_hours(p.wall_hours['harvest'])} "
                                                     f"({human_hours(p.wall_hours['rate_limited'])})")
        u.add_row("wall: stages", human_hours(p.wall_hours["stages"]))
        u.add_row("wall: total", human_hours(p.wall_hours["total"]))
        out_console.print(u)
        for n in p.notes + [f"{s.source}: {x}" for s in p.sources for x in s.notes]:
            out_console.print(f"note: {n}")
