"""The `classifier` back-end: any transformers `AutoModelForImageClassification` (e.g. the one
`derm1m-build train-filter` saves, a DenseNet/ViT/ConvNeXt fine-tuned on skin vs not-skin).

Labels are read from the model's `id2label`. The probability of keeping an image is the sum of the
probabilities of the labels listed in `keep_labels` (e.g. `keep`, or the modality classes
`clinical`/`dermoscopic`); the image is kept when it reaches `threshold`. The modality is the most
probable label that names a modality (`other` when none does). Batched; on CUDA in half precision.
Pooled features of the last hidden layer are returned for embedding near-duplicates.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from derm1m_build.filtering.backends import Backend, Judgement, probs_judgement
from derm1m_build.filtering.torchutil import load_pretrained, model_source, pixel_batches, weights_digest
from derm1m_build.recipe import Section

LABEL_MODALITY = {
    "clinical": "clinical", "keep": "clinical", "skin": "clinical", "derm": "clinical", "clinical photo": "clinical",
    "dermoscopic": "dermoscopic", "dermoscopy": "dermoscopic",
    "histopathology": "histopathology", "histology": "histopathology", "pathology": "histopathology",
}


class ClassifierConfig(Section):
    model: str = ""  # local folder (relative to the recipe) or hub id
    threshold: float = 0.5
    keep_labels: list[str] = ["keep", "clinical", "dermoscopic", "skin"]
    batch_size: int = 32
    device: str = "auto"  # auto / cpu / cuda / cuda:1
    half: bool = True  # fp16 on CUDA


def pooled(hidden: Any) -> Any:
    """(B, tokens, D) -> mean over tokens; (B, C, H, W) -> mean over space."""
    return hidden.mean(dim=1) if hidden.dim() == 3 else hidden.mean(dim=(2, 3))


class ClassifierBackend(Backend):
    name = "classifier"

    def __init__(self, config: ClassifierConfig, resolve=None):
        self.config = config
        self.src = model_source(config.model, resolve)
        self.model = self.processor = None

    def load(self) -> None:
        if self.model is not None:
            return
        import torch
        from transformers import AutoImageProcessor, AutoModelForImageClassification

        self.processor, self.model, self.device, self.dtype = load_pretrained(
            "classifier", self.src, AutoImageProcessor, AutoModelForImageClassification,
            self.config.device, self.config.half)
        torch.set_grad_enabled(False)
        self.labels = [str(self.model.config.id2label[i]) for i in range(self.model.config.num_labels)]
        keep = {k.lower() for k in self.config.keep_labels}
        self.keep_idx = [i for i, lab in enumerate(self.labels) if lab.lower() in keep]

    def probs_and_features(self, images: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        import torch

        self.load()
        probs, feats = [], []
        for pv in pixel_batches(self.processor, images, self.config.batch_size, self.device, self.dtype):
            with torch.inference_mode():
                out = self.model(pixel_values=pv, output_hidden_states=True)
            probs.append(out.logits.float().softmax(-1).cpu().numpy())
            f = pooled(out.hidden_states[-1]).float()
            feats.append(torch.nn.functional.normalize(f, dim=-1).cpu().numpy())
        if not probs:
            return np.zeros((0, len(self.labels)), np.float32), np.zeros((0, 1), np.float32)
        return np.concatenate(probs), np.concatenate(feats)

    def judge(self, images, measures) -> list[Judgement]:
        probs, feats = self.probs_and_features(images)
        return [probs_judgement(p, self.labels, self.keep_idx, self.config.threshold,
                                lambda top: LABEL_MODALITY.get(top.lower(), "other"), f)
                for p, f in zip(probs, feats)]

    def models(self) -> dict[str, Any]:
        return {"filter_backend": "classifier", "filter_model": self.config.model,
                "filter_weights": weights_digest(self.src)}
