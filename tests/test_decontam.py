"""Benchmark decontamination: the index, the join, the filter stage's drops, the report and datasheet.

Images are the real photographs vendored with the demo (PAD-UFES-20 clinical, ISIC dermoscopy), turned,
cropped, mirrored, re-encoded and pasted into a compound figure here.
"""

from __future__ import annotations

import csv
import glob
import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import cli, local_recipe
from derm1m_build.errors import UserError
from derm1m_build.filtering import decontam as D
from derm1m_build.filtering.phash import phash

PHOTOS = Path(__file__).resolve().parents[1] / "derm1m_build" / "demo" / "data" / "photos"
NAMES = sorted(p.name for p in PHOTOS.glob("*.jpg"))


def _img(i: int) -> np.ndarray:
    return cv2.imread(str(PHOTOS / NAMES[i]), cv2.IMREAD_COLOR)


def _jpeg(im: np.ndarray, q: int = 70) -> bytes:
    return cv2.imencode(".jpg", im, [cv2.IMWRITE_JPEG_QUALITY, q])[1].tobytes()


def _read(pattern: str) -> list[dict]:
    files = sorted(glob.glob(pattern))
    return pa.concat_tables([pq.read_table(f) for f in files]).to_pylist() if files else []


# ------------------------------------------------------------------ hashes and the join

def test_dihedral_keys_are_the_hashes_of_the_turned_images():
    im = _img(3)
    blocks = D.dihedral_blocks(D.dct8(im))
    assert D.bits(blocks[0]) == phash(im)
    for o in range(8):
        assert D.bits(blocks[o]) == phash(D.dihedral_image(im, o)), o
    # every turn and flip of a benchmark image has its query hash among the image's whole-image keys
    keys = {h for h, kind, _ in D.index_keys(im) if kind == 0}
    for t in (cv2.rotate(im, cv2.ROTATE_90_CLOCKWISE), cv2.rotate(im, cv2.ROTATE_180), im[:, ::-1], im[::-1]):
        assert D.query_hashes(t, with_windows=False)[0][0] in keys


def test_hash_join_equals_brute_force():
    rng = np.random.default_rng(5)
    keys = rng.integers(0, 2**63, 3000, dtype=np.uint64)
    flips = [np.uint64(sum(1 << int(b) for b in rng.choice(64, k, replace=False))) for k in range(9)]
    near = np.asarray([keys[i * 7] ^ flips[i % 9] for i in range(300)], np.uint64)
    queries = np.concatenate([near, rng.integers(0, 2**63, 200, dtype=np.uint64)])
    for radius in (0, 3, 6):
        qi, ki, d = D.hash_join(keys, queries, radius)
        dist = np.bitwise_count(queries[:, None] ^ keys[None, :])
        bq, bk = np.nonzero(dist <= radius)
        assert sorted(zip(qi.tolist(), ki.tolist())) == sorted(zip(bq.tolist(), bk.tolist()))
        assert (d == dist[qi, ki]).all()
    assert len(D.hash_join(keys, queries, 6)[0]) >= 300 * 7 // 9  # the planted ones within 6 bits


