"""LLM responses on disk, keyed by (model, prompt digest, input digest): a rerun asks nothing again.

`OUT/cache/llm/<key[:2]>/<key>.json` holds the reply text and what it was the reply to. Files are
written atomically, so parallel workers and a kill at any moment leave whole entries only. Failures
(HTTP errors, timeouts) are never cached: a rerun retries them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from derm1m_build.hashing import digest_obj
from derm1m_build.store import atomic_write_text


def input_digest(messages: list[dict[str, str]], params: dict[str, Any]) -> str:
    """Digest of everything after the system prompt (the row's text, any retry turns) and the sampling."""
    return digest_obj({"messages": [m for m in messages if m.get("role") != "system"], "params": params})


class LLMCache:
    def __init__(self, root: Path | None):
        self.root = Path(root) if root else None
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(model: str, prompt_digest: str, in_digest: str) -> str:
        return digest_obj({"model": model, "prompt": prompt_digest, "input": in_digest})

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        if self.root is None:
            return None
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            content = entry["content"]
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return content if isinstance(content, str) else None

    def put(self, key: str, model: str, prompt_digest: str, in_digest: str, content: str) -> None:
        if self.root is None:
            return
        atomic_write_text(self._path(key), json.dumps(
            {"model": model, "prompt_digest": prompt_digest, "input_digest": in_digest, "content": content},
            sort_keys=True, ensure_ascii=False) + "\n")
