"""The caption stage: refined caption, CLIP-length caption, metadata."""

from __future__ import annotations

from typing import Literal

import pyarrow as pa

from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult


class CaptionConfig(Section):
    backend: Literal["rules"] = "rules"
    max_clip_tokens: int = 77
    min_words: int = 3


class CaptionStage(Stage):
    name = "caption"
    resources = Resources(cpus=1)

    def setup(self) -> None:
        from derm1m_build.ontology import load_ontology

        onto = load_ontology()
        self.body_sites = {n.name: n.synonyms for _, n in sorted(onto.body_sites.items())}

    def process_batch(self, rows: pa.Table) -> StageResult:
        from derm1m_build.captioning.rules import clean, extract_metadata, truncate_for_clip

        kept, dropped = [], []
        for r in rows.to_pylist():
            cap = clean(r.get("raw_text") or "")
            if len(cap.split()) < self.config.min_words:
                r["reason"] = "caption_too_short"
                dropped.append(r)
                continue
            r["caption"] = cap
            r["truncated_caption"] = truncate_for_clip(cap, self.config.max_clip_tokens)
            r["sub_captions"] = "[]"
            r["caption_backend"] = "rules"
            r.update(extract_metadata(r.get("raw_text") or "", self.body_sites))
            kept.append(r)
        return self.result(kept, dropped)
