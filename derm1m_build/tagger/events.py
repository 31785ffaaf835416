"""An injury told as an event: who bit, stung or burned whom.

The ontology names a bite, a sting or a burn by its noun ("dog bite", "insect bites", "bee sting", "burn"). News,
chat and case prose tell the same injury with a verb: "shark bites surfer", "man bitten by radioactive sloth", "stung
by a wasp", "whatever possessed her to bite friend's face", "he burned his right thigh", "an oft-burned tongue". The
verb is the event when it falls on a person or a body part (ANNOTATION.md rule 1: the words a dermatologist reads as
the node), read from the biter's kind:

- **active**: an animal within a few words before "bite(s) / bit / biting / sting(s) / stung", and a person or a body
  part within a few words after it ("crocodile bites off bush's arm", "pitbull mix only bites off half of toddler's
  face", "mosquitoes don't even need to bite us");
- a **person** biting: the word right before the verb (or before its "to") is a person, and what is bitten is
  another person ("toddler bites classmate", "possessed her to bite friend's face"); one's own body part ("bite
  your tongue", "bite fingernails", "bite the hand that feeds you") is no injury (set 41's annotation);
- **passive**: "bitten / bit / stung by" an animal or a person ("man bitten by radioactive sloth", "stung by a bee");
- **burned, bruised**: "burned / burnt / scalded" (a burn) and "bruised" (`ecchymosis`) right before a body part, with
  at most a determiner and one word between ("oft-burned tongue", "burned skin tissues", "burned his right thigh",
  "bruised his knee"); burned cars, CDs and calories, a bruised reed or ego are no body, and "(staph) scalded skin
  (syndrome)" is the syndrome's name.

The biter gives the node: a mosquito's bite `mosquito-bite`, a spider's `spider-bite`, a tick's `tick-bite`, a flea's
`flea-bites`, other insects' `insect-bite`, a bee's, wasp's or hornet's sting `bee-sting`, a jellyfish's
`jellyfish-sting`, any other animal's bite `animal-bite`; a person's bite the group `bites-and-stings` (set 43 reads a
toddler's and a footballer's bite so; the ontology's own "human bite" synonym, a name, stays `animal-bite`). A
mosquito or a tick in a sentence about what it transmits ("an infected mosquito bites a person and the parasite ...")
is a vector, no bite (round 43). Where a name of the lexicon already covers the words ("bitten by a dog", "mosquito
bites"), it stands and no event is added. The event's span runs from the verb to the bitten (or to the biter of the
passive), so its status is read by ConText like any name's ("the dog did not bite him": negated) and the verb
reading of `everyday` (which asks about a name ending in the verb) does not take it for the everyday sense.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.lexicon import Target

ACTIVE_VERBS = frozenset(("bite", "bites", "bit", "biting", "sting", "stings", "stung", "stinging"))
PASSIVE_VERBS = frozenset(("bitten", "bit", "stung"))
# an injury's participle before the body part it marks, and its node
INJURED = {"burned": "thermal-burn", "burnt": "thermal-burn", "scalded": "thermal-burn", "bruised": "ecchymosis"}
BURN_WORDS = frozenset(INJURED)
# the gate (`core`): a text holds one of these words
EVENT_WORDS = ACTIVE_VERBS | PASSIVE_VERBS | BURN_WORDS
STING_VERBS = frozenset(("sting", "stings", "stung", "stinging"))

# the biter's kind -> the node of its bite (the first of the node ids the ontology has)
_KINDS = {
    "mosquito-bite": ("mosquito", "mosquitoes", "mosquitos", "mozzie", "mozzies", "mossie", "mossies"),
    "spider-bite": ("spider", "spiders", "tarantula", "tarantulas", "recluse", "widow"),
    "tick-bite": ("tick", "ticks"),
    "flea-bites": ("flea", "fleas"),
    "bed-bug-bites": ("bedbug", "bedbugs"),
    "insect-bite": ("insect", "insects", "bugs", "ant", "ants", "midge", "midges", "gnat", "gnats", "chigger",
                    "chiggers", "horsefly", "horseflies", "grasshopper", "grasshoppers", "mite", "mites", "louse",
                    "lice", "sandfly", "sandflies", "blackfly", "blackflies", "caterpillar", "caterpillars"),
    "bee-sting": ("bee", "bees", "wasp", "wasps", "hornet", "hornets", "yellowjacket", "yellowjackets", "bumblebee",
                  "bumblebees"),
    "jellyfish-sting": ("jellyfish", "jellyfishes", "man-of-war"),
    "animal-bite": ("dog", "dogs", "puppy", "puppies", "pup", "cat", "cats", "kitten", "kittens", "housecat", "shark",
                    "sharks", "crocodile", "crocodiles", "croc", "alligator", "alligators", "gator", "snake", "snakes",
                    "python", "cobra", "rattlesnake", "rattler", "viper", "adder", "lizard", "lizards", "iguana",
                    "rat", "rats", "mouse", "mice", "hamster", "gerbil", "ferret", "squirrel", "squirrels", "raccoon",
                    "fox", "foxes", "bat", "bats", "monkey", "monkeys", "chimp", "chimpanzee", "ape", "gorilla",
                    "baboon", "macaque", "horse", "horses", "pony", "donkey", "camel", "llama", "bear", "bears",
                    "lion", "lions", "tiger", "tigers", "leopard", "jaguar", "cougar", "puma", "wolf", "wolves",
                    "coyote", "hyena", "dingo", "pitbull", "pitbulls", "terrier", "rottweiler", "chihuahua",
                    "poodle", "labrador", "hippo", "seal", "otter", "beaver", "badger", "pig", "hog", "boar", "goat",
                    "rabbit", "bunny", "parrot", "goose", "geese", "swan", "gull", "seagull", "ostrich", "emu", "magpie", "rooster", "eel", "piranha", "barracuda",
                    "octopus", "sloth", "possum", "opossum", "skunk", "weasel", "mink", "komodo", "dragon", "animal",
                    "animals", "pet", "beast", "scorpion", "scorpions", "centipede", "stingray"),
}
ANIMALS = {w: nid for nid, ws in _KINDS.items() for w in ws}
# a stinging animal stings: its sting is its node; what bites and stings otherwise, the group
STINGERS = frozenset(("bee-sting", "jellyfish-sting"))

PERSONS = frozenset((
    "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "child", "children", "kid", "kids", "toddler",
    "toddlers", "twin", "twins", "baby", "babies", "infant", "infants", "teen", "teens", "teenager", "teenagers", "student", "students",
    "surfer", "surfers", "swimmer", "swimmers", "diver", "divers", "snorkeler", "bather", "bathers", "beachgoer",
    "hiker", "hikers", "camper", "campers", "jogger", "runner", "cyclist", "tourist", "tourists", "visitor",
    "visitors", "owner", "owners", "farmer", "fisherman", "angler", "hunter", "keeper", "zookeeper", "handler",
    "trainer", "vet", "mailman", "postman", "postwoman", "courier", "worker", "workers", "officer", "cop", "soldier",
    "mother", "father", "mom", "mum", "dad", "son", "daughter", "brother", "sister", "wife", "husband", "friend",
    "friends", "neighbour", "neighbor", "classmate", "classmates", "player", "opponent", "rival", "grandma",
    "grandpa", "grandmother", "grandfather", "grandson", "granddaughter", "uncle", "aunt", "nephew", "niece",
    "cousin", "nurse", "doctor", "teacher", "guy", "lady", "gentleman", "fan", "fans", "spectator", "passenger",
    "resident", "residents", "customer", "guest", "victim", "victims", "patient", "patients", "person", "people",
    "someone", "somebody", "anyone", "anybody", "everyone", "human", "humans", "adult", "adults", "pope",
    "president", "senator", "actor", "actress", "singer", "reporter"))
OBJECT_PRONOUNS = frozenset(("me", "him", "her", "us", "them", "you"))
SUBJECT_PRONOUNS = frozenset(("i", "he", "she", "we", "they", "you", "her", "him"))
BODY_PARTS = frozenset((
    "skin", "hand", "hands", "finger", "fingers", "fingertip", "fingertips", "thumb", "thumbs", "palm", "palms",
    "face", "faces", "cheek", "cheeks", "chin", "lip", "lips", "tongue", "mouth", "nose", "ear", "ears", "eyelid",
    "eyelids", "forehead", "scalp", "head", "neck", "shoulder", "shoulders", "arm", "arms", "forearm", "forearms",
    "elbow", "elbows", "wrist", "wrists", "back", "chest", "breast", "breasts", "belly", "abdomen", "hip", "hips",
    "buttock", "buttocks", "leg", "legs", "thigh", "thighs", "knee", "knees", "calf", "calves", "shin", "shins",
    "ankle", "ankles", "foot", "feet", "toe", "toes", "heel", "heels", "sole", "soles", "body", "flesh", "tissue",
    "tissues"))
# words passed over between the verb and what it falls on ("bites off half of toddler's face", "burned his right thigh")
PASS_OVER = frozenset(("a", "an", "the", "my", "your", "his", "her", "our", "their", "its", "this", "that", "s", "off",
                       "into", "through", "half", "part", "of", "chunk", "piece", "both", "one", "two", "several"))
NOUN_BEFORE = frozenset(("a", "an", "the", "these", "those", "my", "your", "his", "our", "their", "its", "some", "any",
                         "no", "few", "many", "several", "multiple", "two", "three", "sound", "first", "one", "quick",
                         "little", "s"))
# before the verb's "to": an intention, a need or a try, no event yet ("lizard planning to bite new owner",
# "mosquitoes don't even need to bite us"); a modal before the verb likewise ("a dog may bite a child")
INTENDED = frozenset(("planning", "plans", "plan", "planned", "wants", "want", "wanted", "going", "about", "threatens",
                      "threatened", "threatening", "tries", "trying", "tried", "attempts", "attempted", "likely",
                      "need", "needs", "ready", "able", "can", "could", "may", "might", "will", "would", "should"))
OWN = frozenset(("my", "your", "his", "her", "our", "their", "its", "own"))
# a sentence about what a vector carries is no one's bite (round 43's malaria research)
VECTOR_WORDS = frozenset(("infected", "infective", "transmit", "transmits", "transmitted", "transmitting",
                          "transmission", "vector", "vectors", "malaria", "dengue", "zika", "plasmodium", "parasite",
                          "parasites", "virus", "viruses", "pathogen", "pathogens", "sporozoites", "borrelia"))
_TOKEN = re.compile(r"[a-z0-9]+|\|")
_BEFORE = 6  # words looked at before the verb for its biter
_AFTER = 6  # words looked at after it for what it falls on


def _falls_on(toks: list, i: int, person_biter: bool) -> int | None:
    """The index of the token the verb at `i` falls on (a person, or a body part after an animal's verb), or None.
    One unknown word may stand between ("bush" of "bites off bush's arm", "new" of "bite new owner"); a clause end,
    "back" right after the verb ("bites back") or a second unknown word stops the look."""
    unknown = 0
    own = False
    for j in range(i + 1, min(len(toks), i + 1 + _AFTER)):
        w = toks[j][0]
        if w == "|" or (w == "back" and j == i + 1):
            return None
        if w in PERSONS or (w in OBJECT_PRONOUNS and not (j + 1 < len(toks) and toks[j + 1][0] in BODY_PARTS)):
            return j
        if w in BODY_PARTS:
            # a person biting a body part bites another's ("friend's face"), not their own or an unowned one
            if person_biter and (own or not (j > 1 and toks[j - 1][0] == "s")):
                return None
            return j
        if w in OWN:
            own = True
        if w in PASS_OVER:
            continue
        unknown += 1
        if unknown > 1:
            return None
    return None


def _biter_before(toks: list, i: int) -> tuple[str | None, int]:
    """(the node of the animal biting, or "person", or None; the index of its word) before the verb at `i`."""
    j = i - 1
    if j >= 0 and toks[j][0] == "to":
        j -= 1
    if j >= 0 and (toks[j][0] in PERSONS or toks[j][0] in SUBJECT_PRONOUNS):
        return "person", j
    for k in range(i - 1, max(-1, i - 1 - _BEFORE), -1):
        w = toks[k][0]
        if w == "|":
            break
        nid = ANIMALS.get(w) or (ANIMALS.get(w[:-1]) if w[-1:] == "s" else None)
        if nid is not None:
            return nid, k
    return None, -1


def _node(kind: str, verb: str, has) -> str | None:
    """The node of a bite or a sting by `kind` (an animal's node or "person"), the first the ontology has."""
    if kind == "person":
        nid = "bites-and-stings"
    elif verb in STING_VERBS and kind not in STINGERS:
        nid = "bites-and-stings"  # "stung by dog", "a scorpion stings"
    else:
        nid = kind
    if has(nid):
        return nid
    return "bites-and-stings" if has("bites-and-stings") else None


_ADVERBS = frozenset(("even", "just", "really", "only", "still", "always", "never", "not", "t"))


def _intended(toks: list, i: int) -> bool | None:
    """True for an intention, a need, a try or a modal right before the verb (or its "to"): no event yet; None when
    that intention is itself denied ("mosquitoes don't even need to bite us": neither a bite nor its denial)."""
    j = i - 1
    if j >= 0 and toks[j][0] == "to":
        j -= 1
    while j >= 0 and toks[j][0] in _ADVERBS:
        j -= 1
    if j < 0 or toks[j][0] not in INTENDED:
        return False
    j -= 1
    while j >= 0 and toks[j][0] in _ADVERBS:
        if toks[j][0] in ("not", "t", "never"):
            return None
        j -= 1
    return True


def add_events(n: str, hits: list, has) -> list:
    """`hits` with each event of `event_spans` added as a condition hit, where no condition hit overlaps its span or
    its biter's word (a name of the lexicon said it already: "bitten by a dog", "bed bugs ... bites"); an intended
    event is marked ambiguous (uncertain, as a guess is: "lizard planning to bite new owner")."""
    new = []
    for a, b, nid, w, unsure in event_spans(n, has):
        if any(x < b and a < y for x, y, t, _ in hits if t.kind == "condition") or any(
                x < w[1] and w[0] < y for x, y, t, _ in hits if t.kind == "condition"):
            continue
        new.append((a, b, Target("condition", nid, 0, ambiguous=unsure), 100.0))
    return hits + new if new else hits


def event_spans(n: str, has) -> list[tuple[int, int, str, tuple[int, int], bool]]:
    """(start, end, node id, the biter's or the burn word's span, intended) of each bite, sting or burn told as an
    event in the normalised text `n` (lower case, a clause end written "|"); `has(nid)` answers whether the ontology
    holds a node."""
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(n)]
    words = {t[0] for t in toks}
    out: list[tuple[int, int, str, tuple[int, int], bool]] = []
    vector = not VECTOR_WORDS.isdisjoint(words)
    for i, (w, a, b) in enumerate(toks):
        if w in BURN_WORDS:
            if i and toks[i - 1][0] in ("staph", "staphylococcal"):
                continue  # "staph scalded skin": the syndrome's name, no burn
            j = i + 1
            skipped = 0
            while j < len(toks) and toks[j][0] not in BODY_PARTS and skipped < 2 and toks[j][0] != "|":
                skipped += 1
                j += 1
            if j < len(toks) and toks[j][0] in BODY_PARTS and has(INJURED[w]) and not (
                    j + 1 < len(toks) and toks[j + 1][0] == "syndrome") and (
                    skipped == 0 or toks[i + 1][0] in OWN or toks[i + 1][0] in ("the", "a")):
                out.append((a, toks[j][2], INJURED[w], (a, b), False))
            continue
        if w in PASSIVE_VERBS and i + 1 < len(toks) and toks[i + 1][0] == "by":
            for k in range(i + 2, min(len(toks), i + 5)):
                x = toks[k][0]
                if x == "|":
                    break
                kind = ANIMALS.get(x) or (ANIMALS.get(x[:-1]) if x[-1:] == "s" else None) or (
                    "person" if x in PERSONS else None)
                if kind is not None:
                    if not (vector and kind in ("mosquito-bite", "tick-bite", "insect-bite")):
                        nid = _node(kind, w, has)
                        if nid:
                            out.append((a, toks[k][2], nid, toks[k][1:], False))
                    break
            continue
        if w not in ACTIVE_VERBS or (i and toks[i - 1][0] in NOUN_BEFORE):
            continue  # "the bites", "a bit", "their stings": a noun
        kind, k = _biter_before(toks, i)
        if kind is None or (vector and kind in ("mosquito-bite", "tick-bite", "insect-bite")):
            continue
        j = _falls_on(toks, i, kind == "person")
        if j is None or (kind == "person" and toks[j][0] in BODY_PARTS and toks[j - 1][0] != "s"):
            continue
        nid = _node(kind, w, has)
        unsure = _intended(toks, i)
        if nid and unsure is not None:
            out.append((a, toks[j][2], nid, toks[k][1:], unsure))
    return out
