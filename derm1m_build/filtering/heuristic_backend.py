"""The `heuristic` back-end: skin, slide/diagram and modality decisions from the OpenCV measures."""

from __future__ import annotations

from typing import Any

import numpy as np

from derm1m_build.filtering.backends import Backend, Judgement
from derm1m_build.filtering.heuristic import Measures, classify, dermoscopy_score
from derm1m_build.recipe import Section


class HeuristicConfig(Section):
    min_skin: float = 0.12  # fraction of skin pixels (any skin model) to call it a skin image
    max_flat: float = 0.45  # flat unsaturated area above which a non-skin image is a slide/diagram
    max_graphic: float = 0.7  # texture-free area above which a non-skin image is rendered graphics
    max_text: float = 0.15  # text-line area (in the middle of the frame, for skin images) above which it is a slide or overlay
    max_skin_graphic: float = 0.5  # texture-free area above which even a skin-coloured image is rendered (a slide)
    max_saturation: float = 170.0  # mean HSV saturation above which it is not skin (fundus photos, saturated graphics)
    max_saturation_spread: float = 62.0  # saturation std above which it is a varied scene (portrait, logo), not a skin photo
    max_border_contrast: float = 60.0  # luma std of the frame's outer tenth above which it is a scene (skin photos <= 50)
    max_page_graphic: float = 0.1  # texture-free area ...
    max_page_white: float = 0.2  # ... and pure-white area above which it is a figure on a white page (photos <= 0.01 / 0.02)
    min_dermoscopy: float = 0.5  # dermoscopy_score at or above which a skin photo without a black vignette is dermoscopic
    keep_modalities: list[str] = ["clinical", "dermoscopic"]


class HeuristicBackend(Backend):
    name = "heuristic"

    def __init__(self, config: HeuristicConfig):
        self.config = config

    def judge(self, images: list[np.ndarray], measures: list[Measures]) -> list[Judgement]:
        c = self.config
        out = []
        for m in measures:
            keep, reason, modality = classify(m, c.min_skin, c.max_flat, c.max_graphic, c.max_text, c.max_skin_graphic,
                                             c.max_saturation, c.max_saturation_spread,
                                             c.max_border_contrast, c.max_page_graphic, c.max_page_white, c.min_dermoscopy)
            if keep and modality not in c.keep_modalities:
                keep, reason = False, "unwanted_modality"
            out.append(Judgement(keep, reason, modality, {"dermoscopy_score": round(dermoscopy_score(m), 4)},
                                 detail=modality if reason == "unwanted_modality" else ""))
        return out

    def models(self) -> dict[str, Any]:
        return {"filter_backend": "heuristic"}
