"""Tagger changes of round 33, the rules side (tuning sets: gold and independent sets 1-20). The grammar behind set 20's
five negated conditions reported as asserted: the active verb of a warning against a mimic ("must not confuse with
X"), a repair without its subject ("I wrote X but meant Y"), a record entered in error or on the wrong patient, what
others often mislabel the lesion as ("trainees often label ... as X; this one is Y"), and a negation of what remains
("no residual X") outranking a history of the same name. Then catalogue order written with an arrow ("Urticaria ->
chronic spontaneous") or spaced slashes ("Melanoma / nodular / ulcerated"). Every sentence is new, none taken from
any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("A soft pink nodule on the shin in a child, easy to mix up with a wart, but this is a pyogenic granuloma.",
     {"viral-wart": N, "pyogenic-granuloma": A}, "pyogenic granuloma"),
    ("Annular scaly plaques on the trunk: nummular eczema, which GPs should not confuse with tinea corporis.",
     {"nummular-eczema": A, "tinea-corporis": N}, "nummular eczema"),
    # guard: the passive form read before this round
    ("Vitiligo of the hands, not to be confused with post-inflammatory hypopigmentation.",
     {"vitiligo": A, "post-inflammatory-hypopigmentation": N}, "vitiligo"),
])
def test_a_warning_against_a_mimic_sets_it_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("I typed scabies in the request, meant to type pityriasis rosea, sorry for the confusion.",
     {"scabies": N, "pityriasis-rosea": A}, "pityriasis rosea"),
    ("I put psoriasis on the biopsy card and meant seborrhoeic dermatitis; please amend.",
     {"psoriasis": N, "seborrheic-dermatitis": A}, "seborrheic dermatitis"),
])
def test_a_repair_without_its_subject(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Note filed on the wrong patient's chart: impetigo of the chin. Please disregard this entry.",
     {"impetigo": N}, ""),
    ("Psoriasis vulgaris recorded in error; should read pityriasis rubra pilaris.",
     {"psoriasis-vulgaris": N, "pityriasis-rubra-pilaris": A}, "pityriasis rubra pilaris"),
    ("Rosacea of the cheeks. Entry above posted in error, please ignore the above.", {"rosacea": N}, ""),
    # guard: an error word about something else leaves the diagnosis
    ("The printer gave an error twice; the biopsy shows lichen planus.", {"lichen-planus": A}, "lichen planus"),
])
def test_a_record_entered_in_error_is_withdrawn(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Juniors often label any scaly hand rash as tinea manuum; here it is a hand eczema.",
     {"tinea-manuum": N, "hand-eczema": A}, "hand eczema"),
    ("Pearly dimpled papules on a child's trunk that parents commonly call warts; they are molluscum contagiosum.",
     {"viral-wart": N, "molluscum-contagiosum": A}, "molluscum contagiosum"),
    # guard: with no other diagnosis the name is what the text says
    ("GPs often treat these as impetigo.", {"impetigo": A}, "impetigo"),
])
def test_what_others_often_mislabel_it_as_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Re-excision for a previous basal cell carcinoma of the nose: no residual basal cell carcinoma, margins clear.",
     {"basal-cell-carcinoma": N}, ""),
    ("Scar of the prior melanoma on the back re-excised; no residual or recurrent melanoma identified.",
     {"melanoma": N}, ""),
    # guard: a history alone stays a history (asserted, not the label)
    ("History of melanoma in 2018; a new pink papule on the arm today.", {"melanoma": A}, ""),
])
def test_no_residual_disease_outranks_its_history(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Psoriasis => guttate; trunk; age 12", {"guttate-psoriasis": A}, "guttate psoriasis"),
    ("Eczema -> atopic; flexures; child 6", {"atopic-dermatitis": A}, "atopic dermatitis"),
    ("Naevus / blue / scalp / female 40", {"blue-nevus": A}, "blue nevus"),
    ("Carcinoma -> basal cell -> nodular; left ala", {"nodular-bcc": A}, "nodular basal cell carcinoma"),
    # guard: a slash between two names, not a subtype, reads both as before
    ("SCC / SCCIS on the scalp", {"squamous-cell-carcinoma": A}, "squamous cell carcinoma"),
])
def test_an_arrow_or_a_spaced_slash_is_catalogue_order(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a physician's pick among likenesses, and "I would call this"
    ("Of the pictures sent, the lesion most closely resembles a dermatofibroma; it dimples when pinched.",
     {"dermatofibroma": U}, "dermatofibroma"),
    ("I'd call these cherry angiomas, nothing to worry about.", {"cherry-angioma": U}, "cherry angioma"),
    # another physician's belief
    ("My consultant thinks it is lichen planus, biopsy next week.", {"lichen-planus": U}, "lichen planus"),
    # guard: a likeness of a described thing stays a comparison
    ("A parasitic disease of dogs resembling leishmaniasis.", {"cutaneous-leishmaniasis": U}, ""),
])
def test_a_physicians_hedge_gives_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Sharp margins and nail pits argue against eczema and in favour of psoriasis.",
     {"eczema": N, "psoriasis": U}, "psoriasis"),
    # guard: a list of what it argues against stays negated
    ("Negative KOH argues against tinea and against candidiasis.", {"dermatophytosis": N, "candidiasis": N}, ""),
])
def test_against_x_and_for_y(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("A typical erythema migrans is shown for comparison; this child has a fixed drug eruption.",
     {"lyme-disease": U, "fixed-drug-eruption": A}, "fixed drug eruption"),
    ("Hives on day 9 of amoxicillin for impetigo, on both arms.", {"urticaria": A, "impetigo": A}, "urticaria"),
    ("PMHx: BCC nose, atopic eczema. Today: a new guttate psoriasis after a sore throat.",
     {"basal-cell-carcinoma": A, "atopic-dermatitis": A, "guttate-psoriasis": A}, "guttate psoriasis"),
    ("Sunburnt-looking cheeks in a toddler after the park, no other rash.", {"sunburn": U}, ""),
    # background beside a referrer's concern gives no label; alone it does
    ("Please assess for lentigo maligna; a tan macule on the temple amid heavy sun damage.",
     {"lentigo-maligna": U, "sun-damaged-skin": A}, ""),
    ("Marked sun damage on the forearms.", {"sun-damaged-skin": A}, "sun-damaged skin"),
    ("My grandad keeps calling them ringworm, the round scaly spots on my shins.", {"tinea-corporis": U}, ""),
])
def test_what_the_text_shows_is_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
