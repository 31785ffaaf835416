"""Logical host names mapped to a real address for one process tree (curl's `--resolve`, for our clients).

Why: the demo server listens on whatever port the OS gives it, yet a build must not depend on that port.
So the demo recipe names a fixed logical base, `http://demo.derm1m.invalid` (`.invalid` never resolves,
RFC 2606), and the demo wrapper (`python -m derm1m_build.demo.serve`) sets

    DERM1M_HOST_MAP="demo.derm1m.invalid=127.0.0.1:43127"

for the command it runs. Every client then connects to the mapped address while the recipe, the recipe
digest, the raw provenance and every recorded URL keep the logical one. The shared HTTP client applies
the map per request (and sends the logical `Host` header, so servers build links with the logical
base); sources that hand URLs to another client (yt-dlp) map them with `physical_obj` first.

Several entries are separated by commas. Without the variable nothing is mapped.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ENV = "DERM1M_HOST_MAP"
DEMO_HOST = "demo.derm1m.invalid"
DEMO_BASE = f"http://{DEMO_HOST}"


def host_map(value: str | None = None) -> dict[str, str]:
    """{logical host: "ip:port"} from DERM1M_HOST_MAP (or `value`); malformed entries are ignored."""
    raw = os.environ.get(ENV, "") if value is None else value
    out: dict[str, str] = {}
    for entry in raw.split(","):
        host, sep, target = entry.strip().partition("=")
        if sep and host and target and "/" not in target:
            out[host.strip().lower()] = target.strip()
    return out


def physical(url: str) -> str:
    """The URL to connect to: a mapped host replaced by its address; anything else unchanged."""
    m = host_map()
    if not m or not isinstance(url, str):
        return url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in m:
        return url
    return urlunsplit(parts._replace(netloc=m[parts.hostname.lower()]))


def logical(url: str) -> str:
    """The inverse of `physical`: a URL pointing at a mapped address gets its logical host back
    (a redirect or a link a server built from its own address)."""
    m = host_map()
    if not m or not isinstance(url, str):
        return url
    parts = urlsplit(url)
    inv = {t: h for h, t in m.items()}
    if parts.scheme in ("http", "https") and parts.netloc in inv:
        return urlunsplit(parts._replace(netloc=inv[parts.netloc]))
    return url


def physical_obj(obj: Any) -> Any:
    """`physical` applied to every string in a JSON-like object (yt-dlp's info dict before download)."""
    if isinstance(obj, str):
        return physical(obj) if obj.startswith(("http://", "https://")) else obj
    if isinstance(obj, dict):
        return {k: physical_obj(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [physical_obj(v) for v in obj]
    return obj
