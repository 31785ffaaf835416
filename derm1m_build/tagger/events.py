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
# round 59 (`_told_injuries`): the injury told without a biter or a burn's participle: "frostbitten", a heat blister, a
# burn done to oneself, a current's burns
FROST_WORDS = frozenset(("frostbitten", "frost-bitten"))
BLISTER_VERBS = frozenset(("blistering", "blistered", "blisters"))
BURN_VERBS = frozenset(("burn", "burns", "burning"))
TOLD_WORDS = FROST_WORDS | BLISTER_VERBS | BURN_VERBS | frozenset(("bite", "bites", "sting", "stings", "bitten",
                                                                  "stung", "scar", "scars"))
# round 59: a person right after the participle is the one burned or bruised ("a badly burned man", "heavily burned
# zombie": set 45 reads the game's zombies as human bodies; a burned corpse or house is none)
BURNED_PERSONS = frozenset(("man", "men", "woman", "women", "boy", "boys", "girl", "girls", "child", "children", "baby",
                            "toddler", "victim", "victims", "patient", "patients", "person", "people", "soldier",
                            "soldiers", "survivor", "survivors", "zombie", "zombies", "firefighter", "firefighters",
                            "worker", "workers", "kid", "kids"))
# ... as the participle's adjective: after a determiner, an adverb of degree or a clause's start ("a badly burned man");
# after a subject it is the verb ("witches and burned women": an act, no injury told)
BURNED_BEFORE = frozenset(("|", "a", "an", "the", "two", "three", "several", "many", "some", "badly", "heavily",
                           "severely", "seriously", "critically", "partially", "terribly", "horribly", "fatally"))
# round 58's words: any of them sends a text to `event_spans`; round 59's others only where `gates.told_may` says
ROUND58_EVENT_WORDS = ACTIVE_VERBS | PASSIVE_VERBS | BURN_WORDS
# the gate (`core`): a text holds one of these words
EVENT_WORDS = ROUND58_EVENT_WORDS | TOLD_WORDS
STING_VERBS = frozenset(("sting", "stings", "stung", "stinging"))

