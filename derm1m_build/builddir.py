"""Which folders this tool may write into, and one writer at a time.

A folder given as `--out` (to `run`, a stage command or `export`) must be new, empty, or made by this
tool: a marker file at its top names what made it (`build.json` for a build directory,
`export.json` for an export). Anything else is refused with one line, because the tool removes and
replaces files inside its own folders (temporary files of a killed run, a replaced export) and must
never do that to a folder of the user's.

`OutLock` holds an exclusive `flock` on a build directory while a command writes to it, so a second
run on the same `--out` refuses at once instead of racing the first one's clean-up. The kernel drops
the lock when the process dies, so a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from derm1m_build import __version__
from derm1m_build.errors import UserError
from derm1m_build.store import read_json, write_json

TOOL = "derm1m-build"
BUILD_MARKER = "build.json"
EXPORT_MARKER = "export.json"
LOCK_FILE = ".derm1m-build.lock"


def _marker(folder: Path, name: str) -> dict | None:
    p = folder / name
    if not p.is_file():
        return None
    try:
        d = read_json(p)
    except (OSError, ValueError):
        return None
    if not isinstance(d, dict):
        return None
    # builds made before the marker named its maker carry just the recipe name
    if d.get("made_by") == TOOL or (name == BUILD_MARKER and "recipe" in d and "package_version" in d):
        return d
    return None


def _first_foreign(folder: Path, marker: str) -> str:
    names = sorted(p.name for p in folder.iterdir() if p.name != marker)
    return names[0] if names else ""


def _check_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UserError(f"--out {out} is a file; choose a directory") from None
    except OSError as e:
        raise UserError(f"cannot create --out {out}: {e.strerror}; choose a writable directory") from None
    if not os.access(out, os.W_OK):
        raise UserError(f"--out {out} is not writable; choose a writable directory")


def claim_build_dir(out: Path, recipe_name: str, force: bool = False) -> None:
    """Make `out` a build directory of recipe `recipe_name`, or refuse with one line.

    New or empty: claimed (marker written). Made by this tool for the same recipe: fine. Made by this
    tool for another recipe: refused unless `force` (`run --force-out`). Anything else: refused, always.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; choose a directory")
    existed = out.is_dir() and any(out.iterdir())
    if existed:
        prev = _marker(out, BUILD_MARKER)
        if prev is None:
            if _marker(out, EXPORT_MARKER) is not None:
                raise UserError(f"--out {out} is an export, not a build directory; choose a new or empty folder")
            raise UserError(f"--out {out} holds files derm1m-build did not make (e.g. "
                            f"'{_first_foreign(out, BUILD_MARKER)}'); choose a new or empty folder")
        if prev.get("recipe") == recipe_name:
            if prev.get("made_by") != TOOL:
                write_json(out / BUILD_MARKER, _build_marker(recipe_name))
            return
        if not force:
            raise UserError(f"{out} was built by recipe '{prev.get('recipe')}', not '{recipe_name}'; "
                            "use another --out (or --force-out to take it over)")
    _check_writable(out)
    write_json(out / BUILD_MARKER, _build_marker(recipe_name))


def _build_marker(recipe_name: str) -> dict:
    return {"made_by": TOOL, "kind": "build", "recipe": recipe_name, "package_version": __version__}


def is_build_dir(path: Path) -> bool:
    return _marker(Path(path), BUILD_MARKER) is not None


def is_export_dir(path: Path) -> bool:
    return _marker(Path(path), EXPORT_MARKER) is not None


def check_export_out(out: Path, build: Path) -> None:
    """An export folder may be new, empty, or an earlier export; never the build, a folder holding the
    build, or a folder inside it other than under BUILD/export/."""
    o, b = Path(out).resolve(), Path(build).resolve()
    if o == b or b.is_relative_to(o):
        raise UserError(f"--out {out} is (or holds) the build directory {build}; choose a folder outside it")
    if o.is_relative_to(b) and not o.is_relative_to(b / "export"):
        raise UserError(f"--out {out} is inside the build directory {build}; choose a folder outside it "
                        f"(or leave --out out: {build / 'export'}/FORMAT-LICENSE)")
    if o.exists():
        if not o.is_dir():
            raise UserError(f"--out {out} is a file; choose a directory")
        if any(o.iterdir()) and not is_export_dir(o):
            raise UserError(f"--out {out} holds files derm1m-build did not make (e.g. "
                            f"'{_first_foreign(o, EXPORT_MARKER)}'); choose a new or empty folder")


class OutLock:
    """An exclusive, non-blocking lock on a build directory for the life of one command."""

    def __init__(self, out: Path):
        self.path = Path(out) / LOCK_FILE
        self.fd: int | None = None

    def __enter__(self) -> "OutLock":
        import fcntl

        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise UserError(f"--out {self.path.parent} is not writable ({e.strerror}); choose a writable "
                                "directory") from None
            raise
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            os.close(self.fd)
            self.fd = None
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise UserError(f"another derm1m-build is writing to {self.path.parent}; wait for it to finish "
                                "or choose another --out") from None
            raise
        # nothing is written into the lock file: a no-op run leaves every file and mtime of the build alone
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            import fcntl

            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
