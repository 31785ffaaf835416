"""Tagger rules of round 52 (tuning sets: gold and independent sets 1-37). A request to an assistant ("Write a poem for
a teenager embarrassed about her acne") names its topic's kinds; a case note's "X was set aside" denies X; "X passes
between people" is a kind's general statement; a known disease that "flared" is the background of the diagnosis told
after it; a crowd's "everybody shouts X but ... so Y" sets X aside; an organism's or a systemic fever's name with no
word of the skin ("parvovirus B19 infection in hereditary spherocytosis", "scrub typhus") names no skin disease; facial
angiofibromas beside tuberous sclerosis are the syndrome's sign; "a viral rash" said of a named viral disease is its class
restated. Every sentence is new, written for these tests, none
taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a request to an assistant: the topic's kinds
    ("Write a limerick about a boy who hides his psoriasis under long sleeves, in five lines.", {"psoriasis": U}, ""),
    ("Summarize in two sentences why people with rosacea should avoid hot drinks.", {"rosacea": U}, ""),
    ("Compose a haiku about impetigo at the nursery. Use no capital letters.", {"impetigo": U}, ""),
    # guards: the writer's own condition, a pointer at the case, the material after a colon
    ("Draft a note to my GP: the cream for my scabies did not help and the itch is worse.",
     {"scabies": A, "pruritus": A}, "scabies"),
    ("Describe this lesion for the referral: a pearly nodule on the nose, a basal cell carcinoma.",
     {"basal-cell-carcinoma": A}, "basal cell carcinoma"),
    ("I have had vitiligo on my hands since school. Write me a short reply to a rude comment.",
     {"vitiligo": A}, "vitiligo"),
    # a verdict that sets a candidate aside
    ("Tense blisters on the thighs of an 80-year-old; biopsy confirmed bullous pemphigoid and pemphigus was set aside.",
     {"bullous-pemphigoid": A, "pemphigus": N}, "bullous pemphigoid"),
    # how a kind travels; guard: one patient's disease passed on
    ("Impetigo passes between children at nursery through shared towels.", {"impetigo": U}, ""),
    ("Her impetigo passes to her brother every summer.", {"impetigo": A}, "impetigo"),
    # a known disease that flared, the diagnosis after it
    ("A girl whose known atopic dermatitis flared at camp: clustered punched-out erosions on the neck. Eczema "
     "herpeticum.", {"atopic-dermatitis": A, "eczema-herpeticum": A}, "eczema herpeticum"),
    # guard: no background cue before the disease that flared
    ("The psoriasis flared after the strep throat.", {"psoriasis": A}, "psoriasis"),
    # a crowd's name the lecture answers
    ("here's a ring on the shin and everybody shouts ringworm but there's no scale at all so granuloma annulare",
     {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    # an organism's or a systemic fever's name with no word of the skin; guards: the skin's words keep it
    ("Aplastic crisis after parvovirus B19 infection in a child with sickle cell disease.", {}, ""),
    ("Typhus fever returned to the refugee camp that winter, with high fevers and confusion.", {}, ""),
    ("Bright red cheeks and a lacy rash on the arms after parvovirus B19 infection.",
     {"erythema-infectiosum": A}, "erythema infectiosum"),
    ("An eschar on the groin and a macular rash in a trekker: scrub typhus.",
     {"rickettsial-infection": A}, "rickettsial infection"),
    # a viral disease's class restated; guard: the class as the diagnosis beside a viral disease set aside
    ("Reply from a paediatrician: that's hand, foot and mouth disease, a viral rash that settles in a week.",
     {"hand-foot-mouth-disease": A}, "hand, foot and mouth disease"),
    ("Rubella is unlikely after two vaccine doses; this is a viral exanthem.", {"rubella": N, "viral-exanthem": A},
     "viral exanthem"),
    # a syndrome's sign beside the syndrome; guard: the sign alone
    ("Laser for facial angiofibromas in a young man with tuberous sclerosis complex.", {"tuberous-sclerosis": A},
     "tuberous sclerosis"),
    ("Facial angiofibroma on the nose of a 50-year-old, shaved for histology.", {"fibrous-papule": A},
     "fibrous papule"),
])
def test_round52_readings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
