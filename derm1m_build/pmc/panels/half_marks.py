"""Panel letters written with a closing bracket alone ("a)", "b)") inside running text, read as markers or as
references.

Why: documentation pages and JOSS papers write a figure's panels so, and not only at sentence starts, which is
where the caption parse takes such a letter ("A) Text. B) Text."): "...: a) plot of final energies ... between
configurations b) analysis of site magnetisations ..., c) distances ... and d) resemblance ..." names four panels
in one sentence, and "SEM image in a) is a cross-section of a line in SEM image in b)." refers to two. A letter
and its bracket is a marker when it opens its panel's words (`marker_run`), a reference when it stands in a
sentence that speaks of the panel (`reference_letters`): after a preposition ("in a)"), or before a full stop, a
comma, "and" or a verb ("b) is ...", "a) represent ..."), unless it opens a sentence ("b) Shows a radiograph"). Text only, and the bottom of the package beside
`captions`, which builds the sub-captions from the positions found here."""
from __future__ import annotations

import re

# a letter and a closing bracket after a space, a clause's punctuation or the caption's start ("(a)" is the
# bracket parse's, "Fig. 1a)" a figure's panel), before a space, a clause's punctuation or the end
_TOKEN = re.compile(r"(?:^|(?<=[\s,;:]))([A-Za-z])\)(?=[\s.,;:]|$)")
# the word before a reference: a preposition or a verb of looking ("in a)", "shown in b)", "see c)", "than in d)")
_BEFORE_REF = frozenset("in of from to on at by with see cf than for into within as per between under over "
                        "versus vs like unlike compare compared".split())
# the word after a reference: a verb or a conjunction, where a marker's own words would stand ("a) is ...",
# "b) shows ...", "a) and b) ...")
_AFTER_REF = frozenset("is are was were be been shows show showed shown depicts depict depicted represents represent "
                       "represented illustrates illustrate displays display presents present compares compare "
                       "contains contain has have gives give corresponds correspond and or but respectively "
                       "while whereas which where".split())
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")


def _tokens(caption: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, letter, opens) for every letter with a lone closing bracket outside brackets; `opens` says
    whether it opens its panel's words (else it refers to the panel)."""
    out = []
    for m in _TOKEN.finditer(caption):
        head = caption[:m.start()]
        if head.count("(") > head.count(")") or head.count("[") > head.count("]"):
            continue  # "(see panel a)": the bracket closes one opened before it
        before = _WORD_BEFORE.search(head[-40:])
        after = _WORD_AFTER.match(caption, m.end())
        if re.search(r"(?:^|[.;:])\s*$", head):
            out.append((m.start(), m.end(), m.group(1), True))  # "b) Shows ...": a sentence's first word opens it
            continue
        ref = (before is not None and before.group(1).lower() in _BEFORE_REF and head.rstrip()[-1:].isalpha()) \
            or after is None or after.group(1).lower() in _AFTER_REF \
            or re.match(r"\s*[.,;:]", caption[m.end():]) is not None
        out.append((m.start(), m.end(), m.group(1), not ref))
    return out


def marker_run(caption: str) -> list[tuple[int, int, list[str]]]:
    """The markers of a caption whose letters with a lone bracket open their panels' words inside its sentences:
    (start, end, [LETTER]) for each, in text order, [] unless every such marker together runs a), b), c)... from
    a (or A) in order, one case, each once, two at least. References among them ("as in a)") are passed over; a
    marker out of the run ("a) ... c) ... b)", a second "a)") and the caption is no such list: []."""
    if ")" not in caption:
        return []
    marks = [(s, e, L) for s, e, L, opens in _tokens(caption) if opens]
    if len(marks) < 2 or marks[0][2] not in "aA":
        return []
    for i, (_, _, L) in enumerate(marks):
        if L != chr(ord(marks[0][2]) + i):
            return []
    return [(s, e, [L.upper()]) for s, e, L in marks]


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def reference_letters(caption: str) -> tuple[list[str], list[set[str]]]:
    """The sentences of a caption that refers to its panels only by letters with a lone bracket ("SEM image in
    a) is a cross-section of a line in SEM image in b). The black shapes in a) represent ..."), and the
    letters each names (upper case): ([], []) unless every such letter is a reference (none opens its panel's
    words: those are `marker_run`'s) and together they run from a (or A), one case, without a gap, two at
    least."""
    if ")" not in caption:
        return [], []
    found = _tokens(caption)
    letters = sorted({L for _, _, L, _ in found})
    if any(opens for *_, opens in found) or len(letters) < 2 or letters[0] not in "aA" \
            or letters != [chr(ord(letters[0]) + i) for i in range(len(letters))]:
        return [], []
    cuts = [0] + [m.end() for m in _SENTENCE.finditer(caption)] + [len(caption) + 1]
    sentences = [caption[a:b].strip() for a, b in zip(cuts, cuts[1:])]
    named = [{L.upper() for s, _, L, _ in found if a <= s < b} for a, b in zip(cuts, cuts[1:])]
    return sentences, named
