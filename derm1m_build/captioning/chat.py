"""The one interface of the LLM caption back-ends: a batch of chat conversations in, replies out.

`complete(batch)` returns, for each conversation in order, the reply text or an `ItemError` (the
request failed after its retries); a back-end decides how to run the batch (requests in flight over
HTTP, batched generation on a GPU). Sampling is fixed: temperature 0 and a fixed seed.
"""

from __future__ import annotations

from typing import Any

from derm1m_build.errors import ItemError

Messages = list[dict[str, str]]


class ChatBackend:
    kind: str = ""

    def __init__(self, model: str, seed: int = 0, max_tokens: int = 512):
        self.model = model
        self.seed = seed
        self.max_tokens = max_tokens
        self.calls = 0  # conversations sent to the model (cache misses), for tests and stats

    @property
    def label(self) -> str:
        """What the `caption_backend` column says for rows this back-end captioned."""
        return f"{self.kind}:{self.model}"

    def params(self) -> dict[str, Any]:
        """Sampling parameters: part of every cache key."""
        return {"temperature": 0, "seed": self.seed, "max_tokens": self.max_tokens}

    def describe(self) -> dict[str, Any]:
        """Recorded in the manifest (no secrets)."""
        return {"backend": self.kind, "model": self.model, **self.params()}

    def complete(self, batch: list[Messages]) -> list[str | ItemError]:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        pass
