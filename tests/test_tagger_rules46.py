"""Tagger rules of round 46 (tuning sets: gold and independent sets 1-33). A name the writer struck out ("crossed it
out") is taken back; what lay people told the writer it was, or what the writer assumed, is set aside when a clinician
is then reported saying what it is ("the GP said it's X"); a clause-final "likely" / "probable" after a name is a
clinician's hedged verdict; an abbreviation listed with general-medicine problems ("DM and HTN") reads in that list's
sense; a guessed sign weighed against another name ("milia or X") stays a candidate; "they are X" answers a guess after
"but"; "two things fit" opens candidates. Every sentence is new, written for these tests, none taken from any
evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

from derm1m_build.tagger.matching import in_medical_list

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a name struck out by the writer, another named after it
    ("I put psoriasis on the request form, then crossed it out: the plaques are greasy and yellow on the scalp "
     "margin, so seborrheic dermatitis.", {"psoriasis": N, "seborrheic-dermatitis": A}, "seborrheic dermatitis"),
    ("Scabies, crossed that out after the scraping showed no mites, it is prurigo nodularis.",
     {"scabies": N, "prurigo-nodularis": A}, "prurigo nodularis"),
])
def test_a_name_crossed_out_is_taken_back(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # what lay people told the writer, answered by a clinician's reported verdict
    ("My friends told me my patches were ringworm, but nothing helped. The dermatologist said it's "
     "necrobiosis lipoidica.", {"tinea-corporis": N, "necrobiosis-lipoidica": A}, "necrobiosis lipoidica"),
    ("Everybody at work told me it was hives; my GP looked at it and said it's erythema multiforme.",
     {"urticaria": N, "erythema-multiforme": A}, "erythema multiforme"),
    # the writer's own assumption, answered by the doctor's "says it's"
    ("Bumps on my daughter's arm. I assumed molluscum. The doctor looked closely and says it's keratosis pilaris.",
     {"molluscum-contagiosum": N, "keratosis-pilaris": A}, "keratosis pilaris"),
])
def test_a_lay_naming_answered_by_a_clinician_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a clinician's thought answered by "turned out to be" stays a guess (the gold set's reading)
    ("the GP thought it was impetigo but it turned out to be pemphigus foliaceus",
     {"impetigo": U, "pemphigus-foliaceus": A}, "pemphigus foliaceus"),
    # guard: "told me" with no clinician's answer after it leaves the name as the text states it
    ("My mum told me it was eczema and the cream helped.", {"eczema": A}, "eczema"),
])
def test_guards_for_the_prior_frames(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Blisters on the flexures of an 80-year-old, mucosa spared; bullous pemphigoid likely.",
     {"bullous-pemphigoid": U}, "bullous pemphigoid"),
    ("Violaceous flat-topped papules on both wrists, lichen planus probable.", {"lichen-planus": U}, "lichen planus"),
])
def test_a_clause_final_likely_hedges_the_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: "likely" that opens another clause after a comma, or a predicate "likely to", is not the verdict
    ("Known psoriasis likely to flare in winter.", {"psoriasis": A}, "psoriasis"),
    ("Psoriasis likely, given the nail pits.", {"psoriasis": A}, "psoriasis"),
])
def test_guards_for_likely(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a general-medicine problem list: "DM" is diabetes there
    ("Past history of DM and HTN, admitted with a cough and fever; a rash on the chest was not mentioned.", {}, ""),
    ("CKD, DM, admitted for breathlessness with swelling of both legs.", {}, ""),
])
def test_an_abbreviation_in_a_medical_problem_list(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a skin finding in the text still supports the dermatology reading
    ("DM with a heliotrope rash and Gottron papules, on top of HTN.", {"dermatomyositis": A}, "dermatomyositis"),
    # guard: no general-medicine list beside it
    ("Shawl sign and Gottron papules: DM.", {"dermatomyositis": A}, "dermatomyositis"),
])
def test_guards_for_the_medical_problem_list(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_in_medical_list_reads_both_sides():
    t = "history of DM and HTN"
    s = t.index("DM")
    assert in_medical_list(t, s, s + 2) is True
    t = "HTN, poorly controlled DM"
    s = t.index("DM")
    assert in_medical_list(t, s, s + 2) is True
    t = "DM and psoriasis"
    assert in_medical_list(t, 0, 2) is False


@pytest.mark.parametrize("text,want,label", [
    # a guessed sign weighed against another name stays a candidate
    ("Could these be sebaceous hyperplasia or milia?", {"sebaceous-hyperplasia": U, "milia": U}, ""),
    # "two things fit" opens both candidates
    ("Two things fit the tiny white spots on his cheeks, milia or sebaceous hyperplasia.",
     {"milia": U, "sebaceous-hyperplasia": U}, ""),
    # a guess answered after "but" by "they are X"
    ("Lots of people think milia but the bumps have no white core, they are syringomas.",
     {"milia": N, "syringoma": A}, "syringoma"),
])
def test_a_guessed_sign_is_a_candidate(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: an asserted sign beside the diagnosis still describes it
    ("Sebaceous hyperplasia on the forehead with a few milia beside it.", {"sebaceous-hyperplasia": A},
     "sebaceous hyperplasia"),
])
def test_guard_a_sign_beside_a_diagnosis(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a negation after the next name does not reach back over a name with its own hedge
    ("On dermoscopy, shiny white lines; suggestive of dermatofibroma, melanoma not favoured.",
     {"dermatofibroma": U, "melanoma": N}, "dermatofibroma"),
])
def test_a_hedged_name_is_not_negated_by_the_next_names_verdict(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a list negated after it is still negated whole
    ("Lichen planus, psoriasis and tinea were excluded.", {"lichen-planus": N, "psoriasis": N, "dermatophytosis": N}, ""),
])
def test_guard_a_list_negated_after_it(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # what a drug may do, named in a record or a leaflet
    ("Counselled on possible side effects (itching, hives, dizziness) before the first dose.", {"pruritus": U,
                                                                                                 "urticaria": U}, ""),
    ("Side effects may include hives and flushing.", {"urticaria": U}, ""),
    # a reaction's rate in the treated population
    ("Erythema multiforme occurred in fewer than 2% of patients in the trials.", {"erythema-multiforme": U}, ""),
])
def test_a_drugs_possible_reactions_are_open(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a patient's own side effect stays
    ("The tablets gave me side effects: hives on my arms.", {"urticaria": A}, "urticaria"),
    ("My side effects include hives and headaches since the new pill.", {"urticaria": A}, "urticaria"),
    # guard: a population's disease is not the reaction whose rate is given
    ("Clearance occurred in 40% of patients with psoriasis.", {"psoriasis": A}, "psoriasis"),
])
def test_guards_for_side_effects(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the criteria heading with its population noun
    ("Eligible participants: adults with moderate plaque psoriasis for at least a year.", {"psoriasis-vulgaris": U}, ""),
    ("Ineligible patients - anyone with active herpes zoster.", {"herpes-zoster": U}, ""),
    # another disease the picture may also be, by how it starts or looks
    ("Probably scabies, though atopic dermatitis can look like this too.", {"scabies": U, "atopic-dermatitis": U},
     "scabies"),
    # the look of a diagnosis with describing words between
    ("From the photo it has the crusted, honey-coloured look of impetigo.", {"impetigo": U}, "impetigo"),
])
def test_criteria_headings_alternatives_and_looks(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a denied look is still denied
    ("It doesn't have the rolled, pearly look of a basal cell carcinoma.", {"basal-cell-carcinoma": N}, ""),
    # guard: a participant's own eligibility sentence without the heading stays as stated
    ("She has plaque psoriasis and was eligible for the biologic.", {"psoriasis-vulgaris": A}, "psoriasis vulgaris"),
])
def test_guards_for_criteria_and_looks(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_a_differential_told_as_our_list(tg):  # noqa: F811
    check(tg, "Scaly rings on the shin; on our list are nummular eczema, tinea corporis and psoriasis, scraping first.",
          {"nummular-eczema": U, "tinea-corporis": U, "psoriasis": U}, "")


@pytest.mark.parametrize("text,want,label", [
    # a legend's heading for the diagnosis it weighs
    ("Fig. 2 Grouped copper-coloured macules on the shin. Favoured diagnosis: lichen aureus.", {"lichen-aureus": U},
     "lichen aureus"),
    # guard: a final diagnosis heading stays asserted
    ("Fig. 2 Grouped copper-coloured macules on the shin. Final diagnosis: lichen aureus.", {"lichen-aureus": A},
     "lichen aureus"),
])
def test_a_favoured_diagnosis_heading(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
