"""Tagger changes of round 16, the context side (tuning sets: gold and independent sets 1-11; developed on the misses
of sets 10 and 11, checked on gold and sets 1-9 by their totals). Families, not strings: ConText's hypothetical cues
(a test's or a screening's target, a proneness, a possible change, "exclude X" on a request form, a disease's risk,
an exclusion however qualified); a lay or first-person certainty, and a clinician's answer that sets it aside; a
record's "was X, now Y"; a spoken correction that gives only the new modifier; a diagnosis on another case; a
relative's condition in a third person's account; an earlier condition before a new lesion; three or more diagnoses
closed by "or"; a comma and a new subject end a negation's reach. Every sentence is new, none taken from any
evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # a lay person's certainty, answered by a clinician with another diagnosis: set aside
    ("My husband was sure the patch on my shin was ringworm; the dermatologist called it nummular eczema.",
     {"tinea-corporis": N, "nummular-eczema": A}, "nummular eczema"),
    ("My flatmate is sure it's scabies, but the GP said it is eczema.", {"scabies": N, "eczema": A}, "eczema"),
    # unanswered, it stays a guess (never the label): an apposition, the writer's own certainty, a second verb
    ("My aunt, a retired nurse, is sure it's impetigo.", {"impetigo": U}, ""),
    ("I'm convinced the spot on my nose is a basal cell carcinoma. Haven't seen a doctor yet.",
     {"basal-cell-carcinoma": U}, ""),
    ("Honestly convinced I have psoriasis, my elbows are so flaky.", {"psoriasis": U}, ""),
    ("I'm sure it's just a cold sore but it won't heal.", {"herpes-labialis": U}, ""),
    # a nurse's view is no physician's, however she is titled; a dermatologist after "but" is not in its reach
    ("Dermatology nurse specialist: the scaly spot on your temple sounds like an actinic keratosis.",
     {"actinic-keratosis": U}, ""),
    ("My son was told by the school nurse it's impetigo, but the dermatologist says it's actually eczema herpeticum.",
     {"impetigo": N, "eczema-herpeticum": A}, "eczema herpeticum"),
    # a clinician's own view is not touched
    ("The dermatologist thinks this is rosacea.", {"rosacea": U}, "rosacea"),
])
def test_lay_certainty_and_the_clinicians_answer(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a record's earlier name and its new one
    ("Curator note: was 'dermatofibroma', now 'dermatofibrosarcoma protuberans' after review.",
     {"dermatofibroma": N, "dfsp": A}, "dermatofibrosarcoma protuberans"),
    ("Previously labelled seborrheic keratosis, now melanoma in situ on re-excision.",
     {"seborrheic-keratosis": N, "melanoma-in-situ": A}, "melanoma in situ"),
    # a spoken correction that gives only the new modifier
    ("right so this is a superficial spreading melanoma no sorry nodular you can see the dome",
     {"superficial-spreading-melanoma": N, "nodular-melanoma": A}, "nodular melanoma"),
    ("this is a junctional naevus sorry compound it's raised in the middle",
     {"junctional-nevus": N, "compound-nevus": A}, "compound nevus"),
    # a diagnosis said to belong to another case
    ("so that's the pyogenic granuloma from the next case and this one is a cherry angioma",
     {"pyogenic-granuloma": N, "cherry-angioma": A}, "cherry angioma"),
])
def test_corrections_records_and_other_cases(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a relative's condition in a third person's account: not the patient's finding
    ("The patient's mother and two sisters have vitiligo; she presents with a scaly plaque on the knee, which is "
     "psoriasis.", {"vitiligo": U, "psoriasis": A}, "psoriasis"),
    ("His father has psoriasis; he has a dry rash in the elbow creases, which is atopic dermatitis.",
     {"psoriasis": U, "atopic-dermatitis": A}, "atopic dermatitis"),
    # an earlier condition before a new or different lesion: background, not the label
    ("Had chickenpox back in 1998; now I've got a different blistery rash on my side.", {"varicella": A}, ""),
    ("I've had eczema since childhood and now there's a new ring on my arm.", {"eczema": A}, ""),
    # a comorbidity names one condition, not the list after it
    ("Moist red patch in the groin of a man who also has psoriasis: tinea cruris.",
     {"psoriasis": A, "tinea-cruris": A}, "tinea cruris"),
    # three or more diagnoses closed by "or": alternatives; a negated list stays negated
    ("Scaly scalp in a teenager: psoriasis, seborrhoeic dermatitis or tinea capitis.",
     {"psoriasis": U, "seborrheic-dermatitis": U, "tinea-capitis": U}, ""),
    ("No BCC, SCC or melanoma in the sections.",
     {"basal-cell-carcinoma": N, "squamous-cell-carcinoma": N, "melanoma": N}, ""),
])
def test_other_experiencers_background_and_alternatives(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # ConText's hypothetical family: a test's or a screening's target, a proneness, a request form's "exclude"
    ("Transplant recipients should be screened for squamous cell carcinoma every year.",
     {"squamous-cell-carcinoma": U}, ""),
    ("Suspect erythema nodosum; check for sarcoidosis.", {"erythema-nodosum": U, "sarcoidosis": U},
     "erythema nodosum"),
    ("People with atopic dermatitis are more prone to eczema herpeticum.",
     {"atopic-dermatitis": A, "eczema-herpeticum": U}, "atopic dermatitis"),
    ("Request: shave biopsy, exclude BCC. Left cheek.", {"basal-cell-carcinoma": U}, ""),
    ("Dermoscopy excludes a melanoma here.", {"melanoma": N}, ""),
    # a disease's risk; a lesion's own risk class is not one
    ("her sun exposure and the lifetime melanoma risk were discussed", {"melanoma": U}, ""),
    ("Adjuvant radiotherapy for a high-risk squamous cell carcinoma of the scalp.",
     {"squamous-cell-carcinoma": A}, "squamous cell carcinoma"),
    # an exclusion however qualified is no exclusion
    ("Most probably a dermatofibroma, although a DFSP cannot be completely excluded.",
     {"dermatofibroma": U, "dfsp": U}, "dermatofibroma"),
    # a physician's hedge ("has the look of"); a hedged cause is not a hedged diagnosis
    ("It has the look of a pyogenic granuloma.", {"pyogenic-granuloma": U}, "pyogenic granuloma"),
    ("The rash is psoriasis, probably triggered by the strep throat.", {"psoriasis": A}, "psoriasis"),
    # a negation does not reach over a comma into a new clause
    ("The dermatologist said it's rosacea not acne, my cheeks go red with little bumps.",
     {"rosacea": A, "acne-vulgaris": N}, "rosacea"),
])
def test_hypothetical_cues_and_scope_ends(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # the last diagnosis named as a conclusion is the label, over the signs and findings named before it
    ("Figure 3. Thickened yellow toenail with subungual debris and onycholysis, consistent with onychomycosis.",
     {"onycholysis": A, "onychomycosis": U}, "onychomycosis"),
    ("Clinical photograph: scaly plaque with onycholysis, typical of psoriasis and not of tinea.",
     {"onycholysis": A, "psoriasis": A, "dermatophytosis": N}, "psoriasis"),
    ("at first we thought contact dermatitis then the biopsy showed interface change so it's lupus erythematosus",
     {"contact-dermatitis": N, "lupus-erythematosus": A}, "lupus erythematosus"),
    # a comorbidity's reach ends at the colon before the caption's diagnosis
    ("Figure 4. Violaceous papules on the wrist of a woman who also has hepatitis C: lichen planus.",
     {"lichen-planus": A}, "lichen planus"),
    # a refinement named before the conclusion still wins
    ("Photo of melanoma in situ, consistent with melanoma.", {"melanoma-in-situ": A, "melanoma": U},
     "melanoma in situ"),
])
def test_the_conclusion_is_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a hedged alternative conceded after the hedged working diagnosis is a guess: the working diagnosis is the label
    ("Probably psoriasis given the nail pits, though a chronic eczema is possible.",
     {"psoriasis": U, "eczema": U}, "psoriasis"),
    ("Likely a pilar cyst, although an epidermoid cyst is also possible.",
     {"pilar-cyst": U, "epidermoid-cyst": U}, "pilar cyst"),
    # a physician's conditional inference drawn as the conclusion
    ("Presumed scabies with crusted papules all over, which would make it crusted scabies.",
     {"scabies": U, "crusted-scabies": U}, "crusted scabies"),
    # two hedged alternatives without a concession or a conclusion stay a differential
    ("Could be a dermatofibroma or a pilar cyst.", {"dermatofibroma": U, "pilar-cyst": U}, ""),
])
def test_conceded_alternatives_and_conditional_conclusions(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a report's name retracted, a first-person earlier name with an adverb, answered later: set aside
    ("Addendum: the previously reported basal cell carcinoma is retracted; deeper levels show a trichoepithelioma.",
     {"basal-cell-carcinoma": N, "trichoepithelioma": A}, "trichoepithelioma"),
    ("so we initially thought this was cellulitis but the other leg is the same so it's stasis dermatitis",
     {"cellulitis": N, "stasis-dermatitis": A}, "stasis dermatitis"),
    ("i originally said tinea but on closer look the edge isn't scaly it's actually granuloma annulare",
     {"dermatophytosis": N, "granuloma-annulare": A}, "granuloma annulare"),
])
def test_earlier_names_retracted_or_revised(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
