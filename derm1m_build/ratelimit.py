"""One request-rate limiter per host for the whole build, shared by every worker process and thread.

Harvest runs its items on the executor (several processes, each with threads for network waits), so a
per-client limiter would multiply the rate by the number of workers. Instead each host has two files
under `OUT/work/_ratelimit/`: `HOST.queue`, whose exclusive `flock` the next caller holds while it sleeps
to its slot (the others wait in `flock`: nobody busy-waits), and `HOST.slot`, the host's recent requests,
locked only for a read and a write. Two rules:
- the slots given to a host's requests are at least `1/rate` apart across all workers and threads
  (counted from the slot given, not from when its caller woke: a caller woken late does not delay all
  later ones), and requests are let go at least `1/(2 rate)` apart;
- any `n + 1` requests (n = the rate rounded down, at least 1) are SENT at least `1 s + SLACK_S` apart,
  counted on when each request actually left: its caller stamps the slot file once the request is
  written (`sent()`; `HttpClient`'s connections do it as `requests` writes the request, yt-dlp's requests
  are stamped when yt-dlp has their answer), and until then every later decision counts it as going
  "now". A thread let go on time but held back by the GIL or a loaded CPU (up to 0.1 s measured by
  `benchmarks/sources/rate_trace.py`) therefore pushes the next window back instead of crowding it. The
  rule holds on the real send times exactly, whatever each thread's lateness, for any send between its
  let-go and its stamp (proof in `tests/test_harvest_rate36.py`): for any time T, the last request let go
  before T was let go only if the requests sent in the `1 + SLACK_S` before it, or still unstamped, were
  fewer than n.
`SLACK_S` is then left for what no client can see: from the socket to the server's count (the network,
the server's own scheduling). The price is a steady rate of `n / (1 + SLACK_S)` per second, less each
window's lateness: a window starts `1 + SLACK_S` after the stamp of the request n back, so the time a
request takes from its let-go to its stamp is added to the next window's start.

A caller that never stamps (an older caller, an exception before the send) counts at its let-go time
once its thread asks for its next request (the rule as before stamps existed), and after
`PENDING_MAX_S` in any case (a killed worker must not hold a slot for ever).

Slots are wall-clock times, so processes on one machine, and Ray workers on machines that share the
build dir (NFS with working `flock`, NTP-synchronised clocks), agree. The directory is set once per
worker (`activate(root)`, done by the harvest task before fetching); without it `HttpClient` keeps its
in-process limiter (tests, one-off clients).
"""

from __future__ import annotations

import contextlib
import fcntl
import math
import os
import re
import struct
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

_ROOT: Path | None = None
_TL = threading.local()  # the calling thread's request let go and not yet stamped: a `Ticket`
SLACK_S = 0.2  # how late a stamped request may reach the server's count and keep every 1 s window in the limit
PENDING_MAX_S = 10.0  # a request let go but never stamped counts at its let-go time after this long
_KEEP_PENDING = 4096  # at most this many unstamped requests are remembered per host (the oldest go first)


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


