"""Issue 2's guarantees: the build, its dataset, resumability, determinism, verify, bad input."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from conftest import REPO, cli, copy_build, local_recipe
from derm1m_build.dataset.writer import CSV_COLUMNS, DERM1M_COLUMNS


def manifests(out: Path) -> dict:
    m = {"dataset": json.loads((out / "dataset" / "manifest.json").read_text())}
    for stage in ("harvest", "filter", "caption", "tag", "split"):
        m[stage] = json.loads((out / "work" / stage / "_manifest.json").read_text())
    return m


def test_dataset_layout_and_counts(demo_build):
    ds = demo_build / "dataset"
    for rel in ("captions.csv", "ontology.json", "manifest.json", "splits/train.csv", "splits/val.csv",
                "splits/test.csv"):
        assert (ds / rel).is_file(), rel
    df = pd.read_csv(ds / "captions.csv")
    assert len(df) >= 100
    assert list(df.columns[: len(DERM1M_COLUMNS)]) == DERM1M_COLUMNS
    assert list(df.columns) == CSV_COLUMNS
    assert df["filename"].str.match(r"^images/[0-9a-f]{2}/[0-9a-f]{64}\.(jpg|png)$").all()
    # the splits partition captions.csv
    parts = [pd.read_csv(ds / "splits" / f"{s}.csv") for s in ("train", "val", "test")]
    assert sum(len(p) for p in parts) == len(df)
    assert set(pd.concat(parts)["sample_id"]) == set(df["sample_id"])
    onto = json.loads((ds / "ontology.json").read_text())
    assert "root" in onto and all(isinstance(v, list) for v in onto.values())


def test_captions_open_in_derm1m_loader(demo_build):
    """Derm1M's loader: pandas.read_csv defaults, image at root + '/' + filename, text from truncated_caption."""
    root = str(demo_build / "dataset")
    df = pd.read_csv(root + "/captions.csv")
    assert "source" in df.columns
    for _, row in df.iterrows():
        with Image.open(root + "/" + row["filename"]) as im:
            im.convert("RGB").load()
        assert isinstance(row["truncated_caption"], str) and row["truncated_caption"].strip()


def test_manifest_lists_every_file_with_its_digest(demo_build):
    from derm1m_build.hashing import sha256_file

    ds = demo_build / "dataset"
    m = json.loads((ds / "manifest.json").read_text())
    files = {str(p.relative_to(ds)) for p in ds.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert set(m["files"]) == files
    some = sorted(files)[:5]
    assert all(m["files"][f] == sha256_file(ds / f) for f in some)


def test_every_stage_has_a_manifest_and_dropped_rows_keep_their_reason(demo_build):
    m = manifests(demo_build)
    f = m["filter"]
    assert f["rows_in"] == f["rows_out"] + sum(f["dropped"].values())
    assert f["dropped"].get("slide_or_diagram", 0) >= 10
    import pyarrow.parquet as pq

    ex = pq.read_table(demo_build / "work" / "filter" / "_excluded" / f"part-{sorted(f['shards'])[0]}.parquet")
    assert ex.num_rows > 0 and all(ex.column("reason").to_pylist())
    for stage in ("filter", "caption", "tag", "split"):
        assert m[stage]["package_version"] and m[stage]["recipe_digest"] and m[stage]["input_digest"]
        for k, v in m[stage]["shards"].items():
            assert len(v["sha256"]) == 64


def test_rerun_is_up_to_date_and_does_no_work(tmp_path, demo_build):
    out = copy_build(demo_build, tmp_path / "out")
    before = manifests(out)
    recipe = local_recipe(tmp_path, Path(json.loads((out / "raw/local/_fetch.json").read_text()) and
                                         _corpus_of(demo_build)))
    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    for stage in ("harvest", "filter", "caption", "tag", "split"):
        assert f"[{stage}] up to date" in p.stderr
    assert "[dataset] up to date" in p.stderr
    assert manifests(out) == before


def _corpus_of(build: Path) -> Path:
    prov = json.loads((build / "raw/local/metadata.csv.provenance.json").read_text())
    # local files are recorded relative to the recipe, which sits beside the build
    return (build.parent / prov["url"][len("file:"):]).resolve().parent.parent


def test_changed_recipe_section_reruns_that_stage_and_later(tmp_path, demo_build):
    out = copy_build(demo_build, tmp_path / "out")
    corpus = _corpus_of(demo_build)
    recipe = local_recipe(tmp_path, corpus, extra="[caption]\nmin_words = 12\n")
    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    assert "[harvest] up to date" in p.stderr and "[filter] up to date" in p.stderr
    assert "[caption] rows in" in p.stderr and "[tag] rows in" in p.stderr
    st = cli("status", out, "--recipe", recipe, "--json", check=True)
    assert {r["stage"]: r["state"] for r in json.loads(st.stdout)} == {
        "harvest": "done", "filter": "done", "caption": "done", "tag": "done", "split": "done"}
    st = cli("status", out, "--recipe", local_recipe(tmp_path, corpus, name="t"), "--json", check=True)
    assert {r["stage"]: r["state"] for r in json.loads(st.stdout)}["caption"] == "stale"


def test_one_and_two_workers_give_the_same_dataset(tmp_path, demo_build):
    corpus = _corpus_of(demo_build)
    out = tmp_path / "two"
    out.mkdir()
    shutil.copytree(demo_build / "raw", out / "raw")  # the same raw cache
    shutil.copy(demo_build / "build.json", out / "build.json")  # a build dir of the tool
    recipe = local_recipe(tmp_path, corpus, workers=2)
    cli("run", "--recipe", recipe, "--out", out, check=True)
    assert manifests(out)["dataset"] == manifests(demo_build)["dataset"]
    assert manifests(out)["split"]["shards"] == manifests(demo_build)["split"]["shards"]


def test_resume_after_kill_equals_uninterrupted_run(tmp_path, demo_build, demo_build_shard8):
    corpus = _corpus_of(demo_build)
    rng = random.Random(int(os.environ.get("KILL_SEED", "0")) or None)
    stage = rng.choice(["filter", "caption", "tag", "split"])
    out = tmp_path / "killed"
    out.mkdir()
    shutil.copytree(demo_build / "raw", out / "raw")
    shutil.copy(demo_build / "build.json", out / "build.json")  # a build dir of the tool
    recipe = local_recipe(tmp_path, corpus, shard_size=8)  # many shards: a kill lands mid-stage
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "derm1m_build", "run", "--recipe", str(recipe), "--out", str(out)],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done_dir = out / "work" / stage / ("_map/_done" if stage in ("filter", "split") else "_done")
    target = rng.randint(1, 6)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if done_dir.exists() and len(list(done_dir.glob("*.json"))) >= target:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    cli("run", "--recipe", recipe, "--out", out, check=True)
    assert manifests(out) == manifests(demo_build_shard8)  # the same recipe, run without a kill
    leftovers = [p for p in out.rglob("*") if ".tmp-" in p.name]
    assert leftovers == []


