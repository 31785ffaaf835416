"""Secrets (API keys, cookies): read only from the environment or a file the recipe names; never echoed.

`read_secret` is the one way code gets a key; every secret it returns is remembered so that `redact`
can blank it out of any text that may reach a log, a manifest, a Parquet column or an error message.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from derm1m_build.errors import UserError

MASK = "[REDACTED]"
_KNOWN: set[str] = set()
_LOCK = threading.Lock()


def read_secret(env: str | None = None, file: str | Path | None = None, what: str = "API key") -> str | None:
    """The secret from `file` (first line) if named, else from the environment variable `env`; None if neither."""
    value = None
    if file:
        p = Path(file)
        try:
            value = p.read_text(encoding="utf-8").strip().splitlines()[0].strip() if p.stat().st_size else ""
        except (OSError, IndexError, UnicodeDecodeError):
            raise UserError(f"cannot read the {what} file {p} (it must exist and hold the key on its first line)") from None
        if not value:
            raise UserError(f"the {what} file {p} is empty")
    elif env:
        value = os.environ.get(env) or None
    if value:
        with _LOCK:
            _KNOWN.add(value)
    return value


def redact(text: str, extra: tuple[str, ...] = ()) -> str:
    """`text` with every known secret (and `extra`) replaced by a mask."""
    if not text:
        return text
    with _LOCK:
        known = sorted(_KNOWN | {e for e in extra if e}, key=len, reverse=True)
    for s in known:
        if len(s) >= 4 and s in text:
            text = text.replace(s, MASK)
    return text
