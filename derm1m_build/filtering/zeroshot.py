"""The `zero-shot` back-end: a CLIP-family model (transformers `AutoModel` + `AutoProcessor`) scoring
prompt sets, one set per class; the class score is the softmax over classes of the image's cosine
similarity to the mean of the class's normalised prompt embeddings.

Classes and their default prompts cover what a dermatology harvest meets: clinical photos,
dermoscopy, histopathology, slides, diagrams, charts, faces and anything else. An image is kept when
the summed probability of `keep_classes` reaches `threshold`.
"""

from __future__ import annotations

from typing import Any

from derm1m_build.filtering.backends import Backend, Judgement, probs_judgement
from derm1m_build.filtering.torchutil import load_pretrained, model_source, pixel_batches, weights_digest
from derm1m_build.hashing import digest_obj
from derm1m_build.recipe import Section

PROMPTS: dict[str, list[str]] = {
    "clinical": ["a clinical photograph of a skin condition", "a close-up photo of a rash on human skin",
                 "a photo of a skin lesion on a patient"],
    "dermoscopy": ["a dermoscopy image of a skin lesion", "a dermatoscopic image of a mole"],
    "histopathology": ["a histopathology image of skin tissue", "an H&E stained microscope slide"],
    "slide": ["a presentation slide with text", "a lecture slide with bullet points"],
    "diagram": ["a diagram", "a schematic illustration with arrows and boxes"],
    "chart": ["a chart", "a bar chart or a plot of data"],
    "face": ["a photo of a person's face", "a portrait of a person"],
    "other": ["a photo of an object", "a photo of a landscape", "a screenshot"],
}
CLASS_MODALITY = {"clinical": "clinical", "dermoscopy": "dermoscopic", "histopathology": "histopathology"}


class ZeroShotConfig(Section):
    model: str = ""  # local folder (relative to the recipe) or hub id, e.g. openai/clip-vit-base-patch32
    threshold: float = 0.5
    keep_classes: list[str] = ["clinical", "dermoscopy"]
    prompts: dict[str, list[str]] = PROMPTS
    batch_size: int = 32
    device: str = "auto"
    half: bool = True


class ZeroShotBackend(Backend):
    name = "zero-shot"

    def __init__(self, config: ZeroShotConfig, resolve=None):
        self.config = config
        self.src = model_source(config.model, resolve)
        self.model = None
        self.classes = sorted(config.prompts)

    def load(self) -> None:
        if self.model is not None:
            return
        import torch
        from transformers import AutoModel, AutoProcessor

        self.processor, self.model, self.device, self.dtype = load_pretrained(
            "zero-shot model", self.src, AutoProcessor, AutoModel, self.config.device, self.config.half)
        embs = []
        with torch.inference_mode():
            for c in self.classes:
                tok = self.processor(text=self.config.prompts[c], return_tensors="pt", padding=True)
                tok = {k: v.to(self.device) for k, v in tok.items()}
                t = self._as_tensor(self.model.get_text_features(**tok)).float()
                t = torch.nn.functional.normalize(t, dim=-1).mean(0)
                embs.append(torch.nn.functional.normalize(t, dim=-1))
        self.text = torch.stack(embs)  # (classes, D)
        self.scale = float(self.model.logit_scale.exp()) if hasattr(self.model, "logit_scale") else 100.0
        self.keep_idx = [i for i, c in enumerate(self.classes) if c in self.config.keep_classes]

    @staticmethod
    def _as_tensor(out: Any) -> Any:
        """transformers 5 may return a model output instead of a tensor from get_*_features."""
        if hasattr(out, "pooler_output") and out.pooler_output is not None and not hasattr(out, "dim"):
            return out.pooler_output
        return out

    def judge(self, images, measures) -> list[Judgement]:
        import torch

        self.load()
        out = []
        for pv in pixel_batches(self.processor, images, self.config.batch_size, self.device, self.dtype):
            with torch.inference_mode():
                f = self._as_tensor(self.model.get_image_features(pixel_values=pv)).float()
            f = torch.nn.functional.normalize(f, dim=-1)
            probs = (self.scale * f @ self.text.T).softmax(-1).cpu().numpy()
            out += [probs_judgement(p, self.classes, self.keep_idx, self.config.threshold,
                                    lambda top: CLASS_MODALITY.get(top, "other"), emb)
                    for p, emb in zip(probs, f.cpu().numpy())]
        return out

    def models(self) -> dict[str, Any]:
        return {"filter_backend": "zero-shot", "filter_model": self.config.model,
                "filter_weights": weights_digest(self.src), "filter_prompts": digest_obj(self.config.prompts)}