def _safe(host: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", host.lower())[:120] or "_"


def _slot_file(host: str) -> Path:
    assert _ROOT is not None
    return _ROOT / f"{_safe(host)}.slot"


def per_window(rate: float) -> int:
    """Requests allowed in any 1 s window at `rate` per second (at least 1)."""
    return max(1, math.floor(rate + 1e-9))


# ------------------------------------------------------------------------------------------ state

@dataclass
class Entry:
    """One request of the host: its number, when it was let go, when it was sent (None: not stamped yet)."""

    seq: int
    go: float
    sent: float | None = None

    def at(self, now: float) -> float:
        """The time the window rule counts: the stamp; unstamped, `now` (it will go no earlier) until
        `PENDING_MAX_S` after its let-go, then its let-go."""
        if self.sent is not None:
            return self.sent
        return max(self.go, now) if now - self.go <= PENDING_MAX_S else self.go


@dataclass
class State:
    entries: list[Entry]
    sched: float | None = None  # the slot given to the last request
    last_go: float | None = None  # when the last request was let go
    next_seq: int = 0


@dataclass(frozen=True)
class Ticket:
    """A request let go: stamp it (`stamp`) once it is sent."""

    path: Path
    seq: int
    go: float
    n: int  # requests allowed per 1 s window


def earliest(st: State, now: float, rate: float) -> float:
    """The earliest time the next request may be let go (`now` or later) under both rules."""
    go = now
    if st.last_go is not None:  # spaced from the slot given; never closer than half the spacing to the last let-go
        go = max(go, (st.last_go if st.sched is None else st.sched) + 1.0 / rate, st.last_go + 0.5 / rate)
    n = per_window(rate)
    times = sorted(e.at(now) for e in st.entries)
    if len(times) >= n:
        go = max(go, times[-n] + 1.0 + SLACK_S)
    return go


def prune(st: State, now: float, n: int) -> None:
    """Keep what a later decision can need: every unstamped request (at most `_KEEP_PENDING`, newest), and
    the n latest stamped ones. A stamped request below the n latest never counts again: the times counted
    only grow (a stamp is at least its let-go; new requests come later)."""
    pending = [e for e in st.entries if e.sent is None and now - e.go <= PENDING_MAX_S][-_KEEP_PENDING:]
    keep = {id(e) for e in pending}
    done = sorted((e for e in st.entries if id(e) not in keep), key=lambda e: (e.at(now), e.seq))[-n:]
    keep |= {id(e) for e in done}
    st.entries = sorted((e for e in st.entries if id(e) in keep), key=lambda e: e.seq)


# ------------------------------------------------------------------------------------------ the slot file

_MAGIC = b"D1MSLOT4"
_HEAD = struct.Struct("<8sIddq")  # magic, entries that follow, the last slot given, the last let-go, next seq
_ENTRY = struct.Struct("<qdd")  # seq, let-go, sent (NaN: not stamped)
_NONE = float("nan")


def _read(fd: int) -> State:
    """The host's state (a file of another format, an older one included, counts as empty)."""
    head = os.pread(fd, _HEAD.size, 0)
    if len(head) < _HEAD.size:
        return State([])
    magic, k, sched, last_go, nxt = _HEAD.unpack(head)
    if magic != _MAGIC or k > 100_000:
        return State([])
    raw = os.pread(fd, _ENTRY.size * k, _HEAD.size)
    entries = []
    for i in range(len(raw) // _ENTRY.size):
        seq, go, sent = _ENTRY.unpack_from(raw, i * _ENTRY.size)
        entries.append(Entry(seq, go, None if math.isnan(sent) else sent))
    return State(entries, None if math.isnan(sched) else sched, None if math.isnan(last_go) else last_go, nxt)


def _write(fd: int, st: State) -> None:
    body = b"".join(_ENTRY.pack(e.seq, e.go, _NONE if e.sent is None else e.sent) for e in st.entries)
    head = _HEAD.pack(_MAGIC, len(st.entries), _NONE if st.sched is None else st.sched,
                      _NONE if st.last_go is None else st.last_go, st.next_seq)
    os.pwrite(fd, head + body, 0)
    os.ftruncate(fd, len(head) + len(body))


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[int]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # releases the GIL: other threads wait here too
        yield fd
    finally:
        os.close(fd)  # closing drops the lock


# ------------------------------------------------------------------------------------------ callers

def acquire(host: str, rate: float) -> Ticket:
    """Block until a request to `host` may be let go; the ticket says when, and is stamped on sending.

    The caller holds the host's queue lock while it sleeps, so the next caller decides only when this
    one has gone; the slot file is locked only to read and write, so callers already let go can stamp
    their sends meanwhile. A stamp that comes in while this caller sleeps is seen when it wakes: if it
    pushed the window, the caller sleeps again to the new slot (once per stamp that moved it, never in a
    loop of polls)."""
    path = _slot_file(host)
    with _locked(path.with_suffix(".queue")):
        first: float | None = None
        slot = -math.inf  # the slot given: where the rules put this caller (a late wake does not move it)
        while True:
            with _locked(path) as fd:
                st = _read(fd)
                now = _clock()
                first = now if first is None else first
                go = earliest(st, now, rate)
                if go <= now:
                    seq = st.next_seq
                    st.sched = max(first, slot)
                    st.last_go, st.next_seq = now, seq + 1
                    st.entries.append(Entry(seq, now))
                    prune(st, now, per_window(rate))
                    _write(fd, st)
                    return Ticket(path, seq, now, per_window(rate))
            slot = max(slot, go)
            time.sleep(min(go - now, 3600.0))


def stamp(ticket: Ticket, at: float | None = None) -> float:
    """Record that `ticket`'s request has been sent (now, or `at`; never before its let-go); returns the time."""
    with _locked(ticket.path) as fd:
        st = _read(fd)
        t = max(ticket.go, _clock() if at is None else at)
        for e in st.entries:
            if e.seq == ticket.seq and e.sent is None:
                e.sent = t
                prune(st, t, ticket.n)
                _write(fd, st)
                break
        return t


def wait(host: str, rate: float) -> float:
    """Block until this thread may send its request to `host`; returns the time it was let go. The thread
    then calls `sent()` once the request is written (a request of this thread still unstamped when it
    asks again is taken to have gone when it was let go: the rule of callers that do not stamp)."""
    if rate <= 0:
        return _clock()
    old = getattr(_TL, "ticket", None)
    if old is not None:
        _TL.ticket = None
        stamp(old, at=old.go)
    t = acquire(host, rate)
    _TL.ticket = t
    return t.go


def sent() -> float | None:
    """Stamp this thread's request let go by `wait` as sent by now (no-op when there is none)."""
    t = getattr(_TL, "ticket", None)
    if t is None:
        return None
    _TL.ticket = None
    return stamp(t)
