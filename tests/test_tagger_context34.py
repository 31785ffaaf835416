"""Tagger changes of round 34, the rules side (tuning sets: gold and independent sets 1-21). The grammar behind set
21's three negated conditions reported as asserted: a record's first heading replaced by a revised one
("Provisional: X. Revised ...: Y"), a first thought answered by a biopsy's "said it was" or a "but ... it was", and
what people "always say" the lesion is, set aside by the lecturer's own diagnosis. Then the label: a hedge on the
whole picture ("the clinical picture resembles X"), a report's "best regarded as X", a working diagnosis to act on
("should be considered X"), an alternative conceded as merely possible after "but"; and scope: a note's background
clause before today's lesion, a condition that "runs in the family", the slides a lecturer moves on from, a screening
target, and a study title's population ("X in patients with Y"). Every sentence is new, none taken from any
evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("Working diagnosis: impetigo. Amended after swab: herpes simplex.",
     {"impetigo": N, "herpes-simplex": A}, "herpes simplex"),
    ("Initial impression: psoriasis. Changed after biopsy: mycosis fungoides.",
     {"psoriasis": N, "mycosis-fungoides": A}, "mycosis fungoides"),
    ("Provisional diagnosis: erysipelas. Revised on day two: both shins, no fever, so venous eczema.",
     {"erysipelas": N, "stasis-dermatitis": A}, "stasis dermatitis"),
    # guard: a provisional diagnosis nobody revises stays the hedged working diagnosis
    ("Provisional diagnosis: pityriasis rosea, review in four weeks.",
     {"pityriasis-rosea": U}, "pityriasis rosea"),
])
def test_a_record_heading_revised_sets_the_first_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("First I thought a wart, but the pathology said it was a porokeratosis.",
     {"viral-wart": N, "porokeratosis": A}, "porokeratosis"),
    ("At first I thought ringworm, but after the scraping it was clearly nummular eczema.",
     {"tinea-corporis": N, "nummular-eczema": A}, "nummular eczema"),
])
def test_a_first_thought_answered_later(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("it's not rosacea, everyone calls it rosacea, this is lupus, look at the scarring",
     {"rosacea": N, "lupus-erythematosus": A}, "lupus erythematosus"),
    ("students always say psoriasis here, but it's lichen planus, see the Wickham striae",
     {"psoriasis": N, "lichen-planus": A}, "lichen planus"),
])
def test_what_people_always_say_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Fig. 4. Grouped vesicles on the lip; the picture resembles herpes labialis.",
     {"herpes-labialis": U}, "herpes labialis"),
    ("Biopsy of the shin: septal panniculitis, best regarded as erythema nodosum.",
     {"panniculitis": A, "erythema-nodosum": U}, "erythema nodosum"),
    ("This lesion should be considered a basal cell carcinoma until proven otherwise.",
     {"basal-cell-carcinoma": U}, "basal cell carcinoma"),
    ("The appearance is compatible with a dermatofibroma, but a DFSP is possible.",
     {"dermatofibroma": U, "dfsp": U}, "dermatofibroma"),
    # guard: a comparison of a described thing stays a comparison ("resembles" alone)
    ("In the mouse model the dermatitis resembles human atopic dermatitis.",
     {"eczema": A, "atopic-dermatitis": U}, "eczema"),
    # guard: two hedged alternatives with no concession stay a differential
    ("Could be a dermatofibroma, could be a DFSP.", {"dermatofibroma": U, "dfsp": U}, ""),
])
def test_hedges_that_give_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Background: a basal cell carcinoma was excised from her nose six years ago. The lesion imaged today is a flat "
     "pink scaly patch, an actinic keratosis.",
     {"basal-cell-carcinoma": A, "actinic-keratosis": A}, "actinic keratosis"),
    ("Psoriasis runs in his father; he himself has lichen planus on the wrists.",
     {"psoriasis": U, "lichen-planus": A}, "lichen planus"),
    ("moving on from the eczema cases, here is the first of the rosacea cases, papules and pustules on the cheeks",
     {"eczema": U, "rosacea": A}, "rosacea"),
    ("Melanoma screening in adults with many naevi", {"melanoma": U, "melanocytic-nevus": A}, "melanocytic nevus"),
    ("Dermoscopic clues to amelanotic melanoma in patients with xeroderma pigmentosum",
     {"amelanotic-melanoma": A, "xeroderma-pigmentosum": A}, "amelanotic melanoma"),
    ("Dermoscopic features of basal cell carcinoma in patients with Gorlin syndrome",
     {"basal-cell-carcinoma": A, "gorlin-syndrome": A}, "basal cell carcinoma"),
    # guard: a population's disease that refines the finding in its own branch stays the label
    ("Trichophytin reactions in children with tinea capitis.",
     {"dermatophytosis": A, "tinea-capitis": A}, "tinea capitis"),
    # guard: with no skin finding before it, the population's disease is the title's subject
    ("Depression and anxiety in patients with hidradenitis suppurativa",
     {"hidradenitis-suppurativa": A}, "hidradenitis suppurativa"),
    # guard: an abstract's Background section is its topic, not a patient's past
    ("Background: Vitiligo is a common depigmenting disorder. Methods: we now report 40 patients.",
     {"vitiligo": A}, "vitiligo"),
])
def test_background_family_previous_slides_and_populations(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a sign of the diagnosis named beside it is never the label
    ("eConsult: a girl of four with axillary freckling; neurofibromatosis type 1 seems most likely, genetics asked.",
     {"crowes-sign": A, "neurofibromatosis": U}, "neurofibromatosis"),
    # a clinic note's "pt w/ X": the patient's known disease is the ground of the new lesion
    ("pt w/ HS, Hurley II, on adalimumab; new PG at the stoma site",
     {"hidradenitis-suppurativa": A, "pyoderma-gangrenosum": A}, "pyoderma gangrenosum"),
    # an alternative kept open is a guess
    ("Under the lamp the groin did not glow, arguing against erythrasma; a candidal intertrigo is still on the table.",
     {"erythrasma": N, "candidiasis": U, "intertrigo": U}, ""),
])
def test_label_choice_signs_known_disease_and_open_alternatives(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
