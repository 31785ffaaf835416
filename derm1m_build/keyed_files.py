"""Files kept in the user cache folder under a key: what they were made from, stored first in the file, so a file
made from anything else is made again. Written whole or not at all, also with several processes writing; the most
recently used files of a kind kept, older ones removed.

Used by the report's figures (`dataset.figures`) and the stored tagger (`tagger.stored`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


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
