"""The frozen sets' word-overlap check, exact and without the quadratic walk.

Every tagger set's builder refuses a written text whose word set overlaps an earlier set's text by a Jaccard
index of 0.5 or more (words: the text lower-cased, runs of punctuation and space folded, split). Each builder did it
pair by pair, normalising both texts again for every pair: with ~12,000 earlier texts that is millions of regex
substitutions per build, and the frozen-set tests build each set several times, so the check had become most of
the test suite's time. Here the earlier texts are normalised once and indexed by word; a written text is compared
only with the earlier texts that share a word with it (a Jaccard index above 0 needs one), and the index is
computed exactly as before, so the same texts are refused, listed in the same order.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

import numpy as np

_FOLD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=1 << 16)
def words(text: str) -> frozenset[str]:
    """The word set the overlap compares (the builders' `normalise(text).split()` as a set); kept per text, as
    every build indexes the same earlier texts again."""
    return frozenset(_FOLD.sub(" ", text.lower()).split())


class Earlier:
    """The earlier sets' texts, indexed by word, for `close` look-ups against one limit."""

    def __init__(self, texts: Iterable[str], limit: float) -> None:
        if not limit > 0:
            raise ValueError(f"overlap limit must be above 0, got {limit}")
        self.limit = limit
        self.texts = list(texts)  # the order a walk over `texts` had: `close` lists in it
        sizes: list[int] = []
        by_word: dict[str, list[int]] = {}
        for i, t in enumerate(self.texts):
            ws = words(t)
            sizes.append(len(ws))
            for w in ws:
                by_word.setdefault(w, []).append(i)
        # as arrays: a look-up counts the shared words of every earlier text at once (`bincount`), not one by one
        self._sizes = np.asarray(sizes, dtype=np.int64)
        self._by_word = {w: np.asarray(ix, dtype=np.int64) for w, ix in by_word.items()}

    def close(self, text: str) -> list[str]:
        """The earlier texts whose word sets overlap `text`'s by `limit` (Jaccard) or more, in their given order.
        The index is the same float division of the same integer counts as a walk over every pair gives."""
        ws = words(text)
        postings = [self._by_word[w] for w in ws if w in self._by_word]
        if not postings:
            return []
        shared = np.bincount(np.concatenate(postings))
        seen = np.flatnonzero(shared)  # ascending: the given order
        n = shared[seen]
        hits = seen[n / (len(ws) + self._sizes[seen] - n) >= self.limit]
        return [self.texts[i] for i in hits.tolist()]
