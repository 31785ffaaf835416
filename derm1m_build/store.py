"""The stage store: Parquet shards that become visible only when complete, and the manifests over them.

Layout of one stage under `OUT/work/STAGE/`:

    part-<key>.parquet           kept rows of one shard
    _excluded/part-<key>.parquet dropped rows with their reason
    _done/part-<key>.json        written last, atomically: the shard is finished for these inputs
    _map/...                     first pass of stages that fit on the whole build
    _manifest.json               written when every shard is done

Every file is written to a temporary name and renamed into place, so a kill at any moment leaves
either the old file or the new one, never half of one. Temporary files of a killed run are removed
when the stage starts again.
"""

from __future__ import annotations

import errno
import json
import os
import re
import threading
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from derm1m_build.errors import UserError
from derm1m_build.hashing import canonical_json, digest_obj, sha256_bytes, sha256_file

TMP_MARK = ".tmp-"


def _disk_error(path: Path, e: OSError) -> UserError:
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return UserError(f"disk full while writing {path}; free space and run again (finished shards are kept)")
    if e.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
        return UserError(f"cannot write {path}: {e.strerror}; choose a writable --out")
    return UserError(f"cannot write {path}: {e.strerror or e}")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    tmp = path.with_name(f"{path.name}{TMP_MARK}{os.getpid()}-{threading.get_ident()}")  # harvest fetches on threads
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise _disk_error(path, e) from None


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, obj: Any) -> None:
    """Pretty, sorted, newline-terminated JSON: stable bytes for the same object.

    Unchanged bytes are not written again (fetch logs, work lists, manifests saved by a run that found
    nothing to do): a no-op rerun leaves every file and its mtime alone."""
    data = (json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        if Path(path).read_bytes() == data:
            return
    except OSError:
        pass
    atomic_write_bytes(path, data)


def read_json(path: Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def table_to_parquet_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    # Fixed writer options: same table -> same bytes.
    pq.write_table(table, sink, compression="zstd", use_dictionary=True, write_statistics=False,
                   store_schema=True)
    return sink.getvalue().to_pybytes()


def write_parquet(path: Path, table: pa.Table) -> str:
    """Write atomically; return the sha256 of the bytes written. A file that already holds exactly
    these bytes is left alone (a shard recomputed to the same rows keeps its mtime)."""
    data = table_to_parquet_bytes(table)
    try:
        same = Path(path).stat().st_size == len(data) and Path(path).read_bytes() == data
    except OSError:
        same = False
    if not same:
        atomic_write_bytes(path, data)
    return sha256_bytes(data)


def read_parquet(path: Path, columns: list[str] | None = None) -> pa.Table:
    return pq.read_table(path, columns=columns)


_TMP_NAME = re.compile(r".\.tmp-[0-9]+(-[0-9]+)?$")


def is_temp_name(name: str) -> bool:
    """Exactly the names `atomic_write_bytes` gives its temporary files (`NAME.tmp-PID-THREAD`; older runs
    `NAME.tmp-PID`), nothing else
    (a user's `scan.tmp-2019.jpg` is not one)."""
    return bool(_TMP_NAME.search(name))


def clean_temp_files(root: Path) -> int:
    """Remove the temporary files a killed run of this tool left behind under one of the tool's own
    folders (work/STAGE, raw/, images/): only files named as `atomic_write_bytes` names them. A
    concurrent run cannot be hurt: `OutLock` keeps a second writer out of the build directory."""
    n = 0
    if not root.exists():
        return 0
    for p in root.rglob(f"*{TMP_MARK}*"):
        if not is_temp_name(p.name) or not p.is_file() or p.is_symlink():
            continue
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


class StageStore:
    """Files of one stage of one build."""

    def __init__(self, work: Path, stage: str):
        self.stage = stage
        self.dir = Path(work) / stage

    # paths
    def shard(self, key: str, phase: str = "") -> Path:
        base = self.dir / "_map" if phase == "map" else self.dir
        return base / f"part-{key}.parquet"

    def excluded(self, key: str, phase: str = "") -> Path:
        base = self.dir / "_map" if phase == "map" else self.dir
        return base / "_excluded" / f"part-{key}.parquet"

    def done(self, key: str, phase: str = "") -> Path:
        base = self.dir / "_map" if phase == "map" else self.dir
        return base / "_done" / f"part-{key}.json"

    @property
    def manifest_path(self) -> Path:
        return self.dir / "_manifest.json"

    # shards
    def shard_is_done(self, key: str, expect: dict[str, Any], phase: str = "") -> dict[str, Any] | None:
        """The shard's record if it finished for exactly these inputs (`expect` keys must match)."""
        p = self.done(key, phase)
        if not p.exists():
            return None
        try:
            rec = read_json(p)
        except (OSError, ValueError):
            return None
        if any(rec.get(k) != v for k, v in expect.items()):
            return None
        if not self.shard(key, phase).exists() or not self.excluded(key, phase).exists():
            return None
        return rec

    def write_shard(self, key: str, kept: pa.Table, excluded: pa.Table, record: dict[str, Any],
                    phase: str = "") -> dict[str, Any]:
        rec = dict(record)
        rec["sha256"] = write_parquet(self.shard(key, phase), kept)
        rec["excluded_sha256"] = write_parquet(self.excluded(key, phase), excluded)
        rec["rows"] = kept.num_rows
        rec["excluded"] = excluded.num_rows
        dropped: dict[str, int] = {}
        if excluded.num_rows:
            for r in excluded.column("reason").to_pylist():
                dropped[r] = dropped.get(r, 0) + 1
        rec["dropped"] = dict(sorted(dropped.items()))
        write_json(self.done(key, phase), rec)  # last: the shard is now visible as finished
        return rec

    def existing_keys(self, phase: str = "") -> list[str]:
        base = self.dir / "_map" if phase == "map" else self.dir
        if not base.exists():
            return []
        return sorted(p.name[len("part-"):-len(".parquet")] for p in base.glob("part-*.parquet"))

    def remove_keys_not_in(self, keys: Iterable[str], phase: str = "") -> None:
        keep = set(keys)
        for k in self.existing_keys(phase):
            if k not in keep:
                for p in (self.shard(k, phase), self.excluded(k, phase), self.done(k, phase)):
                    p.unlink(missing_ok=True)

    # manifest
    def manifest(self) -> dict[str, Any] | None:
        try:
            return read_json(self.manifest_path)
        except (OSError, ValueError):
            return None

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        from derm1m_build.secrets import redact_obj

        write_json(self.manifest_path, redact_obj(manifest))  # no secret or environment value is recorded

    def invalidate(self) -> None:
        self.manifest_path.unlink(missing_ok=True)

    def iter_tables(self, columns: list[str] | None = None) -> Iterable[tuple[str, pa.Table]]:
        """Kept shards of a finished stage, in key order (the order every later stage sees)."""
        m = self.manifest()
        keys = sorted(m["shards"]) if m else self.existing_keys()
        for k in keys:
            yield k, read_parquet(self.shard(k), columns)

    def iter_excluded(self) -> Iterable[tuple[str, pa.Table]]:
        m = self.manifest()
        for k in sorted(m["shards"]) if m else []:
            p = self.excluded(k)
            if p.exists():
                yield k, read_parquet(p)


def manifest_shards_digest(manifest: dict[str, Any]) -> str:
    """What a downstream stage depends on: the content digests of the upstream shards."""
    return digest_obj({k: v["sha256"] for k, v in sorted(manifest["shards"].items())})


def file_digest_map(root: Path, files: Iterable[Path]) -> dict[str, str]:
    return {str(p.relative_to(root)): sha256_file(p) for p in sorted(files)}


__all__ = [
    "StageStore", "atomic_write_bytes", "atomic_write_text", "write_json", "read_json", "write_parquet",
    "read_parquet", "clean_temp_files", "manifest_shards_digest", "canonical_json", "file_digest_map",
]
