"""Shared fixtures: run the CLI as a user would, a generated demo corpus, a built demo dataset."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REALDATA = SHARED / "realdata"


def cli(*args: str, cwd: Path | None = None, env: dict | None = None, check: bool = False,
        timeout: int = 600) -> subprocess.CompletedProcess:
    """Run `derm1m-build ARGS` in a subprocess against this checkout's code."""
    e = dict(os.environ, PYTHONPATH=str(REPO), RAY_AUTH_MODE="disabled", PYTHONHASHSEED="0")
    e.pop("DERM1M_DEBUG", None)
    if env:
        e.update(env)
    p = subprocess.run([sys.executable, "-m", "derm1m_build", *map(str, args)], cwd=cwd or REPO, env=e,
                       capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise AssertionError(f"derm1m-build {' '.join(map(str, args))} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def write_recipe(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def demo_corpus(tmp_path_factory) -> Path:
    """The demo corpus, generated once per test session."""
    from derm1m_build.demo.corpus import generate

    root = tmp_path_factory.mktemp("corpus")
    generate(root, seed=7)
    return root


def local_recipe(tmp: Path, corpus: Path, name: str = "t", shard_size: int = 16, workers: int = 1,
                 extra: str = "") -> Path:
    return write_recipe(tmp / f"{name}.toml", f"""
[build]
name = "{name}"
seed = 1234
shard_size = {shard_size}
workers = {workers}
allow_private_hosts = true

[harvest.local]
path = "{corpus / 'local'}"
{extra}
""")


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory, demo_corpus) -> Path:
    """A finished build of the local demo corpus (read-only for tests: copy before changing it)."""
    tmp = tmp_path_factory.mktemp("build")
    recipe = local_recipe(tmp, demo_corpus)
    cli("run", "--recipe", recipe, "--out", tmp / "out", check=True)
    return tmp / "out"


@pytest.fixture(scope="session")
def demo_build_shard8(tmp_path_factory, demo_corpus) -> Path:
    """A finished build of the local demo corpus in shards of 8 (`local_recipe(..., shard_size=8)`): the
    uninterrupted reference that a killed, a disk-full and a read-only run must resume to (read-only)."""
    tmp = tmp_path_factory.mktemp("build8")
    recipe = local_recipe(tmp, demo_corpus, shard_size=8)
    cli("run", "--recipe", recipe, "--out", tmp / "out", check=True)
    return tmp / "out"


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.exists():
        pytest.skip(SHARED_SKIP)
    return REALDATA


def copy_build(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


SHARED_SKIP = "../shared/realdata is not beside this checkout"


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """One line at the end of the run when tests were skipped for want of ../shared (README: "Real data
    for the tests" says how to get it), so a clean clone does not silently test less."""
    n = 0
    for rep in terminalreporter.stats.get("skipped", []):
        lr = getattr(rep, "longrepr", None)
        reason = lr[2] if isinstance(lr, tuple) and len(lr) == 3 else str(lr or "")
        n += SHARED_SKIP in reason
    if n:
        terminalreporter.write_line(f"{n} tests skipped: they need ../shared/realdata beside this checkout "
                                    "(see README, 'Real data for the tests')", yellow=True)
