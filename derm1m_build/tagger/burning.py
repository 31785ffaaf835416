"""Round 59: what burns. A burn is a person's only when the verb falls on one.

"Burn" is the injury's noun and the fire's verb. The lexicon reads "burn(s)" as the thermal burn wherever a word of
heat or skin stands near it (its context words: fire, steam, degree, hot ...), and fire's own prose is full of them:
"an integrated boiler burns coal to heat water into steam", "a pyrophoric agent, which burns at 2200 degrees", "rocket
candy ... burns with a loud hiss", "Your blade burns for combat!", "the wound swells visibly and burns like hell" (a
sensation, no injury). The subject of such a verb is a thing, a fuel, a fire or a weapon, and what it burns is no
body: no condition (ANNOTATION.md rule 3, set 45's reading of fuel, candles and engines; set 41's "DOES FIRE BURN
PAPER" read by `everyday`).

The verb is read from the words around the single word "burn(s) / burning":
- a relative or a pronoun right before it is its subject ("which burns", "that burns", "it burns");
- otherwise a word that cannot precede the injury's noun (not a determiner, a possessive, a preposition, a degree or a
  kind: "severe burns", "his burns", "with burns", "cigarette burns") and, right after it, a word only the verb takes:
  a fuel as its object ("burns coal", "Burns gasoline"), an adverb or a particle ("burns fast", "burns out"), a
  comparison ("burns like hell"), "at" a temperature, "for" a purpose, "with" a sound or a light ("burns with a loud
  hiss");
- a person or a body part within three words after it keeps the burn ("that burns your skin", "burns the roof of
  your mouth": what the burn falls on, left to the other readings).
"Internal burns" are an inner organ's (rule 3: a drink's list of side effects), no skin's.

A substance's hazard names a possible injury, no injury done (set 45: "Causes severe burns to any organic matter",
"will cause severe burns to any tissue it comes in contact with", "it can burn your skin away"): a burn caused in the
simple present or after a modal ("causes", "can / will / may cause", "can burn your skin") is uncertain; where the text
names a chemical (an acid, a caustic, a solvent, an oxidant: `events.CHEMICAL_WORDS`) it is the chemical burn.
Gate (`core`): a condition of `BURN_IDS` and a word of `BURN_FORMS` among the text's words.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.events import BODY_PARTS, CHEMICAL_WORDS, PERSONS, REFLEXIVES
from derm1m_build.tagger.results import TagResult

BURN_IDS = frozenset(("thermal-burn", "chemical-burn", "electrical-burn"))
BURN_FORMS = frozenset(("burn", "burns", "burning"))
# a relative or a pronoun right before the verb is its subject
SUBJECT_WORDS = frozenset(("which", "that", "it", "this", "what"))
# words that stand before the injury's noun: a determiner, a possessive, a preposition, a verb taking the noun, a
# degree or a kind ("severe burns", "his burns", "with burns", "had burns", "cigarette burns", "cuts and burns")
NOUN_BEFORE = frozenset((
    "a", "an", "the", "his", "her", "my", "your", "their", "our", "its", "of", "with", "from", "for", "and", "or", "no",
    "had", "has", "have", "having", "sustained", "suffered", "suffering", "severe", "minor", "major", "extensive",
    "deep", "superficial", "partial", "full", "thickness", "degree", "first", "second", "third", "facial", "chemical",
    "thermal", "electrical", "acid", "cigarette", "friction", "rope", "flash", "radiation", "scald", "these", "those",
    "such", "multiple", "several", "old", "fresh", "new", "small", "large", "painful", "infected", "some", "any",
    "many", "serious", "bad", "nasty", "little", "to", "on", "in", "treat", "treating", "treated", "cause", "causes",
    "causing", "caused", "mild", "localized", "localised", "circumferential", "inhalation", "sun", "contact",
    "powder", "gunpowder", "carpet", "mat", "razor", "ice", "cold", "freezer", "hot", "oil", "grease", "water",
    "steam", "kettle", "iron", "stove", "fire", "flame", "battery", "lime", "cement", "alkali", "bleach", "lye"))
# injuries listed before "and burns" ("cuts and burns like these"): the noun
INJURY_NOUNS = frozenset(("cuts", "scrapes", "scalds", "bruises", "wounds", "grazes", "abrasions", "blisters",
                          "lacerations", "injuries", "bites", "stings", "scratches", "fractures", "sprains"))
# a word only the verb takes right after it (module docstring)
VERB_AFTER = frozenset((
    "coal", "charcoal", "fuel", "fuels", "gasoline", "petrol", "diesel", "biodiesel", "kerosene", "alcohol", "wood",
    "oil", "gas", "propane", "butane", "calories", "money", "avgas", "fast", "faster", "slowly", "slow", "slower",
    "brightly", "bright", "brighter", "hot", "hotter", "clean", "cleanly", "steadily", "fiercely", "longer", "well",
    "out", "down", "up", "away", "off", "through", "like", "at", "for", "with"))
_WORDS = re.compile(r"[a-z0-9]+")
_STOPS = ".!?;:\n"


def _words_before(low: str, a: int, k: int) -> list[str]:
    start = max(low.rfind(ch, 0, a) for ch in _STOPS) + 1
    return _WORDS.findall(low, max(start, a - 60), a)[-k:]


def _words_after(low: str, b: int, k: int) -> list[str]:
    ends = [i for i in (low.find(ch, b) for ch in _STOPS) if i >= 0]
    end = min(ends) if ends else len(low)
    return _WORDS.findall(low, b, min(end, b + 60))[:k]


def thing_burns(low: str, a: int, b: int) -> bool:
    """Whether the single word burn(s) / burning at `low[a:b]` is a thing's verb that falls on no one (docstring)."""
    after = _words_after(low, b, 4)
    if not PERSONS.isdisjoint(after[:3]) or not BODY_PARTS.isdisjoint(after[:3]) or not REFLEXIVES.isdisjoint(after[:2]):
        return False  # it falls on a person or a body: a burn, read elsewhere
    if after[:1] == ["you"] or after[:1] == ["me"] or after[:1] == ["us"]:
        return False
    before = _words_before(low, a, 2)
    prev = before[-1] if before else None
    if prev in SUBJECT_WORDS:
        return True
    if prev == "and" and (len(before) < 2 or before[0] not in INJURY_NOUNS):
        prev = None  # "swells visibly and burns like hell", "lit on fire and burns with a loud hiss" (not "cuts and burns")
    if prev in NOUN_BEFORE or not after or after[0] not in VERB_AFTER:
        return False
    if after[0] == "with":
        # "burns with a loud hiss", not "burns with blistering": an article after it and a subject before it
        return (prev is not None or before[-1:] == ["and"]) and after[1:2] in (["a"], ["an"])
    return True


