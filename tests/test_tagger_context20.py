"""Tagger changes of round 20, the context / label side (tuning sets: gold and independent sets 1-13; developed on the
misses of sets 10-13). Family: a condition the text tells only by its course, in a patient's words, with no name for
it (the symptom-only texts): the digits' colour changes in the cold (Raynaud phenomenon), sweat dripping from the
palms, soles or armpits (hyperhidrosis), hair shed in clumps weeks or months after a birth (telogen effluvium). A
negation inside the description leaves it untold; a diagnosis named over it stays the label. Every sentence is new,
none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    ("Every winter my toes turn white and then purple on the walk to school",
     {"raynaud-phenomenon": A}, "Raynaud phenomenon"),
    ("Her fingertips go pale then blue when she takes things out of the freezer",
     {"raynaud-phenomenon": A}, "Raynaud phenomenon"),
    ("The soles of my feet drip so badly I slip in my sandals", {"hyperhidrosis": A}, "hyperhidrosis"),
    ("My underarms pour with sweat before every presentation at work", {"hyperhidrosis": A}, "hyperhidrosis"),
    ("Handfuls of hair in the brush about four months after the birth of our twins",
     {"telogen-effluvium": A}, "telogen effluvium"),
    ("My hair is coming out in clumps since my son was born in March", {"telogen-effluvium": A}, "telogen effluvium"),
])
def test_a_condition_told_by_its_course(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a negation inside the description: nothing told
    ("My fingers don't turn white then blue, they just ache in the cold", {}, ""),
    ("His palms never drip, only his feet feel damp in trainers", {}, ""),
    # a diagnosis named over the description stays the label
    ("Limited systemic sclerosis: her fingers go white then blue and the skin of the hands is tight",
     {"limited-systemic-sclerosis": A, "raynaud-phenomenon": A}, "limited cutaneous systemic sclerosis"),
    # hair loss after chemotherapy is not the post-partum shedding
    ("Her hair came out in handfuls a month after starting chemotherapy", {}, ""),
    # a sweat stain on a shirt is no armpit description
    ("The shirt had sweat stains that would not wash out", {}, ""),
])
def test_a_description_guarded(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a generic disease word in a comparison adjective compares, it names nothing pictured
    ("The craft kit has mole-shaped felt pieces and googly eyes", {}, ""),  # (a guard: no skin word, no mole)
    ("Bake the wart-sized dough balls for ten minutes", {"viral-wart": U}, ""),
    # a capitalised name before a place word is a place
    ("Turn left after Mole Valley Park and follow the river", {}, ""),
    ("Deliveries to Wart Farm are on Mondays", {}, ""),
    # guards: the lesion itself, and a size beside it, stay the finding
    ("A pea-sized wart on the knuckle that has been there since spring", {"viral-wart": A}, "viral wart"),
    ("The mole on his shoulder blade has darkened this summer", {"melanocytic-nevus": A}, "melanocytic nevus"),
])
def test_false_friends_of_generic_words(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
