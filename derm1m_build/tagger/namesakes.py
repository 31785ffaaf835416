"""Round 59: a condition's word used as a person's name, a food, a crop, a nest or a unit names nothing.

Common English words that are also condition names take other senses in everyday prose (ANNOTATION.md rule 3's "not
findings", as round 58's compounds read "lice shampoo" and "leaf scar"):

- **a proper name**: a single condition word that is also an English surname or word (`SURNAME_WORDS`: Burns,
  Mole, Corn, Boil ...) written with a capital inside a sentence, right after another
  capitalised word and ending the capitalised run ("George Burns", "Robert Burns said"), or followed by a possessive
  and a capitalised word ("Burn's Hog Weighing Method"), is a person's name; and every name in a quotation's closing
  attribution ("... -- George Burns", "-- Mark Twain, 'Corns'") is the author's or the work's. A sentence mostly in
  capitalised words (a title in title case: "Costs in Pediatric Psoriasis") says nothing by its capitals, and a
  capitalised word after the name makes it part of a named instrument, centre or cell ("Vancouver Scar Scale", "the
  National Burn Centre", "Worst Pruritus Numerical Rating Scale", "BRAF-Mutant Melanoma Cells"): other passes' and
  the vocabulary's, left as they are;
- **a food or a kitchen**: a boil in a sentence that cooks ("boil gently for 15 minutes", "bring to a boil", "boil
  the water", "in a saucepan"); a bruise on a fruit ("bruises on a banana", "a bruised apple");
- **a crop**: "corn" as a mass noun with no determiner before it and no foot, toe or callus in the text ("Corn stalks
  comedy", "ears of corn", "corn meets tragedy"); a skin corn is countable ("a corn on her toe", "corns");
- **a nest**: "hive(s)" right after an animal's name ("rat hives", "wasp hives"), as round 43's bee hives;
- **a unit**: a mole counted with "=" or "per" ("1 Mole = 007 Secret Agents", "2 moles per litre") is chemistry's.

Each drops the mention (the node stays where the text names it elsewhere). Gate (`core`, `gates.namesake_may`): a
word of `NAMESAKE_WORDS` among the text's words, or a double hyphen or an em dash in the text (an attribution).
"""

from __future__ import annotations

import re

from derm1m_build.tagger.events import ANIMALS
from derm1m_build.tagger.results import TagResult

COOKING = frozenset(("saucepan", "pan", "pot", "pots", "kettle", "water", "simmer", "simmering", "gently", "minutes",
                     "syrup", "sugar", "recipe", "stir", "stirring", "broth", "soup", "pasta", "rice", "eggs", "egg",
                     "potatoes", "milk", "stock", "cups", "teaspoons", "tablespoons", "rolling"))
BOIL_WORDS = frozenset(("boil", "boils", "boiled", "boiling"))
FRUITS = frozenset(("banana", "bananas", "apple", "apples", "peach", "peaches", "pear", "pears", "fruit", "fruits",
                    "tomato", "tomatoes", "potato", "potatoes", "avocado", "avocados", "mango", "mangoes", "melon",
                    "melons", "plum", "plums", "grape", "grapes", "vegetable", "vegetables"))
BRUISE_WORDS = frozenset(("bruise", "bruises", "bruised", "bruising"))
FOOT_WORDS = frozenset(("foot", "feet", "toe", "toes", "sole", "soles", "heel", "heels", "callus", "calluses",
                        "callosity", "callosities", "clavus", "clavi", "plantar", "shoe", "shoes", "podiatrist",
                        "chiropodist", "skin", "hard", "soft", "seed", "finger", "fingers", "painful", "corns"))
CORN_DETERMINERS = frozenset(("a", "an", "the", "my", "your", "his", "her", "their", "our", "this", "that", "one",
                              "each", "hard", "soft", "seed", "painful", "plantar", "interdigital", "small", "large"))
HIVE_WORDS = frozenset(("hive", "hives"))
MOLE_WORDS = frozenset(("mole", "moles"))
# condition words that are also English surnames or words a name is made of: the proper-name look reads these only
# (not "rash", "spot", "sore", "cancer", "itch": common in captions, rare as names)
SURNAME_WORDS = frozenset(("burn", "burns", "mole", "moles", "scar", "scars", "corn", "corns", "boil", "boils", "wart",
                           "warts", "hives", "blister", "blisters", "bruise", "bruises", "freckle", "freckles", "pox",
                           "scab", "scabs", "lice", "crabs", "scabies"))  # (a taxon's epithet: "Tiburcinia Scabies")
SENSE_WORDS = BOIL_WORDS | BRUISE_WORDS | HIVE_WORDS | MOLE_WORDS | frozenset(("corn",))
NAMESAKE_WORDS = SENSE_WORDS | SURNAME_WORDS

