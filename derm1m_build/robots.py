"""robots.txt, fetched once per host through the shared HTTP client and obeyed (urllib.robotparser).

Follows RFC 9309 for failures: a robots.txt that is absent (any 4xx) allows everything; one that cannot
be fetched (5xx after retries, timeouts, resets) disallows everything on that host, because a server in
trouble has not said we may crawl it. A robots.txt on a host outside the allow-list is never asked for.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from derm1m_build.errors import ItemError
from derm1m_build.net import HttpClient

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


class RobotsCache:
    def __init__(self, client: HttpClient, agent: str = "derm1m-build"):
        self.client = client
        self.agent = agent
        self._parsers: dict[str, RobotFileParser | bool] = {}
        self._lock = threading.Lock()

    def _load(self, origin: str) -> RobotFileParser | bool:
        try:
            r = self.client.get(origin + "/robots.txt")
        except ItemError as e:
            if e.reason.startswith("http_4"):
                return True  # no robots.txt: everything allowed
            return False  # unreachable: nothing allowed
        rp = RobotFileParser()
        rp.parse(r.content[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines())
        return rp

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            if origin not in self._parsers:
                self._parsers[origin] = self._load(origin)
            p = self._parsers[origin]
        if isinstance(p, bool):
            return p
        return p.can_fetch(self.agent, url)

    def crawl_delay(self, url: str) -> float | None:
        parts = urlsplit(url)
        p = self._parsers.get(f"{parts.scheme}://{parts.netloc}")
        if isinstance(p, RobotFileParser):
            d = p.crawl_delay(self.agent)
            return float(d) if d is not None else None
        return None
