"""Round 59: a condition named in a simile, a metaphor or a general law is a kind, no one's finding.

Quotations, sayings and jokes use a disease as an image or state a rule about everyone: "Love is like the measles; we
all have to go through it", "Love is sentimental measles", "Men seldom show dimples to girls who have pimples", "A
backscratcher will always find new itches", "He who walks on burning coals is sure to get burned", "Scratch where it
itches", "Happiness is having a scratch for every itch". No patient is described: the name is a kind (ANNOTATION.md
rule 6's generic or hypothetical mention; the settled research-prose reading of a disease in general, round 43, and of
a general causal statement in the simple present, round 49): uncertain, never the label. Each reading is the words of
the name's own sentence before it, all general English:

- **a law's heading**: a text that opens with "Someone's Law(s)", "...'s Rule", "Corollary", "Axiom", "Maxim",
  "The Law of ..." states general laws: every name in it is a kind (its numbered items too);
- **a simile**: "like" after a copula ("is like the measles", "was like a burn"), "like the" after any word but a verb
  of appearance or a subject pronoun ("says "X" like the gift of burns"; "like a" is a lesion's own likeness, "stuck
  on like a barnacle", and stays), and "in the sense that" ("in the sense that a tweed coat is good for dandruff");
  "looks / seems / feels / sounds like X" is left to the hedge readings (a physician's hedge, the label);
- **a metaphor with an abstract subject**: a sentence that opens with an abstract noun ("love", "happiness",
  "jealousy", "marriage" ...) and a copula right before the name ("Love is sentimental measles");
- **a generic subject**: "he / she who", "whoever", "anyone who" ("those who underwent X" are a study's patients); the pronoun "one" with its verb ("One learns
  to itch where one can scratch"); a bare plural of people with a verb of habit or a modal ("men seldom show",
  "girls would get sunburned", "people who have"); a quantifier "every" right before the name ("a scratch for every
  itch"); the impersonal "where it itches" ("Scratch where it itches");
- **the timeless present of a thing**: an adverb of a law ("always", "invariably", "seldom", "merely", "inevitably")
  in a sentence that opens with "a" / "an" or a bare noun or gerund ("A backscratcher will always find new itches",
  "Pizza always burns the roof of your mouth", "Turning the other cheek merely ensures two bruised cheeks"), with no
  person of the text (I, my, she, her, the patient ...) before the name.

Read only for an asserted name that no hedge reads (a hedge, a negation, a history are other passes' and stay): a
patient's own sentence is never generic by these words ("my eczema is like sandpaper" keeps the eczema: the name is
before "like"; "she always gets cold sores" names a person). Gate (`core`): a word of `FIGURE_WORDS` among the text's
words.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.results import TagResult

ABSTRACT_SUBJECTS = frozenset(("love", "happiness", "jealousy", "envy", "marriage", "fame", "patriotism", "nostalgia",
                               "gossip", "ambition", "romance", "passion", "youth", "politics", "friendship"))
LAW_WORDS = frozenset(("law", "laws", "corollary", "axiom", "maxim", "maxims", "dictum", "postulate", "proverb",
                       "adage"))
LAW_ADVERBS = frozenset(("always", "invariably", "seldom", "merely", "inevitably"))
GENERIC_PLURALS = frozenset(("men", "women", "girls", "boys", "people", "folks", "everyone", "everybody", "anyone",
                             "anybody", "nobody"))
FIGURE_WORDS = ABSTRACT_SUBJECTS | LAW_WORDS | LAW_ADVERBS | GENERIC_PLURALS | frozenset(
    ("like", "who", "whoever", "one", "every", "where", "sense"))
# a person of the text: a sentence holding one before the name speaks of someone, not of everyone
PERSONAL = frozenset(("i", "my", "me", "mine", "we", "our", "us", "he", "his", "him", "she", "her", "they", "their",
                      "them", "pt", "patient", "patients", "man", "woman", "boy", "girl", "child", "baby", "son",
                      "daughter", "mother", "father", "wife", "husband", "mr", "mrs", "ms", "dr", "this", "these"))
# verbs of appearance before "like": a hedge's, read elsewhere
APPEARANCE = frozenset(("look", "looks", "looked", "looking", "seem", "seems", "seemed", "feel", "feels", "felt",
                        "feeling", "sound", "sounds", "sounded", "appear", "appears", "appeared", "would", "d", "i",
                        "you", "we", "they", "just", "more", "most", "much", "something", "anything", "nothing",
                        "lesions", "lesion", "rash", "eruption", "conditions", "diseases", "disorders", "things"))

# what people call a lesion is a naming (corrections read it: "people always call this eczema but it's impetigo")
NAMING_VERBS = frozenset(("say", "says", "said", "call", "calls", "called", "label", "labels", "mistake", "mistakes",
                          "mix", "confuse", "confuses", "misread", "think", "thinks", "diagnose", "diagnosed", "name",
                          "names"))

_WORD = re.compile(r"[a-z']+")
_LAW_HEAD = re.compile(r"\W*(?:(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w-]*'s\s+(?:[A-Z][a-z]+\s+){0,2}"
                       r"(?:Laws?|Rules?|Principles?|Corollary|Axioms?|Maxims?|Dictum|Postulates?)\b|"
                       r"(?:The\s+)?(?:[A-Z][a-z]+\s+)?Laws?\s+of\s+[A-Z])")
_COPULA_LIKE = re.compile(r"(?:^|[^a-z'])(?:is|are|was|were|be|s)\s+like\s+(?:(?:the|a|an)\s+)?(?:[a-z]+\s+)?$")
_DET_LIKE = re.compile(r"(?:^|[^a-z'])([a-z']+)([\"\u201d]?)\s+like\s+the\s+(?:[a-z0-9]+\s+){0,4}$")
_IN_THE_SENSE = re.compile(r"(?:^|[^a-z])in\s+the\s+sense\s+that\s")
_WHO = re.compile(r"(?:^|[^a-z])(?:he|she|anyone|men|women|girls|boys|people)\s+who\s+"
                  r"(?!was\s|were\s|had\s|did\s|[a-z]+ed\s)|(?:^|[^a-z])whoever\s")
_ONE_VERB = re.compile(r"(?:^|(?:^|[^a-z])(?:where|when|if|that|because|as)\s+)one\s+(?:can|could|must|should|will|"
                       r"would|may|might|cannot|never|always|learns|gets|needs)\s")
_PLURAL_HABIT = re.compile(r"(?:^|[^a-z])(?:men|women|girls|boys|people|folks|everyone|everybody|anyone|anybody|nobody)"
                           r"\s+(?:would|will|always|never|seldom|rarely|often|usually|can|should|must|tend)\s")
_WHERE_IT = re.compile(r"(?:^|[^a-z])where\s+(?:it|one|you)\s+(?:can\s+)?$")


_REACH = 200
# the pieces one of the readings of `_generic` needs in the clause before the name
_CUES = ("like", "sense", "every", "who", "one", "where", "men", "girls", "boys", "people", "folks", "every", "any",
         "nobody") + tuple(LAW_ADVERBS)
_ABSTRACT_STARTS = tuple(w + " " for w in ABSTRACT_SUBJECTS)


def _clause_start(text: str, a: int) -> int:
    """Where the name's clause begins: a stop, a colon, a comma, or "but" / "so" before it."""
    lo = max(0, a - _REACH)  # (speed: a clause is read from at most `_REACH` characters back)
    s = max(lo, max(text.rfind(ch, lo, a) for ch in ".!?;:,\n") + 1)
    return max(s, text.rfind(" but ", s, a) + 1, text.rfind(" so ", s, a) + 1)


