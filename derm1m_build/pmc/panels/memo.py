"""A memo of per-region pixel reductions, alive for one layout pass (`one_pass`).

The XY-cut asks the same questions of the same region more than once: `_split` reads a region's
uniform lines for its gutters and again when it trims the leaf it keeps (`_trim`), a region's
line maxima for its gutters and for the blurred rules between photos, and a run's crossing ink
for the frame test and the stroke test. Each answer depends only on the pixels of the region it is
asked of, so within one pass it is computed once (`memoised`), keyed by where the region's pixels
lie (data address, shape, strides, dtype). Kept to one pass: the entries hold the regions (so no
other array can take their memory while the key is in use), and nothing in a pass writes into the
figure or its working copies; between passes a caller may reuse or rewrite its image buffer, so the
memo is dropped when the outermost pass returns. Per thread (`threading.local`). Results are made
read-only, so a caller that tried to change a shared answer would fail loudly, not silently."""

from __future__ import annotations

import functools
import threading
from typing import Any, Callable

import numpy as np

_STATE = threading.local()


def _where(a: np.ndarray) -> tuple:
    """The identity of an array's pixels: data address, shape, strides and dtype."""
    return a.__array_interface__["data"][0], a.shape, a.strides, a.dtype.str


def _frozen(value: Any) -> Any:
    """`value` with its arrays (itself, or the items of a tuple) set read-only."""
    for v in value if isinstance(value, tuple) else (value,):
        if isinstance(v, np.ndarray):
            v.flags.writeable = False
    return value


def one_pass(fn: Callable) -> Callable:
    """Decorate a pass over one figure (`xycut.layout`): `memoised` answers are kept while it runs
    and dropped when the outermost such call returns (or raises)."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        if getattr(_STATE, "memo", None) is not None:
            return fn(*args, **kwargs)
        _STATE.memo = {}
        try:
            return fn(*args, **kwargs)
        finally:
            _STATE.memo = None
    return run


def memoised(name: str, arrays: tuple, extra: Any, compute: Callable[[], Any]) -> Any:
    """`compute()`, or its earlier answer for the same `name`, the same pixels of `arrays` and the
    same `extra` (hashable) within the running pass; outside a pass, always `compute()`."""
    memo = getattr(_STATE, "memo", None)
    if memo is None:
        return compute()
    key = (name, tuple(_where(a) for a in arrays), extra)
    hit = memo.get(key)
    if hit is not None:
        return hit[1]
    value = _frozen(compute())
    memo[key] = (arrays, value)
    return value
