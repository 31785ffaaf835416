"""Caption stage, rules back-end (the embedded default): CPU seconds per 100k rows, per-row dicts vs
Arrow columns, on the scale benchmark's texts and on texts that never repeat.

    python -m benchmarks.scale.bench_caption --rows 40000 --shard-size 20000 --repeat 3

One process, no pool: `CaptionStage.rows_batch` (the reference: a dict per row, every text cleaned
where it occurs) against `process_batch` (the rules back-end on columns, each distinct text once per
shard) on the same shards, alternating, with CPU seconds from `time.process_time`. Both give the same
tables (checked here on every shard, and in tests/test_caption_columnar.py). Two text sets:
- `pool`: the scale benchmark's generator (benchmarks/scale/run.py), which draws every caption from
  4,000 texts, so a 20,000-row shard holds at most 4,000 distinct ones;
- `unique`: the same texts with the row's own sentence added, so no two rows share a text (what a
  harvest of transcripts and forum posts looks like; metadata captions and figure panels repeat).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from derm1m_build import schema
from derm1m_build.demo.corpus import CASES, STYLES, caption_for
from derm1m_build.pipeline import context_for
from derm1m_build.recipe import load_recipe
from derm1m_build.registry import make_stage


def shard(lo: int, hi: int, pool: list[str], unique: bool) -> pa.Table:
    s = schema.schema_for("filter")
    n = hi - lo
    cols: dict[str, list] = {f.name: [None] * n for f in s}
    cols["sample_id"] = [f"bench-{i:08d}" for i in range(lo, hi)]
    texts = [pool[(i * 7919) % len(pool)] for i in range(lo, hi)]
    if unique:
        texts = [f"{t} Lesion {i} was photographed at visit {i % 97 + 1}." for i, t in zip(range(lo, hi), texts)]
    cols["raw_text"] = texts
    cols["lang"] = ["en"] * n
    cols["meta"] = ["{}"] * n
    return pa.Table.from_pydict(cols, schema=s)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=40000)
    ap.add_argument("--shard-size", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3, help="times each shard runs through each path (least CPU kept)")
    ap.add_argument("--no-costs", action="store_true", help="leave derm1m_build/plan_costs.json alone")
    ap.add_argument("--json", type=Path, default=Path(__file__).with_name("caption_rules_cpu.json"))
    a = ap.parse_args()
    rng = np.random.default_rng(0)
    pool = [caption_for(CASES[i % len(CASES)], STYLES[(i // len(CASES)) % 4], rng) for i in range(4000)]
    with tempfile.TemporaryDirectory() as tmp:
        r = Path(tmp) / "r.toml"
        r.write_text('[build]\nname = "c"\n[harvest.local]\npath = "x"\n')
        recipe = load_recipe(r)
        st = make_stage("caption", recipe, context_for(recipe, Path(tmp) / "out"))
        st.setup()
        st.rows_batch(shard(0, 200, pool, False))  # tokenizer and regexes loaded before timing
        res: dict = {"rows": a.rows, "shard_size": a.shard_size, "load_avg_before": [round(x, 2) for x in os.getloadavg()],
                     "started_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())}
        for kind in ("pool", "unique"):
            cpu = {"rows": 0.0, "columns": 0.0}
            distinct = 0
            for lo in range(0, a.rows, a.shard_size):
                t = shard(lo, min(a.rows, lo + a.shard_size), pool, kind == "unique")
                distinct += len(set(t.column("raw_text").to_pylist()))
                best = {"rows": float("inf"), "columns": float("inf")}
                for _ in range(a.repeat):  # alternating; the least CPU of each: what other jobs add, left out
                    c = time.process_time()
                    ref = st.rows_batch(t)
                    best["rows"] = min(best["rows"], time.process_time() - c)
                    c = time.process_time()
                    got = st.process_batch(t)
                    best["columns"] = min(best["columns"], time.process_time() - c)
                    assert got.kept.equals(ref.kept) and got.excluded.equals(ref.excluded)
                for k in cpu:
                    cpu[k] += best[k]
            per100k = {k: round(v * 100000 / a.rows, 1) for k, v in cpu.items()}
            res[kind] = {"distinct_texts_per_shard": round(distinct / -(-a.rows // a.shard_size)),
                         "cpu_s_per_100k_rows": per100k, "speedup": round(cpu["rows"] / cpu["columns"], 2),
                         # 1M rows on 2 workers, caption CPU alone (no Parquet read/write, no pool start)
                         "extrapolated_1m_2_workers_s": {k: round(v * 10 / 2, 1) for k, v in per100k.items()}}
        res["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(res, indent=1))
    a.json.write_text(json.dumps(res, indent=1) + "\n")
    if not a.no_costs:  # the planner's cost for the rules back-end: never-repeating texts, the dearer case
        from derm1m_build.plan import COSTS_FILE

        costs = json.loads(COSTS_FILE.read_text())
        costs["stages"]["caption"]["rules_core_s_per_row"] = round(res["unique"]["cpu_s_per_100k_rows"]["columns"] / 1e5, 6)
        COSTS_FILE.write_text(json.dumps(costs, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
