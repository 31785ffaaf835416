"""kill -9 at random moments in every stage, rerun, and compare with an uninterrupted build.

    python -m benchmarks.reliability.crash_trials --trials 10

For each stage (harvest incl. fetching, filter, caption, tag, split incl. the dataset writer): copy a
reference build, remove that stage and everything after it, start `derm1m-build run`, SIGKILL it after
a random delay inside the stage's running time, run again, and check: every stage manifest and the
dataset manifest equal the reference's (so no row lost or duplicated), and no temporary file is left.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STAGES = ["harvest", "filter", "caption", "tag", "split"]


def cli(*args, check=True):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.run([sys.executable, "-m", "derm1m_build", *map(str, args)], cwd=REPO, env=env,
                       capture_output=True, text=True)
    if check and p.returncode:
        raise SystemExit(f"failed: {args}\n{p.stderr}")
    return p


def manifests(out: Path) -> dict:
    m = {s: json.loads((out / "work" / s / "_manifest.json").read_text())["shards"] for s in STAGES}
    m["dataset"] = json.loads((out / "dataset" / "manifest.json").read_text())["files"]
    return m


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    tmp = Path(tempfile.mkdtemp(prefix="derm1m-crash-"))
    corpus = tmp / "corpus"
    cli("demo-corpus", corpus)
    recipe = tmp / "r.toml"
    recipe.write_text(f'[build]\nname = "crash"\nshard_size = 8\nworkers = 2\n[harvest.local]\npath = "{corpus / "local"}"\n')
    ref = tmp / "ref"
    t0 = time.monotonic()
    cli("run", "--recipe", recipe, "--out", ref)
    full = time.monotonic() - t0
    ref_m = manifests(ref)
    results = []
    for si, stage in enumerate(STAGES):
        ok = 0
        for trial in range(a.trials):
            out = tmp / f"t-{stage}-{trial}"
            shutil.copytree(ref, out)
            for s in STAGES[si:]:
                shutil.rmtree(out / "work" / s, ignore_errors=True)
            shutil.rmtree(out / "dataset", ignore_errors=True)
            if stage == "harvest":
                shutil.rmtree(out / "raw", ignore_errors=True)
                shutil.rmtree(out / "images", ignore_errors=True)
            env = dict(os.environ, PYTHONPATH=str(REPO))
            proc = subprocess.Popen([sys.executable, "-m", "derm1m_build", "run", "--recipe", str(recipe), "--out",
                                     str(out)], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            delay = rng.uniform(0.3, max(0.6, full * 0.9))
            try:
                proc.wait(timeout=delay)
                killed = False
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                killed = True
            cli("run", "--recipe", recipe, "--out", out)
            same = manifests(out) == ref_m
            temps = [p for p in out.rglob("*") if ".tmp-" in p.name]
            ok += same and not temps
            results.append({"stage": stage, "trial": trial, "delay_s": round(delay, 2), "killed": killed,
                            "identical": same, "temp_files_left": len(temps)})
            shutil.rmtree(out)
        print(f"{stage:8s} trials {a.trials}  identical after rerun {ok}/{a.trials}", flush=True)
    killed = sum(r["killed"] for r in results)
    bad = [r for r in results if not r["identical"] or r["temp_files_left"]]
    print(json.dumps({"trials": len(results), "killed_mid_run": killed, "failures": bad}))
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
