"""The Ray executor builds the same dataset as the local one (issue 11)."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import cli, local_recipe

ray = pytest.importorskip("ray", reason="the ray extra is not installed")

pytestmark = pytest.mark.ray


def test_ray_build_equals_local_build(tmp_path, demo_build):
    prov = json.loads((demo_build / "raw/local/metadata.csv.provenance.json").read_text())
    from pathlib import Path

    corpus = (demo_build.parent / prov["url"][len("file:"):]).resolve().parent.parent  # relative to the recipe
    out = tmp_path / "ray"
    out.mkdir()
    shutil.copytree(demo_build / "raw", out / "raw")
    shutil.copy(demo_build / "build.json", out / "build.json")  # a build dir of the tool
    recipe = local_recipe(tmp_path, corpus, workers=2)
    p = cli("run", "--recipe", recipe, "--out", out, "--executor", "ray", check=True)
    assert "[split] rows in" in p.stderr
    local = json.loads((demo_build / "dataset/manifest.json").read_text())
    remote = json.loads((out / "dataset/manifest.json").read_text())
    assert remote == local
    for stage in ("filter", "caption", "tag", "split"):
        a = json.loads((demo_build / f"work/{stage}/_manifest.json").read_text())
        b = json.loads((out / f"work/{stage}/_manifest.json").read_text())
        assert a["shards"] == b["shards"], stage


def test_ray_actor_pool_runs_model_stages(tmp_path):
    """A stage that declares `actor=True` runs on an ActorPool and gives the same results as tasks."""
    from derm1m_build.executors.ray_executor import RayExecutor
    from derm1m_build.hashing import sha256_bytes
    from derm1m_build.stage import Resources

    items = [bytes([i]) * 3 for i in range(6)]
    ex = RayExecutor(workers=2)
    try:
        got = sorted(ex.map(sha256_bytes, items, Resources(cpus=1, actor=True)))
        got2 = sorted(ex.map(sha256_bytes, items, Resources(cpus=1)))
    finally:
        ex.close()
    assert got == got2 == sorted(sha256_bytes(b) for b in items)
