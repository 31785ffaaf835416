"""Vocabulary of round 22: mechanisms applied to every ontology name rather than strings seen in a set.

- Names respelt by ear: a multi-word condition name with one word written as an English word one sound change away
  ("pityriasis rosa", "erythema multiform", "lichen sclerosis", "plantar wort", "strawbery mark", "basal sell
  carcinoma"). The fuzzy pass never looks at English words, so speech transcripts lost these names.
- Combining forms written joined, hyphenated or spaced ("hyper-pigmentation", "phyto-photodermatitis",
  "sub-ungual", "peri-oral", "postinflammatory").
- "sun-exposed" before a site is the photodistribution; an exposed person or study group is not.
- "candida" / "candidal" as the clinic names the infection; the organism in laboratory words is no finding.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.lexicon import HEARD, heard_forms
from derm1m_build.tagger.normalise import combining_forms, sound_respellings
from tagger_helpers import check, concepts, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # names respelt by ear in transcripts and posts
    ("Lecture 4, slide 12: and this one is pityriasis rosa, you can see the herald patch on the flank",
     {"pityriasis-rosea": A}, "pityriasis rosea"),
    ("so the teaching point is that erythema multiform gives you target lesions on the hands",
     {"erythema-multiforme": A}, "erythema multiforme"),
    ("so this is lichen sclerosis of the vulva in an older woman", {"lichen-sclerosus": A}, "lichen sclerosus"),
    ("and here a plantar wort under the big toe with those black dots", {"plantar-wart": A}, "plantar wart"),
    ("our baby has a strawbery mark on her forehead, the health visitor says it will shrink",
     {"infantile-hemangioma": A}, "infantile hemangioma"),
    ("we took off a basal sell carcinoma from his nose last spring", {"basal-cell-carcinoma": A},
     "basal cell carcinoma"),
    # ... and no respelling where no specialist word holds the name
    ("fresh basil and cell culture media were bought", {}, ""),
    # combining forms, hyphenated or spaced
    ("Post-inflammatory hyper-pigmentation on both cheeks", {"post-inflammatory-hyperpigmentation": A},
     "post-inflammatory hyperpigmentation"),
    ("Phyto-photodermatitis from lime juice on the backs of the hands", {"phytophotodermatitis": A},
     "phytophotodermatitis"),
    ("a sub-ungual haematoma of the great toenail after a marathon", {"subungual-hematoma": A},
     "subungual hematoma"),
    ("Peri-oral dermatitis after months of a steroid cream on the chin", {"perioral-dermatitis": A},
     "perioral dermatitis"),
    # candida as the clinic says it; the organism in the laboratory's words
    ("Swab came back positive, so the groin rash is candida after all", {"candidiasis": A}, "candidiasis"),
    ("Candidal paronychia of the index finger in a cleaner", {"candidiasis": A, "paronychia": A}, "paronychia"),
    ("Candidal onychia of two fingernails", {"candidiasis": A}, "candidiasis"),
    ("by a Candida-negative patient with chronic mucocutaneous candidiasis", {"chronic-mucocutaneous-candidiasis": A},
     "chronic mucocutaneous candidiasis"),
    ("Candida albicans isolates were tested against fluconazole", {}, ""),
    ("Candidal esophagitis in a transplant recipient", {}, ""),
])
def test_round22_vocabulary(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_sun_exposed_site_is_photodistributed(tg):  # noqa: F811
    t, _ = tg
    assert "photodistributed" in concepts(t.tag("Scaly red plaques confined to the sun-exposed forearms"))
    assert "photodistributed" not in concepts(t.tag("Outdoor workers who were chronically sun exposed were recruited"))


def test_sound_respellings_change_one_sound_and_keep_the_first_letter():
    assert {"basil", "bassal"} <= sound_respellings("basal")
    assert {"rosa", "rosia"} <= sound_respellings("rosea")
    assert "multiform" in sound_respellings("multiforme")
    assert "sell" in sound_respellings("cell")
    assert "strawbery" in sound_respellings("strawberry")
    assert "wort" in sound_respellings("wart")
    assert "part" not in sound_respellings("wart")  # a consonant changed: another word
    assert "asal" not in sound_respellings("basal") and all(r[0] == "b" for r in sound_respellings("basal"))
    assert sound_respellings("tag") == set()  # three letters: too short to be heard apart


def test_heard_forms_need_a_specialist_word_and_stay_unambiguous():
    english = frozenset({"rosa", "sure", "rosia", "lichen", "sclerosis", "sore", "cold"})
    got = heard_forms({"pityriasis rosea": "pr", "cold sore": "hsv", "lichen sclerosus": "ls"}, english)
    assert got == {"pityriasis rosa": "pr", "pityriasis rosia": "pr", "lichen sclerosis": "ls"}
    # a respelling that is a name already, or that two nodes' names share, is not added
    assert "pityriasis rosa" not in heard_forms({"pityriasis rosea": "pr", "pityriasis rosa": "x"}, english)
    assert heard_forms({"pityriasis rosea": "a", "pityriasis rosia": "b"}, frozenset({"rosia", "rosea"})) == {}


def test_heard_forms_are_keys_but_no_name_words(tg):  # noqa: F811
    t, _ = tg
    assert t.lexicon["pityriasis rosa"].targets[0].rank == HEARD
    assert "cold sure" not in t.lexicon  # "cold" and "sore" are everyday words
    assert "wort" not in t.exact.tokens and "sell" not in t.exact.tokens  # English words, no fuzzy targets


def test_combining_forms():
    assert combining_forms("hyperpigmentation") == {"hyper pigmentation"}
    assert "postinflammatory hyperpigmentation" in combining_forms("post inflammatory hyperpigmentation")
    assert combining_forms("psoriasis") == set()
    assert combining_forms("hypoma") == set()  # too short to hold a form and a word


@pytest.mark.parametrize("text", [
    "The acquisition of cellular immunity to Candida was demonstrated in vitro by lymphocyte transformation",
    "Sera reacted with candidal soluble proteins separated on a lectin column",
    "it was candida",  # no clinic word near: the organism's name alone is not read
])
def test_candida_the_organism_is_no_finding(tg, text):  # noqa: F811
    assert "candidiasis" not in {m.id for m in tg[0].tag(text).conditions}

