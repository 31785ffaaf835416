"""The user cache folder: derived files a process may rebuild at any time (never build outputs).

`$DERM1M_CACHE`, else `$XDG_CACHE_HOME`, else `~/.cache`, then `derm1m-build/`. One definition, so the
language identifier's arrays and the PubMed pre-filter's pickled tagger land in the same place and one
variable moves both (e.g. to a scratch disk on a cluster node).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("DERM1M_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "derm1m-build"


def library_versions(names: tuple[str, ...]) -> dict[str, str]:
    """The interpreter and the installed versions of NAMES ("?" for one that is not installed as a distribution):
    part of the key of anything kept here whose bytes those libraries decide."""
    from importlib.metadata import version

    out = {"python": sys.version}
    for name in names:
        try:
            out[name] = version(name)
        except Exception:  # noqa: BLE001 - not installed as a distribution: the key still names the interpreter
            out[name] = "?"
    return out


def load_keyed(path: Path, key: str):
    """The object stored at PATH under KEY (`save_keyed`), or None (missing, another key, cut short, not
    loadable). A load touches the file: used now, the last to be pruned."""
    import pickle

    try:
        with path.open("rb") as f:
            if pickle.load(f) != key:
                return None
            obj = pickle.load(f)
    except Exception:  # noqa: BLE001 - missing, partial or stale: made again
        return None
    try:
        os.utime(path)
    except OSError:
        pass
    return obj


def save_keyed(path: Path, key: str, obj, pattern: str, keep: int) -> bool:
    """Write KEY then OBJ (pickled) to PATH, whole or not at all (also with several processes writing), then keep
    the KEEP most recently used files of its folder matching PATTERN; False where the folder cannot be written."""
    import pickle

    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            pickle.dump(key, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
    prune(path.parent, pattern, keep)
    return True


def prune(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Remove all but the KEEP most recently used files of FOLDER matching PATTERN; returns those removed."""
    try:
        files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    gone = []
    for p in files[keep:]:
        try:
            p.unlink()
            gone.append(p)
        except OSError:
            pass
    return gone
