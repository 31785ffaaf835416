"""Issue 19, items 4 and 5: `report` never re-blesses tampering; verify checks content-addressed names,
unique sample ids and every work shard; a damaged shard is detected and recomputed by the next run."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd

from conftest import cli, copy_build, local_recipe


def _corpus_of(build: Path) -> Path:
    prov = json.loads((build / "raw/local/metadata.csv.provenance.json").read_text())
    # local files are recorded relative to the recipe, which sits beside the build
    return (build.parent / prov["url"][len("file:"):]).resolve().parent.parent


def _dataset_manifest(out: Path) -> dict:
    return json.loads((out / "dataset" / "manifest.json").read_text())


# item 4: after copying another image's bytes over a dataset image, `report` (and `run`) made verify say OK

def test_report_and_run_do_not_rebless_a_tampered_image(demo_build, tmp_path):
    out = copy_build(demo_build, tmp_path / "out")
    ds = out / "dataset"
    imgs = sorted({f for f in pd.read_csv(ds / "captions.csv")["filename"]})
    victim, other = ds / imgs[0], ds / imgs[1]
    shutil.copyfile(other, victim)
    want = [f"FAIL {imgs[0]}: sha256 differs from manifest",
            f"FAIL {imgs[0]}: content does not match its name (sha256 {other.stem[:16]}...)"]
    p = cli("verify", out, "--no-decode")
    assert p.returncode == 1 and p.stderr.splitlines() == want
    cli("report", out, check=True)
    p = cli("verify", out, "--no-decode")
    assert p.returncode == 1 and p.stderr.splitlines() == want
    cli("run", "--recipe", local_recipe(tmp_path, _corpus_of(demo_build)), "--out", out, check=True)
    assert cli("verify", out, "--no-decode").stderr.splitlines() == want


def test_verify_checks_names_even_when_the_manifest_is_rewritten(demo_build, tmp_path):
    from derm1m_build.dataset.writer import write_manifest

    out = copy_build(demo_build, tmp_path / "out")
    ds = out / "dataset"
    imgs = sorted({f for f in pd.read_csv(ds / "captions.csv")["filename"]})
    shutil.copyfile(ds / imgs[1], ds / imgs[0])
    write_manifest(ds)  # an attacker re-hashes the manifest too
    p = cli("verify", out, "--no-decode")
    assert p.returncode == 1
    assert p.stderr.splitlines() == [f"FAIL {imgs[0]}: content does not match its name "
                                     f"(sha256 {Path(imgs[1]).stem[:16]}...)"]


def test_verify_finds_repeated_sample_ids(demo_build, tmp_path):
    from derm1m_build.dataset.writer import write_manifest

    out = copy_build(demo_build, tmp_path / "out")
    ds = out / "dataset"
    with open(ds / "captions.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[5] = dict(rows[4])  # one row twice, another gone: same row count
    with open(ds / "captions.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    write_manifest(ds)
    p = cli("verify", out, "--no-decode")
    assert p.returncode == 1
    assert f"FAIL captions.csv: 1 sample_id(s) appear more than once (e.g. {rows[4]['sample_id']})" in p.stderr


# item 5: a truncated shard, swapped shards and a shortened valid _manifest.json passed run, status, verify

def _shards(out: Path, stage: str) -> list[Path]:
    return sorted((out / "work" / stage).glob("part-*.parquet"))


def _damage_then_repair(demo_build, tmp_path, damage, expect_fail: str, expect_state: str = "damaged"):
    out = copy_build(demo_build, tmp_path / "out")
    before = _dataset_manifest(out)["files"]
    damage(out)
    p = cli("verify", out, "--no-decode")
    assert p.returncode == 1 and expect_fail in p.stderr, p.stderr
    recipe = local_recipe(tmp_path, _corpus_of(demo_build))
    st = json.loads(cli("status", out, "--recipe", recipe, "--json", check=True).stdout)
    assert {r["stage"]: r["state"] for r in st}["filter"] == expect_state
    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    assert "[filter] rows in" in p.stderr and "[harvest] up to date" in p.stderr  # recomputed, not trusted
    assert "[caption] up to date" in p.stderr  # the repaired stage is byte-identical: nothing after it reruns
    assert cli("verify", out, "--no-decode").stdout == f"OK {out}\n"
    assert _dataset_manifest(out)["files"] == before
    return p


def test_truncated_shard_is_detected_and_recomputed(demo_build, tmp_path):
    original = _shards(demo_build, "filter")[1].read_bytes()

    def truncate(out):
        s = _shards(out, "filter")[1]
        s.write_bytes(s.read_bytes()[:200])

    _damage_then_repair(demo_build, tmp_path, truncate,
                        f"work/filter/{_shards(demo_build, 'filter')[1].name}: sha256 differs from its record")
    assert _shards(tmp_path / "out", "filter")[1].read_bytes() == original


def test_swapped_shards_are_detected_and_recomputed(demo_build, tmp_path):
    def swap(out):
        a, b = _shards(out, "filter")[:2]
        da, db = a.read_bytes(), b.read_bytes()
        a.write_bytes(db)
        b.write_bytes(da)

    _damage_then_repair(demo_build, tmp_path, swap,
                        f"work/filter/{_shards(demo_build, 'filter')[0].name}: sha256 differs")


def test_shortened_valid_manifest_is_detected_and_rebuilt(demo_build, tmp_path):
    def shorten(out):
        mp = out / "work" / "filter" / "_manifest.json"
        m = json.loads(mp.read_text())
        keep = sorted(m["shards"])[:2]
        m["shards"] = {k: m["shards"][k] for k in keep}
        m["rows_out"] = sum(v["rows"] for v in m["shards"].values())
        mp.write_text(json.dumps(m, indent=2, sort_keys=True) + "\n")

    _damage_then_repair(demo_build, tmp_path, shorten, "work/filter/_manifest.json: lists 2 shards but")


def test_a_later_stage_alone_refuses_a_damaged_input_stage(demo_build, tmp_path):
    out = copy_build(demo_build, tmp_path / "out")
    s = _shards(out, "caption")[0]
    s.write_bytes(s.read_bytes()[:-1])
    p = cli("tag", "--recipe", local_recipe(tmp_path, _corpus_of(demo_build)), "--out", out, "--force")
    assert p.returncode == 2
    assert p.stderr == (f"error: work/caption/{s.name}: sha256 differs from its record (damaged or "
                        "replaced); run `derm1m-build caption` (or `run`) to recompute it\n")
