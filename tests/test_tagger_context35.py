"""Tagger changes of round 35, the rules side (tuning sets: gold and independent sets 1-22). The grammar behind set
22's negated conditions reported as asserted: a lesser reading set beside a confirmed diagnosis ("X and not just Y"),
the features of a diagnosis a lesion lacks ("lacks the pearly edge ... of a basal cell carcinoma"), a record filed
under the wrong name ("misfiled as X"); and research prose's cohort adjectives ("node-negative melanoma"), which are no
negation. Every sentence is new, none taken from any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("My GP said it's hives, not just a heat rash.", {"urticaria": A, "miliaria": N}, "urticaria"),
    ("The dermatologist says it is rosacea and not simply acne.", {"rosacea": A, "acne-vulgaris": N}, "rosacea"),
    ("Biopsy confirmed lichen planus and not merely eczema.", {"lichen-planus": A, "eczema": N}, "lichen planus"),
    # guard: "not just X but also Y" keeps X
    ("Not just eczema but also psoriasis on the elbows.", {"eczema": A, "psoriasis": A}, "eczema"),
    ("She has vitiligo, not just on the hands but on the feet.", {"vitiligo": A}, "vitiligo"),
])
def test_a_lesser_reading_beside_a_diagnosis_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The nodule lacks the rolled border of a basal cell carcinoma.", {"basal-cell-carcinoma": N}, ""),
    ("This papule lacks the pearly rim and arborising vessels of a basal cell carcinoma; probably a dermal naevus.",
     {"basal-cell-carcinoma": N, "intradermal-nevus": U}, "intradermal nevus"),
    # guard: a lack of one feature, the diagnosis given after it
    ("The plaque lacks scale; this is a granuloma annulare.", {"granuloma-annulare": A}, "granuloma annulare"),
])
def test_the_features_a_lesion_lacks_deny_their_owner(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The photo was misfiled as psoriasis; the clinic notes say lichen planus.",
     {"psoriasis": N, "lichen-planus": A}, "lichen planus"),
    ("Image wrongly labelled as vitiligo in the archive, it is pityriasis alba.",
     {"vitiligo": N, "pityriasis-alba": A}, "pityriasis alba"),
    ("Slide 4 was miscoded as impetigo; the swab grew herpes simplex.",
     {"impetigo": N, "herpes-simplex": A}, "herpes simplex"),
])
def test_a_record_filed_under_the_wrong_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("We studied outcomes in patients with clinically node-negative melanoma treated at two centres.",
     {"melanoma": A}, "malignant melanoma"),
    ("Survival after sentinel lymph node-negative melanoma in older adults.", {"melanoma": A}, "malignant melanoma"),
    ("Kaposi sarcoma in HIV-negative men: a case series.", {"kaposi-sarcoma": A}, "Kaposi sarcoma"),
    # guard: a test's result about the disease still negates it
    ("The sentinel node was negative for melanoma.", {"melanoma": N}, ""),
])
def test_a_cohort_adjective_is_no_negation(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("it keeps growing and bleeding and im scared its skin cancer honestly", {"malignant": U}, ""),
    ("Optician's note: I fear a basal cell carcinoma at the lid margin.", {"basal-cell-carcinoma": U}, ""),
    ("Referral: I am concerned this is a lentigo maligna on the left cheek.", {"lentigo-maligna": U}, ""),
    ("my flatmate says its scabies but the itch is only on my hands", {"scabies": U, "pruritus": A}, ""),
    # guard: a physician's stated diagnosis after a worry stays the answer
    ("I was worried about shingles but the GP diagnosed contact dermatitis.",
     {"herpes-zoster": N, "contact-dermatitis": A}, "contact dermatitis"),
])
def test_a_worry_typed_loosely_is_no_diagnosis(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Nothing on dermoscopy suggests lichen planus; the lines are regular.", {"lichen-planus": N}, ""),
    ("Nothing clinically suggests scabies in the rest of the family.", {"scabies": N}, ""),
])
def test_nothing_suggests_is_a_negation(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("okay the last slide was a pyogenic granuloma; here we have an amelanotic melanoma",
     {"pyogenic-granuloma": U, "amelanotic-melanoma": A}, "amelanotic melanoma"),
    ("My grandad passed away from melanoma.", {"melanoma": U}, ""),
    ("Her mother died from melanoma; today a compound naevus on the back was checked.",
     {"melanoma": U, "compound-nevus": A}, "compound nevus"),
])
def test_another_picture_or_person(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
