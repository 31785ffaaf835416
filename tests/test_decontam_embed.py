"""Benchmark decontamination with the filter model's embeddings: the index keeps the benchmark images'
vectors (keyed by the benchmark's and the model's digest), proposes by cosine similarity what the hashes
cannot see, and the pixel check decides. The model is a tiny ViT built from a config with random
weights, saved, and loaded through the classifier back-end (the real code path)."""

from __future__ import annotations

import csv
import glob
import json
import re
from pathlib import Path

import cv2
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import cli, local_recipe
from derm1m_build.filtering import decontam as D

torch = pytest.importorskip("torch")

PHOTOS = Path(__file__).resolve().parents[1] / "derm1m_build" / "demo" / "data" / "photos"
NAMES = sorted(p.name for p in PHOTOS.glob("*.jpg"))
SIDE = 256  # the filter stage's decode size (stages/filter.py DECODE_SIDE)


def _img(i: int) -> np.ndarray:
    return cv2.imread(str(PHOTOS / NAMES[i]), cv2.IMREAD_COLOR)


def _jpeg(im: np.ndarray, q: int = 90) -> bytes:
    return cv2.imencode(".jpg", im, [cv2.IMWRITE_JPEG_QUALITY, q])[1].tobytes()


def _turned_crop(im: np.ndarray) -> np.ndarray:
    """Turned 7 degrees, then the lower-right 75 % of each side kept: every pHash key is far from it
    (whole image, windows, mirror), the features still match."""
    h, w = im.shape[:2]
    t = cv2.warpAffine(im, cv2.getRotationMatrix2D((w / 2, h / 2), 7, 1.0), (w, h))
    return t[h - int(h * 0.75):, w - int(w * 0.75):].copy()


def _vit(path: Path, seed: int) -> Path:
    from transformers import ViTConfig, ViTForImageClassification, ViTImageProcessor

    torch.manual_seed(seed)
    cfg = ViTConfig(image_size=32, patch_size=8, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                    intermediate_size=64, num_labels=2, id2label={0: "drop", 1: "keep"}, label2id={"drop": 0, "keep": 1})
    ViTForImageClassification(cfg).save_pretrained(path)
    ViTImageProcessor(size={"height": 32, "width": 32}).save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def tiny_vit(tmp_path_factory) -> Path:
    return _vit(tmp_path_factory.mktemp("vit") / "model", 0)


def _bench(tmp_path: Path) -> Path:
    bench = tmp_path / "bench"
    bench.mkdir()
    for i in range(6):
        (bench / f"b{i}.jpg").write_bytes(_jpeg(_img(i), 95))
    return bench


def _embedder(model: Path) -> D.Embedder:
    from derm1m_build.filtering.classifier import ClassifierBackend, ClassifierConfig

    return D.Embedder(ClassifierBackend(ClassifierConfig(model=str(model), threshold=0.0)), SIDE)


def _row_vec(emb: D.Embedder, bgr: np.ndarray) -> np.ndarray:
    """The vector the filter stage stores for a row holding this image (JPEG, decoded at 256 px)."""
    from derm1m_build.filtering.decode import load_upright

    return emb.embed([np.asarray(load_upright(_jpeg(bgr), max_side=SIDE))])[0]


