"""Tagger changes made after reading the third independent set's errors (held out in round 4, run once, then
demoted to a tuning set; the held-out set is now the fourth). Development sentences written for each family
of errors, none taken from any evaluation set."""

from __future__ import annotations

import pytest


from tagger_helpers import check, concepts, status, tg  # noqa: F401 (tg is a fixture)



@pytest.mark.parametrize("text, want, label", [
    # an earlier, wrong diagnosis is set aside
    ("Pyoderma gangrenosum is frequently mistaken for cellulitis.",
     {"pyoderma-gangrenosum": "asserted", "cellulitis": "negated"}, "pyoderma gangrenosum"),
    ("In several reports the lesion was misdiagnosed as chronic eczema for years.", {"eczema": "negated"}, ""),
    ("Figure 2. Nodule initially diagnosed as a dermatofibroma; excision showed dermatofibrosarcoma protuberans.",
     {"dermatofibroma": "negated", "dfsp": "asserted"}, "dermatofibrosarcoma protuberans"),
    ("A subungual lesion, initially treated as onychomycosis for a year, proved to be acral lentiginous melanoma.",
     {"onychomycosis": "negated", "acral-lentiginous-melanoma": "asserted"}, "acral lentiginous melanoma"),
    # a statement about the conditions in general ("X can be confused with Y"), no case: X general (round 42), no label
    ("Keratoacanthoma can be confused with squamous cell carcinoma on a shave biopsy.",
     {"keratoacanthoma": "uncertain", "squamous-cell-carcinoma": "negated"}, ""),
    # someone's earlier name for it, then the correction
    ("ringworm according to the first clinic, though on review it is nummular eczema",
     {"tinea-corporis": "negated", "nummular-eczema": "asserted"}, "nummular eczema"),
    ("Tinea, said the first doctor; in fact it is granuloma annulare.",
     {"dermatophytosis": "negated", "granuloma-annulare": "asserted"}, "granuloma annulare"),
    ("the family was sure it was scabies but the lesions are actually insect bites",
     {"scabies": "negated", "insect-bite": "asserted"}, "insect bite"),
    ("they treat this as acne but the paediatrician says it's perioral dermatitis",
     {"acne-vulgaris": "negated", "perioral-dermatitis": "asserted"}, "perioral dermatitis"),
    ("many would label it a wart, but it's a seborrheic keratosis with a stuck-on look",
     {"viral-wart": "negated", "seborrheic-keratosis": "asserted"}, "seborrheic keratosis"),
    # a clinician's naming is a diagnosis, not a guess
    ("my GP called it a skin tag and froze it off", {"skin-tag": "asserted"}, "skin tag"),
    # a lay belief is a guess, never the label
    ("her husband swears it's just a heat rash but it has not gone away in a month", {"miliaria": "uncertain"}, ""),
    ("the gardener reckons it's poison ivy, blisters in streaks on both forearms",
     {"toxicodendron-dermatitis": "uncertain"}, ""),
    # a possible course, a test to exclude, a susceptibility, a comparison: not the finding
    ("Serial imaging is advised because of the risk of transformation into melanoma.", {"melanoma": "uncertain"}, ""),
    ("The nail was sampled to exclude onychomycosis before starting treatment.",
     {"onychomycosis": "uncertain"}, ""),
    ("Polymorphisms of the receptor gene and psoriasis susceptibility in a northern cohort.",
     {"psoriasis": "uncertain"}, ""),
    ("The infiltrate was similar in some respects to mycosis fungoides.", {"mycosis-fungoides": "uncertain"}, ""),
    # a physician's hedge: uncertain, and still the label
    ("that sounds like hand, foot and mouth disease, which is going round the nurseries",
     {"hand-foot-mouth-disease": "uncertain"}, "hand, foot and mouth disease"),
    ("The distribution and the itch point to scabies.", {"pruritus": "asserted", "scabies": "uncertain"}, "scabies"),
    ("The erosions are now thought to be pemphigus vulgaris.",
     {"pemphigus-vulgaris": "uncertain"}, "pemphigus vulgaris"),
    ("so with the silvery scale on the elbows we're thinking psoriasis", {"psoriasis": "uncertain"}, "psoriasis"),
    ("I'd call that pyogenic granuloma.", {"pyogenic-granuloma": "uncertain"}, "pyogenic granuloma"),
    ("it may well be a dermatofibroma, the dimple sign is positive",
     {"dermatofibroma": "uncertain"}, "dermatofibroma"),
    # a guess's or a negation's reach ends at "in" (the patients' condition); a hedge's does not
    ("Risk of melanoma in psoriasis patients treated with biologics.",
     {"melanoma": "uncertain", "psoriasis": "asserted"}, "psoriasis"),
    ("No evidence of scabies in the atopic dermatitis cohort.",
     {"scabies": "negated", "atopic-dermatitis": "asserted"}, "atopic dermatitis"),
    ("The changes are consistent with those seen in lichen planus.", {"lichen-planus": "uncertain"}, "lichen planus"),
    # a conditional clause reaches its consequence
    ("this child has impetigo, and if it gets deeper that's ecthyma",
     {"impetigo": "asserted", "ecthyma": "uncertain"}, "impetigo"),
    # naming, not doubting; an unchanged measure is no negation
    ("We call this a herald patch and it comes before pityriasis rosea.",
     {"pityriasis-rosea": "asserted"}, "pityriasis rosea"),
    ("There was no modification of psoriasis severity during the trial.", {"psoriasis": "asserted"}, "psoriasis"),
])
def test_set_aside_guesses_and_hedges(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a case's background, then what the patient presents with now
    ("A 58-year-old man with known psoriasis presented with a rapidly growing crusted nodule on the forearm, "
     "excised as a keratoacanthoma.", {"psoriasis": "asserted", "keratoacanthoma": "asserted"}, "keratoacanthoma"),
    ("Known atopic dermatitis; today clusters of umbilicated vesicles over the neck, diagnosed as eczema "
     "herpeticum.",
     {"atopic-dermatitis": "asserted", "eczema-herpeticum": "asserted"}, "eczema herpeticum"),
    ("He had a keratoacanthoma excised from the forearm in 2016. He now presents with a scaly red plaque on the "
     "shin, Bowen's disease on biopsy.",
     {"keratoacanthoma": "asserted", "bowens-disease": "asserted"}, "Bowen's disease"),
    ("Previously treated for lentigo maligna of the cheek (2018); presenting today with a waxy stuck-on plaque "
     "on the back, typical seborrheic keratosis.",
     {"lentigo-maligna": "asserted", "seborrheic-keratosis": "asserted"}, "seborrheic keratosis"),
    # no named diagnosis after the marker, or the marker is "presenting as" / "developed in": unchanged
    ("A woman with lupus presented with a rash.", {"lupus-erythematosus": "asserted"}, "lupus erythematosus"),
    ("Psoriasis presenting as erythroderma in an elderly man.",
     {"psoriasis": "asserted", "erythroderma": "asserted"}, "psoriasis"),
    ("Melanoma developed in a giant congenital nevus.",
     {"melanoma": "asserted", "giant-congenital-nevus": "asserted"}, "malignant melanoma"),
    # only hedged alternatives: no label; one hedged diagnosis: the label
    ("could be a wart, could be a corn; a photo in better light would help",
     {"viral-wart": "uncertain", "corn": "uncertain"}, ""),
    ("the pattern points to an irritant or allergic contact dermatitis",
     {"irritant-contact-dermatitis": "uncertain", "allergic-contact-dermatitis": "uncertain"}, ""),
    ("most likely tinea corporis", {"tinea-corporis": "uncertain"}, "tinea corporis"),
    # a sign before its cause, an itch beside a lesion: the named diagnosis is the label
    # (round 8: purpura beside its named cause is the purpura concept only, as sets 3-6 annotate it)
    ("Palpable purpura on both shins; biopsy showed IgA vasculitis.",
     {"iga-vasculitis": "asserted"}, "IgA vasculitis"),
    ("Purpura on the forearms of an elderly man.", {"purpura": "asserted"}, "purpura"),
    ("Chronic kidney disease with uraemic itch; excoriated prurigo nodules over the forearms.",
     {"uremic-pruritus": "asserted", "prurigo-nodularis": "asserted"}, "prurigo nodularis"),
])
def test_case_background_and_alternatives(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a question about treating it does not doubt it; a question about what it is does
    ("Any tips for getting rid of molluscum? My daughter has them all over her tummy.",
     {"molluscum-contagiosum": "asserted"}, "molluscum contagiosum"),
    ("What cream works for eczema on a baby's face?", {"eczema": "asserted"}, "eczema"),
    ("Is this eczema?", {"eczema": "uncertain"}, ""),
    # catalogue order with a site after a dash, and in Latin order
    ("Carcinoma, squamous cell, well differentiated - scalp",
     {"squamous-cell-carcinoma": "asserted"}, "squamous cell carcinoma"),
    ("Carcinoma, basal cell, nodular type - left cheek",
     {"nodular-bcc": "asserted"}, "nodular basal cell carcinoma"),
    ("Tinea, corporis", {"tinea-corporis": "asserted"}, "tinea corporis"),
    ("Lupus erythematosus, discoid type - face", {"dle": "asserted"}, "discoid lupus erythematosus"),
    ("Chronic discoid lupus erythematosus of the ear.", {"dle": "asserted"}, "discoid lupus erythematosus"),
    # a condition with its site after it is the site's subtype where the ontology has one
    ("Painful warts on the soles of both feet for two years.", {"plantar-wart": "asserted"}, "plantar wart"),
    ("Fissured psoriasis of the palms, KOH negative.",
     {"palmoplantar-psoriasis": "asserted"}, "palmoplantar psoriasis"),
    ("Psoriasis on the knees and elbows.", {"psoriasis": "asserted"}, "psoriasis"),
    ("pustular psoriasis of the palms",
     {"palmoplantar-pustulosis": "asserted"}, "palmoplantar pustulosis"),
    # a diagnosis and its own subtype joined by a slash: the broader one covers both
    ("condition_label: SCC/SCCIS", {"squamous-cell-carcinoma": "asserted"}, "squamous cell carcinoma"),
    ("diagnosis: melanoma/melanoma in situ", {"melanoma": "asserted"}, "malignant melanoma"),
    ("diagnosis: psoriasis/eczema overlap", {"psoriasis": "asserted", "eczema": "asserted"}, "psoriasis"),
    # a long abbreviation that is no English word stands alone
    ("Known DFSP, re-excision planned.", {"dfsp": "asserted"}, "dermatofibrosarcoma protuberans"),
    # false friends
    ("Proton beam therapy for uveal malignant melanoma.", {}, ""),
    ("P. acnes and C. acnes are the same bacterium; acnes strains differ in virulence.", {}, ""),
    ("White sponge nevus of the buccal mucosa in two siblings.", {}, ""),
    # synonyms real sources use
    ("a flat port-wine birthmark over the left temple of a newborn",
     {"port-wine-stain": "asserted"}, "port-wine stain"),
    # (round 33: calcinosis on the fingertips is calcinosis cutis beside the sclerosis, as sets 19 and 20 annotate it;
    # the sclerosis stays the label)
    ("limited systemic sclerosis with calcinosis on the fingertips",
     {"limited-systemic-sclerosis": "asserted", "calcinosis-cutis": "asserted"}, "limited cutaneous systemic sclerosis"),
    ("excoriated prurigo nodules on the shins, uremic itch for a year",
     {"prurigo-nodularis": "asserted", "uremic-pruritus": "asserted"}, "prurigo nodularis"),
    ("Contact photodermatitis to a sunscreen filter.",
     {"photoallergic-dermatitis": "asserted"}, "photoallergic dermatitis"),
])
def test_questions_forms_and_false_friends(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want", [
    ("sclerodactyly and hardening of the skin of the forearms", {"sclerosis"}),
    ("a skin-coloured papule with a central dimple", {"papule", "skin-coloured", "umbilicated"}),
    ("prurigo nodules on the shins", {"nodule"}),
    # a list's negation stops where a new subject starts
    ("Not to be confused with melasma, the brown macules here followed acne.", {"brown-hyperpigmentation", "macule"}),
    ("No scale, erythema or induration over the plaque.", {"plaque"}),
    # lay and descriptive forms of concepts
    ("tiny pus spots across his upper chest and back", {"pustule", "truncal"}),
    ("golden crusts, the colour of honey, on the chin", {"crust", "yellow"}),
    ("retiform purpura with a necrotic centre", {"reticulate", "purpura-petechiae", "necrosis"}),
    ("white depigmented patches around the eyes of a child", {"depigmentation", "patch", "periorificial"}),
    ("pustules on the palms of the hands", {"pustule", "palmoplantar"}),
    ("moist erythematous plaques under the breasts, in the inframammary fold", {"erythema", "plaque", "flexural"}),
    # amelanotic is a lesion without melanin (pink), not depigmented skin
    ("an amelanotic nodule on the shin", {"nodule"}),
    # "going round" is no round lesion
    ("a virus going round the school gave him a rash", set()),
    ("Chest radiograph: patchy infiltrates in both lower lobes.", set()),
])
def test_concepts(tg, text, want):
    t, _ = tg
    assert concepts(t.tag(text)) == want
