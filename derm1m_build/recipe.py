"""Recipes: one TOML file per build, one section per stage, validated on load.

Every section is a pydantic model with `extra="forbid"`, so a misspelt key is an error, not a silent
default. Section models live beside the code they configure (a source's config in its module) and are
found through the registries below, so adding a source or a back-end never touches this file's logic.
Paths in a recipe are relative to the recipe file.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from derm1m_build.errors import UserError
from derm1m_build.hashing import digest_obj
from derm1m_build.secrets import remember_env

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class Section(BaseModel):
    """Base of every recipe section: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class GatesConfig(Section):
    """Quality gates: a stage past one of these fails with one line naming the cause (see gates.py)."""

    max_llm_fallback: float = Field(0.05, ge=0, le=1, description="share of LLM captions that fell back to rules")
    max_harvest_failure: float = Field(0.20, ge=0, le=1, description="share of a source's items that failed to fetch")
    min_rows: int = Field(1, ge=0, description="rows the final dataset must have")


class BuildConfig(Section):
    name: str = "build"
    seed: int = 1234
    shard_size: int = Field(256, ge=1, description="rows per shard")
    workers: int = Field(1, ge=1)
    executor: Literal["local", "ray"] = "local"
    ray_address: str | None = None
    allow_private_hosts: bool = Field(False, description="let sources fetch from loopback/private addresses (tests, demo)")
    harvest_batch: int = Field(16, ge=1, description="harvest items per executor task")
    harvest_threads: int = Field(8, ge=1, description="threads per harvest task (overlap network waits)")
    harvest_items_per_shard: int = Field(64, ge=1, description="fetched items (videos, articles, threads) per harvest shard")
    gates: GatesConfig = GatesConfig()
    takedown: str | None = Field(None, description="takedown / opt-out list (sample ids, source URLs, image sha256s, "
                                                   "group ids), relative to the recipe")


# Source name -> "module:Class" of its config model. Each source module defines its own.
SOURCE_CONFIGS: dict[str, str] = {
    "local": "derm1m_build.sources.local:LocalConfig",
    "youtube": "derm1m_build.sources.youtube:YoutubeConfig",
    "pubmed": "derm1m_build.sources.pubmed:PubmedConfig",
    "forum": "derm1m_build.sources.forum:ForumConfig",
    "edu": "derm1m_build.sources.edu:EduConfig",
    "datasets": "derm1m_build.sources.datasets:DatasetsConfig",
}

# Stage section name -> "module:Class".
STAGE_CONFIGS: dict[str, str] = {
    "filter": "derm1m_build.stages.filter:FilterConfig",
    "caption": "derm1m_build.stages.caption:CaptionConfig",
    "tag": "derm1m_build.stages.tag:TagConfig",
    "split": "derm1m_build.stages.split:SplitConfig",
}


def _load_class(spec: str) -> type[Section]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _validate(model: type[Section], data: Any, where: str, path: Path | None) -> Section:
    if not isinstance(data, dict):
        raise UserError(f"recipe {path or ''}: [{where}] must be a table")
    try:
        return model(**data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in (where, *err["loc"]))
        raise UserError(f"recipe {path or ''}: {loc}: {err['msg']} (fix the recipe and run again)") from None


class Recipe:
    """A validated recipe: `build`, `harvest[source]` and one config per stage."""

    def __init__(self, path: Path | None, raw: dict[str, Any]):
        self.path = path
        self.base_dir = path.parent.resolve() if path else Path.cwd()
        self.raw = raw
        self.build = _validate(BuildConfig, raw.get("build", {}), "build", path)
        harvest_raw = raw.get("harvest", {})
        if not isinstance(harvest_raw, dict):
            raise UserError("recipe: [harvest] must be a table of sources, e.g. [harvest.local]")
        unknown_src = set(harvest_raw) - set(SOURCE_CONFIGS)
        if unknown_src:
            raise UserError(
                f"recipe: unknown source(s) {sorted(unknown_src)} under [harvest]; known: {sorted(SOURCE_CONFIGS)}"
            )
        known = {"build", "harvest", "report", "export", *STAGE_CONFIGS}
        unknown = set(raw) - known
        if unknown:
            raise UserError(f"recipe: unknown section(s) {sorted(unknown)}; known: {sorted(known)}")
        self.harvest: dict[str, Section] = {
            name: _validate(_load_class(SOURCE_CONFIGS[name]), cfg, f"harvest.{name}", path)
            for name, cfg in sorted(harvest_raw.items())
        }
        self.stages: dict[str, Section] = {
            name: _validate(_load_class(spec), raw.get(name, {}), name, path) for name, spec in STAGE_CONFIGS.items()
        }

    def section(self, stage: str) -> Section:
        return self.stages[stage]

    def resolve(self, p: str | Path) -> Path:
        """A path from the recipe, relative to the recipe file."""
        p = Path(p)
        return p if p.is_absolute() else (self.base_dir / p)

    def section_digest(self, stage: str) -> str:
        """Digest of what a stage's output depends on in the recipe: its own section plus the build seed."""
        if stage == "harvest":
            body = {k: v.model_dump(mode="json") for k, v in self.harvest.items()}
        else:
            body = self.stages[stage].model_dump(mode="json")
        return digest_obj({"stage": stage, "seed": self.build.seed, "shard_size": self.build.shard_size, "section": body})


_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def expand_env(obj: Any) -> Any:
    """`${NAME}` / `${NAME:-default}` in string values come from the environment (e.g. the demo server URL).

    Secrets are never put in recipes this way: keys are read from the environment by the code that uses them.
    Every value taken from the environment is remembered (`secrets.remember_env`) so manifests, the
    datasheet and recorded endpoints show `${NAME}` instead of it.
    """
    if isinstance(obj, str):
        def sub(m: re.Match) -> str:
            val = os.environ.get(m.group(1))
            if val is None:
                if m.group(2) is None:
                    raise UserError(f"recipe uses ${{{m.group(1)}}} but it is not set in the environment")
                return m.group(2)
            remember_env(m.group(1), val)  # recorded as ${NAME} wherever it would be written
            return val

        return _ENV.sub(sub, obj)
    if isinstance(obj, dict):
        return {k: expand_env(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [expand_env(v) for v in obj]
    return obj


def load_recipe(path: str | Path) -> Recipe:
    path = Path(path)
    if not path.is_file():
        raise UserError(f"recipe not found: {path} (pass --recipe FILE, e.g. stages/demo.toml)")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"recipe {path}: not valid TOML: {e}") from None
    return Recipe(path, expand_env(raw))
