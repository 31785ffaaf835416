"""Back-end for any OpenAI-compatible `/v1/chat/completions` endpoint (vLLM, Ollama, llama.cpp, hosted).

Requests go through the shared HTTP client (`derm1m_build.net.HttpClient`): timeouts, retries with
exponential backoff on 429/5xx/resets/truncated bodies honouring `Retry-After`, and the address guard
(an endpoint on a private or loopback address needs `allow_private = true` here or
`build.allow_private_hosts`). Up to `max_in_flight` requests run at once on a thread pool (per worker
process). A 200 whose body is not a chat completion is retried like a truncated body, then reported as
`bad_response`. The key comes only from the environment variable `api_key_env` or the file `api_key_file`
and is sent as a bearer token; it is never stored in the config, the manifest or an error message.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field

from derm1m_build.captioning.chat import ChatBackend, Messages
from derm1m_build.errors import ItemError, UserError
from derm1m_build.net import HttpClient
from derm1m_build.recipe import Section
from derm1m_build.secrets import read_secret, redact


class OpenAIConfig(Section):
    base_url: str = Field(..., description="e.g. http://127.0.0.1:8000/v1 (the part before /chat/completions)")
    model: str = Field(..., description="model name the endpoint serves")
    api_key_env: str = Field("OPENAI_API_KEY", description="environment variable holding the key (unset: no key)")
    api_key_file: str | None = Field(None, description="file whose first line is the key (instead of the env)")
    max_in_flight: int = Field(16, ge=1, le=512, description="requests at once, per worker process")
    timeout_s: float = Field(120.0, gt=0)
    max_retries: int = Field(4, ge=0)
    backoff_s: float = Field(1.0, ge=0)
    max_backoff_s: float = Field(60.0, ge=0)
    max_tokens: int = Field(768, ge=16)
    json_mode: bool = Field(False, description='send response_format {"type": "json_object"}')
    allow_private: bool = Field(False, description="the endpoint is on a loopback/private address (local vLLM)")


def public_url(url: str) -> str:
    """Scheme + host + path: no user:password, query or fragment, and any part that came from the
    environment (a key expanded into the URL) written as `${NAME}` (safe for the manifest)."""
    try:
        p = urlsplit(url)
        host = p.hostname or ""
        if p.port:
            host = f"{host}:{p.port}"
    except ValueError:  # a malformed port or bracket: record nothing of it
        return "<invalid url>"
    return redact(urlunsplit((p.scheme, host, p.path, "", "")))


class OpenAIChat(ChatBackend):
    kind = "openai"

    def __init__(self, cfg: OpenAIConfig, seed: int = 0, allow_private: bool = False, key_base=None):
        super().__init__(cfg.model, seed=seed, max_tokens=cfg.max_tokens)
        self.cfg = cfg
        key_file = None
        if cfg.api_key_file:
            key_file = key_base(cfg.api_key_file) if key_base else cfg.api_key_file
        self._key = read_secret(cfg.api_key_env, key_file)
        parts = urlsplit(cfg.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UserError(f"caption.openai.base_url {public_url(cfg.base_url)!r} is not an http(s) URL")
        self.url = cfg.base_url.rstrip("/") + "/chat/completions"
        self.client = HttpClient(allow_hosts=[parts.hostname.lower()], allow_private=allow_private or cfg.allow_private,
                                 rate=0, timeout=cfg.timeout_s, max_retries=cfg.max_retries, backoff=cfg.backoff_s,
                                 max_backoff=cfg.max_backoff_s, max_bytes=16 * 1024 * 1024)
        import requests.adapters

        adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=cfg.max_in_flight)
        self.client.session.mount("http://", adapter)
        self.client.session.mount("https://", adapter)
        self.pool = ThreadPoolExecutor(max_workers=cfg.max_in_flight, thread_name_prefix="llm")

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "endpoint": public_url(self.cfg.base_url), "json_mode": self.cfg.json_mode}

    def _body(self, messages: Messages) -> dict[str, Any]:
        body = {"model": self.model, "messages": messages, **self.params()}
        if self.cfg.json_mode:
            body["response_format"] = {"type": "json_object"}
        return body

    def _one(self, messages: Messages) -> str | ItemError:
        headers = {"Content-Type": "application/json"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        data = json.dumps(self._body(messages), ensure_ascii=False).encode("utf-8")
        attempt = 0
        while True:
            try:
                r = self.client.post(self.url, data=data, headers=headers)
                return _content(r.content)
            except ItemError as e:
                if e.reason == "bad_response" and attempt < self.cfg.max_retries:
                    attempt += 1
                    time.sleep(min(self.cfg.max_backoff_s, self.cfg.backoff_s * 2 ** (attempt - 1)))
                    continue
                return ItemError(e.reason, redact(e.detail, (self._key or "",)))
            except Exception as e:  # noqa: BLE001 - one row's failure must not stop the shard
                return ItemError("request_failed", redact(f"{type(e).__name__}: {e}", (self._key or "",))[:200])

    def complete(self, batch: list[Messages]) -> list[str | ItemError]:
        self.calls += len(batch)
        return list(self.pool.map(self._one, batch))

    def close(self) -> None:
        self.pool.shutdown(wait=True)


def _content(body: bytes) -> str:
    try:
        obj = json.loads(body)
        msg = obj["choices"][0]["message"]
        content = msg.get("content")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise ItemError("bad_response", "the reply is not a chat completion") from None
    if not isinstance(content, str):
        raise ItemError("bad_response", "the reply has no message content")
    return content
