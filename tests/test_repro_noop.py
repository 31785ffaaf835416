"""A no-op rerun writes nothing: every stage, the dataset writer and the report are digested steps."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import cli, copy_build


def _mtimes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in sorted(root.rglob("*"))}


def test_second_run_leaves_every_file_and_mtime_alone(demo_build, tmp_path):
    out = copy_build(demo_build, tmp_path / "build" / "out")
    recipe = demo_build.parent / "t.toml"
    p = cli("run", "--recipe", recipe, "--out", out, check=True)  # the copy's first run (paths moved)
    before = _mtimes(out)
    assert before  # the build is there
    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    assert "[dataset] up to date" in p.stderr and "[report] up to date" in p.stderr
    for stage in ("harvest", "filter", "caption", "tag", "split"):
        assert f"[{stage}] up to date" in p.stderr
    after = _mtimes(out)
    assert after == before


def test_report_is_a_digested_step(demo_build, tmp_path):
    out = copy_build(demo_build, tmp_path / "out")
    ds = out / "dataset"
    os.utime(ds / "report.html", ns=(0, 0))
    cli("report", out, check=True)
    assert (ds / "report.html").stat().st_mtime_ns == 0  # inputs unchanged: not even rewritten
    fig = sorted((ds / "figures").glob("*.png"))[0]
    fig.unlink()
    cli("report", out, check=True)
    assert fig.is_file()  # a missing output makes it run
    m = out / "work" / "tag" / "_manifest.json"
    m.write_text(m.read_text() + "\n")  # a changed input (any stage manifest) makes it run
    cli("report", out, check=True)
    assert (ds / "report.html").stat().st_mtime_ns != 0
    assert cli("verify", out, "--no-decode").returncode == 0
