"""Tagger changes of round 27, the context / label side (tuning sets: gold and independent sets 1-17; families sorted
from set 17's errors after its one held-out run). Each family is a mechanism: a record re-read ("originally entered as
X; consensus now Y", "the second pathologist calls it Y") sets the first name aside; "r/o" after a name ends it as
ruled out; the topic of a notice ("a letter about head lice") is negated when a site is then found clear; a name that
modifies the next one ("erythrodermic lichen planus") gives the label to its head. Every sentence is new, none taken
from any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    ("Originally coded as psoriasis in the registry; the panel now classifies it as pityriasis rubra pilaris.",
     {"psoriasis": N, "pityriasis-rubra-pilaris": A}, "pityriasis rubra pilaris"),
    ("Previously labelled eczema in the photo archive; label amended to tinea corporis after scrapings.",
     {"eczema": N, "tinea-corporis": A}, "tinea corporis"),
    ("Archive entry: first keyed in as a lipoma, consensus of the tumour board: a dermatofibroma.",
     {"lipoma": N, "dermatofibroma": A}, "dermatofibroma"),
    # guards: a verdict that names the same thing keeps it; an earlier naming set aside before stays so
    ("Initially entered as a dermatofibroma; the second pathologist confirmed it was a dermatofibroma.",
     {"dermatofibroma": A}, "dermatofibroma"),
    ("First signed out as a seborrhoeic keratosis; on a second opinion the pathologist calls it a lentigo maligna.",
     {"seborrheic-keratosis": N, "lentigo-maligna": A}, "lentigo maligna"),
])
def test_record_reread_sets_first_name_aside(tg, text, want, label):  # noqa: F811
    """An earlier name that a later reading (consensus, a second reader, an amendment) replaces is negated."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Plan: AK on the forehead treated with cryo; SCC r/o on the cheek, review in 3 months.",
     {"actinic-keratosis": A, "squamous-cell-carcinoma": N}, "actinic keratosis"),
    ("Shave of the shin lesion: dermatofibroma; DFSP r/o clinically.",
     {"dermatofibroma": A, "dfsp": N}, "dermatofibroma"),
    # guard: before its name "r/o" is the query to rule out, a guess
    ("Query r/o BCC on the nasal ala, shave booked.", {"basal-cell-carcinoma": U}, ""),
])
def test_ruled_out_abbreviation_after_name(tg, text, want, label):  # noqa: F811
    """"r/o" right after a name, closing its note, is "ruled out"."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Nursery sent a notice about scabies last week; both twins' skin is clear, no itch.",
     {"scabies": N, "pruritus": N}, ""),
    ("Got an email about impetigo at school; my son's skin looks clear so far.", {"impetigo": N}, ""),
    # guard: the notice's topic found on the child stays
    ("Another leaflet about head lice; my son has head lice again and the scalp is itchy.",
     {"pediculosis-capitis": A, "pruritus": A}, "pediculosis capitis"),
])
def test_notice_topic_then_all_clear(tg, text, want, label):  # noqa: F811
    """What a notice is about is negated when the writer then finds the site clear."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Erythrodermic lichen planus of the trunk, slide 4.", {"erythroderma": A, "lichen-planus": A}, "lichen planus"),
    ("Eczematous nail dystrophy of both thumbs.", {"eczema": A, "nail-dystrophy": A}, "nail dystrophy"),
    # guards: an infection before its lesion names the kind; two siblings side by side are a pair
    ("Candida intertrigo under the breasts.", {"candidiasis": A, "intertrigo": A}, "candidiasis"),
    ("Herpes simplex dermatitis of the eyelid in a toddler.", {"herpes-simplex": A, "eyelid-dermatitis": A},
     "herpes simplex"),
    ("Mycosis fungoides/Sezary syndrome: a clinical review.", {"mycosis-fungoides": A, "sezary-syndrome": A},
     "mycosis fungoides"),
])
def test_modifier_gives_label_to_head(tg, text, want, label):  # noqa: F811
    """A name just before another, modifying it, yields the label to the head noun."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("My hairdresser noticed a patch of alopecia areata at the back of my head.", {"alopecia-areata": U}, ""),
    ("At the gym the trainer spotted a plantar wart on my heel.", {"plantar-wart": U}, ""),
    # guard: a physician who confirms it in the same sentence makes it stand
    ("The podiatrist spotted a plantar wart and the GP confirmed it.", {"plantar-wart": A}, "plantar wart"),
])
def test_non_physician_spotting_is_a_guess(tg, text, want, label):  # noqa: F811
    """What a non-physician spotted or noticed is a guess, unless a physician agrees in the same sentence."""
    check(tg, text, want, label)
