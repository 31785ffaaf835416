"""The exact pass: one Aho-Corasick automaton (pyahocorasick) over every surface form of every name.

Keys are stored with a leading space and the caption is scanned as " " + caption, so every hit starts
at a token start; pyahocorasick's `iter_long` returns the leftmost-longest non-overlapping hits in C
("allergic contact dermatitis" beats "contact dermatitis" and "dermatitis"; "patch test" beats
"patch"), and Python only checks that each hit also ends at a token end.
"""

from __future__ import annotations

from derm1m_build.tagger import automata
from derm1m_build.tagger.lexicon import HEARD, Entry


class NameTokens(frozenset):
    """The words of the automaton's keys; `counts`: how many keys hold each word (round 19: the fuzzy pass's
    clipped words read as the form names use most, "actnc" actinic rather than "actinics")."""

    counts: dict[str, int]
    heard: frozenset[str]


class ExactMatcher:
    def __init__(self, lexicon: dict[str, Entry]):
        self.entries: list[Entry] = [lexicon[k] for k in sorted(lexicon)]
        self.automaton = automata.build((" " + e.key, i) for i, e in enumerate(self.entries))
        # per entry: its length and its targets that are not blocks (read once per hit)
        self.lengths: list[int] = [e.length for e in self.entries]
        self.live: list[tuple] = [tuple(t for t in e.targets if t.kind != "block") for e in self.entries]
        counts: dict[str, int] = {}
        heard: set[str] = set()
        for e in self.entries:
            if e.targets[0].rank == HEARD:
                heard.update(e.key.split())
                continue  # round 22: a name respelt by ear holds an English word, no name word (no fuzzy target)
            for t in e.key.split():
                counts[t] = counts.get(t, 0) + 1
        self.tokens: frozenset[str] = NameTokens(counts)
        self.tokens.counts = counts
        # round 53: the words of the names respelt by ear, which a chain of spoken syllables may say ("plant-er")
        self.tokens.heard = frozenset(heard - self.tokens)

    def scan(self, s: str, padded: str | None = None) -> list[tuple[int, int, int]]:
        """(start, end, entry index) of the leftmost-longest hits in `s` that sit on token boundaries.
        `padded` is `" " + s.replace("|", " ")` when the caller has it already."""
        if not self.entries:
            return []
        n = len(s)
        lengths = self.lengths
        # `end` indexes the padded text: it is the (exclusive) end in `s`
        return [(end - lengths[idx], end, idx)
                for end, idx in self.automaton.iter_long(padded if padded is not None else " " + s.replace("|", " "))
                if end >= n or not s[end].isalnum()]

    def hits(self, s: str, padded: str | None = None) -> list[tuple]:
        """`[(a, b, t, 100.0) for a, b, idx in self.scan(s, padded) for t in self.live[idx]]`: the tagger's exact hits
        (start, end, target, score), one per live target of each hit, in one comprehension over the walk (speed round
        48: no list of (start, end, index) tuples in between, for the texts the fuzzy pass does not read)."""
        if not self.entries:
            return []
        n = len(s)
        lengths, live = self.lengths, self.live
        return [(end - lengths[idx], end, t, 100.0)
                for end, idx in self.automaton.iter_long(padded if padded is not None else " " + s.replace("|", " "))
                if end >= n or not s[end].isalnum() for t in live[idx]]

    def match(self, s: str) -> list[tuple[int, int, Entry]]:
        return [(a, b, self.entries[i]) for a, b, i in self.scan(s)]
