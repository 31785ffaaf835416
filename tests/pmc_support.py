"""Shared helpers of the PubMed tests: a generated PMC demo corpus, a recipe, a harvest, its rows."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq


def write_recipe(tmp: Path, url: str, name: str = "pm", private: bool = True, **over) -> Path:
    cfg = {"query": "dermatology", "eutils_url": f"{url}/pmc/eutils", "oa_url": f"{url}/pmc/oa/oa.fcgi",
           "package_mirror": f"{url}/pubmed/", "images": "package", "email": "test@example.org", "rate": 1000.0, "max_retries": 2,
           "backoff": 0.0, "timeout": 2.0}
    cfg.update(over)
    lines = [f"[build]\nname = \"{name}\"\nallow_private_hosts = {'true' if private else 'false'}\n\n[harvest.pubmed]"]
    for k, v in cfg.items():
        if v is None:
            continue
        lines.append(f"{k} = {json.dumps(v)}")
    p = tmp / f"{name}.toml"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def harvest(recipe_path: Path, out: Path, refresh: bool = False):
    from derm1m_build.pipeline import run_harvest
    from derm1m_build.recipe import load_recipe

    return run_harvest(load_recipe(recipe_path), out, refresh=refresh)


def rows(out: Path) -> tuple[list[dict], list[dict]]:
    d = out / "work" / "harvest"
    kept = [r for f in sorted(d.glob("part-*.parquet")) for r in pq.read_table(f).to_pylist()]
    excl = [r for f in sorted((d / "_excluded").glob("part-*.parquet")) for r in pq.read_table(f).to_pylist()]
    for r in kept + excl:
        r["meta"] = json.loads(r["meta"])
    return kept, excl


def fetch_log(out: Path) -> dict:
    return json.loads((out / "raw" / "pubmed" / "_fetch.json").read_text())["items"]
