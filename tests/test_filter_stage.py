"""The filter stage in a build: exactly the planted duplicates cluster, every drop has a reason, faces."""

from __future__ import annotations

import csv
import glob
import json

import pyarrow as pa
import pyarrow.parquet as pq

from conftest import cli, local_recipe
from derm1m_build.demo import images as gen


def _read(pattern: str) -> list[dict]:
    files = sorted(glob.glob(pattern))
    return pa.concat_tables([pq.read_table(f) for f in files]).to_pylist() if files else []


def test_demo_build_filter(demo_build):
    m = json.loads((demo_build / "work" / "filter" / "_manifest.json").read_text())
    assert m["dropped"]["duplicate"] == 6
    assert m["rows_in"] == m["rows_out"] + sum(m["dropped"].values())
    harvest = {r["sample_id"]: r for r in _read(str(demo_build / "work" / "harvest" / "part-*.parquet"))}
    name = {sid: r["source_url"].rsplit("/", 1)[-1] for sid, r in harvest.items()}
    excluded = _read(str(demo_build / "work" / "filter" / "_excluded" / "part-*.parquet"))
    kept = _read(str(demo_build / "work" / "filter" / "part-*.parquet"))
    assert all(r["reason"] for r in excluded)
    assert len(kept) + len(excluded) == len(harvest)
    dups = sorted((name[r["sample_id"]], name[r["detail"]]) for r in excluded if r["reason"] == "duplicate")
    # the corpus re-encodes photo 0, 7, ..., 35 at 90 % size: those and only those pairs
    assert dups == [(f"dup_{j:04d}", f"photo_{j * 7:04d}") for j in range(6)]
    cluster_of = {r["sample_id"]: r["dup_cluster"] for r in kept}
    assert len(set(cluster_of.values())) == len(kept)  # one representative per cluster
    for r in excluded:
        if r["reason"] == "duplicate":
            assert cluster_of[r["detail"]] == r["dup_cluster"]
    assert {name[r["sample_id"]][:5] for r in excluded if r["reason"] != "duplicate"} <= {"slide", "chart"}
    # generated photos carry no modality truth (evenly lit, texture-free: some read as dermoscopy to the
    # pixel score fitted on real photos); none is a face
    assert all(r["modality"] in ("clinical", "dermoscopic") and r["face"] == "none" for r in kept)
    assert all(set(json.loads(r["scores"])) >= {"skin_ratio", "blur", "text_ratio", "dermoscopy_score"} for r in kept)
    st = cli("status", demo_build, "--json", check=True)
    assert '"duplicate": 6' in st.stdout


PORTRAITS = ("matplotlib:grace_hopper.jpg", "matplotlib:grace_hopper.jpg#crop0", "matplotlib:grace_hopper.jpg#crop1")


def _face_corpus(tmp_path):
    """Three real portraits (a sample photo matplotlib ships: as is, a face close-up, and a head-and-
    shoulders crop stored sideways with an EXIF Orientation tag as a phone stores it) beside three
    generated lesion photos."""
    from derm1m_build.testing.realimages import _phone, items

    portraits = {it.id: it for it in items() if it.id in PORTRAITS}
    d = tmp_path / "corpus" / "local"
    (d / "images").mkdir(parents=True)
    upright = tmp_path / "crop1.jpg"
    upright.write_bytes(portraits[PORTRAITS[2]].make())
    data = [portraits[PORTRAITS[0]].make(), portraits[PORTRAITS[1]].make(), _phone(upright, 6)()]
    rows = []
    for i in range(3):
        (d / "images" / f"face_{i}.jpg").write_bytes(data[i])
        (d / "images" / f"photo_{i}.jpg").write_bytes(gen.to_jpeg(gen.skin_photo(50 + i, tone=i * 2)))
        rows += [{"item_id": f"face_{i}", "image": f"images/face_{i}.jpg", "text": "a patient"},
                 {"item_id": f"photo_{i}", "image": f"images/photo_{i}.jpg", "text": "a plaque"}]
    with open(d / "metadata.csv", "w", newline="") as f:
        w = csv.DictWriter(f, ["item_id", "image", "text"])
        w.writeheader()
        w.writerows(rows)
    return tmp_path / "corpus"


def _build_filter(recipe, out):
    """harvest + filter in this process (the CLI path is covered by the demo build)."""
    from derm1m_build.executors.local import LocalExecutor
    from derm1m_build.pipeline import run_harvest, run_stage
    from derm1m_build.recipe import load_recipe

    r = load_recipe(recipe)
    run_harvest(r, out)
    return run_stage("filter", r, out, LocalExecutor(1))


