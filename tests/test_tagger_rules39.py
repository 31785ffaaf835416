"""Tagger rules of round 39 (tuning sets: gold and independent sets 1-26). Set 26's criteria headings and a drug
label's adverse-reaction lists (generic, never this patient's findings); its negated-as-asserted grammar: a
first reading in the passive that the text replaces ("initially taken for X; histology showed Y"), a likelihood denied
before the name ("is unlikely to be X"), and the idioms of exclusion after it ("X is not on the cards", "X is out of the
question"), "someone else's X" and an erratum's quoted wrong name; a consent's list of risks; another person's belief
about the patient examined and a relative's side of the family; spoken repairs with a half word or a repeat after
"not". Every sentence is new, none taken from any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("Small red papules on the shins, initially taken for folliculitis; histology showed lichen planus.",
     {"folliculitis": N, "lichen-planus": A}, "lichen planus"),
    ("Multiple papules on the nose, initially taken for syringomas; histology showed trichoepitheliomas.",
     {"syringoma": N, "trichoepithelioma": A}, "trichoepithelioma"),
    ("The crusted plaque, originally taken for impetigo, proved to be a nummular eczema.",
     {"impetigo": N, "nummular-eczema": A}, "nummular eczema"),
    # guard: a sample taken for a test names no earlier reading
    ("A punch biopsy was taken for histology; it showed lichen planus.", {"lichen-planus": A}, "lichen planus"),
])
def test_a_first_reading_taken_for_another(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # (round 48: "X fits better" after the name is a physician's verdict, `?X` and still the label, as sets 21, 26 and
    # 34 annotate "fits best / better" and "fits" before the name already was; this rule's subject, the negated tinea
    # corporis, is unchanged)
    ("The annular plaque is unlikely to be tinea corporis; granuloma annulare fits better.",
     {"tinea-corporis": N, "granuloma-annulare": U}, "granuloma annulare"),
    ("With no central clearing, the annular plaque is unlikely to be tinea corporis; granuloma annulare fits better.",
     {"tinea-corporis": N, "granuloma-annulare": U}, "granuloma annulare"),
    ("These papules are unlikely to be scabies, as no burrows are seen; they are insect bites.",
     {"scabies": N, "insect-bite": A}, "insect bite"),
    # guard: the post-trigger after the name is as before
    ("Tinea corporis is unlikely; this is granuloma annulare.",
     {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
])
def test_unlikely_to_be_before_the_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Bloods are normal, so a vasculitis is not on the cards; this is a pigmented purpuric dermatosis.",
     {"vasculitis": N, "pigmented-purpuric-dermatosis": A}, "pigmented purpuric dermatosis"),
    ("Scabies is out of the question here; the itchy papules are insect bites.",
     {"scabies": N, "pruritus": A, "insect-bite": A}, "insect bite"),
    # guard: "the question" alone is no exclusion
    ("The question here is whether this is scabies.", {"scabies": U}, ""),
])
def test_idioms_of_exclusion_after_the_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the site names the subtype since vocabulary round 47 ("plaque psoriasis of the scalp" is scalp psoriasis);
    # what this rule owns is the status: a trial's inclusion heading declares a population, not this patient
    ("Inclusion: adults with moderate plaque psoriasis on the scalp.", {"scalp-psoriasis": U}, ""),
    ("Exclusion - active atopic dermatitis at baseline.", {"atopic-dermatitis": U}, ""),
    ("Patients with active rosacea at baseline are not eligible for the peel.", {"rosacea": U}, ""),
    # guards: one patient's eligibility names her diagnosis; "inclusion-body" is no heading
    ("She is eligible for a biologic for her psoriasis.", {"psoriasis": A}, "psoriasis"),
    ("Inclusion-body myositis with a heliotrope rash and Gottron papules: dermatomyositis.",
     {"dermatomyositis": A}, "dermatomyositis"),
])
def test_criteria_headings_and_populations_declared_eligible(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Adverse reactions reported in more than 2% of patients: pruritus, urticaria and alopecia.",
     {"pruritus": U, "urticaria": U, "hair-diseases": U}, ""),
    ("Post-marketing reports include erythema multiforme and urticaria; stop the drug at the first sign of a rash.",
     {"erythema-multiforme": U, "urticaria": U}, ""),
    ("Severe cutaneous reactions, including toxic epidermal necrolysis, have been reported with this drug.",
     {"toxic-epidermal-necrolysis": U}, ""),
    # guards: an allergy record's own reaction, a report to a pharmacy, side effects discussed beside a diagnosis
    ("Adverse reaction: urticaria after the first dose of amoxicillin.", {"urticaria": A}, "urticaria"),
    ("The patient developed urticaria after the first dose; this was reported to the pharmacy.",
     {"urticaria": A}, "urticaria"),
    ("She has psoriasis; side effects of methotrexate were discussed.", {"psoriasis": A}, "psoriasis"),
])
def test_a_drug_labels_adverse_reactions_are_no_findings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Consent discussed: the risks of cryotherapy include blistering, hypopigmentation and, rarely, scarring.",
     {"hypopigmentation": U}, ""),
    ("Complications of herpes zoster include postherpetic neuralgia and secondary impetigo.",
     {"herpes-zoster": U, "impetigo": U}, ""),
    # guard: risks explained, then the patient's own diagnosis
    ("The risks were explained; she has a basal cell carcinoma on the nose.",
     {"basal-cell-carcinoma": A}, "basal cell carcinoma"),
])
def test_a_consent_lists_risks_not_findings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The health visitor thought this baby had eczema; I examined her today and the scaly greasy scalp is "
     "seborrhoeic dermatitis.", {"eczema": U, "seborrheic-dermatitis": A}, "seborrheic dermatitis"),
    ("There is psoriasis in her mother's family; the girl has a single scaly plaque of tinea corporis on the arm.",
     {"psoriasis": U, "tinea-corporis": A}, "tinea corporis"),
    ("Psoriasis runs in her mother's family; she has come about acne.", {"psoriasis": U, "acne-vulgaris": A},
     "acne vulgaris"),
    # guard: the patient's own disease shared with a relative stays hers
    ("The boy has psoriasis on his elbows, which he shares with his father.", {"psoriasis": A}, "psoriasis"),
])
def test_another_persons_belief_and_a_relatives_side_of_the_family(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ('Erratum: in the legend of Figure 2, "psoriasis" should read "pityriasis rosea".',
     {"psoriasis": N, "pityriasis-rosea": A}, "pityriasis rosea"),
    ('Correction: for "lichen planus" read "lichen nitidus" in the second paragraph.',
     {"lichen-planus": N, "lichen-nitidus": A}, "lichen nitidus"),
    ("Addendum: the slide filed under this patient showed someone else's melanoma; this patient has a seborrheic "
     "keratosis.", {"melanoma": N, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    # guard: no quoted name, nothing withdrawn
    ("Patients with psoriasis should read the leaflet before starting the cream.", {"psoriasis": U}, ""),
])
def test_an_erratum_and_another_patients_finding(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("the plaque on his shin is a, hmm, psoriasis, psori- no, a lichen planus, it's purple",
     {"psoriasis": N, "lichen-planus": A}, "lichen planus"),
    ("that's a, um, psoriasis, er, not psoriasis, lichen planus, see the white lines",
     {"psoriasis": N, "lichen-planus": A}, "lichen planus"),
    # guards: a plain contrast, and a repeat that names a different node
    ("Psoriasis, not eczema, on the elbows and knees.", {"psoriasis": A, "eczema": N}, "psoriasis"),
    ("that's psoriasis, not psoriasis vulgaris, it's a pustular psoriasis",
     {"psoriasis": A, "psoriasis-vulgaris": N, "pustular-psoriasis": A}, "pustular psoriasis"),
])
def test_spoken_repairs_with_a_half_word_or_a_repeat_after_not(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a patient's own "side effects include" lists what happened to her, not a label's list
    ("My side effects include acne on my chin and a dry mouth.", {"acne-vulgaris": A}, "acne vulgaris"),
    # a trial that excluded a history keeps its reading as the population's denial
    ("Patients with a history of melanoma were excluded from the trial of cryotherapy for actinic keratosis.",
     {"melanoma": N, "actinic-keratosis": A}, "actinic keratosis"),
])
def test_guards_for_the_list_and_criteria_frames(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
