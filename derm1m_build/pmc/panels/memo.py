"""Memos of per-region pixel reductions, alive for one layout pass (`one_pass`), and of per-figure
values, alive for one figure's split (`one_figure`).

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
    """The identity of an array's pixels: data address, shape, strides and dtype. (The address read
    as `ctypes.data`: the `__array_interface__` dict costs 2-3x as much, asked ~270 times a split.)"""
    return a.ctypes.data, a.shape, a.strides, a.dtype.str


def _frozen(value: Any) -> Any:
    """`value` with its arrays (itself, or the items of a tuple) set read-only."""
    for v in value if isinstance(value, tuple) else (value,):
        if isinstance(v, np.ndarray):
            v.flags.writeable = False
    return value


def _scoped(slot: str, fn: Callable) -> Callable:
    """`fn` run with a fresh memo in `_STATE.<slot>` unless one is open already (an inner call shares
    the outermost call's), dropped when that outermost call returns or raises."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        if getattr(_STATE, slot, None) is not None:
            return fn(*args, **kwargs)
        setattr(_STATE, slot, {})
        try:
            return fn(*args, **kwargs)
        finally:
            setattr(_STATE, slot, None)
    return run


def _lookup(slot: str, name: str, arrays: tuple, extra: Any, compute: Callable[[], Any]) -> Any:
    """`compute()`, or its earlier answer in the memo open in `slot` for the same name, pixels and extra."""
    memo = getattr(_STATE, slot, None)
    if memo is None:
        return compute()
    key = (name, tuple(map(_where, arrays)), extra)
    hit = memo.get(key)
    if hit is not None:
        return hit[1]
    value = _frozen(compute())
    memo[key] = (arrays, value)
    return value


def one_pass(fn: Callable) -> Callable:
    """Decorate a pass over one figure (`xycut.layout`): `memoised` answers are kept while it runs
    and dropped when the outermost such call returns (or raises)."""
    return _scoped("memo", fn)


def memoised(name: str, arrays: tuple, extra: Any, compute: Callable[[], Any]) -> Any:
    """`compute()`, or its earlier answer for the same `name`, the same pixels of `arrays` and the
    same `extra` (hashable) within the running pass; outside a pass, always `compute()`."""
    return _lookup("memo", name, arrays, extra, compute)


def known(name: str, arrays: tuple, extra: Any) -> Any:
    """The running pass's answer for `name`, the pixels of `arrays` and `extra`, or None when it has
    none (nothing is computed)."""
    memo = getattr(_STATE, "memo", None)
    if memo is None:
        return None
    hit = memo.get((name, tuple(map(_where, arrays)), extra))
    return None if hit is None else hit[1]


def hand_down(name: str, arrays: tuple, extra: Any, value: Any) -> None:
    """Record `value` as the running pass's answer for `name`, the pixels of `arrays` and `extra`,
    unless it has one: an answer read off a larger region's (a cut piece's lines are its region's
    lines, `gutters._pass_down`). The caller vouches that `compute()` would give the same arrays;
    they are made read-only like any answer. Outside a pass, nothing."""
    memo = getattr(_STATE, "memo", None)
    if memo is None:
        return
    key = (name, tuple(map(_where, arrays)), extra)
    if key not in memo:
        memo[key] = (arrays, _frozen(value))


def one_figure(fn: Callable) -> Callable:
    """Decorate the split of one figure (`split.split_panels`): `per_figure` answers are kept while
    it runs, across all its steps (each layout pass keeps its own `memoised` memo), and dropped
    when the outermost such call returns (or raises). The same contract as a pass: nothing in the
    split writes into the figure or into an array a `per_figure` answer was keyed by."""
    return _scoped("figure", fn)


def in_figure() -> bool:
    """Whether a figure's split (`one_figure`) is running: its `per_figure` answers are kept."""
    return getattr(_STATE, "figure", None) is not None


def per_figure(name: str, arrays: tuple, extra: Any, compute: Callable[[], Any]) -> Any:
    """`compute()`, or its earlier answer for the same `name`, pixels of `arrays` and `extra`
    within the running figure's split (`one_figure`): a value of the whole figure several rules
    read (its grey, its ink; `figure.py`), or one a rule asks again for the same region (a strip's
    slanted segments). Outside a split, always `compute()`."""
    return _lookup("figure", name, arrays, extra, compute)