_WORD = re.compile(r"[a-z]+")
_UNIT_MOLE = re.compile(r"(?:^|[^a-z0-9.])\d+(?:\.\d+)?\s+moles?\s*(?:=|per\s)")
_ATTRIBUTION = re.compile(r"[.!?][\"'\u201d]?\s+(?:--|\u2014)\s*[A-Z]")


def _attribution_start(text: str) -> int:
    """Where a quotation's closing attribution begins ("... -- George Burns"), or len(text): the last dash after a
    sentence's stop (and its closing quote) and before a capital, with at most 12 words after it (a dash inside a
    sentence, "Teaching archive -- Psoriasis, inverse", "field "Histotype" -- Melanoma", "rash on her thighs -- GP
    diagnosed ...", is a heading's, a field's or a clause's)."""
    ms = list(_ATTRIBUTION.finditer(text))
    if not ms:
        return len(text)
    a = ms[-1].start()
    return a if len(text[a:].split()) <= 12 else len(text)


def _title_case(text: str, a: int) -> bool:
    """Whether the sentence around `a` is written mostly in capitalised words (a title in title case)."""
    start = max(text.rfind(ch, 0, a) for ch in ".!?;\n") + 1
    end = min((i for i in (text.find(ch, a) for ch in ".!?;\n") if i >= 0), default=len(text))
    ws = re.findall(r"[A-Za-z]+", text[start:end])
    caps = sum(w[0].isupper() for w in ws)
    return caps * 2 >= len(ws)


def _proper_name(text: str, a: int, b: int) -> bool:
    """The condition word at text[a:b] is part of a capitalised name inside a sentence (module docstring)."""
    if not text[a].isupper() or not text[a + 1:b].islower() or " " in text[a:b]:
        return False
    if re.match(r"[- ]+[A-Z]", text[b:b + 3]):  # a capitalised word after it: a named scale, centre or measure
        return False
    if a == 0:  # a text's first word: only a possessive before a capitalised name ("Burn's Hog Weighing Method")
        return re.match(r"'s\s+[A-Z][a-z]+\s+[A-Z][a-z]", text[b:b + 40]) is not None
    before = text[max(0, a - 30):a]
    m = re.search(r"([A-Z][a-z]+)\s$", before)
    if m is not None and m.group(1) not in ("The", "A", "An", "My", "His", "Her", "No", "Our", "Your", "Their"):
        return True
    return re.match(r"'s\s+[A-Z][a-z]", text[b:b + 6]) is not None


def namesakes(text: str, res: TagResult, words: set[str]) -> None:
    """Drop the conditions named only by a name, a food, a crop, a nest or a unit (module docstring)."""
    low = text.lower()
    cut = _attribution_start(text) if "--" in text or "\u2014" in text else len(text)
    keep = []
    for c in res.conditions:
        a, b = c.span
        if a >= cut:
            continue
        name = low[a:b]
        last = name.rsplit(" ", 1)[-1]
        if text[a].isupper() and last in SURNAME_WORDS and _proper_name(text, a, b) and not _title_case(text, a):
            continue
        if last in SENSE_WORDS and _sense(low, a, b, last, words):
            continue
        keep.append(c)
    if len(keep) != len(res.conditions):
        res.conditions = keep


def _sense(low: str, a: int, b: int, word: str, words: set[str]) -> bool:
    """The word at low[a:b] is a food's, a crop's, a nest's or a unit's (module docstring)."""
    lo, hi = max(0, a - 200), min(len(low), b + 200)  # (speed: the sentence read within 200 characters)
    start = max(lo, max(low.rfind(ch, lo, a) for ch in ".!?;\n") + 1)
    end = min((i for i in (low.find(ch, b, hi) for ch in ".!?;\n") if i >= 0), default=hi)
    before = _WORD.findall(low, max(start, a - 40), a)
    after = _WORD.findall(low, b, min(end, b + 40))
    if word in BOIL_WORDS:
        sentence = set(_WORD.findall(low, start, end))
        return not COOKING.isdisjoint(sentence) or before[-2:] in (["to", "a"], ["a", "rolling"])
    if word in BRUISE_WORDS:
        if after[:1] in (["on"], ["of"]) and not FRUITS.isdisjoint(after[1:4]):
            return True
        return bool(after) and after[0] in FRUITS
    if word == "corn":
        return (not before or before[-1] not in CORN_DETERMINERS) and FOOT_WORDS.isdisjoint(words) \
            and len(words) > 4
    if word in HIVE_WORDS:
        return bool(before) and before[-1] in ANIMALS and a - len(before[-1]) - 1 >= 0
    if word in MOLE_WORDS:
        return _UNIT_MOLE.search(low, max(0, a - 12), min(len(low), b + 8)) is not None
    return False
