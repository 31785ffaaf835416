"""Imported by the local executor's forkserver (never by a worker or the driver): runs the warm-up calls
the driver named in `DERM1M_FORKSERVER_WARM` ("module:function,..."), e.g. loading the language
identifier's arrays, so every worker forked afterwards starts with them in memory (copy-on-write pages
shared by all workers) instead of each worker loading them on its first task.

A call that fails is skipped: the worker then does the same work itself, as it would without warm-up.
Only pure loads belong here (arrays, tables): nothing that starts threads or opens files kept open.
"""

from __future__ import annotations

import importlib
import os

ENV = "DERM1M_FORKSERVER_WARM"


def run_warm_calls(spec: str) -> list[str]:
    """Call each `module:function` of a comma-separated spec; returns the ones that ran."""
    done = []
    for item in filter(None, (s.strip() for s in spec.split(","))):
        mod, _, fn = item.partition(":")
        try:
            getattr(importlib.import_module(mod), fn)()
            done.append(item)
        except Exception:  # noqa: BLE001 - best effort: the worker loads it itself when this fails
            continue
    return done


WARMED = run_warm_calls(os.environ.get(ENV, ""))
