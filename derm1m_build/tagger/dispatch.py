"""The result passes of `Tagger._finish` as one registry, and each text's plan: the passes its words can open.

A result pass reads or rewrites the `TagResult` built from a text's hits and flags (a history section, a record's
frame, a general statement, ...). Nearly every one is gated on a word of the text, and most texts hold none of a
given pass's words: asked one gate after another, a one-condition caption paid ~70 gate tests (~60 set looks) for
the few passes that open. Here each pass is one `ResultPass` entry of a registry, in the order it runs, with the
gate words it needs (the text must hold one of them; `None`: asked on every text) and the characters it needs (the
text must hold every one). A text's plan is read once: its gate words among the registry's (`Plans.words`, one
intersection) and which of the registry's characters it holds pick a tuple of the passes to run, in the registry's
order, remembered by the passes it opens. Each pass still asks its full gate inside (the condition count, its
other words, its finds), so a pass the plan opens runs exactly where it ran before, and a pass the plan leaves out
is one whose gate could not have opened.

A rules round adds a pass as one entry: a function `(tagger, text, n, words, gw, res, under) -> TagResult | None`
(None, or the result that ends the passes), its gate words and characters. The gate words must lie in the tagger's
gate words (`Tagger._gate_words` holds `Plans.words`), so that `gw`, the text's words among those, shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

# the plans remembered (one for each set of passes opened); past this many the memory starts afresh (a plan is the same
# whenever it is built: only speed depends on it)
PLAN_LIMIT = 1 << 14


@dataclass(frozen=True)
class ResultPass:
    """One result pass: `run(tagger, text, n, words, gw, res, under)` with its full gate inside; `words`, the
    words one of which it needs (None: no word it needs, asked on every text); `chars`, the characters of the
    text it needs, every one."""

    name: str
    run: Callable
    words: frozenset[str] | None = None
    chars: str = ""


class Plans:
    """The dispatch table of a registry (gate word -> the passes that word can open) and the plans read from it."""

    def __init__(self, passes: tuple[ResultPass, ...]):
        self.passes = passes
        table: dict[str, list[int]] = {}
        for i, p in enumerate(passes):
            for w in p.words or ():
                table.setdefault(w, []).append(i)
        self.table: dict[str, tuple[int, ...]] = {w: tuple(ix) for w, ix in table.items()}
        self.words = frozenset(self.table)
        # the same as bit masks (pass i is bit i): a text's opened passes are one OR per gate word it holds, and a
        # plan is remembered by its mask (texts with different words often open the same passes)
        self._masks = {w: sum(1 << i for i in ix) for w, ix in self.table.items()}
        self._always = sum(1 << i for i, p in enumerate(passes) if p.words is None)
        # each character any pass needs, with its bit; for each set of them a text may hold, the passes it allows
        self.chars: tuple[tuple[str, int], ...] = tuple(
            (ch, 1 << k) for k, ch in enumerate(sorted({ch for p in passes for ch in p.chars})))
        self._allowed = [sum(1 << i for i, p in enumerate(passes)
                             if all(held & bit for ch, bit in self.chars if ch in p.chars))
                         for held in range(1 << len(self.chars))]
        self._runs = tuple(p.run for p in passes)
        self._plans: dict[int, tuple[Callable, ...]] = {}

    def plan(self, gw: frozenset[str], text: str) -> tuple[Callable, ...]:
        """The passes to run on a text whose gate words are `gw`, in the registry's order."""
        held = 0
        for ch, bit in self.chars:
            if ch in text:
                held |= bit
        mask = self._always
        masks = self._masks
        for w in gw.intersection(self.words):
            mask |= masks[w]
        mask &= self._allowed[held]
        p = self._plans.get(mask)
        if p is None:
            if len(self._plans) >= PLAN_LIMIT:
                self._plans.clear()
            runs, rest = [], mask
            while rest:  # the passes of the set bits, lowest (first in the registry) first
                low = rest & -rest
                runs.append(self._runs[low.bit_length() - 1])
                rest ^= low
            p = self._plans[mask] = tuple(runs)
        return p
