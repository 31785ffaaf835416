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


def once_per_session(tmp_path_factory, name: str, make) -> Path:
    """A folder that `make(folder)` fills once per test session, also when xdist spreads the session over
    workers: the first worker to ask makes it in the folder the workers share, the others wait for it (an
    flock) and take it. Each worker used to make its own copy of the demo corpus (~5 CPU-s) and of the demo
    builds (~10 CPU-s each). What it holds is read-only to every test, as before. A worker whose `make` fails
    leaves no mark, so the next one tries again; a session without xdist makes it in its own temp folder."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    try:
        import fcntl
    except ImportError:  # no flock: each worker makes its own
        worker = None
    if not worker:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # this session's, one folder above each worker's
    folder, done = shared / f"shared-{name}", shared / f"shared-{name}.done"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # left by a worker whose `make` failed
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def demo_corpus(tmp_path_factory) -> Path:
    """The demo corpus, generated once per test session (`once_per_session`)."""
    from derm1m_build.demo.corpus import generate

    return once_per_session(tmp_path_factory, "corpus", lambda root: generate(root, seed=7))


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
    """A finished build of the local demo corpus, once per session (read-only for tests: copy before changing
    it)."""
    def build(tmp: Path) -> None:
        cli("run", "--recipe", local_recipe(tmp, demo_corpus), "--out", tmp / "out", check=True)

    return once_per_session(tmp_path_factory, "build", build) / "out"


@pytest.fixture(scope="session")
def demo_build_shard8(tmp_path_factory, demo_corpus) -> Path:
    """A finished build of the local demo corpus in shards of 8 (`local_recipe(..., shard_size=8)`): the
    uninterrupted reference that a killed, a disk-full and a read-only run must resume to (read-only)."""
    def build(tmp: Path) -> None:
        cli("run", "--recipe", local_recipe(tmp, demo_corpus, shard_size=8), "--out", tmp / "out", check=True)

    return once_per_session(tmp_path_factory, "build8", build) / "out"


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
