"""Tagger changes made after reading the seventh independent set's errors (held out after round 8, run once, then
demoted to a tuning set in round 9). Development sentences written for each family of errors, none taken from
any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.core import (CORRECTION, CORRECTION_WORDS, GENERAL, GENERAL_WORDS, PICTURED, PICTURED_WORDS,
                                      SCORE_NAME, SCORE_WORDS, any_in)
from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)


@pytest.mark.parametrize("text, want, label", [
    # spoken self-corrections in new wordings
    ("is that a wart no hold on its got a central dell so its molluscum",
     {"viral-wart": "negated", "molluscum-contagiosum": "asserted"}, "molluscum contagiosum"),
    ("i wrote down dermatofibroma, scratch that, the ugly duckling here is a melanoma",
     {"dermatofibroma": "negated", "melanoma": "asserted"}, "malignant melanoma"),
    ("the handout calls it acne; that is an error, the picture shows rosacea on the nose and cheeks",
     {"acne-vulgaris": "negated", "rosacea": "asserted"}, "rosacea"),
    ("I filed this one under lichen planus in the atlas, wrong, it's a lichenoid drug eruption",
     {"lichen-planus": "negated", "lichenoid-drug-eruption": "asserted"}, "lichenoid drug eruption"),
    ("we'll label it a sebaceous cyst, hmm, no, it moves freely and feels soft, it's a lipoma",
     {"epidermoid-cyst": "negated", "lipoma": "asserted"}, "lipoma"),
    ("a pyogenic granuloma, ah no, it's too slow and too dark, it's an amelanotic melanoma",
     {"pyogenic-granuloma": "negated", "amelanotic-melanoma": "asserted"}, "amelanotic melanoma"),
    ("this one on the nose, i'd have called it a BCC, sorry no, its a sebaceous hyperplasia",
     {"basal-cell-carcinoma": "negated", "sebaceous-hyperplasia": "asserted"}, "sebaceous hyperplasia"),
    # a record's name replaced, a refinement included
    ("Case 3 was entered as naevus; corrected to dysplastic naevus at the audit.",
     {"melanocytic-nevus": "negated", "dysplastic-nevus": "asserted"}, "dysplastic nevus"),
    ("The shave was first signed out as an actinic keratosis and is now reclassified as a Bowen disease.",
     {"actinic-keratosis": "negated", "bowens-disease": "asserted"}, "Bowen's disease"),
    ("The register had it as lentigo maligna; the MDT changed it to lentigo maligna melanoma.",
     {"lentigo-maligna": "negated", "lentigo-maligna-melanoma": "asserted"}, "lentigo maligna melanoma"),
    # an earlier, wrong name in other words
    ("A 40-year-old woman was initially diagnosed with tinea; the scrapings were negative and biopsy showed "
     "granuloma annulare.", {"dermatophytosis": "negated", "granuloma-annulare": "asserted"}, "granuloma annulare"),
    ("Pityriasis rosea was misread as secondary syphilis in a young man.",
     {"pityriasis-rosea": "asserted", "secondary-syphilis": "negated"}, "pityriasis rosea"),
    ("next is a dermatofibroma which students mistake for a melanoma, firm papules that dimple when pinched",
     {"dermatofibroma": "asserted", "melanoma": "negated"}, "dermatofibroma"),
    ("psoriasis is what i would have said but the nails are normal, so lichen simplex",
     {"psoriasis": "negated", "lichen-simplex-chronicus": "asserted"}, "lichen simplex chronicus"),
])
def test_round9_self_corrections_and_replaced_names(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a disease inside a score's or instrument's name is no finding
    ("Improvement was measured with the Psoriasis Area and Severity Index at week 16.", {}, ""),
    ("Hidradenitis severity score and pain scale were recorded at each visit.", {}, ""),
    ("We used the Vitiligo Disease Area Index and a pruritus severity scale.", {}, ""),
    ("The minimal erythema dose was determined on the buttock before phototherapy.", {}, ""),
    # a disease outside the name still counts
    ("Forty patients with vitiligo were scored with the vitiligo disease area index.",
     {"vitiligo": "asserted"}, "vitiligo"),
    ("Skin involvement in DM was assessed with a disease activity score.", {"dermatomyositis": "asserted"},
     "dermatomyositis"),
])
def test_round9_score_names(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a sentence defining a disease or stating an association in general: no finding, no label
    ("Lichen sclerosus (LS) is a chronic inflammatory dermatosis of the anogenital skin.",
     {"lichen-sclerosus": "uncertain"}, ""),
    ("Pemphigus vulgaris is the most common form of pemphigus.",
     {"pemphigus-vulgaris": "uncertain", "pemphigus": "uncertain"}, ""),
    ("However, rosacea has long been associated with migraine.", {"rosacea": "uncertain"}, ""),
    ("Chronic urticaria and vitiligo are associated with thyroid autoimmunity.",
     {"chronic-urticaria": "uncertain", "vitiligo": "uncertain"}, ""),
    # the lesion or patient in front of us is a finding
    ("This psoriasis is a thick plaque type on the elbow.", {"psoriasis": "asserted"}, "psoriasis"),
    ("Our patient with lichen sclerosus is a 60-year-old woman.", {"lichen-sclerosus": "asserted"},
     "lichen sclerosus"),
    ("Fifty patients with vitiligo were randomised to two arms.", {"vitiligo": "asserted"}, "vitiligo"),
])
def test_round9_general_statements(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # the sentence that points at the picture gives the label; another sentence's disease is background there
    ("She was treated for rosacea years ago; the photo shows a flat seborrheic keratosis on the temple.",
     {"rosacea": "asserted", "seborrheic-keratosis": "asserted"}, "seborrheic keratosis"),
    ("Impetigo was going round his class. The boy photographed here has eczema on the wrists.",
     {"impetigo": "asserted", "eczema": "asserted"}, "eczema"),
    ("Organ transplant patients often get warts; this woman's lesion is a keratoacanthoma on the hand.",
     {"viral-wart": "asserted", "keratoacanthoma": "asserted"}, "keratoacanthoma"),
    # a picture sentence naming no condition changes nothing
    ("He has had psoriasis for years; the image shows his nails.", {"psoriasis": "asserted"}, "psoriasis"),
])
def test_round9_pictured_sentence(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Generalized seborrhoeic dermatitis of infants", {"infantile-seborrheic-dermatitis": "asserted"},
     "infantile seborrheic dermatitis"),
    ("Hereditary angioneurotic oedema (disorder)", {"hereditary-angioedema": "asserted"}, "hereditary angioedema"),
    ("Dermatitis factitia of the forearm", {"factitial-dermatitis": "asserted"}, "factitial dermatitis"),
    ("Pemphigus, Benign Familial", {"hailey-hailey": "asserted"}, "Hailey-Hailey disease"),
    ("Infection by Dirofilaria repens, subcutaneous nodule", {"dirofilariasis": "asserted"}, "dirofilariasis"),
    ("Bed sores on the sacrum after a long admission.", {"pressure-ulcer": "asserted"}, "pressure ulcer"),
    ("Idiopathic cold-induced urticaria after swimming.", {"cold-urticaria": "asserted"}, "cold urticaria"),
    ("Nail biopsy: SUM, Breslow 1.1 mm.", {"subungual-melanoma": "asserted"}, "subungual melanoma"),
])
def test_round9_dataset_and_lay_names(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a coach's, beautician's, hairdresser's or podiatrist's view is a guess: uncertain, never the label
    ("The beautician says the brown patches on my cheeks are melasma.", {"melasma": "uncertain"}, ""),
    ("the podiatrist swears it's a plantar wart, not a corn", {"plantar-wart": "uncertain", "corn": "negated"}, ""),
    ("Our football coach thinks the rash on my shins is ringworm.", {"tinea-corporis": "uncertain"}, ""),
    ("The hairdresser told me it looked like alopecia areata.", {"alopecia-areata": "uncertain"}, ""),
    # a physician's statement stays asserted
    ("The dermatologist says the brown patches on my cheeks are melasma.", {"melasma": "asserted"}, "melasma"),
])
def test_round9_non_physicians(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a list of possibilities is a differential: each uncertain, no label
    ("Possibilities include psoriasis, tinea corporis and nummular eczema.",
     {"psoriasis": "uncertain", "tinea-corporis": "uncertain", "nummular-eczema": "uncertain"}, ""),
    ("The possibilities are lichen planus or a lichenoid drug eruption.",
     {"lichen-planus": "uncertain", "lichenoid-drug-eruption": "uncertain"}, ""),
])
def test_round9_possibilities(tg, text, want, label):
    check(tg, text, want, label)


def test_round9_gates_restate_the_rules():
    """Each engine gate holds a word of every phrase of the regex it guards (a text without one skips it)."""
    for text in ("no hold on", "scratch that", "that is an error", "corrected to", "changed it to",
                 "reclassified as", "wrong| it s", "hmm| no", "ah no", "oh| no"):
        assert CORRECTION.search(text) and any_in(CORRECTION_WORDS)(text), text
    for text in (" area and severity index", " disease area index", " activity score", " dose", " tool"):
        m = SCORE_NAME.match(text)
        assert m and not SCORE_WORDS.isdisjoint(m.group(0).replace("|", " ").split()), text
    for text in (" is a", " are associated with", " has long been associated with", " is defined as"):
        m = GENERAL.match(text)
        assert m and not GENERAL_WORDS.isdisjoint(m.group(0).replace("|", " ").split()), text
    from derm1m_build.tagger.core import NOT_PHYSICIAN_SAID, NOT_PHYSICIAN_WORDS
    for text in ("the coach said", "my podiatrist thinks", "her hairdresser swears", "the beautician told her"):
        m = NOT_PHYSICIAN_SAID.search(text)
        assert m and not NOT_PHYSICIAN_WORDS.isdisjoint(m.group(0).split()), text
    for text in ("the image shows", "photographed here", "this man s lesion is", "the photo showed"):
        m = PICTURED.search(text)
        assert m and not PICTURED_WORDS.isdisjoint(m.group(0).replace("|", " ").split()), text
