"""The raw cache: what harvest fetched, byte for byte, with a provenance sidecar.

`OUT/raw/<source>/<relpath>` holds the bytes; `<relpath>.provenance.json` holds the URL, the time of
retrieval, the HTTP status, the content type and the licence as the source stated it. Every later stage
and a full rebuild read only from here, so they need no network.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path, PurePosixPath
from typing import Any

from derm1m_build.errors import ItemError
from derm1m_build.hashing import sha256_bytes
from derm1m_build.store import atomic_write_bytes, read_json, write_json

PROVENANCE_SUFFIX = ".provenance.json"


def safe_relpath(rel: str) -> PurePosixPath:
    """Refuse absolute paths, `..`, and empty names: nothing is written outside the cache."""
    p = PurePosixPath(rel.replace("\\", "/"))
    if p.is_absolute() or not p.parts or any(part in ("..", "", ".") for part in p.parts) or ":" in p.parts[0]:
        raise ItemError("unsafe_path", rel)
    return p


MAX_NAME_BYTES = 180  # leaves room for the provenance suffix and temp marks under the usual 255-byte limit


def short_name(part: str) -> str:
    """`part` if it fits a file-name limit with suffixes added, else a prefix + digest + its extension."""
    if len(part.encode("utf-8")) <= MAX_NAME_BYTES:
        return part
    import hashlib

    stem, dot, ext = part.rpartition(".")
    ext = f".{ext}" if dot and 0 < len(ext) <= 10 else ""
    head = (stem if ext else part).encode("utf-8")[:100].decode("utf-8", "ignore")
    return f"{head}~{hashlib.sha256(part.encode('utf-8')).hexdigest()[:16]}{ext}"


def short_relpath(p: PurePosixPath) -> PurePosixPath:
    """A relative path whose every component fits on disk (a 249-character upload name must not stop a build)."""
    return PurePosixPath(*(short_name(x) for x in p.parts))


def now_utc() -> str:
    """Time of retrieval, recorded in the raw provenance (rows carry its date, `retrieved`).

    `SOURCE_DATE_EPOCH` (the reproducible-builds convention), when set, stands in for the clock, so two
    harvests of the same bytes on different days give the same raw cache and the same dataset (the demo
    wrapper sets it to the demo corpus's fixed date). Otherwise the wall clock: a real harvest records
    when it fetched, and everything downstream reads that date from the raw cache, never the clock.
    """
    sde = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if sde.isdigit():
        t = _dt.datetime.fromtimestamp(int(sde), _dt.timezone.utc)
    else:
        t = _dt.datetime.now(_dt.timezone.utc)
    return t.replace(microsecond=0).isoformat().replace("+00:00", "Z")


class RawCache:
    def __init__(self, raw_root: Path, source: str):
        self.root = Path(raw_root) / source
        self.source = source

    def path(self, rel: str) -> Path:
        return self.root / short_relpath(safe_relpath(rel))

    def has(self, rel: str) -> bool:
        return self.path(rel).exists() and self.provenance_path(rel).exists()

    def provenance_path(self, rel: str) -> Path:
        p = self.path(rel)
        return p.with_name(p.name + PROVENANCE_SUFFIX)

    def put(self, rel: str, data: bytes, *, url: str, status: int | None = 200, content_type: str | None = None,
            license_stated: str | None = None, retrieved: str | None = None, **extra: Any) -> Path:
        p = self.path(rel)
        atomic_write_bytes(p, data)
        prov = {
            "url": url,
            "retrieved": retrieved or now_utc(),
            "status": status,
            "content_type": content_type,
            "license_stated": license_stated,
            "sha256": sha256_bytes(data),
            "bytes": len(data),
            **extra,
        }
        write_json(self.provenance_path(rel), prov)  # last: the sidecar marks a complete fetch
        return p

    def get(self, rel: str) -> bytes:
        return self.path(rel).read_bytes()

    def provenance(self, rel: str) -> dict[str, Any]:
        return read_json(self.provenance_path(rel))
