"""Faster forms of two yes/no questions the rule passes ask of most texts, with the same answers.

- `any_in(words)`: does any of these substrings occur in the text? A few words are tested one `in` each (C
  substring searches); a long list is one Aho-Corasick walk that stops at the first occurrence (pyahocorasick),
  ~2x faster for the ~40 correction words than 40 searches of the whole text.
- `first_letter_groups(pattern)`: a regex `(?<![a-z])(?:alt1|alt2|...)(?![a-z])` with its alternatives grouped
  by their first letter, `(?<![a-z])(?:b(?:ut ...|ut ...)|n(?:o ...))(?![a-z])`. Python's `re` tries the
  alternatives of a group one after another at every word start; grouped, it tries one per letter and the
  rest only under a matching letter (~1.7x faster for the correction markers). Which alternative is tried first
  can change which one matches at a position, never whether one does nor where a match starts: use the grouped
  form only to ask whether (or where) the pattern matches, not what a group captured.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Callable

import ahocorasick

# above this many words one automaton walk beats one `in` per word (measured on the million benchmark's texts:
# 5 words, 1.2 us with `in` against 2.5 us walking; 38 words, 6.9 us against 3.3 us)
AUTOMATON_WORDS = 12


def any_in(words: tuple[str, ...]) -> Callable[[str], bool]:
    """`lambda s: any(w in s for w in words)`, as fast as it gets for the number of words (module docstring). Words
    that all open on one punctuation mark ("(acquired)", "(acute)", ...) are looked for only where that mark stands
    (`_led_by`: one C find per mark in the text, then one `startswith` of all the words there)."""
    words = _minimal(tuple(words))
    if len(words) > 1 and all(words) and _lead_mark(words) is not None:
        return partial(_led_by, words[0][0], words)
    if len(words) > AUTOMATON_WORDS and all(words):
        automaton = ahocorasick.Automaton()
        for w in words:
            automaton.add_word(w, None)
        automaton.make_automaton()
        return partial(_walk_finds, automaton.iter)
    return partial(_in_any, words)


# module functions bound with `functools.partial` (not closures or an eval'd lambda): a tagger holding them pickles,
# so it can be built once and shipped to or cached for another process
def _walk_finds(walk: Callable, s: str) -> bool:
    return next(walk(s), None) is not None


def _minimal(words: tuple[str, ...]) -> tuple[str, ...]:
    """`words` less each that holds another of them ("lesions" beside "lesion", "PMHx" beside "PMH"), in their order:
    a text holding the longer word holds the shorter, so the answer of `any_in` is the same with one search fewer."""
    if "" in words:
        return words
    return tuple(w for i, w in enumerate(words)
                 if not any(o in w and (o != w or j < i) for j, o in enumerate(words) if j != i))


def _lead_mark(words: tuple[str, ...]) -> str | None:
    """The first character every word opens on, when it is one and a punctuation mark (rare in prose, unlike a letter
    or a space: a find per place it stands is then cheaper than a search per word); None otherwise."""
    c = words[0][:1]
    if not c or c.isalnum() or c.isspace() or any(not w.startswith(c) for w in words):
        return None
    return c


def _led_by(mark: str, words: tuple[str, ...], s: str) -> bool:
    """`any(w in s for w in words)` for words that all open on `mark` (speed round 55: the bracketed modifiers'
    thirteen "(acquired)"-like words, asked of every text with a bracket, 6.7 against 1.7 us a text): a word occurs
    where `mark` stands, and nowhere else."""
    find = s.find
    i = find(mark)
    while i >= 0:
        if s.startswith(words, i):
            return True
        i = find(mark, i + 1)
    return False


def _in_any(words: tuple[str, ...], s: str) -> bool:
    for w in words:
        if w in s:
            return True
    return False


_HEAD = r"(?<![a-z])(?:"
_TAIL = r")(?![a-z])"


def top_level_alternatives(src: str) -> list[str] | None:
    """`src` cut at each `|` that is outside brackets, character classes and escapes; None when its brackets do
    not balance (it is then not one group's inside)."""
    out: list[str] = []
    cur: list[str] = []
    depth, in_class, escaped = 0, False, False
    opened = -1  # where the class being read opened ("[]a]" and "[^]a]" hold a "]")
    for i, ch in enumerate(src):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]" or i == opened + 1 or (i == opened + 2 and src[opened + 1] == "^")
        elif ch == "[":
            in_class, opened = True, i
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return out if depth == 0 and not in_class and not escaped else None


