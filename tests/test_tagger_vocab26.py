"""Vocabulary of round 26: the concept side by cause (sets 11-16's misses and false hits), and the condition side's
lay, spoken and abbreviated forms.

- A title's site adjective states its distribution (ANNOTATION.md rule 2): "periorificial", "periungual",
  "flexural", "intertriginous", "follicular"; "acropustulosis" its pustules, "scarring" its scar. Not "scarring
  alopecia" (a kind of alopecia), not "inverted follicular keratosis" (a tumour), and not "acral" / "oral" /
  "mucocutaneous" (the sets split: "acral lentiginous melanoma", "oral thrush" are left bare by most).
- "round" before a determiner is a preposition ("round the mouth"), not the Round shape; plant diseases and a
  tattoo's ink colours are no skin finding.
- Verb and noun forms of a concept: "ulcerate", "shedding of the skin", "the skin is dry", "xerodermia", "weepy";
  a colour beside a lesion's lay noun ("a bright red lump", "yellow crumbling toenails"); "photosensitive" beside a
  lesion word.
- Condition forms: a name word as speech writes it ("a topic dermatitis", "tinea in cognito", "lie ken planus",
  "hallow nevus", "hyper plasia"), lay forms ("sweaty armpits", "dribble rash", "blood blister under the toenail",
  "cafe o lay spots"), "MDE", and "PG" read by a word only one of its two readings brings.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.lexicon import _implied_concepts, cued_reading
from derm1m_build.tagger.normalise import name_variants
from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).concepts}


@pytest.mark.parametrize("text, want", [
    ("Periorificial dermatitis after months of a steroid cream.", {"periorificial": A}),
    ("Flexural psoriasis, glazed and shiny.", {"flexural": A}),
    ("Intertriginous dermatitis in an obese man.", {"intertriginous": A}),
    ("Periungual warts in a nail biter.", {"periungual": A}),
    ("Follicular lichen planus of the scalp.", {"follicular": A}),
    ("Acne scarring in a man of 30.", {"scar-concept": A}),
    ("Acropustulosis of Hallopeau of one thumb.", {"pustule": A}),
    # a kind of alopecia, a follicular tumour, and the adjectives the sets split on: nothing
    ("Scarring alopecia in a woman of 50.", {}),
    ("Inverted follicular keratosis of the cheek.", {}),
    ("Acral lentiginous melanoma in a man of 70.", {}),
    ("Oral thrush in a baby.", {}),
    ("Chronic mucocutaneous candidiasis since childhood.", {}),
])
def test_title_site_adjectives(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


def test_implied_concepts_unit():
    assert _implied_concepts("flexural psoriasis") == ("flexural",)
    assert _implied_concepts("scarring alopecia") == ()
    assert _implied_concepts("inverted follicular keratosis") == ()
    assert _implied_concepts("acral lentiginous melanoma") == ()
    assert _implied_concepts("acne scarring") == ("scar-concept",)


@pytest.mark.parametrize("text, want", [
    # "round" as a preposition: no Round shape; as an adjective still the shape
    ("Honey crusts round the edge of a graze.", {"crust": A, "yellow": A}),  # round 28: a honey crust is yellow
    ("An itch round her waist at night.", {}),
    ("A round pink patch on the thigh.", {"round": A, "pink": A, "patch": A}),
    # plant diseases, tattoo ink
    ("The orchard had blister blight this year.", {}),
    ("Raised itchy papules only where the red ink was used.", {"papule": A}),
])
def test_false_friends(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Nodules that ulcerate and heal with scars.", {"nodule": A, "ulcer": A, "scar-concept": A}),
    ("A disorder with continuous shedding of the skin since birth.", {"desquamation-concept": A}),
    ("Her skin is dry and itchy in winter.", {"xerosis": A}),
    ("A weepy rash in the creases.", {"exudate": A, "flexural": A}),
    ("A baby with a bright red lump on the scalp.", {"red": A, "nodule": A}),  # (round 51: a lump is a Nodule)
    ("Thick yellow crumbling toenails.", {"yellow": A}),
    ("Photosensitive annular plaques on the forearms.", {"photodistributed": A, "annular": A, "plaque": A}),
    ("Photosensitive epilepsy was ruled out by the neurologist.", {}),
    ("A scaly ring on the forearm, clearing in the middle.", {"scale": A, "annular": A}),
    ("Dozens of ringed brown macules on the shins.", {"annular": A, "brown-hyperpigmentation": A, "macule": A}),
    ("A plaque with a sharp border and silvery scale.", {"plaque": A, "well-demarcated": A, "scale": A}),
    ("Little veins on the cheeks and flushing after wine.", {"telangiectasia": A}),
])
def test_concept_forms(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want, label", [
    ("so this child has a topic dermatitis in the elbow creases", {"atopic-dermatitis": A}, "atopic dermatitis"),
    ("and this one's a tinea in cognito after weeks of steroid cream", {"tinea-incognito": A}, "tinea incognito"),
    ("next slide, lie ken planus on the wrists", {"lichen-planus": A}, "lichen planus"),
    ("a hallow nevus on the back of a teenager", {"halo-nevus": A}, "halo nevus"),
    ("sebaceous hyper plasia on the forehead", {"sebaceous-hyperplasia": A}, "sebaceous hyperplasia"),
    ("this is a topic we will come back to", {}, ""),
    ("Sweaty armpits all day, even in winter.", {"hyperhidrosis": A}, "hyperhidrosis"),
    ("Dribble rash on the chin of a teething baby.", {"irritant-contact-dermatitis": A},
     "irritant contact dermatitis"),
    ("A blood blister under the toenail after a marathon.", {"subungual-hematoma": A}, "subungual hematoma"),
    ("six cafe o lay spots on the trunk of a toddler", {"cafe-au-lait-macule": A}, "café-au-lait macule"),
    ("Widespread rash: MDE after co-amoxiclav, settling.", {"morbilliform-drug-eruption": A},
     "morbilliform drug eruption"),
    ("and this pearly one on the nose is a nodular basil cell", {"nodular-bcc": A}, "nodular basal cell carcinoma"),
    ("Dermoscopy: a pigmented basal cell with leaf-like areas.", {"pigmented-bcc": A}, "pigmented basal cell carcinoma"),
    ("White spots on the nails since she caught them in a door.", {"leukonychia": A}, "leukonychia"),
    ("a lentigo malignant melanoma on the cheek of a farmer", {"lentigo-maligna-melanoma": A},
     "lentigo maligna melanoma"),
    ("New PG on the shin, pathergy after debridement.", {"pyoderma-gangrenosum": A}, "pyoderma gangrenosum"),
    ("PG on the lip, a friable bleeding papule in pregnancy.", {"pyogenic-granuloma": A}, "pyogenic granuloma"),
    # cues of both readings: unread
    ("PG on the shin, a bleeding ulcer.", {}, ""),
    # a cue far from it (a caption joins texts): unread
    ("PG levels were measured in serum of forty volunteers over twelve weeks of follow-up in the trial; separately, "
     "ulcers near a stoma were photographed for the skin clinic.", {"skin-ulcer": A}, "ulcer"),
])
def test_condition_forms(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_spoken_forms_need_the_other_words():
    forms = name_variants("atopic dermatitis")
    assert "a topic dermatitis" in forms
    assert "a topic" not in name_variants("atopic")


def test_cued_reading_unit():
    ids = ("pyoderma-gangrenosum", "pyogenic-granuloma")
    assert cued_reading("PG", ids, {"stoma", "site"}) == "pyoderma-gangrenosum"
    assert cued_reading("PG", ids, {"bleeding", "lip"}) == "pyogenic-granuloma"
    assert cued_reading("PG", ids, {"ulcer", "bleeding"}) is None
    assert cued_reading("PG", ids, {"patch", "test"}) is None
    assert cued_reading("AD", ("a", "b"), {"stoma"}) is None
