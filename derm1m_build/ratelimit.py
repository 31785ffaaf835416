"""One request-rate limiter per host for the whole build, shared by every worker process and thread.

Harvest runs its items on the executor (several processes, each with threads for network waits), so a
per-client limiter would multiply the rate by the number of workers. Instead each host has one slot file
under `OUT/work/_ratelimit/`: a caller takes an exclusive `flock` on it, reads the times the last
requests were let go, sleeps until its own slot holding the lock, records it and goes. Two rules:
- the slots given to a host's requests are at least `1/rate` apart across all workers and threads
  (counted from the slot given, not from when its caller woke: a caller woken late does not delay all
  later ones), and requests are let go at least `1/(2 rate)` apart;
- any `n + 1` consecutive requests (n = the rate rounded down, at least 1) span at least
  `1 s + SLACK_S`. A server counting arrivals per 1 s window sees a request when it arrives, which is
  when it was let go plus however late the thread was scheduled to send it (on a loaded machine tens
  to hundreds of milliseconds; `bench_harvest_mix` measured 26 arrivals in one second at a limit of
  25 with spacing alone). With the window rule, requests sent up to `SLACK_S` late still never make
  more than `n` arrivals in any second; the price is a steady rate of `n / (1 + SLACK_S)` per second.
Nobody busy-waits (waiters block in `flock`). Slots are wall-clock times, so processes on one machine,
and Ray workers on machines that share the build dir (NFS with working `flock`, NTP-synchronised
clocks), agree.

The directory is set once per worker (`activate(root)`, done by the harvest task before fetching);
without it `HttpClient` keeps its in-process limiter (tests, one-off clients).
"""

from __future__ import annotations

import fcntl
import math
import os
import re
import struct
import threading
import time
from pathlib import Path

_ROOT: Path | None = None
_LOCAL = threading.Lock()
SLACK_S = 0.2  # how late a let-go request may reach the server and still keep every 1 s window in the limit


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


def per_window(rate: float) -> int:
    """Requests allowed in any 1 s window at `rate` per second (at least 1)."""
    return max(1, math.floor(rate + 1e-9))


def next_slot(recent: list[float], now: float, rate: float, sched: float | None = None) -> float:
    """When the next request may go, given the times the last requests went (oldest first) and the slot
    the last one was given (`sched`; None: its let-go time)."""
    go = now
    if recent:  # spaced from the slot given, and never closer than half the spacing to the last let-go
        go = max(go, (recent[-1] if sched is None else sched) + 1.0 / rate, recent[-1] + 0.5 / rate)
    n = per_window(rate)
    if len(recent) >= n:
        go = max(go, recent[-n] + 1.0 + SLACK_S)
    return go


_MAGIC = b"D1MSLOT3"
_HEAD = struct.Struct("<8sId")  # magic, how many let-go times follow, the last slot given


def _read(fd: int) -> tuple[list[float], float | None]:
    """The recorded let-go times, oldest first, and the last slot given (another format counts as none)."""
    head = os.pread(fd, _HEAD.size, 0)
    if len(head) < _HEAD.size:
        return [], None
    magic, k, sched = _HEAD.unpack(head)
    if magic != _MAGIC or k > 100_000:
        return [], None
    raw = os.pread(fd, 8 * k, _HEAD.size)
    return list(struct.unpack(f"<{len(raw) // 8}d", raw[:8 * (len(raw) // 8)])), sched


def wait(host: str, rate: float) -> float:
    """Block until this caller may send its request to `host`; returns the time it was let go.

    The slot file stays locked while the caller sleeps to its slot. Two times are kept: the moment each
    caller actually woke (the window rule counts those: a worker woken late by a loaded machine pushes
    the window's next requests back, so late requests never crowd one second), and the slot it was given
    (the spacing rule counts from that: a late wake does not push every later request back by its
    lateness too; before, each request's oversleep added to the spacing, and at load ~20, 10-20 ms of
    oversleep per request cut the 25/s limiter to 17-20/s, below its window-bound steady rate).
    """
    if rate <= 0:
        return _clock()
    n = per_window(rate)
    path = _slot_file(host)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # releases the GIL: other threads wait here too
        recent, sched = _read(fd)
        now = _clock()
        go = next_slot(recent, now, rate, sched)
        if go > now:
            time.sleep(min(go - now, 3600.0))
        woke = max(go, _clock())
        recent = (recent + [woke])[-n:]
        os.pwrite(fd, _HEAD.pack(_MAGIC, len(recent), go) + struct.pack(f"<{len(recent)}d", *recent), 0)
        return woke
    finally:
        os.close(fd)  # closing drops the lock
