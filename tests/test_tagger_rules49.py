"""Tagger rules and label of round 49 (tuning sets: gold and independent sets 1-35). "That's / this is X until proven
otherwise" is the clinician's working diagnosis (hedged, the label), as ANNOTATION.md's round-49 decision settles it;
a comparison of two treatments or methods ("UVB versus calcipotriol for vitiligo") weighs no diagnosis, while "versus"
between two names stays a differential; a clinician writing about a patient (images sent for a tele-consultation, a
heading to a service, the patient introduced in the third person) makes the writer's "I think X" / "I wonder about X"
a hedged diagnosis the label takes, and a referral's "which may be X" too. Every sentence is new, written for these
tests, none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # the caveat after "that's" / "this is": hedged, the label
    ("a thickened crumbly big toenail with a white streak, that's onychomycosis until proven otherwise",
     {"onychomycosis": U}, "onychomycosis"),
    ("Silvery plaques on both knees with pitted nails, so this is psoriasis until proven otherwise.",
     {"psoriasis": U}, "psoriasis"),
    ("painful grouped vesicles on the lower lip again, that's herpes labialis until shown otherwise",
     {"herpes-labialis": U}, "herpes labialis"),
    ("a boggy tender scalp swelling in a child who keeps a guinea pig, that's a kerion until I see otherwise",
     {"kerion": U}, "kerion"),
    # guard: the caveat said of a presentation in general stays hedged, as before
    ("Grouped painful vesicles in one dermatome of an older man are shingles until proven otherwise.",
     {"herpes-zoster": U}, "herpes zoster"),
])
def test_until_proven_otherwise_is_a_working_diagnosis(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # two treatments or methods compared: the disease after "for" / "in" is the study's subject
    ("Methotrexate versus ciclosporin for severe atopic dermatitis in children: a randomised trial",
     {"atopic-dermatitis": A}, "atopic dermatitis"),
    ("Oral isotretinoin vs. doxycycline in moderate acne: a twelve-week randomised comparison",
     {"acne-vulgaris": A}, "acne vulgaris"),
    ("Cryotherapy versus salicylic acid paint for plantar warts in schoolchildren",
     {"plantar-wart": A}, "plantar wart"),
    # guards: "versus" between two names is a differential, no label
    ("Granuloma annulare versus tinea corporis on the forearm; scraping sent.",
     {"granuloma-annulare": U, "tinea-corporis": U}, ""),
    ("Telederm note: ?SCC vs keratoacanthoma on the scalp, excision booked.",
     {"squamous-cell-carcinoma": U, "keratoacanthoma": U}, ""),
])
def test_versus_weighs_only_the_names_beside_it(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a clinician writing about a patient: the writer's belief is a hedged diagnosis, the label
    ("This retired plumber has a violaceous papular rash on both wrists and I wonder about lichen planus.",
     {"lichen-planus": U}, "lichen planus"),
    ("This teenager has greasy yellow scale along the eyebrows and nasal folds, which I think is seborrhoeic "
     "dermatitis.", {"seborrheic-dermatitis": U}, "seborrheic dermatitis"),
    ("Photos attached for Mr Reid: a red scaly plaque on the shin for two years; I think this is Bowen's disease.",
     {"bowens-disease": U}, "Bowen's disease"),
    ("Practice nurse to dermatology: sloughy ulcer above the inner ankle with brown staining; I think this is a venous "
     "leg ulcer.", {"venous-leg-ulcer": U}, "venous leg ulcer"),
    # a referral's "which may be X"
    ("Please review this gentleman's pearly papule on the cheek, which may be a basal cell carcinoma.",
     {"basal-cell-carcinoma": U}, "basal cell carcinoma"),
    # guards: a patient's own belief and a patient's "which may be" stay guesses, no label
    ("My son has dry rough patches on his cheeks, I think it is eczema.", {"eczema": U}, ""),
    ("I have a red scaly rash on my elbows which may be psoriasis, please help.", {"psoriasis": U}, ""),
])
def test_a_clinician_writing_about_a_patient(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a kind in general teaching: an adverb of frequency, a class with an adverbed relative or a form, what it is not
    ("Pityriasis rosea often starts with a single herald patch on the trunk.", {"pityriasis-rosea": U}, ""),
    ("Hidradenitis suppurativa is a chronic inflammatory disease mainly affecting the armpits and groins.",
     {"hidradenitis-suppurativa": U}, ""),
    ("Psoriasis is not contagious, whatever the neighbours say.", {"psoriasis": U}, ""),
    # an exam's question and its lettered options
    ("Quiz item 7: which of the following is NOT a feature of lichen planus? (a) Wickham striae (b) nail pterygium",
     {"lichen-planus": U, "pterygium-unguis": U}, ""),
    ("Which of the following drugs most often causes a fixed drug eruption?", {"fixed-drug-eruption": U}, ""),
    # a general causal statement
    ("Nickel causes allergic contact dermatitis in many people.", {"allergic-contact-dermatitis": U}, ""),
    # guards: a case told with a determiner or a person keeps its status
    ("Her psoriasis often flares in winter.", {"psoriasis": A}, "psoriasis"),
    ("The new watch strap causes her contact dermatitis to flare.", {"contact-dermatitis": A}, "contact dermatitis"),
    ("Vitiligo often begins on the face; this boy's depigmented patches are on both knees, and the Wood's lamp "
     "confirmed vitiligo.", {"vitiligo": A}, "vitiligo"),
])
def test_a_kind_in_general_teaching(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a lay fear answered by a clinician's verdict naming another diagnosis: the feared name is set aside
    ("Post: new pink lump on my shin, terrified it's a melanoma. Update: the dermatologist pinched it and said it's a "
     "dermatofibroma.", {"melanoma": N, "dermatofibroma": A}, "dermatofibroma"),
    ("Scared the rough patch on my temple was skin cancer, but the GP says it is an actinic keratosis.",
     {"malignant": N, "actinic-keratosis": A}, "actinic keratosis"),
    # guard: a fear with no verdict stays a guess
    ("scared it's scabies because my kids scratch all night; seeing the GP on Friday", {"scabies": U}, ""),
])
def test_a_fear_answered_by_a_verdict(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
