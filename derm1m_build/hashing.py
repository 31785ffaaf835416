"""Stable digests. Every id and digest in the build comes from here so that they agree everywhere."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path, bufsize: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(bufsize):
            h.update(chunk)
    return h.hexdigest()


def canonical_json(obj: Any) -> str:
    """JSON with sorted keys and no whitespace: the form we digest and the form we write."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def digest_obj(obj: Any) -> str:
    return sha256_bytes(canonical_json(obj).encode("utf-8"))


def sample_id(source: str, item_id: str, sub_index: int | str = 0) -> str:
    """Stable hash of (source, source item id, sub-index): the same pair gets the same id on every run."""
    return sha256_bytes(f"{source}\x1f{item_id}\x1f{sub_index}".encode("utf-8"))[:20]


def stable_unit(key: str, salt: str = "") -> float:
    """A number in [0, 1) that depends only on `key` (and `salt`): used for hash-based assignment."""
    h = hashlib.sha256(f"{salt}\x1f{key}".encode("utf-8")).digest()
    return int.from_bytes(h[:8], "big") / 2**64
