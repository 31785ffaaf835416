"""Tagger rules of round 42 (tuning sets: gold and independent sets 1-29). A condition named as a kind in a general
statement of teaching or guideline prose ("Burns are classified by depth ...", "Cellulitis presents with ...") and the
entry under a knowledge base's features heading ("Key features of X:", "Red flags:") are uncertain, never the label,
while a case sentence beside them stays asserted; "a melanoma is not in question" rules the melanoma out; a spoken
half word broken off before "no" ("a dermato - no, sorry, a dermatofibroma") is a restart, not a denial. Every sentence
is new, none taken from any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # the kind as the subject of a generic present: how it is classified, how it presents, where it is common
    ("Burns are classified by depth into superficial, partial-thickness and full-thickness injuries.",
     {"thermal-burn": U}, ""),
    ("Cellulitis presents with a hot, red, tender and swollen limb.", {"cellulitis": U}, ""),
    ("Scabies is more common in crowded care homes and boarding schools.", {"scabies": U}, ""),
    ("Impetigo is usually caused by Staphylococcus aureus.", {"impetigo": U}, ""),
    ("Pyogenic granuloma occurs most often on the fingers and lips.", {"pyogenic-granuloma": U}, ""),
    # a modal of what the kind can do; a list of kinds as the subject
    ("Atopic dermatitis, psoriasis and acne can impair sleep and schooling.",
     {"atopic-dermatitis": U, "psoriasis": U, "acne-vulgaris": U}, ""),
    # two words before the name that are no determiner ("Facial", "Most")
    ("Most keloids can recur after simple excision.", {"keloid": U}, ""),
    # a general clause, then the case after a contrast: the case's diagnosis stays asserted and the label
    ("In clinic teaching: keloids may follow acne on the upper back, but this man has a hypertrophic scar.",
     {"keloid": U, "acne-vulgaris": U, "hypertrophic-scar": A}, "hypertrophic scar"),
])
def test_a_condition_named_as_a_kind_in_a_general_statement_is_uncertain(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guards: case sentences, captions and a history in the past stay asserted
    ("She has cellulitis of the left leg after a cut from gardening.", {"cellulitis": A}, "cellulitis"),
    ("Figure 2: cellulitis of the shin with a marked border.", {"cellulitis": A}, "cellulitis"),
    ("Cellulitis of the left shin in a 58-year-old diabetic man.", {"cellulitis": A}, "cellulitis"),
    ("Scabies was treated with permethrin twice, a week apart.", {"scabies": A}, "scabies"),
    # the statement tied to what is shown ("here you can see"), to the writer ("my"), or to a case after a semicolon
    ("Psoriasis can affect the nails, and here you can see the pitting.", {"psoriasis": A}, "psoriasis"),
    ("Eczema can flare in winter and my elbows are cracked again.", {"eczema": A}, "eczema"),
    ("Pyogenic granuloma presents as a bleeding red papule; this one is on the lower lip of a 9-year-old.",
     {"pyogenic-granuloma": A}, "pyogenic granuloma"),
    # an observation is no generic predicate ("may be seen", "are present")
    ("Psoriasis may be seen on the elbows and knees in this photograph.", {"psoriasis": A}, "psoriasis"),
    ("Seborrheic keratoses are present across the back.", {"seborrheic-keratosis": A}, "seborrheic keratosis"),
    # a determiner makes the subject one lesion ("This rash", "Her psoriasis")
    ("Her psoriasis can flare after a sore throat.", {"psoriasis": A}, "psoriasis"),
])
def test_a_case_sentence_beside_the_rule_stays_asserted(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Key features of erysipelas: a sharply raised, bright red border on the face with fever.",
     {"erysipelas": U}, ""),
    ("Red flags: a blistering rash with mucosal erosions after a new drug (think of toxic epidermal necrolysis).",
     {"toxic-epidermal-necrolysis": U}, ""),
    ("Typical signs of scabies: burrows in the finger webs and itching that is worse at night.",
     {"scabies": U, "pruritus": U}, ""),
    # guard: a features heading about the case shown stays the case's
    ("Key features in this patient: a bright red raised border on the cheek, consistent with erysipelas.",
     {"erysipelas": U}, "erysipelas"),
])
def test_a_knowledge_base_features_entry_names_the_kind(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The sharply divided red lagoons make this a cherry angioma, and a melanoma is not in question.",
     {"cherry-angioma": A, "melanoma": N}, "cherry angioma"),
    # guards: the diagnosis "not in question" is certain; a bare name can be read either way and is left
    ("The diagnosis of psoriasis is not in question.", {"psoriasis": A}, "psoriasis"),
    ("Psoriasis is not in question here; the plaques are classic.", {"psoriasis": A}, "psoriasis"),
])
def test_a_melanoma_not_in_question_is_ruled_out(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("so on the shin we have a lipo- no, a dermatofibroma, it dimples when you squeeze it",
     {"dermatofibroma": A}, "dermatofibroma"),
    ("right, this is a pyo - no, sorry, a cherry angioma, it blanches a little",
     {"cherry-angioma": A}, "cherry angioma"),
    # the name said, a half word repeating it, then the answer: the first name is taken back
    ("on her forearm a, erm, dermatofibroma, dermato- no, a dermatofibrosarcoma, it is firm",
     {"dermatofibroma": N, "dfsp": A}, "dermatofibrosarcoma protuberans"),
    # guards: a "no" that denies what follows, and a plain spoken "no" between two names
    ("a well-defined plaque - no, not psoriasis, that's eczema", {"psoriasis": N, "eczema": A}, "eczema"),
    ("this is psoriasis, no, lichen planus", {"psoriasis": N, "lichen-planus": A}, "lichen planus"),
])
def test_a_half_word_broken_off_before_no_is_a_restart(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the kind as a noun's modifier opening the subject of a general statement
    ("Burn blister management can vary between units.", {"thermal-burn": U}, ""),
    ("Psoriasis flares can follow a streptococcal sore throat.", {"psoriasis": U}, ""),
    # guards: a preposition or a past verb after the name is no modifier run
    ("Eczema on the hands can crack in winter.", {"eczema": A}, "eczema"),
    ("Psoriasis was seen on the elbows and can flare.", {"psoriasis": A}, "psoriasis"),
])
def test_a_kind_modifying_the_subject_of_a_general_statement(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Avoid occlusive dressings in patients with infected eczema.", {"eczema": U}, ""),
    ("Refer children with eczema herpeticum to the on-call team the same day.", {"eczema-herpeticum": U}, ""),
    ("Initiate methotrexate in adults with extensive psoriasis once the bloods are normal.", {"psoriasis": U}, ""),
    # guards: a study's subjects open with no imperative; a plan for the one patient names no group
    ("In patients with psoriasis, methotrexate reduced the PASI by half.", {"psoriasis": A}, "psoriasis"),
    ("Refer to dermatology for the eczema on her hands.", {"eczema": A}, "eczema"),
])
def test_a_guidelines_instruction_for_a_kind_of_patient(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Any full-thickness (2nd or 3rd degree) burn should be seen in a burns unit.", {"thermal-burn": U}, ""),
    ("Every chemical burn must be irrigated for at least twenty minutes.", {"chemical-burn": U}, ""),
    # guards: a study's subjects, one patient's lesions, a quantified head that is not the condition
    ("All patients with psoriasis were screened for arthritis.", {"psoriasis": A}, "psoriasis"),
    ("All the warts on her hands cleared with cryotherapy.", {"viral-wart": A}, "viral wart"),
    ("All treatments for rosacea were stopped a month before the photograph.", {"rosacea": A}, "rosacea"),
])
def test_a_condition_quantified_as_a_kind(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,hedged,label", [
    # a physician's "reckons it's X" after a lay guess: the physician's hedge, the label
    ("Dad was adamant the patch on my neck was ringworm, but the GP reckons it's contact dermatitis from a necklace.",
     {"tinea-corporis": N, "contact-dermatitis": U}, {"contact-dermatitis"}, "contact dermatitis"),
    ("The GP reckons it's eczema.", {"eczema": U}, {"eczema"}, "eczema"),
    # guard: a word of doubt between keeps the guess unlabelled
    ("My gran reckons it's ringworm but the dermatologist reckons it might be granuloma annulare.",
     {"tinea-corporis": N, "granuloma-annulare": U}, set(), ""),
])
def test_a_physicians_reckoning_is_a_hedge(tg, text, want, hedged, label):  # noqa: F811
    check(tg, text, want, label)
    t, _ = tg
    assert {c.id for c in t.tag(text).conditions if c.hedged} == hedged, text
