"""`make bench`: every benchmark once, at the sizes its RESULTS.md reports (slow: tens of minutes).

Each module prints its own side-by-side ratios; run one alone with `python -m benchmarks.<area>.<script>`.
"""

from __future__ import annotations

import subprocess
import sys

BENCHES = [
    ["benchmarks.tagger.bench", "--n", "1000000", "--baseline-n", "1000"],
    ["benchmarks.tagger.sets", "--held-out"],  # the held-out set (if any) first, then sets 14-1 and gold, per style, beside both baselines
    ["benchmarks.tagger.million"],  # 1M real-style captions tagged and labelled, measured (CPU s and wall)
    ["benchmarks.caption.bench_rules"],
    ["benchmarks.caption.bench_openai"],
    ["benchmarks.filter.heuristic", "--faces"],
    ["benchmarks.filter.real_images"],
    ["benchmarks.filter.real_classifier"],
    ["benchmarks.filter.neardup"],
    ["benchmarks.filter.dedup_pairs", "run"],  # frozen tuning and held-out sets: false pairs, recall, 1M extrapolation
    ["benchmarks.filter.dedup_real"],
    ["benchmarks.filter.dedup_tail"],
    ["benchmarks.filter.dedup_scale", "--n", "100000", "--knn-index", "ivf-flat"],
    ["benchmarks.filter.dedup_scale", "--n", "1000000"],
    ["benchmarks.filter.dedup_identity", "--n", "100000"],  # candidates and clusters equal to the earlier code's
    ["benchmarks.decontam.planted", "--set", "heldout"],
    ["benchmarks.decontam.scale", "--images", "100000", "--candidates", "1000000", "--window-radius", "-1"],
    ["benchmarks.pmc.bench_jats", "--repeat", "100", "--rounds", "7"],
    ["benchmarks.pmc.bench_figures", "--set", "benchmarks/pmc/heldout2/annotations.json", "--set", "benchmarks/pmc/heldout3/annotations.json",
     "--set", "benchmarks/pmc/heldout4/annotations.json", "--set", "benchmarks/pmc/heldout5/annotations.json",
     "--set", "benchmarks/pmc/heldout6/annotations.json", "--set", "benchmarks/pmc/heldout7/annotations.json",
     "--set", "benchmarks/pmc/heldout8/annotations.json", "--set", "benchmarks/pmc/heldout9/annotations.json",
     "--set", "benchmarks/pmc/heldout10/annotations.json",
     "--set", "benchmarks/pmc/heldout11/annotations.json",
     "--set", "benchmarks/pmc/heldout12/annotations.json"],  # the 47 figures and sets 2-12 (all tuning now; each of sets 2-12 was run once as held out)
    ["benchmarks.sources.bench_sources"],
    ["benchmarks.video.bench_shots"],
    ["benchmarks.scale.run", "--rows", "100000,1000000", "--workers", "2", "--shard-size", "20000"],
    ["benchmarks.reliability.crash_trials", "--trials", "10"],
]


def main() -> int:
    failed = []
    for b in BENCHES:
        print(f"== python -m {' '.join(b)}", flush=True)
        if subprocess.call([sys.executable, "-m", *b]) != 0:
            failed.append(b[0])
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
