"""Model loads run on a background thread of the process that will need them, beside its first work.

A forkserver warm-up (`forkwarm`) runs before the first worker can fork: every second it takes is a
second in which no worker exists and no request is sent (the PubMed pre-filter's tagger: ~2.6 CPU-s,
7-8 s at load 20, the whole of the harvest's quiet start). Loaded here instead, each worker (or the
driver itself with one worker) starts fetching at once (an efetch, a video download, forum pages: none
needs the model) while the model loads; the code that needs it calls `wait` first, so it is loaded once
per process, never twice by two threads.

Only pure loads belong here (`module:function` that fills a cache): a failed one is skipped and the
caller then loads it itself, as without warm-up.
"""

from __future__ import annotations

import threading
from typing import Iterable

from derm1m_build.executors.forkwarm import run_warm_calls

_EVENTS: dict[str, threading.Event] = {}
_LOCK = threading.Lock()


def start(calls: Iterable[str]) -> list[str]:
    """Run the calls not yet started in this process, in order, on one daemon thread; returns those started."""
    new: list[str] = []
    with _LOCK:
        for c in calls:
            if c and c not in _EVENTS:
                _EVENTS[c] = threading.Event()
                new.append(c)
    if not new:
        return []

    def run() -> None:
        for c in new:
            try:
                run_warm_calls(c)
            finally:
                _EVENTS[c].set()

    threading.Thread(target=run, name="derm1m-warmup", daemon=True).start()
    return new


def wait(call: str) -> bool:
    """Block until `call`, if this process started it in the background, has run. False: never started."""
    ev = _EVENTS.get(call)
    if ev is None:
        return False
    ev.wait()
    return True


def started() -> list[str]:
    return sorted(_EVENTS)
