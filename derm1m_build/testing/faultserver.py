"""A scripted HTTP server on 127.0.0.1 that injects the faults real services show.

Each path has a queue of `Reply`s consumed one per request (the last one repeats): status, headers,
body, and faults: `delay` (stall before answering), `reset` (close the socket without a reply),
`truncate` (declare the full Content-Length, send only part). A path absent from the script falls
back to `default` (a function (path, query, body) -> Reply) or 404. Every request is logged, so tests
can assert exactly what was retried and what was never asked.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/plain"
    delay: float = 0.0
    reset: bool = False
    truncate: int | None = None  # send only this many bytes of the body

    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


class FaultServer:
    def __init__(self, default: Callable[[str, dict, bytes], Reply | None] | None = None):
        self.script: dict[str, list[Reply]] = {}
        self.default = default
        self.log: list[tuple[str, str]] = []  # (method, path?query)
        self.current = threading.local()  # .headers of the request being answered (for `default`)
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):  # quiet
                pass

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                with server._lock:
                    server.log.append((method, self.path))
                    queue = server.script.get(parts.path)
                    reply = None
                    if queue:
                        reply = queue.pop(0) if len(queue) > 1 else queue[0]
                server.current.headers = {k.lower(): v for k, v in self.headers.items()}
                if reply is None and server.default:
                    reply = server.default(parts.path, parse_qs(parts.query), body)
                if reply is None:
                    reply = Reply(404, b"not found")
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.reset:
                    try:
                        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    except OSError:
                        pass
                    self.connection.close()
                    self.close_connection = True
                    return
                data = reply.payload()
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(data)))
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                out = data if reply.truncate is None else data[: reply.truncate]
                try:
                    self.wfile.write(out)
                    self.wfile.flush()
                except OSError:
                    pass
                if reply.truncate is not None:
                    self.close_connection = True
                    try:
                        self.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

            def do_GET(self):  # noqa: N802
                self._serve("GET")

            def do_POST(self):  # noqa: N802
                self._serve("POST")

            def do_HEAD(self):  # noqa: N802
                self._serve("HEAD")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def on(self, path: str, *replies: Reply) -> "FaultServer":
        with self._lock:
            self.script[path] = list(replies)
        return self

    def requests_to(self, path: str) -> int:
        return sum(1 for _, p in self.log if urlsplit(p).path == path)

    def __enter__(self) -> "FaultServer":
        self.thread.start()
        return self

    def __exit__(self, *a) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
