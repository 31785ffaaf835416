"""Secrets (API keys, cookies): read only from the environment or a file the recipe names; never echoed.

`read_secret` is the one way code gets a key; every secret it returns is remembered so that `redact`
can blank it out of any text that may reach a log, a manifest, a Parquet column or an error message.

A key file must be a regular file the recipe names, at most `KEY_FILE_MAX` bytes, holding the key alone on
one line of printable ASCII (so `api_key_file = "/etc/passwd"` is an error, not a bearer token). Values a
recipe took from the environment (`${NAME}`) are remembered too (`remember_env`): `redact` writes them
back as `${NAME}` wherever they would be recorded (manifests, the datasheet, recorded endpoints).
"""

from __future__ import annotations

import os
import re
import stat
import threading
from pathlib import Path
from typing import Any

from derm1m_build.errors import UserError

MASK = "[REDACTED]"
_KNOWN: set[str] = set()
_ENV: dict[str, str] = {}  # value taken from the environment by a recipe -> "${NAME}"
_LOCK = threading.Lock()
KEY_FILE_MAX = 4096
_KEY_OK = re.compile(r"[\x21-\x7e]+")  # printable ASCII, no spaces: safe in an Authorization header
_DIGEST = re.compile(r"[0-9a-f]{16,}")
MIN_ENV_LEN = 6  # shorter values ("1", "true", a port) are not worth masking and would mangle text


def _read_key_file(p: Path, what: str) -> str:
    """The key in file `p`: a regular file (links to one are fine), small, one line of printable ASCII."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(p, flags)
    except OSError as e:
        raise UserError(f"cannot read the {what} file {p}: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or str(os.path.realpath(p)).startswith(("/proc/", "/sys/", "/dev/")):
            raise UserError(f"the {what} file {p} is not a regular file")
        if st.st_size > KEY_FILE_MAX:
            raise UserError(f"the {what} file {p} is larger than {KEY_FILE_MAX} bytes; it must hold only the key")
        raw = os.read(fd, KEY_FILE_MAX + 1)
    finally:
        os.close(fd)
    try:
        lines = [ln.strip() for ln in raw.decode("utf-8").splitlines() if ln.strip()]
    except UnicodeDecodeError:
        raise UserError(f"the {what} file {p} is not text; it must hold only the key on one line") from None
    if not lines:
        raise UserError(f"the {what} file {p} is empty")
    if len(lines) != 1 or not _KEY_OK.fullmatch(lines[0]):
        raise UserError(f"the {what} file {p} must hold only the key, on one line, without spaces")
    return lines[0]


def read_secret(env: str | None = None, file: str | Path | None = None, what: str = "API key") -> str | None:
    """The secret from `file` (first line) if named, else from the environment variable `env`; None if neither."""
    value = None
    if file:
        value = _read_key_file(Path(file), what)
    elif env:
        value = os.environ.get(env) or None
    if value:
        with _LOCK:
            _KNOWN.add(value)
    return value


def remember_env(name: str, value: str) -> None:
    """A recipe took `value` from environment variable `name`: record it as `${name}`, never as itself."""
    if value and len(value) >= MIN_ENV_LEN:
        with _LOCK:
            _ENV.setdefault(value, "${" + name + "}")


def redact(text: str, extra: tuple[str, ...] = ()) -> str:
    """`text` with every known secret (and `extra`) masked and every value from the environment as `${NAME}`."""
    if not text:
        return text
    with _LOCK:
        known = sorted(_KNOWN | {e for e in extra if e}, key=len, reverse=True)
        env = sorted(_ENV.items(), key=lambda kv: len(kv[0]), reverse=True)
    for s in known:
        if len(s) >= 4 and s in text:
            text = text.replace(s, MASK)
    for value, name in env:
        if value in text:
            text = text.replace(value, name)
    return text


def redact_obj(obj: Any) -> Any:
    """`redact` applied to every string (keys too) in a JSON-like structure, for records written to disk."""
    if isinstance(obj, str):
        return obj if _DIGEST.fullmatch(obj) else redact(obj)  # digests are compared, never rewritten
    if isinstance(obj, dict):
        return {redact(k) if isinstance(k, str) else k: redact_obj(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [redact_obj(v) for v in obj]
    return obj
