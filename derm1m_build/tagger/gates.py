"""Cheap yes/no questions asked before a result pass that rarely changes anything (speed round 53).

Each function answers False only where its pass provably changes nothing: it asks for something every change of the
pass needs (a piece of the pass's own regex that any match of it contains, a word its match must end with), so
`gate(...) and pass(...)` gives the pass's result. The passes themselves stay as they are; the tagger (`core`) asks
the gate first. A pass that changes, a rule added to one of the patterns read here, needs its gate read again (the
tests in `tests/test_tagger_speed53.py` hold a text on each side of each gate).
"""

from __future__ import annotations

import re

from derm1m_build.tagger.guides import _VALUES
from derm1m_build.tagger.namesakes import NAMESAKE_WORDS as _NAMESAKE_WORDS

# `speakers.CLINICIAN_REPLY` without its lazy speaker groups (which it tries at every letter: ~140 us on a 400-character
# abstract). Each alternative of the reply pattern holds one of these pieces as it is written there, under the same
# flag, so a text the pieces miss holds no reply: "A (who):" holds "A (" after a space or a stop; "Reply ...:",
# "Answer by ... (who):", "who's reply:" hold "reply", "answer" or "response"; "who on the board:" holds "on the
# board:"; "the GP replied that", "Dermatologist answered:" hold the verb.
REPLY_PIECES = re.compile(r"(?:^|(?<=[\s.!?\"'\u201c\u201d]))A\s*\(|reply|answer|response|replied|responded|"
                          r"wrote\s+back|on\s+the\s+(?:board|forum|thread|site)\s*:", re.IGNORECASE)

# `guides.INSTRUCTION`'s two alternatives end in "as VALUE" ("Count X as current") and "be coded" ("should not be
# coded as"): the same pieces, same flag, in one pattern that has no sentence start or lazy run of words to try
INSTRUCTION_PIECES = re.compile(r"as[ ]+[\"'\u201c]?(?:" + _VALUES + r")(?![a-z])|be[ ]+(?:coded|counted|marked|recorded|"
                                r"classified|scored|labell?ed|abstracted|annotated|upcoded)(?![a-z])", re.IGNORECASE)

# the words `research.KIND_OBJECT_BEFORE` ends with before its spaces ("a known complication of", "new cases of the")
_KIND_OBJECT_ENDS = ("of", "the", "all", "those")


def reply_may(text: str) -> bool:
    """False only where `speakers.CLINICIAN_REPLY` matches nowhere in `text` (`REPLY_PIECES`, and a role word right
    before a colon for its turn headed by the role alone, `speakers.role_heading`). An ASCII text (most) is read with
    finds on its lower-cased copy, each a superset of a piece ("repl" for "reply" and "replied"), and a look at each
    "(" for the "a" before it; the pieces' regex, slow under its case folding, reads the others."""
    from derm1m_build.tagger.speakers import role_heading

    if not text.isascii():
        return REPLY_PIECES.search(text) is not None or role_heading(text)
    low = text.lower()
    if ":" not in low:  # every alternative but "the GP replied that" ends in a colon
        return "replied" in low or "answered" in low or "responded" in low or "wrote" in low
    if "repl" in low or "answer" in low or "respon" in low or "wrote" in low:
        return True
    if "board" in low or "forum" in low or "thread" in low or "site" in low:
        return True
    if role_heading(text):  # "... GP: this is rosacea"
        return True
    i = low.find("(")
    while i >= 0:  # "a (" after the text's start, a space or a stop (`\s` is `str.isspace` on ASCII)
        j = i
        while j and low[j - 1].isspace():
            j -= 1
        if j and low[j - 1] == "a" and (j == 1 or low[j - 2].isspace() or low[j - 2] in ".!?\"'"):
            return True
        i = low.find("(", i + 1)
    return False


def instruction_may(text: str) -> bool:
    """False only where `guides.INSTRUCTION` matches nowhere in `text` (`INSTRUCTION_PIECES`)."""
    return INSTRUCTION_PIECES.search(text) is not None


