"""Tagger changes of round 25, the context / label side (tuning sets: gold and independent sets 1-16; families sorted
from set 16's negated-as-asserted errors after its one held-out run). Each family is a mechanism: an earlier record's
wording revised ("the legend read X; the final diagnosis was Y", "our previous 'X' upgraded to Y"), a working name that
treatment served or failed ("treated as X", "X treated without improvement") before another diagnosis, someone's
insistence answered by "but" and another diagnosis, and a teaching pair answered ("people confuse X with Y; this one is
Y", "the former", "the latter"). Every sentence is new, none taken from any evaluation set; the guards keep what needs
no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    ("Erratum to figure 4: the legend read nummular eczema; the culture grew Trichophyton and the final diagnosis was "
     "tinea corporis.", {"nummular-eczema": N, "tinea-corporis": A}, "tinea corporis"),
    ("our previous 'benign naevus' from the calf has been upgraded to lentigo maligna after review.",
     {"melanocytic-nevus": N, "lentigo-maligna": A}, "lentigo maligna"),
    ("Earlier report: seborrhoeic keratosis. Revised to pigmented basal cell carcinoma on deeper levels.",
     {"seborrheic-keratosis": N, "pigmented-bcc": A}, "pigmented basal cell carcinoma"),
    ("Correction to the poster: the legend said nodular melanoma; the final histology was a Spitz naevus.",
     {"nodular-melanoma": N, "spitz-nevus": U}, ""),
    # guard: an earlier naming with no revision after it is left to the earlier passes
    ("Earlier report: seborrhoeic keratosis. Pigmented basal cell carcinoma on the other shoulder.",
     {"seborrheic-keratosis": A, "pigmented-bcc": A}, "seborrheic keratosis"),
])
def test_an_earlier_record_revised_is_set_aside(tg, text, want, label):  # noqa: F811
    """A caption, legend or earlier report's name, followed by a revision or final verdict naming another diagnosis."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("She had been managed as cellulitis for a week; the picture is of necrotising fasciitis.",
     {"cellulitis": N, "necrotizing-fasciitis": A}, "necrotizing fasciitis"),
    ("Six months treated as eczema by the GP. This is mycosis fungoides on biopsy.",
     {"eczema": N, "mycosis-fungoides": A}, "mycosis fungoides"),
    ("Tinea corporis has been treated for two months without improvement; this is granuloma annulare.",
     {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    ("Painful nodules in the armpits, treated repeatedly as boils. I believe this is hidradenitis suppurativa.",
     {"furuncle": N, "hidradenitis-suppurativa": A}, "hidradenitis suppurativa"),
    ("Annular plaque on the shin. Granuloma annulare, I think; ringworm has been treated without change.",
     {"granuloma-annulare": U, "tinea-corporis": N}, ""),
    # guards: treatment alone, a verdict that refines the working name, and a history treated "for" a disease, stand
    ("Treated as psoriasis and it cleared completely.", {"psoriasis": A}, "psoriasis"),
    ("Known psoriasis since his teens; now weeping golden crusts on the shin, which were treated as impetigo.",
     {"psoriasis": A, "impetigo": A}, "impetigo"),
    ("Treated as eczema for a year; the biopsy shows nummular eczema.", {"eczema": A, "nummular-eczema": A},
     "nummular eczema"),
    ("She was treated for impetigo last year; today a new patch of psoriasis on the elbow.",
     {"impetigo": A, "psoriasis": A}, "psoriasis"),
])
def test_a_working_name_treatment_served_or_failed_is_set_aside(tg, text, want, label):  # noqa: F811
    """"Treated as X" / "X treated without improvement", then another diagnosis: the working name was wrong."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Mum swears the rash is a nappy rash, but the satellite pustules point to candidiasis.",
     {"diaper-dermatitis": N, "candidiasis": U}, "candidiasis"),
    ("She is adamant the dark spot is a mole, but dermoscopy shows a seborrhoeic keratosis.",
     {"melanocytic-nevus": N, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    # a past fear answered by the clinician's verdict, the fear told after it
    ("Follow-up: the dermatologist examined my arm with a dermatoscope, measured it and said it's a dermatofibroma. I'd "
     "been terrified it was melanoma.", {"dermatofibroma": A, "melanoma": N}, "dermatofibroma"),
    # guard: an insistence that nothing answers stands
    ("He insists it is a wart, and the biopsy confirmed a viral wart.", {"viral-wart": A}, "viral wart"),
])
def test_an_insistence_answered_by_but_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Students often confuse pityriasis rosea with guttate psoriasis; this one is guttate psoriasis, note the strep "
     "throat.", {"pityriasis-rosea": N, "guttate-psoriasis": A}, "guttate psoriasis"),
    ("a common mix up is lichen planus and lichenoid keratosis, and this one is lichen planus",
     {"lichen-planus": A, "lichenoid-keratosis": N}, "lichen planus"),
    ("granuloma annulare versus tinea corporis: this one is the latter, see the scale at the edge",
     {"granuloma-annulare": N, "tinea-corporis": A}, "tinea corporis"),
    ("Rosacea versus acne vulgaris, and here it is the former: no comedones.", {"rosacea": A, "acne-vulgaris": N},
     "rosacea"),
    # the answer a kind of one of the pair
    ("people often mix up tinea and discoid eczema, this one is tinea incognito after a month of steroid",
     {"dermatophytosis": A, "nummular-eczema": N, "tinea-incognito": A}, "tinea incognito"),
    # guard: a pair without an answer is left
    ("Students often confuse pityriasis rosea with guttate psoriasis.", {"pityriasis-rosea": A, "guttate-psoriasis": A},
     "pityriasis rosea"),
])
def test_a_teaching_pair_answered_states_one(tg, text, want, label):  # noqa: F811
    """"X versus Y ... this one is Y / the former / the latter": the chosen name is stated, the other set aside."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Carcinoma, basal cell, superficial | trunk | 8 mm | margins clear", {"superficial-bcc": A},
     "superficial basal cell carcinoma"),
    ("Nevus, dysplastic | left shin | Fitzpatrick III", {"dysplastic-nevus": A}, "dysplastic nevus"),
    # guard: without a field the row reads as before
    ("Nevus, dysplastic", {"dysplastic-nevus": A}, "dysplastic nevus"),
])
def test_a_metadata_field_ends_an_inverted_qualifier(tg, text, want, label):  # noqa: F811
    """"Head, qualifier | next field": the field separator ends the qualifier, so the row names the refined node."""
    check(tg, text, want, label)