def test_embed_search_exact_and_inverted_file():
    """Exhaustive up to the limit, an inverted file above: the planted near copies are each query's
    nearest vector in both; similarities are the exact inner products; the threshold and k apply."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(3000, 24)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    near = x[::30] + 0.05 * rng.normal(size=(100, 24)).astype(np.float32)
    near /= np.linalg.norm(near, axis=1, keepdims=True)
    full = near @ x.T
    for limit in (10_000, 500):  # flat, then IVF (3000 > 500)
        qi, vi, sim = D.embed_search(x, near, 3, 0.9, exact_limit=limit, nprobe=64)
        assert np.allclose(sim, full[qi, vi], atol=1e-5) and (sim >= 0.9).all()
        top = {}
        for a, v in zip(qi.tolist(), vi.tolist()):
            top.setdefault(a, v)
        assert top == {a: 30 * a for a in range(100)}, limit
        assert np.array_equal(qi, np.sort(qi, kind="stable"))
    # k = 2 at threshold -1: exactly the two best of each query, best first
    qi, vi, sim = D.embed_search(x, near[:5], 2, -1.0)
    assert qi.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert vi.tolist() == np.argsort(-full[:5], axis=1)[:, :2].reshape(-1).tolist()
    assert D.embed_search(x, near[:0], 2, 0.0)[0].size == 0


def test_embedding_index_proposes_what_the_hashes_miss(tmp_path, tiny_vit):
    bench = _bench(tmp_path)
    emb = _embedder(tiny_vit)
    spec = D.BenchmarkSpec(name="b", path=str(bench))
    checker = D.Checker(D.DecontamConfig(benchmarks=[spec], embed_threshold=-1.0, embed_k=6), tmp_path / "cache",
                        embedder=emb).load()
    idx = checker.indexes[0]
    assert idx.emb.shape == (6, 32) and idx.emb_image.tolist() == list(range(6))
    path = checker.benches[0].embedding_path(emb)
    assert path.parent == idx.dir and path.exists()
    assert checker.summaries()[0]["embeddings"] == checker.benches[0].embed_digest(emb)
    # an exact copy's row vector is the index's vector of that image (same decode, same model)
    assert np.allclose(_row_vec(emb, cv2.imdecode(np.frombuffer((bench / "b3.jpg").read_bytes(), np.uint8), 1)),
                       idx.emb[3], atol=2e-3)

    copy = _turned_crop(_img(1))
    v_copy = _row_vec(emb, copy)
    assert checker.check(copy) == []  # the hashes propose nothing the pixels confirm
    dq = checker.queries(copy)
    assert checker.propose_all([dq]) == [[[[]]]]  # ... nothing at all
    [m] = checker.check(copy, emb=v_copy)
    assert (m.benchmark, m.image_id, m.by, m.distance, m.piece, m.evaluation) == ("b", "b1.jpg", "embedding", -1, 0, True)
    # a distinct photo: every benchmark image proposed (threshold -1, k 6), none confirmed
    v_other = _row_vec(emb, _img(12))
    props = checker.propose_all([{**checker.queries(_img(12)), "e": D.emb_encode(v_other)}])
    assert sorted(i for d, i, o in props[0][0][0] if d == -1) == list(range(6))
    assert checker.check(_img(12), emb=v_other) == []

    # the threshold: just above the copy's similarity to b1, b1 is not proposed and the copy is kept
    qi, vi, sim = D.embed_search(idx.emb, D.emb_decode(D.emb_encode(v_copy))[None], 6, -1.0)
    s1 = float(sim[vi.tolist().index(1)])
    built = path.stat().st_mtime_ns
    strict = D.Checker(D.DecontamConfig(benchmarks=[spec], embed_threshold=min(1.0, s1 + 1e-4), embed_k=6),
                       tmp_path / "cache", embedder=emb).load()
    assert path.stat().st_mtime_ns == built  # the cached vectors are reused
    assert strict.check(copy, emb=v_copy) == []
    # embeddings = false: the model's vectors are not used
    off = D.Checker(D.DecontamConfig(benchmarks=[spec], embeddings=False), tmp_path / "cache", embedder=emb).load()
    assert off.embedder is None and off.indexes[0].emb is None and off.check(copy, emb=v_copy) == []

    # another model: its own embedding file (the benchmark digest unchanged), the other model's removed
    emb2 = _embedder(_vit(tmp_path / "vit2", 1))
    other = D.Checker(D.DecontamConfig(benchmarks=[spec]), tmp_path / "cache", embedder=emb2).load()
    path2 = other.benches[0].embedding_path(emb2)
    assert other.indexes[0].dir == idx.dir and path2 != path
    assert sorted(p.name for p in idx.dir.glob("emb-*.npz")) == [path2.name]


def _read(pattern: str) -> list[dict]:
    files = sorted(glob.glob(pattern))
    return pa.concat_tables([pq.read_table(f) for f in files]).to_pylist() if files else []


def test_filter_stage_drops_a_copy_only_the_embedding_proposes(tmp_path, tiny_vit):
    """The filter stage with the classifier back-end: the turned + cropped copy is dropped as the
    benchmark image it copies, proposed by the embeddings; a crop the hashes find is dropped too; the
    distinct photos stay; the vectors do not leak into the output; the manifest names the embedding
    index's digest."""
    from benchmarks.filter import transforms as T

    bench = _bench(tmp_path)
    d = tmp_path / "corpus" / "local"
    (d / "images").mkdir(parents=True)
    data = {"turned": _jpeg(_turned_crop(_img(1))), "crop": _jpeg(T.crop20(_img(2), 3)),
            "other12": _jpeg(_img(12)), "other13": _jpeg(_img(13))}
    with open(d / "metadata.csv", "w", newline="") as f:
        w = csv.DictWriter(f, ["item_id", "image", "text"])
        w.writeheader()
        for k, b in sorted(data.items()):
            (d / "images" / f"{k}.jpg").write_bytes(b)
            w.writerow({"item_id": k, "image": f"images/{k}.jpg", "text": "a plaque on the arm"})
    recipe = local_recipe(tmp_path, tmp_path / "corpus", name="dce", extra=f"""
[filter]
backend = "classifier"
[filter.classifier]
model = "{tiny_vit}"
threshold = 0.0
[filter.faces]
action = "off"
[filter.decontaminate]
embed_threshold = -1.0
embed_k = 6
[[filter.decontaminate.benchmarks]]
name = "demo-bench"
path = "{bench}"
""")
    out = tmp_path / "out"
    cli("harvest", "--recipe", recipe, "--out", out, check=True)
    cli("filter", "--recipe", recipe, "--out", out, check=True)
    item = {r["sample_id"]: r["group_id"].split(":", 1)[1] for r in _read(str(out / "work" / "harvest" / "part-*.parquet"))}
    ex = {item[r["sample_id"]]: r for r in _read(str(out / "work" / "filter" / "_excluded" / "part-*.parquet"))}
    kept = {item[r["sample_id"]]: r for r in _read(str(out / "work" / "filter" / "part-*.parquet"))}
    assert {k: (r["reason"], r["detail"]) for k, r in ex.items()} == {
        "turned": ("benchmark_overlap:demo-bench", "b1.jpg"), "crop": ("benchmark_overlap:demo-bench", "b2.jpg")}
    assert sorted(kept) == ["other12", "other13"]
    by = {k: [(b["id"], b["by"]) for b in json.loads(r["scores"])["benchmark"]] for k, r in ex.items()}
    assert by == {"turned": [("b1.jpg", "embedding")], "crop": [("b2.jpg", "phash")]}
    for r in [*ex.values(), *kept.values()]:
        s = json.loads(r["scores"])
        assert "dq" not in s and "emb" not in s
    manifest = json.loads((out / "work" / "filter" / "_manifest.json").read_text())
    [b] = manifest["models"]["decontaminate"]
    index_dir = out / "cache" / "decontam" / "demo-bench" / b["digest"][:16]
    assert [p.name for p in index_dir.glob("emb-*.npz")] == [f"emb-{b['embeddings'][:16]}.npz"]
    from derm1m_build.dataset.decontam_report import embedding_rows

    assert embedding_rows(manifest) == [["demo-bench", b["embeddings"][:16]]]
    from types import SimpleNamespace

    from derm1m_build.dataset.datasheet import _decontam_section

    sheet = "\n".join(_decontam_section(SimpleNamespace(manifests={"filter": manifest})))
    assert f"| demo-bench | folder | `{b['digest'][:16]}` | 6 | 6 | 2 |" in sheet
    assert f"image embeddings (index digest: benchmark and model): demo-bench `{b['embeddings'][:16]}`." in sheet
    # the report says what proposed each pair
    cli("decontam-report", out, check=True)
    page = (out / "decontam" / "report.html").read_text()
    assert re.search(r"= b1\.jpg \([a-z-]+, proposed by embedding\), dropped", page)
    assert re.search(r"= b2\.jpg \([a-z-]+, proposed by phash\), dropped", page)
