"""Round 57: the everyday senses of a name word that is also a condition.

"Burn", "bite" and "sting" are verbs as often as injuries: fire burns wood, the sun burns out, a dog bites, a snake
bites. The verb names a burn or a bite only where it falls on a person or a body ("WILL HOT SOLDER BURN ME", "CAN
SUPERHEATED STEAM BURN SKIN", "DOES THE HOT SUN BURN MY FOREHEAD", "WILL I BURN"); with any other object, or none, it
names nothing ("DOES FIRE BURN PAPER", "DOES WOOD BURN IN A FIRE", "WILL THE SUN BURN OUT", "DOES YOUR DOG BITE", "WHY
A SNAKE BITES", "USED TO BURN A FIRE"; set 41's annotation rule, ANNOTATION.md rule 3's "not findings"). And "lupus"
inside a Latin phrase ("homo homini lupus est", "lupus in fabula") is the wolf, no disease (as round 37's "Canis
lupus"). In a text typed all in capitals ("DOES IT FEEL GOOD TO SCRATCH AN ITCH") the capitals say nothing of an
abbreviation: an abbreviation that spells an English function word ("AN" of acanthosis nigricans, "UP" of urticaria
pigmentosa: "SCRATCH AN ITCH", "A COVER UP") is that word, unless it stands alone as a field's value ("DX: AN") or as
the whole text.

A name ending in such a word is read as the verb when:
- a verb's marker stands right before it: "to", a modal or "do" ("will burn", "to burn"), a subject pronoun;
- or its sentence opens with a modal or "do" and the word, bare, follows that question's subject ("DOES FIRE BURN",
  "DOES THE HOT SUN BURN", "DOES YOUR DOG BITE"; not "DO INSECT BITES ITCH", where the plural is the subject, nor "CAN
  YOU GET A BURN", where the pronoun's verb comes first);
- or a plural form follows a singular determiner ("a snake bites": "a" cannot take the plural noun).
A noun ("a burn", "the bite", "burn injury") is never touched. What the verb falls on is a person or a body part, the
same words `events` reads a bite or a burn told as an event by ("WILL HOT SOLDER BURN ME", "a dog may bite the
postman": kept; "DOES FIRE BURN PAPER": nothing).

Round 58: idioms and owners that are no patient's condition, each read from the words around the name only:
- "itching to" before a bare verb is eagerness ("area woman just itching to complain"), not an itch ("itching to the
  point of bleeding" keeps it: a determiner follows; so does a range, "from uncomplicated itching to metastatic
  neoplasia");
- "feel(s) / feeling / felt the burn" is the exertion of exercise, no burn;
- "a bruising" before a noun that is no body part is the adjective of a hard contest ("a bruising workplace", "a
  bruising defeat"; "a bruising tendency", "bruising on her arm" keep it);
- an animal's own condition ("my dog's eczema", "dog's nose must really itch"): the animal's possessive before the
  name with only body parts and adverbs between names no patient's condition (set 43's rule for a dog's itch; the
  veterinary texts of sets 18 and 25, "the horse has sweet itch", read the same).
Gate (`core`): a word of `EVERYDAY_WORDS` among the text's words, an all-capitals text with a word of
`FUNCTION_WORDS`, or a word of `ANIMAL_OWNERS` with an apostrophe in the text (`owner_may`).
"""

from __future__ import annotations

import re

from derm1m_build.tagger.events import ANIMALS, BODY_PARTS, PERSONS
from derm1m_build.tagger.results import TagResult

