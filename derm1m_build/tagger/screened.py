"""Round 55: a disease looked for and not found.

"Examined for scabies after a care-home outbreak: no burrows, no itch, no rash." names the disease the examination
looked for (the target of "examined for", as "for signs of" is, round 40) and then, after a colon, lists only what was
not found: the examination's result rules it out (ANNOTATION.md rule 5, "stated absent or excluded"), as "a test's result
that rules out" does (round 53). The disease is negated, never the label.

Scope: the target is the first condition within `TARGET_WORDS` words after "examined / checked / screened / assessed /
looked for"; the colon must close the same sentence's clause; every item after it, to the sentence's end, must open with
a word of absence ("no", "nil", "none", "nothing", "negative"). A list with one finding present ("no burrows, excoriated
papules in the finger webs") or no colon at all ("checked for scabies and started permethrin") leaves the name as it was.

Gate (`core`): a condition, "for" and ":" in the text, and one of `LOOKED_WORDS` among its words.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.results import TagResult

LOOKED_WORDS = frozenset(("examined", "checked", "screened", "assessed", "looked", "inspected", "searched"))
LOOKED_FOR = re.compile(r"(?<![a-z])(?:examined|checked|screened|assessed|looked|inspected|searched)[ ]+for[ ]+",
                        re.IGNORECASE)
TARGET_WORDS = 3
ABSENT_ITEM = re.compile(r"[ ]*(?:and[ ]+|or[ ]+)?(?:no|nil|none|nothing|negative)(?![a-z])", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")


def looked_for_absent(text: str, res: TagResult) -> None:
    """The condition an examination looked for is negated when the colon after it lists only absences."""
    for m in LOOKED_FOR.finditer(text):
        target = next((c for c in sorted(res.conditions, key=lambda c: c.span[0]) if c.span[0] >= m.end()), None)
        if target is None or target.negated or len(text[m.end():target.span[0]].split()) > TARGET_WORDS:
            continue
        end = SENTENCE_END.search(text, target.span[1])
        stop = end.start() if end is not None else len(text)
        colon = text.find(":", target.span[1], stop)
        if colon < 0:
            continue
        items = [x for x in text[colon + 1:stop].split(",") if x.strip()]
        if items and all(ABSENT_ITEM.match(x) is not None for x in items):
            target.negated, target.uncertain, target.hedged = True, False, False
