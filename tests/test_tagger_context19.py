"""Tagger changes of round 19, the context / label side (tuning sets: gold and independent sets 1-13; developed on the
misses of sets 10-13, then checked text by text on every tuning set). Families, not strings: a trigger phrase that
ends inside a word no longer hides the trigger after it ("it sounds like X"); a physician's first-person inference is
a hedge ("makes me think of", "I'd bet on", "I'd be worried about ... here"); a name denied between commas and
answered at once is set aside ("X, it isn't, it's Y"); a first impression by its look answered after "but" ("looks
like X but actually ... it's Y"); a restatement ("i.e.", "namely") names the label; a condition right after a bare
"after" is the ground, not the label; a group's disease after "higher in patients with" where the text speaks of a
risk; "Past history:" heads history; a test's purpose ("to separate X from Y") leaves both open; a fact or
information sheet is a leaflet; a blistering test (DIF) makes a text about skin for its abbreviations. Every sentence
is new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # "it s" (a terminator) ends inside "it sounds": the hedge after it was never seen
    ("From the photo it sounds like hand, foot and mouth disease, it settles in about a week",
     {"hand-foot-mouth-disease": U}, "hand, foot and mouth disease"),
    ("It suggests lichen planus rather than a drug eruption.", {"lichen-planus": U, "drug-eruption": N}, "lichen planus"),
    # a plain statement after "it" stays asserted
    ("It is a plantar wart on the ball of the foot.", {"plantar-wart": A}, "plantar wart"),
])
def test_a_phrase_ending_inside_a_word_hides_no_trigger(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Consultant reply: the violaceous flat-topped papules on her wrists make me think of lichen planus.",
     {"lichen-planus": U}, "lichen planus"),
    ("Going by the photo alone I'd bet on a dermatofibroma.", {"dermatofibroma": U}, "dermatofibroma"),
    ("I'd be worried about a melanoma here, so we took it off with 2 mm margins", {"melanoma": U}, "malignant melanoma"),
    # a patient's worry stays a guess, never the label
    ("I'm really worried about melanoma because my mum had it", {"melanoma": U}, ""),
    # a clinical "we" concluding from the findings is a hedge; a bare "we think it's" stays a guess
    ("the plaques have no silvery scale, so we think this is nummular eczema rather than psoriasis",
     {"nummular-eczema": U, "psoriasis": N}, "nummular eczema"),
    ("We think it's eczema but the cream isn't working.", {"eczema": U}, ""),
])
def test_a_physicians_first_person_inference_is_a_hedge(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("people call this a cold sore, it isn't, it's impetigo round the mouth",
     {"herpes-labialis": N, "impetigo": A}, "impetigo"),
    ("the nurse wrote ringworm, it is not, it's nummular eczema with no scale at the edge",
     {"tinea-corporis": N, "nummular-eczema": A}, "nummular eczema"),
    ("It looks like a pyogenic granuloma but actually it bleeds from a thrombosed vessel, so it's a cherry angioma",
     {"pyogenic-granuloma": N, "cherry-angioma": A}, "cherry angioma"),
    # a "but" with no new name keeps the first impression, and a plain negation before the name is unchanged
    ("This looks like psoriasis but we will biopsy it.", {"psoriasis": U}, "psoriasis"),
    ("It isn't eczema, it's psoriasis.", {"eczema": N, "psoriasis": A}, "psoriasis"),
])
def test_a_name_denied_or_a_look_overruled_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Eczema that has become infected with herpes, i.e. eczema herpeticum, needs aciclovir today",
     {"eczema": A, "herpes-simplex": A, "eczema-herpeticum": A}, "eczema herpeticum"),
    ("After herpes labialis last month, target lesions on the palms: erythema multiforme.",
     {"herpes-labialis": A, "erythema-multiforme": A}, "erythema multiforme"),
    ("Punched-out erosions after atopic dermatitis flared: eczema herpeticum.",
     {"atopic-dermatitis": A, "eczema-herpeticum": A}, "eczema herpeticum"),
    # the diagnosis named first keeps the label when the cause follows it
    ("Post-inflammatory hyperpigmentation after acne on the cheeks.",
     {"post-inflammatory-hyperpigmentation": A, "acne-vulgaris": A}, "post-inflammatory hyperpigmentation"),
])
def test_a_restatement_or_the_lesion_after_its_cause_is_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("The chance of eczema herpeticum is greater in patients with severe atopic dermatitis",
     {"eczema-herpeticum": U, "atopic-dermatitis": U}, ""),
    # a measurement in the study's own patients, no risk: the patients' disease stays asserted
    ("Serum IgE is higher in patients with atopic dermatitis", {"atopic-dermatitis": A}, "atopic dermatitis"),
    # a risk word in another sentence does not make the measurement a risk
    ("Plasma IL-31 is higher in patients with prurigo nodularis than in controls. The risk of bias was low.",
     {"prurigo-nodularis": A}, "prurigo nodularis"),
    ("Past history: basal cell carcinoma excised 2015. Today: a scaly patch on the shin, Bowen's disease.",
     {"basal-cell-carcinoma": A, "bowens-disease": A}, "Bowen's disease"),
    ("Past history: melanoma in 2009. Today: skin check, no new lesions", {"melanoma": A}, ""),
    ("Skin biopsy sent to separate lupus from dermatomyositis", {"lupus-erythematosus": U, "dermatomyositis": U}, ""),
    ("Scalp biopsy taken to distinguish between lichen planopilaris and discoid lupus",
     {"lichen-planopilaris": U, "dle": U}, ""),
    ("Fact sheet for schools: what is scabies and how is it treated", {"scabies": U}, ""),
])
def test_background_history_and_open_questions_are_no_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("BP, linear IgG and C3 at the basement membrane on DIF, started on doxycycline",
     {"bullous-pemphigoid": A}, "bullous pemphigoid"),
    # a blood pressure stays one
    ("BP 135/80, pulse 70, no rash", {}, ""),
])
def test_a_blistering_test_makes_the_text_about_skin(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a colon after a negated list brings the answer, not one more negated item
    ("No itch, no burrows: nodular prurigo on the shins.", {"pruritus": N, "prurigo-nodularis": A}, "prurigo nodularis"),
    ("Not a wart: a seborrhoeic keratosis on the temple.", {"viral-wart": N, "seborrheic-keratosis": A},
     "seborrheic keratosis"),
    # ... but "things to consider" opens a list over its colon, to the sentence end
    ("Things to consider for this annular plaque: tinea corporis, granuloma annulare, nummular eczema.",
     {"tinea-corporis": U, "granuloma-annulare": U, "nummular-eczema": U}, ""),
    # "X mimic:" names the mimicked; the answer after the colon stands; an epithet of the disease named is no mimic
    ("A lipoma mimic: a deep epidermoid cyst on the back", {"lipoma": U, "epidermoid-cyst": A}, "epidermoid cyst"),
    ("Psoriasis, the great imitator: plaques on the knees.", {"psoriasis": A}, "psoriasis"),
])
def test_a_colon_brings_the_answer(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_a_hedge_before_a_colon_leaves_the_findings_after_it_asserted(tg):  # noqa: F811
    from tagger_helpers import concepts

    t, _ = tg
    res = t.tag("Highly suggestive of tinea versicolor: fine scale on pale macules of the back.")
    assert {"scale", "macule"} <= concepts(res)


@pytest.mark.parametrize("text, want, label", [
    ("Histology showed a leukocytoclastic vasculitis, and a diagnosis of urticarial vasculitis was made.",
     {"leukocytoclastic-vasculitis": A, "urticarial-vasculitis": A}, "urticarial vasculitis"),
    # (round 56: "eczema on her eyelids" is eyelid dermatitis, the site's subtype, as set 23 reads "ezcema on my eyelids")
    ("The eczema on her eyelids is most likely an allergic contact dermatitis to hair dye.",
     {"eyelid-dermatitis": U, "allergic-contact-dermatitis": U}, "allergic contact dermatitis"),
    # a named diagnosis's group stays its ground ("with a diagnosis of" is no conclusion)
    ("Eczema herpeticum in a child with a diagnosis of atopic dermatitis.",
     {"eczema-herpeticum": A, "atopic-dermatitis": A}, "eczema herpeticum"),
    # what a described thing resembles is a comparison, never the label
    ("Children developed a dermatitis resembling atopic dermatitis after the outbreak.",
     {"eczema": A, "atopic-dermatitis": U}, "eczema"),
    ("A pink papule resembling a dermatofibroma, excised.", {"dermatofibroma": U}, ""),
])
def test_a_diagnosis_reached_is_the_label_and_a_resemblance_is_not(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
