"""One interface for every filter back-end: a batch of decoded images in, one `Judgement` per image out.

The stage decodes and measures each image once (quality checks and the heuristic back-end share the
OpenCV measures), then asks the back-end chosen in the recipe (`[filter] backend = ...`) to judge the
images that passed quality. Model back-ends load their weights once per worker in `load()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from derm1m_build.filtering.heuristic import Measures

MODALITIES = ("clinical", "dermoscopic", "histopathology", "other")


@dataclass
class Judgement:
    keep: bool
    reason: str  # "" when kept; a short snake_case word otherwise
    modality: str  # one of MODALITIES
    scores: dict[str, Any] = field(default_factory=dict)
    embedding: np.ndarray | None = None  # L2-normalised features for embedding near-duplicates
    detail: str = ""


def probs_judgement(p: np.ndarray, labels: list[str], keep_idx: list[int], threshold: float,
                    modality_of: Callable[[str], str], embedding: Any) -> Judgement:
    """The judgement of a model that gives one probability per label (`p`): kept when the labels at
    `keep_idx` together reach `threshold`, the modality named by the most probable label. The classifier
    and zero-shot back-ends decide the same way and record the same scores, so it is written once."""
    p_keep = float(p[keep_idx].sum()) if keep_idx else 0.0
    top = labels[int(np.argmax(p))]
    keep = p_keep >= threshold
    scores = {"p_keep": round(p_keep, 4), "probs": {lab: round(float(v), 4) for lab, v in zip(labels, p)}}
    return Judgement(keep, "" if keep else "not_skin", modality_of(top), scores, embedding,
                     "" if keep else f"top={top} p_keep={p_keep:.3f}")


class Backend:
    """Judges RGB uint8 images (H, W, 3). `measures[i]` are the OpenCV measures of `images[i]`."""

    name = ""

    def load(self) -> None:
        """Load weights (once per worker)."""

    def judge(self, images: list[np.ndarray], measures: list[Measures]) -> list[Judgement]:  # pragma: no cover
        raise NotImplementedError

    def models(self) -> dict[str, Any]:
        return {}


def make_backend(config: Any, resolve=None) -> Backend:
    """The back-end named by `config.backend`; `resolve` maps recipe-relative paths to real ones."""
    name = config.backend
    if name == "heuristic":
        from derm1m_build.filtering.heuristic_backend import HeuristicBackend

        return HeuristicBackend(config.heuristic)
    if name == "classifier":
        from derm1m_build.filtering.classifier import ClassifierBackend

        return ClassifierBackend(config.classifier, resolve)
    if name == "zero-shot":
        from derm1m_build.filtering.zeroshot import ZeroShotBackend

        return ZeroShotBackend(config.zero_shot, resolve)
    raise ValueError(f"unknown filter backend {name!r}")
