"""Tagger changes of round 13, made after reading the errors of the tuning sets (gold and independent sets 1-9; set 9
had been run once as the held-out set before this round, and is a tuning set since; no held-out set was run).
Development sentences written for each family of errors, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # a disease name used as another thing's name: in apposition, or the subject of "is the name of"
    ("Psoriasis is also the name of a punk band from Leeds.", {}, ""),
    ("'Eczema' was the nickname of the goalkeeper in the seventies.", {}, ""),
    ("Scabies, the nickname the crew gave the ship's cat, slept on the deck.", {}, ""),
    ("Lupus, the constellation, is low on the horizon tonight.", {}, ""),
    ("Her maiden name was Boil and she grew up in Kent.", {}, ""),
    # an organisation or a street named after one
    ("The Vitiligo Support Network meets online every month.", {}, ""),
    ("We moved to Measles Road last spring.", {}, ""),
    # the name stays a diagnosis where it names one
    ("Psoriasis is the name we give to these silvery scaly plaques on her elbows.", {"psoriasis": A}, "psoriasis"),
    ("Lupus, the systemic kind, flared again with joint pain.", {"lupus-erythematosus": A}, "lupus erythematosus"),
])
def test_a_disease_name_used_as_another_things_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # the name alone is the question at a sentence start, answered "no"
    ("Psoriasis? No, the ward round meant the patient in bed four.", {"psoriasis": N}, ""),
    ("Photo of the arm. Ringworm? No, just a watch strap mark.", {"tinea-corporis": N}, ""),
    # not a sentence start: "no" answers something else
    ("Could it be scabies?? No fever so far.", {"scabies": U}, ""),
])
def test_a_bare_name_question_answered_no(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Either psoriasis or tinea; a scraping will decide.", {"psoriasis": U, "dermatophytosis": U}, ""),
    ("Referral letter attached. Either lichen planus or lichenoid keratosis, biopsy booked.",
     {"lichen-planus": U, "lichenoid-keratosis": U}, ""),
    # "either" inside a sentence offers no diagnosis
    ("Patients were recruited either by letter or by phone; all had psoriasis.", {"psoriasis": A}, "psoriasis"),
])
def test_either_or_opens_a_differential_of_two(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a catalogue qualifier that names the same node leaves the shorter head for the next qualifier
    ("Melanoma, malignant, nodular, back", {"nodular-melanoma": A}, "nodular melanoma"),
    ("Carcinoma, basal cell, nodular", {"nodular-bcc": A}, "nodular basal cell carcinoma"),
    # an eponym with or without the possessive
    ("Darier's disease, keratotic papules in the seborrhoeic areas", {"darier-disease": A}, "Darier-White disease"),
    ("Referred with Cockaynes syndrome, short stature and cataracts", {"cockayne-syndrome": A}, "Cockayne syndrome"),
])
def test_catalogue_and_eponym_forms(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text", [
    "Two patients had ulcerative colitis and one had Crohn disease.",
    "Keep the blister pack in its box, away from children.",
    "Naevus anaemicus on the chest, paler when rubbed.",
])
def test_other_organs_and_other_naevi_are_no_finding(tg, text):  # noqa: F811
    t, _ = tg
    res = t.tag(text)
    assert {m.id for m in res.concepts} & {"ulcer", "bulla"} == set(), text
    assert "melanocytic-nevus" not in {m.id for m in res.conditions}, text


@pytest.mark.parametrize("text, want, label", [
    # a physician's hedge the list lacked: uncertain, and still the label
    ("Presumptive diagnosis: scabies, burrows in the finger webs.", {"scabies": U}, "scabies"),
    ("Looks to be a keloid on the earlobe after piercing.", {"keloid": U}, "keloid"),
    ("In all probability a pilar cyst, smooth and mobile on the scalp.", {"pilar-cyst": U}, "pilar cyst"),
    ("Plausibly a granuloma annulare, the ring has no scale.", {"granuloma-annulare": U}, "granuloma annulare"),
    # a gym trainer's or instructor's view is a guess: no label
    ("My trainer says it's athlete's foot from the changing room floor.", {"tinea-pedis": U}, ""),
])
def test_hedges_and_non_physician_views(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # "X? No: Y": the "no" answers the question; the name after it is the answer, the one before set aside
    ("Figure 3. Sent in as molluscum? No: syringomas on the lower eyelids.",
     {"molluscum-contagiosum": N, "syringoma": A}, "syringoma"),
    ("Case 2: pityriasis rosea? No, secondary syphilis, the palms are involved.",
     {"pityriasis-rosea": N, "secondary-syphilis": A}, "secondary syphilis"),
    # the same name again after the "no" is no answer
    ("is this psoriasis? no, psoriasis would have thicker scale, this is seborrhoeic dermatitis",
     {"psoriasis": N, "seborrheic-dermatitis": A}, "seborrheic dermatitis"),
])
def test_question_answered_no_then_named(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, concept", [
    ("Dyshidrotic blisters on the left palm, very itchy.", False),  # round 32: one fold, palm, sole or heel is one lesion's site (ANNOTATION.md, settled later)
    ("Palmar pits and a few scaly plaques.", True),
    ("site: palm; lesion: plaque; diagnosis: psoriasis", True),
    ("We sat under a palm tree with a red rash on both arms.", False),
])
def test_a_palm_named_as_the_site(tg, text, concept):  # noqa: F811
    t, _ = tg
    assert ("palmoplantar" in {m.id for m in t.tag(text).concepts}) is concept, text
