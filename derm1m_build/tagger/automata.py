"""Building the tagger's Aho-Corasick automata (pyahocorasick) so that a text is walked with fewer steps.

pyahocorasick looks a node's child up by a linear search over the node's children, in the order they were
first added. The automaton's shape (its nodes, failure links and so its matches) does not depend on the order
the keys are added, only the order of each node's children does: adding the keys so that the letters English
text takes most often come first makes each step's search shorter and changes no match. The node after the
leading space (a word's first letter, ~36 children in the name automaton) is searched once per word of every
text; it is ordered by how often English words start with each letter, the deeper nodes by English letter
frequency.
"""

from __future__ import annotations

from typing import Any, Iterable

import ahocorasick

# English word-initial letter frequency, most frequent first; then the rest of the alphabet and the digits
FIRST_LETTERS = "taoiswcbphfmdrelngu" + "vykjqzx" + "0123456789"
# English letter frequency (the space first: it ends a word inside a multi-word name)
LETTERS = " etaoinsrhldcumfpgwybvkxjqz0123456789"
_FIRST = {ch: i for i, ch in enumerate(FIRST_LETTERS)}
_LETTER = {ch: i for i, ch in enumerate(LETTERS)}


def _walk_order(key: str) -> tuple[int, ...]:
    """A sort key: keys sorted by it add each node's children in frequency order (`_FIRST` for the letter
    after a leading space, `_LETTER` elsewhere; other characters after these, by code point)."""
    out = []
    after_space = False
    for i, ch in enumerate(key):
        table = _FIRST if (after_space and i == 1) else _LETTER
        out.append(table.get(ch, 1000 + ord(ch)))
        after_space = i == 0 and ch == " "
    return tuple(out)


class _Ranks(dict):
    """`str.translate` table: a character's rank in `table` as one character, others after them by code point
    (`chr(1000 + ord)`, as `_walk_order`), filled in on first use."""

    def __init__(self, table: dict[str, int]):
        super().__init__({ord(ch): chr(i) for ch, i in table.items()})

    def __missing__(self, o: int) -> str:
        got = self[o] = chr(1000 + o)
        return got


_FIRST_T, _LETTER_T = _Ranks(_FIRST), _Ranks(_LETTER)
_TOO_HIGH = chr(0x10FFFF - 1000)  # `chr(1000 + ord)` exists for characters below this


def _walk_string(key: str) -> str | None:
    """`_walk_order` as a string of the same ranks (strings and tuples compare alike, element by element, a prefix
    first), built by `str.translate` in C: the name automaton's ~46k keys sort ~10x faster. None for a key with a
    character too high to shift (`_walk_order` is used then)."""
    if key and max(key) >= _TOO_HIGH:
        return None
    walk = key.translate(_LETTER_T)
    if len(key) > 1 and key[0] == " ":
        return walk[0] + _FIRST_T[ord(key[1])] + walk[2:]  # the letter after the leading space: `_FIRST`
    return walk


def build(items: Iterable[tuple[str, Any]]) -> ahocorasick.Automaton:
    """An automaton holding `key -> value` for each item (keys distinct), children in walk order."""
    automaton = ahocorasick.Automaton()
    added = False
    items = list(items)
    walk = [_walk_string(kv[0]) for kv in items]
    if None in walk:
        ordered = sorted(items, key=lambda kv: _walk_order(kv[0]))
    else:
        ordered = [items[i] for i in sorted(range(len(items)), key=walk.__getitem__)]
    for key, value in ordered:
        automaton.add_word(key, value)
        added = True
    if added:
        automaton.make_automaton()
    return automaton
