"""A built wheel works on its own: ontology, prompts and forum adapters ship inside it, and the core
install runs a build with neither torch, transformers nor Ray importable (they are extras)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

# what the core install must not need: importing any of these fails inside the test venv
BLOCKER = '''
import sys
class _NoHeavy:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "transformers", "ray"):
            raise ImportError(f"{name} is not installed (core install)")
        return None
sys.meta_path.insert(0, _NoHeavy())
'''


def _run(cmd: list, cwd: Path, stdin: str | None = None, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DERM1M_ONTOLOGY", "DERM1M_DATA_DIR")}
    env.update(env_extra or {})
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, input=stdin, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """The wheel (pip wheel --no-deps --no-build-isolation) installed into a fresh venv that sees the
    system's packages (no network needed) but not this checkout."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"  # build from a copy: the wheel must come from the tracked files, not from build/
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True,
                           text=True, check=True).stdout.split()
    for f in files:
        if (REPO / f).is_file():
            (src / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / f, src / f)
    p = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", tmp / "dist", src],
             cwd=tmp)
    assert p.returncode == 0, p.stdout + p.stderr
    whl = sorted((tmp / "dist").glob("derm1m_build-*.whl"))
    assert len(whl) == 1
    env = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", env], check=True)
    py = env / "bin" / "python"
    p = _run([py, "-m", "pip", "install", "--no-deps", "--no-index", whl[0]], cwd=tmp)
    assert p.returncode == 0, p.stdout + p.stderr
    site = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp).stdout.strip())
    (site / "zz_no_heavy.py").write_text(BLOCKER)
    (site / "zz_no_heavy.pth").write_text("import zz_no_heavy\n")
    return env


def test_wheel_is_what_runs_and_carries_its_data(venv, tmp_path):
    py = venv / "bin" / "python"
    p = _run([py, "-c", "import json, derm1m_build\n"
              "from derm1m_build.resources import data_dir\n"
              "print(json.dumps([derm1m_build.__file__] + [str(data_dir(n)) for n in ('ontology', 'prompts', 'adapters')]))"],
             cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    paths = json.loads(p.stdout)
    assert all(x.startswith(str(venv)) for x in paths), paths
    assert [Path(x).name for x in paths[1:]] == ["ontology", "prompts", "adapters"]
    assert "_data" in paths[1]
    p = _run([py, "-c", "import torch"], cwd=tmp_path)
    assert p.returncode != 0 and "core install" in p.stderr


def test_wheel_ontology_stats_and_tag_text(venv, tmp_path):
    exe = venv / "bin" / "derm1m-build"
    p = _run([exe, "ontology", "stats"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("conditions ")
    p = _run([exe, "tag-text", "-"], cwd=tmp_path,
             stdin='{"id": 1, "text": "chronic plaque psoriasis on the elbow, no melanoma"}\n')
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    conds = {c["name"]: c["negated"] for c in out["conditions"]}
    assert [n for n, neg in conds.items() if "psoriasis" in n and not neg], conds
    assert [n for n, neg in conds.items() if "melanoma" in n and neg], conds


def test_wheel_builds_a_small_dataset(venv, tmp_path, demo_corpus):
    from derm1m_build.demo.corpus import generate  # noqa: F401 - the corpus comes from the fixture

    corpus = tmp_path / "corpus"
    (corpus / "images").mkdir(parents=True)
    lines = (demo_corpus / "local" / "metadata.csv").read_text(encoding="utf-8").splitlines()
    keep = [lines[0]] + lines[1:13]
    (corpus / "metadata.csv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    for ln in keep[1:]:
        img = ln.split(",")[1]
        shutil.copy(demo_corpus / "local" / img, corpus / img)
    (tmp_path / "r.toml").write_text('[build]\nname = "w"\nshard_size = 8\n\n[harvest.local]\npath = "corpus"\n'
                                     '\n[caption]\nbackend = "rules"\n', encoding="utf-8")
    exe = venv / "bin" / "derm1m-build"
    p = _run([exe, "run", "--recipe", "r.toml", "--out", "out"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "[report]" in p.stderr
    rows = (tmp_path / "out" / "dataset" / "captions.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) > 1
    assert any("psoriasis" in r for r in rows[1:])
    assert _run([exe, "verify", "out"], cwd=tmp_path).returncode == 0
