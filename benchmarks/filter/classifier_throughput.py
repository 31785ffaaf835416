"""Classifier back-end throughput (images/s) at a given batch size, half precision on CUDA.

    python -m benchmarks.filter.classifier_throughput --batch 256 --n 4096            # GPU: ViT-B/16-sized
    python -m benchmarks.filter.classifier_throughput --batch 16 --n 64 --tiny        # CPU smoke run

The model is built from a config (ViT-Base/16 shape, random weights: the speed does not depend on
the weights) and saved, then loaded through the real `classifier` back-end, so preprocessing
(the image processor), batching and the fp16 path are all included. Inputs: 512-px RGB arrays.
Baseline printed beside it: the same back-end in fp32.
"""

from __future__ import annotations

import argparse
import tempfile
import time

import numpy as np


def build(path: str, tiny: bool) -> None:
    from transformers import ViTConfig, ViTForImageClassification, ViTImageProcessor

    labels = ["clinical", "dermoscopic", "histopathology", "other"]
    kw = dict(num_labels=4, id2label=dict(enumerate(labels)), label2id={c: i for i, c in enumerate(labels)})
    cfg = (ViTConfig(image_size=64, patch_size=16, hidden_size=64, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=128, **kw) if tiny else ViTConfig(image_size=224, patch_size=16, **kw))
    ViTForImageClassification(cfg).save_pretrained(path)
    ViTImageProcessor(size={"height": cfg.image_size, "width": cfg.image_size}).save_pretrained(path)


def run(path: str, images: list, batch: int, half: bool) -> float:
    from derm1m_build.filtering.classifier import ClassifierBackend, ClassifierConfig

    be = ClassifierBackend(ClassifierConfig(model=path, batch_size=batch, half=half))
    be.load()
    be.judge(images[:batch], [None] * batch)  # warm-up
    t = time.perf_counter()
    be.judge(images, [None] * len(images))
    try:
        import torch

        if torch.cuda.is_available():
            torch.cuda.synchronize()
    except ImportError:
        pass
    return len(images) / (time.perf_counter() - t)


def main() -> None:
    import torch

    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--n", type=int, default=4096)
    ap.add_argument("--tiny", action="store_true")
    a = ap.parse_args()
    rng = np.random.default_rng(0)
    images = [rng.integers(0, 256, (512, 512, 3), dtype=np.uint8) for _ in range(min(a.n, 512))]
    images = (images * (a.n // len(images) + 1))[: a.n]
    dev = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "CPU (no CUDA: fp16 is not used)"
    with tempfile.TemporaryDirectory() as d:
        build(d, a.tiny)
        r16 = run(d, images, a.batch, half=True)
        r32 = run(d, images, a.batch, half=False)
    print(f"classifier back-end ({'tiny ViT' if a.tiny else 'ViT-B/16 shape'}), batch {a.batch}, {a.n} images, {dev}")
    print(f"  half precision: {r16:9.1f} images/s")
    print(f"  fp32 baseline:  {r32:9.1f} images/s   ratio {r16 / r32:.2f}x")


if __name__ == "__main__":
    main()