def kind_object_may(text: str, conditions) -> bool:
    """False only where `research.kind_as_object` changes nothing: its pattern must end right before a condition that
    is not negated (at its start, or one line break before it), on "of", "the", "all" or "those" and spaces. A
    window that is not ASCII is left to the pattern (its case folding has forms `str.lower` does not give)."""
    for w in _windows_before(text, conditions, 60):
        if w is None:
            return True
        if w.endswith("\n"):
            w = w[:-1]
        if w[-1:] == " " and w.rstrip(" ").endswith(_KIND_OBJECT_ENDS):
            return True
    return False


def _windows_before(text: str, conditions, reach: int):
    """The `reach` characters before each condition that is not negated, lower-cased; None for a window that is not
    ASCII (a case-folding pattern has forms `str.lower` does not give: the gate must then let the pass run)."""
    for c in conditions:
        if c.negated:
            continue
        a = c.span[0]
        w = text[max(0, a - reach):a]
        yield w.lower() if w.isascii() else None


# `scope.record_frames`'s two patterns read right before a condition, by the words they end with before it (spaces
# between, an opening quote and one line break at the end allowed): `DRUG_FOR_BEFORE` ("doxycycline for (the) acne")
# and `MISLABEL_BEFORE` ("often mislabelled as (a) ...", "everybody calls (it) ...", "people always say (it's) ...")
_FOR_ENDS = frozenset(("for",))
_MISLABEL_ENDS = frozenset(("as", "for", "call", "calls", "label", "labels", "diagnose", "diagnoses", "say", "says",
                            "think", "thinks", "guess", "guesses", "shout", "shouts", "it", "them", "these", "those",
                            "this", "that", "is", "s", "are", "re"))
_ARTICLES = frozenset(("his", "her", "their", "my", "the", "a", "an"))
_QUOTES = "'\"\u2018\u201c"


def _last_two(low: str, a: int, reach: int) -> tuple[str, str, bool]:
    """(last word, the word before it, whether spaces end the window) of `low[a - reach:a]` after one line break and
    one opening quote at its end are set aside; words split at runs of spaces."""
    w = low[max(0, a - reach):a]
    if w.endswith("\n"):
        w = w[:-1]
    quoted = w[-1:] in _QUOTES and w[-1:] != ""
    if quoted:
        w = w[:-1]
    spaced = w.endswith(" ")
    parts = w.rstrip(" ").rsplit(" ", 1)
    last = parts[-1]
    before = parts[0].rstrip(" ").rsplit(" ", 1)[-1] if len(parts) > 1 else ""
    return last, before, spaced or quoted


def record_frames_may(text: str, conditions) -> bool:
    """False only where `scope.record_frames` changes nothing. Its retraction (an error word) and "argues against"
    (a negated name) branches are left to it; the others (a comparison image, a drug's indication, a mislabel) need
    two names not negated, and the last two need the words their patterns end with right before one of them
    (`_last_two`): "for" (or "for" and an article) before a drug's indication; "as", "for", a verb of naming, a pronoun
    or a copula (or one of these and an article) before a mislabel."""
    low = text.lower()
    if "error" in low or "wrong" in low or "disregard" in low or "ignore" in low:
        return True
    if "against" in low and any(c.negated for c in conditions):
        return True
    firm = [c for c in conditions if not c.negated]
    if len(firm) < 2:
        return False
    if "compar" in low or "contrast" in low or "reference" in low:
        return True
    for c in firm:
        last, before, spaced = _last_two(low, c.span[0], 90)
        if last in _MISLABEL_ENDS and spaced:
            return True
        if last in _ARTICLES and (before in _MISLABEL_ENDS or before in _FOR_ENDS):
            return True
    return False


def _window_has(text: str, a: int, reach: int, piece: str) -> bool:
    """Whether the `reach` characters before `a` may hold `piece` (lower case) under a case-folding pattern: they hold
    it lower-cased, or they are not ASCII (folding has forms `str.lower` does not give)."""
    w = text[max(0, a - reach):a]
    return not w.isascii() or piece in w.lower()


def care_may(text: str, conditions) -> bool:
    """False only where `guides.care_instruction` changes nothing: it sets a condition that is not negated and that
    `GROUP_WITH_BEFORE` ends right before ("children with ..."), searched from at most 60 characters back; that
    pattern holds "with" and a space (case folded) there."""
    from derm1m_build.tagger.guides import GROUP_WITH_BEFORE

    for c in conditions:
        a = c.span[0]
        if not c.negated and _window_has(text, a, 60, "with ") \
                and GROUP_WITH_BEFORE.search(text, max(0, a - 60), a) is not None:
            return True
    return False


