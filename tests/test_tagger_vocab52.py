"""Vocabulary of round 52: a word written as its spoken syllables joined by hyphens, and palms that sweat so badly.

- a writer's pronunciation guide ("sorry-asis", "vitty-lie-go", "mel-a-noma in sit-oo") is read as the name word the
  joined syllables say (`normalise.syllable_chains`, `fuzzy.syllable_fold`, `FuzzyMatcher.syllables`,
  `MatchingPasses._syllables`); a hyphenated English compound or colour pair is left as it is.
- palms that "sweat so badly / heavily" (hyperhidrosis, as "so much").
- a chain inside a false friend the exact pass reads ("Port-wine stains on my blouse") stays that phrase's word.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.fuzzy import syllable_fold, syllable_vowels
from derm1m_build.tagger.normalise import syllable_chains
from tagger_helpers import read, tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, conditions, concepts", [
    # spoken syllables joined by hyphens
    ("and on the knees you see the sorry-asis plaques again", {"psoriasis": A}, {"plaque": A}),
    ("she had vitty-lie-go on both hands since school", {"vitiligo": A}, {}),
    ("so we excised it and it was a mel-a-noma in sit-oo", {"melanoma-in-situ": A}, {}),
    ("the toddler has eck-zeema behind both knees", {"eczema": A}, {"flexural": A}),
    ("this old man has lots of seb-or-rick keratoses on the back", {"seborrheic-keratosis": A}, {}),
    ("plenty of ack-tinic keratoses on his bald head", {"actinic-keratosis": A}, {}),
    ("a boggy ker-ee-on on the scalp of a farm boy", {"kerion": A}, {}),
    # (round 56: a site after "on" gives the site's subtype, as set 13 reads "no psoriasis on the nails or scalp")
    ("no sign of sorry-assis on the nails", {"nail-psoriasis": N}, {}),
    # (guards: hyphenated English words and colour pairs are left as they are)
    ("A well-known blue-grey patch on the sacrum, e-mail me the photo", {}, {"gray": A, "patch": A}),
    ("Café-au-lait macules on a six-year-old; a follow-up in a year.", {"cafe-au-lait-macule": A}, {}),
    # palms that sweat so badly
    ("My palms sweat so badly that my phone slips out of my hand.", {"hyperhidrosis": A}, {}),
    # a chain inside a false friend, a compound's word
    ("Port-wine stains on my blouse after the dinner party, and a wart-like crust on my knee.", {"viral-wart": U},
     {"crust": A}),
    ("Fine white scale on the elbows of a teenager.", {}, {"scale": A}),
])
def test_round52_forms(tg, text, conditions, concepts):  # noqa: F811
    assert read(tg, text) == (conditions, concepts)


def test_syllable_chains_and_folds():
    assert syllable_chains("mel-a-noma in sit-oo, a 5-year-old, well-known") == [
        (0, 10, "melanoma"), (14, 20, "sitoo"), (36, 46, "wellknown")]
    assert syllable_chains("no hyphen here") == []
    assert syllable_fold("sorryasis") == syllable_fold("psoriasis") == "sarasas"
    assert syllable_fold("eckzeema") == syllable_fold("eczema") == "aksama"
    assert syllable_fold("lipohma") == syllable_fold("lipoma") == "lapama"
    assert syllable_fold("sitoo") == syllable_fold("site") == "sata"
    assert syllable_vowels("sitoo") == syllable_vowels("situ") == "situ" != syllable_vowels("site")
