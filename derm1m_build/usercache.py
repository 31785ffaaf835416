"""The user cache folder: derived files a process may rebuild at any time (never build outputs).

`$DERM1M_CACHE`, else `$XDG_CACHE_HOME`, else `~/.cache`, then `derm1m-build/`. One definition, so the
language identifier's arrays and the PubMed pre-filter's pickled tagger land in the same place and one
variable moves both (e.g. to a scratch disk on a cluster node).
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("DERM1M_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "derm1m-build"
