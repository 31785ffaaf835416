"""Reading input files without being led astray: no links out of the folder, no special files, capped size.

Input folders (a local collection, a downloaded dataset, a folder of PDFs) are written by others. An entry
named `photo.jpg` may be a link to `/proc/self/environ` (the process environment, API keys included), to
`/etc/passwd`, to a picture elsewhere on the machine, or a FIFO that blocks forever. `read_inside` reads
a file only if its real path lies inside the folder it was listed from and it is a regular file, and never
more than `max_bytes`; anything else is an `ItemError` whose reason becomes the row's exclusion reason.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from derm1m_build.errors import ItemError

MAX_INPUT_BYTES = 64 * 1024 * 1024  # one image or document
MAX_METADATA_BYTES = 512 * 1024 * 1024  # one metadata CSV (a large hospital export still fits)
_SPECIAL_ROOTS = ("/proc", "/sys", "/dev")


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def check_inside(path: Path, root: Path) -> str:
    """The real path of `path`, or ItemError if it (or a link on the way) leads out of `root`."""
    real = os.path.realpath(path)
    root_real = os.path.realpath(root)
    if not _inside(real, root_real):
        raise ItemError("link_outside_folder", f"{path.name} -> outside {root.name or root}")
    if any(_inside(real, s) for s in _SPECIAL_ROOTS) and not any(_inside(root_real, s) for s in _SPECIAL_ROOTS):
        raise ItemError("special_file", path.name)
    return real


def read_inside(path: Path, root: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of regular file `path`, which must resolve inside `root`; at most `max_bytes`."""
    real = check_inside(Path(path), Path(root))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except FileNotFoundError:
        raise ItemError("image_missing", Path(path).name) from None
    except OSError as e:  # ELOOP: swapped for a link since realpath; EACCES; ENXIO (socket)
        raise ItemError("unreadable_file", f"{Path(path).name}: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ItemError("special_file", f"{Path(path).name} is not a regular file")
        if st.st_size > max_bytes:
            raise ItemError("file_too_large", f"{Path(path).name}: {st.st_size} bytes > {max_bytes}")
        chunks, total = [], 0
        while True:
            b = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not b:
                break
            chunks.append(b)
            total += len(b)
            if total > max_bytes:
                raise ItemError("file_too_large", f"{Path(path).name}: more than {max_bytes} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_candidate(p: Path) -> bool:
    """An entry worth listing as an input (a file, a link, a FIFO or device), not a folder."""
    try:
        return not stat.S_ISDIR(p.lstat().st_mode)
    except OSError:
        return False


def read_user_file(path: Path, max_bytes: int, what: str = "file") -> bytes:
    """A file named on the command line: a regular file (links allowed), at most `max_bytes`, or a
    one-line UserError (`inspect html /dev/zero` must not read forever)."""
    from derm1m_build.errors import UserError

    p = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(p, flags)
    except OSError as e:
        raise UserError(f"cannot read {p}: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or any(_inside(os.path.realpath(p), s) for s in _SPECIAL_ROOTS):
            raise UserError(f"{p}: not a regular file (a {what} must be one)")
        if st.st_size > max_bytes:
            raise UserError(f"{p}: {st.st_size} bytes, more than the {max_bytes} a {what} may have")
        data = os.read(fd, max_bytes + 1)
        while len(data) <= max_bytes:
            more = os.read(fd, max_bytes + 1 - len(data))
            if not more:
                break
            data += more
        if len(data) > max_bytes:
            raise UserError(f"{p}: more than the {max_bytes} bytes a {what} may have")
        return data
    finally:
        os.close(fd)