# a burn caused as a property: "causes", "can / will / may cause", "cause severe burns"
_CAUSE_BEFORE = re.compile(r"(?:\b(?:can|will|may|might|could|would)[ ]+(?:also[ ]+)?cause|\bcauses|^cause|[.!?][ ]*cause)"
                           r"[ ]+(?:(?:very|severe|serious|painful|nasty|bad|deep|chemical|thermal)[ ]+){0,2}$")
_MODAL_BEFORE = re.compile(r"\b(?:can|will|may|might|could|would)[ ]+(?:also[ ]+|easily[ ]+|seriously[ ]+)?$")


def burning(text: str, res: TagResult, info) -> None:
    """Drop a thing's burn and read a substance's hazard as an uncertain burn (module docstring). `info(nid)` gives a
    node's (name, path)."""
    low = text.lower()
    chemical = None
    keep = []
    for m in res.conditions:
        if m.id not in BURN_IDS:
            keep.append(m)
            continue
        a, b = m.span
        word = low[a:b]
        if word in BURN_FORMS and thing_burns(low, a, b):
            continue
        if low[max(0, a - 9):a] == "internal ":
            continue  # "internal burns": an inner organ's (ANNOTATION.md rule 3)
        window = low[max(0, a - 40):a]
        hazard = _CAUSE_BEFORE.search(window) is not None or (
            word in ("burn", "burns") and _MODAL_BEFORE.search(window) is not None)
        if hazard and not m.negated:
            m.uncertain = True
            m.hedged = False
            if chemical is None:
                chemical = not CHEMICAL_WORDS.isdisjoint(_WORDS.findall(low))
            got = info("chemical-burn") if chemical and m.id == "thermal-burn" else None
            if got is not None:
                if any(x.id == "chemical-burn" for x in res.conditions):
                    continue  # named already
                m.id, m.name, m.path = "chemical-burn", got[0], got[1]
        keep.append(m)
    if len(keep) != len(res.conditions):
        res.conditions = keep