def test_multi_index_join_equals_the_table_join():
    """The multi-index hashing join (the default) gives exactly the pigeonhole tables' pairs and
    distances, on random hashes and on planted copies up to 12 bits away, for every radius the recipe
    allows and for forced substring counts; and the same proposals through `propose`, in processes."""
    rng = np.random.default_rng(11)
    keys = rng.integers(0, 2**63, 4000, dtype=np.uint64) | (rng.integers(0, 2, 4000, dtype=np.uint64) << np.uint64(63))
    flips = [np.uint64(sum(1 << int(b) for b in rng.choice(64, k, replace=False))) for k in range(13)]
    near = np.asarray([keys[i * 3] ^ flips[i % 13] for i in range(1300)], np.uint64)
    queries = np.concatenate([near, rng.integers(0, 2**63, 700, dtype=np.uint64), keys[:40], keys[:40]])
    for radius in range(0, 17, 2):
        ref = D.hash_join(keys, queries, radius, method="tables")
        for s in (None, 3, 5):
            got = D.hash_join(keys, queries, radius, k=s)
            assert all(np.array_equal(a, b) for a, b in zip(ref, got)), (radius, s)
    assert D.mih_plan(10**6, 10**6, 8) >= 3  # no bucket table wider than 26 bits
    # propose over an index with whole and window keys, split over 2 processes (as the fit runs it)
    m = 250_000
    idx = D.Index(None, rng.integers(0, 2**63, m, dtype=np.uint64), np.repeat(np.arange(m // 10, dtype=np.int32), 10),
                  np.tile(np.asarray([0] * 4 + [1] * 6, np.int8), m // 10), np.zeros(m, np.int8), [], {})
    q = np.concatenate([idx.keys[::97] ^ flips[5], rng.integers(0, 2**63, 20_000, dtype=np.uint64)])
    qk = (np.arange(len(q)) % 3 == 0).astype(np.int8)
    a = D.propose(idx, q, qk, 8, 6, 8, workers=2, qgroup=np.arange(len(q)) // 2)
    b = D.propose(idx, q, qk, 8, 6, 8, qgroup=np.arange(len(q)) // 2, method="tables")
    assert a == b and sum(map(len, a)) > 1000


def test_mirrored_crop_is_found_through_the_mirrored_query(tmp_path):
    """A crop of 10-20 % of a mirrored benchmark photo: the window keys are of the image as it is, so
    only the mirrored candidate's query (kind 2) meets them; with `mirror_windows = false` it is missed."""
    from benchmarks.filter import transforms as T

    bench = tmp_path / "bench"
    bench.mkdir()
    for i in range(6):
        (bench / f"b{i}.jpg").write_bytes(_jpeg(_img(i), 95))
    spec = D.BenchmarkSpec(name="b", path=str(bench))
    on = D.Checker(D.DecontamConfig(benchmarks=[spec]), tmp_path / "cache").load()
    off = D.Checker(D.DecontamConfig(benchmarks=[spec], mirror_windows=False), tmp_path / "cache").load()
    copies = {i: T.crop20(np.ascontiguousarray(_img(i)[:, ::-1]), 2) for i in range(6)}
    assert {i: [m.image_id for m in on.check(c)] for i, c in copies.items()} == {i: [f"b{i}.jpg"] for i in range(6)}
    assert {i: off.check(c) for i, c in copies.items()} == {i: [] for i in range(6)}
    q = on.queries(copies[0])
    assert q["k"] == [0, 1, 2] and int(q["h"][2], 16) == D.query_hashes(copies[0][:, ::-1], False)[0][0]
    assert off.queries(copies[0])["k"] == [0, 1]
    assert [m.image_id for m in on.check(_img(12)) + on.check(_img(12)[:, ::-1])] == []


# ------------------------------------------------------------------ benchmark listing

def test_dataset_benchmark_listing_with_split_file(tmp_path):
    """A HAM10000-shaped folder is read by the datasets importer: ids, files and splits as stated."""
    d = tmp_path / "ham"
    (d / "part_1").mkdir(parents=True)
    with open(d / "HAM10000_metadata.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["lesion_id", "image_id", "dx", "dx_type", "age", "sex", "localization"])
        for i in range(3):
            w.writerow([f"HAM_{i}", f"ISIC_00{i}", "nv", "histo", "40", "male", "back"])
            (d / "part_1" / f"ISIC_00{i}.jpg").write_bytes(_jpeg(_img(i)))
    (tmp_path / "splits.csv").write_text("id,split\nISIC_000,train\nISIC_001,test\n")
    spec = D.BenchmarkSpec(name="ham", kind="ham10000", path=str(d), split_file=str(tmp_path / "splits.csv"),
                           eval_splits=["test"])
    imgs = D.list_images(spec)
    assert [(b.image_id, b.path.name, b.split) for b in imgs] == [
        ("ISIC_000", "ISIC_000.jpg", "train"), ("ISIC_001", "ISIC_001.jpg", "test"), ("ISIC_002", "ISIC_002.jpg", "")]
    bench = D.Benchmark(spec, tmp_path / "cache")
    assert bench.summary() == {"name": "ham", "kind": "ham10000", "digest": bench.digest, "images": 3,
                               "eval_images": 1, "eval_splits": ["test"]}
    with pytest.raises(UserError, match=r"\[filter.decontaminate\] gone: folder .* not found"):
        D.list_images(D.BenchmarkSpec(name="gone", path=str(tmp_path / "nope")))
    with pytest.raises(ValueError, match="used twice"):
        D.DecontamConfig(benchmarks=[D.BenchmarkSpec(name="a", path="x"), D.BenchmarkSpec(name="a", path="y")])


def test_compound_figure_piece_is_found(tmp_path):
    """A benchmark photo pasted as one panel of a 2x2 figure (white gutters, a letter) is found when the
    figure is checked with its pieces, and not without them."""
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "b.jpg").write_bytes(_jpeg(_img(2), 95))
    cells = [cv2.resize(_img(i), (300, 300)) for i in (2, 10, 17, 20)]
    g = 16
    fig = np.full((2 * 300 + 3 * g, 2 * 300 + 3 * g, 3), 255, np.uint8)
    for k, c in enumerate(cells):
        y, x = g + (k // 2) * (300 + g), g + (k % 2) * (300 + g)
        fig[y:y + 300, x:x + 300] = c
        cv2.putText(fig, "ABCD"[k], (x + 6, y + 30), cv2.FONT_HERSHEY_SIMPLEX, 1, (255, 255, 255), 2)
    checker = D.Checker(D.DecontamConfig(benchmarks=[D.BenchmarkSpec(name="b", path=str(bench))]),
                        tmp_path / "cache").load()
    assert checker.check(fig, split=False) == []
    m = checker.check(fig, split=True)
    assert [(x.benchmark, x.image_id, x.piece, x.evaluation) for x in m] == [("b", "b.jpg", 1, True)]


# ------------------------------------------------------------------ in the filter stage

def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A local source with 4 benchmark photos re-posted (turned, cropped 16 %, mirrored + JPEG 60,
    bordered) and 4 distinct real photos; a benchmark folder of 6 photos, 4 test and 2 train."""
    from benchmarks.filter import transforms as T

    bench = tmp_path / "bench"
    bench.mkdir()
    for i in range(6):
        (bench / f"b{i}.jpg").write_bytes(_jpeg(_img(i), 95))
    (tmp_path / "bench_splits.csv").write_text("id,split\n" + "".join(
        f"b{i}.jpg,{'test' if i < 4 else 'train'}\n" for i in range(6)))
    d = tmp_path / "corpus" / "local"
    (d / "images").mkdir(parents=True)
    made = {"rot": cv2.rotate(_img(0), cv2.ROTATE_90_CLOCKWISE), "crop": T.crop20(_img(1), 3),
            "mirror": T.mirror(_img(2)), "border": T.border4(_img(4))}
    data = {k: _jpeg(v, 60 if k == "mirror" else 90) for k, v in made.items()}
    for i in (12, 13, 21, 22):
        data[f"other{i}"] = _jpeg(_img(i), 90)
    rows = []
    for k, b in sorted(data.items()):
        (d / "images" / f"{k}.jpg").write_bytes(b)
        rows.append({"item_id": k, "image": f"images/{k}.jpg", "text": "a plaque on the arm"})
    with open(d / "metadata.csv", "w", newline="") as f:
        w = csv.DictWriter(f, ["item_id", "image", "text"])
        w.writeheader()
        w.writerows(rows)
    return tmp_path / "corpus", bench


def _section(bench: Path, train_images: str = "keep") -> str:
    return f"""
[filter.decontaminate]
train_images = "{train_images}"
[[filter.decontaminate.benchmarks]]
name = "demo-bench"
path = "{bench}"
split_file = "{bench.parent / 'bench_splits.csv'}"
eval_splits = ["test"]
"""


def _outcome(out: Path) -> tuple[dict, dict]:
    harvest = {r["sample_id"]: r["group_id"].split(":", 1)[1] for r in
               _read(str(out / "work" / "harvest" / "part-*.parquet"))}
    ex = {harvest[r["sample_id"]]: (r["reason"], r["detail"]) for r in
          _read(str(out / "work" / "filter" / "_excluded" / "part-*.parquet"))}
    kept = {harvest[r["sample_id"]]: json.loads(r["scores"]) for r in
            _read(str(out / "work" / "filter" / "part-*.parquet"))}
    return ex, kept


def test_filter_drops_benchmark_copies(tmp_path):
    corpus, bench = _corpus(tmp_path)
    recipe = local_recipe(tmp_path, corpus, name="dc", extra=_section(bench))
    out = tmp_path / "out"
    cli("harvest", "--recipe", recipe, "--out", out, check=True)
    cli("filter", "--recipe", recipe, "--out", out, check=True)
    ex, kept = _outcome(out)
    assert ex == {"rot": ("benchmark_overlap:demo-bench", "b0.jpg"), "crop": ("benchmark_overlap:demo-bench", "b1.jpg"),
                  "mirror": ("benchmark_overlap:demo-bench", "b2.jpg")}
    assert sorted(kept) == ["border", "other12", "other13", "other21", "other22"]
    assert kept["border"]["benchmark_train"] == "demo-bench:b4.jpg"  # a training image: kept, noted
    assert not any("benchmark" in s for k, s in kept.items() if k != "border")
    m = json.loads((out / "work" / "filter" / "_manifest.json").read_text())
    assert m["dropped"] == {"benchmark_overlap:demo-bench": 3}
    [b] = m["models"]["decontaminate"]
    assert (b["name"], b["images"], b["eval_images"]) == ("demo-bench", 6, 4)
    index_dir = out / "cache" / "decontam" / "demo-bench" / b["digest"][:16]
    assert sorted(p.name for p in (index_dir / "thumbs").iterdir()) == [f"{i:07d}.jpg" for i in range(6)]
    built = (index_dir / "index.json").stat().st_mtime_ns

    # the report: per benchmark, by source, thumbnail pairs; deterministic
    r = cli("decontam-report", out, check=True)
    assert "demo-bench: 4 of 6 images found; 3 rows dropped, 1 training-image rows kept (local=4)" in r.stdout
    page = (out / "decontam" / "report.html").read_text()
    assert page.count('<div class="pair">') == 4 and "b1.jpg" in page
    assert len(list((out / "decontam" / "thumbs").iterdir())) == 8
    first = (out / "decontam" / "report.json").read_bytes()
    cli("decontam-report", out, check=True)
    assert (out / "decontam" / "report.json").read_bytes() == first

    # rerun: up to date, the index untouched; forced: index reused, same rows
    r = cli("filter", "--recipe", recipe, "--out", out, check=True)
    assert "[filter] up to date: 5 rows (8 in)" in r.stderr
    cli("filter", "--recipe", recipe, "--out", out, "--force", check=True)
    assert (index_dir / "index.json").stat().st_mtime_ns == built
    assert _outcome(out)[0] == ex

    # a changed benchmark file: a new digest, the stage reruns, the index is rebuilt, the old one removed
    (bench / "b5.jpg").write_bytes(_jpeg(_img(23), 95))
    st = cli("status", out, "--recipe", recipe, "--json", check=True)
    assert {s["stage"]: s["state"] for s in json.loads(st.stdout)}["filter"] == "stale"
    cli("filter", "--recipe", recipe, "--out", out, check=True)
    m2 = json.loads((out / "work" / "filter" / "_manifest.json").read_text())
    assert m2["models"]["decontaminate"][0]["digest"] != b["digest"]
    assert [p.name for p in (out / "cache" / "decontam" / "demo-bench").iterdir() if p.is_dir()] == [
        m2["models"]["decontaminate"][0]["digest"][:16]]


def test_filter_drops_training_images_when_asked(tmp_path):
    corpus, bench = _corpus(tmp_path)
    recipe = local_recipe(tmp_path, corpus, name="dc2", extra=_section(bench, "drop"))
    out = tmp_path / "out"
    cli("run", "--recipe", recipe, "--out", out, check=True)
    ex, kept = _outcome(out)
    assert {k for k, v in ex.items() if v[0].startswith("benchmark_overlap")} == {"rot", "crop", "mirror", "border"}
    assert ex["border"] == ("benchmark_overlap:demo-bench", "b4.jpg")
    sheet = (out / "dataset" / "DATASHEET.md").read_text()
    digest = json.loads((out / "work" / "filter" / "_manifest.json").read_text())["models"]["decontaminate"][0]["digest"]
    assert f"| demo-bench | folder | `{digest[:16]}` | 6 | 4 | 4 |" in sheet


def test_bad_benchmark_config_is_one_line(tmp_path):
    corpus, bench = _corpus(tmp_path)
    shutil.rmtree(bench)
    recipe = local_recipe(tmp_path, corpus, name="dc3", extra=_section(bench))
    out = tmp_path / "out"
    cli("harvest", "--recipe", recipe, "--out", out, check=True)
    r = cli("filter", "--recipe", recipe, "--out", out)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert f"[filter.decontaminate] demo-bench: folder {bench} not found" in r.stderr + r.stdout
    recipe = local_recipe(tmp_path, corpus, name="dc4", extra=_section(bench) + "colour = 1\n")
    r = cli("filter", "--recipe", recipe, "--out", tmp_path / "out4")
    assert r.returncode != 0 and "filter.decontaminate.benchmarks.0.colour" in r.stderr + r.stdout
