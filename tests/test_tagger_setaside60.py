"""Tagger round 60: a name set aside by a later finding or diagnosis (tuning sets: gold and independent sets 1-46;
families sorted from set 46's written part after its one held-out run). Each family is a general form: a raising in
the pluperfect or answered by "but" and a finding, an earlier label ("the referring diagnosis", "the old label"),
"considered and thought unlikely" with the names joined before it, "not the working diagnosis" / "not considered, as
...", "X alone would not explain", a spoken repair whose called answer comes after long reasons, "and it isn't X", and
a record line's refuting field. Every sentence is new, none taken from any evaluation set; the guards keep what needs
no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    ("Clinically a dermatofibroma had been queried; histology: a nodular basal cell carcinoma.",
     {"dermatofibroma": N, "nodular-bcc": A}, "nodular basal cell carcinoma"),
    ("The referring doctor had suspected psoriasis; the scraping grew a dermatophyte and this is tinea corporis.",
     {"psoriasis": N, "tinea-corporis": A}, "tinea corporis"),
    ("Melanoma was suspected, but dermoscopy showed the classic pattern of a seborrhoeic keratosis.",
     {"melanoma": N, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    ("A keloid was the referring diagnosis, but this is a dermatofibrosarcoma protuberans.",
     {"keloid": N, "dfsp": A}, "dermatofibrosarcoma protuberans"),
    ("That's lichen planus; lichen simplex chronicus was the old label in her notes.",
     {"lichen-planus": A, "lichen-simplex-chronicus": N}, "lichen planus"),
    # guards: a raising with no diagnosis beside it stays as the context reads it
    ("Melanoma had been suspected clinically.", {"melanoma": U}, "malignant melanoma"),
    ("Sarcoidosis was considered, but the biopsy is awaited.", {"sarcoidosis": U}, ""),
])
def test_an_earlier_view_replaced_by_a_finding_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Scabies and atopic dermatitis were considered and thought unlikely. Diagnosis: dermatitis herpetiformis.",
     {"scabies": N, "atopic-dermatitis": N, "dermatitis-herpetiformis": A}, "dermatitis herpetiformis"),
    ("Blistering on the shins. Erysipelas was not considered, as the edge was ill-defined.", {"erysipelas": N}, ""),
    ("Bullous pemphigoid is not the working diagnosis.", {"bullous-pemphigoid": N}, ""),
    ("Urticaria alone would not explain the fever and joint pains.", {"urticaria": N}, ""),
    # guard: "not considered" followed by a predicate is no denial of the name
    ("Eczema was not considered contagious.", {"eczema": A}, "eczema"),
])
def test_a_name_weighed_and_dropped_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("So most people would say eczema, and it isn't eczema: this is mycosis fungoides.",
     {"eczema": N, "mycosis-fungoides": A}, "mycosis fungoides"),
    ("On the slide is a, um, lipoma, no wait, sorry, it is firm and it has a central punctum and it has been there for "
     "years and it discharges cheesy material, so I'm calling it an epidermoid cyst.",
     {"lipoma": N, "epidermoid-cyst": A}, "epidermoid cyst"),
    ("Psoriasis | Verification: refuted | Onset: 2014", {"psoriasis": N}, ""),
    # guard: an active record line keeps its entry
    ("Vitiligo | Status: Active | Onset: 2014", {"vitiligo": A}, "vitiligo"),
])
def test_a_repair_and_a_refuted_record(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
