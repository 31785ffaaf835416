"""Tagger rules of round 36 (tuning sets: gold and independent sets 1-23). The grammar behind set 23's negated
conditions reported as asserted and its labels, in patients' own words and in clinicians' notes: a contracted "didn't",
"broke out with" (whose "with" ends no scope), a treatment that did not help (no negation of the disease), a past
episode dated by school or youth, a likeness ("as if I had hives"), advice to "anyone with X", the look of a diagnosis a
lesion does not have, "more in keeping with X than with Y", a negation with its exception in time ("never ... except
when"), a dictated name amended and what another "called" a rash answered later. Every sentence is new, none taken
from any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("Six weeks on the new pill and I never broke out with acne once.", {"acne-vulgaris": N}, ""),
    ("I did not break out in hives this time, which was a relief.", {"urticaria": N}, ""),
    ("Honestly I didn't bruise at all after the injections.", {"ecchymosis": N}, ""),
    # guard: the spelled-out form read as before, a clause's answer after it stands
    ("I don't have psoriasis, it is eczema.", {"psoriasis": N, "eczema": A}, "eczema"),
    # guard: a contracted negation reaches no name after a comma, nor "don't just say X"
    ("The dark patch on her neck doesn't scrub off, acanthosis nigricans.", {"acanthosis-nigricans": A},
     "acanthosis nigricans"),
    ("Don't just say eczema when you see this, look for burrows.", {"eczema": A}, "eczema"),
])
def test_a_contracted_negation_and_breaking_out_with(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The gel doesn't help my rosacea at all.", {"rosacea": A}, "rosacea"),
    ("The tablets did not clear my psoriasis.", {"psoriasis": A}, "psoriasis"),
    ("I couldn't stop scratching the eczema on my wrists last night.", {"eczema": A}, "eczema"),
    ("The cream didn't cure my eczema.", {"eczema": A}, "eczema"),
    # what a treatment cannot do, said in the present tense, is a general statement
    ("Antifungal creams do not cure lichen planus.", {"lichen-planus": U}, ""),
    ("Steroid creams do not cure psoriasis, they only calm it down.", {"psoriasis": U}, ""),
])
def test_a_treatment_that_failed_is_no_negation(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("I first used this cream for acne in high school and it dried my skin.", {"acne-vulgaris": A}, ""),
    ("I used to have eczema behind my knees as a kid.", {"eczema": A}, ""),
    ("The spray finally got rid of my athlete's foot.", {"tinea-pedis": A}, ""),
    # guard: a school's pupils are a population, the title's disease is its subject
    ("Eczema in high school students: a survey of 400 pupils.", {"eczema": A}, "eczema"),
])
def test_a_past_episode_is_history_not_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("My back looks like it has a sunburn after every dose.", {"sunburn": U}, ""),
    ("The skin feels almost as if I had hives under it.", {"urticaria": U}, ""),
    ("I would tell anyone with rosacea to try it.", {"rosacea": U}, ""),
])
def test_a_likeness_or_advice_to_anyone_is_no_finding(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The nodule does not have the pearly look of a basal cell carcinoma; it is a dermatofibroma.",
     {"basal-cell-carcinoma": N, "dermatofibroma": A}, "dermatofibroma"),
    ("A flat plaque without the silvery scale and features of psoriasis, in keeping with a lichen simplex chronicus.",
     {"psoriasis": N, "lichen-simplex-chronicus": U}, "lichen simplex chronicus"),
])
def test_the_look_a_lesion_does_not_have_denies_its_owner(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The rash is more in keeping with a pityriasis rosea than with secondary syphilis.",
     {"pityriasis-rosea": U, "secondary-syphilis": N}, "pityriasis rosea"),
    ("This is more likely an irritant contact dermatitis than an allergic contact dermatitis.",
     {"irritant-contact-dermatitis": U, "allergic-contact-dermatitis": N}, "irritant contact dermatitis"),
    # guard: a comparison of frequencies prefers no diagnosis
    ("Psoriasis is more common than vitiligo in this clinic.", {"psoriasis": A, "vitiligo": A}, "psoriasis"),
])
def test_more_in_keeping_with_x_than_y_sets_y_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("I normally never get cold sores except when I am run down.", {"herpes-labialis": A}, "herpes labialis"),
    # guard: without an exception the negation stands
    ("I normally never get cold sores in winter.", {"herpes-labialis": N}, ""),
])
def test_a_negation_with_an_exception_in_time(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ('Earlier I dictated "lichen planus"; please amend the report to read lichen sclerosus.',
     {"lichen-planus": N, "lichen-sclerosus": A}, "lichen sclerosus"),
    ("What my doctor called ringworm turned out to be a granuloma annulare on biopsy.",
     {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    # guard: with no answer the earlier name stands
    ("What the GP called eczema has cleared with the cream.", {"eczema": A}, "eczema"),
])
def test_a_dictated_or_called_name_answered_later(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("the students all said psoriasis, but no, this one is a rare thing", {"psoriasis": N}, ""),
    # guard: "but no" before a finding negates that finding only
    ("eczema but no scale on the flexures", {"eczema": A}, "eczema"),
])
def test_but_no_after_a_name_denies_it(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("my toddler had a fever then a red blotchy rash on his tummy, the nurse on 111 said roseola",
     {"roseola": U}, ""),
    ("The practice nurse felt this was impetigo; please advise.", {"impetigo": U}, ""),
    ("I rang 111 and they said the rash was chickenpox.", {"varicella": U}, ""),
    # guard: a physician's word after "but" stands
    ("The nurse thought it was eczema but the dermatologist says psoriasis.", {"eczema": N, "psoriasis": A},
     "psoriasis"),
])
def test_a_nurse_or_a_helpline_is_not_a_physician(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Plaques on the shins with no pustules, interpreted as a plaque psoriasis.", {"psoriasis-vulgaris": U},
     "psoriasis vulgaris"),
    ("The vesicles along the flank fit herpes zoster, and varicella is not supported by the history.",
     {"herpes-zoster": U, "varicella": N}, "herpes zoster"),
    # guards: "or" keeps one subject, as does an example after "such as"
    ("Melanoma or basal cell carcinoma is excluded.", {"melanoma": N, "basal-cell-carcinoma": N}, ""),
    ("A blistering disease such as pemphigus vulgaris is not likely here.",
     {"bullous": N, "pemphigus-vulgaris": N}, ""),
])
def test_a_predicate_or_a_singular_verb_ends_a_list(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Nail clippings: PAS-positive hyphae in the plate; the findings support a tinea unguium.",
     {"onychomycosis": U}, "onychomycosis"),
    ("Figure 3. Violaceous flat papules on the wrist; the likely diagnosis was lichen planus.",
     {"lichen-planus": U}, "lichen planus"),
    ("Painful papule on the helix; this fits best with a chondrodermatitis nodularis.",
     {"chondrodermatitis": U}, "chondrodermatitis nodularis helicis"),
    ("Dense dermal granulomas; the picture is best explained as sarcoidosis.", {"sarcoidosis": U}, "sarcoidosis"),
    ("I am fairly confident it is vitiligo.", {"vitiligo": U}, "vitiligo"),
])
def test_a_clinicians_weighing_is_hedged_and_gives_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Patchy hair loss with exclamation-mark hairs, alopecia areata; there is no scale to suggest tinea capitis.",
     {"alopecia-areata": A, "tinea-capitis": N}, "alopecia areata"),
    ("A tender plaque without burrows to support scabies; this is an eczema.", {"scabies": N, "eczema": A}, "eczema"),
    # guard: a sign that is there still suggests
    ("There are enough atypical features to suggest a melanoma.", {"melanoma": U}, "malignant melanoma"),
])
def test_a_missing_sign_sets_aside_what_it_would_suggest(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Primary outcomes were new basal cell carcinomas; squamous cell carcinomas; and actinic keratoses at 12 months.",
     {"basal-cell-carcinoma": U, "squamous-cell-carcinoma": U, "actinic-keratosis": U}, ""),
    ("Several hereditary melanoma syndromes are now recognised.", {"melanoma": U}, ""),
    ("The panel covers genes seen in association with melanoma.", {"melanoma": U}, ""),
    # guard: a study of patients with a disease keeps its subject
    ("Outcomes in patients with psoriasis treated with biologics.", {"psoriasis": A}, "psoriasis"),
])
def test_research_prose_counts_and_classes_are_no_finding(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("my mum thinks the patch on my neck is eczema but i read that psoriasis looks the same", {"eczema": U,
                                                                                              "psoriasis": U}, ""),
    ("Eczema sufferers should moisturise twice a day.", {"eczema": U}, ""),
    ("the last slide from the previous lecture was the lichen planus, today we start with a lichen sclerosus",
     {"lichen-planus": U, "lichen-sclerosus": A}, "lichen sclerosus"),
    ("The student labelled this a wart, which it is not: it is a seborrhoeic keratosis.",
     {"viral-wart": N, "seborrheic-keratosis": A}, "seborrheic keratosis"),
])
def test_a_lay_reading_a_generality_another_slide_and_a_denial(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Keratosis, seborrhoeic -- irritated type, left temple", {"irritated-seborrheic-keratosis": A},
     "irritated seborrheic keratosis"),
    ("Lichen planus -- hypertrophic, both shins", {"hypertrophic-lichen-planus": A}, "hypertrophic lichen planus"),
])
def test_a_doubled_dash_is_catalogue_order(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
