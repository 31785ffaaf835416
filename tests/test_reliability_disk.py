"""A full disk or a read-only output directory: a clear error, a consistent store, and the next run resumes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import cli, local_recipe


def _mount_tmpfs(path: Path, size: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if p.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")


def _remount(path: Path, opts: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{opts}", str(path)], check=True, capture_output=True)


def _corpus_of(build: Path) -> Path:
    prov = json.loads((build / "raw/local/metadata.csv.provenance.json").read_text())
    # local files are recorded relative to the recipe, which sits beside the build
    return (build.parent / prov["url"][len("file:"):]).resolve().parent.parent


def _manifests(out: Path) -> dict:
    return {s: json.loads((out / "work" / s / "_manifest.json").read_text())["shards"]
            for s in ("harvest", "filter", "caption", "tag", "split")}


@pytest.fixture
def small_disk(tmp_path):
    mnt = tmp_path / "mnt"
    _mount_tmpfs(mnt, "1500k")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _one_line(p) -> str:
    assert p.returncode != 0
    assert "Traceback" not in p.stderr
    lines = [x for x in p.stderr.splitlines() if x.startswith("error: ")]
    assert len(lines) == 1, p.stderr
    return lines[0]


def test_disk_full_then_resume(tmp_path, small_disk, demo_build, demo_build_shard8):
    recipe = local_recipe(tmp_path, _corpus_of(demo_build), shard_size=8)
    out = small_disk / "build"
    line = _one_line(cli("run", "--recipe", recipe, "--out", out))
    assert "disk full" in line
    _remount(small_disk, "size=400m")
    cli("run", "--recipe", recipe, "--out", out, check=True)
    ref = demo_build_shard8  # the same recipe, run on a roomy disk
    assert _manifests(out) == _manifests(ref)
    assert json.loads((out / "dataset/manifest.json").read_text()) == json.loads((ref / "dataset/manifest.json").read_text())
    assert [p for p in out.rglob("*") if ".tmp-" in p.name] == []


def test_read_only_out_then_resume(tmp_path, small_disk, demo_build):
    _remount(small_disk, "size=400m")
    recipe = local_recipe(tmp_path, _corpus_of(demo_build), shard_size=8)
    out = small_disk / "build"
    cli("harvest", "--recipe", recipe, "--out", out, check=True)
    before = (out / "work/harvest/_manifest.json").read_bytes()
    _remount(small_disk, "ro")
    line = _one_line(cli("run", "--recipe", recipe, "--out", out))
    assert "Read-only file system" in line or "not writable" in line
    assert (out / "work/harvest/_manifest.json").read_bytes() == before
    _remount(small_disk, "rw")
    cli("run", "--recipe", recipe, "--out", out, check=True)
    assert cli("verify", out).returncode == 0
