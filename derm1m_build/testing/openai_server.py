"""An OpenAI-compatible chat-completions endpoint on 127.0.0.1, for tests, benchmarks and the demo.

`POST /v1/chat/completions` answers with a `responder(messages) -> str` (default: `rules_responder`,
which plays a well-behaved model by cleaning the row's text with the rules back-end and answering the
caption JSON), after an optional fixed `delay` per request. Faults are injected through the underlying
`FaultServer`: `inject(Reply(429, headers={"Retry-After": "1"}), Reply(500), Reply(reset=True), ...)`
queues replies that the next requests get instead of an answer; a `Reply(200, "not json")` is a
malformed body, `Reply(..., truncate=10)` a truncated one, `Reply(..., delay=9)` a stall. With
`api_key` set, a request without `Authorization: Bearer <key>` gets 401. Every request body is kept
in `bodies` so tests can assert what was sent.

Run standalone (benchmarks, manual tries): `python -m derm1m_build.testing.openai_server --delay 0.05`.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from typing import Any, Callable

from derm1m_build.testing.faultserver import FaultServer, Reply

PATH = "/v1/chat/completions"
Responder = Callable[[list[dict[str, str]]], str]


def row_of(messages: list[dict[str, str]]) -> dict[str, Any]:
    """The row the caption stage put in the first user message (source_type, language, text)."""
    for m in messages:
        if m.get("role") == "user":
            try:
                return json.loads(m.get("content") or "{}")
            except ValueError:
                return {"text": m.get("content") or ""}
    return {}


_RULES = None


def rules_responder(messages: list[dict[str, str]]) -> str:
    """A deterministic 'model': the rules back-end's caption and metadata as the JSON answer."""
    global _RULES
    if _RULES is None:
        from derm1m_build.captioning.rules import RulesCaptioner
        from derm1m_build.ontology import load_ontology

        _RULES = RulesCaptioner.from_ontology(load_ontology())
    text = row_of(messages).get("text", "")
    cap = _RULES.clean(text) or text.strip() or "No caption."
    return json.dumps({"caption": cap, "sub_captions": _RULES.sub_captions(text), **_RULES.metadata(cap).as_dict()},
                      sort_keys=True)


def completion(content: str, model: str, n: int) -> dict[str, Any]:
    return {"id": f"chatcmpl-{n}", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}


class OpenAIServer:
    def __init__(self, responder: Responder | None = None, delay: float = 0.0, api_key: str | None = None):
        self.responder = responder or rules_responder
        self.delay = delay
        self.api_key = api_key
        self.bodies: list[dict[str, Any]] = []
        self.faults: list[Reply] = []
        self._lock = threading.Lock()
        self._n = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.fault = FaultServer(default=self._answer)
        # headers and body go out in two writes: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms a request
        self.fault.httpd.RequestHandlerClass.disable_nagle_algorithm = True

    @property
    def url(self) -> str:
        return self.fault.url

    @property
    def base_url(self) -> str:
        return self.fault.url + "/v1"

    def inject(self, *replies: Reply) -> "OpenAIServer":
        with self._lock:
            self.faults.extend(replies)
        return self

    def requests(self) -> int:
        return self.fault.requests_to(PATH)

    def _answer(self, path: str, query: dict, body: bytes) -> Reply | None:
        if path != PATH:
            return None
        headers = getattr(self.fault.current, "headers", {})
        with self._lock:
            self._n += 1
            n = self._n
            fault = self.faults.pop(0) if self.faults else None
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                time.sleep(self.delay)
            if fault is not None:
                return fault
            if self.api_key and headers.get("authorization") != f"Bearer {self.api_key}":
                return Reply(401, json.dumps({"error": {"message": "invalid api key", "type": "auth"}}),
                             content_type="application/json")
            try:
                req = json.loads(body)
                messages = req["messages"]
            except (ValueError, KeyError, TypeError):
                return Reply(400, json.dumps({"error": {"message": "bad request"}}), content_type="application/json")
            with self._lock:
                self.bodies.append(req)
            content = self.responder(messages)
            return Reply(200, json.dumps(completion(content, req.get("model", ""), n)), content_type="application/json")
        finally:
            with self._lock:
                self.in_flight -= 1

    def __enter__(self) -> "OpenAIServer":
        self.fault.__enter__()
        return self

    def __exit__(self, *a) -> None:
        self.fault.__exit__(*a)


def demo_route(server, handler, url) -> bool:
    """`derm1m_build.demo.server` route: the demo's chat-completions endpoint (the rules 'model')."""
    if url.path != PATH or handler.command != "POST":
        return False
    length = int(handler.headers.get("content-length") or 0)
    try:
        req = json.loads(handler.rfile.read(length) if length else b"{}")
        data = json.dumps(completion(rules_responder(req["messages"]), req.get("model", ""), 0)).encode()
        status = 200
    except (ValueError, KeyError, TypeError):
        data, status = b'{"error": {"message": "bad request"}}', 400
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)
    return True


def main() -> None:  # pragma: no cover - manual use
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--delay", type=float, default=0.0, help="seconds per request")
    args = ap.parse_args()
    with OpenAIServer(delay=args.delay) as s:
        print(s.base_url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
