"""Model stages on Ray actor pools: the model is loaded once per actor and the actor runs shard after shard;
the declared memory goes to Ray; gpus = 0 hides CUDA devices from the worker."""

from __future__ import annotations

import csv

import cv2
import pytest

from conftest import write_recipe

ray = pytest.importorskip("ray", reason="the ray extra is not installed")
torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

pytestmark = pytest.mark.ray


def _tiny_vit(d):
    from transformers import ViTConfig, ViTForImageClassification, ViTImageProcessor

    torch.manual_seed(0)
    labels = ["clinical", "dermoscopic", "slide"]
    cfg = ViTConfig(image_size=32, patch_size=8, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                    intermediate_size=64, num_labels=3, id2label=dict(enumerate(labels)),
                    label2id={c: i for i, c in enumerate(labels)})
    ViTForImageClassification(cfg).save_pretrained(d)
    ViTImageProcessor(size={"height": 32, "width": 32}).save_pretrained(d)
    return d


def test_classifier_actor_is_reused_across_shards(tmp_path):
    from derm1m_build.demo import images as gen
    from derm1m_build.executors.ray_executor import RayExecutor
    from derm1m_build.pipeline import run_harvest, run_stage
    from derm1m_build.recipe import load_recipe

    folder = tmp_path / "local"
    folder.mkdir()
    with open(folder / "metadata.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["item_id", "image", "text"])
        for i in range(8):
            cv2.imwrite(str(folder / f"{i}.jpg"), gen.skin_photo(i, tone=i % 6))
            w.writerow([f"i{i}", f"{i}.jpg", f"psoriasis plaque on the elbow, case {i}"])
    model = _tiny_vit(tmp_path / "vit")
    recipe = load_recipe(write_recipe(tmp_path / "r.toml", f"""
[build]
name = "actors"
shard_size = 2
[harvest.local]
path = "{folder}"
[filter]
backend = "classifier"
gpus = 0
[filter.classifier]
model = "{model}"
threshold = 0.0
"""))
    out = tmp_path / "out"
    assert run_harvest(recipe, out).rows_out == 8
    ex = RayExecutor(workers=1)
    try:
        s = run_stage("filter", recipe, out, ex)
        stats = ex.actor_stats
    finally:
        ex.close()
    from derm1m_build.harvest_work import content_chunks

    n = len(content_chunks([f"i{i}" for i in range(8)], 2))  # harvest cuts shards by content: 6 here
    assert n > 1 and s.shards_run == n
    # one actor (one CPU), n shards, one model load
    assert len(stats) == 1 and stats[0]["tasks"] == n and stats[0]["stage_setups"] == 1


def test_ray_options_pass_memory_and_hide_gpus_for_cpu_stages():
    from derm1m_build.executors.ray_executor import RayExecutor
    from derm1m_build.stage import Resources

    cpu = RayExecutor.options(Resources(cpus=1, gpus=0, memory_mb=4096, actor=True))
    assert cpu == {"num_cpus": 1, "num_gpus": 0, "memory": 4096 * 1024 * 1024,
                   "runtime_env": {"env_vars": {"CUDA_VISIBLE_DEVICES": ""}}}
    gpu = RayExecutor.options(Resources(cpus=1, gpus=0.5, memory_mb=8192, actor=True))
    assert gpu == {"num_cpus": 1, "num_gpus": 0.5, "memory": 8192 * 1024 * 1024}
