"""Tagger rules of round 56 (tuning sets: gold and independent sets 1-39): a general statement of what a kind causes
("X still causes ...") or how common it is in a season ("X outbreaks are common each winter in our schools"), a
leaflet's plural ("Posters in the surgery list ...") and a leaflet named in an opening clause ("After reading a
leaflet about X, I ..."), a list of possibilities announced before a colon, a generic word named as a likeness and
answered ("looks like a wart ..., but ..., it's a corn"), one sole at a clause end and a site after "on", and a
relative's metastatic melanoma read as the melanoma it was, and a population a study does not take in ("patients with X
are not enrolled"). Every sentence is new, written for these tests, none taken from any evaluation set; the guards
(named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # what a kind causes, in the simple present; guard: a patient's past "caused" stays the case's
    ("Scabies still causes itchy burrows in crowded housing across the region.", {"scabies": U, "pruritus": U}, ""),
    ("The impetigo caused honey-coloured crusts on his chin.", {"impetigo": A}, "impetigo"),
    # how common a kind is in a season, in a place's population
    ("Chickenpox outbreaks are common every spring in our primary schools.", {"varicella": U}, ""),
    # leaflets in the plural; guard: a meeting's posters are no leaflet
    ("Leaflets at the surgery list the signs of shingles: a band of blisters on one side.", {"herpes-zoster": U}, ""),
    ("Posters presentations covered a case of pemphigus vulgaris.", {"pemphigus-vulgaris": A}, "pemphigus vulgaris"),
    # a leaflet in an opening clause; guard: a leaflet that is the sentence's subject covers its names
    ("After reading a leaflet on the signs of psoriasis, I showed the nurse my elbows; she diagnosed discoid eczema.",
     {"psoriasis": U, "nummular-eczema": A}, "nummular eczema"),
    ("The leaflet says psoriasis and discoid eczema can look alike.", {"psoriasis": U, "nummular-eczema": U}, ""),
    # a list of possibilities before a colon: the list doubted, the heading's symptom the patient's
    ("Possibilities for the itchy scaly groin: tinea cruris, erythrasma or inverse psoriasis.",
     {"pruritus": A, "tinea-cruris": U, "erythrasma": U, "inverse-psoriasis": U}, ""),
    # a generic word named as a likeness, answered after "but" with a clause between
    ("it looks like a wart, but once you pare it down, it's a callus", {"viral-wart": N, "callus": A}, "callus"),
    # one sole at a clause end
    ("a painful wart on the sole.", {"plantar-wart": A}, "plantar wart"),
    # a site after "on"; guard: a list of sites after "on" is left as read
    ("Lichen planus on the nails for a year.", {"nail-lichen-planus": A}, "nail lichen planus"),
    ("No lichen planus on the nails or mouth.", {"lichen-planus": N}, ""),
    # a population not taken into a study; guard: the study's own population stays
    ("Children with atopic eczema who have active impetigo are not recruited to the bleach-bath arm.",
     {"atopic-dermatitis": U, "impetigo": U}, ""),
    ("Adults with plaque psoriasis were enrolled at four sites.", {"psoriasis-vulgaris": A}, "psoriasis vulgaris"),
    # a relative who died of a metastatic cancer had the primary; guard: a patient's metastatic melanoma stays
    ("Her grandfather died of metastatic melanoma; she has a few flat brown naevi on her back today.",
     {"melanoma": U, "melanocytic-nevus": A}, "melanocytic nevus"),
    ("Nivolumab was started for his metastatic melanoma last month.", {"melanoma-metastasis": A}, "melanoma metastasis"),
])
def test_round56_readings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
