"""The `disease_label` choice, round 57 (tuning sets: gold and independent sets 1-41; the errors read on sets 40 and 41's
written parts, the rules checked on every tuning set): mouth ulcers, skin tags, a callus and the "patchy hair loss" the
vocabulary reads as alopecia areata give way to the disease that makes them, a compound or junctional naevus to the
dysplastic naevus a report grades it as (`labels.GIVES_WAY_TO`); a generic name that is all a text asserts gives no
label where two of its kinds are weighed as open alternatives. Every sentence is new, written for these tests, none
taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, U = "asserted", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("Clinical photo: flaccid blisters on the back after six weeks of painful mouth ulcers; pemphigus vulgaris on "
     "direct immunofluorescence.", {"aphthous-ulcer": A, "pemphigus-vulgaris": A}, "pemphigus vulgaris"),
    ("Neck folds: velvety dark thickening studded with skin tags in an overweight teenager. Acanthosis nigricans.",
     {"skin-tag": A, "acanthosis-nigricans": A}, "acanthosis nigricans"),
    ("Heel: a thick callus pared down to show a neuropathic diabetic foot ulcer beneath.",
     {"callus": A, "diabetic-foot-ulcer": A}, "diabetic foot ulcer"),
    ("Patchy hair loss with black dots on the crown of a boy of eight; tinea capitis, so a brushing was sent for "
     "culture.", {"alopecia-areata": A, "tinea-capitis": A}, "tinea capitis"),
    ("Excision, thigh: compound naevus with mild architectural disorder and atypia (dysplastic naevus, mild).",
     {"compound-nevus": A, "dysplastic-nevus": A}, "dysplastic nevus"),
    ("Junctional naevus with lentiginous growth and atypia (dysplastic naevus), margins clear.",
     {"junctional-nevus": A, "dysplastic-nevus": A}, "dysplastic nevus"),
    # guards: alone, or beside a disease that does not make it, the finding keeps the label
    ("Compound naevus on the shoulder, no atypia, margins clear.", {"compound-nevus": A}, "compound nevus"),
    ("Recurrent mouth ulcers on the inner lip, each healing in ten days.", {"aphthous-ulcer": A}, "aphthous ulcer"),
    ("Skin tags in both armpits and a seborrhoeic keratosis on the back.",
     {"skin-tag": A, "seborrheic-keratosis": A}, "skin tag"),
    ("Callus over the ball of the foot and a corn on the fifth toe.", {"callus": A, "corn": A}, "callus"),
    ("Patchy hair loss with exclamation-mark hairs on the crown.", {"alopecia-areata": A}, "alopecia areata"),
])
def test_finding_gives_way_to_the_disease_that_makes_it(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Skin cancer clinic: a scaly pink plaque on the calf. Differential: superficial BCC or Bowen's disease; punch "
     "biopsy.", {"malignant": A, "superficial-bcc": U, "bowens-disease": U}, ""),
    # guard: one kind weighed beside the generic name is left as it was
    ("Skin cancer clinic: a scaly pink plaque on the calf, ?superficial BCC; punch biopsy.",
     {"malignant": A, "superficial-bcc": U}, "superficial basal cell carcinoma"),
])
def test_generic_name_with_its_kinds_weighed_gives_no_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
