"""The one HTTP client every source uses: allow-list, private-address guard, rate limit, retries.

Built on requests + urllib3. What it guarantees, for every request and every redirect hop:
- only http/https, only hosts on the allow-list (when one is given);
- no loopback, private, link-local or reserved address unless the recipe allows private hosts;
- at most `rate` requests per second per host;
- 429 and 5xx and connection errors retried with exponential backoff, honouring Retry-After (capped);
- redirects followed by hand (at most `max_redirects`), each hop checked, loops detected;
- bodies read in a stream and cut at `max_bytes`; a body shorter than its Content-Length is an error.
Failures raise `ItemError(reason, detail)` so the caller records the item and goes on.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from derm1m_build import __version__, hostmap, ratelimit
from derm1m_build.errors import ItemError

USER_AGENT = f"derm1m-build/{__version__} (+https://github.com/derm1m-build/derm1m-build; research dataset builder)"
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class HttpResponse:
    url: str
    status: int
    headers: dict[str, str]
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


def _is_private(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        raise ItemError("dns_failed", host) from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
            return True
    return False


def retry_after_seconds(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    try:
        return min(cap, max(0.0, float(value)))
    except ValueError:
        try:
            dt = parsedate_to_datetime(value)
            return min(cap, max(0.0, dt.timestamp() - time.time()))
        except (TypeError, ValueError):
            return None


class _StampedHTTPConnection(HTTPConnection):
    """urllib3's connection that stamps the shared limiter's slot file once the request is written
    (`ratelimit.sent`): the request has left, so the window rule counts it from no earlier than it went,
    however long its thread waited for the GIL or a loaded CPU after being let go (until the stamp the
    limiter counts it as going "now")."""

    def request(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().request(*args, **kwargs)
        finally:
            ratelimit.sent()  # written, or failed while writing: either way it is no longer to come


class _StampedHTTPSConnection(_StampedHTTPConnection, HTTPSConnection):
    pass


class _StampedPool(HTTPConnectionPool):
    ConnectionCls = _StampedHTTPConnection


class _StampedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _StampedHTTPSConnection


class _StampingAdapter(HTTPAdapter):
    """`requests`' adapter whose connections stamp each request as written (above); a path that did not
    (a proxy's pool) is stamped when the answer's headers are in, which is later than it went: safe."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _StampedPool, "https": _StampedHTTPSPool}

    def send(self, request, *args: Any, **kwargs: Any):  # noqa: ANN001, ANN201 - requests' signature
        try:
            return super().send(request, *args, **kwargs)
        finally:
            ratelimit.sent()  # no-op when the connection stamped it


@dataclass
class HttpClient:
    allow_hosts: list[str] | None = None  # None = any public host
    allow_private: bool = False
    rate: float = 3.0  # requests per second per host
    timeout: float = 30.0
    max_retries: int = 4
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_redirects: int = 5
    max_bytes: int = 200 * 1024 * 1024
    user_agent: str = USER_AGENT
    headers: dict[str, str] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _session: requests.Session | None = field(default=None, repr=False)

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            self._session = requests.Session()
            for prefix in ("http://", "https://"):
                self._session.mount(prefix, _StampingAdapter())
            self._session.headers["User-Agent"] = self.user_agent
            self._session.headers.update(self.headers)
        return self._session

    def check_url(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise ItemError("blocked_scheme", url)
        host = (parts.hostname or "").lower()
        if not host:
            raise ItemError("bad_url", url)
        if self.allow_hosts is not None and not any(host == h or host.endswith("." + h) for h in self.allow_hosts):
            raise ItemError("host_not_allowed", host)
        if not self.allow_private:
            phys = (urlsplit(hostmap.physical(url)).hostname or host).lower()  # a mapped host: its real address
            if _is_private(phys):
                raise ItemError("private_address", host)

    def _throttle(self, host: str) -> None:
        if self.rate <= 0:
            return
        if ratelimit.active() is not None:  # harvest: one limiter per host across every worker
            ratelimit.wait(host, self.rate)
            return
        gap = 1.0 / self.rate
        with self._lock:
            now = time.monotonic()
            wait = self._last.get(host, 0.0) + gap - now
            self._last[host] = max(now, self._last.get(host, 0.0) + gap)
        if wait > 0:
            time.sleep(wait)

    def _once(self, method: str, url: str, **kw: Any) -> requests.Response:
        self._throttle(urlsplit(url).hostname or "")
        phys = hostmap.physical(url)
        if phys != url:  # a logical host (the demo's stable base): connect to its address, say its name
            kw["headers"] = {**(kw.get("headers") or {}), "Host": urlsplit(url).netloc}
        return self.session.request(method, phys, timeout=self.timeout, allow_redirects=False, stream=True, **kw)

    def _read(self, r: requests.Response) -> bytes:
        chunks, total = [], 0
        try:
            for chunk in r.iter_content(65536):
                total += len(chunk)
                if total > self.max_bytes:
                    raise ItemError("too_large", f">{self.max_bytes} bytes")
                chunks.append(chunk)
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError) as e:
            raise ItemError("truncated", type(e).__name__) from None
        finally:
            r.close()
        body = b"".join(chunks)
        cl = r.headers.get("content-length")
        if cl and cl.isdigit() and "content-encoding" not in r.headers and len(body) < int(cl):
            raise ItemError("truncated", f"{len(body)} of {cl} bytes")
        return body

    def request(self, method: str, url: str, *, expect_types: tuple[str, ...] = (), **kw: Any) -> HttpResponse:
        seen: list[str] = []
        attempt = 0
        while True:
            self.check_url(url)
            try:
                r = self._once(method, url, **kw)
            except requests.exceptions.Timeout:
                err = ItemError("timeout", url)
            except requests.exceptions.ConnectionError as e:
                err = ItemError("connection_error", type(e).__name__)
            else:
                err = None
                if r.status_code in (301, 302, 303, 307, 308):
                    loc = r.headers.get("location")
                    r.close()
                    if not loc:
                        raise ItemError("bad_redirect", url)
                    nxt = hostmap.logical(urljoin(url, loc))
                    if nxt in seen or len(seen) >= self.max_redirects:
                        raise ItemError("redirect_loop", nxt)
                    seen.append(url)
                    url = nxt
                    if r.status_code == 303:
                        method, kw = "GET", {k: v for k, v in kw.items() if k not in ("data", "json")}
                    continue
                if r.status_code in RETRY_STATUS:
                    wait = retry_after_seconds(r.headers.get("retry-after"), self.max_backoff)
                    r.close()
                    err = ItemError(f"http_{r.status_code}", url)
                    if attempt < self.max_retries:
                        time.sleep(wait if wait is not None else min(self.max_backoff, self.backoff * 2 ** attempt))
                        attempt += 1
                        continue
                    raise err
                if r.status_code >= 400:
                    r.close()
                    raise ItemError(f"http_{r.status_code}", url)
                try:
                    body = self._read(r)
                except ItemError as e:
                    if e.reason == "truncated" and attempt < self.max_retries:
                        attempt += 1
                        time.sleep(min(self.max_backoff, self.backoff * 2 ** (attempt - 1)))
                        continue
                    raise
                resp = HttpResponse(url, r.status_code, {k.lower(): v for k, v in r.headers.items()}, body)
                if expect_types and not any(resp.content_type.startswith(t) for t in expect_types):
                    raise ItemError("wrong_content_type", resp.content_type or "none")
                return resp
            if attempt < self.max_retries:
                time.sleep(min(self.max_backoff, self.backoff * 2 ** attempt))
                attempt += 1
                continue
            raise err

    def get(self, url: str, **kw: Any) -> HttpResponse:
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw: Any) -> HttpResponse:
        return self.request("POST", url, **kw)
