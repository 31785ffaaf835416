"""Tagger changes of round 26, the context / label side (tuning sets: gold and independent sets 1-16; families sorted
from set 16's errors left by round 25). Each family is a mechanism: a finding that supports or a presumption hedges
the name next to it; a belief reaches its name over the subject between ("I suspect the nodule on her shin is X"),
hedged for a physician's verb or in a clinician's letter, a guess otherwise; a definition contrasted with the case
("a keloid always spreads ..., so this one is a hypertrophic scar"); a spoken repair closed by "sorry"; inverted rows
whose qualifier follows a field name, a dash or comes before a slashed field. Every sentence is new, none taken from
any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # histopathology report, figure legends, a referral: hedged, and still the label
    ("Shave biopsy, shin: fibrohistiocytic proliferation with overlying epidermal hyperplasia, supporting "
     "dermatofibroma.", {"dermatofibroma": U}, "dermatofibroma"),
    ("Legend to Figure 2: Koebnerised plaques along the scratch marks, presumably psoriasis; the patient declined "
     "biopsy.", {"psoriasis": U}, "psoriasis"),
    ("Fig. 4. Nailfold dermoscopy: dilated loops and dropout, a pattern seen in dermatomyositis.",
     {"dermatomyositis": U}, "dermatomyositis"),
    ("In my view a granuloma annulare; tinea felt less likely given the absence of scale.",
     {"granuloma-annulare": U, "dermatophytosis": U}, "granuloma annulare"),
    # guard: "supporting" reaches the name next to it only, not a treatment's disease further on
    ("This review assesses evidence supporting early treatment of pemphigus vulgaris.",
     {"pemphigus-vulgaris": A}, "pemphigus vulgaris"),
])
def test_support_presumption_and_pattern_hedge(tg, text, want, label):  # noqa: F811
    """What a finding supports, what is presumed, the disease whose pattern a finding shows: uncertain, and hedged."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a physician's verb: hedged, the label may take it
    ("We suspect the violaceous nodule on her shin is a Kaposi sarcoma; biopsy booked.",
     {"kaposi-sarcoma": U}, "Kaposi sarcoma"),
    # in a clinician's letter the writer's "I think" / "I believe" is the writer's hedge
    ("Dear Dr Shah, I think the scaly patch on his left cheek is an actinic keratosis and would value cryotherapy.",
     {"actinic-keratosis": U}, "actinic keratosis"),
    ("Many thanks for seeing this man: I believe this is a keratoacanthoma, it doubled in size over five weeks.",
     {"keratoacanthoma": U}, "keratoacanthoma"),
    # a patient's belief over its subject is a guess, never the label
    ("I think the spot on my nose is a basal cell carcinoma, should I see someone?",
     {"basal-cell-carcinoma": U}, ""),
    ("I reckon the red ring on my arm is ringworm, the chemist sold me a cream", {"tinea-corporis": U}, ""),
])
def test_a_belief_reaches_its_name_over_the_subject(tg, text, want, label):  # noqa: F811
    """The belief's subject between it and the name ("the scaly patch on his left cheek") no longer ends its reach;
    who believes decides hedge (label) or guess (no label)."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("the key thing about a keloid is it always spreads past the wound edge, so this one is a hypertrophic scar",
     {"keloid": N, "hypertrophic-scar": A}, "hypertrophic scar"),
    ("remember a pyogenic granuloma always bleeds easily, whereas this one is a cherry angioma on the trunk",
     {"pyogenic-granuloma": N, "cherry-angioma": A}, "cherry angioma"),
    # guard: the answer is a kind of the defined name, no foil
    ("and a wart is always viral, so this one is a plantar wart on the heel",
     {"viral-wart": N, "plantar-wart": A}, "plantar wart"),
    # guard: no case answered with another diagnosis
    ("a melanoma is always biopsied, and this patient has a melanoma on the back", {"melanoma": A},
     "malignant melanoma"),
])
def test_a_definition_contrasted_with_the_case(tg, text, want, label):  # noqa: F811
    """A name defined in general, then the case answered with another diagnosis in the same sentence."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("here we have pemphigus, pemphigoid sorry, tense blisters on an elderly man",
     {"pemphigus": N, "bullous-pemphigoid": A}, "bullous pemphigoid"),
    # guards: an apology before the answer keeps taking back the name before it
    ("this is psoriasis, sorry, I mean eczema on the flexures", {"psoriasis": N, "eczema": A}, "eczema"),
    ("this is psoriasis sorry, eczema on the flexures", {"psoriasis": N, "eczema": A}, "eczema"),
])
def test_a_repair_closed_by_sorry(tg, text, want, label):  # noqa: F811
    """Lecture speech: "A, B sorry" corrects A to B."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Acne, type: nodulocystic | jawline", {"nodulocystic-acne": A}, "nodulocystic acne"),
    ("Urticaria -- subtype: cholinergic | after exercise", {"cholinergic-urticaria": A}, "cholinergic urticaria"),
    ("Carcinoma, basal cell - subtype: superficial | trunk", {"superficial-bcc": A}, "superficial basal cell carcinoma"),
    ("Nevus, compound / excluded: dysplastic nevus", {"compound-nevus": A, "dysplastic-nevus": N}, "compound nevus"),
    ("Psoriasis, scalp-only form", {"scalp-psoriasis": A}, "scalp psoriasis"),
    # guard: a trigger right after the name with no field of its own still reaches back to it
    ("melanoma ruled out: benign naevus", {"melanoma": N, "melanocytic-nevus": A}, "melanocytic nevus"),
])
def test_inverted_rows_with_labelled_or_slashed_fields(tg, text, want, label):  # noqa: F811
    """Dataset rows: a qualifier after its field's name or a dash, before a slashed field, or written "-only form"."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("this is a nodular basal cell, look at the arborising vessels", {"nodular-bcc": A}, "nodular basal cell carcinoma"),
    ("so it's a superficial basal cell, pink and scaly on the back", {"superficial-bcc": A},
     "superficial basal cell carcinoma"),
    ("it's a basal cell, you can see the rolled edge", {"basal-cell-carcinoma": A}, "basal cell carcinoma"),
    # guard: the epidermis's layer is no carcinoma
    ("the basal cell layer, the spinous layer and the granular layer", {}, ""),
])
def test_spoken_basal_cell_at_a_clause_end(tg, text, want, label):  # noqa: F811
    """Lecture speech drops "carcinoma": "basal cell" at a clause end is read (the comma was lost before this round),
    with the qualifier before it naming the kind."""
    check(tg, text, want, label)
