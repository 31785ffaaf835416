"""Tagger rules of round 51 (tuning sets: gold and independent sets 1-36). A hedge before "classic" still hedges the
name after it; an alternative with its own hedge or stage ("X or early Y", "X or maybe Y") is an open choice; "until
the biopsy shows otherwise" is the working diagnosis's caveat; "very likely" / "highly probable" after a name is a
hedged verdict; a population "excluded if" they had X or Y is a criteria rule; a lay "mole" the text names as one
kind of melanocytic lesion is no second finding; a thread's reply from a user name with the role in brackets, from
an allergist, or "replied on the app:" answers the poster; a clinician's agreement asserts the poster's guess; an exam
stem left open without a blank asks about a kind; the lesion a lecturer picks out of a slide's two gives the label;
a leaflet reader's "your rash today" is the case; a sentence opening on the pictured lesion's name is no general
statement; "CAD" beside "atherosclerosis" is the heart's; "PPD skin test" a test; "her late father's melanoma" is the father's. Every sentence is new, written for these tests, none taken from any evaluation set; the guards (named so)
keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a hedge before "classic"
    ("Histology: dense spindle cells around slit-like vessels, in keeping with classic Kaposi sarcoma.",
     {"kaposi-sarcoma": U}, "Kaposi sarcoma"),
    # guard: "classic" after a denial still ends the denial's reach
    ("No blisters anywhere, classic tinea cruris in the groin.", {"tinea-cruris": A}, "tinea cruris"),
    # an alternative with its own stage or hedge
    ("Pearly papule on the nasal tip: sebaceous hyperplasia or early basal cell carcinoma.",
     {"sebaceous-hyperplasia": U, "basal-cell-carcinoma": U}, ""),
    # (guard: read so already)
    ("Red papule on the lip; a pyogenic granuloma or maybe an amelanotic melanoma.",
     {"pyogenic-granuloma": U, "amelanotic-melanoma": U}, ""),
    # the caveat names who would prove it otherwise
    ("Any non-healing ulcer on the lower lip of a smoker is a squamous cell carcinoma until the biopsy shows otherwise.",
     {"squamous-cell-carcinoma": U}, "squamous cell carcinoma"),
    ("Crusted nodule on the scalp, squamous cell carcinoma until histology says otherwise.",
     {"squamous-cell-carcinoma": U}, "squamous cell carcinoma"),
    # a degree adverb before the clause-final verdict
    ("The linear burrows on the wrists make scabies very likely; treat the household together.", {"scabies": U},
     "scabies"),
    ("Tense bullae in an elderly woman; bullous pemphigoid highly probable.", {"bullous-pemphigoid": U},
     "bullous pemphigoid"),
    # a population excluded if they had X or Y
    ("Adults were excluded if they had hidradenitis suppurativa in the last year or a basal cell carcinoma at any time.",
     {"hidradenitis-suppurativa": U, "basal-cell-carcinoma": U}, ""),
    # guard: round 39's bare "were excluded" stays the population's denial
    ("Patients with a history of melanoma were excluded.", {"melanoma": N}, ""),
    # a lay mole named as its kind: one lesion, the specific name
    ("The mole on his calf was shaved off and the report came back as a compound naevus.", {"compound-nevus": A},
     "compound nevus"),
    ("A changing mole on her thigh turned out to be a superficial spreading melanoma.",
     {"superficial-spreading-melanoma": A}, "superficial spreading melanoma"),
    ("The mole on his chest darkened and the excision showed a melanoma in situ.", {"melanoma-in-situ": A},
     "melanoma in situ"),
    # guards: many moles are a finding of their own; a feared melanoma leaves the mole; a quoted mole denied stays
    ("She has lots of moles on her back; this one on the shoulder is a blue naevus.",
     {"melanocytic-nevus": A, "blue-nevus": A}, "blue nevus"),
    ("My mole might be melanoma, I panicked; on examination it is a regular benign naevus.",
     {"melanocytic-nevus": A, "melanoma": U}, "melanocytic nevus"),
    ('"Only a mole," he said, but the biopsy showed an amelanotic melanoma.',
     {"melanocytic-nevus": N, "amelanotic-melanoma": A}, "amelanotic melanoma"),
    # a thread's clinician reply in more forms; an agreement asserts the guess
    ("Posted by derm_worried_22: pretty sure this is ringworm, a red ring on my arm. Reply from SkinDocK "
     "(dermatologist): this looks like granuloma annulare, no scale at all.",
     {"tinea-corporis": N, "granuloma-annulare": U}, "granuloma annulare"),
    ("Poster: scared this black spot on my heel is a melanoma. Doctor's reply: the photo shows a talon noir, old "
     "blood from running.", {"melanoma": N, "talon-noir": A}, "talon noir"),
    ("Me: I think it's psoriasis, scaly plaques on my elbows. Dermatologist replied on the app: agreed, chronic "
     "plaque psoriasis.", {"psoriasis": A, "psoriasis-vulgaris": A}, "psoriasis vulgaris"),
    # an exam stem left open without a blank
    ("Gene mutated in neurofibromatosis type 1 is", {"neurofibromatosis": U}, ""),
    ("False about pemphigus vulgaris", {"pemphigus-vulgaris": U}, ""),
    ("Drug of choice for tinea capitis in children is?", {"tinea-capitis": U}, ""),
    # guard: a speaker's "X it is"
    ("so yes, seborrhoeic keratosis it is", {"seborrheic-keratosis": A}, "seborrheic keratosis"),
    # the lesion of a slide's two picked out by the lecturer
    ("On the left of this slide a cherry angioma, and on the right a nodular melanoma, and the one I want you to "
     "remember is the right one.", {"cherry-angioma": A, "nodular-melanoma": A}, "nodular melanoma"),
    ("Two lesions on this slide: on the left a dermatofibroma; on the right, the one I want you to worry about, an "
     "irregular dark macule that is a lentigo maligna.", {"dermatofibroma": A, "lentigo-maligna": A},
     "lentigo maligna"),
    # a leaflet reader's lesion today; guard: the leaflet's conditional
    ("Patient leaflet: how to check your skin for melanoma. Your spot today is a seborrhoeic keratosis, nothing to "
     "treat.", {"melanoma": U, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    ("Patient leaflet: if your rash spreads, it may be impetigo.", {"impetigo": U}, ""),
    # a sentence that opens on the pictured lesion's name; guard: the general superlative
    ("That's rosacea, the most common cause of red cheeks you'll see in clinic.", {"rosacea": A}, "rosacea"),
    ("Rosacea is the most common cause of red cheeks in adults.", {"rosacea": U}, ""),
    # a general-medicine abbreviation beside a written-out general-medicine disease, a skin finding in the text
    ("Eruptive yellow papules on the buttocks; he is at risk of atherosclerosis and CAD, lipids pending.", {}, ""),
    # a relative's disease named with the possessive; guards: "'s got" is "has got", a child's is the patient's
    ("His late mother's melanoma worries him; the brown papule on his arm today is a dermatofibroma.",
     {"melanoma": U, "dermatofibroma": A}, "dermatofibroma"),
    ("Her brother's eczema flared; her own rash is scabies.", {"eczema": U, "scabies": A}, "scabies"),
    ("My grandad's got shingles on his forehead.", {"herpes-zoster": A}, "herpes zoster"),
    ("My son's eczema is worse this winter.", {"eczema": A}, "eczema"),
    ("Grandad's liver spots cover the backs of both his hands.", {"solar-lentigo": A}, "solar lentigo"),
    # an abbreviation followed by its test's word names the test
    ("Induration of 12 mm two days after the PPD skin test, chest film clear.", {}, ""),
    ("Rust-coloured petechial patches on the shins, PPD on biopsy.", {"pigmented-purpuric-dermatosis": A},
     "pigmented purpuric dermatosis"),  # (guard: the abbreviation alone)
    # guard: the abbreviation after its own name
    ("Chronic actinic dermatitis: CAD with lichenified plaques on the face and neck.",
     {"chronic-actinic-dermatitis": A}, "chronic actinic dermatitis"),
])
def test_round51_readings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