def first_letter_groups(pattern: re.Pattern) -> re.Pattern:
    """`pattern` with its alternatives grouped by first letter (module docstring), or `pattern` itself when it is
    not of the form `(?<![a-z])(?:...|...)(?![a-z])` with no capturing group. Only alternatives that open with a
    plain lower-case letter (not one a quantifier follows) are grouped; the others are kept as written."""
    src = pattern.pattern
    if not isinstance(src, str) or pattern.groups or not (src.startswith(_HEAD) and src.endswith(_TAIL)):
        return pattern
    body = src[len(_HEAD):-len(_TAIL)]
    alts = top_level_alternatives(body)
    if alts is None or "|".join(alts) != body:
        return pattern
    by_letter: dict[str, list[str]] = {}
    other: list[str] = []  # alternatives that open with a group, a class or an escape stay as they are
    for a in alts:
        if len(a) > 1 and "a" <= a[0] <= "z" and a[1] not in "*+?{}":
            by_letter.setdefault(a[0], []).append(a[1:])
        else:
            other.append(a)
    grouped = "|".join([k + "(?:" + "|".join(rest) + ")" for k, rest in by_letter.items()] + other)
    try:
        return re.compile(_HEAD + grouped + _TAIL, pattern.flags)
    except re.error:
        return pattern


# ------------------------------------------------------------------------------------------------------------------
# speed round 49: a regex's required literals, read from the pattern itself (`re._parser`), as a cheap gate before it

# a run of fixed items is joined into longer strings while the product of their choices stays this small
_MAX_CHOICES = 32


def _ascii_fold(ch: int, fold: bool) -> str | None:
    c = chr(ch)
    if not fold:
        return c
    return c.lower() if c.isascii() else None  # (a folded non-ASCII letter has forms `str.lower` does not give)


def _fixed(op, av, fold: bool) -> set[str] | None:
    """The strings an item matches, when they are few and fixed (a literal, a class of literals, a group or an
    alternation of such); None otherwise."""
    from re import _constants as k

    if op is k.LITERAL:
        c = _ascii_fold(av, fold)
        return None if c is None else {c}
    if op is k.IN:
        if any(o is not k.LITERAL for o, _ in av) or len(av) > 8:
            return None
        out = {_ascii_fold(v, fold) for _, v in av}
        return None if None in out else out
    if op is k.SUBPATTERN:
        if av[1] or av[2]:  # a group's own flags ("(?i:...)"): not read
            return None
        return _fixed_seq(av[3].data if hasattr(av[3], "data") else av[3], fold)
    if op is k.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            got = _fixed_seq(branch.data if hasattr(branch, "data") else branch, fold)
            if got is None:
                return None
            out |= got
        return out if len(out) <= _MAX_CHOICES else None
    return None


_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")


def _fixed_seq(items, fold: bool) -> set[str] | None:
    out = {""}
    for op, av in items:
        if str(op) in _ZERO_WIDTH:
            continue  # consumes nothing: the characters around it stay side by side
        got = _fixed(op, av, fold)
        if got is None or len(out) * len(got) > _MAX_CHOICES:
            return None
        out = {a + b for a in out for b in got}
    return out


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more selective of two requirement sets: the longer shortest string, then fewer strings."""
    if a is None or "" in a:
        return None if b is None or "" in b else b
    if b is None or "" in b:
        return a
    ka, kb = _rank(a), _rank(b)
    return b if kb > ka else a


def _rank(a: set[str]) -> tuple:
    """How selective a set of required strings is: its shortest string's length, then whether every string is
    punctuation (a "(" or ":" is rarer in prose than a letter), then fewer strings."""
    return min(map(len, a)), all(not ch.isalnum() and not ch.isspace() for w in a for ch in w), -len(a)


def _required_seq(items, fold: bool) -> set[str] | None:
    """Strings one of which every match of the sequence holds, or None when none is known."""
    best = None
    run = {""}
    for op, av in items:
        if str(op) in _ZERO_WIDTH:
            continue
        got = _fixed(op, av, fold)
        if got is not None and len(run) * len(got) <= _MAX_CHOICES:
            run = {a + b for a in run for b in got}
            continue
        best = _better(best, run)
        run = {""} if got is None else got
        if got is None:
            best = _better(best, _required(op, av, fold))
    return _better(best, run)


def _required(op, av, fold: bool) -> set[str] | None:
    from re import _constants as k

    if op is k.SUBPATTERN:
        if av[1] or av[2]:
            return None
        return _required_seq(av[3].data, fold)
    if op is k.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            got = _required_seq(branch.data, fold)
            if got is None or "" in got:
                return None
            out |= got
        return out
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required_seq(av[2].data, fold)
    return None


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` holds (lower-cased for an IGNORECASE pattern, whose literals are
    then ASCII), read from the pattern's parse; None when the parse gives none (or cannot be read). A text holding
    none of them has no match anywhere, whatever `pos` and `endpos` a search is given (a lookaround reads the text
    too, but the strings are taken from what a match consumes)."""
    from re import _parser

    if not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE:
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # another Python's parser: no gate
        return None
    got = _required_seq(parsed.data, bool(pattern.flags & re.IGNORECASE))
    return None if got is None or "" in got else frozenset(got)


