"""Tagger changes of round 12, made after reading the errors of the tuning sets (gold and independent sets 1-8; no
held-out set was run). Development sentences written for each family of errors, none taken from any evaluation
set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # what a named diagnosis mimics is ruled out by it (sets 6-8 read it so; sets 3-5 had left it uncertain)
    ("Secondary syphilis mimicking pityriasis rosea in a young man.",
     {"secondary-syphilis": A, "pityriasis-rosea": N}, "secondary syphilis"),
    ("Tinea incognito masquerading as discoid eczema after months of steroid cream",
     {"tinea-incognito": A, "nummular-eczema": N}, "tinea incognito"),
    ("Figure 3. Annular scaly plaques on the trunk, mimicking tinea corporis; biopsy: subacute cutaneous lupus.",
     {"tinea-corporis": N, "scle": A}, "subacute cutaneous lupus erythematosus"),
    # no other diagnosis named: what it looks like stays a guess, and no label
    ("Figure 2. A pink nodule on the shin mimicking a dermatofibroma.", {"dermatofibroma": U}, ""),
    # a sibling is ruled out too
    ("Pemphigus foliaceus mimicking pemphigus vulgaris on the scalp", {"pemphigus-foliaceus": A, "pemphigus-vulgaris": N},
     "pemphigus foliaceus"),
])
def test_mimic_is_ruled_out_by_the_named_diagnosis(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a bare abbreviation in a clinic note: a dermatology treatment or score is the dermatology context
    ("MF stage IIA, continuing PUVA twice weekly.", {"mycosis-fungoides": A}, "mycosis fungoides"),
    ("CSU, poorly controlled on four times the usual antihistamine dose.", {"chronic-urticaria": A},
     "chronic spontaneous urticaria"),
    ("HS flare despite adalimumab; DLQI 18.", {"hidradenitis-suppurativa": A},
     "hidradenitis suppurativa"),
    ("AD since infancy, now on dupilumab.", {"atopic-dermatitis": A}, "atopic dermatitis"),
    # no dermatology context: the abbreviation stays unread
    ("AD on the timeline marks the year the chapel was built.", {}, ""),
    ("MF radio in the car, then the meeting at nine.", {}, ""),
])
def test_bare_abbreviation_with_a_dermatology_treatment(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a wart under the foot or on one sole is a plantar wart (sets 4-8)
    ("My daughter has a verruca on the ball of her foot that hurts when she runs.",
     {"plantar-wart": A}, "plantar wart"),
    ("He found a verruca under his heel after the school swimming lessons.", {"plantar-wart": A}, "plantar wart"),
    ("A single wart on the sole of the right foot, pared twice.", {"plantar-wart": A}, "plantar wart"),
    # elsewhere it stays a wart
    ("A verruca on the side of her thumb.", {"viral-wart": A}, "viral wart"),
    # prickly heat is miliaria rubra
    ("Prickly heat across the toddler's shoulders after the car journey.", {"miliaria-rubra": A}, "miliaria rubra"),
])
def test_lay_names_read_as_sets_4_to_8_read_them(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
