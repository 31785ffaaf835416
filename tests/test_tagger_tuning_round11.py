"""Tagger changes of round 11, made after reading the errors of the tuning sets (gold and independent sets 1-8;
set 8 was held out after round 10, run once, and is a tuning set since; no held-out set was run). Development
sentences written for each family of errors, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # a diagnosis the findings do not bear out
    ("No interface change on the biopsy; the diagnosis of lichen planus is not supported.",
     {"lichen-planus": N}, ""),
    ("Scabies seems doubtful: no burrows and the partner has no itch.", {"scabies": N, "pruritus": N}, ""),
    # a name declined, another put in its place
    ("I wouldn't call it psoriasis, the scale is greasy and it sits in the eyebrows: seborrhoeic dermatitis.",
     {"psoriasis": N, "seborrheic-dermatitis": A}, "seborrheic dermatitis"),
    # nobody in a cohort had it, a count and an exposure between
    # (not yet: "None of the children treated with dupilumab developed ...": "with" and "treated" end the scope)
    ("None of the 25 children on dupilumab for a year developed eczema herpeticum.", {"eczema-herpeticum": N}, ""),
    # a finding set apart from a named condition
    ("The pigmented streaks differed from the usual pattern of a subungual melanoma.",
     {"subungual-melanoma": N}, ""),
    # a written title denying the general claim
    ("Not every scaly ring is ringworm: annular psoriasis in a teenager",
     {"tinea-corporis": N, "psoriasis": A}, "psoriasis"),
    # a first report replaced
    ("First reported as a lipoma; the ultrasound shows a ganglion cyst instead.",
     {"lipoma": N, "ganglion-cyst": A}, "ganglion cyst"),
])
def test_negation_families(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # spoken self-corrections in new wordings
    ("that's a pyogenic granuloma no hang on it's too flat it's a cherry angioma",
     {"pyogenic-granuloma": N, "cherry-angioma": A}, "cherry angioma"),
    ("I'd say a plantar wart or actually no with that punctum it's a corn", {"plantar-wart": N, "corn": A}, "corn"),
    ("Initially a keloid; on second review it stays inside the incision, a hypertrophic scar.",
     {"keloid": N, "hypertrophic-scar": A}, "hypertrophic scar"),
    # a record's name swapped
    ("Label corrected: 'seborrhoeic keratosis' replaced by 'melanoma in situ' after review.",
     {"seborrheic-keratosis": N, "melanoma-in-situ": A}, "melanoma in situ"),
    ("Addendum: the 'lipoma' is an angiolipoma on histology.", {"lipoma": N, "angiolipoma": A}, "angiolipoma"),
    # a clinical look-alike, then the final diagnosis
    ("It looked like a pyogenic granuloma at first, but the final diagnosis was amelanotic melanoma.",
     {"pyogenic-granuloma": N, "amelanotic-melanoma": A}, "amelanotic melanoma"),
])
def test_self_corrections(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # not set aside: a quoted name that is confirmed, a name before "every" without a denial, a plain cohort
    ("The 'psoriasis' is psoriasis after all: the biopsy confirms it.", {"psoriasis": A}, "psoriasis"),
    ("Every patient with vitiligo was offered phototherapy.", {"vitiligo": A}, "vitiligo"),
    ("All 12 patients developed acne within a month of starting lithium.", {"acne-vulgaris": A}, "acne vulgaris"),
])
def test_controls(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # background at rest or treated before is history, never the label; a screening aim is no finding
    ("His eczema has been clear for three years; today a new pearly papule on the nose, a basal cell carcinoma.",
     {"eczema": A, "basal-cell-carcinoma": A}, "basal cell carcinoma"),
    ("Two SCCs were treated last year and now there is a scaly plaque on the scalp that is Bowen's disease.",
     {"squamous-cell-carcinoma": A, "bowens-disease": A}, "Bowen's disease"),
    ("This leaflet helps patients spot skin cancer early.", {"malignant": U}, ""),
])
def test_scope(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
    hist = {m.id for m in tg[0].tag(text).conditions if m.historical}
    assert hist == ({"eczema"} if "eczema" in want else {"squamous-cell-carcinoma"} if "bowens-disease" in want
                    else set()), text


@pytest.mark.parametrize("text, want, label", [
    # an outbreak around the patient is not the patient's finding
    ("Impetigo is going round the nursery, but this child's crusted lip is herpes labialis.",
     {"impetigo": U, "herpes-labialis": A}, "herpes labialis"),
    # a lecturer's inference is the working diagnosis (hedged, still the label)
    ("The scalp is scaly and the hairs break off short, so think of tinea capitis.",
     {"tinea-capitis": U}, "tinea capitis"),
    # a named condition's causes are background, not the patient's finding
    ("Painful red shin nodules, erythema nodosum; its causes include sarcoidosis and some drugs.",
     {"erythema-nodosum": A, "sarcoidosis": U}, "erythema nodosum"),
])
def test_outbreak_and_inference(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
