"""Tagger rules of round 54 (tuning sets: gold and independent sets 1-38). A forum story's first naming by someone
who does not diagnose (a school nurse, a pharmacist) answered in a later sentence by
a physician who "called it" another diagnosis is set aside; names listed after a colon with commas and a last "or" to
the sentence's end are a differential (uncertain, no label), the last choice a name the vocabulary lacks too; a
symptom in a differential's heading ("Differential for the itchy plaques: ...") is the patient's. Every sentence is new, written for these tests, none taken
from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a lay first naming, then the physician's "called it" another diagnosis
    ("The pharmacist said eczema. Our GP looked at the burrows and called it scabies.",
     {"eczema": N, "scabies": A}, "scabies"),
    ("The school nurse said impetigo. The GP took a swab and called it a cold sore.",
     {"impetigo": N, "herpes-labialis": A}, "herpes labialis"),
    # guards: no physician's answer keeps the guess; the same diagnosis called again stays
    ("The pharmacist said eczema. The GP agreed and gave a cream.", {"eczema": U}, ""),
    ("The pharmacist said impetigo, and the GP called it impetigo too.", {"impetigo": U}, ""),
    # alternatives listed after a colon
    ("Pearly papule on the nose: basal cell carcinoma, sebaceous hyperplasia or a trichoblastoma.",
     {"basal-cell-carcinoma": U, "sebaceous-hyperplasia": U}, ""),
    ("Pearly papule on the nose: basal cell carcinoma, sebaceous hyperplasia or a rarer adnexal tumour.",
     {"basal-cell-carcinoma": U, "sebaceous-hyperplasia": U}, ""),
    # guards: one name after the colon is the conclusion; a list joined by "and" names what is there; a list that
    # runs on past its names
    ("Scaly annular plaque on the shin: tinea corporis.", {"tinea-corporis": A}, "tinea corporis"),
    ("Pearly papule on the nose: basal cell carcinoma, sebaceous hyperplasia and a solar lentigo beside them.",
     {"basal-cell-carcinoma": A, "sebaceous-hyperplasia": A, "solar-lentigo": A}, "basal cell carcinoma"),
    ("Seen in clinic today: psoriasis and rosacea.", {"psoriasis": A, "rosacea": A}, "psoriasis"),
    # a symptom in a differential's heading is the presentation's; guard: the names after the colon stay doubted
    ("Differential for the painful itchy plaques on the shins: psoriasis or lichen planus.",
     {"pruritus": A, "psoriasis": U, "lichen-planus": U}, ""),
])
def test_round54_readings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
