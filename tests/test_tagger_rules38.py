"""Tagger rules of round 38 (tuning sets: gold and independent sets 1-25). Set 25's written part: a spoken "no" before
an apology, a repair phrase or a stuttered article; the writer's own assumption answered later; the one-word
superlative and a ranking as general statements, with the case cues that tie them to a lesion; a referrer's "I feel",
"I think these are" and "I wonder about" as a clinician's hedge in a letter; a withdrawal that names its object; a
subtype field's or path's bare adjective; the previous slide that "showed" another picture's disease; a history
section that ends where today's visit begins. Every sentence is new, none taken from any evaluation set; the guards
keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("Right, so this one is a psoriasis, no, sorry, a lichen planus, look at the violaceous flat tops.",
     {"psoriasis": N, "lichen-planus": A}, "lichen planus"),
    ("Bullous pemphigoid, no, I mean pemphigus vulgaris, the blisters here are flaccid and the mouth is eroded.",
     {"bullous-pemphigoid": N, "pemphigus-vulgaris": A}, "pemphigus vulgaris"),
    ("The rosacea, no, the, the perioral dermatitis around the mouth of this young woman.",
     {"rosacea": N, "perioral-dermatitis": A}, "perioral dermatitis"),
    # guards: a "no" that denies a site, not the name, and a question answered "no"
    ("Psoriasis, no, not on the scalp, on the elbows.", {"psoriasis": A}, "psoriasis"),
    ("Is this a wart? No, it's a corn, pare it and there's a translucent core.", {"viral-wart": N, "corn": A}, "corn"),
])
def test_a_spoken_no_before_an_apology_or_a_stutter(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Spent a month treating what I assumed was ringworm, turned out to be nummular eczema according to the GP.",
     {"tinea-corporis": N, "nummular-eczema": A}, "nummular eczema"),
    ("I presumed it was psoriasis on his palms but the patch test came back as allergic contact dermatitis.",
     {"palmoplantar-psoriasis": N, "allergic-contact-dermatitis": A}, "allergic contact dermatitis"),
    # guard: an assumption nobody answers stays the writer's own view
    ("I assumed it was a cold sore and bought some cream from the chemist.", {"herpes-labialis": U}, ""),
])
def test_the_writers_assumption_answered_later(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Seborrhoeic keratosis is the commonest benign skin tumour in older adults.", {"seborrheic-keratosis": U}, ""),
    ("Acral lentiginous melanoma, the most aggressive subtype in this series, is often diagnosed late.",
     {"acral-lentiginous-melanoma": U}, ""),
    # the statement tied to the lesion in view: a pointed lesion, a pointed person, a possessive, after a semicolon
    ("This papule on the eyelid is a syringoma, the commonest adnexal tumour of the lower lid.",
     {"syringoma": A}, "syringoma"),
    ("Scabies is the commonest cause of itch in care homes; Mr Dale's finger-web papules are typical of it.",
     {"scabies": A, "pruritus": A}, "scabies"),
    ("Molluscum contagiosum is the most prevalent viral skin infection of early childhood, and this girl has dozens.",
     {"molluscum-contagiosum": A, "viral": A}, "molluscum contagiosum"),
])
def test_a_superlative_is_a_general_statement(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Routine referral: waxy brown plaques on the trunk of a 77-year-old, I feel these are simply seborrhoeic "
     "keratoses but the daughter is anxious.", {"seborrheic-keratosis": U}, "seborrheic keratosis"),
    ("Dear Dr Moss, a 12-year-old with pearly umbilicated papules on the neck; I think these are molluscum "
     "contagiosum.", {"molluscum-contagiosum": U}, "molluscum contagiosum"),
    ("Letter to the dermatology clinic: an itchy violaceous plaque on the shin; I wonder about hypertrophic lichen "
     "planus.", {"hypertrophic-lichen-planus": U, "pruritus": A}, "hypertrophic lichen planus"),
    # a patient's "I think these are" outside a letter stays a guess
    ("Itchy welts on my arms since the weekend, I think these are hives from the new washing powder.",
     {"pruritus": A, "urticaria": U}, ""),
])
def test_a_referrers_feeling_is_a_hedge(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Addendum: please disregard the earlier note of cellulitis, the hot red shin is erysipelas.",
     {"cellulitis": N, "erysipelas": A}, "erysipelas"),
    ("Please ignore my previous entry of tinea corporis; the annular plaque is granuloma annulare.",
     {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    # guard: a closing "please disregard" still withdraws the sentence before it
    ("Keyed in as impetigo on the wrong child. Please disregard.", {"impetigo": N}, ""),
])
def test_a_withdrawal_that_names_its_object(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Surgical pathway: Melanoma > invasive > amelanotic (pink nodule, no pigment)", {"amelanotic-melanoma": A},
     "amelanotic melanoma"),
    ("Allergy clinic line: Urticaria; chronic; physical subtype: cold, positive ice test", {"cold-urticaria": A},
     "cold urticaria"),
    ("Psoriasis; clinical variant: pustular; palms and soles", {"pustular-psoriasis": A}, "pustular psoriasis"),
    # guard: a path step that names no subtype leaves the group
    ("Eczema > 3 months > topical steroids", {"eczema": A}, "eczema"),
    # guard: a path that names its node on the way keeps that node (its site after it is no subtype adjective)
    ("Psoriasis > pustular psoriasis > generalized; admitted", {"pustular-psoriasis": A}, "pustular psoriasis"),
])
def test_a_subtype_fields_bare_adjective(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The previous slide showed a keratoacanthoma, but this one is a well differentiated squamous cell carcinoma.",
     {"keratoacanthoma": U, "squamous-cell-carcinoma": A}, "squamous cell carcinoma"),
    ("The last picture had guttate psoriasis; here the plaques are larger and on the elbows.",
     {"guttate-psoriasis": U}, ""),
])
def test_the_previous_slide_showed_another_picture(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("PMH: psoriasis since 2010. Today a tender pearly nodule on the nose, ?BCC.",
     {"psoriasis": A, "basal-cell-carcinoma": U}, "basal cell carcinoma"),
    ("PMH: vitiligo. Now presents with a crop of itchy wheals after a bee sting, urticaria.",
     {"vitiligo": A, "urticaria": A, "pruritus": A, "bee-sting": A}, "urticaria"),
    # guard: without today's visit the section runs on
    ("PMH: melanoma 2016, excised. Annual skin checks since.", {"melanoma": A}, ""),
])
def test_a_history_section_ends_at_todays_visit(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("If the margin shows atypical melanocytes on review, it is a lentigo maligna melanoma.",
     {"lentigo-maligna-melanoma": U}, ""),
    ("And if the plaque keeps spreading despite the cream, then it is a mycosis fungoides.",
     {"mycosis-fungoides": U}, ""),
    # guard: a teacher's "if you look" points at the case
    ("If you look closely at the rolled edge, this is a basal cell carcinoma.", {"basal-cell-carcinoma": A},
     "basal cell carcinoma"),
])
def test_a_verdict_in_a_conditional_consequent(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Night-time itch and sleep quality in children with atopic dermatitis: a cohort study",
     {"pruritus": A, "atopic-dermatitis": A}, "atopic dermatitis"),
    # (round 43: a trial's abscess count measures its disease, no abscess diagnosed: sets 24, 25 and 30 annotate none)
    ("Mean reduction in draining tunnel and abscess count in hidradenitis suppurativa at week 16.",
     {"hidradenitis-suppurativa": A}, "hidradenitis suppurativa"),
    ("Treated twenty years ago for a nodular melanoma on the shin; the new brown papule on the arm is a "
     "dermatofibroma.", {"nodular-melanoma": A, "dermatofibroma": A}, "dermatofibroma"),
    # guard: a skin finding before the population is still what the title is about
    ("Basal cell carcinoma in patients with psoriasis treated with phototherapy",
     {"basal-cell-carcinoma": A, "psoriasis": A}, "basal cell carcinoma"),
])
def test_a_studys_measure_and_a_dated_treatment(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The practice nurse sent her home saying she has ringworm, a scaly ring on the forearm.",
     {"tinea-corporis": U}, ""),
    ("Dermatology query from the Ashby practice: itchy papules in the finger webs, I believe scabies.",
     {"pruritus": A, "scabies": A}, "scabies"),
    # guard: a query of a name is still the referrer's working diagnosis
    ("Referral letter: query keratoacanthoma on the forearm, fast growing.", {"keratoacanthoma": U},
     "keratoacanthoma"),
])
def test_a_nurses_report_and_a_querys_heading(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the verdict hedge after the name, withdrawn at the merge of round 39 (as a trigger both ways, "most likely"
    # hedged the name before it in "her cold sore, most likely erythema multiforme"), back in round 40 as a hedge that
    # requires its clause to close after it (`scope.POST_VERDICT`)
    ("Known psoriasis since 2012, now a new tender nodule in the axilla, hidradenitis suppurativa most likely.",
     {"psoriasis": A, "hidradenitis-suppurativa": U}, "hidradenitis suppurativa"),
    ("Photo sent to the melanoma pathway by mistake: the lesion is a seborrhoeic keratosis.",
     {"melanoma": U, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    # guard: a pathway named before the disease it records is the record's heading
    ("Pathology pathway: Melanoma > invasive > nodular", {"nodular-melanoma": A}, "nodular melanoma"),
])
def test_a_verdict_after_the_name_and_a_referral_pathway(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
