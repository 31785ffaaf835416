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

import re
from collections import Counter
from typing import Iterable

_FOLD = re.compile(r"[\W_]+")


def words(text: str) -> frozenset[str]:
    """The word set the overlap compares (the builders' `normalise(text).split()` as a set)."""
    return frozenset(_FOLD.sub(" ", text.lower()).split())


class Earlier:
    """The earlier sets' texts, indexed by word, for `close` look-ups against one limit."""

    def __init__(self, texts: Iterable[str], limit: float) -> None:
        if not limit > 0:
            raise ValueError(f"overlap limit must be above 0, got {limit}")
        self.limit = limit
        self.texts = list(texts)  # the order a walk over `texts` had: `close` lists in it
        self._sizes: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        for i, t in enumerate(self.texts):
            ws = words(t)
            self._sizes.append(len(ws))
            for w in ws:
                self._by_word.setdefault(w, []).append(i)

    def close(self, text: str) -> list[str]:
        """The earlier texts whose word sets overlap `text`'s by `limit` (Jaccard) or more, in their given order."""
        ws = words(text)
        shared = Counter(i for w in ws for i in self._by_word.get(w, ()))
        hits = [i for i, n in shared.items() if n / (len(ws) + self._sizes[i] - n) >= self.limit]
        return [self.texts[i] for i in sorted(hits)]