VERBS = frozenset(("burn", "bite", "sting"))
THIRD_PERSON = frozenset(("burns", "bites", "stings"))
LATIN_NAMES = frozenset(("lupus",))
IDIOM_WORDS = frozenset(("itching", "burn", "bruising"))
# an animal's possessive ("dog s" in the normalised text) and the words that may stand between it and the name
ANIMAL_OWNERS = frozenset(w for w in ANIMALS if w not in ("animal", "animals", "pet", "beast", "human"))
OWNED_BETWEEN = BODY_PARTS | frozenset(("must", "really", "still", "always", "keeps", "seems", "to", "is", "was", "has",
                                        "had", "a", "an", "the", "little", "bad", "new", "own", "s", "skin", "coat",
                                        "fur", "paw", "paws", "tail", "ears", "belly", "old", "chronic"))
EVERYDAY_WORDS = VERBS | THIRD_PERSON | LATIN_NAMES | IDIOM_WORDS
# a verb's marker right before the word
MARKERS = frozenset(("to", "will", "would", "can", "could", "should", "shall", "may", "might", "must", "do", "does",
                     "did", "not", "ll", "i", "you", "we", "they", "he", "she", "it"))
# the auxiliaries whose question takes the bare verb after its subject
QUESTION_AUX = frozenset(("do", "does", "did", "will", "would", "can", "could", "should", "shall", "may", "might",
                          "must"))
PERSON_SUBJECTS = frozenset(("i", "you", "he", "she", "we", "they", "people", "kids", "children", "babies", "skin"))
PRONOUNS = frozenset(("i", "you", "he", "she", "we", "they", "it"))
POSSESSIVES = frozenset(("my", "your", "his", "her", "our", "their"))
SINGULAR_DETERMINERS = frozenset(("a", "an", "each", "every"))
DETERMINERS = frozenset(("a", "an", "the", "my", "your", "his", "her", "our", "their", "its", "this", "that", "some",
                         "any", "human", "people's", "someone's"))
# what a burn or a bite falls on: a person or a body part
BODY = frozenset(("me", "you", "him", "her", "us", "them", "yourself", "myself", "himself", "herself", "themselves",
                  "skin", "hand", "hands", "finger", "fingers", "face", "arm", "arms", "leg", "legs", "foot", "feet",
                  "forehead", "lip", "lips", "tongue", "mouth", "body", "eye", "eyes", "scalp", "back", "neck", "nose",
                  "ear", "ears", "toe", "toes", "people", "person", "humans", "children", "kids", "child", "baby",
                  "babies", "someone", "anyone", "everyone", "man", "woman", "dogs", "cats")) | PERSONS | BODY_PARTS
LATIN_CONTEXT = frozenset(("homo", "homini", "est", "fabula", "mordet", "lupo"))
FUNCTION_WORDS = frozenset(("an", "up", "as", "at", "it", "or", "on", "in", "is", "am", "be", "do", "go", "he", "me",
                            "my", "no", "of", "so", "to", "us", "we", "if", "by"))
_WORDS = re.compile(r"[a-z']+")
_SUBJECT_WORDS = 3


def _sentence_start(text: str, a: int) -> int:
    return max(text.rfind(ch, 0, a) for ch in ".!?;:\n") + 1


def _verb_reading(low: str, a: int, w: int, word: str) -> tuple[bool, list[str]]:
    """(whether the word at `w` is read as a verb, the words of its subject); `a` is the name's start."""
    before = _WORDS.findall(low, _sentence_start(low, a), a)
    inner = _WORDS.findall(low, a, w)  # the name's own words before the verb ("dog" of "dog bite")
    words = before + inner
    if not words:
        return False, []
    prev = words[-1]
    if word in THIRD_PERSON:
        # round 58: after a possessive, a mammal's or a reptile's "bites" is its verb too ("our cat bites when it is
        # bored"); an insect's stays the plural noun ("his mosquito bites")
        return prev in SINGULAR_DETERMINERS or (len(words) > 1 and (words[-2] in SINGULAR_DETERMINERS or (
            words[-2] in POSSESSIVES and ANIMALS.get(prev) == "animal-bite"))), words[-2:]
    if prev in MARKERS:
        return True, [prev]
    if prev in DETERMINERS:
        return False, []
    if words[0] in QUESTION_AUX and 1 < len(words) <= 1 + _SUBJECT_WORDS and words[1] not in PRONOUNS:
        return True, words[1:]
    return False, []


