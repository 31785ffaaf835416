"""Issue 19: a stage's digest covers the code it runs. Editing a stage's module used to leave its old
outputs "up to date" (the digest named only the package version); the same code in another clone or
folder must still give the same digest (reproducibility across clones)."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, local_recipe
from derm1m_build.codedigest import ROOT, clear_cache, closure, code_digest

TAG = "derm1m_build.stages.tag"
FILTER = "derm1m_build.stages.filter"


def _copy_pkg(dst: Path) -> Path:
    shutil.copytree(ROOT, dst / "derm1m_build", ignore=shutil.ignore_patterns("__pycache__"))
    return dst / "derm1m_build"


def test_same_code_same_digest_in_any_folder_and_an_edit_changes_only_its_stages(tmp_path):
    a, b = _copy_pkg(tmp_path / "clone-a"), _copy_pkg(tmp_path / "elsewhere" / "clone-b")
    os.utime(b / "stages" / "tag.py", (0, 0))  # mtimes are no input
    for m in (TAG, FILTER):
        assert code_digest([m], a) == code_digest([m], b) == code_digest([m])
    assert "derm1m_build.tagger.core" in closure((TAG,), a)  # imports inside functions are followed
    assert "derm1m_build.stages.tag" not in closure((FILTER,), a)
    tag0, filter0 = code_digest([TAG], a), code_digest([FILTER], a)
    with open(b / "stages" / "tag.py", "a", encoding="utf-8") as f:
        f.write("\n# an edit\n")
    with open(a / "tagger" / "core.py", "a", encoding="utf-8") as f:  # a module the stage imports
        f.write("\n# an edit\n")
    clear_cache()  # a build never sees its code change; this test does
    assert code_digest([TAG], b) != tag0 and code_digest([FILTER], b) == filter0
    assert code_digest([TAG], a) not in (tag0, code_digest([TAG], b))


def _run(clone: Path, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(clone), PYTHONHASHSEED="0")
    env.pop("DERM1M_DEBUG", None)
    p = subprocess.run([sys.executable, "-m", "derm1m_build", *map(str, args)], cwd=clone, env=env,
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    return p


def test_an_edited_stage_module_reruns_that_stage_only(tmp_path, demo_corpus):
    clone = tmp_path / "clone"
    _copy_pkg(clone)
    for d in ("ontology", "stages"):
        shutil.copytree(REPO / d, clone / d)
    corpus = tmp_path / "c"
    shutil.copytree(demo_corpus / "local", corpus / "local")
    meta = corpus / "local" / "metadata.csv"
    with open(meta, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(meta, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows[:10])
    recipe, out = local_recipe(tmp_path, corpus), tmp_path / "out"
    _run(clone, "run", "--recipe", recipe, "--out", out)
    before = (out / "dataset" / "captions.csv").read_bytes()
    p = _run(clone, "run", "--recipe", recipe, "--out", out)
    assert all(f"[{s}] up to date" in p.stderr for s in ("harvest", "filter", "caption", "tag", "split", "dataset"))
    with open(clone / "derm1m_build" / "stages" / "tag.py", "a", encoding="utf-8") as f:
        f.write("\n# a change to the tag stage's code\n")
    p = _run(clone, "run", "--recipe", recipe, "--out", out)
    assert "[tag] up to date" not in p.stderr and "[tag] rows in" in p.stderr
    assert all(f"[{s}] up to date" in p.stderr for s in ("harvest", "filter", "caption"))
    # the edit changed no row: the tag shards have the same bytes, so split and the dataset stay as they were
    assert "[split] up to date" in p.stderr and "[dataset] up to date" in p.stderr
    assert (out / "dataset" / "captions.csv").read_bytes() == before
    assert "[tag] up to date" in _run(clone, "run", "--recipe", recipe, "--out", out).stderr
