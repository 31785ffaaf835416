"""Huge pages for the tagger's tables (Linux): fewer TLB misses in its memory-bound look-ups.

Most of tagging's time goes to look-ups spread over large tables: the English and name-word sets (~10 MB),
the automata's nodes, the lexicon. With 4 KB pages nearly every such look-up also misses the TLB (a 2-core
VM's TLB covers a few MB). Once the tagger is built, the process's anonymous read-write memory is marked for
transparent huge pages (`MADV_HUGEPAGE`); the first `tag_many` of each process (a forked worker included)
collapses those ranges into 2 MB pages where the kernel can (`MADV_COLLAPSE`, Linux 6.1+; ~0.3-0.6 s
once). Only speed changes: nothing is read or written, and any failure (another OS, an older kernel, huge
pages switched off) leaves memory as it was. Set `DERM1M_TAGGER_HUGE_PAGES=0` to skip it.
"""

from __future__ import annotations

import os
import sys

MADV_HUGEPAGE = 14
MADV_COLLAPSE = 25
HUGE = 1 << 21
# the 2 MB-aligned ranges marked, and the process that last collapsed them
_STATE: dict[str, object] = {}


def _madvise():
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    madvise = libc.madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    madvise.restype = ctypes.c_int
    return madvise


def prefer_huge_pages(collapse: bool = True) -> int:
    """Mark the anonymous read-write mappings of this process for huge pages (once: the first call; a forked
    worker inherits the marks and the ranges), and with `collapse` collapse those ranges into huge pages now,
    once per process (`tag_many` asks for it; building a tagger only marks, so one-off `tag` calls pay
    nothing). A forked worker collapses into its own copies: its writes, reference counts included, would
    split huge pages shared with its parent; memory the parent made after the tagger, such as its inputs, is
    left alone. Returns the bytes collapsed (0 where nothing was done)."""
    if not sys.platform.startswith("linux") or os.environ.get("DERM1M_TAGGER_HUGE_PAGES", "1") == "0":
        return 0
    pid = os.getpid()
    if "ranges" in _STATE and (not collapse or _STATE.get("collapsed") == pid):
        return 0
    try:
        madvise = _madvise()
        if "ranges" not in _STATE:
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
        if not collapse:
            return 0
        _STATE["collapsed"] = pid
        return sum(hi - lo for lo, hi in _STATE["ranges"] if madvise(lo, hi - lo, MADV_COLLAPSE) == 0)
    except (OSError, AttributeError, ValueError):
        _STATE.setdefault("ranges", [])
        return 0
