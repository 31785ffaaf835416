"""Tagger changes of round 30, the context side (tuning sets: gold and independent sets 1-18). Each family is a general
negation or scope form the held-out sets keep bringing in new wordings of: a negation's list that repeats its preposition
("negative for X and for Y"); "rather" bringing the answer after a denied name; a question whether to worry, a test's
target, teaching on what to watch for, a supposition ("should it be", "unless", "were it") and a family history as a
note heads it ("FH:") are not findings; "no personal or family history of", "as opposed to" and "never confirmed" set a
name aside; one word that says a finding is absent ("anicteric", "nonpruritic"); a report's reading of its pattern ("the
picture fits erythema nodosum") names the diagnosis. Every sentence is new, none taken from any evaluation set; the
guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("Skin scrapings were negative for scabies mites and for tinea; the rash is dry skin eczema.",
     {"scabies": N, "dermatophytosis": N, "asteatotic-eczema": A}, "dry skin eczema"),
    # (round 59: "the bite" the findings are around is the patient's bite, asserted and the label, as set 43 reads
    # "no cellulitis around the bite")
    ("There was no evidence of cellulitis or of an abscess around the bite.",
     {"cellulitis": N, "abscess": N, "bites-and-stings": A}, "bites and stings"),
    # guard: a second finding after "and" with a word of its own between stays out of the list
    ("No psoriasis on the elbows and vitiligo on both hands.", {"psoriasis": N, "vitiligo": A}, "vitiligo"),
])
def test_a_negation_list_that_repeats_its_preposition_is_negated_throughout(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Not psoriasis, rather pityriasis rosea given the herald patch.",
     {"psoriasis": N, "pityriasis-rosea": A}, "pityriasis rosea"),
    ("No eczema here; rather a contact dermatitis from the watch strap.",
     {"eczema": N, "contact-dermatitis": A}, "contact dermatitis"),
    # guard: "rather than" stays a negation of what follows it
    ("Seborrhoeic dermatitis rather than psoriasis, given the greasy scale.",
     {"seborrheic-dermatitis": A, "psoriasis": N}, "seborrheic dermatitis"),
])
def test_rather_brings_the_answer_after_a_denied_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Should I worry about skin cancer with this spot on my shin?", {"malignant": U}, ""),
    ("Do I need to be worried about melanoma at my age?", {"melanoma": U}, ""),
    ("If it keeps growing we will biopsy for melanoma; for now it looks like a dermatofibroma.",
     {"melanoma": U, "dermatofibroma": U}, "dermatofibroma"),
    ("The blisters were swabbed for herpes simplex; the picture is bullous impetigo.",
     {"herpes-simplex": U, "bullous-impetigo": A}, "bullous impetigo"),
    ("Early signs of shingles to watch for: tingling and a one-sided band of pain.", {"herpes-zoster": U}, ""),
    # guard: a title's test names its topic
    ("Dermoscopy for melanoma: a primer.", {"melanoma": A}, "malignant melanoma"),
])
def test_a_worry_question_a_test_target_and_what_to_watch_for_are_no_findings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Should it be scabies, every contact needs treating; for now it looks like eczema.",
     {"scabies": U, "eczema": U}, "eczema"),
    ("Were it a melanoma, the margins would be wider; this is a benign compound naevus.",
     {"melanoma": U, "compound-nevus": A}, "compound nevus"),
    ("FH: vitiligo (sister). O/E: a halo naevus on the back.", {"vitiligo": U, "halo-nevus": A}, "halo nevus"),
    ("FHx of melanoma in two uncles; today a seborrhoeic keratosis on the temple.",
     {"melanoma": U, "seborrheic-keratosis": A}, "seborrheic keratosis"),
])
def test_a_supposition_and_a_family_history_heading_are_not_the_finding(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("No personal or family history of psoriasis; the nail pits are from alopecia areata.",
     {"psoriasis": N, "alopecia-areata": A}, "alopecia areata"),
    ("Tense blisters, so bullous pemphigoid as opposed to pemphigus.",
     {"bullous-pemphigoid": A, "pemphigus": N}, "bullous pemphigoid"),
    ("Scabies was never confirmed; the papules are insect bites.",
     {"scabies": N, "insect-bite": A}, "insect bite"),
    # guard: an untreated course does not negate the disease after it
    ("Without treatment, the impetigo on her chin spread to the nose.", {"impetigo": A}, "impetigo"),
])
def test_a_history_denied_a_contrast_and_a_diagnosis_never_confirmed_are_negated(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("He is anicteric with a widespread urticarial rash.", {"jaundice": N, "urticaria": A}, "urticaria"),
    ("Sclerae nonicteric; palmar erythema noted.", {"jaundice": N}, ""),
    ("A nonpruritic morbilliform eruption after amoxicillin.",
     {"pruritus": N, "morbilliform-drug-eruption": A}, "morbilliform drug eruption"),
    ("A non-pruritic annular plaque on the dorsal hand: granuloma annulare.",
     {"pruritus": N, "granuloma-annulare": A}, "granuloma annulare"),
    # guard: the positive word keeps the finding
    ("The patient is jaundiced and covered in scratch marks.", {"jaundice": A}, "jaundice"),
])
def test_one_word_that_says_a_finding_is_absent_negates_it(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Punch biopsy, calf: septal panniculitis without vasculitis; the picture fits erythema nodosum.",
     {"panniculitis": A, "vasculitis": N, "erythema-nodosum": U}, "erythema nodosum"),
    ("Wedge of the nail fold: granulation tissue with ulceration, matching the clinical picture of an ingrown toenail.",
     {"granulation-tissue": A, "ingrown-toenail": A}, "ingrown toenail"),
])
def test_a_report_reading_of_its_pattern_names_the_diagnosis(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Free from psoriasis for three years, he now has a patch of vitiligo on the wrist.",
     {"psoriasis": N, "vitiligo": A}, "vitiligo"),
    ("There is little to suggest erysipelas; the red shin is stasis dermatitis.",
     {"erysipelas": N, "stasis-dermatitis": A}, "stasis dermatitis"),
    ("In contrast to lichen planus, these papules are not violaceous; this is lichen nitidus.",
     {"lichen-planus": N, "lichen-nitidus": A}, "lichen nitidus"),
    ("The one thing you don't want to miss here is an amelanotic melanoma; this is a pyogenic granuloma.",
     {"amelanotic-melanoma": U, "pyogenic-granuloma": A}, "pyogenic granuloma"),
])
def test_free_from_little_to_suggest_a_contrast_and_what_not_to_miss(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The consultant didn't think it was rosacea; she called it perioral dermatitis.",
     {"rosacea": N, "perioral-dermatitis": A}, "perioral dermatitis"),
    ("The practice nurse did not see any sign of impetigo or cellulitis on the chin.",
     {"impetigo": N, "cellulitis": N}, ""),
    ("My worst fear is that it's a melanoma, it has gone darker.", {"melanoma": U}, ""),
    ("does anyone know if this is pityriasis rosea or ringworm", {"pityriasis-rosea": U, "tinea-corporis": U}, ""),
    ("Checklist: scabies - no. head lice - no. atopic eczema - yes.",
     {"scabies": N, "pediculosis-capitis": N, "atopic-dermatitis": A}, "atopic dermatitis"),
])
def test_a_belief_denied_a_look_that_found_nothing_a_fear_and_a_checklist(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Lentigo maligna excised 2014, no recurrence; today a solar lentigo on the cheek.",
     {"lentigo-maligna": A, "solar-lentigo": A}, "solar lentigo"),
    # guard: a count is no year
    ("A review of 2000 patients with psoriasis.", {"psoriasis": A}, "psoriasis"),
])
def test_a_removal_in_a_past_year_however_written_is_history(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Provisional diagnosis: pompholyx or tinea pedis, scrapings taken.",
     {"dyshidrotic-eczema": U, "tinea-pedis": U}, ""),
    ("(Erythrasma) or (intertrigo)", {"erythrasma": U, "intertrigo": U}, ""),
    # guards: a pair inside a clause that goes on around it, and a name beside its own kind
    ("The cohort was enriched for patients with hidradenitis suppurativa or acne.",
     {"hidradenitis-suppurativa": A, "acne-vulgaris": A}, "hidradenitis suppurativa"),
    ("Round scaly patches on the shins, discoid or nummular eczema.", {"nummular-eczema": A}, "nummular eczema"),
])
def test_a_bare_pair_joined_by_or_is_an_open_choice(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("She had no fever and no sore throat, and the spots were chickenpox.", {"varicella": A}, "varicella"),
    ("No psoriasis, seborrhoeic dermatitis is the problem on his scalp.",
     {"psoriasis": N, "seborrheic-dermatitis": A}, "seborrheic dermatitis"),
    # guard: a negation's list closed by a verb after its last item stays negated
    ("No melanoma, lentigo maligna or dysplastic naevus is seen.",
     {"melanoma": N, "lentigo-maligna": N, "dysplastic-nevus": N}, ""),
])
def test_a_new_clause_after_a_negation_is_out_of_its_reach(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The school nurse told him it was ringworm; it turned out to be pityriasis rosea.",
     {"tinea-corporis": N, "pityriasis-rosea": A}, "pityriasis rosea"),
    ("ok scratch the earlier label of rosacea, this is perioral dermatitis",
     {"rosacea": N, "perioral-dermatitis": A}, "perioral dermatitis"),
    ("Diagnosis: Dermatofibroma. Comment: some features overlap with a dermatofibrosarcoma protuberans, CD34 negative.",
     {"dermatofibroma": A, "dfsp": U}, "dermatofibroma"),
    # guard: a naming told to someone that nothing overturns stays as it was
    ("The GP told her it was eczema and gave her a steroid cream.", {"eczema": A}, "eczema"),
])
def test_a_naming_told_to_someone_then_overturned_and_a_retracted_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("a wart breaks up the skin lines, a corn does not, and here the lines are broken, so this is a wart",
     {"viral-wart": A, "corn": N}, "viral wart"),
    ("A lipoma typically slips under the finger; this one is tethered, so an epidermoid cyst.",
     {"lipoma": N, "epidermoid-cyst": A}, "epidermoid cyst"),
    # guard: "the" names this patient's own condition, not the kind in general
    ("The psoriasis does not itch; the eczema on her hands does.", {"psoriasis": A, "pruritus": N, "eczema": A},
     "psoriasis"),
])
def test_a_kind_named_in_the_generic_present_to_tell_it_apart_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("There's no way this is a Spitz naevus at her age; it is a pyogenic granuloma.",
     {"spitz-nevus": N, "pyogenic-granuloma": A}, "pyogenic granuloma"),
    ("I seriously doubt this is dermatomyositis.", {"dermatomyositis": N}, ""),
    ("It can't be scabies, nobody else in the house is scratching.", {"scabies": N}, ""),
    ("Nothing here looks like a basal cell carcinoma.", {"basal-cell-carcinoma": N}, ""),
    ("Rosacea is not the diagnosis here; it is perioral dermatitis.",
     {"rosacea": N, "perioral-dermatitis": A}, "perioral dermatitis"),
    ("Molluscum? I don't think so, there is no central dimple; these are milia.",
     {"molluscum-contagiosum": N, "milia": A}, "milia"),
    # guards: an exclusion still open stays uncertain, a tag question is no denial
    ("Lichen planus cannot be excluded.", {"lichen-planus": U}, ""),
    ("It's a keloid, isn't it?", {"keloid": A}, "keloid"),
])
def test_a_diagnosis_denied_outright_however_said(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
