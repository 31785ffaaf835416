"""Huge pages for the tagger's tables (Linux): fewer TLB misses in its memory-bound look-ups.

Most of tagging's time goes to look-ups spread over large tables: the English and name-word sets (~10 MB),
the automata's nodes, the lexicon. With 4 KB pages nearly every such look-up also misses the TLB (a 2-core
VM's TLB covers a few MB). Once the tagger is built, the process's anonymous read-write memory is marked for
transparent huge pages (`MADV_HUGEPAGE`) and, where the kernel can (Linux 6.1+), collapsed into 2 MB pages
now (`MADV_COLLAPSE`); a worker forked afterwards collapses the same ranges once more, into its own copies,
on its first `tag_many` (~0.3 s; a worker's writes would split the shared ones). Only speed changes: nothing
is read or written, and any failure (another OS, an older kernel, huge pages switched off) leaves memory as
it was.

Off unless `DERM1M_TAGGER_HUGE_PAGES=1`: it marks every anonymous mapping of the process, not only the
tagger's, and huge pages can raise a process's resident memory; the gain (~2 % of tagging CPU on a quiet
machine, ~5 % under load) is not worth that side effect in someone else's process by default.
"""

from __future__ import annotations

import os
import sys

MADV_HUGEPAGE = 14
MADV_COLLAPSE = 25
HUGE = 1 << 21
# the process that marked its memory, and the 2 MB-aligned ranges it marked
_STATE: dict[str, object] = {}


def _madvise():
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    madvise = libc.madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    madvise.restype = ctypes.c_int
    return madvise


def prefer_huge_pages() -> int:
    """Mark and collapse the anonymous read-write mappings of this process, once. A worker forked afterwards
    collapses the same ranges again, once (its first writes to the parent's shared huge pages, reference
    counts included, split them back into small pages; memory the parent made later, such as its inputs, is
    left alone). Returns the bytes collapsed into huge pages (0 where nothing was done)."""
    pid = os.getpid()
    if _STATE.get("pid") == pid or not sys.platform.startswith("linux") \
            or os.environ.get("DERM1M_TAGGER_HUGE_PAGES", "0") != "1":
        return 0
    forked = "pid" in _STATE
    _STATE["pid"] = pid
    try:
        madvise = _madvise()
        if forked:
            ranges = _STATE.get("ranges", [])
        else:
            with open("/proc/self/maps", encoding="ascii", errors="replace") as f:
                maps = f.read().splitlines()
            ranges = []
            for line in maps:
                parts = line.split()
                if len(parts) < 5 or parts[1][:2] != "rw" or (len(parts) > 5 and parts[5] != "[heap]"):
                    continue  # only anonymous memory and the heap (no files, no stack)
                lo, hi = (int(x, 16) for x in parts[0].split("-"))
                lo, hi = (lo + HUGE - 1) & ~(HUGE - 1), hi & ~(HUGE - 1)
                if hi > lo and madvise(lo, hi - lo, MADV_HUGEPAGE) == 0:
                    ranges.append((lo, hi))
            _STATE["ranges"] = ranges
    except (OSError, AttributeError, ValueError):
        return 0
    return sum(hi - lo for lo, hi in ranges if madvise(lo, hi - lo, MADV_COLLAPSE) == 0)