def may_match(pattern: re.Pattern) -> Callable[[str], bool]:
    """`lambda s: False` only where `pattern` cannot match anywhere in `s` (it holds none of the pattern's
    `required_literals`); True otherwise, so `may(s) and pattern.search(s)` answers as `pattern.search(s)`. Built once
    from the pattern itself, so a rule added to the pattern later is in the gate too."""
    need = required_literals(pattern)
    if need is None:
        return _always
    # (speed round 55: through `any_in`, so a long list is one automaton walk, not one `in` per word: the 37 business
    # words on a non-ASCII text cost 26 us a text one by one, 2.8 us walking)
    if pattern.flags & re.IGNORECASE and any(ch.isalpha() for w in need for ch in w):
        return partial(_in_any_folded, any_in(tuple(sorted(need))))
    return any_in(tuple(sorted(need)))


def _always(s: str) -> bool:
    return True


def _in_any_folded(test: Callable[[str], bool], s: str) -> bool:
    """`test` (an `any_in` of lower-case words) of `s` lower-cased; True for a non-ASCII text."""
    if not s.isascii():
        return True  # (Unicode case folding has forms `str.lower` does not give: the pattern decides)
    return test(s.lower())


# each pattern's gate, built on its first use (`may`); keyed by the pattern object's id, the object kept beside its
# gate (so the id is never reused while the entry lives), so a pattern a module or a test rebinds later gets its own
# gate. (Not keyed by the pattern itself: a compiled pattern's hash is computed anew over its code on every look,
# ~1 us for the tagger's long patterns.)
_GATES: dict[int, tuple[re.Pattern, Callable[[str], bool]]] = {}


def may(pattern: re.Pattern, s: str) -> bool:
    """`may_match(pattern)(s)`, the gate built once per pattern: False only where `pattern` matches nowhere in `s`."""
    got = _GATES.get(id(pattern))
    if got is None or got[0] is not pattern:
        got = _GATES[id(pattern)] = (pattern, may_match(pattern))
    return got[1](s)


def start_chars(pattern: re.Pattern) -> tuple[tuple[int, str], ...] | None:
    """(offset, characters) for each top-level alternative of `pattern`: every match of that alternative holds one of
    the characters at that offset from where it starts (the first class of literals after items one character wide,
    a lookaround or an anchor read as nothing); None when an alternative has no such class (a repeat or a group comes
    first) or the pattern cannot be read. Under IGNORECASE only a class without letters counts."""
    from re import _constants as k
    from re import _parser

    if not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE:
        return None
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # another Python's parser
        return None
    fold = bool(pattern.flags & re.IGNORECASE)
    lead = 0
    while lead < len(items) and str(items[lead][0]) in _ZERO_WIDTH:
        lead += 1
    alts = [items]
    if lead < len(items):
        op, av = items[lead]
        if op is k.BRANCH:
            alts = [list(b.data) + items[lead + 1:] for b in av[1]]
        elif op is k.SUBPATTERN and not av[1] and not av[2] and len(av[3].data) == 1 and av[3].data[0][0] is k.BRANCH:
            alts = [list(b.data) + items[lead + 1:] for b in av[3].data[0][1][1]]
    out = []
    for alt in alts:
        offset, got = 0, None
        for op, av in alt:
            if str(op) in _ZERO_WIDTH:
                continue
            chars = None
            if op is k.LITERAL:
                chars = chr(av)
            elif op is k.IN and all(o is k.LITERAL for o, _ in av):
                chars = "".join(chr(v) for _, v in av)
            if chars is not None and not (fold and any(ch.isalpha() for ch in chars)):
                got = (offset, chars)
                break
            if op in (k.LITERAL, k.NOT_LITERAL, k.IN, k.ANY):
                offset += 1  # one character wide: the class may come after it
                continue
            return None
        if got is None:
            return None
        out.append(got)
    return tuple(out) if out else None


_STARTS: dict[int, tuple] = {}  # id -> (the pattern, its `start_chars`), as `_GATES`


def found(pattern: re.Pattern, s: str) -> bool:
    """`pattern.search(s) is not None`, trying the pattern only where a match can start (`start_chars`: one C find per
    character, then `pattern.match` at each candidate) when its matches open on a few characters that are rare in
    prose; the pattern's own search otherwise. A pattern that matches at a place matches there whatever the search
    position (lookbehinds read the text before it), so the two answers agree."""
    got = _STARTS.get(id(pattern))
    if got is None or got[0] is not pattern:
        got = _STARTS[id(pattern)] = (pattern, start_chars(pattern))
    starts = got[1]
    if starts is None:
        return pattern.search(s) is not None
    match, find = pattern.match, s.find
    for offset, chars in starts:
        for ch in chars:
            i = find(ch, offset)
            while i >= 0:
                if match(s, i - offset) is not None:
                    return True
                i = find(ch, i + 1)
    return False
