"""`derm1m-build plan`: item counts from the recipe or from discovery, costs from the per-item cost file."""

from __future__ import annotations

import json

from conftest import REPO, cli, local_recipe


def test_full_scale_plan_without_discovery():
    p = cli("plan", "--recipe", REPO / "stages/derm1m.toml", "--no-discover", "--workers", "64", "--gpus", "8",
            "--json", check=True)
    plan = json.loads(p.stdout)
    src = {s["source"]: s for s in plan["sources"]}
    costs = json.loads((REPO / "derm1m_build/plan_costs.json").read_text())
    assert src["youtube"]["items"] == 7000 and src["youtube"]["how"] == "estimated"  # the ytsearchN: counts
    assert src["pubmed"]["items"] == 600000  # max_articles
    assert src["pubmed"]["requests"] == round(600000 * costs["sources"]["pubmed"]["requests"])
    assert abs(src["pubmed"]["rate_hours"] - src["pubmed"]["requests"] / 3.0 / 3600) < 1e-6  # 3/s without a key
    assert src["forum"]["rate"] == 0.5
    assert src["youtube"]["asr_gpu_hours"] > 0 and src["youtube"]["asr_core_hours"] == 0
    assert plan["llm_requests"] == plan["rows_final"] > 0
    assert plan["wall_hours"]["total"] >= plan["wall_hours"]["rate_limited"]
    assert set(plan["disk_gb"]) == {"raw", "images", "work", "dataset", "total"}


def test_plan_counts_local_rows_and_prints_a_table(tmp_path, demo_corpus):
    r = local_recipe(tmp_path, demo_corpus)
    p = cli("plan", "--recipe", r, "--workers", "2", "--json", check=True)
    plan = json.loads(p.stdout)
    rows = (demo_corpus / "local/metadata.csv").read_text().count("\n") - 1
    assert plan["sources"][0]["items"] == rows and plan["sources"][0]["how"] == "discovered"
    t = cli("plan", "--recipe", r, env={"COLUMNS": "200"}, check=True)
    assert "rows harvested / in the dataset" in t.stdout and "wall: total" in t.stdout


def test_plan_bad_recipe_is_one_line(tmp_path):
    p = cli("plan", "--recipe", tmp_path / "missing.toml")
    assert p.returncode != 0 and "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_demo_plan_is_within_2x_of_the_measured_demo_build(tmp_path, demo_corpus):
    """`plan` on the demo recipe, with discovery against the demo server, against the `make demo` that
    benchmarks/plan measured (demo_measured.json): wall time and disk within 2x, rows exact. Guards the
    cost file, which several benchmarks write, and the plan's arithmetic."""
    text = (REPO / "stages/demo.toml").read_text()
    text = text.replace("../demo-out/corpus", str(demo_corpus)).replace('adapter_dirs = ["adapters"]',
                                                                        f'adapter_dirs = ["{REPO / "stages/adapters"}"]')
    r = tmp_path / "demo.toml"
    r.write_text(text)
    import subprocess
    import sys

    env = {**__import__("os").environ, "PYTHONPATH": str(REPO)}
    p = subprocess.run([sys.executable, "-m", "derm1m_build.demo.serve", str(demo_corpus), "--", sys.executable, "-m",
                        "derm1m_build", "plan", "--recipe", str(r), "--workers", "2", "--json"],
                       capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    plan = json.loads(p.stdout[p.stdout.index("{"):])
    measured = json.loads((REPO / "benchmarks/plan/demo_measured.json").read_text())
    assert plan["rows_harvest"] == measured["rows_harvested"] and plan["rows_final"] == measured["rows_final"]
    assert 0.5 <= plan["wall_hours"]["total"] * 3600 / measured["wall_s"] <= 2.0, plan["wall_hours"]
    for k, mb in measured["disk_mb"].items():
        assert 0.5 <= plan["disk_gb"][k] * 1000 / mb <= 2.0, (k, plan["disk_gb"])


def test_rules_captions_cost_what_their_benchmark_measured(tmp_path, demo_corpus):
    """The rules back-end is planned at its own measured cost per row (benchmarks/scale/bench_caption.py),
    not at the chat-API cost the demo build measured."""
    r = local_recipe(tmp_path, demo_corpus)
    assert "[caption]" not in r.read_text()  # the default back-end: rules
    plan = json.loads(cli("plan", "--recipe", r, "--workers", "2", "--json", check=True).stdout)
    per_row = json.loads((REPO / "derm1m_build/plan_costs.json").read_text())["stages"]["caption"]["rules_core_s_per_row"]
    assert abs(plan["stage_core_hours"]["caption"] - plan["rows_final"] * per_row / 3600) < 1e-9