def test_faces_blur_and_drop(tmp_path):
    """The face action on portraits that reach it. The heuristic back-end's scene rule drops two of the
    three portraits by itself (their frame's border is clothing and background); it is switched off here so
    that the face action, not the back-end, is what this test sees (the default decision on portraits is
    tested on real images in test_filter_real.py)."""
    corpus = _face_corpus(tmp_path)
    for action in ("blur", "drop"):
        recipe = local_recipe(tmp_path, corpus, name=f"f{action}", extra=f"\n[filter.faces]\naction = \"{action}\"\n"
                              "[filter.heuristic]\nmax_border_contrast = 1000.0\n")
        out = tmp_path / action
        _build_filter(recipe, out)
        kept = _read(str(out / "work" / "filter" / "part-*.parquet"))
        excluded = _read(str(out / "work" / "filter" / "_excluded" / "part-*.parquet"))
        harvest = {r["sample_id"]: r for r in _read(str(out / "work" / "harvest" / "part-*.parquet"))}
        faces = {r["sample_id"] for r in harvest.values() if r["raw_text"] == "a patient"}
        assert len(faces) == 3
        if action == "drop":
            assert sorted((r["reason"], r["face"]) for r in excluded) == [("face", "dropped")] * 3
            assert {r["sample_id"] for r in excluded} == faces
            assert [r["face"] for r in kept] == ["none"] * 3
        else:
            assert excluded == []
            for r in kept:
                if r["sample_id"] in faces:
                    assert r["face"] == "blurred"
                    assert r["image_sha256"] != harvest[r["sample_id"]]["image_sha256"]
                    stored = out / "images" / r["image_sha256"][:2] / f"{r['image_sha256']}.jpg"
                    assert json.loads(r["scores"])["faces"] == 1
                    from PIL import Image

                    from derm1m_build.filtering.decode import load_upright

                    src = corpus / "local" / "images" / (r["group_id"].split(":", 1)[1] + ".jpg")
                    with Image.open(stored) as im:  # the blurred copy is stored upright (the sideways one too)
                        assert im.size == load_upright(src).size == (r["width"], r["height"])
                        assert im.getexif().get(0x0112, 1) == 1
                else:
                    assert r["face"] == "none" and r["image_sha256"] == harvest[r["sample_id"]]["image_sha256"]


def test_classifier_backend_in_a_build_with_embedding_dedup(tmp_path):
    """The stage with the classifier back-end (tiny ViT from a config), in process; embedding near-dups
    join the clusters and the embeddings do not leak into the stage's output."""
    import pytest

    torch = pytest.importorskip("torch")
    from transformers import ViTConfig, ViTForImageClassification, ViTImageProcessor

    torch.manual_seed(0)
    model = tmp_path / "vit"
    cfg = ViTConfig(image_size=32, patch_size=8, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                    intermediate_size=64, num_labels=2, id2label={0: "drop", 1: "keep"}, label2id={"drop": 0, "keep": 1})
    ViTForImageClassification(cfg).save_pretrained(model)
    ViTImageProcessor(size={"height": 32, "width": 32}).save_pretrained(model)
    corpus = _face_corpus(tmp_path)
    results = {}
    for name, thr in (("strict", 1.0), ("loose", 0.01)):
        recipe = local_recipe(tmp_path, corpus, name=name, extra=f"""
[filter]
backend = "classifier"
phash_radius = -1
embed_dedup = true
embed_threshold = {thr}
[filter.classifier]
model = "{model}"
threshold = 0.0
[filter.faces]
action = "keep"
""")
        out = tmp_path / name
        s = _build_filter(recipe, out)
        kept = _read(str(out / "work" / "filter" / "part-*.parquet"))
        excluded = _read(str(out / "work" / "filter" / "_excluded" / "part-*.parquet"))
        assert len(kept) + len(excluded) == 6 and s.rows_in == 6
        for row in kept + excluded:
            sc = json.loads(row["scores"])
            assert "emb" not in sc and set(sc["probs"]) == {"drop", "keep"}
        assert {row["face"] for row in kept} <= {"kept", "none"}
        assert sorted(row["face"] for row in kept + excluded).count("kept") == 3
        results[name] = (kept, excluded)
    kept, excluded = results["strict"]
    assert excluded == [] and len({row["dup_cluster"] for row in kept}) == 6
    kept, excluded = results["loose"]
    # the embeddings of a random model are much alike: most rows join a representative's cluster, each
    # one directly (star clusters: a row joins only when it is within the threshold of the representative)
    assert len(kept) < 6 and [row["reason"] for row in excluded] == ["duplicate"] * (6 - len(kept))
    rep_cluster = {row["sample_id"]: row["dup_cluster"] for row in kept}
    assert all(rep_cluster[row["detail"]] == row["dup_cluster"] for row in excluded)
    assert len(set(rep_cluster.values())) == len(kept)
