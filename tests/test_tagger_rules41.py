"""Tagger rules of round 41 (tuning sets: gold and independent sets 1-28). Text that defines or instructs rather than
describes a patient (`guides`): a chart reviewer's instruction, a disease's specificity as general knowledge, a schema's
enumeration constant, the gut's findings at endoscopy; a review of systems whose heading names its systems in brackets;
the writer's "convinced myself"; findings that "raised concern for" a diagnosis. Every sentence is new, none taken from
any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, concepts, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # an instruction to a chart reviewer names the condition it says how to code: no patient's finding
    ("Code psoriasis as present only when the note names a plaque on examination.", {"psoriasis": U}, ""),
    ("Do not count eczema as active when the note says it has cleared.", {"eczema": U}, ""),
    # the instruction's "absent" is a code value, not a denial: uncertain, not negated
    ("Mark rosacea as ABSENT when the note states the cheeks are clear.", {"rosacea": U}, ""),
    ("A scaly rash on both hands without a patch test result should not be coded as allergic contact dermatitis.",
     {"allergic-contact-dermatitis": U}, ""),
    # guards: a person named Mark; a study's count (no imperative); a field named "Record"
    ("Mark has psoriasis on both elbows.", {"psoriasis": A}, "psoriasis"),
    ("Scabies was counted as present in 12 of 40 children in the shelter.", {"scabies": A}, "scabies"),
    ("Record: psoriasis on both elbows, improving.", {"psoriasis": A}, "psoriasis"),
])
def test_a_reviewers_instruction_names_no_finding(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Gottron papules are pathognomonic of dermatomyositis.", {"dermatomyositis": U}, ""),
    ("Necrobiosis lipoidica is highly specific to diabetes, so screening follows.", {"necrobiosis-lipoidica": U}, ""),
    ("Erythema nodosum is highly specific to sarcoidosis in this clinical context.",
     {"erythema-nodosum": U, "sarcoidosis": U}, ""),
    # guard: said of the patient's own lesions, the statement is the case's diagnosis
    ("These violaceous papules over his knuckles are pathognomonic of dermatomyositis.", {"dermatomyositis": A},
     "dermatomyositis"),
])
def test_a_diseases_specificity_is_general_knowledge(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("BCC_RISK_HIGH: recurrent tumour or poorly defined margins.", {}, ""),
    # guard: an abbreviation as a field name stays the diagnosis
    ("BCC: superficial subtype, left shoulder.", {"superficial-bcc": A}, "superficial basal cell carcinoma"),
])
def test_an_enumeration_constant_is_a_code_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_the_guts_findings_at_endoscopy_are_no_skin_findings(tg):  # noqa: F811
    t, _ = tg
    res = t.tag("Colonoscopy: deep ulcers and patchy erythema in the sigmoid segment.")
    assert (res.conditions, res.concepts) == ([], [])
    res = t.tag("Superficial ulcer in the gastric antrum at endoscopy.")
    assert (res.conditions, res.concepts) == ([], [])
    # guard: a text that names the skin keeps its ulcer
    text = "Endoscopy was normal; the skin of the shin shows a deep ulcer with violaceous edges."
    check(tg, text, {"skin-ulcer": A}, "ulcer")
    assert concepts(t.tag(text)) == {"ulcer", "purple"}


@pytest.mark.parametrize("text,want,label", [
    # a review of systems whose heading names its systems in brackets
    ("ROS (skin): denies new rashes, itching or changing moles.", {"pruritus": N, "melanocytic-nevus": N}, ""),
    ("ROS (skin): positive for hives after shellfish.", {"urticaria": A}, ""),
    # the writer's fear talked into certainty: a guess
    ("I've convinced myself this rash on my back is shingles.", {"herpes-zoster": U}, ""),
    # findings said to raise a concern: a reason to biopsy, no diagnosis made
    ("Irregular dots and a regression structure raised concern for melanoma, so we excised it.", {"melanoma": U}, ""),
    # guard: a confirmation
    ("The biopsy confirmed melanoma.", {"melanoma": A}, "malignant melanoma"),
])
def test_a_systems_review_a_writers_certainty_and_a_raised_concern(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the writer's belief on the way in, answered by the clinician: set aside
    ("Went in thinking I had ringworm on my arm again but the GP took one look and said it was nummular eczema and "
     "gave me a steroid cream.", {"tinea-corporis": N, "nummular-eczema": A}, "nummular eczema"),
    # a tissue verdict names what the lay mole was
    # (round 51: the lay mole named as its kind is no second finding, `corrections.mole_named`)
    ("The mole on his back has changed colour and the biopsy came back as melanoma in situ.",
     {"melanoma-in-situ": A}, "melanoma in situ"),
    ("The mole on her calf was excised and the pathology report confirmed a superficial spreading melanoma.",
     {"superficial-spreading-melanoma": A}, "superficial spreading melanoma"),
    # a naevus verdict names the mole's kind (round 51: the lay mole then no second finding); guard: a feared melanoma
    # is a guess
    ("The mole on her arm was excised and histology showed a compound naevus.",
     {"compound-nevus": A}, "compound nevus"),
    ("Her mole has grown and we worry about melanoma; biopsy booked.",
     {"melanocytic-nevus": A, "melanoma": U}, "melanocytic nevus"),
    # the features a diagnosis would show, said to be missing, argue against it
    ("The lesion lacks the rolled border and telangiectasia one would expect of a basal cell carcinoma.",
     {"basal-cell-carcinoma": N}, ""),
    # guards: the expected features present; an expectation alone
    ("The plaque shows the Wickham striae one would expect of lichen planus.", {"lichen-planus": A}, "lichen planus"),
    ("I would expect to find burrows in scabies.", {"scabies": A}, "scabies"),
])
def test_a_belief_answered_a_mole_by_its_verdict_and_expected_features_missing(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a drug label's capitalised section: what the drug may cause, generic
    ("SIDE EFFECTS: urticaria (3 %) and angioedema (under 1 %) were seen in the pivotal trials.",
     {"urticaria": U, "angioedema": U}, ""),
    ("CONTRAINDICATIONS: do not give to patients with porphyria cutanea tarda.", {"porphyria-cutanea-tarda": U}, ""),
    # guard: an allergy record's single reaction is the patient's own
    ("Adverse reaction: urticaria to penicillin.", {"urticaria": A}, "urticaria"),
])
def test_a_drug_labels_capitalised_section_is_generic(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a childhood disease cleared at an age: background, no label
    ("Her infantile eczema settled by primary school; she has had no rash since.", {"infantile-atopic-dermatitis": A}, ""),
    # a past episode dated by age, before what is there today
    ("Measles at age four, and today he presents with plaque psoriasis on both knees.",
     {"measles": A, "psoriasis-vulgaris": A}, "psoriasis vulgaris"),
    ("Eczema as a child; today she has guttate psoriasis after a sore throat.",
     {"eczema": A, "guttate-psoriasis": A}, "guttate psoriasis"),
    # guard: the same condition still active today is today's finding
    ("Psoriasis at age 12, still active today on the elbows.", {"psoriasis": A}, "psoriasis"),
    # the lesion another arose in is its background
    ("Deeper sections show invasive melanoma, Breslow 0.6 mm, arising in the previously excised melanoma in situ.",
     {"melanoma": A, "melanoma-in-situ": A}, "malignant melanoma"),
    ("Melanoma arising in a congenital naevus.", {"melanoma": A, "congenital-nevus": A}, "malignant melanoma"),
])
def test_a_past_episode_and_the_lesion_another_arose_in_are_background(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a clinic letter's thanks opens a letter: its writer's "I think" between commas is a physician's hedge, the label
    ("Thank you for seeing Mrs D, whose shiny papule on the cheek is, I think, a nodular basal cell carcinoma.",
     {"nodular-bcc": U}, "nodular basal cell carcinoma"),
    ("Many thanks for seeing Ms T: I think this is a dermatofibroma, though she is anxious about it.",
     {"dermatofibroma": U}, "dermatofibroma"),
    # a childhood disease outgrown is background
    ("His eczema, which he outgrew at eight, has not returned; today he has a wart on the thumb.",
     {"eczema": A, "viral-wart": A}, "viral wart"),
])
def test_a_letters_thanks_and_a_disease_outgrown(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # what a withdrawn record's lesion proved to be is the answer; the withdrawn name stays negated
    ("Please disregard the diagnosis in my letter of 2 May: the shin lesion we removed proved to be a dermatofibroma, "
     "and the word melanoma there was a typing error.", {"dermatofibroma": A, "melanoma": N}, "dermatofibroma"),
    # guard: a withdrawn record with no answer
    ("Entered in error on the wrong patient: herpes zoster. Please disregard.", {"herpes-zoster": N}, ""),
    # a look-alike weighed, not found
    ("My impression is a granuloma annulare, although an early tinea would look similar.",
     {"granuloma-annulare": U, "dermatophytosis": U}, "granuloma annulare"),
    # guard: a general remark on appearance is no look-alike (round 42 reads it as the general statement it is: the kind
    # as the subject of a modal, uncertain and no label, `guides.general_subject`)
    ("Psoriasis can look very different on dark skin.", {"psoriasis": U}, ""),
])
def test_a_withdrawn_records_answer_and_a_look_alike(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a tissue verdict names the lay mole as another kind
    ("The mole on his back was biopsied and histology showed a seborrhoeic keratosis.",
     {"melanocytic-nevus": N, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    ("Her new mole on the calf turned out to be a dermatofibroma when it was excised.",
     {"melanocytic-nevus": N, "dermatofibroma": A}, "dermatofibroma"),
    # a bare "turned out to be" melanoma names the mole's kind (round 51: no second finding; set 1 reads both)
    ("The mole on his forearm turned out to be a melanoma, 0.4 mm thick.",
     {"melanoma": A}, "malignant melanoma"),
    # guard: round 37's feared melanoma answered by a physician keeps the mole uncertain
    ("I panicked about melanoma, but the consultant says my mole is a seborrhoeic keratosis.",
     {"melanoma": N, "melanocytic-nevus": U, "seborrheic-keratosis": A}, "seborrheic keratosis"),
])
def test_a_verdict_names_the_lay_mole_as_another_kind(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
