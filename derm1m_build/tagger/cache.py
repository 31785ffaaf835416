"""Whole results for captions seen before, for batch tagging (`Tagger.tag_many`).

Real corpora repeat captions (a dataset's template sentence, a figure legend reused across panels, a
lecture's repeated line): about a fifth of the million benchmark's captions repeat, and tagging one costs
~150 us of Python while copying its result back costs a few. The tagger's output depends on the text alone
(the ontology and settings are fixed when it is built), so a repeated text can take its earlier result.

- Only a text seen before is stored (a set of the hashes of texts seen once decides: most captions never
  repeat, and storing each would cost memory for nothing); a hash collision only stores a result early.
- Memory is bounded: at most `size` results and `seen` hashes, each cleared when full; texts longer than
  `max_chars` are never stored.
- Callers cannot change what is stored: the store keeps its own copy, and every hit gets a fresh copy
  (new `Match` objects, new lists), so a caller editing its result changes nothing for the next caller.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any


def copy_result(res: Any) -> Any:
    """A copy of a `TagResult` (or a `Match`) that shares no list or dataclass object with it (strings and
    numbers are shared, being immutable). Generic over the dataclasses' fields, so a field added later is
    copied too."""
    plan = _PLANS.get(type(res))
    if plan is None:
        plan = _plan(type(res))
    cls, get_init, late = plan
    out = cls(*[_copy(v) for v in get_init(res)])
    for name in late:
        setattr(out, name, _copy(getattr(res, name)))
    return out


_PLANS: dict[type, tuple] = {}


def _plan(cls: type) -> tuple:
    init = [f.name for f in dataclasses.fields(cls) if f.init]
    late = tuple(f.name for f in dataclasses.fields(cls) if not f.init)
    if len(init) > 1:
        get = attrgetter(*init)
    else:  # attrgetter of one name returns the value, not a tuple
        get = (lambda o: (getattr(o, init[0]),)) if init else (lambda o: ())
    _PLANS[cls] = plan = (cls, get, late)
    return plan


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})


def _copy(v: Any) -> Any:
    t = type(v)
    if t in _PLAIN:
        return v
    if t is list:
        return [_copy(x) for x in v]
    if t is dict:
        return {k: _copy(x) for k, x in v.items()}
    if t in _PLANS or (dataclasses.is_dataclass(v) and not isinstance(v, type)):
        return copy_result(v)
    return v  # str, numbers, bool, None, tuples of those: immutable


class ResultCache:
    """Results of repeated texts (see the module docstring). Not shared between processes: each forked
    worker fills its own."""

    def __init__(self, size: int = 32_768, seen: int = 262_144, max_chars: int = 1_000):
        self.size, self.seen_size, self.max_chars = size, seen, max_chars
        self.store: dict[str, Any] = {}
        self.seen: set[int] = set()
        self.hits = 0

    def get(self, text: str) -> Any | None:
        """A fresh copy of the stored result of `text`, or None."""
        got = self.store.get(text)
        if got is None:
            return None
        self.hits += 1
        return copy_result(got)

    def put(self, text: str, res: Any) -> None:
        """Note `text` was tagged to `res`: stored (as a private copy) the second time it is seen."""
        if len(text) > self.max_chars:
            return
        h = hash(text)
        if h in self.seen:
            if len(self.store) >= self.size:
                self.store.clear()
            self.store[text] = copy_result(res)
        else:
            if len(self.seen) >= self.seen_size:
                self.seen.clear()
            self.seen.add(h)
