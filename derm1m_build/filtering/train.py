"""`train-filter`: fine-tune a small image classifier on a labelled folder, saved where the
`classifier` back-end loads it (save_pretrained: weights, config with id2label, image processor).

Start from a checkpoint (`base`: folder or hub id; its head is replaced for our classes) or, with no
base, from a small ViT built from a config (useful for tests and as a baseline). Deterministic for a
seed on CPU: fixed shuffles, torch seeded, one thread order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from derm1m_build.errors import ItemError, UserError
from derm1m_build.filtering.labelled import labelled_files


def _tiny_vit(classes: list[str], image_size: int):
    from transformers import ViTConfig, ViTForImageClassification, ViTImageProcessor

    cfg = ViTConfig(image_size=image_size, patch_size=max(4, image_size // 8), hidden_size=64, num_hidden_layers=2,
                    num_attention_heads=2, intermediate_size=128, num_labels=len(classes),
                    id2label=dict(enumerate(classes)), label2id={c: i for i, c in enumerate(classes)})
    proc = ViTImageProcessor(size={"height": image_size, "width": image_size}, do_resize=True, do_normalize=True,
                             image_mean=[0.5, 0.5, 0.5], image_std=[0.5, 0.5, 0.5])
    return ViTForImageClassification(cfg), proc


def _tiny_resnet(classes: list[str], image_size: int):
    """A small ResNet built from a config (~0.2 M parameters): on a few hundred real photos a
    convolutional net learns skin texture far better than a ViT from scratch."""
    from transformers import ConvNextImageProcessor, ResNetConfig, ResNetForImageClassification

    cfg = ResNetConfig(num_channels=3, embedding_size=16, hidden_sizes=[16, 32, 64, 128], depths=[1, 1, 1, 1],
                       layer_type="basic", num_labels=len(classes), id2label=dict(enumerate(classes)),
                       label2id={c: i for i, c in enumerate(classes)})
    proc = ConvNextImageProcessor(size={"shortest_edge": image_size}, crop_pct=1.0, do_resize=True, do_normalize=True,
                                  image_mean=[0.5, 0.5, 0.5], image_std=[0.5, 0.5, 0.5])
    return ResNetForImageClassification(cfg), proc


ARCHS = {"vit": _tiny_vit, "resnet": _tiny_resnet}


def train(folder: Path, out: Path, base: str | None = None, epochs: int = 3, batch_size: int = 16,
          lr: float = 5e-4, image_size: int = 64, seed: int = 0, max_steps: int | None = None,
          device: str = "auto", arch: str = "vit", flip: bool = False) -> dict[str, Any]:
    """`arch` (vit / resnet) is the from-config model when there is no `base`; `flip` adds horizontally
    and vertically flipped copies of each batch (skin photos have no up or down)."""
    import torch
    from transformers import AutoImageProcessor, AutoModelForImageClassification

    from derm1m_build.filtering.torchutil import device_and_dtype, load_failed, quiet_transformers
    from derm1m_build.images import load_rgb

    quiet_transformers()

    classes, items = labelled_files(folder)
    torch.manual_seed(seed)
    if base:
        try:
            proc = AutoImageProcessor.from_pretrained(base)
            model = AutoModelForImageClassification.from_pretrained(
                base, num_labels=len(classes), id2label=dict(enumerate(classes)),
                label2id={c: i for i, c in enumerate(classes)}, ignore_mismatched_sizes=True)
        except Exception as e:
            raise load_failed("base model", base, e) from None
    else:
        if arch not in ARCHS:
            raise UserError(f"--arch {arch!r}: choose {' or '.join(ARCHS)}")
        model, proc = ARCHS[arch](classes, image_size)
    images, labels, skipped = [], [], 0
    for f, c in items:
        try:
            images.append(np.asarray(load_rgb(f.read_bytes(), max_side=max(image_size * 2, 256))))
            labels.append(classes.index(c))
        except (ItemError, OSError):
            skipped += 1
    if len(set(labels)) < 2:
        raise UserError(f"{folder}: fewer than two classes have readable images")
    dev, _ = device_and_dtype(device, half=False)
    model.to(dev).train()
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    rng = np.random.default_rng(seed)
    y_all = np.asarray(labels)
    step, losses = 0, []
    for _ in range(epochs):
        order = rng.permutation(len(images))
        for s in range(0, len(order), batch_size):
            idx = order[s:s + batch_size]
            pv = proc(images=[images[i] for i in idx], return_tensors="pt")["pixel_values"].to(dev)
            y = torch.as_tensor(y_all[idx], device=dev)
            if flip:
                pv = torch.cat([pv, pv.flip(-1), pv.flip(-2)])
                y = torch.cat([y, y, y])
            loss = model(pixel_values=pv, labels=y).loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(float(loss.detach()))
            step += 1
            if max_steps and step >= max_steps:
                break
        if max_steps and step >= max_steps:
            break
    model.eval()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    proc.save_pretrained(out)
    log = {"classes": classes, "images": len(images), "skipped": skipped, "steps": step,
           "first_loss": round(losses[0], 4) if losses else None, "last_loss": round(losses[-1], 4) if losses else None,
           "base": base or f"{arch}-from-config-{image_size}px", "seed": seed, "flip": flip}
    (out / "train_filter.json").write_text(json.dumps(log, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return log
