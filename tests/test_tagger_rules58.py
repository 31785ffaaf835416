"""Tagger rules of round 58 (tuning sets: gold and independent sets 1-43): a writer's guess with no verb after it ("I
thought X"), a surgeon's reply, a search engine's naming answered by a clinician, the audience's answers named by the
lecturer, a verdict of preference after the name ("X favoured;"), a record changed in words, a repair announced before
the name it takes back, a reply's general statement about the poster's name, a reply agreeing with a refinement by name,
the scars a poster reports, "X isn't the problem here", a management "like X", a told naming answered after a colon, a
leaflet's words ending at "but this ...", "both have" only after a relative, a count or a participle ending a denial, a
site after a possessive, and nail signs and lipodermatosclerosis giving the label to the disease beside them. Every
sentence is new, written for these tests, none taken from any evaluation set; the guards (named so) keep what needs no
change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a guess with no verb after it, answered by a surgeon; guard: unanswered it stays a guess
    ("Small rubbery lump on the forearm, I thought dermatofibroma. Reply from a surgeon: it is a neurofibroma.",
     {"dermatofibroma": N, "neurofibroma": A}, "neurofibroma"),
    ("Small rubbery lump on the forearm, I thought dermatofibroma.", {"dermatofibroma": U}, ""),
    # a search engine's naming answered by a clinician; guard: unanswered it stays a guess
    ("Red scaly rings on my shins, google says psoriasis. Update: the dermatologist examined them and says it's "
     "nummular eczema.", {"psoriasis": N, "nummular-eczema": A}, "nummular eczema"),
    ("Red scaly rings on my shins, google says psoriasis.", {"psoriasis": U}, ""),
    # the audience's answers, denied after "but"
    ("This toddler's cheeks are bright red: slapped cheek, erythema infectiosum. Many of you answered rosacea, but "
     "there's no telangiectasia at this age.", {"erythema-infectiosum": A, "rosacea": N}, "erythema infectiosum"),
    # a verdict of preference after the name
    ("Granuloma annulare favoured; necrobiosis lipoidica excluded.",
     {"granuloma-annulare": U, "necrobiosis-lipoidica": N}, "granuloma annulare"),
    # a record changed in words; a repair announced before the name it takes back
    ("I entered psoriasis on the form, then amended it: the nails are spared and the scraping grew a dermatophyte, so "
     "tinea corporis.", {"psoriasis": N, "tinea-corporis": A}, "tinea corporis"),
    ("A correction to the last slide: I said lichen planus for it, but those tiny shiny papules are lichen nitidus.",
     {"lichen-planus": N, "lichen-nitidus": A}, "lichen nitidus"),
    # a reply's general statement about the poster's name; guard: a reply that confirms it keeps it
    ("Q: Is this ringworm? Itchy round patch on my arm. A (GP): the pattern fits nummular eczema; ringworm usually has "
     "a raised scaly edge.", {"pruritus": A, "nummular-eczema": U, "tinea-corporis": N}, "nummular eczema"),
    ("Q: Is this ringworm? A (GP): yes, this is ringworm.", {"tinea-corporis": A}, "tinea corporis"),
    # a reply agreeing with a refinement by name; the scars a poster reports are no guess
    ("I thought it was acne. Reply (GP): agreed, with those deep cysts it is nodulocystic acne.",
     {"acne-vulgaris": A, "nodulocystic-acne": A}, "nodulocystic acne"),
    ("Painful lumps and scars in both armpits, I think it's acne. Reply (GP): this is hidradenitis suppurativa.",
     {"cutaneous-scar": A, "acne-vulgaris": N, "hidradenitis-suppurativa": A}, "hidradenitis suppurativa"),
    # a name that is not the problem; a management like another name
    ("It's scabies, the eczema is not the real problem.", {"scabies": A, "eczema": N}, "scabies"),
    ("so a spitz naevus, and I'd still treat it like a melanoma", {"spitz-nevus": A, "melanoma": U}, "Spitz nevus"),
    # a told naming answered after a colon; guard: a concept after the colon answers nothing
    ("He was told he had psoriasis, but look, coral-red fluorescence, fine scale and no satellite papules in the groin: "
     "erythrasma.", {"psoriasis": N, "erythrasma": A}, "erythrasma"),
    ("She was told she had eczema, but look at the edge: annular.", {"eczema": A}, "eczema"),
    # a leaflet's words end at "but this ..."
    ("The poster lists the warning signs of melanoma, but this brown spot on her arm is a seborrhoeic keratosis.",
     {"melanoma": U, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    # "both have" after a relative only
    ("My twins both have chickenpox spots on their tummies.", {"varicella": A}, "varicella"),
    ("Her uncle and aunt both have vitiligo.", {"vitiligo": U}, ""),
    # a count ends a denial's list; guard: a list of denied names stays denied
    ("Skin check: no melanoma, multiple cherry angiomas on the trunk.", {"melanoma": N, "cherry-angioma": A},
     "cherry angioma"),
    ("Skin check: no melanoma, BCC or SCC.", {"melanoma": N, "basal-cell-carcinoma": N, "squamous-cell-carcinoma": N}, ""),
    # a participle closes a denial before a comma
    ("A warty papule on the finger, no injury reported, viral wart.", {"viral-wart": A}, "viral wart"),
    # a site after a possessive
    ("Is this a wart on my daughter's sole?", {"plantar-wart": U}, ""),
    # nail signs and lipodermatosclerosis give the label to the disease beside them
    ("Thick yellow toenails lifting off the bed, onycholysis, and the clippings confirm onychomycosis.",
     {"onycholysis": A, "onychomycosis": A}, "onychomycosis"),
    ("A brown band down the fingernail, a melanonychia caused by a junctional naevus of the matrix.",
     {"melanonychia": A, "junctional-nevus": A}, "junction nevus"),
])
def test_round58_readings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
