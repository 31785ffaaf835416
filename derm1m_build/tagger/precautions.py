"""Round 59: an injury named in a warning, a protection or a near miss is no injury done.

Item texts and instructions name the injury they guard against: "Try not to burn yourself", "don't do that unless you
want to burn to death", "a chainmail suit used by scuba divers for protection against shark bites", "makeshift beds
... to ward off disease and frostbite", "Check your friends for bites". The injury is a possibility (ANNOTATION.md rule
6's generic or hypothetical mention): uncertain, never the label. ConText reads "not" of "try not to" as a denial; a
warning denies nothing, so the name is made uncertain, not negated. A near miss ("you nearly burn yourself", "almost
got stung") is the injury denied: negated (set 45's reading).

Each reading looks only at the words right before the name (within its sentence):
- a warning: "try not to", "careful not to", "be careful not to", "don't / do not / never" + a verb form of the name
  ("don't burn yourself"), "unless you want to";
- a protection or a use: "protection / protect(s) / protecting / protected against | from", "ward(s) off", "to
  prevent", "guard(s) against", "check (someone) for", "help(s) with", "useful / good for", "(wide) open /
  vulnerable / exposed / prone / susceptible to";
- a near miss: "nearly", "almost" right before the verb (with one word between: "nearly got stung");
- a tendency, after the name: "(extremely) easily" ("You sunburn extremely easily": a skin that burns, no burn told).
Gate (`core`): a word of `PRECAUTION_WORDS` among the text's words and an injury condition of `INJURY_IDS`.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.results import TagResult

# the injuries an item or an instruction warns of (bites, stings, burns, cold)
INJURY_IDS = frozenset(("thermal-burn", "chemical-burn", "electrical-burn", "sunburn", "frostbite", "bites-and-stings",
                        "animal-bite", "insect-bite", "spider-bite", "bee-sting", "jellyfish-sting", "mosquito-bite",
                        "tick-bite", "flea-bites"))
PRECAUTION_WORDS = frozenset(("try", "careful", "unless", "protection", "protect", "protects", "protecting",
                              "protected", "ward", "wards", "prevent", "guard", "guards", "check", "nearly", "almost",
                              "don", "do", "help", "helps", "useful", "good", "open",
                              "vulnerable", "exposed", "prone", "susceptible", "easily"))
_WARNING = re.compile(r"(?:\btry(?:ing)?[ ]+not[ ]+to|\bcareful[ ]+not[ ]+to|\bdon'?t|\bdo[ ]+not|\bunless[ ]+you[ ]+"
                      r"want[ ]+to)[ ]+(?:get[ ]+|be[ ]+)?$")
_PROTECTION = re.compile(r"(?:\bprotect(?:ion|s|ing|ed)?[ ]+(?:\w+[ ]+)?(?:against|from)|\bwards?[ ]+off|\bto[ ]+prevent|"
                         r"\bguards?[ ]+against|\b(?:wide[ ]+)?(?:open|vulnerable|exposed|prone|susceptible)[ ]+to|\bcheck[ ]+(?:\w+[ ]+){0,2}for|\bhelps?[ ]+with|\b(?:useful|good)[ ]+for)"
                         r"[ ]+(?:[a-z]+[ ]+){0,4}$")
_NEAR_MISS = re.compile(r"\b(?:nearly|almost)[ ]+(?:\w+[ ]+)?$")
# after the name: a tendency ("you sunburn extremely easily", "burns easily")
_TENDENCY_AFTER = re.compile(r"[ ]+(?:(?:very|extremely|so|too|quite|really)[ ]+)?easily\b")


def precautions(text: str, res: TagResult) -> None:
    """An injury warned of or guarded against made uncertain, a near miss negated (module docstring)."""
    low = text.lower().replace("\u2019", "'")
    for m in res.conditions:
        if m.id not in INJURY_IDS:
            continue
        a = m.span[0]
        stop = max(low.rfind(ch, 0, a) for ch in ".!?;\n") + 1
        window = low[max(stop, a - 60):a]
        if _NEAR_MISS.search(window):
            m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False
        elif _WARNING.search(window) or _PROTECTION.search(window) or _TENDENCY_AFTER.match(low, m.span[1]):
            m.negated, m.uncertain, m.hedged = False, True, False
