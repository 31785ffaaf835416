"""Exact fast forms of the pixel reductions the splitter asks per piece and per line.

Each function returns exactly what the numpy expression in its docstring returns (same values, same
order), only cheaper where the splitter calls it: numpy's reductions over a colour axis of length 3
and its `median`, `argpartition` on counts full of ties are slow cases, paid per piece, per run and per
figure. Kept apart so every rule can use them, and so each equality can be tested on its own."""

from __future__ import annotations

import numpy as np


def top_counts(counts: np.ndarray, k: int, floor: float) -> np.ndarray:
    """The indices `top[np.argsort(counts[top])[::-1]]` for `top = np.argpartition(counts, -k)[-k:]`,
    cut before the first whose count is under `floor`: the k commonest values, most common first,
    as far as a loop that stops at `floor` reads them.

    `argpartition` on a histogram (32,768 bins, most of them 0) degrades to ~5 ms on its ties. Only
    bins at or over `floor` can be read, and every other bin counts less than they do: when the k
    commonest of those have k different counts and the (k+1)-th (if any) counts less than the k-th,
    they are the partition's top k, in the one descending order, whatever order the partition left
    the bins under `floor` in. Otherwise (ties) the partition itself is asked, so the answer is the
    same in every case."""
    big = np.flatnonzero(counts >= floor)
    vals = counts[big]
    order = np.argsort(vals)[::-1]
    head = vals[order[:k]]
    if len(np.unique(head)) == len(head) and (len(big) <= k or vals[order[k - 1]] > vals[order[k]]):
        return big[order[:k]]
    top = np.argpartition(counts, -k)[-k:]
    order = top[np.argsort(counts[top])[::-1]]
    keep = counts[order] >= floor
    return order if keep.all() else order[:int(np.argmin(keep))]


def flat_share(part: np.ndarray) -> float:
    """`float(same.mean())` for `same = (part[:-1, 1:] == part[:-1, :-1]).all(axis=2) & (part[1:, :-1]
    == part[:-1, :-1]).all(axis=2)` on a colour part (h, w, 3): the share of pixels equal, every channel,
    to their right and lower neighbours. The three channels are packed into one integer per pixel, so
    one comparison replaces three and the slow reduction over the channel axis goes."""
    p = part.astype(np.uint32)
    key = p[..., 0] | (p[..., 1] << 8) | (p[..., 2] << 16)
    here = key[:-1, :-1]
    same = (key[:-1, 1:] == here) & (key[1:, :-1] == here)
    return np.count_nonzero(same) / same.size


_SORT_MAX = 64   # up to this many values a sort is cheaper than a partition (the same middle values)


def median(a: np.ndarray, axis: int | tuple[int, ...] | None = None) -> np.ndarray | np.floating:
    """`np.median(a, axis)` for integer or boolean `a`: the same partition around the middle, the
    middle value as float64, or the float64 mean of the two middle values, exactly numpy's numbers;
    without numpy's ~25 us of dispatch per call, paid on the small arrays of a run's lines. Any other
    dtype (floats: numpy's NaN handling) is numpy's own median."""
    a = np.asarray(a)
    if a.dtype.kind not in "biu" or a.size == 0:
        return np.median(a, axis=axis)
    if axis is None:
        flat = a.reshape(-1)
    else:
        axes = axis if isinstance(axis, tuple) else (axis,)
        axes = tuple(d % a.ndim for d in axes)
        rest = [d for d in range(a.ndim) if d not in axes]
        # the reduced axes last and contiguous: numpy partitions along the last axis fastest
        flat = np.ascontiguousarray(a.transpose(rest + list(axes))).reshape([a.shape[d] for d in rest] + [-1])
    n = flat.shape[-1]
    h = n // 2
    if n <= _SORT_MAX:
        part = np.sort(flat, axis=-1)
    else:
        part = np.partition(flat, h if n % 2 else [h - 1, h], axis=-1)
    if n % 2:
        out = part[..., h].astype(np.float64)
    else:
        out = (part[..., h - 1].astype(np.float64) + part[..., h]) / 2
    return out[()] if isinstance(out, np.ndarray) and out.ndim == 0 else out