def test_verify_passes_then_catches_a_changed_image_and_a_changed_row(tmp_path, demo_build):
    assert cli("verify", demo_build).returncode == 0
    out = copy_build(demo_build, tmp_path / "out")
    ds = out / "dataset"
    df = pd.read_csv(ds / "captions.csv")
    img = ds / df["filename"][0]
    img.write_bytes(img.read_bytes()[:-10] + b"0123456789")
    p = cli("verify", out)
    assert p.returncode == 1
    assert f"FAIL {df['filename'][0]}: sha256 differs from manifest" in p.stderr
    out2 = copy_build(demo_build, tmp_path / "out2")
    csv_path = out2 / "dataset" / "captions.csv"
    lines = csv_path.read_text().splitlines(keepends=True)
    lines[3] = lines[3].replace("a", "e", 1)
    csv_path.write_text("".join(lines))
    p = cli("verify", out2)
    assert p.returncode == 1 and "FAIL captions.csv: sha256 differs from manifest" in p.stderr
    out3 = copy_build(demo_build, tmp_path / "out3")
    (out3 / "dataset" / df["filename"][1]).unlink()
    p = cli("verify", out3)
    assert p.returncode == 1 and f"FAIL {df['filename'][1]}: missing" in p.stderr


def test_verify_catches_a_leak(tmp_path, demo_build):
    from derm1m_build.dataset.writer import write_manifest

    out = copy_build(demo_build, tmp_path / "out")
    ds = out / "dataset"
    df = pd.read_csv(ds / "captions.csv")
    g = df["group_id"].value_counts().index[0]
    idx = df.index[df["group_id"] == g]
    assert len(idx) >= 2
    df.loc[idx[0], "split"] = "train"
    df.loc[idx[1], "split"] = "test"
    df.to_csv(ds / "captions.csv", index=False)
    write_manifest(ds)
    p = cli("verify", out)
    assert p.returncode == 1 and f"leak: group {g} is in both" in p.stderr


def test_verify_names_rows_by_number_with_multi_line_captions(tmp_path, demo_build):
    """Row problems come in row order, numbered as rows (header = 1) even when a caption spans lines;
    a CSV that cannot be parsed is one problem line, not a traceback."""
    import csv as csvmod

    from derm1m_build.dataset.verify import verify
    from derm1m_build.dataset.writer import write_manifest

    out = copy_build(demo_build, tmp_path / "out")
    ds = out / "dataset"
    with open(ds / "captions.csv", encoding="utf-8", newline="") as f:
        rows = list(csvmod.DictReader(f))
    header = list(rows[0])
    rows[0]["caption"] = "first line\nsecond line, with a comma and a \"quote\""
    groups = [r["group_id"] for r in rows]
    alone = next(i for i in range(2, len(rows)) if groups.count(groups[i]) == 1)  # no tie to leak through
    rows[alone]["split"] = "holdout"
    rows[alone + 2]["filename"] = "images/00/missing.jpg"
    with open(ds / "captions.csv", "w", encoding="utf-8", newline="") as f:
        w = csvmod.DictWriter(f, header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    write_manifest(ds)
    assert verify(out, decode_images=False) == [
        f"captions.csv line {alone + 2}: split 'holdout' is not one of ('train', 'val', 'test')",
        f"captions.csv line {alone + 4}: images/00/missing.jpg does not exist",
    ]
    with open(ds / "captions.csv", "a", encoding="utf-8") as f:
        f.write('only,three,"fields\n')
    write_manifest(ds)
    problems = verify(out, decode_images=False)
    assert len(problems) == 1 and problems[0].startswith("captions.csv: cannot be read (")
