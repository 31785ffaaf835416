"""The filter stage: keep clinical skin images, each once, and record why the rest went.

Map pass (per shard): decode, quality checks, skin/modality back-end, perceptual hash. Fit pass (whole
build): exact and near-duplicate clusters over every kept row of every source. Apply pass (per shard):
one representative per cluster kept (largest, then sharpest, then smallest id), the rest dropped with
`duplicate` and the id they duplicate.
"""

from __future__ import annotations

import json
from typing import Literal

import cv2
import numpy as np
import pyarrow as pa

from derm1m_build.errors import ItemError
from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult


class FilterConfig(Section):
    backend: Literal["heuristic"] = "heuristic"
    min_side: int = 64
    min_blur: float = 15.0
    min_brightness: float = 20.0
    max_brightness: float = 245.0
    min_skin: float = 0.12
    max_flat: float = 0.45
    dedup: bool = True
    phash_radius: int = 6


class FilterStage(Stage):
    name = "filter"
    resources = Resources(cpus=1)
    fit_columns = ("sample_id", "image_sha256", "phash", "width", "height", "scores")

    def setup(self) -> None:
        from derm1m_build.images import ImageStore

        self.images = ImageStore(self.ctx.images_dir)

    def _score(self, r: dict) -> tuple[bool, str, str, dict]:
        from derm1m_build.filtering.heuristic import classify, measure
        from derm1m_build.filtering.phash import phash, to_hex
        from derm1m_build.images import load_rgb

        c = self.config
        if not r.get("image_sha256"):
            return False, "no_image", "", {}
        try:
            im = load_rgb(self.images.path(r["image_sha256"], r["image_ext"]).read_bytes(), max_side=512)
        except (ItemError, OSError) as e:
            return False, getattr(e, "reason", "image_unreadable"), "", {}
        bgr = cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR)
        m = measure(bgr)
        scores = m.as_dict()
        r["phash"] = to_hex(phash(bgr))
        if min(r["width"], r["height"]) < c.min_side:
            return False, "too_small", "other", scores
        if m.brightness < c.min_brightness:
            return False, "too_dark", "other", scores
        if m.brightness > c.max_brightness:
            return False, "washed_out", "other", scores
        if m.blur < c.min_blur:
            return False, "blurred", "other", scores
        keep, reason, modality = classify(m, c.min_skin, c.max_flat)
        return keep, reason, modality, scores

    def process_batch(self, rows: pa.Table) -> StageResult:
        kept, dropped = [], []
        for r in rows.to_pylist():
            keep, reason, modality, scores = self._score(r)
            r["modality"] = modality
            r["scores"] = json.dumps(scores, sort_keys=True)
            r["face"] = "none"
            if keep:
                kept.append(r)
            else:
                r["reason"] = reason
                dropped.append(r)
        return self.result(kept, dropped)

    def fit(self, table: pa.Table) -> dict[str, tuple[str, str | None]]:
        """sample_id -> (cluster id, representative's sample_id)."""
        from derm1m_build.filtering.dedup import cluster

        rows = table.to_pylist()
        if not self.config.dedup:
            return {r["sample_id"]: (r["sample_id"], r["sample_id"]) for r in rows}
        return cluster(rows, self.config.phash_radius)

    def apply(self, rows: pa.Table, state: dict) -> StageResult:
        kept, dropped = [], []
        for r in rows.to_pylist():
            cid, rep = state[r["sample_id"]]
            r["dup_cluster"] = cid
            if rep == r["sample_id"]:
                kept.append(r)
            else:
                r["reason"], r["detail"] = "duplicate", rep
                dropped.append(r)
        return self.result(kept, dropped)
