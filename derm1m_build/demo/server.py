"""A small HTTP server on 127.0.0.1 that imitates the real services' wire formats for the demo and tests.

Static files of the corpus are served from its root. Sources mount handlers for dynamic endpoints
(E-utilities, the OA service, ...) by adding "module:function" to ROUTES; each function takes
(server, request handler, parsed URL) and returns True when it answered.
"""

from __future__ import annotations

import importlib
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROUTES: list[str] = [
    "derm1m_build.demo.youtube:serve_info_json",
    "derm1m_build.pmc.demo:route",
    "derm1m_build.testing.openai_server:demo_route",  # /v1/chat/completions for the caption stage
]


class _Handler(SimpleHTTPRequestHandler):
    server_version = "derm1m-demo/1.0"

    def log_message(self, fmt: str, *args: Any) -> None:  # quiet
        pass

    def _dispatch(self) -> bool:
        url = urlparse(self.path)
        for fn in self.server.route_fns:  # type: ignore[attr-defined]
            if fn(self.server, self, url):
                return True
        return False

    def do_GET(self) -> None:  # noqa: N802
        if not self._dispatch():
            super().do_GET()

    def do_POST(self) -> None:  # noqa: N802
        if not self._dispatch():
            self.send_error(404)


class DemoServer:
    def __init__(self, root: Path, port: int = 0, routes: list[str] | None = None):
        self.root = Path(root).resolve()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, directory=str(self.root)))
        self.httpd.daemon_threads = True
        self.httpd.corpus_root = self.root  # type: ignore[attr-defined]
        fns = []
        for spec in (routes if routes is not None else ROUTES):
            module, _, name = spec.partition(":")
            fns.append(getattr(importlib.import_module(module), name))
        self.httpd.route_fns = fns  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "DemoServer":
        self.thread.start()
        return self

    def __exit__(self, *a: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
