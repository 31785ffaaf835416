"""Tagger rules and label of round 48 (tuning sets: gold and independent sets 1-34). A physician's verdict said after
the name ("X was presumed", "X is the likely diagnosis", "X fits best", "X is the best fit") or in a legend's participle
("the likely diagnosis being X", "features best fitting X") hedges X, the label; a referral's courtesy opening ("Kindly
review", "Thank you for seeing") is a clinician's letter, where a belief in a relative clause ("whose nails I believe
are X", "which I feel is X") is the writer's hedge; a tumour's ground named without an article ("arising on actinic
cheilitis") is the ground; an asserted carcinoma in situ beside actinic keratoses is the label. Every sentence is new,
written for these tests, none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # the verdict after the name
    ("Panel B. Pink pearly papules with a central dell on a toddler's flank; molluscum contagiosum is the likely "
     "diagnosis.", {"molluscum-contagiosum": U}, "molluscum contagiosum"),
    ("Fig. 2. Brown reticulate mottling on the shins of a woman who sits by an electric fire; erythema ab igne was "
     "presumed, no biopsy was done.", {"erythema-ab-igne": U}, "erythema ab igne"),
    ("Linear vesicles on the forearm after weeding; allergic contact dermatitis presumed, patch tests booked.",
     {"allergic-contact-dermatitis": U}, "allergic contact dermatitis"),
    ("No burrows and no contacts affected, so scabies is unlikely; a seborrhoeic dermatitis fits best.",
     {"scabies": N, "seborrheic-dermatitis": U}, "seborrheic dermatitis"),
    ("Punch of the shin plaque: palisading granulomas around degenerate collagen; necrobiosis lipoidica is the best "
     "fit.", {"necrobiosis-lipoidica": U}, "necrobiosis lipoidica"),
    # the same weighing before the name
    ("Figure 4. Violaceous papules in a ring on the dorsum of the hand, the likely diagnosis being granuloma annulare.",
     {"granuloma-annulare": U}, "granuloma annulare"),
    ("Shave from the back: acantholysis with dyskeratosis in the upper epidermis, features best fitting Darier "
     "disease.", {"darier-disease": U}, "Darier-White disease"),
])
def test_a_verdict_after_the_name_hedges_it(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: "presumed" before the name stays the pre-name hedge it was
    ("Presumed tinea corporis on the forearm of a farm worker; scraping sent.", {"tinea-corporis": U},
     "tinea corporis"),
    # guard: a bare participle "fitting" after a stated diagnosis is no hedge
    ("Biopsy confirms a lichen planus, fitting the violet papules on both wrists.", {"lichen-planus": A},
     "lichen planus"),
    # guard: "presumed" that goes on to another word ("presumed benign") is no verdict on the name before it
    ("Seborrhoeic keratosis on the temple, presumed benign by the patient, confirmed on dermoscopy.",
     {"seborrheic-keratosis": A}, "seborrheic keratosis"),
])
def test_guards_for_the_verdict_after_the_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Kindly review Mr Ahmed, whose shiny violaceous plaques on the shins I believe are necrobiosis lipoidica.",
     {"necrobiosis-lipoidica": U}, "necrobiosis lipoidica"),
    ("Thank you for seeing Mrs Lowe, whose tense blisters on the forearms I believe represent bullous pemphigoid.",
     {"bullous-pemphigoid": U}, "bullous pemphigoid"),
    ("Many thanks for reviewing this gardener's crusted nodule on the forearm, which I feel is a keratoacanthoma.",
     {"keratoacanthoma": U}, "keratoacanthoma"),
])
def test_a_belief_in_a_letters_relative_clause_is_the_writers_hedge(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a stated belief outside a letter stays as stated ("believe" is left as it is, round 26)
    ("My sister has a rough patch on her elbow which I believe is psoriasis.", {"psoriasis": A}, "psoriasis"),
    # guard: a courtesy opening with a plain diagnosis keeps it asserted
    ("Thank you for seeing Ms Grant, who has had hidradenitis suppurativa since her twenties; new tracts in the groin.",
     {"hidradenitis-suppurativa": A}, "hidradenitis suppurativa"),
])
def test_guards_for_the_letter(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the ground named without an article, after a hedged tumour: the tumour is the label
    ("Kindly review this fisherman's lip, which I feel is a squamous cell carcinoma arising on actinic cheilitis.",
     {"squamous-cell-carcinoma": U, "actinic-cheilitis": A}, "squamous cell carcinoma"),
    ("A nodule on the scalp, probably a squamous cell carcinoma arising in actinic keratoses.",
     {"squamous-cell-carcinoma": U, "actinic-keratosis": A}, "squamous cell carcinoma"),
])
def test_a_ground_without_an_article_is_the_ground(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Clinic note: AKs on both temples frozen with LN2; SCCIS on the right shin booked for excision.",
     {"actinic-keratosis": A, "bowens-disease": A}, "Bowen's disease"),
    ("Histology: actinic keratosis with a focus of Bowen's disease, peripheral margin clear.",
     {"actinic-keratosis": A, "bowens-disease": A}, "Bowen's disease"),
    # guard: a hedged SCC in situ gives no label over the asserted keratoses
    ("Two AKs on the scalp treated today; ?SCCIS on the left ear, biopsy next week.",
     {"actinic-keratosis": A, "bowens-disease": U}, "actinic keratosis"),
    # guard: beside an invasive carcinoma as well, the choice is left as it was (the first named)
    ("Actinic keratoses on the scalp, Bowen's disease on the shin and an invasive squamous cell carcinoma on the ear.",
     {"actinic-keratosis": A, "bowens-disease": A, "squamous-cell-carcinoma": A}, "actinic keratosis"),
])
def test_an_scc_in_situ_beside_actinic_keratoses_is_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a physician's hedge borne out later in the same sentence
    ("Figure 3. Blue-black papule on the back, suggestive of nodular melanoma; excision confirmed a Breslow of 2 mm.",
     {"nodular-melanoma": A}, "nodular melanoma"),
    ("Thick yellow great toenail, most probably onychomycosis, later confirmed on culture.",
     {"onychomycosis": A}, "onychomycosis"),
    ("The presumed pyogenic granuloma on the lip was confirmed on histology.", {"pyogenic-granuloma": A},
     "pyogenic granuloma"),
    # guards: a confirmation still to come, or denied, leaves the hedge
    ("Violaceous nodule on the shin, most probably Kaposi sarcoma, to be confirmed on biopsy.",
     {"kaposi-sarcoma": U}, "Kaposi sarcoma"),
    ("Suspected scabies in the care home, not yet confirmed by scraping.", {"scabies": U}, "scabies"),
])
def test_a_hedge_later_confirmed_is_asserted(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a disease's named clinical form beside the disease: the form is the label
    ("Ward list: tinea capitis with kerion, occipital scalp, griseofulvin started.",
     {"tinea-capitis": A, "kerion": A}, "kerion"),
    # guard: a kerion only feared keeps the asserted tinea capitis the label
    ("This girl has tinea capitis with broken hairs; if the patch turns boggy, suspect a kerion.",
     {"tinea-capitis": A, "kerion": U}, "tinea capitis"),
])
def test_a_named_form_beats_its_disease(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