_QUANTIFIERS = ("any ", "all ", "every ", "following ")


def quantified_may(text: str, conditions) -> bool:
    """False only where `guides.quantified_kind` changes nothing: it sets a condition that is not negated and that
    `QUANTIFIED_BEFORE` ends right before, searched from 60 characters back; that pattern holds a quantifier and a
    space ("any ", "all ", "every ", "following ", case folded) there."""
    for w in _windows_before(text, conditions, 60):
        if w is None or any(q in w for q in _QUANTIFIERS):
            return True
    return False


_UPPER_DIGITS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def enum_may(text: str) -> bool:
    """False only where `guides.ENUM_CONSTANT` matches nowhere: each of its matches holds an underscore between two
    capital letters or digits ("PCT_LT_10")."""
    i = text.find("_")
    while i >= 0:
        if i and text[i - 1] in _UPPER_DIGITS and text[i + 1:i + 2] in _UPPER_DIGITS:
            return True
        i = text.find("_", i + 1)
    return False


_CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"


def line_code_may(text: str, conditions) -> bool:
    """False only where no condition lies inside a cell line's code (`research.LINE_CODE`, capitals, digits and
    hyphens: "SK-MEL-28"): a name inside one is written in those characters alone ("SK", "MEL")."""
    for c in conditions:
        a, b = c.span
        if a < b and not text[a:b].strip(_CODE_CHARS):
            return True
    return False


def dictentry_may(text: str) -> bool:
    """False only where `dictentry.read_entry` changes nothing: `entry_head` reads an entry only where the text holds
    the parts' separator " | ", a taxon's gloss ("(zoological ...)", "(botanical ...)", `dictentry.TAXON`) or a usage
    label or irregular forms in brackets or braces (`dictentry.BRACKET_TAG`). Four one-character finds for nearly
    every text; the markup's pattern only where a bracket or a brace is."""
    if "|" in text and " | " in text:
        return True
    if "(" in text and ("(zoolog" in text or "(botan" in text):
        return True
    if "[" in text or "{" in text:
        from derm1m_build.tagger.dictentry import BRACKET_TAG

        return BRACKET_TAG.search(text) is not None
    return False


def told_may(n: str, gw, hits) -> bool:
    """False only where `events.event_spans` finds nothing in a text that holds none of round 58's event words
    (`events.ROUND58_EVENT_WORDS`) but one of round 59's (`events.TOLD_WORDS` outside them): each branch of
    `events._told_injuries` such a text can reach needs what is asked here in the normalised text `n` (`gw`: its gate
    words): "frostbitten"; a blister verb before " from "; "burn(s) / burning" before a reflexive ("...self", "...selves"),
    before " to death", or after a word of electricity; a scar where no condition is named yet (`add_events` keeps a
    scar only then)."""
    from derm1m_build.tagger.events import BLISTER_VERBS, BURN_VERBS, ELECTRIC_WORDS, FROST_WORDS, SCAR_WORDS

    if not FROST_WORDS.isdisjoint(gw):
        return True
    if " from " in n and not BLISTER_VERBS.isdisjoint(gw):
        return True
    if not BURN_VERBS.isdisjoint(gw) and ("sel" in n or " to death" in n
                                          or any(w + " burns" in n for w in ELECTRIC_WORDS)):
        return True
    return not SCAR_WORDS.isdisjoint(gw) and not any(t.kind == "condition" for _, _, t, _ in hits)


def namesake_may(text: str, words) -> bool:
    """False only where `namesakes.namesakes` changes nothing: each of its readings needs a word of `NAMESAKE_WORDS`
    (the proper names' too: `SURNAME_WORDS` is a part of it), or a double hyphen or an em dash before an
    attribution. `words` may be the text's gate words (`core.FINISH_GATE_SETS` holds `NAMESAKE_WORDS`)."""
    return not _NAMESAKE_WORDS.isdisjoint(words) or "--" in text or "\u2014" in text
