"""Are a stage's shards what its manifest and `_done` records say they are?

A shard is trusted only when its bytes hash to the sha256 recorded when it was written, and a manifest
only when it lists exactly the shards that finished (every `_done` record), with row counts that add
up and, for a stage after harvest, exactly the keys of the stage before it. A truncated shard, two
shards swapped, or a valid but shortened `_manifest.json` all fail here: `verify` reports them and the
next run recomputes what is damaged instead of calling the stage up to date.

Hashing a shard costs one read; results are cached per process by (path, size, mtime), so a `run`
that checks a stage and then reads it as the next stage's input hashes it once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from derm1m_build.hashing import sha256_file
from derm1m_build.store import StageStore, manifest_shards_digest

_SHA_CACHE: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str | None:
    """sha256 of a file, None when it does not exist."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (str(path), st.st_size, st.st_mtime_ns)
    sha = _SHA_CACHE.get(key)
    if sha is None:
        sha = sha256_file(path)
        if len(_SHA_CACHE) > 100_000:
            _SHA_CACHE.clear()
        _SHA_CACHE[key] = sha
    return sha


def record_problems(store: StageStore, key: str, rec: dict[str, Any], phase: str = "") -> list[str]:
    """A finished shard's files against its record (sha256 of kept and excluded rows)."""
    out = []
    for path, want in ((store.shard(key, phase), rec.get("sha256")), (store.excluded(key, phase), rec.get("excluded_sha256"))):
        got = file_sha256(path)
        rel = f"work/{store.stage}/{path.relative_to(store.dir)}"
        if got is None:
            out.append(f"{rel}: missing")
        elif got != want:
            out.append(f"{rel}: sha256 differs from its record (damaged or replaced)")
    return out


def done_keys(store: StageStore) -> set[str]:
    d = store.dir / "_done"
    if not d.is_dir():
        return set()
    return {p.name[len("part-"):-len(".json")] for p in d.glob("part-*.json")}


def stage_problems(store: StageStore, m: dict[str, Any], prev_m: dict[str, Any] | None = None,
                   rows: bool = False) -> list[str]:
    """Everything wrong with a finished stage (empty: every shard is as recorded). `rows` also reads
    each shard's Parquet footer and compares its row count with the manifest."""
    name = f"work/{store.stage}/_manifest.json"
    out: list[str] = []
    shards = m.get("shards", {})
    for k, rec in sorted(shards.items()):
        out += record_problems(store, k, rec)
        if rows and not out:
            try:
                n = pq.ParquetFile(store.shard(k)).metadata.num_rows
            except Exception:  # noqa: BLE001 - any unreadable footer is a damaged shard
                n = -1
            if n != rec.get("rows"):
                out.append(f"work/{store.stage}/part-{k}.parquet: {n} rows, the manifest says {rec.get('rows')}")
    extra = sorted(done_keys(store) - set(shards))
    if extra:
        out.append(f"{name}: lists {len(shards)} shards but {len(shards) + len(extra)} finished "
                   f"(part-{extra[0]} is missing from it)")
    if sum(r.get("rows", 0) for r in shards.values()) != m.get("rows_out"):
        out.append(f"{name}: rows_out {m.get('rows_out')} is not the sum of its shards' rows")
    if prev_m is not None:
        if sorted(shards) != sorted(prev_m.get("shards", {})):
            out.append(f"{name}: its shards are not those of the stage before it")
        elif m.get("input_digest") != manifest_shards_digest(prev_m):
            out.append(f"{name}: its input digest is not the stage before it's shards (stale)")
    return out


def work_problems(build: Path) -> list[str]:
    """Every finished stage of a build directory, checked in order."""
    from derm1m_build import schema

    out: list[str] = []
    prev_m = None
    for name in schema.STAGES:
        store = StageStore(Path(build) / "work", name)
        m = store.manifest()
        if m is None:
            if store.manifest_path.exists():
                out.append(f"work/{name}/_manifest.json: not valid JSON")
            prev_m = None
            continue
        out += stage_problems(store, m, prev_m if name != "harvest" else None, rows=True)
        prev_m = m
    return out
