"""Tagger rules of round 37 (tuning sets: gold and independent sets 1-24). Set 24's weak styles and its negated
conditions reported as asserted: a record's subtype line ("Psoriasis; subtype guttate", "Diagnosis: X. Subtype: Y.",
"X (subtype Y)", "X -- subtype Y --") and path ("X > ... > Y") name one node; a patient's "mole" feared to be melanoma that a physician names as another lesion was a lay
naming; a panic or a dread is a fear; "the most common / most frequent" is general unless the sentence ties it to the
case ("... and this nodule is one", "... confirm it"); spoken repairs (", no,", ", nope,", ", I mean,") and a name
restated by its kin after a comma. Every sentence is new, none taken from any evaluation set; the guards keep what
needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("Ward sheet: Eczema; subtype nummular; both shins, weeping at night", {"nummular-eczema": A}, "nummular eczema"),
    ("Diagnosis: basal cell carcinoma. Subtype: nodular. Site: left ala. Margins: 1 mm.", {"nodular-bcc": A},
     "nodular basal cell carcinoma"),
    ("Melanoma \u2014 subtype nodular \u2014 Breslow 2.4 mm \u2014 ulcerated \u2014 back", {"nodular-melanoma": A},
     "nodular melanoma"),
    ("Clinic list, bed 4: Psoriasis (subtype pustular) on both soles of a retired baker.", {"pustular-psoriasis": A},
     "pustular psoriasis"),
    # the group and its subtype named in one field or path: the subtype alone
    ("Melanoma; subtype: nodular melanoma; Breslow 3 mm", {"nodular-melanoma": A}, "nodular melanoma"),
    ("Psoriasis > pustular psoriasis > palmoplantar; flare after steroids stopped", {"pustular-psoriasis": A},
     "pustular psoriasis"),
    # guards: a catalogue heading and two names in a list are statements of their own
    ("Urticaria, physical: cold urticaria; no systemic features", {"urticaria": A, "cold-urticaria": A},
     "cold urticaria"),
    ("Photographs of children with eczema and neurodermatitis in a school survey.",
     {"eczema": A, "neurodermatitis": A}, "neurodermatitis"),
])
def test_a_subtype_line_names_one_node(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a generic "mole" beside the naevus it is (round 51: the lay mole named as its kind is no second finding,
    # `corrections.mole_named`)
    ("A new mole on his calf today; on dermoscopy it is a junctional naevus.",
     {"junctional-nevus": A}, "junction nevus"),
    ("The mole she pointed at is a halo naevus, fading as expected.", {"halo-nevus": A},
     "halo nevus"),
    # a patient's "mole" feared to be melanoma, named as another lesion by a physician: the lay naming is a guess
    ("My aunt calls it a mole and worries it's melanoma; to me it is a dermatofibroma, firm and dimpling.",
     {"melanocytic-nevus": U, "melanoma": U, "dermatofibroma": A}, "dermatofibroma"),
    # guard: a physician's answer that is a naevus keeps the mole
    ("I worried about melanoma for weeks and the dermatologist said my mole is a benign naevus.",
     {"melanoma": N, "melanocytic-nevus": A}, "melanocytic nevus"),
])
def test_a_lay_mole_and_the_naevus_it_is(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("I panicked about shingles, but the doctor says it's contact dermatitis from the new soap.",
     {"herpes-zoster": N, "contact-dermatitis": A}, "contact dermatitis"),
    ("She worries it's psoriasis because her father had it.", {"psoriasis": U}, ""),
    ("The rash her husband feared was measles is a viral exanthem, says the GP.",
     {"measles": U, "viral-exanthem": A}, "viral exanthem"),
])
def test_a_panic_a_dread_and_a_worry_are_fears(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Acne is the most common skin disease of teenagers, and this boy's forehead is one.", {"acne-vulgaris": A},
     "acne vulgaris"),
    ("Impetigo is most common in nursery children, and the honey crusts on this toddler's chin confirm it.",
     {"impetigo": A}, "impetigo"),
    ("Actinic keratoses are the most frequent lesions on sun-damaged skin after sixty.",
     {"actinic-keratosis": U, "sun-damaged-skin": U}, ""),
    # guard: "one of the most common" is no case
    ("Psoriasis is one of the most common chronic skin diseases worldwide.", {"psoriasis": U}, ""),
])
def test_a_general_statement_unless_tied_to_the_case(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("there on the forearm, uh, psoriasis, no, lichen planus, see the white lacy lines",
     {"psoriasis": N, "lichen-planus": A}, "lichen planus"),
    ("the students keep writing eczema on the form, nope, scabies, look at the burrows",
     {"eczema": N, "scabies": A}, "scabies"),
    ("the man had been told he had ringworm, tinea, but, uh, this is nummular eczema",
     {"tinea-corporis": N, "dermatophytosis": N, "nummular-eczema": A}, "nummular eczema"),
    ("melasma, I mean, this is a solar lentigo on the cheek", {"melasma": N, "solar-lentigo": A}, "solar lentigo"),
    # guards: "I mean" with no commas is emphasis; "no" before a word negates it as ever
    ("it's eczema, I mean really itchy eczema on her hands", {"eczema": A, "pruritus": A}, "eczema"),
    ("a red plaque on the elbow, no psoriasis anywhere else", {"psoriasis": N}, ""),
])
def test_spoken_repairs(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("on the shin, um, cellulitis, no, erythema nodosum, tender red nodules",
     {"cellulitis": N, "erythema-nodosum": A}, "erythema nodosum"),
    # guard: a question answered "no" is read by the question pass as before
    ("is this hives? no, hives come and go, these have stayed a week, so urticarial vasculitis",
     {"urticaria": N, "urticarial-vasculitis": A}, "urticarial vasculitis"),
])
def test_a_spoken_no_between_commas_keeps_the_answer(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("This so-called mole on the shin is not a mole at all, it is a dermatofibroma.",
     {"melanocytic-nevus": N, "dermatofibroma": A}, "dermatofibroma"),
    ("The 'eczema' on his hands is not eczema at all: it is tinea manuum.", {"eczema": N, "tinea-manuum": A},
     "tinea manuum"),
    # guard: "at all" after a symptom denies the symptom only
    ("Not itchy at all, the psoriasis on his elbows.", {"pruritus": N, "psoriasis": A}, "psoriasis"),
])
def test_a_name_denied_at_all_covers_its_earlier_mention(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Skin biopsy: vacuolar interface change and dermal mucin, supporting discoid lupus over lichen planus.",
     {"dle": U, "lichen-planus": N}, "discoid lupus erythematosus"),
    ("I prefer a diagnosis of psoriasis over eczema here.", {"psoriasis": A, "eczema": N}, "psoriasis"),
    # guard: "support ... over" with no diagnosis after "over"
    ("Compression stockings support the veins over the shin in stasis dermatitis.", {"stasis-dermatitis": A},
     "stasis dermatitis"),
])
def test_support_or_prefer_one_over_another(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Soft yellow papules on both lower lids, which I take to be xanthelasma.", {"xanthelasma": U}, "xanthelasma"),
    ("Fig. 2 Necrotic ulcer on the shin in a diabetic; calciphylaxis was thought most likely.", {"calciphylaxis": U},
     "calciphylaxis"),
])
def test_a_weighing_in_the_past_tense_or_first_person_is_hedged(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Note for the GP: the lady in room 3 thinks the patch on her thigh is ringworm, and to me it might be psoriasis.",
     {"tinea-corporis": U, "psoriasis": U}, ""),
    ("My barber says the bald patch on my crown is alopecia areata.", {"alopecia-areata": U}, ""),
    # guard: a lady who has a disease, no belief
    ("The lady has psoriasis on both elbows.", {"psoriasis": A}, "psoriasis"),
])
def test_a_lay_person_named_by_what_they_are_guesses(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Skin-check open day, screening stations: melanoma, squamous cell carcinoma and actinic keratosis; bring your "
     "questions.", {"melanoma": U, "squamous-cell-carcinoma": U, "actinic-keratosis": U}, ""),
    ("Screening and early treatment of skin cancers (melanoma, basal cell carcinoma).",
     {"malignant": U, "melanoma": U, "basal-cell-carcinoma": U}, ""),
    # guards: a screening's result, a screen that shows a slide, a population after it
    ("Melanoma screenings in farmers found two lentigo malignas.", {"melanoma": U, "lentigo-maligna": A},
     "lentigo maligna"),
    ("DLE on the cheek, SLE screen negative.", {"dle": A, "sle": N}, "discoid lupus erythematosus"),
    ("now on screen, a classic pyoderma gangrenosum, the violet undermined edge", {"pyoderma-gangrenosum": A},
     "pyoderma gangrenosum"),
])
def test_what_a_screening_looks_for_is_no_finding(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
