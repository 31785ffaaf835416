"""Vocabulary of round 53: spoken syllables past a listed misspelling and into a heard name, the mouth's and the
gums' lesions, and set 38's false friends.

- a chain of spoken syllables that folds alike with a name word and with a misspelling the vocabulary lists of it
  ("ex-zeema": eczema and "excema") is the name word (`FuzzyMatcher._spellings`); "gz" is said as "x" ("eg-zee-ma");
  an English word said in syllables that a heard name holds ("plant-er warts") reads as the heard name.
- "oral erosions", erosions or ulcers on the gums, "crusted lips" and the cheek's lining are Mucosal involvement; a
  tongue that swells or a strawberry tongue is not.
- a breast abscess is another organ's (no skin abscess); a nail's salmon patch is no capillary stain; a clear border is
  Well-demarcated.
- a mole that is food or a building, a thing's scale, a red thing and a chemical peel name no finding.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import read, tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, conditions, concepts", [
    # spoken syllables
    ("the baby's ex-zeema is worst in the elbow creases", {"eczema": A}, {"flexural": A}),
    ("and here the eg-zee-ma has cracked on the knuckles", {"eczema": A}, {"fissure": A}),
    ("he's got two plant-er warts under the big toe", {"plantar-wart": A}, {}),
    # (guard: an English word in syllables that no heard name holds stays English)
    ("The re-done x-ray came by e-mail; the plant-er box by the door is new.", {}, {}),
    # the mouth's and the gums' lesions
    ("Painful oral erosions for six weeks, then flaccid bullae on the back: pemphigus vulgaris.",
     {"pemphigus-vulgaris": A}, {"erosion": A, "mucosal-involvement": A, "bulla": A}),
    ("Ulcers on her gums and a lacy white network on the cheek lining.", {},
     {"ulcer": A, "mucosal-involvement": A}),
    ("Crusted lips and target lesions on the hands a week after a cold sore.", {"herpes-labialis": A},
     {"crust": A, "mucosal-involvement": A, "targetoid": A}),
    # a swelling or a strawberry tongue is no lesion of the mouth's lining; the tongue's ulcers are
    ("A strawberry tongue and cracked red lips in a feverish child.", {}, {"fissure": A, "red": A}),
    ("Widespread wheals and swelling of the lips and tongue after the peanut.", {}, {"generalized": A, "wheal": A}),
    ("Two shallow ulcers on the tongue and grey vesicles on the palms.", {},
     {"ulcer": A, "mucosal-involvement": A, "gray": A, "vesicle": A, "palmoplantar": A}),
    # erysipelas's clear border; a nail's salmon patch is nail psoriasis's sign
    ("A red, hot, swollen shin with a clear border: erysipelas.", {"erysipelas": A},
     {"red": A, "well-demarcated": A}),
    ("Salmon-patch discolouration and pitting of the fingernails: nail psoriasis.", {"nail-psoriasis": A}, {}),
    # the breast's abscess is another organ's
    ("Postpartum mastitis with abscess; a breast abscess was drained under ultrasound.", {}, {}),
    # false friends: food, a building, a thing's scale, red things, the cosmetic peel
    ("The Mole Antonelliana towers over Turin and the chicken mole was the best meal of the trip.", {}, {}),
    ("Mole poblano and mole negro were on the menu, and a mole verde for the children.", {}, {}),
    ("The kettle left a chalky white scale on the tray and a brown scale on the taps.", {}, {}),
    ("Itchy papules on her arm; the red car outside had a dent, and the shower gel was a red herring.",
     {"pruritus": A}, {"papule": A}),
    ("She booked a chemical peel to brighten her complexion.", {}, {}),
    # (guards: the skin's own scale and red stay read)
    ("Thick white scale on the scalp and a red plaque on each elbow.", {}, {"scale": A, "red": A, "plaque": A}),
    # (a guard's first word opens no key: "fine scale" / "thick scale" at a sentence's end stay read)
    ("Erythema of the cheeks with fine scale. Pink patches with thick scale.", {}, {"erythema": A, "scale": A,
                                                                                    "pink": A, "patch": A}),
])
def test_round53_forms(tg, text, conditions, concepts):  # noqa: F811
    assert read(tg, text) == (conditions, concepts)


def test_spellings_collapse_a_listed_misspelling():
    """A name word held by many names and a misspelling held by one fold alike: one word; two words each held by
    many names stay two (the chain is then read by its vowels)."""
    from derm1m_build.tagger.fuzzy import FuzzyMatcher

    class Tokens(frozenset):
        counts: dict[str, int]
        heard: frozenset[str]

    tokens = Tokens(("eczema", "excema", "site", "situ"))
    tokens.counts = {"eczema": 166, "excema": 1, "site": 40, "situ": 30}
    tokens.heard = frozenset(("planter",))
    fz = FuzzyMatcher(tokens, frozenset(("planter", "email")))
    assert fz._spellings(["eczema", "excema"]) == ["eczema"]
    assert fz._spellings(["site", "situ"]) == ["site", "situ"]
    assert fz.syllables("exzeema") == ("eczema", 76.9)
    assert fz.syllables("planter") == ("planter", 100.0)
    assert fz.syllables("email") is None