def _falls_on_body(low: str, b: int, subject: list[str]) -> bool:
    """A person as the verb's subject, or a person or a body part as its object (after a determiner or two)."""
    if not PERSON_SUBJECTS.isdisjoint(subject):
        return True
    after = _WORDS.findall(low, b, min(len(low), b + 40))
    if after[:2] == ["to", "death"]:
        return True  # round 59: "unless you want to burn to death" burns the one who dies
    for x in after[:3]:
        if x in BODY:
            return True
        if x not in DETERMINERS:
            return False
    return False


def owner_may(text: str, words) -> bool:
    """False only where no animal's possessive can own a name: no animal word, or no apostrophe to write it with."""
    return ("'" in text or "\u2019" in text) and not ANIMAL_OWNERS.isdisjoint(words)


_BARE_AFTER_TO = re.compile(r" to (?!the |a |an |my |his |her |their |your |its |this |that |some |\d)[a-z]+")
_FEEL_BURN = re.compile(r"(?:feel|feels|feeling|felt) the $")
_BRUISING_HEADS = BODY_PARTS | frozenset(("tendency", "pattern", "patterns", "injury", "injuries", "rash", "lesion",
                                          "lesions", "and", "or", "of", "on", "in", "around", "over", "at"))


def _idiom(low: str, a: int, b: int, name: str) -> bool:
    """The name read in one of round 58's idioms (module docstring)."""
    if name == "itching":
        # (not a range, "from uncomplicated itching to metastatic neoplasia")
        return _BARE_AFTER_TO.match(low, b) is not None and "from" not in _WORDS.findall(low, max(0, a - 30), a)
    if name == "burn":
        return _FEEL_BURN.search(low, max(0, a - 12), a) is not None
    if name == "bruising":
        before = _WORDS.findall(low, max(0, a - 4), a)
        after = _WORDS.findall(low, b, min(len(low), b + 30))
        return bool(before) and before[-1] in ("a", "an") and bool(after) and after[0] not in _BRUISING_HEADS
    return False


def _animal_owned(low: str, a: int) -> bool:
    """An animal's possessive before the name at `a`, with only body parts and adverbs between (module docstring)."""
    stop = _sentence_start(low, a)
    before = re.findall(r"[a-z]+", low[stop:a])[-7:]
    for k in range(len(before) - 2, -1, -1):
        if before[k] in ANIMAL_OWNERS and before[k + 1] == "s":
            return all(w in OWNED_BETWEEN for w in before[k + 2:])
        if before[k] not in OWNED_BETWEEN:
            return False
    return False


def everyday_senses(text: str, res: TagResult) -> None:
    """Drop the conditions named only by a verb's everyday sense or by Latin (module docstring)."""
    low = text.lower()
    capitals = text.isupper()
    keep = []
    for c in res.conditions:
        a, b = c.span
        name = low[a:b]
        if capitals and name in FUNCTION_WORDS and not text[:a].rstrip().endswith(":") and text.strip() != text[a:b]:
            continue
        word = name.rsplit(" ", 1)[-1]
        if word in LATIN_NAMES:
            near = _WORDS.findall(low, max(0, a - 20), min(len(low), b + 20))
            if not LATIN_CONTEXT.isdisjoint(near):
                continue
        elif word in VERBS or word in THIRD_PERSON:
            verb, subject = _verb_reading(low, a, b - len(word), word)
            if verb and not _falls_on_body(low, b, subject):
                continue
        if name in IDIOM_WORDS and _idiom(low, a, b, name):
            continue
        if ("'" in low[:a] or "\u2019" in low[:a]) and _animal_owned(low.replace("\u2019", "'").replace("'", " "), a):
            continue
        keep.append(c)
    if len(keep) != len(res.conditions):
        res.conditions = keep
