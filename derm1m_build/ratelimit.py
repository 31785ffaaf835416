"""One request-rate limiter per host for the whole build, shared by every worker process and thread.

Harvest runs its items on the executor (several processes, each with threads for network waits), so a
per-client limiter would multiply the rate by the number of workers. Instead each host has one slot file
under `OUT/work/_ratelimit/`: a caller takes an exclusive `flock` on it, reads the time the next request
may start, sleeps until then holding the lock, writes `now + 1/rate` back and goes. Requests to a host
are therefore let go at least `1/rate` apart across all workers and threads: the rate is never exceeded,
and nobody busy-waits (waiters block in `flock`). Slots are wall-clock times, so processes on one machine, and Ray
workers on machines that share the build dir (NFS with working `flock`, NTP-synchronised clocks), agree.

The directory is set once per worker (`activate(root)`, done by the harvest task before fetching);
without it `HttpClient` keeps its in-process limiter (tests, one-off clients).
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
import threading
import time
from pathlib import Path

_ROOT: Path | None = None
_LOCAL = threading.Lock()


def activate(root: Path | str | None) -> None:
    """Use the shared limiter under `root` in this process (None: back to per-client limiting)."""
    global _ROOT
    _ROOT = Path(root) if root else None
    if _ROOT is not None:
        _ROOT.mkdir(parents=True, exist_ok=True)


def active() -> Path | None:
    return _ROOT


def _clock() -> float:
    # wall-clock time: comparable across processes and (NTP-synchronised) machines sharing the build dir
    return time.time()


def _slot_file(host: str) -> Path:
    assert _ROOT is not None
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", host.lower())[:120] or "_"
    return _ROOT / f"{safe}.slot"


def wait(host: str, rate: float) -> float:
    """Block until this caller may send its request to `host`; returns the time it was let go.

    The slot file stays locked while the caller sleeps to its slot, and the next slot is counted from the
    moment it actually woke: a worker woken late (a loaded machine) pushes the next request back
    rather than letting two go out together.
    """
    if rate <= 0:
        return _clock()
    gap = 1.0 / rate
    path = _slot_file(host)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # releases the GIL: other threads wait here too
        raw = os.pread(fd, 8, 0)
        nxt = struct.unpack("<d", raw)[0] if len(raw) == 8 else 0.0
        now = _clock()
        if nxt > now:
            time.sleep(min(nxt - now, 3600.0))
        go = _clock()
        os.pwrite(fd, struct.pack("<d", go + gap), 0)
        return go
    finally:
        os.close(fd)  # closing drops the lock
