"""Tagger changes of round 18, the context side (tuning sets: gold and independent sets 1-13; developed on the
negated-as-asserted misses of set 13, which was held out after round 17 and run once, then checked on all tuning sets by
their totals). Families, not strings: a spoken retraction right after a name ("X, no, scratch that", "X, well no, ...",
"X, er sorry, no it's not") and a name declared wrong ("X was wrong") set that name aside, not the answer after it;
someone's earlier naming ("said X", "was told I had X", "had suggested X") is set aside when the same sentence goes on
with "but" and an answer ("actually", "came back", "the final diagnosis was", or "it's" / "so" beside another finding),
and stays asserted when the "but" clause names nothing new. Every sentence is new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N = "asserted", "negated"


@pytest.mark.parametrize("text, want, label", [
    ("this one is a pyogenic granuloma, scratch that, it's a bleeding cherry angioma",
     {"pyogenic-granuloma": N, "cherry-angioma": A}, "cherry angioma"),
    ("next up a dermatofibroma, well no, the dimple sign is negative here, it's a dermal naevus",
     {"dermatofibroma": N, "intradermal-nevus": A}, "intradermal nevus"),
    ("right so this looks like impetigo, er sorry, no it's not, the crusts are on a herpes simplex cluster",
     {"impetigo": N, "herpes-simplex": A}, "herpes simplex"),
    ("Referral diagnosis cellulitis was wrong; bilateral red legs from venous stasis dermatitis.",
     {"cellulitis": N, "stasis-dermatitis": A}, "stasis dermatitis"),
    # with no second name after it, the retracted name is still set aside and is no label
    ("this one is a pyogenic granuloma, scratch that, it's just a bleeding vessel in a scar",
     {"pyogenic-granuloma": N}, ""),
    ("next up a dermatofibroma, well no, the dimple sign is negative here", {"dermatofibroma": N}, ""),
    ("ok this is lichen planus, er sorry, no it's not, these papules are too shiny", {"lichen-planus": N}, ""),
])
def test_spoken_retraction_sets_the_name_before_it_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("the registrar said rosacea for this patient but the papules spare the nose so it's actually perioral dermatitis",
     {"rosacea": N, "perioral-dermatitis": A}, "perioral dermatitis"),
    ("My GP said it was eczema but the steroid cream made it worse and the dermatologist says it's tinea incognito",
     {"eczema": N, "tinea-incognito": A}, "tinea incognito"),
    ("the first biopsy suggested lichen planus, but the final diagnosis was lichenoid drug eruption",
     {"lichen-planus": N, "lichenoid-drug-eruption": A}, "lichenoid drug eruption"),
    ("so we said psoriasis in clinic but the scraping came back positive for hyphae", {"psoriasis": N}, ""),
    # no answer after the "but": the naming stands
    ("the doctor said eczema but the cream did nothing so I stopped using it", {"eczema": A}, "eczema"),
    ("The dermatologist says it is psoriasis but the itching is worse at night.",
     {"psoriasis": A, "pruritus": A}, "psoriasis"),
])
def test_an_earlier_naming_is_set_aside_only_when_answered(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


U = "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # the second option named as such is a guess, not the label
    ("Brown waxy papule on the back, likely seborrheic keratosis; a pigmented basal cell carcinoma is the main alternative",
     {"seborrheic-keratosis": U, "pigmented-bcc": U}, "seborrheic keratosis"),
    # a relative's condition in the perfect is the relative's
    ("My grandmother has had psoriasis since her forties; I have a patch of eczema on my wrist",
     {"psoriasis": U, "eczema": A}, "eczema"),
    # what a teacher's generic "you" would fear is no finding
    ("you'd worry about necrotising fasciitis with pain out of proportion, but here it's a plain erysipelas",
     {"necrotizing-fasciitis": U, "erysipelas": A}, "erysipelas"),
    # a cause guessed after the diagnosis is the guess, the diagnosis the label
    ("Painful red nodules on the shins of a young woman, erythema nodosum, probably secondary to sarcoidosis",
     {"erythema-nodosum": A, "sarcoidosis": U}, "erythema nodosum"),
])
def test_alternatives_relatives_and_generic_fears_are_not_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
