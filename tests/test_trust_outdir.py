"""Issue 19, items 1, 2, 7 and 8: `--out` of `run` and `export` is new, empty or the tool's own; nothing of
the user's is ever deleted; one writer at a time; an interrupted export never looks complete."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import cli, copy_build, local_recipe


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# item 1: export --out DIR deleted DIR whatever it held; --out equal to the build deleted the build

def test_export_into_a_folder_of_the_users_is_refused_and_nothing_is_deleted(demo_build, tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "paper1.pdf").write_bytes(b"%PDF-1.4 mine")
    (papers / "notes").mkdir()
    (papers / "notes" / "n.txt").write_text("keep me")
    before = _tree(papers)
    p = cli("export", demo_build, "--format", "parquet", "--out", papers)
    assert p.returncode == 2
    assert p.stderr == (f"error: --out {papers} holds files derm1m-build did not make (e.g. 'notes'); "
                        "choose a new or empty folder\n")
    assert _tree(papers) == before


def test_export_out_equal_to_or_inside_the_build_is_refused(demo_build, tmp_path):
    build = copy_build(demo_build, tmp_path / "b")
    before = _tree(build)
    p = cli("export", build, "--format", "parquet", "--out", build)
    assert p.returncode == 2
    assert p.stderr == f"error: --out {build} is (or holds) the build directory {build}; choose a folder outside it\n"
    p = cli("export", build, "--format", "parquet", "--out", build / "dataset")
    assert p.returncode == 2 and "is inside the build directory" in p.stderr and p.stderr.count("\n") == 1
    p = cli("export", build, "--format", "parquet", "--out", tmp_path)  # a folder holding the build
    assert p.returncode == 2 and "is (or holds) the build directory" in p.stderr
    assert _tree(build) == before


def test_export_replaces_its_own_earlier_export_and_verifies(demo_build, tmp_path):
    out = tmp_path / "exp"
    out.mkdir()  # empty: allowed
    cli("export", demo_build, "--format", "webdataset", "--out", out, "--shard-size", "20", check=True)
    m = json.loads((out / "export.json").read_text())
    assert m["made_by"] == "derm1m-build" and m["complete"] is True and m["format"] == "webdataset"
    assert set(m["files"]) == {str(p.relative_to(out)) for p in out.rglob("*.tar")}
    assert cli("verify", out).stdout == f"OK {out}\n"
    cli("export", demo_build, "--format", "parquet", "--out", out, check=True)  # ours: replaced whole
    assert not list(out.rglob("*.tar")) and list(out.rglob("*.parquet"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".exp")]
    victim = sorted(out.rglob("*.parquet"))[0]
    victim.write_bytes(victim.read_bytes()[:-10])
    p = cli("verify", out)
    assert p.returncode == 1 and f"FAIL {victim.relative_to(out)}: sha256 differs from export.json" in p.stderr


# item 8: an interrupted export (kill -9) left a partial export that looked complete

def test_interrupted_export_never_looks_complete(demo_build, tmp_path, monkeypatch):
    from derm1m_build.dataset import export as ex

    out = tmp_path / "exp"
    ex.export(demo_build, "webdataset", "all", out, 10)
    before = _tree(out)
    real = ex.atomic_write_bytes
    calls = []

    def dies_on_third_shard(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise SystemExit("killed")  # nothing after this point runs, as with kill -9
        real(path, data)

    monkeypatch.setattr(ex, "atomic_write_bytes", dies_on_third_shard)
    with pytest.raises(SystemExit):
        ex.export(demo_build, "webdataset", "all", out, 5)
    monkeypatch.setattr(ex, "atomic_write_bytes", real)
    assert _tree(out) == before  # the earlier export is whole; the partial one is not at `out`
    partial = [p for p in tmp_path.iterdir() if p.name.startswith(".exp.export-tmp-")]
    assert len(partial) == 1 and json.loads((partial[0] / "export.json").read_text())["complete"] is False
    assert ex.verify_export(partial[0]) == [f"{partial[0]}: export did not finish (export.json says complete: false)"]
    ex.export(demo_build, "webdataset", "all", out, 5)  # the next export cleans up the partial one
    assert not [p for p in tmp_path.iterdir() if p.name != "exp"]
    assert ex.verify_export(out) == [] and json.loads((out / "export.json").read_text())["shard_size"] == 5


# item 2: run --out took over any folder without build.json; temp clean-up deleted the user's files

def test_run_into_a_folder_of_the_users_is_refused(demo_corpus, tmp_path):
    recipe = local_recipe(tmp_path, demo_corpus)
    mine = tmp_path / "mine"
    (mine / "dataset").mkdir(parents=True)
    (mine / "dataset" / "thesis.docx").write_bytes(b"PK years of work")
    p = cli("run", "--recipe", recipe, "--out", mine)
    assert p.returncode == 2
    assert p.stderr == (f"error: --out {mine} holds files derm1m-build did not make (e.g. 'dataset'); "
                        "choose a new or empty folder\n")
    assert (mine / "dataset" / "thesis.docx").read_bytes() == b"PK years of work"
    assert sorted(p.name for p in mine.iterdir()) == ["dataset"]


def test_run_with_out_set_to_the_input_folder_touches_nothing(demo_corpus, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(demo_corpus / "local", corpus / "local")
    (corpus / "local" / "scan.tmp-2019.jpg").write_bytes(b"\xff\xd8 my scan")
    (corpus / "local" / "images" / "x.tmp-123").write_bytes(b"mine too")
    before = _tree(corpus)
    recipe = local_recipe(tmp_path, corpus)
    for stage in ("run", "harvest", "filter"):
        p = cli(stage, "--recipe", recipe, "--out", corpus / "local")
        assert p.returncode == 2 and "holds files derm1m-build did not make" in p.stderr, stage
    assert _tree(corpus) == before


def test_temp_clean_up_removes_only_the_tools_own_temp_names(tmp_path):
    from derm1m_build.store import clean_temp_files

    (tmp_path / "a").mkdir()
    ours = [tmp_path / "part-x.parquet.tmp-4242", tmp_path / "a" / "_manifest.json.tmp-7"]
    theirs = [tmp_path / "scan.tmp-2019.jpg", tmp_path / "a" / "notes.tmp-", tmp_path / "a" / "x.tmp-12a"]
    for p in ours + theirs:
        p.write_bytes(b"x")
    assert clean_temp_files(tmp_path) == 2
    assert not any(p.exists() for p in ours) and all(p.exists() for p in theirs)


def test_other_recipe_and_old_marker(demo_build, demo_corpus, tmp_path):
    out = copy_build(demo_build, tmp_path / "out")
    p = cli("run", "--recipe", local_recipe(tmp_path, demo_corpus, name="other"), "--out", out)
    assert p.returncode == 2 and p.stderr.startswith(f"error: {out} was built by recipe 't', not 'other'")
    assert json.loads((out / "build.json").read_text())["made_by"] == "derm1m-build"


# item 7: two runs on one --out at once: one died when the other's clean-up removed its file

def test_a_second_run_on_the_same_out_refuses_with_one_line(demo_build, demo_corpus, tmp_path):
    from derm1m_build.builddir import OutLock

    out = copy_build(demo_build, tmp_path / "out")
    recipe = local_recipe(tmp_path, demo_corpus)
    with OutLock(out):  # a first run holds the build
        p = cli("run", "--recipe", recipe, "--out", out)
        assert p.returncode == 2
        assert p.stderr == (f"error: another derm1m-build is writing to {out}; "
                            "wait for it to finish or choose another --out\n")
        p = cli("caption", "--recipe", recipe, "--out", out)
        assert p.returncode == 2 and "is writing to" in p.stderr
    p = cli("run", "--recipe", recipe, "--out", out, check=True)  # released: runs
    assert "[split] up to date" in p.stderr
