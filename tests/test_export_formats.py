"""Exports: WebDataset shards webdataset reads, Parquet that `datasets` loads, Croissant JSON-LD;
licence filter; images of sources that forbid redistribution left out."""

from __future__ import annotations

import csv
import glob
import io
import json
import shutil

import pytest
from PIL import Image

from conftest import cli, local_recipe
from derm1m_build.licences import allows
from derm1m_build.hashing import sha256_file


@pytest.fixture(scope="module")
def restricted_build(tmp_path_factory, demo_corpus):
    """The demo's local corpus with every fifth photo marked `redistributable=false` and a few unknown licences."""
    tmp = tmp_path_factory.mktemp("restricted")
    corpus = tmp / "corpus"
    shutil.copytree(demo_corpus / "local", corpus / "local")
    meta = corpus / "local" / "metadata.csv"
    with open(meta, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, r in enumerate(rows):
        r["redistributable"] = "false" if i % 5 == 0 else ""
        if i % 11 == 0:
            r["license"] = "unknown"
    with open(meta, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    recipe = local_recipe(tmp, corpus, name="r", shard_size=64)
    cli("run", "--recipe", recipe, "--out", tmp / "out", check=True)
    return tmp / "out"


def dataset_rows(build):
    with open(build / "dataset" / "captions.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def forbidden(build) -> set[str]:
    """sample_ids whose source forbids redistribution, from the build's work/split meta."""
    import pyarrow.parquet as pq

    out = set()
    for p in sorted((build / "work" / "split").glob("part-*.parquet")):
        t = pq.read_table(p, columns=["sample_id", "meta"]).to_pylist()
        out |= {r["sample_id"] for r in t if json.loads(r["meta"]).get("redistributable") == "false"}
    return out


def allowed(rows, cls):
    return [r for r in rows if allows(r["license"], cls)]


@pytest.mark.parametrize("cls", ["commercial", "noncommercial", "all"])
def test_webdataset_shards_are_read_by_webdataset(restricted_build, tmp_path, cls):
    import webdataset as wds

    out = tmp_path / "wds"
    p = cli("export", restricted_build, "--format", "webdataset", "--license", cls, "--out", out, "--shard-size", "16",
            check=True)
    rows = allowed(dataset_rows(restricted_build), cls)
    bad = forbidden(restricted_build)
    left_out = sum(1 for r in rows if r["sample_id"] in bad)
    assert p.stdout == f"webdataset ({cls}): {len(rows)} rows, {left_out} image(s) left out (not redistributable) -> {out}\n"
    assert left_out > 0
    shards = sorted(glob.glob(str(out / "*" / "*.tar")))
    assert len(shards) > 3
    seen = {}
    for s in wds.WebDataset(shards, shardshuffle=False):
        meta = json.loads(s["json"])
        assert s["__key__"] == meta["key"] and len(meta["key"]) == 9
        assert s["txt"].decode("utf-8") == meta["truncated_caption"] and meta["url"] == meta["source_url"]
        if meta["sample_id"] in bad:
            assert "jpg" not in s and "png" not in s and meta["status"] == "not_redistributable"
        else:
            img = Image.open(io.BytesIO(s["jpg"]))
            img.load()
            assert meta["status"] == "success"
        seen[meta["sample_id"]] = (s["txt"].decode("utf-8"), meta["split"], s["__url__"].split("/")[-2])
    assert seen == {r["sample_id"]: (r["truncated_caption"], r["split"], r["split"]) for r in rows}
    if cls != "all":
        return
    again = tmp_path / "wds2"
    cli("export", restricted_build, "--format", "webdataset", "--license", cls, "--out", again, "--shard-size", "16",
        check=True)
    assert [sha256_file(s) for s in shards] == [sha256_file(s) for s in sorted(glob.glob(str(again / "*" / "*.tar")))]


def test_parquet_loads_in_hf_datasets(restricted_build, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import datasets

    out = tmp_path / "pq"
    cli("export", restricted_build, "--format", "parquet", "--license", "noncommercial", "--out", out, check=True)
    rows = allowed(dataset_rows(restricted_build), "noncommercial")
    bad = forbidden(restricted_build)
    files = {s: str(out / "data" / f"{s}-00000-of-00001.parquet") for s in ("train", "val", "test")}
    d = datasets.load_dataset("parquet", data_files=files, cache_dir=str(tmp_path / "cache"))
    assert isinstance(d["train"].features["image"], datasets.Image)
    for split in ("train", "val", "test"):
        want = [r for r in rows if r["split"] == split]
        got = d[split]
        assert got["sample_id"] == [r["sample_id"] for r in want]
        assert got["truncated_caption"] == [r["truncated_caption"] for r in want]
        for ex in got:
            if ex["sample_id"] in bad:
                assert ex["image"] is None and ex["redistributable"] is False
            else:
                assert ex["image"].size[0] > 0 and ex["redistributable"] is True
    assert all(allows(v, "noncommercial") for v in d["train"]["license"])


def test_croissant_describes_the_csv_and_images(restricted_build, tmp_path):
    out = tmp_path / "cr"
    cli("export", restricted_build, "--format", "croissant", "--license", "commercial", "--out", out, check=True)
    doc = json.loads((out / "croissant.json").read_text(encoding="utf-8"))
    assert doc["@type"] == "sc:Dataset" and doc["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert doc["@context"]["cr"] == "http://mlcommons.org/croissant/"
    dist = {d["@id"]: d for d in doc["distribution"]}
    assert dist["captions.csv"]["sha256"] == sha256_file(out / "captions.csv")
    assert dist["image-files"]["@type"] == "cr:FileSet" and dist["image-files"]["includes"] == ["images/*/*.jpg"]
    with open(out / "captions.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    rsets = {r["@id"]: r for r in doc["recordSet"]}
    fields = rsets["pairs"]["field"]
    assert [f["source"]["extract"]["column"] for f in fields[1:]] == header
    assert fields[0]["source"]["field"]["@id"] == "images/content"
    assert [f["source"]["fileSet"]["@id"] for f in rsets["images"]["field"]] == ["image-files", "image-files"]
    assert sorted(doc["license"]) == sorted({r["license"] for r in rows})
    assert all(allows(v, "commercial") for v in doc["license"])
    bad = forbidden(restricted_build)
    want = allowed(dataset_rows(restricted_build), "commercial")
    assert [r["sample_id"] for r in rows] == [r["sample_id"] for r in want]
    on_disk = {str(p.relative_to(out)) for p in (out / "images").rglob("*") if p.is_file()}
    assert on_disk == {r["filename"] for r in rows if r["filename"]}
    assert {r["sample_id"] for r in rows if not r["filename"]} == {r["sample_id"] for r in want} & bad
    assert all(r["source_url"] for r in rows)


def test_export_errors_are_one_line(restricted_build, tmp_path):
    p = cli("export", restricted_build, "--format", "zip")
    assert p.returncode == 2 and p.stderr == "error: --format 'zip': choose one of webdataset, parquet, croissant\n"
    p = cli("export", restricted_build, "--format", "parquet", "--license", "some")
    assert p.stderr == "error: --license 'some': choose one of commercial, noncommercial, all\n"
    p = cli("export", tmp_path, "--format", "parquet")
    assert p.stderr == f"error: {tmp_path / 'dataset' / 'captions.csv'} not found; run `derm1m-build run` for {tmp_path} first\n"
