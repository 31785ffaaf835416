"""Where stage and source classes are found by name (imported lazily: heavy deps load only when used)."""

from __future__ import annotations

import importlib
from typing import Any

from derm1m_build.errors import UserError

STAGE_CLASSES = {
    "filter": "derm1m_build.stages.filter:FilterStage",
    "caption": "derm1m_build.stages.caption:CaptionStage",
    "tag": "derm1m_build.stages.tag:TagStage",
    "split": "derm1m_build.stages.split:SplitStage",
}

SOURCE_CLASSES = {
    "local": "derm1m_build.sources.local:LocalSource",
    "youtube": "derm1m_build.sources.youtube:YoutubeSource",
    "pubmed": "derm1m_build.sources.pubmed:PubmedSource",
    "forum": "derm1m_build.sources.forum:ForumSource",
    "edu": "derm1m_build.sources.edu:EduSource",
    "datasets": "derm1m_build.sources.datasets:DatasetsSource",
}


def load(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def make_stage(name: str, recipe: Any, ctx: Any) -> Any:
    if name not in STAGE_CLASSES:
        raise UserError(f"unknown stage {name!r}")
    return load(STAGE_CLASSES[name])(recipe.section(name), ctx, recipe)


def make_source(name: str, config: Any, ctx: Any, recipe: Any) -> Any:
    return load(SOURCE_CLASSES[name])(config, ctx, recipe)
