"""Tagger rules of round 44 (tuning sets: gold and independent sets 1-31). A forum thread's clinician reply sets aside
the poster's self-diagnosis it answers with another (and keeps one it confirms); one shared definition of the words
that point at a case (`cues.POINTS_AT_CASE`); a referral letter's courtesy "grateful if you would" is no hypothesis; a
drug label's section heading with its source in brackets; a leaflet's words end at a clause that turns to a patient's
lesion; "become more common with" and "are benign / harmless" are general statements; "considered and confirmed" is a
diagnosis; a spoken false start ("morbili- morbilliform") names nothing; a practitioner who treated what they named
reports it; a "Consider X when ..." rule's clause is hypothetical. Every sentence is new, written for these tests, none
taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import re

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # the poster's name answered with another diagnosis: set aside
    ("Q: I'm sure this ring on my thigh is ringworm. A (dermatologist): it is nummular eczema; the plaque is coin "
     "shaped, not ring shaped.", {"tinea-corporis": N, "nummular-eczema": A}, "nummular eczema"),
    ("Q: pretty sure these are warts on my fingers. A (GP): these are molluscum contagiosum, note the central "
     "dimple.", {"viral-wart": N, "molluscum-contagiosum": A}, "molluscum contagiosum"),
    ("I self-diagnosed psoriasis on my elbows. Reply from a dermatologist: the silvery look is absent; this is "
     "granuloma annulare.", {"psoriasis": N, "granuloma-annulare": A}, "granuloma annulare"),
    ("I diagnosed myself with hives after the beach. A doctor replied that the pinpoint spots are miliaria.",
     {"urticaria": N, "miliaria": A}, "miliaria"),
    # a physician's hedged answer sets the poster's name aside too, and is the label
    ("Me: must be acne on my chin. GP on the forum: looks more like perioral dermatitis than acne.",
     {"acne-vulgaris": N, "perioral-dermatitis": U}, "perioral dermatitis"),
    # a nurse's reply answers as well (a health professional)
    ("Google told me the black spot under my nail is melanoma. Reply from a practice nurse: it is a subungual "
     "haematoma from the door you shut on it.", {"melanoma": N, "subungual-hematoma": A}, "subungual hematoma"),
    # the itch the poster reports beside the guess is what they feel (asserted)
    ("Q: I think this is scabies, it's very itchy. A (dermatologist): the papules on the buttocks are dermatitis "
     "herpetiformis.", {"scabies": N, "pruritus": A, "dermatitis-herpetiformis": A}, "dermatitis herpetiformis"),
    # the reply's short "not X" for the poster's name is that name ruled out, not a second finding
    ("Q: is this a cold sore on my lip? A (GP): no, it is impetigo, not herpes.",
     {"herpes-labialis": N, "impetigo": A}, "impetigo"),
])
def test_a_clinician_reply_sets_aside_the_posters_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a reply that confirms the poster's name keeps it (the same node, or a refinement after agreement)
    ("Q: Shingles on my chest? A (GP): agreed, herpes zoster, start the antivirals today.",
     {"herpes-zoster": A}, "herpes zoster"),
    # guard: a reply that names no diagnosis sets nothing aside
    ("Q: I think this is psoriasis on my knees. A (dermatologist): please book a clinic visit so we can look.",
     {"psoriasis": U}, ""),
    # guard: a lay reply is no clinician's answer
    ("Q: I think this is psoriasis on my knees. A (my sister): it is eczema, she had it too.",
     {"psoriasis": U, "eczema": A}, "eczema"),
])
def test_a_reply_that_confirms_or_names_nothing_keeps_the_posters_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_one_shared_definition_of_the_words_that_point_at_a_case():
    from derm1m_build.tagger import cues, guides, research

    assert guides.POINTS_AT_CASE is cues.POINTS_AT_CASE
    assert research.POINTS_AT_CASE is cues.POINTS_AT_CASE
    assert not hasattr(research, "_CASE")
    for s in ("this rash", "here", "today's photo", "our patient", "her arm", "my leg", "a 30-year-old"):
        assert cues.POINTS_AT_CASE.search(s), s
    for s in ("in this clinical context", "these populations", "a review of trials"):
        assert cues.POINTS_AT_CASE.search(s) is None, s


@pytest.mark.parametrize("text,want,label", [
    # a referral letter's courtesy is no hypothesis
    ("I would be grateful if you would see this gentleman's lichen planus of the wrists, which itches at night.",
     {"lichen-planus": A, "pruritus": A}, "lichen planus"),
    ("I'd appreciate it if you could review his chronic plaque psoriasis on the shins.",
     {"psoriasis-vulgaris": A}, "psoriasis vulgaris"),
    # guard: a true "if" stays a hypothesis
    ("If the rash spreads it may be impetigo.", {"impetigo": U}, ""),
    # a drug label's heading with its source in brackets
    ("SIDE EFFECTS (from the phase 3 trials): urticaria and alopecia were reported in 2% of subjects.",
     {"urticaria": U, "hair-diseases": U}, ""),
    # a leaflet's words end where a later clause turns to the patient's lesion
    ("The handout lists the warning signs of melanoma; his lesion is a benign dermatofibroma.",
     {"melanoma": U, "dermatofibroma": A}, "dermatofibroma"),
    # guard: without such a clause the leaflet's names stay general
    ("The leaflet lists acne and rosacea; it is free at reception.", {"acne-vulgaris": U, "rosacea": U}, ""),
])
def test_referral_courtesy_drug_label_heading_and_leaflet_scope(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Cherry angiomas become more common with age.", {"cherry-angioma": U}, ""),
    ("Dermatofibromas are benign and need no treatment; the one on her thigh, though, is a dermatofibrosarcoma "
     "protuberans.", {"dermatofibroma": U, "dfsp": A}, "dermatofibrosarcoma protuberans"),
    ("Milia are harmless.", {"milia": U}, ""),
    # guard: one lesion's nature told with a determiner is the case's
    ("This dermatofibroma is benign.", {"dermatofibroma": A}, "dermatofibroma"),
    # a hypothesis tested and borne out
    ("Sarcoidosis was considered and confirmed on biopsy of the plaque.", {"sarcoidosis": A}, "sarcoidosis"),
    # guard: considered alone stays a hypothesis
    ("Sarcoidosis was considered.", {"sarcoidosis": U}, ""),
])
def test_general_statements_and_a_confirmed_hypothesis(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a spoken false start names nothing
    ("and this one is vitil- vitiligo on the hands", {"vitiligo": A}, "vitiligo"),
    ("so the rash is rubel- rubelliform, nothing more", {}, ""),
    # a practitioner who treated what they named reports it
    ("The chiropodist said the hard spot on my heel is a corn and pared it down.", {"corn": A}, "corn"),
    # guard: without the treatment it stays their view
    ("The chiropodist said the hard spot on my heel is a corn.", {"corn": U}, ""),
    # a "Consider X when ..." rule's clause is hypothetical, the case's own name is not
    ("Consider impetigo when a child's crusts spread fast; in this girl the crusts were eczema herpeticum.",
     {"impetigo": U, "eczema-herpeticum": A}, "eczema herpeticum"),
    ("Suspect scabies if the whole family itches at night; this man has burrows and scabies.",
     {"pruritus": U, "scabies": A}, "scabies"),
])
def test_false_starts_treated_reports_and_consider_rules(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a guideline's evidence-graded recommendation, even as a verbless fragment
    ("Extensive chronic plaque psoriasis despite phototherapy (Strong, Moderate)", {"psoriasis-vulgaris": U}, ""),
    ("Oral antibiotics are reasonable for widespread impetigo (Class IIa, Level of Evidence B).", {"impetigo": U}, ""),
    # guard: a grade of the case's own disease is no guideline's
    ("Her hidradenitis suppurativa (Hurley stage II) flared in both axillae.", {"hidradenitis-suppurativa": A},
     "hidradenitis suppurativa"),
    # a drug summary's heading in sentence case
    ("Adverse effects: urticaria, vitiligo-like depigmentation (rare).", {"urticaria": U, "vitiligo": U}, ""),
    # research prose's background: the disease as a general complication's, a count's or a share's object
    ("Secondary infection is a common complication of atopic dermatitis in children.", {"atopic-dermatitis": U}, ""),
    ("About 40 000 new cases of melanoma were registered in that country in 2015.", {"melanoma": U}, ""),
    ("A substantial proportion of vitiligo patients report low mood.", {"vitiligo": U}, ""),
    # guard: a share of the reviewed studies' lesions is theirs
    ("A review of the literature found that a significant proportion of BCCs were incompletely excised.",
     {"basal-cell-carcinoma": A}, "basal cell carcinoma"),
    # guard: the share of a trial's own patients is the trial's measure
    ("Primary endpoint: proportion of vitiligo patients with 75% repigmentation at week 24.", {"vitiligo": A},
     "vitiligo"),
    # guard: a complication of the patient's own disease is the case's
    ("The boy's eczema herpeticum came as a serious complication of his atopic dermatitis.",
     {"eczema-herpeticum": A, "atopic-dermatitis": A}, "eczema herpeticum"),
])
def test_graded_recommendations_drug_summaries_and_research_background(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