# the biter's kind -> the node of its bite (the first of the node ids the ontology has)
_KINDS = {
    "mosquito-bite": ("mosquito", "mosquitoes", "mosquitos", "mozzie", "mozzies", "mossie", "mossies"),
    "spider-bite": ("spider", "spiders", "tarantula", "tarantulas", "recluse", "widow"),
    "tick-bite": ("tick", "ticks"),
    "flea-bites": ("flea", "fleas"),
    "bed-bug-bites": ("bedbug", "bedbugs"),
    "insect-bite": ("insect", "insects", "bugs", "fly", "flies", "ant", "ants", "midge", "midges", "gnat", "gnats", "chigger",
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
VECTOR_NAMES = VECTOR_WORDS - frozenset(("infected", "infective"))
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


# --- round 59: an injury told of a person with no biter named, or with no participle before a body part -------------
# The game's and the survivors' own words (set 45): "You have been stung!", "some of the others ... got stung", "the
# other survivors that had been bitten", "Died of an infected bite", "Those bites tickle", "wounds from bullets and
# bites", "Your %s is frostbitten!", "Your %s is blistering from the intense heat", "sustained severe current burns",
# "Try not to burn yourself". A bite or a sting whose biter is not named is the group `bites-and-stings` (sets 34, 41
# and 43 read a bare "bite" / "sting" so; a name of the lexicon, "bite wound" `animal-bite` among them, stands).
# the auxiliary of a passive with no biter named ("have been stung", "got bitten")
PASSIVE_AUX = frozenset(("been", "got", "get", "gets", "getting", "was", "were", "is", "are", "be", "being"))
# who is bitten: a person, a pronoun, or the relative that stands for one ("the survivors that had been bitten")
BITTEN_SUBJECTS = PERSONS | SUBJECT_PRONOUNS | frozenset((
    "who", "others", "survivors", "survivor", "folks", "ve", "d", "ll", "zombie", "zombies", "refugees", "soldiers"))
# after the participle: what makes it no injury ("bitten raw with pride", "stung with a bill", "bitten for 5 dollars")
PASSIVE_BLOCK_AFTER = frozenset(("with", "raw", "for", "into", "to", "up", "out"))
# "by" + one of these: the biter is not named ("bitten by something")
UNNAMED_BITERS = frozenset(("something", "someone", "somebody", "one", "it", "them", "what", "whatever"))
# a bite or a sting (the noun) told as an injury: a wound's word before it ("an infected bite", "deep bites")
INJURY_BEFORE = frozenset(("infected", "deep", "nasty", "painful", "fresh", "open", "swollen", "itchy", "septic",
                           "angry", "severe", "minor", "healing", "healed", "inflamed", "festering", "bleeding"))
# ... or what an injury does after it ("the bite got infected", "those bites tickle", "the sting itself barely hurt")
INJURY_AFTER = frozenset(("infected", "hurt", "hurts", "itch", "itches", "itched", "itching", "tickle", "tickles",
                          "swelled", "swell", "swells", "swollen", "healed", "heal", "heals", "bled", "bleeds", "festered",
                          "site", "sites", "mark", "marks", "itself", "wound", "wounds"))
# ... or a wound beside it ("wounds from bullets and bites", "the bites tickle and the wounds itch")
WOUND_WORDS = frozenset(("wound", "wounds", "injury", "injuries", "cuts", "scratches", "bruises"))
# a creature's weapon: "a paralyzing sting", "its highly toxic bite" (a danger described, `?`)
VENOM_BEFORE = frozenset(("toxic", "venomous", "poisonous", "paralyzing", "paralysing", "paralytic", "deadly",
                          "lethal"))
NOUN_FORMS = frozenset(("bite", "bites", "sting", "stings"))
SCAR_WORDS = frozenset(("scar", "scars"))
# a creature named before "its bite" whose kind gives no node of its own (the group)
CREATURES = frozenset(("creature", "creatures", "monster", "monsters", "plant", "beast"))
# food, sound and fishing bites and the words that make one ("a bite to eat", "one bite", "sound bites")
NOT_INJURY_BEFORE = frozenset(("one", "first", "last", "single", "sound", "quick", "little", "chicken", "cookie",
                               "love", "stork", "frost", "human", "bed", "police", "fbi", "sweet", "bark", "dough",
                               "another", "s"))
# heat that blisters ("blistering from the intense heat") is a thermal burn; a word of fire or heat after "from"
HEAT_WORDS = frozenset(("heat", "fire", "flames", "flame", "steam", "stove", "radiator", "explosion", "blast"))
REFLEXIVES = frozenset(("yourself", "myself", "himself", "herself", "themselves", "yourselves", "ourselves"))
# a word of electricity before "burns" names the electrical burn ("sustained severe current burns")
ELECTRIC_WORDS = frozenset(("current", "electric", "electricity", "voltage", "electrocution", "arc"))
# a chemical named in the sentence makes a burn done to the skin a chemical one ("acid mist ... that burnt our eyes and
# skin"); `burning` reads the same words for a substance's hazard
CHEMICAL_WORDS = frozenset(("acid", "acids", "acidic", "caustic", "corrosive", "lye", "alkali", "alkaline", "bleach",
                            "peroxide", "oxidant", "solvent", "chemical", "chemicals", "hydroxide", "ammonia"))


def _sentence(toks: list, i: int) -> tuple[int, int]:
    """The token range of the clause-run around `i` (between "|" marks)."""
    a = i
    while a > 0 and toks[a - 1][0] != "|":
        a -= 1
    b = i
    while b + 1 < len(toks) and toks[b + 1][0] != "|":
        b += 1
    return a, b + 1


def _person_before(toks: list, i: int, reach: int = 6) -> bool:
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        if toks[k][0] == "|":
            return k == i - 1 and False
        if toks[k][0] in BITTEN_SUBJECTS:
            return True
    return False


def _told_injuries(toks: list, has, named=None, vector: bool = False) -> list[tuple[int, int, str, tuple[int, int], bool]]:
    """Round 59: the injuries of a person told with no biter named, in the game's and the survivors' words (above).
    `named(a, b)` answers whether the words before the noun at `b` and the noun are written as a name ("Viper Bite", a
    fighting move; "Centipede Bite"): no injury."""
    out: list[tuple[int, int, str, tuple[int, int], bool]] = []
    group = "bites-and-stings" if has("bites-and-stings") else None
    for i, (w, a, b) in enumerate(toks):
        prev = toks[i - 1][0] if i else "|"
        nxt = toks[i + 1][0] if i + 1 < len(toks) else "|"
        if w in FROST_WORDS or (w == "bitten" and prev == "frost"):
            if has("frostbite"):
                out.append((toks[i - 1][1] if w == "bitten" else a, b, "frostbite", (a, b), False))
            continue
        if w in ("bitten", "stung") and group:
            # a passive with no biter named: "you have been stung", "got bitten by something", "who had been bitten"
            j = i - 1
            while j >= 0 and toks[j][0] in ("just", "already", "never", "been", "badly", "recently", "ever"):
                if toks[j][0] == "been":
                    break
                j -= 1
            if j < 0 or toks[j][0] not in PASSIVE_AUX or nxt in PASSIVE_BLOCK_AFTER:
                continue
            if nxt == "by" and (i + 2 >= len(toks) or toks[i + 2][0] not in UNNAMED_BITERS):
                continue  # a biter named: the passive reading of `event_spans` (or none: "stung by criticism")
            if nxt == "on" and not any(t[0] in BODY_PARTS for t in toks[i + 2:i + 5]):
                continue
            if _person_before(toks, j):
                out.append((a, b, group, (a, b), False))
            continue
        if w in NOUN_FORMS and group and prev not in NOT_INJURY_BEFORE and prev not in SUBJECT_PRONOUNS \
                and prev not in INTENDED and prev != "to" and not (named and named(toks[i - 1][1], a)):
            # the noun told as an injury (an injury's word before or after it, a wound beside it) or as a creature's
            # weapon (`?`); a food's, a sound's or a fish's bite is none
            lo, hi = _sentence(toks, i)
            near_before = {t[0] for t in toks[max(lo, i - 2):i]}
            near_after = {t[0] for t in toks[i + 1:min(hi, i + 4)]}
            if nxt in ("to", "of", "sized", "size", "the", "into", "off", "back", "block", "blocks") or (
                    nxt in OBJECT_PRONOUNS or nxt in OWN) or vector:
                # "a bite to eat", "bites of leftovers", "bite sized", "bite the dust", "bite me", "bites her
                # hindquarters" (the verb); a vector's bites in malaria research (round 43)
                continue
            if nxt == "on" and not any(t[0] in BODY_PARTS for t in toks[i + 2:i + 6]):
                continue  # bites landed on what is no body ("painful bites on the female mosasaurus")
            kind = ANIMALS.get(prev) or (ANIMALS.get(prev[:-1]) if prev[-1:] == "s" else None)
            if kind is not None and any(ANIMALS.get(t[0]) == "animal-bite" for t in toks[:i - 1]):
                continue  # an animal bitten ("the horse has sweet itch from midge bites"): no patient's bite
            if kind is not None:
                # an animal's name before the noun names its bite ("protection against shark bites"); the lexicon's
                # own names ("dog bite", "mosquito bites") cover theirs first (`add_events`)
                nid = _node(kind, w, has)
                if nid:
                    out.append((toks[i - 1][1], b, nid, (a, b), False))
            elif (not VENOM_BEFORE.isdisjoint(near_before) and "non" not in near_before) or (
                    prev in ("its", "their") and toks[i - 2][0] != "than"
                    and any(t[0] in ANIMALS or t[0] in CREATURES for t in toks[:i])):
                # a creature's weapon: the creature named before it gives the node ("a spider ... known for its
                # highly toxic bite"), uncertain
                # (or "its bite" after a creature named: "A blood-sucking fly ... Its bite leaves behind itchy welts")
                biter = next((ANIMALS.get(t[0]) for t in reversed(toks[:i]) if t[0] in ANIMALS), None)
                out.append((a, b, (_node(biter, w, has) if biter else None) or group, (a, b), True))
            elif not INJURY_BEFORE.isdisjoint(near_before) or not INJURY_AFTER.isdisjoint(near_after) or (
                    prev == "the" and i > 1 and toks[i - 2][0] in ("around", "near", "at", "over")) or (
                    prev == "for" and any(t[0] == "check" for t in toks[max(lo, i - 4):i])) or (
                    nxt == "on" and any(t[0] in BODY_PARTS for t in toks[i + 2:i + 5])) or any(
                    t[0] in WOUND_WORDS for t in toks[max(lo, i - 4):min(hi, i + 5)]):
                out.append((a, b, group, (a, b), False))
            continue
        if w in SCAR_WORDS and has("cutaneous-scar"):
            # a person's scar: a possessive before it ("take pride in your scars") or a body part after its "on"
            # ("the bloody scars on the side of its shaved head"); `add_events` keeps it only where no other condition
            # is named (beside a diagnosis a scar is that disease's feature, the Scar concept: sets 6, 8)
            if prev in OWN and prev != "its" or (i > 1 and toks[i - 2][0] in OWN and toks[i - 2][0] != "its"
                                                  and prev not in NOT_INJURY_BEFORE) or (
                    nxt == "on" and any(t[0] in BODY_PARTS for t in toks[i + 2:i + 8])):
                out.append((a, b, "cutaneous-scar", (a, b), False))
            continue
        if w in BLISTER_VERBS and nxt == "from" and has("thermal-burn"):
            # "blistering from the intense heat": the heat's burn (the Bulla concept stays beside it)
            if any(t[0] in HEAT_WORDS for t in toks[i + 2:i + 6]):
                out.append((a, b, "thermal-burn", (a, b), False))
            continue
        if w in BURN_VERBS:
            if nxt in REFLEXIVES and w != "burns" and has("thermal-burn"):
                out.append((a, toks[i + 1][2], "thermal-burn", (a, b), False))  # "try not to burn yourself"
            elif w == "burn" and nxt == "to" and i + 2 < len(toks) and toks[i + 2][0] == "death" \
                    and has("thermal-burn"):
                out.append((a, toks[i + 2][2], "thermal-burn", (a, b), False))  # "unless you want to burn to death"
            elif w == "burns" and prev in ELECTRIC_WORDS and has("electrical-burn"):
                out.append((toks[i - 1][1], b, "electrical-burn", (a, b), False))
    return out


def _capitalised_pair(text: str):
    """`named` of `_told_injuries` for a text whose offsets are the normalised text's: both words capitalised, the
    first not opening a sentence."""
    def named(a: int, b: int) -> bool:
        if not (text[a:a + 1].isupper() and text[b:b + 1].isupper()):
            return False
        head = text[:a].rstrip()
        return bool(head) and head[-1] not in ".!?:("
    return named


def add_events(n: str, hits: list, has, text: str | None = None) -> list:
    """`hits` with each event of `event_spans` added as a condition hit, where no condition hit overlaps its span or
    its biter's word (a name of the lexicon said it already: "bitten by a dog", "bed bugs ... bites"); an intended
    event is marked ambiguous (uncertain, as a guess is: "lizard planning to bite new owner")."""
    new = []
    named = _capitalised_pair(text) if text is not None and len(text) == len(n) else None
    for a, b, nid, w, unsure in event_spans(n, has, named):
        if nid == "cutaneous-scar" and any(t.kind == "condition" for _, _, t, _ in hits):
            continue  # a scar beside a diagnosis (`_told_injuries`)
        if any(x < b and a < y for x, y, t, _ in hits if t.kind == "condition") or any(
                x < w[1] and w[0] < y for x, y, t, _ in hits if t.kind == "condition"):
            continue
        new.append((a, b, Target("condition", nid, 0, ambiguous=unsure), 100.0))
    return hits + new if new else hits


def event_spans(n: str, has, named=None) -> list[tuple[int, int, str, tuple[int, int], bool]]:
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
            if w != "scalded" and i + 1 < len(toks) and toks[i + 1][0] in BURNED_PERSONS and has(INJURED[w]) and (
                    i == 0 or toks[i - 1][0] in BURNED_BEFORE):
                out.append((a, toks[i + 1][2], INJURED[w], (a, b), False))  # round 59: "heavily burned zombie"
                continue
            j = i + 1
            skipped = 0
            while j < len(toks) and toks[j][0] not in BODY_PARTS and skipped < 2 and toks[j][0] != "|":
                skipped += 1
                j += 1
            while j < len(toks) and toks[j][0] in ("eyes", "eye", "and"):
                j += 1  # round 59: "burnt our eyes and skin"
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
    if not TOLD_WORDS.isdisjoint(words):
        # (a vector named, not only "infected": "died of an infected bite" is a person's)
        told = _told_injuries(toks, has, named, vector and not VECTOR_NAMES.isdisjoint(words))
        if told:
            # (an event read above covers its words: "otter bites swimmer" is the active bite, not a noun)
            taken = [(x[0], x[1]) for x in out] + [x[3] for x in out]
            out += [t for t in told if not any(x < t[1] and t[0] < y for x, y in taken)]
    if out and not CHEMICAL_WORDS.isdisjoint(words):
        # round 59: a burn done to the skin where a chemical is named is a chemical burn
        out = [(a, b, "chemical-burn", w, u) if nid == "thermal-burn" and has("chemical-burn") else (a, b, nid, w, u)
               for a, b, nid, w, u in out]
    return out
