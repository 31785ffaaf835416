"""Tagger changes of round 21, the context side (tuning sets: gold and independent sets 1-14; developed on the
negated-as-asserted misses of set 14, after its one held-out run). Family: a condition named and then set aside -
dismissed after its name, named earlier by someone and overruled (by "but" and an answer, a second opinion, or a
correction in the next clause), feared by a patient and answered, or left open by "whether this is X or Y". Every
sentence is new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"



@pytest.mark.parametrize("text, want, label", [
    ("The plaques on her elbows are psoriasis; with no genital sores, secondary syphilis is not a concern here.",
     {"psoriasis": A, "secondary-syphilis": N}, "psoriasis"),
    ("No target lesions and no mucosal erosions, so erythema multiforme is off the list; this is a fixed drug eruption.",
     {"erythema-multiforme": N, "fixed-drug-eruption": A}, "fixed drug eruption"),
    ("After the negative scraping scabies is off the table, and the itchy rash is contact dermatitis.",
     {"scabies": N, "pruritus": A, "contact-dermatitis": A}, "contact dermatitis"),
    ("Furuncle: a deep infection of one hair follicle. It is distinguished from a carbuncle, which involves several follicles.",
     {"furuncle": A, "carbuncle": N}, "furuncle"),
])
def test_a_name_set_aside_after_it(tg, text, want, label):  # noqa: F811
    """A diagnosis dismissed after its name ("is not a concern", "off the list"), a dictionary's contrast."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("the nurse wrote scabies on the form, but there are no burrows, this is atopic dermatitis",
     {"scabies": N, "atopic-dermatitis": A}, "atopic dermatitis"),
    ("the registrar called it a wart, fair enough, but under the dermatoscope it's a seborrheic keratosis",
     {"viral-wart": N, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    ("The slide was labelled as lichen planus. That was wrong: it shows psoriasis.",
     {"lichen-planus": N, "psoriasis": A}, "psoriasis"),
    ("Entry 12 was filed as dermatofibroma; histology says basal cell carcinoma.",
     {"dermatofibroma": N, "basal-cell-carcinoma": A}, "basal cell carcinoma"),
    ("I was told by my GP that it was ringworm, the cream did nothing, and a second opinion says it's discoid eczema.",
     {"tinea-corporis": N, "nummular-eczema": A}, "nummular eczema"),
])
def test_an_earlier_naming_overruled(tg, text, want, label):  # noqa: F811
    """Someone's earlier written or spoken name overruled: with "but" and an answer, by a second opinion, or by a correction opening the next clause."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("She arrived scared of melanoma, but what we have is a seborrheic keratosis.",
     {"melanoma": N, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    ("He is terrified of skin cancer since his father died of it.",
     {"malignant": U}, ""),
    ("We argued about whether this is pityriasis rosea or guttate psoriasis.",
     {"pityriasis-rosea": U, "guttate-psoriasis": U}, ""),
])
def test_a_patients_fear_and_an_open_question(tg, text, want, label):  # noqa: F811
    """A patient's fear is set aside by the answer after "but", otherwise a guess; "whether this is X or Y" leaves both open."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("The pathologist wrote melanoma in situ on the report.",
     {"melanoma-in-situ": A}, "melanoma in situ"),
    ("The GP called it impetigo and the antibiotic cream cleared it in a week.",
     {"impetigo": A}, "impetigo"),
    ("The students called it impetigo, and they were right.",
     {"impetigo": A}, "impetigo"),
    ("Her eczema is off the charts this winter.",
     {"eczema": A}, "eczema"),
    ("The caption said melasma. The photo shows brown patches on both cheeks.",
     {"melasma": A}, "melasma"),
])
def test_guards_namings_that_stand(tg, text, want, label):  # noqa: F811
    """A naming nobody overrules stays asserted; "off the charts" is no dismissal; a next sentence that corrects nothing leaves it."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Her grandfather and both uncles have vitiligo; she has none herself.", {"vitiligo": U}, ""),
    ("The patient's daughter had scabies in the spring; he now itches at night.",
     {"scabies": U, "pruritus": A}, ""),
    ("We worry about Stevens-Johnson syndrome when the lips blister after a new antiepileptic.",
     {"stevens-johnson": U}, ""),
    ("We are weighing tinea corporis, nummular eczema and granuloma annulare for this ring.",
     {"tinea-corporis": U, "nummular-eczema": U, "granuloma-annulare": U}, ""),
    ("The red flags for basal cell carcinoma on the nose are a pearly edge and bleeding.",
     {"basal-cell-carcinoma": U}, ""),
    ("My sisters have freckles and I have a mole on my back.",
     {"ephelides": U, "melanocytic-nevus": A}, "melanocytic nevus"),
    ("I worry about my psoriasis flaring every winter.", {"psoriasis": A}, "psoriasis"),
])
def test_scope_relatives_worries_and_weighed_lists(tg, text, want, label):  # noqa: F811
    """Relatives in the plural or named by the clinician, a clinician's worry, a list weighed or of red flags: not
    the pictured finding; a patient's worry about their own disease stays asserted."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("He was worried about scabies but the itch is eczema from the new soap powder.",
     {"scabies": N, "pruritus": A, "eczema": A}, "eczema"),
    ("We were afraid of shingles, but the blisters are impetigo.", {"herpes-zoster": N, "impetigo": A}, "impetigo"),
    ("She was worried about melanoma after reading online, and the mole has changed.",
     {"melanoma": U, "melanocytic-nevus": A}, "melanocytic nevus"),
    ("I was worried about psoriasis but my scalp is fine now.", {"psoriasis": U}, ""),
])
def test_a_past_worry_answered(tg, text, want, label):  # noqa: F811
    """A past worry set aside by "but" and an answer ("... is eczema"); without an answer naming a finding it stays a
    guess."""
    check(tg, text, want, label)