_WHO_SUBJECTS = frozenset(("he", "she", "anyone", "men", "women", "girls", "boys", "people"))
_ONE_VERBS = frozenset(("can", "could", "must", "should", "will", "would", "may", "might", "cannot", "never", "always",
                        "learns", "gets", "needs"))
_HABIT_VERBS = frozenset(("would", "will", "always", "never", "seldom", "rarely", "often", "usually", "can", "should",
                          "must", "tend"))
_DIRECT = ABSTRACT_SUBJECTS | LAW_ADVERBS | frozenset(("like", "every", "whoever", "sense"))


def _may(words) -> bool:
    """False only where no reading of `_generic` can apply: each needs its cue word, and the generic subjects their
    verb or their "who" (speed: "one", "who" and "where" are common words, their readings rare)."""
    if not _DIRECT.isdisjoint(words):
        return True
    if "who" in words and not _WHO_SUBJECTS.isdisjoint(words):
        return True
    if "one" in words and not _ONE_VERBS.isdisjoint(words):
        return True
    if "where" in words and ("it" in words or "one" in words or "you" in words):
        return True
    return not GENERIC_PLURALS.isdisjoint(words) and not _HABIT_VERBS.isdisjoint(words)


def _is_law_text(text: str) -> bool:
    return _LAW_HEAD.match(text) is not None


def _generic(prefix: str, words: set[str]) -> bool:
    """The sentence before the name (lower case, `prefix`) makes it a kind (module docstring)."""
    if not any(cue in prefix for cue in _CUES) and not prefix.lstrip().startswith(_ABSTRACT_STARTS):
        return False  # (speed: each reading below needs one of these pieces in the clause)
    toks = _WORD.findall(prefix)
    if not toks or not NAMING_VERBS.isdisjoint(toks):
        return False
    if "like" in words and "like" in toks:
        if _COPULA_LIKE.search(prefix):
            return True
        m = _DET_LIKE.search(prefix)
        if m is not None and (m.group(2) or m.group(1) not in APPEARANCE):
            return True
    if "sense" in words and "sense" in toks and _IN_THE_SENSE.search(prefix):
        return True
    if toks[0] in ABSTRACT_SUBJECTS and len(toks) <= 4 and toks[1:2] in (["is"], ["was"], ["are"]):
        return True
    if toks[-1] == "every":
        return True
    for gate, pattern in ((("who" in toks or "whoever" in toks), _WHO), ("one" in toks, _ONE_VERB),
                          (not GENERIC_PLURALS.isdisjoint(toks), _PLURAL_HABIT)):
        m = pattern.search(prefix) if gate else None
        # (the generic subject's own clause names no person: "anyone who read my thread" is the writer's)
        if m is not None and PERSONAL.isdisjoint(_WORD.findall(prefix, m.end())):
            return True
    if toks[-1] in ("it", "one", "you", "can") and _WHERE_IT.search(prefix):
        return True
    if not LAW_ADVERBS.isdisjoint(toks) and PERSONAL.isdisjoint(toks) and toks[0] not in (
            "the", "its", "your", "that", "those", "there", "it", "you", "which"):
        return True
    return False


def figurative(text: str, res: TagResult, words: set[str]) -> None:
    """The asserted names of a simile, a metaphor or a general law are uncertain kinds (module docstring)."""
    law = not LAW_WORDS.isdisjoint(words) and _is_law_text(text)
    if not law and not _may(words):
        return
    low = None
    for c in res.conditions:
        if c.negated or c.uncertain or c.historical:
            continue
        if not law:
            if low is None:
                low = text.lower()
            a = c.span[0]
            if not _generic(low[_clause_start(low, a):a], words):
                continue
        c.uncertain, c.hedged, c.concluded = True, False, False
