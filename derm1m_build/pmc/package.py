"""Read figure files out of a PMC OA package (`.tar.gz`) without extracting anything to disk.

Packages come from the network. A member with an absolute path, a `..` component, a symbolic or
hard link, a device or a FIFO is refused and listed (never followed, never written); regular members
are read into memory only when their name is wanted, each capped in size, and the member count is
capped too (a tar bomb is refused). Callers store what they keep in the raw cache under safe names.
"""

from __future__ import annotations

import io
import tarfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from derm1m_build.errors import ItemError

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 60 * 1024 * 1024


@dataclass
class PackageFiles:
    files: dict[str, bytes] = field(default_factory=dict)  # member basename -> bytes
    names: list[str] = field(default_factory=list)  # every safe regular member (basename)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (member name, why)


def member_problem(m: tarfile.TarInfo) -> str:
    """Why a member is refused, or "" when it is a plain file with a safe relative name."""
    name = m.name.replace("\\", "/")
    p = PurePosixPath(name)
    if name.startswith("/") or p.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "absolute_path"
    if ".." in p.parts:
        return "parent_path"
    if m.issym() or m.islnk():
        return "link"
    if not m.isreg():
        return "" if m.isdir() else "special_file"
    return ""


def read_package(data: bytes, want: set[str] | None = None) -> PackageFiles:
    """Safe regular members of a tar(.gz); only basenames in `want` are read (all when None)."""
    out = PackageFiles()
    try:
        tf = tarfile.open(fileobj=io.BytesIO(data), mode="r:*")
    except (tarfile.TarError, EOFError, OSError) as e:
        raise ItemError("package_corrupt", type(e).__name__) from None
    with tf:
        try:
            for i, m in enumerate(tf):
                if i >= MAX_MEMBERS:
                    raise ItemError("package_too_many_members", f">{MAX_MEMBERS}")
                why = member_problem(m)
                if why:
                    out.refused.append((m.name, why))
                    continue
                if m.isdir():
                    continue
                base = PurePosixPath(m.name).name
                out.names.append(base)
                if want is not None and base not in want:
                    continue
                if m.size > MAX_MEMBER_BYTES:
                    out.refused.append((m.name, "too_large"))
                    continue
                f = tf.extractfile(m)
                if f is None:
                    continue
                out.files[base] = f.read()
        except (tarfile.TarError, EOFError, OSError, ValueError) as e:
            raise ItemError("package_corrupt", type(e).__name__) from None
    return out
