"""The `disease_label` choice, round 55 (tuning sets: gold and independent sets 1-39; the errors read on set 39's
written part and sets 34-38's, the rules checked on every tuning set): more findings give way to the disease named
beside them (`labels.GIVES_WAY_TO`): erythroderma to the disease it is the state of, a bite or sting to the disease it
set off, a solar lentigo or a seborrheic keratosis to the lichenoid keratosis it regresses into (stated at least as
firmly), a cold sore to the herpes simplex the text names; every finding that gives way goes. Every sentence is new,
written for these tests, none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

from derm1m_build.tagger.labels import EARLIER_STAGES, GIVES_WAY_TO

A, U = "asserted", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("He is red and peeling from scalp to soles, eosinophils high three weeks into carbamazepine; this erythroderma is "
     "DRESS.", {"erythroderma": A, "dress": A}, "drug reaction with eosinophilia and systemic symptoms"),
    ("Generalised erythroderma from pityriasis rubra pilaris, with islands of sparing.",
     {"erythroderma": A, "pityriasis-rubra-pilaris": A}, "pityriasis rubra pilaris"),
    ("Erythroderma and lichenified flexures in a toddler, atopic dermatitis flaring.",
     {"erythroderma": A, "atopic-dermatitis": A}, "atopic dermatitis"),
    ("Erythroderma from crusted scabies in a care-home resident.",
     {"erythroderma": A, "crusted-scabies": A}, "crusted scabies"),
    # guards: alone, or beside an infection it did not come from, erythroderma is the label
    ("Erythroderma over nearly all of the skin; its cause is not yet found.", {"erythroderma": A}, "erythroderma"),
    ("Erythroderma with secondary impetigo over the shins.", {"erythroderma": A, "impetigo": A}, "erythroderma"),
])
def test_erythroderma_gives_way_to_its_cause(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("An insect bite in June left a firm dermatofibroma on her calf that dimples when pinched.",
     {"insect-bite": A, "dermatofibroma": A}, "dermatofibroma"),
    ("A red ring spreading from a tick bite on his thigh, Lyme disease.",
     {"tick-bite": A, "lyme-disease": A}, "Lyme disease"),
    # guards: bites alone; beside another injury (no disease a bite sets off) the first named stays
    ("Insect bites on both ankles after a picnic.", {"insect-bite": A}, "insect bite"),
    ("Dog bite on the hand, with a laceration over the knuckle.", {"animal-bite": A, "laceration": A}, "animal bite"),
    # guard: a mole is no disease a bite sets off
    ("A mosquito bite on the forearm beside a mole.", {"mosquito-bite": A, "melanocytic-nevus": A}, "mosquito bite"),
    ("A tick bite on the neck next to a skin tag.", {"tick-bite": A, "skin-tag": A}, "tick bite"),
])
def test_a_bite_gives_way_to_the_disease_it_set_off(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("A solar lentigo on the shin has become an inflamed lichenoid keratosis.",
     {"solar-lentigo": A, "lichenoid-keratosis": A}, "lichenoid keratosis"),
    ("An old seborrheic keratosis on the chest is now a lichenoid keratosis.",
     {"seborrheic-keratosis": A, "lichenoid-keratosis": A}, "lichenoid keratosis"),
    # guards: a queried lichenoid keratosis does not displace the lentigo stated (an earlier stage gives way only to a
    # later one stated at least as firmly); beside the elastosis it sits on, the lentigo keeps the label
    ("Solar lentigo, ?LPLK.", {"solar-lentigo": A, "lichenoid-keratosis": U}, "solar lentigo"),
    ("Solar lentigo on the back of the hand, with solar elastosis.",
     {"solar-lentigo": A, "solar-elastosis": A}, "solar lentigo"),
])
def test_a_lentigo_gives_way_to_its_lichenoid_keratosis(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Recurrent cold sores, and now grouped vesicles on the chin that the GP swabbed: herpes simplex.",
     {"herpes-labialis": A, "herpes-simplex": A}, "herpes simplex"),
    # guards: alone, the lip's form; beside erythema multiforme both the cold sore and the herpes simplex give way
    ("Recurrent herpes labialis on the upper lip every winter.", {"herpes-labialis": A}, "herpes labialis"),
    ("Target lesions on the palms a week after a cold sore, erythema multiforme, and the swab grew herpes simplex.",
     {"herpes-labialis": A, "erythema-multiforme": A, "herpes-simplex": A}, "erythema multiforme"),
])
def test_a_cold_sore_gives_way_to_herpes_simplex(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_the_new_entries(tg):  # noqa: F811
    _, onto = tg
    bites = {i for i in onto.conditions if "bites-and-stings" in onto.path_ids(i)} - {"caterpillar-dermatitis"}
    assert bites <= set(GIVES_WAY_TO)
    assert GIVES_WAY_TO["insect-bite"] == (frozenset({"dermatofibroma"}), frozenset({"inflammatory"}))
    causes = GIVES_WAY_TO["erythroderma"][1]
    assert "infectious" not in causes and {"non-infectious", "drug-reactions"} <= causes
    assert GIVES_WAY_TO["solar-lentigo"] == GIVES_WAY_TO["seborrheic-keratosis"] == (
        frozenset({"lichenoid-keratosis"}), frozenset())
    assert EARLIER_STAGES == frozenset({"solar-lentigo", "seborrheic-keratosis"})
    assert "herpes-simplex" in GIVES_WAY_TO["herpes-labialis"][0]
