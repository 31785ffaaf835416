"""Helpers for the forum / edu / datasets source tests: build a source from a recipe body, run it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from derm1m_build.pipeline import context_for
from derm1m_build.recipe import load_recipe
from derm1m_build.registry import make_source
from derm1m_build.sources.base import Excluded


def source_from(tmp: Path, body: str, name: str, private: bool = True) -> Any:
    head = f'[build]\nname = "t"\nallow_private_hosts = {"true" if private else "false"}\n'
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "recipe.toml"
    path.write_text(head + body, encoding="utf-8")
    recipe = load_recipe(path)
    return make_source(name, recipe.harvest[name], context_for(recipe, tmp / "out"), recipe)


def harvest(src: Any, refresh: bool = False) -> tuple[list[dict], list[tuple[str, str]], Any]:
    """(kept rows with meta decoded, [(sample key, reason)], fetch report)."""
    rep = src.fetch(refresh=refresh)
    kept, dropped = [], []
    for item in src.extract():
        if isinstance(item, Excluded):
            dropped.append((json.loads(item.row["meta"]), item.reason))
        else:
            kept.append({**item, "meta": json.loads(item["meta"])})
    return kept, dropped, rep


def jpeg(seed: int, size: int = 64) -> bytes:
    rng = np.random.default_rng(seed)
    img = rng.integers(0, 255, (size, size, 3), dtype=np.uint8)
    return cv2.imencode(".jpg", img)[1].tobytes()


def png(seed: int, size: int = 64) -> bytes:
    rng = np.random.default_rng(seed)
    img = rng.integers(0, 255, (size, size, 3), dtype=np.uint8)
    return cv2.imencode(".png", img)[1].tobytes()
